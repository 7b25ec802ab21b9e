#include "devices/plugins/builtin/serialscanner.h"

#include "devices/api/devicestext.h"
#include "devices/gnss/nmeasource.h"

#include <QAbstractSocket>
#include <QSerialPort>

namespace fieldcase::devices {

SerialScannerDevice::SerialScannerDevice(const DeviceInfo& info)
    : BarcodeDevice(info)
    , m_uri(info.settings.value(QLatin1String("uri")).toString())
    , m_input(
          Clock::system(),
          [this](const QString& code) {
              ++m_codes;
              publishScan(code, QString());
          },
          info.settings.value(QLatin1String("staleAfterMs")).toInt())
{
    m_reconnect.setSingleShot(true);
    m_reconnect.setInterval(info.settings.value(QLatin1String("reconnectIntervalMs")).toInt());
    connect(&m_reconnect, &QTimer::timeout, this, &SerialScannerDevice::open);
}

SerialScannerDevice::~SerialScannerDevice()
{
    close();
}

void SerialScannerDevice::doStart()
{
    open();
}

void SerialScannerDevice::doStop()
{
    m_reconnect.stop();
    close();
}

void SerialScannerDevice::open()
{
    close();
    // The same transports as a GNSS receiver (serial with settings, TCP); a scanner is a line
    // source just like one.
    auto port = openNmeaDevice(m_uri);
    if (!port) {
        onFailed(port.error().message);
        return;
    }
    m_port = std::move(*port);
    connect(m_port.get(), &QIODevice::readyRead, this, &SerialScannerDevice::onReadyRead);
    if (auto* serial = qobject_cast<QSerialPort*>(m_port.get())) {
        connect(serial, &QSerialPort::errorOccurred, this,
            [this, serial](QSerialPort::SerialPortError e) {
                if (e != QSerialPort::NoError && e != QSerialPort::TimeoutError)
                    onFailed(serial->errorString());
            });
        setState(DeviceState::Ready);
    } else if (auto* socket = qobject_cast<QAbstractSocket*>(m_port.get())) {
        connect(
            socket, &QAbstractSocket::connected, this, [this] { setState(DeviceState::Ready); });
        connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError) { onFailed(socket->errorString()); });
    } else {
        setState(DeviceState::Ready);
    }
}

void SerialScannerDevice::close()
{
    if (!m_port)
        return;
    m_port->disconnect(this);
    m_port->close();
    // Deleted later: close() may run inside one of the port's own signals.
    m_port.release()->deleteLater();
    m_input.reset();
}

void SerialScannerDevice::onReadyRead()
{
    // Scanners send ASCII or UTF-8 (Chinese in a QR code); invalid bytes become U+FFFD.
    m_input.feed(QString::fromUtf8(m_port->readAll()));
}

void SerialScannerDevice::onFailed(const QString& message)
{
    if (state() == DeviceState::Stopped)
        return;
    close();
    setState(DeviceState::Error, message);
    m_reconnect.start();
}

void SerialScannerDevice::doSelfTest(int)
{
    // A scan needs a person, so the test checks the port; status() counts the codes read.
    SelfTestReport report;
    report.add(DevicesText::tr("The scanner port is open"), m_port && m_port->isOpen(),
        state() == DeviceState::Error ? lastError() : m_uri);
    finishSelfTest(report);
}

QStringList SerialScannerDevice::doCapabilities() const
{
    return {QStringLiteral("scan")};
}

QJsonObject SerialScannerDevice::doStatus() const
{
    return {{QLatin1String("uri"), m_uri}, {QLatin1String("codes"), m_codes},
        {QLatin1String("discarded"), m_input.discardedCount()}};
}

std::unique_ptr<Device> SerialScannerPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<SerialScannerDevice>(info);
}

} // namespace fieldcase::devices
