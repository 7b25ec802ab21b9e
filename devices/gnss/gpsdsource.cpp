#include "devices/gnss/gpsdsource.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrlQuery>

namespace fieldcase::devices {

Result<GpsdEndpoint> GpsdEndpoint::parse(const QString& uri)
{
    QString rest = uri;
    if (rest.startsWith(QLatin1String("gpsd:"), Qt::CaseInsensitive))
        rest = rest.mid(5);
    GpsdEndpoint endpoint;
    const qsizetype q = rest.indexOf(u'?');
    if (q >= 0) {
        endpoint.device = QUrlQuery(rest.mid(q + 1)).queryItemValue(QStringLiteral("device"));
        rest = rest.left(q);
    }
    const auto bad = [&] {
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "Devices", "Expected gpsd:, gpsd:host or gpsd:host:port, got \"%1\".")
                .arg(uri));
    };
    QString portText;
    if (rest.startsWith(u'[')) { // [::1]:2947
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return bad();
        endpoint.host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return bad();
        portText = after.mid(1);
    } else if (!rest.isEmpty()) {
        const qsizetype colon = rest.indexOf(u':');
        if (colon >= 0 && rest.indexOf(u':', colon + 1) >= 0)
            return bad(); // a bare IPv6 address needs brackets
        if (colon != 0)
            endpoint.host = rest.left(colon);
        if (colon >= 0)
            portText = rest.mid(colon + 1);
    }
    if (endpoint.host.isEmpty())
        endpoint.host = QStringLiteral("127.0.0.1");
    if (!portText.isEmpty()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return bad();
        endpoint.port = quint16(port);
    }
    return endpoint;
}

QByteArray GpsdEndpoint::watchCommand() const
{
    QJsonObject watch {{QLatin1String("enable"), true}, {QLatin1String("json"), true}};
    if (!device.isEmpty())
        watch.insert(QLatin1String("device"), device);
    return "?WATCH=" + QJsonDocument(watch).toJson(QJsonDocument::Compact) + ";\n";
}

GpsdSource::GpsdSource(const Clock& clock, QObject* parent)
    : GnssReceiver(parent)
    , m_parser(clock)
{
    m_parser.setFixCallback([this](const GnssFix& fix) { Q_EMIT fixReceived(fix); });
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(5000);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        onSocketFailed(
            QCoreApplication::translate("Devices", "gpsd at %1:%2 did not answer in time.")
                .arg(m_endpoint.host)
                .arg(m_endpoint.port));
    });
}

GpsdSource::~GpsdSource()
{
    if (m_socket)
        m_socket->disconnect(this);
}

GnssReceiver::Capabilities GpsdSource::backendCapabilities() const
{
    return Capability::Position | Capability::Velocity | Capability::Dilution
        | Capability::SatellitesPerConstellation;
}

void GpsdSource::openBackend(const QString& uri)
{
    auto endpoint = GpsdEndpoint::parse(uri);
    if (!endpoint) {
        noteFailure(endpoint.error().message);
        return;
    }
    m_endpoint = *endpoint;
    m_parser.setDevice(m_endpoint.device);
    // A new connection is a new gpsd session: a half line or old satellites must not leak in.
    m_parser.resetSession();
    m_socket = std::make_unique<QTcpSocket>();
    QTcpSocket* socket = m_socket.get();
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        m_connectTimer.stop();
        // gpsd sends nothing but VERSION until asked to watch.
        socket->write(m_endpoint.watchCommand());
    });
    connect(socket, &QTcpSocket::readyRead, this, &GpsdSource::onReadyRead);
    // gpsd restarting (or the daemon being killed) shows up as RemoteHostClosed or refused.
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        onSocketFailed(QCoreApplication::translate("Devices", "gpsd at %1:%2: %3")
                           .arg(m_endpoint.host)
                           .arg(m_endpoint.port)
                           .arg(socket->errorString()));
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        onSocketFailed(QCoreApplication::translate("Devices", "gpsd closed the connection."));
    });
    m_connectTimer.start();
    socket->connectToHost(m_endpoint.host, m_endpoint.port);
}

void GpsdSource::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    const qint64 before = m_parser.counters().tpvReports + m_parser.counters().skyReports;
    m_parser.feed(data);
    // Only receiver reports count as "receiving": gpsd itself answers without any GNSS device.
    if (m_parser.counters().tpvReports + m_parser.counters().skyReports != before)
        noteDataArrived();
}

void GpsdSource::onSocketFailed(const QString& message)
{
    if (!m_socket)
        return;
    closeBackend();
    noteFailure(message);
}

void GpsdSource::closeBackend()
{
    m_connectTimer.stop();
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    // We may be inside one of the socket's own signals: let the event loop delete it.
    QTcpSocket* socket = m_socket.release();
    socket->abort();
    socket->deleteLater();
}

} // namespace fieldcase::devices
