// An SQLite VFS shim that forwards to the default VFS and can fail the N-th write, sync or
// truncate with an I/O error (or SQLITE_FULL), for fault-injection sweeps.
#pragma once

#include <QString>

namespace fieldcase::test {

class FaultVfs
{
public:
    // Registers the VFS (once) and returns its name for OpenOptions::vfs / StoreOptions.
    static QString install();
    // From now on, count write/sync/truncate calls and fail the one with index failAt (0-based).
    // With diskFull the failure is SQLITE_FULL, else SQLITE_IOERR_WRITE / _FSYNC.
    static void arm(long long failAt, bool diskFull = false);
    static void disarm();
    // Calls counted since arm(); whether the armed failure has fired.
    static long long count();
    static bool fired();
};

} // namespace fieldcase::test
