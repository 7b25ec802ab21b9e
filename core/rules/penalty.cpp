#include "core/rules/penalty.h"

#include "core/util/text.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace fieldcase::rules {

namespace {

// 《行政处罚法》第三十二条 (一)-(五), as fact values.
const QStringList& mitigationNames()
{
    static const QStringList names = {QStringLiteral("eliminated-harm"), QStringLiteral("coerced"),
        QStringLiteral("confessed-unknown"), QStringLiteral("meritorious"),
        QStringLiteral("other-law")};
    return names;
}

// The statute's wording of each art 32 ground, for the reasons shown to the officer.
QString mitigationText(const QString& name)
{
    static const QStringList texts = {QStringLiteral("（一）主动消除或者减轻违法行为危害后果"),
        QStringLiteral("（二）受他人胁迫或者诱骗实施违法行为"),
        QStringLiteral("（三）主动供述行政机关尚未掌握的违法行为"),
        QStringLiteral("（四）配合行政机关查处违法行为有立功表现"),
        QStringLiteral("（五）法律、法规、规章规定的其他情形")};
    const qsizetype i = mitigationNames().indexOf(name);
    return i < 0 ? name : texts.at(i);
}

const QStringList& harmNames()
{
    static const QStringList names = {QStringLiteral("none"), QStringLiteral("minor"),
        QStringLiteral("ordinary"), QStringLiteral("serious")};
    return names;
}

// The standard facts, checked for type and range before any rule runs.
struct CaseFacts
{
    PartyKind party = PartyKind::Person;
    std::optional<int> age;
    qint64 gainsFen = 0;
    std::optional<qint64> priorViolations;
    std::optional<bool> firstViolation;
    bool correctedPromptly = false;
    QString harm;
    QStringList mitigations;
    MitigationMode mode = MitigationMode::Lighter;
    bool noFault = false;
    bool minorViolation = false;
    bool gainsToBeRefunded = false;
    std::optional<QJsonObject> measured;
    std::optional<qint64> proposed;
    QString outOfBandReason;
};

std::unexpected<Error> badFact(const QString& name, const QString& message)
{
    return fail(ErrorCode::InvalidArgument, message, QStringLiteral("facts.") + name);
}

Result<std::optional<qint64>> wholeFact(const QJsonObject& f, const QString& name, qint64 max)
{
    const QJsonValue v = f.value(name);
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    const double d = v.toDouble(-1);
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < 0 || d > double(max))
        return badFact(name,
            CoreText::tr("The fact \"%1\" must be a whole number from 0 to %2").arg(name).arg(max));
    return std::optional<qint64>(static_cast<qint64>(d));
}

Result<std::optional<bool>> boolFact(const QJsonObject& f, const QString& name)
{
    const QJsonValue v = f.value(name);
    if (v.isUndefined() || v.isNull())
        return std::optional<bool>();
    if (!v.isBool())
        return badFact(name, CoreText::tr("The fact \"%1\" must be true or false").arg(name));
    return std::optional<bool>(v.toBool());
}

Result<CaseFacts> parseFacts(const QJsonObject& f)
{
    CaseFacts c;
    const QString partyText = f.value(QLatin1String("partyKind")).toString();
    const auto party = partyKindFromName(partyText);
    if (!party)
        return badFact(QStringLiteral("partyKind"),
            CoreText::tr("The party kind must be person or organisation"));
    c.party = *party;

    constexpr qint64 kMaxFen = 1'000'000'000'000; // 100 亿元: far above any statutory amount
    auto age = wholeFact(f, QStringLiteral("age"), 150);
    auto gains = wholeFact(f, QStringLiteral("illegalGainsFen"), kMaxFen);
    auto prior = wholeFact(f, QStringLiteral("priorViolations"), 10000);
    auto proposed = wholeFact(f, QStringLiteral("proposedAmountFen"), kMaxFen);
    if (!age || !gains || !prior || !proposed)
        return fail(!age ? age.error()
                : !gains ? gains.error()
                : !prior ? prior.error()
                         : proposed.error());
    if (*age) {
        if (c.party != PartyKind::Person)
            return badFact(QStringLiteral("age"), CoreText::tr("Only a person has an age"));
        c.age = static_cast<int>(**age);
    }
    c.gainsFen = gains->value_or(0);
    c.priorViolations = *prior;
    c.proposed = *proposed;

    struct BoolSlot
    {
        const char* name;
        bool* slot;
    };
    const BoolSlot bools[] = {{"correctedPromptly", &c.correctedPromptly}, {"noFault", &c.noFault},
        {"minorViolation", &c.minorViolation}, {"gainsToBeRefunded", &c.gainsToBeRefunded}};
    for (const BoolSlot& b : bools) {
        auto v = boolFact(f, QLatin1String(b.name));
        if (!v)
            return fail(v.error());
        *b.slot = v->value_or(false);
    }
    auto first = boolFact(f, QStringLiteral("firstViolation"));
    auto serious = boolFact(f, QStringLiteral("serious"));
    auto refused = boolFact(f, QStringLiteral("refusedCorrection"));
    if (!first || !serious || !refused)
        return fail(!first ? first.error() : !serious ? serious.error() : refused.error());
    c.firstViolation = *first;

    const QJsonValue harm = f.value(QLatin1String("harm"));
    if (!harm.isUndefined() && !harm.isNull()) {
        if (!harm.isString() || !harmNames().contains(harm.toString()))
            return badFact(QStringLiteral("harm"),
                CoreText::tr("The harm must be one of none, minor, ordinary, serious"));
        c.harm = harm.toString();
    }
    const QJsonValue mitigations = f.value(QLatin1String("mitigations"));
    if (!mitigations.isUndefined() && !mitigations.isNull()) {
        if (!mitigations.isArray())
            return badFact(
                QStringLiteral("mitigations"), CoreText::tr("Mitigations must be a list"));
        for (const QJsonValue& m : mitigations.toArray()) {
            if (!mitigationNames().contains(m.toString()))
                return badFact(QStringLiteral("mitigations"),
                    CoreText::tr("Unknown mitigation \"%1\"").arg(m.toString()));
            if (!c.mitigations.contains(m.toString()))
                c.mitigations.append(m.toString());
        }
    }
    const QString mode
        = f.value(QLatin1String("mitigationMode")).toString(QStringLiteral("lighter"));
    if (mode == QLatin1String("lighter"))
        c.mode = MitigationMode::Lighter;
    else if (mode == QLatin1String("reduced"))
        c.mode = MitigationMode::Reduced;
    else
        return badFact(QStringLiteral("mitigationMode"),
            CoreText::tr("The mitigation mode must be lighter (从轻) or reduced (减轻)"));

    const QJsonValue measured = f.value(QLatin1String("measured"));
    if (!measured.isUndefined() && !measured.isNull()) {
        if (!measured.isObject())
            return badFact(
                QStringLiteral("measured"), CoreText::tr("The measurement must be an object"));
        c.measured = measured.toObject();
    }
    const QJsonValue reason = f.value(QLatin1String("outOfBandReason"));
    if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
        return badFact(QStringLiteral("outOfBandReason"), CoreText::tr("The reason must be text"));
    c.outOfBandReason = reason.toString().trimmed();
    return c;
}

