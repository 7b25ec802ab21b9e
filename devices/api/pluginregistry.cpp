#include "devices/api/pluginregistry.h"

#include "devices/api/devicekinds.h"
#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>
#include <QLocale>
#include <QPluginLoader>

namespace fieldcase::devices {

Q_LOGGING_CATEGORY(lcDevicePlugins, "fieldcase.devices.plugins", QtInfoMsg)

// A validated plugin and the means to instantiate it: a static plugin's instance function, or a
// loader for a library that is only loaded when a device needs it.
struct PluginRegistry::Candidate
{
    PluginEntry entry;
    QString iid;
    QtPluginInstanceFunction staticInstance = nullptr;
    std::unique_ptr<QPluginLoader> loader;

    DevicePluginFactory* factory(QString* whyNot)
    {
        QObject* object = staticInstance ? staticInstance() : loader->instance();
        if (!object) {
            *whyNot = loader ? loader->errorString()
                             : DevicesText::tr("the plugin did not create its factory");
            return nullptr;
        }
        auto* f = qobject_cast<DevicePluginFactory*>(object);
        if (!f)
            *whyNot = DevicesText::tr("the plugin does not implement the device factory interface");
        return f;
    }
};

PluginRegistry::PluginRegistry() = default;

// Plugin libraries stay loaded: devices made from them may outlive the registry's last use, and
// unloading code with live objects crashes.
PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::addStaticPlugins()
{
    for (const QStaticPlugin& plugin : QPluginLoader::staticPlugins()) {
        const QJsonObject meta = plugin.metaData();
        if (meta.value(QLatin1String("IID")).toString()
            != QLatin1String(FieldCaseDevicePluginFactory_iid))
            continue; // some other Qt plugin linked into the binary
        auto c = std::make_unique<Candidate>();
        c->iid = meta.value(QLatin1String("IID")).toString();
        c->entry.source
            = QStringLiteral("built-in:") + meta.value(QLatin1String("className")).toString();
        c->staticInstance = plugin.instance;
        QString why;
        const auto parsed
            = parsePluginMetadata(meta.value(QLatin1String("MetaData")).toObject(), &why);
        if (!parsed) {
            reject(c->entry.source, why);
            continue;
        }
        c->entry.metadata = *parsed;
        consider(std::move(c));
    }
}

void PluginRegistry::scanDirectory(const QString& directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        return;
    const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& file : files) {
        if (!QLibrary::isLibrary(file.fileName()))
            continue;
        const QString path = file.absoluteFilePath();
        auto c = std::make_unique<Candidate>();
        c->loader = std::make_unique<QPluginLoader>(path);
        c->entry.source = path;
        // metaData() reads the JSON from the file without running any of the plugin's code.
        const QJsonObject meta = c->loader->metaData();
        if (meta.isEmpty()) {
            reject(path,
                DevicesText::tr("not a Qt plugin, or built with an incompatible Qt (%1)")
                    .arg(c->loader->errorString()));
            continue;
        }
        c->iid = meta.value(QLatin1String("IID")).toString();
        if (c->iid != QLatin1String(FieldCaseDevicePluginFactory_iid)) {
            reject(path,
                DevicesText::tr("implements \"%1\", not the FieldCase device interface")
                    .arg(c->iid));
            continue;
        }
        QString why;
        const auto parsed
            = parsePluginMetadata(meta.value(QLatin1String("MetaData")).toObject(), &why);
        if (!parsed) {
            reject(path, why);
            continue;
        }
        c->entry.metadata = *parsed;
        consider(std::move(c));
    }
}

QStringList PluginRegistry::defaultDirectories(const QString& extraDirectory)
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("FIELDCASE_DEVICE_PLUGIN_PATH");
    for (const QString& d : env.split(u':', Qt::SkipEmptyParts))
        dirs.append(d);
    if (QCoreApplication::instance()) {
        dirs.append(QDir::cleanPath(
            QCoreApplication::applicationDirPath() + QLatin1String("/../lib/fieldcase/devices")));
    }
    if (!extraDirectory.isEmpty())
        dirs.append(extraDirectory);
    dirs.removeDuplicates();
    return dirs;
}

void PluginRegistry::consider(std::unique_ptr<Candidate> candidate)
{
    if (find(candidate->entry.metadata.id)) {
        reject(candidate->entry.source,
            DevicesText::tr("another plugin already has the id %1")
                .arg(candidate->entry.metadata.id));
        return;
    }
    qCDebug(lcDevicePlugins) << "plugin" << candidate->entry.metadata.id << "from"
                             << candidate->entry.source;
    m_plugins.push_back(std::move(candidate));
}

void PluginRegistry::reject(const QString& source, const QString& reason)
{
    qCWarning(lcDevicePlugins).noquote() << "refused plugin" << source << ":" << reason;
    m_rejections.append(PluginRejection {source, reason});
}

QList<PluginEntry> PluginRegistry::plugins() const
{
    QList<PluginEntry> list;
    for (const auto& c : m_plugins)
        list.append(c->entry);
    return list;
}

const PluginEntry* PluginRegistry::find(const QString& pluginId) const
{
    for (const auto& c : m_plugins) {
        if (c->entry.metadata.id == pluginId)
            return &c->entry;
    }
    return nullptr;
}

Result<std::unique_ptr<Device>> PluginRegistry::create(
    const QString& slot, const QString& pluginId, const QJsonObject& settings)
{
    Candidate* candidate = nullptr;
    for (const auto& c : m_plugins) {
        if (c->entry.metadata.id == pluginId)
            candidate = c.get();
    }
    if (!candidate) {
        return fail(ErrorCode::NotFound,
            DevicesText::tr("No device plugin \"%1\" is installed (slot %2)").arg(pluginId, slot));
    }
    const PluginMetadata& meta = candidate->entry.metadata;
    QString why;
    const auto applied = applySettingsSchema(meta, settings, &why);
    if (!applied) {
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("Settings of device \"%1\" are not valid: %2").arg(slot, why));
    }
    DevicePluginFactory* factory = candidate->factory(&why);
    if (!factory)
        return fail(ErrorCode::Internal,
            DevicesText::tr("Plugin %1 could not be loaded: %2").arg(pluginId, why));
    // Titles in the UI language (the app sets the default locale from its translation).
    DeviceInfo info {slot, meta.id, meta.kind, meta.vendor, meta.displayTitle(QLocale().name()),
        meta.simulator, *applied};
    std::unique_ptr<Device> device = factory->create(info);
    if (!device)
        return fail(ErrorCode::Internal, DevicesText::tr("Plugin %1 made no device").arg(pluginId));
    if (device->kind() != meta.kind || device->simulated() != meta.simulator
        || !implementsKindInterface(device.get())) {
        // The factory must hand the info through unchanged: kind and the simulated mark are
        // what the metadata promised, and a simulator must never pass for real hardware.
        return fail(ErrorCode::Internal,
            DevicesText::tr("Plugin %1 made a device that does not match its metadata")
                .arg(pluginId));
    }
    return device;
}

} // namespace fieldcase::devices
