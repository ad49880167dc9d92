// HTTP routes of the workforce module: /api/v1/pilar-sosial (roster, SK, assignments, status),
// /api/v1/cakupan (coverage, and /peta as GeoJSON), /api/v1/laporan-kegiatan (activity reports and
// photos, /api/v1/foto-kegiatan), /api/v1/rekap (monthly recap, incentive, kecamatan report,
// exports), /api/v1/peringkat (scores and rankings) and /api/v1/aturan-pilar-sosial. Who may call
// each is in src/access/policy.cpp; the service checks scope again.
#pragma once

#include <string>

#include "http/router.hpp"
#include "workforce/service.hpp"

namespace pilar::workforce {

void register_routes(http::Router& router, WorkforceService& service, std::string const& tmp_dir);
std::string openapi_schemas();

}  // namespace pilar::workforce
