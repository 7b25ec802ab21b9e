// The violation catalogue and discretion standard: the seeded packs, the predicate language,
// malformed content and version selection.
#include "core/rules/catalogue.h"
#include "tests/support/sourcepacks.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

QJsonObject fromText(const QString& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    INFO(error.errorString().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc.object();
}

// A minimal, valid violations pack; mutation tests edit its text.
const char* const kMiniViolations = R"({
 "format": "fieldcase-reference-pack", "formatVersion": 1,
 "id": "test.violations", "kind": "violations", "version": 1,
 "effectiveFrom": "2023-07-20", "effectiveTo": null, "demo": false,
 "content": {
  "laws": [{"id": "L", "title": "测试条例"}, {"id": "X", "title": "中华人民共和国行政处罚法"}],
  "general": {
   "articles": {
    "correction": {"law": "X", "article": "第二十八条第一款", "text": "责令改正。"},
    "confiscation": {"law": "X", "article": "第二十八条第二款", "text": "没收。"},
    "oneFine": {"law": "X", "article": "第二十九条", "text": "一事不二罚。"},
    "minors": {"law": "X", "article": "第三十条", "text": "未成年人。"},
    "mitigation": {"law": "X", "article": "第三十二条", "text": "从轻减轻。"},
    "noPenalty": {"law": "X", "article": "第三十三条第一款", "text": "不予处罚。"},
    "noFault": {"law": "X", "article": "第三十三条第二款", "text": "无过错。"},
    "education": {"law": "X", "article": "第三十三条第三款", "text": "教育。"},
    "lawInForce": {"law": "X", "article": "第三十七条", "text": "从旧兼从轻。"},
    "simpleProcedure": {"law": "X", "article": "第五十一条", "text": "简易程序。"},
    "hearing": {"law": "X", "article": "第六十三条第一款", "text": "听证。"}
   },
   "minors": {"noPenaltyUnderAge": 14, "mitigateUnderAge": 18},
   "simpleProcedure": {"maxFineFen": {"person": 20000, "organisation": 300000}},
   "mitigation": {"reducedMayGoBelowStatutoryMinimum": false},
   "hearing": {"defaultThresholdFen": {"person": 200000, "organisation": 1000000}}
  },
  "violations": [
   {"code": "T-1", "category": "道路运政", "title": "测试行为", "correction": "责令改正",
    "violates": [{"law": "L", "article": "第一条", "text": "禁止测试。"}],
    "basis": [{"law": "L", "article": "第二条", "text": "处100元以上1000元以下的罚款。"}],
    "penalties": [{"kind": "fine", "minFen": 10000, "maxFen": 100000}]},
   {"code": "T-2", "category": "道路运政", "title": "测试经营", "correction": "责令停止经营",
    "violates": [{"law": "L", "article": "第三条", "text": "禁止经营。"}],
    "basis": [{"law": "L", "article": "第四条", "text": "没收违法所得，处1倍以上5倍以下罚款。"}],
    "penalties": [{"kind": "gainsMultiple", "thresholdFen": 100000, "minMultiple": 1, "maxMultiple": 5,
     "fallback": [{"kind": "fine", "minFen": 10000, "maxFen": 50000, "when": {"fact": "serious", "op": "==", "value": true}},
                  {"kind": "fine", "minFen": 5000, "maxFen": 10000}]}]}
  ]
 }
})";

const char* const kMiniDiscretion = R"({
 "format": "fieldcase-reference-pack", "formatVersion": 1,
 "id": "test.discretion", "kind": "discretion", "version": 1,
 "effectiveFrom": "2023-07-20", "demo": true,
 "content": {
  "title": "测试基准",
  "hearing": {"thresholdFen": {"person": 100000, "organisation": 500000},
              "byCategory": {"道路运政": {"person": 90000, "organisation": 400000}}},
  "facts": [{"name": "cleaned", "label": "已清理", "type": "bool"}],
  "entries": [
   {"code": "T-1",
    "tiers": [
     {"level": "minor", "label": "轻微", "description": "首次", "when": {"fact": "firstViolation", "op": "==", "value": true},
      "band": {"minFen": 10000, "maxFen": 20000}, "recommend": "min"},
     {"level": "ordinary", "label": "一般", "description": "其他",
      "band": {"minFen": 20000, "maxFen": 50000}, "recommend": "fixed", "fixedFen": 30000}],
    "firstViolationExempt": [{"id": "E1", "title": "首违", "conditions": [
      {"label": "已清理", "when": {"fact": "cleaned", "op": "==", "value": true}}]}]}
  ]
 }
})";

} // namespace

