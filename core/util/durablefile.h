// Crash-safe writes of small files (keys, settings): temp → fsync → rename → directory fsync.
#pragma once

#include "core/util/result.h"

#include <QByteArrayView>
#include <QString>

namespace fieldcase {

// Writes data to path so that after a power cut the file holds either the old or the new
// content, never a mix. mode is applied before the data is written (0600 for secrets).
[[nodiscard]] Status writeFileDurably(const QString& path, QByteArrayView data, int mode = 0600);
// fsyncs a directory so that a rename or create inside it survives a power cut.
[[nodiscard]] Status syncDirectory(const QString& dir);
// Maps an errno from a write/fsync to our error (ENOSPC/EDQUOT → DiskFull).
[[nodiscard]] Error ioError(int err, const QString& what, const QString& path);

} // namespace fieldcase
