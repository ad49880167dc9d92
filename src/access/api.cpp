#include "access/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "access/policy.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::access {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kCookie = "pilar_session";

std::string_view cookie_value(Request const& req, std::string_view name) {
    std::string_view all = req.header("cookie");
    while (!all.empty()) {
        auto semi = all.find(';');
        std::string_view part = all.substr(0, semi);
        all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
            return part.substr(name.size() + 1);
    }
    return {};
}

bool is_safe_method(Method m) { return m == Method::Get || m == Method::Head || m == Method::Options; }

json::object encode_user(User const& u) {
    json::array scope;
    for (auto const& k : u.wilayah) scope.push_back(json::value(k));
    json::object o{{"username", u.username},
                   {"nama", u.full_name},
                   {"role", role_name(u.role)},
                   {"wilayah", std::move(scope)},
                   {"aktif", u.active},
                   {"wajib_ganti_sandi", u.must_change_password},
                   {"dibuat_pada", u.created_at},
                   {"version", u.version}};
    if (u.locked_until) o["terkunci_sampai"] = *u.locked_until;
    return o;
}

std::string session_cookie(std::string_view token, long long max_age, bool secure) {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", kCookie, token, max_age,
                       secure ? "; Secure" : "");
}

Response error(Request const& req, Error const& e) { return http::error_response(e, req.lang); }

constexpr std::string_view kUserSchema = R"({"$ref":"#/components/schemas/User"})";

}  // namespace

std::string openapi_schemas() {
    return R"({"User":{"type":"object","required":["username","role","wilayah","aktif"],"properties":{
"username":{"type":"string"},"nama":{"type":"string"},
"role":{"type":"string","enum":["psm","tksk","operator","kepala","admin"]},
"wilayah":{"type":"array","items":{"type":"string"}},"aktif":{"type":"boolean"},
"wajib_ganti_sandi":{"type":"boolean"},"dibuat_pada":{"type":"string"},"terkunci_sampai":{"type":"string"},
"version":{"type":"integer"}}},
"AuditEntry":{"type":"object","required":["seq","at","actor_username","actor_role","action","entity","entity_id","hash"],"properties":{
"seq":{"type":"integer"},"at":{"type":"string","examples":["2026-11-28T07:00:00.123Z"]},
"actor_user_id":{"type":"integer"},"actor_username":{"type":"string"},"actor_role":{"type":"string"},
"client_address":{"type":"string"},"request_id":{"type":"string"},
"action":{"type":"string","examples":["wilayah.create"]},"entity":{"type":"string"},"entity_id":{"type":"string"},
"before_json":{"type":["string","null"],"description":"The record before the change, as JSON text"},
"after_json":{"type":["string","null"],"description":"The record after the change, as JSON text"},
"detail":{"type":"string"},"prev_hash":{"type":"string"},"hash":{"type":"string"},
"payload_hash":{"type":["string","null"],"description":"Chain v2: BLAKE2b-256 of before_json, after_json and detail, which hash covers in their place; null on rows written before chain v2"},
"redacted_by":{"type":["integer","null"],"description":"When the payload was erased by a UU PDP erasure: the seq of the audit.redact entry that lists this one"}}},
"AuditVerify":{"type":"object","required":["ok","count","head_seq","head_hash"],"properties":{
"ok":{"type":"boolean"},"count":{"type":"integer"},"head_seq":{"type":"integer"},"head_hash":{"type":"string"},
"bad_seq":{"type":"integer"},"problem":{"type":"string","enum":["none","edited","removed","reordered","truncated"]},
"message":{"type":"string"}}}})";
}

