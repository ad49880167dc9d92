#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <optional>
#include <string>

namespace pilar::http {
namespace {

Response text(std::string s) {
    Response r;
    r.body = std::move(s);
    return r;
}

Router make() {
    Router r;
    r.add(Method::Get, "/api/v1/wilayah/{kode}", [](Request& q) { return text("get " + std::string(q.param("kode"))); });
    r.add(Method::Get, "/api/v1/wilayah/{kode}/children", [](Request& q) { return text("children " + std::string(q.param("kode"))); });
    r.add(Method::Post, "/api/v1/wilayah/{kode}/children", [](Request&) { return text("create"); });
    r.add(Method::Post, "/api/v1/wilayah/import", [](Request&) { return text("import"); });
    return r;
}

struct Case {
    Method method;
    std::string path;
    std::string expect_body;  // empty: no route
    bool method_mismatch = false;
};

TEST(Router, MatchesPatternsAndExtractsParams) {
    Router r = make();
    std::vector<Case> cases = {
        {Method::Get, "/api/v1/wilayah/36.71", "get 36.71"},
        {Method::Head, "/api/v1/wilayah/36.71", "get 36.71"},
        {Method::Get, "/api/v1/wilayah/36.71/children", "children 36.71"},
        {Method::Get, "/api/v1/wilayah/36.71/children/", "children 36.71"},
        {Method::Post, "/api/v1/wilayah/36.71/children", "create"},
        {Method::Post, "/api/v1/wilayah/import", "import"},
        {Method::Get, "/api/v1/wilayah/import", "get import"},
        {Method::Delete, "/api/v1/wilayah/36.71", "", true},
        {Method::Get, "/api/v1/nothing", ""},
        {Method::Get, "/api/v1/wilayah", ""},
        {Method::Get, "/", ""},
    };
    for (auto const& c : cases) {
        Request req;
        req.method = c.method;
        req.path = c.path;
        auto m = r.match(req);
        if (c.expect_body.empty()) {
            EXPECT_EQ(m.route, nullptr) << c.path;
            EXPECT_EQ(m.method_mismatch, c.method_mismatch) << c.path;
        } else {
            ASSERT_NE(m.route, nullptr) << c.path;
            EXPECT_EQ(m.route->handler(req).body, c.expect_body) << c.path;
        }
    }
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrder) {
    Router r;
    r.add(Method::Post, "/x/{id}", [](Request&) { return text("param"); });
    r.add(Method::Post, "/x/import", [](Request&) { return text("literal"); });
    Request req;
    req.method = Method::Post;
    req.path = "/x/import";
    EXPECT_EQ(r.match(req).route->handler(req).body, "literal");
}

TEST(Router, RecordIdParamsMatchOnlyWholeNumbers) {
    Router r;
    r.add(Method::Get, "/acara/{id}/peserta/{peserta_id}", [](Request& q) { return text(std::string(q.param("peserta_id"))); });
    r.add(Method::Get, "/wilayah/{kode}", [](Request& q) { return text(std::string(q.param("kode"))); });
    auto answer = [&](std::string path) -> std::optional<std::string> {
        Request req;
        req.path = std::move(path);
        auto m = r.match(req);
        if (!m.route) return std::nullopt;
        return m.route->handler(req).body;
    };
    EXPECT_EQ(answer("/acara/12/peserta/345"), "345");
    EXPECT_EQ(answer("/acara/123456789012345678/peserta/1"), "1");
    for (auto bad : {"/acara/abc/peserta/1", "/acara/1/peserta/x", "/acara/-1/peserta/1", "/acara/1.5/peserta/1",
                     "/acara/1234567890123456789/peserta/1", "/acara/%31/peserta/1"})
        EXPECT_EQ(answer(bad), std::nullopt) << bad << ": {id} and {..._id} are record numbers";
    EXPECT_EQ(answer("/wilayah/36.71"), "36.71") << "other params take any segment";
}

TEST(Router, PercentEncodedParamsAreDecoded) {
    Router r = make();
    Request req;
    req.path = "/api/v1/wilayah/36%2E71";
    auto m = r.match(req);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(req.param("kode"), "36.71");
}

TEST(Router, DuplicateRouteIsAProgrammingError) {
    Router r = make();
    EXPECT_THROW(r.add(Method::Get, "/api/v1/wilayah/{kode}", [](Request&) { return Response{}; }), std::logic_error);
}

TEST(Router, BeforeHookCanAnswerInsteadOfHandler) {
    Router r = make();
    r.add_before([](Request& req, Route const&) -> std::optional<Response> {
        if (req.header("authorization").empty()) return error_response(401, ErrorCode::Unauthenticated, {"masuk", "log in"}, Lang::En);
        return std::nullopt;
    });
    Request req;
    req.path = "/api/v1/wilayah/36";
    auto m = r.match(req);
    auto early = r.run_before(req, *m.route);
    ASSERT_TRUE(early);
    EXPECT_EQ(early->status, 401);
    req.headers.emplace_back("authorization", "Bearer x");
    EXPECT_FALSE(r.run_before(req, *m.route));
}

TEST(Router, OpenApiIsValidJsonWithEveryOperation) {
    Router r = make();
    auto doc = boost::json::parse(r.openapi_json("1.2.3", R"({"Thing":{"type":"object"}})")).as_object();
    EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
    EXPECT_EQ(doc.at("info").at("version").as_string(), "1.2.3");
    auto const& paths = doc.at("paths").as_object();
    EXPECT_TRUE(paths.at("/api/v1/wilayah/{kode}/children").as_object().contains("get"));
    EXPECT_TRUE(paths.at("/api/v1/wilayah/{kode}/children").as_object().contains("post"));
    auto const& params = paths.at("/api/v1/wilayah/{kode}").at("get").at("parameters").as_array();
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params[0].at("name").as_string(), "kode");
    EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("Thing"));
    EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("Error"));
}

}  // namespace
}  // namespace pilar::http
