// Camera: the EXIF reader on segments built here (both byte orders, hostile offsets), DCIM folder
// import with times and positions, the captioned copy next to an unchanged original, and the Qt
// Multimedia camera's clean "no camera" state on this machine (which has none: the capture path
// itself cannot be exercised here).
#include "devices/camera/cameracapture.h"
#include "devices/camera/camerafolder.h"
#include "devices/camera/exifreader.h"
#include "devices/gnss/gnssassessment.h"
#include "tests/support/mediafixture.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QCamera>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImageCapture>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QTimer>

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::test;

namespace {

// The FFmpeg backend, as the app sets it (see the recorder tests for why).
const bool kBackendSet = qputenv("QT_MEDIA_BACKEND", "ffmpeg");

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(data) == data.size());
}

std::optional<ExifData> exifOf(const QByteArray& jpeg)
{
    QByteArray copy = jpeg;
    QBuffer b(&copy);
    REQUIRE(b.open(QIODevice::ReadOnly));
    return readJpegExif(b);
}

// 天安门 roughly, 44.5 m.
const ExifSpec kSpec {QStringLiteral("2026:11:21 08:15:30"), QStringLiteral("+08:00"), 39.907333,
    116.391278, 44.5, QStringLiteral("DemoCam")};

QByteArray plainJpeg()
{
    static const QByteArray bytes = [] {
        TempDir dir;
        const QString path = dir.file(QStringLiteral("plain.jpg"));
        makeJpeg(path);
        return readFile(path);
    }();
    return bytes;
}

// Spins the event loop until done() or timeoutMs (media probing can be slow on a busy machine).
template<typename F>
bool waitUntil(F done, int timeoutMs = 5000)
{
    return test::waitFor(done, timeoutMs);
}

} // namespace

TEST_CASE("EXIF: DateTimeOriginal, offset and GPS in both byte orders", "[camera]")
{
    REQUIRE(kBackendSet);
    for (const bool big : {false, true}) {
        ExifSpec spec = kSpec;
        spec.bigEndian = big;
        const auto exif = exifOf(insertExif(plainJpeg(), buildExifTiff(spec)));
        REQUIRE(exif);
        CHECK(exif->dateTimeOriginal == QStringLiteral("2026:11:21 08:15:30"));
        CHECK(exif->offsetTimeOriginal == QStringLiteral("+08:00"));
        CHECK(exif->make == QStringLiteral("DemoCam"));
        CHECK(exif->takenAtMs() == utcMs("2026-11-21T00:15:30Z"));
        REQUIRE(exif->latitude);
        CHECK(*exif->latitude == Approx(39.907333).margin(1e-6));
        CHECK(*exif->longitude == Approx(116.391278).margin(1e-6));
        CHECK(*exif->altitudeM == Approx(44.5));
        const QJsonObject pos = exif->position();
        CHECK(pos.value(QStringLiteral("source")).toString() == QStringLiteral("exif"));
        CHECK(pos.value(QStringLiteral("lat")).toDouble() == Approx(39.907333).margin(1e-6));
    }

    SECTION("southern and western hemispheres, offset taken from the file")
    {
        ExifSpec spec {QStringLiteral("2026:11:21 08:15:30"), QStringLiteral("-03:00"), -33.5,
            -70.25, -12.0, {}};
        const auto exif = exifOf(insertExif(plainJpeg(), buildExifTiff(spec)));
        REQUIRE(exif);
        CHECK(exif->takenAtMs() == utcMs("2026-11-21T11:15:30Z"));
        CHECK(*exif->latitude == Approx(-33.5).margin(1e-6));
        CHECK(*exif->longitude == Approx(-70.25).margin(1e-6));
        CHECK(*exif->altitudeM == Approx(-12.0));
    }
    SECTION("no offset: the default (Beijing time)")
    {
        ExifSpec spec {QStringLiteral("2026:11:21 08:15:30")};
        const auto exif = exifOf(insertExif(plainJpeg(), buildExifTiff(spec)));
        REQUIRE(exif);
        CHECK(exif->takenAtMs() == utcMs("2026-11-21T00:15:30Z"));
        CHECK(exif->position().isEmpty());
    }
    SECTION("no EXIF, not a JPEG, truncated")
    {
        CHECK_FALSE(exifOf(plainJpeg()));
        CHECK_FALSE(exifOf(QByteArray("GIF89a")));
        const QByteArray withExif = insertExif(plainJpeg(), buildExifTiff(kSpec));
        CHECK_FALSE(exifOf(withExif.left(30)));
    }
    SECTION("hostile offsets and counts are ignored, never read out of bounds")
    {
        QByteArray tiff = buildExifTiff(kSpec);
        // Every 4-byte window set to a huge offset in turn: must parse or refuse, not crash.
        for (qsizetype i = 4; i + 4 <= tiff.size(); i += 2) {
            QByteArray bad = tiff;
            bad[i] = '\xff';
            bad[i + 1] = '\xff';
            bad[i + 2] = '\xff';
            bad[i + 3] = '\x7f';
            (void)parseExifTiff(bad);
        }
        for (qsizetype n = 0; n < tiff.size(); ++n)
            (void)parseExifTiff(tiff.left(n));
        CHECK_FALSE(parseExifTiff(QByteArray("II\x2b\x00\x08\x00\x00\x00", 8)));
        // A date with control characters is not taken.
        ExifSpec spec {QStringLiteral("2026:11:21\n08:15:30")};
        const auto exif = parseExifTiff(buildExifTiff(spec));
        REQUIRE(exif);
        CHECK(exif->dateTimeOriginal.isEmpty());
        CHECK_FALSE(exif->takenAtMs());
    }
}

