#include "http/router.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <array>
#include <map>
#include <span>
#include <stdexcept>

namespace pilar::http {
namespace {

// Splits "/a/{b}/c" into {"a","{b}","c"}.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.push_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// {id} and {..._id} name a record by its number: only 1 to 18 digits fit them, so a path such as
// /anggota/abc names no record and answers 404 whatever the handler would check first (the
// role, the body). docs/api.md.
bool is_record_id_param(std::string_view seg) { return seg == "{id}" || seg.ends_with("_id}"); }

bool is_record_id(std::string_view v) {
    if (v.empty() || v.size() > 18) return false;
    for (char c : v)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteDoc doc) {
    for (auto const& r : m_routes)
        if (r->method == method && r->pattern == pattern)
            throw std::logic_error("duplicate route " + pattern);  // programming error, at start-up
    Execution exec = doc.execution.value_or((method == Method::Get || method == Method::Head) ? Execution::Inline
                                                                                               : Execution::Offload);
    int id = static_cast<int>(m_routes.size());
    std::vector<std::string> segs;
    for (auto seg : segments(pattern)) segs.emplace_back(seg);
    m_routes.push_back(std::make_unique<Route>(
        Route{method, std::move(pattern), std::move(handler), std::move(doc), exec, id, std::move(segs)}));
    Route const* r = m_routes.back().get();
    if (r->segments.size() > 2 && !is_param(r->segments[2]))
        m_by_third[r->segments[2]].push_back(r);
    else
        m_other.push_back(r);
}

RouteMatch Router::match(Request& req) const {
    // A fixed array keeps matching allocation-free; deeper paths than any route cannot match.
    std::array<std::string_view, 12> segs_buf;
    size_t nsegs = 0;
    {
        std::string_view p = req.path;
        size_t i = 0;
        while (i < p.size()) {
            if (p[i] == '/') {
                ++i;
                continue;
            }
            size_t j = p.find('/', i);
            if (j == std::string_view::npos) j = p.size();
            if (nsegs == segs_buf.size()) return {};
            segs_buf[nsegs++] = p.substr(i, j - i);
            i = j;
        }
    }
    std::span<std::string_view const> segs(segs_buf.data(), nsegs);
    RouteMatch result;
    Method const m = req.method == Method::Head ? Method::Get : req.method;
    // Linear over routes: a few dozen patterns compare faster this way than any tree. Among
    // patterns that fit, the one with the fewest {params} wins, so "/wilayah/import" beats
    // "/wilayah/{kode}" whatever order they were added in.
    Route const* best = nullptr;
    int best_params = 1 << 30;
    // The routes that can match, in the order they were added (ties go to the earlier one):
    // m_other and the bucket of the third segment, merged by id.
    static std::vector<Route const*> const kNone;
    auto const bucket = segs.size() > 2 ? m_by_third.find(segs[2]) : m_by_third.end();
    auto const& third = bucket == m_by_third.end() ? kNone : bucket->second;
    auto a = m_other.begin(), b = third.begin();
    while (a != m_other.end() || b != third.end()) {
        Route const* r = (b == third.end() || (a != m_other.end() && (*a)->id < (*b)->id)) ? *a++ : *b++;
        auto const& pat = r->segments;
        if (pat.size() != segs.size()) continue;
        bool ok = true;
        int params = 0;
        for (size_t i = 0; i < pat.size() && ok; ++i) {
            if (is_param(pat[i])) {
                ++params;
                if (is_record_id_param(pat[i]) && !is_record_id(segs[i])) ok = false;
            } else if (pat[i] != segs[i])
                ok = false;
        }
        if (!ok) continue;
        if (r->method != m) {
            result.method_mismatch = true;
            continue;
        }
        if (params < best_params) {
            best = r;
            best_params = params;
            if (params == 0) break;
        }
    }
    if (!best) return result;
    req.params.clear();
    for (size_t i = 0; i < best->segments.size(); ++i)
        if (is_param(best->segments[i])) {
            std::string_view name = best->segments[i];
            auto decoded = percent_decode(segs[i], false);
            req.params.emplace_back(name.substr(1, name.size() - 2), decoded.value_or(std::string(segs[i])));
        }
    result.route = best;
    result.method_mismatch = false;
    return result;
}

void Router::set_default_headers(Headers const& headers) {
    m_default_headers.clear();
    for (auto const& [k, v] : headers) m_default_headers += k + ": " + v + "\r\n";
}

std::optional<Response> Router::run_before(Request& req, Route const& route) const {
    for (auto const& hook : m_before)
        if (auto r = hook(req, route)) return r;
    return std::nullopt;
}

void Router::run_after(Request const& req, Route const* route, Response& res) const {
    for (auto const& hook : m_after) hook(req, route, res);
}

std::string Router::openapi_json(std::string_view version, std::string_view components_schemas_json) const {
    namespace json = boost::json;
    json::object paths;
    auto error_ref = json::object{{"$ref", "#/components/responses/Error"}};
    for (auto const& r : m_routes) {
        std::string p = r->pattern;
        json::object op;
        op["summary"] = r->doc.summary.empty() ? r->pattern : r->doc.summary;
        if (!r->doc.description.empty()) op["description"] = r->doc.description;
        std::string method_lower(method_name(r->method));
        for (auto& c : method_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string op_id = method_lower;
        for (char c : r->pattern) op_id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        op["operationId"] = op_id;
        op["tags"] = json::array{r->doc.tag.empty() ? "lainnya" : r->doc.tag};
        json::array params;
        for (auto seg : segments(r->pattern))
            if (is_param(seg))
                params.push_back(json::object{{"name", std::string(seg.substr(1, seg.size() - 2))},
                                              {"in", "path"},
                                              {"required", true},
                                              {"schema", json::object{{"type", "string"}}}});
        for (auto const& q : r->doc.query)
            params.push_back(json::object{{"name", q.name},
                                          {"in", "query"},
                                          {"required", q.required},
                                          {"description", q.description},
                                          {"schema", json::object{{"type", q.type}}}});
        if (!params.empty()) op["parameters"] = std::move(params);
        if (!r->doc.request_schema.empty())
            op["requestBody"] = json::object{
                {"required", true},
                {"content", json::object{{"application/json",
                                          json::object{{"schema", json::parse(r->doc.request_schema)}}}}}};
        json::object responses;
        json::value schema = r->doc.response_schema.empty() ? json::value(json::object{{"type", "object"}})
                                                            : json::parse(r->doc.response_schema);
        responses[std::to_string(r->doc.success_status)] = json::object{
            {"description", "OK"},
            {"content", json::object{{r->doc.response_content_type, json::object{{"schema", std::move(schema)}}}}}};
        responses["4XX"] = error_ref;
        responses["5XX"] = error_ref;
        op["responses"] = std::move(responses);
        if (r->doc.exposure == Exposure::Public) op["security"] = json::array{};
        auto& path_item = paths[p];
        if (!path_item.is_object()) path_item = json::object{};
        path_item.as_object()[method_lower] = std::move(op);
    }
    json::object error_schema{
        {"type", "object"},
        {"required", json::array{"error"}},
        {"properties",
         json::object{{"error", json::object{{"type", "object"},
                                             {"required", json::array{"code", "message"}},
                                             {"properties", json::object{
                                                                {"code", json::object{{"type", "string"}}},
                                                                {"message", json::object{{"type", "string"}}},
                                                                {"field", json::object{{"type", "string"}}},
                                                                {"row", json::object{{"type", "integer"}}},
                                                                {"file", json::object{{"type", "string"}}},
                                                            }}}}}}};
    json::object schemas = components_schemas_json.empty() ? json::object{} : json::parse(components_schemas_json).as_object();
    schemas["Error"] = error_schema;
    json::object doc{
        {"openapi", "3.1.0"},
        {"info", json::object{{"title", "Pilar API"},
                              {"version", version},
                              {"description", "Registri kesejahteraan sosial dan manajemen kasus — Social-welfare registry and case management."},
                              {"license", json::object{{"name", "Apache-2.0"}, {"identifier", "Apache-2.0"}}}}},
        {"servers", json::array{json::object{{"url", "/"}}}},
        {"paths", std::move(paths)},
        {"components",
         json::object{
             {"schemas", std::move(schemas)},
             {"responses", json::object{{"Error", json::object{{"description", "Error"},
                                                               {"content", json::object{{"application/json",
                                                                   json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}}}}}},
             {"securitySchemes", json::object{
                 {"session", json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "pilar_session"}}},
                 {"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}}}}}},
        {"security", json::array{json::object{{"session", json::array{}}}, json::object{{"bearer", json::array{}}}}},
    };
    return json::serialize(doc);
}

}  // namespace pilar::http
