#include "http/compress.hpp"

#include <zlib.h>

#include "core/strings.hpp"

namespace pilar::http {

std::string gzip(std::string_view in, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, level >= 6 ? 9 : 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string{};
}

bool accepts_gzip(std::string_view header) {
    // Codings are comma-separated, each optionally with ";q=VALUE" (RFC 9110 12.5.3).
    while (!header.empty()) {
        auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        auto semi = item.find(';');
        std::string coding = to_lower_ascii(trim(item.substr(0, semi)));
        if (coding != "gzip" && coding != "*") continue;
        auto q = semi == std::string_view::npos ? std::string_view::npos : item.find("q=", semi);
        if (q == std::string_view::npos) return true;
        // q=0, q=0.0, q=0.000: refused; anything else accepted.
        std::string_view v = trim(item.substr(q + 2));
        if (v.empty() || v.find_first_not_of("0.") != std::string_view::npos || v.front() != '0') return true;
    }
    return false;
}

}  // namespace pilar::http
