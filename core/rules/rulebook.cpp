#include "core/rules/rulebook.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QSet>

namespace fieldcase::rules {

namespace {

Error missing(const char* what)
{
    return Error {ErrorCode::NotFound,
        CoreText::tr("No %1 reference data is installed; import the reference packs "
                     "(fieldcase-admin reference import)")
            .arg(QLatin1String(what)),
        {}};
}

std::optional<qint64> optionalFen(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<qint64>(v.toInteger()) : std::nullopt;
}

// Core stays free of device code, so it checks only the envelope of each IC-card profile; the
// devices layer parses the layouts (devices::validateCardProfilePack, for a full check at import).
Status checkCardProfilesShape(const Pack& pack)
{
    const QJsonValue profiles = pack.content.value(QLatin1String("profiles"));
    if (!profiles.isArray() || profiles.toArray().isEmpty())
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The card-profiles pack has no “profiles” list"));
    QSet<QString> ids;
    for (const QJsonValue& v : profiles.toArray()) {
        const QString id = v.toObject().value(QLatin1String("id")).toString();
        if (id.isEmpty() || !v.toObject().value(QLatin1String("kind")).isString())
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Every card profile needs an “id” and a “kind”"));
        if (ids.contains(id))
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("The card profile “%1” is listed twice").arg(id));
        ids.insert(id);
    }
    return {};
}

} // namespace

Result<UnitSettings> UnitSettings::fromJson(const QJsonObject& c, bool demo)
{
    UnitSettings u;
    u.unitId = c.value(QLatin1String("unitId")).toString();
    u.name = c.value(QLatin1String("name")).toString();
    u.authorityName = c.value(QLatin1String("authorityName")).toString();
    u.sealText = c.value(QLatin1String("sealText")).toString();
    u.reviewBody = c.value(QLatin1String("reviewBody")).toString();
    u.court = c.value(QLatin1String("court")).toString();
    u.fineBank = c.value(QLatin1String("fineBank")).toString();
    u.fineAccount = c.value(QLatin1String("fineAccount")).toString();
    u.caseNumberPattern = c.value(QLatin1String("caseNumberPattern")).toString();
    const QJsonObject hearing = c.value(QLatin1String("hearingLargeAmountFen")).toObject();
    u.hearingPersonFen = optionalFen(hearing, "person");
    u.hearingOrganisationFen = optionalFen(hearing, "organisation");
    u.remoteArea = c.value(QLatin1String("remoteArea")).toBool(false);
    u.demo = demo;
    // Every 当场处罚决定书 must name the body and court for remedies and the authority
    // (《行政处罚法》第五十二条、第五十九条): a unit pack without them is unusable.
    for (const auto& [value, name] : {std::pair {u.unitId, "unitId"}, {u.name, "name"},
             {u.authorityName, "authorityName"}, {u.reviewBody, "reviewBody"}, {u.court, "court"},
             {u.caseNumberPattern, "caseNumberPattern"}})
        if (value.trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("The unit settings lack “%1”").arg(QLatin1String(name)));
    return u;
}

Status validatePackContent(const Pack& pack, ReferenceStore* store)
{
    const QString& k = pack.kind;
    auto check = [](auto result) -> Status {
        if (!result)
            return fail(result.error());
        return {};
    };
    if (k == QLatin1String("violations"))
        return check(parseViolationPack(pack.body));
    if (k == QLatin1String("discretion")) {
        if (!store)
            return check(parseDiscretionPack(pack.body));
        auto violations = store->inForceOfKind(QStringLiteral("violations"), pack.effectiveFrom);
        if (!violations)
            return fail(violations.error());
        if (violations->isEmpty())
            return fail(ErrorCode::NotFound,
                CoreText::tr("Import the violation catalogue before the discretion standard"));
        auto catalogue = parseViolationPack(violations->first().body);
        if (!catalogue)
            return fail(catalogue.error());
        return check(parseDiscretionPack(pack.body, &*catalogue));
    }
    if (k == QLatin1String("procedures"))
        return check(ProcedureRules::fromJson(pack.content));
    if (k == QLatin1String("calendar"))
        return check(WorkingCalendar::fromJson(pack.content));
    if (k == QLatin1String("deadlines"))
        return check(DeadlineRules::fromJson(pack.content));
    if (k == QLatin1String("codes"))
        return check(CodeTables::fromJson(pack.content));
    if (k == QLatin1String("unit"))
        return check(UnitSettings::fromJson(pack.content, pack.demo));
    if (k == QLatin1String("card-profiles"))
        return checkCardProfilesShape(pack);
    if (k == QLatin1String("registry"))
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("Registry packs are imported with their data file "
                         "(fieldcase-admin reference import PACK DATA)"));
    return fail(ErrorCode::InvalidArgument, CoreText::tr("Unknown pack kind “%1”").arg(k));
}

