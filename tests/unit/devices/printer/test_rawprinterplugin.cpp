// The built-in raw printer plugin (fieldcase.printer.raw) over TCP 9100 against a loopback sink:
// a job arrives byte for byte and is Printed; with nothing listening the device is not connected,
// the self-test fails and a job Fails; a PDF is refused before anything is sent.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/printsink.h"
#include "tests/support/waitfor.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace {

std::unique_ptr<Device> makePrinter(quint16 port)
{
    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto made = registry.create(QStringLiteral("printer"), QStringLiteral("fieldcase.printer.raw"),
        {{QStringLiteral("uri"), QStringLiteral("tcp:127.0.0.1:%1").arg(port)},
            {QStringLiteral("connectTimeoutMs"), 1000}, {QStringLiteral("statusPollMs"), 200}});
    INFO((made ? QString() : made.error().message).toStdString());
    REQUIRE(made);
    return std::move(*made);
}

SelfTestReport selfTest(Device& d)
{
    QSignalSpy spy(&d, &Device::selfTestFinished);
    d.runSelfTest(3000);
    REQUIRE(spy.wait(8000));
    return spy.at(0).at(0).value<SelfTestReport>();
}

} // namespace

TEST_CASE("Raw printer plugin over TCP 9100: printed byte for byte, offline, PDF refused",
    "[printer][plugin]")
{
    QByteArray job;
    for (int i = 0; i < 200000; ++i)
        job.append(char(i * 7 % 256));

    test::PrintSink sink;
    REQUIRE(sink.listening());
    auto device = makePrinter(sink.port());
    auto* printer = deviceAs<PrinterDevice>(device.get());
    REQUIRE(printer);
    printer->start();
    REQUIRE(test::waitFor([&] { return printer->state() == DeviceState::Ready; }));
    CHECK(selfTest(*printer).passed());

    QSignalSpy done(printer, &PrinterDevice::printFinished);
    const quint64 ticket
        = printer->print({job, QLatin1String(kEscpFormat), QStringLiteral("decision")});
    REQUIRE(done.wait(20000));
    CHECK(done.at(0).at(0).toULongLong() == ticket);
    const auto outcome = done.at(0).at(1).value<PrintOutcome>();
    INFO(outcome.detail.toStdString());
    CHECK(outcome.result == PrintResult::Printed);
    CHECK(outcome.bytesSent == job.size());
    REQUIRE(test::waitFor([&] { return sink.finishedJobs() >= 1; }));
    // The status polls connect too (TCP has no status channel): the job is the one with data.
    QByteArray received;
    for (const QByteArray& j : sink.jobs())
        received += j;
    CHECK(received == job);

    printer->print({QByteArray("%PDF-1.4"), QLatin1String(kPdfFormat), QStringLiteral("pdf")});
    REQUIRE(done.wait(2000));
    CHECK(done.at(1).at(1).value<PrintOutcome>().result == PrintResult::Failed);

    // A port nobody listens on: not connected, self-test fails, a job fails (nothing was sent).
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    auto dead = makePrinter(deadPort);
    auto* offline = deviceAs<PrinterDevice>(dead.get());
    offline->start();
    REQUIRE(test::waitFor([&] { return offline->state() == DeviceState::Absent; }));
    CHECK_FALSE(offline->lastError().isEmpty());
    CHECK_FALSE(selfTest(*offline).passed());
    QSignalSpy failed(offline, &PrinterDevice::printFinished);
    offline->print({job, QLatin1String(kEscpFormat), QStringLiteral("decision")});
    REQUIRE(failed.wait(10000));
    const auto refused = failed.at(0).at(1).value<PrintOutcome>();
    CHECK(refused.result == PrintResult::Failed);
    CHECK(refused.bytesSent == 0);
}
