// fieldcase: the terminal. The composition root: every service is created here, in dependency
// order, and passed in. With no display it runs a headless end-to-end demo instead.
#include "app/common/datadir.h"
#include "app/common/demoseed.h"
#include "app/common/i18n.h"
#include "app/common/openadvice.h"
#include "app/terminal/mainwindow.h"
#include "core/store/checker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
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
    // Headless demo: opens a demo case through core, prints what was stored, checks the store.
    static int runHeadless(CaseStore& store, const QJsonObject& demo)
    {
        QTextStream out(stdout);
        out << tr("FieldCase headless demo (no display found)") << '\n'
            << tr("Terminal: %1").arg(store.terminalId()) << '\n'
            << tr("Store: %1").arg(store.databasePath()) << Qt::endl;
        auto caseId = app::openDemoCase(store, demo);
        if (!caseId) {
            out << tr("Could not open the demo case: %1").arg(caseId.error().toString())
                << Qt::endl;
            return 1;
        }
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
    if (headless && !parser.isSet(screenshotOption))
        return Terminal::runHeadless(**store, *demo);

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
