#include "devices/recorder/mediaprobe.h"

#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QMediaMetaData>
#include <QMediaPlayer>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>
#include <QtEndian>

namespace fieldcase::devices {

namespace {

// Seconds from 1904-01-01 (the ISO BMFF epoch) to 1970-01-01.
constexpr qint64 kMp4EpochOffset = 2'082'844'800;
// Container times before this are unset clocks (1904, 1970, 2000-01-01 defaults), not times.
constexpr qint64 kEarliestPlausibleMs = 946'684'800'000; // 2000-01-01

std::optional<qint64> localToUtcMs(const QString& digits14, int utcOffsetSeconds)
{
    const QDateTime local = QDateTime::fromString(digits14, QStringLiteral("yyyyMMddHHmmss"));
    if (!local.isValid())
        return std::nullopt;
    const QDateTime dt(local.date(), local.time(), Qt::OffsetFromUTC, utcOffsetSeconds);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

QByteArray readAt(QIODevice& f, qint64 pos, qint64 n)
{
    if (pos < 0 || n <= 0 || !f.seek(pos))
        return {};
    return f.read(n);
}

ContainerInfo readWav(QIODevice& f, const QByteArray& head)
{
    ContainerInfo info;
    info.format = QStringLiteral("wav");
    quint32 byteRate = 0;
    qint64 pos = 12;
    const qint64 end = f.size();
    Q_UNUSED(head)
    for (int chunks = 0; chunks < 64 && pos + 8 <= end; ++chunks) {
        const QByteArray h = readAt(f, pos, 8);
        if (h.size() < 8)
            break;
        const quint32 size = qFromLittleEndian<quint32>(h.constData() + 4);
        const QByteArray id = h.left(4);
        if (id == "fmt ") {
            const QByteArray fmt = readAt(f, pos + 8, 16);
            if (fmt.size() == 16)
                byteRate = qFromLittleEndian<quint32>(fmt.constData() + 8);
        } else if (id == "data") {
            // A recorder that lost power leaves size 0 or 0xffffffff: use what is on disk.
            qint64 dataSize = size;
            if (size == 0 || size == 0xffffffffu || pos + 8 + dataSize > end)
                dataSize = end - pos - 8;
            if (byteRate > 0)
                info.durationMs = dataSize * 1000 / byteRate;
            break;
        }
        pos += 8 + qint64(size) + (size & 1); // chunks are word-aligned
    }
    return info;
}

ContainerInfo readAvi(QIODevice& f)
{
    ContainerInfo info;
    info.format = QStringLiteral("avi");
    // RIFF AVI: LIST hdrl then avih (MainAVIHeader) right at the start in every writer we know.
    const QByteArray h = readAt(f, 12, 12 + 8 + 56);
    if (h.size() < 76 || h.mid(0, 4) != "LIST" || h.mid(8, 4) != "hdrl" || h.mid(12, 4) != "avih")
        return info;
    const char* avih = h.constData() + 20;
    const quint32 usPerFrame = qFromLittleEndian<quint32>(avih);
    const quint32 frames = qFromLittleEndian<quint32>(avih + 16);
    if (usPerFrame > 0 && frames > 0)
        info.durationMs = qint64(usPerFrame) * frames / 1000;
    return info;
}

ContainerInfo readIsoBmff(QIODevice& f)
{
    ContainerInfo info;
    info.format = QStringLiteral("mp4");
    const qint64 end = f.size();
    // Walks top-level boxes to moov (which many cameras write after mdat), then its children.
    const auto findBox
        = [&](qint64 from, qint64 to, const char* type) -> std::pair<qint64, qint64> {
        qint64 pos = from;
        for (int boxes = 0; boxes < 4096 && pos + 8 <= to; ++boxes) {
            const QByteArray h = readAt(f, pos, 16);
            if (h.size() < 8)
                break;
            qint64 size = qFromBigEndian<quint32>(h.constData());
            qint64 header = 8;
            if (size == 1 && h.size() >= 16) {
                size = qint64(qFromBigEndian<quint64>(h.constData() + 8));
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || pos + size > to)
                return {-1, -1}; // truncated or hostile size: stop rather than guess
            if (h.mid(4, 4) == type)
                return {pos + header, pos + size};
            pos += size;
        }
        return {-1, -1};
    };
    const auto [moovStart, moovEnd] = findBox(0, end, "moov");
    if (moovStart < 0)
        return info;
    const auto [mvhdStart, mvhdEnd] = findBox(moovStart, moovEnd, "mvhd");
    if (mvhdStart < 0)
        return info;
    const QByteArray b = readAt(f, mvhdStart, std::min<qint64>(mvhdEnd - mvhdStart, 32));
    if (b.size() < 20)
        return info;
    qint64 created = 0;
    quint32 timescale = 0;
    quint64 duration = 0;
    if (b[0] == 1 && b.size() >= 32) {
        created = qint64(qFromBigEndian<quint64>(b.constData() + 4));
        timescale = qFromBigEndian<quint32>(b.constData() + 20);
        duration = qFromBigEndian<quint64>(b.constData() + 24);
    } else if (b[0] == 0) {
        created = qFromBigEndian<quint32>(b.constData() + 4);
        timescale = qFromBigEndian<quint32>(b.constData() + 12);
        duration = qFromBigEndian<quint32>(b.constData() + 16);
    }
    if (timescale > 0 && duration != 0xffffffffu && duration < (quint64(1) << 50))
        info.durationMs = qint64(duration * 1000 / timescale);
    const qint64 createdMs = (created - kMp4EpochOffset) * 1000;
    if (created > kMp4EpochOffset && createdMs >= kEarliestPlausibleMs)
        info.createdMs = createdMs;
    return info;
}

ContainerInfo readAmr(QIODevice& f)
{
    ContainerInfo info;
    info.format = QStringLiteral("amr");
    // AMR-NB storage format (RFC 4867 §5): each frame is a header byte plus a payload whose
    // size depends on the mode, 20 ms each.
    static constexpr int kPayload[16] = {12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0};
    qint64 pos = 6;
    qint64 frames = 0;
    if (!f.seek(pos))
        return info;
    while (frames < 10'000'000) {
        char header = 0;
        if (!f.getChar(&header))
            break;
        const int ft = (quint8(header) >> 3) & 0x0f;
        pos += 1 + kPayload[ft];
        if (pos > f.size() || !f.seek(pos))
            break;
        ++frames;
    }
    info.durationMs = frames * 20;
    return info;
}

} // namespace

QString timeSourceName(TimeSource source)
{
    switch (source) {
    case TimeSource::Metadata:
        return QStringLiteral("metadata");
    case TimeSource::Container:
        return QStringLiteral("container");
    case TimeSource::Exif:
        return QStringLiteral("exif");
    case TimeSource::FileName:
        return QStringLiteral("file-name");
    case TimeSource::FileTime:
        return QStringLiteral("file-time");
    case TimeSource::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString timeSourceTitle(TimeSource source)
{
    switch (source) {
    case TimeSource::Metadata:
        return DevicesText::tr("the recording's metadata");
    case TimeSource::Container:
        return DevicesText::tr("the file's header");
    case TimeSource::Exif:
        return DevicesText::tr("the photo's EXIF data");
    case TimeSource::FileName:
        return DevicesText::tr("the file name");
    case TimeSource::FileTime:
        return DevicesText::tr("the file's modification time");
    case TimeSource::Unknown:
        break;
    }
    return DevicesText::tr("unknown");
}

std::optional<FileNameInfo> parseRecorderFileName(QStringView fileName, int utcOffsetSeconds)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    const QString base = (dot > 0 ? fileName.left(dot) : fileName).toString();
    static const QRegularExpression bodyCam(
        QStringLiteral("^([A-Za-z0-9]{3,32})_([A-Za-z0-9]{3,32})_(\\d{14})(?:_\\d+)?$"));
    static const QRegularExpression split(
        QStringLiteral("^(?:[A-Za-z]{1,8}[_-]?)?(\\d{8})[_-](\\d{6})(?:[_-].*)?$"));
    static const QRegularExpression joined(
        QStringLiteral("^(?:[A-Za-z]{1,8}[_-]?)?(\\d{14})(?:[_-].*)?$"));
    FileNameInfo info;
    QString digits;
    if (const auto m = bodyCam.match(base); m.hasMatch()) {
        info.pattern = 1;
        info.deviceId = m.captured(1);
        info.officerId = m.captured(2);
        digits = m.captured(3);
    } else if (const auto m2 = split.match(base); m2.hasMatch()) {
        info.pattern = 2;
        digits = m2.captured(1) + m2.captured(2);
    } else if (const auto m3 = joined.match(base); m3.hasMatch()) {
        info.pattern = 3;
        digits = m3.captured(1);
    } else {
        return std::nullopt;
    }
    const auto ms = localToUtcMs(digits, utcOffsetSeconds);
    if (!ms || *ms < kEarliestPlausibleMs)
        return std::nullopt;
    info.startMs = *ms;
    return info;
}

ContainerInfo readContainerHeader(QIODevice& file)
{
    ContainerInfo none;
    if (file.isSequential() || !file.seek(0))
        return none;
    const QByteArray head = file.read(16);
    ContainerInfo info;
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WAVE")
        info = readWav(file, head);
    else if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "AVI ")
        info = readAvi(file);
    else if (head.size() >= 8
        && (head.mid(4, 4) == "ftyp" || head.mid(4, 4) == "moov" || head.mid(4, 4) == "mdat"
            || head.mid(4, 4) == "wide"))
        info = readIsoBmff(file);
    else if (head.startsWith("#!AMR\n"))
        info = readAmr(file);
    file.seek(0);
    return info;
}

QtMediaInfo probeWithQtMultimedia(QIODevice& file, QStringView fileName, int timeoutMs)
{
    QtMediaInfo info;
    if (!QCoreApplication::instance()) {
        info.error = QStringLiteral("no QCoreApplication");
        return info;
    }
    file.seek(0);
    {
        QMediaPlayer player;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&player, &QMediaPlayer::mediaStatusChanged, &loop,
            [&loop](QMediaPlayer::MediaStatus status) {
                if (status == QMediaPlayer::LoadedMedia || status == QMediaPlayer::InvalidMedia)
                    loop.quit();
            });
        QObject::connect(&player, &QMediaPlayer::errorOccurred, &loop,
            [&loop, &info](QMediaPlayer::Error, const QString& text) {
                info.error = text;
                loop.quit();
            });
        // The URL only gives the backend a format hint; it never opens it.
        const qsizetype dot = fileName.lastIndexOf(u'.');
        const QString hint = QStringLiteral("media")
            + (dot >= 0 ? fileName.mid(dot).toString().toLower() : QString());
        player.setSourceDevice(&file, QUrl(hint));
        timeout.start(timeoutMs);
        if (player.mediaStatus() != QMediaPlayer::LoadedMedia && info.error.isEmpty())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        info.loaded = player.mediaStatus() == QMediaPlayer::LoadedMedia
            || player.mediaStatus() == QMediaPlayer::BufferedMedia;
        if (!info.loaded && info.error.isEmpty())
            info.error
                = timeout.isActive() ? QStringLiteral("invalid media") : QStringLiteral("timeout");
        if (info.loaded) {
            // FFmpeg backend: metaData()[Duration] is not set, player.duration() is (stack.md §5).
            info.durationMs = player.duration();
            if (info.durationMs <= 0)
                info.durationMs = player.metaData().value(QMediaMetaData::Duration).toLongLong();
            if (info.durationMs <= 0)
                info.durationMs = -1;
            const QDateTime date = player.metaData().value(QMediaMetaData::Date).toDateTime();
            if (date.isValid() && date.toMSecsSinceEpoch() >= kEarliestPlausibleMs)
                info.dateMs = date.toMSecsSinceEpoch();
        }
        player.setSourceDevice(nullptr);
    }
    file.seek(0);
    return info;
}

MediaTimes probeMediaTimes(
    QIODevice& file, QStringView fileName, qint64 mtimeMs, const ProbeOptions& options)
{
    MediaTimes t;
    const ContainerInfo container = readContainerHeader(file);
    QtMediaInfo qt;
    if (options.useQtMultimedia)
        qt = probeWithQtMultimedia(file, fileName, options.qtTimeoutMs);
    if (qt.durationMs > 0) {
        t.durationMs = qt.durationMs;
        t.durationSource = QStringLiteral("metadata");
    } else if (container.durationMs >= 0) {
        t.durationMs = container.durationMs;
        t.durationSource = QStringLiteral("container");
    }
    if (qt.dateMs > 0) {
        t.startMs = qt.dateMs;
        t.startSource = TimeSource::Metadata;
    } else if (container.createdMs > 0) {
        t.startMs = container.createdMs;
        t.startSource = TimeSource::Container;
    } else if (const auto named = parseRecorderFileName(fileName, options.utcOffsetSeconds)) {
        t.startMs = named->startMs;
        t.startSource = TimeSource::FileName;
    } else if (mtimeMs > 0) {
        // Recorders stamp mtime when they close the file: the end, not the start.
        t.startMs = t.durationMs > 0 ? mtimeMs - t.durationMs : mtimeMs;
        t.startSource = TimeSource::FileTime;
    }
    if (t.startSource == TimeSource::Metadata || t.startSource == TimeSource::Container) {
        constexpr qint64 kToleranceMs = 2 * 60 * 1000;
        if (const auto named = parseRecorderFileName(fileName, options.utcOffsetSeconds)) {
            const qint64 skew = t.startMs - named->startMs;
            if (options.utcOffsetSeconds != 0
                && std::abs(skew - qint64(options.utcOffsetSeconds) * 1000) <= kToleranceMs) {
                t.startMs = named->startMs;
                t.startSource = TimeSource::FileName;
                t.timeWarning = QCoreApplication::translate("Devices",
                    "The recording's container time is local time marked as UTC; the file-name "
                    "time is used.");
            } else if (std::abs(skew) > kToleranceMs) {
                t.timeWarning = QCoreApplication::translate("Devices",
                    "The container time and the file-name time differ by %1 min; check the "
                    "recorder's clock.")
                                    .arg(double(skew) / 60000.0, 0, 'f', 1);
            }
        }
    }
    file.seek(0);
    return t;
}

} // namespace fieldcase::devices
