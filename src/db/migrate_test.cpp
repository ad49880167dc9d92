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

}  // namespace
}  // namespace pilar::db
