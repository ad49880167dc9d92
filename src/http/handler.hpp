// What route handlers share, one copy for every module's api.cpp: the signed-in actor, a record
// id from the path, whole-number query parameters, a field error, the schema of a list.
//
//   router.add(Method::Get, "/api/v1/periksa/{id}",
//              http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
//                  auto id = PILAR_TRY(http::path_id(req));
//                  return http::respond(req, svc.periksa(actor, id), encode);
//              }), {...});
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "http/router.hpp"

namespace pilar::http {

// A handler that needs the signed-in actor and may fail at any step (PILAR_TRY).
using ActorHandler = std::function<Result<Response>(Request&, Actor const&)>;

// The route handler for `fn`: without a signed-in actor it answers that error (401); an error
// `fn` returns is answered by error_response in the request's language.
Handler with_actor(ActorHandler fn);

// The record id in the path parameter `name`. A value that is not a whole number names no
// record: 404, exactly like an id that does not exist (docs/api.md).
Result<std::int64_t> path_id(Request const& req, std::string_view name = "id");

// An optional whole-number query parameter: absent or empty is nullopt; anything else but up to
// 18 digits is a 400 at the parameter.
Result<std::optional<std::int64_t>> query_int(Request const& req, std::string_view name);

// ?limit= of a list page: `fallback` when absent, otherwise 1 to `max` (a 400 at "limit").
Result<int> query_limit(Request const& req, int fallback, int max);

// The wrong-input error (400) at one field of the request.
Error invalid_at(std::string_view field, Text text);

// The JSON Schema (text) of a list response, {"items": [...], "next": "..."}, whose items are
// components/schemas/`ref`.
std::string list_schema(std::string_view ref);

}  // namespace pilar::http
