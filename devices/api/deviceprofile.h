// A device profile: which plugin drives each device of one kind of terminal (vehicle kit,
// handheld, demo), with its settings. Installers pick or edit one per terminal.
#pragma once

#include "core/util/result.h"
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace fieldcase::devices {

// One device of a profile.
struct DeviceSlot
{
    QString slot; // unique in the profile: "printer", "gnss", "rear-printer"
    QString pluginId;
    QJsonObject settings;
};

// A parsed profile file (docs/devices.md#profiles).
struct DeviceProfile
{
    QString name; // "vehicle-kit"
    QString title;
    QString titleZh;
    QList<DeviceSlot> entries;

    // Checks the structure (format, unique slot names); plugins and settings are checked when
    // the devices are made, against the plugins actually installed.
    [[nodiscard]] static Result<DeviceProfile> fromJson(const QByteArray& json);
    [[nodiscard]] static Result<DeviceProfile> load(const QString& path);
};

// A slot whose device could not be made, and why.
struct SlotProblem
{
    QString slot;
    QString message;
};

// The live devices of a profile. A slot that cannot be made (plugin missing, bad settings) is
// reported and skipped: a broken printer plugin must not take the GNSS down with it.
class DeviceSet : public QObject
{
    Q_OBJECT
public:
    explicit DeviceSet(QObject* parent = nullptr);
    ~DeviceSet() override;

    // Makes every slot's device (stopped). Replaces what was there.
    void build(const DeviceProfile& profile, PluginRegistry& registry);

    [[nodiscard]] QList<Device*> devices() const;
    [[nodiscard]] const QList<SlotProblem>& problems() const { return m_problems; }
    [[nodiscard]] Device* device(const QString& slot) const;
    // The first device of a kind, cast to its interface; nullptr if the profile has none.
    template<typename T>
    [[nodiscard]] T* first(DeviceKind kind) const
    {
        for (const auto& d : m_devices) {
            if (d->kind() == kind)
                return deviceAs<T>(d.get());
        }
        return nullptr;
    }

    void startAll();
    void stopAll();

private:
    std::vector<std::unique_ptr<Device>> m_devices;
    QList<SlotProblem> m_problems;
};

} // namespace fieldcase::devices
