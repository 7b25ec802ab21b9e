#include "devices/camera/cameracapture.h"

#include <QCamera>
#include <QCameraDevice>
#include <QCoreApplication>
#include <QImageCapture>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaRecorder>
#include <QPainter>
#include <QTimer>
#include <QUrl>

namespace fieldcase::devices {

// ------------------------------------------------------------------------------ CameraCapture

CameraCapture::CameraCapture(QObject* parent)
    : QObject(parent)
{ }

CameraCapture::~CameraCapture() = default;

void CameraCapture::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void CameraCapture::reportError(const QString& message)
{
    m_lastError = message;
    Q_EMIT errorOccurred(message);
}

bool CameraCapture::start()
{
    if (m_state == State::NoCamera) {
        reportError(QCoreApplication::translate("Devices", "No camera is connected."));
        return false;
    }
    if (m_state == State::Ready || m_state == State::Recording || m_state == State::Starting)
        return true;
    m_lastError.clear();
    return doStart();
}

void CameraCapture::stop()
{
    if (m_state == State::NoCamera || m_state == State::Stopped)
        return;
    if (m_state == State::Recording)
        doStopRecording();
    doStop();
    setState(State::Stopped);
}

int CameraCapture::capturePhoto(const QString& path)
{
    if (!(capabilities() & Photo) || m_state != State::Ready) {
        reportError(m_state == State::NoCamera
                ? QCoreApplication::translate("Devices", "No camera is connected.")
                : QCoreApplication::translate("Devices", "The camera is not ready."));
        return -1;
    }
    return doCapturePhoto(path);
}

bool CameraCapture::startRecording(const QString& path)
{
    if (!(capabilities() & Video)) {
        reportError(QCoreApplication::translate("Devices", "This camera cannot record video."));
        return false;
    }
    if (m_state != State::Ready) {
        reportError(m_state == State::NoCamera
                ? QCoreApplication::translate("Devices", "No camera is connected.")
                : QCoreApplication::translate("Devices", "The camera is not ready."));
        return false;
    }
    return doStartRecording(path);
}

void CameraCapture::stopRecording()
{
    if (m_state == State::Recording)
        doStopRecording();
}

// ------------------------------------------------------------------------------ QtCameraDevice

QtCameraDevice::QtCameraDevice(QObject* parent)
    : CameraCapture(parent)
    , m_devices(std::make_unique<QMediaDevices>())
{
    connect(
        m_devices.get(), &QMediaDevices::videoInputsChanged, this, &QtCameraDevice::refreshInputs);
    refreshInputs();
}

QtCameraDevice::~QtCameraDevice()
{
    teardown();
}

void QtCameraDevice::refreshInputs()
{
    // Checked up front (stack.md §5): with no input, QCamera::start() only fails asynchronously
    // and QImageCapture still claims to be available, so the UI would offer a dead button.
    if (QMediaDevices::videoInputs().isEmpty()) {
        teardown();
        setState(State::NoCamera);
        return;
    }
    if (state() == State::NoCamera)
        setState(State::Stopped);
}

void QtCameraDevice::teardown()
{
    if (m_recorder)
        m_recorder->stop();
    if (m_camera)
        m_camera->stop();
    m_recorder.reset();
    m_imageCapture.reset();
    m_camera.reset();
    m_session.reset();
}

CameraCapture::Capabilities QtCameraDevice::doCapabilities() const
{
    if (state() == State::NoCamera)
        return {};
    return Photo | Video;
}

QString QtCameraDevice::doDescription() const
{
    if (state() == State::NoCamera)
        return {};
    return m_camera ? m_camera->cameraDevice().description()
                    : QMediaDevices::defaultVideoInput().description();
}

bool QtCameraDevice::doStart()
{
    const QCameraDevice input = QMediaDevices::defaultVideoInput();
    if (input.isNull()) {
        setState(State::NoCamera);
        reportError(QCoreApplication::translate("Devices", "No camera is connected."));
        return false;
    }
    teardown();
    m_session = std::make_unique<QMediaCaptureSession>();
    m_camera = std::make_unique<QCamera>(input);
    m_imageCapture = std::make_unique<QImageCapture>();
    m_recorder = std::make_unique<QMediaRecorder>();
    m_session->setCamera(m_camera.get());
    m_session->setImageCapture(m_imageCapture.get());
    m_session->setRecorder(m_recorder.get());
    connect(m_camera.get(), &QCamera::activeChanged, this, [this](bool active) {
        if (active && state() == State::Starting)
            setState(State::Ready);
    });
    connect(m_camera.get(), &QCamera::errorOccurred, this,
        [this](QCamera::Error error, const QString& text) {
            if (error == QCamera::NoError)
                return;
            setState(State::Error);
            reportError(QCoreApplication::translate("Devices", "Camera error: %1").arg(text));
        });
    connect(m_imageCapture.get(), &QImageCapture::imageSaved, this,
        [this](int id, const QString& path) { Q_EMIT photoSaved(id, path); });
    connect(m_imageCapture.get(), &QImageCapture::errorOccurred, this,
        [this](int, QImageCapture::Error, const QString& text) {
            reportError(QCoreApplication::translate("Devices", "Photo failed: %1").arg(text));
        });
    connect(m_recorder.get(), &QMediaRecorder::recorderStateChanged, this,
        [this](QMediaRecorder::RecorderState s) {
            if (s == QMediaRecorder::StoppedState && state() == State::Recording) {
                setState(State::Ready);
                Q_EMIT recordingSaved(m_recorder->actualLocation().toLocalFile());
            }
        });
    connect(m_recorder.get(), &QMediaRecorder::errorOccurred, this,
        [this](QMediaRecorder::Error, const QString& text) {
            reportError(QCoreApplication::translate("Devices", "Recording failed: %1").arg(text));
        });
    setState(State::Starting);
    m_camera->start();
    if (m_camera->error() != QCamera::NoError) {
        setState(State::Error);
        reportError(QCoreApplication::translate("Devices", "Camera error: %1")
                        .arg(m_camera->errorString()));
        return false;
    }
    if (m_camera->isActive())
        setState(State::Ready);
    return true;
}

void QtCameraDevice::doStop()
{
    teardown();
}

int QtCameraDevice::doCapturePhoto(const QString& path)
{
    if (!m_imageCapture || !m_imageCapture->isReadyForCapture()) {
        reportError(QCoreApplication::translate("Devices", "The camera is not ready."));
        return -1;
    }
    const int id = m_imageCapture->captureToFile(path);
    if (id < 0)
        reportError(QCoreApplication::translate("Devices", "Photo failed: %1")
                        .arg(m_imageCapture->errorString()));
    return id;
}

bool QtCameraDevice::doStartRecording(const QString& path)
{
    if (!m_recorder || !m_recorder->isAvailable()) {
        reportError(QCoreApplication::translate("Devices", "This camera cannot record video."));
        return false;
    }
    m_recorder->setOutputLocation(QUrl::fromLocalFile(path));
    m_recorder->record();
    if (m_recorder->error() != QMediaRecorder::NoError) {
        reportError(QCoreApplication::translate("Devices", "Recording failed: %1")
                        .arg(m_recorder->errorString()));
        return false;
    }
    setState(State::Recording);
    return true;
}

void QtCameraDevice::doStopRecording()
{
    if (m_recorder)
        m_recorder->stop();
}

// ------------------------------------------------------------------------------ SimulatedCamera

SimulatedCamera::SimulatedCamera(QObject* parent)
    : CameraCapture(parent)
{ }

void SimulatedCamera::setConnected(bool connected)
{
    m_connected = connected;
    if (!connected)
        setState(State::NoCamera);
    else if (state() == State::NoCamera)
        setState(State::Stopped);
}

QString SimulatedCamera::doDescription() const
{
    return m_connected ? QStringLiteral("FieldCase simulated camera") : QString();
}

bool SimulatedCamera::doStart()
{
    setState(State::Ready);
    return true;
}

int SimulatedCamera::doCapturePhoto(const QString& path)
{
    QImage frame = m_frame;
    const int id = m_nextId++;
    if (frame.isNull()) {
        frame = QImage(640, 480, QImage::Format_RGB32);
        frame.fill(QColor(40, 90, 160));
        QPainter p(&frame);
        p.setPen(Qt::white);
        p.drawText(frame.rect(), Qt::AlignCenter,
            QStringLiteral("FieldCase simulated camera\n#%1").arg(id));
    }
    if (!frame.save(path, "JPEG", 90)) {
        reportError(
            QCoreApplication::translate("Devices", "Cannot write the photo to %1.").arg(path));
        return -1;
    }
    // Delivered from the event loop, as a real camera would.
    QTimer::singleShot(0, this, [this, id, path] { Q_EMIT photoSaved(id, path); });
    return id;
}

bool SimulatedCamera::doStartRecording(const QString&)
{
    return false; // doCapabilities() has no Video, so never reached
}

} // namespace fieldcase::devices
