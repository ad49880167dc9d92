// See portability.hpp (hand-written there says why).
#include "portability.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace pilar::pgcheck {
namespace {

enum class Kind { Word, Literal, Number, Param, Punct };

struct Token {
    Kind kind;
    std::string text;   // words lower-cased (quoted identifiers unquoted), punctuation as written
    std::string raw;    // as written, for messages
    bool spaced = false;  // space or a comment before it
};

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Comments are dropped here; markers() reads them.
std::vector<Token> tokenize(std::string_view sql) {
    std::vector<Token> out;
    std::size_t i = 0;
    bool spaced = false;
    while (i < sql.size()) {
        char c = sql[i];
        std::size_t const before = out.size();
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            spaced = true;
        } else if (sql.substr(i, 2) == "--") {
            auto e = sql.find('\n', i);
            i = e == std::string_view::npos ? sql.size() : e + 1;
            spaced = true;
        } else if (sql.substr(i, 2) == "/*") {
            auto e = sql.find("*/", i + 2);
            i = e == std::string_view::npos ? sql.size() : e + 2;
            spaced = true;
        } else if (c == '\'' || c == '"') {
            std::size_t j = i + 1;
            std::string text;
            while (j < sql.size()) {
                if (sql[j] == c && j + 1 < sql.size() && sql[j + 1] == c) {
                    text += c;
                    j += 2;
                } else if (sql[j] == c) {
                    ++j;
                    break;
                } else {
                    text += sql[j++];
                }
            }
            out.push_back({c == '"' ? Kind::Word : Kind::Literal, c == '"' ? lower(text) : text,
                           std::string(sql.substr(i, j - i))});
            i = j;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < sql.size() && (word_char(sql[j]) || sql[j] == '.')) ++j;
            out.push_back({Kind::Number, std::string(sql.substr(i, j - i)), std::string(sql.substr(i, j - i))});
            i = j;
        } else if (word_char(c)) {
            std::size_t j = i;
            while (j < sql.size() && word_char(sql[j])) ++j;
            out.push_back({Kind::Word, lower(sql.substr(i, j - i)), std::string(sql.substr(i, j - i))});
            i = j;
        } else if (c == '?') {
            out.push_back({Kind::Param, "?", "?"});
            ++i;
        } else {
            // Two-character operators stay one token (`||`, `<=`, ...); only `(`, `)`, `,`, `.`, `-`
            // and `;` matter here, all single.
            std::size_t n = (i + 1 < sql.size() && std::string_view("|<>=!").find(c) != std::string_view::npos &&
                             std::string_view("|<>=").find(sql[i + 1]) != std::string_view::npos)
                                ? 2
                                : 1;
            out.push_back({Kind::Punct, std::string(sql.substr(i, n)), std::string(sql.substr(i, n))});
            i += n;
        }
        if (out.size() > before) {
            out.back().spaced = spaced;
            spaced = false;
        }
    }
    return out;
}

bool is(std::vector<Token> const& t, std::size_t i, std::string_view word) {
    return i < t.size() && (t[i].kind == Kind::Word || t[i].kind == Kind::Punct) && t[i].text == word;
}

// Words that end a FROM item or an ORDER BY list, or cannot be an alias.
bool clause_word(std::string_view w) {
    static std::set<std::string_view> const kWords = {
        "where", "on", "using", "join", "left", "right", "inner", "outer", "cross", "full", "natural", "group",
        "order", "limit", "offset", "having", "union", "except", "intersect", "set", "values", "returning",
        "window", "default", "select", "and", "or", "for", "fetch", "rows", "range", "as", "do", "conflict"};
    return kWords.count(w) > 0;
}

// Words of an expression that name no column.
bool expression_word(std::string_view w) {
    static std::set<std::string_view> const kWords = {
        "case", "when", "then", "else", "end", "and", "or", "not", "null", "is", "in", "like", "escape", "cast",
        "as", "collate", "true", "false", "between", "asc", "desc", "distinct", "exists", "nulls", "first", "last"};
    return kWords.count(w) > 0;
}

