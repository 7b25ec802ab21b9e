// Recorder import on a fake body-cam volume made of real media (ffmpeg): detection, listing with
// times and durations, hostile entries, hashing import (checked against openssl's SM3),
// idempotency, files that vanish or are swapped, and case link proposals and coverage gaps.
#include "devices/recorder/caselinker.h"
#include "devices/recorder/mediaprobe.h"
#include "devices/recorder/recorder.h"
#include "devices/recorder/recordersession.h"
#include "devices/recorder/safewalk.h"
#include "tests/support/mediafixture.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::test;

namespace {

// Qt 6.4's GStreamer backend reports duration 0 for audio-only files without an audio output
// (no PulseAudio here or on a terminal); the FFmpeg backend does not. Set before any multimedia
// object exists, as the app's main() must do too.
const bool kBackendSet = qputenv("QT_MEDIA_BACKEND", "ffmpeg");

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(data) == data.size());
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// A body cam as it appears when plugged in, with a hostile entry of every kind next to four
// real recordings. Made once (ffmpeg takes a moment) and reused; tests that change it copy it.
struct FakeBodyCam
{
    TempDir dir;
    QString mount;
    QString outside; // a file beyond the volume that links point to
    static constexpr const char* Rec0 = "RECORD/DSJ0012345_11010001_20261121081500_0001.MP4";
    static constexpr const char* Rec1 = "RECORD/DSJ0012345_11010001_20261121083000_0002.MP4";
    static constexpr const char* Rec2 = "AUDIO/20261121_084000_0003.WAV";
    static constexpr const char* Rec3 = "AUDIO/memo.mp3";

    FakeBodyCam()
    {
        mount = dir.file(QStringLiteral("media/officer/DSJ CAM"));
        REQUIRE(QDir().mkpath(mount + QStringLiteral("/RECORD")));
        REQUIRE(QDir().mkpath(mount + QStringLiteral("/AUDIO")));
        writeFile(mount + QStringLiteral("/FIELDCASE.ID"),
            "# demo body cam\ndevice_id=DSJ0012345\nserial=SN20260001\nofficer_id=11010001\n"
            "model=DSJ-Demo\n");
        // Container time 2 s after the file-name time: metadata must win.
        makeVideo(file(Rec0), 3, QStringLiteral("2026-11-21T00:15:02Z"));
        makeVideo(file(Rec1), 4); // no creation time: the file name gives the start
        makeAudio(file(Rec2), 2); // WAV has no creation time: file name
        makeAudio(file(Rec3), 2); // no time anywhere: mtime
        setMtime(file(Rec3), utcMs("2026-11-21T01:10:02Z") / 1000);
        writeFile(mount + QStringLiteral("/RECORD/notes.txt"), "not media");

        outside = dir.file(QStringLiteral("outside.mp4"));
        REQUIRE(QFile::copy(file(Rec0), outside));
        REQUIRE(::symlink(QFile::encodeName(outside).constData(),
                    QFile::encodeName(mount + QStringLiteral("/RECORD/escape.mp4")).constData())
            == 0);
        REQUIRE(::symlink(QFile::encodeName(dir.path()).constData(),
                    QFile::encodeName(mount + QStringLiteral("/RECORD/outdir")).constData())
            == 0);
        REQUIRE(
            ::symlink("..", QFile::encodeName(mount + QStringLiteral("/RECORD/loop")).constData())
            == 0);
        REQUIRE(::mkfifo(
                    QFile::encodeName(mount + QStringLiteral("/RECORD/pipe.mp4")).constData(), 0600)
            == 0);
        writeFile(mount + QStringLiteral("/RECORD/bad\nname.mp4"), readFile(file(Rec0)));
        writeFile(mount + QStringLiteral("/RECORD/ctl\x01.wav"), "x");
        invalid = QFile::encodeName(mount) + "/RECORD/\xff\xfe.mp4";
        // Raw bytes: a QString path would re-encode them as U+FFFD.
        const int fd = ::open(invalid.constData(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        REQUIRE(fd >= 0);
        ::close(fd);
        QString deep = mount + QStringLiteral("/RECORD");
        for (int i = 1; i <= 10; ++i)
            deep += QStringLiteral("/d%1").arg(i);
        REQUIRE(QDir().mkpath(deep));
        writeFile(deep + QStringLiteral("/deep.mp4"), "x");
    }
    // QTemporaryDir cannot remove a name it cannot decode.
    ~FakeBodyCam() { ::unlink(invalid.constData()); }
    FakeBodyCam(const FakeBodyCam&) = delete;
    FakeBodyCam& operator=(const FakeBodyCam&) = delete;

    QByteArray invalid;
    [[nodiscard]] QString file(const char* relative) const
    {
        return mount + u'/' + QString::fromLatin1(relative);
    }
};

FakeBodyCam& bodyCam()
{
    static FakeBodyCam cam;
    return cam;
}

RecorderListing listBodyCam()
{
    auto device = detectRecorder(bodyCam().mount);
    REQUIRE(device);
    auto listing = listRecordings(*device);
    REQUIRE(listing);
    return *listing;
}

const Recording& byPath(const RecorderListing& l, const char* relative)
{
    for (const Recording& r : l.recordings) {
        if (r.relativePath == QString::fromLatin1(relative))
            return r;
    }
    FAIL("not listed: " << relative);
    static Recording none;
    return none;
}

// Spins the event loop until done() or timeoutMs (media probing can be slow on a busy machine).
template<typename F>
bool waitUntil(F done, int timeoutMs = 20000)
{
    return test::waitFor(done, timeoutMs);
}

} // namespace

TEST_CASE("Recorder file names: accepted patterns and impossible dates", "[recorder]")
{
    REQUIRE(kBackendSet);
    const auto a = parseRecorderFileName(u"DSJ0012345_11010001_20261121081500_0001.MP4");
    REQUIRE(a);
    CHECK(a->pattern == 1);
    CHECK(a->deviceId == QStringLiteral("DSJ0012345"));
    CHECK(a->officerId == QStringLiteral("11010001"));
    CHECK(a->startMs == utcMs("2026-11-21T00:15:00Z")); // recorder clocks: Beijing time

    const auto b = parseRecorderFileName(u"REC_20261121-081500_A.wav");
    REQUIRE(b);
    CHECK(b->pattern == 2);
    CHECK(b->officerId.isEmpty());
    CHECK(b->startMs == utcMs("2026-11-21T00:15:00Z"));

    const auto c = parseRecorderFileName(u"VID20261121081500.mp4", 0);
    REQUIRE(c);
    CHECK(c->pattern == 3);
    CHECK(c->startMs == utcMs("2026-11-21T08:15:00Z"));

    CHECK_FALSE(parseRecorderFileName(u"20261321_081500.mp4")); // month 13
    CHECK_FALSE(parseRecorderFileName(u"20261121_246000.mp4")); // 24:60
    CHECK_FALSE(parseRecorderFileName(u"memo.mp3"));
    CHECK_FALSE(parseRecorderFileName(u"19700101_000000.mp4")); // an unset clock
}

TEST_CASE("Container reader: durations and creation times without Qt Multimedia", "[recorder]")
{
    TempDir dir;
    const QString mp4 = dir.file(QStringLiteral("a.mp4"));
    const QString wav = dir.file(QStringLiteral("b.wav"));
    const QString avi = dir.file(QStringLiteral("c.avi"));
    const QString m4a = dir.file(QStringLiteral("d.m4a"));
    makeVideo(mp4, 3, QStringLiteral("2026-11-21T00:15:00Z"));
    makeAudio(wav, 2.5);
    makeVideo(avi, 2);
    makeAudio(m4a, 2, QStringLiteral("2026-11-21T00:20:00Z"));
    const auto probe = [](const QString& path) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return readContainerHeader(f);
    };
    const ContainerInfo a = probe(mp4);
    CHECK(a.format == QStringLiteral("mp4"));
    CHECK(std::abs(a.durationMs - 3000) <= 100);
    CHECK(a.createdMs == utcMs("2026-11-21T00:15:00Z"));
    const ContainerInfo b = probe(wav);
    CHECK(b.format == QStringLiteral("wav"));
    CHECK(b.durationMs == 2500);
    const ContainerInfo c = probe(avi);
    CHECK(c.format == QStringLiteral("avi"));
    CHECK(std::abs(c.durationMs - 2000) <= 100);
    const ContainerInfo d = probe(m4a);
    CHECK(std::abs(d.durationMs - 2000) <= 100);
    CHECK(d.createdMs == utcMs("2026-11-21T00:20:00Z"));

