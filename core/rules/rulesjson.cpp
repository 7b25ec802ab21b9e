#include "core/rules/rulesjson.h"

#include <QJsonArray>

namespace fieldcase::rules {

namespace {

QJsonValue fen(const std::optional<qint64>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue range(const std::optional<FineRange>& r)
{
    if (!r)
        return QJsonValue::Null;
    return QJsonObject {{QLatin1String("minFen"), r->minFen}, {QLatin1String("maxFen"), r->maxFen}};
}

QString dayKindName(DayKind k)
{
    switch (k) {
    case DayKind::Working:
        return QStringLiteral("working");
    case DayKind::Weekend:
        return QStringLiteral("weekend");
    case DayKind::Holiday:
        return QStringLiteral("holiday");
    case DayKind::MakeUpWorkday:
        return QStringLiteral("make-up-workday");
    case DayKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString unitName(PeriodUnit u)
{
    switch (u) {
    case PeriodUnit::CalendarDays:
        return QStringLiteral("calendar-days");
    case PeriodUnit::WorkingDays:
        return QStringLiteral("working-days");
    case PeriodUnit::Hours:
        return QStringLiteral("hours");
    case PeriodUnit::Months:
        return QStringLiteral("months");
    case PeriodUnit::Years:
        return QStringLiteral("years");
    }
    return {};
}

} // namespace

QJsonObject toJson(const LegalRef& ref)
{
    QJsonObject o {{QLatin1String("law"), ref.lawTitle}, {QLatin1String("article"), ref.article},
        {QLatin1String("citation"), ref.display()}};
    if (!ref.text.isEmpty())
        o.insert(QLatin1String("text"), ref.text);
    if (ref.secondary)
        o.insert(QLatin1String("secondarySource"), true);
    return o;
}

QJsonObject toJson(const OverlimitAssessment& a)
{
    QJsonArray items;
    for (const OverlimitRef& r : a.items)
        items.append(QJsonObject {
            {QLatin1String("law"), r.lawTitle}, {QLatin1String("article"), r.article}});
    return {{QLatin1String("overLimit"), a.overLimit}, {QLatin1String("limitKg"), a.limitKg},
        {QLatin1String("overKg"), a.overKg}, {QLatin1String("limitArticle"), a.limitRef.article},
        {QLatin1String("itemsExceeded"), items},
        {QLatin1String("massSanction"),
            a.massSanction == MassSanction::Warning    ? QStringLiteral("warning")
                : a.massSanction == MassSanction::Fine ? QStringLiteral("fine")
                                                       : QStringLiteral("none")},
        {QLatin1String("massUnits"), a.massUnits}, {QLatin1String("massFineFen"), a.massFineFen},
        {QLatin1String("dimensionTier"), a.dimensionTier},
        {QLatin1String("totalMinFen"), a.totalMinFen},
        {QLatin1String("totalMaxFen"), a.totalMaxFen}, {QLatin1String("capped"), a.capped},
        {QLatin1String("notes"), QJsonArray::fromStringList(a.notes)}};
}

QJsonObject toJson(const Evaluation& e)
{
    QJsonArray reasons;
    for (const Reason& r : e.reasons)
        reasons.append(QJsonObject {
            {QLatin1String("text"), r.text}, {QLatin1String("citation"), r.citation.display()}});
    QJsonArray citations;
    for (const LegalRef& c : e.citations)
        citations.append(toJson(c));
    QJsonArray sanctions;
    for (const Sanction& s : e.sanctions)
        sanctions.append(QJsonObject {{QLatin1String("kind"), sanctionKindName(s.kind)},
            {QLatin1String("label"), s.label}, {QLatin1String("optional"), s.optional},
            {QLatin1String("measure"), s.measure}, {QLatin1String("basis"), s.basis.display()}});
    QJsonObject o {{QLatin1String("code"), e.code}, {QLatin1String("title"), e.title},
        {QLatin1String("outcome"), outcomeName(e.outcome)},
        {QLatin1String("tier"), e.tier ? QJsonValue(tierLevelName(*e.tier)) : QJsonValue()},
        {QLatin1String("tierLabel"), e.tierLabel},
        {QLatin1String("statutoryRange"), range(e.statutoryRange)},
        {QLatin1String("fineOptional"), e.fineOptional}, {QLatin1String("band"), range(e.band)},
        {QLatin1String("recommendedAmountFen"), fen(e.recommendedAmountFen)},
        {QLatin1String("proposedAmountFen"), fen(e.proposedAmountFen)},
        {QLatin1String("amountFen"), fen(e.amountFen)},
        {QLatin1String("needsReason"), e.needsReason}, {QLatin1String("mitigated"), e.mitigated},
        {QLatin1String("correctionOrder"), e.correctionOrder},
        {QLatin1String("sanctions"), sanctions},
        {QLatin1String("procedure"), procedureName(e.procedure)},
        {QLatin1String("hearingRight"), e.hearingRight}, {QLatin1String("reasons"), reasons},
        {QLatin1String("citations"), citations},
        {QLatin1String("warnings"), QJsonArray::fromStringList(e.warnings)},
        {QLatin1String("demo"), e.demo}};
    if (e.overlimit)
        o.insert(QLatin1String("overlimit"), toJson(*e.overlimit));
    return o;
}

QJsonObject toJson(const DeadlineResult& d)
{
    QJsonArray skipped;
    for (const SkippedDay& s : d.skippedDays)
        skipped.append(QJsonObject {{QLatin1String("date"), s.date.toString(Qt::ISODate)},
            {QLatin1String("kind"), dayKindName(s.kind)}, {QLatin1String("reason"), s.reason},
            {QLatin1String("counted"), s.counted}});
    return {{QLatin1String("kind"), d.kind}, {QLatin1String("title"), d.title},
        {QLatin1String("basis"), d.basis}, {QLatin1String("amount"), d.amount},
        {QLatin1String("unit"), unitName(d.unit)},
        {QLatin1String("start"), d.start.toString(Qt::ISODate)},
        {QLatin1String("nominalLastDay"), d.nominalLastDay.toString(Qt::ISODate)},
        {QLatin1String("lastDay"), d.lastDay.toString(Qt::ISODate)},
        {QLatin1String("dueAt"), d.dueAt.toString(Qt::ISODate)},
        {QLatin1String("daysCounted"), d.daysCounted},
        {QLatin1String("rolledForward"), d.rolledForward}, {QLatin1String("skippedDays"), skipped},
        {QLatin1String("provisional"), d.provisional}, {QLatin1String("unsure"), d.unsure},
        {QLatin1String("warnings"), QJsonArray::fromStringList(d.warnings)},
        {QLatin1String("explanation"), d.explanation}};
}

QJsonObject toJson(const ValidationResult& v)
{
    return {{QLatin1String("valid"), v.valid}, {QLatin1String("normalized"), v.normalized},
        {QLatin1String("reason"), v.reason}, {QLatin1String("details"), v.details}};
}

QJsonObject toJson(const VehicleInfo& v)
{
    QJsonArray violations;
    for (const RegistryViolation& r : v.violations)
        violations.append(QJsonObject {{QLatin1String("date"), r.date},
            {QLatin1String("code"), r.code}, {QLatin1String("description"), r.description},
            {QLatin1String("amountFen"), r.amountFen}, {QLatin1String("paid"), r.paid}});
    return {{QLatin1String("plate"), v.plate}, {QLatin1String("plateColour"), v.plateColour},
        {QLatin1String("transportCertNo"), v.transportCertNo},
        {QLatin1String("certStatus"), v.certStatus},
        {QLatin1String("certValidUntil"), v.certValidUntil},
        {QLatin1String("operatorUscc"), v.operatorUscc},
        {QLatin1String("operatorName"), v.operatorName},
        {QLatin1String("operatorLicenceStatus"), v.operatorLicenceStatus},
        {QLatin1String("vehicleType"), v.vehicleType}, {QLatin1String("axles"), v.axles},
        {QLatin1String("violations"), violations}, {QLatin1String("unpaidFen"), v.unpaidFen},
        {QLatin1String("exportedAt"), v.exportedAt}};
}

QJsonObject toJson(const Violation& v)
{
    QJsonArray violates, basis;
    for (const LegalRef& r : v.violates)
        violates.append(toJson(r));
    for (const LegalRef& r : v.basis)
        basis.append(toJson(r));
    QJsonArray penalties;
    for (const PenaltyComponent& p : v.penalties)
        penalties.append(sanctionKindName(p.kind));
    return {{QLatin1String("code"), v.code}, {QLatin1String("category"), v.category},
        {QLatin1String("title"), v.title}, {QLatin1String("enforcer"), v.enforcer},
        {QLatin1String("violates"), violates}, {QLatin1String("basis"), basis},
        {QLatin1String("correction"), v.correction}, {QLatin1String("penaltyKinds"), penalties},
        {QLatin1String("notes"), v.notes}};
}

} // namespace fieldcase::rules
