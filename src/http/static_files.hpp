// Serves the built web app (web/dist) from memory: files are read and gzip-compressed once at
// start, answered with an ETag, `Cache-Control: public, max-age=31536000, immutable` for Vite's
// content-hashed files under /assets/ and `no-cache` (revalidate) for everything else, and
// index.html for client-side routes. Without a web/dist, "/" shows a small built-in page.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace pilar::http {

class StaticFiles {
public:
    explicit StaticFiles(std::string const& dir);
    std::optional<Response> serve(Request const& req) const;
    std::size_t file_count() const { return m_files.size(); }

private:
    struct File {
        std::string content;
        std::string gzipped;  // empty when compression does not pay
        std::string content_type;
        std::string etag;
        bool immutable = false;
    };
    std::unordered_map<std::string, File> m_files;
};

}  // namespace pilar::http
