// The authorization matrix is complete: every route the server has is in the access table
// (so a new route fails here until someone decides who may call it), and every row of the
// table names a route that exists.
#include "cli/wiring.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "access/policy.hpp"
#include "db/test_dir.hpp"

namespace pilar::cli {
namespace {

std::unique_ptr<App> make_app(std::filesystem::path const& dir) {
    auto database = db::open_database((dir / "p.db").string()).value();
    return build_app(std::move(database), access::Keyring::parse(access::Keyring::generate_line(1), "test").value());
}

using TempDir = db::TestDir;

TEST(Wiring, EveryRouteHasAnAccessRule) {
    TempDir dir;
    auto app = make_app(dir.path);
    ASSERT_GT(app->router.routes().size(), 10u);
    for (auto const& r : app->router.routes())
        EXPECT_TRUE(access::rule_for(r->method, r->pattern).has_value())
            << http::method_name(r->method) << " " << r->pattern << " has no row in src/access/policy.cpp";
}

TEST(Wiring, EveryAccessRuleNamesARoute) {
    TempDir dir;
    auto app = make_app(dir.path);
    for (auto const& rule : access::access_rules()) {
        bool found = false;
        for (auto const& r : app->router.routes())
            if (r->method == rule.method && r->pattern == rule.pattern) found = true;
        EXPECT_TRUE(found) << "stale access rule " << http::method_name(rule.method) << " " << rule.pattern;
    }
}

TEST(Wiring, PublicRoutesAreExactlyThePublicRules) {
    TempDir dir;
    auto app = make_app(dir.path);
    for (auto const& r : app->router.routes()) {
        auto rule = access::rule_for(r->method, r->pattern);
        ASSERT_TRUE(rule);
        EXPECT_EQ(*rule == access::kPublic, r->doc.exposure == http::Exposure::Public)
            << r->pattern << ": the OpenAPI security and the access table disagree";
    }
}

TEST(Wiring, OpenApiDocumentListsEveryRoute) {
    TempDir dir;
    auto app = make_app(dir.path);
    auto doc = boost::json::parse(app->router.openapi_json("test", "{}")).as_object();
    EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
    auto const& paths = doc.at("paths").as_object();
    for (auto const& r : app->router.routes()) {
        std::string method(http::method_name(r->method));
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        auto it = paths.find(r->pattern);
        ASSERT_NE(it, paths.end()) << r->pattern;
        EXPECT_TRUE(it->value().as_object().contains(method)) << method << " " << r->pattern;
    }
}

}  // namespace
}  // namespace pilar::cli
