// The dashboard aggregates against what a user would check: after every kind of write
// (registry creates and updates, PPKS, bulk import, offline sync, proposals through the
// workflow, ground-check lists and results, RW changes and the PSM roster) the aggregates equal a recount
// from the base tables, and the panels show the numbers of the records made, scoped.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "access/service.hpp"
#include "dashboard/service.hpp"
#include "dashboard/store.hpp"
#include "registry/import.hpp"
#include "registry/sync_kinds.hpp"
#include "registry/test_support.hpp"
#include "sync/sync.hpp"
#include "verivali/bindings.hpp"
#include "verivali/service.hpp"
#include "workforce/service.hpp"

namespace pilar::dashboard {
namespace {

namespace json = boost::json;
using registry::ACol;
using registry::KCol;

class DashboardTest : public registry::RegistryFixture {
protected:
    void SetUp() override {
        RegistryFixture::SetUp();
        m_access = std::make_unique<access::AccessService>(*m_db);
        m_households = std::make_unique<verivali::RegistryHouseholds>(*m_svc);
        m_petugas = std::make_unique<verivali::AccessPetugas>(*m_access);
        m_verivali = std::make_unique<verivali::VerivaliService>(*m_db, *m_households, *m_petugas);
        m_dash = std::make_unique<DashboardService>(*m_db);
        register_builtin_panels(*m_dash);
        registry::register_sync_kinds(m_kinds, *m_svc);
        m_sync = std::make_unique<sync::SyncService>(*m_db, m_kinds);
        for (int rw : {4, 5}) ASSERT_TRUE(m_wilayah->create_child(Actor::system("t"), "36.71.01.1001", rw, std::nullopt));
        ASSERT_TRUE(m_wilayah->create_child(Actor::system("t"), "36.71.02.1001", 1, std::nullopt));
    }
    void TearDown() override {
        m_sync.reset();
        m_dash.reset();
        m_verivali.reset();
        m_petugas.reset();
        m_households.reset();
        m_access.reset();
        RegistryFixture::TearDown();
    }

    // The one assertion that matters: nothing differs from a recount.
    void expect_consistent(std::string const& after) {
        auto diff = m_dash->check();
        ASSERT_TRUE(diff) << diff.error().describe(Lang::En);
        EXPECT_TRUE(diff->empty()) << "after " << after << ":\n" << [&] {
            std::string s;
            for (auto const& d : *diff) s += d + "\n";
            return s;
        }();
    }
    json::object panel(Actor const& a, std::string_view id, std::optional<std::string> kode = std::nullopt,
                       std::map<std::string, std::string> params = {}) {
        auto r = m_dash->panel(a, id, kode, [params](std::string_view n) -> std::optional<std::string> {
            auto it = params.find(std::string(n));
            if (it == params.end()) return std::nullopt;
            return it->second;
        });
        EXPECT_TRUE(r) << id << ": " << (r ? "" : r.error().describe(Lang::En));
        return r ? *r : json::object{};
    }
    std::int64_t total(json::object const& o, std::string_view key) { return o.at("total").as_object().at(key).as_int64(); }

    registry::Keluarga make_household(std::string kk, std::string kel = "36.71.01.1001", std::string rw = "004",
                                      std::optional<std::pair<double, double>> gps = std::pair{-6.17, 106.63}) {
        auto r = household(std::move(kk), std::move(rw));
        r[KCol::KodeWilayah] = std::move(kel);
        if (gps) {
            r[KCol::Lat] = fmt::format("{}", gps->first);
            r[KCol::Lon] = fmt::format("{}", gps->second);
        }
        auto k = m_svc->create_keluarga(op, r);
        EXPECT_TRUE(k) << k.error().describe(Lang::En);
        return *k;
    }

