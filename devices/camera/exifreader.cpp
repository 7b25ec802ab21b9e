#include "devices/camera/exifreader.h"

#include <QDateTime>
#include <QtEndian>

#include <cmath>

namespace fieldcase::devices {

namespace {

// EXIF tags we read (CIPA DC-008).
constexpr quint16 kTagExifIfd = 0x8769;
constexpr quint16 kTagGpsIfd = 0x8825;
constexpr quint16 kTagMake = 0x010f;
constexpr quint16 kTagModel = 0x0110;
constexpr quint16 kTagDateTimeOriginal = 0x9003;
constexpr quint16 kTagOffsetTimeOriginal = 0x9011;
constexpr quint16 kTagGpsLatRef = 1, kTagGpsLat = 2, kTagGpsLonRef = 3, kTagGpsLon = 4,
                  kTagGpsAltRef = 5, kTagGpsAlt = 6;

struct Tiff
{
    const QByteArray& data;
    bool little = true;

    [[nodiscard]] bool has(qint64 off, qint64 n) const
    {
        return off >= 0 && n >= 0 && off <= data.size() && n <= data.size() - off;
    }
    [[nodiscard]] quint16 u16(qint64 off) const
    {
        const uchar* p = reinterpret_cast<const uchar*>(data.constData()) + off;
        return little ? qFromLittleEndian<quint16>(p) : qFromBigEndian<quint16>(p);
    }
    [[nodiscard]] quint32 u32(qint64 off) const
    {
        const uchar* p = reinterpret_cast<const uchar*>(data.constData()) + off;
        return little ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
    }
};

// One IFD entry with the offset of its value (inline values live in the entry itself).
struct Entry
{
    quint16 tag = 0;
    quint16 type = 0;
    quint32 count = 0;
    qint64 valueOffset = 0;
};

int typeSize(quint16 type)
{
    switch (type) {
    case 1: // BYTE
    case 2: // ASCII
    case 6: // SBYTE
    case 7: // UNDEFINED
        return 1;
    case 3: // SHORT
    case 8:
        return 2;
    case 4: // LONG
    case 9:
        return 4;
    case 5: // RATIONAL
    case 10:
        return 8;
    default:
        return 0;
    }
}

QList<Entry> readIfd(const Tiff& t, qint64 offset)
{
    QList<Entry> out;
    if (!t.has(offset, 2))
        return out;
    const int n = t.u16(offset);
    for (int i = 0; i < n && i < 512; ++i) {
        const qint64 e = offset + 2 + 12 * qint64(i);
        if (!t.has(e, 12))
            break;
        Entry entry {t.u16(e), t.u16(e + 2), t.u32(e + 4), e + 8};
        const qint64 bytes = qint64(typeSize(entry.type)) * entry.count;
        if (typeSize(entry.type) == 0)
            continue;
        if (bytes > 4)
            entry.valueOffset = t.u32(e + 8);
        if (!t.has(entry.valueOffset, bytes))
            continue; // points outside the segment: ignored, never read
        out.append(entry);
    }
    return out;
}

QString ascii(const Tiff& t, const Entry& e)
{
    if (e.type != 2)
        return {};
    QByteArray s = t.data.mid(e.valueOffset, e.count);
    const qsizetype nul = s.indexOf('\0');
    if (nul >= 0)
        s.truncate(nul);
    // Printable ASCII only: the value ends up in case records.
    for (const char c : s) {
        if (c < 0x20 || c > 0x7e)
            return {};
    }
    return QString::fromLatin1(s).trimmed();
}

std::optional<double> rational(const Tiff& t, const Entry& e, int index)
{
    if ((e.type != 5 && e.type != 10) || quint32(index) >= e.count)
        return std::nullopt;
    const qint64 off = e.valueOffset + 8 * qint64(index);
    const quint32 num = t.u32(off);
    const quint32 den = t.u32(off + 4);
    if (den == 0)
        return std::nullopt;
    if (e.type == 10)
        return double(qint32(num)) / double(qint32(den));
    return double(num) / double(den);
}

std::optional<double> degrees(const Tiff& t, const Entry& e)
{
    const auto d = rational(t, e, 0);
    const auto m = rational(t, e, 1);
    const auto s = rational(t, e, 2);
    if (!d || !m || !s)
        return std::nullopt;
    return *d + *m / 60.0 + *s / 3600.0;
}

} // namespace

std::optional<qint64> ExifData::takenAtMs(int defaultUtcOffsetSeconds) const
{
    const QDateTime local
        = QDateTime::fromString(dateTimeOriginal, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    if (!local.isValid())
        return std::nullopt;
    int offset = defaultUtcOffsetSeconds;
    if (offsetTimeOriginal.size() == 6
        && (offsetTimeOriginal[0] == u'+' || offsetTimeOriginal[0] == u'-')
        && offsetTimeOriginal[3] == u':') {
        bool okH = false;
        bool okM = false;
        const int h = offsetTimeOriginal.mid(1, 2).toInt(&okH);
        const int m = offsetTimeOriginal.mid(4, 2).toInt(&okM);
        if (okH && okM && h <= 14 && m < 60)
            offset = (offsetTimeOriginal[0] == u'-' ? -1 : 1) * (h * 3600 + m * 60);
    }
    return QDateTime(local.date(), local.time(), Qt::OffsetFromUTC, offset).toMSecsSinceEpoch();
}

QJsonObject ExifData::position() const
{
    if (!latitude || !longitude || !std::isfinite(*latitude) || !std::isfinite(*longitude)
        || std::abs(*latitude) > 90 || std::abs(*longitude) > 180)
        return {};
    QJsonObject o {{QLatin1String("lat"), *latitude}, {QLatin1String("lon"), *longitude},
        {QLatin1String("source"), QStringLiteral("exif")}};
    if (altitudeM && std::isfinite(*altitudeM))
        o.insert(QLatin1String("altitudeM"), *altitudeM);
    return o;
}

std::optional<ExifData> parseExifTiff(const QByteArray& tiff)
{
    if (tiff.size() < 8)
        return std::nullopt;
    Tiff t {tiff};
    if (tiff.startsWith("II"))
        t.little = true;
    else if (tiff.startsWith("MM"))
        t.little = false;
    else
        return std::nullopt;
    if (t.u16(2) != 42)
        return std::nullopt;
    ExifData out;
    qint64 exifIfd = -1;
    qint64 gpsIfd = -1;
    for (const Entry& e : readIfd(t, t.u32(4))) {
        if (e.tag == kTagExifIfd && e.type == 4)
            exifIfd = t.u32(e.valueOffset);
        else if (e.tag == kTagGpsIfd && e.type == 4)
            gpsIfd = t.u32(e.valueOffset);
        else if (e.tag == kTagMake)
            out.make = ascii(t, e);
        else if (e.tag == kTagModel)
            out.model = ascii(t, e);
    }
    if (exifIfd > 0) {
        for (const Entry& e : readIfd(t, exifIfd)) {
            if (e.tag == kTagDateTimeOriginal)
                out.dateTimeOriginal = ascii(t, e);
            else if (e.tag == kTagOffsetTimeOriginal)
                out.offsetTimeOriginal = ascii(t, e);
        }
    }
    if (gpsIfd > 0) {
        QString latRef, lonRef;
        int altRef = 0;
        for (const Entry& e : readIfd(t, gpsIfd)) {
            if (e.tag == kTagGpsLatRef)
                latRef = ascii(t, e);
            else if (e.tag == kTagGpsLonRef)
                lonRef = ascii(t, e);
            else if (e.tag == kTagGpsLat)
                out.latitude = degrees(t, e);
            else if (e.tag == kTagGpsLon)
                out.longitude = degrees(t, e);
            else if (e.tag == kTagGpsAltRef && e.type == 1)
                altRef = quint8(tiff[e.valueOffset]);
            else if (e.tag == kTagGpsAlt)
                out.altitudeM = rational(t, e, 0);
        }
        if (out.latitude && latRef == u"S")
            *out.latitude = -*out.latitude;
        if (out.longitude && lonRef == u"W")
            *out.longitude = -*out.longitude;
        if (out.altitudeM && altRef == 1)
            *out.altitudeM = -*out.altitudeM;
        if (latRef.isEmpty() || lonRef.isEmpty()) {
            out.latitude.reset(); // a position without its hemisphere is not a position
            out.longitude.reset();
        }
    }
    return out;
}

std::optional<ExifData> readJpegExif(QIODevice& jpeg)
{
    if (!jpeg.seek(0))
        return std::nullopt;
    if (jpeg.read(2) != QByteArray("\xff\xd8", 2))
        return std::nullopt;
    for (int segments = 0; segments < 64; ++segments) {
        char c = 0;
        // Markers may be preceded by any number of 0xff fill bytes.
        do {
            if (!jpeg.getChar(&c))
                return std::nullopt;
        } while (quint8(c) != 0xff);
        do {
            if (!jpeg.getChar(&c))
                return std::nullopt;
        } while (quint8(c) == 0xff);
        const quint8 marker = quint8(c);
        if (marker == 0xd9 || marker == 0xda) // end of image / start of scan: no EXIF before
            return std::nullopt;
        if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
            continue; // standalone markers carry no length
        const QByteArray len = jpeg.read(2);
        if (len.size() < 2)
            return std::nullopt;
        const int length = qFromBigEndian<quint16>(len.constData());
        if (length < 2)
            return std::nullopt;
        if (marker == 0xe1) {
            const QByteArray payload = jpeg.read(length - 2);
            if (payload.size() != length - 2)
                return std::nullopt;
            if (payload.startsWith(QByteArray("Exif\0\0", 6)))
                return parseExifTiff(payload.mid(6));
            continue; // XMP or another APP1
        }
        if (!jpeg.seek(jpeg.pos() + length - 2))
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace fieldcase::devices
