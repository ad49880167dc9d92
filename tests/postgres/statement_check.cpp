// Test tool (built with the tests, never installed): prepares every statement of a capture
// (PILAR_SQL_CAPTURE, db/capture.hpp) on a PostgreSQL database that has Pilar's schema, the way a
// libpq backend will: the text through db::postgres_statement (`?` -> `$n`), then PQprepare with
// no parameter types, so PostgreSQL parses it, resolves its tables, columns and functions and
// infers every parameter's type — and nothing is executed. Then the portability lint
// (portability.hpp) reads each statement that prepared for what would prepare but return other
// rows on PostgreSQL than on SQLite: a LIKE without its case rule, an ORDER BY term that may be
// NULL without NULLS FIRST/LAST, ... with the columns' nullability from PostgreSQL's catalog.
// tests/postgres/statements.sh runs it.
//
//   statement_check CONNINFO CAPTURE ALLOWLIST PORTABLE
//
// A statement that carries a marker comment `/* sqlite-only: NAME */` is not prepared when NAME is
// listed in ALLOWLIST (`NAME  why` at the start of a line, the reason going on in indented lines;
// `#` comments): it is SQLite's only, for the reason
// given there; a marker the list does not hold is a failure. Every other statement must prepare.
// Likewise a marker `/* portable: NAME */` waives one lint rule (NAME's first word: like-codes
// waives `like`) when NAME is listed, with its reason, in PORTABLE (same format).
// Prints each failure (the statement as the store wrote it, as PostgreSQL got it, and
// PostgreSQL's error or the lint's findings), then one summary line; exits 1 when anything failed.
#include "db/dialect.hpp"
#include "check_files.hpp"
#include "portability.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace {

// NAME of the first `sqlite-only: NAME` in the text, or empty.
std::string marker(std::string_view sql) {
    constexpr std::string_view kTag = "sqlite-only:";
    auto at = sql.find(kTag);
    if (at == std::string_view::npos) return {};
    std::size_t i = at + kTag.size();
    while (i < sql.size() && sql[i] == ' ') ++i;
    std::size_t b = i;
    while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '-' || sql[i] == '_')) ++i;
    return std::string(sql.substr(b, i - b));
}

// Every column of the public schema's tables and views, and whether it is NOT NULL (a view's
// columns never are, to the catalog).
bool read_schema(PGconn* conn, pilar::pgcheck::Schema& out) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(
        PQexec(conn, "SELECT c.relname, a.attname, a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'p') "
                     "AND a.attnum > 0 AND NOT a.attisdropped"),
        PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
        fmt::print(stderr, "statement_check: cannot read the catalog: {}", PQresultErrorMessage(r.get()));
        return false;
    }
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out[PQgetvalue(r.get(), i, 0)][PQgetvalue(r.get(), i, 1)] = PQgetvalue(r.get(), i, 2)[0] == 't';
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        fmt::print(stderr, "usage: statement_check CONNINFO CAPTURE ALLOWLIST PORTABLE\n");
        return 2;
    }
    std::set<std::string> statements;
    if (!pilar::pgcheck::read_capture(argv[2], statements)) return 2;
    std::map<std::string, int> allowed;  // marker -> statements it let through
    std::map<std::string, int> portable;  // likewise for the lint's markers
    pilar::pgcheck::Waivers waivers;    // portable.txt's NAME (columns)
    if (!pilar::pgcheck::read_names(argv[3], allowed) || !pilar::pgcheck::read_names(argv[4], portable, &waivers)) return 2;
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(argv[1]), PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        fmt::print(stderr, "statement_check: cannot connect: {}", PQerrorMessage(conn.get()));
        return 2;
    }
    pilar::pgcheck::Schema schema;
    if (!read_schema(conn.get(), schema)) return 2;
    int failed = 0;
    int linted = 0;  // statements the lint failed
    int skipped = 0;
    for (auto const& sql : statements) {
        std::string const name = marker(sql);
        if (!name.empty()) {
            if (auto it = allowed.find(name); it != allowed.end()) {
                ++it->second;
                ++skipped;
                continue;
            }
        }
        std::string const pg = pilar::db::postgres_statement(sql);
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQprepare(conn.get(), "", pg.c_str(), 0, nullptr), PQclear);
        std::string error;
        if (!name.empty())
            error = fmt::format("its marker sqlite-only: {} is not in the allowlist\n", name);
        else if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            error = PQresultErrorMessage(r.get());
        if (!error.empty()) {
            ++failed;
            fmt::print("--- does not prepare on PostgreSQL 15:\n{}\n--- as PostgreSQL got it:\n{}\n--- PostgreSQL said: {}\n",
                       sql, pg, error);
            continue;
        }
        std::string findings;
        for (auto const& m : pilar::pgcheck::markers(sql)) {
            if (auto it = portable.find(m); it != portable.end())
                ++it->second;
            else
                findings += fmt::format("  its marker portable: {} is not in {}\n", m, argv[4]);
        }
        std::set<std::string> seen;  // a statement that repeats a construct is told once
        for (auto const& f : pilar::pgcheck::lint(sql, schema, waivers))
            if (auto line = fmt::format("  [{}] {}\n", f.rule, f.message); seen.insert(line).second) findings += line;
        if (findings.empty()) continue;
        ++linted;
        fmt::print("--- prepares, but may return other rows on PostgreSQL 15 than on SQLite:\n{}\n{}", sql, findings);
    }
    auto unused = [](std::map<std::string, int> const& list, std::string_view what) {
        std::string names;
        for (auto const& [name, n] : list)
            if (n == 0) names += " " + name;
        return names.empty() ? std::string() : fmt::format(" ({} no statement used:{})", what, names);
    };
    std::size_t const prepared = statements.size() - static_cast<std::size_t>(skipped + failed);
    fmt::print("{} statements: {} prepare on PostgreSQL 15, {} SQLite-only by the allowlist, {} failed{}; "
               "portability lint: {} of {} flagged{}\n",
               statements.size(), prepared, skipped, failed, unused(allowed, "allowlist entries"), linted, prepared,
               unused(portable, "portable.txt entries"));
    return failed == 0 && linted == 0 ? 0 : 1;
}
