// Vehicle plates: GA 36 layouts (ordinary, new-energy, special suffixes) and JT/T 697.7-2014
// §5.6 colour consistency.
#include "core/rules/validators.h"

#include <QJsonArray>

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

} // namespace

TEST_CASE("Plates: valid layouts are recognised and normalised", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* normalized;
        const char* kind;
    };
    const Case cases[] = {
        {"京A12345", "京A12345", "ordinary"},
        {"京a12345", "京A12345", "ordinary"},
        {"京A·12345", "京A12345", "ordinary"},
        {" 京 A 1234 5 ", "京A12345", "ordinary"},
        {"京A-B2C45", "京AB2C45", "ordinary"},
        {"京Ａ１２３４５", "京A12345", "ordinary"}, // full-width
        {"粤B D12345", "粤BD12345", "smallNewEnergy"},
        {"粤B·DA1234", "粤BDA1234", "smallNewEnergy"},
        {"粤bf12345", "粤BF12345", "smallNewEnergy"},
        {"粤BA12345", "粤BA12345", "smallNewEnergy"},
        {"粤BK12345", "粤BK12345", "smallNewEnergy"},
        {"粤B12345D", "粤B12345D", "largeNewEnergy"},
        {"粤B 12345f", "粤B12345F", "largeNewEnergy"},
        {"京A1234挂", "京A1234挂", "trailer"},
        {"冀E·A123挂", "冀EA123挂", "trailer"},
        {"京A1234学", "京A1234学", "coach"},
        {"京A1234警", "京A1234警", "police"},
        {"粤Z1234港", "粤Z1234港", "hongKong"},
        {"粤Z·A123澳", "粤ZA123澳", "macau"},
        {"沪A1234领", "沪A1234领", "consulate"},
        {"使014578", "使014578", "embassy"},
        {"使 014·578", "使014578", "embassy"},
        {"京A1234试", "京A1234试", "test"},
        {"京A1234超", "京A1234超", "chao"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validatePlate(q(c.input));
        INFO(c.input << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == c.normalized);
        CHECK(str(r.details.value(QLatin1String("kind")).toString()) == c.kind);
    }
}

TEST_CASE("Plates: details of new-energy plates", "[validators]")
{
    const ValidationResult small = validatePlate(QStringLiteral("粤BD12345"));
    CHECK(str(small.details.value(QLatin1String("province")).toString()) == "粤");
    CHECK(str(small.details.value(QLatin1String("issuingAuthority")).toString()) == "B");
    CHECK(str(small.details.value(QLatin1String("serial")).toString()) == "D12345");
    CHECK(str(small.details.value(QLatin1String("powerType")).toString()) == "pureElectric");
    CHECK(str(small.details.value(QLatin1String("plateType")).toString()) == "52");
    CHECK(small.details.value(QLatin1String("expectedColours")).toArray()
        == QJsonArray {QStringLiteral("5")});

    const ValidationResult large = validatePlate(QStringLiteral("粤B12345F"));
    CHECK(str(large.details.value(QLatin1String("powerType")).toString()) == "otherNewEnergy");
    CHECK(str(large.details.value(QLatin1String("plateType")).toString()) == "51");

    // The first serial character of a small new-energy plate gives the power type.
    for (const QChar c : QStringLiteral("DABCE")) {
        const ValidationResult r
            = validatePlate(QStringLiteral("粤B") + c + QStringLiteral("12345"));
        INFO(str(QString(c)));
        CHECK(r.valid);
        CHECK(str(r.details.value(QLatin1String("powerType")).toString()) == "pureElectric");
    }
    for (const QChar c : QStringLiteral("FGHJK")) {
        const ValidationResult r
            = validatePlate(QStringLiteral("粤B") + c + QStringLiteral("12345"));
        INFO(str(QString(c)));
        CHECK(r.valid);
        CHECK(str(r.details.value(QLatin1String("powerType")).toString()) == "otherNewEnergy");
    }
    for (const QChar c : QStringLiteral("LMNPQRSTUVWXYZ")) {
        const ValidationResult r
            = validatePlate(QStringLiteral("粤B") + c + QStringLiteral("12345"));
        INFO(str(QString(c)));
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason)
            == "A new-energy plate number starts with D, A, B, C or E (pure electric) or F, G, "
               "H, J or K (other new-energy), not “"
                + str(QString(c)) + "”");
    }
}

TEST_CASE("Plates: every province abbreviation and issuing letter", "[validators]")
{
    const QString provinces
        = QStringLiteral("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新");
    CHECK(provinces.size() == 31);
    for (const QChar p : provinces) {
        INFO(str(QString(p)));
        CHECK(validatePlate(p + QStringLiteral("A12345")).valid);
    }
    for (const char* p : {"台", "港", "澳", "中", "A", "1"}) {
        const ValidationResult r = validatePlate(q(p) + QStringLiteral("A12345"));
        INFO(p);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == "Unknown province abbreviation “" + std::string(p) + "”");
    }
    for (char letter = 'A'; letter <= 'Z'; ++letter) {
        const ValidationResult r
            = validatePlate(QStringLiteral("京") + QLatin1Char(letter) + QStringLiteral("12345"));
        INFO(letter);
        CHECK(r.valid == (letter != 'I' && letter != 'O'));
    }
}