TEST_CASE("The seeded violations pack lists every provision of domain 3.1-3.8 with its text",
    "[catalogue]")
{
    auto pack = parseViolationPack(test::readSourcePack("violations.json"));
    REQUIRE(pack);
    const PackMeta& meta = pack->context->meta;
    CHECK(meta.id == QStringLiteral("cn.national.violations"));
    CHECK(meta.kind == QStringLiteral("violations"));
    CHECK(meta.version == 1);
    CHECK(meta.effectiveFrom == QDate(2023, 7, 20));
    CHECK_FALSE(meta.effectiveTo);
    CHECK_FALSE(meta.demo);

    struct Row
    {
        const char* code;
        const char* category;
        const char* basisArticle;
    };
    const Row rows[] = {
        {"DLYS-63-1", "道路运政", "第六十三条第（一）项"},
        {"DLYS-63-2", "道路运政", "第六十三条第（二）项"},
        {"DLYS-63-3", "道路运政", "第六十三条第（三）项"},
        {"DLYS-64", "道路运政", "第六十四条"},
        {"DLYS-65-1", "道路运政", "第六十五条第一款"},
        {"DLYS-66", "道路运政", "第六十六条"},
        {"DLYS-68-1", "道路运政", "第六十八条第一款"},
        {"DLYS-68-2", "道路运政", "第六十八条第二款"},
        {"DLYS-69-1", "道路运政", "第六十九条第一款"},
        {"DLYS-69-2", "道路运政", "第六十九条第二款"},
        {"DLYS-70-1", "道路运政", "第七十条第一款"},
        {"DLYS-70-2", "道路运政", "第七十条第二款"},
        {"GLAQ-56-1", "公路路政", "第五十六条第（一）项"},
        {"GLAQ-56-2", "公路路政", "第五十六条第（二）项"},
        {"GLAQ-59", "公路路政", "第五十九条"},
        {"GLAQ-60-1", "公路路政", "第六十条第（一）项"},
        {"GLAQ-60-2", "公路路政", "第六十条第（二）项"},
        {"GLAQ-62-1", "公路路政", "第六十二条"},
        {"GLAQ-62-2", "公路路政", "第六十二条"},
        {"GLAQ-64", "公路路政", "第六十四条"},
        {"GLAQ-65-2", "公路路政", "第六十五条第二款"},
        {"GLAQ-65-3", "公路路政", "第六十五条第三款"},
        {"GLAQ-65-4", "公路路政", "第六十五条第三款"},
        {"GLAQ-67", "公路路政", "第六十七条"},
        {"GLAQ-69", "公路路政", "第六十九条"},
        {"GLF-74", "公路路政", "第七十四条"},
        {"GLF-75", "公路路政", "第七十五条"},
        {"GLF-76-1", "公路路政", "第七十六条第（一）项"},
        {"GLF-76-2", "公路路政", "第七十六条第（二）项"},
        {"GLF-76-3", "公路路政", "第七十六条第（三）项"},
        {"GLF-76-4", "公路路政", "第七十六条第（四）项"},
        {"GLF-76-5", "公路路政", "第七十六条第（五）项"},
        {"GLF-76-6", "公路路政", "第七十六条第（六）项"},
        {"GLF-77", "公路路政", "第七十七条"},
        {"GLF-78", "公路路政", "第七十八条"},
        {"GLF-79", "公路路政", "第七十九条"},
        {"GLF-80", "公路路政", "第八十条"},
        {"GLF-81", "公路路政", "第八十一条"},
        {"SLYS-33", "水路运政", "第三十三条"},
        {"SLYS-34", "水路运政", "第三十四条"},
        {"SLYS-37-1", "水路运政", "第三十七条第一款"},
        {"SLYS-37-2", "水路运政", "第三十七条第二款"},
        {"SLYS-39", "水路运政", "第三十九条"},
        {"SLYS-40", "水路运政", "第四十条"},
        {"GKF-46-1", "港口行政", "第四十六条第一款第（一）项"},
        {"GKF-46-2", "港口行政", "第四十六条第一款第（二）项"},
        {"GKF-47", "港口行政", "第四十七条"},
        {"GKF-48", "港口行政", "第四十八条"},
        {"GKF-49-1", "港口行政", "第四十九条"},
        {"GKF-49-2", "港口行政", "第四十九条"},
        {"GKF-54", "港口行政", "第五十四条"},
        {"GKF-56", "港口行政", "第五十六条"},
        {"HDF-39-1", "航道行政", "第三十九条第一款"},
        {"HDF-39-2", "航道行政", "第三十九条第二款"},
        {"HDF-40", "航道行政", "第四十条"},
        {"HDF-42-1", "航道行政", "第四十二条第（一）项"},
        {"HDF-42-2", "航道行政", "第四十二条第（二）项"},
        {"HDF-42-3", "航道行政", "第四十二条第（三）项"},
        {"HDF-42-4", "航道行政", "第四十二条第（四）项"},
        {"HDF-42-5", "航道行政", "第四十二条第（五）项"},
        {"HDF-43", "航道行政", "第四十三条第二款"},
        {"NHAQ-65", "地方海事", "第六十五条"},
        {"NHAQ-66", "地方海事", "第六十六条"},
        {"NHAQ-81", "地方海事", "第八十一条"},
        {"NHAQ-82", "地方海事", "第八十二条"},
    };
    CHECK(pack->violations.size() == int(std::size(rows)));
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.code)
        {
            const Violation* v = pack->find(QString::fromLatin1(row.code));
            REQUIRE(v);
            CHECK(v->category == QString::fromUtf8(row.category));
            REQUIRE_FALSE(v->basis.isEmpty());
            CHECK(v->basis.front().article == QString::fromUtf8(row.basisArticle));
            CHECK_FALSE(v->title.isEmpty());
            CHECK_FALSE(v->correction.isEmpty());
            CHECK_FALSE(v->penalties.empty());
            for (const LegalRef& r : v->violates + v->basis) {
                CHECK_FALSE(r.text.isEmpty());
                CHECK(r.article.startsWith(QStringLiteral("第")));
                CHECK_FALSE(r.lawTitle.isEmpty());
                // Only the 超限 rules are quoted from a secondary source.
                CHECK(r.secondary == (r.lawId == QStringLiteral("CXYS")));
            }
            CHECK(v->context == pack->context);
        }
    }
}

