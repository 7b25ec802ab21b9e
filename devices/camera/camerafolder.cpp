#include "devices/camera/camerafolder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QRegularExpression>

#include <unistd.h>

namespace fieldcase::devices {

namespace {

// Captioned copies are made in memory; larger originals are imported without one.
constexpr qint64 kMaxCaptionSourceBytes = 64 * 1024 * 1024;

bool isCameraMediaName(QStringView name)
{
    const QString kind = mediaKindAndType(name).first;
    const QString lower = name.toString().toLower();
    return kind == u"photo" || (kind == u"video" && !lower.endsWith(u".wav"));
}

// Phone and camera names ("IMG_20261121_081500.jpg") fit pattern 2 of parseRecorderFileName.
std::optional<qint64> fileNameTime(QStringView name, int utcOffsetSeconds)
{
    if (const auto info = parseRecorderFileName(name, utcOffsetSeconds))
        return info->startMs;
    return std::nullopt;
}

QString degreesText(double value, char16_t positive, char16_t negative)
{
    return QStringLiteral("%1%2°")
        .arg(QChar(value < 0 ? negative : positive))
        .arg(std::abs(value), 0, 'f', 6);
}

} // namespace

Result<CameraListing> listCameraFolder(
    const QString& root, const WalkLimits& limits, int utcOffsetSeconds)
{
    auto walked = walkTree(root, limits, isCameraMediaName);
    if (!walked)
        return fail(std::move(walked.error()));
    CameraListing listing;
    listing.root = root;
    listing.skipped = std::move(walked->skipped);
    listing.truncated = walked->truncated;
    for (const WalkEntry& e : walked->files) {
        CameraItem item;
        static_cast<MediaFile&>(item) = MediaFile::fromWalk(e);
        auto fd = openNoFollow(root, e.relativePath, e.device, e.inode);
        if (!fd) {
            listing.skipped.append({e.relativePath, SkipReason::Unreadable, fd.error().message});
            continue;
        }
        QFile f;
        if (!f.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(*fd);
            listing.skipped.append({e.relativePath, SkipReason::Unreadable, f.errorString()});
            continue;
        }
        if (item.kind == u"photo") {
            item.exif = readJpegExif(f);
            if (item.exif) {
                if (const auto taken = item.exif->takenAtMs(utcOffsetSeconds)) {
                    item.takenMs = *taken;
                    item.timeSource = TimeSource::Exif;
                }
            }
        } else {
            const ContainerInfo c = readContainerHeader(f);
            if (c.createdMs > 0) {
                item.takenMs = c.createdMs;
                item.timeSource = TimeSource::Container;
            }
        }
        if (item.timeSource == TimeSource::Unknown) {
            if (const auto named = fileNameTime(item.fileName, utcOffsetSeconds)) {
                item.takenMs = *named;
                item.timeSource = TimeSource::FileName;
            } else if (item.mtimeMs > 0) {
                item.takenMs = item.mtimeMs;
                item.timeSource = TimeSource::FileTime;
            }
        }
        listing.items.append(std::move(item));
    }
    std::stable_sort(listing.items.begin(), listing.items.end(),
        [](const CameraItem& a, const CameraItem& b) { return a.takenMs < b.takenMs; });
    return listing;
}

QStringList captionLines(const CaptionText& text)
{
    QStringList lines;
    if (text.takenMs > 0) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(
            text.takenMs, Qt::OffsetFromUTC, text.utcOffsetSeconds);
        lines << local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + u' '
                + local.timeZoneAbbreviation();
    } else {
        lines << QCoreApplication::translate("Devices", "Time unknown");
    }
    if (text.position.contains(QLatin1String("lat"))
        && text.position.contains(QLatin1String("lon")))
        lines << degreesText(text.position.value(QLatin1String("lat")).toDouble(), u'N', u'S')
                + u' '
                + degreesText(text.position.value(QLatin1String("lon")).toDouble(), u'E', u'W');
    else
        lines << QCoreApplication::translate("Devices", "No position");
    if (!text.caseNumber.isEmpty())
        lines << QCoreApplication::translate("Devices", "Case %1").arg(text.caseNumber);
    lines << QStringLiteral("FieldCase");
    return lines;
}

