// Built-in plugin: a camera through Qt Multimedia, with a clean "no camera" state.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/camera/cameracapture.h"

#include <QHash>

namespace fieldcase::devices {

// QtCameraDevice as a CameraDevice: NoCamera becomes Absent, photos are answered by ticket.
class QtCameraPluginDevice : public CameraDevice
{
    Q_OBJECT
public:
    explicit QtCameraPluginDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    void doCaptureStill(quint64 ticket) override;

    void onCameraState(CameraCapture::State state);

    QtCameraDevice m_camera;
    QString m_dir;
    QHash<int, quint64> m_pending; // capture id → ticket
};

class QtCameraPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "qtcamera.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
