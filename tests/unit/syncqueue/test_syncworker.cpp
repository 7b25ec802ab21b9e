// The background sync worker's scheduling against a scripted centre on a manual clock: a dead
// link backs off with jitter, doubling up to the cap; a network change ends the backoff; new
// records go soon after a good cycle and otherwise only the heartbeat runs; a centre that answers
// and refuses an item is not a dead link; stopping abandons the cycle in progress and joins the
// thread without losing anything. The real centre over TLS: tests/integration/test_sync_worker.
#include "core/store/outbox.h"
#include "sync/client/syncworker.h"
#include "tests/support/storefixture.h"
#include "tests/support/waitfor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QThread>
#include <QUrl>

#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

// A centre that answers like a healthy one, or fails like a dead link, a busy centre or one that
// refuses every event; thread-safe, since the worker may call it from its own thread.
class ScriptedCentre
{
public:
    enum class Mode { Healthy, Unreachable, Busy, BusyFor30s, RefuseEvents };

    std::atomic<Mode> mode {Mode::Healthy};
    std::atomic<int> delayMs {0}; // each request takes this long

    [[nodiscard]] TransportFactory factory()
    {
        return [this](const TlsConfig&) { return std::make_unique<Transport>(*this); };
    }

    [[nodiscard]] int requests() const
    {
        const QMutexLocker lock(&m_mutex);
        return int(m_seen.size());
    }
    [[nodiscard]] QStringList pushedIds() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_pushed;
    }
    [[nodiscard]] QStringList paths() const
    {
        const QMutexLocker lock(&m_mutex);
        QStringList paths;
        for (const HttpRequest& r : m_seen)
            paths << QString::fromLatin1(r.method) + QLatin1Char(' ') + QUrl(r.url).path();
        return paths;
    }

private:
    class Transport : public HttpTransport
    {
    public:
        explicit Transport(ScriptedCentre& centre)
            : m_centre(centre)
        { }
        Result<HttpResponse> send(const HttpRequest& request) override
        {
            return m_centre.answer(request);
        }

    private:
        ScriptedCentre& m_centre;
    };

    static HttpResponse json(int status, const QJsonObject& body)
    {
        return {status, {}, QJsonDocument(body).toJson(QJsonDocument::Compact)};
    }

    Result<HttpResponse> answer(const HttpRequest& request)
    {
        {
            const QMutexLocker lock(&m_mutex);
            m_seen.append(request); // counted on arrival: requests() includes one in flight
        }
        if (delayMs.load() > 0)
            QThread::msleep(ulong(delayMs.load()));
        const QString path = QUrl(request.url).path();
        QStringList ids;
        for (const QJsonValue& e : QJsonDocument::fromJson(request.body)
                                       .object()
                                       .value(QStringLiteral("events"))
                                       .toArray())
            ids << e.toObject().value(QStringLiteral("id")).toString();
        switch (mode.load()) {
        case Mode::Unreachable:
            return fail(ErrorCode::Io, QStringLiteral("No route to the centre (scripted)"),
                QStringLiteral("failure=unreachable"));
        case Mode::Busy:
            return json(503, {{QStringLiteral("reason"), QStringLiteral("restarting")}});
        case Mode::BusyFor30s: {
            HttpResponse r = json(503, {{QStringLiteral("reason"), QStringLiteral("restarting")}});
            r.headers.append({QByteArray("retry-after"), QByteArray("30")});
            return r;
        }
        default:
            break;
        }
        if (request.method == "POST" && path == QLatin1String("/v1/events")) {
            QJsonArray receipts;
            const bool refuse = mode.load() == Mode::RefuseEvents;
            for (const QString& id : ids)
                receipts.append(QJsonObject {{QStringLiteral("id"), id},
                    {QStringLiteral("status"),
                        refuse ? QStringLiteral("rejected") : QStringLiteral("accepted")},
                    {QStringLiteral("reason"), QStringLiteral("chain gap (scripted)")}});
            if (!refuse) {
                const QMutexLocker lock(&m_mutex);
                m_pushed << ids;
            }
            return json(200, {{QStringLiteral("receipts"), receipts}});
        }
        if (request.method == "GET" && path == QLatin1String("/v1/events"))
            return json(200,
                {{QStringLiteral("events"), QJsonArray {}},
                    {QStringLiteral("terminals"), QJsonArray {}},
                    {QStringLiteral("cursor"), QStringLiteral("0")},
                    {QStringLiteral("more"), false}});
        if (path == QLatin1String("/v1/heartbeat"))
            return json(200, {{QStringLiteral("commands"), QJsonArray {}}});
        return json(404, {{QStringLiteral("reason"), QStringLiteral("not scripted")}});
    }

    mutable QMutex m_mutex;
    QList<HttpRequest> m_seen;
    QStringList m_pushed;
};

