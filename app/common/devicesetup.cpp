#include "app/common/devicesetup.h"

#include "devices/plugins/builtin/builtinplugins.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace fieldcase::app {

void loadDevicePlugins(devices::PluginRegistry& registry)
{
    devices::registerBuiltinDevicePlugins();
    registry.addStaticPlugins();
    QString buildTree;
#ifdef FIELDCASE_BUILD_PLUGIN_DIR
    buildTree = QStringLiteral(FIELDCASE_BUILD_PLUGIN_DIR);
#endif
    for (const QString& dir : devices::PluginRegistry::defaultDirectories(buildTree))
        registry.scanDirectory(dir);
}

Result<devices::DeviceProfile> resolveDeviceProfile(
    const QString& nameOrPath, const QString& dataDir, QString* source)
{
    QString path;
    if (!nameOrPath.isEmpty()) {
        path = QFileInfo::exists(nameOrPath) ? nameOrPath
                                             : QStringLiteral(":/devices/%1.json").arg(nameOrPath);
        if (!QFileInfo::exists(path)) {
            return fail(ErrorCode::NotFound,
                QCoreApplication::translate("App",
                    "No device profile \"%1\": give a file, or one of demo, vehicle-kit, handheld")
                    .arg(nameOrPath));
        }
    } else if (const QString installed = dataDir + QLatin1String("/devices.json");
               QFileInfo::exists(installed)) {
        path = installed;
    } else {
        path = QStringLiteral(":/devices/demo.json");
    }
    if (source)
        *source = path;
    return devices::DeviceProfile::load(path);
}

} // namespace fieldcase::app
