#include "sync/centre/centrestore.h"

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/db/migrator.h"
#include "core/event/uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

#include <array>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

constexpr const char* kSchema1 = R"SQL(
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE officers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  cert_no TEXT,
  unit_id TEXT NOT NULL REFERENCES units(id),
  roles TEXT NOT NULL            -- comma-separated role names
) STRICT;
-- One-time enrolment tokens; only a hash of the token is kept.
CREATE TABLE enrol_tokens (
  token_hash TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units(id),
  officers TEXT NOT NULL,        -- JSON array of officer ids
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  terminal_id TEXT,
  request_hash BLOB,
  answer BLOB
) STRICT;
CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL,
  info TEXT NOT NULL,            -- kind, model, serial (JSON)
  enrolled_at INTEGER NOT NULL,
  last_seen INTEGER,
  heartbeat TEXT                 -- the last report (JSON)
) STRICT;
CREATE TABLE terminal_officers (
  terminal_id TEXT NOT NULL,
  officer_id TEXT NOT NULL,
  PRIMARY KEY (terminal_id, officer_id)
) STRICT;
-- Which terminal follows which case, and the queue of events each terminal has to pull.
CREATE TABLE case_routes (
  case_id TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  reason TEXT NOT NULL,          -- author / review
  PRIMARY KEY (case_id, terminal_id)
) STRICT;
CREATE TABLE deliveries (
  seq INTEGER PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  UNIQUE (terminal_id, event_id)
) STRICT;
CREATE INDEX deliveries_terminal ON deliveries(terminal_id, seq);
-- Document numbers: one series per type and year, handed out in blocks, never twice.
CREATE TABLE number_series (
  doc_type TEXT NOT NULL,
  year INTEGER NOT NULL,
  pattern TEXT NOT NULL,
  next_seq INTEGER NOT NULL,
  PRIMARY KEY (doc_type, year)
) STRICT;
CREATE TABLE number_allocations (
  request_id TEXT PRIMARY KEY,
  block_id TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  year INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  pattern TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE TABLE packs (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  path TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;
CREATE TABLE commands (
  id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL,            -- lock / wipe / config / pack-update
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  acked_at INTEGER,
  result TEXT
) STRICT;
CREATE TABLE evidence (
  blob_hash TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  manifest TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
)SQL";

constexpr std::array<db::Migration, 1> kMigrations {{{1, "centre records", kSchema1}}};

QString tokenHash(const QString& token)
{
    return QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, token.trimmed().toUtf8()).toHex());
}

template<typename Fn>
Status eachRow(db::Statement& st, Fn&& fn)
{
    while (true) {
        auto row = st.step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            return {};
        fn(st);
    }
}

} // namespace

CentreStore::CentreStore(std::unique_ptr<db::Database> db, const Clock& clock)
    : m_db(std::move(db))
    , m_clock(clock)
{ }

Result<std::unique_ptr<CentreStore>> CentreStore::open(const QString& directory, const Clock& clock)
{
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::Io, SyncText::tr("Cannot create the centre's folder"), directory);
    auto db = db::Database::open(QDir(directory).filePath(QStringLiteral("centre.db")));
    if (!db)
        return fail(std::move(db.error()));
    FC_TRY((*db)->exec("PRAGMA foreign_keys = ON"));
    auto version = db::migrate(**db, kMigrations);
    if (!version)
        return fail(std::move(version.error()));
    return std::unique_ptr<CentreStore>(new CentreStore(std::move(*db), clock));
}

Status CentreStore::addUnit(const QString& id, const QString& name)
{
    auto st = m_db->cached("INSERT INTO units (id, name, created_at) VALUES (?, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET name = excluded.name");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(id, name, m_clock.nowMs());
    return (*st)->run();
}

Result<QJsonArray> CentreStore::units()
{
    auto st = m_db->cached("SELECT id, name FROM units ORDER BY id");
    if (!st)
        return fail(std::move(st.error()));
    QJsonArray out;
    FC_TRY(eachRow(**st, [&](db::Statement& s) {
        out.append(
            QJsonObject {{QStringLiteral("id"), s.text(0)}, {QStringLiteral("name"), s.text(1)}});
    }));
    return out;
}

