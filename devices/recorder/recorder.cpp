#include "devices/recorder/recorder.h"

#include "core/crypto/hash.h"
#include "devices/camera/exifreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fieldcase::devices {

namespace {

const QStringList& recorderDirNames()
{
    static const QStringList names {QStringLiteral("DCIM"), QStringLiteral("RECORD"),
        QStringLiteral("VIDEO"), QStringLiteral("AUDIO"), QStringLiteral("VOICE"),
        QStringLiteral("RECORDER"), QStringLiteral("FILE"), QStringLiteral("100MEDIA")};
    return names;
}

const QStringList& idFileNames()
{
    static const QStringList names {QStringLiteral("FIELDCASE.ID"), QStringLiteral("DEVICE.ID"),
        QStringLiteral("DEVICEID.TXT")};
    return names;
}

// Decodes the \040-style octal escapes of /proc mountinfo fields.
QString unescapeMountField(const QByteArray& field)
{
    QByteArray out;
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int v = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok && v < 256) {
                out += char(v);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return QFile::decodeName(out);
}

// Reads a small identity file at the root without following a symlink.
QByteArray readIdFile(const QString& root, const QString& name)
{
    auto fd = openNoFollow(root, name);
    if (!fd)
        return {};
    QFile f;
    if (!f.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(*fd);
        return {};
    }
    if (f.size() > 4096)
        return {};
    return f.read(4096);
}

} // namespace

QStringList removableMountPoints(const QByteArray& mountinfo)
{
    static const QStringList prefixes {
        QStringLiteral("/media/"), QStringLiteral("/run/media/"), QStringLiteral("/mnt/")};
    static const QStringList virtualFs {QStringLiteral("proc"), QStringLiteral("sysfs"),
        QStringLiteral("tmpfs"), QStringLiteral("devtmpfs"), QStringLiteral("cgroup2"),
        QStringLiteral("overlay"), QStringLiteral("autofs")};
    QStringList out;
    for (const QByteArray& line : mountinfo.split('\n')) {
        // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": field 5 is the
        // mount point; after the " - " separator come the fs type and source.
        const QList<QByteArray> fields = line.split(' ');
        const qsizetype dash = fields.indexOf("-");
        if (fields.size() < 5 || dash < 0 || dash + 1 >= fields.size())
            continue;
        const QString mountPoint = unescapeMountField(fields[4]);
        const QString fsType = QString::fromLatin1(fields[dash + 1]);
        if (virtualFs.contains(fsType))
            continue;
        for (const QString& prefix : prefixes) {
            if (mountPoint.startsWith(prefix) && !out.contains(mountPoint))
                out.append(mountPoint);
        }
    }
    return out;
}

