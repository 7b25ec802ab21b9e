#include "core/rules/procedures.h"

#include "core/util/text.h"

#include <QJsonArray>

namespace fieldcase::rules {

namespace {

Error bad(const QString& what)
{
    return Error {ErrorCode::InvalidArgument,
        CoreText::tr("The procedures data is malformed: %1").arg(what), {}};
}

QString fmtYuan(qint64 fen)
{
    return fen % 100 == 0 ? QString::number(fen / 100)
                          : QString::number(double(fen) / 100.0, 'f', 2);
}

Result<QList<ProcedureStep>> parseSteps(const QJsonValue& value, const QString& where)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return fail(bad(CoreText::tr("%1 has no steps").arg(where)));
    QList<ProcedureStep> steps;
    for (const QJsonValue& v : value.toArray()) {
        const QJsonObject o = v.toObject();
        ProcedureStep s;
        s.id = o.value(QLatin1String("id")).toString();
        s.title = o.value(QLatin1String("title")).toString();
        s.basis = o.value(QLatin1String("basis")).toString();
        if (s.id.isEmpty() || s.title.isEmpty() || s.basis.isEmpty())
            return fail(
                bad(CoreText::tr("a step of %1 lacks id, title or legal basis").arg(where)));
        for (const QJsonValue& r : o.value(QLatin1String("roles")).toArray())
            s.roles << r.toString();
        for (const QJsonValue& d : o.value(QLatin1String("documents")).toArray())
            s.documents << d.toString();
        s.approval = o.value(QLatin1String("approval")).toString();
        s.deadline = o.value(QLatin1String("deadline")).toString();
        s.minOfficers = o.value(QLatin1String("minOfficers")).toInt(0);
        s.optional = o.value(QLatin1String("optional")).toBool(false);
        steps << s;
    }
    return steps;
}

Result<std::pair<qint64, qint64>> perParty(
    const QJsonObject& o, const char* key, const QString& where)
{
    const QJsonObject v = o.value(QLatin1String(key)).toObject();
    if (!v.value(QLatin1String("person")).isDouble()
        || !v.value(QLatin1String("organisation")).isDouble())
        return fail(bad(CoreText::tr("%1.%2 needs person and organisation amounts in fen")
                            .arg(where, QLatin1String(key))));
    return std::pair {qint64(v.value(QLatin1String("person")).toInteger()),
        qint64(v.value(QLatin1String("organisation")).toInteger())};
}

} // namespace

Result<ProcedureRules> ProcedureRules::fromJson(const QJsonObject& c)
{
    ProcedureRules r;
    const QJsonObject officers = c.value(QLatin1String("minOfficers")).toObject();
    r.m_minOfficers = officers.value(QLatin1String("count")).toInt(0);
    r.m_minOfficersBasis = officers.value(QLatin1String("basis")).toString();
    if (r.m_minOfficers < 1 || r.m_minOfficersBasis.isEmpty())
        return fail(bad(CoreText::tr("minOfficers needs a count and a legal basis")));

    const QJsonObject simple = c.value(QLatin1String("simple")).toObject();
    auto simpleMax = perParty(simple, "maxFineFen", QStringLiteral("simple"));
    if (!simpleMax)
        return fail(simpleMax.error());
    std::tie(r.m_simpleMaxPersonFen, r.m_simpleMaxOrganisationFen) = *simpleMax;
    r.m_simpleWarningAllowed = simple.value(QLatin1String("warningAllowed")).toBool(true);
    r.m_simpleBasis = simple.value(QLatin1String("basis")).toString();
    auto simpleSteps = parseSteps(simple.value(QLatin1String("steps")), QStringLiteral("simple"));
    if (!simpleSteps)
        return fail(simpleSteps.error());
    r.m_simpleSteps = *simpleSteps;

    const QJsonObject onsite = c.value(QLatin1String("onsiteCollection")).toObject();
    r.m_onsiteMaxFen = onsite.value(QLatin1String("maxFineFen")).toInteger(-1);
    r.m_onsiteBasis = onsite.value(QLatin1String("basis")).toString();
    r.m_onsiteHardToEnforceBasis = onsite.value(QLatin1String("hardToEnforceLater")).toString();
    r.m_remoteAreaBasis = onsite.value(QLatin1String("remoteArea"))
                              .toObject()
                              .value(QLatin1String("basis"))
                              .toString();
    if (r.m_onsiteMaxFen < 0 || r.m_onsiteBasis.isEmpty())
        return fail(bad(CoreText::tr("onsiteCollection needs maxFineFen and a legal basis")));

    auto generalSteps
        = parseSteps(c.value(QLatin1String("general")).toObject().value(QLatin1String("steps")),
            QStringLiteral("general"));
    if (!generalSteps)
        return fail(generalSteps.error());
    r.m_generalSteps = *generalSteps;

    const QJsonObject hearing = c.value(QLatin1String("hearing")).toObject();
    auto large = perParty(hearing, "largeAmountFen", QStringLiteral("hearing"));
    if (!large)
        return fail(large.error());
    std::tie(r.m_hearingPersonFen, r.m_hearingOrganisationFen) = *large;
    r.m_hearingBasis = hearing.value(QLatin1String("basis")).toString();
    return r;
}

