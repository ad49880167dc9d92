#include "registry/import.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <utility>

#include "builtin_migrations.hpp"
#include "core/strings.hpp"
#include "db/migrate.hpp"
#include "http/request.hpp"
#include "registry/import_api.hpp"
#include "registry/service.hpp"
#include "registry/store.hpp"
#include "xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

namespace pilar::registry {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kKeluargaHeader = "no_kk,kode_wilayah,rw,rt,alamat,desil,aset";

// Household i has No. KK 36710120011500(10+i): serial 0000 is not a valid No. KK.
std::string keluarga_row(int i, std::string_view kel = "3671011001") {
    return fmt::format("36710120011500{:02d},{},004,002,Jl. Kenari No. {},{},tv;kulkas", i + 10, kel, i, 1 + i % 10);
}

// NIK 3671014507900001 + i: a woman born 5 July 1990 (day 45 = 5 + 40).
std::string anggota_row(int kk, int nik_serial, std::string_view nama = "Siti Aminah") {
    return fmt::format("36710145079{:05d},36710120011500{:02d},{},P,1990-07-05,istri_suami,9;24", nik_serial, kk + 10, nama);
}
constexpr std::string_view kAnggotaHeader = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,ppks";

class ImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-import-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        char const* src = std::getenv("PILAR_SOURCE_DIR");
        auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
        ASSERT_TRUE(data);
        m_wilayah = std::make_unique<wilayah::WilayahService>(*m_db);
        ASSERT_TRUE(m_wilayah->load_from_area_data(Actor::system("t"), "36.71", *data));
        m_keyring = std::make_unique<access::Keyring>(access::Keyring::parse(access::Keyring::generate_line(1), "t").value());
    }
    void TearDown() override {
        m_wilayah.reset();
        m_db.reset();
        fs::remove_all(m_dir);
    }
    std::int64_t count(std::string const& sql) {
        return m_db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1);
    }
    Result<ImportReport> import_text(ImportKind kind, std::string const& text, bool skip_invalid = false,
                                     Actor actor = Actor::system("t"), bool exclusive = false, int workers = 0,
                                     std::size_t batch_rows = 0, int cpu_threads = 0) {
        m_text = text;
        auto file = PILAR_TRY(open_import_file("upload.csv", "upload.csv", std::string_view(m_text)));
        ImportService svc(*m_db, *m_keyring, *m_wilayah);
        return svc.run(actor, *file.rows,
                       {.kind = kind, .skip_invalid = skip_invalid, .file_name = "upload.csv", .exclusive = exclusive,
                        .workers = workers, .batch_rows = batch_rows, .cpu_threads = cpu_threads});
    }
    // Each household's jumlah_anggota as the API reads it (store::get_keluarga: counted on read),
    // in id order, and their sum.
    std::vector<std::int64_t> member_counts() {
        auto c = m_db->acquire().value();
        std::vector<std::int64_t> ids, out;
        {
            auto s = c->prepare("SELECT id FROM keluarga ORDER BY id").value();
            while (s.step().value()) ids.push_back(s.integer(0));
        }
        for (auto id : ids) out.push_back(store::get_keluarga(*c, id).value().value().jumlah_anggota);
        return out;
    }
    std::int64_t members_present() {
        auto n = member_counts();
        return std::accumulate(n.begin(), n.end(), std::int64_t{0});
    }
    std::string journal_mode() { return m_db->acquire().value()->query_value<std::string>("PRAGMA journal_mode").value().value_or(""); }
    std::string households(int n) {
        std::string t = std::string(kKeluargaHeader) + "\n";
        for (int i = 0; i < n; ++i) t += keluarga_row(i) + "\n";
        return t;
    }
    // 300 members of households(6) mixing good rows with bad values, duplicate NIKs far apart
    // (other batches), a missing household, a short record (a reader error) and birth dates that
    // differ from the NIK (warnings).
    std::string mixed_members() {
        std::string a = std::string(kAnggotaHeader) + "\n";
        for (int i = 0; i < 300; ++i) {
            if (i % 37 == 5)
                a += fmt::format("36710145079{:05d},3671012001150010,Tanpa Tanggal,P,1990-13-05,istri_suami,\n", i + 1);
            else if (i % 53 == 7)
                a += anggota_row(i % 6, i / 2) + "\n";  // a NIK seen on an earlier row (serial i/2 was row i/2)
            else if (i % 61 == 9)
                a += anggota_row(9, i + 1) + "\n";  // no such household
            else if (i % 71 == 11)
                a += "3671014507900999,3671012001150010\n";  // two fields: the reader's error
            else if (i % 11 == 4)
                a += fmt::format("36710145079{:05d},36710120011500{:02d},Budi,L,1990-07-05,anak,\n", i + 1, i % 6 + 10);  // NIK says woman
            else
                a += anggota_row(i % 6, i + 1) + "\n";
        }
        return a;
    }

    fs::path m_dir;
    std::string m_text;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<wilayah::WilayahService> m_wilayah;
    std::unique_ptr<access::Keyring> m_keyring;
};

