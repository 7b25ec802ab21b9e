// One entry of a case's append-only event log (ARCHITECTURE.md §3).
#pragma once

#include "core/crypto/hash.h"
#include "core/event/hlc.h"
#include "core/util/result.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace fieldcase {

// What an officer acts as. Enforced in core for every command (not only in the UI).
enum class Role { Officer, Supervisor, Installer };

[[nodiscard]] QString roleName(Role role);
[[nodiscard]] std::optional<Role> roleFromName(QStringView name);

// A signed, hash-chained event. The chain is per (terminal, case): prev is the hash of this
// terminal's previous event in the same case, chainSeq its position from 1.
struct Event
{
    QString id; // UUIDv7
    QString caseId; // UUIDv7 of the case
    QString type; // e.g. "case.opened"
    int schemaVersion = 1;
    QStringList actors; // officer ids; two-officer acts carry both
    Role role = Role::Officer;
    QString terminalId;
    HlcTimestamp at;
    qint64 chainSeq = 0;
    QJsonObject position; // GNSS fix (lat, lon, accuracy, fixAt, source) or empty
    QJsonObject payload;
    QByteArray prev; // raw digest, empty for the first event of a chain
    HashAlgorithm hashAlgorithm = HashAlgorithm::Sm3;
    QByteArray hash; // digest of canonicalBytes()
    QByteArray signature; // terminal key signature over canonicalBytes()

    // The exact bytes that hash and signature cover (canonical JSON of every field above
    // except hash and signature).
    [[nodiscard]] QByteArray canonicalBytes() const;
    [[nodiscard]] QByteArray computeHash() const;

    // Transport form (hash and signature in lowercase hex / base64).
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Event> fromJson(const QJsonObject& json);
};

} // namespace fieldcase
