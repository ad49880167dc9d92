// The routes every Pilar server has, whatever modules are loaded: /healthz, /metrics and
// /api/openapi.json (generated from the router, so every route is in it).
#pragma once

#include <functional>
#include <string>

#include "core/error.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace pilar::http {

struct BuiltinOptions {
    std::string version;
    // Checks the server can serve (database reachable); an error makes /healthz answer 503.
    std::function<Result<void>()> health_check;
    // JSON object of shared schemas ({"Wilayah": {...}}) for components.schemas.
    std::function<std::string()> openapi_schemas;
};

void add_builtin_routes(Router& router, Metrics& metrics, BuiltinOptions options);

}  // namespace pilar::http
