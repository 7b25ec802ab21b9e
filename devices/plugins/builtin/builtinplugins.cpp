#include "devices/plugins/builtin/builtinplugins.h"

#include <QtPlugin>

// Each line registers one static plugin's instance and metadata with Qt.
Q_IMPORT_PLUGIN(NmeaGnssPlugin)
Q_IMPORT_PLUGIN(GpsdGnssPlugin)
Q_IMPORT_PLUGIN(CupsPrinterPlugin)
Q_IMPORT_PLUGIN(RawPrinterPlugin)
Q_IMPORT_PLUGIN(PcscCardReaderPlugin)
Q_IMPORT_PLUGIN(UsbRecorderPlugin)
Q_IMPORT_PLUGIN(QtCameraPlugin)
Q_IMPORT_PLUGIN(SerialScannerPlugin)

namespace fieldcase::devices {

void registerBuiltinDevicePlugins() { }

} // namespace fieldcase::devices
