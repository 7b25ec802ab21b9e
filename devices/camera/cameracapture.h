// Taking photos (and videos where supported) with a live camera: the device interface, the Qt
// Multimedia backend and a simulator for demo, training and tests.
#pragma once

#include <QImage>
#include <QObject>
#include <QString>

#include <memory>

class QCamera;
class QImageCapture;
class QMediaCaptureSession;
class QMediaDevices;
class QMediaRecorder;

namespace fieldcase::devices {

// A camera the officer shoots with. Non-virtual public API over private hooks; every request is
// refused cleanly (false / -1, lastError set) when the state does not allow it.
class CameraCapture : public QObject
{
    Q_OBJECT
public:
    // What the camera can do right now.
    enum class State {
        NoCamera, // no video input: capture UI disabled, offer "import from folder" instead
        Stopped, // a camera is there, not started
        Starting,
        Ready, // previewing; photos and recordings may be taken
        Recording, // a video is being recorded
        Error, // the camera failed; see lastError(); start() may be tried again
    };
    Q_ENUM(State)

    // What the backend supports.
    enum Capability { Photo = 0x1, Video = 0x2 };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    ~CameraCapture() override;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] Capabilities capabilities() const { return doCapabilities(); }
    // Human-readable name of the camera in use (empty for NoCamera).
    [[nodiscard]] QString description() const { return doDescription(); }

    // Starts the preview. False (and lastError) in NoCamera or if the camera cannot start.
    bool start();
    // Stops preview and any recording.
    void stop();
    // Takes a photo into the JPEG file path; returns a request id (photoSaved carries it) or -1.
    int capturePhoto(const QString& path);
    // Records video into path until stopRecording(); false if video is not supported or ready.
    bool startRecording(const QString& path);
    void stopRecording();

Q_SIGNALS:
    void stateChanged(fieldcase::devices::CameraCapture::State state);
    // The photo of request id is in path.
    void photoSaved(int id, const QString& path);
    // The recording finished in path.
    void recordingSaved(const QString& path);
    // Something failed; the same text is in lastError().
    void errorOccurred(const QString& message);

protected:
    explicit CameraCapture(QObject* parent = nullptr);
    void setState(State state);
    void reportError(const QString& message);

private:
    // Backend hooks; called only in states where the request makes sense.
    [[nodiscard]] virtual Capabilities doCapabilities() const = 0;
    [[nodiscard]] virtual QString doDescription() const = 0;
    // Starts the preview; false with reportError() on failure.
    virtual bool doStart() = 0;
    virtual void doStop() = 0;
    // Starts a photo capture into path; returns the request id or -1 with reportError().
    virtual int doCapturePhoto(const QString& path) = 0;
    virtual bool doStartRecording(const QString& path) = 0;
    virtual void doStopRecording() = 0;

    State m_state = State::Stopped;
    QString m_lastError;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(CameraCapture::Capabilities)

// The system camera through Qt Multimedia (QCamera + QImageCapture + QMediaCaptureSession, video
// through QMediaRecorder). Starts in NoCamera when QMediaDevices::videoInputs() is empty and
// follows hot-plug (videoInputsChanged). Untested on hardware in CI: there is no camera there.
class QtCameraDevice : public CameraCapture
{
    Q_OBJECT
public:
    explicit QtCameraDevice(QObject* parent = nullptr);
    ~QtCameraDevice() override;

private:
    [[nodiscard]] Capabilities doCapabilities() const override;
    [[nodiscard]] QString doDescription() const override;
    bool doStart() override;
    void doStop() override;
    int doCapturePhoto(const QString& path) override;
    bool doStartRecording(const QString& path) override;
    void doStopRecording() override;
    void refreshInputs();
    void teardown();

    std::unique_ptr<QMediaDevices> m_devices;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<QImageCapture> m_imageCapture;
    std::unique_ptr<QMediaRecorder> m_recorder;
};

// A camera that "shoots" a generated test card (time, counter), for demo, training and tests.
// Photos only.
class SimulatedCamera : public CameraCapture
{
    Q_OBJECT
public:
    explicit SimulatedCamera(QObject* parent = nullptr);
    // Makes the simulator report no camera (as a terminal without one would) or one again.
    void setConnected(bool connected);
    // The image the next capture writes; a generated test card by default.
    void setFrame(const QImage& frame) { m_frame = frame; }

private:
    [[nodiscard]] Capabilities doCapabilities() const override { return Photo; }
    [[nodiscard]] QString doDescription() const override;
    bool doStart() override;
    void doStop() override { }
    int doCapturePhoto(const QString& path) override;
    bool doStartRecording(const QString& path) override;
    void doStopRecording() override { }

    bool m_connected = true;
    int m_nextId = 1;
    QImage m_frame;
};

} // namespace fieldcase::devices
