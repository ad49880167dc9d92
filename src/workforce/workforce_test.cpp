// The workforce service against a real (temporary) SQLite database with the embedded migrations
// and Kota Tangerang's kecamatan and kelurahan (idn-area-data) plus a few RWs made here. The
// registry is a fake SasaranCheck, verivali a fake Sumber, so these tests need neither.
#include "workforce/service.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "access/store.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "workforce/export.hpp"

namespace pilar::workforce {
namespace {

namespace fs = std::filesystem;

Actor actor(std::string name, Role role, std::vector<std::string> scope) {
    Actor a;
    a.user_id = 1;
    a.username = std::move(name);
    a.role = role;
    for (auto const& s : scope) a.scope.push_back(*WilayahCode::parse(s));
    return a;
}

Date const kToday = *Date::parse("2026-11-28");
constexpr std::string_view kKel = "36.71.01.1001";
constexpr std::string_view kKel2 = "36.71.01.1002";
constexpr std::string_view kKel72 = "36.72.01.1001";

class WorkforceTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-workforce-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        char const* src = std::getenv("PILAR_SOURCE_DIR");
        auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
        ASSERT_TRUE(data) << "idn-area-data not installed (scripts/bootstrap)";
        m_wilayah = std::make_unique<wilayah::WilayahService>(*m_db);
        ASSERT_TRUE(m_wilayah->load_from_area_data(Actor::system("t"), "36.71", *data));
        for (int i = 1; i <= 4; ++i) ASSERT_TRUE(m_wilayah->create_child(Actor::system("t"), kKel, i, std::nullopt));
        for (int i = 1; i <= 2; ++i) ASSERT_TRUE(m_wilayah->create_child(Actor::system("t"), kKel2, i, std::nullopt));
        m_svc = std::make_unique<WorkforceService>(*m_db, *m_wilayah, [this](Actor const& a, std::int64_t k, std::optional<std::int64_t>) -> Result<void> {
            // Households 1..9 lie in RW 001 of kKel; anything else does not exist.
            if (k < 1 || k > 9 || !a.overlaps_scope(*WilayahCode::parse(std::string(kKel) + ".001")))
                return fail(ErrorCode::NotFound, {"Keluarga tidak ditemukan", "Household not found"});
            return {};
        });
        m_svc->add_sumber({.nama = "palsu", .indikator = {"usulan_diajukan"}, .hitung = [this](Periode const& p, Aturan const& rules) -> Result<std::map<std::string, Angka>> {
                               m_tenggat_asked.insert(rules.periksa_tenggat_hari);
                               std::map<std::string, Angka> out;
                               if (p.dari == "2026-11-01") out["psm1"] = {{"usulan_diajukan", m_diajukan}};
                               return out;
                           }});
    }
    void TearDown() override {
        m_svc.reset();
        m_wilayah.reset();
        m_db.reset();
        fs::remove_all(m_dir);
    }
    std::int64_t count(std::string const& sql) { return m_db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1); }

    // An active PSM of kKel with SK, training and the given RWs.
    // `who`: the office recording it (default op, of 36.71).
    PilarSosial psm(std::string nama, std::optional<std::string> username, std::vector<std::string> rws,
                    std::string sk_selesai = "2027-12-31", std::string_view kel = kKel, Actor const* who = nullptr) {
        Actor const& op = who ? *who : this->op;
        auto p = m_svc->create_pilar(op, {.jenis = "psm", .nama = nama, .tanggal_lahir = "1990-05-01", .kode_ktp = std::string(kel),
                                          .username = username, .kode_wilayah = std::string(kel)});
        EXPECT_TRUE(p) << p.error().message.en;
        EXPECT_TRUE(m_svc->set_pelatihan_dasar(op, p->id, "2025-03-01", "manual"));
        EXPECT_TRUE(m_svc->add_sk(op, p->id, {.nomor = "SK/" + nama, .tanggal = "2025-12-20", .ditandatangani = "Kepala Dinas Sosial",
                                             .mulai = "2026-01-01", .selesai = sk_selesai}));
        std::vector<std::string> codes;
        for (auto const& rw : rws) codes.push_back(std::string(kel) + "." + rw);
        auto cur = m_svc->pilar(op, p->id, kToday);
        auto a = m_svc->assign(op, p->id, {.wilayah = codes, .mulai = "2026-01-02"}, cur->version);
        EXPECT_TRUE(a) << a.error().message.en;
        auto s = m_svc->set_status(op, p->id, Status::Aktif, std::nullopt, a->version, kToday);
        EXPECT_TRUE(s) << s.error().message.en;
        return *s;
    }

    // A second kota in the database (36.72, Kota Tangerang Selatan) with one RW in kKel72.
    void load_kota72() {
        char const* src = std::getenv("PILAR_SOURCE_DIR");
        auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
        ASSERT_TRUE(data);
        ASSERT_TRUE(m_wilayah->load_from_area_data(Actor::system("t"), "36.72", *data));
        ASSERT_TRUE(m_wilayah->create_child(Actor::system("t"), kKel72, 1, std::nullopt));
    }

    LaporanInput report(std::string tanggal, std::string jenis = "kunjungan_rumah") {
        return {.tanggal = std::move(tanggal), .jenis = std::move(jenis), .uraian = "Kunjungan ke rumah lansia"};
    }

    Actor op = actor("op", Role::Operator, {"36.71"});
    Actor tksk = actor("tksk1", Role::Tksk, {"36.71.01"});
    Actor tksk_other = actor("tksk2", Role::Tksk, {"36.71.02"});
    Actor psm1 = actor("psm1", Role::Psm, {"36.71.01.1001.001"});
    Actor op72 = actor("op72", Role::Operator, {"36.72"});
    std::int64_t m_diajukan = 3;
    std::set<int> m_tenggat_asked;  // the ground-check deadlines the fake source was asked with
    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<wilayah::WilayahService> m_wilayah;
    std::unique_ptr<WorkforceService> m_svc;
};

