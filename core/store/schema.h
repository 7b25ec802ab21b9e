// The case store's numbered schema migrations (append-only; see core/db/migrator.h).
#pragma once

#include "core/db/migrator.h"

#include <span>

namespace fieldcase::store {

[[nodiscard]] std::span<const db::Migration> migrations();

// Projection tables and their primary keys, in the order rebuilds and checks visit them.
struct ProjectionTable
{
    const char* name;
    const char* orderBy;
};
[[nodiscard]] std::span<const ProjectionTable> projectionTables();

// DDL of the projection tables alone (used to build a scratch copy for `db check`).
[[nodiscard]] const char* projectionSchemaSql();

} // namespace fieldcase::store
