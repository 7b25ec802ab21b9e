// Scenarios "evidence-aes" / "evidence-sm4": CaseStore::attachEvidence of a 256 MiB file (32 MiB
// quick) against the openssl command line doing the same cryptographic work on the same file,
// one command after the other, timed as one total:
//   aes-256-gcm:       openssl dgst -sm3  +  openssl enc -aes-256-ctr
//   sm4-ctr-hmac-sm3:  openssl dgst -sm3  +  openssl enc -sm4-ctr  +  openssl mac HMAC-SM3
// `openssl enc` has no AEAD modes, so AES-GCM is compared with AES-CTR (GCM without the GHASH).
// openssl writes to /dev/null while attachEvidence writes the ciphertext to the store and
// fsyncs it; for context the same openssl commands writing the ciphertext to a file on the same
// disk followed by an fsync, and a plain write+fsync of the same size, are reported too.
// One warm-up run of each, then the median of three measured runs (one in quick mode); every
// measured attach goes to a fresh store, so the file is really stored each time.
#include "core/util/clock.h"
#include "tests/bench/opensslbaseline.h"
#include "tests/bench/scenarios.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace fieldcase::bench {

namespace {

struct Attached
{
    double seconds = 0;
    QString hashHex;
    std::unique_ptr<CaseStore> store;
};

Result<Attached> attachOnce(const QString& storeDir, const QString& input, CipherSuite suite)
{
    const Team team;
    Attached out;
    out.store = openFreshStore(storeDir, Clock::system(), suite);
    if (!out.store)
        return fail(ErrorCode::Internal, QStringLiteral("cannot open a fresh store"), storeDir);
    auto opened = out.store->append(
        team.pair, {QStringLiteral("case.opened"), {}, caseOpenedPayload(1), {}});
    if (!opened)
        return fail(std::move(opened.error()));
    QFile source(input);
    if (!source.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot open the input"), input);
    EvidenceMeta meta;
    meta.kind = QStringLiteral("video");
    meta.mediaType = QStringLiteral("video/mp4");
    meta.title = QStringLiteral("执法记录仪视频");

    const auto t0 = SteadyClock::now();
    auto e = out.store->attachEvidence(team.single, opened->caseId, source, meta);
    out.seconds = secondsSince(t0);
    if (!e)
        return fail(std::move(e.error()));
    out.hashHex = e->payload.value(QStringLiteral("blobHash")).toString();
    return out;
}

} // namespace

int runEvidence(const BenchOptions& options, CipherSuite suite)
{
    const bool aes = suite == CipherSuite::Aes256Gcm;
    Report report(
        aes ? QStringLiteral("evidence-aes") : QStringLiteral("evidence-sm4"), options.quick);
    const qint64 size = qint64(options.quick ? 32 : 256) << 20;
    const int runs = options.quick ? 1 : 3;
    const double mb = double(size) / 1e6;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    report.setInfo(QStringLiteral("ramDisk"), dir.onRamDisk());
    report.setInfo(QStringLiteral("suite"), cipherSuiteName(suite));
    report.setInfo(QStringLiteral("bytes"), size);

    const QString input = dir.file(QStringLiteral("input.bin"));
    if (!report.check(writeRandomFile(input, size, 42), QStringLiteral("write the input file")))
        return report.finish();
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        note(QStringLiteral("openssl not found: no baseline"));

    // Warm-up (also puts the input in the page cache) and the functional checks: the stored
    // blob decrypts and hashes back to the input, and its address equals openssl's SM3.
    auto warm = attachOnce(dir.file(QStringLiteral("warm-up")), input, suite);
    if (!warm) {
        report.failure(QStringLiteral("attachEvidence: ") + warm.error().toString());
        return report.finish();
    }
    auto info = warm->store->blobInfo(warm->hashHex);
    if (!info) {
        report.failure(QStringLiteral("blobInfo: ") + info.error().toString());
        return report.finish();
    }
    report.check(info->size == size && info->suite == suite,
        QStringLiteral("stored size/suite: %1 bytes, %2")
            .arg(info->size)
            .arg(cipherSuiteName(info->suite)));
    auto verified = warm->store->blobs().verify(*info);
    report.check(verified.has_value(),
        QStringLiteral("stored blob verifies: ")
            + (verified ? QString() : verified.error().toString()));
    warm->store.reset();
    QDir(dir.file(QStringLiteral("warm-up"))).removeRecursively();
    if (!openssl.isEmpty()) {
        auto o = runOpenssl(openssl, input, suite);
        if (!o) {
            report.failure(o.error().toString());
            return report.finish();
        }
        report.check(o->sm3Hex == warm->hashHex,
            QStringLiteral("content address %1 equals openssl's SM3 %2")
                .arg(warm->hashHex, o->sm3Hex));
        report.setInfo(QStringLiteral("opensslCommands"), QJsonArray::fromStringList(o->commands));
    }

    std::vector<double> ours, theirs, theirsToDisk;
    for (int r = 0; r < runs; ++r) {
        const QString storeDir = dir.file(QStringLiteral("run-%1").arg(r));
        auto a = attachOnce(storeDir, input, suite);
        if (!a) {
            report.failure(QStringLiteral("attachEvidence: ") + a.error().toString());
            return report.finish();
        }
        ours.push_back(a->seconds);
        a->store.reset();
        QDir(storeDir).removeRecursively();
        if (!openssl.isEmpty()) {
            auto o = runOpenssl(openssl, input, suite);
            if (!o) {
                report.failure(o.error().toString());
                return report.finish();
            }
            theirs.push_back(o->seconds);
            auto toDisk = runOpenssl(openssl, input, suite, dir.file(QStringLiteral("out.bin")));
            if (!toDisk) {
                report.failure(toDisk.error().toString());
                return report.finish();
            }
            theirsToDisk.push_back(toDisk->seconds);
        }
        note(QStringLiteral("run %1: attachEvidence %2 s, openssl %3 s (to a file: %4 s)")
                 .arg(r + 1)
                 .arg(a->seconds, 0, 'f', 3)
                 .arg(theirs.empty() ? 0.0 : theirs.back(), 0, 'f', 3)
                 .arg(theirsToDisk.empty() ? 0.0 : theirsToDisk.back(), 0, 'f', 3));
    }

    const double oursMBps = mb / median(ours);
    addIngestRows(report,
        QStringLiteral("attachEvidence %1 MiB, %2").arg(size >> 20).arg(cipherSuiteName(suite)),
        oursMBps, mb, theirs, theirsToDisk,
        aes ? QStringLiteral("openssl dgst -sm3 + enc -aes-256-ctr")
            : QStringLiteral("openssl dgst -sm3 + enc -sm4-ctr + mac HMAC-SM3"));
    auto disk = writeAndSync(dir.file(QStringLiteral("disk.bin")), size);
    if (disk)
        report.addValue(QStringLiteral("context: plain write + fsync, same size and disk"),
            mb / *disk, QStringLiteral("MB/s"));
    report.setInfo(QStringLiteral("attachSeconds"), jsonArray(ours));
    report.setInfo(QStringLiteral("opensslSeconds"), jsonArray(theirs));
    report.setInfo(QStringLiteral("opensslToDiskSeconds"), jsonArray(theirsToDisk));
    return report.finish();
}

} // namespace fieldcase::bench
