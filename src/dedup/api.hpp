// HTTP routes of the duplicate review (/api/v1/duplikat...) and the entry check
// (POST /api/v1/anggota/cek-duplikat).
#pragma once

#include <string>

#include "dedup/service.hpp"
#include "http/router.hpp"

namespace pilar::dedup {

void register_routes(http::Router& router, DedupService& service);
// JSON object text of the schemas the routes refer to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::dedup
