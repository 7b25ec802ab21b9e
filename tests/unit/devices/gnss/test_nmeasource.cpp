// NmeaSource against real devices: socat pty pairs standing in for a USB receiver, and a
// loopback QTcpServer standing in for a networked one.
#include "core/util/clock.h"
#include "devices/gnss/nmeasource.h"
#include "tests/support/tempdir.h"
#include "tests/unit/devices/gnss/nmeatestutil.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <catch2/catch.hpp>
#include <functional>
#include <memory>

using namespace fieldcase;
using namespace fieldcase::devices;
using fieldcase::devices::gnsstest::sentence;
using fieldcase::devices::gnsstest::waitUntil;

namespace {

// One socat pty pair: DIR/app for the source, DIR/dev for the simulated receiver. A fresh
// pair per use, because a pty keeps bytes nobody read (stack.md §4).
class PtyPair
{
public:
    explicit PtyPair(const QString& dir)
        : m_app(dir + QStringLiteral("/app"))
        , m_dev(dir + QStringLiteral("/dev"))
    { }
    ~PtyPair() { stop(); }

    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(QStringLiteral("socat"));
        m_process->setArguments({QStringLiteral("pty,raw,echo=0,link=") + m_app,
            QStringLiteral("pty,raw,echo=0,link=") + m_dev});
        m_process->start();
        if (!m_process->waitForStarted(3000))
            return false;
        return waitUntil([this] { return QFileInfo::exists(m_app) && QFileInfo::exists(m_dev); });
    }
    // Simulates pulling the cable: the receiver end disappears.
    void stop()
    {
        m_writer.close();
        if (!m_process)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
        m_process.reset();
        // socat removes its links on SIGTERM; make sure, so the next pair can create them.
        QFile::remove(m_app);
        QFile::remove(m_dev);
    }
    // Writes as the receiver would.
    bool write(const QByteArray& bytes)
    {
        if (!m_writer.isOpen()) {
            m_writer.setFileName(m_dev);
            if (!m_writer.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
                return false;
        }
        return m_writer.write(bytes) == bytes.size();
    }
    [[nodiscard]] QString appPath() const { return m_app; }

private:
    QString m_app;
    QString m_dev;
    std::unique_ptr<QProcess> m_process;
    QFile m_writer;
};

QByteArray epoch(int second, QByteArrayView lat = "3954.2520")
{
    const QByteArray t = "0927" + QByteArray::number(second).rightJustified(2, '0') + ".00";
    return sentence(
               "GPGGA," + t + "," + lat.toByteArray() + ",N,11624.4200,E,1,08,0.9,45.0,M,-8.0,M,,")
        + sentence(
            "GPRMC," + t + ",A," + lat.toByteArray() + ",N,11624.4200,E,12.5,87.3,211126,,,A");
}

} // namespace

