// The device plugin system: metadata and settings are checked before any plugin code runs, the
// simulator plugins load from disk as real plugin libraries, broken plugins are refused with a
// reason, profiles make devices slot by slot, and built-in plugins go through the same path.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceprofile.h"
#include "devices/api/pluginregistry.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/cupsharness.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace {

QJsonObject goodMetadata()
{
    return QJsonObject {{"id", "test.good"}, {"kind", "gnss"}, {"apiVersion", kDeviceApiVersion},
        {"vendor", "Test"}, {"title", "A test receiver"}, {"simulator", false},
        {"settings",
            QJsonArray {QJsonObject {{"key", "uri"}, {"type", "string"}, {"required", true},
                            {"title", "Receiver"}},
                QJsonObject {{"key", "baud"}, {"type", "integer"}, {"default", 9600},
                    {"minimum", 1200}, {"maximum", 921600}, {"title", "Speed"}},
                QJsonObject {{"key", "parity"}, {"type", "string"}, {"default", "none"},
                    {"choices", QJsonArray {"none", "even", "odd"}}, {"title", "Parity"}}}}};
}

QString rejection(QJsonObject meta)
{
    QString why;
    const auto parsed = parsePluginMetadata(meta, &why);
    return parsed ? QString() : why;
}

// A registry with every plugin this build has: the built-in ones and the simulators on disk.
void loadAll(PluginRegistry& registry)
{
    registerBuiltinDevicePlugins();
    registry.addStaticPlugins();
    registry.scanDirectory(QStringLiteral(FIELDCASE_DEVICE_PLUGIN_DIR));
}

std::unique_ptr<Device> make(
    PluginRegistry& registry, const QString& plugin, const QJsonObject& settings = {})
{
    auto device = registry.create(QStringLiteral("slot"), plugin, settings);
    INFO((device ? QString() : device.error().message).toStdString());
    REQUIRE(device);
    return std::move(*device);
}

SelfTestReport selfTest(Device& device, int budgetMs)
{
    QSignalSpy spy(&device, &Device::selfTestFinished);
    device.runSelfTest(budgetMs);
    REQUIRE(spy.count() == 0); // answers never arrive inside the call
    REQUIRE(spy.wait(budgetMs + 5000));
    return spy.at(0).at(0).value<SelfTestReport>();
}

bool waitForState(Device& device, DeviceState state, int ms = 5000)
{
    return test::waitFor([&] { return device.state() == state; }, ms);
}

} // namespace

TEST_CASE("Plugin metadata is checked field by field", "[devices][plugins]")
{
    REQUIRE(rejection(goodMetadata()).isEmpty());
    QString why;
    const auto good = parsePluginMetadata(goodMetadata(), &why);
    REQUIRE(good);
    CHECK(good->kind == DeviceKind::Gnss);
    CHECK(good->settings.size() == 3);

    auto with = [](const char* key, QJsonValue value) {
        QJsonObject m = goodMetadata();
        if (value.isUndefined())
            m.remove(QLatin1String(key));
        else
            m.insert(QLatin1String(key), value);
        return m;
    };
    CHECK(rejection(with("id", "Bad Id")).contains("id"));
    CHECK(rejection(with("kind", "toaster")).contains("toaster"));
    CHECK(rejection(with("apiVersion", 2)).contains("version 2"));
    CHECK(rejection(with("apiVersion", QJsonValue::Undefined)).contains("apiVersion"));
    CHECK(rejection(with("vendor", QJsonValue::Undefined)).contains("vendor"));
    CHECK(rejection(with("simulator", QJsonValue::Undefined)).contains("simulator"));
    CHECK(rejection(with("simulator", "no")).contains("simulator"));
    CHECK(rejection(with("settings", QJsonValue::Undefined)).contains("settings"));
    CHECK(
        rejection(with("settings",
                      QJsonArray {QJsonObject {{"key", "x"}, {"type", "colour"}, {"title", "X"}}}))
            .contains("unknown type"));
    CHECK(rejection(with("settings",
                        QJsonArray {QJsonObject {{"key", "x"}, {"type", "string"}, {"title", "X"}},
                            QJsonObject {{"key", "x"}, {"type", "integer"}, {"title", "X"}}}))
              .contains("twice"));
    CHECK(rejection(with("settings",
                        QJsonArray {QJsonObject {{"key", "n"}, {"type", "integer"}, {"default", 5},
                            {"maximum", 3}, {"title", "N"}}}))
              .contains("default value"));
    CHECK(rejection(with("settings", QJsonArray {QJsonObject {{"key", "n"}, {"type", "integer"}}}))
              .contains("title"));
}

