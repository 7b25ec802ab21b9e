// Test plugin with a defect (see oldapi.json); the registry must refuse it with a reason.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"

namespace {

// A device that is not what the metadata promised (used by wrongkind).
class Scanner : public fieldcase::devices::BarcodeDevice
{
public:
    explicit Scanner(const fieldcase::devices::DeviceInfo& info)
        : BarcodeDevice(info)
    { }

private:
    void doStart() override { }
    void doStop() override { }
    void doSelfTest(int) override { }
    QStringList doCapabilities() const override { return {}; }
};

} // namespace

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
        fieldcase::devices::DeviceInfo claimed = info;
        claimed.kind = fieldcase::devices::DeviceKind::Barcode;
        return std::make_unique<Scanner>(claimed);
    }
};

#include "oldapi.moc"