QImage burnCaption(const QImage& image, const CaptionText& text)
{
    const QStringList lines = captionLines(text);
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    // Readable on a print and on screen: about 1/40 of the image height, at least 10 px.
    font.setPixelSize(std::max(10, image.height() / 40));
    const QFontMetrics metrics(font);
    const int lineHeight = metrics.height();
    const int pad = std::max(4, lineHeight / 3);
    const int band = pad * 2 + lineHeight * int(lines.size());
    // The band is added below the picture, so nothing of the original is covered.
    QImage out(image.width(), image.height() + band, QImage::Format_RGB32);
    out.fill(Qt::black);
    QPainter p(&out);
    p.drawImage(0, 0, image);
    p.setFont(font);
    p.setPen(Qt::white);
    for (int i = 0; i < lines.size(); ++i)
        p.drawText(
            QRect(pad, image.height() + pad + i * lineHeight, out.width() - 2 * pad, lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
    p.end();
    return out;
}

Result<CameraImportResult> importCameraItem(CaseStore& store, const Actor& actor,
    const QString& caseId, const QString& root, const CameraItem& item,
    const CameraImportOptions& options)
{
    const QJsonObject exifPosition = item.exif ? item.exif->position() : QJsonObject();
    EvidenceMeta meta;
    meta.kind = item.kind;
    meta.mediaType = item.mediaType;
    meta.title = item.fileName;
    meta.capturedAt = item.takenMs;
    meta.position = exifPosition.isEmpty() ? options.position : exifPosition;
    meta.description = QCoreApplication::translate(
        "Devices", "Imported from camera folder, file %1. Time from: %2%3.")
                           .arg(item.relativePath, timeSourceTitle(item.timeSource),
                               isLowConfidence(item.timeSource)
                                   ? QCoreApplication::translate("Devices", " (low confidence)")
                                   : QString());
    auto original = importDeviceFile(
        store, actor, caseId, {root, item.relativePath, item.size, item.device, item.inode}, meta);
    if (!original)
        return fail(std::move(original.error()));
    CameraImportResult result {*original, std::nullopt};
    if (!options.captionedCopy || item.kind != u"photo" || item.size > kMaxCaptionSourceBytes)
        return result;

    // Render from the stored original (decrypted and verified), not from the card: the copy is
    // then provably derived from exactly the bytes whose hash it names.
    QBuffer stored;
    stored.open(QIODevice::WriteOnly);
    auto read = store.readEvidence(original->hashHex, stored);
    if (!read)
        return fail(std::move(read.error()));
    QImage image;
    if (!image.loadFromData(stored.data(), "JPEG"))
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "The photo %1 cannot be decoded for a caption.")
                .arg(item.relativePath),
            item.relativePath);
    const QImage captioned = burnCaption(
        image, {item.takenMs, options.utcOffsetSeconds, meta.position, options.caseNumber});
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    if (!captioned.save(&encoded, "JPEG", 92))
        return fail(ErrorCode::Internal,
            QCoreApplication::translate("Devices", "The captioned copy could not be encoded."));
    encoded.close();
    encoded.open(QIODevice::ReadOnly);

    EvidenceMeta derived = meta;
    derived.title
        = QCoreApplication::translate("Devices", "%1 (captioned copy)").arg(item.fileName);
    derived.mediaType = QStringLiteral("image/jpeg");
    derived.description
        = QCoreApplication::translate("Devices",
            "Captioned copy derived from evidence %1, %2:%3; the original is kept unchanged.")
              .arg(original->evidenceId, original->hashAlgorithm, original->hashHex);
    auto identical = findIdenticalEvidence(store, caseId, encoded, encoded.size());
    if (!identical)
        return fail(std::move(identical.error()));
    if (*identical) {
        result.captioned = **identical;
        return result;
    }
    auto attached = store.attachEvidence(actor, caseId, encoded, derived);
    if (!attached)
        return fail(std::move(attached.error()));
    ImportedEvidence copy;
    copy.evidenceId = attached->payload.value(QLatin1String("evidenceId")).toString();
    copy.eventId = attached->id;
    copy.hashHex = attached->payload.value(QLatin1String("blobHash")).toString();
    copy.hashAlgorithm = attached->payload.value(QLatin1String("hashAlgorithm")).toString();
    copy.size = attached->payload.value(QLatin1String("size")).toInteger();
    result.captioned = copy;
    return result;
}

} // namespace fieldcase::devices
