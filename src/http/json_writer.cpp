#include "http/json_writer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <cstring>

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

// Eight bytes at a time (a byte-by-byte table look-up was half of writing a key or a short
// value): a word holds a byte below 0x20 exactly when (x - 0x20..20) & ~x & 0x80..80 is not zero,
// and a byte equal to t when x ^ (t * 0x01..01) holds a zero byte (the same test with 0x01).
// The last partial word is padded with spaces, which need no escape.
bool needs_escape(std::string_view s) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    auto special = [](std::uint64_t x) {
        std::uint64_t const q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
        return (((x - kOnes * 0x20) & ~x) | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHighs;
    };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        if (special(x)) return true;
    }
    if (i == s.size()) return false;
    std::uint64_t x = kOnes * ' ';
    std::memcpy(&x, s.data() + i, s.size() - i);
    return special(x) != 0;
}

// Appends [comma] '"' s '"' [colon] with one size check: a page of 50 members writes ~1,500
// keys and strings, and a push_back/append per piece (each checking the capacity) was a
// fifth of the page's writing.
void append_quoted(std::string& out, bool comma, std::string_view s, bool colon) {
    std::size_t const n = out.size();
    std::size_t const len = n + s.size() + 2 + (comma ? 1 : 0) + (colon ? 1 : 0);
    out.resize_and_overwrite(len, [&](char* p, std::size_t) {
        char* q = p + n;
        if (comma) *q++ = ',';
        *q++ = '"';
        std::memcpy(q, s.data(), s.size());
        q += s.size();
        *q++ = '"';
        if (colon) *q = ':';
        return len;
    });
}
}  // namespace

void JsonWriter::key(std::string_view k) {
    if (!needs_escape(k)) {
        append_quoted(m_out, m_need_comma, k, true);
    } else {
        separate();
        string(k);
        m_out.push_back(':');
    }
    m_need_comma = false;
}

void JsonWriter::key(JsonKey k) {
    append_quoted(m_out, m_need_comma, k.text(), true);
    m_need_comma = false;
}

void JsonWriter::value(std::string_view s) {
    if (!needs_escape(s)) {
        append_quoted(m_out, m_need_comma, s, false);
        m_need_comma = true;
        return;
    }
    separate();
    string(s);
}

void JsonWriter::value(std::int64_t v) {
    char buf[24];
    char* p = buf;
    if (m_need_comma) *p++ = ',';
    m_need_comma = true;
    auto [end, ec] = std::to_chars(p, buf + sizeof buf, v);
    (void)ec;
    m_out.append(buf, end);
}

void JsonWriter::value(double v) {
    // Rare on the hot paths (coordinates): Boost.JSON's own formatting, so the text matches.
    separate();
    m_out += boost::json::serialize(boost::json::value(v));
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
