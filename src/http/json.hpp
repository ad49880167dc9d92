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

// A full NIK/No. KK in free text (core/full_number.hpp): every string of a JSON body, at any
// depth, except under the fields made for the numbers (holds_number_by_design), is refused with a
// 400 at its path — "catatan", "sasaran[0].uraian", "jawaban.penghuni[1].catatan" — worded
// "... tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir" (the number is not quoted).
// `path` is where `v` sits ("" for a whole body).
Result<void> refuse_full_numbers(boost::json::value const& v, std::string const& path = "");

// The body as a JSON object; invalid JSON, another type or a wrong Content-Type is a 400 that
// says where the JSON broke. Every write path reads its body here, so a full number in free text
// is refused here for all of them; a route whose body bundles independent parts that must be
// answered one by one (offline sync's operations) checks each part itself.
enum class FullNumbers { Refuse, CheckedPerPart };
Result<boost::json::object> parse_json_object(Request const& req, FullNumbers full_numbers = FullNumbers::Refuse);

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
