// The `codes` pack: the shipped resources/reference/codes.json and precise errors for malformed
// content.
#include "core/rules/codes.h"
#include "core/rules/validators.h"

#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>
#include <string>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

QJsonObject readPack()
{
    QFile file(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/codes.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    INFO(str(error.errorString()) << " at " << error.offset);
    REQUIRE(error.error == QJsonParseError::NoError);
    REQUIRE(doc.isObject());
    QJsonObject root = doc.object();
    // The file is the `pack` object; accept a full envelope too, should it be signed in place.
    if (root.contains(QLatin1String("pack")))
        root = root.value(QLatin1String("pack")).toObject();
    return root;
}

Result<CodeTables> parse(const char* json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    INFO(json);
    REQUIRE(error.error == QJsonParseError::NoError);
    return CodeTables::fromJson(doc.object());
}

} // namespace

TEST_CASE("codes.json: envelope fields", "[codes]")
{
    const QJsonObject pack = readPack();
    CHECK(str(pack.value(QLatin1String("format")).toString()) == "fieldcase-reference-pack");
    CHECK(pack.value(QLatin1String("formatVersion")).toInt() == 1);
    CHECK(str(pack.value(QLatin1String("id")).toString()) == "cn.national.codes");
    CHECK(str(pack.value(QLatin1String("kind")).toString()) == "codes");
    CHECK(pack.value(QLatin1String("version")).toInt() == 1);
    CHECK(str(pack.value(QLatin1String("effectiveFrom")).toString()) == "2020-01-01");
    CHECK(str(pack.value(QLatin1String("issuer")).toString())
        == "FieldCase reference data (from public standards)");
    CHECK(pack.value(QLatin1String("demo")).isBool());
    CHECK_FALSE(pack.value(QLatin1String("demo")).toBool());
}

TEST_CASE("codes.json: tables parse and look up", "[codes]")
{
    const auto codes = CodeTables::fromJson(readPack().value(QLatin1String("content")).toObject());
    INFO((codes ? std::string() : str(codes.error().toString())));
    REQUIRE(codes);

    const QStringList expected = {
        QStringLiteral("caseRelation"),
        QStringLiteral("enforcementCategory"),
        QStringLiteral("idType"),
        QStringLiteral("partyRelation"),
        QStringLiteral("partyType"),
        QStringLiteral("plateColour"),
        QStringLiteral("plateType"),
    };
    CHECK(codes->tableNames() == expected);

    struct Lookup
    {
        const char16_t* table;
        const char16_t* code;
        const char* name;
    };
    const Lookup lookups[] = {
        {u"plateColour", u"1", "蓝色"},
        {u"plateColour", u"5", "绿色"},
        {u"plateColour", u"0", "未上牌"},
        {u"plateType", u"01", "大型汽车"},
        {u"plateType", u"15", "挂车"},
        {u"plateType", u"52", "小型新能源汽车"},
        {u"idType", u"111", "居民身份证"},
        {u"idType", u"414", "普通护照"},
        {u"partyType", u"1", "个人（公民）"},
        {u"caseRelation", u"1", "驾驶人"},
        {u"partyRelation", u"3", "雇佣关系"},
        {u"enforcementCategory", u"01", "公路路政"},
        {u"enforcementCategory", u"07", "工程质量监督管理"},
    };
    for (const Lookup& l : lookups) {
        const auto entry = codes->lookup(l.table, l.code);
        INFO(str(QString::fromUtf16(l.table)) << "/" << str(QString::fromUtf16(l.code)));
        REQUIRE(entry);
        CHECK(str(entry->name) == l.name);
        CHECK(entry->code == QStringView(l.code));
    }
    // Codes are strings: "1" is not GA 24.7's "01".
    CHECK_FALSE(codes->lookup(u"plateType", u"1"));
    CHECK_FALSE(codes->lookup(u"plateColour", u"6"));
    CHECK_FALSE(codes->lookup(u"nope", u"1"));
    CHECK(codes->table(u"nope").isEmpty());
    CHECK_FALSE(codes->tableInfo(u"nope"));
    CHECK(codes->system(u"nope").isEmpty());

    // Every table names its code system.
    for (const QString& name : codes->tableNames()) {
        INFO(str(name));
        CHECK_FALSE(codes->system(name).isEmpty());
        CHECK_FALSE(codes->table(name).isEmpty());
    }
    CHECK(str(codes->system(u"plateColour")) == "JT/T 697.7-2014 §5.6");
    CHECK(str(codes->system(u"idType")) == "GA/T 517-2004 常用证件代码");
    CHECK(codes->table(u"plateColour").size() == 7);
    CHECK(codes->table(u"idType").size() == 18);
    CHECK(codes->table(u"plateType").size() == 35);

    // 执法门类: the seven categories of 中办发〔2018〕63号, with local codes flagged as unsure.
    const auto categories = codes->tableInfo(u"enforcementCategory");
    REQUIRE(categories);
    CHECK(categories->entries.size() == 7);
    CHECK(categories->unsure);
    CHECK(categories->note.contains(QLatin1String("local codes, no national code table found")));
    CHECK_FALSE(codes->tableInfo(u"plateColour")->unsure);

    // The plate validator and the pack agree on the JT/T 697.7 colour codes.
    for (const QChar c : QStringLiteral("0123459"))
        CHECK(codes->lookup(u"plateColour", QString(c)));

    CHECK(codes->patternNames()
        == QStringList({QStringLiteral("mmsi"), QStringLiteral("shipIdentificationNumber")}));
    const auto sin = codes->pattern(u"shipIdentificationNumber");
    REQUIRE(sin);
    CHECK(sin->unsure);
    CHECK(sin->regex.isValid());
    CHECK_FALSE(codes->pattern(u"nope"));
}

