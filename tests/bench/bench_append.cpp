// Scenario "append": CaseStore::append of party.recorded (validate, sign with SM2, chain, insert,
// project, queue for sync, commit with fsync) against the floor any durable store pays: one
// INSERT of the same payload text into a one-table WAL database in its own transaction, with
// the same connection settings (synchronous=FULL). The two are measured interleaved, one sample
// of each in turn, so disk and CPU noise from other work hits both alike.
#include "core/crypto/signer.h"
#include "core/db/sqlite.h"
#include "core/store/checker.h"
#include "core/util/clock.h"
#include "tests/bench/scenarios.h"

#include <QJsonDocument>

#include <chrono>
#include <thread>

namespace fieldcase::bench {

namespace {

constexpr int kCases = 20; // appends go round-robin to these, so chains grow as in real use

struct Baseline
{
    std::unique_ptr<db::Database> db;

    Status open(const QString& path)
    {
        auto opened = db::Database::open(path);
        if (!opened)
            return fail(std::move(opened.error()));
        db = std::move(*opened);
        return db->exec("CREATE TABLE IF NOT EXISTS events ("
                        "id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL)");
    }

    Status insert(qint64 at, const QByteArray& payload)
    {
        auto tx = db::Transaction::begin(*db);
        if (!tx)
            return fail(std::move(tx.error()));
        auto stmt = db->cached("INSERT INTO events (at, payload) VALUES (?, ?)");
        if (!stmt)
            return fail(std::move(stmt.error()));
        (*stmt)->bind(1, at).bind(2, payload.constData());
        FC_TRY((*stmt)->run());
        return tx->commit();
    }
};

} // namespace

int runAppend(const BenchOptions& options)
{
    Report report(QStringLiteral("append"), options.quick);
    const int count = options.quick ? 300 : 2000;
    const int warmUp = options.quick ? 20 : 100;
    ScratchDir dir(options);
    if (!report.check(dir.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    if (dir.onRamDisk())
        note(QStringLiteral("WARNING: %1 is a RAM disk; fsync is free there").arg(dir.path()));
    report.setInfo(QStringLiteral("ramDisk"), dir.onRamDisk());

    const Clock& clock = Clock::system();
    const Team team;
    auto store = openFreshStore(dir.file(QStringLiteral("store")), clock);
    if (!report.check(store != nullptr, QStringLiteral("open a fresh store")))
        return report.finish();
    QStringList cases;
    for (int i = 0; i < kCases; ++i) {
        auto opened = store->append(
            team.pair, {QStringLiteral("case.opened"), {}, caseOpenedPayload(i), {}});
        if (!report.check(opened.has_value(), QStringLiteral("case.opened")))
            return report.finish();
        cases << opened->caseId;
    }
    Baseline baseline;
    if (auto ok = baseline.open(dir.file(QStringLiteral("baseline.db"))); !ok) {
        report.failure(QStringLiteral("baseline database: ") + ok.error().toString());
        return report.finish();
    }

    Samples ours, bare;
    ours.reserve(std::size_t(count));
    bare.reserve(std::size_t(count));
    Event last;
    qint64 payloadBytes = 0;
    for (int i = 0; i < warmUp + count; ++i) {
        const QJsonObject payload = partyPayload(i);
        const QByteArray text = QJsonDocument(payload).toJson(QJsonDocument::Compact);
        payloadBytes = text.size();

        auto t0 = SteadyClock::now();
        const auto inserted = baseline.insert(clock.nowMs(), text);
        const auto bareTime = SteadyClock::now() - t0;
        if (!inserted) {
            report.failure(QStringLiteral("baseline insert: ") + inserted.error().toString());
            return report.finish();
        }

        t0 = SteadyClock::now();
        auto e = store->append(
            team.single, {QStringLiteral("party.recorded"), cases.at(i % kCases), payload, {}});
        const auto ourTime = SteadyClock::now() - t0;
        if (!e) {
            report.failure(QStringLiteral("append: ") + e.error().toString());
            return report.finish();
        }
        last = *e;
        if (i >= warmUp) {
            bare.add(bareTime);
            ours.add(ourTime);
        }
    }

    // The signature's share: SM2 over the same canonical bytes, measured alone — as appends do it
    // (Signer with precomputed nonces; a short untimed pause per call stands in for the commit's
    // fsync, during which the pool refills) and in full (KeyPair::sign, nonce computed inline).
    const QByteArray body = last.canonicalBytes();
    Samples sign, verify, presign;
    const PublicKey publicKey = store->terminalKey().publicKey();
    {
        Signer signer(store->terminalKey());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        for (int i = 0; i < count; ++i) {
            auto t0 = SteadyClock::now();
            auto sig = signer.sign(body);
            presign.add(SteadyClock::now() - t0);
            if (!report.check(sig.has_value() && publicKey.verify(body, *sig),
                    QStringLiteral("presigned SM2 signature verifies")))
                return report.finish();
            std::this_thread::sleep_for(std::chrono::microseconds(300));
        }
        report.setInfo(QStringLiteral("presignPoolHits"), signer.poolHits());
    }
    for (int i = 0; i < count; ++i) {
        auto t0 = SteadyClock::now();
        auto sig = store->terminalKey().sign(body);
        sign.add(SteadyClock::now() - t0);
        if (!report.check(sig.has_value(), QStringLiteral("SM2 sign")))
            return report.finish();
        t0 = SteadyClock::now();
        const bool good = publicKey.verify(body, *sig);
        verify.add(SteadyClock::now() - t0);
        if (!report.check(good, QStringLiteral("SM2 verify")))
            return report.finish();
    }

    // Functional checks: every append is stored, and the store passes its own full check.
    const qint64 expected = kCases + warmUp + count;
    auto stored = store->database().scalarInt("SELECT count(*) FROM events");
    report.check(stored && *stored == expected,
        QStringLiteral("events stored: expected %1, found %2")
            .arg(expected)
            .arg(stored ? *stored : -1));
    auto parties = store->database().scalarInt("SELECT count(*) FROM parties");
    report.check(parties && *parties == warmUp + count,
        QStringLiteral("party projection rows: expected %1, found %2")
            .arg(warmUp + count)
            .arg(parties ? *parties : -1));
    auto checked = checkStore(*store);
    if (!checked)
        report.failure(QStringLiteral("checkStore: ") + checked.error().toString());
    else
        report.check(checked->ok(), QStringLiteral("checkStore: ") + checked->summary());

    const double oursP50 = ours.percentileUs(50) / 1000, oursP99 = ours.percentileUs(99) / 1000;
    const double bareP50 = bare.percentileUs(50) / 1000, bareP99 = bare.percentileUs(99) / 1000;
    const QString label = QStringLiteral("SQLite INSERT+COMMIT");
    report.addRow({QStringLiteral("append p50 (n=%1)").arg(count), oursP50, QStringLiteral("ms"),
        bareP50, label, oursP50 / bareP50, QStringLiteral("x"), QStringLiteral("≤ 2×"),
        oursP50 / bareP50 <= 2.0});
    report.addRow({QStringLiteral("append p99 (n=%1)").arg(count), oursP99, QStringLiteral("ms"),
        bareP99, label, oursP99 / bareP99, QStringLiteral("x"), QStringLiteral("≤ 2×"),
        oursP99 / bareP99 <= 2.0});
    const double presignP50 = presign.percentileUs(50) / 1000;
    report.addRow({QStringLiteral("SM2 sign with precomputed nonce p50 (share of append p50)"),
        presignP50, QStringLiteral("ms"), std::nullopt, {}, 100 * presignP50 / oursP50,
        QStringLiteral("%"), {}, std::nullopt});
    report.addValue(QStringLiteral("SM2 sign in full (nonce computed inline) p50"),
        sign.percentileUs(50) / 1000, QStringLiteral("ms"));
    report.addValue(
        QStringLiteral("SM2 verify p50"), verify.percentileUs(50) / 1000, QStringLiteral("ms"));
    report.setInfo(QStringLiteral("appendMeanMs"), ours.meanUs() / 1000);
    report.setInfo(QStringLiteral("baselineMeanMs"), bare.meanUs() / 1000);
    report.setInfo(QStringLiteral("payloadBytes"), payloadBytes);
    report.setInfo(QStringLiteral("eventBytes"), body.size());
    report.setInfo(QStringLiteral("samples"), count);
    return report.finish();
}

} // namespace fieldcase::bench