    std::unique_ptr<access::AccessService> m_access;
    std::unique_ptr<verivali::RegistryHouseholds> m_households;
    std::unique_ptr<verivali::AccessPetugas> m_petugas;
    std::unique_ptr<verivali::VerivaliService> m_verivali;
    std::unique_ptr<DashboardService> m_dash;
    sync::SyncRegistry m_kinds;
    std::unique_ptr<sync::SyncService> m_sync;
};

TEST_F(DashboardTest, RegistryWritesKeepCountsAndMapEqualToARecount) {
    expect_consistent("setup");
    auto k1 = make_household("3671012001150010");
    auto k2 = make_household("3671012001150011", "36.71.01.1001", "005", std::pair{-6.2, 106.6});
    make_household("3671012001150012", "36.71.02.1001", "001", std::nullopt);
    auto siti = member("3671014507900001", "Siti Aminah");
    siti[ACol::Ppks] = "9;24";
    auto a1 = m_svc->create_anggota(op, k1.id, siti);
    ASSERT_TRUE(a1) << a1.error().describe(Lang::En);
    auto a2 = m_svc->create_anggota(op, k1.id, member("3671010507900002", "Budi", "anak"));
    ASSERT_TRUE(a2);
    ASSERT_TRUE(m_svc->create_anggota(op, k2.id, member("3671010507900003", "Joko")));
    expect_consistent("creates");

    auto w = panel(kepala, "wilayah");
    EXPECT_EQ(total(w, "keluarga"), 3);
    EXPECT_EQ(total(w, "jiwa"), 3);
    EXPECT_EQ(total(w, "ppks"), 2);
    EXPECT_EQ(w.at("per_wilayah").as_array().size(), 2u);  // kecamatan 36.71.01 and 36.71.02

    // A member dies, another gets a PPKS, one ends; a household moves kelurahan and loses its GPS.
    ASSERT_TRUE(m_svc->update_anggota(op, a2->id, {{"status_keberadaan", "meninggal"}}, a2->version, "meninggal dunia"));
    ASSERT_TRUE(m_svc->add_ppks(op, a1->id, {.ppks = 3, .sejak = "2024-01-01"}));
    auto with_ppks = m_svc->anggota(op, a1->id).value();
    ASSERT_TRUE(m_svc->end_ppks(op, a1->id, with_ppks.ppks.front().id, "2025-01-01"));
    auto k1now = m_svc->keluarga(op, k1.id).value();
    ASSERT_TRUE(m_svc->update_keluarga(op, k1.id, {{"kode_wilayah", "36.71.02.1001"}, {"rw", "001"}, {"lat", std::nullopt},
                                                   {"lon", std::nullopt}},
                                       k1now.version, "pindah kelurahan"));
    expect_consistent("updates");
    auto tksk2 = registry::actor(Role::Tksk, "tksk2", {"36.71.02"});
    auto w2 = panel(tksk2, "wilayah");
    EXPECT_EQ(total(w2, "keluarga"), 2);  // the moved household and the one made there
    EXPECT_EQ(total(w2, "jiwa"), 1);      // Siti (Budi died)
    EXPECT_EQ(total(w2, "ppks"), 2);      // 9, 24 open; 3 ended

    auto peta = panel(kepala, "peta", std::nullopt, {{"tingkat", "2"}});
    EXPECT_EQ(peta.at("keluarga").as_int64(), 1);  // only k2 still has GPS
    auto cell = peta.at("sel").as_array().at(0).as_array();
    EXPECT_NEAR(cell.at(0).to_number<double>(), -6.2, 1e-6);
    EXPECT_NEAR(cell.at(1).to_number<double>(), 106.6, 1e-6);
}

TEST_F(DashboardTest, ImportAndSyncKeepAggregatesEqualToARecount) {
    std::string keluarga = "no_kk,kode_wilayah,rw,rt,alamat,lat,lon\n";
    for (int i = 0; i < 20; ++i)
        keluarga += fmt::format("36710120011500{:02d},3671011001,004,002,Jl. {},-6.1{:02d},106.6{:02d}\n", i + 10, i, i, i);
    std::string anggota = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,ppks\n";
    for (int i = 0; i < 20; ++i)
        anggota += fmt::format("36710145079{:05d},36710120011500{:02d},Siti,P,1990-07-05,kepala_keluarga,{}\n", i + 1, i + 10,
                               i % 2 ? "9" : "");
    registry::ImportService imp(*m_db, *m_keyring, *m_wilayah);
    for (auto [kind, text] : {std::pair{registry::ImportKind::Keluarga, keluarga}, std::pair{registry::ImportKind::Anggota, anggota}}) {
        auto file = registry::open_import_file("u.csv", "u.csv", std::string_view(text)).value();
        auto r = imp.run(Actor::system("t"), *file.rows, {.kind = kind, .file_name = "u.csv"});
        ASSERT_TRUE(r && r->applied) << (r ? "rows refused" : r.error().describe(Lang::En));
    }
    expect_consistent("fresh import");
    EXPECT_EQ(total(panel(op, "wilayah"), "jiwa"), 20);
    EXPECT_EQ(total(panel(op, "wilayah"), "ppks"), 10);

    // A second import into filled tables: changed rows (moved RW, PPKS changed) go row by row.
    std::string again = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,ppks\n";
    for (int i = 0; i < 20; ++i)
        again += fmt::format("36710145079{:05d},36710120011500{:02d},Siti,P,1990-07-05,kepala_keluarga,{}\n", i + 1, i + 10,
                             i % 2 ? "" : "3");
    auto file = registry::open_import_file("v.csv", "v.csv", std::string_view(again)).value();
    ASSERT_TRUE(imp.run(Actor::system("t"), *file.rows, {.kind = registry::ImportKind::Anggota, .file_name = "v.csv"}));
    expect_consistent("upsert import");
    EXPECT_EQ(total(panel(op, "wilayah"), "ppks"), 10);

    // Offline sync: a PSM registers a household and a member, then replays the same ops.
    auto psm4 = registry::actor(Role::Psm, "psm4", {"36.71.01.1001.004"});
    std::vector<sync::SyncOp> ops = {
        {"op-dash-0001", "keluarga.buat",
         json::object{{"uid", "uid-dash-k1"}, {"no_kk", "3671012001150099"}, {"kode_wilayah", "36.71.01.1001"}, {"rw", "004"},
                      {"rt", "001"}, {"alamat", "Jl. Baru"}, {"lat", "-6.15"}, {"lon", "106.61"}},
         std::nullopt},
        {"op-dash-0002", "anggota.buat",
         json::object{{"uid", "uid-dash-a1"}, {"keluarga_uid", "uid-dash-k1"}, {"nik", "3671010507900099"}, {"nama", "Ahmad"},
                      {"jenis_kelamin", "L"}, {"hubungan", "kepala_keluarga"}, {"ppks", "1"}},
         std::nullopt},
    };
    for (int round = 0; round < 2; ++round)
        for (auto const& r : m_sync->apply(psm4, "hp-1", ops))
            EXPECT_TRUE(r.status == sync::OpStatus::Diterapkan || r.status == sync::OpStatus::Sudah)
                << r.op_id << " " << sync::op_status_name(r.status) << " " << (r.error ? r.error->describe(Lang::En) : "");
    expect_consistent("sync");
    auto w = panel(op, "wilayah");
    EXPECT_EQ(total(w, "keluarga"), 21);
    EXPECT_EQ(total(w, "jiwa"), 21);
}

TEST_F(DashboardTest, WorkflowChecksCoverageAndScope) {
    // PSM coverage counts the workforce roster (migration 0013), not user accounts: RW 004 is
    // covered by an active PSM, RW 005 by one who is then set nonaktif, 36.71.02.1001.001 only by
    // a candidate; PSM user accounts with RWs in their scope count for nothing.
    ASSERT_TRUE(m_access->create_user(Actor::system("t"), {.username = "psm4", .role = Role::Psm,
                                                             .wilayah = {"36.71.01.1001.004"}, .password = "kopi tubruk pagi 7"}));
    ASSERT_TRUE(m_access->create_user(Actor::system("t"), {.username = "psm6", .role = Role::Psm,
                                                             .wilayah = {"36.71.02.1001.001"}, .password = "kopi tubruk pagi 7"}));
    ASSERT_TRUE(m_access->create_user(Actor::system("t"), {.username = "psm5", .role = Role::Psm,
                                                             .wilayah = {"36.71.01.1001.005"}, .password = "kopi tubruk pagi 7"}));
    workforce::WorkforceService wf(*m_db, *m_wilayah,
                                   [](Actor const&, std::int64_t, std::optional<std::int64_t>) -> Result<void> { return {}; });
    auto seed = [](std::string nama, workforce::Status st, std::string rw) {
        workforce::RosterSeed r;
        r.pilar.jenis = workforce::Jenis::Psm;
        r.pilar.nama = std::move(nama);
        r.pilar.status = st;
        r.pilar.kode_wilayah = rw.substr(0, 13);
        r.wilayah = {rw};
        r.mulai = "2026-01-02";
        return r;
    };
    Actor const sys = Actor::system("t");
    ASSERT_TRUE(wf.import_roster(sys, {seed("Ani", workforce::Status::Aktif, "36.71.01.1001.004"),
                                       seed("Budi", workforce::Status::Aktif, "36.71.01.1001.005"),
                                       seed("Citra", workforce::Status::Kandidat, "36.71.02.1001.001")}));
    expect_consistent("roster import");
    auto cov = panel(kepala, "psm");
    EXPECT_EQ(cov.at("rw").as_int64(), 3);
    EXPECT_EQ(cov.at("rw_psm").as_int64(), 2);
    auto rows = wf.list_pilar(sys, {}).value();
    ASSERT_EQ(rows.size(), 3u);
    auto by_name = [&](std::string_view n) { return *std::find_if(rows.begin(), rows.end(), [&](auto const& p) { return p.nama == n; }); };
    ASSERT_TRUE(wf.set_status(sys, by_name("Budi").id, workforce::Status::Nonaktif, "pindah domisili", by_name("Budi").version));
    ASSERT_TRUE(m_wilayah->create_child(sys, "36.71.01.1001", 6, std::nullopt));
    ASSERT_TRUE(m_wilayah->retire(sys, "36.71.02.1001.001", "digabung"));
    expect_consistent("status and RW");
    cov = panel(kepala, "psm");
    EXPECT_EQ(cov.at("rw").as_int64(), 3);  // 004, 005, 006 (36.71.02.1001.001 retired)
    EXPECT_EQ(cov.at("rw_psm").as_int64(), 1);
    EXPECT_EQ(cov.at("rw_tanpa_psm").as_array().size(), 2u);
    // A new assignment ends the old one: Ani moves to RW 005 and 006.
    ASSERT_TRUE(wf.assign(sys, by_name("Ani").id, {.wilayah = {"36.71.01.1001.005", "36.71.01.1001.006"}, .mulai = "2026-06-01"},
                          by_name("Ani").version));
    expect_consistent("assignment");
    cov = panel(kepala, "psm");
    EXPECT_EQ(cov.at("rw_psm").as_int64(), 2);
    EXPECT_EQ(cov.at("rw_tanpa_psm").as_array(), (json::array{"36.71.01.1001.004"}));
    // The panel's figures equal the roster's coverage.
    auto roster = wf.cakupan(sys, "36.71").value();
    EXPECT_EQ(cov.at("rw").as_int64(), roster.rw);
    EXPECT_EQ(cov.at("rw_psm").as_int64(), roster.rw_tercakup);

    // A proposal through the workflow up to the ground check; a list with one result.
    auto k = make_household("3671012001150010");
    auto psm4 = registry::actor(Role::Psm, "psm4", {"36.71.01.1001.004"});
    auto u = m_verivali->create_usulan(psm4, {.jenis = "penghapusan", .alasan = "pindah", .keluarga_id = k.id});
    ASSERT_TRUE(u) << u.error().describe(Lang::En);
    ASSERT_TRUE(m_verivali->transition(psm4, u->usulan.id, {.ke = verivali::Status::Diajukan}));
    ASSERT_TRUE(m_verivali->transition(tksk, u->usulan.id, {.ke = verivali::Status::Ditinjau}));
    auto checked = m_verivali->transition(psm4, u->usulan.id, {.ke = verivali::Status::Diverifikasi, .hasil_periksa = 1,
                                                               .lat = -6.17, .lon = 106.63});
    ASSERT_TRUE(checked) << checked.error().describe(Lang::En);
    auto d = m_verivali->create_daftar_filter(op, "Verifikasi 2026", {.kode_wilayah = "36.71.01"});
    ASSERT_TRUE(d) << d.error().describe(Lang::En);
    ASSERT_TRUE(m_verivali->bagi(op, d->id, {}));
    auto items = m_verivali->list_periksa(psm4, {.saya = true}).value();
    ASSERT_EQ(items.items.size(), 1u);
    ASSERT_TRUE(m_verivali->submit_hasil(psm4, items.items[0].id, {.version = items.items[0].version, .hasil = 1, .lat = -6.17,
                                                                   .lon = 106.63}));
    expect_consistent("workflow and ground checks");

    auto us = panel(tksk, "usulan");
    EXPECT_EQ(us.at("total").as_int64(), 1);
    EXPECT_EQ(us.at("per_status").as_object().at("diverifikasi").as_int64(), 1);
    auto pr = panel(op, "periksa");
    EXPECT_EQ(pr.at("selesai").as_int64(), 1);
    EXPECT_EQ(pr.at("total").as_int64(), 1);
    EXPECT_EQ(pr.at("per_daftar").as_array().at(0).as_object().at("nama").as_string(), "Verifikasi 2026");
    auto act = panel(op, "aktivitas");
    auto const& who = act.at("per_petugas").as_array().at(0).as_object();
    EXPECT_EQ(who.at("username").as_string(), "psm4");
    EXPECT_EQ(who.at("usulan").as_int64(), 1);
    EXPECT_EQ(who.at("periksa").as_int64(), 2);  // the proposal's check and the list item
    EXPECT_EQ(act.at("per_hari").as_array().size(), 30u);

    // Scope: a TKSK sees their kecamatan and below, nothing else; a PSM no panel.
    EXPECT_EQ(panel(tksk, "wilayah").at("kode_wilayah").as_string(), "36.71.01");
    auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    EXPECT_EQ(m_dash->panel(tksk, "wilayah", "36.71.02", none).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_dash->panel(tksk, "wilayah", "36.71", none).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(m_dash->panel(tksk, "wilayah", "36.71.01.1001", none));
    EXPECT_EQ(m_dash->panel(tksk, "wilayah", "36.71.01.1001.004", none).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_dash->panel(psm, "wilayah", std::nullopt, none).error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(m_dash->panel(kepala, "tidak-ada", std::nullopt, none).error().code, ErrorCode::NotFound);
}

TEST_F(DashboardTest, RebuildRepairsDamagedAggregates) {
    make_household("3671012001150010");
    {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->execute("UPDATE dash_jumlah SET n = n + 5 WHERE ukuran = 'keluarga'"));
        ASSERT_TRUE(c->execute("DELETE FROM dash_peta"));
    }
    auto diff = m_dash->check().value();
    EXPECT_FALSE(diff.empty());
    EXPECT_FALSE(m_dash->rebuild(op));  // only from the console
    ASSERT_TRUE(m_dash->rebuild(Actor::system("t")));
    expect_consistent("rebuild");
    EXPECT_EQ(total(panel(kepala, "wilayah"), "keluarga"), 1);
}

TEST(TileOrigin, OriginOfTheTemplateForTheCsp) {
    EXPECT_EQ(tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"), "https://tile.openstreetmap.org");
    EXPECT_EQ(tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png"), "https://*.tile.example.org");
    EXPECT_EQ(tile_origin("http://10.0.0.5:8081/tiles/{z}/{x}/{y}.png"), "http://10.0.0.5:8081");
    EXPECT_EQ(tile_origin(""), "");
    EXPECT_EQ(tile_origin("javascript:alert(1)"), "");
}

}  // namespace
}  // namespace pilar::dashboard
