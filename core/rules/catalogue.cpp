#include "core/rules/catalogue.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fieldcase::rules {

namespace {

// The 执法门类 of the 交通运输综合行政执法 reform (domain 4.2); the catalogue rejects others.
const QStringList& enforcementCategories()
{
    static const QStringList names
        = {QStringLiteral("公路路政"), QStringLiteral("道路运政"), QStringLiteral("水路运政"),
            QStringLiteral("港口行政"), QStringLiteral("航道行政"), QStringLiteral("地方海事")};
    return names;
}

std::unexpected<Error> corrupt(const QString& where, const QString& message)
{
    return fail(ErrorCode::Corrupt, message, where);
}

QLatin1String key(const char* name)
{
    return QLatin1String(name);
}

// A whole non-negative number (fen, kg, counts).
Result<qint64> wholeNumber(const QJsonValue& v, const QString& where, const QString& name)
{
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < 0 || d > 9.0e15)
        return corrupt(where, CoreText::tr("\"%1\" must be a whole number ≥ 0").arg(name));
    return static_cast<qint64>(d);
}

Result<qint64> wholeField(const QJsonObject& o, const char* name, const QString& where,
    std::optional<qint64> fallback = {})
{
    const QJsonValue v = o.value(key(name));
    if ((v.isUndefined() || v.isNull()) && fallback)
        return *fallback;
    if (v.isUndefined() || v.isNull())
        return corrupt(where, CoreText::tr("Missing \"%1\"").arg(key(name)));
    return wholeNumber(v, where, key(name));
}

// A multiple of 违法所得 (e.g. 1, 2.5) as thousandths.
Result<qint64> multipleMilli(const QJsonObject& o, const char* name, const QString& where)
{
    const QJsonValue v = o.value(key(name));
    const double d = v.toDouble(-1);
    if (!v.isDouble() || !std::isfinite(d) || d < 0 || d > 1000)
        return corrupt(where, CoreText::tr("\"%1\" must be a multiple ≥ 0").arg(key(name)));
    const double milli = d * 1000.0;
    if (std::fabs(milli - std::round(milli)) > 1e-6)
        return corrupt(where, CoreText::tr("\"%1\" has more than three decimals").arg(key(name)));
    return static_cast<qint64>(std::llround(milli));
}

Result<QString> requiredString(const QJsonObject& o, const char* name, const QString& where)
{
    const QString s = o.value(key(name)).toString();
    if (s.trimmed().isEmpty())
        return corrupt(where, CoreText::tr("Missing text \"%1\"").arg(key(name)));
    return s;
}

Result<QDate> isoDate(const QJsonValue& v, const QString& where, const QString& name)
{
    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
    if (!d.isValid())
        return corrupt(where, CoreText::tr("\"%1\" must be a date (YYYY-MM-DD)").arg(name));
    return d;
}

Result<LegalRef> parseRef(
    const QJsonValue& json, const QMap<QString, Law>& laws, const QString& where)
{
    if (!json.isObject())
        return corrupt(where, CoreText::tr("A legal reference must be an object"));
    const QJsonObject o = json.toObject();
    auto lawId = requiredString(o, "law", where);
    auto article = requiredString(o, "article", where);
    auto text = requiredString(o, "text", where);
    if (!lawId || !article || !text)
        return fail(!lawId ? lawId.error() : !article ? article.error() : text.error());
    const auto law = laws.constFind(*lawId);
    if (law == laws.constEnd())
        return corrupt(where, CoreText::tr("Unknown law \"%1\"; add it to \"laws\"").arg(*lawId));
    LegalRef r;
    r.lawId = *lawId;
    r.lawTitle = law->title;
    r.article = *article;
    r.text = *text;
    r.secondary = law->secondary || o.value(key("secondary")).toBool(false);
    return r;
}

Result<QList<LegalRef>> parseRefs(
    const QJsonValue& json, const QMap<QString, Law>& laws, const QString& where)
{
    const QJsonArray a = json.toArray();
    if (a.isEmpty())
        return corrupt(where, CoreText::tr("At least one legal reference is required"));
    QList<LegalRef> refs;
    for (qsizetype i = 0; i < a.size(); ++i) {
        auto r = parseRef(a.at(i), laws, where + QStringLiteral("[%1]").arg(i));
        if (!r)
            return fail(r.error());
        refs.append(*r);
    }
    return refs;
}

std::optional<Predicate::Op> opFromName(QStringView name)
{
    static const QList<std::pair<QString, Predicate::Op>> ops
        = {{QStringLiteral("=="), Predicate::Op::Eq}, {QStringLiteral("!="), Predicate::Op::Ne},
            {QStringLiteral("<"), Predicate::Op::Lt}, {QStringLiteral("<="), Predicate::Op::Le},
            {QStringLiteral(">"), Predicate::Op::Gt}, {QStringLiteral(">="), Predicate::Op::Ge},
            {QStringLiteral("in"), Predicate::Op::In},
            {QStringLiteral("exists"), Predicate::Op::Exists}};
    for (const auto& [n, op] : ops) {
        if (n == name)
            return op;
    }
    return std::nullopt;
}

// Checks that every fact a predicate reads is known (standard or declared), so a typo in a
// pack is caught when it is imported rather than silently never matching.
Status checkFacts(const Predicate& p, const QSet<QString>& known, const QString& where)
{
    for (const QString& f : p.facts()) {
        if (!known.contains(f))
            return corrupt(where, CoreText::tr("Unknown fact \"%1\" in a condition").arg(f));
    }
    return {};
}

