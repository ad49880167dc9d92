// Test tool (built with the tests, never installed): prepares every statement of a capture
// (PILAR_SQL_CAPTURE, db/capture.hpp) on a PostgreSQL database that has Pilar's schema, the way a
// libpq backend will: the text through db::postgres_statement (`?` -> `$n`), then PQprepare with
// no parameter types, so PostgreSQL parses it, resolves its tables, columns and functions and
// infers every parameter's type — and nothing is executed. tests/postgres/statements.sh runs it.
//
//   statement_check CONNINFO CAPTURE ALLOWLIST
//
// A statement that carries a marker comment `/* sqlite-only: NAME */` is not prepared when NAME is
// listed in ALLOWLIST (`NAME  why` at the start of a line, the reason going on in indented lines;
// `#` comments): it is SQLite's only, for the reason
// given there; a marker the list does not hold is a failure. Every other statement must prepare.
// Prints each failure (the statement as the store wrote it, as PostgreSQL got it, and
// PostgreSQL's error), then one summary line; exits 1 when anything failed.
#include "db/dialect.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace {

std::string unescape(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            ++i;
            out += line[i] == 'n' ? '\n' : line[i];
        } else {
            out += line[i];
        }
    }
    return out;
}

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

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        fmt::print(stderr, "usage: statement_check CONNINFO CAPTURE ALLOWLIST\n");
        return 2;
    }
    std::set<std::string> statements;  // sorted: the report's order does not depend on the run's
    {
        std::ifstream in(argv[2], std::ios::binary);
        if (!in) {
            fmt::print(stderr, "statement_check: cannot read the capture {}\n", argv[2]);
            return 2;
        }
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) statements.insert(unescape(line));
    }
    std::map<std::string, int> allowed;  // marker -> statements it let through
    {
        std::ifstream in(argv[3]);
        if (!in) {
            fmt::print(stderr, "statement_check: cannot read the allowlist {}\n", argv[3]);
            return 2;
        }
        for (std::string line; std::getline(in, line);) {
            // A NAME starts a line; an indented line goes on with the reason.
            if (line.empty() || line[0] == '#' || line[0] == ' ' || line[0] == '\t') continue;
            allowed.emplace(line.substr(0, line.find_first_of(" \t")), 0);
        }
    }
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(argv[1]), PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        fmt::print(stderr, "statement_check: cannot connect: {}", PQerrorMessage(conn.get()));
        return 2;
    }
    int failed = 0;
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
        if (error.empty()) continue;
        ++failed;
        fmt::print("--- does not prepare on PostgreSQL 15:\n{}\n--- as PostgreSQL got it:\n{}\n--- PostgreSQL said: {}\n",
                   sql, pg, error);
    }
    std::string unused;
    for (auto const& [name, n] : allowed)
        if (n == 0) unused += " " + name;
    fmt::print("{} statements: {} prepare on PostgreSQL 15, {} SQLite-only by the allowlist, {} failed{}\n",
               statements.size(), statements.size() - static_cast<std::size_t>(skipped + failed), skipped, failed,
               unused.empty() ? "" : fmt::format(" (allowlist entries no statement used:{})", unused));
    return failed == 0 ? 0 : 1;
}
