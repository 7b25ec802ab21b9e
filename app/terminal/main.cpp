// fieldcase: the terminal. The composition root: every service is created here, in dependency
// order, and passed in. With no display it runs a headless end-to-end demo instead.
#include "app/common/datadir.h"
#include "app/common/demoseed.h"
#include "app/common/devicesetup.h"
#include "app/common/i18n.h"
#include "app/common/openadvice.h"
#include "app/common/referenceseed.h"
#include "app/terminal/heartbeatextras.h"
#include "app/terminal/mainwindow.h"
#include "core/rules/rulebook.h"
#include "core/rules/rulesjson.h"
#include "core/store/checker.h"
#include "devices/api/deviceprofile.h"
#include "devices/gnss/gnssassessment.h"
#include "sync/client/syncworker.h"

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
    // The devices of the profile, as the officer would see them on the device panel: waits up to
    // 3 s for them to settle and prints each with its state (simulated ones say so).
    static void printDevices(QTextStream& out, devices::DeviceSet& set, const QString& profile)
    {
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            const auto devices = set.devices();
            if (std::none_of(devices.begin(), devices.end(), [](const devices::Device* d) {
                    return d->state() == devices::DeviceState::Connecting;
                }))
                loop.quit();
        });
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        poll.start(50);
        loop.exec();
        out << tr("Devices (profile %1):").arg(profile) << '\n';
        for (const devices::Device* d : set.devices()) {
            out << "  " << d->slot() << ": " << d->info().title
                << (d->simulated() ? QLatin1Char(' ') + tr("[SIMULATED]") : QString()) << " — "
                << devices::deviceStateTitle(d->state())
                << (d->lastError().isEmpty() ? QString() : QStringLiteral(": ") + d->lastError())
                << '\n';
        }
        for (const devices::SlotProblem& p : set.problems())
            out << "  " << tr("%1: not available: %2").arg(p.slot, p.message) << '\n';
        out.flush();
    }

    // The position for the demo case: the first fix from the profile's GNSS receiver that is fit
    // for evidence (usable()), within 3 s, as an event position; {} (and the reason) otherwise.
    static QJsonObject demoPosition(QTextStream& out, devices::DeviceSet& set)
    {
        auto* gnss = set.first<devices::GnssDevice>(devices::DeviceKind::Gnss);
        if (!gnss) {
            out << tr(
                "No GNSS receiver in the device profile; the case is opened without a position")
                << Qt::endl;
            return {};
        }
        QJsonObject position;
        QStringList reasons;
        QEventLoop loop;
        const auto consider = [&](const devices::GnssFix& fix) {
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
        };
        if (gnss->hasFix())
            consider(gnss->currentFix());
        if (position.isEmpty()) {
            QObject::connect(gnss, &devices::GnssDevice::fixReceived, &loop, consider);
            QTimer::singleShot(3000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (position.isEmpty()) {
            if (!gnss->lastError().isEmpty())
                reasons.append(gnss->lastError());
            out << tr("No position accepted; the case is opened without one: %1")
                       .arg(reasons.join(QLatin1Char(' ')))
                << Qt::endl;
        }
        return position;
    }

    // Headless demo: opens a demo case through core, prints what was stored, checks the store.
    static int runHeadless(CaseStore& store, rules::ReferenceStore& reference,
        const QJsonObject& demo, devices::DeviceSet& devices, const QString& profile)
    {
        QTextStream out(stdout);
        out << tr("FieldCase headless demo (no display found)") << '\n'
            << tr("Terminal: %1").arg(store.terminalId()) << '\n'
            << tr("Store: %1").arg(store.databasePath()) << Qt::endl;
        printDevices(out, devices, profile);
        auto caseId = app::openDemoCase(store, demo, demoPosition(out, devices));
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
    // Qt 6.4's GStreamer media backend reports no duration for audio files on a machine with no
    // audio output (most in-car kits); the FFmpeg backend reads them (docs/devices.md).
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
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
    QCommandLineOption devicesOption(QStringLiteral("devices"),
        Terminal::tr("Device profile: demo, vehicle-kit, handheld or a file (default: the "
                     "installed one, else demo)."),
        Terminal::tr("profile"));
    QCommandLineOption linkOption(QStringLiteral("link"),
        Terminal::tr("The link's cost when the system cannot tell: metered (3G/4G, the default: "
                     "audio and video wait) or unmetered."),
        Terminal::tr("cost"), QStringLiteral("metered"));
    parser.addOptions({dataOption, headlessOption, screenshotOption, devicesOption, linkOption});
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
    // Devices: plugins chosen by the profile. A profile that cannot be read stops the start (the
    // installer must fix it); a single device that cannot be made is shown on the panel instead.
    devices::PluginRegistry plugins;
    app::loadDevicePlugins(plugins);
    QString profileSource;
    auto profile = app::resolveDeviceProfile(parser.value(devicesOption), dataDir, &profileSource);
    if (!profile) {
        QTextStream(stderr) << profile.error().message << Qt::endl;
        return 2;
    }
    devices::DeviceSet deviceSet;
    deviceSet.build(*profile, plugins);
    deviceSet.startAll();

    if (headless && !parser.isSet(screenshotOption))
        return Terminal::runHeadless(**store, **reference, *demo, deviceSet, profile->name);

    // Background sync, once the terminal is enrolled (sync settings exist): a worker thread with
    // its own connection to the store; the window tells it when records are added.
    const QString link = parser.value(linkOption);
    if (link != QLatin1String("metered") && link != QLatin1String("unmetered")) {
        QTextStream(stderr) << Terminal::tr("--link takes metered or unmetered, not %1").arg(link)
                            << Qt::endl;
        return 64;
    }
    std::unique_ptr<sync::BackgroundSync> backgroundSync;
    if (sync::SyncSettings::load(dataDir)) {
        sync::BackgroundSync::Options syncOptions;
        syncOptions.worker.storeDirectory = dataDir;
        // Newer reference packs come with sync and go through the same checks as an import
        // by the installer.
        syncOptions.worker.referenceDatabase = app::referenceDatabasePath(dataDir);
        syncOptions.worker.importPack
            = [](rules::ReferenceStore& reference, const QByteArray& file) -> Result<rules::Pack> {
            auto done = app::importReferencePack(reference, file);
            if (!done)
                return fail(std::move(done.error()));
            return done->pack;
        };
        syncOptions.assumeMetered = link == QLatin1String("metered");
        backgroundSync = std::make_unique<sync::BackgroundSync>(syncOptions);
    }

    app::MainWindow window(**store, *demo, &deviceSet, backgroundSync.get());
    std::unique_ptr<app::HeartbeatFeed> heartbeatFeed;
    if (backgroundSync) {
        heartbeatFeed = std::make_unique<app::HeartbeatFeed>(deviceSet, *backgroundSync);
        backgroundSync->start();
    }
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(300, &window, [&window, file] {
            window.grab().save(file);
            QApplication::quit();
        });
    }
    const int rc = application.exec();
    // The window is gone; the worker ends its cycle at the next request and its thread joins
    // before the store closes (nothing is lost: the outbox is durable).
    heartbeatFeed.reset();
    if (backgroundSync)
        backgroundSync->stop();
    return rc;
}
