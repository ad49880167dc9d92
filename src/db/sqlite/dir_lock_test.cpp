// The data dir's lock as processes see it: flock is per open file, so two DirLocks in one process
// conflict exactly as two processes would (tests/api drives the real commands).
#include "db/sqlite/dir_lock.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "db/test_dir.hpp"

namespace pilar::db::sqlite {
namespace {

namespace fs = std::filesystem;

struct DirLockTest : ::testing::Test {
    std::optional<DirLock> take(DirLockMode mode) { return DirLock::try_acquire(tmp.path.string(), mode).value(); }
    TestDir tmp;
    fs::path const& dir = tmp.path;
};

TEST_F(DirLockTest, SharedHoldersShareAndKeepOutAnExclusiveOne) {
    auto a = take(DirLockMode::Shared);
    auto b = take(DirLockMode::Shared);
    ASSERT_TRUE(a && b) << "several servers share one data dir";
    EXPECT_FALSE(take(DirLockMode::Exclusive));
    a.reset();
    EXPECT_FALSE(take(DirLockMode::Exclusive)) << "b still holds it";
    b.reset();
    EXPECT_TRUE(take(DirLockMode::Exclusive)) << "released when the holders close it";
}

TEST_F(DirLockTest, AnExclusiveHolderKeepsOutEveryone) {
    auto restore = take(DirLockMode::Exclusive);
    ASSERT_TRUE(restore);
    EXPECT_FALSE(take(DirLockMode::Shared));
    EXPECT_FALSE(take(DirLockMode::Exclusive));
    restore.reset();
    EXPECT_TRUE(take(DirLockMode::Shared));
}

TEST_F(DirLockTest, UpgradeOnlyWhenAlone) {
    auto migrate = take(DirLockMode::Shared);
    auto server = take(DirLockMode::Shared);
    ASSERT_TRUE(migrate && server);
    EXPECT_FALSE(migrate->try_upgrade().value());
    server.reset();
    auto again = take(DirLockMode::Shared);
    ASSERT_TRUE(again);
    again.reset();
    EXPECT_TRUE(migrate->try_upgrade().value());
    EXPECT_EQ(migrate->mode(), DirLockMode::Exclusive);
    EXPECT_FALSE(take(DirLockMode::Shared));
}

TEST_F(DirLockTest, TheLockFileIsTheOwnersOnly) {
    auto held = take(DirLockMode::Shared);
    ASSERT_TRUE(held);
    struct stat st {};
    ASSERT_EQ(::stat((dir / DirLock::kFileName).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(DirLockTest, AMissingFolderIsAnErrorNamingTheFile) {
    auto r = DirLock::try_acquire((dir / "absent").string(), DirLockMode::Shared);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().describe(Lang::En).find("absent/pilar.lock"), std::string::npos) << r.error().describe(Lang::En);
}

}  // namespace
}  // namespace pilar::db::sqlite
