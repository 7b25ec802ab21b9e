#include "core/rules/validators.h"

#include "core/rules/codes.h"
#include "core/util/text.h"

#include <QJsonArray>
#include <QStringList>

#include <array>
#include <optional>

namespace fieldcase::rules {

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

// Input as typed on a terminal or pasted from a document: full-width forms folded (NFKC),
// whitespace and the given separators removed, letters upper-cased (so a typed x becomes X).
QString clean(QStringView in, QStringView separators = {})
{
    const QString folded = in.toString().normalized(QString::NormalizationForm_KC);
    QString out;
    out.reserve(folded.size());
    for (const QChar c : folded) {
        if (c.isSpace() || separators.contains(c))
            continue;
        out.append(c.toUpper());
    }
    return out;
}

ValidationResult invalid(
    const QString& normalized, const QString& reason, const QJsonObject& details = {})
{
    return ValidationResult {false, normalized, reason, details};
}

ValidationResult valid(const QString& normalized, const QJsonObject& details)
{
    return ValidationResult {true, normalized, QString(), details};
}

QString checkMismatch(QChar expected, QChar actual, QJsonObject& details)
{
    details.insert(QLatin1String("expectedCheck"), QString(expected));
    details.insert(QLatin1String("actualCheck"), QString(actual));
    return CoreText::tr("The check character should be %1, not %2").arg(expected).arg(actual);
}

// GB/T 2260 province-level codes: the first two digits of an address or region code.
struct Province
{
    QStringView code;
    QStringView name;
};

constexpr Province kProvinces[] = {
    {u"11", u"北京市"},
    {u"12", u"天津市"},
    {u"13", u"河北省"},
    {u"14", u"山西省"},
    {u"15", u"内蒙古自治区"},
    {u"21", u"辽宁省"},
    {u"22", u"吉林省"},
    {u"23", u"黑龙江省"},
    {u"31", u"上海市"},
    {u"32", u"江苏省"},
    {u"33", u"浙江省"},
    {u"34", u"安徽省"},
    {u"35", u"福建省"},
    {u"36", u"江西省"},
    {u"37", u"山东省"},
    {u"41", u"河南省"},
    {u"42", u"湖北省"},
    {u"43", u"湖南省"},
    {u"44", u"广东省"},
    {u"45", u"广西壮族自治区"},
    {u"46", u"海南省"},
    {u"50", u"重庆市"},
    {u"51", u"四川省"},
    {u"52", u"贵州省"},
    {u"53", u"云南省"},
    {u"54", u"西藏自治区"},
    {u"61", u"陕西省"},
    {u"62", u"甘肃省"},
    {u"63", u"青海省"},
    {u"64", u"宁夏回族自治区"},
    {u"65", u"新疆维吾尔自治区"},
    {u"71", u"台湾省"},
    {u"81", u"香港特别行政区"},
    {u"82", u"澳门特别行政区"},
    // 港澳台居民居住证 numbers use 810000/820000/830000; 83 for Taiwan residents is from
    // memory, not from a read source [UNSURE].
    {u"83", u"台湾（港澳台居民居住证）"},
};

const Province* findProvince(QStringView code)
{
    for (const Province& p : kProvinces) {
        if (p.code == code)
            return &p;
    }
    return nullptr;
}

// ---- GB 11643-1999 居民身份证号码 -----------------------------------------------------------

// ISO 7064 MOD 11-2 as specified by GB 11643-1999: W_i = 2^(18-i) mod 11 over the 17
// digits, check = "10X98765432"[S mod 11].
QChar residentIdCheck(QStringView first17)
{
    static constexpr std::array<int, 17> weights {
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[] = "10X98765432";
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i)
        sum += (first17[i].unicode() - u'0') * weights[std::size_t(i)];
    return QLatin1Char(checks[sum % 11]);
}

// Checks an 18-character number; `shown` is what the officer typed (cleaned), returned as
// `normalized` on failure.
ValidationResult checkResidentId18(const QString& s, QDate today, const QString& shown)
{
    for (qsizetype i = 0; i < 17; ++i) {
        if (!isAsciiDigit(s[i]))
            return invalid(
                shown, CoreText::tr("Character %1 (“%2”) should be a digit").arg(i + 1).arg(s[i]));
    }
    const QChar last = s[17];
    if (!isAsciiDigit(last) && last != u'X')
        return invalid(shown,
            CoreText::tr("The check character (the last one) should be a digit "
                         "or X, not “%1”")
                .arg(last));

    QJsonObject details;
    // GB 11643-1999: positions 1–6 are the GB/T 2260 address code of the holder's
    // registration; only the province part is checked (old county codes stay valid on old IDs).
    const Province* province = findProvince(QStringView(s).left(2));
    if (!province)
        return invalid(shown,
            CoreText::tr("The number starts with “%1”, which is not a province "
                         "code (GB/T 2260)")
                .arg(s.left(2)));
    details.insert(QLatin1String("regionCode"), s.left(6));
    details.insert(QLatin1String("provinceCode"), s.left(2));
    details.insert(QLatin1String("province"), province->name.toString());

    // GB 11643-1999: positions 7–14 are the birth date YYYYMMDD (GB/T 7408).
    const QString dateText = s.mid(6, 4) + u'-' + s.mid(10, 2) + u'-' + s.mid(12, 2);
    const QDate birth(s.mid(6, 4).toInt(), s.mid(10, 2).toInt(), s.mid(12, 2).toInt());
    if (!birth.isValid())
        return invalid(
            shown, CoreText::tr("The birth date %1 does not exist").arg(dateText), details);
    // Not in the standard: a sanity floor that catches a mistyped century (0990 for 1990).
    if (birth.year() < 1800)
        return invalid(
            shown, CoreText::tr("The birth date %1 is before 1800").arg(dateText), details);
    if (today.isValid() && birth > today)
        return invalid(
            shown, CoreText::tr("The birth date %1 is in the future").arg(dateText), details);
    details.insert(QLatin1String("birthDate"), birth.toString(Qt::ISODate));
    // GB 11643-1999: the sequence code's last digit (the 17th) is odd for men, even for
    // women.
    const bool male = (s[16].unicode() - u'0') % 2 == 1;
    details.insert(QLatin1String("sex"), male ? QStringLiteral("male") : QStringLiteral("female"));

    // GB 11643-1999: ISO 7064 MOD 11-2 check character.
    const QChar expected = residentIdCheck(QStringView(s).left(17));
    if (expected != last)
        return invalid(shown, checkMismatch(expected, last, details), details);
    details.insert(QLatin1String("upgradedFrom15"), false);
    return valid(s, details);
}

// ---- GB 11714-1997 组织机构代码 --------------------------------------------------------------

// GB 11714-1997: weights 3,7,9,10,5,8,4,2 over the 8 body characters (digits face value,
// A–Z = 10–35); r = 11 − (S mod 11), 10 → X, 11 → 0.
QChar organizationCodeCheck(QStringView body)
{
    static constexpr std::array<int, 8> weights {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (qsizetype i = 0; i < 8; ++i) {
        const QChar c = body[i];
        const int value = isAsciiDigit(c) ? c.unicode() - u'0' : c.unicode() - u'A' + 10;
        sum += value * weights[std::size_t(i)];
    }
    const int r = 11 - sum % 11;
    if (r == 10)
        return QLatin1Char('X');
    if (r == 11)
        return QLatin1Char('0');
    return QLatin1Char(char('0' + r));
}

// ---- GB 32100-2015 统一社会信用代码 ----------------------------------------------------------

// GB 32100-2015: 31 symbols, no I, O, S, V or Z; a symbol's value is its index.
constexpr QStringView kUsccCharset = u"0123456789ABCDEFGHJKLMNPQRTUWXY";

// GB 32100-2015: W_i = 3^(i−1) mod 31, r = 31 − (S mod 31), 31 → 0.
QChar usccCheck(QStringView first17)
{
    static constexpr std::array<int, 17> weights {
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i)
        sum += int(kUsccCharset.indexOf(first17[i])) * weights[std::size_t(i)];
    const int r = (31 - sum % 31) % 31;
    return kUsccCharset[r];
}

// Registration authority (position 1) and entity type (position 2) per GB 32100-2015 and
// the code assignments published with it. Names for 1x, 5x and 9x are confirmed by the domain
// notes; the others are the commonly published list [UNSURE: wording not read at the source].
struct UsccPrefix
{
    QStringView prefix;
    QStringView authority;
    QStringView entityType;
};

constexpr UsccPrefix kUsccPrefixes[] = {
    {u"11", u"机构编制", u"机关"},
    {u"12", u"机构编制", u"事业单位"},
    {u"13", u"机构编制", u"中央编办直接管理机构编制的群众团体"},
    {u"19", u"机构编制", u"其他"},
    {u"21", u"外交", u"外国常驻新闻机构"},
    {u"29", u"外交", u"其他"},
    {u"31", u"司法行政", u"律师执业机构"},
    {u"32", u"司法行政", u"公证处"},
    {u"33", u"司法行政", u"基层法律服务所"},
    {u"34", u"司法行政", u"司法鉴定机构"},
    {u"35", u"司法行政", u"仲裁委员会"},
    {u"39", u"司法行政", u"其他"},
    {u"41", u"文化", u"外国在华文化中心"},
    {u"49", u"文化", u"其他"},
    {u"51", u"民政", u"社会团体"},
    {u"52", u"民政", u"民办非企业单位"},
    {u"53", u"民政", u"基金会"},
    {u"59", u"民政", u"其他"},
    {u"61", u"旅游", u"外国旅游部门常驻代表机构"},
    {u"62", u"旅游", u"港澳台地区旅游部门常驻内地（大陆）代表机构"},
    {u"69", u"旅游", u"其他"},
    {u"71", u"宗教", u"宗教活动场所"},
    {u"72", u"宗教", u"宗教院校"},
    {u"79", u"宗教", u"其他"},
    {u"81", u"工会", u"基层工会"},
    {u"89", u"工会", u"其他"},
    {u"91", u"工商", u"企业"},
    {u"92", u"工商", u"个体工商户"},
    {u"93", u"工商", u"农民专业合作社"},
    {u"A1", u"中央军委改革和编制办公室", u"军队事业单位"},
    {u"A9", u"中央军委改革和编制办公室", u"其他"},
    {u"N1", u"农业", u"组级集体经济组织"},
    {u"N2", u"农业", u"村级集体经济组织"},
    {u"N3", u"农业", u"乡镇级集体经济组织"},
    {u"N9", u"农业", u"其他"},
    {u"Y1", u"其他", u"其他"},
};

// ---- Vehicle plates (GA 36-2018 layout) ------------------------------------------------------

// The 31 province-level abbreviations used on GA 36 plates (no 台, 港, 澳: those are suffixes).
constexpr QStringView kPlateProvinces
    = u"京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新";
// Special-use characters that end a 7-character plate.
constexpr QStringView kPlateSuffixes = u"挂学警港澳领试超";
// Separators people type or that appear in printed plate numbers (粤B·D12345).
constexpr QStringView kPlateSeparators = u"·•‧∙・.-_";
// Small new-energy plates: the first serial character tells the power type (pure electric /
// other new-energy). D/F from the 2016 rule; A B C E / G H J K opened later when D/F ran out.
constexpr QStringView kNevPureElectric = u"DABCE";
constexpr QStringView kNevOther = u"FGHJK";

enum class PlateKind {
    Ordinary,
    SmallNewEnergy,
    LargeNewEnergy,
    Trailer,
    Coach,
    Police,
    HongKong,
    Macau,
    Consulate,
    Embassy,
    Test,
    Chao,
};

struct PlateKindInfo
{
    PlateKind kind;
    QLatin1String id; // details["kind"]
    QStringView colours; // JT/T 697.7 codes that fit; empty: no colour rule is enforced
    QLatin1String plateType; // GA 24.7 号牌种类 when the layout alone decides it
};

constexpr PlateKindInfo kPlateKinds[] = {
    // GA 36: 小型汽车 blue, 大型汽车 yellow, 外籍汽车 black; none of them green or white.
    {PlateKind::Ordinary, QLatin1String("ordinary"), u"1239", QLatin1String("")},
    {PlateKind::SmallNewEnergy, QLatin1String("smallNewEnergy"), u"5", QLatin1String("52")},
    // 黄绿双拼色 has no JT/T 697.7 code: platforms report it as yellow, green or other.
    {PlateKind::LargeNewEnergy, QLatin1String("largeNewEnergy"), u"259", QLatin1String("51")},
    {PlateKind::Trailer, QLatin1String("trailer"), u"2", QLatin1String("15")},
    {PlateKind::Coach, QLatin1String("coach"), u"2", QLatin1String("")},
    {PlateKind::Police, QLatin1String("police"), u"4", QLatin1String("")},
    {PlateKind::HongKong, QLatin1String("hongKong"), u"3", QLatin1String("26")},
    {PlateKind::Macau, QLatin1String("macau"), u"3", QLatin1String("27")},
    {PlateKind::Consulate, QLatin1String("consulate"), u"3", QLatin1String("")},
    {PlateKind::Embassy, QLatin1String("embassy"), u"3", QLatin1String("")},
    {PlateKind::Test, QLatin1String("test"), u"", QLatin1String("")},
    {PlateKind::Chao, QLatin1String("chao"), u"", QLatin1String("")},
};

const PlateKindInfo& plateKindInfo(PlateKind kind)
{
    for (const PlateKindInfo& info : kPlateKinds) {
        if (info.kind == kind)
            return info;
    }
    return kPlateKinds[0];
}

QString plateKindDescription(PlateKind kind)
{
    switch (kind) {
    case PlateKind::Ordinary:
        return CoreText::tr("Plates of the ordinary 7-character layout");
    case PlateKind::SmallNewEnergy:
        return CoreText::tr("Small new-energy plates");
    case PlateKind::LargeNewEnergy:
        return CoreText::tr("Large new-energy plates (yellow-green, which JT/T 697.7 has no code "
                            "for)");
    case PlateKind::Trailer:
        return CoreText::tr("Trailer plates (挂)");
    case PlateKind::Coach:
        return CoreText::tr("Driving-school plates (学)");
    case PlateKind::Police:
        return CoreText::tr("Police plates (警)");
    case PlateKind::HongKong:
        return CoreText::tr("Hong Kong cross-border plates (港)");
    case PlateKind::Macau:
        return CoreText::tr("Macau cross-border plates (澳)");
    case PlateKind::Consulate:
        return CoreText::tr("Consulate plates (领)");
    case PlateKind::Embassy:
        return CoreText::tr("Embassy plates (使)");
    case PlateKind::Test:
    case PlateKind::Chao:
        break;
    }
    return QString();
}

PlateKind suffixKind(QChar suffix)
{
    switch (suffix.unicode()) {
    case u'挂':
        return PlateKind::Trailer;
    case u'学':
        return PlateKind::Coach;
    case u'警':
        return PlateKind::Police;
    case u'港':
        return PlateKind::HongKong;
    case u'澳':
        return PlateKind::Macau;
    case u'领':
        return PlateKind::Consulate;
    case u'试':
        return PlateKind::Test;
    default:
        return PlateKind::Chao;
    }
}

// JT/T 697.7-2014 §5.6 plate colour codes (0 = no plate is the JT/T 808 convention).
QString colourName(QChar code)
{
    switch (code.unicode()) {
    case u'0':
        return CoreText::tr("no plate (0)");
    case u'1':
        return CoreText::tr("blue (1)");
    case u'2':
        return CoreText::tr("yellow (2)");
    case u'3':
        return CoreText::tr("black (3)");
    case u'4':
        return CoreText::tr("white (4)");
    case u'5':
        return CoreText::tr("green (5)");
    case u'9':
        return CoreText::tr("other (9)");
    default:
        return QString(code);
    }
}

QString colourList(QStringView codes)
{
    QStringList names;
    for (const QChar c : codes)
        names.append(colourName(c));
    if (names.size() == 1)
        return names.front();
    const QString last = names.takeLast();
    return CoreText::tr("%1 or %2").arg(names.join(QStringLiteral(", ")), last);
}

// A character of the serial part: digits and capital letters except I and O (GA 36-2018
// leaves them out so they are not read as 1 and 0).
std::optional<QString> serialCharProblem(QChar c, qsizetype position)
{
    if (c == u'I')
        return CoreText::tr("The letter I (character %1) is not used in plate numbers; did you "
                            "mean 1?")
            .arg(position);
    if (c == u'O')
        return CoreText::tr("The letter O (character %1) is not used in plate numbers; did you "
                            "mean 0?")
            .arg(position);
    if (kPlateSuffixes.contains(c))
        return CoreText::tr("“%1” (character %2) can only be the last character of a plate")
            .arg(c)
            .arg(position);
    if (!isAsciiDigit(c) && !isAsciiUpper(c))
        return CoreText::tr("“%1” (character %2) is not allowed in a plate number; use digits and "
                            "capital letters")
            .arg(c)
            .arg(position);
    return std::nullopt;
}

QString tooShort(const QString& s)
{
    return CoreText::tr("The plate “%1” is too short: ordinary plates have 7 characters and "
                        "new-energy plates 8, this one has %2")
        .arg(s)
        .arg(s.size());
}

// The layout part of plate validation; the colour is checked by the caller.
ValidationResult checkPlateLayout(const QString& s, PlateKind& kind)
{
    QJsonObject details;
    if (s.startsWith(u'使')) {
        // GA 36-2018 使馆汽车号牌: 使 + 3-digit mission code + 3-digit serial [UNSURE: layout
        // from memory, not read in the standard].
        const QStringView rest = QStringView(s).mid(1);
        bool digits = rest.size() == 6;
        for (const QChar c : rest)
            digits = digits && isAsciiDigit(c);
        if (!digits)
            return invalid(s, CoreText::tr("An embassy plate is 使 followed by 6 digits"));
        kind = PlateKind::Embassy;
        details.insert(QLatin1String("serial"), rest.toString());
        return valid(s, details);
    }

    const QChar province = s[0];
    if (!kPlateProvinces.contains(province))
        return invalid(s, CoreText::tr("Unknown province abbreviation “%1”").arg(province));
    details.insert(QLatin1String("province"), QString(province));
    if (s.size() < 2)
        return invalid(s, tooShort(s));

    // GA 36-2018: the second character is the issuing authority (发牌机关代号), A–Z without I/O.
    const QChar authority = s[1];
    if (authority == u'I' || authority == u'O')
        return invalid(s,
            CoreText::tr("The issuing-authority letter cannot be %1 (I and O are "
                         "not used)")
                .arg(authority));
    if (!isAsciiUpper(authority))
        return invalid(s,
            CoreText::tr("The second character should be the issuing-authority "
                         "letter (A–Z), not “%1”")
                .arg(authority));
    details.insert(QLatin1String("issuingAuthority"), QString(authority));

    const QChar last = s.back();
    if (s.size() > 2 && kPlateSuffixes.contains(last)) {
        // Special-use plates: province, authority, 4 serial characters, suffix.
        const QStringView serial = QStringView(s).mid(2, s.size() - 3);
        if (serial.size() != 4)
            return invalid(s,
                CoreText::tr("A plate ending in “%1” has 4 characters between the "
                             "issuing-authority letter and “%1”, not %2")
                    .arg(last)
                    .arg(serial.size()));
        for (qsizetype i = 0; i < serial.size(); ++i) {
            if (auto problem = serialCharProblem(serial[i], i + 3))
                return invalid(s, *problem);
        }
        kind = suffixKind(last);
        // Cross-border vehicles from Hong Kong and Macau are registered in Guangdong as 粤Z.
        if ((kind == PlateKind::HongKong || kind == PlateKind::Macau)
            && (province != u'粤' || authority != u'Z'))
            return invalid(s,
                CoreText::tr("Plates ending in “%1” are issued as 粤Z…%1, not %2%3…%1")
                    .arg(last)
                    .arg(province)
                    .arg(authority));
        details.insert(QLatin1String("serial"), serial.toString());
        details.insert(QLatin1String("suffix"), QString(last));
        return valid(s, details);
    }

    if (s.size() < 7)
        return invalid(s, tooShort(s));
    if (s.size() > 8)
        return invalid(s,
            CoreText::tr("The plate “%1” is too long: ordinary plates have 7 "
                         "characters and new-energy plates 8, this one has %2")
                .arg(s)
                .arg(s.size()));
    const QStringView serial = QStringView(s).mid(2);
    for (qsizetype i = 0; i < serial.size(); ++i) {
        if (auto problem = serialCharProblem(serial[i], i + 3))
            return invalid(s, *problem);
    }
    details.insert(QLatin1String("serial"), serial.toString());
    if (serial.size() == 5) {
        kind = PlateKind::Ordinary;
        return valid(s, details);
    }

    // 8 characters: new-energy plates (GA 36-2018 as amended for new-energy vehicles, 2016).
    if (isAsciiDigit(serial[0])) {
        // Large new-energy (黄绿双拼色): five digits, then D (pure electric) or F (other).
        for (qsizetype i = 0; i < 5; ++i) {
            if (!isAsciiDigit(serial[i]))
                return invalid(s,
                    CoreText::tr("A large new-energy plate has five digits before D "
                                 "or F; “%1” (character %2) is not a digit")
                        .arg(serial[i])
                        .arg(i + 3));
        }
        const QChar power = serial[5];
        if (power != u'D' && power != u'F')
            return invalid(s,
                CoreText::tr("A large new-energy plate ends in D (pure electric) or "
                             "F (other new-energy), not “%1”")
                    .arg(power));
        kind = PlateKind::LargeNewEnergy;
        details.insert(QLatin1String("powerType"),
            power == u'D' ? QStringLiteral("pureElectric") : QStringLiteral("otherNewEnergy"));
        return valid(s, details);
    }

    // Small new-energy (渐变绿): power letter, a letter or digit, then four digits.
    const QChar power = serial[0];
    const bool pure = kNevPureElectric.contains(power);
    if (!pure && !kNevOther.contains(power))
        return invalid(s,
            CoreText::tr("A new-energy plate number starts with D, A, B, C or E "
                         "(pure electric) or F, G, H, J or K (other new-energy), "
                         "not “%1”")
                .arg(power));
    for (qsizetype i = 2; i < 6; ++i) {
        if (!isAsciiDigit(serial[i]))
            return invalid(s,
                CoreText::tr("The last four characters of a small new-energy plate "
                             "are digits; “%1” (character %2) is not")
                    .arg(serial[i])
                    .arg(i + 3));
    }
    kind = PlateKind::SmallNewEnergy;
    details.insert(QLatin1String("powerType"),
        pure ? QStringLiteral("pureElectric") : QStringLiteral("otherNewEnergy"));
    return valid(s, details);
}

// Code points of a string (vessel names may hold CJK Extension B characters).
QList<char32_t> codePoints(QStringView s)
{
    QList<char32_t> out;
    const QList<uint> ucs4 = s.toUcs4();
    out.reserve(ucs4.size());
    for (const uint c : ucs4)
        out.append(char32_t(c));
    return out;
}

} // namespace

// ---- Public API -------------------------------------------------------------------------------

QString upgradeResidentId15(QStringView id15)
{
    if (id15.size() != 15)
        return QString();
    for (const QChar c : id15) {
        if (!isAsciiDigit(c))
            return QString();
    }
    // GB 11643-1999, transition from GB 11643-1989: the birth date YYMMDD
    // becomes 19YYMMDD and the MOD 11-2 check character is appended.
    QString id18 = id15.left(6).toString() + QStringLiteral("19") + id15.mid(6).toString();
    id18.append(residentIdCheck(id18));
    return id18;
}

ValidationResult validateResidentId(QStringView id, QDate today)
{
    const QString s = clean(id);
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The resident ID number is empty"));
    if (s.size() == 15) {
        // GB 11643-1989 numbers: 6 address + YYMMDD + 3 sequence, digits only, no check.
        for (qsizetype i = 0; i < 15; ++i) {
            if (!isAsciiDigit(s[i]))
                return invalid(s,
                    CoreText::tr("Character %1 (“%2”) should be a digit: 15-digit ID "
                                 "numbers have digits only")
                        .arg(i + 1)
                        .arg(s[i]));
        }
        const QString upgraded = upgradeResidentId15(s);
        ValidationResult r = checkResidentId18(upgraded, today, s);
        r.details.insert(QLatin1String("upgradedFrom15"), true);
        return r;
    }
    if (s.size() != 18)
        return invalid(s,
            CoreText::tr("A resident ID number has 18 characters (15 on cards issued "
                         "before 1999), not %1")
                .arg(s.size()));
    return checkResidentId18(s, today, s);
}

ValidationResult validateResidentId(QStringView id, const Clock& clock)
{
    // The officer works in local (China) time: a birth "today" must not count as future.
    return validateResidentId(id, clock.now().toLocalTime().date());
}

ValidationResult validateOrganizationCode(QStringView code)
{
    // Hyphen-like characters people type or paste are folded into '-'.
    QString s = clean(code);
    for (QChar& c : s) {
        if (c.unicode() >= 0x2010 && c.unicode() <= 0x2015)
            c = u'-';
    }
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The organization code is empty"));
    // GB 11714-1997 prints the code as XXXXXXXX-X; the hyphen is presentation only.
    if (s.size() > 8 && s[8] == u'-')
        s.remove(8, 1);
    if (s.contains(u'-'))
        return invalid(s,
            CoreText::tr("The hyphen goes before the check character: "
                         "XXXXXXXX-X"));
    if (s.size() != 9)
        return invalid(s,
            CoreText::tr("An organization code has 9 characters (8 and a check "
                         "character), not %1")
                .arg(s.size()));
    for (qsizetype i = 0; i < 8; ++i) {
        if (!isAsciiDigit(s[i]) && !isAsciiUpper(s[i]))
            return invalid(s,
                CoreText::tr("Character %1 (“%2”) should be a digit or a capital "
                             "letter")
                    .arg(i + 1)
                    .arg(s[i]));
    }
    const QString shown = s.left(8) + u'-' + s[8];
    const QChar last = s[8];
    if (!isAsciiDigit(last) && last != u'X')
        return invalid(
            shown, CoreText::tr("The check character should be a digit or X, not “%1”").arg(last));
    QJsonObject details;
    const QChar expected = organizationCodeCheck(QStringView(s).left(8));
    if (expected != last)
        return invalid(shown, checkMismatch(expected, last, details), details);
    return valid(shown, details);
}

ValidationResult validateUscc(QStringView code)
{
    const QString s = clean(code);
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The unified social credit code is empty"));
    if (s.size() != 18)
        return invalid(s,
            CoreText::tr("A unified social credit code has 18 characters, not %1").arg(s.size()));
    // GB 32100-2015: digits and capital letters except I, O, S, V, Z.
    for (qsizetype i = 0; i < 18; ++i) {
        const QChar c = s[i];
        if (c == u'I' || c == u'O' || c == u'S' || c == u'V' || c == u'Z')
            return invalid(s,
                CoreText::tr("The letter %1 (character %2) is not used in unified "
                             "social credit codes (they have no I, O, S, V or Z)")
                    .arg(c)
                    .arg(i + 1));
        if (!kUsccCharset.contains(c))
            return invalid(s,
                CoreText::tr("Character %1 (“%2”) should be a digit or a capital "
                             "letter")
                    .arg(i + 1)
                    .arg(c));
    }

    // GB 32100-2015: position 1 registration authority, position 2 entity type.
    const UsccPrefix* prefix = nullptr;
    const UsccPrefix* authority = nullptr;
    for (const UsccPrefix& p : kUsccPrefixes) {
        if (p.prefix[0] == s[0])
            authority = authority ? authority : &p;
        if (p.prefix == QStringView(s).left(2))
            prefix = &p;
    }
    if (!authority)
        return invalid(s,
            CoreText::tr("“%1” is not a registration authority code (the first "
                         "character)")
                .arg(s[0]));
    if (!prefix)
        return invalid(s,
            CoreText::tr("“%1” is not an entity type of registration authority %2 "
                         "(%3) (the second character)")
                .arg(s[1])
                .arg(s[0])
                .arg(authority->authority));
    QJsonObject details;
    details.insert(QLatin1String("registrationAuthorityCode"), QString(s[0]));
    details.insert(QLatin1String("registrationAuthority"), prefix->authority.toString());
    details.insert(QLatin1String("entityTypeCode"), QString(s[1]));
    details.insert(QLatin1String("entityType"), prefix->entityType.toString());

    // GB 32100-2015: positions 3–8 are the GB/T 2260 code of the registering authority's
    // area (100000 for national registrations).
    const QString region = s.mid(2, 6);
    for (const QChar c : region) {
        if (!isAsciiDigit(c))
            return invalid(s,
                CoreText::tr("Characters 3–8 are the region code and should be "
                             "digits, not “%1”")
                    .arg(region),
                details);
    }
    if (region.left(2) != QLatin1String("10") && !findProvince(QStringView(region).left(2)))
        return invalid(s,
            CoreText::tr("The region code %1 (characters 3–8) does not start with a "
                         "province code (GB/T 2260)")
                .arg(region),
            details);
    details.insert(QLatin1String("region"), region);
    details.insert(QLatin1String("organizationCode"), s.mid(8, 8) + u'-' + s[16]);

    // GB 32100-2015: MOD 31 check character.
    const QChar expected = usccCheck(QStringView(s).left(17));
    if (expected != s[17])
        return invalid(s, checkMismatch(expected, s[17], details), details);

    // GB 32100-2015: positions 9–17 are the 主体标识码, a GB 11714 organization code with its
    // own check character; a code whose outer check holds but inner one does not was mis-assigned
    // or forged.
    const QChar orgExpected = organizationCodeCheck(QStringView(s).mid(8, 8));
    if (orgExpected != s[16]) {
        details.insert(QLatin1String("expectedOrganizationCheck"), QString(orgExpected));
        return invalid(s,
            CoreText::tr("The organization code inside it (characters 9–17, %1) is "
                         "invalid: its check character should be %2, not %3")
                .arg(s.mid(8, 8) + u'-' + s[16])
                .arg(orgExpected)
                .arg(s[16]),
            details);
    }
    return valid(s, details);
}

ValidationResult validatePlate(QStringView plate, QStringView colourCode)
{
    const QString s = clean(plate, kPlateSeparators);
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The plate number is empty"));
    PlateKind kind = PlateKind::Ordinary;
    ValidationResult r = checkPlateLayout(s, kind);
    if (!r.valid)
        return r;
    const PlateKindInfo& info = plateKindInfo(kind);
    r.details.insert(QLatin1String("kind"), QString(info.id));
    if (!info.plateType.isEmpty())
        r.details.insert(QLatin1String("plateType"), QString(info.plateType));
    if (!info.colours.isEmpty()) {
        QJsonArray colours;
        for (const QChar c : info.colours)
            colours.append(QString(c));
        r.details.insert(QLatin1String("expectedColours"), colours);
    }

    const QString colour = colourCode.trimmed().toString();
    if (colour.isEmpty())
        return r;
    // JT/T 697.7-2014 §5.6: 1 蓝 2 黄 3 黑 4 白 5 绿 9 其他; 0 未上牌 (JT/T 808).
    static constexpr QStringView knownColours = u"0123459";
    if (colour.size() != 1 || !knownColours.contains(colour[0]))
        return invalid(s,
            CoreText::tr("Unknown plate colour code “%1”; JT/T 697.7-2014 §5.6 uses "
                         "1 blue, 2 yellow, 3 black, 4 white, 5 green, 9 other and "
                         "0 no plate")
                .arg(colour),
            r.details);
    r.details.insert(QLatin1String("colourCode"), colour);
    if (colour == QLatin1String("0"))
        return invalid(s,
            CoreText::tr("Colour code 0 means the vehicle has no plate, but a plate "
                         "number was given"),
            r.details);
    if (!info.colours.isEmpty() && !info.colours.contains(colour[0]))
        return invalid(s,
            CoreText::tr("%1 are %2, not %3")
                .arg(plateKindDescription(kind), colourList(info.colours), colourName(colour[0])),
            r.details);
    return r;
}

ValidationResult validateVesselName(QStringView name)
{
    // simplified(): trims and turns inner whitespace runs into one space.
    const QString s
        = name.toString().normalized(QString::NormalizationForm_KC).simplified().toUpper();
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The vessel name is empty"));
    const QList<char32_t> points = codePoints(s);
    for (const char32_t c : points) {
        const bool ok = (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || c == U' '
            || QChar::script(c) == QChar::Script_Han;
        if (!ok)
            return invalid(s,
                CoreText::tr("“%1” is not allowed in a vessel name; use Chinese "
                             "characters, letters and digits")
                    .arg(QString::fromUcs4(&c, 1)));
    }
    if (points.size() < 2)
        return invalid(s, CoreText::tr("A vessel name has at least 2 characters"));
    if (points.size() > 30)
        return invalid(s,
            CoreText::tr("A vessel name has at most 30 characters, this one has %1")
                .arg(points.size()));
    return valid(s, {});
}

ValidationResult validateCodePattern(
    QStringView value, const CodeTables& codes, QStringView patternName)
{
    const QString s = clean(value);
    const std::optional<CodePattern> pattern = codes.pattern(patternName);
    if (!pattern)
        return invalid(s,
            CoreText::tr("The reference data has no pattern “%1”; import a codes "
                         "pack that defines it")
                .arg(patternName));
    QJsonObject details;
    details.insert(QLatin1String("pattern"), pattern->name);
    details.insert(QLatin1String("system"), pattern->system);
    details.insert(QLatin1String("unsure"), pattern->unsure);
    if (s.isEmpty())
        return invalid(s, CoreText::tr("The %1 is empty").arg(pattern->title), details);
    if (!pattern->regex.match(s).hasMatch())
        return invalid(s,
            CoreText::tr("“%1” is not a valid %2: expected %3")
                .arg(s, pattern->title, pattern->format),
            details);
    return valid(s, details);
}

} // namespace fieldcase::rules
