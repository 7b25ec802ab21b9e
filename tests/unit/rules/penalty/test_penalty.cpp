// The penalty engine over the seeded packs: 《行政处罚法》 arts 28-33, 37, 51, 63 and the
// discretion standard's tiers, bands and 首违不罚 items.
#include "core/rules/catalogue.h"
#include "core/rules/penalty.h"
#include "tests/support/sourcepacks.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>
#include <functional>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

constexpr qint64 yuan = 100;

struct Data
{
    ViolationPack violations;
    DiscretionPack discretion;
};

const Data& data()
{
    static const Data d = [] {
        auto v = parseViolationPack(test::readSourcePack("violations.json"));
        if (!v)
            FAIL(v.error().toString().toStdString());
        auto dp = parseDiscretionPack(test::readSourcePack("discretion-demo.json"), &*v);
        if (!dp)
            FAIL(dp.error().toString().toStdString());
        return Data {*v, *dp};
    }();
    return d;
}

const Violation& violation(const char* code)
{
    const Violation* v = data().violations.find(QString::fromLatin1(code));
    if (!v)
        FAIL("no violation " << code);
    return *v;
}

const DiscretionEntry* entry(const char* code)
{
    return data().discretion.find(QString::fromLatin1(code));
}

const GeneralRules& general()
{
    return data().violations.context->general;
}

using Facts = std::initializer_list<std::pair<const char*, QJsonValue>>;

QJsonObject facts(Facts items)
{
    QJsonObject o;
    for (const auto& [k, v] : items)
        o.insert(QLatin1String(k), v);
    return o;
}

QJsonValue text(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// Evaluates and requires success.
Evaluation run(const char* code, const QJsonObject& f, bool withStandard = true,
    const EngineOptions& options = {})
{
    auto e = evaluate(violation(code), withStandard ? entry(code) : nullptr, f, options);
    if (!e)
        FAIL(code << ": " << e.error().toString().toStdString());
    return *e;
}

bool cites(const Evaluation& e, const LegalRef& ref)
{
    return e.citations.contains(ref);
}

bool reasonCites(const Evaluation& e, const QString& article)
{
    return std::any_of(e.reasons.begin(), e.reasons.end(),
        [&](const Reason& r) { return r.citation.article == article; });
}

bool hasSanction(const Evaluation& e, SanctionKind kind)
{
    return std::any_of(
        e.sanctions.begin(), e.sanctions.end(), [&](const Sanction& s) { return s.kind == kind; });
}

QJsonObject measuredTruck(qint64 massKg)
{
    return QJsonObject {{QStringLiteral("vehicleClass"), QStringLiteral("truck")},
        {QStringLiteral("axles"), 2}, {QStringLiteral("measuredMassKg"), massKg},
        {QStringLiteral("heightM"), 3.8}, {QStringLiteral("widthM"), 2.5},
        {QStringLiteral("lengthM"), 12.0}};
}

// Edits one violation of a pack object (content.violations[code]).
QJsonObject editViolation(
    QJsonObject pack, const QString& code, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject content = pack.value(QStringLiteral("content")).toObject();
    QJsonArray list = content.value(QStringLiteral("violations")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        QJsonObject v = list.at(i).toObject();
        if (v.value(QStringLiteral("code")).toString() == code) {
            edit(v);
            if (v.isEmpty())
                list.removeAt(i);
            else
                list.replace(i, v);
            break;
        }
    }
    content.insert(QStringLiteral("violations"), list);
    pack.insert(QStringLiteral("content"), content);
    return pack;
}

QJsonObject fineOf(qint64 minYuan, qint64 maxYuan)
{
    return QJsonObject {{QStringLiteral("kind"), QStringLiteral("fine")},
        {QStringLiteral("minFen"), minYuan * yuan}, {QStringLiteral("maxFen"), maxYuan * yuan}};
}

} // namespace

TEST_CASE("Every seeded provision evaluates, with and without the discretion standard", "[penalty]")
{
    for (const Violation& v : data().violations.violations) {
        for (const char* party : {"person", "organisation"}) {
            for (const bool withStandard : {true, false}) {
                for (const qint64 gains : {qint64(0), 50000 * yuan}) {
                    DYNAMIC_SECTION(v.code.toStdString()
                        << ' ' << party << (withStandard ? " standard" : "") << " gains " << gains)
                    {
                        QJsonObject f = facts({{"partyKind", text(party)}, {"priorViolations", 0},
                            {"harm", text("minor")}, {"illegalGainsFen", gains}});
                        if (v.usesOverlimit())
                            f.insert(QStringLiteral("measured"), measuredTruck(20600));
                        const DiscretionEntry* d
                            = withStandard ? data().discretion.find(v.code) : nullptr;
                        auto e = evaluate(v, d, f, {});
                        REQUIRE(e);
                        CHECK(e->code == v.code);
                        CHECK(e->correctionOrder == v.correction);
                        CHECK(cites(*e, v.basis.front()));
                        CHECK(cites(*e, v.violates.front()));
                        CHECK(cites(*e, general().correction));
                        CHECK(e->demo == bool(d));
                        REQUIRE_FALSE(e->reasons.isEmpty());
                        for (const Reason& r : e->reasons) {
                            CHECK_FALSE(r.text.isEmpty());
                            CHECK_FALSE(r.citation.article.isEmpty());
                            CHECK_FALSE(r.citation.lawTitle.isEmpty());
                        }
                        if (e->statutoryRange) {
                            const FineRange stat = *e->statutoryRange;
                            CHECK(stat.minFen <= stat.maxFen);
                            REQUIRE(e->band);
                            CHECK(e->band->minFen >= stat.minFen);
                            CHECK(e->band->maxFen <= stat.maxFen);
                            if (e->recommendedAmountFen)
                                CHECK(stat.contains(*e->recommendedAmountFen));
                        }
                        if (gains > 0 && e->outcome == Outcome::Penalty)
                            CHECK(hasSanction(*e, SanctionKind::ConfiscateGains));
                        if (e->outcome == Outcome::NoPenalty
                            || e->outcome == Outcome::FirstViolationExempt)
                            CHECK(e->procedure == Procedure::None);
                        else
                            CHECK(e->procedure != Procedure::None);
                    }
                }
            }
        }
    }
}

