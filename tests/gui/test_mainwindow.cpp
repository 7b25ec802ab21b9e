#include "app/common/demoseed.h"
#include "app/common/devicesetup.h"
#include "app/common/i18n.h"
#include "app/terminal/devicepanel.h"
#include "app/terminal/mainwindow.h"
#include "app/terminal/syncindicator.h"
#include "devices/api/deviceprofile.h"
#include "devices/api/devicestext.h"
#include "forms/formstext.h"
#include "sync/client/syncworker.h"
#include "tests/support/storefixture.h"
#include "tests/support/waitfor.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolBar>

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {
QAction* actionNamed(QMainWindow& w, const QString& text)
{
    for (QAction* a : w.findChild<QToolBar*>(QStringLiteral("actionsToolBar"))->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}
} // namespace

TEST_CASE("The demo terminal lists cases opened through core, in Chinese by default", "[gui]")
{
    REQUIRE(app::installTranslations(*QCoreApplication::instance()));
    test::TempDir dir;
    ManualClock clock;
    StoreOptions options;
    options.directory = dir.file(QStringLiteral("store"));
    auto store = CaseStore::open(options, clock);
    REQUIRE(store);
    auto demo = app::loadDemoUnit();
    REQUIRE(demo);
    REQUIRE(app::seedDemoOfficers(**store, *demo));

    app::MainWindow window(**store, *demo);
    window.show();
    CHECK(window.windowTitle().contains(QStringLiteral("执法终端")));
    auto* table = window.findChild<QTableWidget*>(QStringLiteral("casesTableWidget"));
    REQUIRE(table);
    CHECK(table->rowCount() == 0);
    CHECK(table->horizontalHeaderItem(0)->text() == QStringLiteral("案件"));

    QAction* newCase = actionNamed(window, QStringLiteral("新建示范案件"));
    REQUIRE(newCase);
    newCase->trigger();
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == QStringLiteral("货车超限运输（示范案例）"));
    CHECK(table->item(0, 2)->text() == QStringLiteral("办理中"));
    CHECK((*store)->database().scalarInt("SELECT count(*) FROM events").value() == 4);

    const QString shots = QStringLiteral(FIELDCASE_BINARY_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    CHECK(window.grab().save(shots + QStringLiteral("/mainwindow-zh_CN.png")));
}

TEST_CASE("The device panel shows the profile's devices, marks simulators and self-tests them",
    "[gui][devices]")
{
    REQUIRE(app::installTranslations(*QCoreApplication::instance()));
    test::TempDir dir;
    StoreOptions options;
    options.directory = dir.file(QStringLiteral("store"));
    auto store = CaseStore::open(options, Clock::system());
    REQUIRE(store);
    auto demo = app::loadDemoUnit();
    REQUIRE(demo);
    REQUIRE(app::seedDemoOfficers(**store, *demo));

    devices::PluginRegistry plugins;
    app::loadDevicePlugins(plugins);
    auto profile = app::resolveDeviceProfile(QStringLiteral("demo"), dir.path());
    REQUIRE(profile);
    profile->entries.append(
        devices::DeviceSlot {QStringLiteral("spare"), QStringLiteral("vendor.none"), {}});
    devices::DeviceSet set;
    set.build(*profile, plugins);
    set.startAll();

    app::MainWindow window(**store, *demo, &set);
    window.show();
    auto* table = window.findChild<QTableWidget*>(QStringLiteral("devicesTableWidget"));
    REQUIRE(table);
    REQUIRE(table->rowCount() == 7); // six simulators and the slot whose plugin is missing
    for (int row = 0; row < 6; ++row)
        CHECK(table->item(row, 2)->text().endsWith(QStringLiteral("[模拟]")));
    CHECK(table->item(6, 0)->text() == QStringLiteral("spare"));
    CHECK(table->item(6, 3)->text().contains(QStringLiteral("vendor.none")));

    // The GNSS simulator's fix is stamped on a case opened from the window.
    auto* gnss = set.first<devices::GnssDevice>(devices::DeviceKind::Gnss);
    REQUIRE(gnss);
    for (int i = 0; i < 50 && !gnss->hasFix(); ++i)
        QTest::qWait(50);
    REQUIRE(gnss->hasFix());
    QAction* newCase = actionNamed(window, QStringLiteral("新建示范案件"));
    REQUIRE(newCase);
    newCase->trigger();
    CHECK((*store)
              ->database()
              .scalarInt("SELECT count(*) FROM events WHERE json_extract(position, '$.source') = "
                         "'simulator'")
              .value()
        == 4);

    QAction* testDevices = actionNamed(window, QStringLiteral("设备自检"));
    REQUIRE(testDevices);
    auto* panel = window.findChild<app::DevicePanel*>(QStringLiteral("devicePanel"));
    REQUIRE(panel);
    QSignalSpy finished(panel, &app::DevicePanel::selfTestsFinished);
    testDevices->trigger();
    REQUIRE(finished.wait(20000));
    CHECK(finished.at(0).at(0).toInt() == 6);
    CHECK(finished.at(0).at(1).toInt() == 0);
    for (int row = 0; row < 6; ++row)
        CHECK(table->item(row, 4)->text() == QStringLiteral("通过"));

    const QString shots = QStringLiteral(FIELDCASE_BINARY_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    CHECK(window.grab().save(shots + QStringLiteral("/mainwindow-devices-zh_CN.png")));
}

TEST_CASE("Messages outside QObject classes are translated at run time", "[gui][i18n]")
{
    // lupdate files a free function's tr() under its namespace; these contexts must match what
    // the code asks for at run time, or the message silently stays English.
    REQUIRE(app::installTranslations(*QCoreApplication::instance()));
    CHECK(devices::deviceStateTitle(devices::DeviceState::Ready) == QStringLiteral("就绪"));
    CHECK(
        devices::DevicesText::tr("The printer can be reached") == QStringLiteral("可以连接打印机"));
    const QString forms = forms::FormsText::tr("No document templates in %1");
    CHECK_FALSE(forms.isEmpty());
    CHECK(forms != QStringLiteral("No document templates in %1"));
}

namespace {
// A centre nobody can reach, without the wait of a real connection attempt.
class DeadLink : public sync::HttpTransport
{
public:
    Result<sync::HttpResponse> send(const sync::HttpRequest&) override
    {
        return fail(ErrorCode::Io, QStringLiteral("No route to the centre (scripted)"),
            QStringLiteral("failure=unreachable"));
    }
};
} // namespace

TEST_CASE(
    "The status bar shows background sync: not enrolled, then what waits and why", "[gui][sync]")
{
    REQUIRE(app::installTranslations(*QCoreApplication::instance()));
    test::TempDir dir;
    StoreOptions options;
    options.directory = dir.file(QStringLiteral("store"));
    auto store = CaseStore::open(options, Clock::system());
    REQUIRE(store);
    auto demo = app::loadDemoUnit();
    REQUIRE(demo);
    REQUIRE(app::seedDemoOfficers(**store, *demo));

    {
        app::MainWindow window(**store, *demo);
        auto* label = window.findChild<QLabel*>(QStringLiteral("syncStatusLabel"));
        REQUIRE(label);
        CHECK(label->text() == app::SyncIndicator::tr("Sync: not enrolled"));
        auto* syncNow = window.findChild<QAction*>(QStringLiteral("syncNowAction"));
        REQUIRE(syncNow);
        CHECK_FALSE(syncNow->isEnabled());
    }

    // Enrolled with a centre that cannot be reached: the records the window adds are counted
    // as waiting, with the link's error, while the worker backs off.
    sync::SyncSettings settings;
    settings.centreUrl = QStringLiteral("https://centre.invalid:8443");
    settings.installerId = QStringLiteral("demo-installer");
    REQUIRE(settings.save(options.directory));
    sync::BackgroundSync::Options syncOptions;
    syncOptions.worker.storeDirectory = options.directory;
    syncOptions.worker.policy.firstBackoffMs = 60 * 1000;
    syncOptions.worker.makeTransport
        = [](const sync::TlsConfig&) { return std::make_unique<DeadLink>(); };
    syncOptions.watchSystemNetwork = false;
    sync::BackgroundSync backgroundSync(syncOptions);
    app::MainWindow window(**store, *demo, nullptr, &backgroundSync);
    window.show();
    auto* label = window.findChild<QLabel*>(QStringLiteral("syncStatusLabel"));
    REQUIRE(label);
    QSignalSpy cycles(&backgroundSync, &sync::BackgroundSync::cycleFinished);
    backgroundSync.start();
    REQUIRE(cycles.wait(10000));

    QAction* newCase = actionNamed(window, QStringLiteral("新建示范案件"));
    REQUIRE(newCase);
    newCase->trigger();
    REQUIRE(test::waitFor([&] { return backgroundSync.state().queued() == 4; }));
    CHECK(backgroundSync.state().phase == sync::SyncState::Phase::BackingOff);
    CHECK(label->text() == app::SyncIndicator::summary(backgroundSync.state()));
    CHECK(label->text().contains(QStringLiteral("4")));
    CHECK(label->text().contains(QStringLiteral("No route to the centre (scripted)")));
    CHECK(label->toolTip().contains(QStringLiteral("No route to the centre (scripted)")));

    // "Sync now" tries at once, backoff or not.
    auto* syncNow = window.findChild<QAction*>(QStringLiteral("syncNowAction"));
    REQUIRE(syncNow);
    CHECK(syncNow->isEnabled());
    syncNow->trigger();
    REQUIRE(test::waitFor([&] { return cycles.size() == 2; }));
    REQUIRE(test::waitFor([&] { return backgroundSync.state().failedCycles == 2; }));
    CHECK(label->text() == app::SyncIndicator::summary(backgroundSync.state()));

    const QString shots = QStringLiteral(FIELDCASE_BINARY_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    CHECK(window.grab().save(shots + QStringLiteral("/mainwindow-sync-zh_CN.png")));
    backgroundSync.stop();
}