TEST_CASE("Seeded statutory ranges match the statutes", "[catalogue]")
{
    auto pack = parseViolationPack(test::readSourcePack("violations.json"));
    REQUIRE(pack);
    struct Row
    {
        const char* code;
        qint64 minYuan, maxYuan;
        bool optional;
    };
    const Row rows[] = {{"DLYS-64", 200, 2000, false}, {"DLYS-66", 2000, 10000, false},
        {"DLYS-68-1", 1000, 2000, false}, {"DLYS-68-2", 1000, 3000, false},
        {"DLYS-69-1", 1000, 5000, false}, {"DLYS-69-2", 5000, 20000, false},
        {"DLYS-70-1", 10000, 30000, false}, {"DLYS-70-2", 3000, 30000, false},
        {"GLAQ-56-1", 0, 50000, true}, {"GLAQ-59", 20000, 100000, false},
        {"GLAQ-60-1", 0, 30000, true}, {"GLAQ-62-1", 0, 30000, true},
        {"GLAQ-62-2", 0, 50000, false}, {"GLAQ-65-3", 1000, 5000, false},
        {"GLAQ-65-4", 0, 30000, false}, {"GLAQ-67", 0, 30000, false}, {"GLAQ-69", 0, 5000, false},
        {"GLF-75", 0, 50000, true}, {"GLF-76-1", 0, 30000, true}, {"GLF-77", 0, 5000, true},
        {"GLF-78", 0, 1000, false}, {"GLF-79", 0, 20000, true}, {"GLF-80", 0, 50000, false},
        {"GLF-81", 0, 50000, true}, {"SLYS-37-2", 30000, 150000, false},
        {"SLYS-39", 20000, 100000, false}, {"SLYS-40", 2000, 20000, false},
        {"GKF-46-1", 0, 50000, true}, {"GKF-47", 0, 50000, true}, {"GKF-48", 0, 50000, true},
        {"GKF-54", 5000, 50000, false}, {"GKF-56", 5000, 50000, false},
        {"HDF-39-2", 200000, 500000, false}, {"HDF-43", 50000, 300000, false},
        {"NHAQ-65", 10000, 100000, false}, {"NHAQ-81", 1000, 10000, false},
        {"NHAQ-82", 20000, 100000, false}};
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.code)
        {
            const Violation* v = pack->find(QString::fromLatin1(row.code));
            REQUIRE(v);
            const PenaltyComponent* fine = nullptr;
            for (const PenaltyComponent& c : v->penalties) {
                if (c.kind == SanctionKind::Fine)
                    fine = &c;
            }
            REQUIRE(fine);
            CHECK(fine->minFen == row.minYuan * 100);
            CHECK(fine->maxFen == row.maxYuan * 100);
            CHECK(fine->optional == row.optional);
        }
    }
    // Multiples of 违法所得: threshold, inclusiveness (超过 vs 以上/不足), multiples, fallback.
    struct Gains
    {
        const char* code;
        qint64 thresholdYuan;
        bool inclusive;
        qint64 minMilli, maxMilli;
        qint64 fallbackMinYuan, fallbackMaxYuan;
    };
    const Gains gains[] = {{"DLYS-63-1", 10000, false, 1000, 5000, 3000, 10000},
        {"DLYS-63-2", 20000, false, 2000, 10000, 10000, 100000},
        {"DLYS-63-3", 20000, false, 2000, 10000, 30000, 100000},
        {"DLYS-65-1", 10000, true, 2000, 10000, 20000, 50000},
        {"GLF-74", 0, false, 0, 3000, 0, 20000},
        {"SLYS-33", 30000, true, 1000, 5000, 30000, 150000},
        {"SLYS-34", 20000, true, 1000, 5000, 20000, 100000},
        {"SLYS-37-1", 30000, true, 1000, 5000, 30000, 150000},
        {"GKF-49-1", 100000, true, 2000, 5000, 50000, 200000}};
    for (const Gains& g : gains) {
        DYNAMIC_SECTION("gains " << g.code)
        {
            const Violation* v = pack->find(QString::fromLatin1(g.code));
            REQUIRE(v);
            const PenaltyComponent& c = v->penalties.front();
            REQUIRE(c.kind == SanctionKind::GainsMultiple);
            CHECK(c.thresholdFen == g.thresholdYuan * 100);
            CHECK(c.thresholdInclusive == g.inclusive);
            CHECK(c.minMultipleMilli == g.minMilli);
            CHECK(c.maxMultipleMilli == g.maxMilli);
            REQUIRE_FALSE(c.fallback.empty());
            CHECK(c.fallback.back().minFen == g.fallbackMinYuan * 100);
            CHECK(c.fallback.back().maxFen == g.fallbackMaxYuan * 100);
        }
    }
    // 航道法 art 42: different caps for 单位 and 个人.
    const Violation* h = pack->find(u"HDF-42-1");
    REQUIRE(h);
    REQUIRE(h->penalties.size() == 2);
    CHECK(h->penalties[0].party == PartyKind::Organisation);
    CHECK(h->penalties[0].maxFen == 50000 * 100);
    CHECK(h->penalties[1].party == PartyKind::Person);
    CHECK(h->penalties[1].maxFen == 2000 * 100);
    // 扣留车辆 is labelled a measure, not a penalty.
    const Violation* detain = pack->find(u"GLAQ-65-2");
    REQUIRE(detain);
    CHECK(detain->penalties.front().kind == SanctionKind::DetainVehicle);
    CHECK(detain->penalties.front().measure);
}

