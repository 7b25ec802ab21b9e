// Raw printer transports on real descriptors: TCP 9100 against a loopback sink, serial over a
// socat pty pair, lp against a FIFO and a regular file, and a raw CUPS queue. The job is a real
// ESC/P-K stream (the forms golden file) followed by every byte value.
#include "devices/printer/printertransport.h"
#include "devices/printer/rawtransports.h"
#include "tests/support/cupsharness.h"
#include "tests/support/printsink.h"
#include "tests/support/tempdir.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <functional>
#include <linux/lp.h>
#include <memory>
#include <poll.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace {

// Spins the event loop until `done` holds or the timeout passes.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// The golden ESC/P-K rendering of the sample document, then all 256 byte values repeated until
// the job is `size` bytes (at least the golden file plus one full 0..255 run).
QByteArray escpJob(qsizetype size = 0)
{
    QFile golden(
        QStringLiteral(FIELDCASE_SOURCE_DIR "/tests/unit/forms/escp/golden/sample-document.escp"));
    REQUIRE(golden.open(QIODevice::ReadOnly));
    QByteArray job = golden.readAll();
    REQUIRE(job.startsWith("\x1b@")); // ESC @: printer reset, the start of every ESC/P job
    const qsizetype target = std::max(size, job.size() + 256);
    for (int i = 0; job.size() < target; ++i)
        job.append(char(i & 0xff));
    return job;
}

std::shared_ptr<PrinterTransport> transport(const QString& uri)
{
    auto t = createPrinterTransport(uri);
    INFO(uri.toStdString() << ": " << (t ? std::string() : t.error().message.toStdString()));
    REQUIRE(t);
    return std::shared_ptr<PrinterTransport>(std::move(*t));
}

// Sends on the thread pool and keeps the event loop (the sink) running meanwhile.
PrintOutcome sendAndWait(const std::shared_ptr<PrinterTransport>& t, const QByteArray& job,
    const std::function<void()>& whileWaiting = {})
{
    QFuture<PrintOutcome> future = printAsync(t, job);
    REQUIRE(waitUntil(
        [&] {
            if (whileWaiting)
                whileWaiting();
            return future.isFinished();
        },
        60000));
    return future.result();
}

// The outcome in one line, for INFO (byte arrays are compared as bool: Catch would print MBs).
std::string text(const PrintOutcome& o)
{
    const char* names[] = {"Printed", "Failed", "Unknown"};
    return std::string(names[int(o.result)]) + " " + std::to_string(o.bytesSent) + " "
        + o.detail.toStdString();
}

quint16 unusedPort()
{
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost));
    return probe.serverPort(); // closed again when probe goes out of scope
}

// A socat pty pair: the transport writes to `app`, the test reads the printer side `dev`.
class PtyPair
{
public:
    explicit PtyPair(const QString& dir)
        : m_app(dir + QStringLiteral("/printer-app"))
        , m_dev(dir + QStringLiteral("/printer-dev"))
    { }
    ~PtyPair()
    {
        closeReader();
        stop();
    }

    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->start(QStringLiteral("socat"),
            {QStringLiteral("pty,raw,echo=0,link=") + m_app,
                QStringLiteral("pty,raw,echo=0,link=") + m_dev});
        if (!m_process->waitForStarted(3000))
            return false;
        if (!waitUntil([this] { return QFileInfo::exists(m_app) && QFileInfo::exists(m_dev); }))
            return false;
        m_reader = ::open(m_dev.toLocal8Bit().constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY);
        return m_reader >= 0;
    }
    // The printer side vanishes (cable pulled, printer switched off).
    void stop()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(3000);
        m_process.reset();
        QFile::remove(m_app);
        QFile::remove(m_dev);
    }
    // Reads whatever the printer side has received so far.
    void drain()
    {
        char buf[65536];
        while (m_reader >= 0) {
            const ssize_t n = ::read(m_reader, buf, sizeof buf);
            if (n <= 0)
                break;
            m_received.append(buf, n);
        }
    }
    void closeReader()
    {
        if (m_reader >= 0)
            ::close(m_reader);
        m_reader = -1;
    }
    [[nodiscard]] QString appPath() const { return m_app; }
    [[nodiscard]] const QByteArray& received() const { return m_received; }

private:
    QString m_app;
    QString m_dev;
    std::unique_ptr<QProcess> m_process;
    int m_reader = -1;
    QByteArray m_received;
};

} // namespace

