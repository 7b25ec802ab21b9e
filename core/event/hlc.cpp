#include "core/event/hlc.h"

#include <algorithm>

namespace fieldcase {

HlcTimestamp HybridLogicalClock::now()
{
    const qint64 wall = m_clock.nowMs();
    if (wall > m_last.ms)
        m_last = {wall, 0};
    else
        ++m_last.counter;
    return m_last;
}

void HybridLogicalClock::observe(const HlcTimestamp& remote)
{
    const qint64 wall = m_clock.nowMs();
    if (remote.ms > wall + maxDriftMs)
        return; // a terminal with a wildly wrong clock must not drag every other one forward
    if (remote > m_last)
        m_last = remote;
}

} // namespace fieldcase