TEST_CASE("The demo discretion standard is marked demo and covers the catalogue", "[catalogue]")
{
    auto violations = parseViolationPack(test::readSourcePack("violations.json"));
    REQUIRE(violations);
    auto pack = parseDiscretionPack(test::readSourcePack("discretion-demo.json"), &*violations);
    REQUIRE(pack);
    const DiscretionContext& ctx = *pack->context;
    CHECK(ctx.meta.id == QStringLiteral("demo.province.discretion"));
    CHECK(ctx.meta.demo);
    CHECK(ctx.title == QStringLiteral("示范裁量基准，非真实省份标准"));
    CHECK(ctx.hearingPersonFen);
    CHECK(ctx.hearingByCategory.contains(QStringLiteral("地方海事")));
    // Every provision that can carry a fine has an entry; tiers only where there is a fine.
    int exemptions = 0;
    for (const Violation& v : violations->violations) {
        const DiscretionEntry* e = pack->find(v.code);
        const bool hasFine = std::any_of(v.penalties.begin(), v.penalties.end(),
            [](const PenaltyComponent& c) { return c.kind != SanctionKind::DetainVehicle; });
        INFO(v.code.toStdString());
        CHECK(bool(e) == hasFine);
        if (e) {
            exemptions += e->firstViolationExempt.size();
            CHECK(e->context == pack->context);
        }
    }
    CHECK(exemptions >= 2);
    const DiscretionEntry* spill = pack->find(u"GLAQ-69");
    REQUIRE(spill);
    REQUIRE(spill->firstViolationExempt.size() == 1);
    CHECK(spill->firstViolationExempt.front().conditions.size() == 5);
    const DiscretionEntry* scatter = pack->find(u"DLYS-68-2");
    REQUIRE(scatter);
    REQUIRE(scatter->firstViolationExempt.size() == 1);
    REQUIRE(scatter->tiers.size() == 4);
    CHECK(scatter->tiers.back().recommend == RecommendRule::Fixed);
    CHECK(scatter->tiers.back().fixedFen == 1000 * 100); // Example D: 1,000元
}

