// Importing photos and videos from a digital camera's card (DCIM on USB mass storage), with an
// optional captioned copy (time, place, case number) for printing.
#pragma once

#include "core/store/casestore.h"
#include "devices/camera/exifreader.h"
#include "devices/recorder/recorder.h"

#include <QImage>

namespace fieldcase::devices {

// One photo or video on the card.
struct CameraItem : MediaFile // kind is "photo" or "video"
{
    qint64 takenMs = 0; // Unix ms
    TimeSource timeSource = TimeSource::Unknown; // Exif, Container, FileName or FileTime
    std::optional<ExifData> exif; // JPEGs with an EXIF segment
};

// A card's listing, by time taken.
struct CameraListing
{
    QString root;
    QList<CameraItem> items;
    QList<WalkSkip> skipped;
    bool truncated = false;
};

// Lists JPEGs and videos (jpg jpeg mp4 mov avi) under root, usually the card's mount point or
// its DCIM folder, with the same guards as recorders (safewalk.h). Times: EXIF DateTimeOriginal,
// then the video container header (no Qt Multimedia: cheap and backend-free), then the file name
// (mediaprobe.h patterns, also IMG_YYYYMMDD_hhmmss), then mtime. Blocking.
[[nodiscard]] Result<CameraListing> listCameraFolder(
    const QString& root, const WalkLimits& limits = {}, int utcOffsetSeconds = 8 * 3600);

// What to stamp on imported items.
struct CameraImportOptions
{
    // The terminal's position (eventPosition() of an accepted fix), used when the photo has no
    // EXIF GPS position of its own; empty for none.
    QJsonObject position;
    bool captionedCopy = false; // also store a copy with the caption burned in (photos only)
    QString caseNumber; // printed in the caption
    int utcOffsetSeconds = 8 * 3600; // caption times are local (Beijing) time
};

// Original and, if asked for, its captioned copy.
struct CameraImportResult
{
    ImportedEvidence original;
    std::optional<ImportedEvidence> captioned;
};

// Imports one item into caseId: the original file unchanged, with capturedAt = takenMs and the
// position (EXIF GPS first, else options.position). With captionedCopy, a second evidence item:
// the original as stored (read back from the store, so it is exactly what was hashed) with the
// caption burned in, as JPEG, whose description names the original's hash and evidence id.
// Idempotent per case like recorder imports, for the original and the copy alike.
[[nodiscard]] Result<CameraImportResult> importCameraItem(CaseStore& store, const Actor& actor,
    const QString& caseId, const QString& root, const CameraItem& item,
    const CameraImportOptions& options = {});

// What the caption says.
struct CaptionText
{
    qint64 takenMs = 0;
    int utcOffsetSeconds = 8 * 3600;
    QJsonObject position; // lat/lon, may be empty
    QString caseNumber;
};

// The caption lines: time (local, with the offset), position (or "No position"), case number
// (if any) and "FieldCase".
[[nodiscard]] QStringList captionLines(const CaptionText& text);
// A copy of image with a dark band along the bottom holding captionLines(), drawn with
// QPainter; the image itself is not scaled or covered. Needs a QGuiApplication (fonts).
[[nodiscard]] QImage burnCaption(const QImage& image, const CaptionText& text);

} // namespace fieldcase::devices
