// 组织机构代码 (GB 11714-1997) and 统一社会信用代码 (GB 32100-2015, MOD 31 + embedded GB 11714).
#include "core/rules/validators.h"

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

const char* const kUsccVectors[]
    = {"91350100M000100Y43", "91110000600001760P", "91440300708461136T"};
const QString kUsccCharset = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");

} // namespace

TEST_CASE("Organization codes: the domain vectors are valid", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* normalized;
    };
    const Case cases[] = {
        {"M000100Y-4", "M000100Y-4"}, {"60000176-0", "60000176-0"}, {"70846113-6", "70846113-6"},
        {"708461136", "70846113-6"}, // without the hyphen
        {"m000100y-4", "M000100Y-4"}, // lowercase
        {" 60000176 - 0 ", "60000176-0"}, {"M000100Y－4", "M000100Y-4"}, // full-width hyphen
        {"M000100Y–4", "M000100Y-4"}, // en dash
        {"10000018-X", "10000018-X"}, // r = 10 → X
        {"10000018-x", "10000018-X"}, {"10000004-0", "10000004-0"}, // r = 11 → 0
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateOrganizationCode(q(c.input));
        INFO(c.input << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == c.normalized);
    }
}

TEST_CASE("Organization codes: errors say what is wrong", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* reason;
    };
    const Case cases[] = {
        {"", "The organization code is empty"},
        {"M000100Y-5", "The check character should be 4, not 5"},
        {"10000018-0", "The check character should be X, not 0"},
        {"M00-0100Y4", "The hyphen goes before the check character: XXXXXXXX-X"},
        {"M000100Y-44", "An organization code has 9 characters (8 and a check character), not 10"},
        {"M000100", "An organization code has 9 characters (8 and a check character), not 7"},
        {"M000#00Y-4", "Character 5 (“#”) should be a digit or a capital letter"},
        {"M000100Y-A", "The check character should be a digit or X, not “A”"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateOrganizationCode(q(c.input));
        INFO(c.input);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == c.reason);
    }
}

TEST_CASE("Organization codes: every single-digit change is invalid", "[validators]")
{
    // Digit values differ by 1–9, never a multiple of 11, and every weight is non-zero mod 11,
    // so GB 11714 catches every digit-for-digit substitution. Characters 11 apart (0 ↔ B,
    // M ↔ 0, Y ↔ 1) cancel out: a property of the standard, shown in the next test; so letter
    // positions are left out here.
    const char* vectors[] = {"M000100Y4", "600001760", "708461136", "10000018X"};
    int tried = 0;
    for (const char* v : vectors) {
        const QString code = q(v);
        for (qsizetype pos = 0; pos < 9; ++pos) {
            const QString alphabet
                = pos == 8 ? QStringLiteral("0123456789X") : QStringLiteral("0123456789");
            if (pos < 8 && !code[pos].isDigit())
                continue;
            for (const QChar c : alphabet) {
                if (c == code[pos])
                    continue;
                QString changed = code;
                changed[pos] = c;
                INFO(str(changed));
                CHECK_FALSE(validateOrganizationCode(changed).valid);
                ++tried;
            }
        }
    }
    CHECK(tried == (6 + 8 + 8 + 8) * 9 + 4 * 10);
}

TEST_CASE("Organization codes: GB 11714 cannot see a change by 11", "[validators]")
{
    // 0 (value 0) → B (value 11) at any position leaves S mod 11 unchanged, as does M (22) → 0.
    // Implemented exactly as the standard says; the USCC check around an embedded code does
    // catch it.
    CHECK(validateOrganizationCode(QStringLiteral("6B000176-0")).valid);
    CHECK(validateOrganizationCode(QStringLiteral("0000100Y-4")).valid);
    CHECK_FALSE(validateUscc(QStringLiteral("911100006B0001760P")).valid);
}

