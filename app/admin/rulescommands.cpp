// fieldcase-admin commands for reference data, validation, rules, deadlines and scenarios.
// Every command has a --json form (docs/cli.md); exit 0 = ok/valid, 1 = invalid or refused,
// 2 = could not run.
#include "app/admin/admin.h"
#include "app/common/referenceseed.h"
#include "core/rules/registry.h"
#include "core/rules/rulesjson.h"
#include "core/scenario/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace fieldcase::admin {

namespace {
QDate parseDate(const QString& text, const Clock& clock)
{
    if (text.isEmpty())
        return rules::legalDate(clock.now());
    return QDate::fromString(text.left(10), Qt::ISODate);
}
} // namespace

void Admin::printJson(const QJsonObject& object)
{
    m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    m_out.flush();
}

int Admin::reportError(const Error& error, int exitCode)
{
    m_err << error.message;
    if (!error.context.isEmpty())
        m_err << " (" << error.context << ')';
    m_err << Qt::endl;
    return exitCode;
}

int Admin::openReference()
{
    if (m_reference)
        return 0;
    if (!QDir().mkpath(m_dataDir))
        return reportError(
            {ErrorCode::Io, tr("Cannot create the data folder %1").arg(m_dataDir), {}});
    auto store
        = rules::ReferenceStore::open(app::referenceDatabasePath(m_dataDir), Clock::system());
    if (!store)
        return reportError(store.error());
    m_reference = std::move(*store);
    return 0;
}

Result<rules::RuleBook> Admin::loadRules(QDate onDate)
{
    if (openReference() != 0)
        return fail(ErrorCode::Io, tr("The reference store cannot be opened"));
    return rules::RuleBook::load(*m_reference, onDate);
}

int Admin::validate(const QStringList& args, const QString& colour, bool json)
{
    if (args.size() != 2) {
        m_err << tr("Usage: fieldcase-admin validate id|uscc|org|plate VALUE [--colour CODE]")
              << Qt::endl;
        return 64;
    }
    const QString& kind = args.at(0);
    const QString& value = args.at(1);
    rules::ValidationResult r;
    if (kind == QLatin1String("id"))
        r = rules::validateResidentId(value);
    else if (kind == QLatin1String("uscc"))
        r = rules::validateUscc(value);
    else if (kind == QLatin1String("org"))
        r = rules::validateOrganizationCode(value);
    else if (kind == QLatin1String("plate"))
        r = rules::validatePlate(value, colour);
    else {
        m_err << tr("Unknown kind “%1”: use id, uscc, org or plate").arg(kind) << Qt::endl;
        return 64;
    }
    if (json) {
        QJsonObject o = rules::toJson(r);
        o.insert(QLatin1String("kind"), kind);
        o.insert(QLatin1String("input"), value);
        printJson(o);
    } else if (r.valid) {
        m_out << tr("valid: %1").arg(r.normalized) << Qt::endl;
    } else {
        m_out << tr("invalid: %1").arg(r.reason) << Qt::endl;
    }
    return r.valid ? 0 : 1;
}

