// 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2) and the GB 11643-1989 15-digit upgrade.
#include "core/rules/validators.h"

#include <catch2/catch.hpp>
#include <string>

using namespace fieldcase;
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

// Fixed "today" so birth-date rules do not depend on when the tests run.
const QDate kToday(2026, 11, 21);

} // namespace

TEST_CASE("Resident IDs: the domain test vectors are valid", "[validators]")
{
    struct Vector
    {
        const char* id;
        const char* birthDate;
        const char* sex;
        const char* regionCode;
        const char* province;
    };
    const Vector vectors[] = {
        // The standard's own example.
        {"11010519491231002X", "1949-12-31", "female", "110105", "北京市"},
        {"440524188001010014", "1880-01-01", "male", "440524", "广东省"},
        {"110101199003074477", "1990-03-07", "male", "110101", "北京市"},
    };
    for (const Vector& v : vectors) {
        const ValidationResult r = validateResidentId(q(v.id), kToday);
        INFO(v.id << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(r.reason.isEmpty());
        CHECK(str(r.normalized) == v.id);
        CHECK(str(r.details.value(QLatin1String("birthDate")).toString()) == v.birthDate);
        CHECK(str(r.details.value(QLatin1String("sex")).toString()) == v.sex);
        CHECK(str(r.details.value(QLatin1String("regionCode")).toString()) == v.regionCode);
        CHECK(str(r.details.value(QLatin1String("province")).toString()) == v.province);
        CHECK(r.details.value(QLatin1String("upgradedFrom15")).toBool() == false);
    }
}

TEST_CASE("Resident IDs: input is cleaned and lowercase x normalised", "[validators]")
{
    const char* inputs[] = {
        "11010519491231002x", " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ", // full-width, as some input methods type it
    };
    for (const char* input : inputs) {
        const ValidationResult r = validateResidentId(q(input), kToday);
        INFO(input << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == "11010519491231002X");
    }
}

TEST_CASE("Resident IDs: every single-character change is invalid", "[validators]")
{
    // MOD 11-2 weights are all non-zero mod 11, so any one substitution changes the sum mod 11;
    // if this test could pass with a broken check it would prove nothing.
    const char* vectors[] = {"11010519491231002X", "440524188001010014", "110101199003074477"};
    const QString alphabet = QStringLiteral("0123456789X");
    int tried = 0;
    for (const char* v : vectors) {
        const QString id = q(v);
        for (qsizetype pos = 0; pos < id.size(); ++pos) {
            for (const QChar c : alphabet) {
                if (c == id[pos])
                    continue;
                QString changed = id;
                changed[pos] = c;
                const ValidationResult r = validateResidentId(changed, kToday);
                INFO(str(changed));
                CHECK_FALSE(r.valid);
                CHECK_FALSE(r.reason.isEmpty());
                ++tried;
            }
        }
    }
    CHECK(tried == 3 * 18 * 10);
}

TEST_CASE("Resident IDs: adjacent transpositions are invalid", "[validators]")
{
    const char* vectors[] = {"11010519491231002X", "440524188001010014", "110101199003074477"};
    for (const char* v : vectors) {
        const QString id = q(v);
        for (qsizetype pos = 0; pos + 1 < id.size(); ++pos) {
            if (id[pos] == id[pos + 1])
                continue;
            QString swapped = id;
            std::swap(swapped[pos], swapped[pos + 1]);
            INFO(str(swapped));
            CHECK_FALSE(validateResidentId(swapped, kToday).valid);
        }
    }
}

TEST_CASE("Resident IDs: the check character mismatch names both characters", "[validators]")
{
    const ValidationResult r = validateResidentId(QStringLiteral("110105194912310023"), kToday);
    CHECK_FALSE(r.valid);
    CHECK(str(r.reason) == "The check character should be X, not 3");
    CHECK(str(r.details.value(QLatin1String("expectedCheck")).toString()) == "X");
    CHECK(str(r.details.value(QLatin1String("actualCheck")).toString()) == "3");
    // The rest was decoded, so the form can still show it.
    CHECK(str(r.details.value(QLatin1String("birthDate")).toString()) == "1949-12-31");
}

TEST_CASE("Resident IDs: birth dates must exist and not be in the future", "[validators]")
{
    struct Case
    {
        const char* id; // check characters are correct, so only the date can be wrong
        bool valid;
        const char* reason;
    };
    const Case cases[] = {
        {"110105199902300015", false, "The birth date 1999-02-30 does not exist"},
        {"110105190002290017", false, "The birth date 1900-02-29 does not exist"}, // not leap
        {"110105200002290013", true, ""}, // 2000 is a leap year
        {"11010520300101001X", false, "The birth date 2030-01-01 is in the future"},
        {"11010520261122001X", false, "The birth date 2026-11-22 is in the future"},
        {"110105202611210014", true, ""}, // born today
        {"110105179901010018", false, "The birth date 1799-01-01 is before 1800"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateResidentId(q(c.id), kToday);
        INFO(c.id);
        CHECK(r.valid == c.valid);
        CHECK(str(r.reason) == c.reason);
    }
}

TEST_CASE("Resident IDs: structural errors say what is wrong", "[validators]")
{
    struct Case
    {
        const char* id;
        const char* reason;
    };
    const Case cases[] = {
        {"", "The resident ID number is empty"},
        {"   ", "The resident ID number is empty"},
        {"1101051949123100",
            "A resident ID number has 18 characters (15 on cards issued before 1999), not 16"},
        {"11010519491231002X1",
            "A resident ID number has 18 characters (15 on cards issued before 1999), not 19"},
        {"11010519491231A02X", "Character 15 (“A”) should be a digit"},
        {"X10105194912310023", "Character 1 (“X”) should be a digit"},
        {"11010519491231002Y",
            "The check character (the last one) should be a digit or X, not “Y”"},
        {"990105194912310023",
            "The number starts with “99”, which is not a province code (GB/T 2260)"},
        {"110105X91231002",
            "Character 7 (“X”) should be a digit: 15-digit ID numbers have digits only"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateResidentId(q(c.id), kToday);
        INFO(c.id);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == c.reason);
    }
}

TEST_CASE("Resident IDs: every province code is accepted, others are not", "[validators]")
{
    const char* provinces[] = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
        "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65", "71", "81", "82", "83"};
    for (const char* p : provinces) {
        // Build a number with a correct check character through the 15-digit upgrade.
        const QString id = upgradeResidentId15(q(p) + QStringLiteral("0105491231002"));
        INFO(str(id));
        CHECK(validateResidentId(id, kToday).valid);
    }
    for (const char* p : {"00", "10", "16", "20", "30", "38", "40", "47", "55", "60", "66", "70",
             "80", "84", "91", "99"}) {
        const QString id = upgradeResidentId15(q(p) + QStringLiteral("0105491231002"));
        INFO(str(id));
        const ValidationResult r = validateResidentId(id, kToday);
        CHECK_FALSE(r.valid);
        CHECK(r.reason.contains(QLatin1String("not a province code")));
    }
}

TEST_CASE("Resident IDs: 15-digit numbers are upgraded to 18", "[validators]")
{
    // GB 11643-1989 → GB 11643-1999: the domain file's vector.
    CHECK(str(upgradeResidentId15(QStringLiteral("110105491231002"))) == "11010519491231002X");
    CHECK(str(upgradeResidentId15(QStringLiteral("440524800101001"))) == "440524198001010013");

    const ValidationResult r = validateResidentId(QStringLiteral("110105491231002"), kToday);
    CHECK(r.valid);
    CHECK(str(r.normalized) == "11010519491231002X");
    CHECK(r.details.value(QLatin1String("upgradedFrom15")).toBool());
    CHECK(str(r.details.value(QLatin1String("birthDate")).toString()) == "1949-12-31");
    CHECK(str(r.details.value(QLatin1String("sex")).toString()) == "female");

    // A bad date in an old number is reported, and the typed number is kept.
    const ValidationResult bad = validateResidentId(QStringLiteral("110105990230001"), kToday);
    CHECK_FALSE(bad.valid);
    CHECK(str(bad.reason) == "The birth date 1999-02-30 does not exist");
    CHECK(str(bad.normalized) == "110105990230001");
    CHECK(bad.details.value(QLatin1String("upgradedFrom15")).toBool());

    // Only 15 ASCII digits upgrade.
    CHECK(upgradeResidentId15(QStringLiteral("11010549123100")).isEmpty());
    CHECK(upgradeResidentId15(QStringLiteral("1101054912310021")).isEmpty());
    CHECK(upgradeResidentId15(QStringLiteral("11010549123100X")).isEmpty());
    CHECK(upgradeResidentId15(QString()).isEmpty());
}

TEST_CASE("Resident IDs: the clock overload takes today from the clock", "[validators]")
{
    const ManualClock clock; // 2026-01-01T00:00:00Z
    CHECK(validateResidentId(QStringLiteral("11010519491231002X"), clock).valid);
    // Born 2026-06-01: in the future on the clock's date, valid once the clock has moved on.
    const QString id18 = QStringLiteral("110105202606010018");
    const ValidationResult early = validateResidentId(id18, clock);
    CHECK_FALSE(early.valid);
    CHECK(str(early.reason) == "The birth date 2026-06-01 is in the future");
    ManualClock later;
    later.setNowMs(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());
    const ValidationResult r = validateResidentId(id18, later);
    INFO(str(r.reason));
    CHECK(r.valid);
}
