// HTTP route of the fuzzy person search: GET /api/v1/cari.
#pragma once

#include <string>

#include "http/router.hpp"
#include "search/service.hpp"

namespace pilar::search {

void register_routes(http::Router& router, SearchService& service);
// JSON object text of the schemas the route refers to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::search
