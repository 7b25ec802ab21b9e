#include "core/store/blobstore.h"

#include "core/crypto/random.h"
#include "core/util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QLocale>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

namespace fieldcase {

namespace {

// How long a sequential source (pipe, socket) may stay silent before it is taken as ended.
constexpr int kSourceWaitMs = 30'000;

QByteArray nativePath(const QString& path)
{
    return QFile::encodeName(path);
}

bool isLowerHex(QStringView s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

// A temporary file being written: closes its descriptor and unlinks it unless released, so no
// error path can leave it behind.
class TempFile
{
public:
    TempFile(QString path, QByteArray native)
        : m_path(std::move(path))
        , m_native(std::move(native))
    { }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_native.isEmpty() && ::unlink(m_native.constData()) != 0 && errno != ENOENT)
            qCWarning(lcEvidence) << "cannot remove temporary" << m_path << qt_error_string(errno);
    }

    int open()
    {
        m_fd = ::open(m_native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        return m_fd;
    }
    // Closes once; Linux releases the descriptor even when close() reports an error.
    int close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc;
    }
    // The file has been renamed away; nothing left to clean up.
    void release() { m_native.clear(); }

    [[nodiscard]] int fd() const { return m_fd; }
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] const QByteArray& native() const { return m_native; }

private:
    QString m_path;
    QByteArray m_native;
    int m_fd = -1;
};

