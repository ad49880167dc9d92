#include "core/error.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace pilar {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "invalid_argument";
        case ErrorCode::Unauthenticated: return "unauthenticated";
        case ErrorCode::PermissionDenied: return "permission_denied";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::AlreadyExists: return "already_exists";
        case ErrorCode::Conflict: return "conflict";
        case ErrorCode::ResourceExhausted: return "resource_exhausted";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

std::string Error::describe(Lang lang) const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (row > 0) out += fmt::format(":{}", row);
        out += ": ";
    } else if (row > 0) {
        out += lang == Lang::En ? fmt::format("row {}: ", row) : fmt::format("baris {}: ", row);
    }
    if (!field.empty()) out += fmt::format("{} {}: ", lang == Lang::En ? "field" : "kolom", field);
    out += message.in(lang);
    return out;
}

Lang lang_from_accept_language(std::string_view header) {
    // Take the first language tag; quality values are rarely used by browsers to put a later
    // tag first, and Indonesian is the default for anything we do not recognise.
    auto start = header.find_first_not_of(" \t");
    if (start == std::string_view::npos) return Lang::Id;
    header.remove_prefix(start);
    if (header.size() >= 2 && (header[0] == 'e' || header[0] == 'E') &&
        (header[1] == 'n' || header[1] == 'N') &&
        (header.size() == 2 || header[2] == '-' || header[2] == ',' || header[2] == ';'))
        return Lang::En;
    return Lang::Id;
}

Lang lang_from_environment() {
    for (char const* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        char const* v = std::getenv(name);
        if (v && *v) {
            std::string_view s(v);
            return s.starts_with("en") ? Lang::En : Lang::Id;
        }
    }
    return Lang::Id;
}

}  // namespace pilar
