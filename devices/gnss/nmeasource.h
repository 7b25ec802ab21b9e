// A live NMEA receiver on a serial port or a TCP socket, reconnecting on its own.
#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"
#include "devices/gnss/gnssreceiver.h"
#include "devices/gnss/nmeaparser.h"

#include <QFile>
#include <QIODevice>
#include <QObject>
#include <QString>

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

// Reads NMEA from a device named by URI, parses it and reports fixes and connection state
// (GnssReceiver: state, lastError, reconnect and stale timers live there).
class NmeaSource : public GnssReceiver
{
    Q_OBJECT
public:
    // The clock stamps fixes (see NmeaParser); it must outlive the source.
    explicit NmeaSource(const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~NmeaSource() override;

    [[nodiscard]] const NmeaCounters& counters() const { return m_parser.counters(); }

    // Appends every raw byte received to this file (for attaching to a case); empty stops it.
    [[nodiscard]] Status setLogFile(const QString& path);

private:
    void openBackend(const QString& uri) override;
    void closeBackend() override;
    [[nodiscard]] GnssFix backendFix() const override { return m_parser.currentFix(); }
    [[nodiscard]] Capabilities backendCapabilities() const override;

    void onReadyRead();
    void onDeviceFailed(const QString& message);

    NmeaParser m_parser;
    std::unique_ptr<QIODevice> m_device;
    QFile m_log;
};

} // namespace fieldcase::devices
