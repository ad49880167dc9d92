// What a module's HTTP handler sees: a request and the response it returns. Deliberately free
// of Boost.Beast so that every module's api.cpp compiles quickly; only src/http/*.cpp include
// the networking headers.
//
//   Response get_wilayah(Request& req) {
//       auto kode = req.param("kode");
//       ...
//       return json_response(200, obj);   // http/json.hpp
//   }
#pragma once

#include <any>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"

namespace pilar::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view method_name(Method m);
Method method_from_name(std::string_view name);

using Headers = std::vector<std::pair<std::string, std::string>>;

// A request body the server streamed to a file instead of holding it in Request::body: routes
// declared with RouteDoc::body = BodyStorage::File (bulk imports of a few hundred MB). The file
// (mode 0600, in ServerOptions::upload_dir) is removed with the last reference, so a handler
// that hands it to background work keeps it by keeping the pointer.
struct UploadFile {
    UploadFile(std::string path_, std::uint64_t size_) : path(std::move(path_)), size(size_) {}
    UploadFile(UploadFile const&) = delete;
    UploadFile& operator=(UploadFile const&) = delete;
    ~UploadFile();
    std::string path;
    std::uint64_t size = 0;
};

struct Request {
    Method method = Method::Get;
    std::string path;   // decoded path, no query string
    std::string query;  // raw query string, without '?'
    Headers headers;    // names lower-cased
    std::string body;
    std::shared_ptr<UploadFile const> upload;  // the body, for BodyStorage::File routes (body is empty then)
    std::string remote_address;
    std::string request_id;
    Lang lang = Lang::Id;
    bool secure = false;  // arrived over TLS (directly or via a trusted proxy)
    // Filled by the router: {name} segments of the matched pattern.
    std::vector<std::pair<std::string_view, std::string>> params;
    // Set by middleware (access puts the authenticated principal here); opaque to src/http.
    std::any context;
    // Set by handlers for the access log: who did it (never a secret).
    std::string log_user;

    [[nodiscard]] std::string_view header(std::string_view lower_name) const;
    [[nodiscard]] std::string_view param(std::string_view name) const;
    // First value of a query parameter, percent-decoded; nullopt if absent.
    [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
    // A yes/no query parameter (buka=ya, khusus=ya, termasuk_nonaktif=1): true for "ya", "1" or
    // "true"; false when absent or anything else.
    [[nodiscard]] bool query_flag(std::string_view name) const;
    // The authenticated actor the access middleware attached; an Unauthenticated error when
    // there is none (a route reached without the middleware must not act for nobody).
    [[nodiscard]] Result<Actor const*> actor() const;
};

// A response body sent from an open file instead of Response::body: large downloads (a
// city-wide export is ~150 MB) are written by the handler to an unlinked temporary file and the
// server sends it in chunks, so memory stays flat and the I/O thread never waits on the export.
// Owns the descriptor (closed with the last Response that refers to it).
struct FileBody {
    explicit FileBody(int fd_, std::uint64_t size_) : fd(fd_), size(size_) {}
    FileBody(FileBody const&) = delete;
    FileBody& operator=(FileBody const&) = delete;
    ~FileBody();
    int fd = -1;
    std::uint64_t size = 0;  // bytes sent from offset 0
};

// A response's media type: JSON unless set. The default is not held as a std::string because
// "application/json" is one character past the string's inline capacity, which made every
// Response (two per request) allocate.
class ContentType {
public:
    ContentType() = default;
    ContentType(std::string_view v) { *this = v; }  // NOLINT: implicit, like the string it replaced
    ContentType(char const* v) : ContentType(std::string_view(v)) {}
    ContentType& operator=(std::string_view v) {
        m_set = v != kJson;
        m_custom = m_set ? std::string(v) : std::string();
        return *this;
    }
    ContentType& operator=(char const* v) { return *this = std::string_view(v); }
    ContentType& operator=(std::string const& v) { return *this = std::string_view(v); }
    std::string_view view() const { return m_set ? std::string_view(m_custom) : kJson; }
    operator std::string_view() const { return view(); }  // NOLINT
    bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
    friend bool operator==(ContentType const& a, std::string_view b) { return a.view() == b; }

private:
    static constexpr std::string_view kJson = "application/json";
    std::string m_custom;
    bool m_set = false;
};

struct Response {
    int status = 200;
    ContentType content_type;
    std::string body;
    Headers headers;
    std::shared_ptr<FileBody const> file;  // when set, sent instead of `body`

    Response& set_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

// The one mapping from error codes to HTTP statuses.
int http_status(ErrorCode code);
// {"error":{"code":"...","message":"...","field":...,"row":...}} in the request's language.
Response error_response(Error const& e, Lang lang);
Response error_response(int status, ErrorCode code, Text const& message, Lang lang);

// Percent-decoding for paths and query values ('+' is a space only in queries).
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

}  // namespace pilar::http
