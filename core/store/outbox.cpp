#include "core/store/outbox.h"

namespace fieldcase {

namespace {

constexpr const char* kColumns
    = "o.seq, o.kind, o.ref, o.priority, o.created_at, o.attempts, o.last_error, o.state, "
      "o.upload_url, o.last_attempt_at, o.confirmed_at, b.stored_size";

OutboxEntry readEntry(const db::Statement& st)
{
    OutboxEntry e;
    e.seq = st.int64(0);
    e.kind = st.text(1);
    e.ref = st.text(2);
    e.priority = int(st.int64(3));
    e.createdAt = st.int64(4);
    e.attempts = int(st.int64(5));
    e.lastError = st.text(6);
    e.state = st.text(7);
    e.uploadUrl = st.text(8);
    e.lastAttemptAt = st.int64(9);
    e.confirmedAt = st.int64(10);
    e.bytes = st.int64(11);
    return e;
}

Result<QList<OutboxEntry>> readAll(db::Statement& st)
{
    QList<OutboxEntry> out;
    while (true) {
        auto row = st.step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            return out;
        out.append(readEntry(st));
    }
}

std::string selectSql(const char* where)
{
    return std::string("SELECT ") + kColumns
        + " FROM outbox o LEFT JOIN blobs b ON o.kind = 'blob' AND b.hash = o.ref WHERE " + where;
}

} // namespace

Outbox::Outbox(db::Database& db, const Clock& clock)
    : m_db(db)
    , m_clock(clock)
{ }

Result<QList<OutboxEntry>> Outbox::pending(const QString& kind, int limit)
{
    auto st = m_db.cached(
        selectSql("o.state = 'pending' AND o.kind = ? ORDER BY o.priority, o.seq LIMIT ?"));
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(kind, qint64(limit));
    return readAll(**st);
}

Result<QList<OutboxEntry>> Outbox::entries(const QString& state, int limit)
{
    auto st = m_db.cached(
        selectSql("(? = '' OR o.state = ?) ORDER BY o.state, o.priority, o.seq LIMIT ?"));
    if (!st)
        return fail(std::move(st.error()));
    const QString s = state.isNull() ? QStringLiteral("") : state;
    (*st)->bindAll(s, s, qint64(limit));
    return readAll(**st);
}

Result<QList<OutboxClassSummary>> Outbox::summary()
{
    auto st = m_db.cached(
        "SELECT o.priority, "
        "  SUM(o.state = 'pending'), SUM(o.state = 'rejected'), SUM(o.state = 'sent'), "
        "  COALESCE(SUM(CASE WHEN o.state = 'pending' THEN b.stored_size END), 0), "
        "  COALESCE(MIN(CASE WHEN o.state = 'pending' THEN o.created_at END), 0), "
        "  SUM(o.state = 'pending' AND o.last_error IS NOT NULL) "
        "FROM outbox o LEFT JOIN blobs b ON o.kind = 'blob' AND b.hash = o.ref "
        "GROUP BY o.priority ORDER BY o.priority");
    if (!st)
        return fail(std::move(st.error()));
    QList<OutboxClassSummary> out;
    while (true) {
        auto row = (*st)->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        out.append({int((*st)->int64(0)), int((*st)->int64(1)), int((*st)->int64(2)),
            int((*st)->int64(3)), (*st)->int64(4), (*st)->int64(5), int((*st)->int64(6))});
    }
    return out;
}

Status Outbox::confirm(const QString& kind, const QStringList& refs)
{
    auto tx = db::Transaction::begin(m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto st = m_db.cached("UPDATE outbox SET state = 'sent', confirmed_at = ?, last_error = NULL "
                          "WHERE kind = ? AND ref = ? AND state != 'sent'");
    if (!st)
        return fail(std::move(st.error()));
    const qint64 now = m_clock.nowMs();
    for (const QString& ref : refs) {
        (*st)->bindAll(now, kind, ref);
        FC_TRY((*st)->run());
    }
    return tx->commit();
}

Status Outbox::reject(const QString& kind, const QString& ref, const QString& reason)
{
    auto st = m_db.cached("UPDATE outbox SET state = 'rejected', last_error = ?, attempts = "
                          "attempts + 1, last_attempt_at = ? WHERE kind = ? AND ref = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(reason, m_clock.nowMs(), kind, ref);
    return (*st)->run();
}

Status Outbox::recordFailure(const QString& kind, const QStringList& refs, const QString& reason)
{
    auto tx = db::Transaction::begin(m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto st = m_db.cached("UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                          "last_attempt_at = ? WHERE kind = ? AND ref = ? AND state = 'pending'");
    if (!st)
        return fail(std::move(st.error()));
    const qint64 now = m_clock.nowMs();
    for (const QString& ref : refs) {
        (*st)->bindAll(reason, now, kind, ref);
        FC_TRY((*st)->run());
    }
    return tx->commit();
}

Status Outbox::retry(const QString& kind, const QString& ref)
{
    auto st = m_db.cached("UPDATE outbox SET state = 'pending' WHERE kind = ? AND ref = ? AND "
                          "state = 'rejected'");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(kind, ref);
    FC_TRY((*st)->run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("no rejected %1 %2").arg(kind, ref));
    return {};
}

Status Outbox::setUploadUrl(const QString& ref, const QString& url)
{
    auto st = m_db.cached("UPDATE outbox SET upload_url = ? WHERE kind = 'blob' AND ref = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(url, ref);
    return (*st)->run();
}

Result<QString> Outbox::state(const QString& key)
{
    auto st = m_db.cached("SELECT value FROM meta WHERE key = ?");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bind(1, QStringLiteral("sync.") + key);
    auto row = (*st)->step();
    if (!row)
        return fail(std::move(row.error()));
    return *row ? (*st)->text(0) : QString();
}

Status Outbox::setState(const QString& key, const QString& value)
{
    auto st = m_db.cached("INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st)
        return fail(std::move(st.error()));
    (*st)->bindAll(QStringLiteral("sync.") + key, value.isNull() ? QStringLiteral("") : value);
    return (*st)->run();
}

} // namespace fieldcase
