// Built-in plugin: a printer behind a CUPS queue. Jobs run on a worker thread; the queue's state
// (stopped, paper out, offline) comes from the scheduler.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"

namespace fieldcase::devices {

// A CUPS queue as a PrinterDevice.
class CupsPrinterDevice : public PrinterDevice
{
    Q_OBJECT
public:
    explicit CupsPrinterDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;
    void doPrint(quint64 ticket, const PrintJob& job) override;

    // Asks the scheduler on a worker thread and updates the state from its answer.
    void refreshState();

    QString m_server;
    QString m_queue;
    QString m_accepts;
    int m_timeoutMs;
    int m_jobsRunning = 0;
    QJsonObject m_queueStatus;
};

class CupsPrinterPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "cupsprinter.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