std::optional<SanctionKind> sanctionFromName(QStringView name)
{
    for (int i = 0; i <= static_cast<int>(SanctionKind::Other); ++i) {
        const auto kind = static_cast<SanctionKind>(i);
        if (sanctionKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString defaultLabel(SanctionKind kind)
{
    switch (kind) {
    case SanctionKind::Fine:
    case SanctionKind::GainsMultiple:
    case SanctionKind::Overlimit:
        return QStringLiteral("罚款");
    case SanctionKind::Warning:
        return QStringLiteral("警告");
    case SanctionKind::ConfiscateGains:
        return QStringLiteral("没收违法所得");
    case SanctionKind::ConfiscateProperty:
        return QStringLiteral("没收非法财物");
    case SanctionKind::SuspendLicence:
        return QStringLiteral("暂扣许可证件");
    case SanctionKind::RevokeLicence:
        return QStringLiteral("吊销许可证件");
    case SanctionKind::SuspendBusiness:
        return QStringLiteral("责令停业整顿");
    case SanctionKind::DetainVehicle:
        return QStringLiteral("扣留车辆");
    case SanctionKind::Other:
        return {};
    }
    return {};
}

bool producesFine(SanctionKind kind)
{
    return kind == SanctionKind::Fine || kind == SanctionKind::GainsMultiple
        || kind == SanctionKind::Overlimit;
}

Result<PenaltyComponent> parseComponent(const QJsonValue& json, const ViolationContext& ctx,
    const QSet<QString>& known, const QString& where, bool insideFallback)
{
    const QJsonObject o = json.toObject();
    const QString kindName = o.value(key("kind")).toString();
    const auto kind = sanctionFromName(kindName);
    if (!kind)
        return corrupt(where, CoreText::tr("Unknown penalty kind \"%1\"").arg(kindName));
    if (insideFallback && *kind != SanctionKind::Fine)
        return corrupt(where, CoreText::tr("A fallback may only hold fine ranges"));
    PenaltyComponent c;
    c.kind = *kind;
    c.label = o.value(key("label")).toString(defaultLabel(*kind));
    if (c.label.isEmpty())
        return corrupt(where, CoreText::tr("A penalty of kind \"other\" needs a label"));
    c.optional = o.value(key("optional")).toBool(false);
    // 扣留车辆 is a 行政强制措施, not one of the penalties of 《行政处罚法》第九条, whatever the
    // data says; other kinds may be flagged as measures.
    c.measure = o.value(key("measure")).toBool(*kind == SanctionKind::DetainVehicle);
    if (o.contains(key("party"))) {
        const auto party = partyKindFromName(o.value(key("party")).toString());
        if (!party)
            return corrupt(where, CoreText::tr("\"party\" must be person or organisation"));
        c.party = *party;
    }
    auto when = parsePredicate(o.value(key("when")), where + QStringLiteral(".when"));
    if (!when)
        return fail(when.error());
    c.when = std::move(*when);
    FC_TRY(checkFacts(c.when, known, where + QStringLiteral(".when")));

    switch (c.kind) {
    case SanctionKind::Fine: {
        auto minFen = wholeField(o, "minFen", where, 0);
        auto maxFen = wholeField(o, "maxFen", where);
        if (!minFen || !maxFen)
            return fail(!minFen ? minFen.error() : maxFen.error());
        if (*maxFen == 0 || *minFen > *maxFen)
            return corrupt(where, CoreText::tr("A fine needs 0 ≤ minFen ≤ maxFen and maxFen > 0"));
        c.minFen = *minFen;
        c.maxFen = *maxFen;
        break;
    }
    case SanctionKind::GainsMultiple: {
        auto threshold = wholeField(o, "thresholdFen", where, 0);
        auto minM = multipleMilli(o, "minMultiple", where);
        auto maxM = multipleMilli(o, "maxMultiple", where);
        if (!threshold || !minM || !maxM)
            return fail(!threshold ? threshold.error() : !minM ? minM.error() : maxM.error());
        if (*minM > *maxM || *maxM == 0)
            return corrupt(where, CoreText::tr("Multiples need 0 ≤ minMultiple ≤ maxMultiple"));
        c.thresholdFen = *threshold;
        c.thresholdInclusive = o.value(key("thresholdInclusive")).toBool(false);
        c.minMultipleMilli = *minM;
        c.maxMultipleMilli = *maxM;
        const QJsonArray fallback = o.value(key("fallback")).toArray();
        if (fallback.isEmpty())
            return corrupt(where,
                CoreText::tr("Multiples of gains need a \"fallback\" range for no or low gains"));
        for (qsizetype i = 0; i < fallback.size(); ++i) {
            auto f = parseComponent(
                fallback.at(i), ctx, known, where + QStringLiteral(".fallback[%1]").arg(i), true);
            if (!f)
                return fail(f.error());
            c.fallback.push_back(std::move(*f));
        }
        break;
    }
    case SanctionKind::Overlimit:
        if (!ctx.overlimit.present)
            return corrupt(
                where, CoreText::tr("An overlimit penalty needs the pack's \"overlimit\" section"));
        break;
    default:
        break;
    }
    return c;
}

Result<GeneralRules> parseGeneral(const QJsonObject& g, const QMap<QString, Law>& laws)
{
    const QString where = QStringLiteral("content.general");
    GeneralRules r;
    const QJsonObject articles = g.value(key("articles")).toObject();
    struct Slot
    {
        const char* name;
        LegalRef* ref;
    };
    const Slot refSlots[] = {{"correction", &r.correction}, {"confiscation", &r.confiscation},
        {"oneFine", &r.oneFine}, {"minors", &r.minors}, {"mitigation", &r.mitigation},
        {"noPenalty", &r.noPenalty}, {"noFault", &r.noFault}, {"education", &r.education},
        {"lawInForce", &r.lawInForce}, {"simpleProcedure", &r.simpleProcedure},
        {"hearing", &r.hearing}};
    for (const Slot& s : refSlots) {
        auto ref = parseRef(
            articles.value(key(s.name)), laws, where + QStringLiteral(".articles.") + key(s.name));
        if (!ref)
            return fail(ref.error());
        *s.ref = *ref;
    }
    const QJsonObject minors = g.value(key("minors")).toObject();
    auto under = wholeField(minors, "noPenaltyUnderAge", where + QStringLiteral(".minors"));
    auto mitigate = wholeField(minors, "mitigateUnderAge", where + QStringLiteral(".minors"));
    if (!under || !mitigate)
        return fail(!under ? under.error() : mitigate.error());
    if (*under > *mitigate)
        return corrupt(where, CoreText::tr("noPenaltyUnderAge is above mitigateUnderAge"));
    r.noPenaltyUnderAge = static_cast<int>(*under);
    r.mitigateUnderAge = static_cast<int>(*mitigate);

    const QJsonObject simple
        = g.value(key("simpleProcedure")).toObject().value(key("maxFineFen")).toObject();
    auto sp = wholeField(simple, "person", where + QStringLiteral(".simpleProcedure"));
    auto so = wholeField(simple, "organisation", where + QStringLiteral(".simpleProcedure"));
    if (!sp || !so)
        return fail(!sp ? sp.error() : so.error());
    r.simpleMaxPersonFen = *sp;
    r.simpleMaxOrganisationFen = *so;

    const QJsonValue below
        = g.value(key("mitigation")).toObject().value(key("reducedMayGoBelowStatutoryMinimum"));
    if (!below.isBool())
        return corrupt(where,
            CoreText::tr("\"mitigation.reducedMayGoBelowStatutoryMinimum\" must be true or false"));
    r.reducedMayGoBelowStatutoryMinimum = below.toBool();

    const QJsonObject hearing
        = g.value(key("hearing")).toObject().value(key("defaultThresholdFen")).toObject();
    auto hp = wholeField(hearing, "person", where + QStringLiteral(".hearing"));
    auto ho = wholeField(hearing, "organisation", where + QStringLiteral(".hearing"));
    if (!hp || !ho)
        return fail(!hp ? hp.error() : ho.error());
    r.hearingPersonFen = *hp;
    r.hearingOrganisationFen = *ho;
    return r;
}

std::optional<TierLevel> tierLevelFromName(QStringView name)
{
    for (int i = 0; i <= static_cast<int>(TierLevel::Severe); ++i) {
        const auto level = static_cast<TierLevel>(i);
        if (tierLevelName(level) == name)
            return level;
    }
    return std::nullopt;
}

std::optional<RecommendRule> recommendFromName(QStringView name)
{
    if (name == u"min")
        return RecommendRule::Min;
    if (name == u"mid")
        return RecommendRule::Mid;
    if (name == u"max")
        return RecommendRule::Max;
    if (name == u"fixed")
        return RecommendRule::Fixed;
    return std::nullopt;
}

Result<DiscretionTier> parseTier(const QJsonValue& json, const QSet<QString>& known,
    const Violation* violation, const QString& where)
{
    const QJsonObject o = json.toObject();
    DiscretionTier t;
    const auto level = tierLevelFromName(o.value(key("level")).toString());
    if (!level)
        return corrupt(where, CoreText::tr("\"level\" must be minor, ordinary, serious or severe"));
    t.level = *level;
    t.label = o.value(key("label")).toString();
    t.description = o.value(key("description")).toString();
    t.suggestion = o.value(key("suggestion")).toString();
    if (t.label.isEmpty() || t.description.isEmpty())
        return corrupt(where, CoreText::tr("A tier needs a \"label\" and a \"description\""));
    auto when = parsePredicate(o.value(key("when")), where + QStringLiteral(".when"));
    if (!when)
        return fail(when.error());
    t.when = std::move(*when);
    FC_TRY(checkFacts(t.when, known, where + QStringLiteral(".when")));
    const QString rule = o.value(key("recommend")).toString(QStringLiteral("min"));
    const auto recommend = recommendFromName(rule);
    if (!recommend)
        return corrupt(where, CoreText::tr("\"recommend\" must be min, mid, max or fixed"));
    t.recommend = *recommend;
    if (o.contains(key("band"))) {
        const QJsonObject b = o.value(key("band")).toObject();
        auto minFen = wholeField(b, "minFen", where + QStringLiteral(".band"));
        auto maxFen = wholeField(b, "maxFen", where + QStringLiteral(".band"));
        if (!minFen || !maxFen)
            return fail(!minFen ? minFen.error() : maxFen.error());
        if (*minFen > *maxFen)
            return corrupt(where, CoreText::tr("The band's minimum is above its maximum"));
        t.band = FineRange {*minFen, *maxFen};
        if (t.recommend == RecommendRule::Fixed) {
            auto fixed = wholeField(o, "fixedFen", where);
            if (!fixed)
                return fail(fixed.error());
            if (!t.band->contains(*fixed))
                return corrupt(where, CoreText::tr("\"fixedFen\" lies outside the band"));
            t.fixedFen = *fixed;
        }
    }
    if (o.contains(key("gainsBand"))) {
        const QJsonObject b = o.value(key("gainsBand")).toObject();
        auto minM = multipleMilli(b, "minMultiple", where + QStringLiteral(".gainsBand"));
        auto maxM = multipleMilli(b, "maxMultiple", where + QStringLiteral(".gainsBand"));
        if (!minM || !maxM)
            return fail(!minM ? minM.error() : maxM.error());
        if (*minM > *maxM)
            return corrupt(where, CoreText::tr("The gains band's minimum is above its maximum"));
        t.bandMinMultipleMilli = *minM;
        t.bandMaxMultipleMilli = *maxM;
        if (t.recommend == RecommendRule::Fixed) {
            auto fixed = multipleMilli(o, "fixedMultiple", where);
            if (!fixed)
                return fail(fixed.error());
            if (*fixed < *minM || *fixed > *maxM)
                return corrupt(
                    where, CoreText::tr("\"fixedMultiple\" lies outside the gains band"));
            t.fixedMultipleMilli = *fixed;
        }
    }
    const bool formula = violation && violation->usesOverlimit();
    if (!t.band && !t.bandMinMultipleMilli && !formula)
        return corrupt(where, CoreText::tr("A tier needs a \"band\" or a \"gainsBand\""));
    if (violation && !formula) {
        // A band must sit inside the statute; checked against every fine the violation can set.
        qint64 statMin = std::numeric_limits<qint64>::max(), statMax = 0;
        bool multiples = false;
        for (const PenaltyComponent& c : violation->penalties) {
            const auto consider = [&](const PenaltyComponent& f) {
                statMin = std::min(statMin, f.minFen);
                statMax = std::max(statMax, f.maxFen);
            };
            if (c.kind == SanctionKind::Fine)
                consider(c);
            if (c.kind == SanctionKind::GainsMultiple) {
                multiples = true;
                for (const PenaltyComponent& f : c.fallback)
                    consider(f);
            }
        }
        if (t.band && statMax > 0 && (t.band->minFen < statMin || t.band->maxFen > statMax))
            return corrupt(where,
                CoreText::tr("The band %1–%2 lies outside the statutory range %3–%4")
                    .arg(formatYuan(t.band->minFen), formatYuan(t.band->maxFen),
                        formatYuan(statMin), formatYuan(statMax)));
        if (t.bandMinMultipleMilli && !multiples)
            return corrupt(where, CoreText::tr("A gains band for a violation without multiples"));
    }
    return t;
}

} // namespace

QString LegalRef::display() const
{
    return QStringLiteral("《") + lawTitle + QStringLiteral("》") + article;
}

QStringList Predicate::facts() const
{
    QStringList out;
    if (kind == Kind::Compare)
        out.append(fact);
    for (const Predicate& c : children)
        out.append(c.facts());
    out.removeDuplicates();
    return out;
}

Result<Predicate> parsePredicate(const QJsonValue& json, const QString& where)
{
    Predicate p;
    if (json.isUndefined() || json.isNull() || (json.isBool() && json.toBool()))
        return p; // no condition: always true
    if (!json.isObject())
        return corrupt(where, CoreText::tr("A condition must be an object"));
    const QJsonObject o = json.toObject();
    const auto children = [&](const QJsonValue& list, Predicate::Kind kind) -> Result<Predicate> {
        if (!list.isArray())
            return corrupt(where, CoreText::tr("\"all\"/\"any\" need a list of conditions"));
        Predicate group;
        group.kind = kind;
        const QJsonArray a = list.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            auto c = parsePredicate(a.at(i), where + QStringLiteral("[%1]").arg(i));
            if (!c)
                return fail(c.error());
            group.children.push_back(std::move(*c));
        }
        return group;
    };
    const bool group = o.contains(key("all")) || o.contains(key("any")) || o.contains(key("not"));
    if ((group && o.size() != 1) || (!group && !o.contains(key("fact"))))
        return corrupt(where, CoreText::tr("A condition has exactly one of all, any, not or fact"));
    if (o.contains(key("all")))
        return children(o.value(key("all")), Predicate::Kind::All);
    if (o.contains(key("any")))
        return children(o.value(key("any")), Predicate::Kind::Any);
    if (o.contains(key("not"))) {
        auto inner = parsePredicate(o.value(key("not")), where + QStringLiteral(".not"));
        if (!inner)
            return fail(inner.error());
        p.kind = Predicate::Kind::Not;
        p.children.push_back(std::move(*inner));
        return p;
    }
    if (!o.contains(key("fact")))
        return corrupt(where, CoreText::tr("Unknown condition"));
    p.kind = Predicate::Kind::Compare;
    p.fact = o.value(key("fact")).toString();
    if (p.fact.isEmpty())
        return corrupt(where, CoreText::tr("A comparison needs a \"fact\" name"));
    const QString opName = o.value(key("op")).toString();
    const auto op = opFromName(opName);
    if (!op)
        return corrupt(where, CoreText::tr("Unknown operator \"%1\"").arg(opName));
    p.op = *op;
    p.value = o.value(key("value"));
    switch (p.op) {
    case Predicate::Op::Exists:
        break;
    case Predicate::Op::In:
        if (!p.value.isArray() || p.value.toArray().isEmpty())
            return corrupt(where, CoreText::tr("\"in\" needs a non-empty list value"));
        break;
    case Predicate::Op::Lt:
    case Predicate::Op::Le:
    case Predicate::Op::Gt:
    case Predicate::Op::Ge:
        if (!p.value.isDouble())
            return corrupt(where, CoreText::tr("An ordering comparison needs a number"));
        break;
    case Predicate::Op::Eq:
    case Predicate::Op::Ne:
        if (!p.value.isDouble() && !p.value.isString() && !p.value.isBool())
            return corrupt(where, CoreText::tr("\"==\"/\"!=\" need a number, text or true/false"));
        break;
    }
    return p;
}

namespace {

// Equality of two JSON scalars of the same type; an error when the types differ.
Result<bool> scalarEquals(const QJsonValue& a, const QJsonValue& b, const QString& fact)
{
    if (a.type() != b.type())
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The fact \"%1\" has the wrong type for its condition").arg(fact), fact);
    if (a.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

} // namespace

Result<bool> evaluatePredicate(const Predicate& p, const QJsonObject& facts)
{
    switch (p.kind) {
    case Predicate::Kind::True:
        return true;
    case Predicate::Kind::All:
        for (const Predicate& c : p.children) {
            auto r = evaluatePredicate(c, facts);
            if (!r || !*r)
                return r;
        }
        return true;
    case Predicate::Kind::Any:
        for (const Predicate& c : p.children) {
            auto r = evaluatePredicate(c, facts);
            if (!r || *r)
                return r;
        }
        return false;
    case Predicate::Kind::Not: {
        auto r = evaluatePredicate(p.children.front(), facts);
        if (!r)
            return r;
        return !*r;
    }
    case Predicate::Kind::Compare:
        break;
    }
    const QJsonValue v = facts.value(p.fact);
    const bool present = !v.isUndefined() && !v.isNull();
    if (p.op == Predicate::Op::Exists)
        return present;
    if (!present)
        return false;
    switch (p.op) {
    case Predicate::Op::Eq:
        return scalarEquals(v, p.value, p.fact);
    case Predicate::Op::Ne: {
        auto eq = scalarEquals(v, p.value, p.fact);
        if (!eq)
            return eq;
        return !*eq;
    }
    case Predicate::Op::In:
        for (const QJsonValue& candidate : p.value.toArray()) {
            auto eq = scalarEquals(v, candidate, p.fact);
            if (!eq || *eq)
                return eq;
        }
        return false;
    default:
        break;
    }
    if (!v.isDouble())
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The fact \"%1\" must be a number for its condition").arg(p.fact), p.fact);
    const double a = v.toDouble(), b = p.value.toDouble();
    switch (p.op) {
    case Predicate::Op::Lt:
        return a < b;
    case Predicate::Op::Le:
        return a <= b;
    case Predicate::Op::Gt:
        return a > b;
    case Predicate::Op::Ge:
        return a >= b;
    default:
        return fail(ErrorCode::Internal, CoreText::tr("Unhandled operator"));
    }
}