TEST_CASE("The predicate language: all/any/not and comparisons", "[catalogue]")
{
    const QJsonObject facts {{QStringLiteral("a"), 5}, {QStringLiteral("s"), QStringLiteral("x")},
        {QStringLiteral("b"), true}};
    struct Row
    {
        const char* json;
        int expected; // 1 true, 0 false, -1 error
    };
    const Row rows[] = {
        {"{}", -2}, // not a condition (an empty object): parse error
        {R"({"fact": "a", "op": ">", "value": 4})", 1},
        {R"({"fact": "a", "op": ">=", "value": 5})", 1},
        {R"({"fact": "a", "op": "<", "value": 5})", 0},
        {R"({"fact": "a", "op": "<=", "value": 5})", 1},
        {R"({"fact": "a", "op": "==", "value": 5})", 1},
        {R"({"fact": "a", "op": "!=", "value": 5})", 0},
        {R"({"fact": "s", "op": "in", "value": ["y", "x"]})", 1},
        {R"({"fact": "s", "op": "in", "value": ["y"]})", 0},
        {R"({"fact": "a", "op": "exists"})", 1},
        {R"({"fact": "z", "op": "exists"})", 0},
        {R"({"fact": "z", "op": "==", "value": 1})", 0}, // a missing fact never matches
        {R"({"fact": "z", "op": "!=", "value": 1})", 0},
        {R"({"fact": "b", "op": "==", "value": true})", 1},
        {R"({"all": [{"fact": "a", "op": "==", "value": 5}, {"fact": "b", "op": "==", "value": false}]})",
            0},
        {R"({"any": [{"fact": "a", "op": "==", "value": 4}, {"fact": "b", "op": "==", "value": true}]})",
            1},
        {R"({"not": {"fact": "a", "op": "==", "value": 5}})", 0},
        {R"({"all": []})", 1},
        {R"({"any": []})", 0},
        {R"({"all": [{"any": [{"fact": "s", "op": "==", "value": "x"}]}, {"not": {"fact": "z", "op": "exists"}}]})",
            1},
        {R"({"fact": "s", "op": ">", "value": 1})", -1}, // text compared as a number
        {R"({"fact": "a", "op": "==", "value": "5"})", -1}, // number compared with text
        {R"({"fact": "b", "op": "in", "value": [1, 2]})", -1},
        {R"({"fact": "a", "op": "~", "value": 1})", -2},
        {R"({"fact": "a", "op": ">", "value": "1"})", -2},
        {R"({"fact": "a", "op": "in", "value": []})", -2},
        {R"({"all": {}})", -2},
        {R"({"all": [], "any": []})", -2},
        {R"({"all": [], "fact": "a", "op": "exists"})", -2},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.json)
        {
            const QJsonValue json = QJsonDocument::fromJson(QByteArray(row.json)).object();
            auto p = parsePredicate(json, QStringLiteral("test"));
            if (row.expected == -2) {
                REQUIRE_FALSE(p);
                CHECK(p.error().code == ErrorCode::Corrupt);
                continue;
            }
            REQUIRE(p);
            auto r = evaluatePredicate(*p, facts);
            if (row.expected == -1) {
                REQUIRE_FALSE(r);
                CHECK(r.error().code == ErrorCode::InvalidArgument);
            } else {
                REQUIRE(r);
                CHECK(*r == (row.expected == 1));
            }
        }
    }
    // No condition at all is "always".
    auto always = parsePredicate(QJsonValue(), QStringLiteral("test"));
    REQUIRE(always);
    CHECK(*evaluatePredicate(*always, {}));
    CHECK(always->facts().isEmpty());
}

