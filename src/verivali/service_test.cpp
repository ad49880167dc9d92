// The service against a real (temporary) SQLite database with the embedded migrations. Households
// come from a fake HouseholdLookup backed by keluarga rows inserted with plain SQL (the foreign
// keys need them), so these tests do not depend on the registry's implementation.
#include "verivali/service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <map>

#include "builtin_migrations.hpp"
#include "core/clock.hpp"
#include "db/migrate.hpp"
#include "verivali/attachment.hpp"
#include "verivali/special_fields.hpp"
#include "verivali/workflow.hpp"

namespace pilar::verivali {
namespace {

namespace fs = std::filesystem;
using namespace std::literals;
using S = Status;

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}
// A 1x1 PNG, and the same with a tEXt chunk holding a GPS position.
std::string const kPng = from_hex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");
std::string const kPngTagged = from_hex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000001c74455874436f6d6d656e7400475053202d362e31373831203130362e36333139a1e34c300000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");
constexpr std::string_view kPdf = "%PDF-1.4\n%minutes\n";

Actor actor(std::string name, Role role, std::vector<std::string> scope) {
    Actor a;
    a.user_id = 1;
    a.username = std::move(name);
    a.role = role;
    for (auto const& s : scope) a.scope.push_back(*WilayahCode::parse(s));
    return a;
}

// Households by id, scoped like the registry: outside the caller's area is NotFound.
struct FakeLookup : HouseholdLookup {
    std::map<std::int64_t, Household> households;
    std::map<std::int64_t, std::int64_t> members;  // anggota -> keluarga
    std::map<std::string, std::int64_t> by_kk;

    Result<Household> keluarga(Actor const& a, std::int64_t id) override {
        auto it = households.find(id);
        if (it == households.end() || !a.in_scope(*WilayahCode::parse(it->second.kode_wilayah)))
            return fail(ErrorCode::NotFound, {"Keluarga tidak ditemukan", "Household not found"});
        return it->second;
    }
    Result<std::int64_t> keluarga_of_anggota(Actor const& a, std::int64_t id) override {
        auto it = members.find(id);
        if (it == members.end()) return fail(ErrorCode::NotFound, {"Anggota tidak ditemukan", "Member not found"});
        PILAR_TRY(keluarga(a, it->second));
        return it->second;
    }
    Result<std::optional<Household>> keluarga_by_no_kk(Actor const& a, std::string_view no_kk) override {
        auto it = by_kk.find(std::string(no_kk));
        if (it == by_kk.end()) return std::optional<Household>{};
        auto h = keluarga(a, it->second);
        if (!h) return std::optional<Household>{};
        return std::optional<Household>(*h);
    }
    Result<std::vector<Household>> matching(Actor const& a, HouseholdFilter const& f, std::size_t) override {
        std::vector<Household> out;
        auto under = *WilayahCode::parse(f.kode_wilayah);
        for (auto const& [id, h] : households) {
            auto code = *WilayahCode::parse(h.kode_wilayah);
            if (!under.contains(code) || !a.in_scope(code)) continue;
            if (f.desil_min && (!h.desil || *h.desil < *f.desil_min)) continue;
            if (f.desil_max && (!h.desil || *h.desil > *f.desil_max)) continue;
            out.push_back(h);
        }
        return out;
    }
    Result<std::vector<Orang>> orang(Actor const& a, std::int64_t keluarga_id, std::optional<std::int64_t> anggota_id) override {
        auto h = PILAR_TRY(keluarga(a, keluarga_id));
        std::vector<Orang> out;
        auto person = [&](std::int64_t id, std::string nama, std::string hubungan) {
            return Orang{.anggota_id = id, .nik = fmt::format("3671011234{:06d}", id), .no_kk = "3671010101200001",
                         .nama = std::move(nama), .jenis_kelamin = "L", .tanggal_lahir = "1980-01-01",
                         .hubungan = std::move(hubungan), .alamat = "Jl. Mawar", .rt = "001", .rw = "002",
                         .kode_kelurahan = h.kode_wilayah.substr(0, 13)};
        };
        if (anggota_id) {
            out.push_back(person(*anggota_id, "ANGGOTA " + std::to_string(*anggota_id), "anak"));
        } else {
            for (auto const& [aid, kid] : members)
                if (kid == keluarga_id) out.push_back(person(aid, "ANGGOTA " + std::to_string(aid), "anak"));
            out.insert(out.begin(), person(keluarga_id * 1000, "KEPALA " + std::to_string(keluarga_id), "kepala_keluarga"));
        }
        return out;
    }
};

struct FakePetugas : PetugasDirectory {
    std::vector<Petugas> list;
    Result<std::vector<Petugas>> psm() override { return list; }
};

class VerivaliTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-verivali-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, migrations_until(m_schema)));
        auto c = m_db->acquire().value();
        auto now = utc_now_iso();
        for (auto [kode, tingkat, induk] : {std::tuple{"36", "provinsi", ""}, {"36.71", "kota", "36"},
                                           {"36.71.01", "kecamatan", "36.71"}, {"36.71.02", "kecamatan", "36.71"},
                                           {"36.71.01.1001", "kelurahan", "36.71.01"},
                                           {"36.71.01.1002", "kelurahan", "36.71.01"},
                                           {"36.71.02.1001", "kelurahan", "36.71.02"}})
            ASSERT_TRUE(c->execute("INSERT INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, "
                                   "updated_at) VALUES (?, ?, ?, ?, ?, 'test', ?, ?)",
                                   kode, kode, tingkat, *induk ? std::optional<std::string>(induk) : std::nullopt, kode,
                                   now, now));
        // 1: an RT in RW 001 of kelurahan 1001; 2: RW 002; 3: kelurahan 1002 RW 001;
        // 4: another kecamatan; 5: RW 001 of 1001 again (desil 7); 6: kelurahan 1001 without RW.
        add_household(1, "36.71.01.1001", "36.71.01.1001.001.003", 2, "3671010101010001");
        add_household(2, "36.71.01.1001", "36.71.01.1001.002", 3, "3671010101010002");
        add_household(3, "36.71.01.1002", "36.71.01.1002.001", 1, "3671010101010003");
        add_household(4, "36.71.02.1001", "36.71.02.1001.001", 4, "3671020101010004");
        add_household(5, "36.71.01.1001", "36.71.01.1001.001", 7, "3671010101010005");
        add_household(6, "36.71.01.1001", "36.71.01.1001", 2, "3671010101010006");
        ASSERT_TRUE(c->execute("INSERT INTO anggota (id, keluarga_id, nama, nama_cari, jenis_kelamin, hubungan, "
                               "kode_wilayah, created_at, updated_at, created_by, updated_by, row_hash) VALUES "
                               "(11, 1, 'Siti', 'siti', 'P', 'kepala_keluarga', '36.71.01.1001.001.003', ?, ?, 't', 't', 'x')",
                               now, now));
        m_lookup.members[11] = 1;
        m_petugas.list = {{"psm1", {*WilayahCode::parse("36.71.01.1001.001")}},
                          {"psm1b", {*WilayahCode::parse("36.71.01.1001.001")}},
                          {"psm2", {*WilayahCode::parse("36.71.01.1001.002")}}};
    }
    void TearDown() override {
        m_svc.reset();
        m_db.reset();
        fs::remove_all(m_dir);
    }

    void add_household(std::int64_t id, std::string kel, std::string kode, int desil, std::string kk) {
        auto c = m_db->acquire().value();
        auto now = utc_now_iso();
        ASSERT_TRUE(c->execute("INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, "
                               "alamat, desil, created_at, updated_at, created_by, updated_by, row_hash) VALUES "
                               "(?, 'enc', ?, 'mask', ?, ?, 'Jl. Mawar', ?, ?, ?, 't', 't', 'x')",
                               id, fmt::format("bi{}", id), kel, kode, desil, now, now));
        m_lookup.households[id] = {.id = id, .kode_wilayah = kode, .desil = desil, .no_kk_mask = kk.substr(0, 4) + "********" + kk.substr(12)};
        m_lookup.by_kk[kk] = id;
    }

    // The embedded migrations up to `version` (a database as an older binary left it).
    std::span<const db::Migration> migrations_until(int version) {
        auto all = builtin_migrations(m_db->dialect());
        auto end = std::find_if(all.begin(), all.end(), [&](auto const& m) { return m.version > version; });
        return all.subspan(0, static_cast<std::size_t>(end - all.begin()));
    }

    VerivaliService& svc() {
        if (!m_svc) m_svc = std::make_unique<VerivaliService>(*m_db, m_lookup, m_petugas);
        return *m_svc;
    }
    std::int64_t count(std::string const& sql) {
        return m_db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1);
    }

    Usulan create(Actor const& who, std::int64_t keluarga = 1) {
        auto r = svc().create_usulan(who, {.jenis = "penghapusan", .alasan = "meninggal", .keluarga_id = keluarga});
        EXPECT_TRUE(r) << r.error().describe(Lang::En);
        return r->usulan;
    }
    std::int64_t notulen(std::string kel = "36.71.01.1001") {
        auto l = svc().add_lampiran(m_operator, {.pemilik = Pemilik::Musyawarah, .kode_wilayah = kel, .bytes = kPdf});
        EXPECT_TRUE(l) << l.error().describe(Lang::En);
        return l->id;
    }
    // Everything a move could need, so that a refusal is only ever about state, role or scope.
    TransitionInput full(S ke) {
        return {.ke = ke, .catatan = "catatan", .hasil_periksa = 1, .lat = -6.17, .lon = 106.63,
                .jawaban_json = R"({"lantai":"keramik"})", .musyawarah_id = m_musyawarah};
    }
    void move(Usulan& u, S ke) {
        auto who = ke == S::Ditinjau || ke == S::Dikembalikan ? m_tksk : ke == S::Dibatalkan ? m_psm1 : m_operator;
        Result<Usulan> r;
        if (ke == S::Dimusyawarahkan) {
            auto m = svc().create_musyawarah(m_operator, {.nomor_berita_acara = fmt::format("BA/{}", ++m_nomor),
                                                          .tanggal = "2025-01-15", .notulen_lampiran_id = notulen(),
                                                          .usulan_ids = {u.id}});
            ASSERT_TRUE(m) << m.error().describe(Lang::En);
            r = svc().usulan(m_operator, u.id);
        } else {
            r = svc().transition(who, u.id, full(ke));
        }
        ASSERT_TRUE(r) << status_name(u.status) << " -> " << status_name(ke) << ": " << r.error().describe(Lang::En);
        u = *r;
    }
    // A fresh proposal of psm1 (household 1), driven to `target` along the legal path.
    Usulan at(S target) {
        static std::map<S, std::vector<S>> const paths = {
            {S::Draft, {}},
            {S::Diajukan, {S::Diajukan}},
            {S::Dikembalikan, {S::Diajukan, S::Dikembalikan}},
            {S::Ditinjau, {S::Diajukan, S::Ditinjau}},
            {S::Diverifikasi, {S::Diajukan, S::Ditinjau, S::Diverifikasi}},
            {S::Dimusyawarahkan, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan}},
            {S::Disetujui, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui}},
            {S::Ditolak, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Ditolak}},
            {S::Diekspor, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui, S::Diekspor}},
            {S::Diterima, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui, S::Diekspor, S::Diterima}},
            {S::Padan, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui, S::Diekspor, S::Padan}},
            {S::TidakPadan, {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui, S::Diekspor, S::TidakPadan}},
            {S::Dibatalkan, {S::Dibatalkan}},
        };
        auto u = create(m_psm1);
        for (auto s : paths.at(target)) move(u, s);
        EXPECT_EQ(u.status, target);
        return u;
    }

    int m_schema = std::numeric_limits<int>::max();
    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
    FakeLookup m_lookup;
    FakePetugas m_petugas;
    std::unique_ptr<VerivaliService> m_svc;
    int m_nomor = 0;
    std::optional<std::int64_t> m_musyawarah;

    Actor m_psm1 = actor("psm1", Role::Psm, {"36.71.01.1001.001"});
    Actor m_psm1b = actor("psm1b", Role::Psm, {"36.71.01.1001.001"});
    Actor m_psm2 = actor("psm2", Role::Psm, {"36.71.01.1001.002"});
    Actor m_tksk = actor("tksk", Role::Tksk, {"36.71.01"});
    Actor m_tksk2 = actor("tksk2", Role::Tksk, {"36.71.02"});
    Actor m_operator = actor("operator", Role::Operator, {"36.71"});
    Actor m_kepala = actor("kepala", Role::Kepala, {"36.71"});
    Actor m_admin = actor("admin", Role::Admin, {"36.71"});
};

