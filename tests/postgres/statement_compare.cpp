// Test tool (built with the tests, never installed): runs a few of the statements the stores
// prepare — the riskiest: keyset pages of the person list, the LIKE filters of the searches and
// lists — on SQLite and on PostgreSQL 15 with the same small data, and compares the rows, in
// order. Preparing proves a statement parses on PostgreSQL; this shows it returns what SQLite
// returns. tests/postgres/statements.sh runs it after statement_check, on the same cluster.
//
//   statement_compare SQLITE_FILE CONNINFO CAPTURE CASES DATA
//
// SQLITE_FILE is a database with Pilar's schema (migrations_dump sqlite), CONNINFO one with the
// postgres set; DATA (behaviour.sql) is loaded into both. CASES (behaviour.txt) names each
// statement by substrings of its text: the one captured statement (PILAR_SQL_CAPTURE) that holds
// every `match` line is run, so the text is exactly what the store prepares today, and a case
// whose statement changed fails by name rather than testing an old text. PostgreSQL gets it
// through db::postgres_statement, as the backend will, with the parameters as text and their
// types inferred.
//
//   case   person list by name, page after ('budi', 3)
//     match  ORDER BY nama_cari, id LIMIT ?
//     args   '36.71/' 'budi' 'budi' 3 5      'text' ('' for a quote, \xNN a byte), integer, NULL
//     rows   4                                the number of rows both must return
//
// A value compares as text, numbers as numbers (SQLite writes 1.0 where PostgreSQL writes 1), a
// PostgreSQL boolean as 1/0. Prints each difference and one summary line; exits 1 on any.
#include "check_files.hpp"
#include "db/dialect.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using Value = std::optional<std::string>;  // nullopt: NULL
using Row = std::vector<Value>;

struct Case {
    std::string name;
    std::vector<std::string> match;
    std::vector<Value> args;
    std::optional<std::size_t> rows;
    int line = 0;
};

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r") + 1 - b));
}

// `'a''b' 12 NULL '\xF4'` -> {"a'b", "12", nullopt, "\xF4"}; false on a malformed list.
bool parse_args(std::string_view s, std::vector<Value>& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
        } else if (s[i] == '\'') {
            std::string v;
            for (++i;; ++i) {
                if (i >= s.size()) return false;
                if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
                    v += '\'';
                    ++i;
                } else if (s[i] == '\'') {
                    ++i;
                    break;
                } else if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
                    unsigned byte = 0;
                    if (std::from_chars(s.data() + i + 2, s.data() + i + 4, byte, 16).ec != std::errc()) return false;
                    v += static_cast<char>(byte);
                    i += 3;
                } else {
                    v += s[i];
                }
            }
            out.emplace_back(std::move(v));
        } else {
            std::size_t e = s.find_first_of(" \t", i);
            std::string w(s.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i));
            i = e == std::string_view::npos ? s.size() : e;
            if (w == "NULL") out.emplace_back(std::nullopt);
            else out.emplace_back(std::move(w));
        }
    }
    return true;
}

bool read_cases(char const* path, std::vector<Case>& out) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "statement_compare: cannot read {}\n", path);
        return false;
    }
    int n = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++n;
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        auto sp = line.find_first_of(" \t");
        std::string key = line.substr(0, sp);
        std::string rest = sp == std::string::npos ? "" : trim(line.substr(sp));
        if (key == "case") {
            out.push_back({rest, {}, {}, {}, n});
            continue;
        }
        bool ok = !out.empty();
        if (ok && key == "match") out.back().match.push_back(rest);
        else if (ok && key == "args") ok = parse_args(rest, out.back().args);
        else if (ok && key == "rows") out.back().rows = std::stoul(rest);
        else ok = false;
        if (!ok) {
            fmt::print(stderr, "statement_compare: {}:{}: cannot read `{}`\n", path, n, line);
            return false;
        }
    }
    return true;
}

bool is_integer(std::string const& s) {
    return !s.empty() && s.find_first_not_of("0123456789", s[0] == '-' ? 1 : 0) == std::string::npos;
}

std::optional<std::vector<Row>> run_sqlite(sqlite3* db, std::string const& sql, std::vector<Value> const& args,
                                           std::string& error) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return std::nullopt;
    }
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(raw, sqlite3_finalize);
    // As the stores bind: integers as integers, text as text.
    for (std::size_t i = 0; i < args.size(); ++i) {
        int const at = static_cast<int>(i + 1);
        if (!args[i]) sqlite3_bind_null(raw, at);
        else if (is_integer(*args[i])) sqlite3_bind_int64(raw, at, std::stoll(*args[i]));
        else sqlite3_bind_text(raw, at, args[i]->data(), static_cast<int>(args[i]->size()), SQLITE_TRANSIENT);
    }
    std::vector<Row> rows;
    int rc = 0;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        Row r;
        for (int c = 0; c < sqlite3_column_count(raw); ++c) {
            if (sqlite3_column_type(raw, c) == SQLITE_NULL) r.emplace_back(std::nullopt);
            else r.emplace_back(std::string(reinterpret_cast<char const*>(sqlite3_column_text(raw, c)),
                                            static_cast<std::size_t>(sqlite3_column_bytes(raw, c))));
        }
        rows.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) {
        error = sqlite3_errmsg(db);
        return std::nullopt;
    }
    return rows;
}

