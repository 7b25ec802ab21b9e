// Replaying a recorded NMEA log through the "file:" scheme: epoch splitting, retiming with
// valid checksums, pacing, looping, and clear errors for a missing or empty recording.
#include "core/util/clock.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/nmeareplay.h"
#include "devices/gnss/nmeasource.h"
#include "tests/support/tempdir.h"
#include "tests/unit/devices/gnss/nmeatestutil.h"

#include <QFile>

#include <catch2/catch.hpp>
#include <vector>

using namespace fieldcase;
using namespace fieldcase::devices;
using fieldcase::devices::gnsstest::sentence;
using fieldcase::devices::gnsstest::waitUntil;

namespace {

// The demo recording shipped for the terminal: a patrol car braking to a stop on G4, 12 epochs.
const QString kDemoRecording
    = QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/demo/gnss/g4-roadside-stop.nmea");

QByteArray gga(QByteArrayView time)
{
    return sentence(
        "GNGGA," + time.toByteArray() + ",2811.2108,N,11304.5000,E,1,14,0.8,52.3,M,,M,,");
}
QByteArray rmc(QByteArrayView time)
{
    return sentence(
        "GNRMC," + time.toByteArray() + ",A,2811.2108,N,11304.5000,E,0.00,0.0,151126,,,A");
}

// All fixes one parser makes of the bytes.
std::vector<GnssFix> parse(const QByteArray& bytes, const Clock& clock)
{
    std::vector<GnssFix> fixes;
    NmeaParser parser(clock);
    parser.setFixCallback([&fixes](const GnssFix& f) { fixes.push_back(f); });
    parser.feed(bytes);
    parser.flush();
    return fixes;
}

} // namespace

TEST_CASE("A recording is cut into epochs where GGA or RMC time changes", "[gnss]")
{
    const QByteArray gsa = sentence("GNGSA,A,3,03,06,14,17,,,,,,,,,1.5,0.8,1.3,1");
    // Mixed line endings and blank lines, as logs copied between machines have.
    QByteArray recording = gga("063010.00") + gsa + rmc("063010.00") + "\n"
        + gga("063011.00").chopped(2) + "\n" + rmc("063011.00") + gsa + gga("063012.00");
    const QList<QByteArray> epochs = NmeaReplayDevice::splitEpochs(recording);
    REQUIRE(epochs.size() == 3);
    CHECK(epochs[0] == gga("063010.00") + gsa + rmc("063010.00"));
    // A GSA without time stays with the epoch before it.
    CHECK(epochs[1] == gga("063011.00") + rmc("063011.00") + gsa);
    CHECK(epochs[2] == gga("063012.00"));

    QFile demo(kDemoRecording);
    REQUIRE(demo.open(QIODevice::ReadOnly));
    CHECK(NmeaReplayDevice::splitEpochs(demo.readAll()).size() == 12);
}

TEST_CASE("Retiming rewrites GGA/RMC time and date with a valid checksum", "[gnss]")
{
    const QDateTime when(QDate(2026, 11, 21), QTime(7, 55, 42, 250), Qt::UTC);
    ManualClock clock;
    clock.setNowMs(when.toMSecsSinceEpoch());

    const QByteArray newGga = NmeaReplayDevice::retimeLine(gga("063010.00").chopped(2), when);
    const QByteArray newRmc = NmeaReplayDevice::retimeLine(rmc("063010.00").chopped(2), when);
    CHECK(newGga.startsWith("$GNGGA,075542.25,2811.2108,N"));
    CHECK(newRmc.contains(",211126,"));
    CHECK_FALSE(newRmc.contains(",151126,"));

    const std::vector<GnssFix> fixes = parse(newRmc + "\r\n" + newGga + "\r\n", clock);
    REQUIRE(fixes.size() == 1); // the checksums are right, so the parser takes both
    CHECK(fixes[0].utc == when.addMSecs(-when.time().msec() % 10)); // centiseconds kept
    CHECK(fixes[0].valid);

    // A recorded fault stays a fault; other sentences are untouched.
    QByteArray broken = gga("063010.00").chopped(2);
    broken[broken.size() - 1] = broken.back() == 'A' ? 'B' : 'A';
    CHECK(NmeaReplayDevice::retimeLine(broken, when) == broken);
    const QByteArray gsa = sentence("GNGSA,A,3,03,06,14,17,,,,,,,,,1.5,0.8,1.3,1").chopped(2);
    CHECK(NmeaReplayDevice::retimeLine(gsa, when) == gsa);
    CHECK(NmeaReplayDevice::retimeLine("$GNGGA,063010.00,no checksum", when)
        == "$GNGGA,063010.00,no checksum");
}