TEST_F(ImportTest, LoadsHouseholdsThenMembersAndRebuildsIndexes) {
    auto k = import_text(ImportKind::Keluarga, households(5));
    ASSERT_TRUE(k) << k.error().describe(Lang::En);
    EXPECT_TRUE(k->applied);
    EXPECT_EQ(k->baru, 5);
    std::string a = std::string(kAnggotaHeader) + "\n";
    for (int i = 0; i < 10; ++i) a += anggota_row(i % 5, i + 1) + "\n";
    auto m = import_text(ImportKind::Anggota, a);
    ASSERT_TRUE(m) << m.error().describe(Lang::En);
    EXPECT_EQ(m->baru, 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ppks WHERE sampai IS NULL"), 20);
    EXPECT_EQ(member_counts(), (std::vector<std::int64_t>{2, 2, 2, 2, 2}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'anggota'"), 5)
        << "the indexes dropped for the load are back";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('keluarga.import', 'anggota.import')"), 2)
        << "one audit entry per file";
    // The records read back through the service like any other.
    RegistryService reg(*m_db, *m_keyring, *m_wilayah);
    Actor op;
    op.username = "op";
    op.role = Role::Operator;
    op.scope = {WilayahCode::parse("36.71").value()};
    auto found = reg.list_anggota(op, {.nik = "3671014507900001"}).value();
    ASSERT_EQ(found.items.size(), 1u);
    auto full = reg.anggota(op, found.items[0].id, {.unmask = true}).value();
    EXPECT_EQ(*full.nik, "3671014507900001");
    EXPECT_EQ(full.ppks.size(), 2u);
}

// A load into an empty keluarga table suspends the dashboard's per-household insert trigger and
// adds the households' counts and map cells at the end: the dashboard must equal its recount, as
// the trigger row by row would have left it, and an upsert afterwards (row by row, trigger back)
// must agree too.
TEST_F(ImportTest, AFreshHouseholdLoadKeepsTheDashboardCountsAndMapLikeRowByRowWrites) {
    auto differs = [&](std::string_view cols, std::string_view table, std::string_view view) {
        return count(fmt::format("SELECT COUNT(*) FROM (SELECT {0} FROM {1} WHERE n <> 0 EXCEPT SELECT {0} FROM {2} WHERE n <> 0)",
                                 cols, table, view)) +
               count(fmt::format("SELECT COUNT(*) FROM (SELECT {0} FROM {2} WHERE n <> 0 EXCEPT SELECT {0} FROM {1} WHERE n <> 0)",
                                 cols, table, view));
    };
    auto with_place = [](int from, int to) {
        std::string t = std::string(kKeluargaHeader) + ",lat,lon\n";
        for (int i = from; i < to; ++i)
            t += keluarga_row(i, i % 2 ? "3671011001" : "3671011002") +
                 (i % 3 ? fmt::format(",-6.{:04d},106.{:04d}", 1700 + 7 * i, 6300 + 11 * i) : std::string(",,")) + "\n";
        return t;
    };
    auto first = import_text(ImportKind::Keluarga, with_place(0, 9));
    ASSERT_TRUE(first) << first.error().describe(Lang::En);
    EXPECT_EQ(first->baru, 9);
    EXPECT_EQ(differs("ukuran, kode, kunci, n", "dash_jumlah", "dash_jumlah_hitung"), 0) << "dash_jumlah equals its recount";
    EXPECT_EQ(differs("tingkat, kode, y, x, n, lat_e6, lon_e6", "dash_peta", "dash_peta_hitung"), 0) << "dash_peta equals its recount";
    EXPECT_EQ(count("SELECT SUM(n) FROM dash_jumlah WHERE ukuran = 'keluarga'"), 9);
    EXPECT_EQ(count("SELECT SUM(n) FROM dash_peta WHERE tingkat = 0"), 6) << "the six households with coordinates";
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'dash_keluarga_ins'"), 1)
        << "the suspended trigger is back";

    auto more = import_text(ImportKind::Keluarga, with_place(0, 14));  // nine the same, five new
    ASSERT_TRUE(more) << more.error().describe(Lang::En);
    EXPECT_EQ(more->baru, 5);
    EXPECT_EQ(more->sama, 9);
    EXPECT_EQ(differs("ukuran, kode, kunci, n", "dash_jumlah", "dash_jumlah_hitung"), 0);
    EXPECT_EQ(differs("tingkat, kode, y, x, n, lat_e6, lon_e6", "dash_peta", "dash_peta_hitung"), 0);
    EXPECT_EQ(count("SELECT SUM(n) FROM dash_jumlah WHERE ukuran = 'keluarga'"), 14);
}

// After a fresh member load each household reads as many members as it has present: 150
// households of 1-5 present members, some with members who moved away.
TEST_F(ImportTest, AFreshMemberLoadCountsTheMembersOfManyHouseholds) {
    std::string k = std::string(kKeluargaHeader) + "\n";
    for (int i = 0; i < 150; ++i)
        k += fmt::format("3671012001{:06d},3671011001,004,002,Jl. Kenari No. {},{},tv", 150001 + i, i, 1 + i % 10) + "\n";
    auto kr = import_text(ImportKind::Keluarga, k);
    ASSERT_TRUE(kr) << kr.error().describe(Lang::En);
    ASSERT_EQ(kr->baru, 150) << (kr->errors.empty() ? "" : kr->errors[0].message.en);
    // 130 households of one present member, 17 of three, one of five, two of four; every seventh
    // member has moved away.
    auto members_of = [](int i) { return i < 130 ? 1 : i < 147 ? 3 : i == 147 ? 5 : 4; };
    std::string a = std::string(kAnggotaHeader) + ",status_keberadaan\n";
    int serial = 1, present = 0;
    for (int i = 0; i < 150; ++i)
        for (int here_n = 0; here_n < members_of(i); ++serial) {
            bool const here = (serial % 7) != 0;
            here_n += here;
            present += here;
            a += fmt::format("36710145079{:05d},3671012001{:06d},Siti Aminah,P,1990-07-05,istri_suami,,{}", serial, 150001 + i,
                             here ? "ada" : "pindah") +
                 "\n";
        }
    auto r = import_text(ImportKind::Anggota, a);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    ASSERT_EQ(r->baru, serial - 1) << (r->errors.empty() ? "" : r->errors[0].message.en);
    std::vector<std::int64_t> expected;
    for (int i = 0; i < 150; ++i) expected.push_back(members_of(i));
    EXPECT_EQ(member_counts(), expected);
    EXPECT_EQ(members_present(), present);
}

// A fresh member load writes each batch's change-feed entries and PPKS rows right after its
// members: with the members of every household split over two far-apart runs of the file, small
// batches and a rejected row, the households' member counts, the feed, the PPKS rows and the
// dashboard must be what writing them after the last member gives.
TEST_F(ImportTest, AFreshMemberLoadWritesFeedPpksAndCountsBatchByBatchLikeAtTheEnd) {
    constexpr int kHouseholds = 2500;  // 4,642 runs of present members: more than 4,096
    std::string k = std::string(kKeluargaHeader) + "\n";
    for (int i = 0; i < kHouseholds; ++i)
        k += fmt::format("3671012001{:06d},3671011001,004,002,Jl. Kenari No. {},{},tv", 150001 + i, i, 1 + i % 10) + "\n";
    ASSERT_TRUE(import_text(ImportKind::Keluarga, k));
    std::string a = std::string(kAnggotaHeader) + ",status_keberadaan\n";
    int present = 0, ppks = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < kHouseholds; ++i) {
            bool const here = pass == 0 || i % 7 != 0;
            present += here;
            bool const with_ppks = pass == 0 && i % 5 == 0;
            ppks += with_ppks;
            a += fmt::format("36710145079{:05d},3671012001{:06d},Siti Aminah,P,1990-07-05,istri_suami,{},{}", 2 * i + pass + 1,
                             150001 + i, with_ppks ? "9" : "", here ? "ada" : "pindah") +
                 "\n";
            if (pass == 1 && i == 1000) a += "3671014507999999,3671012001150001,Salah Tanggal,P,1990-13-05,istri_suami,,ada\n";
        }
    auto r = import_text(ImportKind::Anggota, a, /*skip_invalid=*/true, Actor::system("t"), false, 2, /*batch_rows=*/100);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    ASSERT_EQ(r->baru, 2 * kHouseholds);
    EXPECT_EQ(r->ditolak, 1);
    std::vector<std::int64_t> expected;
    for (int i = 0; i < kHouseholds; ++i) expected.push_back(i % 7 != 0 ? 2 : 1);  // the second run's moved away
    EXPECT_EQ(member_counts(), expected);
    EXPECT_EQ(members_present(), present);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah"), 2 * kHouseholds);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah u JOIN anggota a ON a.id = u.anggota_id WHERE u.seq = a.id"), 2 * kHouseholds)
        << "one feed entry per member, numbered in id order";
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ppks"), ppks);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ppks p JOIN anggota_ppks q ON q.id < p.id AND q.anggota_id > p.anggota_id"), 0)
        << "PPKS rows numbered in member order";
    EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT ukuran, kode, kunci, n FROM dash_jumlah WHERE n <> 0 EXCEPT "
                    "SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung WHERE n <> 0)") +
                  count("SELECT COUNT(*) FROM (SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung WHERE n <> 0 EXCEPT "
                        "SELECT ukuran, kode, kunci, n FROM dash_jumlah WHERE n <> 0)"),
              0);
}