// The issue's test: every (from, to) pair. Illegal moves are a Conflict naming the current
// state, for everyone in scope; legal ones succeed for exactly the roles of the table (the
// author, for a cancel) and are PermissionDenied for the rest; outside the scope everything is
// NotFound. Nothing refused changes the proposal.
TEST_F(VerivaliTest, EveryTransitionPairIsEnforcedForEveryRoleAndScope) {
    // A standing musyawarah of kelurahan 1001 for moves to dimusyawarahkan through /transisi.
    m_musyawarah = svc().create_musyawarah(m_operator, {.nomor_berita_acara = "BA/0", .tanggal = "2025-01-10",
                                                        .notulen_lampiran_id = notulen(),
                                                        .usulan_ids = {at(S::Diverifikasi).id}})
                       ->id;
    std::vector<std::pair<Actor const*, bool>> in_scope = {{&m_psm1, true}, {&m_tksk, true}, {&m_operator, true},
                                                           {&m_kepala, true}, {&m_admin, true}};
    int legal_checked = 0, illegal_checked = 0;
    for (int f = 0; f < kStatusCount; ++f) {
        auto from = static_cast<S>(f);
        auto standing = at(from);  // refused attempts leave it where it is
        for (int t = 0; t < kStatusCount; ++t) {
            auto to = static_cast<S>(t);
            auto const* rule = find_transition(from, to);
            for (auto const* outsider : {&m_psm2, &m_tksk2}) {
                auto r = svc().transition(*outsider, standing.id, full(to));
                ASSERT_FALSE(r);
                EXPECT_EQ(r.error().code, ErrorCode::NotFound) << outsider->username;
            }
            for (auto [who, _] : in_scope) {
                bool may = rule && role_allowed(*rule, who->role) &&
                           (!(rule->needs & kOnlyCreator) || who->username == standing.created_by);
                if (!may) {
                    auto r = svc().transition(*who, standing.id, full(to));
                    ASSERT_FALSE(r) << status_name(from) << " -> " << status_name(to) << " as " << who->username;
                    if (!rule) {
                        EXPECT_EQ(r.error().code, ErrorCode::Conflict) << status_name(from) << " -> " << status_name(to);
                        EXPECT_NE(r.error().message.en.find(std::string(status_name(from))), std::string::npos);
                        ++illegal_checked;
                    } else {
                        EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied)
                            << status_name(from) << " -> " << status_name(to) << " as " << who->username;
                    }
                    continue;
                }
                auto fresh = at(from);
                auto r = svc().transition(*who, fresh.id, full(to));
                ASSERT_TRUE(r) << status_name(from) << " -> " << status_name(to) << " as " << who->username << ": "
                               << r.error().describe(Lang::En);
                EXPECT_EQ(r->status, to);
                EXPECT_EQ(r->version, fresh.version + 1);
                ++legal_checked;
            }
        }
        auto after = svc().usulan(m_operator, standing.id).value();
        EXPECT_EQ(after.status, from);
        EXPECT_EQ(after.version, standing.version);
    }
    EXPECT_GT(illegal_checked, 13 * 13 - 14);
    EXPECT_GE(legal_checked, 14);
}

