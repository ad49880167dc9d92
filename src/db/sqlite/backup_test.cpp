// copy_database's room check: a copy that cannot fit is refused before anything is written, rather
// than failing with a full disk gigabytes in (and filling the disk the server writes to).
#include "db/sqlite/backup.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/statvfs.h>

#include <filesystem>
#include <fstream>

#include "db/test_dir.hpp"

namespace pilar::db::sqlite {
namespace {

namespace fs = std::filesystem;

TEST(CopyDatabase, RefusedBeforeWritingWhenTheDestinationHasNoRoom) {
    TestDir dir;
    fs::path const source = dir.path / "big.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(source.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    // A database of 10 TiB without the disk: a sparse file whose header's size SQLite is told to
    // distrust (the "version-valid-for" number no longer matches the change counter), so its page
    // count comes from the file's length.
    constexpr std::uintmax_t kSize = 10ull << 40;
    struct statvfs st {};
    ASSERT_EQ(::statvfs(dir.path.c_str(), &st), 0);
    if (static_cast<std::uintmax_t>(st.f_bavail) * st.f_frsize >= kSize) GTEST_SKIP() << "10 TiB free here";
    std::error_code ec;
    fs::resize_file(source, kSize, ec);
    if (ec) GTEST_SKIP() << "no sparse files here: " << ec.message();
    {
        std::fstream f(source, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(92);
        f.write("\0\0\0\0", 4);
    }
    fs::path const dest = dir.path / "copy.db";
    auto r = copy_database(source.string(), dest.string());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::ResourceExhausted);
    std::string const msg = r.error().describe(Lang::En);
    EXPECT_NE(msg.find("the copy of " + source.string() + " needs 10485760.0 MiB; nothing was changed"), std::string::npos)
        << msg;
    EXPECT_FALSE(fs::exists(dest));
}

}  // namespace
}  // namespace pilar::db::sqlite