// A load into an empty anggota table does per file what row-by-row writes do per row (the
// dashboard's insert triggers are suspended, the change feed and the PPKS rows are written after
// the members): the result must be the same as the triggers and the feed would have made it, and
// an upsert into the non-empty registry afterwards (row by row again) must agree too.
TEST_F(ImportTest, AFreshLoadKeepsDashboardCountsChangeFeedAndMemberCountsLikeRowByRowWrites) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(5)));
    auto dashboard_differs = [&] {
        return count("SELECT COUNT(*) FROM (SELECT ukuran, kode, kunci, n FROM dash_jumlah WHERE n <> 0 EXCEPT "
                     "SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung WHERE n <> 0)") +
               count("SELECT COUNT(*) FROM (SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung WHERE n <> 0 EXCEPT "
                     "SELECT ukuran, kode, kunci, n FROM dash_jumlah WHERE n <> 0)");
    };
    std::string a = std::string(kAnggotaHeader) + ",status_keberadaan\n";
    for (int i = 0; i < 10; ++i) a += anggota_row(i % 5, i + 1) + (i == 3 ? ",meninggal" : ",ada") + "\n";
    auto m = import_text(ImportKind::Anggota, a);
    ASSERT_TRUE(m) << m.error().describe(Lang::En);
    EXPECT_EQ(m->baru, 10);
    EXPECT_EQ(dashboard_differs(), 0) << "dash_jumlah equals its recount";
    EXPECT_EQ(count("SELECT n FROM dash_jumlah WHERE ukuran = 'jiwa' AND kode = '36.71.01.1001'"), 9);
    EXPECT_EQ(count("SELECT SUM(n) FROM dash_jumlah WHERE ukuran = 'ppks'"), 20);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('dash_anggota_ins', 'dash_ppks_ins')"),
              2)
        << "the suspended triggers are back";
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah u JOIN anggota a ON a.id = u.anggota_id"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah u JOIN anggota a ON a.id = u.anggota_id WHERE u.seq = a.id"), 10)
        << "one feed entry per member, in id order";
    EXPECT_EQ(member_counts(), (std::vector<std::int64_t>{2, 2, 2, 1, 2})) << "the member who died is not counted";

    // Upsert into the now non-empty table: two new members, one changed (moved away), the rest the same.
    std::string b = std::string(kAnggotaHeader) + ",status_keberadaan\n";
    for (int i = 0; i < 12; ++i) b += anggota_row(i % 5, i + 1) + (i == 3 || i == 5 ? ",pindah" : ",ada") + "\n";
    auto u = import_text(ImportKind::Anggota, b);
    ASSERT_TRUE(u) << u.error().describe(Lang::En);
    EXPECT_EQ(u->baru, 2);
    EXPECT_EQ(u->berubah, 2);
    EXPECT_EQ(u->sama, 8);
    EXPECT_EQ(dashboard_differs(), 0);
    EXPECT_EQ(count("SELECT n FROM dash_jumlah WHERE ukuran = 'jiwa' AND kode = '36.71.01.1001'"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah"), 14) << "10 + 2 new + 2 changed";
    EXPECT_EQ(count("SELECT COUNT(DISTINCT anggota_id) FROM anggota_ubah"), 12);
    EXPECT_EQ(member_counts(), (std::vector<std::int64_t>{2, 3, 2, 1, 2})) << "two new, one moved away";
}

// A fresh load keeps the indexes whose key follows the file's order (members by household, by
// region) in place and drops each at the first row out of that order, to be rebuilt with the
// others at the end: either way every index ends up complete (integrity_check compares each
// index with the table) and look-ups through each find the right members. 1,000 members also
// take the file's duplicate-NIK table through its growth.
TEST_F(ImportTest, AFreshLoadKeepsInOrderIndexesLiveAndRebuildsThemWhenTheFileIsOutOfOrder) {
    std::string k = std::string(kKeluargaHeader) + "\n";
    for (int i = 0; i < 4; ++i) k += keluarga_row(i, i < 2 ? "3671011001" : "3671011002") + "\n";
    ASSERT_TRUE(import_text(ImportKind::Keluarga, k));  // households 1-2 in kelurahan 1001, 3-4 in 1002
    auto load = [&](std::vector<int> const& kks, std::string const& what) {
        SCOPED_TRACE(what);
        std::string a = std::string(kAnggotaHeader) + "\n";
        for (std::size_t i = 0; i < kks.size(); ++i) a += anggota_row(kks[i], static_cast<int>(i) + 1) + "\n";
        auto m = import_text(ImportKind::Anggota, a);
        ASSERT_TRUE(m) << m.error().describe(Lang::En);
        EXPECT_EQ(m->baru, static_cast<long long>(kks.size()));
        auto c = m_db->acquire().value();
        EXPECT_EQ(c->query_value<std::string>("PRAGMA integrity_check").value().value_or(""), "ok");
        EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('anggota', 'anggota_ppks') "
                        "AND sql IS NOT NULL"),
                  7);
        for (int h = 0; h < 4; ++h)
            EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM anggota INDEXED BY anggota_by_keluarga WHERE keluarga_id = {}", h + 1)),
                      std::count(kks.begin(), kks.end(), h));
        EXPECT_EQ(count("SELECT COUNT(*) FROM anggota INDEXED BY anggota_by_wilayah "
                        "WHERE kode_wilayah >= '36.71.01.1002' AND kode_wilayah < '36.71.01.1003'"),
                  std::count_if(kks.begin(), kks.end(), [](int h) { return h >= 2; }));
        EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ppks INDEXED BY anggota_ppks_by_anggota WHERE anggota_id > 0"),
                  2 * static_cast<std::int64_t>(kks.size()));
        EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah u JOIN anggota a ON a.id = u.anggota_id WHERE u.seq = a.id"),
                  static_cast<std::int64_t>(kks.size()))
            << "one feed entry per member, in id order";
        std::vector<std::int64_t> expected;
        for (int h = 0; h < 4; ++h) expected.push_back(std::count(kks.begin(), kks.end(), h));
        EXPECT_EQ(member_counts(), expected);
    };
    auto empty = [&] {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->exec_script("DELETE FROM anggota_ppks; DELETE FROM anggota_ubah; DELETE FROM anggota"));
    };
    std::vector<int> in_order;
    for (int h = 0; h < 4; ++h) in_order.insert(in_order.end(), 250, h);
    load(in_order, "households and regions in file order: both indexes kept");
    empty();
    load({3, 3, 2, 1, 0, 0}, "both out of order: both rebuilt");
    empty();
    load({0, 1, 1, 0, 2, 3}, "households out of order, regions in order: one rebuilt");

    // The duplicate check still names the first row after its table has grown.
    empty();
    std::string a = std::string(kAnggotaHeader) + "\n";
    for (int i = 0; i < 1000; ++i) a += anggota_row(i / 250, i + 1) + "\n";
    a += anggota_row(3, 7) + "\n";
    auto r = import_text(ImportKind::Anggota, a).value();
    EXPECT_FALSE(r.applied);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row, 1002);
    EXPECT_NE(r.errors[0].message.en.find("row 8"), std::string::npos) << r.errors[0].message.en;
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), 0);
}

