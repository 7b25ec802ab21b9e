// The plugins compiled into the apps (real hardware paths that use the static device code).
#pragma once

namespace fieldcase::devices {

// Makes the built-in plugins visible to PluginRegistry::addStaticPlugins(). Call once from main()
// (it exists so the linker keeps the plugins' registration code).
void registerBuiltinDevicePlugins();

} // namespace fieldcase::devices