TEST_F(VerivaliTest, MovesRequireTheirFields) {
    auto u = at(S::Diajukan);
    auto r = svc().transition(m_tksk, u.id, {.ke = S::Dikembalikan});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().field, "catatan");
    r = svc().transition(m_tksk, u.id, {.ke = S::Dikembalikan, .catatan = "   "});
    EXPECT_EQ(r.error().field, "catatan");

    auto v = at(S::Ditinjau);
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .lat = -6.1, .lon = 106.6});
    EXPECT_EQ(r.error().field, "hasil_periksa");
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .hasil_periksa = 7, .lat = -6.1, .lon = 106.6});
    EXPECT_EQ(r.error().field, "hasil_periksa");
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .hasil_periksa = 2});
    EXPECT_EQ(r.error().field, "lat");
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .hasil_periksa = 2, .lat = 51.5, .lon = -0.1});
    EXPECT_EQ(r.error().field, "lat");
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .hasil_periksa = 2, .lat = -6.1, .lon = 106.6,
                                        .jawaban_json = "[1]"});
    EXPECT_EQ(r.error().field, "jawaban");
    r = svc().transition(m_psm1, v.id, {.ke = S::Diverifikasi, .hasil_periksa = 2, .lat = -6.1, .lon = 106.6,
                                        .jawaban_json = R"({"catatan":"rumah kosong"})"});
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->hasil_periksa, 2);
    EXPECT_EQ(r->periksa_oleh, "psm1");

    auto w = at(S::Diverifikasi);
    r = svc().transition(m_operator, w.id, {.ke = S::Dimusyawarahkan});
    EXPECT_EQ(r.error().field, "musyawarah_id");

    // A stale version is a conflict even for a legal move.
    auto x = at(S::Draft);
    r = svc().transition(m_psm1, x.id, {.ke = S::Diajukan, .version = x.version + 5});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(svc().transition(m_psm1, x.id, {.ke = S::Diajukan, .version = x.version}));
}

TEST_F(VerivaliTest, OnlyTheAuthorCancelsAndOperatorsMayProposeToo) {
    auto mine = create(m_operator);
    auto r = svc().transition(m_psm1, mine.id, {.ke = S::Dibatalkan});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    EXPECT_TRUE(svc().transition(m_operator, mine.id, {.ke = S::Dibatalkan}));
}

TEST_F(VerivaliTest, CreateValidatesKindReasonAndScope) {
    auto r = svc().create_usulan(m_psm1, {.jenis = "penghapusan", .keluarga_id = 1});
    EXPECT_EQ(r.error().field, "alasan");
    r = svc().create_usulan(m_psm1, {.jenis = "penghapusan", .alasan = "bosan", .keluarga_id = 1});
    EXPECT_EQ(r.error().field, "alasan");
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .alasan = "pindah", .keluarga_id = 1, .isi_json = R"({"a":1})"});
    EXPECT_EQ(r.error().field, "alasan");
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1, .isi_json = R"({"nik":"3671014507900001"})"});
    ASSERT_FALSE(r);  // identity numbers are not written into a proposal in clear
    EXPECT_EQ(r.error().field, "isi.nik");
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1, .isi_json = R"({"penyakit_kronis":"diabetes"})"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "isi.penyakit_kronis");
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1});
    EXPECT_EQ(r.error().field, "isi");
    r = svc().create_usulan(m_psm1, {.jenis = "mutasi", .keluarga_id = 1});
    EXPECT_EQ(r.error().field, "jenis");
    r = svc().create_usulan(m_psm1, {.jenis = "ppks", .keluarga_id = 1, .isi_json = R"({"ppks":[3]})"});
    EXPECT_EQ(r.error().field, "anggota_id");
    r = svc().create_usulan(m_psm1, {.jenis = "ppks", .keluarga_id = 1, .anggota_id = 11, .isi_json = R"({"ppks":[27]})"});
    EXPECT_EQ(r.error().field, "isi.ppks");
    r = svc().create_usulan(m_psm1, {.jenis = "ppks", .keluarga_id = 2, .anggota_id = 11, .isi_json = R"({"ppks":[3]})"});
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);  // household 2 is in RW 002
    r = svc().create_usulan(m_psm1, {.jenis = "ppks", .keluarga_id = 1, .anggota_id = 11, .isi_json = R"({"ppks":[3, 9]})"});
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->usulan.kode_wilayah, "36.71.01.1001.001.003");
    EXPECT_EQ(r->usulan.status, S::Draft);
    EXPECT_EQ(r->usulan.created_by, "psm1");

    r = svc().create_usulan(m_tksk, {.jenis = "penghapusan", .alasan = "pindah", .keluarga_id = 1});
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    r = svc().create_usulan(m_psm1, {.jenis = "penghapusan", .alasan = "pindah", .keluarga_id = 99});
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);
}

TEST_F(VerivaliTest, AnOfflineRetryWithTheSameUidFindsTheFirstProposal) {
    UsulanInput in{.uid = "5f1c1a9e-0b7e-4d0c-9a57-3c2b1f7f0a11", .jenis = "keluarga_baru", .keluarga_id = 1};
    auto a = svc().create_usulan(m_psm1, in).value();
    auto b = svc().create_usulan(m_psm1, in).value();
    EXPECT_TRUE(a.created);
    EXPECT_FALSE(b.created);
    EXPECT_EQ(a.usulan.id, b.usulan.id);
    EXPECT_EQ(count("SELECT count(*) FROM usulan"), 1);
    auto other = svc().create_usulan(m_psm2, {.uid = in.uid, .jenis = "keluarga_baru", .keluarga_id = 2});
    EXPECT_EQ(other.error().code, ErrorCode::AlreadyExists);
}

TEST_F(VerivaliTest, IdentityNumbersAndSpecialDataAreRefusedAtAnyDepthOfTheContent) {
    // A list of members, an object inside it, an object inside an object: each is refused, and the
    // error names where the field is, in both languages.
    auto r = svc().create_usulan(
        m_psm1, {.jenis = "perubahan", .keluarga_id = 1,
                 .isi_json = R"({"anggota":[{"nama":"Ani"},{"nama":"Budi"},{"nama":"Sri","nik":"3671014507900001"}]})"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().field, "isi.anggota[2].nik");
    EXPECT_NE(r.error().describe(Lang::Id).find("isi.anggota[2].nik"), std::string::npos) << r.error().describe(Lang::Id);
    EXPECT_NE(r.error().describe(Lang::En).find("isi.anggota[2].nik"), std::string::npos) << r.error().describe(Lang::En);
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1,
                                     .isi_json = R"({"kesehatan":{"kepala":{"penyakit_kronis":"diabetes"}}})"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "isi.kesehatan.kepala.penyakit_kronis");
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1,
                                     .isi_json = R"({"catatan":[[{"x":[{"no_kk":"3671010101250001"}]}]]})"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "isi.catatan[0][0].x[0].no_kk");
    // An edit is held to the same rule.
    auto u = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1,
                                          .isi_json = R"({"anggota":[{"nama":"Sri","pekerjaan":"buruh"}]})"});
    ASSERT_TRUE(u) << u.error().describe(Lang::En);
    auto e = svc().update_usulan(m_psm1, u->usulan.id,
                                 {.isi_json = R"({"anggota":[{"nama":"Sri","disabilitas_jenis":"netra"}]})"},
                                 u->usulan.version);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().field, "isi.anggota[0].disabilitas_jenis");
    // A body nested deeper than the JSON parser allows is refused as a whole, not walked.
    std::string deep = R"({"a":)";
    for (int i = 0; i < 5000; ++i) deep += "[";
    for (int i = 0; i < 5000; ++i) deep += "]";
    deep += "}";
    r = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1, .isi_json = deep});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "isi");
    EXPECT_EQ(count("SELECT count(*) FROM usulan"), 1);
}

