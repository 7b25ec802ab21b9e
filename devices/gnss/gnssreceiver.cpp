#include "devices/gnss/gnssreceiver.h"

#include "devices/gnss/gpsdsource.h"
#include "devices/gnss/nmeasource.h"
#include "devices/gnss/qtpositioningsource.h"

#include <QCoreApplication>
#include <QHash>

namespace fieldcase::devices {

GnssReceiver::GnssReceiver(QObject* parent)
    : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    m_reconnectTimer.setInterval(500);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &GnssReceiver::openNow);
    m_staleTimer.setSingleShot(true);
    m_staleTimer.setInterval(3000);
    connect(&m_staleTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Receiving)
            setState(State::Stale);
    });
}

GnssReceiver::~GnssReceiver() = default;

void GnssReceiver::start(const QString& uri)
{
    stop();
    m_uri = uri;
    m_running = true;
    openNow();
}

void GnssReceiver::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_staleTimer.stop();
    closeBackend();
    setState(State::Disconnected);
}

void GnssReceiver::openNow()
{
    if (!m_running)
        return;
    setState(State::Connecting);
    openBackend(m_uri);
}

void GnssReceiver::noteDataArrived()
{
    setState(State::Receiving);
    m_staleTimer.start();
}

void GnssReceiver::noteFailure(const QString& message)
{
    m_lastError = message;
    m_staleTimer.stop();
    setState(State::Error);
    if (m_running)
        m_reconnectTimer.start();
}

void GnssReceiver::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

namespace {

QHash<QString, GnssReceiverFactory>& receiverSchemes()
{
    static QHash<QString, GnssReceiverFactory> registry {
        {QStringLiteral("gpsd"),
            [](const Clock& clock) -> std::unique_ptr<GnssReceiver> {
                return std::make_unique<GpsdSource>(clock);
            }},
        {QStringLiteral("qtnmea"),
            [](const Clock& clock) -> std::unique_ptr<GnssReceiver> {
                return std::make_unique<QtPositioningSource>(clock);
            }},
    };
    return registry;
}

} // namespace

void registerGnssReceiverScheme(const QString& scheme, GnssReceiverFactory factory)
{
    receiverSchemes().insert(scheme.toLower(), std::move(factory));
}

Result<std::unique_ptr<GnssReceiver>> createGnssReceiver(const QString& uri, const Clock& clock)
{
    const qsizetype colon = uri.indexOf(u':');
    if (colon <= 0)
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "Unsupported GNSS source \"%1\".").arg(uri));
    const auto it = receiverSchemes().constFind(uri.left(colon).toLower());
    if (it != receiverSchemes().cend())
        return (*it)(clock);
    // Byte-stream schemes are resolved (and rejected if unknown) when NmeaSource opens them.
    return std::unique_ptr<GnssReceiver>(std::make_unique<NmeaSource>(clock));
}

} // namespace fieldcase::devices
