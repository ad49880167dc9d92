#include "cli/migrations.hpp"

#include <algorithm>
#include <cstdlib>

#include "builtin_migrations.hpp"
#include "cli/free_text_cleanup.hpp"
#include "core/strings.hpp"
#include "verivali/jawaban_cleanup.hpp"

namespace pilar::cli {

// Tests only: PILAR_TEST_LAST_MIGRATION=N makes this binary act as one built when N was the last
// migration (it creates, migrates and accepts databases up to N, and refuses a newer one), so
// tests/api/upgrade.test.mjs makes the database an older binary left through the binary itself,
// instead of undoing a migration by hand. Like the other PILAR_TEST_ variables, never set in use.
std::span<const db::Migration> known_migrations(db::Dialect dialect) {
    auto const all = builtin_migrations(dialect);
    char const* last = std::getenv("PILAR_TEST_LAST_MIGRATION");
    if (!last || !is_all_digits(last) || std::string_view(last).size() > 4) return all;
    int const n = std::atoi(last);
    auto const end = std::find_if(all.begin(), all.end(), [&](db::Migration const& m) { return m.version > n; });
    return all.subspan(0, static_cast<std::size_t>(end - all.begin()));
}

std::span<const db::MigrationStep> migration_steps() {
    static std::vector<db::MigrationStep> const steps{
        // 0023: ground-check answers saved before the write rule lose what it refuses.
        {23, [](db::Connection& c) -> Result<void> {
             PILAR_TRY(verivali::clean_stored_jawaban(c));
             return {};
         }},
        // 0024: the rest saved before the write rules — free text and the audit trail's copies.
        {24, [](db::Connection& c) -> Result<void> {
             PILAR_TRY(clean_free_text(c));
             return {};
         }},
    };
    return steps;
}

Result<db::MigrateReport> apply_migrations(db::Database& database) {
    return db::migrate(database, known_migrations(database.dialect()), migration_steps());
}

}  // namespace pilar::cli