bool PackMeta::inForceOn(QDate date) const
{
    return date.isValid() && date >= effectiveFrom && (!effectiveTo || date <= *effectiveTo);
}

bool Violation::usesOverlimit() const
{
    return std::any_of(penalties.begin(), penalties.end(),
        [](const PenaltyComponent& c) { return c.kind == SanctionKind::Overlimit; });
}

const Violation* ViolationPack::find(QStringView code) const
{
    for (const Violation& v : violations) {
        if (v.code == code)
            return &v;
    }
    return nullptr;
}

const DiscretionEntry* DiscretionPack::find(QStringView code) const
{
    for (const DiscretionEntry& e : entries) {
        if (e.code == code)
            return &e;
    }
    return nullptr;
}

const QStringList& standardFactNames()
{
    static const QStringList names = {QStringLiteral("partyKind"), QStringLiteral("age"),
        QStringLiteral("illegalGainsFen"), QStringLiteral("priorViolations"),
        QStringLiteral("firstViolation"), QStringLiteral("correctedPromptly"),
        QStringLiteral("harm"), QStringLiteral("mitigations"), QStringLiteral("mitigationMode"),
        QStringLiteral("noFault"), QStringLiteral("minorViolation"), QStringLiteral("serious"),
        QStringLiteral("refusedCorrection"), QStringLiteral("gainsToBeRefunded"),
        QStringLiteral("measured"), QStringLiteral("proposedAmountFen"),
        QStringLiteral("outOfBandReason"),
        // Derived by the engine before conditions are evaluated:
        QStringLiteral("overKg"), QStringLiteral("overLimit"), QStringLiteral("mitigated")};
    return names;
}

