// A backup made at an older schema restores with this binary, migrated to the current schema with
// its data carried across by the migrations in between (docs/operations.md, "Restoring" and
// "Upgrading"). CI has no older binaries, so the older database is made the way one was: only the
// built-in migrations up to 0019 applied (released migrations never change: the runner refuses
// one whose text was edited), then rows written with SQL against schema 0019, as a binary of that
// time wrote them. Above 0019, 0020 moves data (the workforce rules, one set shared by every kota,
// copied to each kota), 0021 adds a column to the row 0019 made, 0022 adds a table, 0023 cleans
// ground-check answers in C++ (verivali/jawaban_cleanup.hpp), tested here from 0022, and 0024 cleans
// free text and the audit trail's copies (cli/free_text_cleanup.hpp), tested here from 0023.
// tests/api/upgrade.test.mjs does the same through the binary, one migration back
// (PILAR_TEST_LAST_MIGRATION, cli/migrations.cpp).
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "builtin_migrations.hpp"
#include "cli/cli.hpp"
#include "db/migrate.hpp"
#include "db/test_dir.hpp"
#include "access/audit.hpp"
#include "cli/free_text_cleanup.hpp"
#include "verivali/encode.hpp"
#include "verivali/jawaban_cleanup.hpp"

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

// A database as a binary whose last migration is `version` left it.
void migrate_until(db::Database& database, int version) {
    auto const all = builtin_migrations(database.dialect());
    auto const end = std::find_if(all.begin(), all.end(), [&](db::Migration const& m) { return m.version > version; });
    ASSERT_NE(end, all.end()) << "this binary should know migrations after " << version;
    auto applied = db::migrate(database, std::span<const db::Migration>(all.begin(), end));
    ASSERT_TRUE(applied) << applied.error().describe(Lang::En);
    ASSERT_EQ(applied->to_version, version);
}

constexpr int kOldSchema = 19;

// Kelurahan Sukarasa and the regions above it, as `pilar wilayah load` stores them.
constexpr std::string_view kSukarasa =
    "INSERT INTO wilayah (kode, nama, tingkat, jenis, induk, nama_cari, source, created_at, updated_at) VALUES"
    " ('36', 'BANTEN', 'provinsi', NULL, NULL, 'banten', 't', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'),"
    " ('36.71', 'KOTA TANGERANG', 'kota', 'kota', '36', 'kota tangerang', 't', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'),"
    " ('36.71.01', 'TANGERANG', 'kecamatan', NULL, '36.71', 'tangerang', 't', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'),"
    " ('36.71.01.1001', 'SUKARASA', 'kelurahan', 'kelurahan', '36.71.01', 'sukarasa', 't', '2026-01-05T08:00:00Z',"
    "  '2026-01-05T08:00:00Z');";

