// A backup made at an older schema restores with this binary, migrated to the current schema with
// its data carried across by the migrations in between (docs/operations.md, "Restoring" and
// "Upgrading"). CI has no older binaries, so the older database is made the way one was: only the
// built-in migrations up to 0019 applied (released migrations never change: the runner refuses
// one whose text was edited), then rows written with SQL against schema 0019, as a binary of that
// time wrote them. Above 0019, 0020 moves data (the workforce rules, one set shared by every kota,
// copied to each kota), 0021 adds a column to the row 0019 made, 0022 adds a table.
// tests/api/upgrade.test.mjs does the same through the binary, one migration back.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "builtin_migrations.hpp"
#include "cli/cli.hpp"
#include "db/migrate.hpp"
#include "db/test_dir.hpp"

namespace pilar::cli {
namespace {

namespace fs = std::filesystem;

// `pilar ARGS...` in this process, as main() runs it (run() registers its logger afresh each time).
int pilar(std::vector<std::string> args) {
    spdlog::drop("pilar");
    args.insert(args.begin(), "pilar");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return run(static_cast<int>(argv.size()), argv.data());
}

std::string text(db::Database& database, std::string_view sql) {
    auto c = database.acquire().value();
    return c->query_value<std::string>(sql).value().value_or("<none>");
}

constexpr int kOldSchema = 19;

TEST(Upgrade, ABackupAtSchema0019RestoresMigratedWithItsData) {
    db::TestDir tmp;
    fs::path const old_dir = tmp.path / "old";
    fs::create_directories(old_dir);
    {
        auto database = db::open_database((old_dir / "pilar.db").string()).value();
        auto const all = builtin_migrations(database->dialect());
        auto const end = std::find_if(all.begin(), all.end(), [](db::Migration const& m) { return m.version > kOldSchema; });
        ASSERT_NE(end, all.end()) << "this binary should know migrations after " << kOldSchema;
        auto applied = db::migrate(*database, std::span<const db::Migration>(all.begin(), end));
        ASSERT_TRUE(applied) << applied.error().describe(Lang::En);
        ASSERT_EQ(applied->to_version, kOldSchema);
        auto c = database->acquire().value();
        auto wrote = c->exec_script(
            "INSERT INTO wilayah (kode, nama, tingkat, jenis, induk, nama_cari, source, created_at, updated_at) VALUES"
            " ('36', 'BANTEN', 'provinsi', NULL, NULL, 'banten', 'idn-area-data', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'),"
            " ('36.71', 'KOTA TANGERANG', 'kota', 'kota', '36', 'kota tangerang', 'idn-area-data', '2026-01-05T08:00:00Z',"
            "  '2026-01-05T08:00:00Z');"
            "INSERT INTO workforce_aturan (kunci, nilai, updated_by, updated_at)"
            " VALUES ('insentif_nominal', '750000', 'operator', '2026-02-01T09:30:00Z');"
            "UPDATE access_revocation SET generation = 3 WHERE id = 1;");
        ASSERT_TRUE(wrote) << wrote.error().describe(Lang::En);
    }

    fs::path const file = tmp.path / "pilar-0019.db";
    ASSERT_EQ(pilar({"backup", "--data", old_dir.string(), "--out", file.string()}), 0);
    fs::path const new_dir = tmp.path / "restored";
    ASSERT_EQ(pilar({"restore", file.string(), "--data", new_dir.string()}), 0);

    // The backup file keeps the schema it was made at; the restored database has this binary's.
    {
        auto backup = db::open_database(file.string(), db::OpenOptions{.read_only = true}).value();
        EXPECT_EQ(text(*backup, "SELECT CAST(max(version) AS TEXT) FROM schema_migrations"), "19");
    }
    auto restored = db::open_database((new_dir / "pilar.db").string()).value();
    auto const status = db::migration_status(*restored, builtin_migrations(restored->dialect()));
    ASSERT_TRUE(status) << status.error().describe(Lang::En);
    EXPECT_TRUE(status->pending.empty());
    EXPECT_EQ(status->current_version, status->latest_version);
    // The data written at 0019, carried across: the rules copied to the kota by 0020 (value, who,
    // when), the revocation counter keeping its value beside 0021's new column.
    EXPECT_EQ(text(*restored, "SELECT nilai || ' ' || updated_by || ' ' || updated_at FROM workforce_aturan_kota"
                              " WHERE kode_kota = '36.71' AND kunci = 'insentif_nominal'"),
              "750000 operator 2026-02-01T09:30:00Z");
    EXPECT_EQ(text(*restored, "SELECT CAST(generation AS TEXT) || '/' || CAST(last_revoked AS TEXT) FROM access_revocation"),
              "3/0");
    EXPECT_EQ(text(*restored, "SELECT group_concat(kode, ',') FROM (SELECT kode FROM wilayah ORDER BY kode)"), "36,36.71");
    // The restore is in the restored trail, after the backup's own entry in the source's.
    EXPECT_EQ(text(*restored, "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log ORDER BY seq)"),
              "db.restore");
}

}  // namespace
}  // namespace pilar::cli
