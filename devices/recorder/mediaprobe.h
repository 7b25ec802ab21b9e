// Duration and start time of a recording: Qt Multimedia metadata, then the container header
// (read by us, independent of the media backend), then the file name, then the file time.
#pragma once

#include <QIODevice>
#include <QString>
#include <QStringView>

#include <optional>

namespace fieldcase::devices {

// Where a recording's start time came from, most trusted first.
enum class TimeSource {
    Metadata, // Qt Multimedia QMediaMetaData::Date (the container's creation time)
    Container, // our own header reader (MP4/MOV mvhd creation time)
    Exif, // JPEG EXIF DateTimeOriginal
    FileName, // the recorder's file-name timestamp (see parseRecorderFileName)
    FileTime, // the file's mtime on the volume: low confidence (copying resets it)
    Unknown,
};

// Stable English identifier ("metadata", "container", "exif", "file-name", "file-time").
[[nodiscard]] QString timeSourceName(TimeSource source);
// The source as an officer reads it, in the UI language (for evidence descriptions).
[[nodiscard]] QString timeSourceTitle(TimeSource source);
// True for sources an officer should double-check (file time, unknown).
[[nodiscard]] inline bool isLowConfidence(TimeSource source)
{
    return source == TimeSource::FileTime || source == TimeSource::Unknown;
}

// What the recorder's file name says. Accepted patterns (base name, extension ignored, case-
// insensitive); the time is the recorder's local time, converted with utcOffsetSeconds:
//   1. <device>_<officer>_YYYYMMDDhhmmss[_<seq>]  body cams in the GA/T 947 style
//                                               (e.g. DSJ0012345_110101_20261121081500_0001)
//   2. [<prefix>_]YYYYMMDD_hhmmss[_<any>]         e.g. 20261121_081500_0001, REC_20261121_081500
//      ('-' is accepted instead of '_')
//   3. [<prefix>_]YYYYMMDDhhmmss[_<any>]          e.g. VID20261121081500, 20261121081500_A
// <prefix> is 1-8 ASCII letters; <device> and <officer> are 3-32 ASCII letters or digits.
struct FileNameInfo
{
    qint64 startMs = 0; // Unix ms, UTC
    QString deviceId; // pattern 1 only
    QString officerId; // pattern 1 only
    int pattern = 0; // 1..3
};

// nullopt if the name matches no pattern or names an impossible date or time.
[[nodiscard]] std::optional<FileNameInfo> parseRecorderFileName(
    QStringView fileName, int utcOffsetSeconds = 8 * 3600);

// What our own container reader found. Backend-independent: WAV (RIFF fmt/data), AVI (avih),
// MP4/MOV/M4A/3GP (moov/mvhd) and AMR-NB (frame count). -1/0 where unknown.
struct ContainerInfo
{
    qint64 durationMs = -1;
    qint64 createdMs = 0; // Unix ms (mvhd creation time; 0 when absent or before 2000)
    QString format; // "wav", "avi", "mp4", "amr" or empty
};

// Reads the header of an open, seekable file. Never reads more than a few kilobytes per box and
// never trusts a size field beyond the file's end.
[[nodiscard]] ContainerInfo readContainerHeader(QIODevice& file);

// What Qt Multimedia reported for a file.
struct QtMediaInfo
{
    bool loaded = false; // LoadedMedia reached before the timeout
    qint64 durationMs = -1;
    qint64 dateMs = 0; // QMediaMetaData::Date, Unix ms; 0 if absent
    QString error; // player error text, or "timeout"
};

// Loads the open file in a QMediaPlayer (setSourceDevice: the player never reopens the path, so
// it reads exactly the file that was checked) and waits (local event loop) for LoadedMedia, an
// error or timeoutMs; fileName's extension is the format hint. Runs in the calling thread, which
// may be a worker thread (tested with QtConcurrent); needs a QCoreApplication. Use the FFmpeg
// backend (QT_MEDIA_BACKEND=ffmpeg, set before the first multimedia object): Qt 6.4's GStreamer
// backend reports duration 0 for audio-only files when there is no audio output, which is the case
// on a terminal without PulseAudio.
[[nodiscard]] QtMediaInfo probeWithQtMultimedia(
    QIODevice& file, QStringView fileName, int timeoutMs = 5000);

// The combined verdict for one media file.
struct MediaTimes
{
    qint64 durationMs = -1; // -1 if nothing could tell (still images: 0)
    qint64 startMs = 0; // Unix ms
    TimeSource startSource = TimeSource::Unknown;
    QString durationSource; // "metadata", "container" or empty
    // Set when the container time and the file-name time disagree (translated, for the officer).
    QString timeWarning;
};

// How probeMediaTimes() looks.
struct ProbeOptions
{
    bool useQtMultimedia = true; // off: container reader + file name + mtime only
    int qtTimeoutMs = 5000;
    int utcOffsetSeconds = 8 * 3600; // recorder clocks run on Beijing time
};

// Start time and duration of the open file `file` named fileName with mtime mtimeMs, trying
// (for the start) Qt metadata, container, file name, mtime and (for the duration) Qt, container.
// Many DVRs write their local clock into the container as if it were UTC: when the container
// time is the file-name time shifted by exactly the UTC offset (within 2 min), the file-name time
// is used; any other disagreement over 2 min keeps the container time and sets timeWarning.
// The file is left at position 0.
[[nodiscard]] MediaTimes probeMediaTimes(
    QIODevice& file, QStringView fileName, qint64 mtimeMs, const ProbeOptions& options = {});

} // namespace fieldcase::devices
