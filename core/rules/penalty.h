// The penalty engine: from a catalogued violation, the provincial discretion entry and the
// facts of a case to an outcome, a band, a recommended fine, the procedure and the hearing
// right, each step with the article that requires it. It applies 《行政处罚法》 arts 28-33, 37,
// 51 and 63 and the 超限 schedule; it never clamps an officer's amount silently: an amount
// outside the band needs a reason, and one outside the statutory range is refused.
// Facts are a JSON object (names in docs/packs/violations-and-discretion.md).
#pragma once

#include "core/rules/catalogue.h"
#include "core/rules/overlimit.h"
#include "core/util/result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldcase::rules {

// What the engine concludes for the case.
enum class Outcome {
    Penalty, // impose the penalties listed (a fine and/or non-monetary ones)
    NoPenalty, // 不予处罚 (art 30 under 14, art 33 第一款 first sentence, art 33 第二款, not 超限)
    FirstViolationExempt, // 首违不罚 item of the discretion standard fully met (art 33: 可以)
    WarningOnly, // the only penalty is a 警告
};

// The procedure the outcome allows (《行政处罚法》第五十一条).
enum class Procedure { None, Simple, General };

// How the fine range of this case arises.
enum class AmountBasis { None, Range, GainsMultiple, Overlimit };

// 从轻 (inside the band, at its lower end) or 减轻 (below the band).
enum class MitigationMode { Lighter, Reduced };

// One step of the reasoning, with the provision that requires it.
struct Reason
{
    QString text; // English, for the officer (CoreText::tr)
    LegalRef citation;
};

// A non-monetary penalty or measure that applies.
struct Sanction
{
    SanctionKind kind = SanctionKind::Other;
    QString label; // the statute's wording
    bool optional = false; // 可以
    bool measure = false; // 行政强制措施, not a 行政处罚
    LegalRef basis;
};

// Everything the engine decided for one violation.
struct Evaluation
{
    QString code;
    QString title;
    Outcome outcome = Outcome::Penalty;
    std::optional<TierLevel> tier;
    QString tierLabel;
    AmountBasis amountBasis = AmountBasis::None;
    std::optional<FineRange> statutoryRange; // the range the law allows in this case
    bool fineOptional = false; // the statute says 可以 (may) fine
    std::optional<FineRange> band; // the discretion band (statutory range if no standard)
    std::optional<qint64> recommendedAmountFen;
    std::optional<qint64> proposedAmountFen; // the officer's amount, when given and accepted
    std::optional<qint64> amountFen; // proposed if given, else recommended
    bool needsReason = false; // proposed amount outside the band: a written reason is needed
    bool mitigated = false; // mandatory 从轻/减轻 applied (art 30, art 32)
    MitigationMode mitigationMode = MitigationMode::Lighter;
    QString correctionOrder; // 责令改正 (art 28), always present
    QList<Sanction> sanctions; // non-monetary penalties and measures
    Procedure procedure = Procedure::None;
    bool hearingRight = false;
    std::optional<qint64> hearingThresholdFen; // the threshold compared with, for display
    std::optional<OverlimitAssessment> overlimit;
    QList<Reason> reasons; // in the order the rules were applied
    QList<LegalRef> citations; // every provision relied on, without duplicates
    QStringList warnings;
    bool demo = false; // some data used is demo data (not a real province's standard)
};

// Knobs that override pack data (tests, or a unit's settings).
struct EngineOptions
{
    std::optional<qint64> hearingPersonFen; // overrides the discretion pack / national default
    std::optional<qint64> hearingOrganisationFen;
    std::optional<OverlimitRounding> rounding; // overrides the pack's partial-tonne rounding
    // evaluateAt only: the decision date. When the law changed between the act and the decision
    // and the new version is lighter, the new one applies (art 37 second sentence).
    std::optional<QDate> decisionDate;
};

// Evaluates one violation for the facts of a case. `discretion` may be null (no standard):
// the band is then the statutory range. Fails with InvalidArgument on malformed facts and with
// Rejected (citing the article) when proposedAmountFen lies outside the statutory range.
[[nodiscard]] Result<Evaluation> evaluate(const Violation& violation,
    const DiscretionEntry* discretion, const QJsonObject& facts, const EngineOptions& options);

// Picks the pack versions in force on the act date (《行政处罚法》第三十七条) and evaluates.
[[nodiscard]] Result<Evaluation> evaluateAt(const Catalogue& catalogue, QStringView code,
    QDate actDate, const QJsonObject& facts, const EngineOptions& options);

// One provision that may apply to the same act, with its discretion entry (may be null).
struct Provision
{
    const Violation* violation = nullptr;
    const DiscretionEntry* discretion = nullptr;
};

// The result of weighing several provisions for one act (《行政处罚法》第二十九条).
struct ConcurrentEvaluation
{
    int chosen = -1; // index into `all`
    QList<Evaluation> all; // each provision evaluated without the proposed amount
    Evaluation result; // the chosen provision evaluated with all facts
    QList<Reason> reasons; // why that provision was chosen
};

// One act, several applicable provisions: only one fine, under the provision with the highest
// fine (art 29). Compares the statutory maxima for this case, then the minima, then the
// recommended amounts; ties keep the earlier provision.
[[nodiscard]] Result<ConcurrentEvaluation> evaluateConcurrent(
    const QList<Provision>& provisions, const QJsonObject& facts, const EngineOptions& options);

// Wire names ("penalty", "no-penalty", "first-violation-exempt", "warning-only"; "simple"...).
[[nodiscard]] QString outcomeName(Outcome outcome);
[[nodiscard]] QString procedureName(Procedure procedure);

} // namespace fieldcase::rules
