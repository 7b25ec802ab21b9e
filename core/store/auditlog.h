// The audit trail: a separate append-only, hash-chained log of who logged in, viewed,
// printed, exported or tried to delete what (行政处罚法 art 47: 全过程记录).
#pragma once

#include "core/crypto/hash.h"
#include "core/db/sqlite.h"
#include "core/event/event.h"
#include "core/util/clock.h"

#include <QJsonObject>

namespace fieldcase {

// The audit vocabulary. Anything a person does that does not change a case (and so is no event)
// but matters for accountability gets an entry.
namespace audit {
inline constexpr char kLogin[] = "login";
inline constexpr char kLoginFailed[] = "login.failed";
inline constexpr char kLogout[] = "logout";
inline constexpr char kView[] = "view"; // a case or evidence opened for viewing
inline constexpr char kPrint[] = "print"; // a document printed or reprinted
inline constexpr char kExport[] = "export"; // a dossier or evidence exported
inline constexpr char kDeleteAttempt[] = "delete.attempt";
inline constexpr char kOfficerRegistered[] = "officer.registered";
inline constexpr char kTerminalRegistered[] = "terminal.registered";
inline constexpr char kEventsImported[] = "events.imported";
inline constexpr char kCheck[] = "db.check";
} // namespace audit

// Appends to and reads the audit trail.
class AuditLog
{
public:
    AuditLog(db::Database& db, const Clock& clock, QString terminalId, HashAlgorithm alg)
        : m_db(db)
        , m_clock(clock)
        , m_terminalId(std::move(terminalId))
        , m_alg(alg)
    { }

    // Appends one entry. Call inside the caller's transaction when the audited act is a write,
    // so the act and its audit row commit together; otherwise it commits on its own.
    [[nodiscard]] Status record(const QString& officerId, std::optional<Role> role,
        const QString& action, const QString& object, const QJsonObject& detail = {});

    // The canonical bytes of an audit row that its hash covers.
    [[nodiscard]] static QByteArray canonicalBytes(qint64 seq, qint64 at, const QString& terminal,
        const QString& officer, const QString& role, const QString& action, const QString& object,
        const QByteArray& detailJson, const QByteArray& prev);

private:
    db::Database& m_db;
    const Clock& m_clock;
    QString m_terminalId;
    HashAlgorithm m_alg;
};

} // namespace fieldcase
