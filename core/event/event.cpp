#include "core/event/event.h"

#include "core/event/canonicaljson.h"
#include "core/util/text.h"

#include <QJsonArray>

namespace fieldcase {

QString roleName(Role role)
{
    switch (role) {
    case Role::Officer:
        return QStringLiteral("officer");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Installer:
        return QStringLiteral("installer");
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (Role r : {Role::Officer, Role::Supervisor, Role::Installer})
        if (name == roleName(r))
            return r;
    return std::nullopt;
}

namespace {
QJsonObject bodyJson(const Event& e)
{
    QJsonObject o;
    o.insert(QLatin1String("id"), e.id);
    o.insert(QLatin1String("case"), e.caseId);
    o.insert(QLatin1String("type"), e.type);
    o.insert(QLatin1String("schema"), e.schemaVersion);
    o.insert(QLatin1String("actors"), QJsonArray::fromStringList(e.actors));
    o.insert(QLatin1String("role"), roleName(e.role));
    o.insert(QLatin1String("terminal"), e.terminalId);
    o.insert(QLatin1String("at"),
        QJsonObject {{QLatin1String("ms"), e.at.ms}, {QLatin1String("c"), e.at.counter}});
    o.insert(QLatin1String("chain"), e.chainSeq);
    o.insert(QLatin1String("position"),
        e.position.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.position));
    o.insert(QLatin1String("payload"), e.payload);
    o.insert(QLatin1String("prev"),
        e.prev.isEmpty() ? QJsonValue(QJsonValue::Null)
                         : QJsonValue(QString::fromLatin1(e.prev.toHex())));
    o.insert(QLatin1String("hashAlg"), hashAlgorithmName(e.hashAlgorithm));
    return o;
}
} // namespace

QByteArray Event::canonicalBytes() const
{
    return canonicalJson(bodyJson(*this));
}

QByteArray Event::computeHash() const
{
    return Hasher::hash(hashAlgorithm, canonicalBytes());
}

QJsonObject Event::toJson() const
{
    QJsonObject o = bodyJson(*this);
    o.insert(QLatin1String("hash"), QString::fromLatin1(hash.toHex()));
    o.insert(QLatin1String("sig"), QString::fromLatin1(signature.toBase64()));
    return o;
}

Result<Event> Event::fromJson(const QJsonObject& o)
{
    auto bad = [](const char* what) {
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("Malformed event: %1").arg(QLatin1String(what)));
    };
    Event e;
    e.id = o.value(QLatin1String("id")).toString();
    e.caseId = o.value(QLatin1String("case")).toString();
    e.type = o.value(QLatin1String("type")).toString();
    if (e.id.isEmpty() || e.caseId.isEmpty() || e.type.isEmpty())
        return bad("id, case or type missing");
    e.schemaVersion = o.value(QLatin1String("schema")).toInt(0);
    if (e.schemaVersion < 1)
        return bad("schema version");
    for (const QJsonValue& a : o.value(QLatin1String("actors")).toArray())
        e.actors << a.toString();
    const auto role = roleFromName(o.value(QLatin1String("role")).toString());
    if (!role)
        return bad("role");
    e.role = *role;
    e.terminalId = o.value(QLatin1String("terminal")).toString();
    const QJsonObject at = o.value(QLatin1String("at")).toObject();
    e.at = {
        at.value(QLatin1String("ms")).toInteger(), int(at.value(QLatin1String("c")).toInteger())};
    e.chainSeq = o.value(QLatin1String("chain")).toInteger();
    if (e.terminalId.isEmpty() || e.at.ms <= 0 || e.chainSeq < 1)
        return bad("terminal, time or chain position");
    e.position = o.value(QLatin1String("position")).toObject();
    if (!o.value(QLatin1String("payload")).isObject())
        return bad("payload is not an object");
    e.payload = o.value(QLatin1String("payload")).toObject();
    const QJsonValue prev = o.value(QLatin1String("prev"));
    e.prev = prev.isNull() ? QByteArray() : QByteArray::fromHex(prev.toString().toLatin1());
    const auto alg = hashAlgorithmFromName(o.value(QLatin1String("hashAlg")).toString());
    if (!alg)
        return bad("hash algorithm");
    e.hashAlgorithm = *alg;
    e.hash = QByteArray::fromHex(o.value(QLatin1String("hash")).toString().toLatin1());
    e.signature = QByteArray::fromBase64(o.value(QLatin1String("sig")).toString().toLatin1());
    if (e.hash.size() != 32 || e.signature.isEmpty())
        return bad("hash or signature");
    return e;
}

} // namespace fieldcase
