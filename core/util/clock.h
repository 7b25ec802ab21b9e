// The one source of time in core. Inject a MockClock in tests; never call QDateTime::current*.
#pragma once

#include <QDateTime>

namespace fieldcase {

// Wall-clock time source. The system clock is the default; tests substitute their own.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    [[nodiscard]] virtual qint64 nowMs() const = 0;
    [[nodiscard]] QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    // The process-wide system clock (stateless, so safe to share).
    [[nodiscard]] static const Clock& system();
};

// A clock that returns a set time and only moves when told to; for tests and replays.
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000) // 2026-01-01T00:00:00Z
        : m_nowMs(startMs)
    { }
    [[nodiscard]] qint64 nowMs() const override { return m_nowMs; }
    void setNowMs(qint64 ms) { m_nowMs = ms; }
    void advanceMs(qint64 ms) { m_nowMs += ms; }

private:
    qint64 m_nowMs;
};

} // namespace fieldcase