TEST_CASE("file: replays the demo recording as a live receiver, retimed and looping", "[gnss]")
{
    NmeaSource source; // the system clock, as in the demo terminal
    std::vector<GnssFix> fixes;
    QObject::connect(
        &source, &NmeaSource::fixReceived, [&fixes](const GnssFix& f) { fixes.push_back(f); });
    source.start(QStringLiteral("file:") + kDemoRecording + QStringLiteral("?interval=10"));
    // 12 epochs in the file: more than 12 fixes means it looped.
    REQUIRE(waitUntil([&] { return fixes.size() > 14; }));
    CHECK(source.state() == NmeaSource::State::Receiving);
    CHECK(source.counters().checksumErrors == 0);

    const qint64 now = Clock::system().nowMs();
    const GnssFix& last = fixes.back();
    CHECK(last.valid);
    CHECK(last.satellitesUsed == 14);
    CHECK(last.totalSatellitesInView() == 15);
    CHECK(qAbs(last.latitude - (28 + 11.2108 / 60)) < 0.01);
    // Retimed: the gate takes it, with no clock-drift warning.
    const GnssAssessment verdict = assess(last, std::nullopt, now);
    CHECK(verdict.accepted);
    CHECK_FALSE(verdict.clockDrift);
    CHECK(qAbs(last.utc.toMSecsSinceEpoch() - now) < 5000);
    source.stop();
}

TEST_CASE(
    "file: with retime=0 and loop=0 plays the log once as recorded, then goes stale", "[gnss]")
{
    NmeaSource source;
    source.setStaleAfterMs(150);
    std::vector<GnssFix> fixes;
    QObject::connect(
        &source, &NmeaSource::fixReceived, [&fixes](const GnssFix& f) { fixes.push_back(f); });
    source.start(
        QStringLiteral("file:") + kDemoRecording + QStringLiteral("?interval=5&loop=0&retime=0"));
    REQUIRE(waitUntil([&] { return source.state() == NmeaSource::State::Stale; }));
    // Every epoch of the recording ends with RMC, which closes it: one fix each, no repeats.
    CHECK(fixes.size() == 12);
    REQUIRE_FALSE(fixes.empty());
    CHECK(fixes.front().utc == QDateTime(QDate(2026, 11, 15), QTime(6, 30, 10), Qt::UTC));
    CHECK(fixes.back().utc == QDateTime(QDate(2026, 11, 15), QTime(6, 30, 21), Qt::UTC));
    // Braking: 20 m/s at the first fix, standing still at the end.
    REQUIRE(fixes.front().speedMps);
    CHECK(qAbs(*fixes.front().speedMps - 20.0) < 0.05);
    CHECK(*fixes.back().speedMps == 0.0);
    // As recorded, the old time is flagged by the gate.
    CHECK(assess(fixes.back(), std::nullopt, Clock::system().nowMs()).clockDrift);
}

TEST_CASE("file: errors name the recording and the problem", "[gnss]")
{
    test::TempDir dir;
    auto missing = openNmeaDevice(QStringLiteral("file:/nonexistent/log.nmea"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::Io);
    CHECK(missing.error().message.contains(QStringLiteral("/nonexistent/log.nmea")));

    const QString empty = dir.file(QStringLiteral("empty.nmea"));
    QFile f(empty);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("\r\n\n  \n");
    f.close();
    auto nothing = openNmeaDevice(QStringLiteral("file:") + empty);
    REQUIRE_FALSE(nothing);
    CHECK(nothing.error().code == ErrorCode::InvalidArgument);
    CHECK(nothing.error().message.contains(empty));

    CHECK_FALSE(
        openNmeaDevice(QStringLiteral("file:") + kDemoRecording + QStringLiteral("?interval=0")));
    CHECK_FALSE(openNmeaDevice(
        QStringLiteral("file:") + kDemoRecording + QStringLiteral("?interval=soon")));

    // Through a source the error is shown and retried, never silent.
    NmeaSource source;
    source.setReconnectIntervalMs(20);
    source.start(QStringLiteral("file:/nonexistent/log.nmea"));
    CHECK(source.state() == NmeaSource::State::Error);
    CHECK(source.lastError().contains(QStringLiteral("/nonexistent/log.nmea")));
}
