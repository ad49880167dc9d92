#include "db/migrate.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace pilar::db {
namespace {

namespace fs = std::filesystem;

struct Fixture : ::testing::Test {
    Fixture() {
        char tmpl[] = "/tmp/pilar-migrate-test-XXXXXX";
        dir = mkdtemp(tmpl);
        db = std::move(*open_database((dir / "m.db").string()));
    }
    ~Fixture() override { fs::remove_all(dir); }
    std::int64_t count(std::string_view sql) {
        return db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1);
    }
    fs::path dir;
    std::unique_ptr<Database> db;
};

constexpr Migration kV1{1, "a", "CREATE TABLE a (n INTEGER) STRICT;"};
constexpr Migration kV2{2, "b", "CREATE TABLE b (n INTEGER) STRICT; INSERT INTO b VALUES (7);"};

TEST_F(Fixture, AppliesPendingInOrderAndIsIdempotent) {
    std::vector<Migration> ms{kV1, kV2};
    auto r = migrate(*db, ms);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->from_version, 0);
    EXPECT_EQ(r->to_version, 2);
    EXPECT_EQ(r->applied, (std::vector<std::string>{"0001_a", "0002_b"}));
    auto again = migrate(*db, ms);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->applied.empty());
    EXPECT_EQ(count("SELECT count(*) FROM b"), 1);
    auto st = migration_status(*db, ms);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->current_version, 2);
    EXPECT_TRUE(st->pending.empty());
}

TEST_F(Fixture, RefusesDatabaseNewerThanBinary) {
    std::vector<Migration> both{kV1, kV2};
    ASSERT_TRUE(migrate(*db, both));
    std::vector<Migration> older{kV1};
    auto r = migrate(*db, older);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_NE(r.error().message.en.find("newer"), std::string::npos);
    EXPECT_FALSE(migration_status(*db, older));
}

TEST_F(Fixture, RefusesEditedMigration) {
    std::vector<Migration> ms{kV1};
    ASSERT_TRUE(migrate(*db, ms));
    std::vector<Migration> edited{{1, "a", "CREATE TABLE a (n INTEGER, m INTEGER) STRICT;"}};
    auto r = migrate(*db, edited);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find("0001_a"), std::string::npos);
}

TEST_F(Fixture, FailedMigrationChangesNothing) {
    std::vector<Migration> ms{kV1, {2, "broken", "CREATE TABLE c (n INTEGER) STRICT; INSERT INTO nowhere VALUES (1);"}};
    auto r = migrate(*db, ms);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find("0002_broken"), std::string::npos);
    EXPECT_EQ(count("SELECT max(version) FROM schema_migrations"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE name = 'c'"), 0) << "half-applied migration";
}

// A migration numbered below one the database already has (two branches landing in the other
// order, as 0009 after 0010/0011 did) is still applied, and the version reported stays the highest.
TEST_F(Fixture, AppliesMissingLowerNumberedMigration) {
    constexpr Migration kV3{3, "c", "CREATE TABLE c (n INTEGER) STRICT;"};
    std::vector<Migration> without{kV1, kV3};
    ASSERT_TRUE(migrate(*db, without));
    std::vector<Migration> all{kV1, kV2, kV3};
    auto st = migration_status(*db, all);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->pending, (std::vector<int>{2}));
    auto r = migrate(*db, all);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->applied, (std::vector<std::string>{"0002_b"}));
    EXPECT_EQ(r->from_version, 3);
    EXPECT_EQ(r->to_version, 3);
    EXPECT_EQ(count("SELECT count(*) FROM b"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 3);
}

TEST(MigrationChecksum, IsStableAndSensitive) {
    EXPECT_EQ(migration_checksum("abc"), migration_checksum("abc"));
    EXPECT_NE(migration_checksum("abc"), migration_checksum("abd"));
    EXPECT_EQ(migration_checksum("").size(), 16u);
}

// A migration's C++ step runs after its SQL in the same transaction, once: a failing step leaves
// the migration unapplied and its SQL undone; an applied migration's step never runs again.
TEST_F(Fixture, AStepRunsAfterItsMigrationsSqlInItsTransactionOnce) {
    std::vector<Migration> ms{kV1, kV2};
    int runs = 0;
    bool fail_step = true;
    std::vector<MigrationStep> steps{{2, [&](Connection& c) -> Result<void> {
                                          ++runs;
                                          // The SQL of 0002 is visible: the step runs after it.
                                          PILAR_TRY(c.execute("UPDATE b SET n = n * 10"));
                                          if (fail_step) return fail(ErrorCode::Internal, {"gagal", "failed"});
                                          return {};
                                      }}};
    auto r = migrate(*db, ms, steps);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.en, "Migration 0002_b failed: failed");
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations WHERE version = 2"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), 0) << "0002's SQL rolled back with it";
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations WHERE version = 1"), 1) << "0001 stays applied";

    fail_step = false;
    r = migrate(*db, ms, steps);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->applied, (std::vector<std::string>{"0002_b"}));
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(count("SELECT n FROM b"), 70);

    r = migrate(*db, ms, steps);
    ASSERT_TRUE(r);
    EXPECT_EQ(runs, 2) << "an applied migration's step does not run again";
    EXPECT_EQ(count("SELECT n FROM b"), 70);
}

TEST_F(Fixture, AStepWithoutItsMigrationIsRefusedUnlessTheListEndsBeforeIt) {
    std::vector<Migration> gap{kV1, {3, "c", "CREATE TABLE c (n INTEGER) STRICT;"}};
    std::vector<MigrationStep> steps{{2, [](Connection&) -> Result<void> { return {}; }}};
    auto r = migrate(*db, gap, steps);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Internal);
    EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 0) << "refused before anything is applied";
    // Migrations cut short before the step's (a database as an older binary leaves it): fine.
    std::vector<Migration> older{kV1};
    ASSERT_TRUE(migrate(*db, older, steps));
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 1);
}

}  // namespace
}  // namespace pilar::db
