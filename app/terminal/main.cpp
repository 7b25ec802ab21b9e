// fieldcase: the terminal. The composition root: every service is created here, in dependency
// order, and passed in. With no display it runs a headless end-to-end demo instead.
#include "app/common/datadir.h"
#include "app/common/demoseed.h"
#include "app/common/i18n.h"
#include "app/common/openadvice.h"
#include "app/common/referenceseed.h"
#include "app/terminal/mainwindow.h"
#include "core/rules/rulebook.h"
#include "core/rules/rulesjson.h"
#include "core/store/checker.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/nmeasource.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>

using namespace fieldcase;

namespace {

class Terminal
{
    Q_DECLARE_TR_FUNCTIONS(Terminal)

public:
    // The demo kit's GNSS: the bundled recording of a patrol car stopping on G4, replayed as a
    // live receiver (retimed to now). Waits up to 3 s for a fix fit for evidence (usable()) and
    // returns it as an event position; an empty object (and the reason, printed) otherwise.
    static QJsonObject demoPosition(QTextStream& out)
    {
        devices::NmeaSource gnss;
        QJsonObject position;
        QStringList reasons;
        QEventLoop loop;
        QObject::connect(
            &gnss, &devices::NmeaSource::fixReceived, &loop, [&](const devices::GnssFix& fix) {
                const devices::GnssAssessment verdict
                    = devices::assess(fix, std::nullopt, Clock::system().nowMs());
                if (!verdict.usable()) {
                    reasons = verdict.allReasons();
                    return;
                }
                position = devices::eventPosition(fix);
                out << tr("Position: %1, %2 (%3 satellites, HDOP %4, source %5)")
                           .arg(fix.latitude, 0, 'f', 6)
                           .arg(fix.longitude, 0, 'f', 6)
                           .arg(fix.satellitesUsed)
                           .arg(fix.hdop.value_or(0), 0, 'f', 1)
                           .arg(position.value(QLatin1String("source")).toString())
                    << Qt::endl;
                loop.quit();
            });
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        gnss.start(QStringLiteral("file::/demo/gnss/g4-roadside-stop.nmea?interval=50"));
        loop.exec();
        if (position.isEmpty()) {
            if (!gnss.lastError().isEmpty())
                reasons.append(gnss.lastError());
            out << tr("No position accepted; the case is opened without one: %1")
                       .arg(reasons.join(QLatin1Char(' ')))
                << Qt::endl;
        }
        return position;
    }