TEST_CASE("Settings from a profile are checked against the plugin's schema", "[devices][plugins]")
{
    QString why;
    const PluginMetadata meta = *parsePluginMetadata(goodMetadata(), &why);
    const auto applied = applySettingsSchema(meta, {{"uri", "serial:/dev/ttyUSB0"}}, &why);
    REQUIRE(applied);
    CHECK(applied->value("baud").toInt() == 9600); // default filled in
    CHECK(applied->value("parity").toString() == "none");

    auto refused = [&](const QJsonObject& settings) {
        QString reason;
        return applySettingsSchema(meta, settings, &reason) ? QString() : reason;
    };
    CHECK(refused({}).contains("required"));
    CHECK(refused({{"uri", "x"}, {"baudrate", 9600}}).contains("baudrate")); // a typo is an error
    CHECK(refused({{"uri", "x"}, {"baud", "fast"}}).contains("wrong type"));
    CHECK(refused({{"uri", "x"}, {"baud", 9600.5}}).contains("wrong type"));
    CHECK(refused({{"uri", "x"}, {"baud", 300}}).contains("below"));
    CHECK(refused({{"uri", "x"}, {"baud", 2000000}}).contains("above"));
    CHECK(refused({{"uri", "x"}, {"parity", "mark"}}).contains("one of"));
    CHECK(refused({{"uri", 5}}).contains("wrong type"));
}

TEST_CASE("Simulator plugins load from disk, broken plugins are refused with a reason",
    "[devices][plugins]")
{
    PluginRegistry registry;
    registry.scanDirectory(QStringLiteral(FIELDCASE_DEVICE_PLUGIN_DIR));
    REQUIRE(registry.rejections().isEmpty());
    const QList<PluginEntry> plugins = registry.plugins();
    QSet<DeviceKind> kinds;
    for (const PluginEntry& e : plugins) {
        CHECK(e.metadata.simulator);
        CHECK(e.source.endsWith(".so"));
        kinds.insert(e.metadata.kind);
    }
    // Every kind has a simulator.
    CHECK(kinds.size() == allDeviceKinds().size());

    registry.scanDirectory(QStringLiteral(FIELDCASE_BAD_PLUGIN_DIR));
    auto reasonFor = [&](const QString& file) {
        for (const PluginRejection& r : registry.rejections()) {
            if (r.source.endsWith(file))
                return r.reason;
        }
        return QString();
    };
    CHECK(reasonFor("fieldcase_bad_oldapi.so").contains("version 0"));
    CHECK(reasonFor("fieldcase_bad_nosimflag.so").contains("simulator"));
    CHECK(reasonFor("notaplugin.so").contains("not a Qt plugin"));
    // Metadata fine, behaviour wrong: refused when it makes a device that is not what it said.
    REQUIRE(registry.find("test.bad.wrongkind"));
    auto wrong = registry.create("printer", "test.bad.wrongkind", {});
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.contains("does not match"));

    // The same plugins seen twice (two folders with one install): the second copy is refused.
    const qsizetype before = registry.rejections().size();
    registry.scanDirectory(QStringLiteral(FIELDCASE_DEVICE_PLUGIN_DIR));
    CHECK(registry.rejections().size() == before + plugins.size());
    CHECK(registry.rejections().last().reason.contains("already has the id"));
    CHECK(registry.plugins().size() == plugins.size() + 1); // + wrongkind

    // Unknown plugin and bad settings are errors at creation, with the slot named.
    auto missing = registry.create("rear-printer", "vendor.printer.none", {});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.contains("rear-printer"));
    auto bad = registry.create("gnss", "fieldcase.gnss.simulator", {{"latitude", 123.0}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.contains("latitude"));
}

