// The terminal's background sync against the real reference centre over mutual TLS: the worker,
// on its own thread with its own connection to the store file, delivers a record appended after
// it started; with the centre down it backs off and says why; when the centre is back and the
// network changes it delivers at once (well before its backoff would end); the app's heartbeat
// extras (devices, position) reach the centre's record of the terminal; stop joins the thread.
#include "core/store/outbox.h"
#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"
#include "sync/client/enrolment.h"
#include "sync/client/syncworker.h"
#include "sync/transport/curltransport.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QJsonArray>
#include <QtConcurrent>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

const QString kUnit = QStringLiteral("u-demo");

// The reference centre on the system clock (the worker signs with the system clock too), with
// a server that can be stopped and started again on the same port.
struct Centre
{
    test::TestPki pki;
    test::StoreFixture cases;
    test::TempDir dir;
    std::unique_ptr<CentreStore> records;
    std::unique_ptr<CentreServer> server;
    quint16 port = 0;
    quint16 enrolPort = 0;

    Centre()
    {
        REQUIRE(pki.ok());
        cases.clock.setNowMs(Clock::system().nowMs());
        auto opened = CentreStore::open(dir.path(), Clock::system());
        REQUIRE(opened);
        records = std::move(*opened);
        REQUIRE(records->addUnit(kUnit, QStringLiteral("示范县交通运输综合执法大队")));
        REQUIRE(records->addOfficer({QStringLiteral("off-1"), QStringLiteral("张三"),
            QStringLiteral("14010001"), kUnit, {QStringLiteral("officer")}}));
        start();
        auto e = server->listenForEnrolment();
        REQUIRE(e);
        enrolPort = *e;
    }

    void start()
    {
        CentreServer::Options options {pki.cert(QStringLiteral("server")),
            pki.key(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))};
        options.filesDirectory = dir.path() + QStringLiteral("/files");
        options.terminalCaCertFile = pki.cert(QStringLiteral("ca"));
        options.terminalCaKeyFile = pki.key(QStringLiteral("ca"));
        options.installerId = QStringLiteral("inst-1");
        server = std::make_unique<CentreServer>(*cases.store, *records, Clock::system(), options);
        auto p = server->listen(port);
        INFO((p ? QString() : p.error().toString()).toStdString());
        REQUIRE(p);
        port = *p;
    }

    [[nodiscard]] bool has(const QString& eventId) { return bool(cases.store->event(eventId)); }

    [[nodiscard]] QJsonObject heartbeatOf(const QString& terminalId)
    {
        auto list = records->terminals();
        REQUIRE(list);
        for (const QJsonValue& v : *list)
            if (v.toObject().value(QStringLiteral("id")).toString() == terminalId)
                return v.toObject().value(QStringLiteral("heartbeat")).toObject();
        return {};
    }
};

} // namespace

