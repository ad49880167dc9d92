// HTTP routes of the verivali module: /api/v1/usulan, /api/v1/musyawarah, /api/v1/lampiran,
// /api/v1/daftar-periksa and /api/v1/periksa. Who may call each is in src/access/policy.cpp;
// the service checks the workflow's roles and the caller's scope again.
#pragma once

#include <string>

#include "http/router.hpp"
#include "verivali/service.hpp"

namespace pilar::verivali {

// `tmp_dir`: where downloads are built (the data directory's tmp/).
void register_routes(http::Router& router, VerivaliService& service, std::string const& tmp_dir);
// JSON object text of the schemas the routes refer to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::verivali