TEST_CASE("Art 51: simple procedure up to 200元 for a person and 3,000元 for an organisation",
    "[penalty]")
{
    struct Row
    {
        const char* party;
        qint64 amountFen;
        Procedure procedure;
    };
    const Row rows[] = {
        {"person", 199 * yuan, Procedure::Simple},
        {"person", 200 * yuan, Procedure::Simple},
        {"person", 201 * yuan, Procedure::General},
        {"person", 20001, Procedure::General}, // 200.01元
        {"organisation", 2999 * yuan, Procedure::Simple},
        {"organisation", 3000 * yuan, Procedure::Simple},
        {"organisation", 3001 * yuan, Procedure::General},
        {"organisation", 201 * yuan, Procedure::Simple},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.party << ' ' << row.amountFen)
        {
            // 公路安全保护条例 art 60: 可以处3万元以下 — wide enough for both boundaries.
            const auto e = run("GLAQ-60-1",
                facts({{"partyKind", text(row.party)}, {"proposedAmountFen", row.amountFen}}),
                false);
            CHECK(e.outcome == Outcome::Penalty);
            CHECK(e.amountFen == row.amountFen);
            CHECK(e.procedure == row.procedure);
            CHECK(reasonCites(e, QStringLiteral("第五十一条")));
            CHECK_FALSE(e.needsReason);
        }
    }
}

TEST_CASE("Multiples of illegal gains across the threshold", "[penalty]")
{
    struct Row
    {
        const char* code;
        qint64 gainsFen;
        bool serious;
        AmountBasis basis;
        qint64 minFen, maxFen;
    };
    const Row rows[] = {
        // 道路运输条例 63(1): 超过1万元 → 1-5×; 没有或者不足1万元 → 3000-10000元, 情节严重 1万-5万.
        {"DLYS-63-1", 0, false, AmountBasis::Range, 3000 * yuan, 10000 * yuan},
        {"DLYS-63-1", 9999 * yuan, false, AmountBasis::Range, 3000 * yuan, 10000 * yuan},
        {"DLYS-63-1", 10000 * yuan, false, AmountBasis::Range, 3000 * yuan, 10000 * yuan},
        {"DLYS-63-1", 10001 * yuan, false, AmountBasis::GainsMultiple, 10001 * yuan, 50005 * yuan},
        {"DLYS-63-1", 5000 * yuan, true, AmountBasis::Range, 10000 * yuan, 50000 * yuan},
        {"DLYS-63-1", 20000 * yuan, true, AmountBasis::GainsMultiple, 20000 * yuan, 100000 * yuan},
        // 道路运输条例 63(2): 超过2万元 → 2-10×, else 1万-10万.
        {"DLYS-63-2", 20000 * yuan, false, AmountBasis::Range, 10000 * yuan, 100000 * yuan},
        {"DLYS-63-2", 20001 * yuan, false, AmountBasis::GainsMultiple, 40002 * yuan, 200010 * yuan},
        // 国内水路运输管理条例 33: 不足3万元 → 3万-15万, so 3万 itself takes the multiples.
        {"SLYS-33", 29999 * yuan, false, AmountBasis::Range, 30000 * yuan, 150000 * yuan},
        {"SLYS-33", 30000 * yuan, false, AmountBasis::GainsMultiple, 30000 * yuan, 150000 * yuan},
        // 港口法 49: 十万元以上 → 2-5×; 不足十万元 → 5万-20万.
        {"GKF-49-1", 99999 * yuan, false, AmountBasis::Range, 50000 * yuan, 200000 * yuan},
        {"GKF-49-1", 100000 * yuan, false, AmountBasis::GainsMultiple, 200000 * yuan,
            500000 * yuan},
        // 公路法 74: any gains → up to 3×; none → up to 2万 (both 可以).
        {"GLF-74", 0, false, AmountBasis::Range, 0, 20000 * yuan},
        {"GLF-74", 1, false, AmountBasis::GainsMultiple, 0, 3},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.code << " gains " << row.gainsFen << (row.serious ? " serious" : ""))
        {
            const auto e = run(row.code,
                facts({{"partyKind", text("organisation")}, {"illegalGainsFen", row.gainsFen},
                    {"serious", row.serious}}),
                false);
            CHECK(e.amountBasis == row.basis);
            REQUIRE(e.statutoryRange);
            CHECK(e.statutoryRange->minFen == row.minFen);
            CHECK(e.statutoryRange->maxFen == row.maxFen);
            CHECK(hasSanction(e, SanctionKind::ConfiscateGains) == (row.gainsFen > 0));
            CHECK(reasonCites(e, violation(row.code).basis.front().article));
        }
    }
}