TEST_F(WorkforceTest, CoverageNamesRwWithoutPsmAndWithMoreThanOne) {
    psm("Ani", "psm1", {"001"});
    psm("Budi", std::nullopt, {"001", "002"});
    psm("Cici", std::nullopt, {"003"});
    auto c = m_svc->cakupan(tksk, std::string(kKel), kToday);
    ASSERT_TRUE(c) << c.error().message.en;
    EXPECT_EQ(c->rw, 4);
    EXPECT_EQ(c->rw_tercakup, 3);
    EXPECT_EQ(c->rw_kosong, 1);
    EXPECT_EQ(c->rw_ganda, 1);
    EXPECT_EQ(c->psm_aktif, 3);
    ASSERT_EQ(c->kelurahan.size(), 1u);
    ASSERT_EQ(c->kelurahan[0].kosong.size(), 1u);
    EXPECT_EQ(c->kelurahan[0].kosong[0].kode, std::string(kKel) + ".004");
    ASSERT_EQ(c->kelurahan[0].ganda.size(), 1u);
    EXPECT_EQ(c->kelurahan[0].ganda[0].kode, std::string(kKel) + ".001");
    EXPECT_EQ(c->kelurahan[0].ganda[0].psm.size(), 2u);

    // The kecamatan adds the other kelurahan's two uncovered RWs.
    auto k = m_svc->cakupan(tksk, std::nullopt, kToday);
    ASSERT_TRUE(k);
    EXPECT_EQ(k->rw, 6);
    EXPECT_EQ(k->rw_kosong, 3);
    ASSERT_EQ(k->kecamatan.size(), 1u);
    EXPECT_EQ(k->kecamatan[0].rw_kosong, 3);

    // A PSM who stops no longer covers their RW, and the history keeps the assignment.
    auto cici = m_svc->list_pilar(op, {.q = "cici"});
    ASSERT_EQ(cici->size(), 1u);
    ASSERT_TRUE(m_svc->set_status(op, cici->front().id, Status::Berhenti, "pindah domisili", cici->front().version, kToday));
    EXPECT_EQ(m_svc->cakupan(tksk, std::string(kKel), kToday)->rw_kosong, 2);
    auto detail = m_svc->pilar(op, cici->front().id, kToday);
    ASSERT_EQ(detail->penugasan.size(), 1u);
    EXPECT_TRUE(detail->penugasan[0].selesai.has_value());
}

TEST_F(WorkforceTest, SkExpiringWithin60DaysIsListed) {
    psm("Ani", "psm1", {"001"}, "2026-12-20");   // 22 days left
    psm("Budi", std::nullopt, {"002"}, "2027-03-01");  // 93 days: not yet
    auto c = m_svc->cakupan(op, "36.71", kToday);
    ASSERT_TRUE(c);
    ASSERT_EQ(c->sk_berakhir.size(), 1u);
    EXPECT_EQ(c->sk_berakhir[0].nama, "Ani");
    EXPECT_EQ(c->sk_berakhir[0].sisa_hari, 22);
    // A renewal replaces the ending SK.
    auto ani = m_svc->list_pilar(op, {.q = "ani"})->front();
    ASSERT_TRUE(m_svc->add_sk(op, ani.id, {.nomor = "SK/2", .tanggal = "2026-11-20", .ditandatangani = "Kepala Dinas",
                                          .mulai = "2026-12-21", .selesai = "2028-12-20", .perpanjangan_dari = ani.sk->id}));
    EXPECT_TRUE(m_svc->cakupan(op, "36.71", kToday)->sk_berakhir.empty());
}

TEST_F(WorkforceTest, TkskTermIsAtMostFiveYears) {
    auto t = m_svc->create_pilar(op, {.jenis = "tksk", .nama = "Tono", .kode_wilayah = "36.71.01"});
    ASSERT_TRUE(t);
    auto too_long = m_svc->add_sk(op, t->id, {.nomor = "SK/T", .tanggal = "2026-01-01", .ditandatangani = "Wali Kota",
                                             .mulai = "2026-01-01", .selesai = "2031-01-02"});
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(too_long.error().field, "selesai");
    EXPECT_EQ(count("SELECT count(*) FROM pilar_sk"), 0);
    EXPECT_TRUE(m_svc->add_sk(op, t->id, {.nomor = "SK/T", .tanggal = "2026-01-01", .ditandatangani = "Wali Kota",
                                         .mulai = "2026-01-01", .selesai = "2031-01-01"}));
    // A TKSK is assigned to one kecamatan, not to an RW.
    auto wrong = m_svc->assign(op, t->id, {.wilayah = {std::string(kKel) + ".001"}, .mulai = "2026-01-01"}, t->version);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::InvalidArgument);
}

