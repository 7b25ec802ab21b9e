// Scenario "devices": the device paths an officer waits on, on real inputs.
//  1. NMEA parse rate: NmeaParser over a generated log of 1,000,000 sentences (quick: 50,000), the
//     epochs of resources/demo/gnss/g4-roadside-stop.nmea repeated and retimed one second apart
//     (GGA, two GSA, RMC, plus four GSV every fourth epoch), fed in 4 KiB chunks as a socket read
//     would deliver them. Median of three passes after a warm-up (one pass in quick mode).
//  2. Sentence-to-fix latency: NmeaSource reading tcp:127.0.0.1:PORT from a QTcpServer in this
//     process. An epoch's first sentences are written and parsed; then the clock starts, its last
//     sentence (the RMC that completes the epoch) is written, and fixReceived stops it. 1000
//     epochs (quick: 50) after 20 warm-up epochs.
//  3. Recorder import: a 1 GiB raw 1080p AVI (quick: 64 MiB) made by ffmpeg in a fake recorder
//     folder with an identity file, found by detectRecorder, listed by listRecordings and imported
//     by importRecording into a fresh AES-256-GCM store, against the openssl command line doing
//     the same cryptography on the same file (exactly as evidence-aes).
//  4. Barcode decode: decodeImage of 1920x1080 camera-like frames, each holding one FieldCase
//     document code on a textured, noisy background: a QR rotated 2° to 8°, a PDF417 within 1°;
//     200 frames each (quick: 20), and every one must decode to its payload. For context, the
//     share of PDF417 frames decoded at 2°, 4°, 6° and 8°.
#include "core/util/clock.h"
#include "devices/barcode/barcodedecoder.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/nmeaparser.h"
#include "devices/gnss/nmeareplay.h"
#include "devices/gnss/nmeasource.h"
#include "devices/recorder/recorder.h"
#include "tests/bench/opensslbaseline.h"
#include "tests/bench/scenarios.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <algorithm>
#include <functional>

