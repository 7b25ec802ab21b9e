// The GNSS device behind the built-in receiver plugins: any GnssReceiver (NMEA over serial, TCP
// or a log; gpsd) as a GnssDevice.
#pragma once

#include "devices/api/devicekinds.h"
#include "devices/gnss/gnssreceiver.h"

#include <QTimer>

#include <memory>

namespace fieldcase::devices {

// A GnssReceiver's connection states become device states; its fixes pass through.
class ReceiverGnssDevice : public GnssDevice
{
    Q_OBJECT
public:
    // settings: uri, staleAfterMs, reconnectIntervalMs, and logFile where the receiver keeps one.
    explicit ReceiverGnssDevice(const DeviceInfo& info);

private:
    void doStart() override;
    void doStop() override;
    void doSelfTest(int budgetMs) override;
    QStringList doCapabilities() const override;
    QJsonObject doStatus() const override;

    void onReceiverState(GnssReceiver::State state);

    QString m_uri;
    std::unique_ptr<GnssReceiver> m_receiver; // null when the URI names no known receiver
    QString m_uriError;
    int m_fixes = 0;
    QTimer m_selfTestTimer;
    QMetaObject::Connection m_selfTestConnection;
};

} // namespace fieldcase::devices
