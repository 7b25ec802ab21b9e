// Built-in plugin: an IC card reader through pcsc-lite, reading cards with card profiles (data).
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/cardreader/cardprofile.h"
#include "devices/cardreader/pcscreader.h"

namespace fieldcase::devices {

// PcscReader as a CardReaderDevice. Profiles come from a folder of JSON files.
class PcscCardReaderDevice : public CardReaderDevice
{
    Q_OBJECT
public:
    explicit PcscCardReaderDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;
    void doReadCard(quint64 ticket, const QString& profileId) override;
    void doVerifyPin(quint64 ticket, const QString& profileId, const QString& pin) override;

    void onReaderState(PcscReader::State state);
    // The loaded profile with this id, or nullptr.
    const CardProfile* profile(const QString& id) const;

    PcscReader m_reader;
    QList<CardProfile> m_profiles;
    QString m_profileError; // why the profiles could not be loaded, empty if they were
};

class PcscCardReaderPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "pcsccardreader.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override;
};

} // namespace fieldcase::devices