TEST_CASE(
    "Camera folder: times from EXIF, container, file name and mtime, links skipped", "[camera]")
{
    TempDir dir;
    const QString card = dir.file(QStringLiteral("card"));
    REQUIRE(QDir().mkpath(card + QStringLiteral("/DCIM/100DEMO")));
    const QString dcim = card + QStringLiteral("/DCIM/100DEMO/");
    writeFile(dcim + QStringLiteral("IMG_0001.JPG"), insertExif(plainJpeg(), buildExifTiff(kSpec)));
    writeFile(dcim + QStringLiteral("IMG_20261121_081600.jpg"), plainJpeg());
    writeFile(dcim + QStringLiteral("DSC0003.JPG"), plainJpeg());
    setMtime(dcim + QStringLiteral("DSC0003.JPG"), utcMs("2026-11-21T00:17:00Z") / 1000);
    makeVideo(dcim + QStringLiteral("MVI_0004.MP4"), 1, QStringLiteral("2026-11-21T00:18:00Z"));
    REQUIRE(
        ::symlink("/etc/passwd", QFile::encodeName(dcim + QStringLiteral("LINK.JPG")).constData())
        == 0);

    auto listing = listCameraFolder(card);
    REQUIRE(listing);
    REQUIRE(listing->items.size() == 4);
    const auto& items = listing->items;
    CHECK(items[0].fileName == QStringLiteral("IMG_0001.JPG"));
    CHECK(items[0].timeSource == TimeSource::Exif);
    CHECK(items[0].takenMs == utcMs("2026-11-21T00:15:30Z"));
    CHECK(items[0].kind == QStringLiteral("photo"));
    CHECK(items[1].fileName == QStringLiteral("IMG_20261121_081600.jpg"));
    CHECK(items[1].timeSource == TimeSource::FileName);
    CHECK(items[1].takenMs == utcMs("2026-11-21T00:16:00Z"));
    CHECK(items[2].fileName == QStringLiteral("DSC0003.JPG"));
    CHECK(items[2].timeSource == TimeSource::FileTime);
    CHECK(items[2].takenMs == utcMs("2026-11-21T00:17:00Z"));
    CHECK(items[3].fileName == QStringLiteral("MVI_0004.MP4"));
    CHECK(items[3].kind == QStringLiteral("video"));
    CHECK(items[3].timeSource == TimeSource::Container);
    CHECK(items[3].takenMs == utcMs("2026-11-21T00:18:00Z"));
    REQUIRE(listing->skipped.size() == 1);
    CHECK(listing->skipped[0].relativePath == QStringLiteral("DCIM/100DEMO/LINK.JPG"));
    CHECK(listing->skipped[0].reason == SkipReason::Symlink);
}

