#include "core/util/clock.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/nmeaparser.h"
#include "tests/unit/devices/gnss/nmeatestutil.h"

#include <QTimeZone>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;
using fieldcase::devices::gnsstest::sentence;

namespace {

const QByteArray Gga
    = sentence("GPGGA,092750.000,3954.2520,N,11624.4200,E,1,08,0.9,45.0,M,-8.0,M,,");
const QByteArray Rmc = sentence("GPRMC,092750.000,A,3954.2520,N,11624.4200,E,12.5,87.3,211126,,,A");
const QByteArray Gsa = sentence("GPGSA,A,3,04,05,09,12,24,25,29,31,,,,,1.8,0.9,1.5");

// Collects every fix the parser emits.
struct Collector
{
    explicit Collector(NmeaParser& parser)
    {
        parser.setFixCallback([this](const GnssFix& fix) { fixes.push_back(fix); });
    }
    std::vector<GnssFix> fixes;
};

} // namespace

TEST_CASE("Checksum helper matches a published sentence", "[gnss]")
{
    // A widely quoted example sentence with its receiver-computed checksum.
    CHECK(sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")
        == "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n");
}

TEST_CASE("GP GGA + GSA + GSV + RMC + VTG make one exact fix", "[gnss]")
{
    ManualClock clock;
    NmeaParser parser(clock);
    Collector out(parser);
    parser.feed(Gga);
    CHECK(out.fixes.empty()); // waits for the RMC of the same epoch
    parser.feed(Gsa);
    parser.feed(sentence("GPGSV,3,1,11,04,45,120,40,05,30,200,38,09,60,045,42,12,10,300,30"));
    parser.feed(Rmc);
    REQUIRE(out.fixes.size() == 1);
    parser.feed(sentence("GPVTG,87.3,T,,M,12.5,N,23.2,K,A"));
    const GnssFix& f = out.fixes[0];
    CHECK(f.valid);
    CHECK(f.latitude == Approx(39.9042).epsilon(1e-9));
    CHECK(f.longitude == Approx(116.407).epsilon(1e-9));
    CHECK(f.altitudeM == 45.0);
    CHECK(f.speedMps.value() == Approx(12.5 * 1852.0 / 3600.0));
    CHECK(f.courseDeg == 87.3);
    CHECK(f.utc == QDateTime(QDate(2026, 11, 21), QTime(9, 27, 50), QTimeZone::utc()));
    CHECK(f.fixType == GnssFixType::Fix3D);
    CHECK(f.quality == 1);
    CHECK(f.satellitesUsed == 8);
    CHECK(f.satellitesInView.value(GnssConstellation::Gps) == 11);
    CHECK(f.hdop == 0.9);
    CHECK(f.pdop == 1.8);
    CHECK(f.vdop == 1.5);
    CHECK(f.ageMs == 0);
    CHECK(f.receivedAtMs == clock.nowMs());
    CHECK(f.sourceTalker == QStringLiteral("GP"));
    CHECK(parser.currentFix().speedMps.value() == Approx(23.2 / 3.6)); // VTG applied
    CHECK(parser.counters().sentencesOk == 5);
    CHECK(parser.counters().checksumErrors == 0);
    CHECK(parser.counters().garbageBytes == 0);
}