Status CentreStore::addOfficer(const CentreOfficer& officer)
{
    auto st = m_db->cached(
        "INSERT INTO officers (id, name, cert_no, unit_id, roles) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, cert_no = excluded.cert_no, "
        "unit_id = excluded.unit_id, roles = excluded.roles");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(officer.id, officer.name, officer.certNo, officer.unitId,
        officer.roles.join(QLatin1Char(',')));
    if (auto ran = (*st)->run(); !ran) {
        if (ran.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::NotFound, SyncText::tr("No unit \"%1\"").arg(officer.unitId));
        return ran;
    }
    return {};
}

Result<QList<CentreOfficer>> CentreStore::officers(const QString& unitId)
{
    auto st = m_db->cached("SELECT id, name, cert_no, unit_id, roles FROM officers "
                           "WHERE ? = '' OR unit_id = ? ORDER BY id");
    if (!st)
        return fail(std::move(st.error()));
    const QString unit = unitId.isNull() ? QStringLiteral("") : unitId;
    (*st)->bindAll(unit, unit);
    QList<CentreOfficer> out;
    FC_TRY(eachRow(**st, [&](db::Statement& s) {
        out.append({s.text(0), s.text(1), s.text(2), s.text(3),
            s.text(4).split(QLatin1Char(','), Qt::SkipEmptyParts)});
    }));
    return out;
}

Result<QString> CentreStore::createToken(
    const QString& unitId, const QStringList& officerIds, qint64 validMs)
{
    // 20 random bytes, written in groups for reading aloud over a phone to an installer.
    const QString raw = QString::fromLatin1(randomBytes(10).toHex().toUpper());
    const QString token = raw.left(5) + QLatin1Char('-') + raw.mid(5, 5) + QLatin1Char('-')
        + raw.mid(10, 5) + QLatin1Char('-') + raw.mid(15, 5);
    auto st = m_db->cached("INSERT INTO enrol_tokens (token_hash, unit_id, officers, created_at, "
                           "expires_at) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return fail(std::move(st.error()));
    const qint64 now = m_clock.nowMs();
    (*st)->bindAll(tokenHash(token), unitId,
        QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(officerIds)).toJson(QJsonDocument::Compact)),
        now, now + validMs);
    if (auto ran = (*st)->run(); !ran) {
        // The only constraint that can fail is the unit's foreign key.
        if (ran.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::NotFound, SyncText::tr("No unit \"%1\"").arg(unitId));
        return fail(std::move(ran.error()));
    }
    return token;
}

Status CentreStore::addNumberSeries(
    const QString& docType, int year, const QString& pattern, qint64 firstSeq)
{
    auto st = m_db->cached("INSERT INTO number_series (doc_type, year, pattern, next_seq) "
                           "VALUES (?, ?, ?, ?)");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(docType, qint64(year), pattern, firstSeq);
    if (auto ran = (*st)->run(); !ran)
        return fail(ErrorCode::Conflict,
            SyncText::tr("A number series for %1 in %2 already exists").arg(docType).arg(year));
    return {};
}

Status CentreStore::publishPack(const PublishedPack& pack)
{
    auto st = m_db->cached("INSERT INTO packs (id, version, kind, sha256, size, path, "
                           "published_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(
        pack.id, pack.version, pack.kind, pack.sha256, pack.size, pack.path, m_clock.nowMs());
    if (auto ran = (*st)->run(); !ran)
        return fail(ErrorCode::Conflict,
            SyncText::tr("Pack %1 version %2 is already published").arg(pack.id, pack.version));
    return {};
}

Result<QList<PublishedPack>> CentreStore::packs()
{
    auto st = m_db->cached(
        "SELECT id, kind, version, sha256, size, path FROM packs ORDER BY id, published_at");
    if (!st)
        return fail(std::move(st.error()));
    QList<PublishedPack> out;
    FC_TRY(eachRow(**st, [&](db::Statement& s) {
        out.append({s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.text(5)});
    }));
    return out;
}

Result<QString> CentreStore::queueCommand(
    const QString& terminalId, const QString& kind, const QJsonObject& body)
{
    const QString id = makeUuidV7(m_clock.nowMs());
    auto st = m_db->cached("INSERT INTO commands (id, terminal_id, kind, body, created_at) "
                           "VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(id, terminalId, kind,
        QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)), m_clock.nowMs());
    FC_TRY((*st)->run());
    return id;
}

