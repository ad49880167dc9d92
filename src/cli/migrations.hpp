// The schema this binary speaks, for every command: the built-in SQL migrations (migrations/,
// builtin_migrations.hpp) and the C++ steps some of them need after their SQL, which live in the
// modules (db/migrate.hpp's MigrationStep). Every command migrates through apply_migrations, so
// no migration is recorded without its step.
//
//   auto report = PILAR_TRY(apply_migrations(*database));
#pragma once

#include <span>

#include "db/migrate.hpp"

namespace pilar::cli {

std::span<const db::Migration> known_migrations(db::Dialect dialect);
std::span<const db::MigrationStep> migration_steps();
Result<db::MigrateReport> apply_migrations(db::Database& database);

}  // namespace pilar::cli