TEST_CASE("Example A tiers: band and recommendation follow the number of offences", "[penalty]")
{
    struct Row
    {
        int prior;
        qint64 gainsFen;
        TierLevel tier;
        qint64 bandMin, bandMax, recommended;
    };
    const Row rows[] = {
        {0, 0, TierLevel::Minor, 10000 * yuan, 30000 * yuan, 10000 * yuan},
        {1, 0, TierLevel::Ordinary, 30000 * yuan, 50000 * yuan, 30000 * yuan},
        {2, 0, TierLevel::Serious, 50000 * yuan, 80000 * yuan, 50000 * yuan},
        {3, 0, TierLevel::Severe, 80000 * yuan, 100000 * yuan, 100000 * yuan},
        {0, 30000 * yuan, TierLevel::Minor, 60000 * yuan, 120000 * yuan, 60000 * yuan}, // 2-4×
        {3, 30000 * yuan, TierLevel::Severe, 240000 * yuan, 300000 * yuan, 300000 * yuan}, // 8-10×
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION("prior " << row.prior << " gains " << row.gainsFen)
        {
            const auto e = run("DLYS-63-2",
                facts({{"partyKind", text("person")}, {"priorViolations", row.prior},
                    {"illegalGainsFen", row.gainsFen}}));
            CHECK(e.tier == row.tier);
            REQUIRE(e.band);
            CHECK(e.band->minFen == row.bandMin);
            CHECK(e.band->maxFen == row.bandMax);
            CHECK(e.recommendedAmountFen == row.recommended);
            CHECK(e.demo);
            CHECK(e.hearingRight); // 1万元 and more is above the demo threshold
        }
    }
}

TEST_CASE("Example D tiers: min, mid, max and fixed recommendations", "[penalty]")
{
    struct Row
    {
        Facts extra;
        TierLevel tier;
        qint64 recommended;
    };
    const Row rows[] = {
        {{{"priorViolations", 0}}, TierLevel::Minor, 1000 * yuan}, // fixed, as in Example D
        {{{"priorViolations", 1}}, TierLevel::Ordinary, 1750 * yuan}, // mid of 1500-2000
        {{{"priorViolations", 2}}, TierLevel::Serious, 2250 * yuan}, // mid of 2000-2500
        {{{"priorViolations", 3}}, TierLevel::Severe, 3000 * yuan}, // max
        {{{"priorViolations", 0}, {"harm", text("serious")}}, TierLevel::Severe, 3000 * yuan},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(int(row.tier))
        {
            QJsonObject f = facts(row.extra);
            f.insert(QStringLiteral("partyKind"), QStringLiteral("organisation"));
            const auto e = run("DLYS-68-2", f);
            CHECK(e.tier == row.tier);
            CHECK(e.recommendedAmountFen == row.recommended);
            CHECK(e.amountFen == row.recommended);
            CHECK(e.procedure == Procedure::Simple); // ≤ 3,000元 for an organisation
            CHECK(e.outcome == Outcome::Penalty);
        }
    }
}

