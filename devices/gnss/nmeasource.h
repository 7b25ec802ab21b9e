// A live NMEA receiver on a serial port or a TCP socket, reconnecting on its own.
#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"
#include "devices/gnss/nmeaparser.h"

#include <QFile>
#include <QIODevice>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace fieldcase::devices {

// Creates (and starts opening) a device for the part of the URI after "scheme:".
using NmeaDeviceFactory = std::function<Result<std::unique_ptr<QIODevice>>(const QString& rest)>;

// Adds or replaces the backend for a URI scheme ("serial", "tcp" and "file" are built in).
void registerNmeaScheme(const QString& scheme, NmeaDeviceFactory factory);

// Picks the backend by scheme: "serial:/dev/ttyUSB0?baud=9600" (default 9600 8N1),
// "tcp:host:port", or "file:/path/log.nmea?interval=1000&loop=1&retime=1" to replay a recording
// (nmeareplay.h). Serial ports and replays come back open; sockets come back connecting.
[[nodiscard]] Result<std::unique_ptr<QIODevice>> openNmeaDevice(const QString& uri);

// Reads NMEA from a device named by URI, parses it and reports fixes and connection state.
class NmeaSource : public QObject
{
    Q_OBJECT
public:
    // Connection health as a user would describe it.
    enum class State {
        Disconnected, // not started, or stopped
        Connecting, // device being opened, or open but no data yet
        Receiving, // bytes are arriving
        Stale, // open, but nothing arrived for staleAfterMs
        Error, // the device failed; a reconnect is scheduled
    };
    Q_ENUM(State)

    // The clock stamps fixes (see NmeaParser); it must outlive the source.
    explicit NmeaSource(const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~NmeaSource() override;

    // Opens the URI and keeps it open, reconnecting every reconnectIntervalMs after failures.
    void start(const QString& uri);
    // Closes the device and stops reconnecting.
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    // The last device error, for the user; empty when there was none.
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] const NmeaCounters& counters() const { return m_parser.counters(); }
    [[nodiscard]] GnssFix currentFix() const { return m_parser.currentFix(); }

    // Appends every raw byte received to this file (for attaching to a case); empty stops it.
    [[nodiscard]] Status setLogFile(const QString& path);

    void setReconnectIntervalMs(int ms) { m_reconnectTimer.setInterval(ms); }
    void setStaleAfterMs(int ms) { m_staleTimer.setInterval(ms); }

Q_SIGNALS:
    // One complete epoch from the receiver.
    void fixReceived(const fieldcase::devices::GnssFix& fix);
    void stateChanged(fieldcase::devices::NmeaSource::State state);

private:
    void openDevice();
    void onReadyRead();
    void onDeviceFailed(const QString& message);
    void closeDevice();
    void setState(State state);

    NmeaParser m_parser;
    QString m_uri;
    std::unique_ptr<QIODevice> m_device;
    QTimer m_reconnectTimer;
    QTimer m_staleTimer;
    QFile m_log;
    State m_state = State::Disconnected;
    QString m_lastError;
    bool m_running = false;
};

} // namespace fieldcase::devices