TEST_CASE(
    "Camera import: original unchanged and hashed, captioned copy names its source", "[camera]")
{
    TempDir dir;
    const QString card = dir.file(QStringLiteral("card"));
    REQUIRE(QDir().mkpath(card + QStringLiteral("/DCIM")));
    const QString withExif = card + QStringLiteral("/DCIM/IMG_0001.JPG");
    const QString noGps = card + QStringLiteral("/DCIM/IMG_20261121_081600.jpg");
    writeFile(withExif, insertExif(plainJpeg(), buildExifTiff(kSpec)));
    writeFile(noGps, plainJpeg());
    const QString sm3Before = opensslSm3(withExif);

    auto listing = listCameraFolder(card);
    REQUIRE(listing);
    REQUIRE(listing->items.size() == 2);
    StoreFixture fx;
    const QString caseId = fx.openCase();

    // The terminal's own fix, for photos without GPS in their EXIF.
    GnssFix fix;
    fix.valid = true;
    fix.latitude = 39.9;
    fix.longitude = 116.4;
    fix.satellitesUsed = 9;
    fix.hdop = 0.8;
    fix.sourceTalker = QStringLiteral("GN");
    CameraImportOptions options;
    options.position = eventPosition(fix);
    options.captionedCopy = true;
    options.caseNumber = QStringLiteral("京交执〔2026〕00123号");

    auto first = importCameraItem(*fx.store, fx.single, caseId, card, listing->items[0], options);
    REQUIRE(first);
    CHECK(first->original.outcome == ImportedEvidence::Outcome::Imported);
    CHECK(first->original.hashHex == sm3Before);
    CHECK(first->original.size == QFileInfo(withExif).size());
    CHECK(opensslSm3(withExif) == sm3Before); // the card's file is untouched
    REQUIRE(first->captioned);
    CHECK(first->captioned->outcome == ImportedEvidence::Outcome::Imported);
    CHECK(first->captioned->hashHex != first->original.hashHex);

    auto events = fx.store->caseEvents(caseId);
    REQUIRE(events);
    const Event* original = nullptr;
    const Event* copy = nullptr;
    for (const Event& e : *events) {
        if (e.id == first->original.eventId)
            original = &e;
        if (e.id == first->captioned->eventId)
            copy = &e;
    }
    REQUIRE(original);
    REQUIRE(copy);
    CHECK(original->payload.value(QStringLiteral("capturedAt")).toInteger()
        == utcMs("2026-11-21T00:15:30Z"));
    CHECK(original->position.value(QStringLiteral("source")).toString() == QStringLiteral("exif"));
    CHECK(original->position.value(QStringLiteral("lat")).toDouble()
        == Approx(39.907333).margin(1e-6));
    const QString description = copy->payload.value(QStringLiteral("description")).toString();
    CHECK(description.contains(first->original.hashHex));
    CHECK(description.contains(first->original.evidenceId));
    CHECK(copy->payload.value(QStringLiteral("mediaType")).toString()
        == QStringLiteral("image/jpeg"));
    CHECK(copy->position == original->position);

    // The stored original is byte-identical to the card's file; the copy is the picture plus a
    // caption band below it.
    QBuffer storedOriginal;
    REQUIRE(storedOriginal.open(QIODevice::WriteOnly));
    REQUIRE(fx.store->readEvidence(first->original.hashHex, storedOriginal));
    CHECK(storedOriginal.data() == readFile(withExif));
    QBuffer storedCopy;
    REQUIRE(storedCopy.open(QIODevice::WriteOnly));
    REQUIRE(fx.store->readEvidence(first->captioned->hashHex, storedCopy));
    QImage captioned;
    REQUIRE(captioned.loadFromData(storedCopy.data(), "JPEG"));
    CHECK(captioned.width() == 320);
    CHECK(captioned.height() > 240);
    // The band is dark with light text in it.
    int light = 0;
    for (int y = 240; y < captioned.height(); ++y)
        for (int x = 0; x < captioned.width(); ++x)
            light += qGray(captioned.pixel(x, y)) > 160 ? 1 : 0;
    CHECK(light > 50);

    // Again: both already there, nothing appended.
    const qsizetype count = events->size();
    auto again = importCameraItem(*fx.store, fx.single, caseId, card, listing->items[0], options);
    REQUIRE(again);
    CHECK(again->original.outcome == ImportedEvidence::Outcome::AlreadyImported);
    REQUIRE(again->captioned);
    CHECK(again->captioned->outcome == ImportedEvidence::Outcome::AlreadyImported);
    CHECK(again->captioned->evidenceId == first->captioned->evidenceId);
    CHECK(fx.store->caseEvents(caseId)->size() == count);

    // No GPS in the photo: the terminal's fix is stamped; no copy unless asked.
    options.captionedCopy = false;
    auto plain = importCameraItem(*fx.store, fx.single, caseId, card, listing->items[1], options);
    REQUIRE(plain);
    CHECK_FALSE(plain->captioned);
    auto e = fx.store->event(plain->original.eventId);
    REQUIRE(e);
    CHECK(e->position.value(QStringLiteral("source")).toString() == QStringLiteral("gnss:GN"));
    CHECK(e->payload.value(QStringLiteral("capturedAt")).toInteger()
        == utcMs("2026-11-21T00:16:00Z"));
    CHECK(plain->original.hashHex == opensslSm3(noGps));
}