TEST_CASE("Art 30: under 14 no penalty, 14 to 18 mandatory mitigation", "[penalty]")
{
    struct Row
    {
        int age;
        Outcome outcome;
        bool mitigated;
        std::optional<qint64> recommended;
    };
    // 道路运输条例 64 (200-2000元); the ordinary tier's band is 650-1100元, mid 875元.
    const Row rows[] = {
        {13, Outcome::NoPenalty, false, std::nullopt},
        {14, Outcome::Penalty, true, 650 * yuan},
        {17, Outcome::Penalty, true, 650 * yuan},
        {18, Outcome::Penalty, false, 875 * yuan},
        {40, Outcome::Penalty, false, 875 * yuan},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION("age " << row.age)
        {
            const auto e = run("DLYS-64",
                facts({{"partyKind", text("person")}, {"age", row.age}, {"priorViolations", 1}}));
            CHECK(e.outcome == row.outcome);
            CHECK(e.mitigated == row.mitigated);
            CHECK(e.recommendedAmountFen == row.recommended);
            CHECK(reasonCites(e, QStringLiteral("第三十条")) == (row.age < 18));
            if (row.outcome == Outcome::NoPenalty) {
                CHECK(e.procedure == Procedure::None);
                CHECK_FALSE(e.amountFen);
                CHECK(reasonCites(e, QStringLiteral("第三十三条第三款"))); // education
            }
        }
    }
    auto org = evaluate(violation("DLYS-64"), nullptr,
        facts({{"partyKind", text("organisation")}, {"age", 30}}), {});
    REQUIRE_FALSE(org);
    CHECK(org.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE(
    "Art 32: mandatory 从轻 recommends the band minimum, 减轻 goes below the band", "[penalty]")
{
    // 道路运输条例 68(2), second offence: band 1500-2000元, statute 1000-3000元.
    const auto base = [](Facts extra) {
        QJsonObject f = facts(extra);
        f.insert(QStringLiteral("partyKind"), QStringLiteral("organisation"));
        f.insert(QStringLiteral("priorViolations"), 1);
        return f;
    };
    SECTION("no mitigation")
    {
        const auto e = run("DLYS-68-2", base({}));
        CHECK_FALSE(e.mitigated);
        CHECK(e.recommendedAmountFen == 1750 * yuan);
    }
    for (const char* ground :
        {"eliminated-harm", "coerced", "confessed-unknown", "meritorious", "other-law"}) {
        DYNAMIC_SECTION("从轻 for " << ground)
        {
            const auto e = run("DLYS-68-2", base({{"mitigations", QJsonArray {text(ground)}}}));
            CHECK(e.mitigated);
            CHECK(e.mitigationMode == MitigationMode::Lighter);
            CHECK(e.recommendedAmountFen == 1500 * yuan);
            CHECK(reasonCites(e, QStringLiteral("第三十二条")));
        }
    }
    SECTION("减轻: the statutory minimum, and amounts down to it need no extra reason")
    {
        const auto e = run("DLYS-68-2",
            base({{"mitigations", QJsonArray {text("coerced")}},
                {"mitigationMode", text("reduced")}}));
        CHECK(e.recommendedAmountFen == 1000 * yuan);
        const auto p = run("DLYS-68-2",
            base({{"mitigations", QJsonArray {text("coerced")}},
                {"mitigationMode", text("reduced")}, {"proposedAmountFen", 1200 * yuan}}));
        CHECK(p.amountFen == 1200 * yuan);
        CHECK_FALSE(p.needsReason);
    }
    SECTION("减轻 never below the statutory minimum unless the pack allows it")
    {
        const QJsonObject f = base({{"mitigations", QJsonArray {text("coerced")}},
            {"mitigationMode", text("reduced")}, {"proposedAmountFen", 900 * yuan}});
        auto refused = evaluate(violation("DLYS-68-2"), entry("DLYS-68-2"), f, {});
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::Rejected);
        CHECK(refused.error().message.contains(QStringLiteral("第六十八条第二款")));

        QJsonObject pack = test::readSourcePack("violations.json");
        QJsonObject content = pack.value(QStringLiteral("content")).toObject();
        QJsonObject g = content.value(QStringLiteral("general")).toObject();
        g.insert(QStringLiteral("mitigation"),
            QJsonObject {{QStringLiteral("reducedMayGoBelowStatutoryMinimum"), true}});
        content.insert(QStringLiteral("general"), g);
        pack.insert(QStringLiteral("content"), content);
        auto allowing = parseViolationPack(pack);
        REQUIRE(allowing);
        auto e = evaluate(*allowing->find(u"DLYS-68-2"), nullptr, f, {});
        REQUIRE(e);
        CHECK(e->amountFen == 900 * yuan);
        CHECK(e->recommendedAmountFen == 1000 * yuan); // never recommended below the statute
    }
    SECTION("an amount below the band without 减轻 needs a reason")
    {
        const auto e = run("DLYS-68-2",
            base({{"mitigations", QJsonArray {text("coerced")}},
                {"proposedAmountFen", 1200 * yuan}}));
        CHECK(e.needsReason);
    }
}

TEST_CASE("首违不罚: the item applies only when every condition holds", "[penalty]")
{
    const auto allHold = [] {
        return facts({{"partyKind", text("person")}, {"firstViolation", true},
            {"obstructedEnforcement", false}, {"loadSecured", true}, {"harm", text("minor")},
            {"causedAccidentOrCongestion", false}, {"cleanedUpInTime", true},
            {"pollutedAreaM2", 5}});
    };
    SECTION("all five conditions of the 遗洒 item hold")
    {
        const auto e = run("GLAQ-69", allHold());
        CHECK(e.outcome == Outcome::FirstViolationExempt);
        CHECK(e.procedure == Procedure::None);
        CHECK_FALSE(e.amountFen);
        CHECK_FALSE(e.hearingRight);
        CHECK(reasonCites(e, QStringLiteral("第三十三条第一款")));
        CHECK(reasonCites(e, QStringLiteral("车辆装载物遗洒首违不罚")));
        CHECK(reasonCites(e, QStringLiteral("第三十三条第三款")));
        CHECK_FALSE(e.warnings.isEmpty());
        CHECK(e.correctionOrder == QStringLiteral("责令改正"));
    }
    struct Flip
    {
        const char* fact;
        QJsonValue value; // null = remove the fact
        const char* label;
    };
    const Flip flips[] = {
        {"firstViolation", false, "首次实施"},
        {"obstructedEnforcement", true, "未妨碍执法"},
        {"loadSecured", false, "按要求规范装载并采取措施"},
        {"harm", text("ordinary"), "损坏轻微或者污染面积小"},
        {"causedAccidentOrCongestion", true, "未造成交通事故或者交通拥堵"},
        {"cleanedUpInTime", false, "在规定期限内清除或者修复"},
        {"cleanedUpInTime", QJsonValue(), "在规定期限内清除或者修复"},
    };
    for (const Flip& flip : flips) {
        DYNAMIC_SECTION("not exempt when " << flip.fact << " fails")
        {
            QJsonObject f = allHold();
            if (flip.value.isNull())
                f.remove(QLatin1String(flip.fact));
            else
                f.insert(QLatin1String(flip.fact), flip.value);
            const auto e = run("GLAQ-69", f);
            CHECK(e.outcome == Outcome::Penalty);
            const bool named = std::any_of(e.reasons.begin(), e.reasons.end(),
                [&](const Reason& r) { return r.text.contains(QString::fromUtf8(flip.label)); });
            CHECK(named);
        }
    }
    SECTION("货物扬撒 (道路运输条例 68(2)) item")
    {
        QJsonObject f = facts(
            {{"partyKind", text("organisation")}, {"priorViolations", 0}, {"harm", text("none")},
                {"correctedPromptly", true}, {"causedAccidentOrCongestion", false}});
        CHECK(run("DLYS-68-2", f).outcome == Outcome::FirstViolationExempt);
        f.insert(QStringLiteral("correctedPromptly"), false);
        const auto e = run("DLYS-68-2", f);
        CHECK(e.outcome == Outcome::Penalty);
        CHECK(e.recommendedAmountFen == 1000 * yuan); // Example D: not corrected → 1,000元
        f.insert(QStringLiteral("correctedPromptly"), true);
        f.insert(QStringLiteral("priorViolations"), 1);
        CHECK(run("DLYS-68-2", f).outcome == Outcome::Penalty);
    }
    SECTION("without a provincial list there is no 首违不罚")
    {
        CHECK(run("GLAQ-69", allHold(), false).outcome == Outcome::Penalty);
    }
}

TEST_CASE("Art 33: slight and corrected without harm, or no fault: no penalty", "[penalty]")
{
    struct Row
    {
        Facts f;
        Outcome outcome;
        const char* article;
    };
    const Row rows[] = {
        {{{"minorViolation", true}, {"correctedPromptly", true}, {"harm", text("none")}},
            Outcome::NoPenalty, "第三十三条第一款"},
        {{{"minorViolation", true}, {"correctedPromptly", true}, {"harm", text("minor")}},
            Outcome::Penalty, nullptr},
        {{{"minorViolation", true}, {"correctedPromptly", false}, {"harm", text("none")}},
            Outcome::Penalty, nullptr},
        {{{"minorViolation", false}, {"correctedPromptly", true}, {"harm", text("none")}},
            Outcome::Penalty, nullptr},
        {{{"noFault", true}}, Outcome::NoPenalty, "第三十三条第二款"},
        {{{"noFault", false}}, Outcome::Penalty, nullptr},
    };
    int i = 0;
    for (const Row& row : rows) {
        DYNAMIC_SECTION("row " << i++)
        {
            QJsonObject f = facts(row.f);
            f.insert(QStringLiteral("partyKind"), QStringLiteral("organisation"));
            const auto e = run("DLYS-69-1", f);
            CHECK(e.outcome == row.outcome);
            if (row.article) {
                CHECK(reasonCites(e, QString::fromUtf8(row.article)));
                CHECK(e.warnings.size() == 1); // only the demo warning: no gains reported
                CHECK(reasonCites(e, QStringLiteral("第三十三条第三款")));
                CHECK(e.procedure == Procedure::None);
                CHECK(e.sanctions.isEmpty());
            }
        }
    }
}

TEST_CASE("The officer's amount: in the band, outside it with a reason, or refused", "[penalty]")
{
    const auto f = [](qint64 amount, const char* reason = nullptr) {
        QJsonObject o = facts(
            {{"partyKind", text("person")}, {"priorViolations", 1}, {"proposedAmountFen", amount}});
        if (reason)
            o.insert(QStringLiteral("outOfBandReason"), QString::fromUtf8(reason));
        return o;
    };
    SECTION("inside the band")
    {
        const auto e = run("DLYS-68-2", f(1800 * yuan));
        CHECK(e.amountFen == 1800 * yuan);
        CHECK(e.proposedAmountFen == 1800 * yuan);
        CHECK(e.recommendedAmountFen == 1750 * yuan);
        CHECK_FALSE(e.needsReason);
        CHECK(e.procedure == Procedure::General);
    }
    SECTION("outside the band, inside the statute: a reason is needed, the amount is kept")
    {
        const auto e = run("DLYS-68-2", f(2500 * yuan));
        CHECK(e.needsReason);
        CHECK(e.amountFen == 2500 * yuan);
        CHECK_FALSE(e.warnings.isEmpty());
        const auto withReason = run("DLYS-68-2", f(2500 * yuan, "货物扬撒距离长，清理困难"));
        CHECK(withReason.needsReason);
        CHECK(std::any_of(withReason.reasons.begin(), withReason.reasons.end(),
            [](const Reason& r) { return r.text.contains(QStringLiteral("货物扬撒距离长")); }));
    }
    SECTION("outside the statutory range: refused with the article, never clamped")
    {
        for (const qint64 amount : {999 * yuan, 3001 * yuan, qint64(1)}) {
            auto e = evaluate(violation("DLYS-68-2"), entry("DLYS-68-2"), f(amount), {});
            REQUIRE_FALSE(e);
            CHECK(e.error().code == ErrorCode::Rejected);
            CHECK(e.error().message.contains(QStringLiteral("第六十八条第二款")));
            CHECK(e.error().context.contains(QStringLiteral("中华人民共和国道路运输条例")));
        }
    }
    SECTION("a shall-fine provision refuses a zero fine; a may-fine provision accepts none")
    {
        auto zero = evaluate(violation("GLAQ-69"), nullptr,
            facts({{"partyKind", text("person")}, {"proposedAmountFen", 0}}), {});
        REQUIRE_FALSE(zero);
        CHECK(zero.error().code == ErrorCode::Rejected);
        const auto none = run(
            "GLF-77", facts({{"partyKind", text("person")}, {"proposedAmountFen", 0}}), false);
        CHECK(none.outcome == Outcome::NoPenalty);
        CHECK(none.procedure == Procedure::None);
        CHECK(none.correctionOrder == QStringLiteral("责令停止违法行为"));
    }
    SECTION("a provision without a fine refuses any fine")
    {
        auto e = evaluate(violation("GLAQ-65-2"), nullptr,
            facts({{"partyKind", text("person")}, {"proposedAmountFen", 100 * yuan}}), {});
        REQUIRE_FALSE(e);
        CHECK(e.error().code == ErrorCode::Rejected);
    }
}

TEST_CASE("Art 63: the hearing right follows the threshold and the heavier penalties", "[penalty]")
{
    SECTION("threshold per party kind, from options, the province, or the national default")
    {
        const QJsonObject f = facts(
            {{"partyKind", text("person")}, {"priorViolations", 0}, {"harm", text("minor")}});
        const auto demo = run("DLYS-69-2", f); // minor tier: 5,000元; demo threshold 5,000元
        CHECK(demo.amountFen == 5000 * yuan);
        CHECK(demo.hearingThresholdFen == 5000 * yuan);
        CHECK(demo.hearingRight);
        CHECK(reasonCites(demo, QStringLiteral("第六十三条第一款")));
        EngineOptions higher;
        higher.hearingPersonFen = 5000 * yuan + 1;
        CHECK_FALSE(run("DLYS-69-2", f, true, higher).hearingRight);
        const auto national = run("DLYS-69-2", f, false);
        CHECK(national.hearingThresholdFen == general().hearingPersonFen);
        CHECK(national.hearingRight);
        const auto small = run("DLYS-64", facts({{"partyKind", text("person")}}), false);
        CHECK(small.amountFen == 200 * yuan);
        CHECK_FALSE(small.hearingRight);
    }
    SECTION("the province may set a threshold per enforcement category (地方海事)")
    {
        const auto at = [](const char* party, qint64 amount) {
            return run("NHAQ-81",
                facts({{"partyKind", text(party)}, {"priorViolations", 3},
                    {"proposedAmountFen", amount}}));
        };
        CHECK(at("person", 10000 * yuan).hearingRight);
        CHECK(at("person", 10000 * yuan).hearingThresholdFen == 10000 * yuan);
        CHECK_FALSE(at("person", 9999 * yuan).hearingRight);
        CHECK_FALSE(at("organisation", 10000 * yuan).hearingRight);
        CHECK(at("organisation", 10000 * yuan).hearingThresholdFen == 100000 * yuan);
    }
    SECTION("revocation and confiscation of large gains give the right whatever the fine")
    {
        const auto revoke = run("DLYS-68-2",
            facts(
                {{"partyKind", text("organisation")}, {"priorViolations", 0}, {"serious", true}}));
        CHECK(hasSanction(revoke, SanctionKind::RevokeLicence));
        CHECK(revoke.hearingRight);
        CHECK(revoke.procedure == Procedure::General);
        const auto gains = run("DLYS-66",
            facts({{"partyKind", text("person")}, {"priorViolations", 0}, {"harm", text("none")},
                {"illegalGainsFen", 6000 * yuan}}));
        CHECK(hasSanction(gains, SanctionKind::ConfiscateGains));
        CHECK(gains.hearingRight);
        const auto suspend = run("NHAQ-81",
            facts({{"partyKind", text("person")}, {"priorViolations", 0}, {"harm", text("minor")},
                {"serious", true}}));
        CHECK(hasSanction(suspend, SanctionKind::SuspendLicence));
        CHECK(suspend.hearingRight);
        CHECK(suspend.procedure == Procedure::General);
    }
}

TEST_CASE("Art 28: correction always, illegal gains confiscated unless refunded", "[penalty]")
{
    const auto e = run(
        "DLYS-64", facts({{"partyKind", text("person")}, {"illegalGainsFen", 100 * yuan}}), false);
    CHECK(e.correctionOrder == QStringLiteral("责令改正"));
    CHECK(reasonCites(e, QStringLiteral("第二十八条第一款")));
    REQUIRE(hasSanction(e, SanctionKind::ConfiscateGains));
    CHECK(reasonCites(e, QStringLiteral("第二十八条第二款")));
    CHECK(e.amountFen == 200 * yuan);
    CHECK(e.procedure == Procedure::General); // confiscation is not a fine or a warning
    // No penalty: confiscation (itself a penalty) is not proposed, but the gains are flagged.
    const auto exempt = run("DLYS-64",
        facts({{"partyKind", text("person")}, {"illegalGainsFen", 100 * yuan}, {"noFault", true}}),
        false);
    CHECK(exempt.outcome == Outcome::NoPenalty);
    CHECK_FALSE(hasSanction(exempt, SanctionKind::ConfiscateGains));
    CHECK(std::any_of(exempt.warnings.begin(), exempt.warnings.end(),
        [](const QString& w) { return w.contains(QStringLiteral("第二十八条第二款")); }));
    const auto refunded = run("DLYS-64",
        facts({{"partyKind", text("person")}, {"illegalGainsFen", 100 * yuan},
            {"gainsToBeRefunded", true}}),
        false);
    CHECK_FALSE(hasSanction(refunded, SanctionKind::ConfiscateGains));
    CHECK(refunded.procedure == Procedure::Simple);
}

TEST_CASE("Party-specific and conditional ranges", "[penalty]")
{
    struct Row
    {
        const char* code;
        Facts f;
        qint64 minFen, maxFen;
    };
    const Row rows[] = {
        {"HDF-42-1", {{"partyKind", text("person")}}, 0, 2000 * yuan},
        {"HDF-42-1", {{"partyKind", text("organisation")}}, 0, 50000 * yuan},
        {"NHAQ-66", {{"partyKind", text("person")}}, 2000 * yuan, 20000 * yuan},
        {"NHAQ-66", {{"partyKind", text("organisation")}}, 10000 * yuan, 100000 * yuan},
        {"HDF-40", {{"partyKind", text("organisation")}}, 0, 20000 * yuan},
        {"HDF-40", {{"partyKind", text("organisation")}, {"refusedCorrection", true}}, 30000 * yuan,
            200000 * yuan},
        {"HDF-39-1", {{"partyKind", text("organisation")}, {"refusedCorrection", true}},
            200000 * yuan, 500000 * yuan},
    };
    int i = 0;
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.code << " row " << i++)
        {
            for (const bool withStandard : {false, true}) {
                const auto e = run(row.code, facts(row.f), withStandard);
                REQUIRE(e.statutoryRange);
                CHECK(e.statutoryRange->minFen == row.minFen);
                CHECK(e.statutoryRange->maxFen == row.maxFen);
                REQUIRE(e.band);
                CHECK(e.band->minFen >= row.minFen);
                CHECK(e.band->maxFen <= row.maxFen);
            }
        }
    }
}

