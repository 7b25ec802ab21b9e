// Replays a recorded NMEA log as if a receiver were attached: for the demo, for training, and
// for looking again at the log kept with a disputed case. URI scheme "file:" of openNmeaDevice.
#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QTimer>

#include <memory>

namespace fieldcase::devices {

struct NmeaReplayOptions
{
    int intervalMs = 1000; // time between epochs (receivers report at 1 Hz)
    bool loop
        = true; // start again after the last epoch; otherwise go quiet (the source turns Stale)
    // Rewrite the UTC time and date of GGA/RMC to the clock's now, so assess() does not flag a
    // recording made last month as clock drift. Off to see a disputed log exactly as recorded.
    bool retime = true;
};

// A read-only sequential device that releases one epoch of a recording per interval.
class NmeaReplayDevice : public QIODevice
{
    Q_OBJECT
public:
    // Reads and splits the whole recording (logs are small: a day at 1 Hz is ~30 MiB).
    // The clock (for retime) must outlive the device.
    [[nodiscard]] static Result<std::unique_ptr<NmeaReplayDevice>> open(const QString& path,
        const NmeaReplayOptions& options = {}, const Clock& clock = Clock::system());

    // The recording cut into epochs: a new epoch starts where GGA or RMC carries a new time.
    [[nodiscard]] static QList<QByteArray> splitEpochs(const QByteArray& recording);
    // One line with its GGA/RMC time (and RMC date) replaced by utc and its checksum redone.
    // Lines with a wrong or missing checksum are returned unchanged, so recorded faults replay.
    [[nodiscard]] static QByteArray retimeLine(const QByteArray& line, const QDateTime& utc);

    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] int epochCount() const { return int(m_epochs.size()); }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    NmeaReplayDevice(
        QList<QByteArray> epochs, const NmeaReplayOptions& options, const Clock& clock);
    void releaseNextEpoch();

    QList<QByteArray> m_epochs;
    NmeaReplayOptions m_options;
    const Clock& m_clock;
    QTimer m_timer;
    QByteArray m_pending; // released but not yet read
    qsizetype m_next = 0;
};

} // namespace fieldcase::devices
