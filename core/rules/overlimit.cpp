#include "core/rules/overlimit.h"

#include "core/util/text.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fieldcase::rules {

namespace {

const QString kWhere = QStringLiteral("overlimit");

std::unexpected<Error> bad(const QString& where, const QString& message)
{
    return fail(ErrorCode::Corrupt, message, where);
}

// A whole number from JSON (amounts, masses, counts); rejects fractions and non-numbers.
Result<qint64> wholeNumber(const QJsonObject& o, QLatin1String key, const QString& where,
    std::optional<qint64> fallback = {})
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (fallback)
            return *fallback;
        return bad(where, CoreText::tr("Missing number \"%1\"").arg(key));
    }
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < 0 || d > 9.0e15)
        return bad(where, CoreText::tr("\"%1\" must be a whole number ≥ 0").arg(key));
    return static_cast<qint64>(d);
}

// Metres (double) from JSON, returned as whole millimetres.
Result<qint64> metresAsMm(const QJsonObject& o, QLatin1String key, const QString& where)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 || v.toDouble() > 1000)
        return bad(where, CoreText::tr("\"%1\" must be a length in metres").arg(key));
    return static_cast<qint64>(std::llround(v.toDouble() * 1000.0));
}

qint64 mm(double metres)
{
    return static_cast<qint64>(std::llround(metres * 1000.0));
}

Result<OverlimitRef> ref(
    const QJsonObject& o, const QString& where, const QString& lawTitle, bool secondary)
{
    const QString article = o.value(QLatin1String("article")).toString();
    const QString text = o.value(QLatin1String("text")).toString();
    if (article.isEmpty() || text.isEmpty())
        return bad(where, CoreText::tr("A legal reference needs \"article\" and \"text\""));
    return OverlimitRef {
        lawTitle, article, text, secondary || o.value(QLatin1String("secondary")).toBool(false)};
}

std::optional<VehicleClass> vehicleClassFromName(QStringView name)
{
    if (name == u"truck")
        return VehicleClass::Truck;
    if (name == u"trainTruck")
        return VehicleClass::TrainTruck;
    return std::nullopt;
}

std::optional<ExemptClass> exemptFromName(QStringView name)
{
    if (name == u"none")
        return ExemptClass::None;
    if (name == u"refrigerated")
        return ExemptClass::Refrigerated;
    if (name == u"airSuspensionTrain")
        return ExemptClass::AirSuspensionTrain;
    if (name == u"specialPurpose")
        return ExemptClass::SpecialPurpose;
    if (name == u"agricultural")
        return ExemptClass::Agricultural;
    return std::nullopt;
}

QString yuan(qint64 fen)
{
    if (fen % 100 == 0)
        return QString::number(fen / 100) + QStringLiteral("元");
    return QString::number(fen / 100) + QLatin1Char('.')
        + QStringLiteral("%1").arg(fen % 100, 2, 10, QLatin1Char('0')) + QStringLiteral("元");
}

} // namespace

QString roundingName(OverlimitRounding rounding)
{
    switch (rounding) {
    case OverlimitRounding::Floor:
        return QStringLiteral("floor");
    case OverlimitRounding::Ceil:
        return QStringLiteral("ceil");
    case OverlimitRounding::Exact:
        return QStringLiteral("exact");
    }
    return {};
}

std::optional<OverlimitRounding> roundingFromName(QStringView name)
{
    if (name == u"floor")
        return OverlimitRounding::Floor;
    if (name == u"ceil")
        return OverlimitRounding::Ceil;
    if (name == u"exact")
        return OverlimitRounding::Exact;
    return std::nullopt;
}