TEST_CASE("BeiDou and multi-constellation talkers, southern and western hemispheres", "[gnss]")
{
    ManualClock clock;
    NmeaParser parser(clock);
    Collector out(parser);
    parser.feed(sentence("GNGGA,120000.00,3352.1234,S,15112.5678,W,2,12,0.7,30.5,M,,M,,"));
    parser.feed(sentence("GNGSA,A,2,01,02,03,04,,,,,,,,,2.1,0.7,1.9,1"));
    parser.feed(sentence("BDGSV,2,1,07,01,45,120,40,02,30,200,38,03,60,045,42,04,10,300,30"));
    parser.feed(sentence("GBGSV,1,1,02,21,45,120,40,22,30,200,38"));
    parser.feed(sentence("GLGSV,1,1,03,65,45,120,40,66,30,200,38,67,10,10,20"));
    parser.feed(sentence("GAGSV,1,1,01,05,45,120,40"));
    parser.feed(sentence("GNRMC,120000.00,A,3352.1234,S,15112.5678,W,0.0,,010126,,,D"));
    REQUIRE(out.fixes.size() == 1);
    const GnssFix& f = out.fixes[0];
    CHECK(f.latitude == Approx(-(33 + 52.1234 / 60)).epsilon(1e-12));
    CHECK(f.longitude == Approx(-(151 + 12.5678 / 60)).epsilon(1e-12));
    CHECK(f.quality == 2);
    CHECK(f.fixType == GnssFixType::Fix2D);
    CHECK(f.satellitesUsed == 12);
    // BD then GB: both BeiDou, the later GSV wins.
    CHECK(f.satellitesInView.value(GnssConstellation::BeiDou) == 2);
    CHECK(f.satellitesInView.value(GnssConstellation::Glonass) == 3);
    CHECK(f.satellitesInView.value(GnssConstellation::Galileo) == 1);
    CHECK(f.totalSatellitesInView() == 6);
    CHECK(f.sourceTalker == QStringLiteral("GN"));
    CHECK(f.utc == QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc()));
    CHECK(f.speedMps == 0.0);
    CHECK_FALSE(f.courseDeg.has_value());
}

TEST_CASE("BeiDou-only receiver with BD talker", "[gnss]")
{
    NmeaParser parser;
    Collector out(parser);
    parser.feed(sentence("BDGGA,010203.5,2232.1000,N,11403.0000,E,1,06,1.2,10.0,M,,M,,"));
    parser.feed(sentence("BDRMC,010203.5,A,2232.1000,N,11403.0000,E,1.0,10.0,150326,,,A"));
    REQUIRE(out.fixes.size() == 1);
    CHECK(out.fixes[0].sourceTalker == QStringLiteral("BD"));
    CHECK(out.fixes[0].latitude == Approx(22 + 32.1 / 60));
    CHECK(out.fixes[0].utc.time() == QTime(1, 2, 3, 500));
}

TEST_CASE("Bad checksums and lines without checksum are counted and dropped", "[gnss]")
{
    NmeaParser parser;
    Collector out(parser);
    QByteArray corrupted = Gga;
    corrupted.replace("3954.2520", "3954.2521"); // one digit flipped in transit
    parser.feed(corrupted);
    parser.feed(QByteArray(Rmc).replace("*", "*0")); // three hex digits
    // No checksum at all: NMEA allows it for some sentences, we reject it (see NmeaParser).
    parser.feed("$GPRMC,092750.000,A,3954.2520,N,11624.4200,E,12.5,87.3,211126,,,A\r\n");
    CHECK(parser.counters().checksumErrors == 2);
    CHECK(parser.counters().missingChecksum == 1);
    CHECK(parser.counters().sentencesOk == 0);
    CHECK(out.fixes.empty());
    CHECK(parser.currentFix().latitude == 0.0); // nothing applied
}

TEST_CASE("Garbage, partial lines, CR/LF variants and overlong lines", "[gnss]")
{
    NmeaParser parser;
    Collector out(parser);
    parser.feed(QByteArray("\xff\x00junk", 6)); // 6 bytes of noise
    const QByteArray gga = Gga.chopped(2) + "\n"; // LF only
    parser.feed(gga.left(20));
    parser.feed(gga.mid(20));
    parser.feed(QByteArray(1000, 'x')); // 1000 more bytes of noise
    parser.feed("$GPGGA,1234"); // interrupted by the next '$': 11 bytes dropped
    parser.feed("$" + QByteArray(NmeaParser::MaxLineLength + 10, 'A')); // overlong, dropped
    const QByteArray rmc = Rmc.chopped(2) + "\r"; // CR only
    for (const char c : rmc)
        parser.feed(QByteArrayView(&c, 1)); // one byte at a time
    REQUIRE(out.fixes.size() == 1);
    CHECK(out.fixes[0].latitude == Approx(39.9042));
    CHECK(parser.counters().sentencesOk == 2);
    CHECK(parser.counters().garbageBytes >= 6 + 1000 + 11 + NmeaParser::MaxLineLength);
}

