// Append-only numbered schema migrations, each applied in one transaction with its
// user_version bump. A database newer than this build is refused, never downgraded.
#pragma once

#include "core/db/sqlite.h"

#include <span>

namespace fieldcase::db {

// One schema step. Versions start at 1 and increase by one; never edit a released migration,
// add a new one (its test lives in tests/unit/test_migrations.cpp).
struct Migration
{
    int version;
    const char* name;
    const char* sql;
};

// Applies every migration newer than the database's user_version, in order. Returns the
// resulting version. Refuses (SchemaTooNew) a database written by a newer FieldCase.
[[nodiscard]] Result<int> migrate(Database& db, std::span<const Migration> migrations);

} // namespace fieldcase::db
