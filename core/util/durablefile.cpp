#include "core/util/durablefile.h"

#include "core/util/text.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fieldcase {

Error ioError(int err, const QString& what, const QString& path)
{
    const ErrorCode code = (err == ENOSPC || err == EDQUOT) ? ErrorCode::DiskFull : ErrorCode::Io;
    QString message = what;
    if (code == ErrorCode::DiskFull)
        message += QStringLiteral(": not enough storage space. Free space, then try again.");
    return Error {
        code, message, path + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(err))};
}

Status syncDirectory(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(ioError(errno, CoreText::tr("Could not open a folder to flush it"), dir));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return fail(ioError(err, CoreText::tr("Could not flush a folder to disk"), dir));
    return {};
}

Status writeFileDurably(const QString& path, QByteArrayView data, int mode)
{
    const QString dir = QFileInfo(path).absolutePath();
    const QString temp = path + QStringLiteral(".tmp");
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(ioError(errno, CoreText::tr("Could not create a file"), temp));
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(tempName.constData());
            return fail(ioError(err, CoreText::tr("Could not write a file"), temp));
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(tempName.constData());
        return fail(ioError(err, CoreText::tr("Could not flush a file to disk"), temp));
    }
    ::close(fd);
    if (::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::unlink(tempName.constData());
        return fail(ioError(err, CoreText::tr("Could not move a file into place"), path));
    }
    return syncDirectory(dir);
}

} // namespace fieldcase
