// The built-in USB recorder plugin: absent until a recorder's folder appears, then its real
// recordings (generated with ffmpeg) listed through the RecorderDevice interface.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/mediafixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace { } // namespace

TEST_CASE(
    "USB recorder plugin: absent, then plugged in, listed and self-tested", "[recorder][plugin]")
{
    qputenv("QT_MEDIA_BACKEND", "ffmpeg"); // as the apps do (see docs/devices.md)
    test::TempDir dir;
    const QString mount = dir.file(QStringLiteral("DSJ"));

    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto made
        = registry.create(QStringLiteral("recorder"), QStringLiteral("fieldcase.recorder.usb"),
            {{QStringLiteral("folder"), mount}, {QStringLiteral("pollMs"), 200}});
    REQUIRE(made);
    auto* recorder = deviceAs<RecorderDevice>(made->get());
    REQUIRE(recorder);
    recorder->start();
    REQUIRE(test::waitFor([&] { return recorder->state() == DeviceState::Absent; }));
    QSignalSpy failed(recorder, &RecorderDevice::listFailed);
    recorder->listRecordings();
    REQUIRE(failed.wait(2000));

    // The recorder is plugged in: identity file and two real clips.
    REQUIRE(QDir().mkpath(mount + QStringLiteral("/RECORD")));
    QFile id(mount + QStringLiteral("/FIELDCASE.ID"));
    REQUIRE(id.open(QIODevice::WriteOnly));
    id.write("device_id=DSJ0099\nofficer_id=11010001\nmodel=DSJ-Test\n");
    id.close();
    test::makeVideo(mount + QStringLiteral("/RECORD/20261121_081500_0001.MP4"), 2);
    test::makeAudio(mount + QStringLiteral("/RECORD/20261121_082000_0002.WAV"), 1);
    REQUIRE(test::waitFor([&] { return recorder->state() == DeviceState::Ready; }));
    CHECK(recorder->status().value(QStringLiteral("deviceId")).toString()
        == QStringLiteral("DSJ0099"));

    QSignalSpy listed(recorder, &RecorderDevice::recordingsListed);
    recorder->listRecordings();
    REQUIRE(listed.wait(10000));
    auto items = listed.at(0).at(1).value<QList<RecordingInfo>>();
    REQUIRE(items.size() == 2);
    std::sort(items.begin(), items.end(),
        [](const RecordingInfo& a, const RecordingInfo& b) { return a.filePath < b.filePath; });
    CHECK(items.at(0).kind == QStringLiteral("video"));
    CHECK(items.at(0).durationMs == Approx(2000).margin(200));
    CHECK(items.at(1).kind == QStringLiteral("audio"));
    CHECK(items.at(1).durationMs == Approx(1000).margin(200));
    CHECK(items.at(0).officerId == QStringLiteral("11010001"));
    CHECK_FALSE(items.at(0).simulated);
    // File names are recorder local time (Beijing): 08:15:00 +08:00.
    CHECK(items.at(0).startedAt == QDateTime(QDate(2026, 11, 21), QTime(0, 15), Qt::UTC));

    QSignalSpy tested(recorder, &Device::selfTestFinished);
    recorder->runSelfTest(5000);
    REQUIRE(tested.wait(10000));
    CHECK(tested.at(0).at(0).value<SelfTestReport>().passed());

    // Unplugged again.
    QDir(mount).removeRecursively();
    REQUIRE(test::waitFor([&] { return recorder->state() == DeviceState::Absent; }));
}