// rename() that never replaces an existing target; -1 with errno == EEXIST if one exists.
int renameNoReplace(const QByteArray& from, const QByteArray& to)
{
    // Plain rename() would silently swap in a copy under a different key if two ingests of the
    // same content race, orphaning the key the first caller recorded.
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
    // Filesystems without RENAME_NOREPLACE (some FUSE and network mounts): check, then rename.
    // The remaining race needs two writers of identical content on such a filesystem.
    struct stat st;
    if (::lstat(to.constData(), &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return ::rename(from.constData(), to.constData());
}

BlobInfo asAlreadyPresent(BlobInfo info)
{
    info.key.clear();
    info.iv.clear();
    info.tag.clear();
    info.alreadyPresent = true;
    return info;
}

} // namespace

BlobStore::BlobStore(QString rootDir, HashAlgorithm hashAlgorithm, CipherSuite suite)
    : m_root(QDir::cleanPath(rootDir))
    , m_tmpDir(m_root + QLatin1String("/tmp"))
    , m_hashAlgorithm(hashAlgorithm)
    , m_suite(suite)
{ }

Error BlobStore::storageError(
    int errnum, QStringView operation, const QString& path, qint64 bytesNeeded)
{
    const QString detail = operation.toString() + QLatin1Char(' ') + path + QLatin1String(": ")
        + qt_error_string(errnum);
    if (errnum == ENOSPC || errnum == EDQUOT) {
        const QString message = bytesNeeded >= 0
            ? tr("Not enough storage space to save the evidence file (%1 needed). Free space or "
                 "move evidence to the archive, then try again.")
                  .arg(QLocale().formattedDataSize(bytesNeeded))
            : tr("Not enough storage space to save the evidence file. Free space or move "
                 "evidence to the archive, then try again.");
        return Error {ErrorCode::DiskFull, message, detail};
    }
    return Error {ErrorCode::Io, tr("The evidence storage could not be written or read."), detail};
}

Status BlobStore::faultPoint(QStringView operation) const
{
    if (m_faultHook)
        return m_faultHook(operation);
    return {};
}

Status BlobStore::syncDirectory(const QString& dir) const
{
    FC_TRY(faultPoint(u"dirsync"));
    const int fd = ::open(nativePath(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(storageError(errno, u"open", dir));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // A directory fsync is what makes a create or rename survive power loss. Some filesystems
    // (FUSE, some network mounts) cannot fsync directories and say EINVAL; nothing more can be
    // done there, so that one error is accepted.
    if (rc != 0 && err != EINVAL)
        return fail(storageError(err, u"fsync", dir));
    return {};
}

Status BlobStore::ensureLayout()
{
    if (!QDir().mkpath(m_tmpDir))
        return fail(ErrorCode::Io, tr("Cannot create the evidence storage folder."), m_tmpDir);
    FC_TRY(syncDirectory(m_root));
    const QString parent = QFileInfo(m_root).absolutePath();
    if (parent != m_root)
        FC_TRY(syncDirectory(parent));
    return {};
}

QString BlobStore::pathFor(const QString& hashHex) const
{
    if (hashHex.size() != 2 * hashLength(m_hashAlgorithm) || !isLowerHex(hashHex))
        return {};
    return m_root + QLatin1Char('/') + hashHex.left(2) + QLatin1Char('/') + hashHex;
}

bool BlobStore::contains(const QString& hashHex) const
{
    const QString path = pathFor(hashHex);
    return !path.isEmpty() && QFileInfo::exists(path);
}

Result<BlobInfo> BlobStore::ingestFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, tr("Cannot open the file to store as evidence."),
            path + QLatin1String(": ") + file.errorString());
    return ingest(file);
}

Result<BlobInfo> BlobStore::ingest(QIODevice& source)
{
    if (!source.isOpen() || !source.isReadable())
        return fail(ErrorCode::InvalidArgument, tr("The evidence source is not open for reading."));
    if (!QFileInfo(m_tmpDir).isDir())
        FC_TRY(ensureLayout());

    BlobInfo info;
    info.hashAlgorithm = m_hashAlgorithm;
    info.suite = m_suite;
    info.key = randomBytes(cipherKeyLength(m_suite));
    info.iv = randomBytes(cipherIvLength(m_suite));
    auto encryptor = StreamEncryptor::create(m_suite, info.key, info.iv);
    if (!encryptor)
        return fail(encryptor.error());
    Hasher hasher(m_hashAlgorithm);
    // For the disk-full message; unknown for pipes and sockets.
    const qint64 expectedSize = source.isSequential() ? -1 : source.size() - source.pos();

    const QString tmpPath = m_tmpDir + QLatin1Char('/')
        + QString::fromLatin1(randomBytes(16).toHex()) + QLatin1String(".part");
    TempFile tmp(tmpPath, nativePath(tmpPath));
    if (tmp.open() < 0)
        return fail(storageError(errno, u"open", tmpPath, expectedSize));

    // Two chunks in flight: while one chunk is hashed on a helper thread, this thread encrypts
    // and writes it and then reads the next one into the other buffer. SM3 (≈400 MB/s) and the
    // disk are the slow parts; overlapping them is what keeps ingest near `openssl` speed.
    QByteArray buffers[2]
        = {QByteArray(kChunkSize, Qt::Uninitialized), QByteArray(kChunkSize, Qt::Uninitialized)};
    int current = 0;
    qint64 flushedTo = 0;
    std::future<void> hashing; // declared after hasher and buffers: joined before they die
    for (;;) {
        QByteArray& buffer = buffers[current];
        const qint64 n = source.read(buffer.data(), kChunkSize);
        if (n < 0)
            return fail(
                ErrorCode::Io, tr("Cannot read the evidence source."), source.errorString());
        if (n == 0) {
            if (source.isSequential() && source.waitForReadyRead(kSourceWaitMs))
                continue;
            break;
        }
        const QByteArrayView plain(buffer.constData(), n);
        if (hashing.valid())
            hashing.get(); // the hash is sequential: the previous chunk first
        hashing = std::async(std::launch::async, [&hasher, plain] { hasher.addData(plain); });
        auto cipherText = encryptor->update(plain);
        if (!cipherText)
            return fail(cipherText.error());

        FC_TRY(faultPoint(u"write"));
        const char* p = cipherText->constData();
        qsizetype left = cipherText->size();
        while (left > 0) {
            const ssize_t w = ::write(tmp.fd(), p, static_cast<size_t>(left));
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                return fail(storageError(errno, u"write", tmpPath, expectedSize));
            }
            p += w;
            left -= w;
        }
        info.size += n;
        // Start write-back of what is written so far without waiting for it, so the final
        // fsync finds little left to do (the disk works while we hash and encrypt).
        if (info.size - flushedTo >= kWriteBehindBytes) {
            ::sync_file_range(tmp.fd(), flushedTo, info.size - flushedTo, SYNC_FILE_RANGE_WRITE);
            flushedTo = info.size;
        }
        current ^= 1;
    }
    if (hashing.valid())
        hashing.get();

    auto tag = encryptor->finish();
    if (!tag)
        return fail(tag.error());
    info.tag = *tag;
    info.storedSize = info.size;
    const QByteArray digest = hasher.result();
    if (digest.size() != hashLength(m_hashAlgorithm))
        return fail(ErrorCode::Crypto, tr("Cannot compute the evidence file's hash."));
    info.hashHex = QString::fromLatin1(digest.toHex());

    const QString finalPath = pathFor(info.hashHex);
    if (QFileInfo::exists(finalPath))
        return asAlreadyPresent(std::move(info));

    // The data must be on disk before the rename publishes it, or a crash could leave a
    // complete-looking name over missing blocks.
    FC_TRY(faultPoint(u"fsync"));
    if (::fsync(tmp.fd()) != 0)
        return fail(storageError(errno, u"fsync", tmpPath, expectedSize));
    if (tmp.close() != 0)
        return fail(storageError(errno, u"close", tmpPath, expectedSize));

    // A shard folder made here is removed again on failure (rmdir only succeeds while it is
    // empty), so a failed ingest leaves the store exactly as it found it.
    const QString shardDir = QFileInfo(finalPath).path();
    const QByteArray shardNative = nativePath(shardDir);
    bool createdShard = false;
    auto failAndTidy = [&](Error error) {
        if (createdShard)
            ::rmdir(shardNative.constData());
        return fail(std::move(error));
    };
    if (::mkdir(shardNative.constData(), 0700) == 0) {
        createdShard = true;
        // Later ingests skip this sync because the folder exists, so an unsynced folder must
        // not stay: its entry could vanish on power loss, taking every blob in it along.
        if (auto synced = syncDirectory(m_root); !synced)
            return failAndTidy(synced.error());
    } else if (errno != EEXIST) {
        return fail(storageError(errno, u"mkdir", shardDir));
    }

    if (auto ok = faultPoint(u"rename"); !ok)
        return failAndTidy(ok.error());
    const QByteArray finalNative = nativePath(finalPath);
    if (renameNoReplace(tmp.native(), finalNative) != 0) {
        if (errno == EEXIST)
            return asAlreadyPresent(std::move(info));
        return failAndTidy(storageError(errno, u"rename", finalPath));
    }
    tmp.release();

    // Until both directory entries are durable the caller gets an error and records nothing,
    // so the blob must not stay behind as an orphan without a manifest row.
    auto syncBoth = [&]() -> Status {
        FC_TRY(syncDirectory(shardDir));
        FC_TRY(syncDirectory(m_tmpDir));
        return {};
    };
    if (auto synced = syncBoth(); !synced) {
        if (::unlink(finalNative.constData()) != 0)
            qCWarning(lcEvidence) << "cannot remove unsynced blob" << finalPath
                                  << qt_error_string(errno);
        return failAndTidy(synced.error());
    }
    qCDebug(lcEvidence) << "stored blob" << info.hashHex << info.size << "bytes";
    return info;
}