LegalRef fromOverlimit(const OverlimitRef& r)
{
    LegalRef l;
    l.lawTitle = r.lawTitle;
    l.article = r.article;
    l.text = r.text;
    l.secondary = r.secondary;
    return l;
}

// The discretion standard as a citation: its title, the tier or item, and the wording.
LegalRef standardRef(const DiscretionEntry& d, const QString& article, const QString& text)
{
    LegalRef l;
    l.lawId = d.context->meta.id;
    l.lawTitle = d.context->title;
    l.article = article;
    l.text = text;
    return l;
}

qint64 times(qint64 fen, qint64 multipleMilli)
{
    // Both factors are bounded (fen ≤ 1e12, multiple ≤ 1e6 thousandths), so no overflow.
    return fen * multipleMilli / 1000;
}

// The point of a band a rule picks; the midpoint is rounded down to whole yuan, in the
// party's favour.
qint64 pick(const FineRange& band, RecommendRule rule, qint64 fixedFen)
{
    switch (rule) {
    case RecommendRule::Min:
        return band.minFen;
    case RecommendRule::Max:
        return band.maxFen;
    case RecommendRule::Mid: {
        const qint64 mid = (band.minFen + band.maxFen) / 2;
        return std::max(band.minFen, mid - mid % 100);
    }
    case RecommendRule::Fixed:
        return std::clamp(fixedFen, band.minFen, band.maxFen);
    }
    return band.minFen;
}

QString ruleName(RecommendRule rule)
{
    switch (rule) {
    case RecommendRule::Min:
        return QStringLiteral("min");
    case RecommendRule::Mid:
        return QStringLiteral("mid");
    case RecommendRule::Max:
        return QStringLiteral("max");
    case RecommendRule::Fixed:
        return QStringLiteral("fixed");
    }
    return {};
}

QString multipleText(qint64 milli)
{
    if (milli % 1000 == 0)
        return QString::number(milli / 1000);
    return QString::number(double(milli) / 1000.0, 'g', 6);
}

// Collects reasons and citations as the rules run.
class Builder
{
public:
    explicit Builder(Evaluation& e)
        : m_e(e)
    { }
    void cite(const LegalRef& ref)
    {
        if (!m_e.citations.contains(ref))
            m_e.citations.append(ref);
    }
    void reason(const QString& text, const LegalRef& ref)
    {
        m_e.reasons.append(Reason {text, ref});
        cite(ref);
    }

private:
    Evaluation& m_e;
};

bool hasSanction(const Evaluation& e, SanctionKind kind)
{
    return std::any_of(e.sanctions.begin(), e.sanctions.end(),
        [kind](const Sanction& s) { return s.kind == kind && !s.measure; });
}

// Ends the evaluation without a penalty. Education is required whenever a penalty is withheld
// under the law (art 33 第三款); not when there is no violation at all.
void noPenalty(Evaluation& e, Builder& b, const GeneralRules& g, Outcome outcome, qint64 gainsFen,
    bool educate = true)
{
    e.outcome = outcome;
    e.procedure = Procedure::None;
    e.hearingRight = false;
    e.sanctions.clear();
    if (educate)
        b.reason(
            CoreText::tr("No penalty: the party must be educated (对当事人进行教育)"), g.education);
    // 没收违法所得 is itself a penalty (art 9), so it is not proposed here; the gains still
    // need a decision under art 28 第二款.
    if (gainsFen > 0)
        e.warnings.append(CoreText::tr("Illegal gains of %1 were reported: decide on them "
                                       "separately (《行政处罚法》第二十八条第二款)")
                              .arg(formatYuan(gainsFen)));
}

Result<bool> holds(const Predicate& p, const QJsonObject& facts)
{
    return evaluatePredicate(p, facts);
}

} // namespace