    SECTION("AMR-NB frames are counted")
    {
        // 50 frames of mode 7 (12.2 kbit/s): 1 header byte + 31 payload bytes, 20 ms each.
        QByteArray amr("#!AMR\n");
        for (int i = 0; i < 50; ++i)
            amr += char(0x3c) + QByteArray(31, '\0');
        QBuffer buf(&amr);
        REQUIRE(buf.open(QIODevice::ReadOnly));
        CHECK(readContainerHeader(buf).durationMs == 1000);
    }
    SECTION("hostile headers end the read, never overrun")
    {
        QByteArray bad("\x00\x00\x00\x18"
                       "ftypisom",
            12);
        bad += QByteArray("\xff\xff\xff\xf0moov", 8); // box larger than the file
        QBuffer buf(&bad);
        REQUIRE(buf.open(QIODevice::ReadOnly));
        const ContainerInfo info = readContainerHeader(buf);
        CHECK(info.durationMs == -1);
        CHECK(info.createdMs == 0);
        QByteArray riff("RIFF\x10\x00\x00\x00WAVEfmt \xff\xff\xff\x7f", 20);
        QBuffer rb(&riff);
        REQUIRE(rb.open(QIODevice::ReadOnly));
        CHECK(readContainerHeader(rb).durationMs == -1);
    }
}