TEST_CASE("Malformed violations content is refused with a reason", "[catalogue]")
{
    const QString base = QString::fromUtf8(kMiniViolations);
    REQUIRE(parseViolationPack(fromText(base)));
    struct Row
    {
        const char* what;
        const char* find;
        const char* replace;
        ErrorCode code;
    };
    const Row rows[] = {
        {"min above max", R"("minFen": 10000, "maxFen": 100000)",
            R"("minFen": 200000, "maxFen": 100000)", ErrorCode::Corrupt},
        {"unknown penalty kind", R"({"kind": "fine", "minFen": 10000)",
            R"({"kind": "fines", "minFen": 10000)", ErrorCode::Corrupt},
        {"unknown category", R"("category": "道路运政", "title": "测试行为")",
            R"("category": "交通", "title": "测试行为")", ErrorCode::Corrupt},
        {"duplicate code", R"("code": "T-2")", R"("code": "T-1")", ErrorCode::Corrupt},
        {"unknown law", R"({"law": "L", "article": "第一条")",
            R"({"law": "Q", "article": "第一条")", ErrorCode::Corrupt},
        {"empty article text", R"("text": "禁止测试。")", R"("text": "")", ErrorCode::Corrupt},
        {"no basis", R"("basis": [{"law": "L", "article": "第二条")",
            R"("basisX": [{"law": "L", "article": "第二条")", ErrorCode::Corrupt},
        {"unknown operator", R"("op": "==", "value": true)", R"("op": "~=", "value": true)",
            ErrorCode::Corrupt},
        {"unknown fact", R"("fact": "serious")", R"("fact": "seriuos")", ErrorCode::Corrupt},
        {"multiples without fallback", R"("fallback":)", R"("fallbackX":)", ErrorCode::Corrupt},
        {"fallback that is not a fine", R"({"kind": "fine", "minFen": 5000)",
            R"({"kind": "warning", "minFen": 5000)", ErrorCode::Corrupt},
        {"multiple with 4 decimals", R"("minMultiple": 1,)", R"("minMultiple": 1.0005,)",
            ErrorCode::Corrupt},
        {"bad date", R"("effectiveFrom": "2023-07-20")", R"("effectiveFrom": "2023-13-01")",
            ErrorCode::Corrupt},
        {"effectiveTo before effectiveFrom", R"("effectiveTo": null)",
            R"("effectiveTo": "2020-01-01")", ErrorCode::Corrupt},
        {"newer format", R"("formatVersion": 1)", R"("formatVersion": 2)", ErrorCode::SchemaTooNew},
        {"wrong kind", R"("kind": "violations")", R"("kind": "discretion")", ErrorCode::Corrupt},
        {"version zero", R"("version": 1,)", R"("version": 0,)", ErrorCode::Corrupt},
        {"demo not a bool", R"("demo": false)", R"("demo": "no")", ErrorCode::Corrupt},
        {"ages reversed", R"("noPenaltyUnderAge": 14)", R"("noPenaltyUnderAge": 19)",
            ErrorCode::Corrupt},
        {"mitigation flag not a bool", R"("reducedMayGoBelowStatutoryMinimum": false)",
            R"("reducedMayGoBelowStatutoryMinimum": "no")", ErrorCode::Corrupt},
        {"general article missing", R"("correction": {"law": "X")", R"("correctionX": {"law": "X")",
            ErrorCode::Corrupt},
        {"no laws", R"("laws": [)", R"("lawsX": [)", ErrorCode::Corrupt},
        {"overlimit without section", R"("penalties": [{"kind": "fine", "minFen": 10000)",
            R"("penalties": [{"kind": "overlimit"}, {"kind": "fine", "minFen": 10000)",
            ErrorCode::Corrupt},
        {"two unconditional fines", R"({"kind": "fine", "minFen": 10000, "maxFen": 100000}])",
            R"({"kind": "fine", "minFen": 10000, "maxFen": 100000}, {"kind": "fine", "minFen": 1, "maxFen": 2}])",
            ErrorCode::Corrupt},
        {"fractional fen", R"("maxFen": 100000)", R"("maxFen": 100000.5)", ErrorCode::Corrupt},
        {"negative fen", R"("minFen": 10000, "maxFen": 100000)",
            R"("minFen": -1, "maxFen": 100000)", ErrorCode::Corrupt},
        {"no content", R"("content": {)", R"("contentX": {)", ErrorCode::Corrupt},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.what)
        {
            const QString find = QString::fromUtf8(row.find);
            REQUIRE(base.contains(find));
            QString text = base;
            text.replace(find, QString::fromUtf8(row.replace));
            auto parsed = parseViolationPack(fromText(text));
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().code == row.code);
            CHECK_FALSE(parsed.error().message.isEmpty());
        }
    }
    auto empty = parseViolationPack(QJsonObject {});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == ErrorCode::Corrupt);
}

