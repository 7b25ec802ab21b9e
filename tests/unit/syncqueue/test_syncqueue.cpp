// The sync queue's decisions: records before evidence whatever is queued, video held for an
// unmetered link, exponential backoff with bounded, reproducible jitter, a new link ending the
// backoff, failures that need a person held and visible, and nothing ever dropped.
#include "sync/scheduler/syncqueue.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

const LinkState k4g {true, true};
const LinkState kWifi {true, false};
const LinkState kDown {false, true};

SyncItem item(const QString& id, SyncClass cls, qint64 bytes = 1000)
{
    SyncItem i;
    i.id = id;
    i.cls = cls;
    i.bytes = bytes;
    return i;
}

} // namespace

TEST_CASE("Records go first, video waits for an unmetered link", "[sync][queue]")
{
    ManualClock clock;
    clock.setNowMs(1'000'000);
    SyncQueue q(clock);
    // Two gigabytes of video queued first, then a photo, a manifest and an event batch.
    q.enqueue(item(QStringLiteral("video-1"), SyncClass::Media, 1LL << 30));
    clock.advanceMs(1);
    q.enqueue(item(QStringLiteral("video-2"), SyncClass::Media, 1LL << 30));
    clock.advanceMs(1);
    q.enqueue(item(QStringLiteral("photo-1"), SyncClass::Photos));
    clock.advanceMs(1);
    q.enqueue(item(QStringLiteral("manifest-1"), SyncClass::Manifests));
    clock.advanceMs(1);
    q.enqueue(item(QStringLiteral("events-1"), SyncClass::Events));
    clock.advanceMs(1);
    q.enqueue(item(QStringLiteral("events-2"), SyncClass::Events));

    CHECK_FALSE(q.next(kDown));
    QStringList order;
    while (auto n = q.next(k4g)) {
        order << n->id;
        q.succeeded(n->id);
    }
    CHECK(order
        == QStringList {QStringLiteral("events-1"), QStringLiteral("events-2"),
            QStringLiteral("manifest-1"), QStringLiteral("photo-1")});
    // Video stays on 4G and is not lost; on Wi-Fi it goes, oldest first.
    CHECK(q.size() == 2);
    CHECK_FALSE(q.nextWakeMs(k4g));
    CHECK(q.status(SyncClass::Media).queued == 2);
    CHECK(q.status(SyncClass::Media).bytes == 2LL << 30);
    REQUIRE(q.next(kWifi));
    CHECK(q.next(kWifi)->id == QStringLiteral("video-1"));

    SyncPolicy allow;
    allow.mediaOnMeteredLinks = true;
    SyncQueue anyLink(clock, allow);
    anyLink.enqueue(item(QStringLiteral("video"), SyncClass::Media));
    CHECK(anyLink.next(k4g));
}

TEST_CASE("Backoff grows, is capped, jitters reproducibly and ends on a new link", "[sync][queue]")
{
    ManualClock clock;
    clock.setNowMs(5'000'000);
    SyncPolicy policy;
    policy.firstBackoffMs = 1000;
    policy.maxBackoffMs = 16000;
    policy.jitter = 0.5;
    SyncQueue q(clock, policy, 42);
    q.enqueue(item(QStringLiteral("events-1"), SyncClass::Events));
    q.enqueue(item(QStringLiteral("photo-1"), SyncClass::Photos));

    QList<qint64> waits;
    for (int attempt = 1; attempt <= 7; ++attempt) {
        q.failed(QStringLiteral("events-1"), TransportFailure::Interrupted, QStringLiteral("cut"));
        const qint64 wait = q.items().first().notBeforeMs - clock.nowMs();
        waits << wait;
        const double backoff = std::min(16000.0, 1000.0 * std::pow(2.0, attempt - 1));
        CHECK(wait >= qint64(backoff * 0.5));
        CHECK(wait <= qint64(backoff));
    }
    CHECK(waits.last() <= 16000); // capped
    // While the record backs off, the photo is not blocked behind it.
    REQUIRE(q.next(k4g));
    CHECK(q.next(k4g)->id == QStringLiteral("photo-1"));
    CHECK(q.nextWakeMs(k4g) == clock.nowMs()); // the photo may go now

    // The same seed gives the same waits: failures are reproducible in tests.
    ManualClock clock2;
    clock2.setNowMs(5'000'000);
    SyncQueue again(clock2, policy, 42);
    again.enqueue(item(QStringLiteral("events-1"), SyncClass::Events));
    QList<qint64> waits2;
    for (int attempt = 1; attempt <= 7; ++attempt) {
        again.failed(
            QStringLiteral("events-1"), TransportFailure::Unreachable, QStringLiteral("no route"));
        waits2 << again.items().first().notBeforeMs - clock2.nowMs();
    }
    CHECK(waits2 == waits);

    // A link comes up: the record goes at once, history kept for the sync screen.
    q.networkChanged();
    REQUIRE(q.next(k4g));
    CHECK(q.next(k4g)->id == QStringLiteral("events-1"));
    CHECK(q.next(k4g)->attempts == 7);
    CHECK(q.next(k4g)->lastError == QStringLiteral("cut"));
}

TEST_CASE("Failures a retry cannot fix are held, shown, and never dropped", "[sync][queue]")
{
    ManualClock clock;
    clock.setNowMs(9'000'000);
    SyncQueue q(clock);
    q.enqueue(item(QStringLiteral("events-1"), SyncClass::Events));
    q.enqueue(item(QStringLiteral("events-2"), SyncClass::Events));
    q.failed(QStringLiteral("events-1"), TransportFailure::CentreNotTrusted,
        QStringLiteral("not the centre"));
    // Held: not sent again on any link, after any time or network change.
    clock.advanceMs(24LL * 3600 * 1000);
    q.networkChanged();
    REQUIRE(q.next(kWifi));
    CHECK(q.next(kWifi)->id == QStringLiteral("events-2"));
    q.succeeded(QStringLiteral("events-2"));
    CHECK_FALSE(q.next(kWifi));
    CHECK_FALSE(q.nextWakeMs(kWifi));
    CHECK(q.size() == 1);
    CHECK(q.status(SyncClass::Events).held == 1);
    CHECK(q.items().first().lastError == QStringLiteral("not the centre"));
    CHECK(q.items().first().lastFailure == TransportFailure::CentreNotTrusted);
    // Re-enqueueing the same id (the outbox is read again after a restart) keeps the hold.
    q.enqueue(item(QStringLiteral("events-1"), SyncClass::Events));
    CHECK(q.size() == 1);
    CHECK(q.items().first().held);
    // Cleared by a person: it goes.
    q.retry(QStringLiteral("events-1"));
    REQUIRE(q.next(kWifi));
    CHECK(q.next(kWifi)->id == QStringLiteral("events-1"));
}
