// Our own reader of gpsd's JSON protocol (gpsd_json(5)): raw socket bytes in, one GnssFix per TPV
// report out, merged with the latest SKY report, in the same shape NmeaParser produces.
#pragma once

#include "core/util/clock.h"
#include "devices/gnss/nmeaparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace fieldcase::devices {

// Running counts, for diagnostics and for attaching to a case.
struct GpsdCounters
{
    qint64 reportsOk = 0; // JSON objects of a class we use (VERSION, DEVICES, DEVICE, WATCH, TPV,
                          // SKY, ERROR), applied
    qint64 tpvReports = 0; // of which TPV
    qint64 skyReports = 0; // of which SKY
    qint64 ignoredReports = 0; // valid JSON of another class (PPS, TOFF, GST, ATT, ...), or
                               // from a device other than the one asked for
    qint64 malformedLines = 0; // not a JSON object, or no "class": dropped
    qint64 overlongLines = 0; // longer than MaxLineLength: dropped
    qint64 garbageBytes = 0; // bytes of malformed and overlong lines
    qint64 gpsdErrors = 0; // ERROR reports from gpsd
};

// TPV error estimates (95% confidence, as gpsd reports them); GnssFix has no place for these.
struct GpsdErrorEstimates
{
    std::optional<double> ept; // time, s
    std::optional<double> epx; // longitude, m
    std::optional<double> epy; // latitude, m
    std::optional<double> epv; // vertical, m
    std::optional<double> eph; // horizontal (2D), m
};

// What gpsd said about itself and its receivers.
struct GpsdInfo
{
    QString release; // VERSION.release, e.g. "3.22"
    int protoMajor = 0;
    int protoMinor = 0;
    QStringList devices; // paths from the last DEVICES report
    QString lastErrorMessage; // the last ERROR report's message
};

// Incremental gpsd JSON reader. Feed it socket bytes in any chunking; it calls the fix callback
// once per TPV report. DOPs and satellite counts come from the most recent SKY report, because
// gpsd sends SKY only when the receiver's satellite data changes (with NMEA input: when a GSV
// set completes), not with every TPV.
class GpsdParser
{
public:
    using FixCallback = std::function<void(const GnssFix&)>;

    // The clock stamps ageMs and receivedAtMs; it must outlive the parser.
    explicit GpsdParser(const Clock& clock = Clock::system());

    // Called with every TPV report, merged with the latest SKY.
    void setFixCallback(FixCallback callback) { m_callback = std::move(callback); }
    // Only reports from this device path count (empty: every device gpsd has).
    void setDevice(const QString& path) { m_device = path; }
    // Consumes bytes; a partial line is kept until its end arrives.
    void feed(QByteArrayView bytes);
    // Applies one complete line without its line ending (tests, replays).
    void feedLine(QByteArrayView line);
    // Forgets the partial line and the satellite picture (a new connection starts a new session).
    void resetSession();

    // The merged state right now, with ageMs computed against the clock.
    [[nodiscard]] GnssFix currentFix() const;
    [[nodiscard]] const GpsdErrorEstimates& errorEstimates() const { return m_estimates; }
    [[nodiscard]] const GpsdInfo& info() const { return m_info; }
    [[nodiscard]] const GpsdCounters& counters() const { return m_counters; }
    // True once a TPV or SKY report arrived since the last resetSession().
    [[nodiscard]] bool receiverSeen() const { return m_receiverSeen; }

    // Longest line accepted. gpsd's own client limit is far below this; a SKY with 60 satellites
    // is about 5 KB.
    static constexpr qsizetype MaxLineLength = 32 * 1024;

    // gpsd's gnssid (u-blox numbering: 0 GPS, 1 SBAS, 2 Galileo, 3 BeiDou, 4 IMES, 5 QZSS,
    // 6 GLONASS, 7 NavIC) as our constellation; systems we do not track are Unknown.
    [[nodiscard]] static GnssConstellation constellationOfGnssId(int gnssId);
    // The constellation for a satellite without gnssid, from gpsd's legacy PRN ranges.
    [[nodiscard]] static GnssConstellation constellationOfPrn(int prn);

private:
    void applyTpv(const QJsonObject& o);
    void applySky(const QJsonObject& o);
    void applyVersion(const QJsonObject& o);
    void applyDevices(const QJsonObject& o);
    [[nodiscard]] bool fromOtherDevice(const QJsonObject& o) const;

    const Clock& m_clock;
    FixCallback m_callback;
    GpsdCounters m_counters;
    GpsdInfo m_info;
    GpsdErrorEstimates m_estimates;
    QString m_device;
    QByteArray m_line;
    bool m_dropping = false; // inside an overlong line: discard up to its newline
    bool m_receiverSeen = false;
    GnssFix m_fix;
    qint64 m_lastValidMs = -1;
};

} // namespace fieldcase::devices
