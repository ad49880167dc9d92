// JSON helpers for handlers: decode a request body with a clear error, read typed fields,
// encode a response. Uses Boost.JSON (lighter than Beast; fine for every api.cpp to include).
//
//   auto body = PILAR_TRY(parse_json_object(req));
//   auto nama = PILAR_TRY(required_string(body, "nama"));
//   return json_response(201, boost::json::object{{"kode", kode}});
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/request.hpp"

namespace pilar::http {

// The body as a JSON object; invalid JSON, another type or a wrong Content-Type is a 400 that
// says where the JSON broke.
Result<boost::json::object> parse_json_object(Request const& req);

Result<std::string> required_string(boost::json::object const& o, std::string_view key);
Result<std::optional<std::string>> optional_string(boost::json::object const& o, std::string_view key);
Result<std::optional<std::int64_t>> optional_int(boost::json::object const& o, std::string_view key);
Result<std::optional<bool>> optional_bool(boost::json::object const& o, std::string_view key);

Response json_response(int status, boost::json::value const& v);
// {"items": [...]} plus optional "next" cursor: the shape of every list.
Response json_list(boost::json::array items, std::optional<std::string> next_cursor = std::nullopt);

// Turns a Result into a response: the value via `encode`, an error via error_response().
template <typename T, typename Encode>
Response respond(Request const& req, Result<T> const& r, Encode&& encode, int status = 200) {
    if (!r) return error_response(r.error(), req.lang);
    return json_response(status, encode(*r));
}

}  // namespace pilar::http
