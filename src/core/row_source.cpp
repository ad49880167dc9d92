#include "core/row_source.hpp"

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar {

std::optional<size_t> RowSource::column(std::string_view name) const {
    name = trim(name);
    auto const names = header();
    for (size_t i = 0; i < names.size(); ++i)
        if (equals_ci(names[i], name)) return i;
    return std::nullopt;
}

Result<size_t> RowSource::require_column(std::string_view name) const {
    if (auto i = column(name)) return *i;
    std::string const present = excerpt_for_message(join(header(), ", "), 200);
    Error e(ErrorCode::InvalidArgument,
            {fmt::format("Kolom \"{}\" tidak ada di header (yang ada: {})", name, present),
             fmt::format("Column \"{}\" is missing from the header (present: {})", name, present)});
    if (!source_name().empty()) e.at_file(source_name());
    return fail(std::move(e));
}

Result<bool> CsvRowSource::next(std::vector<std::string>& row) {
    bool const got = PILAR_TRY(m_reader->next(m_record));
    if (!got) return false;
    auto const fields = m_record.fields();
    row.resize(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) row[i].assign(fields[i]);
    return true;
}

}  // namespace pilar