// The index rebuild after a load sorts with a small cache of its own (faster than the load's):
// the connection gets the caller's cache size back, also when a definition fails, and the
// indexes are whole again.
TEST_F(ImportTest, AnIndexRebuildPutsTheCallersCacheSizeBack) {
    auto c = m_db->acquire().value();
    ASSERT_TRUE(c->exec_script("PRAGMA cache_size = -12345"));
    auto cache = [&] { return c->query_value<std::int64_t>("PRAGMA cache_size").value().value_or(0); };
    {
        auto tx = c->begin(db::TxMode::Write).value();
        auto defs = store::suspend_indexes(*c, "anggota").value();
        ASSERT_EQ(defs.size(), 5u);
        ASSERT_TRUE(store::restore_indexes(*c, defs));
        EXPECT_EQ(cache(), -12345);
        EXPECT_FALSE(store::restore_indexes(*c, {"CREATE INDEX broken ON no_such_table (x)"}));
        EXPECT_EQ(cache(), -12345);
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'anggota'")
                  .value()
                  .value_or(0),
              5);
    EXPECT_EQ(c->query_value<std::string>("PRAGMA integrity_check").value().value_or(""), "ok");
}

// A bulk insert's rows keep the keys they were given: numbered by SQLite when they carry on the
// table's numbering (the import's case), bound as given when they do not; 40 entries go through
// the 32-row statement and the one-row one.
TEST_F(ImportTest, ABulkInsertGivesEachRowTheKeyItWasGivenWhetherOrNotItCarriesOnTheTablesNumbering) {
    auto c = m_db->acquire().value();
    auto feed = [&] {
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        auto s = c->prepare("SELECT seq, anggota_id FROM anggota_ubah ORDER BY seq").value();
        while (s.step().value()) out.emplace_back(s.integer(0), s.integer(1));
        return out;
    };
    auto tx = c->begin(db::TxMode::Write).value();
    std::vector<std::int64_t> const first{5, 6, 7};
    EXPECT_EQ(store::log_changes(*c, 0, first).value(), 3);
    std::vector<std::int64_t> const gap{8, 9};
    EXPECT_EQ(store::log_changes(*c, 10, gap).value(), 12);  // after a gap: 11, 12 as given
    std::vector<std::int64_t> many;
    for (std::int64_t id = 100; id < 140; ++id) many.push_back(id);
    EXPECT_EQ(store::log_changes(*c, 12, many).value(), 52);
    std::vector<std::pair<std::int64_t, std::int64_t>> expected{{1, 5}, {2, 6}, {3, 7}, {11, 8}, {12, 9}};
    for (std::int64_t k = 0; k < 40; ++k) expected.emplace_back(13 + k, 100 + k);
    EXPECT_EQ(feed(), expected);
    ASSERT_TRUE(tx.commit());
}

TEST_F(ImportTest, SecondImportOfTheSameFileChangesNothingAndAChangedRowIsAnUpdate) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(3)));
    auto again = import_text(ImportKind::Keluarga, households(3)).value();
    EXPECT_EQ(again.sama, 3);
    EXPECT_EQ(again.baru, 0);
    std::string changed = std::string(kKeluargaHeader) + "\n" + keluarga_row(0) + "\n" +
                          std::string("3671012001150011,3671011001,005,001,Jl. Baru 1,2,tv\n") + keluarga_row(2) + "\n" +
                          keluarga_row(3) + "\n";
    auto r = import_text(ImportKind::Keluarga, changed).value();
    EXPECT_EQ(r.sama, 2);
    EXPECT_EQ(r.berubah, 1);
    EXPECT_EQ(r.baru, 1);
    EXPECT_EQ(count("SELECT version FROM keluarga WHERE alamat = 'Jl. Baru 1'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'keluarga.update' AND before_json LIKE '%Kenari%' "
                    "AND after_json LIKE '%Jl. Baru 1%'"),
              1)
        << "a changed row keeps before and after";
}

// An upsert that adds a member to a household and then changes another member of it: each
// member counts once.
TEST_F(ImportTest, AnUpsertAddingAndChangingMembersOfOneHouseholdCountsEachMemberOnce) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(2)));
    std::string const head = std::string(kAnggotaHeader) + "\n";
    ASSERT_TRUE(import_text(ImportKind::Anggota, head + anggota_row(0, 1) + "\n" + anggota_row(0, 2) + "\n" +
                                                     anggota_row(1, 3) + "\n"));
    EXPECT_EQ(member_counts(), (std::vector<std::int64_t>{2, 1}));
    // Household 0 gains serial 4 and then serial 2 changes its name; household 1 first changes
    // serial 3, then gains serial 5.
    auto r = import_text(ImportKind::Anggota, head + anggota_row(0, 1) + "\n" + anggota_row(0, 4) + "\n" +
                                                  anggota_row(0, 2, "Siti Aminah Rahayu") + "\n" +
                                                  anggota_row(1, 3, "Siti Rahmah") + "\n" + anggota_row(1, 5) + "\n");
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->baru, 2);
    EXPECT_EQ(r->berubah, 2);
    EXPECT_EQ(r->sama, 1);
    EXPECT_EQ(member_counts(), (std::vector<std::int64_t>{3, 2}));
}

TEST_F(ImportTest, AllOrNothingByDefaultWithEveryBadRowReported) {
    std::string t = std::string(kKeluargaHeader) + "\n";
    for (int i = 0; i < 20; ++i) t += (i % 10 == 3 ? fmt::format("12345,3671011001,004,002,Jl. X,1,\n") : keluarga_row(i) + "\n");
    auto r = import_text(ImportKind::Keluarga, t).value();
    EXPECT_FALSE(r.applied);
    EXPECT_EQ(r.errors_total, 2);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row, 5) << "row numbers count the header as row 1";
    EXPECT_EQ(r.errors[0].column, "no_kk");
    EXPECT_EQ(r.errors[1].row, 15);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 0) << "nothing half-applied";
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'keluarga'"), 3);

    auto skip = import_text(ImportKind::Keluarga, t, true).value();
    EXPECT_TRUE(skip.applied);
    EXPECT_EQ(skip.baru, 18);
    EXPECT_EQ(skip.ditolak, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 18);
}

