#include "core/scenario/scenario.h"

#include "core/event/canonicaljson.h"
#include "core/rules/registry.h"
#include "core/rules/rulebook.h"
#include "core/rules/rulesjson.h"
#include "core/rules/validators.h"
#include "core/store/casestore.h"
#include "core/store/checker.h"
#include "core/util/text.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTimeZone>

namespace fieldcase::scenario {

namespace {

using namespace fieldcase::rules;

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QDateTime parseInstant(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime) // no offset given: Beijing time
        t = QDateTime(t.date(), t.time(), QTimeZone(kBeijingUtcOffsetSeconds));
    return t;
}

// True if every key of `expected` equals the same key in `actual` (nested objects compared
// the same way), collecting the mismatches.
void compareSubset(const QJsonObject& expected, const QJsonObject& actual, const QString& path,
    QStringList& mismatches)
{
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const QString where = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
        const QJsonValue a = actual.value(it.key());
        if (it->isObject() && a.isObject())
            compareSubset(it->toObject(), a.toObject(), where, mismatches);
        else if (*it != a)
            mismatches << QStringLiteral("%1: expected %2, got %3")
                              .arg(where, QString::fromUtf8(canonicalJson(*it)),
                                  QString::fromUtf8(canonicalJson(a)));
    }
}

// State carried from step to step.
struct Run
{
    ManualClock clock;
    std::unique_ptr<CaseStore> store;
    RuleBook book;
    Registry* registry = nullptr;
    QString caseId;
    QString procedure = QStringLiteral("general");
    QString partyKind = QStringLiteral("person");
    Actor officers;
    std::optional<Evaluation> evaluation;
    QJsonObject facts;
    QString violationCode;
    QMap<QString, int> extensions; // measure id → extensions granted
    QMap<QString, QDate> measureLastDay; // measure id → current last day
    QList<OpenDeadline> open;
    QJsonArray decisions;
    QJsonArray deadlines;
    QJsonArray refusals;
};

struct StepResult
{
    bool ok = true;
    QJsonObject result;
};

StepResult refuse(Run& run, int index, const QString& reason, const QString& basis = {})
{
    QJsonObject r {{QLatin1String("step"), index}, {QLatin1String("reason"), reason}};
    if (!basis.isEmpty())
        r.insert(QLatin1String("basis"), basis);
    run.refusals.append(r);
    return {false,
        {{QLatin1String("refused"), true}, {QLatin1String("reason"), reason},
            {QLatin1String("basis"), basis}}};
}

Result<Event> append(Run& run, const QString& type, const QJsonObject& payload)
{
    return run.store->append(run.officers, {type, run.caseId, payload, {}});
}

void trackDeadline(Run& run, const DeadlineResult& d, const QString& ref)
{
    run.deadlines.append(toJson(d));
    run.open << OpenDeadline {run.caseId + QLatin1Char('/') + ref, d.kind, d.title, d.dueAt};
}

