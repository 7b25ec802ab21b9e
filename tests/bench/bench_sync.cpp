// Sync benchmarks, all against the reference centre (on a thread of its own) over mutual TLS on
// loopback, with FaultProxy between terminal and centre where a link is simulated:
//   sync-ingest   the centre's ingest rate: one terminal pushes 10,000 events (1,000 quick) in
//                 batches of 500; every event is checked and imported by the centre's CaseStore.
//   sync-goodput  evidence upload goodput at 1 Mbit/s and 300 ms RTT against a plain `curl` PATCH
//                 of the same bytes through the same proxy to the same centre (goal ≥ 80 %).
//   sync-resume   bytes re-sent when a 100 MB upload (8 MB quick) is cut 10 times at 8 Mbit/s:
//                 the bytes through the proxy against the same upload without cuts (goal ≤ 5 %);
//                 the same cuts against @tus/server. Both centres keep what arrived of a cut
//                 PATCH (the reference centre streams PATCH bodies through its HttpFront).
//   sync-linkup   link-up to all records confirmed with 2 GiB of video (32 MiB quick) queued
//                 before them on an unmetered 1 Mbit/s link (goal: records first, within 60 s).
#include "core/util/clock.h"
#include "sync/client/signingtransport.h"
#include "sync/client/syncclient.h"
#include "sync/protocol/requestsigning.h"
#include "sync/transport/curltransport.h"
#include "sync/tus/tusclient.h"
#include "tests/bench/scenarios.h"
#include "tests/support/centre/centreharness.h"
#include "tests/support/faultproxy.h"
#include "tests/support/tuspeer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <atomic>
#include <thread>