int Admin::reference(const QStringList& args, bool json, bool demoTrust)
{
    if (const int rc = openReference(); rc != 0)
        return rc;
    const QString sub = args.value(0);
    if (sub == QLatin1String("trust") && args.size() == 2) {
        QFile f(args.at(1));
        if (!f.open(QIODevice::ReadOnly))
            return reportError(
                {ErrorCode::NotFound, tr("Cannot read %1").arg(args.at(1)), f.errorString()});
        auto key = PublicKey::fromPem(f.readAll());
        if (!key)
            return reportError(key.error());
        if (auto ok = m_reference->trustKey(*key, QFileInfo(args.at(1)).fileName()); !ok)
            return reportError(ok.error());
        m_out << tr("Trusted publisher key %1").arg(QString::fromLatin1(key->fingerprint().toHex()))
              << Qt::endl;
        return 0;
    }
    if (sub == QLatin1String("install-bundled")) {
        if (demoTrust)
            if (auto ok = app::trustDemoPublisher(*m_reference); !ok)
                return reportError(ok.error());
        auto n = app::installBundledPacks(*m_reference);
        if (!n)
            return reportError(n.error(), 1);
        if (auto ok = rules::rebuildLawIndex(*m_reference); !ok)
            return reportError(ok.error());
        m_out << tr("%1 bundled reference packs imported").arg(*n) << Qt::endl;
        return 0;
    }
    if (sub == QLatin1String("import") && (args.size() == 2 || args.size() == 3)) {
        QFile f(args.at(1));
        if (!f.open(QIODevice::ReadOnly))
            return reportError(
                {ErrorCode::NotFound, tr("Cannot read %1").arg(args.at(1)), f.errorString()});
        QFile data(args.value(2));
        if (args.size() == 3 && !data.open(QIODevice::ReadOnly))
            return reportError(
                {ErrorCode::NotFound, tr("Cannot read %1").arg(args.at(2)), data.errorString()});
        // The same path as a pack arriving through sync (app::importReferencePack).
        auto done = app::importReferencePack(
            *m_reference, f.readAll(), args.size() == 3 ? &data : nullptr);
        if (!done)
            return reportError(done.error(), 1);
        if (done->registryRecords >= 0) {
            m_out << tr("Registry imported: %1 records").arg(done->registryRecords) << Qt::endl;
            return 0;
        }
        m_out << tr("Imported %1 version %2 (%3)")
                     .arg(done->pack.id)
                     .arg(done->pack.version)
                     .arg(done->pack.kind)
              << Qt::endl;
        return 0;
    }
    if (sub == QLatin1String("status")) {
        auto all = m_reference->all();
        if (!all)
            return reportError(all.error());
        const QDate today = parseDate({}, Clock::system());
        QJsonArray packs;
        for (const rules::Pack& p : *all) {
            const bool inForce = p.inForceOn(today);
            packs.append(QJsonObject {{QLatin1String("id"), p.id}, {QLatin1String("kind"), p.kind},
                {QLatin1String("version"), p.version},
                {QLatin1String("effectiveFrom"), p.effectiveFrom.toString(Qt::ISODate)},
                {QLatin1String("effectiveTo"), p.effectiveTo.toString(Qt::ISODate)},
                {QLatin1String("issuer"), p.issuer}, {QLatin1String("demo"), p.demo},
                {QLatin1String("inForceToday"), inForce}});
            if (!json)
                m_out << QStringLiteral("%1  %2  v%3  %4…%5  %6%7\n")
                             .arg(p.kind, -11)
                             .arg(p.id, -32)
                             .arg(p.version)
                             .arg(p.effectiveFrom.toString(Qt::ISODate),
                                 p.effectiveTo.isValid() ? p.effectiveTo.toString(Qt::ISODate)
                                                         : QString(),
                                 inForce ? tr("in force") : tr("not in force"),
                                 p.demo ? tr(" [DEMO DATA]") : QString());
        }
        auto keys = m_reference->trustedKeyIds();
        rules::Registry registry(*m_reference);
        auto exported = registry.exportedAt();
        if (json)
            printJson({{QLatin1String("packs"), packs},
                {QLatin1String("trustedKeys"),
                    QJsonArray::fromStringList(keys ? *keys : QStringList())},
                {QLatin1String("registryExportedAt"), exported ? *exported : QString()}});
        else
            m_out << tr("%1 trusted publisher keys; registry exported at %2")
                         .arg(keys ? keys->size() : 0)
                         .arg(exported && !exported->isEmpty() ? *exported : tr("(none)"))
                  << Qt::endl;
        return 0;
    }
    m_err << tr("Usage: fieldcase-admin reference trust KEY.pem | import FILE [DATA] | "
                "install-bundled [--demo-trust] | status")
          << Qt::endl;
    return 64;
}

