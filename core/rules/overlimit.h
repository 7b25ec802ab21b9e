// 超限 (over-limit) determination and fine schedule: 《超限运输车辆行驶公路管理规定》
// (交通运输部令2016年第62号) art 3 (what counts as 超限) and art 43 (fines). Every limit, amount
// and the partial-tonne rounding are data from the violations pack ("overlimit" section), never
// constants here. Lengths are metres (double) at the interface and whole millimetres inside, so
// "未超过4.2米" compares exactly; masses are integer kilograms; money is integer fen.
#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fieldcase::rules {

// A quoted legal provision used by the 超限 rules (same shape as catalogue.h's LegalRef, kept
// separate so this header stands alone).
struct OverlimitRef
{
    QString lawTitle; // 超限运输车辆行驶公路管理规定
    QString article; // 第三条第一款第（四）项
    QString text; // the article text as quoted in the pack
    bool secondary = false; // quoted from a secondary source ([CXYS] is not in the statute repo)
};

// Vehicle class as art 3 distinguishes it: 货车 (rigid truck) or 汽车列车 (tractor + trailer).
enum class VehicleClass { Truck, TrainTruck };

// Vehicles art 3 treats specially: GB 1589 冷藏车 / 空气悬架汽车列车 / 专用作业车 are not 超限
// on mass; agricultural and low-speed vehicles (拖拉机、农用车、低速货车) use their 行驶证 mass.
enum class ExemptClass { None, Refrigerated, AirSuspensionTrain, SpecialPurpose, Agricultural };

// How a partial 1,000 kg of excess mass counts in the art 43(2) per-tonne fine.
enum class OverlimitRounding {
    Floor, // only whole excess tonnes count (2,600 kg over → 2 units): the pack default, [UNSURE]
    Ceil, // every started tonne counts (2,600 kg over → 3 units)
    Exact, // pro rata (2,600 kg over → 2.6 units, rounded down to the fen)
};

// What the officer measured at the 超限检测站 (input to assess()).
struct VehicleMeasurement
{
    VehicleClass vehicleClass = VehicleClass::Truck;
    int axles = 0; // a 二轴组 counts as 2 axles and a 三轴组 as 3 (art 3)
    bool driveAxleSingle = false; // 6+ axle trains: the tractor's drive axle is a single axle
    int singleTyreNonDriveAxles = 0; // non-drive axles/groups with single tyres on each side
    bool wideBaseApproved = false; // the single tyres are approved wide-base tyres (no reduction)
    ExemptClass exempt = ExemptClass::None;
    std::optional<qint64> registeredMassKg; // 行驶证 总质量, required for ExemptClass::Agricultural
    qint64 measuredMassKg = 0; // 车货总质量 as weighed
    double heightM = 0; // 车货总高度 from the ground
    double widthM = 0; // 车货总宽度
    double lengthM = 0; // 车货总长度
};

// One art 3 mass row: which vehicles it covers and the limit.
struct MassLimitRow
{
    int item = 0; // art 3(1) item number 4..8
    VehicleClass vehicleClass = VehicleClass::Truck;
    int axles = 0; // exact axle count, or the minimum when orMore is set
    bool orMore = false; // "六轴及六轴以上"
    qint64 limitKg = 0;
    std::optional<qint64> driveAxleSingleLimitKg; // item 8: 46,000 kg with a single drive axle
    OverlimitRef ref;
};

// One art 43(1) dimension tier: applies when every dimension is within its max (a missing max
// means "no upper bound"), first matching tier wins.
struct DimensionTier
{
    int tier = 0;
    std::optional<qint64> maxHeightMm, maxWidthMm, maxLengthMm;
    qint64 minFen = 0;
    qint64 maxFen = 0;
    bool optional = false; // "可以处200元以下罚款"
};

