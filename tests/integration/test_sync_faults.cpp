// Centre-side faults against the real sync client, all real (the reference centre over mutual
// TLS, libcurl, SQLite on disk): 500, 503 with Retry-After and slow answers on the event routes,
// the heartbeat and every tus request, and chunks that arrive damaged (tus 460). Whatever the
// fault, nothing is lost or applied twice: the items stay pending with the reason, the terminal
// leaves the centre alone for as long as it asked, and the next cycle completes.
#include "core/store/outbox.h"
#include "tests/integration/syncworld.h"

#include <QDir>
#include <QElapsedTimer>

using namespace fieldcase;
using namespace fieldcase::sync;
using Fault = CentreServer::RouteFault;

namespace {

QByteArray photoBytes(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + seed) ^ (i >> 7));
    return bytes;
}

// A fault on the first `times` requests whose route starts with prefix; counts what it did.
std::function<Fault(const QString&)> firstOf(
    const QString& prefix, Fault fault, int* injected, int times = 1)
{
    return [=](const QString& route) {
        if (route.startsWith(prefix) && *injected < times) {
            ++*injected;
            return fault;
        }
        return Fault {};
    };
}

// The fault on every tus PATCH while `on` is true (the test turns it off when the centre mends).
std::function<Fault(const QString&)> onPatchesWhile(const bool& on, Fault fault)
{
    return [&on, fault](const QString& route) {
        return on && route.startsWith(QLatin1String("PATCH /v1/files/")) ? fault : Fault {};
    };
}

qsizetype eventsAtCentre(test::SyncWorld& w, const QString& caseId)
{
    return w.cases.store->caseEvents(caseId).value_or(QList<Event> {}).size();
}

qsizetype uploadsCreated(test::SyncWorld& w)
{
    return QDir(w.centreDir.file(QStringLiteral("files")))
        .entryList({QStringLiteral("*.json")}, QDir::Files)
        .size();
}

// The tus requests the centre saw, as their methods, in order.
QStringList tusMethods(const test::SyncWorld& w)
{
    QStringList out;
    for (const QString& r : w.routes)
        if (r.contains(QLatin1String(" /v1/files")))
            out.append(r.section(QLatin1Char(' '), 0, 0));
    return out;
}

} // namespace

TEST_CASE("Sync faults: a 500 on the event push keeps every event pending with the reason, and "
          "the next cycle completes",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const qint64 made
        = w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    int injected = 0;
    w.plan = firstOf(QStringLiteral("POST /v1/events"), {Fault::Kind::ServerError}, &injected);

    CycleReport r = w.cycle();
    CHECK(injected == 1);
    CHECK_FALSE(r.complete);
    REQUIRE_FALSE(r.errors.isEmpty());
    CHECK(r.errors.first().contains(QStringLiteral("HTTP 500")));
    CHECK(w.count(QStringLiteral("POST /v1/heartbeat")) == 0); // the cycle stopped there
    CHECK(w.scalar(*w.terminal.store,
              "SELECT count(*) FROM outbox WHERE kind = 'event' AND state = 'pending' AND "
              "attempts = 1 AND last_error LIKE '%HTTP 500%'")
        == made);
    CHECK(eventsAtCentre(w, c) == 0);

    CycleReport next = w.cycle();
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(next.eventsAccepted == made);
    CHECK(eventsAtCentre(w, c) == made);
    CHECK(w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0);
}

TEST_CASE("Sync faults: a 503 with Retry-After is honoured, nothing is sent before that time",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const qint64 made
        = w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    int injected = 0;
    w.plan
        = firstOf(QStringLiteral("POST /v1/events"), {Fault::Kind::Unavailable, 0, 30}, &injected);

    const qint64 before = w.terminal.clock.nowMs();
    CycleReport r = w.cycle();
    CHECK_FALSE(r.complete);
    CHECK(r.retryAfterUntil >= before + 30000);
    CHECK(r.retryAfterUntil <= w.terminal.clock.nowMs() + 30000);
    CHECK(r.errors.join(QLatin1Char('\n')).contains(QStringLiteral("HTTP 503")));
    CHECK(r.errors.join(QLatin1Char('\n')).contains(QStringLiteral("not to be contacted before")));
    CHECK(w.scalar(*w.terminal.store,
              "SELECT count(*) FROM outbox WHERE state = 'pending' AND last_error LIKE '%503%'")
        == made);

    // Asked again at once (a worker, or a person with `sync now`): the centre is left alone.
    w.routes.clear();
    CycleReport waiting = w.cycle();
    CHECK_FALSE(waiting.complete);
    CHECK(w.routes.isEmpty());
    CHECK(waiting.retryAfterUntil == r.retryAfterUntil);
    REQUIRE(waiting.errors.size() == 1);
    CHECK(waiting.errors.first().contains(QStringLiteral("nothing was sent")));

    // Once the time has come, the cycle completes and every event arrives once.
    w.tick(31000);
    CycleReport next = w.cycle();
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(next.eventsAccepted == made);
    CHECK(eventsAtCentre(w, c) == made);
}

