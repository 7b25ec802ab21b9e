// Finds device plugins (built in, and shared libraries in plugin folders), validates their metadata
// before instantiating anything, and makes devices for profile slots.
#pragma once

#include "core/util/result.h"
#include "devices/api/deviceplugin.h"

#include <QList>
#include <QLoggingCategory>
#include <QString>

#include <memory>

class QPluginLoader;

namespace fieldcase::devices {

Q_DECLARE_LOGGING_CATEGORY(lcDevicePlugins)

// A plugin that passed validation; its code is not instantiated until a device needs it.
struct PluginEntry
{
    PluginMetadata metadata;
    QString source; // the library file, or "built-in"
};

// A plugin that was refused, and why (shown by `fieldcase-admin devices list`).
struct PluginRejection
{
    QString source;
    QString reason;
};

// Every plugin this process can use. Load order decides nothing: ids must be unique, and a
// second plugin claiming a known id is refused.
class PluginRegistry
{
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    // Registers the plugins linked into this binary (Q_IMPORT_PLUGIN).
    void addStaticPlugins();
    // Registers every plugin library in a folder (not recursive). A missing folder is no error.
    void scanDirectory(const QString& directory);
    // The folders scanDirectory is pointed at by default: $FIELDCASE_DEVICE_PLUGIN_PATH (colon-
    // separated), then <application dir>/../lib/fieldcase/devices, then extraDirectory.
    [[nodiscard]] static QStringList defaultDirectories(const QString& extraDirectory = {});

    [[nodiscard]] QList<PluginEntry> plugins() const;
    [[nodiscard]] const QList<PluginRejection>& rejections() const { return m_rejections; }
    [[nodiscard]] const PluginEntry* find(const QString& pluginId) const;

    // Makes a device for a slot: checks the settings against the plugin's schema, then loads
    // the plugin (if not yet) and asks its factory.
    [[nodiscard]] Result<std::unique_ptr<Device>> create(
        const QString& slot, const QString& pluginId, const QJsonObject& settings);

private:
    struct Candidate;
    void consider(std::unique_ptr<Candidate> candidate);
    void reject(const QString& source, const QString& reason);

    std::vector<std::unique_ptr<Candidate>> m_plugins;
    QList<PluginRejection> m_rejections;
};

} // namespace fieldcase::devices
