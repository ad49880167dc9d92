#include "db/text_rewrite.hpp"

#include <fmt/format.h>

#include <utility>

namespace pilar::db {

Result<std::vector<std::string>> rewrite_text_column(
    Connection& c, TextColumn const& col, std::function<std::optional<std::string>(std::string_view)> const& rewrite) {
    // Collected first and written after the scan: an UPDATE of the table a statement is still
    // stepping through is not something to rely on in either backend.
    std::vector<std::pair<std::int64_t, std::string>> changed;
    std::vector<std::string> regions;
    {
        auto s = PILAR_TRY(c.prepare(fmt::format("SELECT t.{1}, {3}, t.{2} FROM {0} t WHERE t.{2} IS NOT NULL ORDER BY t.{1}",
                                                 col.table, col.key, col.column,
                                                 col.region.empty() ? std::string_view("NULL") : col.region)));
        while (PILAR_TRY(s.step())) {
            if (auto now = rewrite(s.text(2))) {
                changed.emplace_back(s.integer(0), std::move(*now));
                regions.emplace_back(s.opt_text(1).value_or(""));
            }
        }
    }
    for (auto const& [key, text] : changed)
        PILAR_TRY(c.execute(fmt::format("UPDATE {} SET {} = ? WHERE {} = ?", col.table, col.column, col.key), text, key));
    return regions;
}

}  // namespace pilar::db
