// A thin RAII wrapper over the SQLite C API: prepared statements only, exact error codes,
// RAII transactions that roll back unless committed.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace fieldcase::db {

// Maps an SQLite result code to our error codes (SQLITE_FULL → DiskFull, CORRUPT/NOTADB →
// Corrupt, IOERR → Io, CONSTRAINT → Conflict) with SQLite's own message as context.
[[nodiscard]] Error sqliteError(sqlite3* db, int rc, const QString& what);

// One prepared statement. Bind indexes are 1-based (as in SQLite), column indexes 0-based.
class Statement
{
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt)
        : m_db(db)
        , m_stmt(stmt)
    { }
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& text); // a null QString binds NULL
    Statement& bind(int index, const char* utf8);
    Statement& bind(int index, const QByteArray& blob); // a null QByteArray binds NULL
    Statement& bindNull(int index);

    // Binds every argument in order, starting at index 1.
    template<typename... Args>
    Statement& bindAll(const Args&... args)
    {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances one row: true when a row is available, false when done.
    [[nodiscard]] Result<bool> step();
    // Runs a statement that returns no rows (or whose rows are ignored) and resets it.
    [[nodiscard]] Status run();
    // Resets the statement and clears its bindings so it can be reused.
    void reset();

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    [[nodiscard]] QByteArray textUtf8(int column) const;
    [[nodiscard]] int columnCount() const;
    [[nodiscard]] QString sql() const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_bindError = 0; // first bind error, reported by step()
};

// A cached statement borrowed for one use: reset (and unbound) when the lease ends, so a
// statement stopped mid-result never keeps a read snapshot or lock open.
class StatementLease
{
public:
    explicit StatementLease(Statement* statement)
        : m_statement(statement)
    { }
    StatementLease(StatementLease&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr))
    { }
    StatementLease& operator=(StatementLease&&) = delete;
    StatementLease(const StatementLease&) = delete;
    ~StatementLease()
    {
        if (m_statement)
            m_statement->reset();
    }
    Statement* operator->() const { return m_statement; }
    Statement& operator*() const { return *m_statement; }

private:
    Statement* m_statement;
};

struct OpenOptions
{
    bool readOnly = false;
    bool create = true; // create the file if it does not exist
    bool quickCheck = true; // run PRAGMA quick_check before anything writes
    QString vfs; // SQLite VFS name; tests use a fault-injecting one
};

// An open connection with FieldCase's durability settings applied.
class Database
{
public:
    // Opens (or creates) the database and applies the connection settings. A file that is not a
    // database or fails quick_check is reported as Corrupt and left untouched.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(
        const QString& path, const OpenOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more SQL statements without parameters (DDL, pragmas).
    [[nodiscard]] Status exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    // A statement prepared once per connection and reused; reset and unbound when the lease
    // ends. Do not hold two leases of the same SQL at once.
    [[nodiscard]] Result<StatementLease> cached(std::string_view sql);

    // Convenience: the first column of the first row as an integer (or the error).
    [[nodiscard]] Result<qint64> scalarInt(std::string_view sql);

    [[nodiscard]] Result<int> userVersion();
    [[nodiscard]] Status setUserVersion(int version);
    // PRAGMA quick_check; Corrupt with the first problems SQLite reports.
    [[nodiscard]] Status quickCheck();
    [[nodiscard]] qint64 lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] sqlite3* handle() const { return m_db; }

private:
    Database(sqlite3* db, QString path);
    Status configure(const OpenOptions& options);

    sqlite3* m_db = nullptr;
    QString m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

// BEGIN IMMEDIATE on construction (via begin()), ROLLBACK in the destructor unless committed.
class Transaction
{
public:
    enum class Mode { Deferred, Immediate };
    [[nodiscard]] static Result<Transaction> begin(Database& db, Mode mode = Mode::Immediate);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();

    [[nodiscard]] Status commit();
    void rollback();

private:
    explicit Transaction(Database* db)
        : m_db(db)
    { }
    Database* m_db = nullptr; // null once committed or rolled back
};

} // namespace fieldcase::db
