// Listing an untrusted removable volume (body cam, recorder, camera card) without following
// symlinks, opening device nodes or FIFOs, or descending without bound.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <functional>

namespace fieldcase::devices {

// Why an entry of the volume was left out of a listing.
enum class SkipReason {
    Symlink, // a symbolic link (never followed: it may point off the volume or loop)
    NotRegularFile, // device node, FIFO or socket
    UnsafeName, // control characters, not valid in the file-system encoding, or "."/".."
    TooDeep, // a directory below WalkLimits::maxDepth
    TooManyFiles, // the listing stopped at WalkLimits::maxFiles / maxEntries
    Unreadable, // opendir/stat failed (I/O error, permissions, vanished)
    DirectoryLoop, // a directory already visited (bind mounts)
    OtherFileSystem, // a directory on another device: something mounted inside the volume
};

// Stable English identifier for logs and tests ("symlink", "not-regular", ...).
[[nodiscard]] QString skipReasonName(SkipReason reason);

// Bounds on a walk; the defaults fit a 256 GB body-cam card.
struct WalkLimits
{
    int maxDepth = 8; // directories below the root (DCIM/100MEDIA is depth 2)
    int maxFiles = 20000; // accepted files
    int maxEntries = 200000; // every directory entry seen, accepted or not
};

// One regular file found by the walk.
struct WalkEntry
{
    QString relativePath; // '/'-separated, below the root, every component a safe name
    qint64 size = 0;
    qint64 mtimeMs = 0;
    quint64 device = 0; // st_dev/st_ino: re-checked when the file is opened for import
    quint64 inode = 0;
};

// One entry left out, with a printable path (control characters escaped as \xNN).
struct WalkSkip
{
    QString relativePath;
    SkipReason reason = SkipReason::Unreadable;
    QString detail; // English, for logs
};

// Everything a walk found.
struct WalkResult
{
    QList<WalkEntry> files;
    QList<WalkSkip> skipped;
    bool truncated = false; // a limit on files or entries stopped the walk
};

// Accepts a file by its (safe) name, e.g. by extension.
using WalkFilter = std::function<bool(QStringView fileName)>;

// True if a raw directory entry name may be used: valid in the file-system encoding, no control
// characters (C0, DEL, C1), no '/', not empty, "." or "..".
[[nodiscard]] bool isSafeName(const QByteArray& raw);
// The raw name for people and logs: invalid bytes and control characters as \xNN.
[[nodiscard]] QString printableName(const QByteArray& raw);

// Lists regular files under root that pass filter. Nothing below root is followed through a
// symlink (openat with O_NOFOLLOW on every component), so a hostile volume cannot make the walk
// leave it. Only root itself may be a symlink (a mount point chosen by the user). Blocking: call
// it off the GUI thread.
[[nodiscard]] Result<WalkResult> walkTree(
    const QString& root, const WalkLimits& limits = {}, const WalkFilter& filter = {});

// Opens root/relativePath for reading, walking every component with O_NOFOLLOW, and checks it
// is still a regular file (and, when expectedInode is non-zero, the same file the walk listed).
// Returns the open descriptor (close it, or hand it to QFile with AutoCloseHandle).
// NotFound if it vanished, Conflict if it was replaced, InvalidArgument for an unsafe path.
[[nodiscard]] Result<int> openNoFollow(const QString& root, const QString& relativePath,
    quint64 expectedDevice = 0, quint64 expectedInode = 0);

} // namespace fieldcase::devices
