#include "devices/gnss/gpsdparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <cstring>

namespace fieldcase::devices {

namespace {

std::optional<double> number(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

// gpsd's TPV "status" (gps_fix_t.status) as an NMEA GGA quality, so consumers that know GGA
// qualities need no second table. Absent means 1, a plain GNSS fix.
int ggaQuality(int mode, int status)
{
    if (mode < 2)
        return 0;
    switch (status) {
    case 2:
        return 2; // DGPS
    case 3:
        return 4; // RTK fixed
    case 4:
        return 5; // RTK float
    case 5: // dead reckoning
    case 6:
        return 6; // GNSS + dead reckoning: "estimated"
    case 8:
        return 8; // simulated
    case 9:
        return 3; // PPS fix
    default:
        return 1;
    }
}

} // namespace

GpsdParser::GpsdParser(const Clock& clock)
    : m_clock(clock)
{ }

GnssConstellation GpsdParser::constellationOfGnssId(int gnssId)
{
    switch (gnssId) {
    case 0:
        return GnssConstellation::Gps;
    case 2:
        return GnssConstellation::Galileo;
    case 3:
        return GnssConstellation::BeiDou;
    case 6:
        return GnssConstellation::Glonass;
    default:
        return GnssConstellation::Unknown; // SBAS, IMES, QZSS, NavIC
    }
}

GnssConstellation GpsdParser::constellationOfPrn(int prn)
{
    // gpsd's PRN numbering before gnssid existed (gpsd_json(5), SKY satellites).
    if (prn >= 1 && prn <= 63)
        return GnssConstellation::Gps;
    if (prn >= 64 && prn <= 96)
        return GnssConstellation::Glonass;
    if (prn >= 201 && prn <= 235)
        return GnssConstellation::BeiDou;
    if (prn >= 401 && prn <= 437) // gpsd 3.20+ numbers BeiDou from 401
        return GnssConstellation::BeiDou;
    if (prn >= 301 && prn <= 336)
        return GnssConstellation::Galileo;
    return GnssConstellation::Unknown;
}

void GpsdParser::feed(QByteArrayView bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const char* start = bytes.data() + pos;
        const auto* nlPtr
            = static_cast<const char*>(std::memchr(start, '\n', size_t(bytes.size() - pos)));
        const qsizetype end = nlPtr ? pos + (nlPtr - start) : bytes.size();
        const QByteArrayView piece = bytes.sliced(pos, end - pos);
        pos = end + 1;
        if (m_dropping) {
            m_counters.garbageBytes += piece.size();
            m_dropping = !nlPtr;
            continue;
        }
        if (m_line.size() + piece.size() > MaxLineLength) {
            // A runaway line (wrong port, binary noise): drop all of it, up to its newline.
            ++m_counters.overlongLines;
            m_counters.garbageBytes += m_line.size() + piece.size();
            m_line.clear();
            m_dropping = !nlPtr;
            continue;
        }
        m_line.append(piece);
        if (nlPtr) {
            const QByteArray line = std::exchange(m_line, {});
            feedLine(line);
        }
    }
}

void GpsdParser::feedLine(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == ' '))
        line.chop(1);
    if (line.isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    const QString cls
        = doc.isObject() ? doc.object().value(QLatin1String("class")).toString() : QString();
    if (error.error != QJsonParseError::NoError || cls.isEmpty()) {
        ++m_counters.malformedLines;
        m_counters.garbageBytes += line.size();
        return;
    }
    const QJsonObject o = doc.object();
    if (cls == QLatin1String("TPV") || cls == QLatin1String("SKY")) {
        if (fromOtherDevice(o)) {
            ++m_counters.ignoredReports;
            return;
        }
        ++m_counters.reportsOk;
        m_receiverSeen = true;
        if (cls == QLatin1String("TPV")) {
            ++m_counters.tpvReports;
            applyTpv(o);
        } else {
            ++m_counters.skyReports;
            applySky(o);
        }
    } else if (cls == QLatin1String("VERSION")) {
        ++m_counters.reportsOk;
        applyVersion(o);
    } else if (cls == QLatin1String("DEVICES")) {
        ++m_counters.reportsOk;
        applyDevices(o);
    } else if (cls == QLatin1String("DEVICE") || cls == QLatin1String("WATCH")) {
        ++m_counters.reportsOk; // acknowledgements and hot-plug notes: nothing to merge
    } else if (cls == QLatin1String("ERROR")) {
        ++m_counters.reportsOk;
        ++m_counters.gpsdErrors;
        m_info.lastErrorMessage = o.value(QLatin1String("message")).toString();
    } else {
        ++m_counters.ignoredReports;
    }
}

bool GpsdParser::fromOtherDevice(const QJsonObject& o) const
{
    if (m_device.isEmpty())
        return false;
    const QJsonValue device = o.value(QLatin1String("device"));
    return device.isString() && device.toString() != m_device;
}

