// The built-in Qt Multimedia camera plugin on a machine without a camera: a clean "absent"
// state with a reason, photo requests refused with a message, a failing self-test, no crash.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"

#include <QCameraDevice>
#include <QMediaDevices>
#include <QSignalSpy>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

TEST_CASE("Qt camera plugin without a camera is absent and says why", "[camera][plugin]")
{
    qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    if (!QMediaDevices::videoInputs().isEmpty()) {
        WARN("this machine has a camera; the test is about having none");
        return;
    }
    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto made
        = registry.create(QStringLiteral("camera"), QStringLiteral("fieldcase.camera.qt"), {});
    REQUIRE(made);
    auto* camera = deviceAs<CameraDevice>(made->get());
    REQUIRE(camera);
    camera->start();
    CHECK(camera->state() == DeviceState::Absent);
    CHECK(camera->lastError().contains(QStringLiteral("No camera")));

    QSignalSpy failed(camera, &CameraDevice::captureFailed);
    QSignalSpy captured(camera, &CameraDevice::captured);
    camera->captureStill();
    REQUIRE(failed.wait(2000));
    CHECK(captured.isEmpty());
    CHECK_FALSE(failed.at(0).at(1).toString().isEmpty());

    QSignalSpy tested(camera, &Device::selfTestFinished);
    camera->runSelfTest(1000);
    REQUIRE(tested.wait(2000));
    CHECK_FALSE(tested.at(0).at(0).value<SelfTestReport>().passed());
}
