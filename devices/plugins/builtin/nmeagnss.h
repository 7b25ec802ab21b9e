// Built-in plugin: a GNSS receiver speaking NMEA 0183 over serial or TCP, or a replayed log.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/gnss/nmeasource.h"

#include <QTimer>

namespace fieldcase::devices {

// NmeaSource as a GnssDevice: its connection states become device states, its fixes pass through.
class NmeaGnssDevice : public GnssDevice
{
    Q_OBJECT
public:
    explicit NmeaGnssDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;

    void onSourceState(NmeaSource::State state);

    NmeaSource m_source;
    QString m_uri;
    // Self-test bookkeeping: the verdict of the last fix seen while a test runs.
    QTimer m_selfTestTimer;
    QMetaObject::Connection m_selfTestConnection;
};

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