void GpsdParser::resetSession()
{
    m_line.clear();
    m_dropping = false;
    m_receiverSeen = false;
    // Satellites and DOPs belong to the old connection; the last position stays as "last valid".
    m_fix.satellitesInView.clear();
    m_fix.satellitesUsed = 0;
    m_fix.hdop.reset();
    m_fix.pdop.reset();
    m_fix.vdop.reset();
}

void GpsdParser::applyTpv(const QJsonObject& o)
{
    const int mode = o.value(QLatin1String("mode")).toInt(0);
    const auto lat = number(o, QLatin1String("lat"));
    const auto lon = number(o, QLatin1String("lon"));
    // gpsd can say mode 2/3 before it has a position (first cycle after a device appears).
    m_fix.valid = mode >= 2 && lat && lon;
    m_fix.fixType = mode == 3 ? GnssFixType::Fix3D
        : mode == 2           ? GnssFixType::Fix2D
                              : GnssFixType::None;
    if (m_fix.valid) {
        m_fix.latitude = *lat;
        m_fix.longitude = *lon;
    }
    // altMSL since gpsd 3.20; before that "alt" was the MSL altitude. Only a 3D fix has one.
    auto alt = number(o, QLatin1String("altMSL"));
    if (!alt)
        alt = number(o, QLatin1String("alt"));
    m_fix.altitudeM = m_fix.valid && mode == 3 ? alt : std::nullopt;
    m_fix.speedMps = number(o, QLatin1String("speed"));
    m_fix.courseDeg = number(o, QLatin1String("track"));
    const QString time = o.value(QLatin1String("time")).toString();
    m_fix.utc = time.isEmpty() ? QDateTime() : QDateTime::fromString(time, Qt::ISODateWithMs);
    if (m_fix.utc.isValid())
        m_fix.utc = m_fix.utc.toUTC();
    m_fix.quality = ggaQuality(mode, o.value(QLatin1String("status")).toInt(1));
    m_fix.sourceTalker = QStringLiteral("gpsd");
    m_estimates = GpsdErrorEstimates {number(o, QLatin1String("ept")),
        number(o, QLatin1String("epx")), number(o, QLatin1String("epy")),
        number(o, QLatin1String("epv")), number(o, QLatin1String("eph"))};

    const qint64 now = m_clock.nowMs();
    if (m_fix.valid)
        m_lastValidMs = now;
    m_fix.ageMs = m_lastValidMs < 0 ? -1 : now - m_lastValidMs;
    m_fix.receivedAtMs = now;
    if (m_callback)
        m_callback(m_fix);
}

void GpsdParser::applySky(const QJsonObject& o)
{
    m_fix.hdop = number(o, QLatin1String("hdop"));
    m_fix.pdop = number(o, QLatin1String("pdop"));
    m_fix.vdop = number(o, QLatin1String("vdop"));
    const QJsonValue satellites = o.value(QLatin1String("satellites"));
    if (satellites.isArray()) {
        QMap<GnssConstellation, int> inView;
        int used = 0;
        for (const QJsonValue& s : satellites.toArray()) {
            const QJsonObject sat = s.toObject();
            const QJsonValue gnssId = sat.value(QLatin1String("gnssid"));
            const GnssConstellation c = gnssId.isDouble()
                ? constellationOfGnssId(gnssId.toInt())
                : constellationOfPrn(sat.value(QLatin1String("PRN")).toInt());
            ++inView[c];
            if (sat.value(QLatin1String("used")).toBool())
                ++used;
        }
        m_fix.satellitesInView = inView;
        m_fix.satellitesUsed = used;
    }
    // gpsd 3.21+ says how many it used even when it leaves the list out.
    if (const QJsonValue uSat = o.value(QLatin1String("uSat")); uSat.isDouble())
        m_fix.satellitesUsed = uSat.toInt();
}

void GpsdParser::applyVersion(const QJsonObject& o)
{
    m_info.release = o.value(QLatin1String("release")).toString();
    m_info.protoMajor = o.value(QLatin1String("proto_major")).toInt();
    m_info.protoMinor = o.value(QLatin1String("proto_minor")).toInt();
}

void GpsdParser::applyDevices(const QJsonObject& o)
{
    m_info.devices.clear();
    for (const QJsonValue& d : o.value(QLatin1String("devices")).toArray())
        m_info.devices.append(d.toObject().value(QLatin1String("path")).toString());
}

GnssFix GpsdParser::currentFix() const
{
    GnssFix fix = m_fix;
    const qint64 now = m_clock.nowMs();
    fix.ageMs = m_lastValidMs < 0 ? -1 : now - m_lastValidMs;
    return fix;
}

} // namespace fieldcase::devices