Result<StepResult> step(Run& run, int index, const QJsonObject& s)
{
    const QString what = str(s, "do");
    if (s.contains(QLatin1String("at"))) {
        const QDateTime at = parseInstant(str(s, "at"));
        if (!at.isValid())
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Step %1: “at” is not an ISO date-time").arg(index));
        run.clock.setNowMs(at.toMSecsSinceEpoch());
    }
    if (s.contains(QLatin1String("officers"))) {
        run.officers.officerIds.clear();
        for (const QJsonValue& o : s.value(QLatin1String("officers")).toArray())
            run.officers.officerIds << o.toString();
    }
    if (s.contains(QLatin1String("role")))
        run.officers.role = roleFromName(str(s, "role")).value_or(Role::Officer);

    if (what == QLatin1String("advance")) {
        if (!s.contains(QLatin1String("at")))
            return fail(
                ErrorCode::InvalidArgument, CoreText::tr("Step %1: advance needs “at”").arg(index));
        return StepResult {};
    }
    if (what == QLatin1String("open-case")) {
        run.procedure
            = str(s, "procedure").isEmpty() ? QStringLiteral("general") : str(s, "procedure");
        QJsonObject payload {{QLatin1String("procedure"), run.procedure},
            {QLatin1String("title"), str(s, "title")},
            {QLatin1String("source"), QStringLiteral("patrol")}};
        if (!str(s, "place").isEmpty())
            payload.insert(QLatin1String("place"), str(s, "place"));
        if (run.book.unit)
            payload.insert(QLatin1String("unitId"), run.book.unit->unitId);
        auto e = run.store->append(run.officers, {QStringLiteral("case.opened"), {}, payload, {}});
        if (!e)
            return refuse(run, index, e.error().message);
        run.caseId = e->caseId;
        return StepResult {true, {{QLatin1String("caseId"), run.caseId}}};
    }
    if (run.caseId.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("Step %1: open a case first").arg(index));

    if (what == QLatin1String("record-party")) {
        QJsonObject payload = s;
        for (const char* k : {"do", "at", "officers", "role", "expect"})
            payload.remove(QLatin1String(k));
        run.partyKind = str(s, "kind") == QLatin1String("organisation")
            ? QStringLiteral("organisation")
            : QStringLiteral("person");
        QJsonObject result;
        const QString idNumber = str(s, "idNumber");
        if (!idNumber.isEmpty()) {
            const ValidationResult v = run.partyKind == QLatin1String("organisation")
                ? validateUscc(idNumber)
                : validateResidentId(idNumber, run.clock);
            result.insert(QLatin1String("idValidation"), toJson(v));
            if (!v.valid)
                return refuse(run, index,
                    CoreText::tr("The party's identification number is invalid: %1").arg(v.reason));
            payload.insert(QLatin1String("idNumber"), v.normalized);
            if (run.registry && run.partyKind == QLatin1String("person")) {
                auto d = run.registry->driver(v.normalized);
                if (d && d->has_value())
                    result.insert(QLatin1String("registry"),
                        QJsonObject {{QLatin1String("qualificationNo"), (*d)->qualificationNo},
                            {QLatin1String("qualificationStatus"), (*d)->qualificationStatus},
                            {QLatin1String("unpaidFen"), (*d)->unpaidFen}});
            }
        }
        auto e = append(run, QStringLiteral("party.recorded"), payload);
        if (!e)
            return refuse(run, index, e.error().message);
        return StepResult {true, result};
    }
    if (what == QLatin1String("record-vehicle")) {
        QJsonObject payload = s;
        for (const char* k : {"do", "at", "officers", "role", "expect"})
            payload.remove(QLatin1String(k));
        const ValidationResult plate = validatePlate(str(s, "plate"), str(s, "plateColor"));
        QJsonObject result {{QLatin1String("plateValidation"), toJson(plate)}};
        if (!plate.valid)
            return refuse(run, index, CoreText::tr("The plate is invalid: %1").arg(plate.reason));
        payload.insert(QLatin1String("plate"), plate.normalized);
        if (run.registry) {
            auto v = run.registry->vehicle(plate.normalized);
            if (v && v->has_value()) {
                result.insert(QLatin1String("registry"), toJson(**v));
                if ((*v)->unpaidFen > 0)
                    result.insert(QLatin1String("warning"),
                        CoreText::tr("The vehicle or its operator has unpaid penalties of %1 元")
                            .arg(formatYuan((*v)->unpaidFen)));
            } else if (v) {
                result.insert(QLatin1String("warning"),
                    CoreText::tr("The vehicle is not in the offline registry"));
            }
        }
        auto e = append(run, QStringLiteral("vehicle.recorded"), payload);
        if (!e)
            return refuse(run, index, e.error().message);
        return StepResult {true, result};
    }
    if (what == QLatin1String("select-violation") || what == QLatin1String("apply-discretion")) {
        if (what == QLatin1String("select-violation")) {
            run.violationCode = str(s, "code");
            run.facts = s.value(QLatin1String("facts")).toObject();
            if (!run.facts.contains(QLatin1String("partyKind")))
                run.facts.insert(QLatin1String("partyKind"), run.partyKind);
        } else {
            if (!run.evaluation)
                return fail(ErrorCode::InvalidArgument,
                    CoreText::tr("Step %1: select a violation first").arg(index));
            run.facts.insert(
                QLatin1String("proposedAmountFen"), s.value(QLatin1String("amountFen")));
            if (s.contains(QLatin1String("reason")))
                run.facts.insert(
                    QLatin1String("outOfBandReason"), s.value(QLatin1String("reason")));
        }
        const QDate actDate = legalDate(run.clock.now());
        auto e = run.book.evaluate(run.violationCode, actDate, run.facts);
        if (!e)
            return refuse(run, index, e.error().message, e.error().context);
        if (what == QLatin1String("apply-discretion") && e->needsReason
            && str(s, "reason").trimmed().isEmpty())
            return refuse(run, index,
                CoreText::tr(
                    "The amount is outside the discretion band; a written reason is required"),
                QStringLiteral("《行政处罚法》第三十四条"));
        run.evaluation = *e;
        const QJsonObject ej = toJson(*e);
        run.decisions.append(ej);
        QJsonObject payload;
        if (what == QLatin1String("select-violation")) {
            payload
                = {{QLatin1String("code"), run.violationCode}, {QLatin1String("facts"), run.facts}};
            auto ev = append(run, QStringLiteral("violation.selected"), payload);
            if (!ev)
                return refuse(run, index, ev.error().message);
        } else {
            static const char* tiers[] = {"minor", "ordinary", "serious", "severe"};
            payload = {{QLatin1String("code"), run.violationCode},
                {QLatin1String("tier"),
                    e->tier ? QLatin1String(tiers[int(*e->tier)]) : QLatin1String("none")}};
            if (e->amountFen)
                payload.insert(QLatin1String("amountFen"), *e->amountFen);
            if (s.contains(QLatin1String("reason")))
                payload.insert(QLatin1String("outOfBandReason"), str(s, "reason"));
            auto ev = append(run, QStringLiteral("discretion.applied"), payload);
            if (!ev)
                return refuse(run, index, ev.error().message);
        }
        return StepResult {true, ej};
    }
    if (what == QLatin1String("decide")) {
        QStringList kinds;
        for (const QJsonValue& k : s.value(QLatin1String("kinds")).toArray())
            kinds << k.toString();
        const qint64 amount = s.value(QLatin1String("amountFen")).toInteger();
        if (!run.book.procedures)
            return fail(
                ErrorCode::NotFound, CoreText::tr("No procedures reference data is installed"));
        if (run.procedure == QLatin1String("simple")) {
            const ProcedureCheck check
                = run.book.procedures->checkSimple(run.partyKind, kinds, amount);
            if (!check.allowed)
                return refuse(run, index, check.reason, check.basis);
        }
        const ProcedureCheck officers
            = run.book.procedures->checkOfficers(int(run.officers.officerIds.size()));
        if (!officers.allowed)
            return refuse(run, index, officers.reason, officers.basis);
        QJsonObject payload {{QLatin1String("decisionId"),
                                 str(s, "decisionId").isEmpty() ? QStringLiteral("decision-1")
                                                                : str(s, "decisionId")},
            {QLatin1String("kinds"), s.value(QLatin1String("kinds"))}};
        if (kinds.contains(QStringLiteral("fine")))
            payload.insert(QLatin1String("amountFen"), amount);
        if (run.evaluation)
            payload.insert(QLatin1String("basis"),
                run.evaluation->citations.isEmpty() ? QString()
                                                    : run.evaluation->citations.last().display());
        auto e = append(run, QStringLiteral("penalty.decided"), payload);
        if (!e)
            return refuse(run, index, e.error().message);
        QJsonObject result;
        if (kinds.contains(QStringLiteral("fine")) && amount > 0) {
            auto d = run.book.deadline(u"fine-payment", run.clock.now());
            if (d) {
                trackDeadline(run, *d, QStringLiteral("payment"));
                result.insert(QLatin1String("paymentDue"), d->lastDay.toString(Qt::ISODate));
            }
            const ProcedureCheck collect = run.book.procedures->checkOnsiteCollection(
                run.procedure, amount, false, run.book.unit && run.book.unit->remoteArea, false);
            result.insert(QLatin1String("onsiteCollection"),
                QJsonObject {{QLatin1String("allowed"), collect.allowed},
                    {QLatin1String("reason"), collect.reason},
                    {QLatin1String("basis"), collect.basis}});
        }
        if (run.procedure == QLatin1String("simple")) {
            auto d = run.book.deadline(u"spot-decision-filing", run.clock.now());
            if (d)
                trackDeadline(run, *d, QStringLiteral("filing"));
        }
        return StepResult {true, result};
    }
    if (what == QLatin1String("apply-measure")) {
        auto d = run.book.deadline(u"seizure-period", run.clock.now());
        if (!d)
            return fail(d.error());
        const QString id = str(s, "measureId");
        auto e = append(run, QStringLiteral("measure.applied"),
            {{QLatin1String("measureId"), id}, {QLatin1String("kind"), str(s, "kind")},
                {QLatin1String("reason"), str(s, "reason")},
                {QLatin1String("until"), d->dueAt.toMSecsSinceEpoch()}});
        if (!e)
            return refuse(run, index, e.error().message);
        run.measureLastDay[id] = d->lastDay;
        trackDeadline(run, *d, id);
        for (const QJsonValue& p : s.value(QLatin1String("properties")).toArray()) {
            QJsonObject prop = p.toObject();
            prop.insert(QLatin1String("measureId"), id);
            auto pe = append(run, QStringLiteral("property.registered"), prop);
            if (!pe)
                return refuse(run, index, pe.error().message);
        }
        return StepResult {true, toJson(*d)};
    }
    if (what == QLatin1String("extend-measure")) {
        const QString id = str(s, "measureId");
        if (!run.measureLastDay.contains(id))
            return refuse(run, index, CoreText::tr("There is no measure %1 in this case").arg(id));
        if (!run.book.deadlines || !run.book.calendar)
            return fail(
                ErrorCode::NotFound, CoreText::tr("No deadline reference data is installed"));
        auto d = run.book.deadlines->computeExtended(u"seizure-period", run.measureLastDay[id],
            *run.book.calendar, int(s.value(QLatin1String("days")).toInteger(0)),
            run.extensions.value(id));
        if (!d)
            return refuse(run, index, d.error().message, d.error().context);
        auto e = append(run, QStringLiteral("measure.extended"),
            {{QLatin1String("measureId"), id}, {QLatin1String("reason"), str(s, "reason")},
                {QLatin1String("until"), d->dueAt.toMSecsSinceEpoch()}});
        if (!e)
            return refuse(run, index, e.error().message);
        run.extensions[id] = run.extensions.value(id) + 1;
        run.measureLastDay[id] = d->lastDay;
        for (OpenDeadline& o : run.open)
            if (o.caseRef.endsWith(QLatin1Char('/') + id))
                o.dueAt = d->dueAt;
        run.deadlines.append(toJson(*d));
        return StepResult {true, toJson(*d)};
    }
    if (what == QLatin1String("release-measure")) {
        const QString id = str(s, "measureId");
        auto e = append(run, QStringLiteral("measure.released"),
            {{QLatin1String("measureId"), id}, {QLatin1String("reason"), str(s, "reason")}});
        if (!e)
            return refuse(run, index, e.error().message);
        run.open.erase(
            std::remove_if(run.open.begin(), run.open.end(),
                [&](const OpenDeadline& o) { return o.caseRef.endsWith(QLatin1Char('/') + id); }),
            run.open.end());
        return StepResult {};
    }
    if (what == QLatin1String("issue-document")) {
        // Until the document templates exist, the content hash covers the case state.
        const QByteArray hash = Hasher::hash(HashAlgorithm::Sm3, canonicalJson(s));
        auto e = append(run, QStringLiteral("document.issued"),
            {{QLatin1String("documentId"), str(s, "documentId")},
                {QLatin1String("docType"), str(s, "docType")},
                {QLatin1String("number"), str(s, "number")},
                {QLatin1String("contentHash"), QString::fromLatin1(hash.toHex())}});
        if (!e)
            return refuse(run, index, e.error().message);
        return StepResult {};
    }
    if (what == QLatin1String("serve")) {
        auto e = append(run, QStringLiteral("document.served"),
            {{QLatin1String("documentId"), str(s, "documentId")},
                {QLatin1String("method"), str(s, "method")},
                {QLatin1String("recipient"), str(s, "recipient")},
                {QLatin1String("servedAt"), run.clock.nowMs()}});
        if (!e)
            return refuse(run, index, e.error().message);
        return StepResult {};
    }
    if (what == QLatin1String("record-payment")) {
        auto e = append(run, QStringLiteral("payment.recorded"),
            {{QLatin1String("paymentId"),
                 str(s, "paymentId").isEmpty() ? QStringLiteral("payment-1") : str(s, "paymentId")},
                {QLatin1String("amountFen"), s.value(QLatin1String("amountFen"))},
                {QLatin1String("method"), str(s, "method")},
                {QLatin1String("paidAt"), run.clock.nowMs()}});
        if (!e)
            return refuse(run, index, e.error().message);
        run.open.erase(std::remove_if(run.open.begin(), run.open.end(),
                           [](const OpenDeadline& o) {
                               return o.caseRef.endsWith(QLatin1String("/payment"));
                           }),
            run.open.end());
        return StepResult {};
    }
    if (what == QLatin1String("close")) {
        QJsonObject payload {{QLatin1String("reason"), str(s, "reason")}};
        if (!str(s, "summary").isEmpty())
            payload.insert(QLatin1String("summary"), str(s, "summary"));
        auto e = append(run, QStringLiteral("case.closed"), payload);
        if (!e)
            return refuse(run, index, e.error().message);
        run.open.clear();
        return StepResult {};
    }
    return fail(ErrorCode::InvalidArgument,
        CoreText::tr("Step %1: unknown action “%2”").arg(index).arg(what));
}

} // namespace