Result<Evaluation> evaluate(const Violation& v, const DiscretionEntry* d, const QJsonObject& facts,
    const EngineOptions& options)
{
    if (!v.context)
        return fail(ErrorCode::Internal, CoreText::tr("The violation was not parsed from a pack"));
    if (d && (d->code != v.code || !d->context))
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The discretion entry %1 does not belong to violation %2")
                .arg(d->code, v.code));
    auto parsed = parseFacts(facts);
    if (!parsed)
        return fail(parsed.error());
    const CaseFacts& cf = *parsed;
    const GeneralRules& g = v.context->general;

    Evaluation e;
    Builder b(e);
    e.code = v.code;
    e.title = v.title;
    e.demo = v.context->meta.demo || (d && d->context->meta.demo);
    if (v.context->meta.demo)
        e.warnings.append(CoreText::tr("The violation catalogue is demo data"));
    if (d && d->context->meta.demo)
        e.warnings.append(CoreText::tr(
            "The discretion standard \"%1\" is demo data, not a real province's standard")
                              .arg(d->context->title));
    for (const LegalRef& r : v.violates)
        b.cite(r);
    for (const LegalRef& r : v.basis)
        b.cite(r);
    const LegalRef& basisRef = v.basis.front();

    QStringList violated;
    for (const LegalRef& r : v.violates)
        violated.append(r.display());
    b.reason(
        CoreText::tr("The act (%1) violates %2").arg(v.title, violated.join(QStringLiteral("、"))),
        v.violates.front());

    // Art 28 第一款: correction is ordered in every case.
    e.correctionOrder = v.correction;
    b.reason(CoreText::tr("Order the party to correct the violation: %1").arg(v.correction),
        g.correction);

    // Facts the conditions see: the case facts plus a few derived ones.
    QJsonObject pf = facts;
    pf.insert(QLatin1String("illegalGainsFen"), double(cf.gainsFen));
    if (!cf.firstViolation && cf.priorViolations)
        pf.insert(QLatin1String("firstViolation"), *cf.priorViolations == 0);

    // 超限: art 3 decides whether there is a violation at all.
    if (v.usesOverlimit()) {
        if (!cf.measured)
            return badFact(QStringLiteral("measured"),
                CoreText::tr("This violation needs the vehicle measurement (fact \"measured\")"));
        auto m = parseMeasurement(*cf.measured);
        if (!m)
            return fail(m.error());
        auto a = assess(*m, v.context->overlimit, options.rounding);
        if (!a)
            return fail(a.error());
        e.overlimit = *a;
        pf.insert(QLatin1String("overKg"), double(a->overKg));
        pf.insert(QLatin1String("overLimit"), a->overLimit);
        for (const OverlimitRef& r : a->citations)
            b.cite(fromOverlimit(r));
        for (const OverlimitRef& item : a->items)
            b.reason(
                CoreText::tr("Over the 超限 limit of %1").arg(item.article), fromOverlimit(item));
        if (!a->overLimit) {
            b.reason(
                CoreText::tr("Within every art 3 limit (mass limit %1 kg): not an 超限 vehicle")
                    .arg(a->limitKg),
                fromOverlimit(a->limitRef));
            noPenalty(e, b, g, Outcome::NoPenalty, cf.gainsFen, false);
            return e;
        }
    }

    // Art 30: under 14 no penalty; 14 to 18 mandatory 从轻或者减轻.
    bool minorAge = false;
    if (cf.party == PartyKind::Person && cf.age) {
        if (*cf.age < g.noPenaltyUnderAge) {
            b.reason(CoreText::tr("The party is %1, under %2: no penalty; order the guardian to "
                                  "discipline them (责令监护人加以管教)")
                         .arg(*cf.age)
                         .arg(g.noPenaltyUnderAge),
                g.minors);
            noPenalty(e, b, g, Outcome::NoPenalty, cf.gainsFen);
            return e;
        }
        minorAge = *cf.age < g.mitigateUnderAge;
    }

    // Art 33 第二款: proven absence of fault, unless a law or 行政法规 provides otherwise.
    if (cf.noFault) {
        if (v.faultNotRequired) {
            b.reason(
                CoreText::tr("Evidence of no fault does not exempt: the law provides otherwise "
                             "for this act"),
                g.noFault);
        } else {
            b.reason(CoreText::tr("The party proved they bore no subjective fault: no penalty"),
                g.noFault);
            noPenalty(e, b, g, Outcome::NoPenalty, cf.gainsFen);
            return e;
        }
    }

    // Art 33 第一款, first sentence (shall): slight, promptly corrected, no harmful consequence.
    if (cf.minorViolation && cf.correctedPromptly && cf.harm == QLatin1String("none")) {
        b.reason(
            CoreText::tr("A slight violation, corrected promptly, with no harmful consequence: "
                         "no penalty"),
            g.noPenalty);
        noPenalty(e, b, g, Outcome::NoPenalty, cf.gainsFen);
        return e;
    }

    // Art 33 第一款, second sentence (may): the standard's 首违不罚 items, all conditions.
    if (d) {
        for (const ExemptionItem& item : d->firstViolationExempt) {
            QStringList unmet;
            for (const ExemptCondition& c : item.conditions) {
                auto ok = holds(c.when, pf);
                if (!ok)
                    return fail(ok.error());
                if (!*ok)
                    unmet.append(c.label);
            }
            QStringList labels;
            for (const ExemptCondition& c : item.conditions)
                labels.append(c.label);
            const LegalRef itemRef = standardRef(*d, item.title, labels.join(QStringLiteral("；")));
            if (unmet.isEmpty()) {
                b.reason(CoreText::tr("First violation exempt (首违不罚) under \"%1\": all %2 "
                                      "conditions hold")
                             .arg(item.title)
                             .arg(item.conditions.size()),
                    itemRef);
                b.reason(
                    CoreText::tr("A first violation with slight harm, corrected promptly, may go "
                                 "unpunished"),
                    g.noPenalty);
                e.warnings.append(CoreText::tr("首违不罚 is discretionary (可以): a decision to "
                                               "penalise instead needs written reasons"));
                noPenalty(e, b, g, Outcome::FirstViolationExempt, cf.gainsFen);
                return e;
            }
            b.reason(CoreText::tr("首违不罚 item \"%1\" does not apply; not met: %2")
                         .arg(item.title, unmet.join(QStringLiteral("、"))),
                itemRef);
        }
    }

    // The penalties that apply to this party and these facts.
    const PenaltyComponent* fine = nullptr;
    QList<const PenaltyComponent*> others;
    for (const PenaltyComponent& c : v.penalties) {
        if (c.party && *c.party != cf.party)
            continue;
        auto ok = holds(c.when, pf);
        if (!ok)
            return fail(ok.error());
        if (!*ok)
            continue;
        if (c.kind == SanctionKind::Fine || c.kind == SanctionKind::GainsMultiple
            || c.kind == SanctionKind::Overlimit) {
            // Art 29: one act, one fine. Two fines applying at once is a catalogue error.
            if (fine)
                return fail(ErrorCode::Corrupt,
                    CoreText::tr("Violation %1 sets two fines for the same case").arg(v.code),
                    v.code);
            fine = &c;
        } else {
            others.append(&c);
        }
    }

    // The statutory range for this case.
    std::optional<FineRange> stat;
    bool multiples = false;
    if (fine) {
        switch (fine->kind) {
        case SanctionKind::Fine:
            stat = FineRange {fine->minFen, fine->maxFen};
            e.fineOptional = fine->optional;
            e.amountBasis = AmountBasis::Range;
            b.reason((fine->optional ? CoreText::tr("The provision allows (可以) a fine of %1–%2")
                                     : CoreText::tr("The provision sets a fine of %1–%2"))
                         .arg(formatYuan(stat->minFen), formatYuan(stat->maxFen)),
                basisRef);
            break;
        case SanctionKind::GainsMultiple: {
            const bool meets = cf.gainsFen > 0
                && (fine->thresholdInclusive ? cf.gainsFen >= fine->thresholdFen
                                             : cf.gainsFen > fine->thresholdFen);
            if (meets) {
                multiples = true;
                stat = FineRange {times(cf.gainsFen, fine->minMultipleMilli),
                    times(cf.gainsFen, fine->maxMultipleMilli)};
                e.fineOptional = fine->optional;
                e.amountBasis = AmountBasis::GainsMultiple;
                e.sanctions.append(Sanction {SanctionKind::ConfiscateGains,
                    QStringLiteral("没收违法所得"), false, false, basisRef});
                b.reason(
                    CoreText::tr("Illegal gains of %1 %2 %3: confiscate them and fine %4–%5 "
                                 "times the gains (%6–%7)")
                        .arg(formatYuan(cf.gainsFen),
                            fine->thresholdInclusive ? QStringLiteral("≥") : QStringLiteral(">"),
                            formatYuan(fine->thresholdFen), multipleText(fine->minMultipleMilli),
                            multipleText(fine->maxMultipleMilli), formatYuan(stat->minFen),
                            formatYuan(stat->maxFen)),
                    basisRef);
            } else {
                const PenaltyComponent* variant = nullptr;
                for (const PenaltyComponent& f : fine->fallback) {
                    if (f.party && *f.party != cf.party)
                        continue;
                    auto ok = holds(f.when, pf);
                    if (!ok)
                        return fail(ok.error());
                    if (*ok) {
                        variant = &f;
                        break;
                    }
                }
                if (!variant)
                    return fail(ErrorCode::Corrupt,
                        CoreText::tr("Violation %1 has no fallback fine for these facts")
                            .arg(v.code),
                        v.code);
                stat = FineRange {variant->minFen, variant->maxFen};
                e.fineOptional = variant->optional;
                e.amountBasis = AmountBasis::Range;
                const bool conditional = variant->when.kind != Predicate::Kind::True;
                b.reason(
                    (fine->thresholdInclusive
                            ? CoreText::tr("Illegal gains of %1 (none, or below %2): a fine "
                                           "of %3–%4%5")
                            : CoreText::tr("Illegal gains of %1 (none, or not above %2): a "
                                           "fine of %3–%4%5"))
                        .arg(formatYuan(cf.gainsFen), formatYuan(fine->thresholdFen),
                            formatYuan(stat->minFen), formatYuan(stat->maxFen),
                            conditional ? CoreText::tr(" (its condition, e.g. 情节严重, holds)")
                                        : QString()),
                    basisRef);
            }
            break;
        }
        case SanctionKind::Overlimit: {
            const OverlimitAssessment& a = *e.overlimit;
            const OverlimitRules& rules = v.context->overlimit;
            if (a.massSanction == MassSanction::Warning)
                e.sanctions.append(Sanction {SanctionKind::Warning, QStringLiteral("警告"), false,
                    false, fromOverlimit(rules.massFineRef)});
            if (a.massFineFen > 0 || a.dimensionTier > 0) {
                stat = FineRange {a.totalMinFen, a.totalMaxFen};
                e.fineOptional = a.massFineFen == 0 && a.dimensionOptional;
                e.amountBasis = AmountBasis::Overlimit;
            }
            const LegalRef ref
                = fromOverlimit(a.massOver ? rules.massFineRef : rules.dimensionFineRef);
            b.reason(
                CoreText::tr("超限 schedule: %1").arg(a.notes.join(QStringLiteral("; "))), ref);
            if (a.massFineFen > 0 && a.dimensionTier > 0)
                b.reason(CoreText::tr("Mass and dimension fines accumulate, at most %1 in total")
                             .arg(formatYuan(rules.accumulationCapFen)),
                    fromOverlimit(rules.accumulationRef));
            break;
        }
        default:
            break;
        }
    }
    e.statutoryRange = stat;

    // Non-monetary penalties and measures named by the provision.
    for (const PenaltyComponent* c : std::as_const(others))
        e.sanctions.append(Sanction {c->kind, c->label, c->optional, c->measure, basisRef});
    // Art 28 第二款: illegal gains are confiscated unless they must be refunded.
    if (cf.gainsFen > 0) {
        if (cf.gainsToBeRefunded) {
            b.reason(
                CoreText::tr("Illegal gains of %1 must be refunded, so they are not confiscated")
                    .arg(formatYuan(cf.gainsFen)),
                g.confiscation);
        } else if (!hasSanction(e, SanctionKind::ConfiscateGains)) {
            e.sanctions.append(Sanction {SanctionKind::ConfiscateGains,
                QStringLiteral("没收违法所得"), false, false, g.confiscation});
            b.reason(
                CoreText::tr("Confiscate the illegal gains of %1").arg(formatYuan(cf.gainsFen)),
                g.confiscation);
        }
    }

    // Mandatory mitigation: art 30 (aged 14 to 18) and art 32.
    QList<std::pair<QString, LegalRef>> grounds;
    if (minorAge)
        grounds.append(
            {CoreText::tr("aged %1, under %2").arg(*cf.age).arg(g.mitigateUnderAge), g.minors});
    for (const QString& m : cf.mitigations)
        grounds.append({mitigationText(m), g.mitigation});
    e.mitigated = !grounds.isEmpty();
    e.mitigationMode = cf.mode;
    pf.insert(QLatin1String("mitigated"), e.mitigated);

    // The discretion tier: the first whose condition holds.
    const DiscretionTier* tier = nullptr;
    if (d) {
        for (const DiscretionTier& t : d->tiers) {
            auto ok = holds(t.when, pf);
            if (!ok)
                return fail(ok.error());
            if (*ok) {
                tier = &t;
                break;
            }
        }
        if (!d->tiers.isEmpty() && !tier)
            e.warnings.append(
                CoreText::tr("No tier of the discretion standard matches these facts; "
                             "the statutory range applies"));
    }
    if (tier) {
        e.tier = tier->level;
        e.tierLabel = tier->label;
    }

    // The band and the recommended amount.
    std::optional<FineRange> band;
    std::optional<qint64> recommended;
    const LegalRef tierRef = tier ? standardRef(*d, tier->label, tier->description) : basisRef;
    if (stat) {
        const RecommendRule rule = tier ? tier->recommend : RecommendRule::Min;
        if (e.amountBasis == AmountBasis::Overlimit) {
            // The mass fine is a formula; only the dimension part is a range (Example C: one
            // uniform level for formula fines).
            const OverlimitAssessment& a = *e.overlimit;
            band = stat;
            const qint64 dimension = pick(
                FineRange {a.dimensionMinFen, a.dimensionMaxFen}, rule, tier ? tier->fixedFen : 0);
            recommended = overlimitAmount(a, dimension, v.context->overlimit);
            if (tier)
                b.reason(CoreText::tr("Discretion tier %1: %2; recommended %3")
                             .arg(tier->label, tier->description, formatYuan(*recommended)),
                    tierRef);
        } else if (tier) {
            if (multiples && tier->bandMinMultipleMilli) {
                band = FineRange {times(cf.gainsFen, *tier->bandMinMultipleMilli),
                    times(cf.gainsFen, *tier->bandMaxMultipleMilli)};
            } else if (!multiples && tier->band) {
                band = *tier->band;
            } else {
                band = stat;
                e.warnings.append(CoreText::tr("The tier sets no band for this kind of fine; the "
                                               "statutory range applies"));
            }
            // A standard may narrow the statute, never widen it.
            const FineRange clipped {
                std::max(band->minFen, stat->minFen), std::min(band->maxFen, stat->maxFen)};
            if (clipped.minFen > clipped.maxFen) {
                e.warnings.append(
                    CoreText::tr("The tier's band lies outside the statutory range for "
                                 "this party; the statutory range applies"));
                band = stat;
            } else if (clipped != *band) {
                e.warnings.append(
                    CoreText::tr("The tier's band was narrowed to the statutory range"));
                band = clipped;
            }
            const qint64 fixed
                = multiples ? times(cf.gainsFen, tier->fixedMultipleMilli) : tier->fixedFen;
            recommended = pick(*band, tier->recommend, fixed);
            b.reason(CoreText::tr("Discretion tier %1: %2; band %3–%4, recommended %5 (%6)")
                         .arg(tier->label, tier->description, formatYuan(band->minFen),
                             formatYuan(band->maxFen), formatYuan(*recommended),
                             ruleName(tier->recommend)),
                tierRef);
        } else {
            band = stat;
            if (stat->minFen > 0) {
                recommended = stat->minFen;
                b.reason(CoreText::tr("No discretion tier applies: the statutory minimum %1 is "
                                      "suggested")
                             .arg(formatYuan(stat->minFen)),
                    basisRef);
            } else {
                // "处…以下" sets no lower bound to suggest: the officer chooses, inside the range.
                e.warnings.append(CoreText::tr("No discretion tier applies and the statute sets no "
                                               "minimum: choose an amount within the range"));
            }
        }
    }

    // Apply the mandatory mitigation to the recommendation.
    qint64 floorFen = stat ? stat->minFen : 0;
    if (e.mitigated) {
        for (const auto& [ground, ref] : grounds)
            b.reason(CoreText::tr("Mandatory mitigation (应当从轻或者减轻): %1").arg(ground), ref);
        const LegalRef& ref = grounds.front().second;
        if (band && stat) {
            if (cf.mode == MitigationMode::Lighter) {
                recommended = e.amountBasis == AmountBasis::Overlimit ? overlimitAmount(
                                  *e.overlimit, e.overlimit->dimensionMinFen, v.context->overlimit)
                                                                      : band->minFen;
                b.reason(CoreText::tr("从轻: the lowest amount of the band, %1, is recommended")
                             .arg(formatYuan(*recommended)),
                    ref);
            } else {
                recommended = stat->minFen;
                if (v.context->general.reducedMayGoBelowStatutoryMinimum) {
                    floorFen = 0;
                    b.reason(CoreText::tr("减轻: below the band; the pack allows going below the "
                                          "statutory minimum %1 with reasons")
                                 .arg(formatYuan(stat->minFen)),
                        ref);
                } else {
                    b.reason(
                        CoreText::tr("减轻: below the band, but not below the statutory minimum "
                                     "%1; %1 is recommended")
                            .arg(formatYuan(stat->minFen)),
                        ref);
                }
                if (e.amountBasis == AmountBasis::Overlimit)
                    e.warnings.append(CoreText::tr("The 超限 mass fine is a formula: 减轻 below it "
                                                   "needs the approval rules of the unit"));
            }
        }
    }
    e.band = band;
    e.recommendedAmountFen = recommended;

    // The officer's amount: inside the band, outside it with a reason, or refused.
    std::optional<qint64> amount = recommended;
    if (cf.proposed) {
        const qint64 p = *cf.proposed;
        if (!stat) {
            if (p > 0)
                return fail(ErrorCode::Rejected,
                    CoreText::tr("%1 sets no fine for this case; a fine of %2 cannot be imposed")
                        .arg(basisRef.display(), formatYuan(p)),
                    basisRef.display());
        } else if (p == 0 && !e.fineOptional) {
            // "处…以下的罚款" (shall fine) leaves no room for a zero fine.
            return fail(ErrorCode::Rejected,
                CoreText::tr("%1 requires a fine: an amount of 0 cannot be imposed")
                    .arg(basisRef.display()),
                basisRef.display());
        } else if (p < floorFen || p > stat->maxFen) {
            const LegalRef ref = e.amountBasis == AmountBasis::Overlimit
                ? fromOverlimit(e.overlimit->massOver ? v.context->overlimit.massFineRef
                                                      : v.context->overlimit.dimensionFineRef)
                : basisRef;
            return fail(ErrorCode::Rejected,
                CoreText::tr(
                    "The proposed fine of %1 is outside the statutory range %2–%3 set by %4")
                    .arg(formatYuan(p), formatYuan(floorFen), formatYuan(stat->maxFen),
                        ref.display()),
                ref.display());
        } else if (band && !band->contains(p)) {
            const bool mitigatedBelow
                = e.mitigated && cf.mode == MitigationMode::Reduced && p < band->minFen;
            if (mitigatedBelow) {
                b.reason(
                    CoreText::tr("减轻 applied: %1 is below the band %2–%3")
                        .arg(formatYuan(p), formatYuan(band->minFen), formatYuan(band->maxFen)),
                    grounds.front().second);
            } else {
                e.needsReason = true;
                if (!cf.outOfBandReason.isEmpty())
                    b.reason(CoreText::tr("%1 is outside the band %2–%3; reason given: %4")
                                 .arg(formatYuan(p), formatYuan(band->minFen),
                                     formatYuan(band->maxFen), cf.outOfBandReason),
                        tierRef);
                else
                    e.warnings.append(CoreText::tr("%1 is outside the band %2–%3: a written reason "
                                                   "is required")
                                          .arg(formatYuan(p), formatYuan(band->minFen),
                                              formatYuan(band->maxFen)));
            }
        }
        e.proposedAmountFen = p;
        amount = p;
    }
    e.amountFen = amount;

    // Outcome.
    const bool hasFine = amount && *amount > 0;
    bool penaltyOtherThanWarning = false;
    bool warning = false;
    for (const Sanction& s : std::as_const(e.sanctions)) {
        if (s.measure)
            continue;
        if (s.kind == SanctionKind::Warning)
            warning = true;
        else
            penaltyOtherThanWarning = true;
    }
    if (!hasFine && !warning && !penaltyOtherThanWarning) {
        if (!stat) {
            // The provision sets only measures (e.g. 扣留车辆): there is no penalty to impose.
            e.outcome = Outcome::NoPenalty;
            e.procedure = Procedure::None;
            b.reason(CoreText::tr("The provision sets no penalty, only measures (行政强制措施)"),
                basisRef);
            return e;
        }
        if (e.fineOptional && e.proposedAmountFen == 0) {
            // "可以处…罚款" and the officer chose no fine: only the correction order remains.
            e.outcome = Outcome::NoPenalty;
            e.procedure = Procedure::None;
            b.reason(CoreText::tr("The fine is optional (可以) and none is imposed; the correction "
                                  "order stands"),
                basisRef);
            return e;
        }
    }
    if (!hasFine && warning && !penaltyOtherThanWarning)
        e.outcome = Outcome::WarningOnly;
    else
        e.outcome = Outcome::Penalty;
    if (!hasFine && !warning && !penaltyOtherThanWarning)
        e.warnings.append(CoreText::tr("No penalty amount is chosen yet"));

    // Art 51: simple procedure for a fine ≤ 200元 (person) / ≤ 3000元 (organisation) or a warning.
    const qint64 simpleMax
        = cf.party == PartyKind::Person ? g.simpleMaxPersonFen : g.simpleMaxOrganisationFen;
    if (penaltyOtherThanWarning) {
        e.procedure = Procedure::General;
        b.reason(
            CoreText::tr("General procedure: a penalty other than a fine or a warning applies"),
            g.simpleProcedure);
    } else if (e.outcome == Outcome::WarningOnly) {
        e.procedure = Procedure::Simple;
        b.reason(CoreText::tr("Simple procedure allowed: a warning only"), g.simpleProcedure);
    } else if (amount) {
        const bool simple = *amount <= simpleMax;
        e.procedure = simple ? Procedure::Simple : Procedure::General;
        b.reason(
            (simple ? CoreText::tr("Simple procedure allowed: a fine of %1 is not above %2 for %3")
                    : CoreText::tr("General procedure: a fine of %1 is above %2 for %3"))
                .arg(formatYuan(*amount), formatYuan(simpleMax),
                    cf.party == PartyKind::Person ? CoreText::tr("a person (公民)")
                                                  : CoreText::tr("an organisation")),
            g.simpleProcedure);
    } else {
        e.procedure = Procedure::General;
        e.warnings.append(CoreText::tr("The amount is not known yet: general procedure assumed"));
    }

    // Art 63: hearing right for a 较大数额 fine or the heavier penalties.
    const DiscretionContext* dc = d ? d->context.get() : nullptr;
    std::optional<qint64> personT = options.hearingPersonFen, orgT = options.hearingOrganisationFen;
    if (dc && dc->hearingByCategory.contains(v.category)) {
        const auto pair = dc->hearingByCategory.value(v.category);
        personT = personT ? personT : std::optional<qint64>(pair.first);
        orgT = orgT ? orgT : std::optional<qint64>(pair.second);
    }
    if (dc) {
        personT = personT ? personT : dc->hearingPersonFen;
        orgT = orgT ? orgT : dc->hearingOrganisationFen;
    }
    const qint64 threshold = cf.party == PartyKind::Person
        ? personT.value_or(g.hearingPersonFen)
        : orgT.value_or(g.hearingOrganisationFen);
    e.hearingThresholdFen = threshold;
    if (hasFine && *amount >= threshold) {
        e.hearingRight = true;
        b.reason(
            CoreText::tr("Hearing right: a fine of %1 is at or above the threshold %2 (较大数额)")
                .arg(formatYuan(*amount), formatYuan(threshold)),
            g.hearing);
    }
    for (const Sanction& s : std::as_const(e.sanctions)) {
        if (s.measure)
            continue;
        if (s.kind == SanctionKind::RevokeLicence || s.kind == SanctionKind::SuspendBusiness) {
            e.hearingRight = true;
            b.reason(CoreText::tr("Hearing right: %1").arg(s.label), g.hearing);
        } else if (s.kind == SanctionKind::SuspendLicence) {
            // Art 63 lists 吊销, not 暂扣; offered as 其他较重的行政处罚 (item 5), to be safe.
            e.hearingRight = true;
            b.reason(CoreText::tr("Hearing right offered: %1 (a heavier penalty)").arg(s.label),
                g.hearing);
        } else if (s.kind == SanctionKind::ConfiscateGains && cf.gainsFen >= threshold) {
            e.hearingRight = true;
            b.reason(CoreText::tr("Hearing right: confiscation of %1 of illegal gains (较大数额)")
                         .arg(formatYuan(cf.gainsFen)),
                g.hearing);
        } else if (s.kind == SanctionKind::ConfiscateProperty) {
            e.hearingRight = true;
            b.reason(CoreText::tr("Hearing right offered: %1 (its value is not assessed here)")
                         .arg(s.label),
                g.hearing);
        }
    }
    return e;
}