TEST_CASE("Malformed discretion content is refused with a reason", "[catalogue]")
{
    auto violations = parseViolationPack(fromText(QString::fromUtf8(kMiniViolations)));
    REQUIRE(violations);
    const QString base = QString::fromUtf8(kMiniDiscretion);
    auto good = parseDiscretionPack(fromText(base), &*violations);
    REQUIRE(good);
    CHECK(good->facts.size() == 1);
    CHECK(good->entries.front().tiers.size() == 2);
    struct Row
    {
        const char* what;
        const char* find;
        const char* replace;
    };
    const Row rows[] = {
        {"band above the statute", R"("maxFen": 50000})", R"("maxFen": 500000})"},
        {"unknown code", R"("code": "T-1")", R"("code": "T-9")"},
        {"fixed amount outside its band", R"("fixedFen": 30000)", R"("fixedFen": 60000)"},
        {"exemption without conditions", R"("conditions": [
      {"label": "已清理", "when": {"fact": "cleaned", "op": "==", "value": true}}])",
            R"("conditions": [])"},
        {"undeclared fact", R"("fact": "cleaned")", R"("fact": "cleaned2")"},
        {"unknown tier level", R"("level": "minor")", R"("level": "tiny")"},
        {"unknown recommend rule", R"("recommend": "min")", R"("recommend": "median")"},
        {"gains band without multiples", R"("recommend": "min")",
            R"("recommend": "min", "gainsBand": {"minMultiple": 1, "maxMultiple": 2})"},
        {"fact redefined", R"("name": "cleaned")", R"("name": "harm")"},
        {"condition without when", R"({"label": "已清理", "when":)",
            R"({"label": "已清理", "whenX":)"},
        {"unknown hearing category", R"("byCategory": {"道路运政")", R"("byCategory": {"铁路")"},
        {"no title", R"("title": "测试基准")", R"("titleX": "测试基准")"},
        {"tier without band", R"("band": {"minFen": 10000, "maxFen": 20000}, )", ""},
        {"wrong kind", R"("kind": "discretion")", R"("kind": "violations")"},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.what)
        {
            const QString find = QString::fromUtf8(row.find);
            REQUIRE(base.contains(find));
            QString text = base;
            text.replace(find, QString::fromUtf8(row.replace));
            auto parsed = parseDiscretionPack(fromText(text), &*violations);
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().code == ErrorCode::Corrupt);
        }
    }
}

