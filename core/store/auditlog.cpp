#include "core/store/auditlog.h"

#include "core/event/canonicaljson.h"
#include "core/util/logging.h"

#include <sqlite3.h>

namespace fieldcase {

QByteArray AuditLog::canonicalBytes(qint64 seq, qint64 at, const QString& terminal,
    const QString& officer, const QString& role, const QString& action, const QString& object,
    const QByteArray& detailJson, const QByteArray& prev)
{
    QJsonObject o {{QLatin1String("seq"), seq}, {QLatin1String("at"), at},
        {QLatin1String("terminal"), terminal},
        {QLatin1String("officer"), officer.isNull() ? QJsonValue() : QJsonValue(officer)},
        {QLatin1String("role"), role.isNull() ? QJsonValue() : QJsonValue(role)},
        {QLatin1String("action"), action},
        {QLatin1String("object"), object.isNull() ? QJsonValue() : QJsonValue(object)},
        {QLatin1String("prev"),
            prev.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(prev.toHex()))}};
    // The detail is already canonical JSON; splice it in as a string so the row's bytes are
    // exactly what is hashed, whatever JSON library reads it later.
    o.insert(QLatin1String("detail"), QString::fromUtf8(detailJson));
    return canonicalJson(o);
}

Status AuditLog::record(const QString& officerId, std::optional<Role> role, const QString& action,
    const QString& object, const QJsonObject& detail)
{
    // Own transaction only when the caller has none (SAVEPOINT nests inside theirs).
    const bool ownTx = sqlite3_get_autocommit(m_db.handle()) != 0;
    std::optional<db::Transaction> tx;
    if (ownTx) {
        auto t = db::Transaction::begin(m_db);
        if (!t)
            return fail(std::move(t.error()));
        tx.emplace(std::move(*t));
    }
    auto last = m_db.cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last)
        return fail(std::move(last.error()));
    auto row = (*last)->step();
    if (!row)
        return fail(std::move(row.error()));
    const qint64 seq = *row ? (*last)->int64(0) + 1 : 1;
    const QByteArray prev = *row ? (*last)->blob(1) : QByteArray();
    (*last)->reset();

    const qint64 at = m_clock.nowMs();
    const QString roleText = role ? roleName(*role) : QString();
    const QByteArray detailJson = canonicalJson(detail);
    const QByteArray hash = Hasher::hash(m_alg,
        canonicalBytes(
            seq, at, m_terminalId, officerId, roleText, action, object, detailJson, prev));
    auto insert = m_db.cached("INSERT INTO audit_log (seq, at, terminal_id, officer_id, role, "
                              "action, object, detail, prev, hash) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return fail(std::move(insert.error()));
    (*insert)->bindAll(seq, at, m_terminalId, officerId, roleText, action, object,
        QString::fromUtf8(detailJson), prev, hash);
    FC_TRY((*insert)->run());
    if (tx)
        FC_TRY(tx->commit());
    qCDebug(lcAudit) << action << object << officerId;
    return {};
}

} // namespace fieldcase
