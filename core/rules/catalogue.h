// The violation catalogue and the provincial discretion standard (裁量基准), parsed from the
// content of `violations` and `discretion` reference packs (docs/reference-packs.md; the
// formats are in docs/packs/violations-and-discretion.md). Everything legal lives in the data:
// article texts, ranges, formulas, thresholds. The catalogue keeps several versions of each
// pack so the engine can apply the one in force on the date of the act
// (《行政处罚法》第三十七条).
#pragma once

#include "core/rules/overlimit.h"
#include "core/util/result.h"

#include <QDate>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace fieldcase::rules {

// 当事人 kind as the thresholds of 《行政处罚法》 distinguish it: 公民 vs 法人或者其他组织.
enum class PartyKind { Person, Organisation };

// A statute the pack quotes from ("laws" table of the violations pack).
struct Law
{
    QString id; // pack-local key, e.g. "DLYSTL"
    QString title; // 中华人民共和国道路运输条例
    QString version; // 2023-07-20 (the revision quoted)
    QString source; // where the text was read
    bool secondary = false; // text from a secondary source, not the statute repository
};

// One quoted provision: which law, which article, and its exact text.
struct LegalRef
{
    QString lawId;
    QString lawTitle;
    QString article; // 第六十三条第（一）项
    QString text; // exact article text (or, when secondary, the quoted secondary text)
    bool secondary = false;

    // "《中华人民共和国道路运输条例》第六十三条第（一）项".
    [[nodiscard]] QString display() const;
    // Same provision (law title and article); the text is not compared.
    [[nodiscard]] bool operator==(const LegalRef& other) const
    {
        return lawTitle == other.lawTitle && article == other.article;
    }
};

// A condition over case facts: all/any/not of comparisons {fact, op, value}.
struct Predicate
{
    enum class Kind { True, All, Any, Not, Compare };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, Exists };
    Kind kind = Kind::True;
    std::vector<Predicate> children; // All, Any (any size), Not (exactly one)
    QString fact; // Compare
    Op op = Op::Eq; // Compare
    QJsonValue value; // Compare (an array for In, ignored for Exists)

    // Every fact name the predicate reads.
    [[nodiscard]] QStringList facts() const;
};

// Parses a predicate; `where` names the place in the pack for error messages.
[[nodiscard]] Result<Predicate> parsePredicate(const QJsonValue& json, const QString& where);

// Evaluates a predicate. A missing fact makes its comparison false (except Exists); a fact of
// the wrong type (a string compared with a number) is an error, not a silent false.
[[nodiscard]] Result<bool> evaluatePredicate(const Predicate& predicate, const QJsonObject& facts);

// A money range in fen, inclusive.
struct FineRange
{
    qint64 minFen = 0;
    qint64 maxFen = 0;
    // True when fen lies in [minFen, maxFen].
    [[nodiscard]] bool contains(qint64 fen) const { return fen >= minFen && fen <= maxFen; }
    // Field-wise equality.
    [[nodiscard]] bool operator==(const FineRange&) const = default;
};

// What a penalty component is. Fine, GainsMultiple and Overlimit produce a fine amount; the
// others are non-monetary. DetainVehicle is an administrative measure (行政强制措施), not a
// penalty (《行政处罚法》第九条 does not list it).
enum class SanctionKind {
    Fine, // 罚款 in a range (min 0 for "可以处…以下")
    GainsMultiple, // 罚款 as multiples of 违法所得, with a threshold and a fallback range
    Overlimit, // the 超限 art 43 schedule (computed from the measurement)
    Warning, // 警告
    ConfiscateGains, // 没收违法所得
    ConfiscateProperty, // 没收非法财物 (e.g. 非法采砂船舶, forged permits)
    SuspendLicence, // 暂扣许可证件
    RevokeLicence, // 吊销许可证件
    SuspendBusiness, // 责令停业整顿 / 责令停产停业
    DetainVehicle, // 扣留车辆 / 扣押船舶 (measure)
    Other, // any other sanction named in the statute
};

