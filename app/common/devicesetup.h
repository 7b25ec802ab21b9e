// Wiring the device plugins for the apps: which plugins to load and which profile to use.
#pragma once

#include "core/util/result.h"
#include "devices/api/deviceprofile.h"
#include "devices/api/pluginregistry.h"

#include <QString>

namespace fieldcase::app {

// Registers the built-in plugins and scans the plugin folders (PluginRegistry::defaultDirectories,
// plus the build tree's folder when running from a build).
void loadDevicePlugins(devices::PluginRegistry& registry);

// The device profile to use: nameOrPath if given (a file path, or the name of a bundled profile:
// demo, vehicle-kit, handheld); otherwise <dataDir>/devices.json if the installer wrote one;
// otherwise the demo profile. *source says which was taken, for the user.
[[nodiscard]] Result<devices::DeviceProfile> resolveDeviceProfile(
    const QString& nameOrPath, const QString& dataDir, QString* source = nullptr);

} // namespace fieldcase::app
