// Built-in plugin: an ESC/P-K printer addressed directly (serial, TCP 9100, USB lp), without CUPS.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/printer/printertransport.h"

#include <QTimer>

#include <memory>

namespace fieldcase::devices {

// A PrinterTransport as a PrinterDevice: jobs and status queries run on the thread pool.
class RawPrinterDevice : public PrinterDevice
{
    Q_OBJECT
public:
    explicit RawPrinterDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;
    void doPrint(quint64 ticket, const PrintJob& job) override;

    void pollStatus();
    void applyStatus(const PrinterStatusReport& report);

    std::shared_ptr<const PrinterTransport> m_transport; // null when the URI is not usable
    QString m_uriError;
    QTimer m_poll;
    bool m_polling = false;
    int m_jobsRunning = 0;
    PrinterStatusReport m_lastStatus;
};

class RawPrinterPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "rawprinter.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