TEST_F(VerivaliTest, EditsOnlyWhileTheProposalIsTheAuthorsAndWithTheCurrentVersion) {
    auto u = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1, .isi_json = R"({"alamat":"Jl. A"})"})
                 .value()
                 .usulan;
    auto e = svc().update_usulan(m_psm1, u.id, {.isi_json = R"({"alamat":"Jl. B"})"}, u.version);
    ASSERT_TRUE(e) << e.error().describe(Lang::En);
    EXPECT_EQ(e->isi_json, R"({"alamat":"Jl. B"})");
    auto stale = svc().update_usulan(m_psm1, u.id, {.isi_json = R"({"alamat":"Jl. C"})"}, u.version);
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(svc().update_usulan(m_psm2, u.id, {.isi_json = "{}"}, e->version).error().code, ErrorCode::NotFound);
    ASSERT_TRUE(svc().transition(m_psm1, u.id, {.ke = S::Diajukan}));
    auto late = svc().update_usulan(m_psm1, u.id, {.isi_json = R"({"alamat":"Jl. D"})"}, e->version + 1);
    EXPECT_EQ(late.error().code, ErrorCode::Conflict);
    EXPECT_NE(late.error().message.en.find("diajukan"), std::string::npos);
}

TEST_F(VerivaliTest, EachRoleQueueHoldsWhatWaitsForItInItsArea) {
    auto draft1 = create(m_psm1);
    auto draft1b = create(m_psm1b);
    auto submitted = create(m_psm1);
    ASSERT_TRUE(svc().transition(m_psm1, submitted.id, {.ke = S::Diajukan}));
    auto verified = at(S::Diverifikasi);
    auto ids = [&](Actor const& a) {
        std::vector<std::int64_t> out;
        auto page = svc().list_usulan(a, {.antrian_saya = true}).value();
        for (auto const& u : page.items) out.push_back(u.id);
        return out;
    };
    EXPECT_EQ(ids(m_psm1), std::vector<std::int64_t>{draft1.id});  // not psm1b's draft
    EXPECT_EQ(ids(m_psm1b), std::vector<std::int64_t>{draft1b.id});
    EXPECT_EQ(ids(m_psm2), std::vector<std::int64_t>{});
    EXPECT_EQ(ids(m_tksk), (std::vector<std::int64_t>{submitted.id, verified.id}));
    EXPECT_EQ(ids(m_tksk2), std::vector<std::int64_t>{});
    EXPECT_EQ(ids(m_operator), std::vector<std::int64_t>{verified.id});
    EXPECT_EQ(ids(m_kepala), std::vector<std::int64_t>{});

    // Plain lists: every state in scope, with filters and a keyset cursor.
    auto all = svc().list_usulan(m_operator, {.limit = 2}).value();
    ASSERT_EQ(all.items.size(), 2u);
    ASSERT_TRUE(all.next);
    auto rest = svc().list_usulan(m_operator, {.after = all.next, .limit = 2}).value();
    ASSERT_EQ(rest.items.size(), 2u);
    EXPECT_GT(rest.items.front().id, all.items.back().id);
    EXPECT_EQ(svc().list_usulan(m_psm2, {}).value().items.size(), 0u);
    EXPECT_EQ(svc().list_usulan(m_operator, {.status = S::Diajukan}).value().items.size(), 1u);
    EXPECT_EQ(svc().list_usulan(m_operator, {.kode_wilayah = "36.71.01.1001.002"}).value().items.size(), 0u);
    EXPECT_EQ(svc().list_usulan(m_operator, {.limit = 201}).error().field, "limit");
    EXPECT_EQ(svc().list_usulan(m_operator, {.after = "x"}).error().field, "after");

    auto sum = svc().ringkasan(m_tksk, std::nullopt).value();
    EXPECT_EQ(sum.total, 4);
    for (auto [s, n] : sum.per_status)
        if (s == S::Draft) {
            EXPECT_EQ(n, 2);
        }
    EXPECT_EQ(svc().ringkasan(m_psm2, std::nullopt).value().total, 0);
    EXPECT_EQ(svc().ringkasan(m_psm1, "36.71.01.1001").value().total, 4);  // their RW within it
    EXPECT_EQ(svc().ringkasan(m_psm1, "36.71.02").error().code, ErrorCode::NotFound);
}

TEST_F(VerivaliTest, EveryMoveIsInTheHistoryAndTheAuditTrailWithoutIdentityNumbers) {
    auto u = svc().create_usulan(m_psm1, {.jenis = "perubahan", .keluarga_id = 1,
                                          .isi_json = R"({"keterangan":"NIK lama 3671014512870001 salah ketik","nama":"Siti"})"})
                 .value()
                 .usulan;
    ASSERT_TRUE(svc().transition(m_psm1, u.id, {.ke = S::Diajukan}));
    ASSERT_TRUE(svc().transition(m_tksk, u.id, {.ke = S::Dikembalikan, .catatan = "lampirkan KK"}));
    ASSERT_TRUE(svc().transition(m_psm1, u.id, {.ke = S::Diajukan}));
    auto h = svc().riwayat(m_operator, u.id).value();
    ASSERT_EQ(h.size(), 4u);
    EXPECT_FALSE(h[0].dari);
    EXPECT_EQ(h[0].ke, "draft");
    EXPECT_EQ(h[2].dari, "diajukan");
    EXPECT_EQ(h[2].ke, "dikembalikan");
    EXPECT_EQ(h[2].catatan, "lampirkan KK");
    EXPECT_EQ(h[2].role, "tksk");
    EXPECT_EQ(svc().riwayat(m_psm2, u.id).error().code, ErrorCode::NotFound);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity = 'usulan'"), 4);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'usulan.kembalikan'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE coalesce(after_json, '') || coalesce(before_json, '') "
                    "LIKE '%3671014512870001%'"),
              0);
    // The creation records the whole proposal, masked; the moves record only what changed.
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE after_json LIKE '%3671********0001%'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'usulan.kembalikan' AND after_json LIKE '%dikembalikan%'"), 1);
    // The proposal itself keeps what was proposed.
    EXPECT_NE(svc().usulan(m_psm1, u.id)->isi_json.find("3671014512870001"), std::string::npos);
}

