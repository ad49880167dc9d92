#include "cli/migrations.hpp"

#include "builtin_migrations.hpp"
#include "verivali/jawaban_cleanup.hpp"

namespace pilar::cli {

std::span<const db::Migration> known_migrations(db::Dialect dialect) { return builtin_migrations(dialect); }

std::span<const db::MigrationStep> migration_steps() {
    static std::vector<db::MigrationStep> const steps{
        // 0023: ground-check answers saved before the write rule lose what it refuses.
        {23, [](db::Connection& c) -> Result<void> {
             PILAR_TRY(verivali::clean_stored_jawaban(c));
             return {};
         }},
    };
    return steps;
}

Result<db::MigrateReport> apply_migrations(db::Database& database) {
    return db::migrate(database, known_migrations(database.dialect()), migration_steps());
}

}  // namespace pilar::cli