// One penalty the provision sets. `when` and `party` restrict when it applies; `optional`
// marks the statute's "可以" (may) as opposed to "处"/"应当" (shall).
struct PenaltyComponent
{
    SanctionKind kind = SanctionKind::Fine;
    QString label; // as the statute words it, e.g. 吊销道路运输经营许可证
    std::optional<PartyKind> party; // applies only to this party kind (航道法 art 42)
    Predicate when; // applies only when this holds (e.g. {"fact":"serious","op":"==","value":true})
    bool optional = false;
    bool measure = false; // an administrative measure, not a 行政处罚
    // Fine:
    qint64 minFen = 0;
    qint64 maxFen = 0;
    // GainsMultiple: multiples apply when gains > threshold (or ≥ when thresholdInclusive);
    // multiples are stored in thousandths (1.5× = 1500) so the arithmetic stays integral.
    qint64 thresholdFen = 0;
    bool thresholdInclusive = false;
    qint64 minMultipleMilli = 0;
    qint64 maxMultipleMilli = 0;
    std::vector<PenaltyComponent> fallback; // Fine variants for no / below-threshold gains
};

// General rules of 《行政处罚法》 the engine applies, with the quoted articles (data, so the
// citations and the few numbers come from the pack, not from code).
struct GeneralRules
{
    LegalRef correction; // art 28 第一款: 责令改正
    LegalRef confiscation; // art 28 第二款: 没收违法所得
    LegalRef oneFine; // art 29
    LegalRef minors; // art 30
    LegalRef mitigation; // art 32
    LegalRef noPenalty; // art 33 第一款
    LegalRef noFault; // art 33 第二款
    LegalRef education; // art 33 第三款
    LegalRef lawInForce; // art 37
    LegalRef simpleProcedure; // art 51
    LegalRef hearing; // art 63
    int noPenaltyUnderAge = 14; // art 30: 不满十四周岁 → 不予行政处罚
    int mitigateUnderAge = 18; // art 30: 已满十四周岁不满十八周岁 → 应当从轻或者减轻
    qint64 simpleMaxPersonFen = 0; // art 51: 对公民处以二百元以下
    qint64 simpleMaxOrganisationFen = 0; // art 51: 对法人或者其他组织处以三千元以下
    // [UNSURE] whether 减轻 may go below the statutory minimum; default false (see docs).
    bool reducedMayGoBelowStatutoryMinimum = false;
    // [UNSURE] national fallback for 较大数额 (art 63); a province's discretion pack overrides.
    qint64 hearingPersonFen = 0;
    qint64 hearingOrganisationFen = 0;
};

// Metadata of one pack version (the envelope fields the catalogue needs).
struct PackMeta
{
    QString id;
    QString kind;
    int version = 0;
    QDate effectiveFrom;
    std::optional<QDate> effectiveTo; // inclusive; none = open-ended
    bool demo = false;
    QString issuer;

    // True when the pack is in force on `date` (effectiveFrom ≤ date ≤ effectiveTo).
    [[nodiscard]] bool inForceOn(QDate date) const;
};

// Shared by all violations of one pack version: where they came from and the general rules.
struct ViolationContext
{
    PackMeta meta;
    QMap<QString, Law> laws;
    GeneralRules general;
    OverlimitRules overlimit;
};

// One catalogued violation (违法行为).
struct Violation
{
    QString code; // stable id, e.g. "DLYS-63-1"
    QString category; // 执法门类: 公路路政/道路运政/水路运政/港口行政/航道行政/地方海事
    QString title; // the act, as the statute describes it
    QString enforcer; // the authority the statute names
    QList<LegalRef> violates; // 违反条款
    QList<LegalRef> basis; // 处罚依据
    QString correction; // the 责令改正 order in the statute's words (art 28)
    std::vector<PenaltyComponent> penalties;
    bool faultNotRequired = false; // a law/行政法规 excludes art 33 第二款 for this act
    QString notes;
    std::shared_ptr<const ViolationContext> context; // never null for a parsed violation

    // True when one of the penalties is the 超限 schedule.
    [[nodiscard]] bool usesOverlimit() const;
};

// Discretion tier levels, mildest first.
enum class TierLevel { Minor, Ordinary, Serious, Severe }; // 轻微 / 一般 / 较重 / 严重

// How a tier turns its band into a recommended amount (domain 3.9 Examples A–D).
enum class RecommendRule { Min, Mid, Max, Fixed };

// One tier of a discretion entry.
struct DiscretionTier
{
    TierLevel level = TierLevel::Ordinary;
    QString label; // 轻微 / 一般 / 较重 / 严重 (or the standard's own wording)
    QString description; // 违法情节 as the standard words it
    Predicate when; // first tier whose condition holds is chosen
    std::optional<FineRange> band; // fen band when the fine is a fixed range
    std::optional<qint64> bandMinMultipleMilli, bandMaxMultipleMilli; // when multiples apply
    RecommendRule recommend = RecommendRule::Min;
    qint64 fixedFen = 0; // RecommendRule::Fixed with a fen band
    qint64 fixedMultipleMilli = 0; // RecommendRule::Fixed with a multiple band
    QString suggestion; // 建议处罚 text
};