TEST_CASE(
    "Sync faults: a Retry-After given as an HTTP date is honoured like seconds", "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const qint64 made
        = w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    int injected = 0;
    Fault dated {Fault::Kind::Unavailable, 0, 40};
    dated.retryAfterAsDate = true; // "Sat, 21 Nov 2026 13:52:57 GMT": whole seconds
    w.plan = firstOf(QStringLiteral("POST /v1/events"), dated, &injected);

    const qint64 before = w.terminal.clock.nowMs();
    CycleReport r = w.cycle();
    CHECK_FALSE(r.complete);
    CHECK(injected == 1);
    CHECK(r.retryAfterUntil >= before + 38000);
    CHECK(r.retryAfterUntil <= w.terminal.clock.nowMs() + 41000);
    CHECK(r.errors.join(QLatin1Char('\n')).contains(QStringLiteral("not to be contacted before")));

    w.routes.clear();
    CHECK_FALSE(w.cycle().complete);
    CHECK(w.routes.isEmpty());

    w.tick(42000);
    CycleReport next = w.cycle();
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(eventsAtCentre(w, c) == made);
}

TEST_CASE("Sync faults: a Retry-After longer than an hour is cut to an hour", "[sync][faults]")
{
    test::SyncWorld w;
    (void)w.terminal.openCase();
    int injected = 0;
    w.plan = firstOf(
        QStringLiteral("POST /v1/heartbeat"), {Fault::Kind::Unavailable, 0, 7 * 86400}, &injected);
    CycleReport r = w.cycle();
    CHECK(injected == 1);
    CHECK(r.retryAfterUntil > w.terminal.clock.nowMs());
    CHECK(r.retryAfterUntil <= w.terminal.clock.nowMs() + 3600 * 1000);
    // An hour on, the terminal contacts the centre again (whose clock did not move, so it
    // refuses the signatures: only the wait is checked here).
    w.routes.clear();
    w.tick(3601 * 1000);
    (void)w.cycle();
    CHECK_FALSE(w.routes.isEmpty());
}

TEST_CASE("Sync faults: a centre too slow for the client's timeout applies the batch, the next "
          "cycle gets duplicates and nothing is stored twice",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const qint64 made
        = w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    int injected = 0;
    w.plan = firstOf(QStringLiteral("POST /v1/events"), {Fault::Kind::Slow, 1500}, &injected);
    const auto shortTimeout = [](SyncClient& client) { client.setRequestTimeoutMs(700); };

    CycleReport r = w.cycle(shortTimeout);
    CHECK(injected == 1);
    CHECK_FALSE(r.complete);
    CHECK(w.scalar(*w.terminal.store,
              "SELECT count(*) FROM outbox WHERE state = 'pending' AND last_error <> ''")
        == made);
    CHECK(eventsAtCentre(w, c) == made); // applied after the wait; the answer came too late

    CycleReport next = w.cycle(shortTimeout);
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(next.eventsDuplicate == made);
    CHECK(next.eventsAccepted == 0);
    CHECK(eventsAtCentre(w, c) == made);
}

