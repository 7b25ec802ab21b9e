// One GNSS position epoch with its quality: what every receiver (NMEA, gpsd, simulator) delivers.
// Header-only so the device plugin API can carry it without linking the parsers.
#pragma once

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace fieldcase::devices {

// Fix dimension as reported by GSA (or derived from GGA when the receiver sends no GSA).
enum class GnssFixType { None = 1, Fix2D = 2, Fix3D = 3 };

// Satellite system, taken from the talker ID of GSV sentences.
enum class GnssConstellation { Unknown, Gps, Glonass, Galileo, BeiDou, Multi };

// One position epoch, merged from the GGA/RMC/GSA/GSV/VTG sentences seen so far.
struct GnssFix
{
    bool valid = false; // RMC status 'A' and/or GGA quality > 0 in this epoch
    double latitude = 0; // degrees, south negative (last valid value when !valid)
    double longitude = 0; // degrees, west negative
    std::optional<double> altitudeM; // above mean sea level (GGA)
    std::optional<double> speedMps; // ground speed (RMC or VTG)
    std::optional<double> courseDeg; // true course over ground (RMC or VTG)
    QDateTime utc; // RMC date + time; GGA time on the last RMC date; invalid if no date yet
    GnssFixType fixType = GnssFixType::None;
    int quality = 0; // GGA fix quality 0..8
    int satellitesUsed = 0;
    QMap<GnssConstellation, int> satellitesInView; // per constellation, from GSV
    std::optional<double> hdop;
    std::optional<double> pdop;
    std::optional<double> vdop;
    qint64 ageMs = -1; // clock time since the last valid fix; -1 if there never was one
    qint64 receivedAtMs = 0; // clock time when this fix was emitted
    QString sourceTalker; // talker of the sentence that closed the epoch: "GP", "GN", "BD", ...
    bool simulated = false; // made up by a simulator plugin (demo, training): never evidence

    // Sum of satellitesInView over all constellations.
    [[nodiscard]] int totalSatellitesInView() const
    {
        int total = 0;
        for (const int n : satellitesInView)
            total += n;
        return total;
    }
};

} // namespace fieldcase::devices

// Declared with the type, so any file that carries a fix in a signal sees the same declaration.
Q_DECLARE_METATYPE(fieldcase::devices::GnssFix)