// Index of the `)` that closes the `(` at `open`, or t.size().
std::size_t closing(std::vector<Token> const& t, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < t.size(); ++i) {
        if (is(t, i, "(")) ++depth;
        if (is(t, i, ")") && --depth == 0) return i;
    }
    return t.size();
}

// Index of the `(` that the `)` at `close` closes, or t.size().
std::size_t opening(std::vector<Token> const& t, std::size_t close) {
    int depth = 0;
    for (std::size_t i = close + 1; i-- > 0;) {
        if (is(t, i, ")")) ++depth;
        if (is(t, i, "(") && --depth == 0) return i;
    }
    return t.size();
}

std::string text_of(std::vector<Token> const& t, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t i = b; i < e && i < t.size(); ++i) {
        if (i > b && t[i].spaced) out += ' ';
        out += t[i].raw;
    }
    return out;
}

struct Source {
    std::string table;      // empty: a subquery's rows
    bool outer_side = false;  // the right side of a LEFT JOIN: its columns may be NULL
};

// alias (or the table's own name) -> what it reads. Scoping is ignored: the stores' statements do
// not reuse an alias for another table.
std::map<std::string, Source> sources(std::vector<Token> const& t) {
    std::map<std::string, Source> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!(is(t, i, "from") || is(t, i, "join") || is(t, i, "update") || is(t, i, "into"))) continue;
        bool outer = is(t, i, "join") && (is(t, i - 1, "left") || (is(t, i - 1, "outer") && is(t, i - 2, "left")));
        std::size_t j = i + 1;
        while (j < t.size()) {  // one FROM item, then `, item` ...
            Source s{{}, outer};
            std::string name;
            if (is(t, j, "(")) {
                j = closing(t, j) + 1;
            } else if (j < t.size() && t[j].kind == Kind::Word && !clause_word(t[j].text)) {
                s.table = name = t[j].text;
                ++j;
                if (is(t, j, ".") && j + 1 < t.size()) {  // schema.table
                    s.table = name = t[j + 1].text;
                    j += 2;
                }
            } else {
                break;
            }
            if (is(t, j, "as")) ++j;
            if (j < t.size() && t[j].kind == Kind::Word && !clause_word(t[j].text)) name = t[j++].text;
            if (!name.empty()) out[name] = s;
            if (!s.table.empty()) out.try_emplace(s.table, s);
            if (!is(t, j, ",") || !is(t, i, "from")) break;
            ++j;
        }
    }
    return out;
}

struct Ref {
    std::string qualifier, column;
};

// `ref IS NOT NULL` right after WHERE or AND somewhere in the statement.
bool said_not_null(std::vector<Token> const& t, Ref const& r) {
    std::size_t n = r.qualifier.empty() ? 1 : 3;
    for (std::size_t i = 1; i + n + 2 < t.size(); ++i) {
        bool same = r.qualifier.empty() ? is(t, i, r.column)
                                        : is(t, i, r.qualifier) && is(t, i + 1, ".") && is(t, i + 2, r.column);
        if (same && (is(t, i - 1, "where") || is(t, i - 1, "and")) && is(t, i + n, "is") && is(t, i + n + 1, "not") &&
            is(t, i + n + 2, "null"))
            return true;
    }
    return false;
}

