#include "tests/support/faultvfs.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <sqlite3.h>

namespace fieldcase::test {

namespace {

std::atomic<long long> g_failAt {-1};
std::atomic<long long> g_count {0};
std::atomic<bool> g_fired {false};
std::atomic<bool> g_diskFull {false};
sqlite3_vfs* g_base = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

// Our file object: the sqlite3_file header, then the wrapped VFS's file right after it.
struct FaultFile
{
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<FaultFile*>(f)->real;
}

// True when this call is the armed one.
bool shouldFail()
{
    if (g_failAt.load() < 0)
        return false;
    const long long n = g_count.fetch_add(1);
    if (n == g_failAt.load()) {
        g_fired = true;
        return true;
    }
    return false;
}

int xClose(sqlite3_file* f)
{
    const int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
    return rc;
}
int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off)
{
    return real(f)->pMethods->xRead(real(f), p, n, off);
}
int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off)
{
    if (shouldFail())
        return g_diskFull ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return real(f)->pMethods->xWrite(real(f), p, n, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    if (shouldFail())
        return SQLITE_IOERR_TRUNCATE;
    return real(f)->pMethods->xTruncate(real(f), size);
}
int xSync(sqlite3_file* f, int flags)
{
    if (shouldFail())
        return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int l)
{
    return real(f)->pMethods->xLock(real(f), l);
}
int xUnlock(sqlite3_file* f, int l)
{
    return real(f)->pMethods->xUnlock(real(f), l);
}
int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int xShmMap(sqlite3_file* f, int pg, int pgsz, int extend, void volatile** pp)
{
    return real(f)->pMethods->xShmMap(real(f), pg, pgsz, extend, pp);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int xFetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** pp)
{
    return real(f)->pMethods->xFetch(real(f), off, amt, pp);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p)
{
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    auto* ff = reinterpret_cast<FaultFile*>(file);
    ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
    const int rc = g_base->xOpen(g_base, name, ff->real, flags, outFlags);
    // SQLite calls xClose on failure only if pMethods is set; mirror the real file's state.
    file->pMethods = ff->real->pMethods ? &g_methods : nullptr;
    return rc;
}

} // namespace

QString FaultVfs::install()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_base = sqlite3_vfs_find(nullptr);
        g_vfs = *g_base;
        g_vfs.zName = "fieldcase-fault";
        g_vfs.szOsFile = int(sizeof(FaultFile)) + g_base->szOsFile;
        g_vfs.xOpen = xOpen;
        g_vfs.pNext = nullptr;
        std::memset(&g_methods, 0, sizeof(g_methods));
        g_methods.iVersion = 3;
        g_methods.xClose = xClose;
        g_methods.xRead = xRead;
        g_methods.xWrite = xWrite;
        g_methods.xTruncate = xTruncate;
        g_methods.xSync = xSync;
        g_methods.xFileSize = xFileSize;
        g_methods.xLock = xLock;
        g_methods.xUnlock = xUnlock;
        g_methods.xCheckReservedLock = xCheckReservedLock;
        g_methods.xFileControl = xFileControl;
        g_methods.xSectorSize = xSectorSize;
        g_methods.xDeviceCharacteristics = xDeviceCharacteristics;
        g_methods.xShmMap = xShmMap;
        g_methods.xShmLock = xShmLock;
        g_methods.xShmBarrier = xShmBarrier;
        g_methods.xShmUnmap = xShmUnmap;
        g_methods.xFetch = xFetch;
        g_methods.xUnfetch = xUnfetch;
        sqlite3_vfs_register(&g_vfs, 0);
    });
    return QStringLiteral("fieldcase-fault");
}

void FaultVfs::arm(long long failAt, bool diskFull)
{
    g_count = 0;
    g_fired = false;
    g_diskFull = diskFull;
    g_failAt = failAt;
}

void FaultVfs::disarm()
{
    g_failAt = -1;
}

long long FaultVfs::count()
{
    return g_count.load();
}

bool FaultVfs::fired()
{
    return g_fired.load();
}

} // namespace fieldcase::test