qint64 ProcedureRules::simpleMaxFineFen(const QString& partyKind) const
{
    return partyKind == QLatin1String("organisation") ? m_simpleMaxOrganisationFen
                                                      : m_simpleMaxPersonFen;
}

ProcedureCheck ProcedureRules::checkSimple(
    const QString& partyKind, const QStringList& penaltyKinds, qint64 fineFen) const
{
    for (const QString& kind : penaltyKinds) {
        if (kind == QLatin1String("warning") && m_simpleWarningAllowed)
            continue;
        if (kind == QLatin1String("fine"))
            continue;
        return {false,
            CoreText::tr("The simple procedure allows only a warning or a small fine; “%1” "
                         "needs the general procedure")
                .arg(kind),
            m_simpleBasis};
    }
    const qint64 max = simpleMaxFineFen(partyKind);
    if (penaltyKinds.contains(QStringLiteral("fine")) && fineFen > max) {
        const QString who = partyKind == QLatin1String("organisation")
            ? CoreText::tr("a legal person or other organisation")
            : CoreText::tr("a citizen");
        return {false,
            CoreText::tr("A fine of %1 元 for %2 exceeds the %3 元 limit of the simple "
                         "procedure: use the general procedure")
                .arg(fmtYuan(fineFen), who, fmtYuan(max)),
            m_simpleBasis};
    }
    return {true, CoreText::tr("The simple procedure may be used"), m_simpleBasis};
}

ProcedureCheck ProcedureRules::checkOnsiteCollection(const QString& procedure, qint64 fineFen,
    bool hardToEnforceLater, bool remoteArea, bool partyRequested) const
{
    if (procedure == QLatin1String("simple") && fineFen <= m_onsiteMaxFen)
        return {true,
            CoreText::tr("Fines up to %1 元 may be collected on the spot")
                .arg(fmtYuan(m_onsiteMaxFen)),
            m_onsiteBasis};
    if (procedure == QLatin1String("simple") && hardToEnforceLater)
        return {true,
            CoreText::tr("Collected on the spot because it would be hard to enforce later"),
            m_onsiteHardToEnforceBasis};
    if (remoteArea && partyRequested)
        return {true,
            CoreText::tr("Collected on the spot at the party's request in a remote, water or "
                         "poorly connected area"),
            m_remoteAreaBasis};
    if (remoteArea)
        return {false,
            CoreText::tr("In a remote area a fine may be collected on the spot only if the "
                         "party asks for it"),
            m_remoteAreaBasis};
    return {false,
        CoreText::tr("A fine of %1 元 may not be collected on the spot: it must be paid at the "
                     "designated bank or electronically")
            .arg(fmtYuan(fineFen)),
        m_onsiteBasis};
}

ProcedureCheck ProcedureRules::checkOfficers(int officers) const
{
    if (officers >= m_minOfficers)
        return {true, {}, m_minOfficersBasis};
    return {false,
        CoreText::tr("At least %1 enforcement officers must act together").arg(m_minOfficers),
        m_minOfficersBasis};
}

bool ProcedureRules::hearingRight(
    const QString& partyKind, qint64 fineFen, const QStringList& penaltyKinds) const
{
    // 第六十三条: 较大数额罚款; 没收较大数额违法所得/非法财物; 降低资质等级、吊销许可证件;
    // 责令停产停业、责令关闭、限制从业; 其他较重的行政处罚.
    static const QStringList heavy {QStringLiteral("revoke-licence"),
        QStringLiteral("lower-qualification"), QStringLiteral("suspend-business"),
        QStringLiteral("close"), QStringLiteral("restrict-practice")};
    for (const QString& k : penaltyKinds)
        if (heavy.contains(k))
            return true;
    const qint64 large = partyKind == QLatin1String("organisation") ? m_hearingOrganisationFen
                                                                    : m_hearingPersonFen;
    return fineFen >= large;
}

void ProcedureRules::setHearingLargeAmount(qint64 personFen, qint64 organisationFen)
{
    m_hearingPersonFen = personFen;
    m_hearingOrganisationFen = organisationFen;
}

} // namespace fieldcase::rules