// Enrolled as far as the worker can tell: sync settings exist (the scripted transport needs no
// certificate files).
void writeSettings(const test::StoreFixture& f,
    const QString& centre = QStringLiteral("https://centre.invalid:8443"))
{
    SyncSettings s;
    s.centreUrl = centre;
    s.installerId = QStringLiteral("inst-1");
    REQUIRE(s.save(f.options.directory));
}

SyncWorker::Options options(test::StoreFixture& f, ScriptedCentre& centre)
{
    SyncWorker::Options o;
    o.storeDirectory = f.options.directory;
    o.clock = &f.clock;
    o.policy.firstBackoffMs = 2000;
    o.policy.maxBackoffMs = 10 * 60 * 1000;
    o.policy.jitter = 0.5;
    o.seed = 7;
    o.heartbeatIntervalMs = 5 * 60 * 1000;
    o.outboxSettleMs = 500;
    o.link = {true, true};
    o.makeTransport = centre.factory();
    return o;
}

int pending(test::StoreFixture& f)
{
    Outbox outbox(f.store->database(), f.clock);
    return int(outbox.pending(QStringLiteral("event"), 1000)->size());
}

} // namespace

TEST_CASE("Background sync backs off with jitter up to the cap, and a network change ends it",
    "[sync][worker]")
{
    test::StoreFixture f;
    writeSettings(f);
    f.openCase();
    const int made = pending(f);
    REQUIRE(made > 0);
    ScriptedCentre centre;
    centre.mode = ScriptedCentre::Mode::Unreachable;
    SyncWorker worker(options(f, centre));
    int cycles = 0;
    QObject::connect(&worker, &SyncWorker::cycleFinished, [&] { ++cycles; });

    worker.start();
    REQUIRE(test::waitFor([&] { return cycles == 1; }));
    QList<qint64> waits;
    int belowBound = 0;
    for (int failures = 1; failures <= 12; ++failures) {
        const SyncState& state = worker.state();
        REQUIRE(state.phase == SyncState::Phase::BackingOff);
        REQUIRE(state.failedCycles == failures);
        CHECK(state.lastFailure == TransportFailure::Unreachable);
        CHECK(state.lastError.contains(QStringLiteral("No route")));
        CHECK(state.queued() == made); // nothing dropped
        const qint64 wait = state.nextAttemptAtMs - f.clock.nowMs();
        const double bound = std::min(600000.0, 2000.0 * std::pow(2.0, failures - 1));
        CHECK(wait >= qint64(bound * 0.5));
        CHECK(wait <= qint64(bound));
        belowBound += wait < qint64(bound) ? 1 : 0;
        waits << wait;
        // Not a moment early, then at once.
        f.clock.advanceMs(wait - 1);
        worker.checkSchedule();
        CHECK(cycles == failures);
        f.clock.advanceMs(1);
        worker.checkSchedule();
        REQUIRE(cycles == failures + 1);
    }
    CHECK(waits.last() <= 600000); // capped at 10 min
    CHECK(waits.last() >= 300000);
    CHECK(belowBound >= 10); // jittered, not the bare doubling

    // New records during a backoff wait for its end: they do not hammer a dead link.
    const qint64 plannedAt = worker.state().nextAttemptAtMs;
    f.openCase();
    worker.outboxChanged();
    CHECK_FALSE(test::waitFor([&] { return cycles > 13; }, 300));
    CHECK(worker.state().nextAttemptAtMs == plannedAt);
    CHECK(worker.state().queued() > made); // but they are counted at once

    // A network change ends the backoff: a cycle at once, without the clock moving.
    worker.networkChanged();
    REQUIRE(test::waitFor([&] { return cycles == 14; }));
    CHECK(worker.state().phase == SyncState::Phase::BackingOff); // still down: backs off again
    CHECK(worker.state().failedCycles == 14);

    // The link comes back with a change: everything goes, the failures are forgotten.
    centre.mode = ScriptedCentre::Mode::Healthy;
    worker.setLink(true, false, true);
    REQUIRE(test::waitFor([&] { return cycles == 15; }));
    CHECK(worker.state().phase == SyncState::Phase::Idle);
    CHECK(worker.state().failedCycles == 0);
    CHECK(worker.state().lastError.isEmpty());
    CHECK(worker.state().queued() == 0);
    CHECK(worker.state().link.metered == false);
    CHECK(pending(f) == 0);
    CHECK(worker.state().lastCompleteAtMs == f.clock.nowMs());

    // The same seed gives the same waits: reproducible in tests.
    test::StoreFixture g;
    writeSettings(g);
    g.openCase();
    ScriptedCentre dead;
    dead.mode = ScriptedCentre::Mode::Unreachable;
    SyncWorker again(options(g, dead));
    int againCycles = 0;
    QObject::connect(&again, &SyncWorker::cycleFinished, [&] { ++againCycles; });
    again.start();
    REQUIRE(test::waitFor([&] { return againCycles == 1; }));
    CHECK(again.state().nextAttemptAtMs - g.clock.nowMs() == waits.first());
}

