#include "devices/recorder/safewalk.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fieldcase::devices {

namespace {

// Closes a descriptor on scope exit unless released.
class FdGuard
{
public:
    explicit FdGuard(int fd = -1)
        : m_fd(fd)
    { }
    ~FdGuard()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }
    void reset(int fd)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

private:
    int m_fd;
};

struct DirCloser
{
    void operator()(DIR* d) const { ::closedir(d); }
};

qint64 mtimeMs(const struct stat& st)
{
    return qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1'000'000;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

struct Walker
{
    const WalkLimits& limits;
    const WalkFilter& filter;
    WalkResult result;
    QSet<QPair<quint64, quint64>> visited;
    quint64 rootDevice = 0;
    int entries = 0;
    bool stop = false;

    void skip(const QString& path, SkipReason reason, const QString& detail = {})
    {
        result.skipped.append({path, reason, detail});
    }

    // Walks the directory open at dirFd (taken over), whose relative path is prefix.
    void walk(int dirFd, const QString& prefix, int depth)
    {
        std::unique_ptr<DIR, DirCloser> dir(::fdopendir(dirFd));
        if (!dir) {
            ::close(dirFd);
            skip(prefix, SkipReason::Unreadable, errnoText(errno));
            return;
        }
        QList<QByteArray> names;
        errno = 0;
        while (const dirent* d = ::readdir(dir.get())) {
            const QByteArray name(d->d_name);
            if (name == "." || name == "..")
                continue;
            names.append(name);
            // A directory with millions of entries must not be read into memory whole.
            if (entries + names.size() > qsizetype(limits.maxEntries))
                break;
        }
        // Sorted for a deterministic listing and skip report.
        std::sort(names.begin(), names.end());
        const int fd = ::dirfd(dir.get());
        for (const QByteArray& raw : names) {
            if (stop)
                return;
            if (++entries > limits.maxEntries) {
                truncate(prefix);
                return;
            }
            const QString shown
                = (prefix.isEmpty() ? QString() : prefix + u'/') + printableName(raw);
            if (!isSafeName(raw)) {
                skip(shown, SkipReason::UnsafeName);
                continue;
            }
            struct stat st
            {
            };
            if (::fstatat(fd, raw.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                // Vanished between readdir and stat, or an I/O error on a failing card.
                skip(shown, SkipReason::Unreadable, errnoText(errno));
                continue;
            }
            if (S_ISLNK(st.st_mode)) {
                skip(shown, SkipReason::Symlink);
            } else if (S_ISDIR(st.st_mode)) {
                if (depth + 1 > limits.maxDepth) {
                    skip(shown, SkipReason::TooDeep);
                    continue;
                }
                // O_NOFOLLOW: the entry may have been swapped for a symlink since fstatat.
                const int sub = ::openat(
                    fd, raw.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub < 0) {
                    skip(shown, errno == ELOOP ? SkipReason::Symlink : SkipReason::Unreadable,
                        errnoText(errno));
                    continue;
                }
                struct stat subSt
                {
                };
                if (::fstat(sub, &subSt) != 0) {
                    ::close(sub);
                    skip(shown, SkipReason::Unreadable, errnoText(errno));
                    continue;
                }
                // Like find -xdev: another file system mounted inside the volume is not its
                // content (and could be anything on the terminal).
                if (quint64(subSt.st_dev) != rootDevice) {
                    ::close(sub);
                    skip(shown, SkipReason::OtherFileSystem);
                    continue;
                }
                if (visited.contains({quint64(subSt.st_dev), quint64(subSt.st_ino)})) {
                    ::close(sub);
                    skip(shown, SkipReason::DirectoryLoop);
                    continue;
                }
                visited.insert({quint64(subSt.st_dev), quint64(subSt.st_ino)});
                walk(sub, shown, depth + 1);
            } else if (!S_ISREG(st.st_mode)) {
                skip(shown, SkipReason::NotRegularFile);
            } else if (!filter || filter(QFile::decodeName(raw))) {
                if (result.files.size() >= limits.maxFiles) {
                    truncate(shown);
                    return;
                }
                result.files.append({shown, qint64(st.st_size), mtimeMs(st), quint64(st.st_dev),
                    quint64(st.st_ino)});
            }
        }
    }

    void truncate(const QString& where)
    {
        stop = true;
        result.truncated = true;
        skip(where, SkipReason::TooManyFiles,
            QStringLiteral("limit of %1 files / %2 entries reached")
                .arg(limits.maxFiles)
                .arg(limits.maxEntries));
    }
};

} // namespace

QString skipReasonName(SkipReason reason)
{
    switch (reason) {
    case SkipReason::Symlink:
        return QStringLiteral("symlink");
    case SkipReason::NotRegularFile:
        return QStringLiteral("not-regular");
    case SkipReason::UnsafeName:
        return QStringLiteral("unsafe-name");
    case SkipReason::TooDeep:
        return QStringLiteral("too-deep");
    case SkipReason::TooManyFiles:
        return QStringLiteral("too-many-files");
    case SkipReason::Unreadable:
        return QStringLiteral("unreadable");
    case SkipReason::DirectoryLoop:
        return QStringLiteral("directory-loop");
    case SkipReason::OtherFileSystem:
        return QStringLiteral("other-file-system");
    }
    return QStringLiteral("unknown");
}

bool isSafeName(const QByteArray& raw)
{
    if (raw.isEmpty() || raw == "." || raw == ".." || raw.contains('/') || raw.size() > 255)
        return false;
    // Round-trip through the file-system encoding: a name we cannot decode exactly could not be
    // reopened by the name we would show.
    const QString name = QFile::decodeName(raw);
    if (QFile::encodeName(name) != raw || name.toUtf8() != raw)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f) || u == 0xfffd)
            return false;
    }
    return true;
}

