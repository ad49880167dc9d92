#include "registry/json_input.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "core/strings.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;

Error bad(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

}  // namespace

Result<std::optional<std::string>> cell_of(std::string_view key, json::value const& v) {
    switch (v.kind()) {
    case json::kind::null: return std::optional<std::string>{};
    case json::kind::string: return std::optional<std::string>(std::string(v.get_string()));
    case json::kind::int64: return std::optional<std::string>(std::to_string(v.get_int64()));
    case json::kind::uint64: return std::optional<std::string>(std::to_string(v.get_uint64()));
    case json::kind::double_: return std::optional<std::string>(fmt::format("{}", v.get_double()));
    case json::kind::array: {
        std::string out;
        for (auto const& item : v.get_array()) {
            auto s = PILAR_TRY(cell_of(key, item));
            if (!s) continue;
            if (!out.empty()) out += ';';
            out += *s;
        }
        return std::optional<std::string>(out);
    }
    default:
        return fail(bad(key, {fmt::format("{}: jenis nilai tidak sesuai", key), fmt::format("{}: wrong value type", key)}));
    }
}

Result<Changes> changes_of(json::object const& data, std::initializer_list<std::string_view> control) {
    Changes out;
    for (auto const& [k, v] : data)
        if (std::find(control.begin(), control.end(), std::string_view(k)) == control.end())
            out.emplace_back(std::string(k), PILAR_TRY(cell_of(k, v)));
    return out;
}

template <typename Col>
Result<Record<Col>> record_of(json::object const& data, std::span<ColumnSpec const> specs,
                              std::initializer_list<std::string_view> control) {
    Record<Col> r;
    for (auto const& [name, value] : PILAR_TRY(changes_of(data, control))) {
        auto it = std::find_if(specs.begin(), specs.end(), [&](ColumnSpec const& s) { return s.name == name; });
        if (it == specs.end())
            return fail(bad(name, {fmt::format("kolom '{}' tidak dikenal", excerpt_for_message(name)),
                                   fmt::format("unknown column '{}'", excerpt_for_message(name))}));
        r.fields[static_cast<std::size_t>(it - specs.begin())] = value.value_or("");
    }
    return r;
}

template Result<KeluargaRecord> record_of<KCol>(json::object const&, std::span<ColumnSpec const>,
                                                std::initializer_list<std::string_view>);
template Result<AnggotaRecord> record_of<ACol>(json::object const&, std::span<ColumnSpec const>,
                                               std::initializer_list<std::string_view>);

}  // namespace pilar::registry