Result<QJsonObject> runScenario(
    const QJsonObject& script, rules::ReferenceStore& reference, const QString& outDir)
{
    Run run;
    const QDateTime start = parseInstant(str(script, "start"));
    if (!start.isValid())
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("The scenario needs a “start” date-time"));
    run.clock.setNowMs(start.toMSecsSinceEpoch());
    auto book = RuleBook::load(reference, legalDate(start));
    if (!book)
        return fail(book.error());
    run.book = std::move(*book);
    Registry registry(reference);
    run.registry = &registry;

    QTemporaryDir temp;
    StoreOptions options;
    options.directory
        = outDir.isEmpty() ? temp.path() : QDir(outDir).filePath(QStringLiteral("store"));
    auto store = CaseStore::open(options, run.clock);
    if (!store)
        return fail(store.error());
    run.store = std::move(*store);

    // The team: the first entry bootstraps the store (provisioning), so list an installer first
    // or let the runner add one.
    const Actor installer {{QStringLiteral("scenario-installer")}, Role::Installer};
    FC_TRY(run.store->registerOfficer(installer,
        {installer.officerIds.first(), QStringLiteral("Scenario installer"), {}, {},
            {Role::Installer}}));
    for (const QJsonValue& v : script.value(QLatin1String("team")).toArray()) {
        const QJsonObject o = v.toObject();
        Officer officer {str(o, "id"), str(o, "name"), str(o, "certNo"), {}, {}, true};
        for (const QJsonValue& r : o.value(QLatin1String("roles")).toArray())
            if (auto role = roleFromName(r.toString()))
                officer.roles << *role;
        FC_TRY(run.store->registerOfficer(installer, officer));
    }

    QJsonArray steps;
    QStringList expectationFailures;
    const QJsonArray script_steps = script.value(QLatin1String("steps")).toArray();
    for (int i = 0; i < script_steps.size(); ++i) {
        const QJsonObject s = script_steps.at(i).toObject();
        auto r = step(run, i, s);
        if (!r)
            return fail(r.error());
        QJsonObject entry {{QLatin1String("step"), i}, {QLatin1String("do"), str(s, "do")},
            {QLatin1String("ok"), r->ok}, {QLatin1String("result"), r->result}};
        if (s.contains(QLatin1String("expect"))) {
            QStringList mismatches;
            QJsonObject actual = r->result;
            actual.insert(QLatin1String("ok"), r->ok);
            compareSubset(s.value(QLatin1String("expect")).toObject(), actual, {}, mismatches);
            for (const QString& m : mismatches)
                expectationFailures
                    << QStringLiteral("step %1 (%2): %3").arg(i).arg(str(s, "do"), m);
        }
        steps.append(entry);
    }

    // The case as stored, its events, and the risk warnings at the end of the script.
    QJsonObject caseJson;
    QJsonArray eventTypes;
    if (!run.caseId.isEmpty()) {
        auto stmt = run.store->database().prepare(
            "SELECT id, procedure, title, status, violation_code, discretion_tier, penalty_fen, "
            "paid_fen, event_count FROM cases WHERE id = ?");
        if (!stmt)
            return fail(stmt.error());
        stmt->bind(1, run.caseId);
        if (auto row = stmt->step(); row && *row)
            caseJson = {{QLatin1String("id"), stmt->text(0)},
                {QLatin1String("procedure"), stmt->text(1)},
                {QLatin1String("title"), stmt->text(2)}, {QLatin1String("status"), stmt->text(3)},
                {QLatin1String("violationCode"), stmt->text(4)},
                {QLatin1String("discretionTier"), stmt->text(5)},
                {QLatin1String("penaltyFen"),
                    stmt->isNull(6) ? QJsonValue() : QJsonValue(stmt->int64(6))},
                {QLatin1String("paidFen"), stmt->int64(7)},
                {QLatin1String("eventCount"), stmt->int64(8)}};
        auto events = run.store->caseEvents(run.caseId);
        if (!events)
            return fail(events.error());
        for (const Event& e : *events)
            eventTypes.append(e.type);
    }
    QJsonArray warnings;
    if (run.book.calendar)
        for (const RiskWarning& w : assessDeadlines(run.open, run.clock.now(), *run.book.calendar))
            warnings.append(QJsonObject {{QLatin1String("kind"), w.deadline.kind},
                {QLatin1String("status"),
                    w.status == RiskStatus::Overdue       ? QStringLiteral("overdue")
                        : w.status == RiskStatus::DueSoon ? QStringLiteral("due-soon")
                                                          : QStringLiteral("unchecked")},
                {QLatin1String("text"), w.text}});
    auto check = checkStore(*run.store, {true, true});
    const bool storeOk = check && check->ok();
    return QJsonObject {{QLatin1String("name"), str(script, "name")},
        {QLatin1String("ok"), expectationFailures.isEmpty() && storeOk},
        {QLatin1String("caseId"), run.caseId}, {QLatin1String("case"), caseJson},
        {QLatin1String("events"), eventTypes}, {QLatin1String("steps"), steps},
        {QLatin1String("decisions"), run.decisions}, {QLatin1String("deadlines"), run.deadlines},
        {QLatin1String("warnings"), warnings}, {QLatin1String("refusals"), run.refusals},
        {QLatin1String("expectationFailures"), QJsonArray::fromStringList(expectationFailures)},
        {QLatin1String("storeCheck"), check ? check->summary() : check.error().toString()},
        {QLatin1String("demoData"), run.book.demo},
        {QLatin1String("packs"), QJsonArray::fromStringList(run.book.packsLoaded)}};
}

} // namespace fieldcase::scenario