TEST_F(WorkforceTest, ActivationNeedsEveryRequirementAndChangesNothingOtherwise) {
    auto p = m_svc->create_pilar(op, {.jenis = "psm", .nama = "Dewi", .tanggal_lahir = "2010-01-01", .kode_ktp = std::string(kKel2),
                                      .kode_wilayah = std::string(kKel)});
    ASSERT_TRUE(p);
    auto r = m_svc->set_status(op, p->id, Status::Aktif, std::nullopt, p->version, kToday);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    for (auto s : {"usia", "ktp_wilayah", "pelatihan_dasar", "sk_berlaku", "penugasan"})
        EXPECT_NE(r.error().message.en.find(s), std::string::npos) << s << ": " << r.error().message.en;
    EXPECT_EQ(m_svc->pilar(op, p->id, kToday)->status, Status::Kandidat);
    // "Not also an RT/RW head" is enforced only when the office switches it on.
    auto head = psm("Eka", std::nullopt, {"002"});
    ASSERT_TRUE(m_svc->update_pilar(op, head.id, {.ketua_rt_rw = true}, head.version));
    auto checks = m_svc->pilar(op, head.id, kToday)->syarat;
    auto rule = std::find_if(checks.begin(), checks.end(), [](auto const& s) { return s.kode == "bukan_ketua_rt_rw"; });
    ASSERT_NE(rule, checks.end());
    EXPECT_FALSE(rule->wajib);
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "larang_ketua_rt_rw", "1"));
    checks = m_svc->pilar(op, head.id, kToday)->syarat;
    rule = std::find_if(checks.begin(), checks.end(), [](auto const& s) { return s.kode == "bukan_ketua_rt_rw"; });
    EXPECT_TRUE(rule->wajib);
    EXPECT_FALSE(rule->terpenuhi);
    EXPECT_FALSE(m_svc->set_aturan(op, std::nullopt, "larang_ketua_rt_rw", "2"));
    EXPECT_FALSE(m_svc->set_aturan(psm1, std::nullopt, "insentif_min_laporan", "1"));
}

// Basic training recorded by hand happened already. Before, a date in the future was stored and
// met the activation checklist's pelatihan_dasar item, so a candidate could be made active on a
// training that had not taken place. Now it is refused on tanggal and changes nothing.
// The linked account acts as the worker (reads the record, files reports on it): an operator
// cannot link a PSM's record to an operator's, a TKSK's or an account outside their own area.
TEST_F(WorkforceTest, ARecordLinksOnlyToAFieldAccountOfItsKindInsideTheCallersArea) {
    Actor const opk = actor("opk", Role::Operator, {"36.71.01"});
    auto add_user = [&](std::string name, Role role, std::string kode) {
        auto c = m_db->acquire();
        ASSERT_TRUE(c);
        auto id = access::store::insert_user(**c, {.username = name, .full_name = name, .role = role}, "x", "2026-11-28T00:00:00Z");
        ASSERT_TRUE(id);
        ASSERT_TRUE(access::store::set_scope(**c, *id, {kode}));
    };
    add_user("op2", Role::Operator, "36.71");
    add_user("tksk7", Role::Tksk, "36.71.01");
    add_user("psm-lain", Role::Psm, "36.71.02");  // outside the operator below
    add_user("psm7", Role::Psm, std::string(kKel) + ".002");
    auto const audits = count("SELECT count(*) FROM audit_log");
    auto create = [&](std::string username) {
        return m_svc->create_pilar(opk, {.jenis = "psm", .nama = "Dewi", .tanggal_lahir = "1990-01-01", .kode_ktp = std::string(kKel),
                                         .username = username, .kode_wilayah = std::string(kKel)});
    };
    for (std::string const u : {"op2", "tksk7", "psm-lain"}) {
        auto r = create(u);
        ASSERT_FALSE(r) << u;
        EXPECT_EQ(r.error().field, "username") << u;
    }
    EXPECT_EQ(create("tksk7").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(create("psm-lain").error().code, ErrorCode::NotFound);
    EXPECT_EQ(count("SELECT count(*) FROM pilar_sosial"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audits);

    // Its own kind of account in the area, or a name with no account yet, is linked.
    auto p = create("psm7");
    ASSERT_TRUE(p) << p.error().message.en;
    auto q = create("psm-belum-ada");
    ASSERT_TRUE(q) << q.error().message.en;
    // Relinking goes through the same check.
    auto bad = m_svc->update_pilar(opk, q->id, {.username = "op2"}, q->version);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "username");
    auto again = m_svc->pilar(opk, q->id, kToday);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->username, std::optional<std::string>("psm-belum-ada"));
}

// A name a record reserves (no account yet) is held to the linking rule when the account is
// made: before, the admin could create an operator, kepala, admin or TKSK account, or a PSM of
// another kota, under a reserved PSM name, and that account then read the worker's record and
// filed reports as them.
TEST_F(WorkforceTest, AnAccountMadeUnderAReservedNameMustFitTheRecord) {
    auto p = m_svc->create_pilar(op, {.jenis = "psm", .nama = "Rina", .tanggal_lahir = "1991-03-03", .kode_ktp = std::string(kKel),
                                      .username = "cadangan", .kode_wilayah = std::string(kKel)});
    ASSERT_TRUE(p) << p.error().message.en;
    auto c = m_db->acquire();
    ASSERT_TRUE(c);
    auto check = [&](Actor const& who, Role role, std::string kode) {
        return check_reserved_username(**c, who, "cadangan", role, {kode});
    };
    Actor const system = Actor::system("t");
    std::string const rw = std::string(kKel) + ".001";
    for (auto [role, kode] : std::vector<std::pair<Role, std::string>>{
             {Role::Operator, "36.71"}, {Role::Kepala, "36.71"}, {Role::Admin, "36.71"}, {Role::Tksk, "36.71.01"}}) {
        auto r = check(system, role, kode);
        ASSERT_FALSE(r) << role_name(role);
        EXPECT_EQ(r.error().code, ErrorCode::Conflict);
        EXPECT_EQ(r.error().field, "username");
        EXPECT_NE(r.error().message.en.find(fmt::format("record {} (psm Rina", p->id)), std::string::npos) << r.error().message.en;
    }
    EXPECT_EQ(check(system, Role::Psm, "36.72.01.1001.001").error().code, ErrorCode::Conflict);  // a PSM of another kota
    // An admin of another kota is told only that the name is taken outside their area.
    auto other = check(actor("admin72", Role::Admin, {"36.72"}), Role::Psm, "36.72.01.1001.001");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().message.en.find("Rina"), std::string::npos) << other.error().message.en;
    // The account the reservation was made for, and any name not reserved, are fine.
    EXPECT_TRUE(check(system, Role::Psm, rw));
    EXPECT_TRUE(check(actor("adm", Role::Admin, {"36.71"}), Role::Psm, rw));
    EXPECT_TRUE(check_reserved_username(**c, system, "bebas", Role::Operator, {"36.71"}));
}

