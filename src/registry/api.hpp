// HTTP routes of the registry (/api/v1/keluarga..., /api/v1/anggota..., /api/v1/registry/kosakata).
// Bodies use the column names of docs/formats.md; updates carry the version the client saw and
// a reason, and a stale version answers 409 with the current record under "current".
#pragma once

#include <string>

#include "http/router.hpp"
#include "registry/export.hpp"
#include "registry/service.hpp"

namespace pilar::registry {

void register_routes(http::Router& router, RegistryService& service);
// GET /api/v1/ekspor/{jenis} (export_api.cpp). Files are built in `tmp_dir` (the data
// directory's tmp/; created when missing) and sent from there.
void register_export_routes(http::Router& router, ExportService& service, std::string tmp_dir);
// The list filter of a request's query string (kode_wilayah, nik, no_kk, nama, ppks, ...).
Result<ListQuery> list_query_of(http::Request const& req);
// JSON object text of the schemas the routes refer to (components.schemas).
std::string openapi_schemas();

}  // namespace pilar::registry