TEST_CASE("The catalogue keeps versions and picks the one in force on a date", "[catalogue]")
{
    const QJsonObject v1 = test::readSourcePack("violations.json");
    QJsonObject v2 = v1;
    v2.insert(QStringLiteral("version"), 2);
    v2.insert(QStringLiteral("effectiveFrom"), QStringLiteral("2025-01-01"));
    QJsonObject v1Closed = v1;
    v1Closed.insert(QStringLiteral("effectiveTo"), QStringLiteral("2024-12-31"));

    Catalogue catalogue;
    REQUIRE(catalogue.addPack(v1Closed));
    REQUIRE(catalogue.addPack(QJsonObject {{QStringLiteral("pack"), v2}})); // an envelope works too
    CHECK_FALSE(catalogue.violationsAt(QDate(2023, 7, 19)));
    REQUIRE(catalogue.violationsAt(QDate(2023, 7, 20)));
    CHECK(catalogue.violationsAt(QDate(2023, 7, 20))->context->meta.version == 1);
    CHECK(catalogue.violationsAt(QDate(2024, 12, 31))->context->meta.version == 1); // inclusive
    CHECK(catalogue.violationsAt(QDate(2025, 1, 1))->context->meta.version == 2);
    CHECK(catalogue.violationsAt(QDate(2030, 1, 1))->context->meta.version == 2);
    CHECK_FALSE(catalogue.violationsAt(QDate()));

    // The same id and version twice is a conflict; the data in force stays.
    auto again = catalogue.addPack(v2);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::Conflict);
    CHECK(catalogue.violationPacks().size() == 2);

    // Discretion packs are checked against the catalogue in force when they start.
    REQUIRE(catalogue.addPack(test::readSourcePack("discretion-demo.json")));
    REQUIRE(catalogue.discretionAt(QDate(2024, 1, 1)));
    CHECK(catalogue.discretionAt(QDate(2024, 1, 1))->context->meta.demo);
    CHECK_FALSE(catalogue.discretionAt(QDate(2020, 1, 1)));

    // Overlapping versions: the highest version in force wins.
    QJsonObject v3 = v1;
    v3.insert(QStringLiteral("version"), 3);
    v3.insert(QStringLiteral("effectiveFrom"), QStringLiteral("2024-06-01"));
    v3.insert(QStringLiteral("effectiveTo"), QStringLiteral("2024-06-30"));
    REQUIRE(catalogue.addPack(v3));
    CHECK(catalogue.violationsAt(QDate(2024, 6, 15))->context->meta.version == 3);
    CHECK(catalogue.violationsAt(QDate(2024, 7, 1))->context->meta.version == 1);

    auto unknown
        = catalogue.addPack(QJsonObject {{QStringLiteral("kind"), QStringLiteral("calendar")}});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::Rejected);
}
