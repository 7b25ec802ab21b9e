// A minimal, bounds-checked EXIF reader for JPEG files: DateTimeOriginal (with its offset) and
// the GPS position. Enough to date and place a photo; nothing else is parsed.
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace fieldcase::devices {

// The fields we read from a JPEG's EXIF (APP1) segment.
struct ExifData
{
    QString dateTimeOriginal; // "YYYY:MM:DD HH:MM:SS" as written (camera local time)
    QString offsetTimeOriginal; // "+08:00" (EXIF 2.31), often absent
    std::optional<double> latitude; // degrees, south negative
    std::optional<double> longitude; // degrees, west negative
    std::optional<double> altitudeM; // below sea level negative
    QString make;
    QString model;

    // DateTimeOriginal as Unix ms, using OffsetTimeOriginal when present, else
    // defaultUtcOffsetSeconds; nullopt if absent or malformed.
    [[nodiscard]] std::optional<qint64> takenAtMs(int defaultUtcOffsetSeconds = 8 * 3600) const;
    // The GPS position as an event position object (lat, lon, altitudeM, source "exif"), or
    // empty when there is none or it is out of range.
    [[nodiscard]] QJsonObject position() const;
};

// Parses the TIFF structure of an EXIF payload (after "Exif\0\0").
[[nodiscard]] std::optional<ExifData> parseExifTiff(const QByteArray& tiff);
// Finds the EXIF APP1 segment of a JPEG (markers before the image data only, at most 64 KiB
// each) and parses it. nullopt if the file is no JPEG or has no EXIF.
[[nodiscard]] std::optional<ExifData> readJpegExif(QIODevice& jpeg);

} // namespace fieldcase::devices
