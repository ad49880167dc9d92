#include "http/request.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <unistd.h>

namespace pilar::http {

FileBody::~FileBody() {
    if (fd >= 0) ::close(fd);
}

UploadFile::~UploadFile() { ::unlink(path.c_str()); }

std::string_view method_name(Method m) {
    switch (m) {
        case Method::Get: return "GET";
        case Method::Head: return "HEAD";
        case Method::Post: return "POST";
        case Method::Put: return "PUT";
        case Method::Patch: return "PATCH";
        case Method::Delete: return "DELETE";
        case Method::Options: return "OPTIONS";
        case Method::Other: return "OTHER";
    }
    return "OTHER";
}

Method method_from_name(std::string_view n) {
    if (n == "GET") return Method::Get;
    if (n == "HEAD") return Method::Head;
    if (n == "POST") return Method::Post;
    if (n == "PUT") return Method::Put;
    if (n == "PATCH") return Method::Patch;
    if (n == "DELETE") return Method::Delete;
    if (n == "OPTIONS") return Method::Options;
    return Method::Other;
}

std::string_view Request::header(std::string_view lower_name) const {
    for (auto const& [k, v] : headers)
        if (k == lower_name) return v;
    return {};
}

std::string_view Request::param(std::string_view name) const {
    for (auto const& [k, v] : params)
        if (k == name) return v;
    return {};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    std::string_view q = query;
    while (!q.empty()) {
        auto amp = q.find('&');
        std::string_view pair = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        auto eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        if (key != name) continue;
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        return percent_decode(value, true).value_or(std::string(value));
    }
    return std::nullopt;
}

bool Request::query_flag(std::string_view name) const {
    auto v = query_param(name);
    return v && (*v == "1" || *v == "true" || *v == "ya");
}

Result<Actor const*> Request::actor() const {
    if (auto const* a = std::any_cast<Actor>(&context)) return a;
    return fail(ErrorCode::Unauthenticated, {"Silakan masuk terlebih dahulu", "Please log in first"});
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return 400;
        case ErrorCode::Unauthenticated: return 401;
        case ErrorCode::PermissionDenied: return 403;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::AlreadyExists: return 409;
        case ErrorCode::Conflict: return 409;
        case ErrorCode::ResourceExhausted: return 429;
        case ErrorCode::Unavailable: return 503;
        case ErrorCode::Internal: return 500;
    }
    return 500;
}

Response error_response(int status, ErrorCode code, Text const& message, Lang lang) {
    Error e(code, message);
    Response r = error_response(e, lang);
    r.status = status;
    return r;
}

Response error_response(Error const& e, Lang lang) {
    boost::json::object err;
    err["code"] = error_code_name(e.code);
    err["message"] = e.message.in(lang);
    if (!e.field.empty()) err["field"] = e.field;
    if (e.row > 0) err["row"] = e.row;
    if (!e.file.empty()) err["file"] = e.file;
    boost::json::object root;
    root["error"] = std::move(err);
    Response r;
    r.status = http_status(e.code);
    r.body = boost::json::serialize(root);
    return r;
}

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    // The text between escapes is copied a run at a time: a request's path is decoded twice (the
    // path, then each route parameter) and usually has nothing to decode, where a push_back per
    // character cost ~30 instructions each (bench/RESULTS.md, issue 5).
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t j = i;
        while (j < in.size() && in[j] != '%' && !(plus_is_space && in[j] == '+')) ++j;
        out.append(in.data() + i, j - i);
        if (j == in.size()) break;
        if (in[j] == '+') {
            out.push_back(' ');
            i = j + 1;
            continue;
        }
        if (j + 2 >= in.size()) return std::nullopt;
        int hi = hex(in[j + 1]), lo = hex(in[j + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i = j + 3;
    }
    return out;
}

}  // namespace pilar::http