QString printableName(const QByteArray& raw)
{
    QString out;
    const QString decoded = QFile::decodeName(raw);
    if (decoded.toUtf8() != raw || QFile::encodeName(decoded) != raw) {
        for (const char ch : raw) {
            const auto b = static_cast<unsigned char>(ch);
            if (b < 0x20 || b >= 0x7f || b == '\\')
                out += QStringLiteral("\\x%1").arg(b, 2, 16, QLatin1Char('0'));
            else
                out += QLatin1Char(ch);
        }
        return out;
    }
    for (const QChar c : decoded) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f))
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

Result<WalkResult> walkTree(const QString& root, const WalkLimits& limits, const WalkFilter& filter)
{
    const int fd = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot open the folder %1: %2")
                .arg(root, errnoText(errno)),
            root);
    Walker walker {limits, filter, {}, {}, 0, 0, false};
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0) {
        walker.rootDevice = quint64(st.st_dev);
        walker.visited.insert({quint64(st.st_dev), quint64(st.st_ino)});
    }
    walker.walk(fd, QString(), 0);
    return std::move(walker.result);
}

Result<int> openNoFollow(
    const QString& root, const QString& relativePath, quint64 expectedDevice, quint64 expectedInode)
{
    const QStringList parts = relativePath.split(u'/');
    for (const QString& part : parts) {
        if (!isSafeName(QFile::encodeName(part)))
            return fail(ErrorCode::InvalidArgument,
                QCoreApplication::translate("Devices", "Unsafe file name on the device: %1")
                    .arg(printableName(QFile::encodeName(relativePath))),
                relativePath);
    }
    FdGuard dir(::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0)
        return fail(ErrorCode::NotFound,
            QCoreApplication::translate("Devices", "The device folder %1 is no longer there.")
                .arg(root),
            root);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const int sub = ::openat(dir.get(), QFile::encodeName(parts[i]).constData(),
            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0)
            return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Conflict,
                QCoreApplication::translate("Devices", "The file %1 is no longer on the device.")
                    .arg(relativePath),
                errnoText(errno));
        dir.reset(sub);
    }
    // O_NONBLOCK: opening a FIFO planted in place of the file must not wait for a writer.
    FdGuard file(::openat(dir.get(), QFile::encodeName(parts.last()).constData(),
        O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (file.get() < 0) {
        const int err = errno;
        if (err == ENOENT)
            return fail(ErrorCode::NotFound,
                QCoreApplication::translate("Devices", "The file %1 is no longer on the device.")
                    .arg(relativePath),
                relativePath);
        return fail(err == ELOOP ? ErrorCode::Conflict : ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot open %1 on the device: %2")
                .arg(relativePath, errnoText(err)),
            relativePath);
    }
    struct stat st
    {
    };
    if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode)
        || (expectedInode != 0
            && (quint64(st.st_ino) != expectedInode || quint64(st.st_dev) != expectedDevice)))
        return fail(ErrorCode::Conflict,
            QCoreApplication::translate("Devices", "The file %1 was replaced on the device.")
                .arg(relativePath),
            relativePath);
    const int flags = ::fcntl(file.get(), F_GETFL);
    if (flags >= 0)
        ::fcntl(file.get(), F_SETFL, flags & ~O_NONBLOCK);
    return file.release();
}

} // namespace fieldcase::devices