TEST_F(WorkforceTest, BasicTrainingInTheFutureIsRefused) {
    auto p = m_svc->create_pilar(op, {.jenis = "psm", .nama = "Dewi", .tanggal_lahir = "1990-01-01", .kode_ktp = std::string(kKel),
                                      .kode_wilayah = std::string(kKel)});
    ASSERT_TRUE(p);
    auto const audits = count("SELECT count(*) FROM audit_log");
    // Today is UTC's; one day more is allowed (an office in UTC+7 is a day ahead before 07:00 WIB).
    auto const in_two_days = Date::from_days(Date::today().days_since_epoch() + 2).iso();
    for (std::string when : {in_two_days, std::string("2099-01-01")}) {
        auto r = m_svc->set_pelatihan_dasar(op, p->id, when, "Bimtek PSM");
        ASSERT_FALSE(r) << when;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().field, "tanggal");
    }
    auto now = m_svc->pilar(op, p->id, kToday);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->pelatihan_dasar, std::nullopt);
    EXPECT_EQ(now->version, p->version);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audits);
    EXPECT_TRUE(m_svc->set_pelatihan_dasar(op, p->id, Date::today().iso(), "Bimtek PSM"));
}

// The checklist's "pelatihan_dasar" comes from event attendance (the hook the composition root
// binds to the events module); the hand-recorded date stays for training held before Pilar.
TEST_F(WorkforceTest, BasicTrainingFromEventAttendance) {
    std::map<std::string, PelatihanHadir> hadir;
    m_svc->set_pelatihan_dasar_hadir([&](std::string const& username) -> Result<std::optional<PelatihanHadir>> {
        if (auto it = hadir.find(username); it != hadir.end()) return std::optional<PelatihanHadir>(it->second);
        return std::optional<PelatihanHadir>{};
    });
    auto p = m_svc->create_pilar(op, {.jenis = "psm", .nama = "Dewi", .tanggal_lahir = "1990-05-01", .kode_ktp = std::string(kKel),
                                      .username = "psm9", .kode_wilayah = std::string(kKel)});
    ASSERT_TRUE(p) << p.error().message.en;
    ASSERT_TRUE(m_svc->add_sk(op, p->id, {.nomor = "SK/9", .tanggal = "2025-12-20", .ditandatangani = "Kepala Dinas Sosial",
                                         .mulai = "2026-01-01", .selesai = "2027-12-31"}));
    auto a = m_svc->assign(op, p->id, {.wilayah = {std::string(kKel) + ".004"}, .mulai = "2026-01-02"}, p->version);
    ASSERT_TRUE(a) << a.error().message.en;
    auto item = [&] {
        auto r = m_svc->pilar(op, p->id, kToday);
        EXPECT_TRUE(r) << r.error().message.en;
        for (auto const& x : r->syarat)
            if (x.kode == "pelatihan_dasar") return x;
        return Syarat{};
    };
    EXPECT_FALSE(item().terpenuhi);
    auto refused = m_svc->set_status(op, p->id, Status::Aktif, std::nullopt, a->version, kToday);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_NE(refused.error().message.id.find("pelatihan_dasar"), std::string::npos);

    hadir["psm9"] = {.tanggal = "2026-10-05", .sumber = "acara:7"};
    EXPECT_TRUE(item().terpenuhi);
    EXPECT_EQ(item().catatan, "2026-10-05 (hadir di acara 7)");
    auto ok = m_svc->set_status(op, p->id, Status::Aktif, std::nullopt, a->version, kToday);
    ASSERT_TRUE(ok) << ok.error().message.en;
    EXPECT_EQ(ok->pelatihan_sumber, "acara:7");
    // Derived on read, never written into the record.
    EXPECT_EQ(count(fmt::format("SELECT count(*) FROM pilar_sosial WHERE id = {} AND pelatihan_dasar IS NULL", p->id)), 1);
    // Attendance cannot be claimed by hand.
    auto claimed = m_svc->set_pelatihan_dasar(op, p->id, "2026-01-01", "acara:8");
    ASSERT_FALSE(claimed);
    EXPECT_EQ(claimed.error().field, "sumber");
}

TEST_F(WorkforceTest, ScopeTkskSeesTheirKecamatanPsmSeesSelf) {
    auto ani = psm("Ani", "psm1", {"001"});
    auto budi = psm("Budi", "psm9", {"002"});
    EXPECT_EQ(m_svc->list_pilar(tksk, {})->size(), 2u);
    EXPECT_TRUE(m_svc->list_pilar(tksk_other, {})->empty());
    auto hidden = m_svc->pilar(tksk_other, ani.id, kToday);
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, ErrorCode::NotFound);
    auto own = m_svc->list_pilar(psm1, {});
    ASSERT_EQ(own->size(), 1u);
    EXPECT_EQ(own->front().id, ani.id);
    EXPECT_EQ(m_svc->pilar(psm1, budi.id, kToday).error().code, ErrorCode::NotFound);
    auto mine = m_svc->saya(psm1, kToday);
    ASSERT_TRUE(mine && *mine);
    EXPECT_EQ((*mine)->id, ani.id);
    // An account the roster does not list: "no record", not an error.
    auto none = m_svc->saya(tksk, kToday);
    ASSERT_TRUE(none) << none.error().message.en;
    EXPECT_FALSE(none->has_value());
    // Writes are the office's.
    EXPECT_EQ(m_svc->create_pilar(tksk, {.jenis = "psm", .nama = "X", .kode_wilayah = std::string(kKel)}).error().code,
              ErrorCode::PermissionDenied);
    // The recap and ranking follow the same scope.
    EXPECT_EQ(m_svc->rekap(psm1, {.bulan = "2026-11"})->baris.size(), 1u);
    EXPECT_TRUE(m_svc->rekap(tksk_other, {.bulan = "2026-11"})->baris.empty());
    EXPECT_EQ(m_svc->peringkat(psm1, "2026-11", std::nullopt)->size(), 1u);
    EXPECT_EQ(m_svc->peringkat(tksk, "2026-11", std::nullopt)->size(), 2u);
    EXPECT_EQ(m_svc->cakupan(tksk_other, std::string(kKel), kToday).error().code, ErrorCode::NotFound);
}