Result<Evaluation> evaluateAt(const Catalogue& catalogue, QStringView code, QDate actDate,
    const QJsonObject& facts, const EngineOptions& options)
{
    const ViolationPack* pack = catalogue.violationsAt(actDate);
    if (!pack)
        return fail(ErrorCode::NotFound,
            CoreText::tr("No violation catalogue is in force on %1")
                .arg(actDate.toString(Qt::ISODate)));
    const Violation* v = pack->find(code);
    if (!v)
        return fail(ErrorCode::NotFound,
            CoreText::tr("Violation %1 is not in the catalogue in force on %2")
                .arg(code.toString(), actDate.toString(Qt::ISODate)));
    const DiscretionPack* dp = catalogue.discretionAt(actDate);
    auto result = evaluate(*v, dp ? dp->find(code) : nullptr, facts, options);
    if (!result)
        return result;
    const LegalRef& art37 = pack->context->general.lawInForce;
    const PackMeta& meta = pack->context->meta;
    result->reasons.prepend(Reason {
        CoreText::tr(
            "The law in force on the act date %1 applies: catalogue %2 version %3 (from %4)")
            .arg(actDate.toString(Qt::ISODate), meta.id)
            .arg(meta.version)
            .arg(meta.effectiveFrom.toString(Qt::ISODate)),
        art37});
    if (!result->citations.contains(art37))
        result->citations.append(art37);

    // Art 37 second sentence: a later, lighter rule in force at decision time applies.
    if (!options.decisionDate || *options.decisionDate <= actDate)
        return result;
    const ViolationPack* later = catalogue.violationsAt(*options.decisionDate);
    if (!later || later == pack)
        return result;
    const Violation* lv = later->find(code);
    if (!lv) {
        Evaluation e = *result;
        e.outcome = Outcome::NoPenalty;
        e.procedure = Procedure::None;
        e.hearingRight = false;
        e.sanctions.clear();
        e.amountFen.reset();
        e.reasons.append(
            Reason {CoreText::tr("The catalogue in force at the decision (version %1) no "
                                 "longer lists this act: it applies and there is no "
                                 "penalty")
                        .arg(later->context->meta.version),
                art37});
        return e;
    }
    const DiscretionPack* ldp = catalogue.discretionAt(*options.decisionDate);
    auto newer = evaluate(*lv, ldp ? ldp->find(code) : nullptr, facts, options);
    if (!newer)
        return result;
    const auto maxOf
        = [](const Evaluation& e) { return e.statutoryRange ? e.statutoryRange->maxFen : 0; };
    const auto minOf
        = [](const Evaluation& e) { return e.statutoryRange ? e.statutoryRange->minFen : 0; };
    const bool lighter = maxOf(*newer) < maxOf(*result)
        || (maxOf(*newer) == maxOf(*result) && minOf(*newer) < minOf(*result));
    if (!lighter)
        return result;
    newer->reasons.prepend(
        Reason {CoreText::tr("The rule in force at the decision date %1 (version %2) "
                             "is lighter and applies instead")
                    .arg(options.decisionDate->toString(Qt::ISODate))
                    .arg(later->context->meta.version),
            art37});
    if (!newer->citations.contains(art37))
        newer->citations.append(art37);
    return newer;
}

