// Body cams (执法记录仪) and audio recorders (录音笔) mounted as USB mass storage: finding them,
// listing their recordings and importing them into a case's evidence.
#pragma once

#include "core/store/casestore.h"
#include "core/util/result.h"
#include "devices/recorder/mediaprobe.h"
#include "devices/recorder/safewalk.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace fieldcase::devices {

// A volume that looks like a recorder, and who it belongs to.
//
// Device identity convention (demo devices, and what we ask vendors for): a text file
// "FIELDCASE.ID" (or "DEVICE.ID" / "DEVICEID.TXT", the names several body cams already use) at
// the volume root, UTF-8, "key=value" lines, '#' comments; keys device_id, serial, officer_id,
// model, all optional. Example:
//     device_id=DSJ0012345
//     serial=SN20260001
//     officer_id=110101
//     model=DSJ-Demo
// Without it, the device and officer ids come from GA/T 947-style file names (mediaprobe.h).
struct RecorderInfo
{
    QString root; // mount point or chosen folder
    QString deviceId;
    QString serial;
    QString officerId;
    QString model;
    QString idFile; // name of the identity file read, empty if none
    QStringList mediaDirs; // recorder folders found at the root (DCIM, RECORD, VIDEO, ...)
};

// Mount points of removable media in a /proc/self/mountinfo text: those under /media, /run/media
// or /mnt (where udisks and people mount USB volumes), with octal escapes decoded.
[[nodiscard]] QStringList removableMountPoints(const QByteArray& mountinfo);
// removableMountPoints() of this process's /proc/self/mountinfo.
[[nodiscard]] QStringList defaultMountRoots();

// The recorder at root, or NotFound if it has neither a recorder folder (DCIM, RECORD, VIDEO,
// AUDIO, VOICE, RECORDER, FILE, 100MEDIA, case-insensitive) nor an identity file. An identity
// file that is a symlink, too large (> 4 KiB) or not UTF-8 is ignored.
[[nodiscard]] Result<RecorderInfo> detectRecorder(const QString& root);
// Every recorder among roots (each a mount point or a folder chosen by the officer).
[[nodiscard]] QList<RecorderInfo> findRecorders(const QStringList& roots);

// A media file found by walkTree on a device volume: what recorders and camera cards share.
struct MediaFile
{
    QString relativePath; // below the volume's root
    QString fileName;
    QString kind; // "video", "audio" or "photo" (EvidenceMeta kind)
    QString mediaType; // e.g. video/mp4
    qint64 size = 0;
    qint64 mtimeMs = 0;
    quint64 device = 0; // identity at listing time, re-checked at import
    quint64 inode = 0;

    // The walk entry's path, identity and size, with kind and media type from the name.
    [[nodiscard]] static MediaFile fromWalk(const WalkEntry& entry);
};

// One media file on a recorder.
struct Recording : MediaFile
{
    qint64 startMs = 0; // Unix ms
    qint64 durationMs = -1; // -1 unknown, 0 for stills
    TimeSource startSource = TimeSource::Unknown;
    QString durationSource;
    QString timeWarning; // MediaTimes::timeWarning: container and file name disagree
    QString officerId; // from the file name, else the identity file
    QString deviceId;

    [[nodiscard]] qint64 endMs() const { return startMs + std::max<qint64>(durationMs, 0); }
    // The start time deserves a second look (mtime or nothing).
    [[nodiscard]] bool lowConfidence() const { return isLowConfidence(startSource); }
};

// A recorder's listing: the recordings by start time and every entry left out.
struct RecorderListing
{
    RecorderInfo device;
    QList<Recording> recordings;
    QList<WalkSkip> skipped;
    bool truncated = false;
};

// How listRecordings() works.
struct ListOptions
{
    WalkLimits limits;
    ProbeOptions probe;
};

// Media extensions listed (lower case): mp4 mov avi wav mp3 aac m4a amr jpg jpeg.
[[nodiscard]] bool isRecorderMediaName(QStringView fileName);
// kind and media type by extension; {"", ""} for anything else.
[[nodiscard]] std::pair<QString, QString> mediaKindAndType(QStringView fileName);

// Lists every media file on the recorder with its start time and duration. Blocking (reads
// headers and runs Qt Multimedia with a timeout per file): call it off the GUI thread.
[[nodiscard]] Result<RecorderListing> listRecordings(
    const RecorderInfo& device, const ListOptions& options = {});

// What importing one file did.
struct ImportedEvidence
{
    enum class Outcome {
        Imported, // a new evidence item of the case
        AlreadyImported, // identical content is already evidence of this case: nothing added
    };
    Outcome outcome = Outcome::Imported;
    QString evidenceId;
    QString eventId; // evidence.attached (the earlier one for AlreadyImported)
    QString hashHex; // lowercase content hash, from the store
    QString hashAlgorithm; // "sm3" unless the store was configured otherwise
    qint64 size = 0;
};

// Attaches the recording to caseId. The file is reopened without following symlinks and must be
// the same regular file, of the same size, that was listed (else Conflict; NotFound if it has
// gone). The store hashes and encrypts; the result's hash comes from the store and its size is
// checked against the listing. Idempotent per case: a file whose content is already evidence
// of the case is reported as AlreadyImported and nothing is appended. Only files whose size
// matches existing evidence of the case are hashed for that check, so a new file is read once.
// Blocking: call it off the GUI thread (CaseStore is not shared between threads: give the worker
// the store for the duration of the import).
[[nodiscard]] Result<ImportedEvidence> importRecording(CaseStore& store, const Actor& actor,
    const QString& caseId, const RecorderInfo& device, const Recording& recording,
    const QJsonObject& position = {});

// A file on a device volume as a listing saw it.
struct DeviceFile
{
    QString root;
    QString relativePath;
    qint64 size = 0;
    quint64 device = 0;
    quint64 inode = 0;
};

// The import step shared by recorders and cameras (see importRecording for the checks and the
// idempotency rule): attaches the file with meta and returns what the store recorded.
[[nodiscard]] Result<ImportedEvidence> importDeviceFile(CaseStore& store, const Actor& actor,
    const QString& caseId, const DeviceFile& file, const EvidenceMeta& meta);

// The evidence of caseId whose content equals the open file (hashing it only if some evidence
// has the same size), or nullopt. The file is left at position 0.
[[nodiscard]] Result<std::optional<ImportedEvidence>> findIdenticalEvidence(
    CaseStore& store, const QString& caseId, QIODevice& file, qint64 size);

} // namespace fieldcase::devices
