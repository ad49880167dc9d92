#include "http/handler.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/strings.hpp"
#include "http/json.hpp"

namespace pilar::http {
namespace {

// Up to 18 digits: always fits an int64, no sign, no spaces.
std::optional<std::int64_t> whole_number(std::string_view v) {
    if (v.empty() || v.size() > 18 || !is_all_digits(v)) return std::nullopt;
    std::int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}

}  // namespace

Handler with_actor(ActorHandler fn) {
    return [fn = std::move(fn)](Request& req) -> Response {
        auto actor = req.actor();
        if (!actor) return error_response(actor.error(), req.lang);
        auto r = fn(req, **actor);
        return r ? std::move(*r) : error_response(r.error(), req.lang);
    };
}

Result<std::int64_t> path_id(Request const& req, std::string_view name) {
    auto v = req.param(name);
    if (auto n = whole_number(v)) return *n;
    return fail(ErrorCode::NotFound, {fmt::format("{} tidak ditemukan", v), fmt::format("{} not found", v)});
}

Result<std::optional<std::int64_t>> query_int(Request const& req, std::string_view name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::optional<std::int64_t>{};
    if (auto n = whole_number(*v)) return std::optional<std::int64_t>(*n);
    return fail(invalid_at(name, {fmt::format("{} harus bilangan bulat", name), fmt::format("{} must be a whole number", name)}));
}

Result<int> query_limit(Request const& req, int fallback, int max) {
    auto l = PILAR_TRY(query_int(req, "limit"));
    if (!l) return fallback;
    if (*l < 1 || *l > max)
        return fail(invalid_at("limit", {fmt::format("limit harus 1 sampai {}", max), fmt::format("limit must be 1 to {}", max)}));
    return static_cast<int>(*l);
}

Error invalid_at(std::string_view field, Text text) {
    return Error(ErrorCode::InvalidArgument, std::move(text)).at_field(std::string(field));
}

std::string list_schema(std::string_view ref) {
    return fmt::format(R"({{"type":"object","required":["items"],"properties":{{"items":{{"type":"array","items":{{"$ref":"#/components/schemas/{}"}}}},"next":{{"type":"string"}}}}}})",
                       ref);
}

}  // namespace pilar::http