void install_middleware(http::Router& router, AccessService& service, MiddlewareOptions options) {
    router.add_before([&service](Request& req, http::Route const& route) -> std::optional<Response> {
        auto roles = rule_for(route.method, route.pattern);
        if (!roles) {
            // Fail closed: a route nobody wrote a rule for is not reachable.
            spdlog::error("route {} {} has no access rule", http::method_name(route.method), route.pattern);
            return http::error_response(403, ErrorCode::PermissionDenied,
                                        {"Rute ini belum punya aturan akses", "This route has no access rule yet"},
                                        req.lang);
        }
        if (*roles == kPublic) return std::nullopt;
        std::string_view token = cookie_value(req, kCookie);
        std::string_view authorization = req.header("authorization");
        bool const bearer = token.empty() && authorization.size() > 7 && authorization.substr(0, 7) == "Bearer ";
        if (token.empty() && !bearer)
            return http::error_response(Error(ErrorCode::Unauthenticated,
                                              {"Silakan masuk terlebih dahulu", "Please log in first"}),
                                        req.lang);
        auto who = bearer ? service.authenticate_token(authorization.substr(7), req.remote_address)
                          : service.authenticate_session(token, req.remote_address);
        if (!who) return http::error_response(who.error(), req.lang);
        if (who->via_cookie && !is_safe_method(req.method) && req.header("x-csrf-token") != who->csrf_token)
            return http::error_response(Error(ErrorCode::PermissionDenied,
                                              {"Token CSRF tidak ada atau salah; muat ulang halaman",
                                               "Missing or wrong CSRF token; reload the page"}),
                                        req.lang);
        if (!allows(*roles, who->actor.role))
            return http::error_response(
                Error(ErrorCode::PermissionDenied,
                      {fmt::format("Peran {} tidak boleh melakukan ini", role_name(who->actor.role)),
                       fmt::format("The {} role may not do this", role_name(who->actor.role))}),
                req.lang);
        if (who->must_change_password && route.pattern != "/api/v1/auth/password" && route.pattern != "/api/v1/auth/me" &&
            route.pattern != "/api/v1/auth/logout")
            return http::error_response(Error(ErrorCode::PermissionDenied,
                                              {"Ganti kata sandi Anda terlebih dahulu", "Change your password first"}),
                                        req.lang);
        who->actor.request_id = req.request_id;
        req.log_user = who->actor.username;
        req.context = std::move(who->actor);
        return std::nullopt;
    });

    http::Headers security = {
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + [&] {
             std::string extra;
             for (auto const& o : options.image_origins) extra += " " + o;
             return extra;
         }() + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
               "frame-ancestors 'none'"},
        {"Permissions-Policy", "geolocation=(self), camera=(self), microphone=()"},
    };
    if (options.cookies_secure) security.emplace_back("Strict-Transport-Security", "max-age=31536000");
    router.set_default_headers(security);
    // API answers carry personal data: never in a shared or browser cache.
    router.set_api_cache_control("no-store");
}

