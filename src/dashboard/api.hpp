// GET /api/v1/dasbor (the caller's panels and the map's tile settings) and
// GET /api/v1/dasbor/{panel} (one panel's numbers, ?kode_wilayah= inside the caller's scope).
#pragma once

#include "dashboard/service.hpp"
#include "http/router.hpp"

namespace pilar::dashboard {

void register_routes(http::Router& router, DashboardService& service);

}  // namespace pilar::dashboard