TEST_CASE("codes content: a minimal pack parses", "[codes]")
{
    const auto codes = parse(R"({"tables": {"plateColour": {"title": "车牌颜色",
        "system": "JT/T 697.7-2014 §5.6", "entries": [{"code": "1", "name": "蓝色", "note": "n"}]}}})");
    REQUIRE(codes);
    CHECK(codes->table(u"plateColour")
        == QList<CodeEntry>(
            {CodeEntry {QStringLiteral("1"), QString::fromUtf8("蓝色"), QStringLiteral("n")}}));
    CHECK(codes->patternNames().isEmpty());
}

TEST_CASE("codes content: malformed content gives precise errors", "[codes]")
{
    struct Case
    {
        const char* json;
        const char* message;
        const char* context;
    };
    const Case cases[] = {
        {R"({})", "Codes content: the field “tables” is missing", "content.tables"},
        {R"({"tables": []})", "Codes content: “tables” must be an object, not an array",
            "content.tables"},
        {R"({"tables": {}})", "Codes content: there are no code tables", "content.tables"},
        {R"({"tables": {"a": {"title": "t", "system": "s", "entries": [{"code": "1", "name": "n"}]}},
            "extra": 1})",
            "Codes content: unknown field “extra”", "content.extra"},
        {R"({"tables": {"Plate-Colour": {}}})",
            "Code table “Plate-Colour”: a table name must be a camelCase identifier (letters and "
            "digits, starting with a lowercase letter)",
            "content.tables.Plate-Colour"},
        {R"({"tables": {"plateColour": 3}})",
            "Code table “plateColour”: a table must be an object, not a number",
            "content.tables.plateColour"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "entries": [{"code": "1", "name": "蓝色"}]}}})",
            "Code table “plateColour”: the field “system” is missing",
            "content.tables.plateColour.system"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": " ", "entries": []}}})",
            "Code table “plateColour”: “system” is empty", "content.tables.plateColour.system"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s"}}})",
            "Code table “plateColour”: the field “entries” is missing",
            "content.tables.plateColour.entries"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s", "entries": {}}}})",
            "Code table “plateColour”: “entries” must be an array, not an object",
            "content.tables.plateColour.entries"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s", "entries": []}}})",
            "Code table “plateColour”: the table has no entries",
            "content.tables.plateColour.entries"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s", "unsure": "yes",
            "entries": [{"code": "1", "name": "蓝色"}]}}})",
            "Code table “plateColour”: “unsure” must be true or false, not a string",
            "content.tables.plateColour.unsure"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s", "colour": "x",
            "entries": [{"code": "1", "name": "蓝色"}]}}})",
            "Code table “plateColour”: unknown field “colour”",
            "content.tables.plateColour.colour"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1", "name": "蓝色"}, {"code": 2, "name": "黄色"}]}}})",
            "Code table “plateColour”, entry 2: “code” must be a string (write \"2\", not 2)",
            "content.tables.plateColour.entries[1].code"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1", "name": "蓝色"}, {"code": "2", "name": "黄色"},
                        {"code": "1", "name": "黑色"}]}}})",
            "Code table “plateColour”, entry 3: the code “1” is already used by entry 1",
            "content.tables.plateColour.entries[2].code"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1", "name": ""}]}}})",
            "Code table “plateColour”, entry 1: “name” is empty",
            "content.tables.plateColour.entries[0].name"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1 ", "name": "蓝色"}]}}})",
            "Code table “plateColour”, entry 1: “code” has spaces at its start or end: “1 ”",
            "content.tables.plateColour.entries[0].code"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1", "nmae": "蓝色"}]}}})",
            "Code table “plateColour”, entry 1: unknown field “nmae”",
            "content.tables.plateColour.entries[0].nmae"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1"}]}}})",
            "Code table “plateColour”, entry 1: the field “name” is missing",
            "content.tables.plateColour.entries[0].name"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s",
            "entries": [{"code": "1", "name": "蓝色", "note": 5}]}}})",
            "Code table “plateColour”, entry 1: “note” must be a string, not a number",
            "content.tables.plateColour.entries[0].note"},
        {R"({"tables": {"plateColour": {"title": "车牌颜色", "system": "s", "entries": ["1"]}}})",
            "Code table “plateColour”, entry 1: an entry must be an object, not a string",
            "content.tables.plateColour.entries[0]"},
        {R"({"tables": {"a": {"title": "t", "system": "s", "entries": [{"code": "1", "name": "n"}]}},
            "patterns": []})",
            "Codes content: “patterns” must be an object, not an array", "content.patterns"},
        {R"({"tables": {"a": {"title": "t", "system": "s", "entries": [{"code": "1", "name": "n"}]}},
            "patterns": {"sin": {"title": "船舶识别号", "system": "s", "format": "f",
                                 "regex": "CN[0-9"}}})",
            "Pattern “sin”: the regular expression “CN[0-9” is invalid: missing terminating ] for "
            "character class (at offset 6)",
            "content.patterns.sin.regex"},
        {R"({"tables": {"a": {"title": "t", "system": "s", "entries": [{"code": "1", "name": "n"}]}},
            "patterns": {"sin": {"title": "船舶识别号", "system": "s", "regex": "CN[0-9]{11}"}}})",
            "Pattern “sin”: the field “format” is missing", "content.patterns.sin.format"},
    };
    for (const Case& c : cases) {
        const auto r = parse(c.json);
        INFO(c.json);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidArgument);
        CHECK(str(r.error().message) == c.message);
        CHECK(str(r.error().context) == c.context);
    }
}
