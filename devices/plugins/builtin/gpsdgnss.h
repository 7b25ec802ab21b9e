// Built-in plugin: the position from gpsd (a tablet's built-in receiver is usually behind it).
#pragma once

#include "devices/api/deviceplugin.h"

#include <QObject>

namespace fieldcase::devices {

class GpsdGnssPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "gpsdgnss.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