TEST_CASE("Qt Multimedia probe: durations of video and audio within 150 ms", "[recorder]")
{
    const FakeBodyCam& cam = bodyCam();
    const auto qtProbe = [](const QString& path) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return probeWithQtMultimedia(f, path.section(u'/', -1));
    };
    const QtMediaInfo v = qtProbe(cam.file(FakeBodyCam::Rec0));
    REQUIRE(v.loaded);
    CHECK(std::abs(v.durationMs - 3000) <= 150);
    CHECK(v.dateMs == utcMs("2026-11-21T00:15:02Z"));
    const QtMediaInfo w = qtProbe(cam.file(FakeBodyCam::Rec2));
    REQUIRE(w.loaded);
    CHECK(std::abs(w.durationMs - 2000) <= 150);
    const QtMediaInfo m = qtProbe(cam.file(FakeBodyCam::Rec3));
    REQUIRE(m.loaded);
    CHECK(std::abs(m.durationMs - 2000) <= 150);

    SECTION("garbage is invalid media, reported, not a hang")
    {
        TempDir dir;
        const QString junk = dir.file(QStringLiteral("junk.mp4"));
        writeFile(junk, QByteArray(4096, 'z'));
        QElapsedTimer t;
        t.start();
        const QtMediaInfo j = qtProbe(junk);
        CHECK_FALSE(j.loaded);
        CHECK_FALSE(j.error.isEmpty());
        CHECK(t.elapsed() < 6000);
    }
}

TEST_CASE("Mount roots come from mountinfo: removable places only, escapes decoded", "[recorder]")
{
    const QByteArray mountinfo
        = "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
          "25 22 0:5 / /proc rw - proc proc rw\n"
          "40 22 8:17 / /media/officer/DSJ\\040CAM rw,nosuid - vfat /dev/sdb1 rw\n"
          "41 22 8:33 / /run/media/officer/REC rw - exfat /dev/sdc1 rw\n"
          "42 22 8:49 / /mnt/usb rw shared:7 - ext4 /dev/sdd1 rw\n"
          "43 22 0:40 / /mnt/ram rw - tmpfs tmpfs rw\n"
          "44 22 8:65 / /home rw - ext4 /dev/sde1 rw\n";
    CHECK(removableMountPoints(mountinfo)
        == QStringList {QStringLiteral("/media/officer/DSJ CAM"),
            QStringLiteral("/run/media/officer/REC"), QStringLiteral("/mnt/usb")});
    // On this machine: whatever is mounted, the call works and finds no recorder to crash on.
    (void)findRecorders(defaultMountRoots());
}

TEST_CASE("Recorder detection: layout, identity file, and what is not a recorder", "[recorder]")
{
    auto device = detectRecorder(bodyCam().mount);
    REQUIRE(device);
    CHECK(device->deviceId == QStringLiteral("DSJ0012345"));
    CHECK(device->serial == QStringLiteral("SN20260001"));
    CHECK(device->officerId == QStringLiteral("11010001"));
    CHECK(device->model == QStringLiteral("DSJ-Demo"));
    CHECK(device->idFile == QStringLiteral("FIELDCASE.ID"));
    CHECK(device->mediaDirs == QStringList {QStringLiteral("AUDIO"), QStringLiteral("RECORD")});

    TempDir dir;
    REQUIRE(QDir().mkpath(dir.file(QStringLiteral("Documents"))));
    auto none = detectRecorder(dir.path());
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::NotFound);

    // An identity file that is a symlink (to a file off the volume) is not read.
    REQUIRE(QDir().mkpath(dir.file(QStringLiteral("DCIM"))));
    writeFile(dir.file(QStringLiteral("secret")), "device_id=STOLEN\n");
    REQUIRE(::symlink(QFile::encodeName(dir.file(QStringLiteral("secret"))).constData(),
                QFile::encodeName(dir.file(QStringLiteral("DEVICE.ID"))).constData())
        == 0);
    auto linked = detectRecorder(dir.path());
    REQUIRE(linked);
    CHECK(linked->deviceId.isEmpty());
    CHECK(linked->idFile.isEmpty());
    CHECK(linked->mediaDirs == QStringList {QStringLiteral("DCIM")});
    CHECK(findRecorders({dir.path(), dir.file(QStringLiteral("Documents"))}).size() == 1);
}

