#include "devices/gnss/qtpositioningsource.h"

#include "devices/api/devicestext.h"

#include <QGeoPositionInfoSource>
#include <QGeoSatelliteInfoSource>
#include <QNmeaPositionInfoSource>

namespace fieldcase::devices {

namespace {

constexpr char kPrefix[] = "qtnmea:";

GnssConstellation constellation(QGeoSatelliteInfo::SatelliteSystem system)
{
    switch (system) {
    case QGeoSatelliteInfo::GPS:
        return GnssConstellation::Gps;
    case QGeoSatelliteInfo::GLONASS:
        return GnssConstellation::Glonass;
    case QGeoSatelliteInfo::GALILEO:
        return GnssConstellation::Galileo;
    case QGeoSatelliteInfo::BEIDOU:
        return GnssConstellation::BeiDou;
    default:
        return GnssConstellation::Unknown;
    }
}

} // namespace

QtPositioningSource::QtPositioningSource(const Clock& clock, QObject* parent)
    : GnssReceiver(parent)
    , m_clock(clock)
{ }

QtPositioningSource::~QtPositioningSource()
{
    closeBackend();
}

GnssReceiver::Capabilities QtPositioningSource::backendCapabilities() const
{
    return Capability::Position | Capability::Velocity | Capability::Dilution
        | Capability::SatellitesPerConstellation;
}

void QtPositioningSource::openBackend(const QString& uri)
{
    closeBackend();
    const QString source
        = uri.startsWith(QLatin1String(kPrefix)) ? uri.mid(int(sizeof(kPrefix)) - 1) : uri;
    const QVariantMap params {{QStringLiteral("nmea.source"), source}};
    // createDefaultSource() would pick geoclue2 (needs a system D-Bus): always name the plugin.
    m_position = QGeoPositionInfoSource::createSource(QStringLiteral("nmea"), params, this);
    if (!m_position) {
        noteFailure(DevicesText::tr("Qt Positioning cannot open %1 (is its nmea plugin installed?)")
                        .arg(source));
        return;
    }
    // The plugin reports HorizontalAccuracy = 2 × HDOP × UERE (measured; the test pins it), so
    // with UERE 0.5 the attribute is the HDOP the gate expects.
    if (auto* nmea = qobject_cast<QNmeaPositionInfoSource*>(m_position))
        nmea->setUserEquivalentRangeError(0.5);
    connect(m_position, &QGeoPositionInfoSource::positionUpdated, this,
        &QtPositioningSource::onPosition);
    connect(m_position, &QGeoPositionInfoSource::errorOccurred, this,
        [this](QGeoPositionInfoSource::Error e) {
            if (e != QGeoPositionInfoSource::NoError
                && e != QGeoPositionInfoSource::UpdateTimeoutError)
                noteFailure(DevicesText::tr("Qt Positioning reports error %1").arg(int(e)));
        });
    m_satellites = QGeoSatelliteInfoSource::createSource(QStringLiteral("nmea"), params, this);
    if (m_satellites) {
        connect(m_satellites, &QGeoSatelliteInfoSource::satellitesInUseUpdated, this,
            &QtPositioningSource::onSatellitesInUse);
        connect(m_satellites, &QGeoSatelliteInfoSource::satellitesInViewUpdated, this,
            &QtPositioningSource::onSatellitesInView);
        m_satellites->startUpdates();
    }
    m_position->startUpdates();
}

void QtPositioningSource::closeBackend()
{
    delete m_position;
    m_position = nullptr;
    delete m_satellites;
    m_satellites = nullptr;
}

void QtPositioningSource::onSatellitesInUse(const QList<QGeoSatelliteInfo>& satellites)
{
    m_satellitesUsed = int(satellites.size());
}

void QtPositioningSource::onSatellitesInView(const QList<QGeoSatelliteInfo>& satellites)
{
    m_inView.clear();
    for (const QGeoSatelliteInfo& s : satellites)
        ++m_inView[constellation(s.satelliteSystem())];
}

void QtPositioningSource::onPosition(const QGeoPositionInfo& info)
{
    noteDataArrived();
    const qint64 now = m_clock.nowMs();
    GnssFix fix;
    const QGeoCoordinate c = info.coordinate();
    fix.valid = info.isValid() && c.isValid();
    fix.latitude = c.latitude();
    fix.longitude = c.longitude();
    if (c.type() == QGeoCoordinate::Coordinate3D)
        fix.altitudeM = c.altitude();
    fix.fixType = !fix.valid                       ? GnssFixType::None
        : c.type() == QGeoCoordinate::Coordinate3D ? GnssFixType::Fix3D
                                                   : GnssFixType::Fix2D;
    fix.quality = fix.valid ? 1 : 0;
    if (info.hasAttribute(QGeoPositionInfo::GroundSpeed))
        fix.speedMps = info.attribute(QGeoPositionInfo::GroundSpeed);
    if (info.hasAttribute(QGeoPositionInfo::Direction))
        fix.courseDeg = info.attribute(QGeoPositionInfo::Direction);
    if (info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy))
        fix.hdop = info.attribute(QGeoPositionInfo::HorizontalAccuracy);
    fix.utc = info.timestamp().toUTC();
    fix.satellitesUsed = m_satellitesUsed;
    fix.satellitesInView = m_inView;
    if (fix.valid)
        m_lastValidMs = now;
    fix.ageMs = m_lastValidMs < 0 ? -1 : now - m_lastValidMs;
    fix.receivedAtMs = now;
    fix.sourceTalker = QStringLiteral("qt");
    m_fix = fix;
    Q_EMIT fixReceived(fix);
}

} // namespace fieldcase::devices