TEST_CASE("Scheme registry", "[gnss]")
{
    auto bad = openNmeaDevice(QStringLiteral("bluetooth:00:11"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    CHECK_FALSE(openNmeaDevice(QStringLiteral("tcp:nohostport")));
    CHECK_FALSE(openNmeaDevice(QStringLiteral("serial:/dev/null?baud=fast")));
    auto missing = openNmeaDevice(QStringLiteral("serial:/nonexistent/ttyGPS"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::Io);
}

TEST_CASE("NmeaSource on a pty: fixes, counters, log, cable pull", "[gnss][integration]")
{
    test::TempDir dir;
    ManualClock clock;
    PtyPair pty(dir.path());
    REQUIRE(pty.start());

    NmeaSource source(clock);
    std::vector<GnssFix> fixes;
    std::vector<NmeaSource::State> states;
    QObject::connect(
        &source, &NmeaSource::fixReceived, [&fixes](const GnssFix& f) { fixes.push_back(f); });
    QObject::connect(&source, &NmeaSource::stateChanged,
        [&states](NmeaSource::State s) { states.push_back(s); });
    REQUIRE(source.setLogFile(dir.file(QStringLiteral("nmea.log"))));
    source.start(QStringLiteral("serial:") + pty.appPath() + QStringLiteral("?baud=9600"));
    REQUIRE(source.state() == NmeaSource::State::Connecting);

    QByteArray corrupted = epoch(51);
    corrupted.replace("GPGGA,092751.00,3954.2520", "GPGGA,092751.00,3954.9999");
    const QByteArray written = epoch(50) + corrupted + epoch(52);
    REQUIRE(pty.write(written));
    REQUIRE(waitUntil([&] { return fixes.size() >= 3; }));
    CHECK(source.state() == NmeaSource::State::Receiving);
    CHECK(fixes[0].latitude == Approx(39.9042));
    CHECK(fixes[0].longitude == Approx(116.407));
    CHECK(fixes[0].utc.time() == QTime(9, 27, 50));
    CHECK(fixes[1].utc.time() == QTime(9, 27, 51)); // RMC-only epoch, flushed by the next one
    CHECK(fixes[1].latitude == Approx(39.9042)); // the corrupted GGA was not applied
    CHECK(source.counters().checksumErrors == 1);
    CHECK(source.counters().sentencesOk == 5);

    SECTION("the log holds every raw byte")
    {
        QFile log(dir.file(QStringLiteral("nmea.log")));
        REQUIRE(log.open(QIODevice::ReadOnly));
        CHECK(log.readAll() == written);
    }

    SECTION("cable pull and reconnect")
    {
        source.setReconnectIntervalMs(100);
        pty.stop();
        REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Error; }));
        CHECK_FALSE(source.lastError().isEmpty());
        // Stays in Error while nothing is there to open.
        REQUIRE_FALSE(
            waitUntil([&] { return source.state() == NmeaSource::State::Receiving; }, 400));

        PtyPair replacement(dir.path());
        REQUIRE(replacement.start());
        REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Connecting; }));
        const std::size_t before = fixes.size();
        // Keep writing until the source has reopened and taken a fix from the new pair.
        int second = 53;
        REQUIRE(waitUntil(
            [&] {
                if (second < 59)
                    replacement.write(epoch(second++, "3955.0000"));
                return fixes.size() > before && fixes.back().latitude > 39.91;
            },
            5000));
        CHECK(source.state() == NmeaSource::State::Receiving);
        CHECK(fixes.back().latitude == Approx(39 + 55.0 / 60));
        CHECK(std::find(states.begin(), states.end(), NmeaSource::State::Error) != states.end());
        source.stop();
        CHECK(source.state() == NmeaSource::State::Disconnected);
        replacement.stop();
    }
    source.stop();
    pty.stop();
}

TEST_CASE("NmeaSource goes stale when the receiver falls silent", "[gnss][integration]")
{
    test::TempDir dir;
    PtyPair pty(dir.path());
    REQUIRE(pty.start());
    NmeaSource source;
    source.setStaleAfterMs(200);
    source.start(QStringLiteral("serial:") + pty.appPath());
    REQUIRE(pty.write(epoch(10)));
    REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Receiving; }));
    REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Stale; }, 2000));
    REQUIRE(pty.write(epoch(11)));
    REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Receiving; }));
    source.stop();
    pty.stop();
}

TEST_CASE("NmeaSource over TCP, with a server restart", "[gnss][integration]")
{
    QTcpServer server;
    REQUIRE(server.listen(QHostAddress::LocalHost));
    std::vector<QTcpSocket*> clients;
    QObject::connect(&server, &QTcpServer::newConnection, [&] {
        while (auto* c = server.nextPendingConnection())
            clients.push_back(c);
    });

    ManualClock clock;
    NmeaSource source(clock);
    source.setReconnectIntervalMs(100);
    std::vector<GnssFix> fixes;
    QObject::connect(
        &source, &NmeaSource::fixReceived, [&fixes](const GnssFix& f) { fixes.push_back(f); });
    source.start(QStringLiteral("tcp:127.0.0.1:") + QString::number(server.serverPort()));
    REQUIRE(waitUntil([&] { return clients.size() == 1; }));
    clients[0]->write(epoch(20) + "garbage\r\n" + epoch(21));
    REQUIRE(waitUntil([&] { return fixes.size() >= 2; }));
    CHECK(source.state() == NmeaSource::State::Receiving);
    CHECK(fixes[1].utc.time() == QTime(9, 27, 21));
    CHECK(source.counters().garbageBytes == 7);

    // The server drops the connection: the source reconnects by itself.
    clients[0]->disconnectFromHost();
    REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Error; }));
    REQUIRE(waitUntil([&] { return clients.size() == 2; }));
    clients[1]->write(epoch(22));
    REQUIRE(waitUntil([&] { return fixes.size() >= 3; }));
    CHECK(fixes.back().utc.time() == QTime(9, 27, 22));
    source.stop();
    qDeleteAll(clients);
}