Status BlobStore::readBlob(
    const BlobInfo& info, const std::function<Status(QByteArrayView)>& sink) const
{
    const QString path = pathFor(info.hashHex);
    if (path.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, tr("Invalid evidence content address."), info.hashHex);
    if (info.key.size() != cipherKeyLength(info.suite)
        || info.iv.size() != cipherIvLength(info.suite))
        return fail(ErrorCode::InvalidArgument,
            tr("The key material recorded for the evidence file is incomplete."), info.hashHex);

    QFile file(path);
    if (!file.exists())
        return fail(ErrorCode::Corrupt, tr("The evidence file is missing."), path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open the evidence file."),
            path + QLatin1String(": ") + file.errorString());
    if (file.size() != info.storedSize)
        return fail(ErrorCode::Corrupt,
            tr("The evidence file has the wrong size (%1 bytes, expected %2).")
                .arg(file.size())
                .arg(info.storedSize),
            path);

    auto decryptor = StreamDecryptor::create(info.suite, info.key, info.iv);
    if (!decryptor)
        return fail(decryptor.error());
    Hasher hasher(info.hashAlgorithm);
    QByteArray buffer(kChunkSize, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = file.read(buffer.data(), kChunkSize);
        if (n < 0)
            return fail(ErrorCode::Io, tr("Cannot read the evidence file."),
                path + QLatin1String(": ") + file.errorString());
        if (n == 0)
            break;
        total += n;
        auto plain = decryptor->update(QByteArrayView(buffer.constData(), n));
        if (!plain)
            return fail(plain.error());
        hasher.addData(*plain);
        FC_TRY(sink(*plain));
    }
    if (total != info.storedSize)
        return fail(ErrorCode::Corrupt,
            tr("The evidence file has the wrong size (%1 bytes, expected %2).")
                .arg(total)
                .arg(info.storedSize),
            path);
    if (auto tagOk = decryptor->finish(info.tag); !tagOk) {
        if (tagOk.error().code != ErrorCode::Corrupt)
            return fail(tagOk.error());
        return fail(ErrorCode::Corrupt,
            tr("The evidence file failed its integrity check (authentication tag "
               "mismatch): it was altered or damaged."),
            path);
    }
    if (hasher.result().toHex() != info.hashHex.toLatin1())
        return fail(ErrorCode::Corrupt,
            tr("The evidence file failed its integrity check (content hash mismatch)."), path);
    return {};
}