Result<PackMeta> parsePackMeta(const QJsonObject& pack)
{
    const QString where = QStringLiteral("pack");
    PackMeta m;
    if (pack.contains(key("format"))
        && pack.value(key("format")).toString() != QLatin1String("fieldcase-reference-pack"))
        return corrupt(where, CoreText::tr("Not a FieldCase reference pack"));
    if (pack.contains(key("formatVersion")) && pack.value(key("formatVersion")).toInt() != 1)
        return fail(ErrorCode::SchemaTooNew,
            CoreText::tr("Unsupported reference pack format version %1")
                .arg(pack.value(key("formatVersion")).toInt()),
            where);
    auto id = requiredString(pack, "id", where);
    auto kind = requiredString(pack, "kind", where);
    if (!id || !kind)
        return fail(!id ? id.error() : kind.error());
    m.id = *id;
    m.kind = *kind;
    auto version = wholeField(pack, "version", where);
    if (!version)
        return fail(version.error());
    if (*version < 1 || *version > std::numeric_limits<int>::max())
        return corrupt(where, CoreText::tr("\"version\" must be a positive integer"));
    m.version = static_cast<int>(*version);
    auto from = isoDate(pack.value(key("effectiveFrom")), where, QStringLiteral("effectiveFrom"));
    if (!from)
        return fail(from.error());
    m.effectiveFrom = *from;
    const QJsonValue to = pack.value(key("effectiveTo"));
    if (!to.isUndefined() && !to.isNull()) {
        auto toDate = isoDate(to, where, QStringLiteral("effectiveTo"));
        if (!toDate)
            return fail(toDate.error());
        if (*toDate < m.effectiveFrom)
            return corrupt(where, CoreText::tr("\"effectiveTo\" is before \"effectiveFrom\""));
        m.effectiveTo = *toDate;
    }
    const QJsonValue demo = pack.value(key("demo"));
    if (!demo.isUndefined() && !demo.isBool())
        return corrupt(where, CoreText::tr("\"demo\" must be true or false"));
    m.demo = demo.toBool(false);
    m.issuer = pack.value(key("issuer")).toString();
    if (!pack.value(key("content")).isObject())
        return corrupt(where, CoreText::tr("The pack has no \"content\" object"));
    return m;
}

