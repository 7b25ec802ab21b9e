// 超限 determination (art 3) and fine schedule (art 43), driven by the real violations pack.
#include "core/rules/catalogue.h"
#include "core/rules/overlimit.h"
#include "core/rules/penalty.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

const ViolationPack& pack()
{
    static const ViolationPack p = [] {
        QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/violations.json"));
        if (!f.open(QIODevice::ReadOnly))
            FAIL("cannot open violations.json");
        auto parsed = parseViolationPack(QJsonDocument::fromJson(f.readAll()).object());
        if (!parsed)
            FAIL(parsed.error().toString().toStdString());
        return *parsed;
    }();
    return p;
}

const OverlimitRules& packRules()
{
    return pack().context->overlimit;
}

VehicleMeasurement vehicle(
    VehicleClass cls, int axles, qint64 massKg, double h = 3.5, double w = 2.5, double l = 16.0)
{
    VehicleMeasurement v;
    v.vehicleClass = cls;
    v.axles = axles;
    v.measuredMassKg = massKg;
    v.heightM = h;
    v.widthM = w;
    v.lengthM = l;
    return v;
}

OverlimitAssessment ok(const VehicleMeasurement& v, std::optional<OverlimitRounding> r = {})
{
    auto a = assess(v, packRules(), r);
    if (!a)
        FAIL(a.error().toString().toStdString());
    return *a;
}

constexpr qint64 yuan = 100;

} // namespace

TEST_CASE("The pack's 超限 rules are data: limits, amounts and rounding come from the pack",
    "[overlimit]")
{
    const OverlimitRules& r = packRules();
    REQUIRE(r.present);
    CHECK(r.heightLimitMm == 4000);
    CHECK(r.widthLimitMm == 2550);
    CHECK(r.lengthLimitMm == 18100);
    CHECK(r.massLimits.size() == 7);
    CHECK(r.singleTyreReductionKg == 3000);
    CHECK(r.warningUpToKg == 1000);
    CHECK(r.fenPerUnit == 500 * yuan);
    CHECK(r.massCapFen == 30000 * yuan);
    CHECK(r.accumulationCapFen == 30000 * yuan);
    CHECK(r.rounding == OverlimitRounding::Floor); // the domain file's default, [UNSURE]
    CHECK(r.dimensionTiers.size() == 3);
    CHECK(r.massFineRef.secondary); // [CXYS] is quoted from a secondary source
    CHECK(r.massFineRef.text.contains(QStringLiteral("每超1000千克罚款500元")));
}

TEST_CASE("Art 3 mass limits per vehicle class and axle count, exactly at the limit is not over",
    "[overlimit]")
{
    struct Row
    {
        VehicleClass cls;
        int axles;
        qint64 limit;
        const char* itemText;
    };
    const Row rows[] = {
        {VehicleClass::Truck, 2, 18000, "18000千克"},
        {VehicleClass::Truck, 3, 25000, "25000千克"},
        {VehicleClass::TrainTruck, 3, 27000, "27000千克"},
        {VehicleClass::Truck, 4, 31000, "31000千克"},
        {VehicleClass::TrainTruck, 4, 36000, "36000千克"},
        {VehicleClass::TrainTruck, 5, 43000, "43000千克"},
        {VehicleClass::TrainTruck, 6, 49000, "49000千克"},
        {VehicleClass::TrainTruck, 7, 49000, "49000千克"},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION("axles " << row.axles << " limit " << row.limit)
        {
            const auto at = ok(vehicle(row.cls, row.axles, row.limit));
            CHECK_FALSE(at.overLimit);
            CHECK(at.limitKg == row.limit);
            CHECK(at.overKg == 0);
            CHECK(at.limitRef.text.contains(QString::fromUtf8(row.itemText)));
            const auto over = ok(vehicle(row.cls, row.axles, row.limit + 1));
            CHECK(over.overLimit);
            CHECK(over.overKg == 1);
            REQUIRE(over.items.size() == 1);
            CHECK(over.items.front().text.contains(QString::fromUtf8(row.itemText)));
        }
    }
}

