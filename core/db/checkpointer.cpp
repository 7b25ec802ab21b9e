#include "core/db/checkpointer.h"

#include "core/util/logging.h"

#include <sqlite3.h>

namespace fieldcase::db {

WalCheckpointer::WalCheckpointer(Database& db, int thresholdPages, int hardLimitPages)
    : m_db(db)
    , m_path(db.path())
    , m_threshold(thresholdPages)
    , m_hardLimit(hardLimitPages)
{
    // Replaces SQLite's automatic checkpoint (which runs inside the committing call) with ours.
    sqlite3_wal_hook(m_db.handle(), &WalCheckpointer::onCommit, this);
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    sqlite3_wal_hook(m_db.handle(), nullptr, nullptr);
    sqlite3_wal_autocheckpoint(m_db.handle(), 1000); // back to SQLite's default
}

int WalCheckpointer::backgroundCheckpoints() const
{
    std::lock_guard lock(m_mutex);
    return m_done;
}

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int pages)
{
    auto* c = static_cast<WalCheckpointer*>(self);
    if (pages >= c->m_hardLimit) {
        // The background connection cannot keep up (e.g. a long reader): do it here, as
        // SQLite's own auto-checkpoint would, so the WAL never grows without bound.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= c->m_threshold) {
        {
            std::lock_guard lock(c->m_mutex);
            c->m_pending = true;
        }
        c->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    sqlite3* conn = nullptr;
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_pending || m_stopping; });
            if (m_stopping)
                break;
            m_pending = false;
        }
        if (!conn) {
            // A connection of its own: SQLite connections are not shared between threads here.
            if (sqlite3_open_v2(m_path.toUtf8().constData(), &conn,
                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                != SQLITE_OK) {
                qCWarning(lcDb) << "background checkpoint connection failed:"
                                << sqlite3_errmsg(conn);
                sqlite3_close_v2(conn);
                conn = nullptr;
                continue;
            }
            sqlite3_busy_timeout(conn, 5000);
            // The checkpoint fsyncs the database file; FULL matches the writer's durability.
            sqlite3_exec(conn, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
        }
        // PASSIVE: copy what it can without blocking the writer or readers.
        const int rc
            = sqlite3_wal_checkpoint_v2(conn, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcDb) << "background checkpoint failed:" << sqlite3_errstr(rc);
        std::lock_guard lock(m_mutex);
        ++m_done;
    }
    sqlite3_close_v2(conn);
}

} // namespace fieldcase::db