Result<ViolationPack> parseViolationPack(const QJsonObject& pack)
{
    auto meta = parsePackMeta(pack);
    if (!meta)
        return fail(meta.error());
    if (meta->kind != QLatin1String("violations"))
        return corrupt(QStringLiteral("pack.kind"),
            CoreText::tr("Expected a violations pack, got \"%1\"").arg(meta->kind));
    const QJsonObject content = pack.value(key("content")).toObject();
    auto ctx = std::make_shared<ViolationContext>();
    ctx->meta = *meta;

    const QJsonArray laws = content.value(key("laws")).toArray();
    if (laws.isEmpty())
        return corrupt(QStringLiteral("content.laws"), CoreText::tr("The pack lists no laws"));
    for (qsizetype i = 0; i < laws.size(); ++i) {
        const QString where = QStringLiteral("content.laws[%1]").arg(i);
        const QJsonObject o = laws.at(i).toObject();
        auto id = requiredString(o, "id", where);
        auto title = requiredString(o, "title", where);
        if (!id || !title)
            return fail(!id ? id.error() : title.error());
        if (ctx->laws.contains(*id))
            return corrupt(where, CoreText::tr("Duplicate law id \"%1\"").arg(*id));
        ctx->laws.insert(*id,
            Law {*id, *title, o.value(key("version")).toString(), o.value(key("source")).toString(),
                o.value(key("secondary")).toBool(false)});
    }

    auto general = parseGeneral(content.value(key("general")).toObject(), ctx->laws);
    if (!general)
        return fail(general.error());
    ctx->general = *general;

    if (content.contains(key("overlimit"))) {
        QJsonObject section = content.value(key("overlimit")).toObject();
        const QString lawId = section.value(key("law")).toString();
        const auto law = ctx->laws.constFind(lawId);
        if (law == ctx->laws.constEnd())
            return corrupt(QStringLiteral("content.overlimit.law"),
                CoreText::tr("Unknown law \"%1\"; add it to \"laws\"").arg(lawId));
        section.insert(key("lawTitle"), law->title);
        section.insert(key("secondary"), law->secondary);
        auto overlimit = parseOverlimitRules(section);
        if (!overlimit)
            return fail(overlimit.error());
        ctx->overlimit = *overlimit;
    }

    QSet<QString> known(standardFactNames().begin(), standardFactNames().end());
    ViolationPack out;
    out.context = ctx;
    const QJsonArray list = content.value(key("violations")).toArray();
    if (list.isEmpty())
        return corrupt(
            QStringLiteral("content.violations"), CoreText::tr("The pack lists no violations"));
    QSet<QString> codes;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        QString where = QStringLiteral("content.violations[%1]").arg(i);
        Violation v;
        auto code = requiredString(o, "code", where);
        if (!code)
            return fail(code.error());
        v.code = *code;
        where += QStringLiteral(" (") + v.code + QLatin1Char(')');
        if (codes.contains(v.code))
            return corrupt(where, CoreText::tr("Duplicate violation code"));
        codes.insert(v.code);
        auto category = requiredString(o, "category", where);
        auto title = requiredString(o, "title", where);
        auto correction = requiredString(o, "correction", where);
        if (!category || !title || !correction)
            return fail(!category ? category.error() : !title ? title.error() : correction.error());
        if (!enforcementCategories().contains(*category))
            return corrupt(
                where, CoreText::tr("Unknown enforcement category \"%1\"").arg(*category));
        v.category = *category;
        v.title = *title;
        v.correction = *correction;
        v.enforcer = o.value(key("enforcer")).toString();
        v.notes = o.value(key("notes")).toString();
        v.faultNotRequired = o.value(key("faultNotRequired")).toBool(false);
        auto violates
            = parseRefs(o.value(key("violates")), ctx->laws, where + QStringLiteral(".violates"));
        auto basis = parseRefs(o.value(key("basis")), ctx->laws, where + QStringLiteral(".basis"));
        if (!violates || !basis)
            return fail(!violates ? violates.error() : basis.error());
        v.violates = *violates;
        v.basis = *basis;
        const QJsonArray penalties = o.value(key("penalties")).toArray();
        if (penalties.isEmpty())
            return corrupt(where, CoreText::tr("A violation needs at least one penalty"));
        for (qsizetype j = 0; j < penalties.size(); ++j) {
            auto c = parseComponent(penalties.at(j), *ctx, known,
                where + QStringLiteral(".penalties[%1]").arg(j), false);
            if (!c)
                return fail(c.error());
            v.penalties.push_back(std::move(*c));
        }
        // 《行政处罚法》第二十九条: one fine per act, so at most one unconditional fine-producing
        // penalty may apply to each party kind.
        for (const PartyKind party : {PartyKind::Person, PartyKind::Organisation}) {
            int fines = 0;
            for (const PenaltyComponent& c : v.penalties) {
                if (producesFine(c.kind) && c.when.kind == Predicate::Kind::True
                    && (!c.party || *c.party == party))
                    ++fines;
            }
            if (fines > 1)
                return corrupt(where,
                    CoreText::tr("More than one unconditional fine applies to the same party"));
        }
        v.context = ctx;
        out.violations.append(std::move(v));
    }
    return out;
}