TEST_F(VerivaliTest, AMusyawarahTakesVerifiedProposalsOfOneKelurahanWithItsMinutes) {
    auto a = at(S::Diverifikasi);
    auto b = at(S::Diverifikasi);
    // c: kelurahan 1002, verified by the TKSK's flow as well
    auto c = create(m_operator, 3);
    for (auto s : {S::Diajukan, S::Ditinjau, S::Diverifikasi}) move(c, s);

    auto n = notulen();
    auto two = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                .notulen_lampiran_id = n, .usulan_ids = {a.id, c.id}});
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(two.error().field, "usulan_ids");
    EXPECT_NE(two.error().message.en.find("one kelurahan"), std::string::npos);

    auto draft = create(m_psm1);
    auto mixed = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                  .notulen_lampiran_id = n, .usulan_ids = {a.id, draft.id}});
    ASSERT_FALSE(mixed);
    EXPECT_EQ(mixed.error().code, ErrorCode::Conflict);
    EXPECT_EQ(svc().usulan(m_operator, a.id)->status, S::Diverifikasi);  // all or nothing
    EXPECT_EQ(count("SELECT count(*) FROM musyawarah"), 0);

    auto no_minutes = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                       .usulan_ids = {a.id}});
    EXPECT_EQ(no_minutes.error().field, "notulen_lampiran_id");
    auto future = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2999-01-01",
                                                   .notulen_lampiran_id = n, .usulan_ids = {a.id}});
    EXPECT_EQ(future.error().field, "tanggal");
    auto wrong_kel = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                      .notulen_lampiran_id = notulen("36.71.01.1002"),
                                                      .usulan_ids = {a.id}});
    EXPECT_EQ(wrong_kel.error().field, "notulen_lampiran_id");
    EXPECT_EQ(svc().create_musyawarah(m_tksk2, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                .notulen_lampiran_id = n, .usulan_ids = {a.id}})
                  .error()
                  .code,
              ErrorCode::NotFound);
    EXPECT_EQ(svc().create_musyawarah(m_psm1, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                               .notulen_lampiran_id = n, .usulan_ids = {a.id}})
                  .error()
                  .code,
              ErrorCode::PermissionDenied);

    auto m = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                              .notulen_lampiran_id = n, .usulan_ids = {a.id, b.id}});
    ASSERT_TRUE(m) << m.error().describe(Lang::En);
    EXPECT_EQ(m->kode_kelurahan, "36.71.01.1001");
    EXPECT_EQ(svc().usulan(m_operator, a.id)->status, S::Dimusyawarahkan);
    EXPECT_EQ(svc().usulan(m_operator, b.id)->musyawarah_id, m->id);
    EXPECT_EQ(svc().musyawarah(m_psm1, m->id)->usulan_ids, (std::vector<std::int64_t>{a.id, b.id}));
    EXPECT_EQ(svc().musyawarah(m_tksk2, m->id).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc().list_musyawarah(m_psm1, std::nullopt, 50)->items.size(), 1u);
    EXPECT_EQ(svc().list_musyawarah(m_tksk2, std::nullopt, 50)->items.size(), 0u);

    // The minutes belong to it now; the same number twice in a kelurahan is refused.
    auto again = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/2", .tanggal = "2025-02-01",
                                                  .notulen_lampiran_id = n, .usulan_ids = {c.id}});
    EXPECT_EQ(again.error().code, ErrorCode::InvalidArgument);  // minutes of 1001, proposal of 1002
    auto d = at(S::Diverifikasi);
    auto dup = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/1", .tanggal = "2025-02-01",
                                                .notulen_lampiran_id = notulen(), .usulan_ids = {d.id}});
    EXPECT_EQ(dup.error().code, ErrorCode::AlreadyExists);
    auto reused = svc().create_musyawarah(m_tksk, {.nomor_berita_acara = "BA/3", .tanggal = "2025-02-01",
                                                   .notulen_lampiran_id = n, .usulan_ids = {d.id}});
    EXPECT_EQ(reused.error().code, ErrorCode::Conflict);
}

TEST_F(VerivaliTest, AttachmentsAreTypedByTheirBytesAndScoped) {
    auto u = create(m_psm1);
    auto png = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = kPng});
    ASSERT_TRUE(png) << png.error().describe(Lang::En);
    EXPECT_EQ(png->mime, "image/png");
    EXPECT_EQ(png->kode_wilayah, u.kode_wilayah);
    EXPECT_EQ(png->sha256, sha256_hex(kPng));
    auto got = svc().lampiran(m_tksk, png->id).value();
    EXPECT_EQ(got.second, std::string(kPng));
    EXPECT_EQ(svc().lampiran(m_psm2, png->id).error().code, ErrorCode::NotFound);
    // Who saw which file is in the audit trail (the evidence behind a PPKS proposal is special
    // data); a refused look is not a view.
    EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'lampiran.lihat' AND entity_id = '{}' "
                                "AND actor_username = '{}'", png->id, m_tksk.username)),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'lampiran.lihat'"), 1);
    EXPECT_EQ(svc().lampiran_of_usulan(m_psm1, u.id)->size(), 1u);

    // What a camera writes beside the picture is not stored.
    auto tagged = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = kPngTagged});
    ASSERT_TRUE(tagged) << tagged.error().describe(Lang::En);
    EXPECT_EQ(svc().lampiran(m_tksk, tagged->id)->second, kPng);
    EXPECT_EQ(tagged->sha256, sha256_hex(kPng));
    // A PNG cut short is refused, not stored half-understood.
    auto cut = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = kPng.substr(0, 40)});
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().field, "berkas");

    for (std::string_view bad : {std::string_view("<html><script>alert(1)</script>"), std::string_view("GIF89a....")}) {
        auto r = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = bad});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().field, "berkas");
    }
    std::string big(kMaxLampiranBytes + 1, 'x');
    big.replace(0, 5, "%PDF-");
    EXPECT_EQ(svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = big}).error().field,
              "berkas");
    EXPECT_EQ(svc().add_lampiran(m_psm2, {.pemilik = Pemilik::Usulan, .pemilik_id = u.id, .bytes = kPng}).error().code,
              ErrorCode::NotFound);
    // A PSM's RW does not cover the kelurahan's minutes: a region outside the area, refused at the field.
    auto minutes = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Musyawarah, .kode_wilayah = "36.71.01.1001", .bytes = kPdf});
    ASSERT_FALSE(minutes);
    EXPECT_EQ(minutes.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(minutes.error().field, "kode_wilayah");
    EXPECT_EQ(sniff_mime("RIFF\x10\0\0\0WEBPVP8 "sv), "image/webp");
    EXPECT_EQ(sniff_mime("\xFF\xD8\xFF\xE0"), "image/jpeg");
    EXPECT_FALSE(sniff_mime(""));
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'lampiran.tambah'"), 2);
}