Status rebuildLawIndex(ReferenceStore& store)
{
    auto packs = store.all();
    if (!packs)
        return fail(packs.error());
    QList<LawArticle> articles;
    QSet<QString> seen;
    for (const Pack& p : *packs) {
        if (p.kind != QLatin1String("violations"))
            continue;
        auto parsed = parseViolationPack(p.body);
        if (!parsed)
            return fail(parsed.error());
        for (const Violation& v : parsed->violations)
            for (const QList<LegalRef>& refs : {v.violates, v.basis})
                for (const LegalRef& r : refs) {
                    const QString key = v.code + r.lawTitle + r.article;
                    if (seen.contains(key) || r.text.isEmpty())
                        continue;
                    seen.insert(key);
                    articles << LawArticle {v.code, r.lawTitle, r.article, r.text};
                }
    }
    return Registry(store).indexLaw(articles);
}

Result<RuleBook> RuleBook::load(ReferenceStore& store, QDate onDate)
{
    RuleBook book;
    auto all = store.all();
    if (!all)
        return fail(all.error());
    // Violations first: discretion packs are checked against them.
    for (const char* kind : {"violations", "discretion"}) {
        for (const Pack& p : *all) {
            if (p.kind != QLatin1String(kind))
                continue;
            FC_TRY(book.catalogue.addPack(p.body));
            book.packsLoaded << QStringLiteral("%1 v%2").arg(p.id).arg(p.version);
            book.demo = book.demo || p.demo;
        }
    }
    auto take = [&](const char* kind) -> Result<std::optional<Pack>> {
        auto list = store.inForceOfKind(QLatin1String(kind), onDate);
        if (!list)
            return fail(list.error());
        if (list->isEmpty())
            return std::optional<Pack>();
        const Pack& p = list->first();
        book.packsLoaded << QStringLiteral("%1 v%2").arg(p.id).arg(p.version);
        book.demo = book.demo || p.demo;
        return std::optional<Pack>(p);
    };
    auto load = [&](const char* kind, auto& slot, auto parse) -> Status {
        auto pack = take(kind);
        if (!pack)
            return fail(pack.error());
        if (!pack->has_value())
            return {};
        auto parsed = parse(**pack);
        if (!parsed)
            return fail(parsed.error());
        slot = std::move(*parsed);
        return {};
    };
    FC_TRY(load("procedures", book.procedures,
        [](const Pack& p) { return ProcedureRules::fromJson(p.content); }));
    FC_TRY(load("calendar", book.calendar,
        [](const Pack& p) { return WorkingCalendar::fromJson(p.content); }));
    FC_TRY(load("deadlines", book.deadlines,
        [](const Pack& p) { return DeadlineRules::fromJson(p.content); }));
    FC_TRY(
        load("codes", book.codes, [](const Pack& p) { return CodeTables::fromJson(p.content); }));
    FC_TRY(load("unit", book.unit,
        [](const Pack& p) { return UnitSettings::fromJson(p.content, p.demo); }));

    if (book.unit && book.procedures && book.unit->hearingPersonFen
        && book.unit->hearingOrganisationFen)
        book.procedures->setHearingLargeAmount(
            *book.unit->hearingPersonFen, *book.unit->hearingOrganisationFen);
    // The 当场处罚 limits of 《行政处罚法》第五十一条 appear in two packs; they must agree.
    if (const ViolationPack* v = book.catalogue.violationsAt(onDate); v && book.procedures) {
        const GeneralRules& g = v->context->general;
        if (g.simpleMaxPersonFen != book.procedures->simpleMaxFineFen(QStringLiteral("person"))
            || g.simpleMaxOrganisationFen
                != book.procedures->simpleMaxFineFen(QStringLiteral("organisation")))
            book.warnings << CoreText::tr("The simple-procedure limits differ between the "
                                          "violations and procedures packs; the stricter applies");
    }
    return book;
}

Result<Evaluation> RuleBook::evaluate(
    QStringView code, QDate actDate, const QJsonObject& facts) const
{
    if (catalogue.violationPacks().isEmpty())
        return fail(missing("violation catalogue"));
    EngineOptions options;
    if (unit) {
        options.hearingPersonFen = unit->hearingPersonFen;
        options.hearingOrganisationFen = unit->hearingOrganisationFen;
    }
    auto e = evaluateAt(catalogue, code, actDate, facts, options);
    if (!e)
        return e;
    // The procedures pack has the last word on the simple procedure (the stricter of the two).
    if (procedures && e->procedure == Procedure::Simple && e->amountFen) {
        const QString party
            = facts.value(QLatin1String("partyKind")).toString(QStringLiteral("person"));
        QStringList kinds;
        if (*e->amountFen > 0)
            kinds << QStringLiteral("fine");
        const ProcedureCheck check = procedures->checkSimple(party, kinds, *e->amountFen);
        if (!check.allowed) {
            e->procedure = Procedure::General;
            e->warnings << check.reason + QStringLiteral(" (") + check.basis + QLatin1Char(')');
        }
    }
    e->demo = e->demo || (unit && unit->demo);
    return e;
}

Result<DeadlineResult> RuleBook::deadline(QStringView kind, const QDateTime& start) const
{
    if (!deadlines)
        return fail(missing("deadline"));
    if (!calendar)
        return fail(missing("working-day calendar"));
    return deadlines->compute(kind, start, *calendar);
}

} // namespace fieldcase::rules