Result<DiscretionPack> parseDiscretionPack(const QJsonObject& pack, const ViolationPack* violations)
{
    auto meta = parsePackMeta(pack);
    if (!meta)
        return fail(meta.error());
    if (meta->kind != QLatin1String("discretion"))
        return corrupt(QStringLiteral("pack.kind"),
            CoreText::tr("Expected a discretion pack, got \"%1\"").arg(meta->kind));
    const QJsonObject content = pack.value(key("content")).toObject();
    auto ctx = std::make_shared<DiscretionContext>();
    ctx->meta = *meta;
    auto title = requiredString(content, "title", QStringLiteral("content"));
    if (!title)
        return fail(title.error());
    ctx->title = *title;

    const QJsonObject hearing = content.value(key("hearing")).toObject();
    if (hearing.contains(key("thresholdFen"))) {
        const QString where = QStringLiteral("content.hearing.thresholdFen");
        const QJsonObject t = hearing.value(key("thresholdFen")).toObject();
        auto p = wholeField(t, "person", where);
        auto o = wholeField(t, "organisation", where);
        if (!p || !o)
            return fail(!p ? p.error() : o.error());
        ctx->hearingPersonFen = *p;
        ctx->hearingOrganisationFen = *o;
    }
    const QJsonObject byCategory = hearing.value(key("byCategory")).toObject();
    for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
        const QString where = QStringLiteral("content.hearing.byCategory.") + it.key();
        if (!enforcementCategories().contains(it.key()))
            return corrupt(
                where, CoreText::tr("Unknown enforcement category \"%1\"").arg(it.key()));
        const QJsonObject t = it.value().toObject();
        auto p = wholeField(t, "person", where);
        auto o = wholeField(t, "organisation", where);
        if (!p || !o)
            return fail(!p ? p.error() : o.error());
        ctx->hearingByCategory.insert(it.key(), {*p, *o});
    }

    DiscretionPack out;
    out.context = ctx;
    QSet<QString> known(standardFactNames().begin(), standardFactNames().end());
    const QJsonArray facts = content.value(key("facts")).toArray();
    for (qsizetype i = 0; i < facts.size(); ++i) {
        const QString where = QStringLiteral("content.facts[%1]").arg(i);
        const QJsonObject f = facts.at(i).toObject();
        FactDefinition def {f.value(key("name")).toString(), f.value(key("label")).toString(),
            f.value(key("type")).toString()};
        if (def.name.isEmpty() || def.label.isEmpty()
            || !QStringList {QStringLiteral("bool"), QStringLiteral("number"),
                QStringLiteral("string")}
                    .contains(def.type))
            return corrupt(where,
                CoreText::tr("A fact needs a name, a label and a type (bool, number, string)"));
        if (known.contains(def.name))
            return corrupt(where, CoreText::tr("The fact \"%1\" is already defined").arg(def.name));
        known.insert(def.name);
        out.facts.append(def);
    }

    const QJsonArray entries = content.value(key("entries")).toArray();
    if (entries.isEmpty())
        return corrupt(
            QStringLiteral("content.entries"), CoreText::tr("The standard has no entries"));
    QSet<QString> codes;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject o = entries.at(i).toObject();
        QString where = QStringLiteral("content.entries[%1]").arg(i);
        DiscretionEntry e;
        auto code = requiredString(o, "code", where);
        if (!code)
            return fail(code.error());
        e.code = *code;
        where += QStringLiteral(" (") + e.code + QLatin1Char(')');
        if (codes.contains(e.code))
            return corrupt(where, CoreText::tr("Duplicate entry for this violation code"));
        codes.insert(e.code);
        const Violation* violation = violations ? violations->find(e.code) : nullptr;
        if (violations && !violation)
            return corrupt(
                where, CoreText::tr("No violation with code \"%1\" in the catalogue").arg(e.code));
        e.factors = o.value(key("factors")).toString();
        const QJsonArray tiers = o.value(key("tiers")).toArray();
        for (qsizetype j = 0; j < tiers.size(); ++j) {
            auto t = parseTier(
                tiers.at(j), known, violation, where + QStringLiteral(".tiers[%1]").arg(j));
            if (!t)
                return fail(t.error());
            e.tiers.append(std::move(*t));
        }
        const QJsonArray items = o.value(key("firstViolationExempt")).toArray();
        for (qsizetype j = 0; j < items.size(); ++j) {
            const QString iw = where + QStringLiteral(".firstViolationExempt[%1]").arg(j);
            const QJsonObject it = items.at(j).toObject();
            ExemptionItem item;
            auto id = requiredString(it, "id", iw);
            auto itemTitle = requiredString(it, "title", iw);
            if (!id || !itemTitle)
                return fail(!id ? id.error() : itemTitle.error());
            item.id = *id;
            item.title = *itemTitle;
            const QJsonArray conditions = it.value(key("conditions")).toArray();
            if (conditions.isEmpty())
                return corrupt(iw, CoreText::tr("A 首违不罚 item needs at least one condition"));
            for (qsizetype k = 0; k < conditions.size(); ++k) {
                const QString cw = iw + QStringLiteral(".conditions[%1]").arg(k);
                const QJsonObject c = conditions.at(k).toObject();
                auto label = requiredString(c, "label", cw);
                if (!label)
                    return fail(label.error());
                if (!c.contains(key("when")))
                    return corrupt(cw, CoreText::tr("A 首违不罚 condition needs \"when\""));
                auto when = parsePredicate(c.value(key("when")), cw + QStringLiteral(".when"));
                if (!when)
                    return fail(when.error());
                FC_TRY(checkFacts(*when, known, cw));
                item.conditions.append(ExemptCondition {*label, std::move(*when)});
            }
            e.firstViolationExempt.append(std::move(item));
        }
        if (e.tiers.isEmpty() && e.firstViolationExempt.isEmpty())
            return corrupt(where, CoreText::tr("An entry needs tiers or 首违不罚 items"));
        e.context = ctx;
        out.entries.append(std::move(e));
    }
    return out;
}