int Admin::rulesCommand(
    const QStringList& args, const QString& factsFile, const QString& date, bool json)
{
    const QDate onDate = parseDate(date, Clock::system());
    if (!onDate.isValid())
        return reportError(
            {ErrorCode::InvalidArgument, tr("“%1” is not a date (YYYY-MM-DD)").arg(date), {}}, 64);
    auto book = loadRules(onDate);
    if (!book)
        return reportError(book.error());
    const QString sub = args.value(0);
    if (sub == QLatin1String("list")) {
        const rules::ViolationPack* pack = book->catalogue.violationsAt(onDate);
        if (!pack)
            return reportError({ErrorCode::NotFound,
                tr("No violation catalogue is in force on %1").arg(onDate.toString(Qt::ISODate)),
                {}});
        QJsonArray list;
        for (const rules::Violation& v : pack->violations) {
            list.append(QJsonObject {{QLatin1String("code"), v.code},
                {QLatin1String("category"), v.category}, {QLatin1String("title"), v.title}});
            if (!json)
                m_out << v.code << "  " << v.category << "  " << v.title << '\n';
        }
        if (json)
            printJson({{QLatin1String("date"), onDate.toString(Qt::ISODate)},
                {QLatin1String("violations"), list}});
        m_out.flush();
        return 0;
    }
    if (sub == QLatin1String("show") && args.size() == 2) {
        const rules::ViolationPack* pack = book->catalogue.violationsAt(onDate);
        const rules::Violation* v = pack ? pack->find(args.at(1)) : nullptr;
        if (!v)
            return reportError(
                {ErrorCode::NotFound, tr("No violation with code %1").arg(args.at(1)), {}}, 1);
        const QJsonObject o = rules::toJson(*v);
        if (json) {
            printJson(o);
        } else {
            m_out << v->code << "  " << v->title << '\n';
            for (const rules::LegalRef& r : v->violates)
                m_out << tr("Violates: %1").arg(r.display()) << "\n  " << r.text << '\n';
            for (const rules::LegalRef& r : v->basis)
                m_out << tr("Penalty basis: %1").arg(r.display()) << "\n  " << r.text << '\n';
            m_out.flush();
        }
        return 0;
    }
    if (sub == QLatin1String("evaluate") && args.size() == 2) {
        QJsonObject facts;
        if (!factsFile.isEmpty()) {
            QFile f(factsFile);
            if (!f.open(QIODevice::ReadOnly))
                return reportError(
                    {ErrorCode::NotFound, tr("Cannot read %1").arg(factsFile), f.errorString()});
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
            if (!doc.isObject())
                return reportError(
                    {ErrorCode::InvalidArgument, tr("The facts file is not a JSON object"),
                        error.errorString()},
                    64);
            facts = doc.object();
        }
        auto e = book->evaluate(args.at(1), onDate, facts);
        if (!e)
            return reportError(e.error(), 1);
        if (json) {
            printJson(rules::toJson(*e));
        } else {
            m_out << e->code << "  " << e->title << '\n'
                  << tr("Outcome: %1  Tier: %2  Procedure: %3")
                         .arg(rules::outcomeName(e->outcome), e->tierLabel,
                             rules::procedureName(e->procedure))
                  << '\n';
            if (e->band)
                m_out << tr("Band: %1 – %2")
                             .arg(rules::formatYuan(e->band->minFen),
                                 rules::formatYuan(e->band->maxFen))
                      << '\n';
            if (e->recommendedAmountFen)
                m_out << tr("Recommended: %1").arg(rules::formatYuan(*e->recommendedAmountFen))
                      << '\n';
            for (const rules::Reason& r : e->reasons)
                m_out << "- " << r.text << "  [" << r.citation.display() << "]\n";
            for (const QString& w : e->warnings)
                m_out << tr("Warning: %1").arg(w) << '\n';
            if (e->demo)
                m_out << tr("Computed with DEMO data, not a real province's standard.") << '\n';
            m_out.flush();
        }
        return 0;
    }
    if (sub == QLatin1String("search") && args.size() >= 2) {
        if (openReference() != 0)
            return 2;
        rules::Registry registry(*m_reference);
        auto hits = registry.searchLaw(args.mid(1).join(QLatin1Char(' ')));
        if (!hits)
            return reportError(hits.error());
        QJsonArray list;
        for (const rules::LawHit& h : *hits) {
            list.append(QJsonObject {{QLatin1String("code"), h.article.code},
                {QLatin1String("law"), h.article.law},
                {QLatin1String("article"), h.article.article},
                {QLatin1String("snippet"), h.snippet}});
            if (!json)
                m_out << h.article.code << "  《" << h.article.law << "》" << h.article.article
                      << "  " << h.snippet << '\n';
        }
        if (json)
            printJson({{QLatin1String("hits"), list}});
        m_out.flush();
        return hits->isEmpty() ? 1 : 0;
    }
    if (sub == QLatin1String("vehicle") && args.size() == 2) {
        if (openReference() != 0)
            return 2;
        rules::Registry registry(*m_reference);
        auto v = registry.vehicle(args.at(1));
        if (!v)
            return reportError(v.error());
        if (!v->has_value()) {
            if (json)
                printJson({{QLatin1String("found"), false}, {QLatin1String("plate"), args.at(1)}});
            else
                m_out << tr("%1 is not in the offline registry").arg(args.at(1)) << Qt::endl;
            return 1;
        }
        QJsonObject o = rules::toJson(**v);
        o.insert(QLatin1String("found"), true);
        printJson(o);
        return 0;
    }
    m_err << tr("Usage: fieldcase-admin rules list | show CODE | evaluate --violation CODE "
                "--facts FILE.json [--date D] | search TEXT | vehicle PLATE")
          << Qt::endl;
    return 64;
}

