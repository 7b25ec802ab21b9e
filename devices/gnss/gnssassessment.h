// Deciding whether a GNSS fix is good enough to stamp on evidence, and spotting signs of
// spoofing, jumps and clock tampering.
#pragma once

#include "devices/gnss/nmeaparser.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldcase::devices {

// Thresholds for assess(); the defaults suit a handheld at a roadside stop.
struct GnssPolicy
{
    double maxHdop = 5.0;
    int minSatellites = 4;
    qint64 maxAgeMs = 5000; // older positions are stale
    double maxSpeedMps = 70.0; // ~250 km/h: faster between two fixes means a jump or a spoof
    qint64 maxClockDriftMs = 120'000; // fix time vs. device clock
};

// The verdict on one fix: the accuracy gate plus independent warning flags with reasons.
struct GnssAssessment
{
    bool accepted = false; // passed the accuracy gate (valid, fix type, HDOP, satellites, age)
    QStringList rejectReasons; // why not accepted, English, one sentence each

    bool impossibleSpeed = false; // moved faster than policy.maxSpeedMps since the previous fix
    QString impossibleSpeedReason;
    double impliedSpeedMps = 0;

    bool clockDrift = false; // receiver time and device time disagree
    QString clockDriftReason;
    qint64 clockDriftMs = 0; // fix utc minus system time

    bool staleFix = false; // last valid fix is older than policy.maxAgeMs
    QString staleFixReason;

    // Good enough to stamp on evidence: through the gate, and neither a clock nor a jump warning.
    [[nodiscard]] bool usable() const { return accepted && !clockDrift && !impossibleSpeed; }
    // The reasons of the clock-drift and jump warnings that are set.
    [[nodiscard]] QStringList warnings() const;
    // The reject reasons and the warnings together, for telling the officer why not.
    [[nodiscard]] QStringList allReasons() const { return rejectReasons + warnings(); }
};

// Great-circle distance in metres (haversine, mean Earth radius).
[[nodiscard]] double haversineMetres(double lat1, double lon1, double lat2, double lon2);

// Judges `fix` against the policy; `previous` is the last accepted fix (for the jump check)
// and systemNowMs the device clock (for drift and age).
[[nodiscard]] GnssAssessment assess(const GnssFix& fix, const std::optional<GnssFix>& previous,
    qint64 systemNowMs, const GnssPolicy& policy = {});

// The fix as the `position` object of a case event (docs/events.md; validated by core):
// lat, lon, altitudeM, fixAt (receiver UTC, ms), satellites, hdop, source ("gnss:" + talker).
// Call it only for a fix assess() accepted.
[[nodiscard]] QJsonObject eventPosition(const GnssFix& fix);

} // namespace fieldcase::devices