Status BlobStore::verify(const BlobInfo& info) const
{
    return readBlob(info, [](QByteArrayView) -> Status { return {}; });
}

Result<qint64> BlobStore::decryptTo(const BlobInfo& info, QIODevice& sink) const
{
    if (!sink.isOpen() || !sink.isWritable())
        return fail(ErrorCode::InvalidArgument, tr("The output is not open for writing."));
    qint64 written = 0;
    FC_TRY(readBlob(info, [&](QByteArrayView plain) -> Status {
        if (sink.write(plain.data(), plain.size()) != plain.size())
            return fail(
                ErrorCode::Io, tr("Cannot write the decrypted evidence."), sink.errorString());
        written += plain.size();
        return {};
    }));
    return written;
}

Status BlobStore::remove(const QString& hashHex)
{
    const QString path = pathFor(hashHex);
    if (path.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("Invalid evidence content address."), hashHex);
    if (::unlink(nativePath(path).constData()) != 0) {
        if (errno == ENOENT)
            return {};
        return fail(storageError(errno, u"unlink", path));
    }
    return syncDirectory(QFileInfo(path).path());
}

Result<QStringList> BlobStore::listHashes() const
{
    QStringList hashes;
    const QDir root(m_root);
    if (!root.exists())
        return hashes;
    const int hexLength = 2 * hashLength(m_hashAlgorithm);
    for (const QString& shard : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (shard.size() != 2 || !isLowerHex(shard))
            continue;
        for (const QString& name : QDir(root.filePath(shard)).entryList(QDir::Files, QDir::Name)) {
            if (name.size() == hexLength && name.startsWith(shard) && isLowerHex(name))
                hashes << name;
        }
    }
    return hashes;
}

Status BlobStore::removeTemporaries()
{
    QDir tmp(m_tmpDir);
    if (!tmp.exists())
        return {};
    int removed = 0;
    for (const QString& name : tmp.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (!tmp.remove(name))
            return fail(ErrorCode::Io, tr("Cannot remove a leftover temporary evidence file."),
                tmp.filePath(name));
        ++removed;
    }
    if (removed > 0)
        qCInfo(lcEvidence) << "removed" << removed << "leftover temporaries in" << m_tmpDir;
    return {};
}

} // namespace fieldcase