TEST_F(WorkforceTest, RecapFiguresEqualTheRecordsAndIncentiveFollowsTheRule) {
    auto ani = psm("Ani", "psm1", {"001"});
    psm("Budi", std::nullopt, {"002"});
    for (auto d : {"2026-11-02", "2026-11-05", "2026-11-09", "2026-11-20"})
        ASSERT_TRUE(m_svc->create_laporan(psm1, report(d), kToday));
    ASSERT_TRUE(m_svc->create_laporan(psm1, report("2026-11-21", "rapat"), kToday));
    ASSERT_TRUE(m_svc->create_laporan(psm1, report("2026-10-31"), kToday));  // another month
    auto r = m_svc->rekap(op, {.bulan = "2026-11"});
    ASSERT_TRUE(r) << r.error().message.en;
    ASSERT_EQ(r->baris.size(), 2u);
    auto const& row = r->baris[0].pilar_id == ani.id ? r->baris[0] : r->baris[1];
    EXPECT_EQ(row.angka.at("laporan"),
              count("SELECT count(*) FROM laporan_kegiatan WHERE tanggal >= '2026-11-01' AND tanggal < '2026-12-01' AND pilar_id = " +
                    std::to_string(ani.id)));
    EXPECT_EQ(row.angka.at("laporan"), 5);
    EXPECT_EQ(row.angka.at("laporan.kunjungan_rumah"), 4);
    EXPECT_EQ(row.angka.at("laporan.rapat"), 1);
    EXPECT_EQ(row.angka.at("usulan_diajukan"), 3);
    EXPECT_TRUE(row.layak_insentif);
    EXPECT_EQ(row.insentif, 500000);
    EXPECT_EQ(r->total.at("laporan"), 5);
    EXPECT_EQ(r->layak, 1);
    auto const& other = r->baris[0].pilar_id == ani.id ? r->baris[1] : r->baris[0];
    EXPECT_FALSE(other.layak_insentif);
    EXPECT_TRUE(row.alasan.empty());
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "insentif_min_laporan", "6"));
    auto const after = m_svc->rekap(op, {.bulan = "2026-11"});
    auto const& ani_after = after->baris[0].pilar_id == ani.id ? after->baris[0] : after->baris[1];
    EXPECT_FALSE(ani_after.layak_insentif);
    ASSERT_EQ(ani_after.alasan.size(), 1u);
    EXPECT_EQ(ani_after.alasan[0].kode, "laporan");
    EXPECT_EQ(ani_after.alasan[0].jumlah, 5);
    EXPECT_EQ(ani_after.alasan[0].minimal, 6);
    EXPECT_EQ(ani_after.alasan_tidak_layak, std::vector<std::string>{"5 laporan (minimal 6)"});
    // The export carries the same figures.
    auto t = rekap_table(*r);
    ASSERT_EQ(t.rows.size(), 2u);
    auto col = std::find(t.header.begin(), t.header.end(), "laporan") - t.header.begin();
    std::set<std::string> values = {t.rows[0][col], t.rows[1][col]};
    EXPECT_EQ(values, (std::set<std::string>{"5", "0"}));
}