TEST_F(VerivaliTest, AGroundCheckListIsSplitByRwAmongPsmsWithProgress) {
    auto d = svc().create_daftar_filter(m_operator, "Verivali Q1", {.kode_wilayah = "36.71.01", .desil_max = 5});
    ASSERT_TRUE(d) << d.error().describe(Lang::En);
    EXPECT_EQ(d->total, 4);  // households 1, 2, 3, 6 (5 is desil 7, 4 another kecamatan)
    EXPECT_EQ(svc().create_daftar_filter(m_tksk, "x", {.kode_wilayah = "36.71.01"}).error().code,
              ErrorCode::PermissionDenied);
    EXPECT_EQ(svc().create_daftar_filter(m_operator, "x", {.kode_wilayah = "36.71.01", .desil_min = 9}).error().field,
              "kode_wilayah");

    auto rep = svc().bagi(m_operator, d->id, {}).value();
    EXPECT_EQ(rep.ditugaskan, 2);  // household 1 (RW 001) and 2 (RW 002)
    EXPECT_EQ(rep.rw_tanpa_petugas, (std::vector<std::string>{"", "36.71.01.1002.001"}));
    // A second list over RW 001 twice: round-robin between the two PSMs of that RW.
    add_household(7, "36.71.01.1001", "36.71.01.1001.001.002", 1, "3671010101010007");
    auto d2 = svc().create_daftar_filter(m_operator, "RW 1", {.kode_wilayah = "36.71.01.1001.001"}).value();
    auto rep2 = svc().bagi(m_operator, d2.id, {}).value();
    EXPECT_EQ(rep2.per_petugas,
              (std::vector<std::pair<std::string, std::int64_t>>{{"psm1", 2}, {"psm1b", 1}}));

    // Explicit: RW 001 to psm1b; a PSM not serving the RW is refused.
    auto bad = svc().bagi(m_operator, d->id, {{"36.71.01.1001.001", "psm2"}});
    EXPECT_EQ(bad.error().field, "penugasan[0].petugas");
    ASSERT_TRUE(svc().bagi(m_operator, d->id, {{"36.71.01.1001.001", "psm1b"}}));

    auto mine = svc().list_periksa(m_psm1b, {.saya = true, .daftar_id = d->id}).value();
    ASSERT_EQ(mine.items.size(), 1u);
    auto item = mine.items.front();
    EXPECT_EQ(item.keluarga_id, 1);
    EXPECT_EQ(item.kode_rw, "36.71.01.1001.001");
    EXPECT_EQ(svc().list_periksa(m_psm2, {.daftar_id = d->id}).value().items.size(), 1u);
    EXPECT_EQ(svc().periksa(m_psm2, item.id).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc().submit_hasil(m_psm2, item.id, {.version = item.version, .hasil = 1, .lat = -6.1, .lon = 106.6})
                  .error()
                  .code,
              ErrorCode::NotFound);
    EXPECT_EQ(svc().submit_hasil(m_psm1b, item.id, {.version = item.version, .hasil = 1}).error().field, "lat");
    // The answers are shown to everyone who reads the item: no identity number or special data
    // in them, at any depth (they belong in the registry, encrypted).
    for (auto [jawaban, field] : {std::pair{R"({"penyakit_kronis":"diabetes"})", "jawaban.penyakit_kronis"},
                                  std::pair{R"({"penghuni":[{"nama":"Sri","disabilitas_jenis":"fisik"}]})", "jawaban.penghuni[0].disabilitas_jenis"},
                                  std::pair{R"({"kk":{"no_kk":"3671010101250001"}})", "jawaban.kk.no_kk"}}) {
        auto refused = svc().submit_hasil(m_psm1b, item.id, {.version = item.version, .hasil = 1, .lat = -6.1, .lon = 106.6, .jawaban_json = jawaban});
        ASSERT_FALSE(refused) << jawaban;
        EXPECT_EQ(refused.error().field, field);
        // Migration 0023's clean-up removes exactly what the rule refuses: what is left passes it.
        auto v = boost::json::parse(jawaban);
        EXPECT_TRUE(remove_forbidden_fields(v)) << jawaban;
        EXPECT_FALSE(forbidden_field(v, "jawaban")) << boost::json::serialize(v);
        EXPECT_FALSE(remove_forbidden_fields(v)) << "nothing left to remove";
    }
    EXPECT_EQ(svc().periksa(m_psm1b, item.id).value().status, "belum") << "nothing written";
    auto done = svc().submit_hasil(m_psm1b, item.id, {.version = item.version, .hasil = 3, .lat = -6.1, .lon = 106.6,
                                                      .jawaban_json = R"({"pindah_ke":"Bekasi"})"});
    ASSERT_TRUE(done) << done.error().describe(Lang::En);
    EXPECT_EQ(done->status, "selesai");
    EXPECT_EQ(done->checked_by, "psm1b");
    auto stale = svc().submit_hasil(m_psm1b, item.id, {.version = item.version, .hasil = 1, .lat = -6.1, .lon = 106.6});
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);

    auto per = [&](Actor const& a, KemajuanPer p) {
        std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> out;
        auto rows = svc().kemajuan(a, d->id, p).value();
        for (auto const& k : rows) out.emplace_back(k.kelompok, k.selesai, k.total);
        return out;
    };
    using Rows = std::vector<std::tuple<std::string, std::int64_t, std::int64_t>>;
    EXPECT_EQ(per(m_operator, KemajuanPer::Psm), (Rows{{"", 0, 2}, {"psm1b", 1, 1}, {"psm2", 0, 1}}));
    EXPECT_EQ(per(m_operator, KemajuanPer::Rw),
              (Rows{{"", 0, 1}, {"36.71.01.1001.001", 1, 1}, {"36.71.01.1001.002", 0, 1}, {"36.71.01.1002.001", 0, 1}}));
    EXPECT_EQ(per(m_operator, KemajuanPer::Kelurahan), (Rows{{"36.71.01.1001", 1, 3}, {"36.71.01.1002", 0, 1}}));
    EXPECT_EQ(per(m_operator, KemajuanPer::Kecamatan), (Rows{{"36.71.01", 1, 4}}));
    EXPECT_EQ(per(m_psm2, KemajuanPer::Rw), (Rows{{"36.71.01.1001.002", 0, 1}}));
    EXPECT_EQ(svc().kemajuan(m_tksk2, d->id, KemajuanPer::Rw).error().code, ErrorCode::NotFound);
    auto header = svc().daftar(m_operator, d->id).value();
    EXPECT_EQ(header.selesai, 1);
    EXPECT_EQ(header.tanpa_petugas, 2);
    EXPECT_EQ(svc().list_daftar(m_tksk2)->size(), 0u);
    EXPECT_EQ(svc().list_daftar(m_operator)->size(), 2u);
}