TEST_CASE("Unknown and malformed sentences are counted, not applied", "[gnss]")
{
    NmeaParser parser;
    parser.feed(sentence("GPGLL,3954.2520,N,11624.4200,E,092750.000,A,A"));
    parser.feed(sentence("PUBX,00,092750.00"));
    parser.feed(sentence("XXGGA,092750.000,3954.2520,N,11624.4200,E,1,08,0.9,45.0,M,-8.0,M,,"));
    parser.feed(sentence("GPGGA,092750.000,3999.0000,N,11624.4200,E,1,08,0.9,45.0,M,,M,,"));
    CHECK(parser.counters().unknownSentences == 3);
    CHECK(parser.counters().malformedSentences == 1); // 99 minutes
    CHECK(parser.currentFix().latitude == 0.0);
}

TEST_CASE("RMC-only receivers still get one fix per epoch, invalid fixes age", "[gnss]")
{
    ManualClock clock;
    NmeaParser parser(clock);
    Collector out(parser);
    parser.feed(sentence("GPRMC,000001,A,3954.2520,N,11624.4200,E,0,0,211126,,,A"));
    CHECK(out.fixes.empty()); // GGA might still come for this epoch
    clock.advanceMs(1000);
    parser.feed(sentence("GPRMC,000002,A,3954.2520,N,11624.4200,E,0,0,211126,,,A"));
    REQUIRE(out.fixes.size() == 2); // previous epoch flushed, and RMC alone now completes one
    CHECK(out.fixes[0].utc.time() == QTime(0, 0, 1));
    CHECK(out.fixes[1].utc.time() == QTime(0, 0, 2));
    clock.advanceMs(4000);
    parser.feed(sentence("GPRMC,000006,V,,,,,,,211126,,,N"));
    REQUIRE(out.fixes.size() == 3);
    CHECK_FALSE(out.fixes[2].valid);
    CHECK(out.fixes[2].ageMs == 4000);
    CHECK(out.fixes[2].latitude == Approx(39.9042)); // last valid position kept
}

TEST_CASE("Fix type from GGA when no GSA is sent", "[gnss]")
{
    NmeaParser parser;
    Collector out(parser);
    parser.feed(sentence("GPGGA,000001,3954.2520,N,11624.4200,E,1,05,1.0,,M,,M,,"));
    parser.feed(sentence("GPRMC,000001,A,3954.2520,N,11624.4200,E,0,0,211126,,,A"));
    REQUIRE(out.fixes.size() == 1);
    CHECK(out.fixes[0].fixType == GnssFixType::Fix2D);
    parser.feed(sentence("GPGGA,000002,,,,,0,00,99.9,,M,,M,,"));
    parser.feed(sentence("GPRMC,000002,V,,,,,,,211126,,,N"));
    REQUIRE(out.fixes.size() == 2);
    CHECK(out.fixes[1].fixType == GnssFixType::None);
    CHECK_FALSE(out.fixes[1].valid);
}

namespace {

GnssFix goodFix(qint64 nowMs)
{
    GnssFix f;
    f.valid = true;
    f.latitude = 39.9042;
    f.longitude = 116.407;
    f.fixType = GnssFixType::Fix3D;
    f.quality = 1;
    f.satellitesUsed = 8;
    f.hdop = 0.9;
    f.ageMs = 0;
    f.receivedAtMs = nowMs;
    f.utc = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc());
    return f;
}

} // namespace