// Why `r` may be NULL, or empty when it cannot be.
std::string why_null(std::vector<Token> const& t, std::map<std::string, Source> const& from, Schema const& schema,
                     Ref const& r) {
    if (said_not_null(t, r)) return {};
    auto column_of = [&](Source const& s) -> std::optional<bool> {  // NOT NULL, if the column is the table's
        auto tab = schema.find(s.table);
        if (tab == schema.end()) return std::nullopt;
        auto col = tab->second.find(r.column);
        if (col == tab->second.end()) return std::nullopt;
        return col->second;
    };
    std::string name = r.qualifier.empty() ? r.column : r.qualifier + "." + r.column;
    if (!r.qualifier.empty()) {
        auto s = from.find(r.qualifier);
        if (s == from.end() || s->second.table.empty())
            return fmt::format("{} is not a column of a table the statement names", name);
        auto notnull = column_of(s->second);
        if (!notnull) return fmt::format("{} is not a column of table {}", name, s->second.table);
        if (s->second.outer_side) return fmt::format("{} comes from the right side of a LEFT JOIN", name);
        if (!*notnull) return fmt::format("{}.{} is nullable", s->second.table, r.column);
        return {};
    }
    bool found = false;
    for (auto const& [alias, s] : from) {
        auto notnull = column_of(s);
        if (!notnull) continue;
        found = true;
        if (s.outer_side) return fmt::format("{} comes from the right side of a LEFT JOIN ({})", name, alias);
        if (!*notnull) return fmt::format("{}.{} is nullable", s.table, r.column);
    }
    if (!found) return fmt::format("{} is not a column of a table the statement names", name);
    return {};
}

void lint_like(std::vector<Token> const& t, std::vector<Finding>& out) {
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (!is(t, i, "like")) continue;
        std::size_t left = is(t, i - 1, "not") ? i - 2 : i - 1;
        std::string column;  // the column compared, or the one the pattern is built from
        if (left < t.size() && t[left].kind == Kind::Word) column = t[left].text;
        if (left < t.size() && is(t, left, ")")) {
            std::size_t open = opening(t, left);
            if (open > 0 && open < t.size() && is(t, open - 1, "lower")) continue;
            left = open;
        } else if (left >= 2 && is(t, left - 1, ".")) {
            left -= 2;
        } else if (left < t.size() && t[left].kind == Kind::Param) {
            std::size_t k = is(t, i + 1, "(") ? i + 2 : i + 1;
            if (k + 2 < t.size() && is(t, k + 1, ".")) k += 2;
            if (k < t.size() && t[k].kind == Kind::Word) column = t[k].text;
        }
        out.push_back({"like", fmt::format("`{}`: SQLite's LIKE ignores ASCII case, PostgreSQL's does not. Write "
                                           "lower(column) LIKE ? with the pattern lowered in C++ (to_lower_ascii), or, "
                                           "where the text cannot differ by case, mark the statement /* portable: like-NAME */",
                                           text_of(t, left, is(t, i + 1, "(") ? closing(t, i + 1) + 1 : i + 2)),
                       column});
    }
}

void lint_order(std::vector<Token> const& t, Schema const& schema, std::vector<Finding>& out) {
    auto const from = sources(t);
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (!is(t, i, "order") || !is(t, i + 1, "by")) continue;
        std::size_t j = i + 2;
        bool done = false;
        while (!done && j < t.size()) {
            // One term: up to a `,` at its own depth, or the end of the list.
            std::size_t b = j;
            int depth = 0;
            for (; j < t.size(); ++j) {
                if (is(t, j, "(")) ++depth;
                if (is(t, j, ")") && depth-- == 0) break;
                if (depth == 0 && (is(t, j, ",") || is(t, j, ";") ||
                                   (t[j].kind == Kind::Word && clause_word(t[j].text) && !is(t, j, "and") &&
                                    !is(t, j, "or") && !is(t, j, "as")))) {
                    break;
                }
            }
            done = !is(t, j, ",");
            std::size_t e = j++;
            std::string const term = text_of(t, b, e);
            bool has_nulls = false;
            for (std::size_t k = b; k < e; ++k) has_nulls = has_nulls || is(t, k, "nulls");
            if (has_nulls || b == e || is(t, b, "coalesce") || is(t, b, "count")) continue;
            if (e - b == 1 && t[b].kind == Kind::Number) {
                out.push_back({"order", fmt::format("ORDER BY {}: name the column rather than its position, and say NULLS "
                                                    "FIRST or NULLS LAST if it may be NULL", term)});
                continue;
            }
            std::string why;
            for (std::size_t k = b; k < e && why.empty(); ++k) {
                if (t[k].kind != Kind::Word || expression_word(t[k].text) || is(t, k + 1, "(") ||
                    is(t, k - 1, "as") || is(t, k - 1, "collate"))
                    continue;
                if (t[k].text == "select") {
                    why = "a subquery's value";
                    break;
                }
                Ref r;
                if (is(t, k + 1, ".") && k + 2 < e) {
                    r = {t[k].text, t[k + 2].text};
                    k += 2;
                } else {
                    r = {{}, t[k].text};
                }
                why = why_null(t, from, schema, r);
            }
            if (!why.empty())
                out.push_back({"order", fmt::format("ORDER BY {}: it may be NULL ({}); SQLite sorts NULLs first and "
                                                    "PostgreSQL last in ascending order: say NULLS FIRST or NULLS LAST",
                                                    term, why)});
        }
    }
}