TEST_CASE("Plates: errors say what is wrong", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* reason;
    };
    const Case cases[] = {
        {"", "The plate number is empty"},
        {" · ", "The plate number is empty"},
        {"京A1234",
            "The plate “京A1234” is too short: ordinary plates have 7 characters and new-energy "
            "plates "
            "8, this one has 6"},
        {"京A12345678",
            "The plate “京A12345678” is too long: ordinary plates have 7 characters and new-energy "
            "plates 8, this one has 10"},
        {"京I12345", "The issuing-authority letter cannot be I (I and O are not used)"},
        {"京O12345", "The issuing-authority letter cannot be O (I and O are not used)"},
        {"京112345", "The second character should be the issuing-authority letter (A–Z), not “1”"},
        {"京A12I45", "The letter I (character 5) is not used in plate numbers; did you mean 1?"},
        {"京A1234o", "The letter O (character 7) is not used in plate numbers; did you mean 0?"},
        {"京A12$45",
            "“$” (character 5) is not allowed in a plate number; use digits and capital letters"},
        {"京A12挂45", "“挂” (character 5) can only be the last character of a plate"},
        {"京A12345挂",
            "A plate ending in “挂” has 4 characters between the issuing-authority letter and "
            "“挂”, "
            "not 5"},
        {"京A123挂",
            "A plate ending in “挂” has 4 characters between the issuing-authority letter and "
            "“挂”, "
            "not 3"},
        {"京A1234港", "Plates ending in “港” are issued as 粤Z…港, not 京A…港"},
        {"粤B1234澳", "Plates ending in “澳” are issued as 粤Z…澳, not 粤B…澳"},
        {"粤BX12345",
            "A new-energy plate number starts with D, A, B, C or E (pure electric) or F, G, H, J "
            "or K "
            "(other new-energy), not “X”"},
        {"粤BD1234A",
            "The last four characters of a small new-energy plate are digits; “A” (character 8) is "
            "not"},
        {"粤BDAB123",
            "The last four characters of a small new-energy plate are digits; “B” (character 5) is "
            "not"},
        {"粤B1234AD",
            "A large new-energy plate has five digits before D or F; “A” (character 7) is not a "
            "digit"},
        {"粤B12345A",
            "A large new-energy plate ends in D (pure electric) or F (other new-energy), not “A”"},
        {"使01457", "An embassy plate is 使 followed by 6 digits"},
        {"使A14578", "An embassy plate is 使 followed by 6 digits"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validatePlate(q(c.input));
        INFO(c.input);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == c.reason);
    }
}

TEST_CASE("Plates: colour codes (JT/T 697.7-2014 §5.6) must fit the plate", "[validators]")
{
    struct Case
    {
        const char* plate;
        const char* colour;
        const char* reason; // empty: valid
    };
    const Case cases[] = {
        {"京A12345", "1", ""},
        {"京A12345", "2", ""},
        {"京A12345", "3", ""},
        {"京A12345", "9", ""},
        {"京A12345", " 1 ", ""},
        {"京A12345", "4",
            "Plates of the ordinary 7-character layout are blue (1), yellow (2), black (3) or "
            "other "
            "(9), not white (4)"},
        {"京A12345", "5",
            "Plates of the ordinary 7-character layout are blue (1), yellow (2), black (3) or "
            "other "
            "(9), not green (5)"},
        {"粤BD12345", "5", ""},
        {"粤BD12345", "1", "Small new-energy plates are green (5), not blue (1)"},
        {"粤BD12345", "2", "Small new-energy plates are green (5), not yellow (2)"},
        {"粤B12345D", "2", ""},
        {"粤B12345D", "5", ""},
        {"粤B12345D", "9", ""},
        {"粤B12345D", "1",
            "Large new-energy plates (yellow-green, which JT/T 697.7 has no code for) are yellow "
            "(2), "
            "green (5) or other (9), not blue (1)"},
        {"京A1234挂", "2", ""},
        {"京A1234挂", "1", "Trailer plates (挂) are yellow (2), not blue (1)"},
        {"京A1234学", "2", ""},
        {"京A1234学", "9", "Driving-school plates (学) are yellow (2), not other (9)"},
        {"京A1234警", "4", ""},
        {"京A1234警", "1", "Police plates (警) are white (4), not blue (1)"},
        {"粤Z1234港", "3", ""},
        {"粤Z1234港", "2", "Hong Kong cross-border plates (港) are black (3), not yellow (2)"},
        {"沪A1234领", "1", "Consulate plates (领) are black (3), not blue (1)"},
        {"使014578", "3", ""},
        {"使014578", "1", "Embassy plates (使) are black (3), not blue (1)"},
        {"京A1234试", "1", ""}, // no colour rule enforced for 试 / 超
        {"京A1234超", "2", ""},
        {"京A12345", "7",
            "Unknown plate colour code “7”; JT/T 697.7-2014 §5.6 uses 1 blue, 2 yellow, 3 black, 4 "
            "white, 5 green, 9 other and 0 no plate"},
        {"京A12345", "12",
            "Unknown plate colour code “12”; JT/T 697.7-2014 §5.6 uses 1 blue, 2 yellow, 3 black, "
            "4 "
            "white, 5 green, 9 other and 0 no plate"},
        {"京A12345", "0",
            "Colour code 0 means the vehicle has no plate, but a plate number was given"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validatePlate(q(c.plate), q(c.colour));
        INFO(c.plate << " / " << c.colour);
        CHECK(r.valid == (*c.reason == '\0'));
        CHECK(str(r.reason) == c.reason);
    }
    // A layout error is reported before the colour.
    CHECK(
        str(validatePlate(QStringLiteral("京A1234"), QStringLiteral("5")).reason).find("too short")
        != std::string::npos);
    // The colour is recorded in the details.
    CHECK(str(validatePlate(QStringLiteral("京A12345"), QStringLiteral("2"))
                  .details.value(QLatin1String("colourCode"))
                  .toString())
        == "2");
}
