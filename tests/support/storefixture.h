// A case store in a temporary directory with a manual clock and a registered team:
// an installer, two officers and a supervisor.
#pragma once

#include "core/store/casestore.h"
#include "tests/support/tempdir.h"

#include <catch2/catch.hpp>

namespace fieldcase::test {

struct StoreFixture
{
    explicit StoreFixture(StoreOptions options = {});

    // Opens another store handle on the same directory (after closing the current one).
    void reopen();
    // case.opened by the officer pair; returns the new case id.
    QString openCase(const QString& title = QStringLiteral("超限运输 京A12345"));
    // Appends and REQUIREs success.
    Event append(
        const Actor& actor, const QString& type, const QString& caseId, const QJsonObject& payload);

    TempDir dir;
    ManualClock clock;
    StoreOptions options;
    std::unique_ptr<CaseStore> store;

    const Actor installer {{QStringLiteral("inst-1")}, Role::Installer};
    const Actor pair {{QStringLiteral("off-1"), QStringLiteral("off-2")}, Role::Officer};
    const Actor single {{QStringLiteral("off-1")}, Role::Officer};
    const Actor supervisor {{QStringLiteral("sup-1")}, Role::Supervisor};
};

// Registers the standard team on any store (the first registration bootstraps the installer).
void registerTeam(CaseStore& store);

// Every projection table as text, row by row and column by column with SQLite's quote(), so
// two dumps are equal exactly when the tables are byte-identical.
QByteArray dumpProjections(db::Database& db);

// Runs SQL on the store's database as an attacker with file access would: with the
// append-only triggers dropped for the duration.
void tamper(CaseStore& store, const QString& sql);

// Writes n pseudo-random bytes (seeded) to a file and returns its path.
QString writeRandomFile(const QString& path, qint64 n, quint32 seed = 1);

} // namespace fieldcase::test

// Catch2 prints a failed Result/Status with its error text.
namespace Catch {
template<typename T>
struct StringMaker<std::expected<T, fieldcase::Error>>
{
    static std::string convert(const std::expected<T, fieldcase::Error>& r)
    {
        return r ? std::string("{ok}") : "{error: " + r.error().toString().toStdString() + "}";
    }
};
} // namespace Catch
