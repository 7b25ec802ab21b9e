// Moves WAL checkpoints off the commit path: a background connection checkpoints (PASSIVE)
// once the WAL passes a threshold, so an officer's append never pays for copying pages back
// into the database file. A hard limit checkpoints inline if the background one falls behind.
#pragma once

#include "core/db/sqlite.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace fieldcase::db {

class WalCheckpointer
{
public:
    // Watches db (a WAL connection). thresholdPages wakes the background checkpoint;
    // hardLimitPages makes the committing connection checkpoint itself.
    explicit WalCheckpointer(Database& db, int thresholdPages = 512, int hardLimitPages = 4000);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Checkpoints run so far by the background connection (for tests and diagnostics).
    [[nodiscard]] int backgroundCheckpoints() const;

private:
    static int onCommit(void* self, sqlite3* db, const char* schema, int pages);
    void run();

    Database& m_db;
    QString m_path;
    int m_threshold;
    int m_hardLimit;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false;
    bool m_stopping = false;
    int m_done = 0;
    std::thread m_thread;
};

} // namespace fieldcase::db