TEST_CASE("Background sync: a busy centre backs off, one that refuses an item is not a dead link",
    "[sync][worker]")
{
    test::StoreFixture f;
    writeSettings(f);
    f.openCase();
    ScriptedCentre centre;
    SyncWorker worker(options(f, centre));
    int cycles = 0;
    QObject::connect(&worker, &SyncWorker::cycleFinished, [&] { ++cycles; });

    SECTION("503: backoff")
    {
        centre.mode = ScriptedCentre::Mode::Busy;
        worker.start();
        REQUIRE(test::waitFor([&] { return cycles == 1; }));
        CHECK(worker.state().phase == SyncState::Phase::BackingOff);
        CHECK(worker.state().lastError.contains(QStringLiteral("503")));
        CHECK(worker.state().nextAttemptAtMs - f.clock.nowMs() <= 2000);
    }
    SECTION("503 with Retry-After: the next cycle goes when the centre said, not at the heartbeat")
    {
        centre.mode = ScriptedCentre::Mode::BusyFor30s;
        worker.start();
        REQUIRE(test::waitFor([&] { return cycles == 1; }));
        CHECK(worker.state().phase == SyncState::Phase::BackingOff);
        const qint64 wait = worker.state().nextAttemptAtMs - f.clock.nowMs();
        CHECK(wait >= 30 * 1000);
        CHECK(wait <= 31 * 1000);
        // Past that time (the centre is well again) a cycle goes and delivers.
        centre.mode = ScriptedCentre::Mode::Healthy;
        f.clock.advanceMs(wait + 1);
        worker.networkChanged(); // wakes the timer on the manual clock
        REQUIRE(test::waitFor([&] { return cycles == 2; }));
        CHECK(centre.pushedIds().size() > 0);
    }
    SECTION("a refused event: held and shown, and the worker waits for the heartbeat")
    {
        centre.mode = ScriptedCentre::Mode::RefuseEvents;
        worker.start();
        REQUIRE(test::waitFor([&] { return cycles == 1; }));
        const SyncState& state = worker.state();
        CHECK(state.phase == SyncState::Phase::Idle);
        CHECK(state.failedCycles == 0);
        CHECK(state.held() > 0);
        CHECK(state.queued() == 0);
        CHECK(state.lastError.contains(QStringLiteral("chain gap")));
        CHECK(state.nextAttemptAtMs - f.clock.nowMs() == 5 * 60 * 1000);
    }
}

TEST_CASE("Background sync: new records go soon after a good cycle, otherwise the heartbeat",
    "[sync][worker]")
{
    test::StoreFixture f;
    writeSettings(f);
    ScriptedCentre centre;
    SyncWorker worker(options(f, centre));
    int cycles = 0;
    QObject::connect(&worker, &SyncWorker::cycleFinished, [&] { ++cycles; });
    int started = 0;
    QObject::connect(&worker, &SyncWorker::cycleStarted, [&] { ++started; });

    worker.start();
    REQUIRE(test::waitFor([&] { return cycles == 1; }));
    CHECK(started == 1);
    CHECK(worker.state().phase == SyncState::Phase::Idle);
    CHECK(worker.state().nextAttemptAtMs == f.clock.nowMs() + 5 * 60 * 1000);
    CHECK(centre.paths().contains(QStringLiteral("POST /v1/heartbeat")));

    // Nothing new: no cycle before the heartbeat.
    f.clock.advanceMs(60 * 1000);
    worker.checkSchedule();
    CHECK(cycles == 1);

    // The app adds records and says so: counted at once, sent after the settle delay.
    const QString caseId = f.openCase();
    const Event note = f.append(f.single, QStringLiteral("case.note"), caseId,
        {{QStringLiteral("text"), QStringLiteral("补充说明")}});
    worker.outboxChanged();
    worker.outboxChanged(); // a burst: one cycle
    CHECK(worker.state().queued() == pending(f));
    CHECK(worker.state().queued() >= 2);
    CHECK(worker.state().nextAttemptAtMs == f.clock.nowMs() + 500);
    f.clock.advanceMs(500);
    worker.checkSchedule();
    CHECK(cycles == 2);
    CHECK(centre.pushedIds().contains(note.id));
    CHECK(worker.state().queued() == 0);
    CHECK(pending(f) == 0);
    CHECK(worker.state().lastCompleteAtMs == f.clock.nowMs());

    // The heartbeat interval passes: a cycle without being asked.
    const int before = centre.requests();
    f.clock.advanceMs(5 * 60 * 1000);
    worker.checkSchedule();
    CHECK(cycles == 3);
    CHECK(centre.requests() > before);

    // A person asks: at once.
    worker.syncNow();
    REQUIRE(test::waitFor([&] { return cycles == 4; }));

    // The system says the link is gone: no cycle for new records until it is back.
    worker.setLink(false, true, true);
    CHECK(worker.state().phase == SyncState::Phase::Offline);
    f.openCase();
    worker.outboxChanged();
    f.clock.advanceMs(1000);
    worker.checkSchedule();
    CHECK(cycles == 4);
    worker.setLink(true, true, true);
    REQUIRE(test::waitFor([&] { return cycles == 5; }));
    CHECK(pending(f) == 0);
}