Result<OverlimitRules> parseOverlimitRules(const QJsonObject& section)
{
    OverlimitRules r;
    r.present = true;
    const QString lawTitle = section.value(QLatin1String("lawTitle")).toString();
    const bool secondary = section.value(QLatin1String("secondary")).toBool(false);
    if (lawTitle.isEmpty())
        return bad(kWhere, CoreText::tr("The overlimit section needs \"lawTitle\""));

    const QString roundingText = section.value(QLatin1String("rounding")).toString();
    const auto rounding = roundingFromName(roundingText);
    if (!rounding)
        return bad(kWhere,
            CoreText::tr("Unknown rounding \"%1\" (floor, ceil or exact)").arg(roundingText));
    r.rounding = *rounding;

    // Art 3(1) items 1-3: dimension limits.
    const QJsonObject dims = section.value(QLatin1String("dimensions")).toObject();
    struct DimKey
    {
        QLatin1String key;
        qint64* limit;
        OverlimitRef* ref;
    };
    const DimKey dimKeys[] = {{QLatin1String("height"), &r.heightLimitMm, &r.heightRef},
        {QLatin1String("width"), &r.widthLimitMm, &r.widthRef},
        {QLatin1String("length"), &r.lengthLimitMm, &r.lengthRef}};
    for (const DimKey& k : dimKeys) {
        const QString where = kWhere + QStringLiteral(".dimensions.") + k.key;
        const QJsonObject d = dims.value(k.key).toObject();
        auto limit = metresAsMm(d, QLatin1String("limitM"), where);
        if (!limit)
            return fail(limit.error());
        *k.limit = *limit;
        auto rf = ref(d, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        *k.ref = *rf;
    }

    // Art 3(1) items 4-8: mass limits per vehicle class and axle count.
    const QJsonArray mass = section.value(QLatin1String("mass")).toArray();
    if (mass.isEmpty())
        return bad(kWhere, CoreText::tr("The overlimit section needs a \"mass\" table"));
    for (qsizetype i = 0; i < mass.size(); ++i) {
        const QString where = kWhere + QStringLiteral(".mass[%1]").arg(i);
        const QJsonObject m = mass.at(i).toObject();
        MassLimitRow row;
        auto item = wholeNumber(m, QLatin1String("item"), where);
        auto axles = wholeNumber(m, QLatin1String("axles"), where);
        auto limit = wholeNumber(m, QLatin1String("limitKg"), where);
        if (!item || !axles || !limit)
            return fail(!item ? item.error() : !axles ? axles.error() : limit.error());
        const auto cls = vehicleClassFromName(m.value(QLatin1String("vehicleClass")).toString());
        if (!cls)
            return bad(where, CoreText::tr("\"vehicleClass\" must be truck or trainTruck"));
        row.item = static_cast<int>(*item);
        row.axles = static_cast<int>(*axles);
        row.vehicleClass = *cls;
        row.limitKg = *limit;
        row.orMore = m.value(QLatin1String("orMore")).toBool(false);
        if (m.contains(QLatin1String("driveAxleSingleLimitKg"))) {
            auto single = wholeNumber(m, QLatin1String("driveAxleSingleLimitKg"), where);
            if (!single)
                return fail(single.error());
            row.driveAxleSingleLimitKg = *single;
        }
        auto rf = ref(m, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        row.ref = *rf;
        r.massLimits.append(row);
    }

    // Art 3 adjustments: single tyres, exempt vehicle classes.
    {
        const QString where = kWhere + QStringLiteral(".adjustments");
        const QJsonObject adj = section.value(QLatin1String("adjustments")).toObject();
        auto reduction = wholeNumber(adj, QLatin1String("singleTyreReductionKg"), where);
        if (!reduction)
            return fail(reduction.error());
        r.singleTyreReductionKg = *reduction;
        for (const QJsonValue& e : adj.value(QLatin1String("massExempt")).toArray()) {
            const auto cls = exemptFromName(e.toString());
            if (!cls || *cls == ExemptClass::None || *cls == ExemptClass::Agricultural)
                return bad(
                    where, CoreText::tr("Unknown exempt vehicle class \"%1\"").arg(e.toString()));
            r.massExempt.append(*cls);
        }
        auto rf = ref(adj, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        r.adjustmentsRef = *rf;
    }

    // Art 43(2): warning, per-unit fine, cap.
    {
        const QString where = kWhere + QStringLiteral(".massFine");
        const QJsonObject f = section.value(QLatin1String("massFine")).toObject();
        auto warn = wholeNumber(f, QLatin1String("warningUpToKg"), where);
        auto unit = wholeNumber(f, QLatin1String("unitKg"), where);
        auto per = wholeNumber(f, QLatin1String("fenPerUnit"), where);
        auto cap = wholeNumber(f, QLatin1String("capFen"), where);
        if (!warn || !unit || !per || !cap)
            return fail(!warn ? warn.error()
                    : !unit   ? unit.error()
                    : !per    ? per.error()
                              : cap.error());
        if (*unit == 0)
            return bad(where, CoreText::tr("\"unitKg\" must be positive"));
        r.warningUpToKg = *warn;
        r.unitKg = *unit;
        r.fenPerUnit = *per;
        r.massCapFen = *cap;
        auto rf = ref(f, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        r.massFineRef = *rf;
    }

    // Art 43(1): dimension tiers, first match wins.
    {
        const QString where = kWhere + QStringLiteral(".dimensionFine");
        const QJsonObject f = section.value(QLatin1String("dimensionFine")).toObject();
        const QJsonArray tiers = f.value(QLatin1String("tiers")).toArray();
        if (tiers.isEmpty())
            return bad(where, CoreText::tr("The dimension fine needs \"tiers\""));
        for (qsizetype i = 0; i < tiers.size(); ++i) {
            const QString tw = where + QStringLiteral(".tiers[%1]").arg(i);
            const QJsonObject t = tiers.at(i).toObject();
            DimensionTier tier;
            tier.tier = static_cast<int>(i + 1);
            auto minFen = wholeNumber(t, QLatin1String("minFen"), tw, 0);
            auto maxFen = wholeNumber(t, QLatin1String("maxFen"), tw);
            if (!minFen || !maxFen)
                return fail(!minFen ? minFen.error() : maxFen.error());
            if (*minFen > *maxFen)
                return bad(tw, CoreText::tr("\"minFen\" is above \"maxFen\""));
            tier.minFen = *minFen;
            tier.maxFen = *maxFen;
            tier.optional = t.value(QLatin1String("optional")).toBool(false);
            const QLatin1String keys[] = {QLatin1String("maxHeightM"), QLatin1String("maxWidthM"),
                QLatin1String("maxLengthM")};
            std::optional<qint64>* tierSlots[]
                = {&tier.maxHeightMm, &tier.maxWidthMm, &tier.maxLengthMm};
            for (int k = 0; k < 3; ++k) {
                if (!t.contains(keys[k]))
                    continue;
                auto v = metresAsMm(t, keys[k], tw);
                if (!v)
                    return fail(v.error());
                *tierSlots[k] = *v;
            }
            r.dimensionTiers.append(tier);
        }
        auto rf = ref(f, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        r.dimensionFineRef = *rf;
    }

    // Art 43 last paragraph: accumulation cap.
    {
        const QString where = kWhere + QStringLiteral(".accumulation");
        const QJsonObject f = section.value(QLatin1String("accumulation")).toObject();
        auto cap = wholeNumber(f, QLatin1String("capFen"), where);
        if (!cap)
            return fail(cap.error());
        r.accumulationCapFen = *cap;
        auto rf = ref(f, where, lawTitle, secondary);
        if (!rf)
            return fail(rf.error());
        r.accumulationRef = *rf;
    }
    return r;
}

Result<VehicleMeasurement> parseMeasurement(const QJsonObject& m)
{
    const QString where = QStringLiteral("facts.measured");
    auto invalid
        = [&](const QString& message) { return fail(ErrorCode::InvalidArgument, message, where); };
    VehicleMeasurement v;
    const auto cls = vehicleClassFromName(m.value(QLatin1String("vehicleClass")).toString());
    if (!cls)
        return invalid(CoreText::tr("The vehicle class must be truck or trainTruck"));
    v.vehicleClass = *cls;
    auto whole = [&](QLatin1String key, std::optional<qint64> fallback) -> Result<qint64> {
        auto r = wholeNumber(m, key, where, fallback);
        if (!r)
            return fail(ErrorCode::InvalidArgument, r.error().message, where);
        return r;
    };
    auto axles = whole(QLatin1String("axles"), std::nullopt);
    if (!axles)
        return fail(axles.error());
    if (*axles < 2 || *axles > 20)
        return invalid(CoreText::tr("The axle count must be between 2 and 20"));
    v.axles = static_cast<int>(*axles);
    auto mass = whole(QLatin1String("measuredMassKg"), std::nullopt);
    if (!mass)
        return fail(mass.error());
    v.measuredMassKg = *mass;
    auto single = whole(QLatin1String("singleTyreNonDriveAxles"), 0);
    if (!single)
        return fail(single.error());
    if (*single > v.axles)
        return invalid(CoreText::tr("More single-tyre axles than axles"));
    v.singleTyreNonDriveAxles = static_cast<int>(*single);
    v.driveAxleSingle = m.value(QLatin1String("driveAxleSingle")).toBool(false);
    v.wideBaseApproved = m.value(QLatin1String("wideBaseApproved")).toBool(false);
    const QString exemptText
        = m.value(QLatin1String("exemptClass")).toString(QStringLiteral("none"));
    const auto exempt = exemptFromName(exemptText);
    if (!exempt)
        return invalid(CoreText::tr("Unknown exempt class \"%1\"").arg(exemptText));
    v.exempt = *exempt;
    if (m.contains(QLatin1String("registeredMassKg"))) {
        auto reg = whole(QLatin1String("registeredMassKg"), std::nullopt);
        if (!reg)
            return fail(reg.error());
        v.registeredMassKg = *reg;
    }
    const QLatin1String dimKeys[]
        = {QLatin1String("heightM"), QLatin1String("widthM"), QLatin1String("lengthM")};
    double* dimSlots[] = {&v.heightM, &v.widthM, &v.lengthM};
    for (int k = 0; k < 3; ++k) {
        const QJsonValue d = m.value(dimKeys[k]);
        if (!d.isDouble() || !std::isfinite(d.toDouble()) || d.toDouble() < 0 || d.toDouble() > 100)
            return invalid(CoreText::tr("\"%1\" must be a length in metres").arg(dimKeys[k]));
        *dimSlots[k] = d.toDouble();
    }
    return v;
}

Result<OverlimitAssessment> assess(const VehicleMeasurement& vehicle, const OverlimitRules& rules,
    std::optional<OverlimitRounding> roundingOverride)
{
    if (!rules.present)
        return fail(
            ErrorCode::NotFound, CoreText::tr("The violations pack has no 超限 (overlimit) rules"));
    OverlimitAssessment a;

    // Art 3(1) items 1-3: dimensions, compared in whole millimetres ("超过" = strictly above).
    const qint64 h = mm(vehicle.heightM), w = mm(vehicle.widthM), l = mm(vehicle.lengthM);
    a.heightOver = h > rules.heightLimitMm;
    a.widthOver = w > rules.widthLimitMm;
    a.lengthOver = l > rules.lengthLimitMm;
    a.heightExcessMm = a.heightOver ? h - rules.heightLimitMm : 0;
    a.widthExcessMm = a.widthOver ? w - rules.widthLimitMm : 0;
    a.lengthExcessMm = a.lengthOver ? l - rules.lengthLimitMm : 0;
    if (a.heightOver)
        a.items.append(rules.heightRef);
    if (a.widthOver)
        a.items.append(rules.widthRef);
    if (a.lengthOver)
        a.items.append(rules.lengthRef);

    // Art 3(1) items 4-8: the mass limit for this class and axle count.
    const MassLimitRow* row = nullptr;
    for (const MassLimitRow& r : rules.massLimits) {
        if (r.vehicleClass != vehicle.vehicleClass)
            continue;
        if (r.orMore ? vehicle.axles >= r.axles : vehicle.axles == r.axles) {
            row = &r;
            break;
        }
    }
    const bool massExempt = rules.massExempt.contains(vehicle.exempt);
    if (vehicle.exempt == ExemptClass::Agricultural) {
        // Art 3: 拖拉机、农用车、低速货车 are judged by the 总质量 on their 行驶证.
        if (!vehicle.registeredMassKg)
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("An agricultural or low-speed vehicle needs its registered (行驶证) "
                             "total mass"));
        a.limitKg = *vehicle.registeredMassKg;
        a.limitRef = rules.adjustmentsRef;
        a.notes.append(CoreText::tr("Mass limit taken from the vehicle licence (行驶证): %1 kg")
                           .arg(a.limitKg));
    } else {
        if (!row)
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Art 3 sets no mass limit for a %1 with %2 axles")
                    .arg(vehicle.vehicleClass == VehicleClass::Truck
                            ? QStringLiteral("truck (货车)")
                            : QStringLiteral("train (汽车列车)"))
                    .arg(vehicle.axles));
        a.limitKg = row->limitKg;
        a.limitRef = row->ref;
        if (row->driveAxleSingleLimitKg && vehicle.driveAxleSingle) {
            a.limitKg = *row->driveAxleSingleLimitKg;
            a.notes.append(
                CoreText::tr("Single drive axle on the tractor: limit %1 kg").arg(a.limitKg));
        }
        // Art 3: single tyres on a non-drive axle (group) lower the limit, unless wide-base
        // tyres are approved.
        if (vehicle.singleTyreNonDriveAxles > 0 && !vehicle.wideBaseApproved) {
            const qint64 reduction = rules.singleTyreReductionKg * vehicle.singleTyreNonDriveAxles;
            a.limitKg -= reduction;
            a.notes.append(CoreText::tr("%1 single-tyre non-drive axle(s): limit lowered by %2 kg")
                               .arg(vehicle.singleTyreNonDriveAxles)
                               .arg(reduction));
            a.citations.append(rules.adjustmentsRef);
        }
    }
    if (massExempt) {
        a.notes.append(CoreText::tr("Exempt vehicle class meeting GB 1589: not 超限 on mass"));
        a.citations.append(rules.adjustmentsRef);
    } else if (vehicle.measuredMassKg > a.limitKg) {
        a.massOver = true;
        a.overKg = vehicle.measuredMassKg - a.limitKg;
        if (row && vehicle.exempt != ExemptClass::Agricultural)
            a.items.append(row->ref);
        else
            a.items.append(rules.adjustmentsRef);
    }
    a.overLimit = a.massOver || a.heightOver || a.widthOver || a.lengthOver;
    for (const OverlimitRef& item : std::as_const(a.items))
        a.citations.append(item);
    if (!a.overLimit)
        return a;

    // Art 43(2): mass fine.
    const OverlimitRounding rounding = roundingOverride.value_or(rules.rounding);
    if (a.massOver) {
        a.citations.append(rules.massFineRef);
        if (a.overKg <= rules.warningUpToKg) {
            a.massSanction = MassSanction::Warning;
            a.notes.append(CoreText::tr("%1 kg over the limit, not more than %2 kg: warning (警告)")
                               .arg(a.overKg)
                               .arg(rules.warningUpToKg));
        } else {
            a.massSanction = MassSanction::Fine;
            qint64 fine = 0;
            switch (rounding) {
            case OverlimitRounding::Floor:
                a.massUnits = a.overKg / rules.unitKg;
                fine = a.massUnits * rules.fenPerUnit;
                break;
            case OverlimitRounding::Ceil:
                a.massUnits = (a.overKg + rules.unitKg - 1) / rules.unitKg;
                fine = a.massUnits * rules.fenPerUnit;
                break;
            case OverlimitRounding::Exact:
                a.massUnits = a.overKg / rules.unitKg;
                fine = a.overKg * rules.fenPerUnit / rules.unitKg;
                break;
            }
            if (fine > rules.massCapFen) {
                fine = rules.massCapFen;
                a.capped = true;
            }
            a.massFineFen = fine;
            a.notes.append(CoreText::tr("%1 kg over the limit: %2 per %3 kg (%4 rounding) = %5")
                               .arg(a.overKg)
                               .arg(yuan(rules.fenPerUnit))
                               .arg(rules.unitKg)
                               .arg(roundingName(rounding))
                               .arg(yuan(fine)));
        }
    }

    // Art 43(1): dimension tier, first tier whose maxima all hold.
    if (a.heightOver || a.widthOver || a.lengthOver) {
        a.citations.append(rules.dimensionFineRef);
        for (const DimensionTier& t : rules.dimensionTiers) {
            const bool fits = (!t.maxHeightMm || h <= *t.maxHeightMm)
                && (!t.maxWidthMm || w <= *t.maxWidthMm) && (!t.maxLengthMm || l <= *t.maxLengthMm);
            if (fits) {
                a.dimensionTier = t.tier;
                a.dimensionMinFen = t.minFen;
                a.dimensionMaxFen = t.maxFen;
                a.dimensionOptional = t.optional;
                break;
            }
        }
        if (a.dimensionTier == 0)
            return fail(ErrorCode::Corrupt,
                CoreText::tr("No art 43(1) dimension tier matches; the pack's tiers leave a gap"),
                kWhere);
        a.notes.append(CoreText::tr("Dimensions over the limit: art 43(1) tier %1, %2–%3")
                           .arg(a.dimensionTier)
                           .arg(yuan(a.dimensionMinFen))
                           .arg(yuan(a.dimensionMaxFen)));
    }

    // Art 43 last paragraph: several violations accumulate, capped in total.
    a.totalMinFen = a.massFineFen + a.dimensionMinFen;
    a.totalMaxFen = a.massFineFen + a.dimensionMaxFen;
    if (a.massFineFen > 0 && a.dimensionTier > 0)
        a.citations.append(rules.accumulationRef);
    if (a.totalMaxFen > rules.accumulationCapFen) {
        a.totalMaxFen = rules.accumulationCapFen;
        a.capped = true;
    }
    if (a.totalMinFen > rules.accumulationCapFen) {
        a.totalMinFen = rules.accumulationCapFen;
        a.capped = true;
    }
    if (a.capped)
        a.notes.append(CoreText::tr("Capped at %1").arg(yuan(rules.accumulationCapFen)));
    return a;
}

qint64 overlimitAmount(
    const OverlimitAssessment& a, qint64 dimensionPartFen, const OverlimitRules& rules)
{
    const qint64 dimension = std::clamp(dimensionPartFen, a.dimensionMinFen, a.dimensionMaxFen);
    return std::min(a.massFineFen + dimension, rules.accumulationCapFen);
}

} // namespace fieldcase::rules
