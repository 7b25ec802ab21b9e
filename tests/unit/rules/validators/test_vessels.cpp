// Vessel names and pack-defined identifier patterns (船舶识别号, MMSI).
#include "core/rules/codes.h"
#include "core/rules/validators.h"

#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>
#include <string>

using namespace fieldcase::rules;

namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

QString q(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

CodeTables realCodes()
{
    QFile file(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/codes.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.contains(QLatin1String("pack")))
        root = root.value(QLatin1String("pack")).toObject();
    auto codes = CodeTables::fromJson(root.value(QLatin1String("content")).toObject());
    REQUIRE(codes);
    return *codes;
}

} // namespace

TEST_CASE("Vessel names: Chinese, letters and digits", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* normalized;
    };
    const Case cases[] = {
        {"长江之星", "长江之星"}, {"苏盐货1234", "苏盐货1234"}, {"浙岱渔03118", "浙岱渔03118"},
        {"  粤中山货0888 ", "粤中山货0888"},
        {"ever  given", "EVER GIVEN"}, // one space between words, upper case
        {"兴〇号", "兴〇号"}, // 〇 is a Han character
        {"𠀀号", "𠀀号"}, // CJK Extension B: one character, two UTF-16 units
        {"长江", "长江"}, {"ＡＢ１２", "AB12"}, // full-width folded
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateVesselName(q(c.input));
        INFO(c.input << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == c.normalized);
    }
    // 30 characters is the limit.
    CHECK(validateVesselName(QString(30, QChar(u'船'))).valid);
}

TEST_CASE("Vessel names: errors say what is wrong", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* reason;
    };
    const Case cases[] = {
        {"", "The vessel name is empty"},
        {"   ", "The vessel name is empty"},
        {"长", "A vessel name has at least 2 characters"},
        {"𠀀", "A vessel name has at least 2 characters"},
        {"长江-1",
            "“-” is not allowed in a vessel name; use Chinese characters, letters and digits"},
        {"长江号😀",
            "“😀” is not allowed in a vessel name; use Chinese characters, letters and digits"},
        {"Ωmega",
            "“Ω” is not allowed in a vessel name; use Chinese characters, letters and digits"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateVesselName(q(c.input));
        INFO(c.input);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == c.reason);
    }
    const ValidationResult tooLong = validateVesselName(QString(31, QChar(u'船')));
    CHECK_FALSE(tooLong.valid);
    CHECK(str(tooLong.reason) == "A vessel name has at most 30 characters, this one has 31");
}

TEST_CASE("Identifier patterns from the codes pack", "[validators][codes]")
{
    const CodeTables codes = realCodes();

    const ValidationResult sin
        = validateCodePattern(QStringLiteral("CN20061234567"), codes, u"shipIdentificationNumber");
    CHECK(sin.valid);
    CHECK(str(sin.normalized) == "CN20061234567");
    // The format is [UNSURE] data, and the result says so.
    CHECK(sin.details.value(QLatin1String("unsure")).toBool());

    const ValidationResult typed = validateCodePattern(
        QStringLiteral(" cn 2006 1234 567 "), codes, u"shipIdentificationNumber");
    CHECK(typed.valid);
    CHECK(str(typed.normalized) == "CN20061234567");

    const ValidationResult bad
        = validateCodePattern(QStringLiteral("CN2006123456"), codes, u"shipIdentificationNumber");
    CHECK_FALSE(bad.valid);
    CHECK(str(bad.reason)
        == "“CN2006123456” is not a valid 船舶识别号: expected CN followed by 11 digits");
    // Patterns are anchored: a valid number with extra text is not valid.
    CHECK_FALSE(
        validateCodePattern(QStringLiteral("XCN20061234567"), codes, u"shipIdentificationNumber")
            .valid);

    CHECK(validateCodePattern(QStringLiteral("412123456"), codes, u"mmsi").valid);
    CHECK_FALSE(validateCodePattern(QStringLiteral("012123456"), codes, u"mmsi").valid);
    CHECK_FALSE(validateCodePattern(QStringLiteral("41212345"), codes, u"mmsi").valid);

    const ValidationResult empty = validateCodePattern(QString(), codes, u"mmsi");
    CHECK_FALSE(empty.valid);
    CHECK(str(empty.reason) == "The 水上移动通信业务标识码 (MMSI) is empty");

    const ValidationResult missing = validateCodePattern(QStringLiteral("X"), codes, u"nope");
    CHECK_FALSE(missing.valid);
    CHECK(str(missing.reason)
        == "The reference data has no pattern “nope”; import a codes pack that defines it");
}
