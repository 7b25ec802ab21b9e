// Simulated GNSS receiver: a fix per interval along a straight line from a start point at a set
// speed and course, GPS + BeiDou, marked simulated so it is never taken as evidence of a place.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>
#include <numbers>

namespace fieldcase::devices::sim {

class SimulatedGnss : public GnssDevice
{
    Q_OBJECT
public:
    explicit SimulatedGnss(const DeviceInfo& info)
        : GnssDevice(info)
        , m_lat(info.settings.value(QLatin1String("latitude")).toDouble())
        , m_lon(info.settings.value(QLatin1String("longitude")).toDouble())
        , m_speedMps(info.settings.value(QLatin1String("speedKmh")).toDouble() / 3.6)
        , m_course(info.settings.value(QLatin1String("courseDeg")).toDouble())
        , m_hdop(info.settings.value(QLatin1String("hdop")).toDouble())
        , m_satellites(info.settings.value(QLatin1String("satellites")).toInt())
    {
        m_timer.setInterval(info.settings.value(QLatin1String("intervalMs")).toInt());
        connect(&m_timer, &QTimer::timeout, this, &SimulatedGnss::tick);
    }

private:
    void doStart() override
    {
        m_timer.start();
        tick();
    }

    void doStop() override { m_timer.stop(); }

    void doSelfTest(int budgetMs) override
    {
        // The same check as for a real receiver: a valid fix must arrive within the budget.
        const int fixesBefore = m_fixes;
        QTimer::singleShot(
            std::min(budgetMs, m_timer.interval() * 2 + 100), this, [this, fixesBefore] {
                SelfTestReport report;
                report.add(tr("Fixes arrive"), m_fixes > fixesBefore,
                    tr("%n fix(es) received", nullptr, m_fixes - fixesBefore));
                report.add(tr("Position is simulated"), true,
                    tr("Simulated positions are never evidence"));
                finishSelfTest(report);
            });
    }

    QStringList doCapabilities() const override { return {QStringLiteral("position")}; }

    void tick()
    {
        const double seconds = m_timer.interval() / 1000.0;
        if (m_fixes > 0 && m_speedMps > 0) {
            // Flat-earth step: fine for the few kilometres a simulated drive covers.
            const double distance = m_speedMps * seconds;
            const double course = m_course * std::numbers::pi / 180.0;
            m_lat += distance * std::cos(course) / 111320.0;
            m_lon += distance * std::sin(course)
                / (111320.0 * std::cos(m_lat * std::numbers::pi / 180.0));
        }
        GnssFix fix;
        fix.valid = m_satellites >= 4;
        fix.latitude = m_lat;
        fix.longitude = m_lon;
        fix.altitudeM = 52.0;
        fix.speedMps = m_speedMps;
        fix.courseDeg = m_course;
        fix.utc = QDateTime::currentDateTimeUtc();
        fix.fixType = fix.valid ? GnssFixType::Fix3D : GnssFixType::None;
        fix.quality = fix.valid ? 1 : 0;
        fix.satellitesUsed = m_satellites;
        fix.satellitesInView = {{GnssConstellation::Gps, m_satellites / 2 + 2},
            {GnssConstellation::BeiDou, m_satellites - m_satellites / 2 + 2}};
        fix.hdop = m_hdop;
        fix.ageMs = 0;
        fix.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        fix.sourceTalker = QStringLiteral("SIM");
        fix.simulated = true;
        ++m_fixes;
        setState(DeviceState::Ready);
        publishFix(fix);
    }

    QTimer m_timer;
    double m_lat;
    double m_lon;
    double m_speedMps;
    double m_course;
    double m_hdop;
    int m_satellites;
    int m_fixes = 0;
};

class SimulatedGnssPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simgnss.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedGnss>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simgnss.moc"
