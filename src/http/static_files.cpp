#include "http/static_files.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/strings.hpp"
#include "http/compress.hpp"

namespace pilar::http {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxTotalBytes = 64 * 1024 * 1024;

std::string content_type_for(std::string_view ext) {
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".webmanifest") return "application/manifest+json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".webp") return "image/webp";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    if (ext == ".map") return "application/json";
    return "application/octet-stream";
}

bool compressible(std::string_view type) {
    return type.starts_with("text/") || type.find("json") != std::string_view::npos ||
           type.find("svg") != std::string_view::npos;
}

std::string etag_of(std::string_view data) { return "\"" + fnv1a64_hex(data) + "\""; }

constexpr std::string_view kFallbackPage = R"(<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pilar</title></head>
<body><main>
<h1>Pilar</h1>
<p>Server Pilar berjalan. Aplikasi web belum dibangun (<code>make demo</code> membangunnya).
API: <a href="/api/openapi.json">/api/openapi.json</a>, kesehatan: <a href="/healthz">/healthz</a>.</p>
<p lang="en">The Pilar server is running. The web app has not been built (<code>make demo</code> builds it).</p>
</main>
<footer><p>Data wilayah: Kemendagri melalui idn-area-data, lisensi
<a href="https://opendatacommons.org/licenses/odbl/1-0/">ODbL 1.0</a>.</p></footer>
</body></html>
)";

}  // namespace

StaticFiles::StaticFiles(std::string const& dir) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) {
        File f;
        f.content = std::string(kFallbackPage);
        f.content_type = "text/html; charset=utf-8";
        f.etag = etag_of(f.content);
        m_files.emplace("/index.html", std::move(f));
        return;
    }
    std::size_t total = 0;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto rel = fs::relative(it->path(), dir, ec).generic_string();
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        File f;
        f.content = ss.str();
        total += f.content.size();
        if (total > kMaxTotalBytes) {
            spdlog::warn("static files: {} exceeds {} MiB; the rest is not served", dir, kMaxTotalBytes >> 20);
            break;
        }
        f.content_type = content_type_for(it->path().extension().string());
        f.etag = etag_of(f.content);
        f.immutable = rel.starts_with("assets/");
        if (compressible(f.content_type) && f.content.size() > 512) {
            f.gzipped = gzip(f.content, 9);
            if (f.gzipped.size() + 64 >= f.content.size()) f.gzipped.clear();
        }
        m_files.emplace("/" + rel, std::move(f));
    }
}

std::optional<Response> StaticFiles::serve(Request const& req) const {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        // Client-side route ("/keluarga/123", "/wilayah/36.71"): the app's index handles it.
        // A missing asset (a known static file type, or anything under /assets/) is a real 404.
        auto last = path.substr(path.rfind('/') + 1);
        auto dot = last.rfind('.');
        std::string ext = dot == std::string::npos ? "" : last.substr(dot);
        if (path.starts_with("/assets/") ||
            (!ext.empty() && content_type_for(ext) != "application/octet-stream"))
            return std::nullopt;
        it = m_files.find("/index.html");
        if (it == m_files.end()) return std::nullopt;
    }
    File const& f = it->second;
    Response r;
    r.content_type = f.content_type;
    r.set_header("ETag", f.etag);
    r.set_header("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!f.gzipped.empty()) r.set_header("Vary", "Accept-Encoding");
    if (req.header("if-none-match") == f.etag) {
        r.status = 304;
        return r;
    }
    if (!f.gzipped.empty() && accepts_gzip(req.header("accept-encoding"))) {
        r.set_header("Content-Encoding", "gzip");
        r.body = f.gzipped;
    } else {
        r.body = f.content;
    }
    return r;
}

}  // namespace pilar::http