TEST_CASE(
    "Art 43(2): up to 1,000 kg over earns a warning, above it 500元 per 1,000 kg", "[overlimit]")
{
    struct Row
    {
        qint64 overKg;
        MassSanction sanction;
        qint64 floorFen, ceilFen, exactFen;
    };
    const Row rows[] = {
        {999, MassSanction::Warning, 0, 0, 0},
        {1000, MassSanction::Warning, 0, 0, 0},
        {1001, MassSanction::Fine, 500 * yuan, 1000 * yuan, 50050},
        {2000, MassSanction::Fine, 1000 * yuan, 1000 * yuan, 1000 * yuan},
        {2600, MassSanction::Fine, 1000 * yuan, 1500 * yuan, 1300 * yuan},
        {10999, MassSanction::Fine, 5000 * yuan, 5500 * yuan, 549950},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.overKg << " kg over")
        {
            const auto v = vehicle(VehicleClass::Truck, 2, 18000 + row.overKg);
            const auto floor = ok(v, OverlimitRounding::Floor);
            const auto ceil = ok(v, OverlimitRounding::Ceil);
            const auto exact = ok(v, OverlimitRounding::Exact);
            CHECK(floor.overLimit);
            CHECK(floor.overKg == row.overKg);
            CHECK(floor.massSanction == row.sanction);
            CHECK(floor.massFineFen == row.floorFen);
            CHECK(ceil.massFineFen == row.ceilFen);
            CHECK(exact.massFineFen == row.exactFen);
            CHECK(ok(v).massFineFen == row.floorFen); // the pack default is floor
        }
    }
}

TEST_CASE("Art 43(2): the per-tonne fine is capped at 30,000元", "[overlimit]")
{
    const auto at = ok(vehicle(VehicleClass::TrainTruck, 6, 49000 + 61000));
    CHECK(at.overKg == 61000);
    CHECK(at.massFineFen == 30000 * yuan);
    CHECK(at.capped);
    const auto exactly = ok(vehicle(VehicleClass::TrainTruck, 6, 49000 + 60999));
    CHECK(exactly.massFineFen == 30000 * yuan); // 60 whole tonnes: exactly the cap
    CHECK_FALSE(exactly.capped);
    const auto below = ok(vehicle(VehicleClass::TrainTruck, 6, 49000 + 59999));
    CHECK(below.massFineFen == 29500 * yuan);
    CHECK_FALSE(below.capped);
}

TEST_CASE("Art 3(8): six axles, 49 t, or 46 t with a single drive axle", "[overlimit]")
{
    auto v = vehicle(VehicleClass::TrainTruck, 6, 48000);
    CHECK_FALSE(ok(v).overLimit);
    v.driveAxleSingle = true;
    const auto single = ok(v);
    CHECK(single.overLimit);
    CHECK(single.limitKg == 46000);
    CHECK(single.overKg == 2000);
    CHECK(single.massFineFen == 1000 * yuan);
    v.measuredMassKg = 46000;
    CHECK_FALSE(ok(v).overLimit);
    // The single-drive-axle limit is only for item 8; a 5-axle train keeps 43 t.
    auto five = vehicle(VehicleClass::TrainTruck, 5, 44000);
    five.driveAxleSingle = true;
    CHECK(ok(five).limitKg == 43000);
}

TEST_CASE("Art 3: single tyres on a non-drive axle lower the limit by 3,000 kg each", "[overlimit]")
{
    auto v = vehicle(VehicleClass::TrainTruck, 5, 41500);
    CHECK_FALSE(ok(v).overLimit);
    v.singleTyreNonDriveAxles = 1;
    const auto one = ok(v);
    CHECK(one.limitKg == 40000);
    CHECK(one.overKg == 1500);
    CHECK(one.massFineFen == 500 * yuan);
    v.singleTyreNonDriveAxles = 2;
    CHECK(ok(v).limitKg == 37000);
    v.wideBaseApproved = true; // approved wide-base tyres: no reduction
    CHECK(ok(v).limitKg == 43000);
    CHECK_FALSE(ok(v).overLimit);
}

