// Hand-written: no Debian package translates SQLite DDL to PostgreSQL's (pgloader converts data
// between live databases, not a script's text), and what is needed is a handful of words.
#include "db/dialect.hpp"

#include <fmt/format.h>

#include <cctype>

namespace pilar::db {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool same_word(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// What is translated: a migration's script (DDL) or one statement a store prepares.
enum class Kind { Script, Statement };

// Reads SQL left to right; words are rewritten, everything else copied as it is.
class Translator {
public:
    Translator(std::string_view in, Kind kind) : m_in(in), m_kind(kind) { m_out.reserve(in.size() + in.size() / 4); }

    std::string run() {
        while (m_pos < m_in.size()) {
            char c = m_in[m_pos];
            if (starts("--")) {
                copy_until("\n", false);
            } else if (starts("/*")) {
                copy_until("*/", true);
            } else if (c == '\'' || c == '"') {
                copy_quoted(c);
                significant("'");
            } else if (c == '$' && dollar_tag().size() > 0) {
                auto tag = dollar_tag();
                m_out.append(tag);
                m_pos += tag.size();
                copy_until(tag, true);
                significant("$");
            } else if (word_char(c)) {
                word();
            } else if (c == '?' && m_kind == Kind::Statement) {
                m_out.append(fmt::format("${}", ++m_parameters));
                ++m_pos;
                significant("?");
            } else {
                m_out.push_back(c);
                ++m_pos;
                if (!std::isspace(static_cast<unsigned char>(c))) {
                    significant(m_in.substr(m_pos - 1, 1));
                    if (c == ')') m_after_paren = m_out.size();
                }
            }
        }
        return std::move(m_out);
    }

private:
    bool starts(std::string_view s) const { return m_in.substr(m_pos, s.size()) == s; }

    void copy_until(std::string_view end, bool include_end) {
        auto stop = m_in.find(end, m_pos);
        std::size_t upto = stop == std::string_view::npos ? m_in.size() : stop + (include_end ? end.size() : 0);
        m_out.append(m_in.substr(m_pos, upto - m_pos));
        m_pos = upto;
    }

    // 'it''s', "quoted ""identifier"""
    void copy_quoted(char q) {
        std::size_t i = m_pos + 1;
        while (i < m_in.size()) {
            if (m_in[i] == q && i + 1 < m_in.size() && m_in[i + 1] == q) {
                i += 2;
            } else if (m_in[i] == q) {
                ++i;
                break;
            } else {
                ++i;
            }
        }
        m_out.append(m_in.substr(m_pos, i - m_pos));
        m_pos = i;
    }

    // "$$" or "$tag$" at m_pos, else empty.
    std::string_view dollar_tag() const {
        std::size_t i = m_pos + 1;
        while (i < m_in.size() && word_char(m_in[i]) && !std::isdigit(static_cast<unsigned char>(m_in[i]))) ++i;
        if (i < m_in.size() && m_in[i] == '$') return m_in.substr(m_pos, i + 1 - m_pos);
        return {};
    }

    std::string_view peek_word(std::size_t from, std::size_t* end) const {
        std::size_t i = from;
        while (i < m_in.size() && std::isspace(static_cast<unsigned char>(m_in[i]))) ++i;
        std::size_t b = i;
        while (i < m_in.size() && word_char(m_in[i])) ++i;
        *end = i;
        return m_in.substr(b, i - b);
    }

    void significant(std::string_view token) {
        m_prev = token;
        if (token != ",") m_in_options = false;
    }

    void word() {
        std::size_t b = m_pos;
        while (m_pos < m_in.size() && word_char(m_in[m_pos])) ++m_pos;
        std::string_view w = m_in.substr(b, m_pos - b);
        std::size_t end = 0;
        // Table options after the closing parenthesis: STRICT, WITHOUT ROWID, in either order.
        bool option = m_kind == Kind::Script &&
                      (same_word(w, "STRICT") || (same_word(w, "WITHOUT") && same_word(peek_word(m_pos, &end), "ROWID")));
        if (option && (m_prev == ")" || (m_prev == "," && m_in_options))) {
            if (same_word(w, "WITHOUT")) m_pos = end;
            m_out.resize(m_after_paren);
            m_in_options = true;
            m_prev = "option";
            return;
        }
        std::string_view prev = m_prev;
        m_prev = w;
        m_in_options = false;
        if (m_kind == Kind::Statement && statement_word(w)) return;
        if (same_word(w, "INTEGER")) {
            std::size_t key_end = 0;
            if (m_kind == Kind::Script && same_word(prev, "id") && same_word(peek_word(m_pos, &end), "PRIMARY") &&
                same_word(peek_word(end, &key_end), "KEY")) {
                m_out.append("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
                m_pos = key_end;
                m_prev = "KEY";
            } else {
                m_out.append("BIGINT");
            }
        } else if (same_word(w, "REAL")) {
            m_out.append("DOUBLE PRECISION");
        } else if (same_word(w, "BLOB")) {
            m_out.append("BYTEA");
        } else if (m_kind == Kind::Script && same_word(w, "TEXT") && !same_word(prev, "AS")) {
            m_out.append("TEXT COLLATE \"C\"");
        } else {
            m_out.append(w);
        }
    }

    // The words only a statement has (see postgres_statement); true when `w` was written.
    bool statement_word(std::string_view w) {
        std::size_t end = 0, fail_end = 0;
        if ((same_word(w, "INSERT") || same_word(w, "UPDATE")) && same_word(peek_word(m_pos, &end), "OR") &&
            same_word(peek_word(end, &fail_end), "FAIL")) {
            m_out.append(w);
            m_pos = fail_end;
            return true;
        }
        if (same_word(w, "group_concat") && m_pos < m_in.size() && m_in[m_pos] == '(') {
            m_out.append("string_agg");
            return true;
        }
        return false;
    }

    std::string_view m_in;
    Kind m_kind;
    int m_parameters = 0;             // `?` numbered so far (Kind::Statement)
    std::size_t m_pos = 0;
    std::string m_out;
    std::string_view m_prev;          // the last token that was not space or a comment
    std::size_t m_after_paren = 0;    // m_out's size just after the last ')'
    bool m_in_options = false;        // inside ") STRICT, WITHOUT ROWID"
};

}  // namespace

std::string postgres_sql(std::string_view sqlite_sql) { return Translator(sqlite_sql, Kind::Script).run(); }

std::string postgres_statement(std::string_view sql) { return Translator(sql, Kind::Statement).run(); }

std::string migration_script(Dialect dialect, std::string_view sql) {
    return dialect == Dialect::Postgres ? postgres_sql(sql) : std::string(sql);
}

}  // namespace pilar::db