TEST_CASE("Measures are not penalties", "[penalty]")
{
    const auto e = run("GLAQ-65-2", facts({{"partyKind", text("person")}}), false);
    CHECK(e.outcome == Outcome::NoPenalty);
    CHECK(e.procedure == Procedure::None);
    REQUIRE(e.sanctions.size() == 1);
    CHECK(e.sanctions.front().kind == SanctionKind::DetainVehicle);
    CHECK(e.sanctions.front().measure);
    const auto detainAndFine = run("GLAQ-67", facts({{"partyKind", text("person")}}), false);
    CHECK(detainAndFine.outcome == Outcome::Penalty);
}

TEST_CASE("Art 29: one act, one fine under the provision with the highest fine", "[penalty]")
{
    const QJsonObject f = facts({{"partyKind", text("organisation")}, {"priorViolations", 1},
        {"harm", text("minor")}, {"pollutedAreaM2", 20}, {"proposedAmountFen", 4000 * yuan}});
    const QList<Provision> forward = {
        {&violation("DLYS-68-2"), entry("DLYS-68-2")}, {&violation("GLAQ-69"), entry("GLAQ-69")}};
    const QList<Provision> backward = {forward.at(1), forward.at(0)};
    for (const auto& list : {forward, backward}) {
        auto c = evaluateConcurrent(list, f, {});
        REQUIRE(c);
        REQUIRE(c->chosen >= 0);
        CHECK(c->all.at(c->chosen).code == QStringLiteral("GLAQ-69"));
        CHECK(c->result.code == QStringLiteral("GLAQ-69"));
        // The proposed 4,000元 is within 公路安全保护条例 69 (≤ 5,000元), outside its band.
        CHECK(c->result.amountFen == 4000 * yuan);
        CHECK(c->result.needsReason);
        CHECK(c->reasons.size() == 2);
        for (const Reason& r : c->reasons)
            CHECK(r.citation.article == QStringLiteral("第二十九条"));
        CHECK(reasonCites(c->result, QStringLiteral("第二十九条")));
    }
    // A provision with no fine does not compete.
    auto measures = evaluateConcurrent(
        {{&violation("GLAQ-65-2"), nullptr}, {&violation("GLAQ-65-3"), entry("GLAQ-65-3")}},
        facts({{"partyKind", text("person")}}), {});
    REQUIRE(measures);
    CHECK(measures->result.code == QStringLiteral("GLAQ-65-3"));
    CHECK(evaluateConcurrent({}, f, {}).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("Art 37: the catalogue in force on the act date, or a later lighter one", "[penalty]")
{
    const QJsonObject v1 = test::readSourcePack("violations.json");
    QJsonObject closed = v1;
    closed.insert(QStringLiteral("effectiveTo"), QStringLiteral("2024-12-31"));
    // Version 2 (2025): heavier 64; version 3 (2026): lighter 64, and 69(1) repealed.
    QJsonObject v2 = editViolation(v1, QStringLiteral("DLYS-64"), [](QJsonObject& v) {
        v.insert(QStringLiteral("penalties"), QJsonArray {fineOf(300, 3000)});
    });
    v2.insert(QStringLiteral("version"), 2);
    v2.insert(QStringLiteral("effectiveFrom"), QStringLiteral("2025-01-01"));
    v2.insert(QStringLiteral("effectiveTo"), QStringLiteral("2025-12-31"));
    QJsonObject v3 = editViolation(v1, QStringLiteral("DLYS-64"), [](QJsonObject& v) {
        v.insert(QStringLiteral("penalties"), QJsonArray {fineOf(100, 1000)});
    });
    v3 = editViolation(v3, QStringLiteral("DLYS-69-1"), [](QJsonObject& v) { v = QJsonObject(); });
    v3.insert(QStringLiteral("version"), 3);
    v3.insert(QStringLiteral("effectiveFrom"), QStringLiteral("2026-01-01"));

    Catalogue catalogue;
    REQUIRE(catalogue.addPack(closed));
    REQUIRE(catalogue.addPack(v2));
    REQUIRE(catalogue.addPack(v3));
    const QJsonObject f = facts({{"partyKind", text("person")}});
    const auto at
        = [&](QDate act, std::optional<QDate> decision = {}, const char* code = "DLYS-64") {
              EngineOptions o;
              o.decisionDate = decision;
              return evaluateAt(catalogue, QString::fromLatin1(code), act, f, o);
          };
    struct Row
    {
        QDate act;
        std::optional<QDate> decision;
        qint64 minYuan, maxYuan;
    };
    const Row rows[] = {
        {QDate(2023, 7, 20), std::nullopt, 200, 2000},
        {QDate(2024, 12, 31), std::nullopt, 200, 2000},
        {QDate(2025, 1, 1), std::nullopt, 300, 3000},
        {QDate(2026, 3, 1), std::nullopt, 100, 1000},
        {QDate(2024, 6, 1), QDate(2025, 6, 1), 200, 2000}, // the later rule is heavier: old applies
        {QDate(2024, 6, 1), QDate(2026, 2, 1), 100, 1000}, // the later rule is lighter: it applies
        {QDate(2025, 6, 1), QDate(2026, 2, 1), 100, 1000},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.act.toString(Qt::ISODate).toStdString()
            << " decided "
            << (row.decision ? row.decision->toString(Qt::ISODate).toStdString() : "-"))
        {
            auto e = at(row.act, row.decision);
            REQUIRE(e);
            REQUIRE(e->statutoryRange);
            CHECK(e->statutoryRange->minFen == row.minYuan * yuan);
            CHECK(e->statutoryRange->maxFen == row.maxYuan * yuan);
            CHECK(e->reasons.front().citation.article == QStringLiteral("第三十七条"));
            CHECK(cites(*e, general().lawInForce));
        }
    }
    auto before = at(QDate(2020, 1, 1));
    REQUIRE_FALSE(before);
    CHECK(before.error().code == ErrorCode::NotFound);
    auto unknown = at(QDate(2024, 1, 1), std::nullopt, "NOPE-1");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    // Repealed by the time of the decision: no longer an offence, no penalty.
    auto repealed = at(QDate(2024, 1, 1), QDate(2026, 2, 1), "DLYS-69-1");
    REQUIRE(repealed);
    CHECK(repealed->outcome == Outcome::NoPenalty);
    CHECK(repealed->reasons.back().citation.article == QStringLiteral("第三十七条"));
    auto gone = at(QDate(2026, 2, 1), std::nullopt, "DLYS-69-1");
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);

    // The discretion standard in force on the act date is applied too.
    REQUIRE(catalogue.addPack(test::readSourcePack("discretion-demo.json")));
    auto withStandard = at(QDate(2024, 6, 1));
    REQUIRE(withStandard);
    CHECK(withStandard->demo);
    CHECK(withStandard->tier);
}

