#include "sync/scheduler/syncqueue.h"

#include <algorithm>
#include <cmath>

namespace fieldcase::sync {

const char* syncClassName(SyncClass c)
{
    switch (c) {
    case SyncClass::Events:
        return "events";
    case SyncClass::Manifests:
        return "manifests";
    case SyncClass::Photos:
        return "photos";
    case SyncClass::Media:
        return "media";
    }
    return "events";
}

Backoff::Backoff(SyncPolicy policy, quint32 seed)
    : m_policy(policy)
    , m_rng(seed)
{ }

qint64 Backoff::delayMs(int failures)
{
    // Exponential, capped, with jitter so terminals coming back together spread out.
    const double backoff = std::min(double(m_policy.maxBackoffMs),
        double(m_policy.firstBackoffMs) * std::pow(2.0, std::clamp(failures - 1, 0, 30)));
    const double factor = 1.0 - m_policy.jitter * m_rng.generateDouble();
    return qint64(backoff * factor);
}

qint64 Backoff::maxDelayMs()
{
    const double factor = 1.0 - m_policy.jitter * m_rng.generateDouble();
    return qint64(double(m_policy.maxBackoffMs) * factor);
}

SyncQueue::SyncQueue(const Clock& clock, SyncPolicy policy, quint32 seed)
    : m_clock(clock)
    , m_policy(policy)
    , m_backoff(policy, seed)
{ }

void SyncQueue::enqueue(SyncItem item)
{
    if (item.enqueuedAtMs == 0)
        item.enqueuedAtMs = m_clock.nowMs();
    for (SyncItem& existing : m_items) {
        if (existing.id == item.id) {
            item.attempts = existing.attempts;
            item.notBeforeMs = existing.notBeforeMs;
            item.held = existing.held;
            item.lastFailure = existing.lastFailure;
            item.lastError = existing.lastError;
            item.enqueuedAtMs = existing.enqueuedAtMs;
            existing = item;
            return;
        }
    }
    m_items.append(std::move(item));
}

bool SyncQueue::eligible(const SyncItem& item, const LinkState& link, bool ignoreTime) const
{
    if (!link.up || item.held)
        return false;
    if (item.cls == SyncClass::Media && link.metered && !m_policy.mediaOnMeteredLinks)
        return false;
    return ignoreTime || item.notBeforeMs <= m_clock.nowMs();
}

std::optional<SyncItem> SyncQueue::next(const LinkState& link) const
{
    const SyncItem* best = nullptr;
    for (const SyncItem& item : m_items) {
        if (!eligible(item, link, false))
            continue;
        if (!best || item.cls < best->cls
            || (item.cls == best->cls && item.enqueuedAtMs < best->enqueuedAtMs))
            best = &item;
    }
    return best ? std::optional<SyncItem>(*best) : std::nullopt;
}

std::optional<qint64> SyncQueue::nextWakeMs(const LinkState& link) const
{
    std::optional<qint64> wake;
    for (const SyncItem& item : m_items) {
        if (eligible(item, link, true))
            wake = std::min(wake.value_or(item.notBeforeMs), item.notBeforeMs);
    }
    if (wake)
        wake = std::max(*wake, m_clock.nowMs()); // an item already due is due now
    return wake;
}

void SyncQueue::succeeded(const QString& id)
{
    m_items.removeIf([&](const SyncItem& i) { return i.id == id; });
}

void SyncQueue::failed(const QString& id, TransportFailure failure, const QString& message)
{
    for (SyncItem& item : m_items) {
        if (item.id != id)
            continue;
        ++item.attempts;
        item.lastFailure = failure;
        item.lastError = message;
        const bool transient = failure == TransportFailure::Unreachable
            || failure == TransportFailure::Interrupted || failure == TransportFailure::Cancelled;
        if (!transient) {
            item.held = true;
            return;
        }
        item.notBeforeMs = m_clock.nowMs() + m_backoff.delayMs(item.attempts);
        return;
    }
}

void SyncQueue::retry(const QString& id)
{
    for (SyncItem& item : m_items) {
        if (item.id == id) {
            item.held = false;
            item.notBeforeMs = 0;
        }
    }
}

void SyncQueue::networkChanged()
{
    for (SyncItem& item : m_items) {
        if (!item.held)
            item.notBeforeMs = 0;
    }
}

SyncClassStatus SyncQueue::status(SyncClass cls) const
{
    SyncClassStatus s;
    for (const SyncItem& item : m_items) {
        if (item.cls != cls)
            continue;
        ++s.queued;
        s.held += item.held ? 1 : 0;
        s.bytes += item.bytes;
        if (s.oldestEnqueuedAtMs == 0 || item.enqueuedAtMs < s.oldestEnqueuedAtMs)
            s.oldestEnqueuedAtMs = item.enqueuedAtMs;
    }
    return s;
}

} // namespace fieldcase::sync
