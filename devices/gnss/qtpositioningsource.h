// Qt Positioning's NMEA plugin as an alternative GNSS backend ("qtnmea:" URIs), for kits where an
// installer prefers Qt's parser to ours. The URI after "qtnmea:" is passed as the plugin's
// nmea.source: "qtnmea:serial:/dev/ttyUSB0" (Qt 6.4 opens serial ports at a fixed 4800 baud),
// "qtnmea:socket://host:port", or "qtnmea:/path/log.nmea" (replayed). stack.md §3 explains why
// the "serial:" prefix is needed.
#pragma once

#include "devices/gnss/gnssreceiver.h"

class QGeoPositionInfo;
class QGeoPositionInfoSource;
class QGeoSatelliteInfo;
class QGeoSatelliteInfoSource;

namespace fieldcase::devices {

// Positions from QGeoPositionInfoSource("nmea") and satellites from QGeoSatelliteInfoSource
// ("nmea") on the same device, merged into GnssFix so the accuracy gate works unchanged.
class QtPositioningSource : public GnssReceiver
{
    Q_OBJECT
public:
    explicit QtPositioningSource(const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~QtPositioningSource() override;

private:
    void openBackend(const QString& uri) override;
    void closeBackend() override;
    [[nodiscard]] GnssFix backendFix() const override { return m_fix; }
    [[nodiscard]] Capabilities backendCapabilities() const override;

    void onPosition(const QGeoPositionInfo& info);
    void onSatellitesInUse(const QList<QGeoSatelliteInfo>& satellites);
    void onSatellitesInView(const QList<QGeoSatelliteInfo>& satellites);

    const Clock& m_clock;
    QGeoPositionInfoSource* m_position = nullptr; // children of this object
    QGeoSatelliteInfoSource* m_satellites = nullptr;
    GnssFix m_fix;
    int m_satellitesUsed = 0;
    QMap<GnssConstellation, int> m_inView;
    qint64 m_lastValidMs = -1;
};

} // namespace fieldcase::devices
