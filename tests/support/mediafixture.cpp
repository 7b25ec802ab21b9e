#include "tests/support/mediafixture.h"

#include <QFile>
#include <QProcess>
#include <QtEndian>

#include <catch2/catch.hpp>
#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>

namespace fieldcase::test {

namespace {

QStringList metadataArgs(const QString& creationTimeUtc)
{
    if (creationTimeUtc.isEmpty())
        return {};
    return {QStringLiteral("-metadata"), QStringLiteral("creation_time=") + creationTimeUtc};
}

QString seconds(double s)
{
    return QString::number(s, 'f', 3);
}

// A TIFF IFD under construction: entries with raw (already byte-ordered) values.
struct IfdEntry
{
    quint16 tag;
    quint16 type;
    quint32 count;
    QByteArray value;
};

class TiffWriter
{
public:
    explicit TiffWriter(bool bigEndian)
        : m_big(bigEndian)
    { }
    QByteArray u16(quint16 v) const
    {
        QByteArray b(2, '\0');
        m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
        return b;
    }
    QByteArray u32(quint32 v) const
    {
        QByteArray b(4, '\0');
        m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
        return b;
    }
    IfdEntry ascii(quint16 tag, const QString& s) const
    {
        const QByteArray v = s.toLatin1() + '\0';
        return {tag, 2, quint32(v.size()), v};
    }
    IfdEntry rationals(quint16 tag, const QList<std::pair<quint32, quint32>>& values) const
    {
        QByteArray v;
        for (const auto& [n, d] : values)
            v += u32(n) + u32(d);
        return {tag, 5, quint32(values.size()), v};
    }
    IfdEntry longValue(quint16 tag, quint32 value) const { return {tag, 4, 1, u32(value)}; }
    IfdEntry byteValue(quint16 tag, quint8 value) const
    {
        return {tag, 1, 1, QByteArray(1, char(value))};
    }
    static int size(const QList<IfdEntry>& entries)
    {
        int n = 2 + 12 * int(entries.size()) + 4;
        for (const IfdEntry& e : entries)
            n += e.value.size() > 4 ? int(e.value.size() + (e.value.size() & 1)) : 0;
        return n;
    }
    // The IFD placed at offset, its out-of-line values right after it.
    QByteArray ifd(const QList<IfdEntry>& entries, quint32 offset) const
    {
        QByteArray head = u16(quint16(entries.size()));
        QByteArray data;
        const quint32 dataStart = offset + 2 + 12 * quint32(entries.size()) + 4;
        for (const IfdEntry& e : entries) {
            head += u16(e.tag) + u16(e.type) + u32(e.count);
            if (e.value.size() <= 4) {
                head += e.value + QByteArray(4 - e.value.size(), '\0');
            } else {
                head += u32(dataStart + quint32(data.size()));
                data += e.value;
                if (data.size() & 1)
                    data += '\0';
            }
        }
        return head + u32(0) + data;
    }

private:
    bool m_big;
};

QList<std::pair<quint32, quint32>> dms(double degrees)
{
    const double a = std::abs(degrees);
    const quint32 d = quint32(a);
    const quint32 m = quint32((a - d) * 60);
    const double s = ((a - d) * 60 - m) * 60;
    return {{d, 1}, {m, 1}, {quint32(std::llround(s * 10000)), 10000}};
}

} // namespace

QByteArray runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForStarted(10000));
    REQUIRE(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    INFO(program.toStdString() << " " << args.join(u' ').toStdString() << "\n"
                               << err.toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    REQUIRE(p.exitCode() == 0);
    return p.readAllStandardOutput();
}

void makeVideo(const QString& path, double s, const QString& creationTimeUtc)
{
    const bool avi = path.endsWith(QStringLiteral(".avi"), Qt::CaseInsensitive);
    QStringList args {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
        QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
        QStringLiteral("lavfi"), QStringLiteral("-i"),
        QStringLiteral("testsrc=duration=%1:size=320x240:rate=10").arg(seconds(s))};
    if (avi)
        args << QStringLiteral("-c:v") << QStringLiteral("mjpeg");
    else
        args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-pix_fmt")
             << QStringLiteral("yuv420p") << QStringLiteral("-preset")
             << QStringLiteral("ultrafast");
    args << metadataArgs(creationTimeUtc);
    if (path.endsWith(QStringLiteral(".mp4"), Qt::CaseInsensitive)
        || path.endsWith(QStringLiteral(".mov"), Qt::CaseInsensitive))
        args << QStringLiteral("-f")
             << (path.toLower().endsWith(QStringLiteral(".mov")) ? QStringLiteral("mov")
                                                                 : QStringLiteral("mp4"));
    args << path;
    runTool(QStringLiteral("ffmpeg"), args);
}

void makeAudio(const QString& path, double s, const QString& creationTimeUtc)
{
    QStringList args {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
        QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
        QStringLiteral("lavfi"), QStringLiteral("-i"),
        QStringLiteral("sine=duration=%1").arg(seconds(s))};
    const QString lower = path.toLower();
    if (lower.endsWith(QStringLiteral(".wav")))
        args << QStringLiteral("-f") << QStringLiteral("wav");
    else if (lower.endsWith(QStringLiteral(".mp3")))
        args << QStringLiteral("-c:a") << QStringLiteral("libmp3lame") << QStringLiteral("-f")
             << QStringLiteral("mp3");
    else
        args << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-f")
             << QStringLiteral("mp4");
    args << metadataArgs(creationTimeUtc) << path;
    runTool(QStringLiteral("ffmpeg"), args);
}

void makeJpeg(const QString& path, int width, int height)
{
    runTool(QStringLiteral("ffmpeg"),
        {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
            QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"),
            QStringLiteral("-i"),
            QStringLiteral("testsrc=size=%1x%2:rate=1").arg(width).arg(height),
            QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-f"),
            QStringLiteral("image2"), QStringLiteral("-c:v"), QStringLiteral("mjpeg"), path});
}

QString opensslSm3(const QString& path)
{
    // "-r" prints "<hex> *<file>".
    const QByteArray out = runTool(QStringLiteral("openssl"),
        {QStringLiteral("dgst"), QStringLiteral("-sm3"), QStringLiteral("-r"), path});
    return QString::fromLatin1(out.left(out.indexOf(' '))).trimmed();
}

QByteArray buildExifTiff(const ExifSpec& spec)
{
    const TiffWriter w(spec.bigEndian);
    QList<IfdEntry> exif;
    if (!spec.dateTimeOriginal.isEmpty())
        exif << w.ascii(0x9003, spec.dateTimeOriginal);
    if (!spec.offsetTimeOriginal.isEmpty())
        exif << w.ascii(0x9011, spec.offsetTimeOriginal);
    QList<IfdEntry> gps;
    if (spec.latitude && spec.longitude) {
        gps << w.ascii(1, *spec.latitude < 0 ? QStringLiteral("S") : QStringLiteral("N"))
            << w.rationals(2, dms(*spec.latitude))
            << w.ascii(3, *spec.longitude < 0 ? QStringLiteral("W") : QStringLiteral("E"))
            << w.rationals(4, dms(*spec.longitude));
        if (spec.altitudeM)
            gps << w.byteValue(5, *spec.altitudeM < 0 ? 1 : 0)
                << w.rationals(6, {{quint32(std::llround(std::abs(*spec.altitudeM) * 10)), 10}});
    }
    // Layout: header (8), IFD0, Exif IFD, GPS IFD.
    QList<IfdEntry> ifd0;
    if (!spec.make.isEmpty())
        ifd0 << w.ascii(0x010f, spec.make);
    ifd0 << w.longValue(0x8769, 0) << w.longValue(0x8825, 0); // offsets patched below
    const quint32 ifd0At = 8;
    const quint32 exifAt = ifd0At + quint32(TiffWriter::size(ifd0));
    const quint32 gpsAt = exifAt + quint32(TiffWriter::size(exif));
    ifd0[ifd0.size() - 2] = w.longValue(0x8769, exifAt);
    ifd0[ifd0.size() - 1] = w.longValue(0x8825, gps.isEmpty() ? 0 : gpsAt);
    if (gps.isEmpty())
        ifd0.removeLast();
    const quint32 exifAt2 = ifd0At + quint32(TiffWriter::size(ifd0));
    if (exifAt2 != exifAt) // GPS pointer dropped: IFD0 shrank, lay out again
        ifd0[ifd0.size() - 1] = w.longValue(0x8769, exifAt2);
    QByteArray out
        = (spec.bigEndian ? QByteArray("MM") : QByteArray("II")) + w.u16(42) + w.u32(ifd0At);
    out += w.ifd(ifd0, ifd0At);
    out += w.ifd(exif, quint32(out.size()));
    if (!gps.isEmpty())
        out += w.ifd(gps, quint32(out.size()));
    return out;
}

QByteArray insertExif(const QByteArray& jpeg, const QByteArray& tiff)
{
    REQUIRE(jpeg.startsWith(QByteArray("\xff\xd8", 2)));
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xff\xe1", 2);
    QByteArray len(2, '\0');
    qToBigEndian(quint16(payload.size() + 2), len.data());
    segment += len + payload;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

void setMtime(const QString& path, qint64 secondsSinceEpoch)
{
    const struct timespec times[2] = {{secondsSinceEpoch, 0}, {secondsSinceEpoch, 0}};
    REQUIRE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW)
        == 0);
}

} // namespace fieldcase::test