TEST_CASE(
    "Recorder listing: times, durations, officers and every hostile entry skipped", "[recorder]")
{
    const RecorderListing l = listBodyCam();
    REQUIRE(l.recordings.size() == 4);
    CHECK_FALSE(l.truncated);

    // Sorted by start time.
    CHECK(l.recordings[0].relativePath == QString::fromLatin1(FakeBodyCam::Rec0));
    CHECK(l.recordings[3].relativePath == QString::fromLatin1(FakeBodyCam::Rec3));

    const Recording& r0 = byPath(l, FakeBodyCam::Rec0);
    CHECK(r0.kind == QStringLiteral("video"));
    CHECK(r0.mediaType == QStringLiteral("video/mp4"));
    CHECK(r0.startMs == utcMs("2026-11-21T00:15:02Z"));
    CHECK(r0.startSource == TimeSource::Metadata);
    CHECK(std::abs(r0.durationMs - 3000) <= 150);
    CHECK(r0.officerId == QStringLiteral("11010001"));
    CHECK(r0.deviceId == QStringLiteral("DSJ0012345"));
    CHECK(r0.size == QFileInfo(bodyCam().file(FakeBodyCam::Rec0)).size());
    CHECK_FALSE(r0.lowConfidence());

    const Recording& r1 = byPath(l, FakeBodyCam::Rec1);
    CHECK(r1.startMs == utcMs("2026-11-21T00:30:00Z"));
    CHECK(r1.startSource == TimeSource::FileName);
    CHECK(std::abs(r1.durationMs - 4000) <= 150);

    const Recording& r2 = byPath(l, FakeBodyCam::Rec2);
    CHECK(r2.kind == QStringLiteral("audio"));
    CHECK(r2.startMs == utcMs("2026-11-21T00:40:00Z"));
    CHECK(r2.startSource == TimeSource::FileName);
    CHECK(std::abs(r2.durationMs - 2000) <= 150);
    CHECK(r2.officerId == QStringLiteral("11010001")); // from the identity file

    const Recording& r3 = byPath(l, FakeBodyCam::Rec3);
    CHECK(r3.startSource == TimeSource::FileTime);
    CHECK(r3.lowConfidence());
    CHECK(std::abs(r3.durationMs - 2000) <= 150);
    // The recorder stamps mtime when it closes the file: start = mtime - duration.
    CHECK(r3.startMs == utcMs("2026-11-21T01:10:02Z") - r3.durationMs);

    QMap<QString, SkipReason> skips;
    for (const WalkSkip& s : l.skipped)
        skips.insert(s.relativePath, s.reason);
    INFO([&] {
        QString all;
        for (const WalkSkip& s : l.skipped)
            all += s.relativePath + u' ' + skipReasonName(s.reason) + u'\n';
        return all.toStdString();
    }());
    CHECK(skips.value(QStringLiteral("RECORD/escape.mp4")) == SkipReason::Symlink);
    CHECK(skips.value(QStringLiteral("RECORD/outdir")) == SkipReason::Symlink);
    CHECK(skips.value(QStringLiteral("RECORD/loop")) == SkipReason::Symlink);
    CHECK(skips.value(QStringLiteral("RECORD/pipe.mp4")) == SkipReason::NotRegularFile);
    CHECK(skips.value(QStringLiteral("RECORD/bad\\x0aname.mp4")) == SkipReason::UnsafeName);
    CHECK(skips.value(QStringLiteral("RECORD/ctl\\x01.wav")) == SkipReason::UnsafeName);
    CHECK(skips.value(QStringLiteral("RECORD/\\xff\\xfe.mp4")) == SkipReason::UnsafeName);
    CHECK(skips.value(QStringLiteral("RECORD/d1/d2/d3/d4/d5/d6/d7/d8")) == SkipReason::TooDeep);
    CHECK(skips.size() == 8);
    for (const Recording& r : l.recordings)
        CHECK_FALSE(r.relativePath.contains(QStringLiteral("escape")));
}

TEST_CASE("Safe walk: file and entry caps truncate the listing and say so", "[recorder]")
{
    TempDir dir;
    for (int i = 0; i < 10; ++i)
        writeFile(dir.file(QStringLiteral("f%1.wav").arg(i)), "x");
    auto capped = walkTree(dir.path(), WalkLimits {8, 3, 1000});
    REQUIRE(capped);
    CHECK(capped->files.size() == 3);
    CHECK(capped->truncated);
    REQUIRE(capped->skipped.size() == 1);
    CHECK(capped->skipped[0].reason == SkipReason::TooManyFiles);

    auto entries = walkTree(dir.path(), WalkLimits {8, 100, 5});
    REQUIRE(entries);
    CHECK(entries->files.size() == 5);
    CHECK(entries->truncated);

    auto missing = walkTree(dir.file(QStringLiteral("nope")));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);

    CHECK_FALSE(isSafeName(".."));
    CHECK_FALSE(isSafeName("a/b"));
    CHECK_FALSE(isSafeName("tab\there"));
    CHECK_FALSE(isSafeName("c1\xc2\x85"));
    CHECK(isSafeName("执法记录 1.mp4"));
    CHECK_FALSE(openNoFollow(dir.path(), QStringLiteral("../etc/passwd")));
    CHECK_FALSE(openNoFollow(dir.path(), QStringLiteral("/etc/passwd")));
}

