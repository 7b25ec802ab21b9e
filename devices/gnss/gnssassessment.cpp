#include "devices/gnss/gnssassessment.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace fieldcase::devices {

double haversineMetres(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double EarthRadiusM = 6'371'008.8; // IUGG mean radius
    constexpr double rad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * rad;
    const double dLon = (lon2 - lon1) * rad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * EarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

GnssAssessment assess(const GnssFix& fix, const std::optional<GnssFix>& previous,
    qint64 systemNowMs, const GnssPolicy& policy)
{
    GnssAssessment result;
    auto reject = [&result](QString reason) { result.rejectReasons.append(std::move(reason)); };

    if (!fix.valid)
        reject(QCoreApplication::translate("Devices", "The receiver reports no valid fix."));
    if (fix.fixType < GnssFixType::Fix2D)
        reject(
            QCoreApplication::translate("Devices", "The receiver has neither a 2D nor a 3D fix."));
    if (!fix.hdop)
        reject(QCoreApplication::translate("Devices", "The receiver did not report HDOP."));
    else if (*fix.hdop > policy.maxHdop)
        reject(QCoreApplication::translate("Devices", "HDOP %1 is above the limit of %2.")
                   .arg(*fix.hdop, 0, 'f', 1)
                   .arg(policy.maxHdop, 0, 'f', 1));
    if (fix.satellitesUsed < policy.minSatellites)
        reject(
            QCoreApplication::translate("Devices", "Only %1 satellites used; at least %2 needed.")
                .arg(fix.satellitesUsed)
                .arg(policy.minSatellites));

    // The fix ages while it waits to be assessed, so add the time since it was emitted.
    const qint64 age
        = fix.ageMs < 0 ? -1 : fix.ageMs + std::max<qint64>(0, systemNowMs - fix.receivedAtMs);
    if (age < 0 || age > policy.maxAgeMs) {
        result.staleFix = true;
        result.staleFixReason = age < 0
            ? QCoreApplication::translate("Devices", "There has been no valid fix yet.")
            : QCoreApplication::translate("Devices", "The last valid fix is %1 s old (limit %2 s).")
                  .arg(age / 1000.0, 0, 'f', 1)
                  .arg(policy.maxAgeMs / 1000.0, 0, 'f', 1);
        reject(result.staleFixReason);
    }

    if (fix.utc.isValid()) {
        result.clockDriftMs = fix.utc.toMSecsSinceEpoch() - systemNowMs;
        if (std::abs(result.clockDriftMs) > policy.maxClockDriftMs) {
            result.clockDrift = true;
            result.clockDriftReason = QCoreApplication::translate("Devices",
                "Satellite time and device time differ by %1 s (limit %2 s); one of the clocks "
                "is wrong or the signal is spoofed.")
                                          .arg(result.clockDriftMs / 1000.0, 0, 'f', 0)
                                          .arg(policy.maxClockDriftMs / 1000.0, 0, 'f', 0);
        }
    }

    if (previous && previous->valid && fix.valid) {
        // Prefer satellite time; fall back to arrival time when a fix has no date yet.
        qint64 dtMs = (fix.utc.isValid() && previous->utc.isValid())
            ? previous->utc.msecsTo(fix.utc)
            : fix.receivedAtMs - previous->receivedAtMs;
        const double distance
            = haversineMetres(previous->latitude, previous->longitude, fix.latitude, fix.longitude);
        // Zero or negative time: a replayed or reordered fix; any real move is then impossible.
        result.impliedSpeedMps = dtMs > 0 ? distance / (dtMs / 1000.0)
            : distance > 1.0              ? std::numeric_limits<double>::infinity()
                                          : 0.0;
        if (result.impliedSpeedMps > policy.maxSpeedMps) {
            result.impossibleSpeed = true;
            result.impossibleSpeedReason = QCoreApplication::translate("Devices",
                "The position jumped %1 m in %2 s (%3 km/h); this is not physically possible.")
                                               .arg(distance, 0, 'f', 0)
                                               .arg(dtMs / 1000.0, 0, 'f', 1)
                                               .arg(result.impliedSpeedMps * 3.6, 0, 'f', 0);
        }
    }

    result.accepted = result.rejectReasons.isEmpty();
    return result;
}

QStringList GnssAssessment::warnings() const
{
    QStringList reasons;
    // A stale fix is also a reject reason, so it is not repeated here.
    for (const QString* reason : {&clockDriftReason, &impossibleSpeedReason})
        if (!reason->isEmpty())
            reasons.append(*reason);
    return reasons;
}

QJsonObject eventPosition(const GnssFix& fix)
{
    QJsonObject o {{QLatin1String("lat"), fix.latitude}, {QLatin1String("lon"), fix.longitude},
        {QLatin1String("satellites"), fix.satellitesUsed},
        {QLatin1String("source"),
            fix.simulated ? QStringLiteral("simulator")
                          : QStringLiteral("gnss:") + fix.sourceTalker}};
    if (fix.altitudeM)
        o.insert(QLatin1String("altitudeM"), *fix.altitudeM);
    if (fix.utc.isValid())
        o.insert(QLatin1String("fixAt"), fix.utc.toMSecsSinceEpoch());
    if (fix.hdop)
        o.insert(QLatin1String("hdop"), *fix.hdop);
    return o;
}

} // namespace fieldcase::devices
