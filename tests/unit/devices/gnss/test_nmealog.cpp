// A receiver's NMEA log attached to a case: summarised, stored as "nmea" evidence byte for byte;
// a file that is not NMEA is refused and nothing is attached.
#include "core/crypto/hash.h"
#include "devices/gnss/nmealog.h"
#include "tests/support/storefixture.h"

#include <QFile>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;

TEST_CASE("An NMEA log becomes evidence of a case, junk is refused", "[gnss][nmealog]")
{
    test::StoreFixture f;
    const QString caseId = f.openCase();

    // The bundled G4 recording plus a corrupted line and some line noise.
    QFile demo(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/demo/gnss/g4-roadside-stop.nmea"));
    REQUIRE(demo.open(QIODevice::ReadOnly));
    QByteArray log = demo.readAll();
    log.append("$GNRMC,063099.00,A,2811.2108,N,11304.5000,E,0.0,0.0,151126,,,A*00\r\n");
    log.append("\x01\x02garbage");
    const QString path = f.dir.file(QStringLiteral("gnss-20261115.nmea"));
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(log);
    out.close();

    REQUIRE(out.open(QIODevice::ReadOnly));
    auto summary = summarizeNmeaLog(out);
    out.close();
    REQUIRE(summary);
    CHECK(summary->sentencesOk > 50);
    CHECK(summary->checksumErrors == 1);
    CHECK(summary->validFixes >= 10);
    CHECK(summary->firstFixUtc == QDateTime(QDate(2026, 11, 15), QTime(6, 30, 10), Qt::UTC));
    CHECK(summary->lastFixUtc > summary->firstFixUtc);

    auto event = attachNmeaLog(*f.store, f.single, caseId, path);
    REQUIRE(event);
    const QJsonObject p = event->payload;
    CHECK(p.value(QStringLiteral("kind")).toString() == QStringLiteral("nmea"));
    CHECK(p.value(QStringLiteral("blobHash")).toString()
        == QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, log).toHex()));
    CHECK(f.store->database()
              .scalarInt((
                  QByteArray("SELECT count(*) FROM evidence WHERE kind = 'nmea' AND captured_at = ")
                  + QByteArray::number(summary->firstFixUtc.toMSecsSinceEpoch()))
                             .toStdString())
              .value()
        == 1);

    // A photo renamed .nmea: refused, nothing attached.
    const QString junk = test::writeRandomFile(f.dir.file(QStringLiteral("fake.nmea")), 4096);
    auto refused = attachNmeaLog(*f.store, f.single, caseId, junk);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::InvalidArgument);
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM evidence").value() == 1);
}