// Migration 0017: when a household moves, an item still to be checked moves with it (region, RW;
// its PSM cleared and its version bumped when the RW changes), a completed one stays where it
// was checked. The registry's writes are stood in for by the UPDATE every one of them makes.
TEST_F(VerivaliTest, AnOpenGroundCheckItemFollowsItsMovedHouseholdAndACompletedOneStays) {
    auto d = svc().create_daftar_filter(m_operator, "Q2", {.kode_wilayah = "36.71.01.1001", .desil_max = 5}).value();
    ASSERT_EQ(d.total, 3);  // households 1 (RW 001), 2 (RW 002), 6 (no RW)
    ASSERT_EQ(svc().bagi(m_operator, d.id, {}).value().ditugaskan, 2);
    auto item_of = [&](std::int64_t keluarga) {
        auto page = svc().list_periksa(m_operator, {.daftar_id = d.id}).value();
        for (auto const& it : page.items)
            if (it.keluarga_id == keluarga) return it;
        ADD_FAILURE() << "no item for household " << keluarga;
        return PeriksaItem{};
    };
    auto move = [&](std::int64_t keluarga, std::string kode) {
        ASSERT_TRUE(m_db->acquire().value()->execute("UPDATE keluarga SET kode_wilayah = ?, kode_kelurahan = ? WHERE id = ?",
                                                     kode, kode.substr(0, 13), keluarga));
        m_lookup.households[keluarga].kode_wilayah = kode;
    };
    auto const one = item_of(1), two = item_of(2);
    ASSERT_EQ(one.petugas, "psm1");
    // A photo of the open item and a proposal's document: they go where their owner goes.
    auto photo = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Periksa, .pemilik_id = one.id, .bytes = kPng}).value();
    auto proposal = create(m_psm1, 1);
    auto letter = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = proposal.id, .bytes = kPdf}).value();
    // Household 2's check is done before it moves: that record stays in RW 002 with psm2.
    ASSERT_TRUE(svc().submit_hasil(m_psm2, two.id, {.version = two.version, .hasil = 1, .lat = -6.1, .lon = 106.6}));
    move(2, "36.71.01.1001.001");
    auto two_after = svc().periksa(m_psm2, two.id);
    ASSERT_TRUE(two_after) << two_after.error().describe(Lang::En);
    EXPECT_EQ(two_after->kode_wilayah, "36.71.01.1001.002");
    EXPECT_EQ(two_after->petugas, "psm2");
    EXPECT_EQ(svc().periksa(m_psm1, two.id).error().code, ErrorCode::NotFound);

    // Another RT of the same RW: the assignment and the version stay.
    move(1, "36.71.01.1001.001.007");
    EXPECT_EQ(item_of(1).kode_wilayah, "36.71.01.1001.001.007");
    EXPECT_EQ(item_of(1).petugas, "psm1");
    EXPECT_EQ(item_of(1).version, one.version);

    // Another RW: psm1 loses it (list, detail, answer), psm2 sees it unassigned, the operator's
    // assignment gives it to psm2, and an answer on the old version is stale.
    move(1, "36.71.01.1001.002.001");
    auto moved = item_of(1);
    EXPECT_EQ(moved.kode_wilayah, "36.71.01.1001.002.001");
    EXPECT_EQ(moved.kode_rw, "36.71.01.1001.002");
    EXPECT_EQ(moved.petugas, std::nullopt);
    EXPECT_EQ(moved.version, one.version + 1);
    EXPECT_TRUE(svc().list_periksa(m_psm1, {.saya = true}).value().items.empty());
    EXPECT_EQ(svc().periksa(m_psm1, one.id).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc().submit_hasil(m_psm1, one.id, {.version = one.version, .hasil = 1, .lat = -6.1, .lon = 106.6}).error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(svc().submit_hasil(m_psm2, one.id, {.version = one.version, .hasil = 1, .lat = -6.1, .lon = 106.6}).error().code,
              ErrorCode::Conflict);
    EXPECT_EQ(svc().list_periksa(m_psm2, {.daftar_id = d.id}).value().items.size(), 2u);
    for (auto id : {photo.id, letter.id}) {
        EXPECT_EQ(svc().lampiran(m_psm1, id).error().code, ErrorCode::NotFound) << id;
        EXPECT_TRUE(svc().lampiran(m_psm2, id)) << id;
    }
    EXPECT_EQ(svc().daftar(m_operator, d.id).value().tanpa_petugas, 2);  // household 1 and 6
    auto rep = svc().bagi(m_operator, d.id, {}).value();
    EXPECT_EQ(rep.per_petugas, (std::vector<std::pair<std::string, std::int64_t>>{{"psm2", 1}}));
    EXPECT_EQ(svc().list_periksa(m_psm2, {.saya = true, .daftar_id = d.id}).value().items.size(), 2u);

    // Another kecamatan, and a kelurahan without an RW: the TKSK of the old kecamatan loses it.
    move(1, "36.71.02.1001.001");
    EXPECT_EQ(svc().periksa(m_tksk, one.id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(svc().periksa(m_tksk2, one.id));
    EXPECT_EQ(item_of(1).petugas, std::nullopt);
    using Rows = std::vector<std::tuple<std::string, std::int64_t, std::int64_t>>;
    auto per = [&](KemajuanPer p) {
        Rows out;
        auto rows = svc().kemajuan(m_operator, d.id, p).value();
        for (auto const& k : rows) out.emplace_back(k.kelompok, k.selesai, k.total);
        return out;
    };
    EXPECT_EQ(per(KemajuanPer::Kecamatan), (Rows{{"36.71.01", 1, 2}, {"36.71.02", 0, 1}}));
    EXPECT_EQ(per(KemajuanPer::Rw), (Rows{{"", 0, 1}, {"36.71.01.1001.002", 1, 1}, {"36.71.02.1001.001", 0, 1}}));
    EXPECT_EQ(per(KemajuanPer::Psm), (Rows{{"", 0, 2}, {"psm2", 1, 1}}));
    move(6, "36.71.01.1002");
    EXPECT_EQ(item_of(6).kode_wilayah, "36.71.01.1002");
    EXPECT_EQ(item_of(6).kode_rw, std::nullopt);
    // The dashboard's counts moved with the items.
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT kode, kunci, n FROM dash_jumlah WHERE ukuran = 'periksa' AND n <> 0 "
                    "EXCEPT SELECT kode, kunci, n FROM dash_jumlah_hitung WHERE ukuran = 'periksa')"),
              0);
    EXPECT_EQ(count("SELECT n FROM dash_jumlah WHERE ukuran = 'periksa' AND kode = '36.71.02.1001'"), 1);
}

// A database made before migration 0017 whose households moved already: the migration moves
// their open items (and the items' and proposals' files) where the households are now.
class VerivaliBefore0017Test : public VerivaliTest {
protected:
    void SetUp() override {
        m_schema = 16;
        VerivaliTest::SetUp();
    }
};

TEST_F(VerivaliBefore0017Test, TheMigrationMovesWhatMovedBeforeIt) {
    auto d = svc().create_daftar_filter(m_operator, "Q2", {.kode_wilayah = "36.71.01.1001", .desil_max = 5}).value();
    ASSERT_TRUE(svc().bagi(m_operator, d.id, {}));
    auto page = svc().list_periksa(m_operator, {.daftar_id = d.id}).value();
    auto one = *std::find_if(page.items.begin(), page.items.end(), [](auto const& it) { return it.keluarga_id == 1; });
    auto photo = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Periksa, .pemilik_id = one.id, .bytes = kPng}).value();
    auto letter = svc().add_lampiran(m_psm1, {.pemilik = Pemilik::Usulan, .pemilik_id = create(m_psm1, 1).id, .bytes = kPdf}).value();
    ASSERT_TRUE(m_db->acquire().value()->execute("UPDATE keluarga SET kode_wilayah = '36.71.01.1001.002.001' WHERE id = 1"));
    EXPECT_TRUE(svc().periksa(m_psm1, one.id)) << "before 0017 the item stayed behind";

    ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
    EXPECT_EQ(svc().periksa(m_psm1, one.id).error().code, ErrorCode::NotFound);
    auto moved = svc().periksa(m_psm2, one.id).value();
    EXPECT_EQ(moved.kode_rw, "36.71.01.1001.002");
    EXPECT_EQ(moved.petugas, std::nullopt);
    EXPECT_EQ(moved.version, one.version + 1);
    for (auto id : {photo.id, letter.id}) {
        EXPECT_EQ(svc().lampiran(m_psm1, id).error().code, ErrorCode::NotFound) << id;
        EXPECT_TRUE(svc().lampiran(m_psm2, id)) << id;
    }
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT kode, kunci, n FROM dash_jumlah WHERE ukuran = 'periksa' AND n <> 0 "
                    "EXCEPT SELECT kode, kunci, n FROM dash_jumlah_hitung WHERE ukuran = 'periksa')"),
              0);
}

// The workforce recap's ground-check figures: per checker, the items checked in the period and
// those checked by the list's creation day plus the allowed days (the deadline day counts, the
// day after does not; across a month end too).
TEST_F(VerivaliTest, CheckActivityCountsTheItemsCheckedByTheirListsDeadline) {
    {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = OFF"));  // the households do not matter here
        ASSERT_TRUE(c->execute("INSERT INTO daftar_periksa (id, nama, sumber, created_by, created_at) VALUES "
                               "(901, 'a', 'filter', 'operator', '2026-10-01T10:00:00Z'), "
                               "(902, 'b', 'filter', 'operator', '2026-10-05T23:59:00Z'), "
                               "(903, 'c', 'filter', 'operator', '2026-10-28T08:00:00Z')"));
        ASSERT_TRUE(c->execute(
            "INSERT INTO daftar_periksa_item (daftar_id, keluarga_id, kode_wilayah, status, checked_by, checked_at) VALUES "
            "(901, 1, '36.71.01.1001', 'selesai', 'psm1', '2026-10-08T23:00:00Z'), "  // the deadline day: on time
            "(901, 2, '36.71.01.1001', 'selesai', 'psm1', '2026-10-09T00:30:00Z'), "  // a day late
            "(901, 3, '36.71.01.1001', 'selesai', 'psm2', '2026-10-02T08:00:00Z'), "
            "(902, 1, '36.71.01.1001', 'selesai', 'psm1', '2026-10-09T08:00:00Z'), "
            "(903, 1, '36.71.01.1001', 'selesai', 'psm2', '2026-11-04T01:00:00Z'), "  // 28 Oct + 7 = 4 Nov
            "(903, 2, '36.71.01.1001', 'selesai', 'psm2', '2026-11-05T01:00:00Z'), "
            "(903, 3, '36.71.01.1001', 'selesai', 'psm2', '2026-12-01T00:00:00Z'), "  // after the period
            "(903, 4, '36.71.01.1001', 'belum', NULL, NULL)"));
        ASSERT_TRUE(c->exec_script("PRAGMA foreign_keys = ON"));
    }
    auto a = svc().aktivitas_petugas("2026-10-01", "2026-12-01", 7).value();
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a["psm1"].periksa_selesai, 3);
    EXPECT_EQ(a["psm1"].periksa_tepat_waktu, 2);
    EXPECT_EQ(a["psm2"].periksa_selesai, 3);
    EXPECT_EQ(a["psm2"].periksa_tepat_waktu, 2);
}

