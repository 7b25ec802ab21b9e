// Scenario "store": a store holding 100,000 cases (10,000 quick), each with the events a typical
// roadside case starts with, and a small photo on every 100th case. Measures CaseStore::open
// (with PRAGMA quick_check), checkStore with evidence and projections, and rebuildProjections.
//
// Generation goes through the public append()/attachEvidence() API, one transaction per event
// as in real use, but with PRAGMA synchronous=OFF on the store's connection: otherwise every
// commit waits for an fsync and generating 400,000 events would take far longer than measuring
// them. synchronous=FULL is restored and the WAL checkpointed before anything is measured.
// Evidence files are always written with fsync (the blob store does not use SQLite).
#include "core/store/checker.h"
#include "core/store/projector.h"
#include "core/util/clock.h"
#include "tests/bench/scenarios.h"

#include <QBuffer>
#include <QFileInfo>
#include <QRandomGenerator>

namespace fieldcase::bench {

namespace {

constexpr int kEvidenceEvery = 100; // one photo per this many cases
constexpr qint64 kPhotoBytes = 48 * 1024;

// Appends one case's events: opened, party, vehicle, note. Returns the number appended.
Result<int> appendCase(CaseStore& store, const Team& team, qint64 n)
{
    auto opened
        = store.append(team.pair, {QStringLiteral("case.opened"), {}, caseOpenedPayload(n), {}});
    if (!opened)
        return fail(std::move(opened.error()));
    const QString caseId = opened->caseId;
    const std::pair<const char*, QJsonObject> rest[] = {
        {"party.recorded", partyPayload(n)},
        {"vehicle.recorded", vehiclePayload(n)},
        {"case.note", notePayload(n)},
    };
    for (const auto& [type, payload] : rest) {
        auto e = store.append(team.single, {QLatin1String(type), caseId, payload, {}});
        if (!e)
            return fail(std::move(e.error()));
    }
    int appended = 4;
    if (n % kEvidenceEvery == 0) {
        QByteArray photo(kPhotoBytes, Qt::Uninitialized);
        QRandomGenerator rng(quint32(n) + 1);
        rng.fillRange(reinterpret_cast<quint32*>(photo.data()), photo.size() / 4);
        QBuffer source(&photo);
        source.open(QIODevice::ReadOnly);
        EvidenceMeta meta;
        meta.mediaType = QStringLiteral("image/jpeg");
        meta.title = QStringLiteral("现场照片 车辆全貌");
        auto attached = store.attachEvidence(team.single, caseId, source, meta);
        if (!attached)
            return fail(std::move(attached.error()));
        ++appended;
    }
    return appended;
}

} // namespace

int runLargeStore(const BenchOptions& options)
{
    Report report(QStringLiteral("store"), options.quick);
    const qint64 caseCount = options.quick ? 10'000 : 100'000;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    report.setInfo(QStringLiteral("ramDisk"), dir.onRamDisk());

    const Clock& clock = Clock::system();
    const Team team;
    const QString storeDir = dir.file(QStringLiteral("store"));
    auto store = openFreshStore(storeDir, clock);
    if (!report.check(store != nullptr, QStringLiteral("open a fresh store")))
        return report.finish();
    const StoreOptions storeOptions = store->options();

    // ---- generate
    if (auto off = store->database().exec("PRAGMA synchronous = OFF"); !off) {
        report.failure(off.error().toString());
        return report.finish();
    }
    note(QStringLiteral("generating %1 cases in %2").arg(caseCount).arg(storeDir));
    const auto genStart = SteadyClock::now();
    qint64 events = 0;
    for (qint64 n = 0; n < caseCount; ++n) {
        auto appended = appendCase(*store, team, n);
        if (!appended) {
            report.failure(
                QStringLiteral("generate case %1: %2").arg(n).arg(appended.error().toString()));
            return report.finish();
        }
        events += *appended;
        if ((n + 1) % (caseCount / 10) == 0)
            note(QStringLiteral("  %1 cases, %2 events, %3 s")
                     .arg(n + 1)
                     .arg(events)
                     .arg(secondsSince(genStart), 0, 'f', 1));
    }
    const double genSeconds = secondsSince(genStart);
    if (auto full = store->database().exec("PRAGMA synchronous = FULL; "
                                           "PRAGMA wal_checkpoint(TRUNCATE)");
        !full) {
        report.failure(full.error().toString());
        return report.finish();
    }
    store.reset();
    const double dbMiB
        = double(QFileInfo(storeDir + QStringLiteral("/fieldcase.db")).size()) / (1024.0 * 1024.0);
    note(QStringLiteral("generated %1 events in %2 s; database %3 MiB")
             .arg(events)
             .arg(genSeconds, 0, 'f', 1)
             .arg(dbMiB, 0, 'f', 1));

    // ---- open (quick_check included): three times, median; the page cache is warm throughout.
    std::vector<double> openSeconds;
    for (int i = 0; i < 3; ++i) {
        store.reset();
        const auto t0 = SteadyClock::now();
        auto opened = CaseStore::open(storeOptions, clock);
        openSeconds.push_back(secondsSince(t0));
        if (!opened) {
            report.failure(QStringLiteral("reopen: ") + opened.error().toString());
            return report.finish();
        }
        store = std::move(*opened);
    }

    // ---- checkStore with evidence and projections
    note(QStringLiteral("checkStore"));
    auto t0 = SteadyClock::now();
    auto checked = checkStore(*store, {true, true});
    const double checkSeconds = secondsSince(t0);
    if (!checked) {
        report.failure(QStringLiteral("checkStore: ") + checked.error().toString());
        return report.finish();
    }
    report.check(checked->ok(), QStringLiteral("checkStore: ") + checked->summary());
    report.check(checked->events == events,
        QStringLiteral("checkStore events: expected %1, got %2").arg(events).arg(checked->events));
    report.check(checked->cases == caseCount,
        QStringLiteral("checkStore cases: expected %1, got %2").arg(caseCount).arg(checked->cases));
    const qint64 photos = (caseCount + kEvidenceEvery - 1) / kEvidenceEvery;
    report.check(checked->blobs == photos,
        QStringLiteral("checkStore evidence files: expected %1, got %2")
            .arg(photos)
            .arg(checked->blobs));

    // The share of the check that is SM2 verification: one stored event verified alone, times
    // the number of events (an estimate; signatures of similar bodies cost the same).
    Samples verify;
    auto sample = store::loadEvents(
        store->database(), "rowid = (SELECT min(rowid) FROM events WHERE type = 'party.recorded')");
    if (report.check(sample && sample->size() == 1, QStringLiteral("load a sample event"))) {
        const Event& e = sample->first();
        const QByteArray body = e.canonicalBytes();
        const PublicKey key = store->terminalKey().publicKey();
        for (int i = 0; i < 500; ++i) {
            const auto v0 = SteadyClock::now();
            const bool good = key.verify(body, e.signature);
            verify.add(SteadyClock::now() - v0);
            if (!report.check(good, QStringLiteral("sample signature verifies")))
                break;
        }
    }
    const double verifyShare = double(events) * verify.percentileUs(50) / 1e6 / checkSeconds;

    // ---- projection rebuild
    note(QStringLiteral("rebuildProjections"));
    t0 = SteadyClock::now();
    auto rebuilt = store->rebuildProjections();
    const double rebuildSeconds = secondsSince(t0);
    if (!rebuilt) {
        report.failure(QStringLiteral("rebuildProjections: ") + rebuilt.error().toString());
        return report.finish();
    }
    for (const auto& [table, expected] :
        {std::pair {"cases", caseCount}, std::pair {"parties", caseCount},
            std::pair {"vehicles", caseCount}, std::pair {"evidence", photos}}) {
        auto rows = store->database().scalarInt(std::string("SELECT count(*) FROM ") + table);
        report.check(rows && *rows == expected,
            QStringLiteral("%1 rows after rebuild: expected %2, found %3")
                .arg(QLatin1String(table))
                .arg(expected)
                .arg(rows ? *rows : -1));
    }

    const QString cases = QStringLiteral("%1k cases").arg(caseCount / 1000);
    report.addValue(QStringLiteral("CaseStore::open with quick_check (%1, median of 3)").arg(cases),
        median(openSeconds) * 1000, QStringLiteral("ms"));
    report.addValue(QStringLiteral("checkStore, evidence + projections (%1 events)").arg(events),
        checkSeconds, QStringLiteral("s"));
    report.addValue(QStringLiteral("checkStore rate"), double(events) / checkSeconds,
        QStringLiteral("events/s"));
    report.addRow({QStringLiteral("SM2 verify p50 (one-thread share of checkStore)"),
        verify.percentileUs(50) / 1000, QStringLiteral("ms"), std::nullopt, {}, 100 * verifyShare,
        QStringLiteral("%"), {}, std::nullopt});
    report.addValue(QStringLiteral("rebuildProjections rate"), double(events) / rebuildSeconds,
        QStringLiteral("events/s"));
    report.addValue(QStringLiteral("generation (synchronous=OFF) rate"),
        double(events) / genSeconds, QStringLiteral("events/s"));
    report.addValue(QStringLiteral("database size"), dbMiB, QStringLiteral("MiB"));
    report.setInfo(QStringLiteral("cases"), caseCount);
    report.setInfo(QStringLiteral("events"), events);
    report.setInfo(QStringLiteral("chains"), checked->chains);
    report.setInfo(QStringLiteral("evidenceFiles"), checked->blobs);
    report.setInfo(QStringLiteral("evidenceBytes"), checked->blobBytes);
    report.setInfo(QStringLiteral("auditEntries"), checked->auditRows);
    report.setInfo(QStringLiteral("generationSeconds"), genSeconds);
    report.setInfo(QStringLiteral("rebuildSeconds"), rebuildSeconds);
    report.setInfo(QStringLiteral("openSecondsAll"),
        QJsonArray {openSeconds.at(0), openSeconds.at(1), openSeconds.at(2)});
    return report.finish();
}

} // namespace fieldcase::bench