TEST_CASE("Sync faults: a slow answer within the timeout only takes longer", "[sync][faults]")
{
    test::SyncWorld w;
    (void)w.terminal.openCase();
    int injected = 0;
    w.plan = firstOf(QStringLiteral("POST /v1/heartbeat"), {Fault::Kind::Slow, 600}, &injected);
    QElapsedTimer timer;
    timer.start();
    CycleReport r = w.cycle();
    INFO(r.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(injected == 1);
    CHECK(r.complete);
    CHECK(timer.elapsed() >= 600);
}

TEST_CASE("Sync faults: a single 500 on any route loses nothing and the cycles complete",
    "[sync][faults]")
{
    // A 5xx on a tus HEAD or PATCH is taken up within the upload (the offset is read again); on
    // any other route the cycle stops there and the next one goes on.
    const auto [prefix, absorbed] = GENERATE(table<const char*, bool>({
        {"POST /v1/events", false},
        {"GET /v1/events", false},
        {"POST /v1/heartbeat", false},
        {"POST /v1/files", false},
        {"HEAD /v1/files/", true},
        {"PATCH /v1/files/", true},
    }));
    INFO(prefix);
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(300 * 1024, 1));
    const qint64 made
        = w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    int injected = 0;
    w.plan = firstOf(QString::fromLatin1(prefix), {Fault::Kind::ServerError}, &injected);

    CycleReport r = w.cycle();
    CHECK(injected == 1);
    CHECK(r.complete == absorbed);
    if (!r.complete) {
        CHECK(r.errors.join(QLatin1Char('\n')).contains(QStringLiteral("500")));
        CycleReport next = w.cycle();
        INFO(next.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(next.complete);
    }
    CHECK(eventsAtCentre(w, c) == made);
    CHECK(w.records->hasEvidence(hash).value());
    CHECK(uploadsCreated(w) == 1);
    CHECK(w.scalar(*w.terminal.store, "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0);
}

TEST_CASE("Sync faults: tus PATCH answered 500 until the centre recovers: the blob stays pending "
          "with the reason, the upload resumes and arrives whole",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(300 * 1024, 2));
    bool failing = true;
    w.plan = onPatchesWhile(failing, Fault {Fault::Kind::ServerError});
    CycleReport r = w.cycle();
    CHECK_FALSE(r.complete);
    CHECK(r.eventsAccepted > 0); // records went first
    CHECK(r.blobsUploaded == 0);
    CHECK(w.count(QStringLiteral("PATCH /v1/files/")) == 3); // tried 3 times, offset read between
    CHECK(w.scalar(*w.terminal.store,
              "SELECT count(*) FROM outbox WHERE kind = 'blob' AND state = 'pending' AND "
              "last_error LIKE '%HTTP 500%' AND upload_url <> ''")
        == 1);
    CHECK_FALSE(w.records->hasEvidence(hash).value());

    failing = false;
    CycleReport next = w.cycle();
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(next.blobsUploaded == 1);
    CHECK(w.records->hasEvidence(hash).value()); // decrypted and hash-checked by the centre
    CHECK(uploadsCreated(w) == 1); // resumed, not started over
}

TEST_CASE("Sync faults: a good blob the centre refuses (422) is held with a reason that points at "
          "the centre, not sent again, and goes once a person retries",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(150 * 1024, 4));
    bool refusing = true;
    w.plan = onPatchesWhile(refusing, Fault {Fault::Kind::RefuseEvidence});
    CycleReport r = w.cycle();
    CHECK(r.blobsUploaded == 0);
    CHECK_FALSE(w.records->hasEvidence(hash).value());
    Outbox outbox(w.terminal.store->database(), w.terminal.clock);
    auto held = outbox.entries(QStringLiteral("rejected"));
    REQUIRE(held);
    REQUIRE(held->size() == 1);
    CHECK(held->first().ref == hash);
    CHECK(held->first().lastError.contains(QStringLiteral("422")));
    // The terminal checked its own copy: intact, so the reason sends county IT to the centre.
    CHECK(held->first().lastError.contains(QStringLiteral("intact")));
    CHECK(held->first().lastError.contains(QStringLiteral("check the centre")));
    CHECK_FALSE(held->first().lastError.contains(QStringLiteral("db check")));

    // Held: the next cycle spends nothing on it, even with the centre mended.
    refusing = false;
    w.routes.clear();
    CycleReport again = w.cycle();
    CHECK(again.blobBytesSent == 0);
    CHECK(w.count(QStringLiteral("PATCH /v1/files/")) == 0);

    // A person says retry: a new upload, accepted.
    REQUIRE(outbox.retry(QStringLiteral("blob"), hash));
    CycleReport retried = w.cycle();
    INFO(retried.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(retried.blobsUploaded == 1);
    CHECK(w.records->hasEvidence(hash).value());
}

TEST_CASE("Sync faults: tus PATCH answered 503 with Retry-After: the upload waits for that time "
          "and then resumes",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(200 * 1024, 3));
    int injected = 0;
    w.plan
        = firstOf(QStringLiteral("PATCH /v1/files/"), {Fault::Kind::Unavailable, 0, 20}, &injected);
    CycleReport r = w.cycle();
    CHECK_FALSE(r.complete);
    CHECK(w.count(QStringLiteral("PATCH /v1/files/")) == 1); // not hammered within the attempt
    CHECK(r.retryAfterUntil >= w.terminal.clock.nowMs() + 19000);
    CHECK(w.scalar(*w.terminal.store,
              "SELECT count(*) FROM outbox WHERE kind = 'blob' AND state = 'pending' AND "
              "last_error LIKE '%503%'")
        == 1);
    w.routes.clear();
    CHECK_FALSE(w.cycle().complete);
    CHECK(w.routes.isEmpty());
    w.tick(21000);
    CycleReport next = w.cycle();
    INFO(next.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(next.complete);
    CHECK(w.records->hasEvidence(hash).value());
    CHECK(uploadsCreated(w) == 1);
}

TEST_CASE("Sync faults: a tus PATCH answered too late is found applied by the next HEAD and the "
          "upload goes on in the same cycle",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(300 * 1024, 4));
    int injected = 0;
    w.plan = firstOf(QStringLiteral("PATCH /v1/files/"), {Fault::Kind::Slow, 1200}, &injected);
    CycleReport r = w.cycle([](SyncClient& client) { client.setRequestTimeoutMs(1000); });
    INFO(r.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(injected == 1);
    CHECK(r.complete);
    CHECK(w.count(QStringLiteral("HEAD /v1/files/")) >= 2); // the offset read again after it
    CHECK(w.records->hasEvidence(hash).value());
    CHECK(uploadsCreated(w) == 1);
}

TEST_CASE("Sync faults: a chunk damaged on the way (tus 460) is sent again once within the "
          "attempt after a HEAD",
    "[sync][faults]")
{
    test::SyncWorld w;
    const QString c = w.terminal.openCase();
    const QString hash = w.attachPhoto(c, photoBytes(300 * 1024, 5));
    int injected = 0;
    SECTION("once: resent, and the same cycle completes")
    {
        w.plan = firstOf(QStringLiteral("PATCH /v1/files/"), {Fault::Kind::DamageChunk}, &injected);
        CycleReport r = w.cycle();
        INFO(r.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(injected == 1);
        CHECK(r.complete);
        CHECK(r.blobsUploaded == 1);
        // create, read the offset, the damaged chunk, read the offset, the same chunk again
        CHECK(tusMethods(w).mid(0, 5)
            == QStringList {QStringLiteral("POST"), QStringLiteral("HEAD"), QStringLiteral("PATCH"),
                QStringLiteral("HEAD"), QStringLiteral("PATCH")});
        CHECK(w.records->hasEvidence(hash).value());
    }
    SECTION("twice in a row: the attempt gives up with the reason, the next cycle completes")
    {
        w.plan
            = firstOf(QStringLiteral("PATCH /v1/files/"), {Fault::Kind::DamageChunk}, &injected, 2);
        CycleReport r = w.cycle();
        CHECK(injected == 2);
        CHECK_FALSE(r.complete);
        CHECK(r.blobsUploaded == 0);
        CHECK(w.count(QStringLiteral("PATCH /v1/files/")) == 2); // once more, not forever
        CHECK(r.errors.join(QLatin1Char('\n')).contains(QStringLiteral("checksum")));
        CHECK(w.scalar(*w.terminal.store,
                  "SELECT count(*) FROM outbox WHERE kind = 'blob' AND state = 'pending' AND "
                  "last_error LIKE '%checksum%' AND upload_url <> ''")
            == 1);
        CycleReport next = w.cycle();
        INFO(next.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(next.complete);
        CHECK(w.records->hasEvidence(hash).value());
        CHECK(uploadsCreated(w) == 1);
    }
}
