// What to send next over a weak link: records before evidence, photos before video, video held
// for unmetered links by policy, backoff with jitter after failures, and every failure kept with
// its reason for the officer's sync screen. Pure bookkeeping (no I/O): the sync worker asks it
// what to send and tells it what happened.
#pragma once

#include "core/util/clock.h"
#include "sync/transport/httptransport.h"

#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace fieldcase::sync {

// Priority classes, most urgent first: a case record must never wait behind a video.
enum class SyncClass { Events = 0, Manifests = 1, Photos = 2, Media = 3 };
[[nodiscard]] const char* syncClassName(SyncClass c);

// One thing to send (an event batch, an evidence manifest, a blob).
struct SyncItem
{
    QString id;
    SyncClass cls = SyncClass::Events;
    qint64 bytes = 0;
    qint64 enqueuedAtMs = 0;
    int attempts = 0; // failed attempts so far
    qint64 notBeforeMs = 0; // backoff: not tried before this time
    bool held = false; // a failure retrying cannot fix (certificate, refusal): waits for a person
    TransportFailure lastFailure = TransportFailure::None;
    QString lastError; // for the officer; empty if it never failed
};

// The link as the network layer sees it.
struct LinkState
{
    bool up = false;
    bool metered = true; // 3G/4G; false for Wi-Fi or a depot cable
};

struct SyncPolicy
{
    bool mediaOnMeteredLinks = false; // audio/video wait for an unmetered link unless allowed
    qint64 firstBackoffMs = 2000;
    qint64 maxBackoffMs = 10 * 60 * 1000;
    double jitter = 0.5; // the wait is backoff × (1 − jitter … 1): spreads terminals apart
};

// Exponential backoff with jitter: the wait after the n-th failure in a row is
// first × 2^(n−1), capped, times a factor in [1 − jitter, 1] from a seeded generator
// (reproducible in tests, spread out across terminals in the field). Shared by the queue's items
// and the background worker's cycles, so both follow the same SyncPolicy numbers.
class Backoff
{
public:
    explicit Backoff(SyncPolicy policy = {}, quint32 seed = 1);

    // The wait after the failures-th failure in a row (failures ≥ 1). Draws one jitter factor.
    [[nodiscard]] qint64 delayMs(int failures);
    // The longest wait, with jitter: for failures another try at once would not fix.
    [[nodiscard]] qint64 maxDelayMs();
    [[nodiscard]] const SyncPolicy& policy() const { return m_policy; }

private:
    SyncPolicy m_policy;
    QRandomGenerator m_rng;
};

// Per-class summary for `fieldcase-admin sync status` and the sync screen.
struct SyncClassStatus
{
    int queued = 0;
    int held = 0;
    qint64 bytes = 0;
    qint64 oldestEnqueuedAtMs = 0; // 0 if none
};

class SyncQueue
{
public:
    // seed fixes the jitter sequence (tests); the clock must outlive the queue.
    SyncQueue(const Clock& clock, SyncPolicy policy = {}, quint32 seed = 1);

    // Adds an item (or replaces the one with the same id, keeping its failure history).
    void enqueue(SyncItem item);
    // The item to send now on this link: the most urgent class first, oldest first within it,
    // skipping items in backoff, held items, and media on a metered link unless the policy
    // allows it. nullopt when nothing may go now.
    [[nodiscard]] std::optional<SyncItem> next(const LinkState& link) const;
    // When the next item becomes eligible on this link (ms since epoch), or nullopt if nothing
    // will without a change (empty, all held, only media on a metered link).
    [[nodiscard]] std::optional<qint64> nextWakeMs(const LinkState& link) const;

    // The centre confirmed the item: it leaves the queue.
    void succeeded(const QString& id);
    // The item failed. Transient failures (unreachable, interrupted) back off with jitter;
    // the others hold the item until retry() — they need a person, not another try.
    void failed(const QString& id, TransportFailure failure, const QString& message);
    // A person (or a new certificate) cleared the cause: the item may go again now.
    void retry(const QString& id);
    // The network changed (a link came up): transient backoffs end now, so records go at once.
    void networkChanged();

    [[nodiscard]] QList<SyncItem> items() const { return m_items; }
    [[nodiscard]] SyncClassStatus status(SyncClass cls) const;
    [[nodiscard]] qsizetype size() const { return m_items.size(); }

private:
    [[nodiscard]] bool eligible(const SyncItem& item, const LinkState& link, bool ignoreTime) const;

    const Clock& m_clock;
    SyncPolicy m_policy;
    Backoff m_backoff;
    QList<SyncItem> m_items;
};

} // namespace fieldcase::sync
