// The composition root: opens the services of every module on one database and puts their
// routes, the access middleware and the built-in routes on one router. `pilar serve` and
// `pilar demo` use it, and so do the tests that check every route has an access rule.
#pragma once

#include <memory>
#include <string>

#include "access/api.hpp"
#include "access/service.hpp"
#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "wilayah/service.hpp"

namespace pilar::cli {

struct AppOptions {
    access::SessionOptions sessions;
    access::MiddlewareOptions middleware;
};

struct App {
    std::unique_ptr<db::Database> db;
    std::unique_ptr<wilayah::WilayahService> wilayah;
    std::unique_ptr<access::AccessService> access;
    std::unique_ptr<access::AuditService> audit;
    http::Router router;
    http::Metrics metrics;
};

std::unique_ptr<App> build_app(std::unique_ptr<db::Database> db, AppOptions const& options = {});

}  // namespace pilar::cli
