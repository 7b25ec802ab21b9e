#include "app/common/demoseed.h"
#include "app/common/devicesetup.h"
#include "app/common/i18n.h"
#include "app/terminal/devicepanel.h"
#include "app/terminal/mainwindow.h"
#include "devices/api/deviceprofile.h"
#include "devices/api/devicestext.h"
#include "forms/formstext.h"
#include "tests/support/storefixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
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