TEST_CASE(
    "Recorder import: store hash equals openssl SM3, sizes verified, idempotent", "[recorder]")
{
    const RecorderListing l = listBodyCam();
    StoreFixture fx;
    fx.clock.setNowMs(utcMs("2026-11-21T00:14:00Z"));
    const QString caseId = fx.openCase();
    const Recording& r0 = byPath(l, FakeBodyCam::Rec0);
    const QString expectedSm3 = opensslSm3(bodyCam().file(FakeBodyCam::Rec0));

    fx.clock.advanceMs(120'000);
    auto first = importRecording(*fx.store, fx.single, caseId, l.device, r0);
    REQUIRE(first);
    CHECK(first->outcome == ImportedEvidence::Outcome::Imported);
    CHECK(first->hashAlgorithm == QStringLiteral("sm3"));
    CHECK(first->hashHex == expectedSm3);
    CHECK(first->size == r0.size);

    auto events = fx.store->caseEvents(caseId);
    REQUIRE(events);
    const Event& attached = events->last();
    CHECK(attached.type == QStringLiteral("evidence.attached"));
    CHECK(attached.payload.value(QStringLiteral("kind")).toString() == QStringLiteral("video"));
    CHECK(attached.payload.value(QStringLiteral("capturedAt")).toInteger() == r0.startMs);
    CHECK(attached.payload.value(QStringLiteral("title")).toString() == r0.fileName);
    CHECK(attached.payload.value(QStringLiteral("description"))
              .toString()
              .contains(QStringLiteral("DSJ0012345")));
    QBuffer stored;
    REQUIRE(stored.open(QIODevice::WriteOnly));
    REQUIRE(fx.store->readEvidence(first->hashHex, stored));
    CHECK(stored.data() == readFile(bodyCam().file(FakeBodyCam::Rec0)));

    // Again: nothing appended, the earlier evidence named.
    const qsizetype count = events->size();
    auto again = importRecording(*fx.store, fx.single, caseId, l.device, r0);
    REQUIRE(again);
    CHECK(again->outcome == ImportedEvidence::Outcome::AlreadyImported);
    CHECK(again->evidenceId == first->evidenceId);
    CHECK(again->hashHex == expectedSm3);
    CHECK(fx.store->caseEvents(caseId)->size() == count);

    // The same content under another name (a copy on the card) is the same evidence too.
    TempDir copyDir;
    REQUIRE(QDir().mkpath(copyDir.file(QStringLiteral("DCIM"))));
    REQUIRE(QFile::copy(bodyCam().file(FakeBodyCam::Rec0),
        copyDir.file(QStringLiteral("DCIM/20261121_081502_copy.mp4"))));
    auto copyDevice = detectRecorder(copyDir.path());
    REQUIRE(copyDevice);
    auto copyListing = listRecordings(*copyDevice, {{}, {false}});
    REQUIRE(copyListing);
    REQUIRE(copyListing->recordings.size() == 1);
    auto copy
        = importRecording(*fx.store, fx.single, caseId, *copyDevice, copyListing->recordings[0]);
    REQUIRE(copy);
    CHECK(copy->outcome == ImportedEvidence::Outcome::AlreadyImported);
    CHECK(copy->evidenceId == first->evidenceId);

    // Another case may hold the same recording (one stop, two cases): a new evidence item.
    const QString other = fx.openCase(QStringLiteral("未按规定携带道路运输证 京B54321"));
    auto second = importRecording(*fx.store, fx.single, other, l.device, r0);
    REQUIRE(second);
    CHECK(second->outcome == ImportedEvidence::Outcome::Imported);
    CHECK(second->evidenceId != first->evidenceId);
    CHECK(second->hashHex == expectedSm3);

    // A different file of the same size is hashed for the check and then imported.
    const Recording& r2 = byPath(l, FakeBodyCam::Rec2);
    auto audio = importRecording(*fx.store, fx.single, caseId, l.device, r2);
    REQUIRE(audio);
    CHECK(audio->outcome == ImportedEvidence::Outcome::Imported);
    CHECK(audio->hashHex == opensslSm3(bodyCam().file(FakeBodyCam::Rec2)));
}

TEST_CASE("Recorder import: a file that vanishes, is replaced or is swapped for a link fails "
          "cleanly",
    "[recorder]")
{
    TempDir dir;
    const QString mount = dir.file(QStringLiteral("cam"));
    REQUIRE(QDir().mkpath(mount + QStringLiteral("/RECORD")));
    for (const char* name : {"20261121_081500_1.WAV", "20261121_082000_2.WAV",
             "20261121_082500_3.WAV", "20261121_083000_4.WAV"})
        REQUIRE(QFile::copy(bodyCam().file(FakeBodyCam::Rec2),
            mount + QStringLiteral("/RECORD/") + QString::fromLatin1(name)));
    auto device = detectRecorder(mount);
    REQUIRE(device);
    auto listing = listRecordings(*device, {{}, {false}});
    REQUIRE(listing);
    REQUIRE(listing->recordings.size() == 4);
    StoreFixture fx;
    const QString caseId = fx.openCase();
    const auto& recs = listing->recordings;

    SECTION("vanished")
    {
        REQUIRE(QFile::remove(mount + u'/' + recs[0].relativePath));
        auto r = importRecording(*fx.store, fx.single, caseId, *device, recs[0]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::NotFound);
    }
    SECTION("replaced by another file of the same size")
    {
        const QString path = mount + u'/' + recs[1].relativePath;
        writeFile(path + QStringLiteral(".new"), QByteArray(recs[1].size, 'x'));
        REQUIRE(::rename(QFile::encodeName(path + QStringLiteral(".new")).constData(),
                    QFile::encodeName(path).constData())
            == 0);
        auto r = importRecording(*fx.store, fx.single, caseId, *device, recs[1]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Conflict);
    }
    SECTION("grew after listing (still being written)")
    {
        QFile f(mount + u'/' + recs[2].relativePath);
        REQUIRE(f.open(QIODevice::Append));
        f.write("more");
        f.close();
        auto r = importRecording(*fx.store, fx.single, caseId, *device, recs[2]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Conflict);
    }
    SECTION("its folder swapped for a symlink")
    {
        REQUIRE(QDir(mount).rename(QStringLiteral("RECORD"), QStringLiteral("REAL")));
        REQUIRE(::symlink("REAL", QFile::encodeName(mount + QStringLiteral("/RECORD")).constData())
            == 0);
        auto r = importRecording(*fx.store, fx.single, caseId, *device, recs[3]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Conflict);
    }
    // Nothing half-imported in any case.
    auto events = fx.store->caseEvents(caseId);
    REQUIRE(events);
    for (const Event& e : *events)
        CHECK(e.type != QStringLiteral("evidence.attached"));
}

TEST_CASE("Case links: proposals by officer and time, and 一案一视频 gaps", "[recorder]")
{
    const RecorderListing l = listBodyCam();
    const auto at = [](const char* iso) { return utcMs(iso); };
    const QStringList me {QStringLiteral("off-1")};
    const QStringList myCode {QStringLiteral("11010001")};
    const QList<CasePeriod> cases {
        {QStringLiteral("A"), {}, me, myCode, at("2026-11-21T00:14:00Z"),
            at("2026-11-21T00:16:00Z")},
        {QStringLiteral("B"), {}, {QStringLiteral("off-2")}, {QStringLiteral("11010002")},
            at("2026-11-21T00:20:00Z"), at("2026-11-21T00:21:00Z")},
        {QStringLiteral("C"), {}, me, myCode, at("2026-11-21T00:30:00Z"),
            at("2026-11-21T00:30:04Z")},
        {QStringLiteral("D"), {}, me, myCode, at("2026-11-21T00:45:00Z"),
            at("2026-11-21T00:50:00Z")},
    };
    LinkOptions options;
    options.minGapMs = 30'000;
    const QList<LinkProposal> proposals = proposeLinks(l.recordings, cases, options);
    QMap<QString, LinkProposal> byRecording; // relative path -> best proposal
    QMap<QString, QList<LinkProposal>> all;
    for (const LinkProposal& p : proposals) {
        const QString path = l.recordings[p.recording].relativePath;
        // Best first per recording.
        if (!all[path].isEmpty())
            CHECK(all[path].last().score >= p.score);
        all[path].append(p);
        if (!byRecording.contains(path))
            byRecording.insert(path, p);
    }
    CHECK(byRecording.size() == 3);
    const LinkProposal p0 = byRecording.value(QString::fromLatin1(FakeBodyCam::Rec0));
    CHECK(p0.caseId == QStringLiteral("A"));
    CHECK(p0.officerMatch);
    CHECK(p0.score == Approx(1.0).margin(0.05));
    CHECK(std::abs(p0.overlapMs - 3000) <= 150);
    CHECK(p0.reasons.join(u' ').contains(QStringLiteral("officer 11010001")));
    CHECK(p0.reasons.join(u' ').contains(QStringLiteral("from 08:15:02 to 08:15:0"))); // local
    const LinkProposal p1 = byRecording.value(QString::fromLatin1(FakeBodyCam::Rec1));
    CHECK(p1.caseId == QStringLiteral("C"));
    CHECK(p1.score == Approx(1.0).margin(0.05));
    // 5 minutes before D, within the 10-minute slack: proposed, but weaker.
    const LinkProposal p2 = byRecording.value(QString::fromLatin1(FakeBodyCam::Rec2));
    CHECK(p2.caseId == QStringLiteral("D"));
    CHECK(p2.overlapMs == 0);
    CHECK(p2.score == Approx(0.5 + 0.25 * (1.0 - 298.0 / 600.0)).margin(0.01));
    CHECK(p2.reasons.size() == 2);
    // ... and C, 9 min 56 s after it ended, as a weaker second choice.
    REQUIRE(all.value(QString::fromLatin1(FakeBodyCam::Rec2)).size() == 2);
    CHECK(all.value(QString::fromLatin1(FakeBodyCam::Rec2))[1].caseId == QStringLiteral("C"));
    CHECK(all.value(QString::fromLatin1(FakeBodyCam::Rec2))[1].score < p2.score);
    CHECK(all.value(QString::fromLatin1(FakeBodyCam::Rec0)).size() == 1);
    // The mp3 (only a file time, 01:08) is near no case; B is another officer's: no proposals.
    CHECK_FALSE(byRecording.contains(QString::fromLatin1(FakeBodyCam::Rec3)));
    for (const LinkProposal& p : proposals)
        CHECK(p.caseId != QStringLiteral("B"));

    const QList<CoverageGap> gaps = uncoveredPeriods(l.recordings, cases, options);
    REQUIRE(gaps.size() == 4);
    CHECK(gaps[0].caseId == QStringLiteral("A"));
    CHECK(gaps[0].startMs == at("2026-11-21T00:14:00Z"));
    CHECK(gaps[0].endMs == at("2026-11-21T00:15:02Z"));
    CHECK(gaps[1].caseId == QStringLiteral("A"));
    CHECK(std::abs(gaps[1].startMs - at("2026-11-21T00:15:05Z")) <= 150);
    CHECK(gaps[1].endMs == at("2026-11-21T00:16:00Z"));
    CHECK(gaps[2].caseId == QStringLiteral("B")); // another officer's recordings do not count
    CHECK(gaps[2].startMs == at("2026-11-21T00:20:00Z"));
    CHECK(gaps[2].endMs == at("2026-11-21T00:21:00Z"));
    CHECK(gaps[3].caseId == QStringLiteral("D"));
    CHECK(gaps[3].endMs - gaps[3].startMs == 5 * 60'000);
    // C is covered completely by the second video.

    SECTION("recordings without an officer count for every case unless told otherwise")
    {
        QList<Recording> anonymous = l.recordings;
        for (Recording& r : anonymous)
            r.officerId.clear();
        const auto loose = proposeLinks(anonymous, cases, options);
        CHECK(loose.size() == proposals.size());
        for (const LinkProposal& p : loose) {
            CHECK_FALSE(p.officerMatch);
            CHECK(p.score <= 0.75 + 1e-9);
        }
        CHECK(uncoveredPeriods(anonymous, cases, options).size() == 4);
        options.unknownOfficerMatches = false;
        CHECK(proposeLinks(anonymous, cases, options).isEmpty());
        // Nothing counts: A, B and D wholly uncovered; C (4 s) is below minGapMs.
        CHECK(uncoveredPeriods(anonymous, cases, options).size() == 3);
    }
}

TEST_CASE(
    "Case periods come from the case's events, certificate numbers match body cams", "[recorder]")
{
    StoreFixture fx;
    fx.clock.setNowMs(utcMs("2026-11-21T00:14:00Z"));
    const QString caseId = fx.openCase();
    const RecorderListing l = listBodyCam();
    fx.clock.setNowMs(utcMs("2026-11-21T00:16:00Z"));
    REQUIRE(importRecording(*fx.store, fx.single, caseId, l.device, byPath(l, FakeBodyCam::Rec0)));

    auto periods = casePeriods(*fx.store, {caseId});
    REQUIRE(periods);
    REQUIRE(periods->size() == 1);
    const CasePeriod& p = periods->first();
    CHECK(p.caseId == caseId);
    CHECK(p.title == QStringLiteral("超限运输 京A12345"));
    CHECK(p.officerIds == QStringList {QStringLiteral("off-1"), QStringLiteral("off-2")});
    CHECK(p.officerCodes == QStringList {QStringLiteral("11010001"), QStringLiteral("11010002")});
    CHECK(p.startMs == utcMs("2026-11-21T00:14:01.010Z"));
    CHECK(p.endMs >= utcMs("2026-11-21T00:16:00Z"));

    const auto links = proposeLinks(l.recordings, *periods);
    REQUIRE_FALSE(links.isEmpty());
    CHECK(l.recordings[links.first().recording].relativePath
        == QString::fromLatin1(FakeBodyCam::Rec0));

    CHECK_FALSE(casePeriods(*fx.store, {QStringLiteral("no-such-case")}));
}

TEST_CASE("Recorder session: scan and import on a worker thread, results by signal", "[recorder]")
{
    RecorderSession session;
    QList<RecorderSession::State> states;
    QObject::connect(
        &session, &RecorderSession::stateChanged, [&](RecorderSession::State s) { states << s; });
    bool scanned = false;
    QObject::connect(&session, &RecorderSession::scanFinished, [&] { scanned = true; });
    TempDir empty;
    REQUIRE(session.scan({bodyCam().mount, empty.path()}));
    CHECK(session.state() == RecorderSession::State::Scanning);
    CHECK_FALSE(session.scan({bodyCam().mount})); // busy
    CHECK_FALSE(session.lastError().isEmpty());
    REQUIRE(waitUntil([&] { return scanned; }));
    REQUIRE(session.listings().size() == 1);
    REQUIRE(session.listings()[0].recordings.size() == 4);
    // Qt Multimedia ran on the worker thread: durations and the container date came from it.
    const Recording& first = session.listings()[0].recordings[0];
    CHECK(first.startSource == TimeSource::Metadata);
    CHECK(first.durationSource == QStringLiteral("metadata"));
    CHECK(std::abs(first.durationMs - 3000) <= 150);

    StoreFixture fx;
    const QString caseId = fx.openCase();
    int imported = -1, already = -1, failed = -1;
    QObject::connect(&session, &RecorderSession::importFinished, [&](int i, int a, int f) {
        imported = i;
        already = a;
        failed = f;
    });
    REQUIRE(session.importRecordings(*fx.store, fx.single, caseId, {{0, 2}, {0, 2}, {0, 9}}));
    REQUIRE(waitUntil([&] { return imported >= 0; }));
    CHECK(imported == 1);
    CHECK(already == 1);
    CHECK(failed == 1);
    REQUIRE(session.importResults().size() == 3);
    CHECK(session.importResults()[2].error == QStringLiteral("No such recording."));
    CHECK(session.state() == RecorderSession::State::Ready);
    CHECK(states
        == QList<RecorderSession::State> {RecorderSession::State::Scanning,
            RecorderSession::State::Ready, RecorderSession::State::Importing,
            RecorderSession::State::Ready});
}

TEST_CASE("Recorder snapshots: EXIF time first, zero duration", "[recorder]")
{
    TempDir dir;
    REQUIRE(QDir().mkpath(dir.file(QStringLiteral("DCIM"))));
    TempDir scratch;
    const QString plain = scratch.file(QStringLiteral("plain.jpg"));
    makeJpeg(plain);
    ExifSpec spec;
    spec.dateTimeOriginal = QStringLiteral("2026:11:21 08:15:01");
    // The file name says 08:15:00; EXIF wins.
    writeFile(dir.file(QStringLiteral("DCIM/DSJ0012345_11010001_20261121081500_0009.JPG")),
        insertExif(readFile(plain), buildExifTiff(spec)));
    auto device = detectRecorder(dir.path());
    REQUIRE(device);
    auto listing = listRecordings(*device);
    REQUIRE(listing);
    REQUIRE(listing->recordings.size() == 1);
    const Recording& r = listing->recordings[0];
    CHECK(r.kind == QStringLiteral("photo"));
    CHECK(r.durationMs == 0);
    CHECK(r.startSource == TimeSource::Exif);
    CHECK(r.startMs == utcMs("2026-11-21T00:15:01Z"));
    CHECK(r.officerId == QStringLiteral("11010001"));
}

TEST_CASE(
    "Recorder clocks: local time written as UTC is recognised, other skews flagged", "[recorder]")
{
    TempDir dir;
    REQUIRE(QDir().mkpath(dir.file(QStringLiteral("RECORD"))));
    // A DVR that writes its Beijing-time clock into the container as UTC.
    makeVideo(dir.file(QStringLiteral("RECORD/20261121_081500_0001.MP4")), 1,
        QStringLiteral("2026-11-21T08:15:00Z"));
    // A container 30 minutes off the file name: kept, but flagged.
    makeVideo(dir.file(QStringLiteral("RECORD/20261121_090000_0002.MP4")), 1,
        QStringLiteral("2026-11-21T01:30:00Z"));
    auto device = detectRecorder(dir.path());
    REQUIRE(device);
    auto listing = listRecordings(*device);
    REQUIRE(listing);
    REQUIRE(listing->recordings.size() == 2);
    const Recording& local = listing->recordings[0];
    CHECK(local.startMs == utcMs("2026-11-21T00:15:00Z"));
    CHECK(local.startSource == TimeSource::FileName);
    CHECK(local.timeWarning.contains(QStringLiteral("local time")));
    const Recording& skewed = listing->recordings[1];
    CHECK(skewed.startMs == utcMs("2026-11-21T01:30:00Z"));
    CHECK(skewed.startSource == TimeSource::Metadata);
    CHECK(skewed.timeWarning.contains(QStringLiteral("30.0 min")));
}

TEST_CASE(
    "Recorder session: mount and unmount are noticed by polling the mount table", "[recorder]")
{
    TempDir dir;
    const QString table = dir.file(QStringLiteral("mountinfo"));
    const QByteArray root = "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n";
    writeFile(table, root);
    RecorderSession session;
    QList<QStringList> changes;
    QObject::connect(&session, &RecorderSession::mountsChanged,
        [&](const QStringList& mounts) { changes << mounts; });
    session.watchMounts(20, table);
    CHECK(session.mountPoints().isEmpty());
    writeFile(table, root + "40 22 8:17 / /media/officer/DSJ rw - vfat /dev/sdb1 rw\n");
    REQUIRE(waitUntil([&] { return changes.size() == 1; }, 5000));
    CHECK(changes[0] == QStringList {QStringLiteral("/media/officer/DSJ")});
    writeFile(table, root);
    REQUIRE(waitUntil([&] { return changes.size() == 2; }, 5000));
    CHECK(changes[1].isEmpty());
    session.watchMounts(0);
}

TEST_CASE("Safe walk: a bind-mount loop and a foreign file system inside the volume", "[recorder]")
{
    // Needs a private mount namespace (root with CAP_SYS_ADMIN). It only affects this process,
    // and its mounts vanish with it.
    if (::unshare(CLONE_NEWNS) != 0
        || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        WARN("no private mount namespace here; bind-mount loop not tested");
        return;
    }
    TempDir dir;
    const QString vol = dir.file(QStringLiteral("vol"));
    REQUIRE(QDir().mkpath(vol + QStringLiteral("/DCIM/again")));
    REQUIRE(QDir().mkpath(vol + QStringLiteral("/DCIM/foreign")));
    writeFile(vol + QStringLiteral("/DCIM/a.jpg"), "x");
    const QByteArray volPath = QFile::encodeName(vol);
    REQUIRE(::mount(volPath.constData(), (volPath + "/DCIM/again").constData(), nullptr, MS_BIND,
                nullptr)
        == 0);
    REQUIRE(::mount("tmpfs", (volPath + "/DCIM/foreign").constData(), "tmpfs", 0, nullptr) == 0);
    writeFile(vol + QStringLiteral("/DCIM/foreign/b.jpg"), "x");
    auto walked = walkTree(vol);
    ::umount2((volPath + "/DCIM/foreign").constData(), MNT_DETACH);
    ::umount2((volPath + "/DCIM/again").constData(), MNT_DETACH);
    REQUIRE(walked);
    REQUIRE(walked->files.size() == 1);
    CHECK(walked->files[0].relativePath == QStringLiteral("DCIM/a.jpg"));
    QMap<QString, SkipReason> skips;
    for (const WalkSkip& s : walked->skipped)
        skips.insert(s.relativePath, s.reason);
    CHECK(skips.value(QStringLiteral("DCIM/again")) == SkipReason::DirectoryLoop);
    CHECK(skips.value(QStringLiteral("DCIM/foreign")) == SkipReason::OtherFileSystem);
}
