// fieldcase-admin: the installer's command-line tool (db check, rebuild, demo seeding).
#include "app/common/datadir.h"
#include "app/common/demoseed.h"
#include "app/common/i18n.h"
#include "app/common/openadvice.h"
#include "core/store/checker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>

#include <cstdio>

using namespace fieldcase;

namespace {

class Admin
{
    Q_DECLARE_TR_FUNCTIONS(Admin)

public:
    int run(const QStringList& args);

private:
    int dbCheck(bool json, bool skipEvidence);
    int dbRebuild();
    int demo(const QString& what);
    int openStore();

    QTextStream m_out {stdout};
    QTextStream m_err {stderr};
    QString m_dataDir;
    std::unique_ptr<CaseStore> m_store;
};

int Admin::openStore()
{
    StoreOptions options;
    options.directory = m_dataDir;
    auto store = CaseStore::open(options, Clock::system());
    if (!store) {
        m_err << app::OpenAdvice::forError(store.error(), m_dataDir) << Qt::endl;
        return 2;
    }
    m_store = std::move(*store);
    return 0;
}

int Admin::dbCheck(bool json, bool skipEvidence)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    auto report = checkStore(*m_store, {!skipEvidence, true});
    if (!report) {
        m_err << tr("The check could not run: %1").arg(report.error().toString()) << Qt::endl;
        return 2;
    }
    (void)m_store->audit().record({}, std::nullopt, QLatin1String(audit::kCheck), m_dataDir,
        {{QLatin1String("ok"), report->ok()},
            {QLatin1String("issues"), qint64(report->issues.size())}});
    if (json) {
        m_out << QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented);
    } else {
        for (const CheckIssue& i : report->issues)
            m_out << tr("PROBLEM  %1  %2: %3").arg(i.area, i.object, i.problem) << '\n';
        for (const QString& n : report->notes)
            m_out << tr("note     %1").arg(n) << '\n';
        m_out << report->summary() << Qt::endl;
    }
    return report->ok() ? 0 : 1;
}

int Admin::dbRebuild()
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    if (auto ok = m_store->rebuildProjections(); !ok) {
        m_err << tr("Rebuild failed: %1").arg(ok.error().toString()) << Qt::endl;
        return 2;
    }
    m_out << tr("Projections rebuilt from the event log.") << Qt::endl;
    return 0;
}

int Admin::demo(const QString& what)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    auto unit = app::loadDemoUnit();
    if (!unit) {
        m_err << unit.error().toString() << Qt::endl;
        return 2;
    }
    if (auto ok = app::seedDemoOfficers(*m_store, *unit); !ok) {
        m_err << ok.error().toString() << Qt::endl;
        return 2;
    }
    if (what == QLatin1String("case")) {
        auto caseId = app::openDemoCase(*m_store, *unit);
        if (!caseId) {
            m_err << caseId.error().toString() << Qt::endl;
            return 2;
        }
        m_out << *caseId << Qt::endl;
    } else {
        m_out << tr("Demo officers registered.") << Qt::endl;
    }
    return 0;
}

int Admin::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("FieldCase installer and operator tool.\n\nCommands:\n"
                                        "  db check     verify database, hash chains, signatures, "
                                        "evidence files and projections\n"
                                        "  db rebuild   rebuild projections from the event log\n"
                                        "  demo seed    register the demo officers\n"
                                        "  demo case    open a demo case (prints its id)"));
    parser.addHelpOption();
    QCommandLineOption dataOption(QStringLiteral("data"), tr("Data folder of the terminal."),
        tr("dir"), app::defaultDataDirectory());
    QCommandLineOption jsonOption(QStringLiteral("json"), tr("Machine-readable output."));
    QCommandLineOption skipEvidence(
        QStringLiteral("skip-evidence"), tr("Do not decrypt and hash evidence files (faster)."));
    parser.addOptions({dataOption, jsonOption, skipEvidence});
    parser.addPositionalArgument(
        QStringLiteral("command"), tr("db check | db rebuild | demo seed | demo case"));
    parser.process(args);
    m_dataDir = parser.value(dataOption);
    const QStringList pos = parser.positionalArguments();
    const QString cmd = pos.join(QLatin1Char(' '));
    if (cmd == QLatin1String("db check"))
        return dbCheck(parser.isSet(jsonOption), parser.isSet(skipEvidence));
    if (cmd == QLatin1String("db rebuild"))
        return dbRebuild();
    if (cmd == QLatin1String("demo seed") || cmd == QLatin1String("demo case"))
        return demo(pos.value(1));
    m_err << tr("Unknown command \"%1\". Run fieldcase-admin --help.").arg(cmd) << Qt::endl;
    return 64;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fieldcase"));
    QCoreApplication::setOrganizationName(QStringLiteral("FieldCase"));
    app::installTranslations(application);
    return Admin().run(QCoreApplication::arguments());
}
