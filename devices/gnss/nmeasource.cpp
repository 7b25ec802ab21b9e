#include "devices/gnss/nmeasource.h"

#include "devices/gnss/nmeareplay.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QHash>
#include <QSerialPort>
#include <QTcpSocket>
#include <QUrlQuery>

namespace fieldcase::devices {

namespace {

Result<std::unique_ptr<QIODevice>> openSerial(const QString& rest)
{
    const qsizetype q = rest.indexOf(u'?');
    const QString path = rest.left(q);
    int baud = 9600; // the common default of current receivers; NMEA's own 4800 is rare now
    if (q >= 0) {
        const QString value = QUrlQuery(rest.mid(q + 1)).queryItemValue(QStringLiteral("baud"));
        bool ok = !value.isEmpty();
        if (ok)
            baud = value.toInt(&ok);
        if (!ok || baud <= 0)
            return fail(ErrorCode::InvalidArgument,
                QCoreApplication::translate("Devices", "Invalid baud rate in \"%1\".").arg(rest));
    }
    if (path.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "No serial port given."));
    auto port = std::make_unique<QSerialPort>(path);
    port->setBaudRate(baud);
    port->setDataBits(QSerialPort::Data8);
    port->setParity(QSerialPort::NoParity);
    port->setStopBits(QSerialPort::OneStop);
    port->setFlowControl(QSerialPort::NoFlowControl);
    if (!port->open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot open the GNSS port %1: %2")
                .arg(path, port->errorString()),
            path);
    // The OS (and a pty in particular) keeps bytes written while nobody was reading; those are
    // old positions and must not be stamped on new evidence.
    port->clear(QSerialPort::Input);
    return std::unique_ptr<QIODevice>(std::move(port));
}

Result<std::unique_ptr<QIODevice>> openTcp(const QString& rest)
{
    const qsizetype colon = rest.lastIndexOf(u':');
    bool ok = colon > 0;
    const int port = ok ? rest.mid(colon + 1).toInt(&ok) : 0;
    if (!ok || port <= 0 || port > 65535)
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "Expected host:port, got \"%1\".").arg(rest));
    QString host = rest.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) // [::1]:10110
        host = host.mid(1, host.size() - 2);
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(host, static_cast<quint16>(port), QIODevice::ReadOnly);
    return std::unique_ptr<QIODevice>(std::move(socket));
}

// "file:/path/log.nmea?interval=1000&loop=1&retime=1" (the defaults): see NmeaReplayOptions.
Result<std::unique_ptr<QIODevice>> openReplay(const QString& rest)
{
    const qsizetype q = rest.indexOf(u'?');
    NmeaReplayOptions options;
    if (q >= 0) {
        const QUrlQuery query(rest.mid(q + 1));
        const auto flag = [&](const QString& key, bool fallback) {
            return query.hasQueryItem(key) ? query.queryItemValue(key) != QStringLiteral("0")
                                           : fallback;
        };
        options.loop = flag(QStringLiteral("loop"), options.loop);
        options.retime = flag(QStringLiteral("retime"), options.retime);
        if (query.hasQueryItem(QStringLiteral("interval"))) {
            bool ok = false;
            options.intervalMs = query.queryItemValue(QStringLiteral("interval")).toInt(&ok);
            if (!ok || options.intervalMs <= 0)
                return fail(ErrorCode::InvalidArgument,
                    QCoreApplication::translate("Devices", "Invalid replay interval in \"%1\".")
                        .arg(rest));
        }
    }
    auto device = NmeaReplayDevice::open(rest.left(q), options);
    if (!device)
        return fail(std::move(device.error()));
    return std::unique_ptr<QIODevice>(std::move(*device));
}

QHash<QString, NmeaDeviceFactory>& schemes()
{
    static QHash<QString, NmeaDeviceFactory> registry {
        {QStringLiteral("serial"), openSerial},
        {QStringLiteral("tcp"), openTcp},
        {QStringLiteral("file"), openReplay},
    };
    return registry;
}

} // namespace

void registerNmeaScheme(const QString& scheme, NmeaDeviceFactory factory)
{
    schemes().insert(scheme.toLower(), std::move(factory));
}

Result<std::unique_ptr<QIODevice>> openNmeaDevice(const QString& uri)
{
    const qsizetype colon = uri.indexOf(u':');
    const auto it = colon > 0 ? schemes().constFind(uri.left(colon).toLower()) : schemes().cend();
    if (it == schemes().cend())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "Unsupported GNSS source \"%1\".").arg(uri));
    return (*it)(uri.mid(colon + 1));
}

NmeaSource::NmeaSource(const Clock& clock, QObject* parent)
    : GnssReceiver(parent)
    , m_parser(clock)
{
    m_parser.setFixCallback([this](const GnssFix& fix) { Q_EMIT fixReceived(fix); });
}

NmeaSource::~NmeaSource()
{
    if (m_device)
        m_device->disconnect(this);
}

GnssReceiver::Capabilities NmeaSource::backendCapabilities() const
{
    return Capability::Position | Capability::Velocity | Capability::Dilution
        | Capability::SatellitesPerConstellation | Capability::RawLog;
}

Status NmeaSource::setLogFile(const QString& path)
{
    m_log.close();
    if (path.isEmpty())
        return {};
    m_log.setFileName(path);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot open the NMEA log %1: %2")
                .arg(path, m_log.errorString()),
            path);
    return {};
}

void NmeaSource::openBackend(const QString& uri)
{
    auto device = openNmeaDevice(uri);
    if (!device) {
        // Unplugged cable or a pty not yet recreated: keep trying, the receiver may come back.
        noteFailure(device.error().message);
        return;
    }
    m_device = std::move(*device);
    // Whatever was half-received before the reconnect will never be completed.
    m_parser.resetLine();
    connect(m_device.get(), &QIODevice::readyRead, this, &NmeaSource::onReadyRead);
    if (auto* port = qobject_cast<QSerialPort*>(m_device.get())) {
        // A pulled USB cable or a dead pty master shows up as a read/resource error, not EOF.
        connect(
            port, &QSerialPort::errorOccurred, this, [this, port](QSerialPort::SerialPortError e) {
                if (e != QSerialPort::NoError)
                    onDeviceFailed(port->errorString());
            });
    } else if (auto* socket = qobject_cast<QAbstractSocket*>(m_device.get())) {
        connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket] { onDeviceFailed(socket->errorString()); });
        connect(socket, &QAbstractSocket::disconnected, this, [this] {
            onDeviceFailed(
                QCoreApplication::translate("Devices", "The GNSS server closed the connection."));
        });
    }
    if (m_device->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &NmeaSource::onReadyRead, Qt::QueuedConnection);
}

void NmeaSource::onReadyRead()
{
    if (!m_device)
        return;
    const QByteArray data = m_device->readAll();
    if (data.isEmpty())
        return;
    if (m_log.isOpen()) {
        m_log.write(data);
        m_log.flush(); // the log is evidence: do not lose its tail in a crash
    }
    noteDataArrived();
    m_parser.feed(data);
}

void NmeaSource::onDeviceFailed(const QString& message)
{
    if (!m_device)
        return;
    closeBackend();
    noteFailure(message);
}

void NmeaSource::closeBackend()
{
    if (!m_device)
        return;
    m_device->disconnect(this);
    // We may be inside one of the device's own signals: let the event loop delete it.
    QIODevice* device = m_device.release();
    device->close();
    device->deleteLater();
}

} // namespace fieldcase::devices