TEST_F(ImportTest, BadHeadersStopBeforeAnyRow) {
    struct Case {
        std::string text;
        std::string field;
    } const cases[] = {
        {"no_kk,kode_wilayah,rw,rt,alamat,warna\n" + keluarga_row(1) + "\n", "warna"},        // unknown column
        {"no_kk,rw,rt,alamat\n3671012001150001,004,002,Jl\n", "kode_wilayah"},                 // missing required
    };
    for (auto const& c : cases) {
        auto r = import_text(ImportKind::Keluarga, c.text);
        ASSERT_FALSE(r) << c.text;
        EXPECT_EQ(r.error().field, c.field);
        EXPECT_EQ(r.error().row, 1);
    }
    auto dup = import_text(ImportKind::Keluarga, "no_kk,no_kk,kode_wilayah,alamat\n1,1,3671011001,x\n");
    ASSERT_FALSE(dup);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 0);
}

TEST_F(ImportTest, EncodingsLineEndsQuotingAndTruncation) {
    // BOM + CRLF + a quoted line break inside an address: all fine.
    std::string ok = "\xEF\xBB\xBF" + std::string(kKeluargaHeader) + "\r\n" +
                     "3671012001150001,3671011001,4,2,\"Jl. Kenari 5\r\nGang Mawar\",3,\r\n" + keluarga_row(2);  // no final newline
    auto r = import_text(ImportKind::Keluarga, ok);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->baru, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga WHERE alamat = 'Jl. Kenari 5 Gang Mawar'"), 1);

    // Latin-1 (é as one byte 0xE9): the whole file is refused, naming the row.
    std::string latin1 = std::string(kKeluargaHeader) + "\n" + keluarga_row(10) + "\n" +
                         "3671012001150011,3671011001,4,2,Jl. Caf\xE9,3,\n";
    auto bad = import_text(ImportKind::Keluarga, latin1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().row, 3);
    EXPECT_NE(bad.error().message.en.find("UTF-8"), std::string::npos);

    // A last line cut off inside a quote.
    auto cut = import_text(ImportKind::Keluarga, std::string(kKeluargaHeader) + "\n" + keluarga_row(20) +
                                                     "\n3671012001150021,3671011001,4,2,\"Jl. Panj");
    ASSERT_FALSE(cut);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 2) << "only the first good import is there";

    // A row with a missing field is a row error, the others are checked too.
    auto short_row = import_text(ImportKind::Keluarga, std::string(kKeluargaHeader) + "\n3671012001150031,3671011001\n" +
                                                           keluarga_row(32) + "\n");
    ASSERT_TRUE(short_row);
    EXPECT_FALSE(short_row->applied);
    EXPECT_EQ(short_row->errors_total, 1);
    EXPECT_EQ(short_row->errors[0].row, 2);
}

TEST_F(ImportTest, MembersNeedTheirHouseholdAndUniqueNiks) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(2)));
    std::string a = std::string(kAnggotaHeader) + "\n" + anggota_row(0, 1) + "\n" + anggota_row(1, 1, "Orang Lain") + "\n" +
                    anggota_row(7, 2) + "\n" + anggota_row(1, 3) + "\n";
    auto r = import_text(ImportKind::Anggota, a).value();
    EXPECT_FALSE(r.applied);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row, 3);
    EXPECT_EQ(r.errors[0].column, "nik");
    EXPECT_NE(r.errors[0].message.en.find("row 2"), std::string::npos) << r.errors[0].message.en;
    EXPECT_EQ(r.errors[0].value, "3671********0001") << "identity numbers are masked in the report";
    EXPECT_EQ(r.errors[1].row, 4);
    EXPECT_EQ(r.errors[1].column, "no_kk");
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota_ubah"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('dash_anggota_ins', 'dash_ppks_ins')"),
              2)
        << "a refused load rolls back the suspension of the triggers too";
}

// The worker pool checks and seals batches of rows in parallel, but what depends on earlier rows
// is decided in file order: the same file gives the same report (every error, in the same order,
// a duplicate naming the first row), the same counts and the same rows with the same ids,
// whatever the number of workers and the batch size. The file mixes good rows with bad values,
// duplicate NIKs far apart (other batches), a missing household, a short record (a reader
// error) and birth dates that differ from the NIK (warnings). Also when the workers may not all
// compute at once (ImportOptions::cpu_threads: one fewer than the hardware threads while the
// writer writes), down to none.
TEST_F(ImportTest, TheWorkerPoolGivesTheSameReportAndRowsWhateverItsSizeAndBatches) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(6)));
    std::string const a = mixed_members();
    auto members = [&] {
        std::string out;
        auto c = m_db->acquire().value();
        auto s = c->prepare("SELECT id, keluarga_id, nik_bi, nama, row_hash FROM anggota ORDER BY id").value();
        while (s.step().value()) out += fmt::format("{}|{}|{}|{}|{}\n", s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4));
        return out;
    };
    auto empty = [&] {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->exec_script("DELETE FROM anggota_ppks; DELETE FROM anggota_ubah; DELETE FROM anggota"));
    };
    auto describe = [](ImportReport const& r) {
        std::string out = fmt::format("rows {} baru {} ditolak {} warnings {} errors {}\n", r.rows, r.baru, r.ditolak, r.warnings,
                                      r.errors_total);
        for (auto const& e : r.errors) out += fmt::format("{}|{}|{}|{}\n", e.row, e.column, e.value, e.message.en);
        return out;
    };
    std::string first_report, first_rows, first_refusal;
    std::vector<std::int64_t> first_counts;
    // cpu_threads 1: no worker computes while the writer writes; 2: one at a time.
    for (auto [workers, batch, cpus] : {std::tuple{1, std::size_t{1024}, 0}, {2, 1, 0}, {3, 7, 0}, {4, 64, 0}, {4, 5, 1}, {3, 3, 2}}) {
        SCOPED_TRACE(fmt::format("{} workers, batches of {}, {} hardware threads", workers, batch, cpus));
        auto refused = import_text(ImportKind::Anggota, a, false, Actor::system("t"), false, workers, batch, cpus);
        ASSERT_TRUE(refused) << refused.error().describe(Lang::En);
        EXPECT_FALSE(refused->applied);
        auto r = import_text(ImportKind::Anggota, a, true, Actor::system("t"), false, workers, batch, cpus);
        ASSERT_TRUE(r) << r.error().describe(Lang::En);
        EXPECT_TRUE(r->applied);
        if (first_report.empty()) {
            first_report = describe(*r);
            first_rows = members();
            first_refusal = describe(*refused);
            first_counts = member_counts();
            EXPECT_EQ(members_present(), r->baru) << "every member loaded is present";
            EXPECT_GT(r->warnings, 0);
            EXPECT_GE(r->errors_total, 20);
            EXPECT_EQ(r->baru + r->ditolak, 300);
            EXPECT_NE(first_report.find("NIK already appears on row"), std::string::npos);
            EXPECT_NE(first_report.find("no household with this No. KK"), std::string::npos);
            EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), r->baru);
        } else {
            EXPECT_EQ(describe(*r), first_report);
            EXPECT_EQ(members(), first_rows);
            EXPECT_EQ(describe(*refused), first_refusal);
            EXPECT_EQ(member_counts(), first_counts);
        }
        empty();
    }
}

