// A live gpsd client: TCP to gpsd (default 127.0.0.1:2947), ?WATCH in JSON, fixes out in the
// same GnssFix shape as NmeaSource, reconnecting when gpsd restarts.
#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"
#include "devices/gnss/gnssreceiver.h"
#include "devices/gnss/gpsdparser.h"

#include <QString>
#include <QTimer>

#include <memory>

class QTcpSocket;

namespace fieldcase::devices {

// Where a "gpsd:" URI points: "gpsd:" (127.0.0.1:2947), "gpsd:host", "gpsd:host:port",
// "gpsd:[::1]:port", each optionally with "?device=/dev/ttyUSB0" to watch one receiver only.
struct GpsdEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 2947;
    QString device; // empty: every receiver gpsd has

    // Parses the URI (with or without the "gpsd:" prefix).
    [[nodiscard]] static Result<GpsdEndpoint> parse(const QString& uri);
    // The ?WATCH command line for this endpoint, newline included.
    [[nodiscard]] QByteArray watchCommand() const;
};

// Reads gpsd's JSON reports for a "gpsd:" URI and reports fixes and connection state. State
// semantics follow NmeaSource, with one difference: gpsd answers with VERSION even when no
// receiver is attached, so the source stays Connecting until the first TPV or SKY arrives, and
// only TPV/SKY reports keep it out of Stale.
class GpsdSource : public GnssReceiver
{
    Q_OBJECT
public:
    // The clock stamps fixes (see GpsdParser); it must outlive the source.
    explicit GpsdSource(const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~GpsdSource() override;

    [[nodiscard]] const GpsdCounters& counters() const { return m_parser.counters(); }
    [[nodiscard]] const GpsdInfo& gpsdInfo() const { return m_parser.info(); }
    // Error estimates of the last TPV (ept, epx, epy, epv, eph).
    [[nodiscard]] const GpsdErrorEstimates& errorEstimates() const
    {
        return m_parser.errorEstimates();
    }

    // How long a TCP connect may take before it counts as a failure.
    void setConnectTimeoutMs(int ms) { m_connectTimer.setInterval(ms); }

private:
    void openBackend(const QString& uri) override;
    void closeBackend() override;
    [[nodiscard]] GnssFix backendFix() const override { return m_parser.currentFix(); }
    [[nodiscard]] Capabilities backendCapabilities() const override;

    void onReadyRead();
    void onSocketFailed(const QString& message);

    GpsdParser m_parser;
    GpsdEndpoint m_endpoint;
    std::unique_ptr<QTcpSocket> m_socket;
    QTimer m_connectTimer;
};

} // namespace fieldcase::devices