Result<QJsonArray> CentreStore::terminals()
{
    auto st = m_db->cached("SELECT id, unit_id, info, enrolled_at, last_seen, heartbeat FROM "
                           "terminals ORDER BY unit_id, id");
    if (!st)
        return fail(std::move(st.error()));
    QJsonArray out;
    FC_TRY(eachRow(**st, [&](db::Statement& s) {
        out.append(
            QJsonObject {{QStringLiteral("id"), s.text(0)}, {QStringLiteral("unit"), s.text(1)},
                {QStringLiteral("info"), QJsonDocument::fromJson(s.textUtf8(2)).object()},
                {QStringLiteral("enrolledAt"), s.int64(3)},
                {QStringLiteral("lastSeen"), s.isNull(4) ? QJsonValue() : QJsonValue(s.int64(4))},
                {QStringLiteral("heartbeat"), QJsonDocument::fromJson(s.textUtf8(5)).object()}});
    }));
    return out;
}

Result<std::optional<EnrolmentToken>> CentreStore::token(const QString& token)
{
    auto st = m_db->cached("SELECT unit_id, officers, expires_at, used_at, terminal_id, "
                           "request_hash, answer FROM enrol_tokens WHERE token_hash = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bind(1, tokenHash(token));
    auto row = (*st)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return std::optional<EnrolmentToken> {};
    EnrolmentToken t;
    t.unitId = (*st)->text(0);
    for (const QJsonValue& v : QJsonDocument::fromJson((*st)->textUtf8(1)).array())
        t.officerIds.append(v.toString());
    t.expiresAt = (*st)->int64(2);
    t.usedAt = (*st)->isNull(3) ? 0 : (*st)->int64(3);
    t.terminalId = (*st)->text(4);
    t.requestHash = (*st)->blob(5);
    t.answer = (*st)->blob(6);
    return std::optional<EnrolmentToken>(std::move(t));
}

Status CentreStore::completeEnrolment(const QString& token, const QString& terminalId,
    const QByteArray& requestHash, const QByteArray& answer, const QJsonObject& terminal)
{
    auto t = this->token(token);
    if (!t)
        return fail(std::move(t.error()));
    if (!*t)
        return fail(ErrorCode::NotFound, SyncText::tr("Unknown enrolment token"));
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto use
        = m_db->cached("UPDATE enrol_tokens SET used_at = ?, terminal_id = ?, "
                       "request_hash = ?, answer = ? WHERE token_hash = ? AND used_at IS NULL");
    if (!use)
        return fail(std::move(use.error()));
    const qint64 now = m_clock.nowMs();
    (*use)->bindAll(now, terminalId, requestHash, answer, tokenHash(token));
    FC_TRY((*use)->run());
    if (m_db->changes() != 1)
        return fail(ErrorCode::Conflict, SyncText::tr("This enrolment token was already used"));
    auto add = m_db->cached("INSERT INTO terminals (id, unit_id, info, enrolled_at) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                            "unit_id = excluded.unit_id, info = excluded.info");
    if (!add)
        return fail(std::move(add.error()));
    (*add)->bindAll(terminalId, (*t)->unitId,
        QString::fromUtf8(QJsonDocument(terminal).toJson(QJsonDocument::Compact)), now);
    FC_TRY((*add)->run());
    auto link = m_db->cached(
        "INSERT OR IGNORE INTO terminal_officers (terminal_id, officer_id) VALUES (?, ?)");
    if (!link)
        return fail(std::move(link.error()));
    for (const QString& officer : (*t)->officerIds) {
        (*link)->bindAll(terminalId, officer);
        FC_TRY((*link)->run());
    }
    return tx->commit();
}

Result<QString> CentreStore::terminalUnit(const QString& terminalId)
{
    auto st = m_db->cached("SELECT unit_id FROM terminals WHERE id = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bind(1, terminalId);
    auto row = (*st)->step();
    if (!row)
        return fail(std::move(row.error()));
    return *row ? (*st)->text(0) : QString();
}

Status CentreStore::addRoute(const QString& caseId, const QString& terminalId,
    const QString& reason, const std::function<Result<QList<Event>>(const QString&)>& caseEvents)
{
    auto add = m_db->cached(
        "INSERT OR IGNORE INTO case_routes (case_id, terminal_id, reason) VALUES (?, ?, ?)");
    if (!add)
        return fail(std::move(add.error()));
    (*add)->bindAll(caseId, terminalId, reason);
    FC_TRY((*add)->run());
    if (m_db->changes() == 0)
        return {};
    // A terminal that starts following a case gets everything of it it does not have.
    auto events = caseEvents(caseId);
    if (!events)
        return fail(std::move(events.error()));
    auto deliver
        = m_db->cached("INSERT OR IGNORE INTO deliveries (terminal_id, event_id) VALUES (?, ?)");
    if (!deliver)
        return fail(std::move(deliver.error()));
    for (const Event& e : *events) {
        if (e.terminalId == terminalId)
            continue;
        (*deliver)->bindAll(terminalId, e.id);
        FC_TRY((*deliver)->run());
    }
    return {};
}

Status CentreStore::route(
    const Event& event, const std::function<Result<QList<Event>>(const QString&)>& caseEvents)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    FC_TRY(addRoute(event.caseId, event.terminalId, QStringLiteral("author"), caseEvents));
    if (event.type == QLatin1String("review.requested")) {
        // 《交通运输行政执法程序规定》: decisions are reviewed by the unit's responsible persons;
        // the centre sends the case to every terminal of the unit that a supervisor uses.
        auto supervisors = m_db->cached(
            "SELECT DISTINCT t.id FROM terminals t JOIN terminal_officers o ON o.terminal_id = "
            "t.id "
            "JOIN officers f ON f.id = o.officer_id WHERE t.unit_id = (SELECT unit_id FROM "
            "terminals WHERE id = ?) AND (',' || f.roles || ',') LIKE '%,supervisor,%' "
            "AND t.id != ?");
        if (!supervisors)
            return fail(std::move(supervisors.error()));
        (*supervisors)->bindAll(event.terminalId, event.terminalId);
        QStringList targets;
        FC_TRY(eachRow(**supervisors, [&](db::Statement& s) { targets.append(s.text(0)); }));
        (*supervisors)->reset();
        for (const QString& t : targets)
            FC_TRY(addRoute(event.caseId, t, QStringLiteral("review"), caseEvents));
    }
    auto followers = m_db->cached(
        "SELECT terminal_id FROM case_routes WHERE case_id = ? AND terminal_id != ?");
    if (!followers)
        return fail(std::move(followers.error()));
    (*followers)->bindAll(event.caseId, event.terminalId);
    QStringList targets;
    FC_TRY(eachRow(**followers, [&](db::Statement& s) { targets.append(s.text(0)); }));
    (*followers)->reset();
    auto deliver
        = m_db->cached("INSERT OR IGNORE INTO deliveries (terminal_id, event_id) VALUES (?, ?)");
    if (!deliver)
        return fail(std::move(deliver.error()));
    for (const QString& t : targets) {
        (*deliver)->bindAll(t, event.id);
        FC_TRY((*deliver)->run());
    }
    return tx->commit();
}

Result<QList<Delivery>> CentreStore::deliveries(const QString& terminalId, qint64 after, int limit)
{
    auto st = m_db->cached("SELECT seq, event_id FROM deliveries WHERE terminal_id = ? AND seq > ? "
                           "ORDER BY seq LIMIT ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(terminalId, after, qint64(limit));
    QList<Delivery> out;
    FC_TRY(eachRow(**st, [&](db::Statement& s) { out.append({s.int64(0), s.text(1)}); }));
    return out;
}

Result<AllocatedBlock> CentreStore::allocateBlock(const QString& terminalId,
    const QString& requestId, const QString& docType, int year, qint64 size)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto known = m_db->cached("SELECT block_id, doc_type, year, first_seq, last_seq, pattern, "
                              "terminal_id FROM number_allocations WHERE request_id = ?");
    if (!known)
        return fail(std::move(known.error()));
    (*known)->bind(1, requestId);
    auto row = (*known)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (*row) {
        // The terminal lost the answer and asks again: the same block.
        if ((*known)->text(6) != terminalId)
            return fail(
                ErrorCode::Conflict, SyncText::tr("This request id belongs to another terminal"));
        return AllocatedBlock {(*known)->text(0), (*known)->text(1), int((*known)->int64(2)),
            (*known)->int64(3), (*known)->int64(4), (*known)->text(5)};
    }
    (*known)->reset();
    auto series = m_db->cached(
        "SELECT pattern, next_seq FROM number_series WHERE doc_type = ? AND year = ?");
    if (!series)
        return fail(std::move(series.error()));
    (*series)->bindAll(docType, qint64(year));
    auto found = (*series)->step();
    if (!found)
        return fail(std::move(found.error()));
    if (!*found)
        return fail(ErrorCode::NotFound,
            SyncText::tr("The centre has no number series for %1 in %2").arg(docType).arg(year));
    AllocatedBlock block;
    block.id = makeUuidV7(m_clock.nowMs());
    block.docType = docType;
    block.year = year;
    block.pattern = (*series)->text(0);
    block.firstSeq = (*series)->int64(1);
    block.lastSeq = block.firstSeq + size - 1;
    (*series)->reset();
    auto advance
        = m_db->cached("UPDATE number_series SET next_seq = ? WHERE doc_type = ? AND year = ?");
    if (!advance)
        return fail(std::move(advance.error()));
    (*advance)->bindAll(block.lastSeq + 1, docType, qint64(year));
    FC_TRY((*advance)->run());
    auto keep = m_db->cached("INSERT INTO number_allocations (request_id, block_id, terminal_id, "
                             "doc_type, year, first_seq, last_seq, pattern, at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!keep)
        return fail(std::move(keep.error()));
    (*keep)->bindAll(requestId, block.id, terminalId, docType, qint64(year), block.firstSeq,
        block.lastSeq, block.pattern, m_clock.nowMs());
    FC_TRY((*keep)->run());
    FC_TRY(tx->commit());
    return block;
}

Result<QJsonArray> CentreStore::heartbeat(const QString& terminalId, const QJsonObject& report)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    const qint64 now = m_clock.nowMs();
    auto seen = m_db->cached("UPDATE terminals SET last_seen = ?, heartbeat = ? WHERE id = ?");
    if (!seen)
        return fail(std::move(seen.error()));
    (*seen)->bindAll(
        now, QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)), terminalId);
    FC_TRY((*seen)->run());
    auto ack = m_db->cached("UPDATE commands SET acked_at = ?, result = ? WHERE id = ? AND "
                            "terminal_id = ? AND acked_at IS NULL");
    if (!ack)
        return fail(std::move(ack.error()));
    for (const QJsonValue& v : report.value(QStringLiteral("acks")).toArray()) {
        const QJsonObject a = v.toObject();
        (*ack)->bindAll(now, a.value(QStringLiteral("result")).toString(QStringLiteral("done")),
            a.value(QStringLiteral("id")).toString(), terminalId);
        FC_TRY((*ack)->run());
    }
    // Commands are sent again until acknowledged: an answer lost on the way loses nothing.
    auto due = m_db->cached("SELECT id, kind, body FROM commands WHERE terminal_id = ? AND "
                            "acked_at IS NULL ORDER BY created_at");
    if (!due)
        return fail(std::move(due.error()));
    (*due)->bind(1, terminalId);
    QJsonArray commands;
    FC_TRY(eachRow(**due, [&](db::Statement& s) {
        QJsonObject c = QJsonDocument::fromJson(s.textUtf8(2)).object();
        c.insert(QStringLiteral("id"), s.text(0));
        c.insert(QStringLiteral("kind"), s.text(1));
        commands.append(c);
    }));
    (*due)->reset();
    auto sent = m_db->cached("UPDATE commands SET sent_at = COALESCE(sent_at, ?) WHERE "
                             "terminal_id = ? AND acked_at IS NULL");
    if (!sent)
        return fail(std::move(sent.error()));
    (*sent)->bindAll(now, terminalId);
    FC_TRY((*sent)->run());
    FC_TRY(tx->commit());
    return commands;
}

Status CentreStore::recordEvidence(
    const QString& blobHash, const QString& terminalId, qint64 size, const QJsonObject& manifest)
{
    auto st = m_db->cached("INSERT OR IGNORE INTO evidence (blob_hash, terminal_id, size, "
                           "manifest, received_at) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(blobHash, terminalId, size,
        QString::fromUtf8(QJsonDocument(manifest).toJson(QJsonDocument::Compact)), m_clock.nowMs());
    return (*st)->run();
}

Result<bool> CentreStore::hasEvidence(const QString& blobHash)
{
    auto st = m_db->cached("SELECT 1 FROM evidence WHERE blob_hash = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bind(1, blobHash);
    auto row = (*st)->step();
    if (!row)
        return fail(std::move(row.error()));
    return *row;
}

} // namespace fieldcase::sync
