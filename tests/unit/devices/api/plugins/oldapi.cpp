// Test plugin with a defect (see oldapi.json); the registry must refuse it with a reason.
#include "devices/api/deviceplugin.h"
#include "tests/unit/devices/api/plugins/badplugin.h"

class Bad_oldapi
    : public QObject
    , public fieldcase::devices::DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "oldapi.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<fieldcase::devices::Device> create(
        const fieldcase::devices::DeviceInfo& info) override
    {
        return badplugin::make(info);
    }
};

#include "oldapi.moc"
