// Routes (method + pattern) to handlers, with the documentation each route carries so that
// /api/openapi.json is generated from the routes themselves and cannot fall out of date.
//
//   router.add(Method::Get, "/api/v1/wilayah/{kode}", get_wilayah,
//              {.summary = "Satu wilayah", .tag = "wilayah", .response_schema = R"({"$ref": ...})"});
//
// Middleware hooks let src/access plug in authentication and CSRF without src/http knowing
// anything about users: `before` may answer instead of the handler, `after` may add headers.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"

namespace pilar::http {

enum class Execution {
    Inline,   // runs on the I/O thread: short reads
    Offload,  // runs on the worker pool: writes, password hashing, imports, anything that blocks
};

enum class BodyStorage {
    Memory,  // Request::body, up to ServerOptions::body_limit
    // Request::upload: streamed to a file, up to ServerOptions::upload_limit, after the `before`
    // hooks (authentication, CSRF) accepted the request's header: nobody unauthenticated can
    // make the server store anything, and memory stays flat whatever the file's size.
    File,
};

enum class Exposure {
    Public,         // no login needed (health, login, public verification)
    Authenticated,  // the access middleware decides who
};

struct QueryParamDoc {
    std::string name;
    std::string description;
    std::string type = "string";  // JSON Schema type
    bool required = false;
};

struct RouteDoc {
    std::string summary;
    std::string tag;
    std::string description;
    std::vector<QueryParamDoc> query;
    std::string request_schema;   // JSON Schema (text); empty: no body
    std::string response_schema;  // JSON Schema of the 2xx body (text); empty: generic object
    std::string response_content_type = "application/json";
    int success_status = 200;
    Exposure exposure = Exposure::Authenticated;
    // Execution::Offload for anything that may block; defaults: GET/HEAD inline, others offload.
    std::optional<Execution> execution;
    BodyStorage body = BodyStorage::Memory;
};

using Handler = std::function<Response(Request&)>;

struct Route {
    Method method;
    std::string pattern;  // "/api/v1/wilayah/{kode}/children"
    Handler handler;
    RouteDoc doc;
    Execution execution;
    int id;  // index, for per-route metrics
    std::vector<std::string> segments;  // the pattern split at '/', computed once
};

struct RouteMatch {
    Route const* route = nullptr;  // null: no route
    bool method_mismatch = false;  // the path exists with another method (405)
};

class Router {
public:
    using Before = std::function<std::optional<Response>(Request&, Route const&)>;
    using After = std::function<void(Request const&, Route const*, Response&)>;

    void add(Method method, std::string pattern, Handler handler, RouteDoc doc = {});
    // Fills req.params on success.
    RouteMatch match(Request& req) const;
    std::vector<std::unique_ptr<Route>> const& routes() const { return m_routes; }

    void add_before(Before hook) { m_before.push_back(std::move(hook)); }
    // Headers on every response (security headers), formatted once; and the Cache-Control for
    // /api/ responses that set none.
    void set_default_headers(Headers const& headers);
    void set_api_cache_control(std::string value) { m_api_cache_control = "Cache-Control: " + value + "\r\n"; }
    std::string const& default_headers() const { return m_default_headers; }
    std::string const& api_cache_control() const { return m_api_cache_control; }
    void add_after(After hook) { m_after.push_back(std::move(hook)); }
    std::optional<Response> run_before(Request& req, Route const& route) const;
    void run_after(Request const& req, Route const* route, Response& res) const;

    // OpenAPI 3.1 document for every route, with the shared schemas given.
    std::string openapi_json(std::string_view version, std::string_view components_schemas_json) const;

private:
    std::vector<std::unique_ptr<Route>> m_routes;
    // Candidates for match(): routes by their third path segment when it is a literal
    // ("/api/v1/anggota/{id}" under "anggota"), the rest (shorter patterns, a {param} third) in
    // m_other; each list in the order the routes were added. A request then compares a handful
    // of patterns instead of all of them.
    std::unordered_map<std::string_view, std::vector<Route const*>> m_by_third;
    std::vector<Route const*> m_other;
    std::vector<Before> m_before;
    std::vector<After> m_after;
    std::string m_default_headers;
    std::string m_api_cache_control;
};

}  // namespace pilar::http