// One condition of a 首违不罚 item, with its label as published.
struct ExemptCondition
{
    QString label; // e.g. 首次实施
    Predicate when;
};

// A published 首违不罚 / 轻微不罚 item: all conditions must hold.
struct ExemptionItem
{
    QString id;
    QString title;
    QList<ExemptCondition> conditions;
};

// Shared by all entries of one discretion pack version.
struct DiscretionContext
{
    PackMeta meta;
    QString title; // e.g. 示范裁量基准，非真实省份标准
    std::optional<qint64> hearingPersonFen, hearingOrganisationFen;
    QMap<QString, QPair<qint64, qint64>> hearingByCategory; // 执法门类 → (person, organisation)
};

// The discretion standard for one violation code.
struct DiscretionEntry
{
    QString code;
    QString factors; // 裁量因素 text
    QList<DiscretionTier> tiers;
    QList<ExemptionItem> firstViolationExempt;
    std::shared_ptr<const DiscretionContext> context; // never null for a parsed entry
};

// A fact a discretion pack declares for its predicates (the UI asks for it).
struct FactDefinition
{
    QString name;
    QString label;
    QString type; // bool / number / string
};

// A parsed violations pack version.
struct ViolationPack
{
    std::shared_ptr<const ViolationContext> context;
    QList<Violation> violations;

    // The violation with this code, or null.
    [[nodiscard]] const Violation* find(QStringView code) const;
};

// A parsed discretion pack version.
struct DiscretionPack
{
    std::shared_ptr<const DiscretionContext> context;
    QList<FactDefinition> facts;
    QList<DiscretionEntry> entries;

    // The entry for this violation code, or null.
    [[nodiscard]] const DiscretionEntry* find(QStringView code) const;
};

// Reads id/kind/version/effective dates/demo from a pack object (the envelope's "pack").
[[nodiscard]] Result<PackMeta> parsePackMeta(const QJsonObject& pack);

// Parses a `violations` pack object (envelope "pack" member, content included).
[[nodiscard]] Result<ViolationPack> parseViolationPack(const QJsonObject& pack);

// Parses a `discretion` pack object; every code must exist in `violations` when given.
[[nodiscard]] Result<DiscretionPack> parseDiscretionPack(
    const QJsonObject& pack, const ViolationPack* violations = nullptr);

// The fact names the engine itself understands (docs/packs/violations-and-discretion.md).
[[nodiscard]] const QStringList& standardFactNames();

// All stored versions of the violations and discretion packs; picks the one in force.
class Catalogue
{
public:
    // Adds a parsed pack version; Conflict if the same id and version is already present.
    [[nodiscard]] Status addViolationPack(ViolationPack pack);
    [[nodiscard]] Status addDiscretionPack(DiscretionPack pack);

    // Parses a pack object (or an envelope {"pack": …}) of kind violations or discretion and
    // adds it. Discretion codes are checked against the violations version in force on the
    // discretion pack's effectiveFrom, when there is one.
    [[nodiscard]] Status addPack(const QJsonObject& packOrEnvelope);

    // The version in force on `date`: highest version among those whose dates cover it.
    [[nodiscard]] const ViolationPack* violationsAt(QDate date) const;
    [[nodiscard]] const DiscretionPack* discretionAt(QDate date) const;

    // Every stored version, in the order added.
    [[nodiscard]] const QList<ViolationPack>& violationPacks() const { return m_violations; }
    [[nodiscard]] const QList<DiscretionPack>& discretionPacks() const { return m_discretion; }

private:
    QList<ViolationPack> m_violations;
    QList<DiscretionPack> m_discretion;
};

// Names used in the data ("person", "organisation", "minor", "mid", ...).
[[nodiscard]] std::optional<PartyKind> partyKindFromName(QStringView name);
[[nodiscard]] QString partyKindName(PartyKind kind);
[[nodiscard]] QString tierLevelName(TierLevel level);
[[nodiscard]] QString sanctionKindName(SanctionKind kind);

// "1,234.50元"-style rendering of a fen amount for messages ("1234.5元" → "1234.50元").
[[nodiscard]] QString formatYuan(qint64 fen);

} // namespace fieldcase::rules
