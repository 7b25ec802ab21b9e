// Device plugins: a factory behind a Qt plugin interface, described by JSON metadata that is
// validated before the plugin is instantiated (docs/devices.md#plugins).
#pragma once

#include "devices/api/device.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtPlugin>

#include <memory>
#include <optional>

namespace fieldcase::devices {

// The plugin API version this build understands. Bump it when Device or a kind interface changes
// in a way a compiled plugin would notice; older plugins are then refused, not crashed into.
inline constexpr int kDeviceApiVersion = 1;

// One setting a plugin accepts, declared as data so installers and the app can render and check it.
struct SettingSpec
{
    enum class Type { String, Integer, Number, Boolean };

    QString key;
    Type type = Type::String;
    bool required = false;
    QJsonValue defaultValue {QJsonValue::Undefined}; // undefined when there is none
    QStringList choices; // allowed values of a string setting; empty = any
    std::optional<double> minimum; // for Integer and Number
    std::optional<double> maximum;
    QString title; // for people, English; "title[zh_CN]" in the metadata for Chinese
    QString titleZh;
};

// A plugin's validated metadata (the MetaData object of its JSON file).
struct PluginMetadata
{
    QString id; // "fieldcase.gnss.nmea": lowercase, dots, digits and dashes
    DeviceKind kind = DeviceKind::Printer;
    int apiVersion = 0;
    QString vendor;
    QString title;
    QString titleZh;
    bool simulator = false;
    QList<SettingSpec> settings;

    // The title in the UI language ("zh" picks titleZh when present).
    [[nodiscard]] QString displayTitle(const QString& language) const;
};

// Checks a plugin's MetaData object; every problem is named so the rejection log explains it.
[[nodiscard]] std::optional<PluginMetadata> parsePluginMetadata(
    const QJsonObject& metaData, QString* whyNot);

// Checks settings from a profile against the plugin's schema and fills in defaults. Unknown keys
// are refused (a typo in a profile must not silently fall back to a default).
[[nodiscard]] std::optional<QJsonObject> applySettingsSchema(
    const PluginMetadata& metadata, const QJsonObject& settings, QString* whyNot);

// What a plugin exports: it makes devices of its kind from validated settings.
class DevicePluginFactory
{
public:
    virtual ~DevicePluginFactory() = default;
    // info.settings are already checked against the metadata schema, with defaults filled in.
    [[nodiscard]] virtual std::unique_ptr<Device> create(const DeviceInfo& info) = 0;
};

} // namespace fieldcase::devices

#define FieldCaseDevicePluginFactory_iid "org.fieldcase.DevicePluginFactory/1"
Q_DECLARE_INTERFACE(fieldcase::devices::DevicePluginFactory, FieldCaseDevicePluginFactory_iid)
