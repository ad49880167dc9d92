#include "core/strings.hpp"

#include <cstdint>
#include <cstring>

namespace pilar {

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view s) {
    size_t begin = 0;
    size_t end = s.size();
    while (begin < end && is_ascii_space(s[begin])) ++begin;
    while (end > begin && is_ascii_space(s[end - 1])) --end;
    return s.substr(begin, end - begin);
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        size_t at = s.find(separator, start);
        if (at == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, at - start));
        start = at + 1;
    }
}

namespace {
char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower_ascii(c);
    return out;
}

bool is_all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}

bool equals_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    return true;
}

namespace {

// Length of the valid UTF-8 sequence starting at p[0] (p has `left` bytes), or 0 if invalid.
// The second-byte ranges are the ones in RFC 3629's table: they exclude overlong forms,
// surrogates and code points above U+10FFFF.
size_t utf8_sequence_length(unsigned char const* p, size_t left) {
    unsigned c = p[0];
    if (c < 0x80) return 1;
    size_t len = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (left < len) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < len; ++i)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return len;
}

}  // namespace

bool is_valid_utf8(std::string_view s, size_t* bad_offset) {
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    size_t const n = s.size();
    size_t i = 0;
    while (i < n) {
        // Registry files are overwhelmingly ASCII: test eight bytes at a time until a high bit.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) {
            if (bad_offset) *bad_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

std::string mask_middle(std::string_view s, size_t keep_front, size_t keep_back) {
    if (s.size() <= keep_front + keep_back) return std::string(s.size(), '*');
    std::string out(s);
    for (size_t i = keep_front; i < s.size() - keep_back; ++i) out[i] = '*';
    return out;
}

std::string excerpt_for_message(std::string_view s, size_t max_bytes) {
    std::string out;
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
        size_t len = utf8_sequence_length(p + i, s.size() - i);
        size_t take = len == 0 ? 1 : len;
        if (out.size() + take > max_bytes) {
            out += "…";
            return out;
        }
        if (len == 0 || (len == 1 && (p[i] < 0x20 || p[i] == 0x7F)))
            out += '?';
        else
            out.append(s.substr(i, len));
        i += take;
    }
    return out;
}

std::string fnv1a64_hex(std::string_view data) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ull;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 0xf];
    return out;
}

std::string hex_lower(unsigned char const* data, size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(2 * n, '\0');
    for (size_t i = 0; i < n; ++i) {
        out[2 * i] = kHex[data[i] >> 4];
        out[2 * i + 1] = kHex[data[i] & 0xf];
    }
    return out;
}

void append_base64url(std::string& out, unsigned char const* data, size_t n) {
    static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t const at = out.size();
    out.resize(at + (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1));
    char* o = out.data() + at;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        std::uint32_t const v = std::uint32_t{data[i]} << 16 | std::uint32_t{data[i + 1]} << 8 | data[i + 2];
        *o++ = kB64[v >> 18];
        *o++ = kB64[(v >> 12) & 63];
        *o++ = kB64[(v >> 6) & 63];
        *o++ = kB64[v & 63];
    }
    if (n - i == 1) {
        std::uint32_t const v = std::uint32_t{data[i]} << 16;
        *o++ = kB64[v >> 18];
        *o++ = kB64[(v >> 12) & 63];
    } else if (n - i == 2) {
        std::uint32_t const v = std::uint32_t{data[i]} << 16 | std::uint32_t{data[i + 1]} << 8;
        *o++ = kB64[v >> 18];
        *o++ = kB64[(v >> 12) & 63];
        *o++ = kB64[(v >> 6) & 63];
    }
}

}  // namespace pilar
