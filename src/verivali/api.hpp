// HTTP routes of the verivali module: /api/v1/usulan, /api/v1/musyawarah, /api/v1/lampiran,
// /api/v1/daftar-periksa and /api/v1/periksa. Who may call each is in src/access/policy.cpp;
// the service checks the workflow's roles and the caller's scope again.
#pragma once

#include <string>

#include "http/router.hpp"
#include "verivali/service.hpp"

namespace pilar::verivali {

void register_routes(http::Router& router, VerivaliService& service);
// JSON object text of the schemas the routes refer to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::verivali