Result<ConcurrentEvaluation> evaluateConcurrent(
    const QList<Provision>& provisions, const QJsonObject& facts, const EngineOptions& options)
{
    if (provisions.isEmpty())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("No provisions to weigh"));
    ConcurrentEvaluation out;
    QJsonObject withoutAmount = facts;
    withoutAmount.remove(QLatin1String("proposedAmountFen"));
    withoutAmount.remove(QLatin1String("outOfBandReason"));
    for (const Provision& p : provisions) {
        if (!p.violation)
            return fail(
                ErrorCode::InvalidArgument, CoreText::tr("A provision without a violation"));
        auto e = evaluate(*p.violation, p.discretion, withoutAmount, options);
        if (!e)
            return fail(e.error());
        out.all.append(*e);
    }
    // Art 29: the provision with the highest fine; only provisions that fine compete.
    int best = -1;
    const auto key = [](const Evaluation& e) {
        return std::make_tuple(
            e.statutoryRange->maxFen, e.statutoryRange->minFen, e.recommendedAmountFen.value_or(0));
    };
    for (int i = 0; i < out.all.size(); ++i) {
        const Evaluation& e = out.all.at(i);
        if (e.outcome != Outcome::Penalty || !e.statutoryRange)
            continue;
        if (best < 0 || key(e) > key(out.all.at(best)))
            best = i;
    }
    const LegalRef& art29 = provisions.front().violation->context->general.oneFine;
    if (best < 0) {
        best = 0;
        out.reasons.append(Reason {CoreText::tr("None of the provisions sets a fine for this case; "
                                                "the first is used"),
            art29});
    } else {
        const Evaluation& chosen = out.all.at(best);
        out.reasons.append(
            Reason {CoreText::tr("One act, one fine: %1 sets the highest fine (%2–%3)")
                        .arg(chosen.code, formatYuan(chosen.statutoryRange->minFen),
                            formatYuan(chosen.statutoryRange->maxFen)),
                art29});
        for (int i = 0; i < out.all.size(); ++i) {
            if (i == best)
                continue;
            const Evaluation& other = out.all.at(i);
            out.reasons.append(Reason {other.statutoryRange
                    ? CoreText::tr("%1 is not applied: its fine (%2–%3) is not higher")
                          .arg(other.code, formatYuan(other.statutoryRange->minFen),
                              formatYuan(other.statutoryRange->maxFen))
                    : CoreText::tr("%1 is not applied: it sets no fine for this case")
                          .arg(other.code),
                art29});
        }
    }
    out.chosen = best;
    const Provision& chosen = provisions.at(best);
    auto full = evaluate(*chosen.violation, chosen.discretion, facts, options);
    if (!full)
        return fail(full.error());
    out.result = *full;
    for (const Reason& r : std::as_const(out.reasons)) {
        out.result.reasons.append(r);
        if (!out.result.citations.contains(r.citation))
            out.result.citations.append(r.citation);
    }
    return out;
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Penalty:
        return QStringLiteral("penalty");
    case Outcome::NoPenalty:
        return QStringLiteral("no-penalty");
    case Outcome::FirstViolationExempt:
        return QStringLiteral("first-violation-exempt");
    case Outcome::WarningOnly:
        return QStringLiteral("warning-only");
    }
    return {};
}

QString procedureName(Procedure procedure)
{
    switch (procedure) {
    case Procedure::None:
        return QStringLiteral("none");
    case Procedure::Simple:
        return QStringLiteral("simple");
    case Procedure::General:
        return QStringLiteral("general");
    }
    return {};
}

} // namespace fieldcase::rules
