// The migration runner: numbered SQL files (migrations/NNNN_name.sql, with sqlite/ and
// postgres/ variants where the dialects differ) are compiled into the binary and applied in
// order, each in its own transaction, at start and by `pilar migrate`.
//
// A database whose schema is newer than the binary is refused rather than half-understood, and
// a migration whose text changed after it was applied is reported: both mean the binary and the
// data are out of step and someone has to decide.
//
//   auto report = PILAR_TRY(db::migrate(database, builtin_migrations(database.dialect())));
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace pilar::db {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

struct MigrationStatus {
    int current_version = 0;   // highest applied
    int latest_version = 0;    // highest this binary knows
    std::vector<int> pending;  // versions not yet applied
};

struct MigrateReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;  // "0001_wilayah", ...
};

// FNV-1a of the SQL text, as 16 hex digits; recorded beside each applied migration.
std::string migration_checksum(std::string_view sql);

Result<MigrationStatus> migration_status(Database& db, std::span<const Migration> migrations);
// The same without creating anything: nullopt when the database has no schema_migrations table
// (it is not a Pilar database), and it may be opened read-only (a backup being checked).
Result<std::optional<MigrationStatus>> inspect_schema(Database& db, std::span<const Migration> migrations);
Result<MigrateReport> migrate(Database& db, std::span<const Migration> migrations);

}  // namespace pilar::db