// Constant memory (ImportOptions::keys_in_memory, households_in_memory): with tiny bounds the
// duplicate check goes to sorted runs on disk after the first few numbers, the households are
// looked up in a sorted file, and the PPKS rows are written out in pieces; the report (every
// error, in order, each duplicate naming its first row), the households' member counts and every
// row must be exactly those of the unbounded import.
// A file whose later rows repeat each other is read a second time (reopen); one whose repeats
// all repeat a number still in memory, or that has none, is read once.
TEST_F(ImportTest, BoundedMemoryGivesTheSameReportAndRowsAsAnUnboundedImport) {
    ASSERT_TRUE(import_text(ImportKind::Keluarga, households(6)));
    std::string const a = mixed_members();
    std::string clean = std::string(kAnggotaHeader) + "\n";  // no repeats, no errors
    for (int i = 0; i < 200; ++i) clean += anggota_row(i % 6, i + 1) + "\n";
    std::string early = clean;  // its only repeat repeats a number the table holds
    early += anggota_row(2, 3) + "\n";

    int reopened = 0;
    auto run = [&](std::string const& text, bool skip_invalid, std::size_t bound) -> Result<ImportReport> {
        m_text = text;
        auto file = PILAR_TRY(open_import_file("upload.csv", "upload.csv", std::string_view(m_text)));
        ImportOptions opt{.kind = ImportKind::Anggota, .skip_invalid = skip_invalid, .file_name = "upload.csv", .workers = 2,
                          .batch_rows = 16};
        if (bound > 0) {
            opt.reopen = [&]() -> Result<ImportFile> {
                ++reopened;
                return open_import_file("upload.csv", "upload.csv", std::string_view(m_text));
            };
            opt.temp_dir = (m_dir / "tmp").string();
            opt.keys_in_memory = bound;
            opt.households_in_memory = bound > 4 ? 4 : 1;  // 6 households: the rest in a file
        }
        ImportService svc(*m_db, *m_keyring, *m_wilayah);
        return svc.run(Actor::system("t"), *file.rows, opt);
    };
    auto snapshot = [&] {
        std::string out = "members present per household:";
        for (auto n : member_counts()) out += fmt::format(" {}", n);
        out += "\n";
        auto c = m_db->acquire().value();
        for (std::string_view sql :
             {"SELECT id, keluarga_id, nik_bi, nama, row_hash, version FROM anggota ORDER BY id",
              "SELECT id, anggota_id, ppks, kode_wilayah FROM anggota_ppks ORDER BY id", "SELECT seq, anggota_id FROM anggota_ubah ORDER BY seq",
              "SELECT ukuran, kode, kunci, n FROM dash_jumlah ORDER BY 1, 2, 3"}) {
            auto s = c->prepare(sql).value();
            while (s.step().value()) {
                for (int i = 0; i < s.column_count(); ++i) (out += s.text(i)) += '|';
                out += "\n";
            }
        }
        return out;
    };
    auto describe = [](ImportReport const& r) {
        std::string out = fmt::format("applied {} rows {} baru {} berubah {} sama {} ditolak {} warnings {} errors {}\n", r.applied,
                                      r.rows, r.baru, r.berubah, r.sama, r.ditolak, r.warnings, r.errors_total);
        for (auto const& e : r.errors) out += fmt::format("{}|{}|{}|{}\n", e.row, e.column, e.value, e.message.en);
        return out;
    };
    auto empty = [&] {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->exec_script("DELETE FROM anggota_ppks; DELETE FROM anggota_ubah; DELETE FROM anggota; "
                                   "DELETE FROM dash_jumlah WHERE ukuran IN ('jiwa', 'ppks')"));
    };
    // One case: the file loaded into an empty table (refused, then with --skip-invalid) and loaded
    // again on top of itself (matching by NIK), unbounded and bounded.
    auto outcome = [&](std::string const& text, std::size_t bound) {
        std::string out;
        auto refused = run(text, false, bound);
        EXPECT_TRUE(refused) << refused.error().describe(Lang::En);
        if (!refused) return out;
        out += describe(*refused) + snapshot();
        for (int round = 0; round < 2; ++round) {
            auto r = run(text, true, bound);
            EXPECT_TRUE(r) << r.error().describe(Lang::En);
            if (!r) return out;
            out += describe(*r) + snapshot();
        }
        empty();
        return out;
    };
    for (std::size_t bound : {1, 4, 10}) {
        SCOPED_TRACE(fmt::format("{} numbers in memory", bound));
        std::string const unbounded = outcome(a, 0);
        EXPECT_NE(unbounded.find("NIK already appears on row"), std::string::npos);
        reopened = 0;
        EXPECT_EQ(outcome(a, bound), unbounded);
        EXPECT_EQ(reopened, 3) << "each of the three imports found repeats beyond the table and read the file again";

        std::string const clean_unbounded = outcome(clean, 0);
        reopened = 0;
        EXPECT_EQ(outcome(clean, bound), clean_unbounded);
        EXPECT_EQ(reopened, 0);
    }
    std::string const early_unbounded = outcome(early, 0);
    reopened = 0;
    EXPECT_EQ(outcome(early, 10), early_unbounded);
    EXPECT_EQ(reopened, 0) << "a repeat of a number in memory is named at once";
    EXPECT_NE(early_unbounded.find("NIK already appears on row 4 of this file"), std::string::npos);
    EXPECT_FALSE(fs::exists(m_dir / "tmp") && !fs::is_empty(m_dir / "tmp")) << "temporary runs are never left behind";
}

