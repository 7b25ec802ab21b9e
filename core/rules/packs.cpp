#include "core/rules/packs.h"

#include "core/db/migrator.h"
#include "core/event/canonicaljson.h"
#include "core/util/text.h"

#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace fieldcase::rules {

namespace {

constexpr const char* kFormat = "fieldcase-reference-pack";
constexpr int kFormatVersion = 1;

// reference.db schema. Packs are kept per (id, version): older versions stay, because a case is
// judged by the rules in force on the date of the act.
constexpr db::Migration kMigrations[] = {
    {1, "trusted keys and packs", R"SQL(
CREATE TABLE trusted_keys (
  key_id TEXT PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  label TEXT,
  added_at INTEGER NOT NULL
) STRICT;
CREATE TABLE packs (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  issuer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  demo INTEGER NOT NULL,
  body TEXT NOT NULL,            -- canonical JSON of the signed `pack` object
  signature_algorithm TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature BLOB NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;
CREATE INDEX packs_kind ON packs(kind, effective_from);
)SQL"},
    // Offline registry snapshot (replaced whole by each registry pack) and the law full-text
    // index. Trigram FTS5 finds any ≥ 3-character substring of Chinese text; shorter queries
    // use instr() because trigram LIKE/MATCH return nothing for them (SQLite 3.40).
    {2, "registry and law search", R"SQL(
CREATE TABLE registry_vehicles (
  plate TEXT NOT NULL,
  plate_colour TEXT NOT NULL DEFAULT '',
  transport_cert_no TEXT,
  cert_status TEXT,
  cert_valid_until TEXT,
  operator_uscc TEXT,
  operator_name TEXT,
  vehicle_type TEXT,
  axles INTEGER,
  PRIMARY KEY (plate, plate_colour)
) STRICT, WITHOUT ROWID;
CREATE TABLE registry_operators (
  uscc TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  licence_no TEXT,
  licence_status TEXT,
  scope TEXT,
  valid_until TEXT
) STRICT, WITHOUT ROWID;
CREATE TABLE registry_drivers (
  id_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  qualification_no TEXT,
  qualification_status TEXT,
  valid_until TEXT
) STRICT, WITHOUT ROWID;
CREATE TABLE registry_violations (
  subject TEXT NOT NULL,         -- plate, USCC or ID number
  subject_kind TEXT NOT NULL,    -- vehicle / operator / driver
  date TEXT NOT NULL,
  code TEXT,
  description TEXT,
  amount_fen INTEGER,
  paid INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_violations_subject ON registry_violations(subject);
CREATE TABLE registry_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE VIRTUAL TABLE law_fts USING fts5(code, law, article, text, tokenize = 'trigram');
)SQL"},
};

Error malformed(const QString& what)
{
    return Error {ErrorCode::InvalidArgument,
        CoreText::tr("The reference pack is malformed: %1").arg(what), {}};
}

QDate isoDate(const QJsonValue& v)
{
    return v.isString() ? QDate::fromString(v.toString(), Qt::ISODate) : QDate();
}

Result<Pack> packFromBody(const QJsonObject& body)
{
    Pack p;
    p.body = body;
    if (body.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return fail(malformed(CoreText::tr("not a FieldCase reference pack")));
    const int formatVersion = body.value(QLatin1String("formatVersion")).toInt(-1);
    if (formatVersion != kFormatVersion)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The reference pack uses format version %1; this FieldCase "
                         "reads version %2. Install a matching FieldCase version.")
                .arg(formatVersion)
                .arg(kFormatVersion));
    p.id = body.value(QLatin1String("id")).toString();
    p.kind = body.value(QLatin1String("kind")).toString();
    p.version = body.value(QLatin1String("version")).toInteger(0);
    p.effectiveFrom = isoDate(body.value(QLatin1String("effectiveFrom")));
    p.effectiveTo = isoDate(body.value(QLatin1String("effectiveTo")));
    p.issuer = body.value(QLatin1String("issuer")).toString();
    p.createdAt = body.value(QLatin1String("createdAt")).toString();
    p.demo = body.value(QLatin1String("demo")).toBool(false);
    p.notes = body.value(QLatin1String("notes")).toString();
    p.content = body.value(QLatin1String("content")).toObject();
    if (p.id.isEmpty())
        return fail(malformed(CoreText::tr("no id")));
    if (std::none_of(std::begin(kPackKinds), std::end(kPackKinds),
            [&](const char* k) { return p.kind == QLatin1String(k); }))
        return fail(malformed(CoreText::tr("unknown kind “%1”").arg(p.kind)));
    if (p.version < 1)
        return fail(malformed(CoreText::tr("the version must be a whole number ≥ 1")));
    if (!p.effectiveFrom.isValid())
        return fail(malformed(CoreText::tr("effectiveFrom is not a date (YYYY-MM-DD)")));
    if (!body.value(QLatin1String("effectiveTo")).isNull()
        && body.contains(QLatin1String("effectiveTo"))
        && (!p.effectiveTo.isValid() || p.effectiveTo < p.effectiveFrom))
        return fail(malformed(CoreText::tr("effectiveTo is not a date on or after effectiveFrom")));
    if (p.issuer.isEmpty())
        return fail(malformed(CoreText::tr("no issuer")));
    if (!body.value(QLatin1String("content")).isObject())
        return fail(malformed(CoreText::tr("content is not an object")));
    return p;
}

} // namespace

bool Pack::inForceOn(QDate date) const
{
    return date >= effectiveFrom && (!effectiveTo.isValid() || date <= effectiveTo);
}

Result<Pack> parsePack(const QByteArray& fileContent)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(fileContent, &error);
    if (!doc.isObject())
        return fail(malformed(
            CoreText::tr("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset)));
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("pack")).isObject())
        return fail(malformed(CoreText::tr("no “pack” object")));
    auto pack = packFromBody(root.value(QLatin1String("pack")).toObject());
    if (!pack)
        return pack;
    const QJsonObject sig = root.value(QLatin1String("signature")).toObject();
    pack->signatureAlgorithm = sig.value(QLatin1String("algorithm")).toString();
    pack->keyId = sig.value(QLatin1String("keyId")).toString();
    pack->signature
        = QByteArray::fromBase64(sig.value(QLatin1String("value")).toString().toLatin1());
    if (pack->signature.isEmpty() || pack->keyId.isEmpty())
        return fail(ErrorCode::Rejected, CoreText::tr("The reference pack is not signed"));
    return pack;
}

Result<QByteArray> signPack(const QJsonObject& packBody, const KeyPair& key)
{
    auto checked = packFromBody(packBody);
    if (!checked)
        return fail(checked.error());
    auto sig = key.sign(canonicalJson(packBody));
    if (!sig)
        return fail(sig.error());
    const QJsonObject file {{QLatin1String("pack"), packBody},
        {QLatin1String("signature"),
            QJsonObject {{QLatin1String("algorithm"), signatureAlgorithmName(key.algorithm())},
                {QLatin1String("keyId"),
                    QString::fromLatin1(key.publicKey().fingerprint().toHex())},
                {QLatin1String("value"), QString::fromLatin1(sig->toBase64())}}}};
    return QJsonDocument(file).toJson(QJsonDocument::Indented);
}

// ------------------------------------------------------------------------------ ReferenceStore

Result<std::unique_ptr<ReferenceStore>> ReferenceStore::open(
    const QString& path, const Clock& clock)
{
    auto db = db::Database::open(path);
    if (!db)
        return fail(db.error());
    auto version = db::migrate(**db, kMigrations);
    if (!version)
        return fail(version.error());
    return std::unique_ptr<ReferenceStore>(new ReferenceStore(std::move(*db), clock));
}

Status ReferenceStore::trustKey(const PublicKey& key, const QString& label)
{
    auto stmt = m_db->cached("INSERT OR REPLACE INTO trusted_keys (key_id, public_key_pem, label, "
                             "added_at) VALUES (?, ?, ?, ?)");
    if (!stmt)
        return fail(stmt.error());
    (*stmt)->bindAll(QString::fromLatin1(key.fingerprint().toHex()),
        QString::fromLatin1(key.toPem()), label, m_clock.nowMs());
    return (*stmt)->run();
}

Result<QStringList> ReferenceStore::trustedKeyIds()
{
    auto stmt = m_db->prepare("SELECT key_id FROM trusted_keys ORDER BY key_id");
    if (!stmt)
        return fail(stmt.error());
    QStringList ids;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(row.error());
        if (!*row)
            return ids;
        ids << stmt->text(0);
    }
}

