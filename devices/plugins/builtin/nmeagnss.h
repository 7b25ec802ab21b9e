// Built-in plugin: a GNSS receiver speaking NMEA 0183 over serial or TCP, or a replayed log.
#pragma once

#include "devices/api/deviceplugin.h"

#include <QObject>

namespace fieldcase::devices {

class NmeaGnssPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "nmeagnss.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