int Admin::deadline(const QString& kind, const QString& from, bool json)
{
    if (kind.isEmpty() || from.isEmpty()) {
        m_err << tr("Usage: fieldcase-admin deadline --kind KIND --from DATE") << Qt::endl;
        return 64;
    }
    // A bare date means the start of that day in Beijing time.
    QDateTime start = QDateTime::fromString(from, Qt::ISODate);
    if (!start.isValid()) {
        const QDate d = QDate::fromString(from, Qt::ISODate);
        if (!d.isValid())
            return reportError(
                {ErrorCode::InvalidArgument, tr("“%1” is not a date or date-time").arg(from), {}},
                64);
        start = QDateTime(d, QTime(9, 0), QTimeZone(rules::kBeijingUtcOffsetSeconds));
    }
    auto book = loadRules(start.date());
    if (!book)
        return reportError(book.error());
    auto d = book->deadline(kind, start);
    if (!d) {
        if (d.error().code == ErrorCode::NotFound && book->deadlines) {
            QStringList kinds;
            for (const rules::DeadlineRule& r : book->deadlines->rules())
                kinds << r.kind;
            m_err << tr("Known kinds: %1").arg(kinds.join(QStringLiteral(", "))) << Qt::endl;
        }
        return reportError(d.error(), 1);
    }
    if (json) {
        printJson(rules::toJson(*d));
    } else {
        m_out << d->title << '\n'
              << tr("Due: %1 (%2)").arg(d->lastDay.toString(Qt::ISODate), d->basis) << '\n'
              << d->explanation << '\n';
        for (const QString& w : d->warnings)
            m_out << tr("Warning: %1").arg(w) << '\n';
        m_out.flush();
    }
    return 0;
}

int Admin::scenario(const QStringList& args, const QString& outDir, bool json)
{
    if (args.size() != 2 || args.at(0) != QLatin1String("run")) {
        m_err << tr("Usage: fieldcase-admin scenario run FILE.json [--out DIR]") << Qt::endl;
        return 64;
    }
    QFile f(args.at(1));
    if (!f.open(QIODevice::ReadOnly))
        return reportError(
            {ErrorCode::NotFound, tr("Cannot read %1").arg(args.at(1)), f.errorString()});
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return reportError({ErrorCode::InvalidArgument, tr("The scenario is not a JSON object"),
                               error.errorString()},
            64);
    if (openReference() != 0)
        return 2;
    auto result = scenario::runScenario(doc.object(), *m_reference, outDir);
    if (!result)
        return reportError(result.error());
    (void)json; // the scenario result is always JSON
    printJson(*result);
    return result->value(QLatin1String("ok")).toBool() ? 0 : 1;
}

} // namespace fieldcase::admin