TEST_CASE("Background sync delivers to the real centre, backs off while it is down and resumes on "
          "a network change",
    "[sync][worker]")
{
    Centre centre;
    test::StoreFixture terminal;
    terminal.clock.setNowMs(Clock::system().nowMs());
    auto token = centre.records->createToken(kUnit, {QStringLiteral("off-1")}, 3600 * 1000);
    REQUIRE(token);
    auto enrolled = QtConcurrent::run([&] {
        return enrolTerminal(*terminal.store,
            {QStringLiteral("https://localhost:%1").arg(centre.enrolPort),
                QStringLiteral("https://localhost:%1").arg(centre.port),
                centre.pki.cert(QStringLiteral("ca")), *token, QStringLiteral("inst-1")},
            [](const TlsConfig& tls) { return std::make_unique<CurlTransport>(tls); });
    });
    REQUIRE(test::waitFor([&] { return enrolled.isFinished(); }, 30000));
    INFO((enrolled.result() ? QString() : enrolled.result().error().toString()).toStdString());
    REQUIRE(enrolled.result());

    BackgroundSync::Options options;
    options.worker.storeDirectory = terminal.options.directory;
    // A long first backoff, so a delivery after the network change cannot be the backoff's end.
    options.worker.policy.firstBackoffMs = 60 * 1000;
    options.worker.policy.maxBackoffMs = 10 * 60 * 1000;
    options.worker.policy.jitter = 0.5;
    options.worker.heartbeatIntervalMs = 10 * 60 * 1000;
    options.watchSystemNetwork = false; // this test says when the network changes
    options.assumeMetered = false;
    BackgroundSync sync(options);
    QList<CycleReport> reports;
    QObject::connect(&sync, &BackgroundSync::cycleFinished,
        [&](const CycleReport& report) { reports.append(report); });
    const QJsonObject extras {
        {QStringLiteral("devices"),
            QJsonArray {QJsonObject {{QStringLiteral("slot"), QStringLiteral("printer")},
                {QStringLiteral("state"), QStringLiteral("error")},
                {QStringLiteral("error"), QStringLiteral("paper out")}}}},
        {QStringLiteral("position"),
            QJsonObject {{QStringLiteral("lat"), 39.9042}, {QStringLiteral("lon"), 116.4074}}}};

    sync.start();
    sync.setHeartbeatExtra(extras);
    // The first cycle runs at start (nothing to push yet: pull, heartbeat).
    REQUIRE(test::waitFor([&] { return !reports.isEmpty(); }, 30000));
    INFO(reports.last().errors.join(QLatin1Char('\n')).toStdString());
    CHECK(reports.last().complete);

    // A record appended on the app's own connection after the start reaches the centre.
    const QString caseId = terminal.openCase();
    const QString opened = terminal.store->caseEvents(caseId)->last().id;
    sync.outboxChanged();
    REQUIRE(test::waitFor([&] { return centre.has(opened); }, 30000));
    REQUIRE(test::waitFor(
        [&] { return sync.state().phase == SyncState::Phase::Idle && reports.size() >= 2; },
        30000));
    CHECK(sync.state().queued() == 0);
    CHECK(sync.state().lastCompleteAtMs > 0);

    // The heartbeat carried the app's extras; the centre keeps the last one.
    const QJsonObject heartbeat = centre.heartbeatOf(terminal.store->terminalId());
    INFO(QJsonDocument(heartbeat).toJson().toStdString());
    CHECK(heartbeat.value(QStringLiteral("devices"))
              .toArray()
              .first()
              .toObject()
              .value(QStringLiteral("error"))
        == QStringLiteral("paper out"));
    CHECK(heartbeat.value(QStringLiteral("position")).toObject().value(QStringLiteral("lat"))
        == 39.9042);
    CHECK(heartbeat.contains(QStringLiteral("queue"))); // SyncClient's own part is still there

    // The centre goes down. A new record: the cycle fails, the worker backs off and says why.
    centre.server.reset();
    const Event note = terminal.append(terminal.single, QStringLiteral("case.note"), caseId,
        {{QStringLiteral("text"), QStringLiteral("中心停机期间的记录")}});
    const qsizetype before = reports.size();
    sync.outboxChanged();
    REQUIRE(test::waitFor([&] { return reports.size() > before; }, 30000));
    REQUIRE(
        test::waitFor([&] { return sync.state().phase == SyncState::Phase::BackingOff; }, 5000));
    const SyncState down = sync.state();
    CHECK(down.failedCycles == 1);
    CHECK(down.lastFailure == TransportFailure::Unreachable);
    CHECK_FALSE(down.lastError.isEmpty());
    CHECK(down.queued() == 1);
    CHECK(down.nextAttemptAtMs >= Clock::system().nowMs() + 20 * 1000); // ≥ 30 s with jitter
    {
        Outbox outbox(terminal.store->database(), terminal.clock);
        auto pendingEvents = outbox.pending(QStringLiteral("event"), 10);
        REQUIRE(pendingEvents);
        REQUIRE(pendingEvents->size() == 1);
        CHECK(pendingEvents->first().ref == note.id);
        CHECK(pendingEvents->first().attempts >= 1);
        CHECK(pendingEvents->first().lastError == down.lastError);
    }
    CHECK_FALSE(centre.has(note.id));

    // The centre is back and the network changes: delivered at once, not after the backoff.
    centre.start();
    sync.networkChanged();
    REQUIRE(test::waitFor([&] { return centre.has(note.id); }, 20000));
    CHECK(Clock::system().nowMs() < down.nextAttemptAtMs);
    REQUIRE(test::waitFor([&] { return sync.state().phase == SyncState::Phase::Idle; }, 10000));
    CHECK(sync.state().failedCycles == 0);
    CHECK(sync.state().lastError.isEmpty());
    CHECK(sync.state().queued() == 0);

    sync.stop();
    CHECK_FALSE(sync.isRunning());
    CHECK(sync.state().phase == SyncState::Phase::Stopped);
}
