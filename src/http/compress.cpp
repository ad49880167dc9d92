#include "http/compress.hpp"

#include <zlib.h>

#include <cctype>

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
        std::string_view coding = item.substr(0, semi);
        while (!coding.empty() && std::isspace(static_cast<unsigned char>(coding.front()))) coding.remove_prefix(1);
        while (!coding.empty() && std::isspace(static_cast<unsigned char>(coding.back()))) coding.remove_suffix(1);
        bool is_gzip = coding.size() == 4 && std::tolower(static_cast<unsigned char>(coding[0])) == 'g' &&
                       std::tolower(static_cast<unsigned char>(coding[1])) == 'z' &&
                       std::tolower(static_cast<unsigned char>(coding[2])) == 'i' &&
                       std::tolower(static_cast<unsigned char>(coding[3])) == 'p';
        if (!is_gzip && coding != "*") continue;
        if (semi == std::string_view::npos) return true;
        std::string_view params = item.substr(semi + 1);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        std::string_view v = params.substr(q + 2);
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
        // q=0, q=0.0, q=0.000: refused; anything else accepted.
        bool zero = !v.empty() && v.front() == '0';
        for (std::size_t i = 1; zero && i < v.size() && v[i] != ';' && !std::isspace(static_cast<unsigned char>(v[i])); ++i)
            zero = v[i] == '.' || v[i] == '0';
        if (!zero) return true;
    }
    return false;
}

}  // namespace pilar::http