    // Headless demo: opens a demo case through core, prints what was stored, checks the store.
    static int runHeadless(
        CaseStore& store, rules::ReferenceStore& reference, const QJsonObject& demo)
    {
        QTextStream out(stdout);
        out << tr("FieldCase headless demo (no display found)") << '\n'
            << tr("Terminal: %1").arg(store.terminalId()) << '\n'
            << tr("Store: %1").arg(store.databasePath()) << Qt::endl;
        auto caseId = app::openDemoCase(store, demo, demoPosition(out));
        if (!caseId) {
            out << tr("Could not open the demo case: %1").arg(caseId.error().toString())
                << Qt::endl;
            return 1;
        }
        // Apply the rules as an officer would: select the violation with the measured facts.
        const QJsonObject demoCase = demo.value(QLatin1String("demoCase")).toObject();
        const QDate today = rules::legalDate(store.clock().now());
        auto book = rules::RuleBook::load(reference, today);
        if (!book) {
            out << tr("Reference data unavailable: %1").arg(book.error().toString()) << Qt::endl;
            return 1;
        }
        const QString code = demoCase.value(QLatin1String("violation")).toString();
        const QJsonObject facts = demoCase.value(QLatin1String("facts")).toObject();
        auto evaluation = book->evaluate(code, today, facts);
        if (!evaluation) {
            out << tr("Rules evaluation failed: %1").arg(evaluation.error().toString()) << Qt::endl;
            return 1;
        }
        const Actor pair {
            {QStringLiteral("demo-off-1"), QStringLiteral("demo-off-2")}, Role::Officer};
        auto selected = store.append(pair,
            {QStringLiteral("violation.selected"), *caseId,
                {{QLatin1String("code"), code}, {QLatin1String("facts"), facts}}, {}});
        if (!selected) {
            out << selected.error().toString() << Qt::endl;
            return 1;
        }
        out << tr("Rules evaluation (reference data: %1):")
                   .arg(book->packsLoaded.join(QStringLiteral(", ")))
            << '\n'
            << QJsonDocument(rules::toJson(*evaluation)).toJson(QJsonDocument::Indented);
        auto snapshot = app::caseSnapshot(store, *caseId);
        if (!snapshot) {
            out << snapshot.error().toString() << Qt::endl;
            return 1;
        }
        out << tr("Stored case:") << '\n'
            << QJsonDocument(*snapshot).toJson(QJsonDocument::Indented);
        auto report = checkStore(store);
        if (!report) {
            out << report.error().toString() << Qt::endl;
            return 1;
        }
        out << tr("Store check: %1").arg(report->summary()) << Qt::endl;
        return report->ok() ? 0 : 1;
    }
};

bool hasDisplay()
{
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    if (!platform.isEmpty())
        return platform != QLatin1String("offscreen") && platform != QLatin1String("minimal");
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char* argv[])
{
    const bool headless = !hasDisplay() || (argc > 1 && qstrcmp(argv[argc - 1], "--headless") == 0);
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fieldcase"));
    QApplication::setOrganizationName(QStringLiteral("FieldCase"));
    // Simplified Chinese glyphs (not the Japanese variants Qt picks under the C locale).
    QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 11));

    app::installTranslations(application);

    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption dataOption(QStringLiteral("data"),
        Terminal::tr("Data folder of the terminal."), Terminal::tr("dir"),
        app::defaultDataDirectory());
    QCommandLineOption headlessOption(
        QStringLiteral("headless"), Terminal::tr("Run the headless demo."));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        Terminal::tr("Save a screenshot of the main window and quit."), Terminal::tr("file"));
    parser.addOptions({dataOption, headlessOption, screenshotOption});
    parser.process(application);
    const QString dataDir = parser.value(dataOption);

    StoreOptions options;
    options.directory = dataDir;
    auto store = CaseStore::open(options, Clock::system());
    if (!store) {
        const QString advice = app::OpenAdvice::forError(store.error(), dataDir);
        QTextStream(stderr) << advice << Qt::endl;
        if (!headless)
            QMessageBox::critical(nullptr, Terminal::tr("FieldCase cannot start"), advice);
        return 2;
    }
    auto demo = app::loadDemoUnit();
    if (!demo) {
        QTextStream(stderr) << demo.error().toString() << Qt::endl;
        return 2;
    }
    if (auto ok = app::seedDemoOfficers(**store, *demo); !ok) {
        QTextStream(stderr) << ok.error().toString() << Qt::endl;
        return 2;
    }
    // Demo mode: the bundled reference packs, signed with the demo publisher key, which this
    // terminal trusts because it runs as a demo (a production terminal trusts its province's key).
    auto reference
        = rules::ReferenceStore::open(app::referenceDatabasePath(dataDir), Clock::system());
    if (!reference) {
        QTextStream(stderr) << app::OpenAdvice::forError(reference.error(), dataDir) << Qt::endl;
        return 2;
    }
    if (auto trusted = app::trustDemoPublisher(**reference); !trusted) {
        QTextStream(stderr) << trusted.error().toString() << Qt::endl;
        return 2;
    }
    if (auto installed = app::installBundledPacks(**reference); !installed) {
        QTextStream(stderr) << installed.error().toString() << " " << installed.error().context
                            << Qt::endl;
        return 2;
    } else if (*installed > 0) {
        (void)rules::rebuildLawIndex(**reference);
    }
    if (headless && !parser.isSet(screenshotOption))
        return Terminal::runHeadless(**store, **reference, *demo);

    app::MainWindow window(**store, *demo);
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(300, &window, [&window, file] {
            window.grab().save(file);
            QApplication::quit();
        });
    }
    return application.exec();
}
