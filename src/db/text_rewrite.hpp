// Rewriting one text column row by row, for a migration's C++ step (migrate.hpp's MigrationStep)
// whose rewrite SQL cannot say portably — masking full NIK/No. KK typed into free text
// (migration 0024). The table and column names are the migration's own, fixed text, never input.
//
//   auto changed = PILAR_TRY(db::rewrite_text_column(c, {"usulan", "id", "catatan", "kode_wilayah"},
//       [](std::string_view v) -> std::optional<std::string> { ... }));
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace pilar::db {

struct TextColumn {
    std::string_view table;   // "usulan"
    std::string_view key;     // its primary key column, an integer: "id"
    std::string_view column;  // "catatan"
    // An SQL expression for the row's wilayah code, over the table aliased "t" ("t.kode_wilayah",
    // or a subquery through its parent); "" when the rows belong to no region.
    std::string_view region;
};

// Calls `rewrite` with every non-NULL value of the column and stores what it returns (nullopt:
// unchanged). Returns the region of each changed row ("" without one), so its size is the count.
// Precondition: `c` holds a write transaction.
Result<std::vector<std::string>> rewrite_text_column(
    Connection& c, TextColumn const& col, std::function<std::optional<std::string>(std::string_view)> const& rewrite);

}  // namespace pilar::db