// The CLI's load (ImportOptions::exclusive) runs in SQLite's rollback-journal mode when nobody
// else has the file open, and gives the file back in WAL mode whatever the outcome: applied,
// refused (all-or-nothing) or applied row by row into a non-empty table. The kelurahan check,
// which reads the region table, runs on the load's own connection (another one would wait on
// the load's lock).
TEST_F(ImportTest, AnExclusiveLoadRunsInRollbackJournalModeAndPutsWalBack) {
    ASSERT_EQ(journal_mode(), "wal");
    std::string bad = households(3);
    bad += "3671012001150099,36.71.01.1099,004,002,Jl. Kenari No. 99,1,tv\n";
    auto refused = import_text(ImportKind::Keluarga, bad, false, Actor::system("t"), true);
    ASSERT_TRUE(refused) << refused.error().describe(Lang::En);
    EXPECT_FALSE(refused->applied);
    ASSERT_EQ(refused->errors.size(), 1u);
    EXPECT_EQ(refused->errors[0].column, "kode_wilayah");
    EXPECT_EQ(refused->errors[0].message.en, "kelurahan/desa 36.71.01.1099 is not in the region data");
    EXPECT_EQ(journal_mode(), "wal");
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 0);

    auto k = import_text(ImportKind::Keluarga, households(5), false, Actor::system("t"), true);
    ASSERT_TRUE(k) << k.error().describe(Lang::En);
    EXPECT_TRUE(k->applied);
    EXPECT_TRUE(k->rollback_journal);
    EXPECT_EQ(journal_mode(), "wal");
    std::string a = std::string(kAnggotaHeader) + "\n";
    for (int i = 0; i < 10; ++i) a += anggota_row(i % 5, i + 1) + "\n";
    auto m = import_text(ImportKind::Anggota, a, false, Actor::system("t"), true);
    ASSERT_TRUE(m) << m.error().describe(Lang::En);
    EXPECT_TRUE(m->rollback_journal);
    EXPECT_EQ(m->baru, 10);
    a += anggota_row(0, 11) + "\n";
    auto again = import_text(ImportKind::Anggota, a, false, Actor::system("t"), true);
    ASSERT_TRUE(again) << again.error().describe(Lang::En);
    EXPECT_TRUE(again->rollback_journal);
    EXPECT_EQ(again->baru, 1);
    EXPECT_EQ(again->sama, 10);
    EXPECT_EQ(journal_mode(), "wal");
    EXPECT_FALSE(fs::exists(m_dir / "p.db-journal"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), 11);
    EXPECT_EQ(m_db->acquire().value()->query_value<std::string>("PRAGMA integrity_check").value().value_or(""), "ok");
    // The load's exclusive lock is gone: another process (here another connection) reads and writes.
    auto other = db::open_database((m_dir / "p.db").string(), {.busy_timeout = std::chrono::milliseconds(100)});
    ASSERT_TRUE(other) << other.error().describe(Lang::En);
    auto c = (*other)->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT COUNT(*) FROM anggota").value().value_or(-1), 11);
    EXPECT_TRUE(c->execute("UPDATE anggota SET nisn = '1' WHERE id = 1"));
}

// Another connection to the file (a running server) keeps SQLite from leaving WAL: the load then
// runs in WAL as any other write, without waiting.
TEST_F(ImportTest, AnExclusiveLoadStaysInWalWhileAnotherConnectionHasTheFileOpen) {
    auto other = db::open_database((m_dir / "p.db").string());
    ASSERT_TRUE(other);
    {
        auto c = (*other)->acquire().value();  // open, and back in its pool: idle but holding the file
        ASSERT_EQ(c->query_value<std::int64_t>("SELECT COUNT(*) FROM keluarga").value().value_or(-1), 0);
    }
    auto k = import_text(ImportKind::Keluarga, households(5), false, Actor::system("t"), true);
    ASSERT_TRUE(k) << k.error().describe(Lang::En);
    EXPECT_TRUE(k->applied);
    EXPECT_FALSE(k->rollback_journal);
    EXPECT_EQ(journal_mode(), "wal");
    EXPECT_EQ((*other)->acquire().value()->query_value<std::int64_t>("SELECT COUNT(*) FROM keluarga").value().value_or(-1), 5);
}

TEST_F(ImportTest, OnlyTheOfficeImports) {
    Actor psm;
    psm.username = "psm";
    psm.role = Role::Psm;
    psm.scope = {WilayahCode::parse("36.71.01.1001.004").value()};
    auto r = import_text(ImportKind::Keluarga, households(1), false, psm);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
}

// An operator covers one kota, and several kab/kota may share one database: an import by an
// operator writes only inside their kota, like every other way in (the API refuses a household
// outside the caller's area). Kota Tangerang Selatan (36.74) is loaded beside Kota Tangerang.
TEST_F(ImportTest, AnOperatorImportsOnlyInsideTheirKota) {
    char const* src = std::getenv("PILAR_SOURCE_DIR");
    auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
    ASSERT_TRUE(m_wilayah->load_from_area_data(Actor::system("t"), "36.74", *data));
    Actor op;
    op.username = "operator";
    op.role = Role::Operator;
    op.scope = {WilayahCode::parse("36.71").value()};
    std::string const header = std::string(kKeluargaHeader) + "\n";

    // A household in the other kota is refused, naming the row and the column; nothing is written.
    auto r = import_text(ImportKind::Keluarga, header + keluarga_row(0) + "\n" + keluarga_row(1, "3674011001") + "\n", false, op);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_FALSE(r->applied);
    ASSERT_EQ(r->errors.size(), 1u);
    EXPECT_EQ(r->errors[0].row, 3);
    EXPECT_EQ(r->errors[0].column, "kode_wilayah");
    EXPECT_NE(r->errors[0].message.en.find("outside your area"), std::string::npos) << r->errors[0].message.en;
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 0);

    // The other kota's office (here the console) registers household 1 there, with a member.
    ASSERT_TRUE(import_text(ImportKind::Keluarga, header + keluarga_row(1, "3674011001") + "\n").value().applied);
    ASSERT_TRUE(import_text(ImportKind::Anggota, std::string(kAnggotaHeader) + "\n" + anggota_row(1, 1) + "\n").value().applied);

    // The operator cannot move that household into their kota by importing its No. KK ...
    r = import_text(ImportKind::Keluarga, header + keluarga_row(0) + "\n" + keluarga_row(1) + "\n", true, op);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->baru, 1) << "household 0 is theirs to add";
    EXPECT_EQ(r->berubah, 0);
    ASSERT_EQ(r->errors.size(), 1u);
    EXPECT_EQ(r->errors[0].row, 3);
    EXPECT_EQ(r->errors[0].column, "no_kk");
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga WHERE kode_wilayah LIKE '36.74.%'"), 1) << "still in 36.74";

    // ... nor add members to it, nor take its member into a household of their own.
    std::string a = std::string(kAnggotaHeader) + "\n" + anggota_row(1, 2) + "\n" + anggota_row(0, 1) + "\n" + anggota_row(0, 3) + "\n";
    r = import_text(ImportKind::Anggota, a, true, op);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->baru, 1) << "only the member of household 0";
    EXPECT_EQ(r->berubah, 0);
    ASSERT_EQ(r->errors.size(), 2u);
    EXPECT_EQ(r->errors[0].row, 2);
    EXPECT_EQ(r->errors[0].column, "no_kk");
    EXPECT_EQ(r->errors[1].row, 3);
    EXPECT_EQ(r->errors[1].column, "nik");
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota WHERE kode_wilayah LIKE '36.74.%'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota WHERE kode_wilayah LIKE '36.71.%'"), 1);

    // All or nothing: the same file without --skip-invalid changes nothing.
    r = import_text(ImportKind::Anggota, std::string(kAnggotaHeader) + "\n" + anggota_row(0, 4) + "\n" + anggota_row(0, 1) + "\n", false, op);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_FALSE(r->applied);
    EXPECT_EQ(r->errors_total, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota"), 2);
}

