#include "devices/gnss/nmeaparser.h"

#include <QTimeZone>

#include <cmath>

namespace fieldcase::devices {

namespace {

constexpr double KnotsToMps = 1852.0 / 3600.0;

std::optional<double> number(const QByteArray& field)
{
    if (field.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double value = field.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> integer(const QByteArray& field)
{
    bool ok = false;
    const int value = field.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

// NMEA writes angles as (d)ddmm.mmmm, not decimal degrees: 3954.2520 is 39° 54.2520'.
std::optional<double> coordinate(const QByteArray& value, const QByteArray& hemisphere,
    char positive, char negative, double maxDegrees)
{
    const auto raw = number(value);
    if (!raw || *raw < 0 || hemisphere.size() != 1)
        return std::nullopt;
    const double degrees = std::floor(*raw / 100.0);
    const double minutes = *raw - degrees * 100.0;
    if (minutes >= 60.0)
        return std::nullopt;
    double result = degrees + minutes / 60.0;
    if (result > maxDegrees)
        return std::nullopt;
    if (hemisphere[0] == negative)
        result = -result;
    else if (hemisphere[0] != positive)
        return std::nullopt;
    return result;
}

// hhmmss with an optional fraction of any length; returns milliseconds since midnight.
std::optional<int> timeOfDayMs(const QByteArray& field)
{
    if (field.size() < 6)
        return std::nullopt;
    const auto h = integer(field.left(2));
    const auto m = integer(field.mid(2, 2));
    const auto s = number(field.mid(4));
    if (!h || !m || !s || *h > 23 || *m > 59 || *s < 0 || *s >= 61.0) // 60.x: leap second
        return std::nullopt;
    return (*h * 3600 + *m * 60) * 1000 + static_cast<int>(std::lround(*s * 1000.0));
}

// ddmmyy. Two-digit years: receivers from before 2000 are not in use, so 00..79 means 20xx.
QDate rmcDate(const QByteArray& field)
{
    if (field.size() != 6)
        return {};
    const auto d = integer(field.left(2));
    const auto m = integer(field.mid(2, 2));
    const auto y = integer(field.mid(4, 2));
    if (!d || !m || !y)
        return {};
    return QDate(*y < 80 ? 2000 + *y : 1900 + *y, *m, *d);
}

std::optional<GnssConstellation> constellationOf(QByteArrayView talker)
{
    if (talker == "GP")
        return GnssConstellation::Gps;
    if (talker == "GL")
        return GnssConstellation::Glonass;
    if (talker == "GA")
        return GnssConstellation::Galileo;
    // "BD" is the older BeiDou talker, "GB" the one NMEA 4.10 assigned; receivers use both.
    if (talker == "BD" || talker == "GB")
        return GnssConstellation::BeiDou;
    if (talker == "GN")
        return GnssConstellation::Multi;
    return std::nullopt;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

NmeaParser::NmeaParser(const Clock& clock)
    : m_clock(clock)
{ }

quint8 NmeaParser::checksum(QByteArrayView body)
{
    quint8 sum = 0;
    for (const char c : body)
        sum ^= static_cast<quint8>(c);
    return sum;
}

QByteArray NmeaParser::withChecksum(QByteArrayView body)
{
    return QByteArray("$") + body.toByteArray() + "*"
        + QByteArray::number(checksum(body), 16).rightJustified(2, '0').toUpper();
}

void NmeaParser::feed(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c == '$') {
            // A '$' inside a sentence means the rest of that sentence was lost (line noise,
            // a reconnect): drop the fragment and resynchronise here.
            if (m_inSentence)
                m_counters.garbageBytes += m_line.size();
            m_line = QByteArrayLiteral("$");
            m_inSentence = true;
        } else if (c == '\r' || c == '\n') {
            // Receivers end lines with CRLF, but LF-only and CR-only also occur in the field.
            if (m_inSentence)
                handleLine(m_line);
            m_line.clear();
            m_inSentence = false;
        } else if (m_inSentence) {
            if (m_line.size() >= MaxLineLength) {
                m_counters.garbageBytes += m_line.size() + 1;
                m_line.clear();
                m_inSentence = false;
            } else {
                m_line.append(c);
            }
        } else {
            ++m_counters.garbageBytes;
        }
    }
}

void NmeaParser::handleLine(QByteArrayView line)
{
    for (const char c : line) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
            m_counters.garbageBytes += line.size();
            return;
        }
    }
    const qsizetype star = line.lastIndexOf('*');
    if (star < 0) {
        ++m_counters.missingChecksum;
        return;
    }
    const QByteArrayView body = line.sliced(1, star - 1);
    const QByteArrayView hex = line.sliced(star + 1);
    if (hex.size() != 2 || hexDigit(hex[0]) < 0 || hexDigit(hex[1]) < 0
        || checksum(body) != hexDigit(hex[0]) * 16 + hexDigit(hex[1])) {
        ++m_counters.checksumErrors;
        return;
    }
    const QList<QByteArray> fields = body.toByteArray().split(',');
    const QByteArray& address = fields.first();
    if (address.size() != 5 || !constellationOf(address.left(2))) {
        ++m_counters.unknownSentences; // proprietary ($P...) or a talker we do not handle
        return;
    }
    const QByteArrayView talker = QByteArrayView(address).first(2);
    const QByteArrayView type = QByteArrayView(address).sliced(2);
    if (type != "GGA" && type != "RMC" && type != "GSA" && type != "GSV" && type != "VTG") {
        ++m_counters.unknownSentences;
        return;
    }
    if (applySentence(fields, talker, type))
        ++m_counters.sentencesOk;
    else
        ++m_counters.malformedSentences;
}

bool NmeaParser::applySentence(
    const QList<QByteArray>& fields, QByteArrayView talker, QByteArrayView type)
{
    if (type == "GGA") {
        if (fields.size() < 10)
            return false;
        const auto time = timeOfDayMs(fields[1]);
        if (!time)
            return false;
        beginEpochSentence(*time, KindGga, talker);
        return applyGga(fields);
    }
    if (type == "RMC") {
        if (fields.size() < 10)
            return false;
        const auto time = timeOfDayMs(fields[1]);
        if (!time)
            return false;
        beginEpochSentence(*time, KindRmc, talker);
        return applyRmc(fields);
    }
    if (type == "GSA")
        return applyGsa(fields);
    if (type == "GSV")
        return applyGsv(fields, talker);
    return applyVtg(fields);
}

void NmeaParser::beginEpochSentence(int timeOfDayMs, unsigned kind, QByteArrayView talker)
{
    if (timeOfDayMs != m_epochTimeMs) {
        // A new epoch began. If the previous one never got all the sentences we expected,
        // the receiver does not send them: emit what we have and expect less from now on.
        if (!m_epochEmitted)
            emitEpoch();
        if (m_epochSeen != 0)
            m_epochExpected = m_epochSeen;
        m_epochTimeMs = timeOfDayMs;
        m_epochSeen = 0;
        m_epochEmitted = false;
        m_epochGgaValid = true;
        m_epochRmcValid = true;
    }
    m_epochSeen |= kind;
    m_fix.sourceTalker = QString::fromLatin1(talker);
}

bool NmeaParser::applyGga(const QList<QByteArray>& f)
{
    const auto quality = integer(f[6]);
    if (!quality || *quality < 0 || *quality > 8)
        return false;
    m_epochGgaValid = *quality > 0;
    if (*quality > 0) {
        const auto lat = coordinate(f[2], f[3], 'N', 'S', 90.0);
        const auto lon = coordinate(f[4], f[5], 'E', 'W', 180.0);
        if (!lat || !lon)
            return false;
        m_fix.latitude = *lat;
        m_fix.longitude = *lon;
        m_fix.altitudeM = number(f[9]);
    }
    m_fix.quality = *quality;
    if (const auto used = integer(f[7]))
        m_fix.satellitesUsed = *used;
    if (const auto hdop = number(f[8]))
        m_fix.hdop = hdop;
    if (!m_haveGsa) {
        // GGA cannot say 2D or 3D; an altitude is the best hint when no GSA comes.
        m_fix.fixType = *quality == 0 ? GnssFixType::None
            : m_fix.altitudeM         ? GnssFixType::Fix3D
                                      : GnssFixType::Fix2D;
    }
    if (m_date.isValid()) {
        // GGA has no date. At midnight the new day's GGA can come before its RMC, so a time
        // far earlier than the RMC that gave the date belongs to the next day.
        const QDate date
            = m_epochTimeMs + 12 * 3600 * 1000 < m_dateTimeOfDayMs ? m_date.addDays(1) : m_date;
        m_fix.utc
            = QDateTime(date, QTime::fromMSecsSinceStartOfDay(m_epochTimeMs), QTimeZone::utc());
    }
    if ((m_epochSeen & m_epochExpected) == m_epochExpected && !m_epochEmitted)
        emitEpoch();
    return true;
}

bool NmeaParser::applyRmc(const QList<QByteArray>& f)
{
    if (f[2] != "A" && f[2] != "V")
        return false;
    const QDate date = rmcDate(f[9]);
    if (!date.isValid())
        return false;
    // NMEA 2.3 added a mode field; 'N' (data not valid) overrides an 'A' status.
    const bool modeInvalid = f.size() > 12 && f[12] == "N";
    const bool valid = f[2] == "A" && !modeInvalid;
    m_epochRmcValid = valid;
    if (valid) {
        const auto lat = coordinate(f[3], f[4], 'N', 'S', 90.0);
        const auto lon = coordinate(f[5], f[6], 'E', 'W', 180.0);
        if (!lat || !lon)
            return false;
        m_fix.latitude = *lat;
        m_fix.longitude = *lon;
        if (const auto knots = number(f[7]))
            m_fix.speedMps = *knots * KnotsToMps;
        if (const auto course = number(f[8]))
            m_fix.courseDeg = course;
    }
    m_date = date;
    m_dateTimeOfDayMs = m_epochTimeMs;
    m_fix.utc = QDateTime(date, QTime::fromMSecsSinceStartOfDay(m_epochTimeMs), QTimeZone::utc());
    if ((m_epochSeen & m_epochExpected) == m_epochExpected && !m_epochEmitted)
        emitEpoch();
    return true;
}

bool NmeaParser::applyGsa(const QList<QByteArray>& f)
{
    // Multi-constellation receivers send one GSA per system in each epoch, with the same mode.
    if (f.size() < 18)
        return false;
    const auto mode = integer(f[2]);
    if (!mode || *mode < 1 || *mode > 3)
        return false;
    m_haveGsa = true;
    m_fix.fixType = static_cast<GnssFixType>(*mode);
    m_fix.pdop = number(f[15]);
    m_fix.hdop = number(f[16]);
    m_fix.vdop = number(f[17]);
    return true;
}

bool NmeaParser::applyGsv(const QList<QByteArray>& f, QByteArrayView talker)
{
    if (f.size() < 4)
        return false;
    const auto inView = integer(f[3]);
    if (!inView || *inView < 0)
        return false;
    m_fix.satellitesInView[*constellationOf(talker)] = *inView;
    return true;
}

bool NmeaParser::applyVtg(const QList<QByteArray>& f)
{
    // $--VTG,course,T,course,M,knots,N,kmh,K[,mode]. The pre-2.0 form without unit letters
    // is not handled.
    if (f.size() < 9 || f[2] != "T")
        return false;
    if (f.size() > 9 && f[9] == "N")
        return true; // receiver says the data is not valid: keep what RMC said
    if (const auto course = number(f[1]))
        m_fix.courseDeg = course;
    if (const auto kmh = number(f[7]))
        m_fix.speedMps = *kmh / 3.6;
    else if (const auto knots = number(f[5]))
        m_fix.speedMps = *knots * KnotsToMps;
    return true;
}

void NmeaParser::emitEpoch()
{
    m_epochEmitted = true;
    const qint64 now = m_clock.nowMs();
    m_fix.valid = m_epochGgaValid && m_epochRmcValid;
    if (m_fix.valid)
        m_lastValidMs = now;
    m_fix.ageMs = m_lastValidMs < 0 ? -1 : now - m_lastValidMs;
    m_fix.receivedAtMs = now;
    if (m_callback)
        m_callback(m_fix);
}

void NmeaParser::flush()
{
    if (!m_epochEmitted && m_epochTimeMs >= 0)
        emitEpoch();
}

GnssFix NmeaParser::currentFix() const
{
    GnssFix fix = m_fix;
    const qint64 now = m_clock.nowMs();
    fix.ageMs = m_lastValidMs < 0 ? -1 : now - m_lastValidMs;
    return fix;
}

} // namespace fieldcase::devices