QStringList defaultMountRoots()
{
    QFile f(QStringLiteral("/proc/self/mountinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return removableMountPoints(f.readAll());
}

Result<RecorderInfo> detectRecorder(const QString& root)
{
    auto walked = walkTree(root, WalkLimits {0, 64, 1024});
    if (!walked)
        return fail(std::move(walked.error()));
    RecorderInfo info;
    info.root = root;
    // Top-level directories show up as too-deep skips with depth limit 0; that is all we need.
    for (const WalkSkip& s : walked->skipped) {
        if (s.reason == SkipReason::TooDeep) {
            for (const QString& name : recorderDirNames()) {
                if (s.relativePath.compare(name, Qt::CaseInsensitive) == 0)
                    info.mediaDirs.append(s.relativePath);
            }
        }
    }
    for (const WalkEntry& e : walked->files) {
        for (const QString& name : idFileNames()) {
            if (!info.idFile.isEmpty() || e.relativePath.compare(name, Qt::CaseInsensitive) != 0)
                continue;
            const QByteArray raw = readIdFile(root, e.relativePath);
            auto decoder = QStringDecoder(QStringDecoder::Utf8);
            const QString text = decoder(raw);
            if (raw.isEmpty() || decoder.hasError())
                continue;
            info.idFile = e.relativePath;
            for (const QString& line : text.split(u'\n')) {
                const QString l = line.trimmed();
                const qsizetype eq = l.indexOf(u'=');
                if (l.startsWith(u'#') || eq <= 0)
                    continue;
                const QString key = l.left(eq).trimmed().toLower();
                QString value = l.mid(eq + 1).trimmed().left(64);
                // Only printable values reach the case record.
                value.removeIf([](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
                if (key == u"device_id")
                    info.deviceId = value;
                else if (key == u"serial")
                    info.serial = value;
                else if (key == u"officer_id")
                    info.officerId = value;
                else if (key == u"model")
                    info.model = value;
            }
        }
    }
    if (info.mediaDirs.isEmpty() && info.idFile.isEmpty())
        return fail(ErrorCode::NotFound,
            QCoreApplication::translate("Devices", "No recorder found in %1.").arg(root), root);
    return info;
}

QList<RecorderInfo> findRecorders(const QStringList& roots)
{
    QList<RecorderInfo> out;
    for (const QString& root : roots) {
        if (auto found = detectRecorder(root))
            out.append(std::move(*found));
    }
    return out;
}

std::pair<QString, QString> mediaKindAndType(QStringView fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot < 0)
        return {};
    const QString ext = fileName.mid(dot + 1).toString().toLower();
    static const QHash<QString, std::pair<QString, QString>> table {
        {QStringLiteral("mp4"), {QStringLiteral("video"), QStringLiteral("video/mp4")}},
        {QStringLiteral("mov"), {QStringLiteral("video"), QStringLiteral("video/quicktime")}},
        {QStringLiteral("avi"), {QStringLiteral("video"), QStringLiteral("video/x-msvideo")}},
        {QStringLiteral("wav"), {QStringLiteral("audio"), QStringLiteral("audio/wav")}},
        {QStringLiteral("mp3"), {QStringLiteral("audio"), QStringLiteral("audio/mpeg")}},
        {QStringLiteral("aac"), {QStringLiteral("audio"), QStringLiteral("audio/aac")}},
        {QStringLiteral("m4a"), {QStringLiteral("audio"), QStringLiteral("audio/mp4")}},
        {QStringLiteral("amr"), {QStringLiteral("audio"), QStringLiteral("audio/amr")}},
        {QStringLiteral("jpg"), {QStringLiteral("photo"), QStringLiteral("image/jpeg")}},
        {QStringLiteral("jpeg"), {QStringLiteral("photo"), QStringLiteral("image/jpeg")}},
    };
    return table.value(ext);
}

bool isRecorderMediaName(QStringView fileName)
{
    return !mediaKindAndType(fileName).first.isEmpty();
}

MediaFile MediaFile::fromWalk(const WalkEntry& entry)
{
    MediaFile f;
    f.relativePath = entry.relativePath;
    f.fileName = entry.relativePath.section(u'/', -1);
    std::tie(f.kind, f.mediaType) = mediaKindAndType(f.fileName);
    f.size = entry.size;
    f.mtimeMs = entry.mtimeMs;
    f.device = entry.device;
    f.inode = entry.inode;
    return f;
}

Result<RecorderListing> listRecordings(const RecorderInfo& device, const ListOptions& options)
{
    auto walked = walkTree(device.root, options.limits, isRecorderMediaName);
    if (!walked)
        return fail(std::move(walked.error()));
    RecorderListing listing;
    listing.device = device;
    listing.skipped = std::move(walked->skipped);
    listing.truncated = walked->truncated;
    for (const WalkEntry& e : walked->files) {
        Recording r;
        static_cast<MediaFile&>(r) = MediaFile::fromWalk(e);
        r.officerId = device.officerId;
        r.deviceId = device.deviceId;
        if (const auto named = parseRecorderFileName(r.fileName, options.probe.utcOffsetSeconds)) {
            if (!named->officerId.isEmpty())
                r.officerId = named->officerId;
            if (!named->deviceId.isEmpty() && r.deviceId.isEmpty())
                r.deviceId = named->deviceId;
        }
        auto fd = openNoFollow(device.root, e.relativePath, e.device, e.inode);
        if (!fd) {
            // Gone or swapped since the walk: report it like any other skipped entry.
            listing.skipped.append({e.relativePath,
                fd.error().code == ErrorCode::NotFound ? SkipReason::Unreadable
                                                       : SkipReason::NotRegularFile,
                fd.error().message});
            continue;
        }
        QFile f;
        if (!f.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(*fd);
            listing.skipped.append({e.relativePath, SkipReason::Unreadable, f.errorString()});
            continue;
        }
        ProbeOptions probe = options.probe;
        if (r.kind == u"photo")
            probe.useQtMultimedia = false; // stills: the camera module reads EXIF
        const MediaTimes t = probeMediaTimes(f, r.fileName, r.mtimeMs, probe);
        r.startMs = t.startMs;
        r.startSource = t.startSource;
        r.timeWarning = t.timeWarning;
        // Body-cam snapshots carry their time in EXIF, ahead of the file name and mtime.
        if (r.kind == u"photo") {
            if (const auto exif = readJpegExif(f)) {
                if (const auto taken = exif->takenAtMs(options.probe.utcOffsetSeconds)) {
                    r.startMs = *taken;
                    r.startSource = TimeSource::Exif;
                }
            }
        }
        r.durationMs = r.kind == u"photo" ? 0 : t.durationMs;
        r.durationSource = t.durationSource;
        listing.recordings.append(std::move(r));
    }
    std::stable_sort(listing.recordings.begin(), listing.recordings.end(),
        [](const Recording& a, const Recording& b) { return a.startMs < b.startMs; });
    return listing;
}

Result<std::optional<ImportedEvidence>> findIdenticalEvidence(
    CaseStore& store, const QString& caseId, QIODevice& file, qint64 size)
{
    auto events = store.caseEvents(caseId);
    if (!events)
        return fail(std::move(events.error()));
    QHash<QString, QByteArray> computed; // algorithm name -> hex digest of this file
    std::optional<ImportedEvidence> found;
    for (const Event& e : *events) {
        if (e.type != u"evidence.attached"
            || e.payload.value(QLatin1String("size")).toInteger() != size)
            continue;
        const QString algName = e.payload.value(QLatin1String("hashAlgorithm")).toString();
        const auto alg = hashAlgorithmFromName(algName);
        if (!alg)
            continue;
        if (!computed.contains(algName)) {
            Hasher hasher(*alg);
            file.seek(0);
            QByteArray chunk;
            while (!(chunk = file.read(1 << 20)).isEmpty())
                hasher.addData(chunk);
            if (!file.atEnd())
                return fail(ErrorCode::Io,
                    QCoreApplication::translate("Devices", "Cannot read the file: %1")
                        .arg(file.errorString()));
            computed.insert(algName, hasher.result().toHex());
        }
        if (computed.value(algName)
            == e.payload.value(QLatin1String("blobHash")).toString().toLatin1()) {
            ImportedEvidence done;
            done.outcome = ImportedEvidence::Outcome::AlreadyImported;
            done.evidenceId = e.payload.value(QLatin1String("evidenceId")).toString();
            done.eventId = e.id;
            done.hashHex = QString::fromLatin1(computed.value(algName));
            done.hashAlgorithm = algName;
            done.size = size;
            found = done;
            break;
        }
    }
    file.seek(0);
    return found;
}

Result<ImportedEvidence> importDeviceFile(CaseStore& store, const Actor& actor,
    const QString& caseId, const DeviceFile& device, const EvidenceMeta& meta)
{
    auto fd = openNoFollow(device.root, device.relativePath, device.device, device.inode);
    if (!fd)
        return fail(std::move(fd.error()));
    QFile file;
    if (!file.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(*fd);
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot read %1 on the device: %2")
                .arg(device.relativePath, file.errorString()),
            device.relativePath);
    }
    if (file.size() != device.size)
        return fail(ErrorCode::Conflict,
            QCoreApplication::translate(
                "Devices", "The file %1 changed on the device since it was listed.")
                .arg(device.relativePath),
            device.relativePath);

    // Idempotency: the same content attached to this case before. Only evidence of the same size
    // can match, so a new file is normally read once (by the store) and never hashed here.
    auto identical = findIdenticalEvidence(store, caseId, file, device.size);
    if (!identical)
        return fail(std::move(identical.error()));
    if (*identical)
        return **identical;

    auto attached = store.attachEvidence(actor, caseId, file, meta);
    if (!attached)
        return fail(std::move(attached.error()));
    ImportedEvidence done;
    done.evidenceId = attached->payload.value(QLatin1String("evidenceId")).toString();
    done.eventId = attached->id;
    done.hashHex = attached->payload.value(QLatin1String("blobHash")).toString();
    done.hashAlgorithm = attached->payload.value(QLatin1String("hashAlgorithm")).toString();
    done.size = attached->payload.value(QLatin1String("size")).toInteger();
    // The store read what the file held at that moment; a recorder still writing would show here.
    if (done.size != device.size)
        return fail(ErrorCode::Conflict,
            QCoreApplication::translate("Devices",
                "The file %1 changed while it was imported (%2 bytes stored, %3 listed); "
                "import it again.")
                .arg(device.relativePath)
                .arg(done.size)
                .arg(device.size),
            done.evidenceId);
    return done;
}

Result<ImportedEvidence> importRecording(CaseStore& store, const Actor& actor,
    const QString& caseId, const RecorderInfo& device, const Recording& recording,
    const QJsonObject& position)
{
    EvidenceMeta meta;
    meta.kind = recording.kind;
    meta.mediaType = recording.mediaType;
    meta.title = recording.fileName;
    meta.capturedAt = recording.startMs;
    meta.position = position;
    QStringList about;
    about << QCoreApplication::translate("Devices", "Imported from recorder %1, file %2.")
                 .arg(device.deviceId.isEmpty() ? device.root : device.deviceId,
                     recording.relativePath);
    if (!recording.officerId.isEmpty())
        about << QCoreApplication::translate("Devices", "Officer on the device: %1.")
                     .arg(recording.officerId);
    if (recording.durationMs > 0)
        about << QCoreApplication::translate("Devices", "Duration %1 s.")
                     .arg(double(recording.durationMs) / 1000.0, 0, 'f', 1);
    about << QCoreApplication::translate("Devices", "Start time from: %1%2.")
                 .arg(timeSourceTitle(recording.startSource),
                     recording.lowConfidence()
                         ? QCoreApplication::translate("Devices", " (low confidence)")
                         : QString());
    if (!recording.timeWarning.isEmpty())
        about << recording.timeWarning;
    meta.description = about.join(u' ');
    return importDeviceFile(store, actor, caseId,
        {device.root, recording.relativePath, recording.size, recording.device, recording.inode},
        meta);
}

} // namespace fieldcase::devices
