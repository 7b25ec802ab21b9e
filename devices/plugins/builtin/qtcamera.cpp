#include "devices/plugins/builtin/qtcamera.h"

#include "devices/api/devicestext.h"

#include <QDateTime>
#include <QDir>

namespace fieldcase::devices {

QtCameraPluginDevice::QtCameraPluginDevice(const DeviceInfo& info)
    : CameraDevice(info)
    , m_dir(info.settings.value(QLatin1String("outputDir")).toString())
{
    if (m_dir.isEmpty())
        m_dir = QDir::tempPath() + QLatin1String("/fieldcase-camera-") + info.slot;
    connect(&m_camera, &CameraCapture::stateChanged, this, &QtCameraPluginDevice::onCameraState);
    connect(&m_camera, &CameraCapture::photoSaved, this, [this](int id, const QString& path) {
        if (auto it = m_pending.find(id); it != m_pending.end()) {
            finishCapture(*it,
                CapturedMedia {
                    path, QStringLiteral("image/jpeg"), QDateTime::currentDateTime(), false});
            m_pending.erase(it);
        }
    });
    connect(&m_camera, &CameraCapture::errorOccurred, this, [this](const QString& message) {
        // A failure of the camera fails every photo still waiting for it.
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
            failCapture(it.value(), message);
        m_pending.clear();
    });
}

void QtCameraPluginDevice::doStart()
{
    QDir().mkpath(m_dir);
    m_camera.start();
    onCameraState(m_camera.state());
}

void QtCameraPluginDevice::doStop()
{
    m_camera.stop();
}

void QtCameraPluginDevice::onCameraState(CameraCapture::State s)
{
    if (state() == DeviceState::Stopped)
        return;
    switch (s) {
    case CameraCapture::State::NoCamera:
        setState(DeviceState::Absent,
            DevicesText::tr("No camera is connected; photos can be imported from a folder"));
        break;
    case CameraCapture::State::Stopped:
    case CameraCapture::State::Starting:
        setState(DeviceState::Connecting);
        break;
    case CameraCapture::State::Ready:
        setState(DeviceState::Ready);
        break;
    case CameraCapture::State::Recording:
        setState(DeviceState::Busy);
        break;
    case CameraCapture::State::Error:
        setState(DeviceState::Error, m_camera.lastError());
        break;
    }
}

void QtCameraPluginDevice::doCaptureStill(quint64 ticket)
{
    const QString path
        = QStringLiteral("%1/IMG_%2.jpg")
              .arg(m_dir,
                  QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss_zzz")));
    const int id = m_camera.capturePhoto(path);
    if (id < 0) {
        failCapture(ticket,
            m_camera.lastError().isEmpty() ? DevicesText::tr("The camera cannot take a photo now")
                                           : m_camera.lastError());
        return;
    }
    m_pending.insert(id, ticket);
}

void QtCameraPluginDevice::doSelfTest(int)
{
    SelfTestReport report;
    const CameraCapture::State s = m_camera.state();
    report.add(DevicesText::tr("A camera is connected"), s != CameraCapture::State::NoCamera,
        s == CameraCapture::State::NoCamera ? DevicesText::tr("No video input found")
                                            : m_camera.description());
    if (s != CameraCapture::State::NoCamera) {
        report.add(DevicesText::tr("The camera is working"),
            s == CameraCapture::State::Ready || s == CameraCapture::State::Recording,
            m_camera.lastError());
    }
    finishSelfTest(report);
}

QStringList QtCameraPluginDevice::doCapabilities() const
{
    QStringList caps;
    if (m_camera.capabilities().testFlag(CameraCapture::Photo))
        caps << QStringLiteral("still");
    if (m_camera.capabilities().testFlag(CameraCapture::Video))
        caps << QStringLiteral("video");
    return caps;
}

std::unique_ptr<Device> QtCameraPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<QtCameraPluginDevice>(info);
}

} // namespace fieldcase::devices