namespace fieldcase::bench {

namespace {

using sync::CycleReport;
using sync::SyncClient;
using test::CentreHarness;
using test::FaultProxy;

const QString kUnit = QStringLiteral("u-bench");

// A centre in dir/centre with the bench unit; nullptr (and a failed check) on error.
std::unique_ptr<CentreHarness> startCentre(Report& report, const ScratchDir& dir)
{
    const QString path = dir.file(QStringLiteral("centre"));
    if (!report.check(QDir().mkpath(path), QStringLiteral("centre directory")))
        return nullptr;
    auto centre = CentreHarness::start({path});
    if (!centre) {
        report.failure(QStringLiteral("centre: ") + centre.error().toString());
        return nullptr;
    }
    if (auto unit = (*centre)->addUnit(kUnit, QStringLiteral("基准测试大队")); !unit) {
        report.failure(QStringLiteral("centre unit: ") + unit.error().toString());
        return nullptr;
    }
    return std::move(*centre);
}

struct Terminal
{
    std::unique_ptr<CaseStore> store;
    sync::SyncSettings settings;
};

// A fresh terminal store in dir/name, enrolled with the centre.
std::optional<Terminal> enrolledTerminal(
    Report& report, const ScratchDir& dir, CentreHarness& centre, const QString& name)
{
    Terminal t;
    t.store = openFreshStore(dir.file(name), Clock::system());
    if (!report.check(t.store != nullptr, QStringLiteral("terminal store")))
        return std::nullopt;
    auto settings = centre.enrol(*t.store, kUnit);
    if (!settings) {
        report.failure(QStringLiteral("enrolment: ") + settings.error().toString());
        return std::nullopt;
    }
    t.settings = *settings;
    return t;
}

// Appends `events` events in cases of 20 (an opening and 19 notes); returns the case ids.
Result<QStringList> queueEvents(CaseStore& store, int events)
{
    const Team team;
    QStringList cases;
    int made = 0;
    while (made < events) {
        auto opened = store.append(
            team.pair, {QStringLiteral("case.opened"), {}, caseOpenedPayload(made), {}});
        if (!opened)
            return fail(std::move(opened.error()));
        cases.append(opened->caseId);
        ++made;
        for (int i = 0; i < 19 && made < events; ++i, ++made)
            FC_TRY(store.append(
                team.single, {QStringLiteral("case.note"), opened->caseId, notePayload(made), {}}));
    }
    return cases;
}

Result<QString> attachFile(CaseStore& store, const QString& caseId, const QString& path,
    const QString& kind, const QString& mediaType)
{
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot open the input"), path);
    EvidenceMeta meta;
    meta.kind = kind;
    meta.mediaType = mediaType;
    meta.title = QStringLiteral("基准证据");
    auto e = store.attachEvidence(Team().single, caseId, source, meta);
    if (!e)
        return fail(std::move(e.error()));
    return e->payload.value(QStringLiteral("blobHash")).toString();
}

qint64 centreEvents(CentreHarness& centre)
{
    return centre.call([](CentreHarness::Parts& p) {
        return p.cases.database().scalarInt("SELECT count(*) FROM events").value_or(-1);
    });
}

qint64 pendingAtTerminal(CaseStore& store, const char* kind)
{
    auto st = store.database().prepare(
        "SELECT count(*) FROM outbox WHERE kind = ? AND state != 'sent'");
    if (!st)
        return -1;
    st->bind(1, QString::fromLatin1(kind));
    if (!st->step().value_or(false))
        return -1;
    return st->int64(0);
}

// 1 Mbit/s each way and 150 ms each way (300 ms RTT): a weak 3G link.
void weak3g(FaultProxy& proxy)
{
    for (auto d : {FaultProxy::Direction::Up, FaultProxy::Direction::Down}) {
        proxy.setRateLimit(d, 125'000);
        proxy.setLatency(d, std::chrono::milliseconds(150));
    }
}

sync::SyncSettings through(sync::SyncSettings settings, const FaultProxy& proxy)
{
    settings.centreUrl = QStringLiteral("https://localhost:%1").arg(proxy.port());
    return settings;
}

} // namespace

// ---------------------------------------------------------------------------------------------
int runSyncIngest(const BenchOptions& options)
{
    Report report(QStringLiteral("sync-ingest"), options.quick);
    const int events = options.quick ? 1000 : 10000;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    report.setInfo(QStringLiteral("ramDisk"), dir.onRamDisk());
    auto centre = startCentre(report, dir);
    if (!centre)
        return report.finish();
    auto terminal = enrolledTerminal(report, dir, *centre, QStringLiteral("terminal"));
    if (!terminal)
        return report.finish();
    auto cases = queueEvents(*terminal->store, events);
    if (!report.check(bool(cases), QStringLiteral("queue events")))
        return report.finish();
    const qint64 before = centreEvents(*centre);

    sync::SyncSettings settings = terminal->settings;
    settings.eventBatch = 500;
    settings.maxBatchBytes = 1 << 20;
    sync::CurlTransport transport(settings.tls);
    SyncClient client(*terminal->store, transport, settings);
    CycleReport cycle;
    const auto t0 = SteadyClock::now();
    const Status pushed = client.pushEvents(cycle);
    const double seconds = secondsSince(t0);
    report.check(
        bool(pushed), QStringLiteral("push: ") + (pushed ? QString() : pushed.error().toString()));
    const qint64 arrived = centreEvents(*centre) - before;
    report.check(arrived == events && cycle.eventsAccepted == events,
        QStringLiteral("the centre holds every event once (%1 of %2, %3 receipts)")
            .arg(arrived)
            .arg(events)
            .arg(cycle.eventsAccepted));
    report.check(pendingAtTerminal(*terminal->store, "event") == 0,
        QStringLiteral("the terminal's outbox is empty"));
    report.setInfo(QStringLiteral("events"), events);
    report.setInfo(QStringLiteral("batch"), settings.eventBatch);
    report.addValue(
        QStringLiteral("centre ingest, one terminal, batches of 500 (checked, signed, imported)"),
        double(events) / seconds, QStringLiteral("events/s"));
    report.addValue(
        QStringLiteral("push of %1 events, wall").arg(events), seconds, QStringLiteral("s"));
    return report.finish();
}

// ---------------------------------------------------------------------------------------------
int runSyncGoodput(const BenchOptions& options)
{
    Report report(QStringLiteral("sync-goodput"), options.quick);
    const qint64 size = qint64(options.quick ? 1 : 8) << 20;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (!report.check(!curl.isEmpty(), QStringLiteral("the curl command line is installed")))
        return report.finish();
    auto centre = startCentre(report, dir);
    if (!centre)
        return report.finish();
    auto terminal = enrolledTerminal(report, dir, *centre, QStringLiteral("terminal"));
    if (!terminal)
        return report.finish();
    auto cases = queueEvents(*terminal->store, 1);
    const QString input = dir.file(QStringLiteral("photo.bin"));
    if (!report.check(cases && writeRandomFile(input, size, 3), QStringLiteral("input")))
        return report.finish();
    auto blob = attachFile(*terminal->store, cases->first(), input, QStringLiteral("photo"),
        QStringLiteral("image/jpeg"));
    if (!report.check(bool(blob), QStringLiteral("attach the photo")))
        return report.finish();
    const QString stored = terminal->store->blobs().pathFor(*blob);
    const qint64 storedSize = QFileInfo(stored).size();

    FaultProxy proxy(QStringLiteral("127.0.0.1"), centre->port());
    if (!report.check(proxy.start(), QStringLiteral("proxy: ") + proxy.error()))
        return report.finish();
    const sync::SyncSettings settings = through(terminal->settings, proxy);
    sync::CurlTransport transport(settings.tls);
    SyncClient client(*terminal->store, transport, settings);
    CycleReport cycle;
    report.check(bool(client.pushEvents(cycle)), QStringLiteral("push the case first"));
    weak3g(proxy);

    // Ours: the sync client's evidence step (create, adaptive chunks with sha256 checksums).
    const auto t0 = SteadyClock::now();
    const Status uploaded = client.uploadBlobs(cycle, {true, false});
    const double ours = secondsSince(t0);
    report.check(uploaded && cycle.blobsUploaded == 1,
        QStringLiteral("our upload: ") + (uploaded ? QString() : uploaded.error().toString()));

    // Plain curl: one PATCH with the whole file to an upload made the same way, signed with
    // body=unsigned as the protocol allows for tus PATCH. Only the PATCH is timed.
    proxy.clearFaults();
    sync::SigningTransport signing(transport, terminal->store->terminalKey(),
        terminal->store->terminalId(), terminal->store->clock());
    sync::TusClient tus(signing, settings.centreUrl + QStringLiteral("/v1/files"));
    auto info = terminal->store->blobInfo(*blob);
    auto created = info ? tus.create(storedSize, sync::evidenceUploadMetadata(*info))
                        : Result<QString>(fail(std::move(info.error())));
    if (!report.check(bool(created), QStringLiteral("create the baseline upload")))
        return report.finish();
    weak3g(proxy);
    const QString url
        = created->startsWith(QLatin1String("http")) ? *created : settings.centreUrl + *created;
    const QByteArray path = QUrl(url).path(QUrl::FullyEncoded).toUtf8();
    auto signature
        = sync::signRequest(terminal->store->terminalKey(), terminal->store->terminalId(),
            {"PATCH", path, {}}, QDateTime::currentMSecsSinceEpoch(), sync::BodySigning::Unsigned);
    if (!report.check(bool(signature), QStringLiteral("sign the baseline PATCH")))
        return report.finish();
    QProcess plain;
    plain.start(curl,
        {QStringLiteral("-sS"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
            QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-X"),
            QStringLiteral("PATCH"), QStringLiteral("--cacert"), settings.tls.caFile,
            QStringLiteral("--cert"), settings.tls.clientCertFile, QStringLiteral("--key"),
            settings.tls.clientKeyFile, QStringLiteral("-H"),
            QStringLiteral("Tus-Resumable: 1.0.0"), QStringLiteral("-H"),
            QStringLiteral("Upload-Offset: 0"), QStringLiteral("-H"),
            QStringLiteral("Content-Type: application/offset+octet-stream"), QStringLiteral("-H"),
            QStringLiteral("Expect:"), QStringLiteral("-H"),
            QStringLiteral("%1: %2").arg(
                QLatin1String(sync::kSignatureHeader), QString::fromLatin1(*signature)),
            QStringLiteral("-T"), stored, url});
    const auto t1 = SteadyClock::now();
    const bool finished = plain.waitForFinished(30 * 60 * 1000);
    const double baseline = secondsSince(t1);
    const QByteArray status = plain.readAllStandardOutput().trimmed();
    report.check(finished && plain.exitCode() == 0 && status == "204",
        QStringLiteral("curl's PATCH: exit %1, HTTP %2, %3")
            .arg(plain.exitCode())
            .arg(QString::fromLatin1(status), QString::fromUtf8(plain.readAllStandardError())));

    const double kib = double(storedSize) / 1024.0;
    report.setInfo(QStringLiteral("bytes"), storedSize);
    report.setInfo(QStringLiteral("ourSeconds"), ours);
    report.setInfo(QStringLiteral("curlSeconds"), baseline);
    Report::Row row;
    row.metric
        = QStringLiteral("evidence upload goodput, 1 Mbit/s, 300 ms RTT, %1 MiB").arg(size >> 20);
    row.value = kib / ours;
    row.unit = QStringLiteral("KiB/s");
    row.baseline = kib / baseline;
    row.baselineLabel = QStringLiteral("one curl PATCH");
    row.ratio = 100.0 * baseline / ours;
    row.ratioKind = QStringLiteral("%");
    row.goal = QStringLiteral("≥ 80 %");
    row.goalMet = *row.ratio >= 80.0;
    report.addRow(row);
    return report.finish();
}

// ---------------------------------------------------------------------------------------------
namespace {

// Cuts the proxy's upstream `cuts` times, every `spacing` bytes of a connection, re-arming after
// each cut until all have fired; runs on its own thread while the upload runs.
class CutSchedule
{
public:
    CutSchedule(FaultProxy& proxy, int cuts, qint64 spacing)
        : m_proxy(proxy)
        , m_cuts(cuts)
        , m_spacing(spacing)
    { }
    ~CutSchedule() { stop(); }
    void start()
    {
        if (m_cuts == 0)
            return;
        m_base = m_proxy.counters().resets;
        m_proxy.cutAfterBytes(FaultProxy::Direction::Up, m_spacing);
        m_thread = std::thread([this] {
            qint64 armed = 1;
            while (!m_stop.load()) {
                const qint64 fired = m_proxy.counters().resets - m_base;
                if (fired >= m_cuts)
                    return;
                if (fired == armed) {
                    m_proxy.cutAfterBytes(FaultProxy::Direction::Up, m_spacing);
                    ++armed;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    [[nodiscard]] qint64 fired() const { return m_proxy.counters().resets - m_base; }

private:
    FaultProxy& m_proxy;
    int m_cuts;
    qint64 m_spacing;
    qint64 m_base = 0;
    std::atomic<bool> m_stop {false};
    std::thread m_thread;
};

struct ResumeRun
{
    qint64 bytesUp = 0; // through the proxy, TLS records and headers included
    qint64 cuts = 0;
    int cycles = 0;
    bool ok = false;
    QString error;
};

// Uploads the terminal's pending blob through the proxy with `cuts` cuts, running cycles until
// it is confirmed.
ResumeRun uploadWithCuts(CaseStore& store, const sync::SyncSettings& settings, FaultProxy& proxy,
    int cuts, qint64 spacing)
{
    ResumeRun run;
    const qint64 before = proxy.counters().bytesUp;
    CutSchedule schedule(proxy, cuts, spacing);
    schedule.start();
    sync::CurlTransport transport(settings.tls);
    for (; run.cycles < 4 * cuts + 4 && !run.ok; ++run.cycles) {
        SyncClient client(store, transport, settings);
        CycleReport cycle;
        const Status s = client.uploadBlobs(cycle, {true, false});
        run.ok = s && cycle.blobsUploaded == 1;
        if (!s)
            run.error = s.error().toString();
    }
    schedule.stop();
    run.cuts = schedule.fired();
    run.bytesUp = proxy.counters().bytesUp - before;
    return run;
}

} // namespace

int runSyncResume(const BenchOptions& options)
{
    Report report(QStringLiteral("sync-resume"), options.quick);
    const qint64 size = qint64(options.quick ? 8 : 100) * 1000 * 1000;
    const int cuts = 10;
    const qint64 spacing = size / (cuts + 1);
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    auto centre = startCentre(report, dir);
    if (!centre)
        return report.finish();
    const QString input = dir.file(QStringLiteral("video.bin"));
    if (!report.check(writeRandomFile(input, size, 5), QStringLiteral("input")))
        return report.finish();
    FaultProxy proxy(QStringLiteral("127.0.0.1"), centre->port());
    if (!report.check(proxy.start(), QStringLiteral("proxy: ") + proxy.error()))
        return report.finish();

    // The same video on two terminals: one uploads it over a clean link, one through the cuts.
    ResumeRun runs[2];
    for (int i = 0; i < 2; ++i) {
        const QString name = i == 0 ? QStringLiteral("clean") : QStringLiteral("cut");
        auto terminal = enrolledTerminal(report, dir, *centre, name);
        if (!terminal)
            return report.finish();
        auto cases = queueEvents(*terminal->store, 1);
        auto blob = cases ? attachFile(*terminal->store, cases->first(), input,
                        QStringLiteral("video"), QStringLiteral("video/mp4"))
                          : Result<QString>(fail(std::move(cases.error())));
        if (!report.check(bool(blob), QStringLiteral("attach the video")))
            return report.finish();
        const sync::SyncSettings settings = through(terminal->settings, proxy);
        {
            sync::CurlTransport transport(settings.tls);
            SyncClient client(*terminal->store, transport, settings);
            CycleReport cycle;
            report.check(bool(client.pushEvents(cycle)), QStringLiteral("push the case"));
        }
        // 8 Mbit/s up and down, 40 ms RTT: a fair 4G link.
        for (auto d : {FaultProxy::Direction::Up, FaultProxy::Direction::Down}) {
            proxy.setRateLimit(d, 1'000'000);
            proxy.setLatency(d, std::chrono::milliseconds(20));
        }
        runs[i] = uploadWithCuts(*terminal->store, settings, proxy, i == 0 ? 0 : cuts, spacing);
        proxy.clearFaults();
        report.check(
            runs[i].ok, QStringLiteral("%1 upload confirmed: %2").arg(name, runs[i].error));
    }
    report.check(
        runs[1].cuts == cuts, QStringLiteral("all %1 cuts fired (%2)").arg(cuts).arg(runs[1].cuts));
    const double resent = 100.0 * double(runs[1].bytesUp - runs[0].bytesUp) / double(size);
    report.setInfo(QStringLiteral("bytes"), size);
    report.setInfo(QStringLiteral("cleanBytesUp"), runs[0].bytesUp);
    report.setInfo(QStringLiteral("cutBytesUp"), runs[1].bytesUp);
    report.setInfo(QStringLiteral("cycles"), runs[1].cycles);
    Report::Row row;
    row.metric = QStringLiteral("bytes re-sent, %1 cuts in a %2 MB upload, 8 Mbit/s (reference "
                                "centre)")
                     .arg(cuts)
                     .arg(size / 1000000);
    row.value = double(runs[1].bytesUp - runs[0].bytesUp) / 1e6;
    row.unit = QStringLiteral("MB");
    row.baseline = double(runs[0].bytesUp) / 1e6;
    row.baselineLabel = QStringLiteral("same upload, no cuts");
    row.ratio = resent;
    row.ratioKind = QStringLiteral("%");
    row.goal = QStringLiteral("≤ 5 %");
    row.goalMet = resent <= 5.0;
    report.addRow(row);

    // The same cuts against @tus/server, an independent tus server that also keeps the bytes of
    // a cut PATCH: the reference centre should lose no more. TusClient alone (no centre, no
    // SyncClient).
    test::TusPeer peer(centre->pki());
    if (!peer.started()) {
        report.setInfo(QStringLiteral("tusPeer"), QStringLiteral("not started: ") + peer.error());
        return report.finish();
    }
    FaultProxy peerProxy(QStringLiteral("127.0.0.1"), QUrl(peer.endpoint()).port());
    if (!report.check(peerProxy.start(), QStringLiteral("peer proxy")))
        return report.finish();
    for (auto d : {FaultProxy::Direction::Up, FaultProxy::Direction::Down}) {
        peerProxy.setRateLimit(d, 1'000'000);
        peerProxy.setLatency(d, std::chrono::milliseconds(20));
    }
    QFile video(input);
    if (!report.check(video.open(QIODevice::ReadOnly), QStringLiteral("open the video")))
        return report.finish();
    sync::CurlTransport transport({centre->pki().cert(QStringLiteral("ca")),
        centre->pki().cert(QStringLiteral("client")), centre->pki().key(QStringLiteral("client"))});
    QUrl endpoint(peer.endpoint());
    endpoint.setPort(peerProxy.port());
    sync::TusClient tus(transport, endpoint.toString());
    tus.setChunkSize(qint64(4) << 20);
    CutSchedule schedule(peerProxy, cuts, spacing);
    schedule.start();
    QString uploadUrl;
    bool done = false;
    qint64 sent = 0;
    for (int attempt = 0; attempt < 4 * cuts && !done; ++attempt) {
        sync::TusUploadReport partial;
        auto r = tus.upload(video, size, uploadUrl, {}, &partial);
        done = bool(r);
        sent += done ? r->bytesSent : partial.bytesSent;
        if (!partial.uploadUrl.isEmpty())
            uploadUrl = partial.uploadUrl;
        if (done)
            uploadUrl = r->uploadUrl;
    }
    schedule.stop();
    report.check(done && peer.stored(uploadUrl).size() == size,
        QStringLiteral("the @tus/server upload completed"));
    const qint64 peerBytes = peerProxy.counters().bytesUp;
    Report::Row peerRow;
    peerRow.metric = QStringLiteral("bytes re-sent, same cuts, @tus/server (keeps cut PATCHes)");
    peerRow.value = double(peerBytes - runs[0].bytesUp) / 1e6;
    peerRow.unit = QStringLiteral("MB");
    peerRow.ratio = 100.0 * double(peerBytes - runs[0].bytesUp) / double(size);
    peerRow.ratioKind = QStringLiteral("%");
    peerRow.goal = QStringLiteral("≤ 5 %");
    peerRow.goalMet = *peerRow.ratio <= 5.0;
    report.addRow(peerRow);
    report.setInfo(QStringLiteral("peerBytesUp"), peerBytes);
    report.setInfo(QStringLiteral("peerCuts"), schedule.fired());
    return report.finish();
}

// ---------------------------------------------------------------------------------------------
int runSyncLinkUp(const BenchOptions& options)
{
    Report report(QStringLiteral("sync-linkup"), options.quick);
    const qint64 video = options.quick ? qint64(32) << 20 : qint64(2) << 30;
    const int events = 500;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    auto centre = startCentre(report, dir);
    if (!centre)
        return report.finish();
    auto terminal = enrolledTerminal(report, dir, *centre, QStringLiteral("terminal"));
    if (!terminal)
        return report.finish();

    // The video first (the oldest item in the queue), then the day's records.
    auto first = queueEvents(*terminal->store, 1);
    const QString input = dir.file(QStringLiteral("bodycam.mp4"));
    if (!report.check(first && writeRandomFile(input, video, 11), QStringLiteral("input")))
        return report.finish();
    note(QStringLiteral("sync-linkup: attaching %1 MiB of video").arg(video >> 20));
    auto blob = attachFile(*terminal->store, first->first(), input, QStringLiteral("video"),
        QStringLiteral("video/mp4"));
    QFile::remove(input);
    if (!report.check(bool(blob), QStringLiteral("attach the video")))
        return report.finish();
    if (!report.check(bool(queueEvents(*terminal->store, events - 2)), QStringLiteral("records")))
        return report.finish();
    const qint64 queued = pendingAtTerminal(*terminal->store, "event");
    const qint64 atCentreBefore = centreEvents(*centre);

    FaultProxy proxy(QStringLiteral("127.0.0.1"), centre->port());
    if (!report.check(proxy.start(), QStringLiteral("proxy: ") + proxy.error()))
        return report.finish();
    weak3g(proxy);
    const sync::SyncSettings settings = through(terminal->settings, proxy);

    // Link up: a whole cycle on its own thread (video allowed: the link is unmetered), while
    // this thread watches the centre. Once every record is there, the link goes down again.
    std::atomic<bool> finished {false};
    CycleReport cycle;
    const auto t0 = SteadyClock::now();
    std::thread worker([&] {
        sync::CurlTransport transport(settings.tls);
        SyncClient client(*terminal->store, transport, settings);
        cycle = client.runCycle({true, false});
        finished = true;
    });
    double recordsAt = -1;
    qint64 videoBytesAtCentre = -1;
    while (!finished.load() && secondsSince(t0) < 600) {
        if (centreEvents(*centre) - atCentreBefore >= queued) {
            recordsAt = secondsSince(t0);
            videoBytesAtCentre = 0;
            for (const QFileInfo& f : QDir(centre->filesDirectory()).entryInfoList(QDir::Files))
                if (f.suffix() != QLatin1String("json"))
                    videoBytesAtCentre += f.size();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // Let the video run a few seconds so the cycle is seen to move on to it, then cut the link.
    std::this_thread::sleep_for(std::chrono::seconds(options.quick ? 2 : 5));
    proxy.stop();
    worker.join();
    const qint64 videoSent = cycle.blobBytesSent;

    report.check(recordsAt >= 0,
        QStringLiteral("every record reached the centre (%1 of %2)")
            .arg(centreEvents(*centre) - atCentreBefore)
            .arg(queued));
    report.check(pendingAtTerminal(*terminal->store, "event") == 0,
        QStringLiteral("every record confirmed at the terminal"));
    report.check(videoBytesAtCentre == 0, QStringLiteral("no video byte before the records"));
    report.check(videoSent > 0, QStringLiteral("the video upload started after the records"));
    report.setInfo(QStringLiteral("videoBytes"), video);
    report.setInfo(QStringLiteral("records"), queued);
    Report::Row row;
    row.metric = QStringLiteral("link-up → all %1 records at the centre, %2 video queued first, "
                                "1 Mbit/s, 300 ms RTT")
                     .arg(queued)
                     .arg(options.quick ? QStringLiteral("32 MiB") : QStringLiteral("2 GiB"));
    row.value = recordsAt;
    row.unit = QStringLiteral("s");
    row.goal = QStringLiteral("≤ 60 s");
    row.goalMet = recordsAt >= 0 && recordsAt <= 60;
    report.addRow(row);
    return report.finish();
}

} // namespace fieldcase::bench
