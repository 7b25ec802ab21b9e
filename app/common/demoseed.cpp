#include "app/common/demoseed.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace fieldcase::app {

Result<QJsonObject> loadDemoUnit()
{
    QFile f(QStringLiteral(":/demo/demo-unit.json"));
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, QStringLiteral("The bundled demo data is missing"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return fail(ErrorCode::Corrupt, QStringLiteral("The bundled demo data is malformed"),
            error.errorString());
    return doc.object();
}

Status seedDemoOfficers(CaseStore& store, const QJsonObject& demo)
{
    const QString unitId
        = demo.value(QLatin1String("unit")).toObject().value(QLatin1String("id")).toString();
    const Actor installer {{QStringLiteral("demo-installer")}, Role::Installer};
    for (const QJsonValue& v : demo.value(QLatin1String("officers")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QLatin1String("id")).toString();
        if (store.officer(id))
            continue;
        Officer officer {id, o.value(QLatin1String("name")).toString(),
            o.value(QLatin1String("certNo")).toString(), unitId, {}, true};
        for (const QJsonValue& r : o.value(QLatin1String("roles")).toArray())
            if (auto role = roleFromName(r.toString()))
                officer.roles << *role;
        FC_TRY(store.registerOfficer(installer, officer));
    }
    return {};
}

Result<QString> openDemoCase(CaseStore& store, const QJsonObject& demo, const QJsonObject& position)
{
    const QJsonObject c = demo.value(QLatin1String("demoCase")).toObject();
    const Actor pair {{QStringLiteral("demo-off-1"), QStringLiteral("demo-off-2")}, Role::Officer};
    const QString unitId
        = demo.value(QLatin1String("unit")).toObject().value(QLatin1String("id")).toString();
    auto opened = store.append(pair,
        {QStringLiteral("case.opened"), {},
            {{QLatin1String("procedure"), QStringLiteral("general")},
                {QLatin1String("title"), c.value(QLatin1String("title"))},
                {QLatin1String("place"), c.value(QLatin1String("place"))},
                {QLatin1String("source"), QStringLiteral("patrol")},
                {QLatin1String("unitId"), unitId}},
            position});
    if (!opened)
        return fail(std::move(opened.error()));
    const QString caseId = opened->caseId;
    FC_TRY(store.append(pair,
        {QStringLiteral("party.recorded"), caseId, c.value(QLatin1String("party")).toObject(),
            position}));
    FC_TRY(store.append(pair,
        {QStringLiteral("vehicle.recorded"), caseId, c.value(QLatin1String("vehicle")).toObject(),
            position}));
    FC_TRY(store.append(pair,
        {QStringLiteral("case.note"), caseId,
            {{QLatin1String("text"), c.value(QLatin1String("note"))}}, position}));
    return caseId;
}

Result<QJsonObject> caseSnapshot(CaseStore& store, const QString& caseId)
{
    auto stmt = store.database().prepare(
        "SELECT id, title, procedure, status, place, event_count, lower(hex(head_hash)) "
        "FROM cases WHERE id = ?");
    if (!stmt)
        return fail(std::move(stmt.error()));
    stmt->bind(1, caseId);
    auto row = stmt->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return fail(ErrorCode::NotFound, QStringLiteral("No such case"), caseId);
    QJsonObject out {{QLatin1String("id"), stmt->text(0)}, {QLatin1String("title"), stmt->text(1)},
        {QLatin1String("procedure"), stmt->text(2)}, {QLatin1String("status"), stmt->text(3)},
        {QLatin1String("place"), stmt->text(4)}, {QLatin1String("eventCount"), stmt->int64(5)},
        {QLatin1String("headHash"), stmt->text(6)}};
    auto events = store.caseEvents(caseId);
    if (!events)
        return fail(std::move(events.error()));
    QJsonArray list;
    for (const Event& e : *events)
        list.append(QJsonObject {{QLatin1String("id"), e.id}, {QLatin1String("type"), e.type},
            {QLatin1String("actors"), QJsonArray::fromStringList(e.actors)},
            {QLatin1String("chain"), e.chainSeq},
            {QLatin1String("hash"), QString::fromLatin1(e.hash.toHex())},
            {QLatin1String("payload"), e.payload},
            {QLatin1String("position"),
                e.position.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.position)}});
    out.insert(QLatin1String("events"), list);
    return out;
}

} // namespace fieldcase::app
