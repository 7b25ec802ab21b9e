// The built-in gpsd plugin (fieldcase.gnss.gpsd) on real gpsd started by gpsfake: the device
// becomes Ready, fixes come through GnssDevice, the self-test sees them, and a gpsd that goes
// away turns the device to an error state and back by itself.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/gpsdharness.h"
#include "tests/unit/devices/gnss/nmeatestutil.h"

#include <QSignalSpy>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;
using fieldcase::devices::gnsstest::waitUntil;

TEST_CASE("gpsd plugin on real gpsd: ready, fixes, self-test, restart", "[gnss][gpsd][plugin]")
{
    test::GpsFakeHarness gpsfake;
    const QString log
        = QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/demo/gnss/g4-roadside-stop.nmea");
    INFO(gpsfake.error().toStdString());
    REQUIRE(gpsfake.start(log, 0, 0.2));

    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto made = registry.create(QStringLiteral("gnss"), QStringLiteral("fieldcase.gnss.gpsd"),
        {{QStringLiteral("uri"), QStringLiteral("gpsd:127.0.0.1:%1").arg(gpsfake.port())},
            {QStringLiteral("reconnectIntervalMs"), 200}});
    REQUIRE(made);
    auto* gnss = deviceAs<GnssDevice>(made->get());
    REQUIRE(gnss);
    QSignalSpy fixes(gnss, &GnssDevice::fixReceived);
    gnss->start();
    REQUIRE(waitUntil([&] { return gnss->state() == DeviceState::Ready; }, 15000));
    REQUIRE(waitUntil([&] { return gnss->hasFix() && gnss->currentFix().valid; }, 15000));
    const GnssFix fix = gnss->currentFix();
    CHECK_FALSE(fix.simulated);
    CHECK(fix.latitude == Approx(28.0 + 11.21 / 60.0).margin(0.001));
    CHECK(fix.longitude == Approx(113.075).margin(0.001));

    QSignalSpy tested(gnss, &Device::selfTestFinished);
    gnss->runSelfTest(3000);
    REQUIRE(tested.wait(8000));
    const auto report = tested.at(0).at(0).value<SelfTestReport>();
    REQUIRE(report.checks.size() == 2);
    CHECK(report.checks.at(0).passed); // fixes arrive; the gate's verdict depends on the log's age

    gpsfake.stop();
    REQUIRE(waitUntil([&] { return gnss->state() != DeviceState::Ready; }, 10000));
    CHECK_FALSE(gnss->lastError().isEmpty());
    REQUIRE(gpsfake.start(log, gpsfake.port(), 0.2));
    REQUIRE(waitUntil([&] { return gnss->state() == DeviceState::Ready; }, 20000));
}
