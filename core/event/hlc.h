// Hybrid logical clock: wall milliseconds + a counter, so events from terminals whose clocks
// drifted during days offline still merge in an order consistent with causality.
#pragma once

#include "core/util/clock.h"

#include <QString>

#include <compare>

namespace fieldcase {

// A point in hybrid logical time. Ties between terminals are broken by terminal id.
struct HlcTimestamp
{
    qint64 ms = 0;
    qint32 counter = 0;

    auto operator<=>(const HlcTimestamp&) const = default;
};

// Issues monotonically increasing timestamps from a wall clock; never goes backwards, even
// when the wall clock does (a terminal whose RTC battery died).
class HybridLogicalClock
{
public:
    explicit HybridLogicalClock(const Clock& clock)
        : m_clock(clock)
    { }
    // A new timestamp for a local event.
    [[nodiscard]] HlcTimestamp now();
    // Merges a timestamp seen on an event from another terminal (so later local events sort
    // after it). Remote times far in the future are capped: see maxDriftMs.
    void observe(const HlcTimestamp& remote);
    [[nodiscard]] HlcTimestamp last() const { return m_last; }

    // A remote clock more than a day ahead is not trusted to move ours.
    static constexpr qint64 maxDriftMs = 24LL * 3600 * 1000;

private:
    const Clock& m_clock;
    HlcTimestamp m_last;
};

} // namespace fieldcase
