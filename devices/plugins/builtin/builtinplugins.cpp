#include "devices/plugins/builtin/builtinplugins.h"

#include <QtPlugin>

// Each line registers one static plugin's instance and metadata with Qt.
Q_IMPORT_PLUGIN(NmeaGnssPlugin)
Q_IMPORT_PLUGIN(CupsPrinterPlugin)

namespace fieldcase::devices {

void registerBuiltinDevicePlugins() { }

} // namespace fieldcase::devices