Status Catalogue::addViolationPack(ViolationPack pack)
{
    for (const ViolationPack& p : std::as_const(m_violations)) {
        if (p.context->meta.id == pack.context->meta.id
            && p.context->meta.version == pack.context->meta.version)
            return fail(ErrorCode::Conflict,
                CoreText::tr("Violations pack %1 version %2 is already loaded")
                    .arg(pack.context->meta.id)
                    .arg(pack.context->meta.version));
    }
    m_violations.append(std::move(pack));
    return {};
}

Status Catalogue::addDiscretionPack(DiscretionPack pack)
{
    for (const DiscretionPack& p : std::as_const(m_discretion)) {
        if (p.context->meta.id == pack.context->meta.id
            && p.context->meta.version == pack.context->meta.version)
            return fail(ErrorCode::Conflict,
                CoreText::tr("Discretion pack %1 version %2 is already loaded")
                    .arg(pack.context->meta.id)
                    .arg(pack.context->meta.version));
    }
    m_discretion.append(std::move(pack));
    return {};
}

Status Catalogue::addPack(const QJsonObject& packOrEnvelope)
{
    const QJsonObject pack = packOrEnvelope.value(key("pack")).isObject()
        ? packOrEnvelope.value(key("pack")).toObject()
        : packOrEnvelope;
    const QString kind = pack.value(key("kind")).toString();
    if (kind == QLatin1String("violations")) {
        auto parsed = parseViolationPack(pack);
        if (!parsed)
            return fail(parsed.error());
        return addViolationPack(std::move(*parsed));
    }
    if (kind == QLatin1String("discretion")) {
        auto meta = parsePackMeta(pack);
        if (!meta)
            return fail(meta.error());
        auto parsed = parseDiscretionPack(pack, violationsAt(meta->effectiveFrom));
        if (!parsed)
            return fail(parsed.error());
        return addDiscretionPack(std::move(*parsed));
    }
    return fail(ErrorCode::Rejected,
        CoreText::tr("The catalogue takes violations or discretion packs, not \"%1\"").arg(kind));
}

