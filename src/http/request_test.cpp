#include "http/request.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/access_log.hpp"
#include "http/json.hpp"

namespace pilar::http {
namespace {

TEST(PercentDecode, Table) {
    struct C {
        std::string_view in;
        bool plus;
        std::optional<std::string> out;
    };
    for (auto const& c : std::vector<C>{{"a%20b", false, "a b"},
                                        {"a+b", true, "a b"},
                                        {"a+b", false, "a+b"},
                                        {"%E2%82%AC", false, "\xE2\x82\xAC"},
                                        {"%", false, std::nullopt},
                                        {"%4", false, std::nullopt},
                                        {"%zz", false, std::nullopt},
                                        {"/api/v1/anggota/12345", false, "/api/v1/anggota/12345"},
                                        {"%41bc%2Fd%2f", false, "Abc/d/"},
                                        {"a+%2B+b", true, "a + b"},
                                        {"a%2", false, std::nullopt},
                                        {"ab%", false, std::nullopt},
                                        {"", false, ""}})
        EXPECT_EQ(percent_decode(c.in, c.plus), c.out) << c.in;
}

TEST(Request, QueryParamsAndHeaders) {
    Request r;
    r.query = "q=siti+aminah&limit=5&empty=&flag";
    r.headers = {{"content-type", "application/json"}};
    EXPECT_EQ(r.query_param("q"), "siti aminah");
    EXPECT_EQ(r.query_param("limit"), "5");
    EXPECT_EQ(r.query_param("empty"), "");
    EXPECT_EQ(r.query_param("flag"), "");
    EXPECT_EQ(r.query_param("missing"), std::nullopt);
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.header("x-none"), "");
    EXPECT_FALSE(r.actor()) << "no actor unless the middleware attached one";
}

// buka=ya, khusus=ya: only a yes opens masked or special data; anything else (absent, empty, "tidak", "0") keeps it closed.
TEST(Request, QueryFlag) {
    Request r;
    r.query = "buka=ya&khusus=1&lama=true&kosong=&tidak=tidak&nol=0&YA=YA";
    EXPECT_TRUE(r.query_flag("buka"));
    EXPECT_TRUE(r.query_flag("khusus"));
    EXPECT_TRUE(r.query_flag("lama"));
    for (auto name : {"kosong", "tidak", "nol", "YA", "absent"}) EXPECT_FALSE(r.query_flag(name)) << name;
}

TEST(ErrorResponse, ShapeAndStatusPerCode) {
    std::vector<std::pair<ErrorCode, int>> table = {
        {ErrorCode::InvalidArgument, 400}, {ErrorCode::Unauthenticated, 401}, {ErrorCode::PermissionDenied, 403},
        {ErrorCode::NotFound, 404},        {ErrorCode::AlreadyExists, 409},   {ErrorCode::Conflict, 409},
        {ErrorCode::ResourceExhausted, 429}, {ErrorCode::Unavailable, 503},   {ErrorCode::Internal, 500}};
    for (auto [code, status] : table) {
        Error e(code, {"pesan", "message"});
        e.at_field("nik").at_row(3);
        auto res = error_response(e, Lang::En);
        EXPECT_EQ(res.status, status);
        auto v = boost::json::parse(res.body);
        EXPECT_EQ(v.at("error").at("code").as_string(), error_code_name(code));
        EXPECT_EQ(v.at("error").at("message").as_string(), "message");
        EXPECT_EQ(v.at("error").at("field").as_string(), "nik");
        EXPECT_EQ(v.at("error").at("row").as_int64(), 3);
    }
    EXPECT_EQ(boost::json::parse(error_response(Error(ErrorCode::NotFound, {"tidak ada", "missing"}), Lang::Id).body)
                  .at("error").at("message").as_string(), "tidak ada");
}

TEST(Json, BodyErrorsSayWhere) {
    Request r;
    r.headers = {{"content-type", "application/json"}};
    r.body = "{\n \"a\": 1,\n \"b\": }";
    auto e = parse_json_object(r);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.en.find("line 3"), std::string::npos) << e.error().message.en;
    r.body = "[1,2]";
    EXPECT_FALSE(parse_json_object(r));
    r.body = "";
    EXPECT_FALSE(parse_json_object(r));
    r.body = R"({"nama": 5, "n": "x", "ok": true})";
    auto o = parse_json_object(r).value();
    EXPECT_EQ(required_string(o, "nama").error().field, "nama");
    EXPECT_EQ(required_string(o, "missing").error().field, "missing");
    EXPECT_FALSE(optional_int(o, "n"));
    EXPECT_EQ(optional_bool(o, "ok").value(), true);
    r.headers = {{"content-type", "text/plain"}};
    EXPECT_FALSE(parse_json_object(r));
}

TEST(AccessLog, MasksSixteenDigitRuns) {
    EXPECT_EQ(mask_digit_runs("/api/v1/persons/3671014507900001"), "/api/v1/persons/3671********0001");
    EXPECT_EQ(mask_digit_runs("/a/36710145079000012/b"), "/a/3671*********0012/b");
    EXPECT_EQ(mask_digit_runs("/api/v1/wilayah/3671011001"), "/api/v1/wilayah/3671011001");
}

}  // namespace
}  // namespace pilar::http