TEST_CASE("Background sync: a centre on this machine is reachable whatever the network says",
    "[sync][worker]")
{
    // The demo's local centre on a laptop with no network: the system says disconnected, but
    // the records still go.
    test::StoreFixture f;
    writeSettings(f, QStringLiteral("https://localhost:8443"));
    ScriptedCentre centre;
    SyncWorker::Options o = options(f, centre);
    o.link = {false, true};
    o.linkFromSystem = true;
    SyncWorker worker(o);
    int cycles = 0;
    QObject::connect(&worker, &SyncWorker::cycleFinished, [&] { ++cycles; });
    worker.start();
    REQUIRE(test::waitFor([&] { return cycles == 1; }));
    CHECK(worker.state().phase == SyncState::Phase::Idle);
    f.openCase();
    worker.outboxChanged();
    f.clock.advanceMs(500);
    worker.checkSchedule();
    CHECK(cycles == 2);
    CHECK(pending(f) == 0);
}

TEST_CASE("Background sync: not enrolled, nothing runs", "[sync][worker]")
{
    test::StoreFixture f;
    ScriptedCentre centre;
    SyncWorker worker(options(f, centre));
    worker.start();
    CHECK(worker.state().phase == SyncState::Phase::NotEnrolled);
    worker.syncNow();
    CHECK_FALSE(test::waitFor([&] { return centre.requests() > 0; }, 200));
}

TEST_CASE(
    "Background sync: stop abandons the cycle in progress and joins the thread", "[sync][worker]")
{
    test::StoreFixture f;
    writeSettings(f);
    for (int i = 0; i < 3; ++i)
        f.openCase();
    const int made = pending(f);
    ScriptedCentre centre;
    centre.delayMs = 400; // every request takes a while
    BackgroundSync::Options o;
    o.worker = options(f, centre);
    o.watchSystemNetwork = false;
    BackgroundSync sync(o);
    int started = 0;
    QObject::connect(&sync, &BackgroundSync::cycleStarted, [&] { ++started; });
    int finished = 0;
    QObject::connect(&sync, &BackgroundSync::cycleFinished, [&] { ++finished; });

    sync.start();
    REQUIRE(sync.isRunning());
    REQUIRE(test::waitFor([&] { return started == 1 && centre.requests() == 1; }));
    QElapsedTimer timer;
    timer.start();
    sync.stop();
    CHECK(timer.elapsed() < 2000); // the request in flight (400 ms), then nothing more
    CHECK_FALSE(sync.isRunning());
    CHECK(centre.requests() == 1); // the cycle was abandoned at its next request
    CHECK(sync.state().phase == SyncState::Phase::Stopped);
    // Nothing lost: each event is either confirmed by its receipt or still pending.
    Outbox outbox(f.store->database(), f.clock);
    auto entries = outbox.entries({}, 1000);
    REQUIRE(entries);
    int sent = 0;
    for (const OutboxEntry& e : *entries)
        sent += e.kind == QLatin1String("event") && e.state == QLatin1String("sent") ? 1 : 0;
    CHECK(sent + pending(f) == made);
    CHECK(sent == centre.pushedIds().size());
    sync.stop(); // twice is harmless
}
