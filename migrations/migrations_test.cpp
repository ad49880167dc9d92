// Applies the real, embedded schema to a fresh SQLite database: catches a migration that does
// not parse, numbering gaps, and a schema that is not STRICT.
#include "builtin_migrations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

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

// The embedded migrations up to `version` (a database as an older binary left it).
std::span<const db::Migration> migrations_until(int version) {
    auto all = builtin_migrations(db::Dialect::Sqlite);
    auto end = std::find_if(all.begin(), all.end(), [&](auto const& m) { return m.version > version; });
    return all.subspan(0, static_cast<std::size_t>(end - all.begin()));
}

std::vector<std::string> rows(db::Connection& c, std::string const& sql) {
    auto stmt = c.prepare(sql).value();
    std::vector<std::string> out;
    while (stmt.step().value()) {
        std::string row;
        for (int i = 0; i < stmt.column_count(); ++i) row += (i ? "|" : "") + stmt.string(i);
        out.push_back(row);
    }
    return out;
}

// 0020: the workforce rules become per kota. A database with one shared set of rules keeps every
// value, who changed it and when, for each kota it holds; nothing else is invented.
TEST(BuiltinMigrations, SharedWorkforceRulesAreCopiedToEveryKota) {
    char tmpl[] = "/tmp/pilar-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(tmpl);
    {
        auto database = db::open_database((dir / "p.db").string()).value();
        ASSERT_TRUE(db::migrate(*database, migrations_until(19)));
        {
        auto c = database->acquire().value();
        for (auto const& [kode, tingkat, induk] : {std::tuple{"36", "provinsi", ""}, {"36.71", "kota", "36"}, {"36.72", "kota", "36"},
                                                  {"36.71.01", "kecamatan", "36.71"}})
            ASSERT_TRUE(c->execute("INSERT INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) "
                                   "VALUES (?, ?, ?, NULLIF(?, ''), ?, 'test', 't', 't')",
                                   kode, kode, tingkat, induk, kode));
        ASSERT_TRUE(c->execute("INSERT INTO workforce_aturan (kunci, nilai, updated_by, updated_at) VALUES "
                               "('insentif_nominal', '750000', 'operator', '2026-10-01T02:00:00Z'), "
                               "('bobot.kasus', '4.5', 'admin', '2026-10-02T03:00:00Z')"));
        }
        ASSERT_TRUE(db::migrate(*database, builtin_migrations(db::Dialect::Sqlite)));
        auto c = database->acquire().value();
        EXPECT_EQ(rows(*c, "SELECT kode_kota, kunci, nilai, updated_by, updated_at FROM workforce_aturan_kota ORDER BY 1, 2"),
                  (std::vector<std::string>{"36.71|bobot.kasus|4.5|admin|2026-10-02T03:00:00Z",
                                            "36.71|insentif_nominal|750000|operator|2026-10-01T02:00:00Z",
                                            "36.72|bobot.kasus|4.5|admin|2026-10-02T03:00:00Z",
                                            "36.72|insentif_nominal|750000|operator|2026-10-01T02:00:00Z"}));
    }
    std::filesystem::remove_all(dir);
}

// With no kota loaded yet there is nowhere to copy them: the old values are kept as they were.
TEST(BuiltinMigrations, SharedWorkforceRulesOfADatabaseWithoutKotaAreKept) {
    char tmpl[] = "/tmp/pilar-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(tmpl);
    {
        auto database = db::open_database((dir / "p.db").string()).value();
        ASSERT_TRUE(db::migrate(*database, migrations_until(19)));
        ASSERT_TRUE(database->acquire().value()->execute(
            "INSERT INTO workforce_aturan (kunci, nilai, updated_by, updated_at) VALUES ('usia_minimal', '21', 'operator', '2026-10-01T02:00:00Z')"));
        ASSERT_TRUE(db::migrate(*database, builtin_migrations(db::Dialect::Sqlite)));
        auto c = database->acquire().value();
        EXPECT_EQ(rows(*c, "SELECT count(*) FROM workforce_aturan_kota"), (std::vector<std::string>{"0"}));
        EXPECT_EQ(rows(*c, "SELECT kunci, nilai FROM workforce_aturan_bersama"), (std::vector<std::string>{"usia_minimal|21"}));
    }
    std::filesystem::remove_all(dir);
}

// 0025: an activity report's targets keep the order they were written in (SQLite's rowid, which
// PostgreSQL has not), numbered 1, 2, ... within each report.
TEST(BuiltinMigrations, ActivityTargetsAreNumberedInTheOrderTheyWereWritten) {
    char tmpl[] = "/tmp/pilar-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(tmpl);
    {
        auto database = db::open_database((dir / "p.db").string()).value();
        ASSERT_TRUE(db::migrate(*database, migrations_until(24)));
        {
            auto c = database->acquire().value();
            // The reports and households themselves do not matter here.
            ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = OFF"));
            ASSERT_TRUE(c->execute("INSERT INTO laporan_kegiatan_sasaran (laporan_id, keluarga_id, anggota_id) VALUES "
                                   "(8, 30, NULL), (7, 20, 201), (8, 10, NULL), (7, 40, NULL), (8, 20, 202)"));
            ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = ON"));
        }
        ASSERT_TRUE(db::migrate(*database, builtin_migrations(db::Dialect::Sqlite)));
        auto c = database->acquire().value();
        EXPECT_EQ(rows(*c, "SELECT laporan_id, urutan, keluarga_id FROM laporan_kegiatan_sasaran ORDER BY laporan_id, urutan"),
                  (std::vector<std::string>{"7|1|20", "7|2|40", "8|1|30", "8|2|10", "8|3|20"}));
    }
    std::filesystem::remove_all(dir);
}

// 0026: a household's member count is no longer stored (the registry counts it on read); the
// households keep every other column, their row hashes and versions.
TEST(BuiltinMigrations, HouseholdsKeepEverythingButTheStoredMemberCount) {
    char tmpl[] = "/tmp/pilar-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(tmpl);
    {
        auto database = db::open_database((dir / "p.db").string()).value();
        ASSERT_TRUE(db::migrate(*database, migrations_until(25)));
        std::string const kept = "SELECT id, no_kk_bi, kode_wilayah, alamat, status, version, row_hash FROM keluarga ORDER BY id";
        std::vector<std::string> before;
        {
            auto c = database->acquire().value();
            // The region does not matter here.
            ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = OFF"));
            ASSERT_TRUE(c->execute(
                "INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, alamat, jumlah_anggota, "
                "version, created_at, updated_at, created_by, updated_by, row_hash) VALUES "
                "(1, 'e1', 'b1', 'm1', '36.71.01.1001', '36.71.01.1001.004.002', 'Jl. Kenari 5', 3, 2, 't', 't', 'op', 'op', 'h1'), "
                "(2, 'e2', 'b2', 'm2', '36.71.01.1001', '36.71.01.1001.005', 'Jl. Melati 9', 0, 1, 't', 't', 'op', 'op', 'h2')"));
            ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = ON"));
            before = rows(*c, kept);
        }
        auto report = db::migrate(*database, builtin_migrations(db::Dialect::Sqlite));
        ASSERT_TRUE(report) << report.error().describe(Lang::En);
        auto c = database->acquire().value();
        EXPECT_EQ(rows(*c, "SELECT count(*) FROM pragma_table_info('keluarga') WHERE name = 'jumlah_anggota'"),
                  (std::vector<std::string>{"0"}));
        EXPECT_EQ(rows(*c, kept), before);
        EXPECT_EQ(rows(*c, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pilar