TEST_CASE("Device profiles: structure checked, a broken slot does not stop the others",
    "[devices][plugins]")
{
    CHECK_FALSE(DeviceProfile::fromJson("{"));
    CHECK(DeviceProfile::fromJson(R"({"format": 2, "name": "x", "devices": []})")
              .error()
              .message.contains("format"));
    CHECK(DeviceProfile::fromJson(
        R"({"format": 1, "name": "x", "devices": [{"slot": "Printer 1", "plugin": "p"}]})")
              .error()
              .message.contains("Printer 1"));
    CHECK(DeviceProfile::fromJson(
        R"({"format": 1, "name": "x", "devices": [{"slot": "a", "plugin": "p"}, {"slot": "a", "plugin": "q"}]})")
              .error()
              .message.contains("twice"));

    PluginRegistry registry;
    loadAll(registry);
    for (const char* name : {"demo", "vehicle-kit", "handheld"}) {
        auto p = DeviceProfile::load(
            QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/devices/%1.json").arg(name));
        INFO(name);
        REQUIRE(p);
        CHECK(p->name == QLatin1String(name));
    }
    auto demo
        = DeviceProfile::load(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/devices/demo.json"));
    REQUIRE(demo);
    demo->entries.append(DeviceSlot {"spare", "vendor.missing", {}});
    DeviceSet set;
    set.build(*demo, registry);
    CHECK(set.devices().size() == 6);
    REQUIRE(set.problems().size() == 1);
    CHECK(set.problems().at(0).slot == "spare");
    for (Device* d : set.devices()) {
        CHECK(d->simulated());
        CHECK(implementsKindInterface(d));
    }
    REQUIRE(set.first<GnssDevice>(DeviceKind::Gnss));
    CHECK(set.first<GnssDevice>(DeviceKind::Printer) == nullptr);
}

TEST_CASE("Simulated printer writes marked files and runs out of paper on cue",
    "[devices][plugins][simulator]")
{
    test::TempDir dir;
    PluginRegistry registry;
    loadAll(registry);
    auto device = make(registry, "fieldcase.printer.simulator",
        {{"outputDir", dir.path()}, {"delayMs", 10}, {"paperOutAfterJobs", 1}});
    auto* printer = deviceAs<PrinterDevice>(device.get());
    REQUIRE(printer);
    printer->start();
    CHECK(printer->state() == DeviceState::Ready);
    CHECK(selfTest(*printer, 1000).passed());

    QSignalSpy done(printer, &PrinterDevice::printFinished);
    const QByteArray bytes("\x1b@ESC/P test\x0c", 14);
    const quint64 ticket = printer->print({bytes, kEscpFormat, "test"});
    REQUIRE(done.wait(2000));
    CHECK(done.at(0).at(0).toULongLong() == ticket);
    const auto outcome = done.at(0).at(1).value<PrintOutcome>();
    CHECK(outcome.result == PrintResult::Printed);
    CHECK(outcome.detail.contains("Simulated"));
    const QStringList files = QDir(dir.path()).entryList({"SIMULATED-*.escp"});
    REQUIRE(files.size() == 1);
    QFile f(dir.file(files.at(0)));
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == bytes);

    // Paper out after one job: the state says so, the next job fails, the self-test fails.
    CHECK(printer->state() == DeviceState::Error);
    CHECK(printer->lastError().contains("Paper out"));
    printer->print({bytes, kEscpFormat, "second"});
    REQUIRE(done.wait(2000));
    CHECK(done.at(1).at(1).value<PrintOutcome>().result == PrintResult::Failed);
    CHECK_FALSE(selfTest(*printer, 1000).passed());
}

TEST_CASE("Simulated GNSS moves along its course and marks every fix simulated",
    "[devices][plugins][simulator]")
{
    PluginRegistry registry;
    loadAll(registry);
    auto device = make(registry, "fieldcase.gnss.simulator",
        {{"latitude", 28.0}, {"longitude", 113.0}, {"speedKmh", 72.0}, {"courseDeg", 0.0},
            {"intervalMs", 100}});
    auto* gnss = deviceAs<GnssDevice>(device.get());
    REQUIRE(gnss);
    QSignalSpy fixes(gnss, &GnssDevice::fixReceived);
    gnss->start();
    while (fixes.count() < 4)
        REQUIRE(fixes.wait(2000));
    const GnssFix first = fixes.at(0).at(0).value<GnssFix>();
    const GnssFix fourth = fixes.at(3).at(0).value<GnssFix>();
    CHECK(first.simulated);
    // 20 m/s northwards for three 0.1 s steps = 6 m = 0.0000539°.
    CHECK(fourth.latitude - first.latitude == Approx(6.0 / 111320.0).epsilon(0.01));
    CHECK(fourth.longitude == Approx(113.0));
    CHECK(assess(fourth, std::nullopt, QDateTime::currentMSecsSinceEpoch()).accepted);
    CHECK(eventPosition(fourth).value("source").toString() == "simulator");
    CHECK(gnss->status().value("simulated").toBool());
    CHECK(selfTest(*gnss, 1000).passed());
}

TEST_CASE("Simulated card reader: insertion, demo readout, PIN retry counter",
    "[devices][plugins][simulator]")
{
    PluginRegistry registry;
    loadAll(registry);
    auto device = make(registry, "fieldcase.cardreader.simulator",
        {{"insertAfterMs", 50}, {"pin", "2468"}, {"pinTries", 2},
            {"cardKind", "qualification-certificate"}});
    auto* reader = deviceAs<CardReaderDevice>(device.get());
    REQUIRE(reader);
    QSignalSpy presence(reader, &CardReaderDevice::cardPresenceChanged);
    reader->start();
    CHECK_FALSE(reader->cardPresent());
    REQUIRE(presence.wait(2000));
    CHECK(reader->cardPresent());

    QSignalSpy read(reader, &CardReaderDevice::cardRead);
    const quint64 t = reader->readCard("demo-qualification");
    REQUIRE(read.wait(1000));
    CHECK(read.at(0).at(0).toULongLong() == t);
    const auto readout = read.at(0).at(1).value<CardReadout>();
    CHECK(readout.simulated);
    CHECK(readout.cardKind == "qualification-certificate");
    CHECK(readout.fields.value("name").toString() == QStringLiteral("示例驾驶员"));

    QSignalSpy pin(reader, &CardReaderDevice::pinVerified);
    reader->verifyPin("demo-qualification", "1111");
    REQUIRE(pin.wait(1000));
    auto outcome = pin.at(0).at(1).value<PinOutcome>();
    CHECK(outcome.result == PinOutcome::Result::WrongPin);
    CHECK(outcome.triesLeft == 1);
    reader->verifyPin("demo-qualification", "2468"); // a good PIN resets the counter
    REQUIRE(pin.wait(1000));
    CHECK(pin.at(1).at(1).value<PinOutcome>().result == PinOutcome::Result::Verified);
    reader->verifyPin("demo-qualification", "0000");
    reader->verifyPin("demo-qualification", "0000");
    reader->verifyPin("demo-qualification", "2468"); // too late: blocked
    while (pin.count() < 5)
        REQUIRE(pin.wait(1000));
    CHECK(pin.at(2).at(1).value<PinOutcome>().triesLeft == 1);
    CHECK(pin.at(3).at(1).value<PinOutcome>().result == PinOutcome::Result::Blocked);
    CHECK(pin.at(4).at(1).value<PinOutcome>().result == PinOutcome::Result::Blocked);
}

TEST_CASE(
    "Simulated camera, recorder and scanner produce marked output", "[devices][plugins][simulator]")
{
    test::TempDir dir;
    PluginRegistry registry;
    loadAll(registry);

    auto cam = make(registry, "fieldcase.camera.simulator",
        {{"outputDir", dir.file("cam")}, {"width", 320}, {"height", 240}});
    auto* camera = deviceAs<CameraDevice>(cam.get());
    REQUIRE(camera);
    camera->start();
    QSignalSpy stills(camera, &CameraDevice::captured);
    QSignalSpy failed(camera, &CameraDevice::captureFailed);
    camera->captureStill();
    stills.wait(3000);
    INFO((failed.isEmpty() ? QString() : failed.at(0).at(1).toString()).toStdString());
    REQUIRE(stills.count() == 1);
    const auto media = stills.at(0).at(1).value<CapturedMedia>();
    CHECK(media.simulated);
    CHECK(QFileInfo(media.filePath).fileName().startsWith("SIMULATED-"));
    const QImage picture(media.filePath);
    CHECK(picture.size() == QSize(320, 240));

    auto rec = make(registry, "fieldcase.recorder.simulator",
        {{"outputDir", dir.file("rec")}, {"clips", 2}, {"clipSeconds", 1}, {"officerId", "T-7"}});
    auto* recorder = deviceAs<RecorderDevice>(rec.get());
    REQUIRE(recorder);
    recorder->start();
    QSignalSpy listed(recorder, &RecorderDevice::recordingsListed);
    recorder->listRecordings();
    REQUIRE(listed.wait(1000));
    const auto items = listed.at(0).at(1).value<QList<RecordingInfo>>();
    REQUIRE(items.size() == 2);
    for (const RecordingInfo& item : items) {
        CHECK(item.simulated);
        CHECK(item.officerId == "T-7");
        CHECK(item.durationMs == 1000);
        // 44-byte header + 1 s of 8 kHz 16-bit mono.
        CHECK(QFileInfo(item.filePath).size() == 44 + 16000);
    }
    CHECK(items.at(0).startedAt < items.at(1).startedAt);

    auto scan
        = make(registry, "fieldcase.barcode.simulator", {{"payloads", "A|B"}, {"intervalMs", 20}});
    auto* scanner = deviceAs<BarcodeDevice>(scan.get());
    REQUIRE(scanner);
    QSignalSpy scans(scanner, &BarcodeDevice::scanned);
    scanner->start();
    while (scans.count() < 3)
        REQUIRE(scans.wait(1000));
    CHECK(scans.at(0).at(0).toString() == "A");
    CHECK(scans.at(1).at(0).toString() == "B");
    CHECK(scans.at(2).at(0).toString() == "A");
}

TEST_CASE("Built-in NMEA plugin: a replayed log gives real fixes, a missing port is an error",
    "[devices][plugins][gnss]")
{
    PluginRegistry registry;
    loadAll(registry);
    const PluginEntry* entry = registry.find("fieldcase.gnss.nmea");
    REQUIRE(entry);
    CHECK(entry->source.startsWith("built-in:"));
    CHECK_FALSE(entry->metadata.simulator);

    auto device = make(registry, "fieldcase.gnss.nmea",
        {{"uri",
            "file:" FIELDCASE_SOURCE_DIR
            "/resources/demo/gnss/g4-roadside-stop.nmea?interval=100"}});
    auto* gnss = deviceAs<GnssDevice>(device.get());
    REQUIRE(gnss);
    QSignalSpy fixes(gnss, &GnssDevice::fixReceived);
    gnss->start();
    REQUIRE(fixes.wait(3000));
    CHECK(waitForState(*gnss, DeviceState::Ready));
    const GnssFix fix = fixes.at(0).at(0).value<GnssFix>();
    CHECK_FALSE(fix.simulated);
    CHECK(fix.latitude == Approx(28.0 + 11.2108 / 60.0));
    const SelfTestReport report = selfTest(*gnss, 3000);
    INFO(QJsonDocument(report.toJson()).toJson().toStdString());
    CHECK(report.passed());

    auto absent = make(registry, "fieldcase.gnss.nmea",
        {{"uri", "serial:/dev/ttyFIELDCASE-none"}, {"reconnectIntervalMs", 100}});
    absent->start();
    CHECK(waitForState(*absent, DeviceState::Error));
    CHECK_FALSE(absent->lastError().isEmpty());
    CHECK_FALSE(selfTest(*absent, 500).passed());
}

TEST_CASE("Built-in CUPS plugin: queue state, a job printed byte for byte, a dead scheduler",
    "[devices][plugins][cups]")
{
    test::CupsHarness cups;
    INFO(cups.error().toStdString());
    REQUIRE(cups.started());
    PluginRegistry registry;
    loadAll(registry);
    auto device = make(
        registry, "fieldcase.printer.cups", {{"server", cups.server()}, {"queue", "raw9100"}});
    auto* printer = deviceAs<PrinterDevice>(device.get());
    REQUIRE(printer);
    printer->start();
    REQUIRE(waitForState(*printer, DeviceState::Ready));
    CHECK(selfTest(*printer, 5000).passed());

    QByteArray stream;
    for (int i = 0; i < 4096; ++i)
        stream.append(char(i % 256));
    QSignalSpy done(printer, &PrinterDevice::printFinished);
    printer->print({stream, kEscpFormat, "bytes"});
    REQUIRE(done.wait(30000));
    const auto outcome = done.at(0).at(1).value<PrintOutcome>();
    INFO(outcome.detail.toStdString());
    CHECK(outcome.result == PrintResult::Printed);
    QFile sink(cups.sinkFile());
    for (int i = 0; i < 100 && sink.size() < stream.size(); ++i)
        QTest::qWait(100);
    REQUIRE(sink.open(QIODevice::ReadOnly));
    CHECK(sink.readAll() == stream);

    // A PDF sent to the ESC/P queue is refused before anything reaches CUPS.
    printer->print({"%PDF-1.4", kPdfFormat, "wrong"});
    REQUIRE(done.wait(2000));
    CHECK(done.at(1).at(1).value<PrintOutcome>().result == PrintResult::Failed);

    auto unknownQueue = make(
        registry, "fieldcase.printer.cups", {{"server", cups.server()}, {"queue", "nosuchqueue"}});
    unknownQueue->start();
    REQUIRE(waitForState(*unknownQueue, DeviceState::Error));
    CHECK(unknownQueue->lastError().contains("nosuchqueue"));

    cups.stopScheduler();
    const SelfTestReport dead = selfTest(*printer, 10000);
    CHECK_FALSE(dead.passed());
    printer->print({stream, kEscpFormat, "after"});
    REQUIRE(done.wait(30000));
    CHECK(done.at(2).at(1).value<PrintOutcome>().result != PrintResult::Printed);
    CHECK(waitForState(*printer, DeviceState::Error));
    CHECK(printer->lastError().contains("scheduler"));
}