TEST_CASE("Art 3 items 1-3 and the art 43(1) dimension tiers", "[overlimit]")
{
    struct Row
    {
        double h, w, l;
        bool over;
        int tier;
        qint64 minFen, maxFen;
        bool optional;
    };
    const Row rows[] = {
        {4.0, 2.55, 18.1, false, 0, 0, 0, false}, // exactly at every limit
        {4.01, 2.5, 16.0, true, 1, 0, 200 * yuan, true},
        {4.2, 3.0, 20.0, true, 1, 0, 200 * yuan, true}, // "未超过4.2米…未超过3米…未超过20米"
        {4.3, 2.5, 16.0, true, 2, 200 * yuan, 1000 * yuan, false},
        {3.9, 2.56, 16.0, true, 1, 0, 200 * yuan, true},
        {3.9, 3.01, 16.0, true, 2, 200 * yuan, 1000 * yuan, false},
        {3.9, 2.5, 20.1, true, 2, 200 * yuan, 1000 * yuan, false},
        {4.5, 3.75, 28.0, true, 2, 200 * yuan, 1000 * yuan, false},
        {4.51, 2.5, 16.0, true, 3, 1000 * yuan, 3000 * yuan, false},
        {3.9, 3.76, 16.0, true, 3, 1000 * yuan, 3000 * yuan, false},
        {3.9, 2.5, 28.1, true, 3, 1000 * yuan, 3000 * yuan, false},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION("h " << row.h << " w " << row.w << " l " << row.l)
        {
            const auto a = ok(vehicle(VehicleClass::Truck, 2, 10000, row.h, row.w, row.l));
            CHECK(a.overLimit == row.over);
            CHECK_FALSE(a.massOver);
            CHECK(a.dimensionTier == row.tier);
            CHECK(a.dimensionMinFen == row.minFen);
            CHECK(a.dimensionMaxFen == row.maxFen);
            CHECK(a.dimensionOptional == row.optional);
            CHECK(a.totalMinFen == row.minFen);
            CHECK(a.totalMaxFen == row.maxFen);
        }
    }
    const auto high = ok(vehicle(VehicleClass::Truck, 2, 10000, 4.3, 2.6, 16.0));
    CHECK(high.heightOver);
    CHECK(high.widthOver);
    CHECK(high.heightExcessMm == 300);
    CHECK(high.widthExcessMm == 50);
    CHECK(high.items.size() == 2);
}

TEST_CASE(
    "Art 43 last paragraph: mass and dimension fines accumulate, capped at 30,000元", "[overlimit]")
{
    const auto both = ok(vehicle(VehicleClass::Truck, 2, 18000 + 20000, 4.6, 2.5, 16.0));
    CHECK(both.massFineFen == 10000 * yuan);
    CHECK(both.dimensionTier == 3);
    CHECK(both.totalMinFen == 11000 * yuan);
    CHECK(both.totalMaxFen == 13000 * yuan);
    CHECK_FALSE(both.capped);
    CHECK(overlimitAmount(both, both.dimensionMinFen, packRules()) == 11000 * yuan);

    const auto capped = ok(vehicle(VehicleClass::Truck, 2, 18000 + 59500, 4.6, 2.5, 16.0));
    CHECK(capped.massFineFen == 29500 * yuan);
    CHECK(capped.totalMinFen == 30000 * yuan);
    CHECK(capped.totalMaxFen == 30000 * yuan);
    CHECK(capped.capped);
    CHECK(overlimitAmount(capped, capped.dimensionMaxFen, packRules()) == 30000 * yuan);
    bool citesAccumulation = false;
    for (const OverlimitRef& r : capped.citations)
        citesAccumulation |= r.article == QStringLiteral("第四十三条第二款");
    CHECK(citesAccumulation);
}

TEST_CASE("Art 3 special vehicles: GB 1589 exempt classes and agricultural vehicles", "[overlimit]")
{
    auto reefer = vehicle(VehicleClass::TrainTruck, 5, 47000);
    reefer.exempt = ExemptClass::Refrigerated;
    CHECK_FALSE(ok(reefer).overLimit);
    reefer.heightM = 4.3; // dimensions still count: exemption is for mass only
    CHECK(ok(reefer).overLimit);
    CHECK(ok(reefer).dimensionTier == 2);

    auto farm = vehicle(VehicleClass::Truck, 2, 5000);
    farm.exempt = ExemptClass::Agricultural;
    CHECK_FALSE(assess(farm, packRules()).has_value()); // needs the 行驶证 mass
    farm.registeredMassKg = 4500;
    const auto a = ok(farm);
    CHECK(a.limitKg == 4500);
    CHECK(a.overKg == 500);
    CHECK(a.massSanction == MassSanction::Warning);
}

TEST_CASE("Vehicles art 3 does not cover are refused, not guessed", "[overlimit]")
{
    CHECK(assess(vehicle(VehicleClass::TrainTruck, 2, 10000), packRules()).error().code
        == ErrorCode::InvalidArgument);
    CHECK(assess(vehicle(VehicleClass::Truck, 5, 10000), packRules()).error().code
        == ErrorCode::InvalidArgument);
    CHECK(assess(vehicle(VehicleClass::Truck, 2, 10000), OverlimitRules {}).error().code
        == ErrorCode::NotFound);
}