TEST_CASE("assess: accuracy gate", "[gnss]")
{
    const qint64 now = ManualClock().nowMs();
    GnssPolicy policy;
    auto fix = goodFix(now);
    auto a = assess(fix, std::nullopt, now, policy);
    CHECK(a.accepted);
    CHECK(a.rejectReasons.isEmpty());
    CHECK_FALSE(a.impossibleSpeed);
    CHECK_FALSE(a.clockDrift);
    CHECK_FALSE(a.staleFix);

    SECTION("HDOP too high")
    {
        fix.hdop = 8.5;
        a = assess(fix, std::nullopt, now, policy);
        CHECK_FALSE(a.accepted);
        REQUIRE(a.rejectReasons.size() == 1);
        CHECK(a.rejectReasons[0] == QStringLiteral("HDOP 8.5 is above the limit of 5.0."));
    }
    SECTION("too few satellites")
    {
        fix.satellitesUsed = 3;
        a = assess(fix, std::nullopt, now, policy);
        CHECK_FALSE(a.accepted);
        CHECK(a.rejectReasons.join(u' ').contains(QStringLiteral("Only 3 satellites")));
    }
    SECTION("2D passes, no fix does not")
    {
        fix.fixType = GnssFixType::Fix2D;
        CHECK(assess(fix, std::nullopt, now, policy).accepted);
        fix.fixType = GnssFixType::None;
        CHECK_FALSE(assess(fix, std::nullopt, now, policy).accepted);
    }
    SECTION("stale: old when emitted, or waiting too long")
    {
        fix.ageMs = 6000;
        a = assess(fix, std::nullopt, now, policy);
        CHECK(a.staleFix);
        CHECK_FALSE(a.accepted);
        CHECK_FALSE(a.staleFixReason.isEmpty());
        // Stale is a reject reason, not also a warning: said once.
        CHECK(a.warnings().isEmpty());
        CHECK(a.allReasons() == QStringList {a.staleFixReason});
        fix.ageMs = 0;
        a = assess(fix, std::nullopt, now + 5001, policy);
        CHECK(a.staleFix);
    }
}

TEST_CASE("assess: impossible speed and clock drift", "[gnss]")
{
    const qint64 now = ManualClock().nowMs();
    GnssPolicy policy;
    const GnssFix previous = goodFix(now);
    GnssFix fix = goodFix(now + 1000);
    // 1 km north: 1000 m / 6371008.8 m rad.
    fix.latitude = previous.latitude + 1000.0 / 6'371'008.8 * 180.0 / 3.141592653589793;
    CHECK(haversineMetres(previous.latitude, previous.longitude, fix.latitude, fix.longitude)
        == Approx(1000.0).epsilon(1e-9));
    auto a = assess(fix, previous, now + 1000, policy);
    CHECK(a.impossibleSpeed);
    CHECK(a.impliedSpeedMps == Approx(1000.0));
    CHECK(a.impossibleSpeedReason.contains(QStringLiteral("1000 m in 1.0 s")));
    CHECK(a.accepted); // the flag is a warning for review, not part of the accuracy gate
    // ... but such a fix is not stamped on evidence.
    CHECK_FALSE(a.usable());
    CHECK(a.warnings() == QStringList {a.impossibleSpeedReason});
    CHECK(a.allReasons() == QStringList {a.impossibleSpeedReason});

    // The same kilometre in 60 s is 60 m/s: a fast car, not a jump.
    fix.utc = previous.utc.addSecs(60);
    CHECK_FALSE(assess(fix, previous, now + 60'000, policy).impossibleSpeed);

    // Receiver time 10 minutes ahead of the device clock.
    GnssFix drifted = goodFix(now);
    drifted.utc = drifted.utc.addSecs(600);
    a = assess(drifted, std::nullopt, now, policy);
    CHECK(a.clockDrift);
    CHECK(a.clockDriftMs == 600'000);
    CHECK(a.clockDriftReason.contains(QStringLiteral("600 s")));
    CHECK(a.accepted);
    CHECK_FALSE(a.usable());
    CHECK(a.warnings() == QStringList {a.clockDriftReason});

    // A good fix is usable and has nothing to explain.
    a = assess(goodFix(now), std::nullopt, now, policy);
    CHECK(a.usable());
    CHECK(a.allReasons().isEmpty());
}

TEST_CASE("GGA after midnight before the new day's RMC gets the next date", "[gnss]")
{
    NmeaParser parser;
    Collector out(parser);
    parser.feed(sentence("GPGGA,235959,3954.2520,N,11624.4200,E,1,08,0.9,45.0,M,,M,,"));
    parser.feed(sentence("GPRMC,235959,A,3954.2520,N,11624.4200,E,0,0,311226,,,A"));
    parser.feed(sentence("GPGGA,000000,3954.2520,N,11624.4200,E,1,08,0.9,45.0,M,,M,,"));
    parser.flush();
    REQUIRE(out.fixes.size() == 2);
    CHECK(out.fixes[1].utc == QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()));
}