Status ReferenceStore::verify(const Pack& pack)
{
    auto stmt = m_db->cached("SELECT public_key_pem FROM trusted_keys WHERE key_id = ?");
    if (!stmt)
        return fail(stmt.error());
    (*stmt)->bind(1, pack.keyId);
    auto row = (*stmt)->step();
    if (!row)
        return fail(row.error());
    if (!*row)
        return fail(ErrorCode::Rejected,
            CoreText::tr("The reference pack is signed by a key this terminal does not "
                         "trust (key %1)")
                .arg(pack.keyId.left(16)));
    auto key = PublicKey::fromPem((*stmt)->textUtf8(0));
    if (!key)
        return fail(key.error());
    if (signatureAlgorithmName(key->algorithm()) != pack.signatureAlgorithm)
        return fail(ErrorCode::Rejected,
            CoreText::tr("The reference pack's signature algorithm does not match its key"));
    if (!key->verify(canonicalJson(pack.body), pack.signature))
        return fail(ErrorCode::Rejected,
            CoreText::tr("The reference pack's signature is invalid: it was altered or "
                         "not signed by its publisher"));
    return {};
}

Result<Pack> ReferenceStore::import(
    const QByteArray& fileContent, const ContentValidator& validator)
{
    auto pack = parsePack(fileContent);
    if (!pack)
        return pack;
    FC_TRY(verify(*pack));
    if (validator)
        FC_TRY(validator(*pack));

    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(tx.error());
    auto newest = m_db->cached("SELECT max(version) FROM packs WHERE id = ?");
    if (!newest)
        return fail(newest.error());
    (*newest)->bind(1, pack->id);
    auto row = (*newest)->step();
    if (!row)
        return fail(row.error());
    if (!(*newest)->isNull(0) && (*newest)->int64(0) >= pack->version)
        return fail(ErrorCode::Conflict,
            CoreText::tr("Version %1 of “%2” is not newer than the stored version %3; "
                         "the data in force is unchanged")
                .arg(pack->version)
                .arg(pack->id)
                .arg((*newest)->int64(0)));
    auto insert = m_db->cached(
        "INSERT INTO packs (id, version, kind, effective_from, effective_to, issuer, created_at, "
        "demo, body, signature_algorithm, key_id, signature, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return fail(insert.error());
    (*insert)->bindAll(pack->id, pack->version, pack->kind,
        pack->effectiveFrom.toString(Qt::ISODate),
        pack->effectiveTo.isValid() ? pack->effectiveTo.toString(Qt::ISODate) : QString(),
        pack->issuer, pack->createdAt, qint64(pack->demo ? 1 : 0),
        QString::fromUtf8(canonicalJson(pack->body)), pack->signatureAlgorithm, pack->keyId,
        pack->signature, m_clock.nowMs());
    FC_TRY((*insert)->run());
    FC_TRY(tx->commit());
    return pack;
}

Result<QList<Pack>> ReferenceStore::query(const char* where, const QStringList& args)
{
    const std::string sql = std::string("SELECT body, signature_algorithm, key_id, signature "
                                        "FROM packs WHERE ")
        + where + " ORDER BY id, version DESC";
    auto stmt = m_db->prepare(sql);
    if (!stmt)
        return fail(stmt.error());
    for (int i = 0; i < args.size(); ++i)
        stmt->bind(i + 1, args.at(i));
    QList<Pack> out;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(row.error());
        if (!*row)
            return out;
        auto pack = packFromBody(QJsonDocument::fromJson(stmt->textUtf8(0)).object());
        if (!pack)
            return fail(ErrorCode::Corrupt, CoreText::tr("A stored reference pack is unreadable"),
                pack.error().message);
        pack->signatureAlgorithm = stmt->text(1);
        pack->keyId = stmt->text(2);
        pack->signature = stmt->blob(3);
        out << *pack;
    }
}

Result<std::optional<Pack>> ReferenceStore::inForce(const QString& id, QDate date)
{
    const QString d = date.toString(Qt::ISODate);
    auto list
        = query("id = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)",
            {id, d, d});
    if (!list)
        return fail(list.error());
    if (list->isEmpty())
        return std::optional<Pack>();
    return std::optional<Pack>(list->first());
}

Result<QList<Pack>> ReferenceStore::inForceOfKind(const QString& kind, QDate date)
{
    const QString d = date.toString(Qt::ISODate);
    auto list
        = query("kind = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)",
            {kind, d, d});
    if (!list)
        return fail(list.error());
    QList<Pack> newestPerId;
    for (const Pack& p : *list)
        if (newestPerId.isEmpty() || newestPerId.last().id != p.id)
            newestPerId << p;
    return newestPerId;
}

Result<QList<Pack>> ReferenceStore::all()
{
    return query("1", {});
}

} // namespace fieldcase::rules
