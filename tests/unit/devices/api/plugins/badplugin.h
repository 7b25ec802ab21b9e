// What the deliberately broken test plugins make: a barcode scanner whatever they claim to be.
// Only the metadata of each plugin differs (see its .json); wrongkind is the one whose device
// contradicts its metadata, the others are refused before they are ever asked for one.
#pragma once

#include "devices/api/devicekinds.h"

namespace badplugin {

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

inline std::unique_ptr<fieldcase::devices::Device> make(const fieldcase::devices::DeviceInfo& info)
{
    fieldcase::devices::DeviceInfo claimed = info;
    claimed.kind = fieldcase::devices::DeviceKind::Barcode;
    return std::make_unique<Scanner>(claimed);
}

} // namespace badplugin