const ViolationPack* Catalogue::violationsAt(QDate date) const
{
    const ViolationPack* best = nullptr;
    for (const ViolationPack& p : m_violations) {
        if (p.context->meta.inForceOn(date)
            && (!best || p.context->meta.version > best->context->meta.version))
            best = &p;
    }
    return best;
}

const DiscretionPack* Catalogue::discretionAt(QDate date) const
{
    const DiscretionPack* best = nullptr;
    for (const DiscretionPack& p : m_discretion) {
        if (p.context->meta.inForceOn(date)
            && (!best || p.context->meta.version > best->context->meta.version))
            best = &p;
    }
    return best;
}

std::optional<PartyKind> partyKindFromName(QStringView name)
{
    if (name == u"person")
        return PartyKind::Person;
    if (name == u"organisation")
        return PartyKind::Organisation;
    return std::nullopt;
}

QString partyKindName(PartyKind kind)
{
    return kind == PartyKind::Person ? QStringLiteral("person") : QStringLiteral("organisation");
}

QString tierLevelName(TierLevel level)
{
    switch (level) {
    case TierLevel::Minor:
        return QStringLiteral("minor");
    case TierLevel::Ordinary:
        return QStringLiteral("ordinary");
    case TierLevel::Serious:
        return QStringLiteral("serious");
    case TierLevel::Severe:
        return QStringLiteral("severe");
    }
    return {};
}

QString sanctionKindName(SanctionKind kind)
{
    switch (kind) {
    case SanctionKind::Fine:
        return QStringLiteral("fine");
    case SanctionKind::GainsMultiple:
        return QStringLiteral("gainsMultiple");
    case SanctionKind::Overlimit:
        return QStringLiteral("overlimit");
    case SanctionKind::Warning:
        return QStringLiteral("warning");
    case SanctionKind::ConfiscateGains:
        return QStringLiteral("confiscateGains");
    case SanctionKind::ConfiscateProperty:
        return QStringLiteral("confiscateProperty");
    case SanctionKind::SuspendLicence:
        return QStringLiteral("suspendLicence");
    case SanctionKind::RevokeLicence:
        return QStringLiteral("revokeLicence");
    case SanctionKind::SuspendBusiness:
        return QStringLiteral("suspendBusiness");
    case SanctionKind::DetainVehicle:
        return QStringLiteral("detainVehicle");
    case SanctionKind::Other:
        return QStringLiteral("other");
    }
    return {};
}

QString formatYuan(qint64 fen)
{
    const QString sign = fen < 0 ? QStringLiteral("-") : QString();
    const qint64 a = fen < 0 ? -fen : fen;
    if (a % 100 == 0)
        return sign + QString::number(a / 100) + QStringLiteral("元");
    return sign + QString::number(a / 100) + QLatin1Char('.')
        + QStringLiteral("%1").arg(a % 100, 2, 10, QLatin1Char('0')) + QStringLiteral("元");
}

} // namespace fieldcase::rules