TEST_CASE("Printer URIs pick a transport from the registry", "[printer]")
{
    for (const char* uri : {"serial:/dev/ttyUSB0?baud=9600&flow=rtscts", "serial:/dev/ttyS0",
             "tcp:192.168.1.50:9100", "tcp:printer.local", "tcp:[::1]:9100", "lp:/dev/usb/lp0",
             "cups:raw9100", "cups:raw9100?server=/run/cups/cups.sock"}) {
        INFO(uri);
        auto t = createPrinterTransport(QString::fromLatin1(uri));
        REQUIRE(t);
        CHECK((*t)->uri() == QString::fromLatin1(uri));
    }
    for (const char* uri : {"bluetooth:00:11", "noscheme", "serial:", "serial:/dev/ttyS0?baud=fast",
             "serial:/dev/ttyS0?baud=1234", "serial:/dev/ttyS0?flow=magic", "tcp:host:99999",
             "tcp:", "tcp:a:b:9100", "lp:relative/lp0", "cups:"}) {
        INFO(uri);
        auto t = createPrinterTransport(QString::fromLatin1(uri));
        REQUIRE_FALSE(t);
        CHECK(t.error().code == ErrorCode::InvalidArgument);
        CHECK_FALSE(t.error().message.isEmpty());
    }
    CHECK((*createPrinterTransport(QStringLiteral("lp:/dev/lp0")))
              ->capabilities()
              .testFlag(PrinterTransport::Capability::ReportsBusy));
    CHECK_FALSE((*createPrinterTransport(QStringLiteral("lp:/dev/usb/lp0")))
                    ->capabilities()
                    .testFlag(PrinterTransport::Capability::ReportsBusy));
    // An empty job prints nothing, and says so.
    const PrintOutcome empty
        = (*createPrinterTransport(QStringLiteral("tcp:127.0.0.1:1")))->send({});
    CHECK(empty.result == PrintResult::Failed);
    CHECK(empty.bytesSent == 0);
}

TEST_CASE("TCP 9100: every byte arrives and the job is Printed", "[printer][tcp]")
{
    test::PrintSink sink;
    REQUIRE(sink.listening());
    const QByteArray job = escpJob(3 * 1024 * 1024);
    auto t = transport(QStringLiteral("tcp:127.0.0.1:") + QString::number(sink.port()));
    const PrintOutcome o = sendAndWait(t, job);
    INFO(text(o));
    CHECK(o.result == PrintResult::Printed);
    CHECK(o.bytesSent == job.size());
    REQUIRE(waitUntil([&] { return sink.finishedJobs() == 1; }));
    REQUIRE(sink.jobs().size() == 1);
    CHECK(sink.jobs().front().size() == job.size());
    CHECK((sink.jobs().front() == job));

    QFuture<PrinterStatusReport> status = QtConcurrent::run([t] { return t->status(); });
    REQUIRE(waitUntil([&] { return status.isFinished(); }));
    CHECK(status.result().status == PrinterStatus::Ready);
}

TEST_CASE("TCP 9100: the printer breaks off mid-job → Unknown", "[printer][tcp]")
{
    const QByteArray job = escpJob(16 * 1024 * 1024);
    SECTION("the printer resets the connection after 64 KiB")
    {
        test::PrintSink sink(test::PrintSink::Mode::AbortAfter, 64 * 1024);
        auto t = transport(QStringLiteral("tcp:127.0.0.1:") + QString::number(sink.port()));
        const PrintOutcome o = sendAndWait(t, job);
        INFO(text(o));
        CHECK(o.result == PrintResult::Unknown);
        CHECK(o.bytesSent > 0);
        CHECK(o.bytesSent < job.size());
        CHECK_FALSE(o.detail.isEmpty());
        REQUIRE(sink.jobs().size() == 1);
        CHECK((sink.jobs().front() == job.left(sink.jobs().front().size())));
    }
    SECTION("the printer stops reading (jam): the stall timeout ends the job")
    {
        test::PrintSink sink(test::PrintSink::Mode::StopReading, 64 * 1024);
        auto t = transport(QStringLiteral("tcp:127.0.0.1:") + QString::number(sink.port()));
        t->setTimeouts({.connectMs = 2000, .stallMs = 500, .finishMs = 500});
        const PrintOutcome o = sendAndWait(t, job);
        INFO(text(o));
        CHECK(o.result == PrintResult::Unknown);
        CHECK(o.bytesSent > 0);
        CHECK(o.bytesSent < job.size());
        CHECK(o.detail.contains(QStringLiteral("stopped taking data")));
    }
}

