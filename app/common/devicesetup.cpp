#include "app/common/devicesetup.h"

#include "devices/plugins/builtin/builtinplugins.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace fieldcase::app {

void loadDevicePlugins(devices::PluginRegistry& registry)
{
    devices::registerBuiltinDevicePlugins();
    registry.addStaticPlugins();
    QStringList dirs = devices::PluginRegistry::defaultDirectories();
    // A binary that is not in a bin/ next to lib/ (a test in the build tree) falls back to the
    // build tree's plugin folder; an installed one never looks there.
#ifdef FIELDCASE_BUILD_PLUGIN_DIR
    if (std::none_of(
            dirs.begin(), dirs.end(), [](const QString& d) { return QFileInfo::exists(d); }))
        dirs.append(QStringLiteral(FIELDCASE_BUILD_PLUGIN_DIR));
#endif
    for (const QString& dir : dirs)
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