std::optional<std::vector<Row>> run_postgres(PGconn* conn, std::string const& sql, std::vector<Value> const& args,
                                             std::string& error) {
    std::string const pg = pilar::db::postgres_statement(sql);
    std::vector<char const*> values;
    for (auto const& a : args) values.push_back(a ? a->c_str() : nullptr);
    std::unique_ptr<PGresult, decltype(&PQclear)> r(
        PQexecParams(conn, pg.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0),
        PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
        error = PQresultErrorMessage(r.get());
        return std::nullopt;
    }
    constexpr Oid kBool = 16;
    std::vector<Row> rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        Row row;
        for (int c = 0; c < PQnfields(r.get()); ++c) {
            if (PQgetisnull(r.get(), i, c)) {
                row.emplace_back(std::nullopt);
                continue;
            }
            std::string v = PQgetvalue(r.get(), i, c);
            if (PQftype(r.get(), c) == kBool) v = v == "t" ? "1" : "0";
            row.emplace_back(std::move(v));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool same(Value const& a, Value const& b) {
    if (!a || !b) return !a && !b;
    if (*a == *b) return true;
    // 1.0 (SQLite) and 1 (PostgreSQL) are the same REAL/DOUBLE PRECISION value.
    double x = 0, y = 0;
    auto px = std::from_chars(a->data(), a->data() + a->size(), x);
    auto py = std::from_chars(b->data(), b->data() + b->size(), y);
    return px.ec == std::errc() && py.ec == std::errc() && px.ptr == a->data() + a->size() &&
           py.ptr == b->data() + b->size() && x == y;
}

std::string show(std::vector<Row> const& rows) {
    std::string out;
    for (auto const& r : rows) {
        out += "    ";
        for (std::size_t c = 0; c < r.size(); ++c) out += (c ? " | " : "") + (r[c] ? *r[c] : std::string("NULL"));
        out += '\n';
    }
    return out.empty() ? "    (no rows)\n" : out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        fmt::print(stderr, "usage: statement_compare SQLITE_FILE CONNINFO CAPTURE CASES DATA\n");
        return 2;
    }
    std::set<std::string> statements;
    std::vector<Case> cases;
    if (!pilar::pgcheck::read_capture(argv[3], statements) || !read_cases(argv[4], cases)) return 2;
    std::string data;
    {
        std::ifstream in(argv[5], std::ios::binary);
        if (!in) {
            fmt::print(stderr, "statement_compare: cannot read {}\n", argv[5]);
            return 2;
        }
        data.assign(std::istreambuf_iterator<char>(in), {});
    }
    sqlite3* raw = nullptr;
    int const rc = sqlite3_open_v2(argv[1], &raw, SQLITE_OPEN_READWRITE, nullptr);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
    char* err = nullptr;
    if (rc != SQLITE_OK || sqlite3_exec(raw, data.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        fmt::print(stderr, "statement_compare: {} does not load into SQLite: {}\n", argv[5], err ? err : sqlite3_errmsg(raw));
        sqlite3_free(err);
        return 2;
    }
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(argv[2]), PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        fmt::print(stderr, "statement_compare: cannot connect: {}", PQerrorMessage(conn.get()));
        return 2;
    }
    {
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), data.c_str()), PQclear);
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
            fmt::print(stderr, "statement_compare: {} does not load into PostgreSQL: {}", argv[5],
                       PQresultErrorMessage(r.get()));
            return 2;
        }
    }
    int failed = 0;
    for (auto const& c : cases) {
        std::vector<std::string const*> found;
        for (auto const& s : statements) {
            bool all = !c.match.empty();
            for (auto const& m : c.match) all = all && s.find(m) != std::string::npos;
            if (all) found.push_back(&s);
        }
        std::string problem;
        std::optional<std::vector<Row>> lite, pg;
        if (found.size() != 1) {
            problem = fmt::format("{} captured statements hold every `match` of the case (one must): the store's "
                                  "statement changed, or the API tests no longer prepare it; update {}",
                                  found.size(), argv[4]);
        } else {
            std::string error;
            lite = run_sqlite(raw, *found[0], c.args, error);
            if (!lite) problem = "SQLite: " + error;
            if (lite && !(pg = run_postgres(conn.get(), *found[0], c.args, error))) problem = "PostgreSQL: " + error;
        }
        if (problem.empty()) {
            bool equal = lite->size() == pg->size();
            for (std::size_t i = 0; equal && i < lite->size(); ++i) {
                equal = (*lite)[i].size() == (*pg)[i].size();
                for (std::size_t k = 0; equal && k < (*lite)[i].size(); ++k) equal = same((*lite)[i][k], (*pg)[i][k]);
            }
            if (!equal)
                problem = fmt::format("other rows on the two backends\n  SQLite:\n{}  PostgreSQL 15:\n{}", show(*lite),
                                      show(*pg));
            else if (c.rows && lite->size() != *c.rows)
                problem = fmt::format("{} rows on both, the case expects {} (behaviour.sql changed?)\n{}", lite->size(),
                                      *c.rows, show(*lite));
        }
        if (problem.empty()) continue;
        ++failed;
        fmt::print("--- case `{}` ({}:{}):\n{}{}\n", c.name, argv[4], c.line,
                   found.size() == 1 ? "  " + *found[0] + "\n  " : "  ", problem);
    }
    fmt::print("{} cases: {} return the same rows on SQLite and PostgreSQL 15, {} failed\n", cases.size(),
               cases.size() - static_cast<std::size_t>(failed), failed);
    return failed == 0 ? 0 : 1;
}
