#include "sync/client/packupdates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fieldcase::sync {

namespace {

const QString kKey = QStringLiteral("packRefusals");

} // namespace

Result<QMap<QString, qint64>> installedPackVersions(rules::ReferenceStore& store)
{
    auto st = store.database().prepare("SELECT id, max(version) FROM packs GROUP BY id");
    if (!st)
        return fail(std::move(st.error()));
    QMap<QString, qint64> out;
    while (true) {
        auto row = st->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            return out;
        out.insert(st->text(0), st->int64(1));
    }
}

Result<QList<PackRefusal>> packRefusals(Outbox& outbox)
{
    auto text = outbox.state(kKey);
    if (!text)
        return fail(std::move(text.error()));
    QList<PackRefusal> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text->toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QStringLiteral("id")).toString(),
            o.value(QStringLiteral("version")).toInteger(),
            o.value(QStringLiteral("sha256")).toString(),
            o.value(QStringLiteral("reason")).toString(),
            o.value(QStringLiteral("at")).toInteger()});
    }
    return out;
}

Status setPackRefusals(Outbox& outbox, const QList<PackRefusal>& refusals)
{
    QJsonArray list;
    for (const PackRefusal& r : refusals)
        list.append(QJsonObject {{QStringLiteral("id"), r.id},
            {QStringLiteral("version"), r.version}, {QStringLiteral("sha256"), r.sha256},
            {QStringLiteral("reason"), r.reason}, {QStringLiteral("at"), r.at}});
    return outbox.setState(
        kKey, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
}

Result<int> retryPack(Outbox& outbox, const QString& id)
{
    auto held = packRefusals(outbox);
    if (!held)
        return fail(std::move(held.error()));
    const int before = int(held->size());
    held->removeIf([&](const PackRefusal& r) { return r.id == id; });
    const int forgotten = before - int(held->size());
    if (forgotten > 0)
        FC_TRY(setPackRefusals(outbox, *held));
    return forgotten;
}

} // namespace fieldcase::sync