TEST(Upgrade, ABackupAtSchema0019RestoresMigratedWithItsData) {
    db::TestDir tmp;
    fs::path const old_dir = tmp.path / "old";
    fs::create_directories(old_dir);
    {
        auto database = db::open_database((old_dir / "pilar.db").string()).value();
        ASSERT_NO_FATAL_FAILURE(migrate_until(*database, kOldSchema));
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

// Ground-check answers saved before the write rules refused special fields and full numbers in them
// (a binary at 0022 stored them as sent): `pilar migrate` (0023) removes exactly those fields at any
// depth and masks a full NIK/No. KK typed into their text, keeps every other answer as it was, and
// writes one audit entry with the count; again, it changes nothing.
TEST(Upgrade, Migration0023CleansOldGroundCheckAnswersOnce) {
    db::TestDir tmp;
    fs::path const dir = tmp.path / "data";
    fs::create_directories(dir);
    // Answers as they were stored (not all of them normalised by boost::json, which older writers
    // did not always do): the clean ones must come out byte for byte.
    std::string const dirty_item =
        R"({"kondisi_rumah":"semi permanen","penghuni":[{"nama":"Ani","disabilitas_jenis":"netra","umur":40},)"
        R"({"nama":"Budi","rincian":{"penyakit_kronis":"diabetes","berobat":true}}],"nik":"3671011234560001","catatan":"KK 3671 0101 0120 0001 hilang"})";
    std::string const clean_item = R"({"atap": "genteng",  "lantai":"keramik", "nikah": "ya", "anak_nik": 2})";
    std::string const dirty_usulan = R"({"no_kk":"3671010101200001","disabilitas_tingkat":"berat","kesimpulan":"layak"})";
    std::string const number_only = R"({"catatan":"NIK kepala 3671011234560002","telepon":"0812-3456-7890","ktp":3671011234560003})";
    {
        auto database = db::open_database((dir / "pilar.db").string()).value();
        ASSERT_NO_FATAL_FAILURE(migrate_until(*database, 22));
        auto c = database->acquire().value();
        auto wrote = c->exec_script(
            std::string(kSukarasa) +
            "INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, alamat, created_at,"
            " updated_at, created_by, updated_by, row_hash) VALUES"
            " (1, 'enc', 'bi1', 'm', '36.71.01.1001', '36.71.01.1001.001', 'Jl. Mawar', 'x', 'x', 't', 't', 'h'),"
            " (2, 'enc', 'bi2', 'm', '36.71.01.1001', '36.71.01.1001.001', 'Jl. Melati', 'x', 'x', 't', 't', 'h'),"
            " (3, 'enc', 'bi3', 'm', '36.71.01.1001', '36.71.01.1001.002', 'Jl. Kenanga', 'x', 'x', 't', 't', 'h'),"
            " (4, 'enc', 'bi4', 'm', '36.71.01.1001', '36.71.01.1001.002', 'Jl. Dahlia', 'x', 'x', 't', 't', 'h');"
            "INSERT INTO daftar_periksa (id, nama, sumber, created_by, created_at) VALUES (1, 'Q2', 'filter', 'op', 'x');"
            "INSERT INTO usulan (id, jenis, keluarga_id, kode_wilayah, status, periksa_json, created_by, created_at, updated_at,"
            " version) VALUES (1, 'perubahan', 1, '36.71.01.1001.001', 'diverifikasi', '" + dirty_usulan + "', 'psm1',"
            " '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 4);");
        ASSERT_TRUE(wrote) << wrote.error().describe(Lang::En);
        for (auto [id, keluarga, jawaban] : {std::tuple{1, 1, std::optional(dirty_item)}, {2, 2, std::optional(clean_item)},
                                              {3, 3, std::optional<std::string>()}, {4, 4, std::optional(number_only)}})
            ASSERT_TRUE(c->execute("INSERT INTO daftar_periksa_item (id, daftar_id, keluarga_id, kode_wilayah, status, hasil,"
                                   " jawaban_json, checked_by, checked_at, version) VALUES (?, 1, ?, '36.71.01.1001.001',"
                                   " 'selesai', 1, ?, 'psm1', '2026-03-02T00:00:00Z', 3)",
                                   id, keluarga, jawaban));
    }

    ASSERT_EQ(pilar({"migrate", "--data", dir.string(), "--no-backup"}), 0);
    auto database = db::open_database((dir / "pilar.db").string()).value();
    auto const cleaned = [&] {
        return text(*database, "SELECT group_concat(j, ' | ') FROM (SELECT coalesce(jawaban_json, 'NULL') ||"
                               " ' v' || CAST(version AS TEXT) AS j FROM daftar_periksa_item ORDER BY id)") +
               " || " + text(*database, "SELECT periksa_json || ' v' || CAST(version AS TEXT) || ' ' || updated_at FROM usulan");
    };
    std::string const expected =
        R"({"kondisi_rumah":"semi permanen","penghuni":[{"nama":"Ani","umur":40},{"nama":"Budi","rincian":{"berobat":true}}],"catatan":"KK 3671 **** **** 0001 hilang"} v3)"
        " | " + clean_item + " v3 | NULL v3 | " R"({"catatan":"NIK kepala 3671********0002","telepon":"0812-3456-7890","ktp":"3671********0003"} v3 || )" R"({"kesimpulan":"layak"} v4 2026-03-02T00:00:00Z)";
    EXPECT_EQ(cleaned(), expected);
    auto const entries = [&] {
        return text(*database, "SELECT group_concat(e, ' | ') FROM (SELECT action || ' ' || actor_role || ' ' ||"
                               " coalesce(after_json, '-') || ' ' || (SELECT group_concat(kode) FROM audit_area a"
                               " WHERE a.seq = l.seq) AS e FROM audit_log l ORDER BY seq)");
    };
    EXPECT_EQ(entries(), R"(periksa.jawaban_bersihkan system {"item":2,"usulan":1} 36.71)");
    EXPECT_EQ(text(*database, "SELECT detail FROM audit_log").find("3671"), std::string::npos) << "no content";
    ASSERT_EQ(pilar({"audit", "verify", "--data", dir.string()}), 0);

    // Again: nothing pending, nothing changed, no second entry; the step itself finds nothing left.
    database.reset();
    ASSERT_EQ(pilar({"migrate", "--data", dir.string()}), 0);
    database = db::open_database((dir / "pilar.db").string()).value();
    EXPECT_EQ(cleaned(), expected);
    {
        auto c = database->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        auto again = verivali::clean_stored_jawaban(*c);
        ASSERT_TRUE(again) << again.error().describe(Lang::En);
        EXPECT_EQ(again->items + again->usulan, 0);
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(cleaned(), expected);
    EXPECT_EQ(entries(), R"(periksa.jawaban_bersihkan system {"item":2,"usulan":1} 36.71)");
}

// What a binary at 0023 left from before the write rules: a full NIK typed into notes and
// descriptions, a proposal's content with a NIK and a special field, and — in the audit trail,
// which 0023 did not touch — the same texts and a ground check's answers with special fields.
// The rows are written with SQL at schema 0023 as that binary stored them; the audit entries with
// access::append_audit and, for the ground check, verivali::item_audit_json: the very code that
// binary's services ran (only the refusal came later), so their chain is the one the office has.
// `pilar migrate` (0024) masks the numbers and removes the special fields everywhere, keeps what
// the ground check found, leaves other entries and other text alone, writes one audit entry with the
// counts and the kota, and verify passes; the step again changes nothing; an edit afterwards is
// reported.
TEST(Upgrade, Migration0024CleansOldFreeTextAndTheAuditTrailOnce) {
    db::TestDir tmp;
    fs::path const dir = tmp.path / "data";
    fs::create_directories(dir);
    std::string const dirty_isi = R"({"alasan_rinci":"pindah ke KK 3671.0101.2001.0002","anggota":[{"nama":"Ani","nik":"3671014507900002","penyakit_kronis":"tbc"}]})";
    {
        auto database = db::open_database((dir / "pilar.db").string()).value();
        ASSERT_NO_FATAL_FAILURE(migrate_until(*database, 23));
        auto c = database->acquire().value();
        auto wrote = c->exec_script(
            std::string(kSukarasa) +
            "INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, alamat, created_at,"
            " updated_at, created_by, updated_by, row_hash) VALUES"
            " (1, 'enc', 'bi1', 'm', '36.71.01.1001', '36.71.01.1001.001', 'Jl. Mawar, KK 3671010101200001', 'x', 'x', 't', 't', 'h');"
            "INSERT INTO usulan (id, jenis, keluarga_id, kode_wilayah, status, isi_json, catatan, created_by, created_at,"
            " updated_at, version) VALUES (1, 'perubahan', 1, '36.71.01.1001.001', 'dikembalikan', '" + dirty_isi + "',"
            " 'NIK 3671011234560001 salah ketik', 'psm1', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 3),"
            " (2, 'perubahan', 1, '36.71.01.1001.001', 'draft', '{\"alamat\":\"Jl. Mawar 2\"}', 'tanpa nomor', 'psm1', 'x', 'x', 1);"
            "INSERT INTO usulan_riwayat (usulan_id, dari, ke, at, username, role, catatan) VALUES"
            " (1, 'diajukan', 'dikembalikan', '2026-03-02T00:00:00Z', 'tksk1', 'tksk', 'NIK 3671011234560001 salah ketik');"
            "INSERT INTO acara (id, judul, jenis, deskripsi, tanggal_mulai, tanggal_selesai, tempat, kapasitas, penyelenggara,"
            " kode_wilayah, created_at, created_by, updated_at, updated_by) VALUES (1, 'Bimtek PSM', 'bimtek',"
            " 'Peserta: Budi (3671-0112-3456-0003)', '2026-04-01', '2026-04-02', 'Aula 36.71.01.1001.004.012', 30, 'Dinsos',"
            " '36.71', 'x', 'op', 'x', 'op');");
        ASSERT_TRUE(wrote) << wrote.error().describe(Lang::En);
        // The trail as those services wrote it.
        verivali::PeriksaItem before_check{.id = 5, .daftar_id = 1, .keluarga_id = 1, .kode_wilayah = "36.71.01.1001.001",
                                           .petugas = "psm1"};
        verivali::PeriksaItem checked = before_check;
        checked.status = "selesai";
        checked.hasil = 1;
        checked.jawaban_json = R"({"kondisi":"baik","penghuni":[{"nama":"Ani","disabilitas_jenis":"netra"}],"no_kk":"3671 0101 0120 0001"})";
        checked.version = 2;
        auto tx = c->begin(db::TxMode::Write).value();
        Actor psm;
        psm.user_id = 5;
        psm.username = "psm1";
        psm.role = Role::Psm;
        for (auto const& e : std::vector<access::AuditEvent>{
                 {.action = "usulan.kembalikan", .entity = "usulan", .entity_id = "1",
                  .before_json = R"({"status":"diajukan","catatan":null})",
                  .after_json = R"({"status":"dikembalikan","catatan":"NIK 3671011234560001 salah ketik","kode_wilayah":"36.71.01.1001.001"})",
                  .detail = "diajukan -> dikembalikan"},
                 {.action = "periksa.hasil", .entity = "periksa", .entity_id = "5",
                  .before_json = verivali::item_audit_json(before_check), .after_json = verivali::item_audit_json(checked),
                  .detail = "ditemukan"},
                 {.action = "lampiran.tambah", .entity = "lampiran", .entity_id = "9",
                  .after_json = R"({"sha256":"ab3671011234560001cd"})"},
                 {.action = "acara.buat", .entity = "acara", .entity_id = "1",
                  .after_json = R"j({"judul":"Bimtek PSM","deskripsi":"Peserta: Budi (3671-0112-3456-0003)","kode_wilayah":"36.71"})j"},
             })
            ASSERT_TRUE(access::append_audit(*c, psm, e));
        ASSERT_TRUE(tx.commit());
    }
    // Verified by this binary acting as the one at 0023 (it refuses a database with pending migrations).
    ::setenv("PILAR_TEST_LAST_MIGRATION", "23", 1);
    int const verified_before = pilar({"audit", "verify", "--data", dir.string()});
    ::unsetenv("PILAR_TEST_LAST_MIGRATION");
    ASSERT_EQ(verified_before, 0) << "the trail the office had";

    ASSERT_EQ(pilar({"migrate", "--data", dir.string(), "--no-backup"}), 0);
    auto database = db::open_database((dir / "pilar.db").string()).value();
    auto const tables = [&] {
        return text(*database, "SELECT isi_json || ' | ' || catatan FROM usulan WHERE id = 1") + " || " +
               text(*database, "SELECT isi_json || ' | ' || catatan FROM usulan WHERE id = 2") + " || " +
               text(*database, "SELECT catatan FROM usulan_riwayat") + " || " +
               text(*database, "SELECT deskripsi || ' | ' || tempat FROM acara") + " || " +
               text(*database, "SELECT alamat FROM keluarga");
    };
    std::string const expected_tables =
        R"({"alasan_rinci":"pindah ke KK 3671.****.****.0002","anggota":[{"nama":"Ani"}]} | NIK 3671********0001 salah ketik)"
        R"( || {"alamat":"Jl. Mawar 2"} | tanpa nomor || NIK 3671********0001 salah ketik)"
        " || Peserta: Budi (3671-****-****-0003) | Aula 36.71.01.1001.004.012"
        " || Jl. Mawar, KK 3671010101200001";  // the registry's own record: not this migration's (free_text_cleanup.hpp)
    EXPECT_EQ(tables(), expected_tables);
    auto const trail = [&] {
        return text(*database, "SELECT group_concat(e, ' | ') FROM (SELECT seq || ' ' || action || ' ' || coalesce(before_json, '-')"
                               " || ' ' || coalesce(after_json, '-') || ' ' || detail || ' ' || coalesce(redacted_by, '-') AS e"
                               " FROM audit_log WHERE action <> 'audit.bersihkan' ORDER BY seq)");
    };
    std::string const expected_trail =
        R"(1 usulan.kembalikan {"status":"diajukan","catatan":null} {"status":"dikembalikan","catatan":"NIK 3671********0001 salah ketik","kode_wilayah":"36.71.01.1001.001"} diajukan -> dikembalikan 5)"
        R"( | 2 periksa.hasil {"status":"belum","hasil":null,"jawaban":null,"version":1} {"status":"selesai","hasil":1,"jawaban":{"kondisi":"baik","penghuni":[{"nama":"Ani"}]},"version":2} ditemukan 5)"
        R"( | 3 lampiran.tambah - {"sha256":"ab3671011234560001cd"}  -)"
        R"j( | 4 acara.buat - {"judul":"Bimtek PSM","deskripsi":"Peserta: Budi (3671-****-****-0003)","kode_wilayah":"36.71"}  5)j";
    EXPECT_EQ(trail(), expected_trail);
    auto const entry = [&] {
        return text(*database, "SELECT group_concat(e, ' | ') FROM (SELECT seq || ' ' || actor_role || ' ' || entity_id || ' ' ||"
                               " after_json || ' ' || detail || ' ' || (SELECT group_concat(kode) FROM audit_area a"
                               " WHERE a.seq = l.seq) AS e FROM audit_log l WHERE action = 'audit.bersihkan')");
    };
    std::string const cleaned_entry = entry();
    EXPECT_TRUE(cleaned_entry.starts_with(R"(5 system 5 {"seq":[1,2,4],"payload_hash":[")")) << cleaned_entry;
    EXPECT_NE(cleaned_entry.find(R"("],"audit":{"acara.buat":1,"periksa.hasil":1,"usulan.kembalikan":1},)"
                                 R"("teks":{"acara.deskripsi":1,"usulan.catatan":1,"usulan.isi_json":1,"usulan_riwayat.catatan":1}})"
                                 " data khusus dan NIK/No. KK lengkap yang tersimpan sebelum aturan tulis dibersihkan: 3 entri audit,"
                                 " 4 baris teks bebas 36.71"),
              std::string::npos)
        << cleaned_entry;
    for (auto const* content : {"3456", "0120", "netra", "tbc", "Budi"})
        EXPECT_EQ(cleaned_entry.find(content), std::string::npos) << "no content: " << content;
    ASSERT_EQ(pilar({"audit", "verify", "--data", dir.string()}), 0);

    // Again: the step finds nothing left and writes no entry.
    {
        auto c = database->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        auto again = clean_free_text(*c);
        ASSERT_TRUE(again) << again.error().describe(Lang::En);
        EXPECT_TRUE(again->columns.empty());
        EXPECT_EQ(again->audit, 0);
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(tables(), expected_tables);
    EXPECT_EQ(trail(), expected_trail);
    EXPECT_EQ(entry(), cleaned_entry);
    ASSERT_EQ(pilar({"audit", "verify", "--data", dir.string()}), 0);

    // A cleaned entry changed by hand afterwards is reported, as any edit.
    {
        auto c = database->acquire().value();
        ASSERT_TRUE(c->execute("UPDATE audit_log SET detail = 'ditemukan lagi' WHERE seq = 2"));
    }
    database.reset();
    EXPECT_EQ(pilar({"audit", "verify", "--data", dir.string()}), 1);
}

}  // namespace
}  // namespace pilar::cli