TEST_F(VerivaliTest, AnExtractOfNoKkIsAllOrNothingAndNamesUnknownNumbersMasked) {
    auto good = CsvReader::from_string("no_kk\n3671010101010001\n3671010101010002\n3671010101010001\n",
                                       {.source_name = "ekstrak.csv"})
                    .value();
    auto d = svc().create_daftar_ekstrak(m_operator, "Ekstrak DTSEN", good);
    ASSERT_TRUE(d) << d.error().describe(Lang::En);
    EXPECT_EQ(d->total, 2);
    EXPECT_EQ(d->sumber, "ekstrak");

    auto bad = CsvReader::from_string("no_kk\n3671010101010003\n3671019999990009\n", {.source_name = "ekstrak.csv"}).value();
    auto r = svc().create_daftar_ekstrak(m_operator, "Ekstrak 2", bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().row, 3);
    EXPECT_EQ(r.error().field, "no_kk");
    EXPECT_EQ(r.error().message.en.find("3671019999990009"), std::string::npos);
    EXPECT_NE(r.error().message.en.find("3671********0009"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM daftar_periksa"), 1);
}

// A PPKS proposal's categories go into the upload's ppks column. Before, the column was read
// through a pointer into a JSON value already destroyed (ASan: heap-use-after-free; the server died).
TEST_F(VerivaliTest, TheNationalUploadListsAPpksProposalsCategories) {
    auto r = svc().create_usulan(m_psm1, {.jenis = "ppks", .keluarga_id = 1, .anggota_id = 11, .isi_json = R"({"ppks":[5,9]})"});
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    auto u = r->usulan;
    for (auto s : {S::Diajukan, S::Ditinjau, S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui}) move(u, s);
    std::vector<std::vector<std::string>> rows;
    auto e = svc().export_upload(m_operator, {}, [&](std::vector<std::string> const& row) -> Result<void> {
        rows.push_back(row);
        return {};
    });
    ASSERT_TRUE(e) << e.error().describe(Lang::En);
    ASSERT_EQ(rows.size(), 2u);  // header + the member the proposal is about
    EXPECT_EQ(rows[0][15], "ppks");
    EXPECT_EQ(rows[1][15], "5;9");
}

TEST_F(VerivaliTest, TheNationalUploadListsEachPersonInFullAndMarksAllOrNothing) {
    auto a = at(S::Disetujui);  // household 1: its kepala and member 11
    auto b = at(S::Disetujui);
    auto draft = create(m_psm1);
    auto rows_of = [&](UploadQuery const& q, RowSink const& extra = {}) {
        std::vector<std::vector<std::string>> rows;
        auto r = svc().export_upload(m_operator, q, [&](std::vector<std::string> const& row) -> Result<void> {
            rows.push_back(row);
            if (extra) return extra(row);
            return {};
        });
        return std::pair{std::move(r), rows};
    };
    auto [r, rows] = rows_of({});
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(rows.front(), VerivaliService::upload_header());
    ASSERT_EQ(rows.size(), 5u);  // header + 2 proposals x 2 people; the draft is not ready
    EXPECT_EQ(r->usulan, 2);
    EXPECT_EQ(r->baris, 4);
    EXPECT_EQ(rows[1][1], std::to_string(a.id));
    EXPECT_EQ(rows[1][6], "KEPALA 1");  // kepala keluarga first
    EXPECT_EQ(rows[1][4], "3671011234001000");  // the NIK in full
    EXPECT_EQ(rows[2][6], "ANGGOTA 11");
    EXPECT_EQ(rows[3][1], std::to_string(b.id));
    EXPECT_EQ(svc().usulan(m_operator, a.id)->status, S::Disetujui);  // reading marks nothing

    // Only the operator; a PSM or TKSK gets nothing, not even the header.
    for (auto const* who : {&m_psm1, &m_tksk}) {
        bool wrote = false;
        auto denied = svc().export_upload(*who, {}, [&](auto const&) -> Result<void> { wrote = true; return {}; });
        ASSERT_FALSE(denied);
        EXPECT_EQ(denied.error().code, ErrorCode::PermissionDenied);
        EXPECT_FALSE(wrote);
    }

    // Proposal b is moved by someone else while the file is being written: nothing is marked.
    bool once = false;
    auto [stale, ignored] = rows_of({.tandai = true}, [&](auto const&) -> Result<void> {
        if (!once) {
            once = true;
            PILAR_TRY(svc().transition(m_operator, b.id, {.ke = S::Diekspor}));
        }
        return {};
    });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(svc().usulan(m_operator, a.id)->status, S::Disetujui);

    // Now a alone is ready: marked diekspor, with a history entry naming the file.
    auto [marked, rows2] = rows_of({.tandai = true, .berkas = "unggah-1.xlsx"});
    ASSERT_TRUE(marked) << marked.error().describe(Lang::En);
    EXPECT_EQ(marked->usulan, 1);
    EXPECT_TRUE(marked->ditandai);
    EXPECT_EQ(svc().usulan(m_operator, a.id)->status, S::Diekspor);
    auto history = svc().riwayat(m_operator, a.id).value();
    EXPECT_EQ(history.back().ke, "diekspor");
    EXPECT_EQ(history.back().catatan.value_or(""), "diekspor untuk unggah nasional: unggah-1.xlsx");
    auto [again, rows3] = rows_of({.tandai = true});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->usulan, 0);
    EXPECT_EQ(rows3.size(), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'usulan.ekspor_unggah'"), 3);
    (void)draft;
}

TEST(Attachment, AJpegLosesItsExifXmpAndCommentsButKeepsWhatDrawsIt) {
    auto seg = [](unsigned char marker, std::string payload) {
        std::size_t len = payload.size() + 2;
        return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(len >> 8), static_cast<char>(len & 0xFF)} + payload;
    };
    std::string const soi = "\xFF\xD8", eoi = "\xFF\xD9";
    std::string const jfif = seg(0xE0, std::string("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
    std::string const exif = seg(0xE1, std::string("Exif\0\0GPSLatitude -6.1781 Make Xiaomi Serial 1234", 50));
    std::string const icc = seg(0xE2, std::string("ICC_PROFILE\0\1\1profile", 21));
    std::string const comment = seg(0xFE, "Rumah Pak Budi, RT 002");
    std::string const scan = seg(0xDA, std::string("\1\1\0\0\x3F\0", 6)) + std::string("\x12\x34\xFF\x00\x56", 5) + eoi;
    auto stripped = strip_metadata(soi + jfif + exif + icc + comment + scan, "image/jpeg");
    ASSERT_TRUE(stripped);
    EXPECT_EQ(*stripped, soi + jfif + icc + scan);
    // A segment whose length runs past the end: refused.
    EXPECT_FALSE(strip_metadata(soi + jfif + exif.substr(0, 20), "image/jpeg"));
    // PDF and WebP are stored as they come.
    EXPECT_EQ(strip_metadata("%PDF-1.4 x", "application/pdf").value(), "%PDF-1.4 x");
}

}  // namespace
}  // namespace pilar::verivali
