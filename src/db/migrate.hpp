// The migration runner: numbered SQL files (migrations/NNNN_name.sql, with sqlite/ and
// postgres/ variants where the dialects differ) are compiled into the binary and applied in
// order, each in its own transaction, at start and by `pilar migrate`.
//
// A database whose schema is newer than the binary is refused rather than half-understood, and
// a migration whose text changed after it was applied is reported: both mean the binary and the
// data are out of step and someone has to decide.
//
// A migration may also need a step in C++ after its SQL (rewriting JSON at any depth, which SQL
// cannot say portably): a MigrationStep with the same version runs right after that SQL, in the
// same transaction, so the migration is recorded only with its step done, and never runs again.
// This folder knows no module, so the caller passes the steps (src/cli/migrations.cpp).
//
//   auto report = PILAR_TRY(db::migrate(database, builtin_migrations(database.dialect()), steps));
#pragma once

#include <functional>
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

struct MigrationStep {
    int version;                                    // the migration it belongs to
    std::function<Result<void>(Connection&)> run;  // inside that migration's write transaction
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

// The runner's own table (the versions applied, with their checksums) as `dialect` creates it
// before any migration; migrations_dump writes it for the PostgreSQL tests.
std::string schema_migrations_script(Dialect dialect);

Result<MigrationStatus> migration_status(Database& db, std::span<const Migration> migrations);
// The same without creating anything: nullopt when the database has no schema_migrations table
// (it is not a Pilar database), and it may be opened read-only (a backup being checked).
Result<std::optional<MigrationStatus>> inspect_schema(Database& db, std::span<const Migration> migrations);
// A step whose version is not among `migrations` is refused (a typo would skip it silently), except
// above the last one: `migrations` may be cut short (a database made as an older binary would).
Result<MigrateReport> migrate(Database& db, std::span<const Migration> migrations,
                              std::span<const MigrationStep> steps = {});

}  // namespace pilar::db
