// Writes JSON text straight into a string, for the hot read paths (a person, a page of 50
// members) where building a boost::json DOM first cost more than the database look-ups: every
// key hashed into an object, every value allocated, then the whole tree serialised and freed.
// The output is byte for byte what boost::json::serialize gives for the same object (same
// escaping, same number formatting), so a shape can be written once with JsonWriter and still
// be had as a DOM (`boost::json::parse`) where a caller wants to edit it.
//
//   std::string out;
//   JsonWriter w(out);
//   w.begin_object();
//   w.key("id"), w.value(42);
//   w.key("nama"), w.value(a.nama);
//   w.key("uid"), w.value(a.uid);  // std::optional: null when empty
//   w.end_object();                // out == {"id":42,"nama":"...","uid":null}
//
// Commas are placed by the writer; keys and values must alternate inside objects (not checked).
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace pilar::http {

// A key written into the program (a string literal), checked when the program is compiled to
// need no escaping, so the writer copies it without looking at its bytes: a page of 50 members
// writes ~1,600 keys.
class JsonKey {
public:
    template <std::size_t N>
    consteval JsonKey(char const (&k)[N]) : m_text(k, N - 1) {  // NOLINT: implicit on purpose
        for (char c : m_text)
            if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) throw "a JsonKey must need no escaping";
    }
    constexpr std::string_view text() const { return m_text; }

private:
    std::string_view m_text;
};

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k);
    // Inlined where it is called: a literal key's length is then known when compiled, and
    // `,"key":` is written with one capacity check and a fixed-size copy (a page of 50 members
    // writes ~1,600 keys; out of line, with a memcpy call each, they cost ~45 instructions).
    [[gnu::always_inline]] void key(JsonKey k) {
        std::string_view const t = k.text();
        bool const comma = m_need_comma;
        std::size_t const n = m_out.size();
        m_out.resize_and_overwrite(n + t.size() + 4, [&](char* p, std::size_t) {
            char* q = p + n;
            *q = ',';
            q += comma ? 1 : 0;
            *q++ = '"';
            std::memcpy(q, t.data(), t.size());
            q += t.size();
            q[0] = '"';
            q[1] = ':';
            return static_cast<std::size_t>(q + 2 - p);
        });
        m_need_comma = false;
    }
    template <std::size_t N>
    void key(char const (&k)[N]) {
        key(std::string_view(k, N - 1));
    }

    void value(std::string_view s);
    void value(char const* s) { value(std::string_view(s)); }
    void value(std::string const& s) { value(std::string_view(s)); }
    void value(std::int64_t v);
    void value(int v) { value(static_cast<std::int64_t>(v)); }
    void value(double v);
    void value(bool v);
    void value(std::nullptr_t);
    template <typename T>
    void value(std::optional<T> const& v) {
        if (v) value(*v);
        else value(nullptr);
    }
    // Text that is already valid JSON (a nested document written elsewhere).
    void raw(std::string_view json);

private:
    void separate() {
        if (m_need_comma) m_out.push_back(',');
        m_need_comma = true;
    }
    void open(char c) {
        separate();
        m_out.push_back(c);
        m_need_comma = false;
    }
    void close(char c) {
        m_out.push_back(c);
        m_need_comma = true;
    }
    void string(std::string_view s);

    std::string& m_out;
    bool m_need_comma = false;
};

}  // namespace pilar::http