// The parsed "overlimit" section of the violations pack.
struct OverlimitRules
{
    bool present = false; // false when the pack has no overlimit section
    qint64 heightLimitMm = 0, widthLimitMm = 0, lengthLimitMm = 0; // art 3(1) items 1-3
    OverlimitRef heightRef, widthRef, lengthRef;
    QList<MassLimitRow> massLimits; // art 3(1) items 4-8
    qint64 singleTyreReductionKg = 0; // art 3: per single-tyre non-drive axle/group
    QList<ExemptClass> massExempt; // classes not treated as 超限 on mass
    OverlimitRef adjustmentsRef; // art 3 axle-group / tyre / exemption paragraph
    qint64 warningUpToKg = 0; // art 43(2): ≤ this much over → 警告
    qint64 unitKg = 0; // art 43(2): fine step
    qint64 fenPerUnit = 0; // art 43(2): fine per step
    qint64 massCapFen = 0; // art 43(2): "最高不得超过30000元"
    OverlimitRounding rounding = OverlimitRounding::Floor;
    QList<DimensionTier> dimensionTiers; // art 43(1)
    qint64 accumulationCapFen = 0; // art 43 last paragraph: cumulative fines capped
    OverlimitRef massFineRef, dimensionFineRef, accumulationRef;
};

// Parses the "overlimit" section (format: docs/packs/violations-and-discretion.md). Expects
// "lawTitle" (and "secondary"), which parseViolationPack fills in from the section's "law".
[[nodiscard]] Result<OverlimitRules> parseOverlimitRules(const QJsonObject& section);

// Parses the `measured` case fact (vehicleClass, axles, measuredMassKg, heightM, ...).
[[nodiscard]] Result<VehicleMeasurement> parseMeasurement(const QJsonObject& measured);

// Which sanction the mass excess earns under art 43(2).
enum class MassSanction { None, Warning, Fine };

// The art 3 + art 43 outcome for one vehicle.
struct OverlimitAssessment
{
    bool overLimit = false; // any art 3 item exceeded (after exemptions)
    bool massOver = false;
    qint64 limitKg = 0; // effective mass limit after adjustments
    OverlimitRef limitRef; // the art 3 item that sets the mass limit for this vehicle
    qint64 overKg = 0; // measured − limit, 0 when within
    QList<OverlimitRef> items; // the art 3 items exceeded, with their text
    bool heightOver = false, widthOver = false, lengthOver = false;
    qint64 heightExcessMm = 0, widthExcessMm = 0, lengthExcessMm = 0;
    MassSanction massSanction = MassSanction::None;
    qint64 massUnits = 0; // art 43(2) units counted (after rounding; Exact reports whole units)
    qint64 massFineFen = 0; // art 43(2) fine, after its own cap
    int dimensionTier = 0; // 0 = no dimension excess
    qint64 dimensionMinFen = 0, dimensionMaxFen = 0;
    bool dimensionOptional = false;
    qint64 totalMinFen = 0, totalMaxFen = 0; // accumulated (art 43 last paragraph), capped
    bool capped = false; // the accumulation cap reduced the total
    QStringList notes; // explanations (English, for the officer)
    QList<OverlimitRef> citations; // art 3 / art 43 provisions applied
};

// Applies art 3 and art 43 to one measurement. Fails on inputs art 3 does not cover (e.g. a
// 2-axle 汽车列车, or an agricultural vehicle without its 行驶证 mass).
[[nodiscard]] Result<OverlimitAssessment> assess(const VehicleMeasurement& vehicle,
    const OverlimitRules& rules, std::optional<OverlimitRounding> roundingOverride = {});

// The fine to recommend inside an assessment's accumulated range when the dimension part is a
// range: the mass fine plus the chosen point of the dimension range, capped.
[[nodiscard]] qint64 overlimitAmount(
    const OverlimitAssessment& a, qint64 dimensionPartFen, const OverlimitRules& rules);

// Wire names used in the pack and in facts ("floor", "truck", "refrigerated", ...).
[[nodiscard]] QString roundingName(OverlimitRounding rounding);
[[nodiscard]] std::optional<OverlimitRounding> roundingFromName(QStringView name);

} // namespace fieldcase::rules
