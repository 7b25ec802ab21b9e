// The built-in serial scanner plugin on a socat pty pair: codes arrive whole, a cable pull is an
// error, and the device reopens the port by itself when the cable is back.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace {

// socat pty pair: `app` is the scanner's port as the terminal sees it, `dev` the scanner's side.
std::unique_ptr<QProcess> startPty(const QString& app, const QString& dev)
{
    auto socat = std::make_unique<QProcess>();
    socat->start(QStringLiteral("socat"),
        {QStringLiteral("pty,raw,echo=0,link=") + app,
            QStringLiteral("pty,raw,echo=0,link=") + dev});
    REQUIRE(socat->waitForStarted(3000));
    REQUIRE(test::waitFor([&] { return QFileInfo::exists(app) && QFileInfo::exists(dev); }));
    return socat;
}

void type(const QString& dev, const QByteArray& bytes)
{
    QFile f(dev);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace

TEST_CASE("Serial scanner plugin: whole codes, cable pull and reconnect", "[barcode][plugin]")
{
    test::TempDir dir;
    const QString app = dir.file(QStringLiteral("app"));
    const QString dev = dir.file(QStringLiteral("dev"));
    auto socat = startPty(app, dev);

    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto made
        = registry.create(QStringLiteral("barcode"), QStringLiteral("fieldcase.barcode.serial"),
            {{QStringLiteral("uri"), QStringLiteral("serial:") + app},
                {QStringLiteral("reconnectIntervalMs"), 200}});
    REQUIRE(made);
    auto* scanner = deviceAs<BarcodeDevice>(made->get());
    REQUIRE(scanner);
    QSignalSpy scans(scanner, &BarcodeDevice::scanned);
    scanner->start();
    REQUIRE(scanner->state() == DeviceState::Ready);

    // Two codes in one write, one split over two writes, Chinese text in UTF-8.
    type(dev, "FC1|示交罚〔2026〕00001号\r\nABC-123\r\nSPL");
    type(dev, "IT\r\n");
    REQUIRE(test::waitFor([&] { return scans.size() == 3; }));
    CHECK(scans.at(0).at(0).toString() == QStringLiteral("FC1|示交罚〔2026〕00001号"));
    CHECK(scans.at(1).at(0).toString() == QStringLiteral("ABC-123"));
    CHECK(scans.at(2).at(0).toString() == QStringLiteral("SPLIT"));
    CHECK(scanner->status().value(QStringLiteral("codes")).toInt() == 3);

    // Cable pulled: the pty disappears, the device reports an error with the port's reason.
    socat->terminate();
    socat->waitForFinished(3000);
    REQUIRE(test::waitFor([&] { return scanner->state() == DeviceState::Error; }));
    CHECK_FALSE(scanner->lastError().isEmpty());

    // Cable back: the device reopens the port without being restarted.
    socat = startPty(app, dev);
    REQUIRE(test::waitFor([&] { return scanner->state() == DeviceState::Ready; }));
    type(dev, "AGAIN\n");
    REQUIRE(test::waitFor([&] { return scans.size() == 4; }));
    CHECK(scans.at(3).at(0).toString() == QStringLiteral("AGAIN"));
    socat->terminate();
    socat->waitForFinished(3000);
}
