#include "http/builtin.hpp"

#include <boost/json.hpp>

#include <memory>
#include <mutex>

namespace pilar::http {

void add_builtin_routes(Router& router, Metrics& metrics, BuiltinOptions options) {
    auto opts = std::make_shared<BuiltinOptions>(std::move(options));

    router.add(
        Method::Get, "/healthz",
        [opts](Request& req) {
            if (opts->health_check) {
                if (auto r = opts->health_check(); !r) {
                    Response res = error_response(r.error(), req.lang);
                    res.status = 503;
                    return res;
                }
            }
            Response res;
            res.body = R"({"status":"ok","version":")" + opts->version + "\"}";
            res.set_header("Cache-Control", "no-store");
            return res;
        },
        {.summary = "Kesehatan server (liveness/readiness)",
         .tag = "sistem",
         .response_schema = R"({"type":"object","required":["status"],"properties":{"status":{"type":"string","enum":["ok"]},"version":{"type":"string"}}})",
         .exposure = Exposure::Public});

    router.add(
        Method::Get, "/metrics",
        [&metrics](Request&) {
            Response res;
            res.content_type = "text/plain; version=0.0.4; charset=utf-8";
            res.body = metrics.render();
            res.set_header("Cache-Control", "no-store");
            return res;
        },
        {.summary = "Metrik Prometheus",
         .tag = "sistem",
         .response_schema = R"({"type":"string"})",
         .response_content_type = "text/plain",
         .exposure = Exposure::Public});

    // Generated on first request: by then every module has registered its routes.
    auto cache = std::make_shared<std::pair<std::once_flag, std::string>>();
    Router const* r = &router;
    router.add(
        Method::Get, "/api/openapi.json",
        [opts, cache, r](Request&) {
            std::call_once(cache->first, [&] {
                cache->second = r->openapi_json(opts->version, opts->openapi_schemas ? opts->openapi_schemas() : "");
            });
            Response res;
            res.body = cache->second;
            return res;
        },
        {.summary = "Dokumen OpenAPI 3.1 untuk API ini",
         .tag = "sistem",
         .response_schema = R"({"type":"object"})",
         .exposure = Exposure::Public});
}

}  // namespace pilar::http
