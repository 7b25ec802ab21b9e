// Reference packs: signed, versioned JSON documents carrying the law-derived data (violations,
// discretion, procedures, calendar, deadlines, codes, unit settings, registry). See
// docs/reference-packs.md for the format.
#pragma once

#include "core/crypto/keys.h"
#include "core/db/sqlite.h"
#include "core/util/clock.h"

#include <QDate>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace fieldcase::rules {

// The kinds of pack this build understands. "card-profiles" packs only carry data for the
// devices layer (IC-card layouts, devices/cardreader/cardprofile.h); core checks their shape.
inline constexpr const char* kPackKinds[] = {"violations", "discretion", "procedures", "calendar",
    "deadlines", "codes", "unit", "registry", "card-profiles"};

// The `pack` object of a pack file, with its signature.
struct Pack
{
    QString id;
    QString kind;
    qint64 version = 0;
    QDate effectiveFrom;
    QDate effectiveTo; // null: open-ended
    QString issuer;
    QString createdAt;
    bool demo = false;
    QString notes;
    QJsonObject content;
    QJsonObject body; // the whole `pack` object as read (what the signature covers)

    // Signature block.
    QString signatureAlgorithm;
    QString keyId; // hex SM3 fingerprint of the signing public key
    QByteArray signature;

    // True if the pack applies on the given date (effectiveFrom ≤ date ≤ effectiveTo).
    [[nodiscard]] bool inForceOn(QDate date) const;
};

// Parses a pack file (envelope + signature) and checks its structure; does not check the
// signature (that needs the trusted keys: ReferenceStore::verify).
[[nodiscard]] Result<Pack> parsePack(const QByteArray& fileContent);

// Builds a signed pack file from a `pack` object (for publishers, the reference centre and
// tests). The signature covers the canonical JSON of the object.
[[nodiscard]] Result<QByteArray> signPack(const QJsonObject& packBody, const KeyPair& key);

// The stored reference data of a terminal: trusted pack keys and every imported pack version.
// Lives in its own SQLite file (reference.db) next to the case store.
class ReferenceStore
{
public:
    [[nodiscard]] static Result<std::unique_ptr<ReferenceStore>> open(
        const QString& path, const Clock& clock);

    // Trust a publisher key for pack signatures (installer action; the caller audits it).
    [[nodiscard]] Status trustKey(const PublicKey& key, const QString& label);
    [[nodiscard]] Result<QStringList> trustedKeyIds();

    // Verifies the signature against the trusted keys.
    [[nodiscard]] Status verify(const Pack& pack);

    // Verifies and stores a pack atomically. Refused (nothing changes) when the signature is
    // bad or the key untrusted, the kind unknown, the content malformed for its kind (the
    // validator is supplied per kind by the caller), or the version is not newer than the stored
    // one of the same id.
    using ContentValidator = std::function<Status(const Pack&)>;
    [[nodiscard]] Result<Pack> import(
        const QByteArray& fileContent, const ContentValidator& validator = {});

    // The newest version of pack id in force on date (《行政处罚法》第三十七条: the rules in
    // force when the act was committed apply); nullopt if none.
    [[nodiscard]] Result<std::optional<Pack>> inForce(const QString& id, QDate date);
    // All stored versions of packs of a kind in force on date, newest version per id.
    [[nodiscard]] Result<QList<Pack>> inForceOfKind(const QString& kind, QDate date);
    // Every stored pack version (newest first per id).
    [[nodiscard]] Result<QList<Pack>> all();

    [[nodiscard]] db::Database& database() { return *m_db; }

private:
    ReferenceStore(std::unique_ptr<db::Database> db, const Clock& clock)
        : m_db(std::move(db))
        , m_clock(clock)
    { }
    Result<QList<Pack>> query(const char* where, const QStringList& args);

    std::unique_ptr<db::Database> m_db;
    const Clock& m_clock;
};

} // namespace fieldcase::rules
