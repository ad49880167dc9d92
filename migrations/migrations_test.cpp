// Applies the real, embedded schema to a fresh SQLite database: catches a migration that does
// not parse, numbering gaps, and a schema that is not STRICT.
#include "builtin_migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace pilar {
namespace {

// Numbers are handed out to work in progress, which lands in any order: a gap is allowed (the
// runner applies a late, lower-numbered migration after higher ones), a repeat or disorder is not.
TEST(BuiltinMigrations, NumberedIncreasingFromOne) {
    auto ms = builtin_migrations(db::Dialect::Sqlite);
    ASSERT_FALSE(ms.empty());
    EXPECT_EQ(ms[0].version, 1) << ms[0].name;
    for (size_t i = 1; i < ms.size(); ++i) EXPECT_GT(ms[i].version, ms[i - 1].version) << ms[i].name;
}

TEST(BuiltinMigrations, ApplyToAFreshDatabaseAndEveryTableIsStrict) {
    char tmpl[] = "/tmp/pilar-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(tmpl);
    {
        auto database = db::open_database((dir / "p.db").string()).value();
        auto report = db::migrate(*database, builtin_migrations(db::Dialect::Sqlite));
        ASSERT_TRUE(report) << report.error().describe(Lang::En);
        EXPECT_EQ(report->to_version, builtin_migrations(db::Dialect::Sqlite).back().version);
        auto c = database->acquire().value();
        auto stmt = c->prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "AND name != 'schema_migrations' AND sql NOT LIKE 'CREATE VIRTUAL%'").value();
        int tables = 0;
        while (stmt.step().value()) {
            ++tables;
            EXPECT_NE(stmt.string(1).find("STRICT"), std::string::npos) << stmt.string(0) << " is not STRICT";
        }
        EXPECT_GT(tables, 0);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pilar
