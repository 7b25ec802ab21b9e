// Real media for device tests: short clips and sounds made with ffmpeg, JPEGs with a hand-built
// EXIF segment, and an SM3 computed by openssl (independently of FieldCase's own).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldcase::test {

// Runs program with args (timeout 60 s) and REQUIREs exit code 0; returns its stdout.
QByteArray runTool(const QString& program, const QStringList& args);

// A 320x240 test-pattern video of `seconds` (libx264 for mp4/mov, mjpeg for avi, by extension);
// creationTimeUtc ("2026-11-21T00:15:00Z") is written as the container creation time if given.
void makeVideo(const QString& path, double seconds, const QString& creationTimeUtc = {});
// A sine tone of `seconds`; the format follows the extension (wav, mp3, m4a).
void makeAudio(const QString& path, double seconds, const QString& creationTimeUtc = {});
// A single-frame JPEG (ffmpeg testsrc) with no EXIF.
void makeJpeg(const QString& path, int width = 320, int height = 240);

// Lowercase hex SM3 of a file, from `openssl dgst -sm3`.
QString opensslSm3(const QString& path);

// What to put in a test EXIF segment.
struct ExifSpec
{
    QString dateTimeOriginal; // "2026:11:21 08:15:30"; empty: none
    QString offsetTimeOriginal; // "+08:00"; empty: none
    std::optional<double> latitude; // signed degrees
    std::optional<double> longitude;
    std::optional<double> altitudeM;
    QString make;
    bool bigEndian = false; // "MM" byte order instead of "II"
};

// The TIFF structure of an EXIF segment (what follows "Exif\0\0").
QByteArray buildExifTiff(const ExifSpec& spec);
// jpeg with an APP1 EXIF segment inserted right after SOI.
QByteArray insertExif(const QByteArray& jpeg, const QByteArray& tiff);

// Sets a file's mtime (seconds since the epoch), without following a symlink.
void setMtime(const QString& path, qint64 secondsSinceEpoch);

} // namespace fieldcase::test
