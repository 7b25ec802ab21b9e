// The one interface every live GNSS backend implements (NMEA over serial/TCP/file, gpsd), so the
// app, the assessment and the case code do not care where positions come from.
#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"
#include "devices/gnss/nmeaparser.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace fieldcase::devices {

// A live GNSS source: non-virtual public API over private virtual hooks. The base owns the
// connection state machine (state, lastError, reconnect and stale timers); a backend only opens
// and closes its transport and reports data and failures through the protected helpers.
class GnssReceiver : public QObject
{
    Q_OBJECT
public:
    // Connection health as a user would describe it.
    enum class State {
        Disconnected, // not started, or stopped
        Connecting, // being opened, or open but no receiver data yet
        Receiving, // receiver data is arriving
        Stale, // open, but no receiver data arrived for staleAfterMs
        Error, // the transport failed; a reconnect is scheduled
    };
    Q_ENUM(State)

    // What a backend can deliver, so the UI can hide what is never there.
    enum class Capability {
        Position = 0x1, // latitude/longitude/altitude and fix type
        Velocity = 0x2, // speed and course over ground
        Dilution = 0x4, // HDOP/PDOP/VDOP
        SatellitesPerConstellation = 0x8, // satellitesInView per constellation
        RawLog = 0x10, // can append the raw receiver bytes to a file (setLogFile)
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)
    Q_FLAG(Capabilities)

    ~GnssReceiver() override;

    // Opens the URI and keeps it open, reconnecting every reconnectIntervalMs after failures.
    void start(const QString& uri);
    // Closes the transport and stops reconnecting.
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    // The last transport error, for the user; empty when there was none.
    [[nodiscard]] QString lastError() const { return m_lastError; }
    // The URI given to start(); empty before the first start.
    [[nodiscard]] QString uri() const { return m_uri; }
    // The merged state right now, with ageMs computed against the clock.
    [[nodiscard]] GnssFix currentFix() const { return backendFix(); }
    [[nodiscard]] Capabilities capabilities() const { return backendCapabilities(); }

    void setReconnectIntervalMs(int ms) { m_reconnectTimer.setInterval(ms); }
    void setStaleAfterMs(int ms) { m_staleTimer.setInterval(ms); }

Q_SIGNALS:
    // One complete epoch from the receiver.
    void fixReceived(const fieldcase::devices::GnssFix& fix);
    void stateChanged(fieldcase::devices::GnssReceiver::State state);

protected:
    explicit GnssReceiver(QObject* parent = nullptr);

    // Receiver data arrived: Receiving, and the stale countdown restarts.
    void noteDataArrived();
    // The transport could not be opened or broke: Error, and a reconnect if still running.
    // The backend closes its own transport first.
    void noteFailure(const QString& message);
    void setState(State state);
    [[nodiscard]] bool isRunning() const { return m_running; }

private:
    void openNow();

    // Starts opening the transport for `uri`; on failure calls noteFailure (possibly later).
    virtual void openBackend(const QString& uri) = 0;
    // Closes the transport, if open; must be safe to call when nothing is open.
    virtual void closeBackend() = 0;
    // The backend's merged fix (see currentFix()).
    [[nodiscard]] virtual GnssFix backendFix() const = 0;
    // The backend's fixed capabilities.
    [[nodiscard]] virtual Capabilities backendCapabilities() const = 0;

    QString m_uri;
    QTimer m_reconnectTimer;
    QTimer m_staleTimer;
    State m_state = State::Disconnected;
    QString m_lastError;
    bool m_running = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(GnssReceiver::Capabilities)

// Makes a receiver for a URI (not started); the clock must outlive it.
using GnssReceiverFactory = std::function<std::unique_ptr<GnssReceiver>(const Clock& clock)>;

// Adds or replaces the receiver kind for a URI scheme. "gpsd" is built in; every scheme the NMEA
// device registry knows (serial, tcp, file, ...: nmeasource.h) falls through to NmeaSource.
void registerGnssReceiverScheme(const QString& scheme, GnssReceiverFactory factory);

// The receiver kind that handles `uri` ("gpsd:..." → GpsdSource, otherwise NmeaSource), not
// started: call start(uri) on it. Fails for a URI without a scheme.
[[nodiscard]] Result<std::unique_ptr<GnssReceiver>> createGnssReceiver(
    const QString& uri, const Clock& clock = Clock::system());

} // namespace fieldcase::devices