TEST_CASE("Measurements are parsed strictly", "[overlimit]")
{
    auto base = QJsonObject {{QStringLiteral("vehicleClass"), QStringLiteral("truck")},
        {QStringLiteral("axles"), 2}, {QStringLiteral("measuredMassKg"), 20000},
        {QStringLiteral("heightM"), 3.8}, {QStringLiteral("widthM"), 2.5},
        {QStringLiteral("lengthM"), 12.0}};
    REQUIRE(parseMeasurement(base));
    CHECK(parseMeasurement(base)->measuredMassKg == 20000);
    struct Bad
    {
        const char* key;
        QJsonValue value;
    };
    const Bad bad[] = {{"vehicleClass", QStringLiteral("bus")}, {"axles", 1}, {"axles", 2.5},
        {"measuredMassKg", -1}, {"measuredMassKg", QStringLiteral("20t")},
        {"heightM", QJsonValue()}, {"exemptClass", QStringLiteral("tank")},
        {"singleTyreNonDriveAxles", 3}};
    for (const Bad& b : bad) {
        DYNAMIC_SECTION(b.key)
        {
            QJsonObject m = base;
            if (b.value.isNull())
                m.remove(QLatin1String(b.key));
            else
                m.insert(QLatin1String(b.key), b.value);
            auto parsed = parseMeasurement(m);
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().code == ErrorCode::InvalidArgument);
        }
    }
}

TEST_CASE("The engine applies the 超限 schedule to 公路安全保护条例 art 64", "[overlimit][penalty]")
{
    const Violation* v = pack().find(u"GLAQ-64");
    REQUIRE(v);
    REQUIRE(v->usesOverlimit());
    const auto measured = [](qint64 mass, double h = 3.8) {
        return QJsonObject {{QStringLiteral("vehicleClass"), QStringLiteral("truck")},
            {QStringLiteral("axles"), 2}, {QStringLiteral("measuredMassKg"), mass},
            {QStringLiteral("heightM"), h}, {QStringLiteral("widthM"), 2.5},
            {QStringLiteral("lengthM"), 12.0}};
    };
    const auto facts = [&](qint64 mass, double h = 3.8) {
        return QJsonObject {{QStringLiteral("partyKind"), QStringLiteral("person")},
            {QStringLiteral("measured"), measured(mass, h)}};
    };

    SECTION("at the limit: no violation")
    {
        auto e = evaluate(*v, nullptr, facts(18000), {});
        REQUIRE(e);
        CHECK(e->outcome == Outcome::NoPenalty);
        CHECK(e->procedure == Procedure::None);
    }
    SECTION("1,000 kg over: warning only, simple procedure")
    {
        auto e = evaluate(*v, nullptr, facts(19000), {});
        REQUIRE(e);
        CHECK(e->outcome == Outcome::WarningOnly);
        CHECK(e->procedure == Procedure::Simple);
        CHECK_FALSE(e->amountFen.value_or(0));
    }
    SECTION("2,600 kg over: 1,000元 (floor) or 1,500元 (ceil)")
    {
        auto e = evaluate(*v, nullptr, facts(20600), {});
        REQUIRE(e);
        CHECK(e->outcome == Outcome::Penalty);
        CHECK(e->amountBasis == AmountBasis::Overlimit);
        CHECK(e->recommendedAmountFen == 1000 * yuan);
        CHECK(e->statutoryRange == FineRange {1000 * yuan, 1000 * yuan});
        CHECK(e->procedure == Procedure::General);
        EngineOptions ceil;
        ceil.rounding = OverlimitRounding::Ceil;
        auto c = evaluate(*v, nullptr, facts(20600), ceil);
        REQUIRE(c);
        CHECK(c->recommendedAmountFen == 1500 * yuan);
    }
    SECTION("a formula fine cannot be changed by the officer")
    {
        QJsonObject f = facts(20600);
        f.insert(QStringLiteral("proposedAmountFen"), 1500 * yuan);
        auto e = evaluate(*v, nullptr, f, {});
        REQUIRE_FALSE(e);
        CHECK(e.error().code == ErrorCode::Rejected);
        CHECK(e.error().message.contains(QStringLiteral("第四十三条")));
    }
    SECTION("mass and height over: accumulated, the tier recommends the dimension minimum")
    {
        auto e = evaluate(*v, nullptr, facts(38000, 4.6), {});
        REQUIRE(e);
        CHECK(e->statutoryRange == FineRange {11000 * yuan, 13000 * yuan});
        CHECK(e->recommendedAmountFen == 11000 * yuan);
    }
    SECTION("the measurement is required")
    {
        auto e = evaluate(
            *v, nullptr, QJsonObject {{QStringLiteral("partyKind"), QStringLiteral("person")}}, {});
        REQUIRE_FALSE(e);
        CHECK(e.error().code == ErrorCode::InvalidArgument);
    }
}
