// Built-in plugin: a body-worn recorder mounted as USB storage (or a folder the officer picks).
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/recorder/recorder.h"

#include <QTimer>

namespace fieldcase::devices {

// Polls for a mounted recorder and lists its recordings on a worker thread.
class UsbRecorderDevice : public RecorderDevice
{
    Q_OBJECT
public:
    explicit UsbRecorderDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;
    void doListRecordings(quint64 ticket) override;

    void poll();
    QStringList roots() const;

    QTimer m_poll;
    bool m_polling = false; // a detection runs on the pool
    std::optional<RecorderInfo> m_recorder;
};

class UsbRecorderPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "usbrecorder.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