TEST_CASE("Caption text: local time, position, case number, FieldCase", "[camera]")
{
    const QStringList lines = captionLines({utcMs("2026-11-21T00:15:30Z"), 8 * 3600,
        QJsonObject {{QStringLiteral("lat"), 39.907333}, {QStringLiteral("lon"), 116.391278}},
        QStringLiteral("京交执〔2026〕00123号")});
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == QStringLiteral("2026-11-21 08:15:30 UTC+08:00"));
    CHECK(lines[1] == QStringLiteral("N39.907333° E116.391278°"));
    CHECK(lines[2].contains(QStringLiteral("京交执〔2026〕00123号")));
    CHECK(lines[3] == QStringLiteral("FieldCase"));
    const QStringList none = captionLines({});
    CHECK(none
        == QStringList {QStringLiteral("Time unknown"), QStringLiteral("No position"),
            QStringLiteral("FieldCase")});
    QImage small(64, 48, QImage::Format_RGB32);
    small.fill(Qt::red);
    const QImage out = burnCaption(small, {});
    CHECK(out.width() == 64);
    CHECK(out.height() > 48);
    CHECK(out.pixel(10, 10) == small.pixel(10, 10)); // the picture is not covered
}

TEST_CASE("Qt camera without a camera: a clean NoCamera state, every request refused", "[camera]")
{
    // This machine has no video input (stack.md §5); a terminal with one is not testable here.
    if (!QMediaDevices::videoInputs().isEmpty()) {
        WARN("a camera is connected; this test is for the no-camera state");
        return;
    }
    QtCameraDevice camera;
    QStringList errors;
    QObject::connect(
        &camera, &CameraCapture::errorOccurred, [&](const QString& message) { errors << message; });
    CHECK(camera.state() == CameraCapture::State::NoCamera);
    CHECK(camera.capabilities() == CameraCapture::Capabilities());
    CHECK(camera.description().isEmpty());
    CHECK_FALSE(camera.start());
    CHECK(camera.lastError() == QStringLiteral("No camera is connected."));
    TempDir dir;
    CHECK(camera.capturePhoto(dir.file(QStringLiteral("x.jpg"))) == -1);
    CHECK_FALSE(camera.startRecording(dir.file(QStringLiteral("x.mp4"))));
    camera.stopRecording();
    camera.stop();
    CHECK(camera.state() == CameraCapture::State::NoCamera);
    CHECK(errors.size() == 3);
    CHECK_FALSE(QFile::exists(dir.file(QStringLiteral("x.jpg"))));

    SECTION("raw Qt Multimedia on the default (null) input fails cleanly too")
    {
        QMediaCaptureSession session;
        QCamera raw(QMediaDevices::defaultVideoInput());
        QImageCapture capture;
        session.setCamera(&raw);
        session.setImageCapture(&capture);
        raw.start();
        waitUntil([&] { return raw.error() != QCamera::NoError; }, 2000);
        CHECK_FALSE(raw.isActive());
        CHECK(capture.captureToFile(dir.file(QStringLiteral("raw.jpg"))) == -1);
    }
}

TEST_CASE("Simulated camera: photos land in a folder and import like a card", "[camera]")
{
    SimulatedCamera camera;
    TempDir dir;
    REQUIRE(QDir().mkpath(dir.file(QStringLiteral("DCIM"))));
    CHECK(camera.capturePhoto(dir.file(QStringLiteral("DCIM/early.jpg"))) == -1); // not started
    REQUIRE(camera.start());
    CHECK(camera.state() == CameraCapture::State::Ready);
    QList<int> saved;
    QObject::connect(
        &camera, &CameraCapture::photoSaved, [&](int id, const QString&) { saved << id; });
    const int id = camera.capturePhoto(dir.file(QStringLiteral("DCIM/20261121_081500_sim.jpg")));
    CHECK(id == 1);
    REQUIRE(waitUntil([&] { return !saved.isEmpty(); }));
    CHECK(saved == QList<int> {1});
    CHECK_FALSE(camera.startRecording(dir.file(QStringLiteral("DCIM/v.mp4"))));

    camera.setConnected(false);
    CHECK(camera.state() == CameraCapture::State::NoCamera);
    CHECK_FALSE(camera.start());
    camera.setConnected(true);
    CHECK(camera.state() == CameraCapture::State::Stopped);

    auto listing = listCameraFolder(dir.path());
    REQUIRE(listing);
    REQUIRE(listing->items.size() == 1);
    CHECK(listing->items[0].takenMs == utcMs("2026-11-21T00:15:00Z"));
    StoreFixture fx;
    const QString caseId = fx.openCase();
    auto imported = importCameraItem(*fx.store, fx.single, caseId, dir.path(), listing->items[0]);
    REQUIRE(imported);
    CHECK(imported->original.hashHex
        == opensslSm3(dir.file(QStringLiteral("DCIM/20261121_081500_sim.jpg"))));
}
