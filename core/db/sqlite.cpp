#include "core/db/sqlite.h"

#include "core/util/logging.h"
#include "core/util/text.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace fieldcase::db {

Error sqliteError(sqlite3* db, int rc, const QString& what)
{
    const int primary = rc & 0xff;
    ErrorCode code = ErrorCode::Internal;
    switch (primary) {
    case SQLITE_FULL:
        code = ErrorCode::DiskFull;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        code = ErrorCode::Corrupt;
        break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
        code = ErrorCode::Io;
        break;
    case SQLITE_CONSTRAINT:
        code = ErrorCode::Conflict;
        break;
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
        code = ErrorCode::InvalidArgument;
        break;
    default:
        break;
    }
    const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error {code, what,
        QStringLiteral("sqlite %1 (%2): %3")
            .arg(rc)
            .arg(QString::fromUtf8(sqlite3_errstr(rc)), QString::fromUtf8(detail))};
}

// ---------------------------------------------------------------------------------- Statement

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_bindError(std::exchange(other.m_bindError, 0))
{ }

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::exchange(other.m_bindError, 0);
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

namespace {
inline void keepFirst(int& slot, int rc)
{
    if (rc != SQLITE_OK && slot == 0)
        slot = rc;
}
} // namespace

Statement& Statement::bind(int index, qint64 value)
{
    keepFirst(m_bindError, sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    keepFirst(m_bindError, sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, const QString& text)
{
    if (text.isNull())
        return bindNull(index);
    const QByteArray utf8 = text.toUtf8();
    keepFirst(m_bindError,
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, const char* utf8)
{
    if (!utf8)
        return bindNull(index);
    keepFirst(m_bindError, sqlite3_bind_text(m_stmt, index, utf8, -1, SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, const QByteArray& blob)
{
    if (blob.isNull())
        return bindNull(index);
    keepFirst(m_bindError,
        sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    keepFirst(m_bindError, sqlite3_bind_null(m_stmt, index));
    return *this;
}

Result<bool> Statement::step()
{
    if (m_bindError != 0) {
        const int rc = std::exchange(m_bindError, 0);
        sqlite3_reset(m_stmt);
        return fail(sqliteError(m_db, rc, CoreText::tr("Could not bind a query parameter")));
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // sqlite3_reset returns the same error; reset so the statement can be reused.
    Error error = sqliteError(m_db, rc, CoreText::tr("Database statement failed"));
    error.context += QStringLiteral(" in: ") + sql().left(120);
    sqlite3_reset(m_stmt);
    return fail(std::move(error));
}

Status Statement::run()
{
    while (true) {
        auto more = step();
        if (!more)
            return fail(std::move(more.error()));
        if (!*more)
            break;
    }
    sqlite3_reset(m_stmt);
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError = 0;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::textUtf8(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data)
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL ? QByteArray() : QByteArray("");
    return QByteArray(static_cast<const char*>(data), size);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

QString Statement::sql() const
{
    return m_stmt ? QString::fromUtf8(sqlite3_sql(m_stmt)) : QString();
}

// ----------------------------------------------------------------------------------- Database

Database::Database(sqlite3* db, QString path)
    : m_db(db)
    , m_path(std::move(path))
{ }

Database::~Database()
{
    m_cache.clear(); // finalize statements before closing
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, const OpenOptions& options)
{
    const QFileInfo info(path);
    if (!info.exists() && (!options.create || options.readOnly))
        return fail(ErrorCode::NotFound, CoreText::tr("The database file does not exist"), path);
    if (info.exists() && !info.isFile())
        return fail(ErrorCode::Io, CoreText::tr("The database path is not a regular file"), path);

    int flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.readOnly)
        flags |= SQLITE_OPEN_CREATE;
    // One connection is used from one thread at a time; the per-connection mutex is not needed.
    flags |= SQLITE_OPEN_NOMUTEX;
    sqlite3* raw = nullptr;
    const QByteArray vfs = options.vfs.toUtf8();
    const int rc = sqlite3_open_v2(
        path.toUtf8().constData(), &raw, flags, options.vfs.isEmpty() ? nullptr : vfs.constData());
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK)
        return fail(sqliteError(raw, rc, CoreText::tr("Could not open the database")));
    sqlite3_extended_result_codes(raw, 1);
    FC_TRY(db->configure(options));
    return db;
}

Status Database::configure(const OpenOptions& options)
{
    // Wait for a concurrent writer (the sync thread, fieldcase-admin) instead of failing at once.
    FC_TRY(exec("PRAGMA busy_timeout = 5000"));

    // Read before anything writes: a file that is not a database (or is damaged) must be
    // reported and left exactly as it is, never "repaired" by a pragma that rewrites the header.
    if (auto schema = scalarInt("SELECT count(*) FROM sqlite_schema"); !schema) {
        Error e = schema.error();
        if (e.code == ErrorCode::Corrupt || e.code == ErrorCode::Io)
            e.message = CoreText::tr("The database file is damaged or is not a FieldCase database");
        return fail(std::move(e));
    }
    if (options.quickCheck)
        FC_TRY(quickCheck());

    if (!options.readOnly) {
        // WAL: readers (UI, sync) never block the writer, and a commit is one append to the log.
        auto mode = prepare("PRAGMA journal_mode = WAL");
        if (!mode)
            return fail(std::move(mode.error()));
        auto row = mode->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row || mode->text(0).compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return fail(
                ErrorCode::Io, CoreText::tr("Could not switch the database to WAL mode"), m_path);
    }
    // FULL: fsync the WAL on every commit. The in-car kit loses power when the ignition goes
    // off; NORMAL could lose the last acknowledged transactions, which the law does not allow us.
    FC_TRY(exec("PRAGMA synchronous = FULL"));
    // Foreign keys are off by default in SQLite; projections rely on them for consistency.
    FC_TRY(exec("PRAGMA foreign_keys = ON"));
    // Deleted data (e.g. a voided draft) is overwritten, not left in free pages.
    FC_TRY(exec("PRAGMA secure_delete = ON"));
    return {};
}

Status Database::exec(std::string_view sql)
{
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(m_db, rc, CoreText::tr("Database command failed"));
        e.context += QStringLiteral(" in: ") + QString::fromUtf8(text.c_str()).left(120);
        return fail(std::move(e));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(
        m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(m_db, rc, CoreText::tr("Could not prepare a database statement"));
        e.context += QStringLiteral(" in: ") + QString::fromUtf8(sql.data(), qsizetype(sql.size()));
        return fail(std::move(e));
    }
    return Statement(m_db, stmt);
}

Result<StatementLease> Database::cached(std::string_view sql)
{
    const std::string key(sql);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        auto stmt = prepare(sql);
        if (!stmt)
            return fail(std::move(stmt.error()));
        it = m_cache.emplace(key, std::make_unique<Statement>(std::move(*stmt))).first;
    }
    return StatementLease(it->second.get());
}

Result<qint64> Database::scalarInt(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return fail(std::move(stmt.error()));
    auto row = stmt->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return fail(ErrorCode::NotFound, CoreText::tr("Query returned no rows"));
    return stmt->int64(0);
}

Result<int> Database::userVersion()
{
    auto v = scalarInt("PRAGMA user_version");
    if (!v)
        return fail(std::move(v.error()));
    return int(*v);
}

Status Database::setUserVersion(int version)
{
    return exec("PRAGMA user_version = " + std::to_string(version));
}

Status Database::quickCheck()
{
    auto stmt = prepare("PRAGMA quick_check(20)");
    if (!stmt)
        return fail(std::move(stmt.error()));
    QStringList problems;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            Error e = row.error();
            e.message = CoreText::tr("The database file is damaged (integrity check failed)");
            return fail(std::move(e));
        }
        if (!*row)
            break;
        const QString line = stmt->text(0);
        if (line != QLatin1String("ok"))
            problems << line;
    }
    if (!problems.isEmpty())
        return fail(ErrorCode::Corrupt,
            CoreText::tr("The database file is damaged (integrity check failed)"),
            problems.join(QLatin1String("; ")));
    return {};
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

// -------------------------------------------------------------------------------- Transaction

Result<Transaction> Transaction::begin(Database& db, Mode mode)
{
    // IMMEDIATE takes the write lock up front, so a transaction never fails half way with BUSY
    // when it first writes.
    FC_TRY(db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{ }

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::commit()
{
    if (!m_db)
        return fail(ErrorCode::Internal, CoreText::tr("Transaction already finished"));
    if (auto ok = m_db->exec("COMMIT"); !ok) {
        // A failed COMMIT (disk full, I/O error) may leave the transaction open; roll it back
        // so the connection is usable and nothing half-written stays visible.
        rollback();
        return ok;
    }
    m_db = nullptr;
    return {};
}

void Transaction::rollback()
{
    if (!m_db)
        return;
    Database* db = std::exchange(m_db, nullptr);
    if (sqlite3_get_autocommit(db->handle()) == 0) {
        if (auto ok = db->exec("ROLLBACK"); !ok)
            qCWarning(lcDb) << "rollback failed:" << ok.error().toString();
    }
}

} // namespace fieldcase::db