TEST_F(WorkforceTest, BadReportsAreRefusedAndWriteNothing) {
    psm("Ani", "psm1", {"001"});
    struct Case {
        LaporanInput in;
        std::string field;
    };
    std::vector<Case> cases = {
        {report("2026-12-05"), "tanggal"},
        {report("28-11-2026"), "tanggal"},
        {report("2026-11-05", "piknik"), "jenis"},
        {{.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "  "}, "uraian"},
        {{.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "x", .lat = -6.2}, "lon"},
        {{.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "x", .lat = 48.8, .lon = 2.3}, "lat"},
        {{.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "x", .kode_wilayah = std::string(kKel2)}, "kode_wilayah"},
        {{.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "x", .sasaran = {{1, std::nullopt}, {77, std::nullopt}}}, "sasaran[1]"},
    };
    for (auto const& c : cases) {
        auto r = m_svc->create_laporan(psm1, c.in, kToday);
        ASSERT_FALSE(r) << c.field;
        EXPECT_EQ(r.error().field, c.field) << r.error().message.en;
    }
    EXPECT_EQ(count("SELECT count(*) FROM laporan_kegiatan"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM laporan_kegiatan_sasaran"), 0);
    // A PSM without a roster record cannot file.
    EXPECT_EQ(m_svc->create_laporan(actor("psm7", Role::Psm, {"36.71.01.1001.002"}), report("2026-11-05"), kToday).error().code,
              ErrorCode::PermissionDenied);
    // A good one with targets (the households and the member exist: foreign keys), and its retry
    // by uid does not double it.
    {
        auto c = m_db->acquire().value();
        for (int id : {1, 2})
            ASSERT_TRUE(c->execute("INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, alamat, "
                                   "created_at, updated_at, created_by, updated_by, row_hash) VALUES (?, 'enc', ?, 'mask', ?, ?, "
                                   "'Jl. Mawar', 't', 't', 't', 't', 'x')",
                                   id, "bi" + std::to_string(id), kKel, std::string(kKel) + ".001"));
        ASSERT_TRUE(c->execute("INSERT INTO anggota (id, keluarga_id, nama, nama_cari, jenis_kelamin, hubungan, kode_wilayah, "
                               "created_at, updated_at, created_by, updated_by, row_hash) VALUES (5, 2, 'Siti', 'siti', 'P', "
                               "'kepala_keluarga', ?, 't', 't', 't', 't', 'x')",
                               std::string(kKel) + ".001"));
    }
    LaporanInput good = report("2026-11-05");
    good.uid = "0b7c1d2e-aaaa-4bbb-8ccc-123456789abc";
    good.sasaran = {{1, std::nullopt}, {2, 5}};
    auto first = m_svc->create_laporan(psm1, good, kToday);
    ASSERT_TRUE(first) << first.error().message.en;
    EXPECT_TRUE(first->created);
    auto again = m_svc->create_laporan(psm1, good, kToday);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->laporan.id, first->laporan.id);
    EXPECT_EQ(again->laporan.sasaran.size(), 2u);
    EXPECT_EQ(count("SELECT count(*) FROM laporan_kegiatan"), 1);
}

// A report lies where its author works: a PSM's RWs or their kelurahan. Before, a PSM (or the
// office filing for them) could place a report on the whole kecamatan or kota — outside the
// area they are assigned to, and out of their TKSK's sight (the TKSK reads their kecamatan's
// reports only, and a report on the kota is not inside it).
TEST_F(WorkforceTest, AReportLiesInsideItsAuthorsAssignedArea) {
    auto ani = psm("Ani", "psm1", {"001"});
    for (std::string kode : {"36.71", "36.71.01"}) {
        auto r = m_svc->create_laporan(psm1, {.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "Rapat", .kode_wilayah = kode}, kToday);
        ASSERT_FALSE(r) << kode << " is wider than the PSM's kelurahan";
        EXPECT_EQ(r.error().field, "kode_wilayah");
        auto by_office = m_svc->create_laporan(op, {.pilar_id = ani.id, .tanggal = "2026-11-05", .jenis = "rapat", .uraian = "Rapat",
                                                    .kode_wilayah = kode}, kToday);
        ASSERT_FALSE(by_office) << kode << " filed by the office for the PSM";
        EXPECT_EQ(by_office.error().field, "kode_wilayah");
    }
    EXPECT_EQ(count("SELECT count(*) FROM laporan_kegiatan"), 0);
    // Their RW and their kelurahan are theirs; and every report they file their TKSK sees.
    for (std::string kode : {std::string(kKel) + ".001", std::string(kKel)})
        ASSERT_TRUE(m_svc->create_laporan(psm1, {.tanggal = "2026-11-05", .jenis = "rapat", .uraian = "Rapat", .kode_wilayah = kode}, kToday))
            << kode;
    auto seen = m_svc->list_laporan(tksk, {});
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->size(), 2u);
}

// A score weight is a number from 0 to 100. Before, "nan" passed the range check (every
// comparison with NaN is false), was stored, and the rules and every ranking then answered
// NaN, which is not JSON: GET /api/v1/aturan-pilar-sosial and /api/v1/peringkat broke for all.
TEST_F(WorkforceTest, AScoreWeightThatIsNotANumberIsRefused) {
    auto before = m_svc->aturan(op, std::nullopt);
    ASSERT_TRUE(before);
    for (std::string bad : {"nan", "NaN", "-nan", "inf", "-inf", "1e999"}) {
        auto r = m_svc->set_aturan(op, std::nullopt, "bobot.kasus", bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().field, "nilai") << bad;
    }
    auto after = m_svc->aturan(op, std::nullopt);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->aturan.bobot, before->aturan.bobot);
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "bobot.kasus", "2.5"));
    EXPECT_EQ(m_svc->aturan(op, std::nullopt)->aturan.bobot.at("kasus"), 2.5);
}

// "Peringkat kota" is a rank among the kota's own PSMs. Before, it counted every active PSM in
// the database, so with a second kota a kota's best PSM could be ranked behind another kota's.
TEST_F(WorkforceTest, TheKotaRankIsAmongTheKotasOwnPsms) {
    load_kota72();
    auto ani = psm("Ani", "psm1", {"001"});  // 3 proposals x 2 = 6 (the fake source)
    auto budi = psm("Budi", std::nullopt, {"002"});
    // Dedi of 36.72, recorded by that kota's operator, scores above both.
    auto dedi = psm("Dedi", std::nullopt, {"001"}, "2027-12-31", kKel72, &op72);
    for (auto d : {"2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"})
        ASSERT_TRUE(m_svc->create_laporan(op72, {.pilar_id = dedi.id, .tanggal = d, .jenis = "rapat", .uraian = "Rapat RW"}, kToday));

    auto ours = m_svc->peringkat(op, "2026-11", std::nullopt);
    ASSERT_TRUE(ours) << ours.error().message.en;
    ASSERT_EQ(ours->size(), 2u);
    EXPECT_EQ((*ours)[0].pilar_id, ani.id);
    EXPECT_EQ((*ours)[0].peringkat_kota, 1);
    EXPECT_EQ((*ours)[1].pilar_id, budi.id);
    EXPECT_EQ((*ours)[1].peringkat_kota, 2);
    auto theirs = m_svc->peringkat(op72, "2026-11", std::nullopt);
    ASSERT_TRUE(theirs);
    ASSERT_EQ(theirs->size(), 1u);
    EXPECT_EQ(theirs->front().pilar_id, dedi.id);
    EXPECT_DOUBLE_EQ(theirs->front().skor, 7);
    EXPECT_EQ(theirs->front().peringkat_kota, 1);
}