namespace fieldcase::bench {

namespace {

using devices::GnssFix;
using devices::NmeaParser;

// ---------------------------------------------------------------------------------------------
// NMEA

// A generated receiver log: the demo recording's epochs, retimed to consecutive seconds.
struct NmeaLog
{
    QByteArray bytes;
    QList<QByteArray> epochs; // each "sentence\r\n..." (kept for the latency part)
    qint64 sentences = 0;
    QMap<QString, qint64> types; // "GGA" -> count
    QDateTime firstUtc;
    QDateTime lastUtc;
};

Result<NmeaLog> generateNmeaLog(qint64 targetSentences)
{
    const QString path
        = QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/demo/gnss/g4-roadside-stop.nmea");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read the demo NMEA log"), path);
    const QList<QByteArray> demo = devices::NmeaReplayDevice::splitEpochs(f.readAll());
    if (demo.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the demo NMEA log is empty"), path);
    NmeaLog log;
    log.bytes.reserve(targetSentences * 72);
    log.firstUtc = QDateTime(QDate(2026, 11, 21), QTime(0, 0), QTimeZone::utc());
    qint64 epoch = 0;
    while (log.sentences < targetSentences) {
        const QDateTime utc = log.firstUtc.addSecs(epoch);
        QByteArray out;
        for (const QByteArray& line : demo.at(epoch % demo.size()).split('\n')) {
            const QByteArray bare = line.endsWith('\r') ? line.chopped(1) : line;
            if (bare.isEmpty())
                continue;
            out += devices::NmeaReplayDevice::retimeLine(bare, utc) + "\r\n";
            ++log.types[QString::fromLatin1(bare.mid(3, 3))];
            ++log.sentences;
        }
        log.bytes += out;
        if (log.epochs.size() < 2000) // enough for the latency part
            log.epochs.append(out);
        log.lastUtc = utc;
        ++epoch;
    }
    return log;
}

struct ParseRun
{
    double seconds = 0;
    qint64 fixes = 0;
    devices::NmeaCounters counters;
    GnssFix last;
};

ParseRun parseOnce(const QByteArray& bytes)
{
    constexpr qsizetype Chunk = 4096;
    ParseRun run;
    NmeaParser parser;
    parser.setFixCallback([&run](const GnssFix&) { ++run.fixes; });
    const QByteArrayView all(bytes);
    const auto t0 = SteadyClock::now();
    for (qsizetype at = 0; at < all.size(); at += Chunk)
        parser.feed(all.sliced(at, std::min(Chunk, all.size() - at)));
    run.seconds = secondsSince(t0);
    run.counters = parser.counters();
    run.last = parser.currentFix();
    return run;
}

void measureParse(Report& report, const NmeaLog& log, bool quick, GnssFix& lastFix)
{
    const int runs = quick ? 1 : 3;
    if (!quick)
        (void)parseOnce(log.bytes); // warm-up
    std::vector<double> seconds;
    for (int r = 0; r < runs; ++r) {
        const ParseRun run = parseOnce(log.bytes);
        seconds.push_back(run.seconds);
        const auto& c = run.counters;
        if (r == 0) {
            report.check(c.sentencesOk == log.sentences && c.checksumErrors == 0
                    && c.missingChecksum == 0 && c.unknownSentences == 0
                    && c.malformedSentences == 0 && c.garbageBytes == 0,
                QStringLiteral("NMEA: %1 of %2 sentences applied (checksum errors %3, unknown %4, "
                               "malformed %5, garbage bytes %6)")
                    .arg(c.sentencesOk)
                    .arg(log.sentences)
                    .arg(c.checksumErrors)
                    .arg(c.unknownSentences)
                    .arg(c.malformedSentences)
                    .arg(c.garbageBytes));
            const qint64 epochs = log.firstUtc.secsTo(log.lastUtc) + 1;
            report.check(run.fixes == epochs,
                QStringLiteral("NMEA: %1 fixes for %2 epochs").arg(run.fixes).arg(epochs));
            report.check(run.last.valid && run.last.utc == log.lastUtc,
                QStringLiteral("NMEA: last fix valid at %1 (got %2)")
                    .arg(log.lastUtc.toString(Qt::ISODate), run.last.utc.toString(Qt::ISODate)));
            lastFix = run.last;
        }
        note(QStringLiteral("NMEA parse pass %1: %2 s").arg(r + 1).arg(run.seconds, 0, 'f', 3));
    }
    const double s = median(seconds);
    const qint64 epochs = log.firstUtc.secsTo(log.lastUtc) + 1;
    report.addValue(QStringLiteral("NMEA parse, %1 sentences (GGA/RMC/GSA/GSV)").arg(log.sentences),
        double(log.sentences) / s, QStringLiteral("sentences/s"));
    report.addValue(QStringLiteral("NMEA parse throughput (%1 MB log)")
                        .arg(double(log.bytes.size()) / 1e6, 0, 'f', 1),
        double(log.bytes.size()) / 1e6 / s, QStringLiteral("MB/s"));
    report.addValue(QStringLiteral("NMEA parse: fixes emitted (%1 epochs)").arg(epochs),
        double(epochs) / s, QStringLiteral("fixes/s"));
    QJsonObject types;
    for (auto it = log.types.cbegin(); it != log.types.cend(); ++it)
        types.insert(it.key(), it.value());
    report.setInfo(QStringLiteral("nmeaSentenceTypes"), types);
    report.setInfo(QStringLiteral("nmeaBytes"), log.bytes.size());
    report.setInfo(QStringLiteral("nmeaParseSeconds"), jsonArray(seconds));
}

// Runs the event loop until done() holds; false after timeoutMs. The caller keeps a heartbeat
// timer running so that the blocking wait wakes up to look at the clock.
bool spinUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Sentence-to-fix latency through NmeaSource over TCP loopback.
void measureLatency(Report& report, const NmeaLog& log, bool quick)
{
    const int warmup = 20;
    const int measured = quick ? 50 : 1000;
    if (!report.check(log.epochs.size() >= warmup + measured,
            QStringLiteral("latency: only %1 epochs generated").arg(log.epochs.size())))
        return;
    QTcpServer server;
    if (!report.check(server.listen(QHostAddress::LocalHost, 0),
            QStringLiteral("latency: listen: ") + server.errorString()))
        return;
    QTimer heartbeat;
    heartbeat.start(250);
    devices::NmeaSource source;
    int fixes = 0;
    SteadyClock::time_point fixAt;
    GnssFix lastFix;
    QObject::connect(
        &source, &devices::GnssReceiver::fixReceived, &source, [&](const GnssFix& fix) {
            fixAt = SteadyClock::now();
            lastFix = fix;
            ++fixes;
        });
    source.start(QStringLiteral("tcp:127.0.0.1:%1").arg(server.serverPort()));
    if (!report.check(spinUntil([&] { return server.hasPendingConnections(); }, 5000),
            QStringLiteral("latency: NmeaSource did not connect")))
        return;
    QTcpSocket* peer = server.nextPendingConnection();
    // A receiver's TCP bridge sends each sentence as it comes; without TCP_NODELAY Nagle could
    // hold the last one back for an ACK.
    peer->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    Samples samples;
    samples.reserve(std::size_t(measured));
    for (int i = 0; i < warmup + measured; ++i) {
        const QByteArray& epoch = log.epochs.at(i);
        // The epoch's last sentence starts after the second-to-last line ending.
        const qsizetype split = epoch.lastIndexOf("\r\n", epoch.size() - 3) + 2;
        const QByteArray head = epoch.left(split);
        const QByteArray tail = epoch.mid(split);
        const qint64 headSentences = head.count("\r\n");
        const qint64 before = source.counters().sentencesOk;
        const int fixesBefore = fixes;
        peer->write(head);
        peer->flush();
        if (!report.check(
                spinUntil(
                    [&] { return source.counters().sentencesOk >= before + headSentences; }, 5000),
                QStringLiteral("latency: epoch %1: first sentences not parsed").arg(i)))
            return;
        if (!report.check(fixes == fixesBefore,
                QStringLiteral("latency: epoch %1: fix before its last sentence").arg(i)))
            return;
        const auto t0 = SteadyClock::now();
        peer->write(tail);
        peer->flush();
        if (!report.check(spinUntil([&] { return fixes > fixesBefore; }, 5000),
                QStringLiteral("latency: epoch %1: no fix").arg(i)))
            return;
        const QDateTime expected = log.firstUtc.addSecs(i);
        if (!report.check(lastFix.valid && lastFix.utc == expected,
                QStringLiteral("latency: epoch %1: fix at %2, expected %3")
                    .arg(i)
                    .arg(lastFix.utc.toString(Qt::ISODate), expected.toString(Qt::ISODate))))
            return;
        if (i >= warmup)
            samples.add(fixAt - t0);
    }
    source.stop();
    const QString what
        = QStringLiteral("sentence-to-fix latency %1 (NmeaSource, TCP loopback, n=%2)");
    report.addValue(what.arg(QStringLiteral("p50")).arg(measured), samples.percentileUs(50),
        QStringLiteral("µs"));
    report.addValue(QStringLiteral("sentence-to-fix latency p99"), samples.percentileUs(99),
        QStringLiteral("µs"));
    report.setInfo(QStringLiteral("latencyMeanMs"), samples.meanUs() / 1000);
    report.setInfo(QStringLiteral("latencyMaxMs"), samples.percentileUs(100) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Recorder import

constexpr qint64 FrameBytes = 1920 * 1080 * 3 / 2; // one yuv420p frame

// A raw 1080p test-pattern AVI of `frames` frames (no encoder: ffmpeg only writes the frames).
Status makeRawVideo(const QString& ffmpeg, const QString& path, qint64 frames)
{
    QProcess p;
    p.start(ffmpeg,
        {QStringLiteral("-nostdin"), QStringLiteral("-loglevel"), QStringLiteral("error"),
            QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"),
            QStringLiteral("-i"), QStringLiteral("testsrc2=size=1920x1080:rate=30"),
            QStringLiteral("-frames:v"), QString::number(frames), QStringLiteral("-c:v"),
            QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
            path});
    if (!p.waitForFinished(600'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(ErrorCode::Internal, QStringLiteral("ffmpeg failed"),
            QString::fromLocal8Bit(p.readAllStandardError()));
    return {};
}

struct Imported
{
    double seconds = 0;
    devices::ImportedEvidence evidence;
    std::unique_ptr<CaseStore> store;
};

Result<Imported> importOnce(const QString& storeDir, const devices::RecorderInfo& device,
    const devices::Recording& recording, const QJsonObject& position)
{
    const Team team;
    Imported out;
    out.store = openFreshStore(storeDir, Clock::system()); // AES-256-GCM, the default suite
    if (!out.store)
        return fail(ErrorCode::Internal, QStringLiteral("cannot open a fresh store"), storeDir);
    auto opened = out.store->append(
        team.pair, {QStringLiteral("case.opened"), {}, caseOpenedPayload(1), {}});
    if (!opened)
        return fail(std::move(opened.error()));
    const auto t0 = SteadyClock::now();
    auto imported = devices::importRecording(
        *out.store, team.single, opened->caseId, device, recording, position);
    out.seconds = secondsSince(t0);
    if (!imported)
        return fail(std::move(imported.error()));
    out.evidence = *imported;
    return out;
}

void measureImport(Report& report, const BenchOptions& options, const QJsonObject& position)
{
    const qint64 target = qint64(options.quick ? 64 : 1024) << 20;
    const qint64 frames = (target + FrameBytes - 1) / FrameBytes;
    const int runs = options.quick ? 1 : 3;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return;
    report.setInfo(QStringLiteral("ramDisk"), dir.onRamDisk());
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (!report.check(!ffmpeg.isEmpty(), QStringLiteral("ffmpeg not found")))
        return;

    // The fake recorder: identity file at the root, the clip under DCIM like a body cam's.
    const QString root = dir.file(QStringLiteral("recorder"));
    const QString mediaDir = root + QStringLiteral("/DCIM/100MEDIA");
    QDir().mkpath(mediaDir);
    {
        QFile id(root + QStringLiteral("/FIELDCASE.ID"));
        if (!report.check(id.open(QIODevice::WriteOnly)
                    && id.write("# bench recorder\ndevice_id=DSJ0012345\nserial=SN20260001\n"
                                "officer_id=110101\nmodel=DSJ-Bench\n")
                        > 0,
                QStringLiteral("write the identity file")))
            return;
    }
    const QString video = mediaDir + QStringLiteral("/DSJ0012345_110101_20261121081500_0001.avi");
    const auto g0 = SteadyClock::now();
    if (auto made = makeRawVideo(ffmpeg, video, frames); !made) {
        report.failure(made.error().toString());
        return;
    }
    const double generateSeconds = secondsSince(g0);
    const qint64 size = QFileInfo(video).size();
    const double mb = double(size) / 1e6;
    note(QStringLiteral("ffmpeg: %1 frames, %2 bytes in %3 s")
             .arg(frames)
             .arg(size)
             .arg(generateSeconds, 0, 'f', 1));
    report.setInfo(QStringLiteral("videoBytes"), size);
    report.setInfo(QStringLiteral("videoFrames"), frames);
    report.setInfo(QStringLiteral("videoGenerateSeconds"), generateSeconds);

    const auto l0 = SteadyClock::now();
    auto device = devices::detectRecorder(root);
    if (!device) {
        report.failure(QStringLiteral("detectRecorder: ") + device.error().toString());
        return;
    }
    auto listing = devices::listRecordings(*device);
    const double listSeconds = secondsSince(l0);
    if (!listing) {
        report.failure(QStringLiteral("listRecordings: ") + listing.error().toString());
        return;
    }
    if (!report.check(device->deviceId == u"DSJ0012345" && listing->recordings.size() == 1
                && listing->recordings.first().size == size
                && listing->recordings.first().kind == u"video",
            QStringLiteral("recorder %1 lists %2 recordings (expected the %3-byte video)")
                .arg(device->deviceId)
                .arg(listing->recordings.size())
                .arg(size)))
        return;
    const devices::Recording& recording = listing->recordings.first();
    report.setInfo(QStringLiteral("recordingDurationMs"), recording.durationMs);
    report.setInfo(QStringLiteral("recordingDurationSource"), recording.durationSource);
    report.setInfo(
        QStringLiteral("recordingStartSource"), devices::timeSourceName(recording.startSource));

    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        note(QStringLiteral("openssl not found: no baseline"));

    // Warm-up (puts the file in the page cache) and the functional checks: the import is new,
    // hashed with SM3 to openssl's value, of the listed size, and the stored blob verifies.
    auto warm = importOnce(dir.file(QStringLiteral("warm-up")), *device, recording, position);
    if (!warm) {
        report.failure(QStringLiteral("importRecording: ") + warm.error().toString());
        return;
    }
    report.check(warm->evidence.outcome == devices::ImportedEvidence::Outcome::Imported
            && warm->evidence.hashAlgorithm == u"sm3" && warm->evidence.size == size,
        QStringLiteral("import: outcome %1, %2, %3 bytes")
            .arg(int(warm->evidence.outcome))
            .arg(warm->evidence.hashAlgorithm)
            .arg(warm->evidence.size));
    if (auto info = warm->store->blobInfo(warm->evidence.hashHex); info) {
        auto verified = warm->store->blobs().verify(*info);
        report.check(verified.has_value() && info->suite == CipherSuite::Aes256Gcm,
            QStringLiteral("stored blob verifies: ")
                + (verified ? QString() : verified.error().toString()));
    } else {
        report.failure(QStringLiteral("blobInfo: ") + info.error().toString());
    }
    warm->store.reset();
    QDir(dir.file(QStringLiteral("warm-up"))).removeRecursively();
    if (!openssl.isEmpty()) {
        auto o = runOpenssl(openssl, video, CipherSuite::Aes256Gcm);
        if (!o) {
            report.failure(o.error().toString());
            return;
        }
        report.check(o->sm3Hex == warm->evidence.hashHex,
            QStringLiteral("imported hash %1 equals openssl's SM3 %2")
                .arg(warm->evidence.hashHex, o->sm3Hex));
        report.setInfo(QStringLiteral("opensslCommands"), QJsonArray::fromStringList(o->commands));
    }

    std::vector<double> ours, theirs, theirsToDisk;
    for (int r = 0; r < runs; ++r) {
        const QString storeDir = dir.file(QStringLiteral("run-%1").arg(r));
        auto a = importOnce(storeDir, *device, recording, position);
        if (!a) {
            report.failure(QStringLiteral("importRecording: ") + a.error().toString());
            return;
        }
        report.check(a->evidence.hashHex == warm->evidence.hashHex,
            QStringLiteral("run %1 stored the same hash").arg(r + 1));
        ours.push_back(a->seconds);
        a->store.reset();
        QDir(storeDir).removeRecursively();
        if (!openssl.isEmpty()) {
            auto o = runOpenssl(openssl, video, CipherSuite::Aes256Gcm);
            if (!o) {
                report.failure(o.error().toString());
                return;
            }
            theirs.push_back(o->seconds);
            auto toDisk = runOpenssl(
                openssl, video, CipherSuite::Aes256Gcm, dir.file(QStringLiteral("out.bin")));
            if (!toDisk) {
                report.failure(toDisk.error().toString());
                return;
            }
            theirsToDisk.push_back(toDisk->seconds);
        }
        note(QStringLiteral("run %1: importRecording %2 s, openssl %3 s (to a file: %4 s)")
                 .arg(r + 1)
                 .arg(a->seconds, 0, 'f', 3)
                 .arg(theirs.empty() ? 0.0 : theirs.back(), 0, 'f', 3)
                 .arg(theirsToDisk.empty() ? 0.0 : theirsToDisk.back(), 0, 'f', 3));
    }

    const double oursMBps = mb / median(ours);
    addIngestRows(report,
        QStringLiteral("importRecording %1 MiB raw 1080p AVI, aes-256-gcm")
            .arg(double(size) / double(1 << 20), 0, 'f', 0),
        oursMBps, mb, theirs, theirsToDisk, QStringLiteral("openssl dgst -sm3 + enc -aes-256-ctr"));
    if (auto plain = writeAndSync(dir.file(QStringLiteral("disk.bin")), size))
        report.addValue(QStringLiteral("context: plain write + fsync, same size and disk"),
            mb / *plain, QStringLiteral("MB/s"));
    report.addValue(
        QStringLiteral("context: detectRecorder + listRecordings (1 clip, Qt Multimedia probe)"),
        listSeconds * 1000, QStringLiteral("ms"));
    report.setInfo(QStringLiteral("importSeconds"), jsonArray(ours));
    report.setInfo(QStringLiteral("opensslSeconds"), jsonArray(theirs));
    report.setInfo(QStringLiteral("opensslToDiskSeconds"), jsonArray(theirsToDisk));
}

// ---------------------------------------------------------------------------------------------
// Barcode

// A symbol from ZXing's writer as a grey image: ink 35, paper 230, `module` pixels per module.
// The writer's PDF417 matrix already gives every row four modules of height.
QImage encodeSymbol(ZXing::BarcodeFormat format, const QString& text, int module)
{
    const bool pdf = format == ZXing::BarcodeFormat::PDF417;
    ZXing::MultiFormatWriter writer(format);
    writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(pdf ? 2 : 4);
    if (!pdf)
        writer.setEccLevel(2); // as forms/template renders document QRs
    const ZXing::BitMatrix bits = writer.encode(text.toStdString(), 0, 0);
    QImage img(bits.width() * module, bits.height() * module, QImage::Format_Grayscale8);
    for (int y = 0; y < img.height(); ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < img.width(); ++x)
            line[x] = bits.get(x / module, y / module) ? 35 : 230;
    }
    return img;
}

// A document QR payload: "FC1|number|case id|content hash".
QString documentPayload(int n, QRandomGenerator& rng)
{
    QByteArray uuid(16, Qt::Uninitialized);
    QByteArray hash(32, Qt::Uninitialized);
    rng.fillRange(reinterpret_cast<quint32*>(uuid.data()), 4);
    rng.fillRange(reinterpret_cast<quint32*>(hash.data()), 8);
    uuid[6] = char((uuid[6] & 0x0f) | 0x40); // version 4
    uuid[8] = char((uuid[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QStringLiteral("FC1|示交罚〔2026〕%1号|%2|%3")
        .arg(n, 5, 10, QLatin1Char('0'))
        .arg(QUuid::fromRfc4122(uuid).toString(QUuid::WithoutBraces),
            QString::fromLatin1(hash.toHex()));
}

// A 1920x1080 frame as a camera would hand it over (RGB32, grey scene): a gradient with desk
// clutter, a sheet of paper carrying the symbol, both rotated by `degrees`, and sensor noise.
QImage cameraFrame(const QImage& symbol, qreal degrees, QRandomGenerator& rng)
{
    QImage frame(1920, 1080, QImage::Format_RGB32);
    QPainter p(&frame);
    QLinearGradient light(0, 0, 1920, 1080);
    light.setColorAt(0, QColor(95, 95, 95));
    light.setColorAt(1, QColor(165, 165, 165));
    p.fillRect(frame.rect(), light);
    for (int i = 0; i < 60; ++i) {
        const int grey = int(rng.bounded(40, 200));
        p.fillRect(int(rng.bounded(1920)), int(rng.bounded(1080)), int(rng.bounded(20, 300)),
            int(rng.bounded(4, 120)), QColor(grey, grey, grey));
    }
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QSize paper = symbol.size() + QSize(160, 160);
    const int cx = int(rng.bounded(paper.width() / 2 + 40, 1920 - paper.width() / 2 - 40));
    const int cy = int(rng.bounded(paper.height() / 2 + 40, 1080 - paper.height() / 2 - 40));
    p.translate(cx, cy);
    p.rotate(degrees);
    p.fillRect(
        QRect(QPoint(-paper.width() / 2, -paper.height() / 2), paper), QColor(228, 228, 228));
    // Printed text lines around the symbol, as on a document.
    for (int y = -paper.height() / 2 + 20; y < paper.height() / 2 - 10; y += 28) {
        if (std::abs(y) < symbol.height() / 2 + 20)
            continue;
        p.fillRect(-paper.width() / 2 + 30, y, paper.width() - 60 - int(rng.bounded(200)), 10,
            QColor(70, 70, 70));
    }
    p.drawImage(QPointF(-symbol.width() / 2.0, -symbol.height() / 2.0), symbol);
    p.end();
    // Sensor noise: a sum of two uniforms, about ±14 grey levels, the same on every channel.
    quint32 state = rng.generate() | 1;
    for (int y = 0; y < frame.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(frame.scanLine(y));
        for (int x = 0; x < frame.width(); ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const int noise = int(state & 0x0f) + int((state >> 4) & 0x0f) - 15;
            const int v = std::clamp(qRed(line[x]) + noise, 0, 255);
            line[x] = qRgb(v, v, v);
        }
    }
    return frame;
}

// One symbology of the barcode part.
struct CodeKind
{
    ZXing::BarcodeFormat format;
    QString name; // ZXing's name, as decodeImage reports it
    QString label;
    int module; // pixels per module
};

struct DecodeOutcome
{
    bool found = false;
    SteadyClock::duration elapsed {};
};

// Makes a frame with a fresh payload of `kind` rotated by degrees and decodes it (timed).
Result<DecodeOutcome> decodeOne(const CodeKind& kind, int n, qreal degrees, QRandomGenerator& rng)
{
    const QString payload = documentPayload(n, rng);
    const QImage frame = cameraFrame(encodeSymbol(kind.format, payload, kind.module), degrees, rng);
    const auto t0 = SteadyClock::now();
    auto decoded = devices::decodeImage(frame);
    DecodeOutcome out;
    out.elapsed = SteadyClock::now() - t0;
    if (!decoded)
        return fail(std::move(decoded.error()));
    out.found
        = std::any_of(decoded->cbegin(), decoded->cend(), [&](const devices::DecodedBarcode& d) {
              return d.format == kind.name && d.text == payload;
          });
    return out;
}

void measureBarcode(Report& report, bool quick)
{
    const int frames = quick ? 20 : 200;
    const int warmup = 2;
    // QR: 5 px modules (a 245 px symbol), 2° to 8° either way. PDF417: 3 px modules (about
    // 630x200 px), at most 1° either way: beyond that the decoder misses some (see the sweep).
    const CodeKind qr {
        ZXing::BarcodeFormat::QRCode, QStringLiteral("QRCode"), QStringLiteral("QR"), 5};
    const CodeKind pdf {
        ZXing::BarcodeFormat::PDF417, QStringLiteral("PDF417"), QStringLiteral("PDF417"), 3};
    const struct
    {
        const CodeKind& kind;
        double minDeg;
        double spanDeg;
    } sets[] = {{qr, 2, 6}, {pdf, 0, 1}};
    QRandomGenerator rng(20261121);
    for (const auto& set : sets) {
        Samples samples;
        samples.reserve(std::size_t(frames));
        int misses = 0;
        for (int i = 0; i < warmup + frames; ++i) {
            const qreal degrees
                = (set.minDeg + set.spanDeg * rng.generateDouble()) * (rng.bounded(2) ? 1 : -1);
            auto one = decodeOne(set.kind, i + 1, degrees, rng);
            if (!one) {
                report.failure(QStringLiteral("decodeImage (%1): ").arg(set.kind.label)
                    + one.error().toString());
                return;
            }
            if (!one->found) {
                ++misses;
                note(QStringLiteral("%1 frame %2 (%3°) not decoded")
                         .arg(set.kind.label)
                         .arg(i)
                         .arg(degrees, 0, 'f', 1));
            }
            if (i >= warmup)
                samples.add(one->elapsed);
        }
        report.check(misses == 0,
            QStringLiteral("%1: %2 of %3 frames not decoded")
                .arg(set.kind.label)
                .arg(misses)
                .arg(warmup + frames));
        report.addValue(QStringLiteral("%1 decode per 1080p frame p50 (%2 px modules, %3°–%4°, "
                                       "n=%5)")
                            .arg(set.kind.label)
                            .arg(set.kind.module)
                            .arg(set.minDeg)
                            .arg(set.minDeg + set.spanDeg)
                            .arg(frames),
            samples.percentileUs(50) / 1000, QStringLiteral("ms"));
        report.addValue(QStringLiteral("%1 decode per 1080p frame p99").arg(set.kind.label),
            samples.percentileUs(99) / 1000, QStringLiteral("ms"));
        report.setInfo(set.kind.label + QStringLiteral("DecodeMeanMs"), samples.meanUs() / 1000);
    }

    // Context, not a check: the share of PDF417 frames decoded at a fixed rotation.
    const int sweepFrames = quick ? 10 : 50;
    QJsonObject sweep;
    for (const double degrees : {2.0, 4.0, 6.0, 8.0}) {
        int found = 0;
        for (int i = 0; i < sweepFrames; ++i) {
            auto one = decodeOne(pdf, i + 1, i % 2 ? degrees : -degrees, rng);
            if (!one) {
                report.failure(
                    QStringLiteral("decodeImage (PDF417 sweep): ") + one.error().toString());
                return;
            }
            found += one->found ? 1 : 0;
        }
        report.addValue(QStringLiteral("context: PDF417 frames decoded at ±%1° (n=%2)")
                            .arg(degrees)
                            .arg(sweepFrames),
            100.0 * found / sweepFrames, QStringLiteral("%"));
        sweep.insert(QString::number(degrees), found);
    }
    report.setInfo(QStringLiteral("pdf417SweepFound"), sweep);
}

} // namespace

int runDevices(const BenchOptions& options)
{
    Report report(QStringLiteral("devices"), options.quick);

    auto log = generateNmeaLog(options.quick ? 50'000 : 1'000'000);
    if (!log) {
        report.failure(log.error().toString());
        return report.finish();
    }
    GnssFix lastFix;
    measureParse(report, *log, options.quick, lastFix);
    measureLatency(report, *log, options.quick);
    // The parser's last fix is the position the import records, as the terminal would.
    measureImport(report, options, devices::eventPosition(lastFix));
    measureBarcode(report, options.quick);
    return report.finish();
}

} // namespace fieldcase::bench
