#include "devices/api/deviceprofile.h"

#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace fieldcase::devices {

namespace {

constexpr int kProfileFormat = 1;

} // namespace

Result<DeviceProfile> DeviceProfile::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("The device profile is not valid JSON: %1")
                .arg(parseError.errorString()));
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toInt() != kProfileFormat) {
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("The device profile has format %1; this FieldCase reads format %2")
                .arg(o.value(QLatin1String("format")).toVariant().toString())
                .arg(kProfileFormat));
    }
    DeviceProfile profile;
    profile.name = o.value(QLatin1String("name")).toString();
    profile.title = o.value(QLatin1String("title")).toString();
    profile.titleZh = o.value(QLatin1String("title[zh_CN]")).toString();
    if (profile.name.isEmpty())
        return fail(ErrorCode::InvalidArgument, DevicesText::tr("The device profile has no name"));
    static const QRegularExpression slotPattern(QStringLiteral("^[a-z][a-z0-9-]{0,31}$"));
    const QJsonArray entries = o.value(QLatin1String("devices")).toArray();
    for (const QJsonValue& v : entries) {
        const QJsonObject s = v.toObject();
        DeviceSlot slot {s.value(QLatin1String("slot")).toString(),
            s.value(QLatin1String("plugin")).toString(),
            s.value(QLatin1String("settings")).toObject()};
        if (!slotPattern.match(slot.slot).hasMatch()) {
            return fail(ErrorCode::InvalidArgument,
                DevicesText::tr(
                    "Device slot name \"%1\" is not valid (lowercase letters, digits, dashes)")
                    .arg(slot.slot));
        }
        if (slot.pluginId.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                DevicesText::tr("Device slot \"%1\" names no plugin").arg(slot.slot));
        for (const DeviceSlot& other : profile.entries) {
            if (other.slot == slot.slot)
                return fail(ErrorCode::InvalidArgument,
                    DevicesText::tr("Device slot \"%1\" appears twice").arg(slot.slot));
        }
        profile.entries.append(slot);
    }
    return profile;
}

Result<DeviceProfile> DeviceProfile::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::NotFound,
            DevicesText::tr("Cannot read the device profile %1: %2").arg(path, file.errorString()));
    }
    auto profile = fromJson(file.readAll());
    if (!profile)
        return fail(profile.error().code, profile.error().message, path);
    return profile;
}

DeviceSet::DeviceSet(QObject* parent)
    : QObject(parent)
{ }

DeviceSet::~DeviceSet()
{
    stopAll();
}

void DeviceSet::build(const DeviceProfile& profile, PluginRegistry& registry)
{
    stopAll();
    m_devices.clear();
    m_problems.clear();
    for (const DeviceSlot& slot : profile.entries) {
        auto device = registry.create(slot.slot, slot.pluginId, slot.settings);
        if (!device) {
            m_problems.append(SlotProblem {slot.slot, device.error().message});
            continue;
        }
        m_devices.push_back(std::move(*device));
    }
}

QList<Device*> DeviceSet::devices() const
{
    QList<Device*> list;
    for (const auto& d : m_devices)
        list.append(d.get());
    return list;
}

Device* DeviceSet::device(const QString& slot) const
{
    for (const auto& d : m_devices) {
        if (d->slot() == slot)
            return d.get();
    }
    return nullptr;
}

void DeviceSet::startAll()
{
    for (const auto& d : m_devices)
        d->start();
}

void DeviceSet::stopAll()
{
    for (const auto& d : m_devices)
        d->stop();
}

} // namespace fieldcase::devices