void lint_rest(std::vector<Token> const& t, std::vector<Finding>& out) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (is(t, i, "limit") && is(t, i + 1, "-"))
            out.push_back({"limit", "a negative LIMIT: no limit on SQLite, an error on PostgreSQL; leave LIMIT out"});
        if ((is(t, i, "substr") || is(t, i, "substring")) && is(t, i + 1, "(")) {
            std::size_t end = closing(t, i + 1);
            int depth = 0;
            for (std::size_t k = i + 2; k < end; ++k) {
                if (is(t, k, "(")) ++depth;
                if (is(t, k, ")")) --depth;
                if (depth == 0 && is(t, k, ",")) {
                    if (is(t, k + 1, "-"))
                        out.push_back({"substr", fmt::format("`{}`: a negative start counts from the end on SQLite "
                                                             "only; compute the start from length()",
                                                             text_of(t, i, end + 1))});
                    break;
                }
            }
        }
    }
}

}  // namespace

std::vector<std::string> markers(std::string_view sql) {
    constexpr std::string_view kTag = "portable:";
    std::vector<std::string> out;
    // Only inside comments: the tag in a string literal is data.
    for (std::size_t at = sql.find("/*"); at != std::string_view::npos; at = sql.find("/*", at + 2)) {
        std::size_t end = std::min(sql.find("*/", at + 2), sql.size());
        std::string_view comment = sql.substr(at + 2, end - at - 2);
        auto tag = comment.find(kTag);
        if (tag == std::string_view::npos) continue;
        std::size_t i = tag + kTag.size();
        for (;;) {
            while (i < comment.size() && (comment[i] == ' ' || comment[i] == ',')) ++i;
            std::size_t b = i;
            while (i < comment.size() && (word_char(comment[i]) || comment[i] == '-')) ++i;
            if (i == b) break;
            out.emplace_back(comment.substr(b, i - b));
        }
    }
    return out;
}

std::vector<Finding> lint(std::string_view sql, Schema const& schema, Waivers const& waivers) {
    std::set<std::string> whole;                            // rules waived outright
    std::map<std::string, std::set<std::string>> columns;  // rule -> the columns waived
    for (auto const& m : markers(sql)) {
        std::string const rule = m.substr(0, m.find('-'));
        auto w = waivers.find(m);
        if (w == waivers.end() || w->second.empty()) whole.insert(rule);
        else columns[rule].insert(w->second.begin(), w->second.end());
    }
    auto const t = tokenize(sql);
    std::vector<Finding> out;
    lint_like(t, out);
    lint_order(t, schema, out);
    lint_rest(t, out);
    std::erase_if(out, [&](Finding const& f) {
        auto c = columns.find(f.rule);
        return whole.count(f.rule) > 0 || (c != columns.end() && !f.column.empty() && c->second.count(f.column) > 0);
    });
    return out;
}

}  // namespace pilar::pgcheck
