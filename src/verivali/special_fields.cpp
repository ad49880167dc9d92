#include "verivali/special_fields.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "core/full_number.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace pilar::verivali {
namespace {

constexpr std::array<std::string_view, 5> kForbidden{"nik", "no_kk", "disabilitas_jenis", "disabilitas_tingkat",
                                                     "penyakit_kronis"};

bool forbidden(std::string_view key) { return std::find(kForbidden.begin(), kForbidden.end(), key) != kForbidden.end(); }

}  // namespace

std::optional<ForbiddenField> forbidden_field(boost::json::value const& v, std::string const& path) {
    if (auto const* o = v.if_object()) {
        for (auto const& [key, child] : *o) {
            auto here = fmt::format("{}.{}", path, std::string_view(key));
            if (forbidden(key)) return ForbiddenField{here, std::string(key)};
            if (auto found = forbidden_field(child, here)) return found;
        }
    } else if (auto const* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto found = forbidden_field((*a)[i], fmt::format("{}[{}]", path, i))) return found;
    }
    return std::nullopt;
}

bool remove_forbidden_fields(boost::json::value& v) {
    bool changed = false;
    if (auto* o = v.if_object()) {
        for (auto it = o->begin(); it != o->end();) {
            if (forbidden(it->key())) {
                // stable_erase keeps the other keys in their order (erase would move the last
                // key into the hole), so a cleaned answer reads as it was, less the field.
                it = o->stable_erase(it);
                changed = true;
            } else {
                changed |= remove_forbidden_fields(it->value());
                ++it;
            }
        }
    } else if (auto* a = v.if_array()) {
        for (auto& e : *a) changed |= remove_forbidden_fields(e);
    }
    return changed;
}

bool mask_full_numbers_in(boost::json::value& v, std::span<const std::string_view> also_keep) {
    bool changed = false;
    if (auto* s = v.if_string()) {
        if (find_full_number(*s)) {
            *s = mask_full_numbers(*s);
            changed = true;
        }
    } else if (v.is_int64() || v.is_uint64()) {
        // A NIK stored as a JSON number becomes its masked text.
        auto const digits = v.is_int64() ? std::to_string(v.get_int64()) : std::to_string(v.get_uint64());
        if (find_full_number(digits)) {
            v = boost::json::string(mask_full_numbers(digits));
            changed = true;
        }
    } else if (auto* o = v.if_object()) {
        for (auto& [key, child] : *o)
            if (!holds_number_by_design(key) && std::find(also_keep.begin(), also_keep.end(), key) == also_keep.end())
                changed |= mask_full_numbers_in(child, also_keep);
    } else if (auto* a = v.if_array()) {
        for (auto& e : *a) changed |= mask_full_numbers_in(e, also_keep);
    }
    return changed;
}

std::optional<std::string> cleaned_json(std::string_view text, Clean what, std::span<const std::string_view> also_keep) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) return std::nullopt;
    bool const removed = what == Clean::SpecialFields && remove_forbidden_fields(v);
    bool const masked = mask_full_numbers_in(v, also_keep);
    if (!removed && !masked) return std::nullopt;
    return boost::json::serialize(v);
}

}  // namespace pilar::verivali