TEST_CASE("TCP 9100: nobody listening → Failed with a clear message", "[printer][tcp]")
{
    const quint16 port = unusedPort();
    auto t = transport(QStringLiteral("tcp:127.0.0.1:") + QString::number(port));
    const PrintOutcome o = t->send(escpJob());
    INFO(text(o));
    CHECK(o.result == PrintResult::Failed);
    CHECK(o.bytesSent == 0);
    CHECK(o.detail.contains(QStringLiteral("refused the connection")));
    CHECK(o.detail.contains(QString::number(port)));
    const PrinterStatusReport s = t->status();
    CHECK(s.status == PrinterStatus::Offline);
}

TEST_CASE("Serial over a pty pair: bytes equal, cable pulled mid-job", "[printer][serial]")
{
    test::TempDir dir;
    PtyPair pty(dir.path());
    REQUIRE(pty.start());
    auto t = transport(QStringLiteral("serial:") + pty.appPath() + QStringLiteral("?baud=115200"));

    SECTION("a whole job arrives byte for byte")
    {
        const QByteArray job = escpJob(256 * 1024);
        const PrintOutcome o = sendAndWait(t, job, [&] { pty.drain(); });
        INFO(text(o));
        CHECK(o.result == PrintResult::Printed);
        CHECK(o.bytesSent == job.size());
        REQUIRE(waitUntil([&] {
            pty.drain();
            return pty.received().size() >= job.size();
        }));
        CHECK((pty.received() == job));
        // A pty has no modem lines: the status is unknown, not "ready".
        CHECK(t->status().status == PrinterStatus::Unknown);
    }
    SECTION("the printer side disappears mid-job → Unknown")
    {
        const QByteArray job = escpJob(8 * 1024 * 1024);
        QFuture<PrintOutcome> future = printAsync(t, job);
        REQUIRE(waitUntil([&] {
            pty.drain();
            return pty.received().size() >= 32 * 1024;
        }));
        pty.closeReader();
        pty.stop();
        REQUIRE(waitUntil([&] { return future.isFinished(); }, 40000));
        const PrintOutcome o = future.result();
        INFO(text(o));
        CHECK(o.result == PrintResult::Unknown);
        CHECK(o.bytesSent >= 32 * 1024);
        CHECK(o.bytesSent < job.size());
    }
    SECTION("the reading end closes mid-job and nothing moves → Unknown after the stall timeout")
    {
        t->setTimeouts({.connectMs = 1000, .stallMs = 1000, .finishMs = 1000});
        const QByteArray job = escpJob(8 * 1024 * 1024);
        QFuture<PrintOutcome> future = printAsync(t, job);
        REQUIRE(waitUntil([&] {
            pty.drain();
            return pty.received().size() >= 32 * 1024;
        }));
        pty.closeReader();
        REQUIRE(waitUntil([&] { return future.isFinished(); }, 40000));
        const PrintOutcome o = future.result();
        INFO(text(o));
        CHECK(o.result == PrintResult::Unknown);
        CHECK(o.bytesSent > 0);
        CHECK(o.bytesSent < job.size());
    }
}

TEST_CASE("Serial: a port that does not exist → Failed", "[printer][serial]")
{
    auto t = transport(QStringLiteral("serial:/nonexistent/ttyPRN?baud=9600&flow=rtscts"));
    const PrintOutcome o = t->send(escpJob());
    INFO(text(o));
    CHECK(o.result == PrintResult::Failed);
    CHECK(o.bytesSent == 0);
    CHECK(o.detail.contains(QStringLiteral("/nonexistent/ttyPRN")));
    CHECK(t->status().status == PrinterStatus::Offline);
    // A regular file is not a serial port: refused before any byte.
    test::TempDir dir;
    QFile plain(dir.file(QStringLiteral("not-a-tty")));
    REQUIRE(plain.open(QIODevice::WriteOnly));
    plain.close();
    auto notTty = transport(QStringLiteral("serial:") + plain.fileName());
    CHECK(notTty->send(escpJob()).result == PrintResult::Failed);
    CHECK(QFileInfo(plain.fileName()).size() == 0);
}

TEST_CASE("lp: a regular file stands in for /dev/usb/lp0", "[printer][lp]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("lp0"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.close();
    auto t = transport(QStringLiteral("lp:") + path);
    const QByteArray job = escpJob(512 * 1024);
    const PrintOutcome o = t->send(job);
    INFO(text(o));
    CHECK(o.result == PrintResult::Printed);
    CHECK(o.bytesSent == job.size());
    CHECK(o.detail.contains(QStringLiteral("no printer status")));
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK((file.readAll() == job));

    // LPGETSTATUS on something that is not an lp device fails with ENOTTY: Unknown, never Ready.
    const PrinterStatusReport s = t->status();
    CHECK(s.status == PrinterStatus::Unknown);
    CHECK(s.status != PrinterStatus::Ready);
    CHECK(s.detail.contains(path));
}

