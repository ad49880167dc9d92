// HTTP routes of the wilayah module (/api/v1/wilayah...).
#pragma once

#include <string>

#include "http/router.hpp"
#include "wilayah/service.hpp"

namespace pilar::wilayah {

void register_routes(http::Router& router, WilayahService& service);
// JSON object text of the schemas the routes refer to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::wilayah
