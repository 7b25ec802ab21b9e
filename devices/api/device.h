// The device plugin API: what every device looks like to the app, whatever plugin drives it.
// This library (fieldcase_deviceapi) is shared, so the app and dynamically loaded plugins see one
// copy of these classes and their meta-objects. It links Qt Core only.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldcase::devices {

// The kinds of device a terminal has; a plugin implements exactly one.
enum class DeviceKind { Printer, Gnss, CardReader, Camera, Recorder, Barcode };

// The stable name used in plugin metadata and profiles: "printer", "gnss", "cardreader", ...
[[nodiscard]] QString deviceKindName(DeviceKind kind);
[[nodiscard]] std::optional<DeviceKind> deviceKindFromName(QStringView name);
// The kind as a user reads it ("Printer" / "打印机").
[[nodiscard]] QString deviceKindTitle(DeviceKind kind);
[[nodiscard]] QList<DeviceKind> allDeviceKinds();

// Health of a device as a user would describe it.
enum class DeviceState {
    Stopped, // not started, or stopped
    Connecting, // opening the transport, waiting for a daemon, a first fix or a card reader
    Ready, // usable now
    Busy, // usable, working on a job
    Absent, // the transport is fine but the device is not there (no reader, no camera, unplugged)
    Error, // failed; lastError() says why, and the plugin retries where that makes sense
};
[[nodiscard]] QString deviceStateName(DeviceState state); // "ready", for JSON
[[nodiscard]] QString deviceStateTitle(DeviceState state); // "Ready" / "就绪"

// One step of a self-test: what was checked and what was found.
struct SelfTestCheck
{
    QString name;
    bool passed = false;
    QString detail;
};

// The result of Device::runSelfTest.
struct SelfTestReport
{
    QList<SelfTestCheck> checks;

    [[nodiscard]] bool passed() const;
    void add(QString name, bool passed, QString detail = {});
    [[nodiscard]] QJsonObject toJson() const;
};

// What a device is: its slot in the profile, the plugin behind it and the settings it runs with
// (validated against the plugin's schema, defaults filled in).
struct DeviceInfo
{
    QString slot; // the profile's name for it: "printer", "gnss", "rear-printer"
    QString pluginId;
    DeviceKind kind = DeviceKind::Printer;
    QString vendor;
    QString title; // the plugin's name for people
    bool simulated = false;
    QJsonObject settings;
};

// Base of every device. Non-virtual public API over private virtual hooks: the base keeps state,
// error and self-test bookkeeping consistent whatever the plugin does. All calls and signals
// happen on the thread that owns the object; plugins do blocking I/O on their own threads.
class Device : public QObject
{
    Q_OBJECT
public:
    ~Device() override;

    [[nodiscard]] const DeviceInfo& info() const { return m_info; }
    [[nodiscard]] DeviceKind kind() const { return m_info.kind; }
    [[nodiscard]] QString slot() const { return m_info.slot; }
    [[nodiscard]] bool simulated() const { return m_info.simulated; }
    [[nodiscard]] DeviceState state() const { return m_state; }
    // Why the device is in Error or Absent, for the user; empty otherwise.
    [[nodiscard]] QString lastError() const { return m_lastError; }
    // What this device can do: "escp", "pdf", "status", "pin", "video", ...
    [[nodiscard]] QStringList capabilities() const { return doCapabilities(); }
    // Kind-specific details for status screens and `devices probe` (last fix, reader name, ...).
    [[nodiscard]] QJsonObject status() const;

    // Starts using the device (open the port, watch the reader). Safe to call twice.
    void start();
    // Releases the device. Safe to call twice.
    void stop();

    // Starts a self-test that takes at most budgetMs; selfTestFinished reports it. A second call
    // while one runs is ignored.
    void runSelfTest(int budgetMs);
    [[nodiscard]] bool selfTestRunning() const { return m_selfTestRunning; }

Q_SIGNALS:
    void stateChanged(fieldcase::devices::DeviceState state);
    // status() changed (a new fix, a card inserted, a job finished).
    void statusChanged();
    void selfTestFinished(const fieldcase::devices::SelfTestReport& report);

protected:
    explicit Device(DeviceInfo info, QObject* parent = nullptr);

    // Plugins report state changes here; an error message goes with Error and Absent.
    void setState(DeviceState state, const QString& error = {});
    // Plugins end a self-test here (exactly once per doSelfTest).
    void finishSelfTest(SelfTestReport report);

private:
    // Open the transport; report progress with setState.
    virtual void doStart() = 0;
    // Close the transport; the base sets Stopped afterwards.
    virtual void doStop() = 0;
    // Check the device for real (print nothing the user did not ask for) and call finishSelfTest.
    virtual void doSelfTest(int budgetMs) = 0;
    virtual QStringList doCapabilities() const = 0;
    // Kind-specific status; the base adds state, error and simulated.
    virtual QJsonObject doStatus() const;

    DeviceInfo m_info;
    DeviceState m_state = DeviceState::Stopped;
    QString m_lastError;
    bool m_started = false;
    bool m_selfTestRunning = false;
};

} // namespace fieldcase::devices

Q_DECLARE_METATYPE(fieldcase::devices::SelfTestReport)