TEST_F(WorkforceTest, RankingExplainsEachScore) {
    auto ani = psm("Ani", "psm1", {"001"});
    auto budi = psm("Budi", std::nullopt, {"002"});
    psm("Citra", std::nullopt, {"001"}, "2027-12-31", kKel2);
    for (auto d : {"2026-11-02", "2026-11-05"}) ASSERT_TRUE(m_svc->create_laporan(psm1, report(d), kToday));
    ASSERT_TRUE(m_svc->create_laporan(op, {.pilar_id = budi.id, .tanggal = "2026-11-03", .jenis = "rapat", .uraian = "Rapat RW"}, kToday));
    auto r = m_svc->peringkat(op, "2026-11", std::nullopt);
    ASSERT_TRUE(r) << r.error().message.en;
    ASSERT_EQ(r->size(), 3u);
    // Ani: 2 reports x 1 + 3 proposals x 2 = 8; Budi: 1; Citra: 0.
    EXPECT_EQ((*r)[0].pilar_id, ani.id);
    EXPECT_DOUBLE_EQ((*r)[0].skor, 8);
    EXPECT_EQ((*r)[0].peringkat_kota, 1);
    EXPECT_EQ((*r)[1].pilar_id, budi.id);
    EXPECT_EQ((*r)[1].peringkat_kota, 2);
    EXPECT_EQ((*r)[1].peringkat_kecamatan, 2);
    EXPECT_EQ((*r)[2].peringkat_kota, 3);
    for (auto const& p : *r) {
        double sum = 0;
        for (auto const& b : p.rincian) sum += b.skor;
        EXPECT_DOUBLE_EQ(sum, p.skor);
        EXPECT_EQ(p.rincian.size(), 7u);  // kasus and pelatihan are there at 0 until their sources come
    }
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "bobot.usulan_diajukan", "0"));
    EXPECT_DOUBLE_EQ(m_svc->peringkat(op, "2026-11", std::nullopt)->front().skor, 2);
    EXPECT_FALSE(m_svc->peringkat(op, "2026-13", std::nullopt));
}

AturanBaris baris(AturanKota const& k, std::string_view kunci) {
    for (auto const& b : k.daftar)
        if (b.def.kunci == kunci) return b;
    ADD_FAILURE() << "no rule " << kunci;
    return {};
}

// One database, two kota: each office sets its own incentive and each kota's recap pays its own.
// Before, the rules were one table for the whole database: 36.72's operator setting the incentive
// changed 36.71's recap too.
TEST_F(WorkforceTest, EachKotaHasItsOwnRules) {
    load_kota72();
    auto ani = psm("Ani", "psm1", {"001"});
    auto dedi = psm("Dedi", std::nullopt, {"001"}, "2027-12-31", kKel72, &op72);
    for (auto [who, nominal] : {std::pair{&op, "750000"}, std::pair{&op72, "600000"}}) {
        ASSERT_TRUE(m_svc->set_aturan(*who, std::nullopt, "insentif_min_laporan", "0"));
        auto r = m_svc->set_aturan(*who, std::nullopt, "insentif_nominal", nominal);
        ASSERT_TRUE(r) << r.error().message.en;
    }
    auto ours = m_svc->rekap(op, {.bulan = "2026-11"});
    ASSERT_TRUE(ours) << ours.error().message.en;
    ASSERT_EQ(ours->baris.size(), 1u);
    EXPECT_EQ(ours->baris[0].pilar_id, ani.id);
    EXPECT_EQ(ours->baris[0].insentif, 750000);
    auto theirs = m_svc->rekap(op72, {.bulan = "2026-11"});
    ASSERT_TRUE(theirs);
    ASSERT_EQ(theirs->baris.size(), 1u);
    EXPECT_EQ(theirs->baris[0].pilar_id, dedi.id);
    EXPECT_EQ(theirs->baris[0].insentif, 600000);
    // The console's recap of both pays each row by its own kota's rule.
    auto all = m_svc->rekap(Actor::system("t"), {.bulan = "2026-11"});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->total_insentif, 750000 + 600000);

    // Each office reads its own kota's rules, with the default and who changed it.
    auto k = m_svc->aturan(op, std::nullopt);
    ASSERT_TRUE(k);
    EXPECT_EQ(k->kode_kota, "36.71");
    auto b = baris(*k, "insentif_nominal");
    EXPECT_EQ(b.nilai, 750000);
    EXPECT_EQ(b.bawaan, 500000);
    EXPECT_EQ(b.updated_by, "op");
    EXPECT_FALSE(baris(*k, "usia_minimal").updated_by);
    EXPECT_EQ(baris(*m_svc->aturan(op72, std::nullopt), "insentif_nominal").nilai, 600000);
    // An account of a kecamatan or an RW belongs to its kota.
    EXPECT_EQ(m_svc->aturan(tksk, std::nullopt)->kode_kota, "36.71");
    EXPECT_EQ(baris(*m_svc->aturan(psm1, std::string("36.71")), "insentif_nominal").nilai, 750000);

    // Another kota's rules are not there for an office to read (404); changing them names a region
    // outside the office's area (403 at kode_kota, like every such write).
    auto read = m_svc->aturan(op, std::string("36.72"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::NotFound);
    auto write = m_svc->set_aturan(op, std::string("36.72"), "insentif_nominal", "1");
    ASSERT_FALSE(write);
    EXPECT_EQ(write.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(write.error().field, "kode_kota");
    EXPECT_EQ(baris(*m_svc->aturan(op72, std::nullopt), "insentif_nominal").nilai, 600000);
    EXPECT_EQ(m_svc->aturan(tksk, std::string("36.72")).error().code, ErrorCode::NotFound);

    // The console names the kota; a kecamatan code or an unknown kota is refused.
    auto console = Actor::system("cli:test");
    EXPECT_EQ(m_svc->aturan(console, std::nullopt).error().field, "kode_kota");
    EXPECT_EQ(m_svc->aturan(console, std::string("36.71.01")).error().field, "kode_kota");
    EXPECT_EQ(m_svc->aturan(console, std::string("36.99")).error().code, ErrorCode::NotFound);
    ASSERT_TRUE(m_svc->set_aturan(console, std::string("3672"), "insentif_nominal", "650000"));
    EXPECT_EQ(baris(*m_svc->aturan(op72, std::nullopt), "insentif_nominal").updated_by, "cli:test");
    EXPECT_EQ(m_svc->rekap(op, {.bulan = "2026-11"})->baris[0].insentif, 750000);

    // Every change is audited with its kota.
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'workforce.aturan' AND entity_id = '36.72:insentif_nominal'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'workforce.aturan' AND entity_id = '36.71:insentif_nominal' "
                    "AND before_json LIKE '%500000%' AND after_json LIKE '%750000%'"),
              1);
}

