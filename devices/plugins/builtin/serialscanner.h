// Built-in plugin: a barcode scanner that sends each code as a line on a serial port (USB CDC
// scanners, or a networked scanner on TCP). Keyboard-wedge (HID) scanners type into the focused
// field instead and need no plugin.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/barcode/scannerinput.h"

#include <QIODevice>
#include <QTimer>

#include <memory>

namespace fieldcase::devices {

// Reads the port, assembles codes with ScannerInput, reopens the port after a cable pull.
class SerialScannerDevice : public BarcodeDevice
{
    Q_OBJECT
public:
    explicit SerialScannerDevice(const DeviceInfo& info);
    ~SerialScannerDevice() override;

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;

    void open();
    void close();
    void onReadyRead();
    void onFailed(const QString& message);

    QString m_uri;
    std::unique_ptr<QIODevice> m_port;
    ScannerInput m_input;
    QTimer m_reconnect;
    int m_codes = 0;
};

class SerialScannerPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "serialscanner.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