void register_routes(http::Router& router, AccessService& svc, MiddlewareOptions options) {
    router.add(
        Method::Post, "/api/v1/auth/login",
        [&svc, options](Request& req) -> Response {
            auto body = http::parse_json_object(req);
            if (!body) return error(req, body.error());
            auto username = http::required_string(*body, "username");
            if (!username) return error(req, username.error());
            auto password = http::required_string(*body, "password");
            if (!password) return error(req, password.error());
            auto r = svc.login(*username, *password, req.remote_address, req.header("user-agent"), req.request_id);
            if (!r) {
                Response res = error(req, r.error());
                if (r.error().code == ErrorCode::ResourceExhausted) res.set_header("Retry-After", "60");
                return res;
            }
            req.log_user = r->user.username;
            Response res = http::json_response(
                200, json::object{{"csrf_token", r->csrf_token}, {"expires_at", r->expires_at}, {"user", encode_user(r->user)}});
            res.set_header("Set-Cookie", session_cookie(r->session_token, svc.options().absolute_timeout.count(),
                                                        options.cookies_secure || req.secure));
            return res;
        },
        {.summary = "Masuk: membuat sesi (cookie) dan mengembalikan token CSRF",
         .tag = "auth",
         .request_schema = R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}})",
         .response_schema = R"({"type":"object","required":["csrf_token"],"properties":{"csrf_token":{"type":"string"},"expires_at":{"type":"string"},"user":{"$ref":"#/components/schemas/User"}}})",
         .exposure = http::Exposure::Public});

    router.add(
        Method::Post, "/api/v1/auth/logout",
        http::with_actor([&svc, options](Request& req, Actor const& actor) -> Result<Response> {
            PILAR_TRY(svc.logout(actor, cookie_value(req, kCookie)));
            Response res = http::json_response(200, json::object{{"ok", true}});
            res.set_header("Set-Cookie", session_cookie("", 0, options.cookies_secure || req.secure));
            return res;
        }),
        {.summary = "Keluar: mencabut sesi ini", .tag = "auth", .response_schema = R"({"type":"object"})"});

    router.add(
        Method::Get, "/api/v1/auth/me",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto u = PILAR_TRY(svc.get_user(actor, actor.username));
            auto who = svc.authenticate_session(cookie_value(req, kCookie));
            json::object o = encode_user(u);
            if (who) o["csrf_token"] = who->csrf_token;
            return http::json_response(200, o);
        }),
        {.summary = "Pengguna yang sedang masuk, cakupan wilayahnya dan token CSRF sesi ini",
         .tag = "auth",
         .response_schema = std::string(kUserSchema)});

    router.add(
        Method::Post, "/api/v1/auth/password",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto cur = PILAR_TRY(http::required_string(body, "current_password"));
            auto next = PILAR_TRY(http::required_string(body, "new_password"));
            PILAR_TRY(svc.change_own_password(actor, cur, next));
            return http::json_response(200, json::object{{"ok", true}});
        }),
        {.summary = "Ganti kata sandi sendiri",
         .tag = "auth",
         .request_schema = R"({"type":"object","required":["current_password","new_password"],"properties":{"current_password":{"type":"string"},"new_password":{"type":"string"}}})"});

    router.add(
        Method::Get, "/api/v1/users",
        http::with_actor([&svc](Request&, Actor const& actor) -> Result<Response> {
            auto r = PILAR_TRY(svc.list_users(actor));
            json::array items;
            for (auto const& u : r) items.push_back(encode_user(u));
            return http::json_list(std::move(items));
        }),
        {.summary = "Daftar pengguna",
         .tag = "pengguna",
         .response_schema = R"({"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/User"}}}})"});

    router.add(
        Method::Post, "/api/v1/users",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            NewUser u;
            auto username = PILAR_TRY(http::required_string(body, "username"));
            u.username = username;
            auto role = PILAR_TRY(http::required_string(body, "role"));
            auto parsed_role = role_from_name(role);
            if (!parsed_role)
                return fail(Error(ErrorCode::InvalidArgument, {"role tidak dikenal", "Unknown role"}).at_field("role"));
            u.role = *parsed_role;
            auto password = PILAR_TRY(http::required_string(body, "password"));
            u.password = password;
            auto nama = PILAR_TRY(http::optional_string(body, "nama"));
            u.full_name = nama.value_or("");
            if (auto it = body.find("wilayah"); it != body.end()) {
                if (!it->value().is_array())
                    return fail(Error(ErrorCode::InvalidArgument, {"wilayah harus daftar kode", "wilayah must be a list of codes"})
                                          .at_field("wilayah"));
                for (auto const& v : it->value().as_array()) {
                    if (!v.is_string())
                        return fail(Error(ErrorCode::InvalidArgument, {"wilayah harus daftar kode", "wilayah must be a list of codes"})
                                              .at_field("wilayah"));
                    u.wilayah.emplace_back(v.as_string());
                }
            }
            u.must_change_password = true;
            auto r = PILAR_TRY(svc.create_user(actor, std::move(u)));
            return http::json_response(201, encode_user(r));
        }),
        {.summary = "Tambah pengguna (wajib ganti sandi saat pertama masuk)",
         .tag = "pengguna",
         .description = "An admin creates accounts inside their own kota (403 on wilayah otherwise). A username that a "
                        "workforce roster record keeps for its worker's future account (pilar sosial with a username no "
                        "account has yet) takes only an account of the record's kind (PSM record: psm, TKSK record: tksk, "
                        "other kinds either) in the record's kota; any other account under that name is 409 on username, "
                        "naming the record, and nothing is created.",
         .request_schema = R"({"type":"object","required":["username","role","password"],"properties":{"username":{"type":"string"},"role":{"type":"string"},"password":{"type":"string"},"nama":{"type":"string","maxLength":100},"wilayah":{"type":"array","items":{"type":"string"}}}})",
         .response_schema = std::string(kUserSchema),
         .success_status = 201});

    router.add(
        Method::Get, "/api/v1/users/{username}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            return http::respond(req, svc.get_user(actor, req.param("username")), encode_user);
        }),
        {.summary = "Satu pengguna", .tag = "pengguna", .response_schema = std::string(kUserSchema)});

    for (bool enable : {false, true}) {
        router.add(
            Method::Post, enable ? "/api/v1/users/{username}/enable" : "/api/v1/users/{username}/disable",
            http::with_actor([&svc, enable](Request& req, Actor const& actor) -> Result<Response> {
                return http::respond(req, svc.set_user_active(actor, req.param("username"), enable), encode_user);
            }),
            {.summary = enable ? "Aktifkan pengguna" : "Nonaktifkan pengguna (sesinya dicabut)",
             .tag = "pengguna",
             .response_schema = std::string(kUserSchema)});
    }

    router.add(
        Method::Post, "/api/v1/users/{username}/reset-password",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto pw = PILAR_TRY(http::required_string(body, "password"));
            PILAR_TRY(svc.reset_password(actor, req.param("username"), pw, true));
            return http::json_response(200, json::object{{"ok", true}});
        }),
        {.summary = "Atur ulang kata sandi pengguna (sesinya dicabut; wajib ganti saat masuk)",
         .tag = "pengguna",
         .request_schema = R"({"type":"object","required":["password"],"properties":{"password":{"type":"string"}}})"});
}

}  // namespace pilar::access