TEST_CASE("USCC: the domain vectors are valid and decoded", "[validators]")
{
    struct Case
    {
        const char* code;
        const char* region;
        const char* organizationCode;
    };
    const Case cases[] = {
        {"91350100M000100Y43", "350100", "M000100Y-4"},
        {"91110000600001760P", "110000", "60000176-0"},
        {"91440300708461136T", "440300", "70846113-6"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateUscc(q(c.code));
        INFO(c.code << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == c.code);
        CHECK(str(r.details.value(QLatin1String("registrationAuthorityCode")).toString()) == "9");
        CHECK(str(r.details.value(QLatin1String("registrationAuthority")).toString()) == "工商");
        CHECK(str(r.details.value(QLatin1String("entityType")).toString()) == "企业");
        CHECK(str(r.details.value(QLatin1String("region")).toString()) == c.region);
        CHECK(str(r.details.value(QLatin1String("organizationCode")).toString())
            == c.organizationCode);
    }
}

TEST_CASE("USCC: entity types and input cleaning", "[validators]")
{
    struct Case
    {
        const char* input;
        const char* normalized;
        const char* authority;
        const char* entityType;
    };
    const Case cases[] = {
        {"92350100M000100Y40", "92350100M000100Y40", "工商", "个体工商户"},
        {"52100000600001760L", "52100000600001760L", "民政", "民办非企业单位"},
        {"A1100000600001760J", "A1100000600001760J", "中央军委改革和编制办公室", "军队事业单位"},
        {"91100000600001760K", "91100000600001760K", "工商", "企业"}, // national (100000)
        {"91350100m000100y43", "91350100M000100Y43", "工商", "企业"},
        {"9135 0100 M000 100Y 43", "91350100M000100Y43", "工商", "企业"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateUscc(q(c.input));
        INFO(c.input << ": " << str(r.reason));
        CHECK(r.valid);
        CHECK(str(r.normalized) == c.normalized);
        CHECK(
            str(r.details.value(QLatin1String("registrationAuthority")).toString()) == c.authority);
        CHECK(str(r.details.value(QLatin1String("entityType")).toString()) == c.entityType);
    }
}

TEST_CASE("USCC: every single-character change is invalid", "[validators]")
{
    // 31 is prime and every weight is non-zero mod 31, so the MOD 31 check catches every
    // substitution within the character set; the rest is refused by the character rules.
    const QString alphabet = kUsccCharset + QStringLiteral("IOSVZ");
    int tried = 0;
    for (const char* v : kUsccVectors) {
        const QString code = q(v);
        for (qsizetype pos = 0; pos < code.size(); ++pos) {
            for (const QChar c : alphabet) {
                if (c == code[pos])
                    continue;
                QString changed = code;
                changed[pos] = c;
                const ValidationResult r = validateUscc(changed);
                INFO(str(changed));
                CHECK_FALSE(r.valid);
                CHECK_FALSE(r.reason.isEmpty());
                ++tried;
            }
        }
    }
    CHECK(tried == 3 * 18 * 35);
}

TEST_CASE("USCC: errors say what is wrong", "[validators]")
{
    struct Case
    {
        const char* code;
        const char* reason;
    };
    const Case cases[] = {
        {"", "The unified social credit code is empty"},
        {"91350100M000100Y4", "A unified social credit code has 18 characters, not 17"},
        {"91350100M000100I43",
            "The letter I (character 16) is not used in unified social credit codes (they have no "
            "I, O, S, V or Z)"},
        {"91350100M000O00Y43",
            "The letter O (character 13) is not used in unified social credit codes (they have no "
            "I, O, S, V or Z)"},
        {"Z1350100M000100Y43",
            "The letter Z (character 1) is not used in unified social credit codes (they have no "
            "I, O, S, V or Z)"},
        {"91350100M000100#43", "Character 16 (“#”) should be a digit or a capital letter"},
        // Check characters are correct in these, so only the prefix/region rule can fail.
        {"94110000600001760E",
            "“4” is not an entity type of registration authority 9 (工商) (the second character)"},
        {"B1110000600001760M", "“B” is not a registration authority code (the first character)"},
        {"91990000600001760E",
            "The region code 990000 (characters 3–8) does not start with a province code (GB/T "
            "2260)"},
        {"91350100M000100Y44", "The check character should be 3, not 4"},
        // Outer MOD 31 check holds, the embedded GB 11714 code does not.
        {"91350100M000100Y56",
            "The organization code inside it (characters 9–17, M000100Y-5) is invalid: its check "
            "character should be 4, not 5"},
    };
    for (const Case& c : cases) {
        const ValidationResult r = validateUscc(q(c.code));
        INFO(c.code);
        CHECK_FALSE(r.valid);
        CHECK(str(r.reason) == c.reason);
    }
}

TEST_CASE("USCC: a letter in the region code is refused", "[validators]")
{
    const ValidationResult r = validateUscc(QStringLiteral("9135A100M000100Y43"));
    CHECK_FALSE(r.valid);
    CHECK(str(r.reason) == "Characters 3–8 are the region code and should be digits, not “35A100”");
    // The prefix was decoded before the failure.
    CHECK(str(r.details.value(QLatin1String("entityType")).toString()) == "企业");
}

TEST_CASE("USCC: the check mismatch reports both characters", "[validators]")
{
    const ValidationResult r = validateUscc(QStringLiteral("91110000600001760Q"));
    CHECK_FALSE(r.valid);
    CHECK(str(r.details.value(QLatin1String("expectedCheck")).toString()) == "P");
    CHECK(str(r.details.value(QLatin1String("actualCheck")).toString()) == "Q");
}
