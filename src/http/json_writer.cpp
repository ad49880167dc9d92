#include "http/json_writer.hpp"

#include <boost/json/detail/format.hpp>

#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pilar::http {

// The escaping of boost::json::serialize: '"', '\\' and control characters (the common ones by
// letter, the rest as \u00xx); everything else, UTF-8 included, as it is.
namespace {
constexpr auto kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

// Copies s to q and tells whether none of its bytes needs escaping, sixteen bytes at a time
// (a page of 50 members writes ~1,550 string values; a separate escape scan and copy were a
// fifth of the page's CPU). q must have room for s.size() + 16 bytes: whole 16-byte blocks are
// stored, and the caller keeps only s.size() of them. A last partial block is loaded whole when
// that cannot cross into the next memory page (so it cannot fault), else copied out first; the
// bytes past the end are masked off. Hand-written: no Debian library writes boost::json's
// escaping into a caller's buffer. SSE2 is part of x86-64; elsewhere the same test eight bytes
// at a time (a byte below 0x20 exactly when (x - 0x20..20) & ~x & 0x80..80 is not zero, a byte
// equal to t when x ^ (t * 0x01..01) holds a zero byte).
#if defined(__SSE2__)
[[gnu::no_sanitize_address]] bool copy_plain(char* q, std::string_view s) {
    __m128i const quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), below = _mm_set1_epi8(0x1f);
    auto special = [&](__m128i x) {
        __m128i const ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, below), below);  // x <= 0x1f
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)))));
    };
    char const* p = s.data();
    std::size_t left = s.size();
    for (; left >= 16; left -= 16, p += 16, q += 16) {
        __m128i const x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(q), x);
        if (special(x)) return false;
    }
    if (left == 0) return true;
    __m128i x;
    if ((reinterpret_cast<std::uintptr_t>(p) & 4095) <= 4096 - 16) {
        x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    } else {
        alignas(16) char block[16] = {};
        std::memcpy(block, p, left);
        x = _mm_load_si128(reinterpret_cast<__m128i const*>(block));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(q), x);
    return (special(x) & ((1u << left) - 1)) == 0;
}
#else
bool copy_plain(char* q, std::string_view s) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    auto special = [](std::uint64_t x) {
        std::uint64_t const qx = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
        return (((x - kOnes * 0x20) & ~x) | ((qx - kOnes) & ~qx) | ((b - kOnes) & ~b)) & kHighs;
    };
    std::memcpy(q, s.data(), s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        if (special(x)) return false;
    }
    if (i == s.size()) return true;
    std::uint64_t x = kOnes * ' ';
    std::memcpy(&x, s.data() + i, s.size() - i);
    return special(x) == 0;
}
#endif

// Appends [comma] '"' s '"' [colon] with one size check when s needs no escaping; false (and
// nothing appended) when it does.
bool append_plain(std::string& out, bool comma, std::string_view s, bool colon) {
    std::size_t const n = out.size();
    bool plain = true;
    out.resize_and_overwrite(n + s.size() + 19, [&](char* p, std::size_t) {
        char* q = p + n;
        *q = ',';
        q += comma ? 1 : 0;
        *q++ = '"';
        if (!copy_plain(q, s)) {
            plain = false;
            return n;
        }
        q += s.size();
        *q++ = '"';
        *q = ':';
        q += colon ? 1 : 0;
        return static_cast<std::size_t>(q - p);
    });
    return plain;
}
}  // namespace

void JsonWriter::key(std::string_view k) {
    if (!append_plain(m_out, m_need_comma, k, true)) {
        separate();
        string(k);
        m_out.push_back(':');
    }
    m_need_comma = false;
}

void JsonWriter::value(std::string_view s) {
    if (append_plain(m_out, m_need_comma, s, false)) {
        m_need_comma = true;
        return;
    }
    separate();
    string(s);
}

void JsonWriter::value(std::int64_t v) {
    bool const comma = m_need_comma;
    m_need_comma = true;
    std::size_t const n = m_out.size();
    m_out.resize_and_overwrite(n + 21, [&](char* p, std::size_t len) {
        char* q = p + n;
        *q = ',';
        q += comma ? 1 : 0;
        return static_cast<std::size_t>(std::to_chars(q, p + len, v).ptr - p);
    });
}

void JsonWriter::value(double v) {
    // Boost.JSON's own formatting (the function its serializer calls for a double), so the text
    // matches; straight into the output: through serialize() of a json::value, a household page's
    // 150 coordinates and floor areas cost ~5 % of its CPU (bench/RESULTS.md, issue 5).
    separate();
    char buf[boost::json::detail::max_number_chars + 8];
    m_out.append(buf, boost::json::detail::format_double(buf, v));
}

void JsonWriter::value(bool v) {
    separate();
    m_out.append(v ? "true" : "false");
}

void JsonWriter::value(std::nullptr_t) {
    separate();
    m_out.append("null");
}

void JsonWriter::raw(std::string_view json) {
    separate();
    m_out.append(json);
}

void JsonWriter::string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::size_t i = 0;
    while (i < s.size() && !kEscaped[static_cast<unsigned char>(s[i])]) ++i;
    m_out.push_back('"');
    m_out.append(s.data(), i);
    if (i == s.size()) {  // the usual case: nothing to escape
        m_out.push_back('"');
        return;
    }
    std::size_t run = i;  // start of the bytes not yet copied
    for (; i < s.size(); ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (!kEscaped[c]) continue;
        m_out.append(s.data() + run, i - run);
        run = i + 1;
        m_out.push_back('\\');
        switch (c) {
        case '"': m_out.push_back('"'); break;
        case '\\': m_out.push_back('\\'); break;
        case '\b': m_out.push_back('b'); break;
        case '\f': m_out.push_back('f'); break;
        case '\n': m_out.push_back('n'); break;
        case '\r': m_out.push_back('r'); break;
        case '\t': m_out.push_back('t'); break;
        default:
            m_out.append("u00");
            m_out.push_back(kHex[c >> 4]);
            m_out.push_back(kHex[c & 0xf]);
        }
    }
    m_out.append(s.data() + run, s.size() - run);
    m_out.push_back('"');
}

}  // namespace pilar::http
