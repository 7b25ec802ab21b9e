#include "devices/api/device.h"

#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace fieldcase::devices {

namespace {

struct KindName
{
    DeviceKind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {DeviceKind::Printer, "printer"},
    {DeviceKind::Gnss, "gnss"},
    {DeviceKind::CardReader, "cardreader"},
    {DeviceKind::Camera, "camera"},
    {DeviceKind::Recorder, "recorder"},
    {DeviceKind::Barcode, "barcode"},
};

} // namespace

QString deviceKindName(DeviceKind kind)
{
    for (const KindName& k : kKindNames) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

std::optional<DeviceKind> deviceKindFromName(QStringView name)
{
    for (const KindName& k : kKindNames) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

QList<DeviceKind> allDeviceKinds()
{
    QList<DeviceKind> kinds;
    for (const KindName& k : kKindNames)
        kinds.append(k.kind);
    return kinds;
}

QString deviceKindTitle(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::Printer:
        return DevicesText::tr("Printer");
    case DeviceKind::Gnss:
        return DevicesText::tr("GNSS receiver");
    case DeviceKind::CardReader:
        return DevicesText::tr("IC card reader");
    case DeviceKind::Camera:
        return DevicesText::tr("Camera");
    case DeviceKind::Recorder:
        return DevicesText::tr("Body-worn recorder");
    case DeviceKind::Barcode:
        return DevicesText::tr("Barcode scanner");
    }
    return {};
}

QString deviceStateName(DeviceState state)
{
    switch (state) {
    case DeviceState::Stopped:
        return QStringLiteral("stopped");
    case DeviceState::Connecting:
        return QStringLiteral("connecting");
    case DeviceState::Ready:
        return QStringLiteral("ready");
    case DeviceState::Busy:
        return QStringLiteral("busy");
    case DeviceState::Absent:
        return QStringLiteral("absent");
    case DeviceState::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString deviceStateTitle(DeviceState state)
{
    switch (state) {
    case DeviceState::Stopped:
        return DevicesText::tr("Stopped");
    case DeviceState::Connecting:
        return DevicesText::tr("Connecting");
    case DeviceState::Ready:
        return DevicesText::tr("Ready");
    case DeviceState::Busy:
        return DevicesText::tr("Busy");
    case DeviceState::Absent:
        return DevicesText::tr("Not connected");
    case DeviceState::Error:
        return DevicesText::tr("Error");
    }
    return {};
}

bool SelfTestReport::passed() const
{
    if (checks.isEmpty())
        return false; // a test that checked nothing proves nothing
    for (const SelfTestCheck& c : checks) {
        if (!c.passed)
            return false;
    }
    return true;
}

void SelfTestReport::add(QString name, bool passed, QString detail)
{
    checks.append(SelfTestCheck {std::move(name), passed, std::move(detail)});
}

QJsonObject SelfTestReport::toJson() const
{
    QJsonArray list;
    for (const SelfTestCheck& c : checks) {
        list.append(QJsonObject {{QLatin1String("name"), c.name},
            {QLatin1String("passed"), c.passed}, {QLatin1String("detail"), c.detail}});
    }
    return {{QLatin1String("passed"), passed()}, {QLatin1String("checks"), list}};
}

Device::Device(DeviceInfo info, QObject* parent)
    : QObject(parent)
    , m_info(std::move(info))
{ }

Device::~Device() = default;

QJsonObject Device::status() const
{
    QJsonObject o = doStatus();
    o.insert(QLatin1String("state"), deviceStateName(m_state));
    if (!m_lastError.isEmpty())
        o.insert(QLatin1String("error"), m_lastError);
    o.insert(QLatin1String("simulated"), m_info.simulated);
    return o;
}

void Device::start()
{
    if (m_started)
        return;
    m_started = true;
    setState(DeviceState::Connecting);
    doStart();
}

void Device::stop()
{
    if (!m_started)
        return;
    m_started = false;
    doStop();
    setState(DeviceState::Stopped);
}

void Device::runSelfTest(int budgetMs)
{
    if (m_selfTestRunning)
        return;
    m_selfTestRunning = true;
    doSelfTest(budgetMs);
}

void Device::setState(DeviceState state, const QString& error)
{
    const bool keepsError = state == DeviceState::Error || state == DeviceState::Absent;
    const QString newError = keepsError ? error : QString();
    if (state == m_state && newError == m_lastError)
        return;
    const bool stateMoved = state != m_state;
    m_state = state;
    m_lastError = newError;
    if (stateMoved)
        Q_EMIT stateChanged(state);
    Q_EMIT statusChanged();
}

void Device::finishSelfTest(SelfTestReport report)
{
    if (!m_selfTestRunning)
        return;
    m_selfTestRunning = false;
    // Through the event loop, so the answer never arrives inside runSelfTest().
    QMetaObject::invokeMethod(
        this, [this, report = std::move(report)] { Q_EMIT selfTestFinished(report); },
        Qt::QueuedConnection);
}

QJsonObject Device::doStatus() const
{
    return {};
}

} // namespace fieldcase::devices
