// Test tool (built with the tests, never installed): the embedded schema as the migration runner
// applies it, for tests/postgres/migrations.sh, which has no other way to reach what the binary
// embeds.
//
//   migrations_dump postgres DIR   writes DIR/NNNN_name.sql, one per migration of the postgres set,
//                                  each the exact text db::migrate executes on PostgreSQL
//   migrations_dump runner FILE    writes FILE: the runner's own table (schema_migrations) as it
//                                  creates it on PostgreSQL before the first migration
//   migrations_dump sqlite FILE    creates the SQLite database FILE by db::migrate (the real runner)
#include "builtin_migrations.hpp"
#include "db/dialect.hpp"
#include "db/migrate.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>

int main(int argc, char** argv) {
    using namespace pilar;
    std::string_view mode = argc == 3 ? argv[1] : "";
    if (mode == "postgres") {
        std::filesystem::path dir = argv[2];
        std::filesystem::create_directories(dir);
        for (auto const& m : builtin_migrations(db::Dialect::Postgres)) {
            std::ofstream out(dir / fmt::format("{:04}_{}.sql", m.version, m.name), std::ios::binary);
            out << db::migration_script(db::Dialect::Postgres, m.sql);
            if (!out) {
                fmt::print(stderr, "migrations_dump: cannot write {}\n", dir.string());
                return 1;
            }
        }
        return 0;
    }
    if (mode == "runner") {
        std::ofstream out(argv[2], std::ios::binary);
        out << db::schema_migrations_script(db::Dialect::Postgres) << ";\n";
        if (!out) {
            fmt::print(stderr, "migrations_dump: cannot write {}\n", argv[2]);
            return 1;
        }
        return 0;
    }
    if (mode == "sqlite") {
        auto database = db::open_database(argv[2]);
        if (!database) {
            fmt::print(stderr, "migrations_dump: {}\n", database.error().describe(Lang::En));
            return 1;
        }
        auto report = db::migrate(**database, builtin_migrations(db::Dialect::Sqlite));
        if (!report) {
            fmt::print(stderr, "migrations_dump: {}\n", report.error().describe(Lang::En));
            return 1;
        }
        return 0;
    }
    fmt::print(stderr, "usage: migrations_dump postgres DIR | runner FILE | sqlite FILE\n");
    return 2;
}