// The checklist, the coverage window, the ground-check deadline and the score weights of a record
// are its own kota's.
TEST_F(WorkforceTest, EveryComputationUsesTheRulesOfItsKota) {
    load_kota72();
    auto ani = psm("Ani", "psm1", {"001"});
    auto dedi = psm("Dedi", std::nullopt, {"001"}, "2026-12-20", kKel72, &op72);  // born 1990: 36
    ASSERT_TRUE(m_svc->set_aturan(op72, std::nullopt, "usia_minimal", "40"));
    ASSERT_TRUE(m_svc->set_aturan(op72, std::nullopt, "periksa_tenggat_hari", "7"));
    ASSERT_TRUE(m_svc->set_aturan(op72, std::nullopt, "sk_peringatan_hari", "10"));
    ASSERT_TRUE(m_svc->set_aturan(op72, std::nullopt, "bobot.laporan", "5"));
    ASSERT_TRUE(m_svc->create_laporan(op72, {.pilar_id = dedi.id, .tanggal = "2026-11-02", .jenis = "rapat", .uraian = "Rapat RW"}, kToday));
    ASSERT_TRUE(m_svc->create_laporan(psm1, report("2026-11-02"), kToday));

    auto usia = [&](Actor const& who, std::int64_t id) {
        auto p = m_svc->pilar(who, id, kToday);
        for (auto const& x : p->syarat)
            if (x.kode == "usia") return x.terpenuhi;
        return false;
    };
    EXPECT_TRUE(usia(op, ani.id));
    EXPECT_FALSE(usia(op72, dedi.id));
    EXPECT_EQ(m_svc->cakupan(op72, std::string("36.72"), kToday)->sk_peringatan_hari, 10);
    EXPECT_TRUE(m_svc->cakupan(op72, std::string("36.72"), kToday)->sk_berakhir.empty()) << "22 days left, window 10";
    EXPECT_EQ(m_svc->cakupan(op, std::string("36.71"), kToday)->sk_peringatan_hari, 60);

    m_tenggat_asked.clear();
    auto r = m_svc->peringkat(Actor::system("t"), "2026-11", std::nullopt);
    ASSERT_TRUE(r) << r.error().message.en;
    EXPECT_EQ(m_tenggat_asked, (std::set<int>{14, 7})) << "each kota's sources are counted under its own deadline";
    for (auto const& p : *r) {
        auto laporan = std::find_if(p.rincian.begin(), p.rincian.end(), [](auto const& x) { return x.indikator == "laporan"; });
        ASSERT_NE(laporan, p.rincian.end());
        EXPECT_EQ(laporan->bobot, p.pilar_id == dedi.id ? 5 : 1) << p.nama;
    }
}

// A value is checked against its rule's kind and range; a bad one names the rule in both
// languages and changes nothing.
TEST_F(WorkforceTest, ABadRuleValueIsRefusedAndChangesNothing) {
    for (auto [kunci, nilai] : std::initializer_list<std::pair<char const*, char const*>>{
             {"usia_minimal", "14"}, {"usia_minimal", "abc"}, {"usia_minimal", ""}, {"usia_minimal", "20.5"},
             {"larang_ketua_rt_rw", "2"}, {"insentif_nominal", "-1"}, {"insentif_nominal", "500000 rupiah"}, {"insentif_nominal", "500.000"},
             {"tksk_masa_tahun", "6"}, {"bobot.laporan", "100.5"}}) {
        auto r = m_svc->set_aturan(op, std::nullopt, kunci, nilai);
        ASSERT_FALSE(r) << kunci << "=" << nilai;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().field, "nilai");
        EXPECT_NE(r.error().message.id.find(kunci), std::string::npos) << r.error().message.id;
        EXPECT_NE(r.error().message.en.find(kunci), std::string::npos) << r.error().message.en;
    }
    auto unknown = m_svc->set_aturan(op, std::nullopt, "bobot.tidak_ada", "1");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "kunci");
    EXPECT_EQ(count("SELECT count(*) FROM workforce_aturan_kota"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'workforce.aturan'"), 0);
    // Good values are stored as read back: " 21 " is 21, "2.50" is 2.5.
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "usia_minimal", " 21 "));
    ASSERT_TRUE(m_svc->set_aturan(op, std::nullopt, "bobot.kasus", "2.50"));
    auto k = m_svc->aturan(op, std::nullopt);
    EXPECT_EQ(k->aturan.usia_minimal, 21);
    EXPECT_EQ(k->aturan.bobot.at("kasus"), 2.5);
    EXPECT_EQ(count("SELECT count(*) FROM workforce_aturan_kota WHERE kode_kota = '36.71' AND nilai IN ('21', '2.5')"), 2);
}

TEST(Periode, MonthsAndYears) {
    EXPECT_EQ(periode_of("2026-12")->sampai, "2027-01-01");
    EXPECT_EQ(periode_of("2026")->dari, "2026-01-01");
    EXPECT_FALSE(periode_of("2026-1"));
    EXPECT_FALSE(periode_of("1899"));
    EXPECT_EQ(periode_of("x", "periode").error().field, "periode");
}

}  // namespace
}  // namespace pilar::workforce