TEST_F(ImportTest, XlsxReadsTheFirstSheetAndNamesTheOthers) {
    auto path = (m_dir / "keluarga.xlsx").string();
    {
        std::vector<std::string> header;
        for (auto part : split(kKeluargaHeader, ',')) header.emplace_back(part);
        // Two rows per sheet (header included): three sheets of one household each.
        auto w = XlsxWriter::create(path, header, {.max_rows_per_sheet = 2}).value();
        for (int i = 0; i < 3; ++i) {
            std::vector<std::string> cells;
            std::string const line = keluarga_row(i);
            for (auto part : split(line, ',')) cells.emplace_back(part);
            ASSERT_TRUE(w.write_row(std::span<std::string const>(cells)));
        }
        ASSERT_TRUE(w.finish());
    }
    auto file = open_import_file(path);
    ASSERT_TRUE(file) << file.error().describe(Lang::En);
    EXPECT_EQ(file->ignored_sheets, (std::vector<std::string>{"Data (2)", "Data (3)"}));
    ImportService svc(*m_db, *m_keyring, *m_wilayah);
    auto r = svc.run(Actor::system("t"), *file->rows, {.kind = ImportKind::Keluarga, .file_name = "keluarga.xlsx"});
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->baru, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga WHERE alamat = 'Jl. Kenari No. 0'"), 1);
}

// Issue 5: a workbook with merged cells (a title over the columns, a total under them) is refused
// before any row, naming the file and the range, and changes nothing. Written with libxlsxwriter
// itself, as the office's spreadsheet programs write merges.
TEST_F(ImportTest, XlsxWithMergedCellsIsRefusedNamingTheFileAndRange) {
    auto path = (m_dir / "keluarga-gabung.xlsx").string();
    lxw_workbook* wb = workbook_new(path.c_str());
    ASSERT_NE(wb, nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Keluarga");
    lxw_col_t col = 0;
    for (auto part : split(kKeluargaHeader, ',')) worksheet_write_string(ws, 0, col++, std::string(part).c_str(), nullptr);
    col = 0;
    std::string const row = keluarga_row(0);
    for (auto part : split(row, ',')) worksheet_write_string(ws, 1, col++, std::string(part).c_str(), nullptr);
    worksheet_merge_range(ws, 2, 0, 2, 2, "Jumlah", nullptr);  // A3:C3
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    auto file = open_import_file(path);
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(file.error().file, path);
    EXPECT_NE(file.error().message.en.find("A3:C3"), std::string::npos) << file.error().message.en;
    EXPECT_NE(file.error().message.id.find("A3:C3"), std::string::npos) << file.error().message.id;
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga"), 0);
}

// An upload's job outlives the process that ran it: a finished one is answered from its record
// by the next process (without the row-level errors, which quote the file), and one the previous
// process left running (it was killed) is failed at start-up with a message saying to run it
// again; both only to the operator who started them.
TEST_F(ImportTest, AnImportJobIsAnsweredAfterARestartAndOneLeftRunningIsFailed) {
    ImportService svc(*m_db, *m_keyring, *m_wilayah);
    Actor op;
    op.user_id = 3;
    op.username = "op";
    op.role = Role::Operator;
    op.scope.push_back(WilayahCode::parse("36.71").value());
    Actor other = op;
    other.username = "op2";
    std::string id;
    {
        auto text = households(3);
        text += "12345,3671011001,004,002,Jl. Salah,1,\n";
        auto path = (m_dir / "pilar-upload-1").string();
        std::ofstream(path) << text;
        ImportJobs jobs(svc, *m_db);
        auto job = jobs.start(op, ImportKind::Keluarga, true, std::make_shared<http::UploadFile>(path, text.size()),
                              "kk-3671010101250001.csv");
        ASSERT_TRUE(job) << job.error().describe(Lang::En);
        id = (*job)->id;
        EXPECT_EQ(count("SELECT COUNT(*) FROM impor_job WHERE status IN ('berjalan', 'selesai')"), 1);
    }  // the process ends: the jobs object waits for its import to finish
    {
        ImportJobs jobs(svc, *m_db);  // the next process
        EXPECT_EQ(jobs.recover_interrupted().value(), 0);
        auto j = jobs.get(op, id).value();
        ASSERT_TRUE(j);
        EXPECT_EQ((*j)["status"].as_string(), "selesai");
        EXPECT_EQ((*j)["hasil"].at("baru").to_number<int>(), 3);
        EXPECT_EQ((*j)["hasil"].at("jumlah_kesalahan").to_number<int>(), 1);
        EXPECT_TRUE((*j)["hasil"].at("kesalahan").as_array().empty());  // they quote the file: not kept
        EXPECT_EQ((*j)["nama_file"].as_string(), "kk-3671********0001.csv");  // no identity number at rest
        EXPECT_EQ((*j)["id"].as_string(), id);
        EXPECT_FALSE(jobs.get(other, id).value());
    }
    // What a process killed in the middle of an import leaves: the record written on acceptance.
    ASSERT_TRUE(m_db->acquire().value()->execute(
        "INSERT INTO impor_job (id, jenis, nama_file, oleh, mulai, status, ringkasan_json) VALUES "
        "('abc', 'anggota', 'anggota.csv', 'op', '2026-11-29T10:00:00Z', 'berjalan', "
        "'{\"id\":\"abc\",\"jenis\":\"anggota\",\"nama_file\":\"anggota.csv\",\"oleh\":\"op\","
        "\"mulai\":\"2026-11-29T10:00:00Z\",\"status\":\"berjalan\",\"baris\":0,\"ditolak\":0,\"persen\":0}')"));
    ImportJobs jobs(svc, *m_db);
    EXPECT_EQ(jobs.recover_interrupted().value(), 1);
    auto j = jobs.get(op, "abc").value();
    ASSERT_TRUE(j);
    EXPECT_EQ((*j)["status"].as_string(), "gagal");
    EXPECT_EQ((*j)["nama_file"].as_string(), "anggota.csv");
    EXPECT_EQ((*j)["error"].at("message").as_string(), "impor terhenti karena server dimulai ulang; jalankan lagi");
    EXPECT_EQ((*j)["error"].at("message_en").as_string(), "the import stopped because the server restarted; run it again");
    EXPECT_FALSE(jobs.get(other, "abc").value());
    EXPECT_TRUE(jobs.get(Actor::system("t"), "abc").value());
    EXPECT_EQ(jobs.recover_interrupted().value(), 0);  // once failed, it stays failed
    EXPECT_EQ(count("SELECT COUNT(*) FROM impor_job WHERE status = 'berjalan'"), 0);
}

}  // namespace
}  // namespace pilar::registry
