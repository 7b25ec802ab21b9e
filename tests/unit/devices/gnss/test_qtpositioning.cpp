// Qt Positioning's NMEA plugin as the alternative backend ("qtnmea:"), fed through a socat pty
// pair like a USB receiver: the fix it reports matches the sentences written.
#include "devices/gnss/gnssreceiver.h"
#include "devices/gnss/qtpositioningsource.h"
#include "tests/support/tempdir.h"
#include "tests/unit/devices/gnss/nmeatestutil.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;
using fieldcase::devices::gnsstest::sentence;
using fieldcase::devices::gnsstest::waitUntil;

TEST_CASE("Qt Positioning backend over a pty reports the receiver's fix", "[gnss][qtpositioning]")
{
    test::TempDir dir;
    const QString app = dir.file(QStringLiteral("app"));
    const QString dev = dir.file(QStringLiteral("dev"));
    QProcess socat;
    socat.start(QStringLiteral("socat"),
        {QStringLiteral("pty,raw,echo=0,link=") + app,
            QStringLiteral("pty,raw,echo=0,link=") + dev});
    REQUIRE(socat.waitForStarted(3000));
    REQUIRE(waitUntil([&] { return QFileInfo::exists(app) && QFileInfo::exists(dev); }));

    auto made = createGnssReceiver(QStringLiteral("qtnmea:serial:") + app);
    REQUIRE(made);
    GnssReceiver& receiver = **made;
    REQUIRE(qobject_cast<QtPositioningSource*>(&receiver));
    QList<GnssFix> fixes;
    QObject::connect(
        &receiver, &GnssReceiver::fixReceived, &receiver, [&](const GnssFix& f) { fixes << f; });
    receiver.start(QStringLiteral("qtnmea:serial:") + app);

    // One epoch per 200 ms, with today's date so the timestamps are current.
    QFile out(dev);
    REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray hms = now.toString(QStringLiteral("HHmmss")).toLatin1() + ".00";
    const QByteArray dmy = now.toString(QStringLiteral("ddMMyy")).toLatin1();
    const QByteArray epoch
        = sentence("GNGGA," + hms + ",2811.2108,N,11304.5000,E,1,14,0.8,52.3,M,-17.1,M,,")
        + sentence("GNGSA,A,3,03,06,14,17,19,22,,,,,,,1.5,0.8,1.3,1")
        + sentence("GPGSV,1,1,04,03,45,120,42,06,30,210,38,14,60,045,44,17,20,300,35")
        + sentence("GNRMC," + hms + ",A,2811.2108,N,11304.5000,E,38.88,90.0," + dmy + ",,,A");
    QTimer feeder;
    QObject::connect(&feeder, &QTimer::timeout, [&] { out.write(epoch); });
    feeder.start(200);

    const auto good = [&] {
        return std::any_of(fixes.begin(), fixes.end(),
            [](const GnssFix& f) { return f.valid && f.hdop && f.speedMps; });
    };
    REQUIRE(waitUntil(good, 10000));
    CHECK(receiver.state() == GnssReceiver::State::Receiving);
    const GnssFix fix = *std::find_if(fixes.begin(), fixes.end(),
        [](const GnssFix& f) { return f.valid && f.hdop && f.speedMps; });
    CHECK(fix.latitude == Approx(28.0 + 11.2108 / 60.0).margin(1e-6));
    CHECK(fix.longitude == Approx(113.0 + 4.5 / 60.0).margin(1e-6));
    CHECK(*fix.hdop == Approx(0.8)); // UERE set to 0.5: HorizontalAccuracy is the HDOP
    INFO("satellites used " << fix.satellitesUsed << ", in view " << fix.totalSatellitesInView());
    CHECK(fix.totalSatellitesInView() == 4);
    CHECK(*fix.speedMps == Approx(38.88 * 1852.0 / 3600.0).epsilon(0.001));
    CHECK(fix.sourceTalker == QStringLiteral("qt"));
    CHECK(fix.utc.date() == now.date());
    feeder.stop();
    receiver.stop();
    socat.terminate();
    socat.waitForFinished(3000);
}