TEST_CASE("lp: a FIFO carries the byte stream, no reader → Failed", "[printer][lp]")
{
    test::TempDir dir;
    const QString path = dir.file(QStringLiteral("lp-fifo"));
    REQUIRE(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0);
    auto t = transport(QStringLiteral("lp:") + path);

    // No reader: like an unplugged USB printer, the device cannot be opened.
    const PrintOutcome none = t->send(escpJob());
    INFO(text(none));
    CHECK(none.result == PrintResult::Failed);
    CHECK(none.bytesSent == 0);
    CHECK(none.detail.contains(QStringLiteral("not connected")));

    // A reader (O_RDWR so it never sees EOF before the writer opens) collects exactly the job.
    const QByteArray job = escpJob(1024 * 1024);
    const int reader = ::open(path.toLocal8Bit().constData(), O_RDWR | O_NONBLOCK);
    REQUIRE(reader >= 0);
    QByteArray received;
    std::thread collector([&] {
        char buf[65536];
        QElapsedTimer timer;
        timer.start();
        while (received.size() < job.size() && timer.elapsed() < 20000) {
            pollfd pfd {reader, POLLIN, 0};
            if (::poll(&pfd, 1, 100) > 0) {
                const ssize_t n = ::read(reader, buf, sizeof buf);
                if (n > 0)
                    received.append(buf, n);
            }
        }
    });
    const PrintOutcome o = t->send(job);
    collector.join();
    // With a reader the FIFO opens, but LPGETSTATUS says ENOTTY: Unknown. Without: Offline.
    CHECK(t->status().status == PrinterStatus::Unknown);
    ::close(reader);
    CHECK(t->status().status == PrinterStatus::Offline);
    INFO(text(o));
    CHECK(o.result == PrintResult::Printed);
    CHECK(o.bytesSent == job.size());
    CHECK((received == job));
}

TEST_CASE("lp: LPGETSTATUS bits", "[printer][lp]")
{
    const int ready = LP_PSELECD | LP_PERRORP | LP_PBUSY; // parallel: BUSY is inverted
    CHECK(lpStatusFromBits(ready, true).status == PrinterStatus::Ready);
    CHECK(lpStatusFromBits(LP_PSELECD | LP_PERRORP, true).status == PrinterStatus::Busy);
    CHECK(lpStatusFromBits(LP_PSELECD | LP_PERRORP, false).status == PrinterStatus::Ready); // usblp
    CHECK(lpStatusFromBits(LP_PSELECD | LP_PERRORP | LP_POUTPA, false).status
        == PrinterStatus::PaperOut);
    CHECK(lpStatusFromBits(LP_POUTPA, true).status == PrinterStatus::PaperOut); // before offline
    CHECK(lpStatusFromBits(LP_PERRORP | LP_PBUSY, true).status == PrinterStatus::Offline);
    CHECK(lpStatusFromBits(LP_PSELECD | LP_PBUSY, true).status == PrinterStatus::Error);
    CHECK(QString::fromLatin1(printerStatusName(PrinterStatus::PaperOut))
        == QStringLiteral("PaperOut"));
}

TEST_CASE("cups: the raw queue behind the same interface", "[printer][cups]")
{
    test::CupsHarness cups;
    INFO(cups.error().toStdString());
    REQUIRE(cups.started());
    const QByteArray job = escpJob();
    auto t = transport(QStringLiteral("cups:raw9100?server=") + cups.server());
    const PrintOutcome o = t->send(job);
    INFO(text(o));
    CHECK(o.result == PrintResult::Printed);
    CHECK(o.bytesSent == job.size());
    QByteArray printed;
    REQUIRE(waitUntil(
        [&] {
            QFile f(cups.sinkFile());
            if (f.open(QIODevice::ReadOnly))
                printed = f.readAll();
            return printed.size() >= job.size();
        },
        15000));
    CHECK((printed == job));
    CHECK(t->status().status == PrinterStatus::Unknown);

    auto dead = transport(QStringLiteral("cups:deadraw?server=") + cups.server());
    dead->setTimeouts({.connectMs = 2000, .stallMs = 4000, .finishMs = 4000});
    const PrintOutcome lost = dead->send(job);
    INFO(text(lost));
    CHECK(lost.result != PrintResult::Printed);
}