TEST_CASE("Malformed facts are refused before any rule runs", "[penalty]")
{
    struct Row
    {
        const char* what;
        Facts f;
    };
    const Row rows[] = {
        {"no party kind", {{"age", 30}}},
        {"unknown party kind", {{"partyKind", text("company")}}},
        {"age as text", {{"partyKind", text("person")}, {"age", text("13")}}},
        {"negative age", {{"partyKind", text("person")}, {"age", -1}}},
        {"fractional gains", {{"partyKind", text("person")}, {"illegalGainsFen", 1.5}}},
        {"prior as text", {{"partyKind", text("person")}, {"priorViolations", text("one")}}},
        {"unknown harm", {{"partyKind", text("person")}, {"harm", text("huge")}}},
        {"mitigations not a list",
            {{"partyKind", text("person")}, {"mitigations", text("coerced")}}},
        {"unknown mitigation",
            {{"partyKind", text("person")}, {"mitigations", QJsonArray {text("sorry")}}}},
        {"unknown mitigation mode",
            {{"partyKind", text("person")}, {"mitigationMode", text("soft")}}},
        {"bool as text", {{"partyKind", text("person")}, {"correctedPromptly", text("yes")}}},
        {"serious as number", {{"partyKind", text("person")}, {"serious", 1}}},
        {"negative amount", {{"partyKind", text("person")}, {"proposedAmountFen", -100}}},
        {"reason as number", {{"partyKind", text("person")}, {"outOfBandReason", 3}}},
        {"custom fact of the wrong type",
            {{"partyKind", text("person")}, {"pollutedAreaM2", text("big")}}},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.what)
        {
            auto e = evaluate(violation("GLAQ-69"), entry("GLAQ-69"), facts(row.f), {});
            REQUIRE_FALSE(e);
            CHECK(e.error().code == ErrorCode::InvalidArgument);
        }
    }
    auto mismatch = evaluate(
        violation("DLYS-64"), entry("DLYS-66"), facts({{"partyKind", text("person")}}), {});
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("Demo data is flagged on every result that used it", "[penalty]")
{
    const QJsonObject f = facts({{"partyKind", text("person")}});
    const auto with = run("DLYS-64", f, true);
    CHECK(with.demo);
    CHECK(std::any_of(with.warnings.begin(), with.warnings.end(),
        [](const QString& w) { return w.contains(QStringLiteral("示范裁量基准")); }));
    CHECK_FALSE(run("DLYS-64", f, false).demo);
    CHECK(outcomeName(Outcome::FirstViolationExempt) == QStringLiteral("first-violation-exempt"));
    CHECK(procedureName(Procedure::Simple) == QStringLiteral("simple"));
    CHECK(formatYuan(123456) == QStringLiteral("1234.56元"));
    CHECK(formatYuan(300000) == QStringLiteral("3000元"));
}
