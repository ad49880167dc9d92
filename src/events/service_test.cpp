// The events service against a real (temporary) SQLite database with the embedded migrations.
// User accounts come from a fake AccountDirectory backed by users rows inserted with plain SQL
// (participants reference them), so these tests do not depend on src/access's service.
#include "events/service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "builtin_migrations.hpp"
#include "core/clock.hpp"
#include "db/migrate.hpp"
#include "events/codes.hpp"

namespace pilar::events {
namespace {

namespace fs = std::filesystem;

struct FakeAccounts : AccountDirectory {
    std::vector<Akun> list;
    Result<std::vector<Akun>> accounts() override { return list; }
};

Actor actor(std::int64_t id, std::string name, Role role, std::vector<std::string> scope) {
    Actor a;
    a.user_id = id;
    a.username = std::move(name);
    a.role = role;
    for (auto const& s : scope) a.scope.push_back(*WilayahCode::parse(s));
    return a;
}

class EventsTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-events-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        auto add = [&](std::int64_t id, std::string name, Role role, std::string scope) {
            auto c = m_db->acquire().value();
            auto now = utc_now_iso();
            ASSERT_TRUE(c->execute("INSERT INTO users (id, username, full_name, role, password_hash, created_at, updated_at, "
                                   "password_changed_at) VALUES (?, ?, ?, ?, 'x', ?, ?, ?)",
                                   id, name, "Nama " + name, std::string(role_name(role)), now, now, now));
            m_accounts.list.push_back({.id = id, .username = name, .nama = "Nama " + name, .role = role,
                                       .scope = {*WilayahCode::parse(scope)}});
        };
        add(1, "operator", Role::Operator, "36.71");
        add(2, "psm1", Role::Psm, "36.71.01.1001.001");
        add(3, "psm2", Role::Psm, "36.71.01.1001.002");
        add(4, "psm3", Role::Psm, "36.71.02.1001.001");  // another kecamatan
        add(5, "tksk1", Role::Tksk, "36.71.01");
        add(6, "relawan", Role::Psm, "36.71.02.1001.002");  // committee at the door
        m_svc = std::make_unique<EventsService>(*m_db, m_accounts);
    }
    void TearDown() override {
        m_svc.reset();
        m_db.reset();
        fs::remove_all(m_dir);
    }

    Acara make(std::int64_t kapasitas, std::string status = "dibuka") {
        auto a = m_svc->create(m_op,
                               {.judul = "Pembinaan PSM", .tanggal_mulai = "2026-12-01", .tanggal_selesai = "2026-12-02",
                                .tempat = "Gedung Cisadane", .penyelenggara = "Dinas Sosial", .kode_wilayah = "36.71",
                                .status = status, .kapasitas = kapasitas, .pelatihan_dasar = true},
                               {{.judul = "Kerelawanan sosial", .topik = "kerelawanan sosial", .mulai = "2026-12-01T08:00", .selesai = "2026-12-01T12:00"},
                                {.judul = "Citra diri", .topik = "citra diri", .mulai = "2026-12-02T08:00", .selesai = "2026-12-02T12:00"}});
        EXPECT_TRUE(a) << a.error().message.en;
        return *a;
    }
    Peserta guest(std::int64_t acara, std::string nama, std::string peran = "peserta", std::string wilayah = "36.71.01.1001") {
        auto p = m_svc->add_peserta(m_op, acara, {.nama = nama, .peran = peran, .kode_wilayah = wilayah}, true);
        EXPECT_TRUE(p) << p.error().message.en;
        return *p;
    }
    std::int64_t count(std::string const& sql) {
        auto c = m_db->acquire().value();
        return c->query_value<std::int64_t>(sql).value().value_or(-1);
    }

    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
    FakeAccounts m_accounts;
    std::unique_ptr<EventsService> m_svc;
    Actor m_op = actor(1, "operator", Role::Operator, {"36.71"});
    Actor m_psm1 = actor(2, "psm1", Role::Psm, {"36.71.01.1001.001"});
    Actor m_psm3 = actor(4, "psm3", Role::Psm, {"36.71.02.1001.001"});
    Actor m_tksk = actor(5, "tksk1", Role::Tksk, {"36.71.01"});
    Actor m_relawan = actor(6, "relawan", Role::Psm, {"36.71.02.1001.002"});
};

TEST_F(EventsTest, CreateMakesSessionsAndIsAudited) {
    auto a = make(10);
    auto s = m_svc->sesi(m_op, a.id);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->size(), 2u);
    EXPECT_EQ((*s)[0].topik, "kerelawanan sosial");
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'acara.buat'"), 1);
    // Without sessions: one spanning the event.
    auto b = m_svc->create(m_op, {.judul = "Bimtek", .tanggal_mulai = "2026-12-05", .tempat = "Aula", .penyelenggara = "Dinsos",
                                  .kode_wilayah = "36.71", .kapasitas = 5}, {});
    ASSERT_TRUE(b) << b.error().message.en;
    EXPECT_EQ(m_svc->sesi(m_op, b->id)->size(), 1u);
}

TEST_F(EventsTest, BadInputChangesNothing) {
    auto before = count("SELECT count(*) FROM acara");
    auto bad = [&](AcaraInput in, std::string field) {
        auto r = m_svc->create(m_op, in, {});
        ASSERT_FALSE(r) << field;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument) << field;
        EXPECT_EQ(r.error().field, field);
    };
    AcaraInput ok{.judul = "X", .tanggal_mulai = "2026-12-01", .tempat = "T", .penyelenggara = "P", .kode_wilayah = "36.71", .kapasitas = 3};
    auto in = ok; in.judul = " "; bad(in, "judul");
    in = ok; in.tanggal_mulai = "2026-13-01"; bad(in, "tanggal_mulai");
    in = ok; in.tanggal_selesai = "2026-11-30"; bad(in, "tanggal_selesai");
    in = ok; in.kapasitas = 0; bad(in, "kapasitas");
    in = ok; in.kode_wilayah = "99.x"; bad(in, "kode_wilayah");
    in = ok; in.jenis = "pesta"; bad(in, "jenis");
    auto s = m_svc->create(m_op, ok, {{.judul = "S", .mulai = "2026-12-03T08:00", .selesai = "2026-12-03T09:00"}});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().field, "sesi.mulai") << "outside the event's dates";
    EXPECT_EQ(count("SELECT count(*) FROM acara"), before);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(EventsTest, OnlyTheOfficeManages) {
    auto r = m_svc->create(m_psm1, {.judul = "X", .tanggal_mulai = "2026-12-01", .tempat = "T", .penyelenggara = "P",
                                    .kode_wilayah = "36.71", .kapasitas = 3}, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    auto a = make(5);
    EXPECT_EQ(m_svc->undi(m_tksk, a.id, "Sepeda", 1, "s").error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(m_svc->terbitkan_sertifikat(m_psm1, a.id, 0).error().code, ErrorCode::PermissionDenied);
}

TEST_F(EventsTest, CapacityHoldsForInvitationsAndSelfRegistration) {
    auto a = make(2);
    auto inv = m_svc->undang(m_op, a.id, {.peran_akun = {"psm"}, .kode_wilayah = "36.71.01"}, false);
    ASSERT_TRUE(inv) << inv.error().message.en;
    EXPECT_EQ(inv->diundang, 2) << "psm1 and psm2 are in kecamatan 36.71.01; psm3 is not";
    EXPECT_EQ(m_svc->undang(m_op, a.id, {.peran_akun = {"psm"}, .kode_wilayah = "36.71.01"}, false)->sudah_ada, 2);
    guest(a.id, "Narasumber Satu", "narasumber");
    auto mine = m_svc->daftar_sendiri(m_psm1, a.id);
    ASSERT_TRUE(mine) << mine.error().message.en;
    EXPECT_EQ(mine->status, "terdaftar");
    EXPECT_EQ(m_svc->daftar_sendiri(m_psm1, a.id)->id, mine->id) << "idempotent";
    auto full = m_svc->daftar_sendiri(m_psm3, a.id);
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_svc->get(m_op, a.id)->jumlah_terdaftar, 2);
    // Cancelling frees the seat.
    auto list = *m_svc->peserta(m_op, a.id);
    auto speaker = std::find_if(list.begin(), list.end(), [](Peserta const& p) { return p.peran == "narasumber"; });
    ASSERT_TRUE(m_svc->set_status(m_op, a.id, speaker->id, "batal"));
    EXPECT_TRUE(m_svc->daftar_sendiri(m_psm3, a.id)) << "psm3 may join an open kota-wide event";
    EXPECT_EQ(m_svc->get(m_op, a.id)->jumlah_terdaftar, 2);
    EXPECT_EQ(count("SELECT count(*) FROM acara_peserta WHERE status = 'terdaftar'"), 2);
}

TEST_F(EventsTest, ConcurrentDoorsCountEachCardOnce) {
    auto a = make(200);
    auto sessions = *m_svc->sesi(m_op, a.id);
    std::vector<Peserta> people;
    for (int i = 0; i < 40; ++i) people.push_back(guest(a.id, "Peserta " + std::to_string(i)));
    // 8 doors scan every card at once (each card four times per door, in different orders).
    std::atomic<int> hadir{0}, sudah{0}, errors{0};
    std::vector<std::thread> doors;
    for (int d = 0; d < 8; ++d)
        doors.emplace_back([&, d] {
            Actor door = m_op;
            door.username = "pintu" + std::to_string(d);
            for (int round = 0; round < 4; ++round)
                for (std::size_t i = 0; i < people.size(); ++i) {
                    auto const& p = people[(i * 7 + static_cast<std::size_t>(d + round)) % people.size()];
                    auto r = m_svc->check_in(door, a.id, group_code(p.token), sessions[0].id, "Pintu " + std::to_string(d));
                    if (!r) ++errors;
                    else if (r->hasil == "hadir") ++hadir;
                    else ++sudah;
                }
        });
    for (auto& t : doors) t.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(hadir.load(), 40);
    EXPECT_EQ(sudah.load(), 8 * 4 * 40 - 40);
    EXPECT_EQ(count("SELECT count(*) FROM acara_hadir"), 40);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'acara.check_in'"), 40);
    // The repeat names the first door and time.
    auto again = m_svc->check_in(m_op, a.id, people[0].token, sessions[0].id, "Pintu X");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->hasil, "sudah");
    EXPECT_NE(again->hadir.pintu, "Pintu X");
    // The second session counts separately.
    EXPECT_EQ(m_svc->check_in(m_op, a.id, people[0].token, sessions[1].id, "Pintu X")->hasil, "hadir");
}

TEST_F(EventsTest, CheckInRefusesStrangersWrongCodesAndUnregistered) {
    auto a = make(10);
    auto s = (*m_svc->sesi(m_op, a.id))[0].id;
    auto p = guest(a.id, "Siti");
    // A PSM who is not committee: refused.
    EXPECT_EQ(m_svc->check_in(m_psm1, a.id, p.token, s, "A").error().code, ErrorCode::PermissionDenied);
    // Committee (peran panitia, a user account) may scan.
    ASSERT_TRUE(m_svc->add_peserta(m_op, a.id, {.user_id = 6, .peran = "panitia"}, true));
    auto r = m_svc->check_in(m_relawan, a.id, p.token, s, "Pintu B");
    ASSERT_TRUE(r) << r.error().message.en;
    EXPECT_EQ(r->hasil, "hadir");
    EXPECT_EQ(m_svc->check_in(m_op, a.id, "ABCDEABCDEABCDEABCDE", s, "A").error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_svc->check_in(m_op, a.id, "ABC", s, "A").error().code, ErrorCode::InvalidArgument);
    auto other = make(10);
    EXPECT_EQ(m_svc->check_in(m_op, other.id, p.token, std::nullopt, "A").error().field, "sesi_id")
        << "no session is running now (the events are in December 2026)";
    EXPECT_EQ(m_svc->check_in(m_op, other.id, p.token, (*m_svc->sesi(m_op, other.id))[0].id, "A").error().code, ErrorCode::NotFound)
        << "a card of another event";
    auto invited = m_svc->add_peserta(m_op, a.id, {.nama = "Belum Daftar"}, false);
    ASSERT_TRUE(invited);
    EXPECT_EQ(m_svc->check_in(m_op, a.id, invited->token, s, "A").error().code, ErrorCode::Conflict);
}

TEST_F(EventsTest, ScopeOfParticipantLists) {
    auto a = make(10);
    ASSERT_TRUE(m_svc->undang(m_op, a.id, {.peran_akun = {"psm"}, .kode_wilayah = "36.71"}, true));
    EXPECT_EQ(m_svc->peserta(m_op, a.id)->size(), 4u);
    auto tksk = m_svc->peserta(m_tksk, a.id);
    ASSERT_TRUE(tksk);
    EXPECT_EQ(tksk->size(), 2u) << "a TKSK sees only their kecamatan's PSMs";
    auto own = m_svc->peserta(m_psm1, a.id);
    ASSERT_EQ(own->size(), 1u);
    EXPECT_EQ(own->at(0).user_id, 2);
    // A local event of another kecamatan is not even visible to psm1.
    auto local = m_svc->create(m_op, {.judul = "Lokal", .tanggal_mulai = "2026-12-01", .tempat = "T", .penyelenggara = "P",
                                      .kode_wilayah = "36.71.02", .status = "dibuka", .kapasitas = 3}, {});
    ASSERT_TRUE(local);
    EXPECT_EQ(m_svc->get(m_psm1, local->id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(m_svc->get(m_psm3, local->id));
    // Drafts are the office's.
    auto draft = make(5, "draf");
    EXPECT_EQ(m_svc->get(m_psm1, draft.id).error().code, ErrorCode::NotFound);
}

TEST_F(EventsTest, DrawIsReproducibleAndNobodyWinsTwice) {
    auto a = make(100);
    auto s = (*m_svc->sesi(m_op, a.id))[0].id;
    std::vector<Peserta> people;
    for (int i = 0; i < 12; ++i) people.push_back(guest(a.id, "P" + std::to_string(i)));
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(m_svc->check_in(m_op, a.id, people[static_cast<std::size_t>(i)].token, s, "A"));
    guest(a.id, "Narasumber", "narasumber");
    auto first = m_svc->undi(m_op, a.id, "Kipas angin", 4, "panggung 1");
    ASSERT_TRUE(first) << first.error().message.en;
    EXPECT_EQ(first->calon.size(), 10u) << "only attending participants, not speakers or absentees";
    EXPECT_EQ(first->pemenang.size(), 4u);
    auto second = m_svc->undi(m_op, a.id, "Sepeda", 10, std::nullopt);
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->seed.empty()) << "a seed is made and recorded";
    EXPECT_EQ(second->calon.size(), 6u) << "earlier winners are out";
    std::set<std::int64_t> all(first->pemenang.begin(), first->pemenang.end());
    all.insert(second->pemenang.begin(), second->pemenang.end());
    EXPECT_EQ(all.size(), 10u) << "nobody twice";
    EXPECT_EQ(m_svc->undi(m_op, a.id, "Lagi", 1, "x").error().code, ErrorCode::Conflict) << "nobody left";
    auto draws = m_svc->undian(m_op, a.id);
    ASSERT_TRUE(draws);
    ASSERT_EQ(draws->size(), 2u);
    for (auto const& u : *draws) {
        auto again = m_svc->ulang_undian(m_op, a.id, u.id);
        ASSERT_TRUE(again);
        EXPECT_TRUE(again->sama) << u.id;
    }
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'acara.undian'"), 2);
    // Tampering with the recorded winners (an absentee put in) is caught by the re-run.
    {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->execute("UPDATE acara_pemenang SET peserta_id = ? WHERE undian_id = ? AND urutan = 1",
                               people[11].id, first->id));
    }
    EXPECT_FALSE(m_svc->ulang_undian(m_op, a.id, first->id)->sama);
}

TEST_F(EventsTest, CertificatesVerifyPubliclyWithMinimalData) {
    auto a = make(10);
    auto sessions = *m_svc->sesi(m_op, a.id);
    auto full = guest(a.id, "Siti Aminah");
    auto half = guest(a.id, "Budi");
    for (auto const& s : sessions) ASSERT_TRUE(m_svc->check_in(m_op, a.id, full.token, s.id, "A"));
    ASSERT_TRUE(m_svc->check_in(m_op, a.id, half.token, sessions[0].id, "A"));
    auto t = m_svc->terbitkan_sertifikat(m_op, a.id, 0);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->diterbitkan, 1) << "all sessions required by default";
    EXPECT_EQ(t->tidak_memenuhi, 1);
    EXPECT_EQ(m_svc->terbitkan_sertifikat(m_op, a.id, 1)->diterbitkan, 1) << "then one session is enough for Budi";
    auto list = *m_svc->peserta(m_op, a.id);
    auto siti = std::find_if(list.begin(), list.end(), [](Peserta const& p) { return p.nama == "Siti Aminah"; });
    ASSERT_TRUE(siti->sertifikat_kode);
    auto v = m_svc->verifikasi(group_code(*siti->sertifikat_kode));
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->valid);
    EXPECT_EQ(v->nama, "Siti Aminah");
    EXPECT_EQ(v->acara, "Pembinaan PSM");
    auto unknown = m_svc->verifikasi("ABCDEFGHJKMN");
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->valid);
    EXPECT_TRUE(unknown->nama.empty()) << "an unknown code says nothing";
    EXPECT_EQ(m_svc->verifikasi("x").error().code, ErrorCode::InvalidArgument);
    ASSERT_TRUE(m_svc->cabut_sertifikat(m_op, a.id, siti->id, "salah nama"));
    EXPECT_FALSE(m_svc->verifikasi(*siti->sertifikat_kode)->valid);
}

// A revocation's reason is kept on the participant's audit entry: bounded text. Before, a reason
// of any length (or, from a caller other than the JSON API, any bytes) was accepted.
TEST_F(EventsTest, ARevocationsReasonIsBoundedText) {
    auto a = make(10);
    auto siti = guest(a.id, "Siti Aminah");
    auto const sessions = *m_svc->sesi(m_op, a.id);
    for (auto const& s : sessions) ASSERT_TRUE(m_svc->check_in(m_op, a.id, siti.token, s.id, "A"));
    ASSERT_EQ(m_svc->terbitkan_sertifikat(m_op, a.id, 0)->diterbitkan, 1);
    auto const audits = count("SELECT count(*) FROM audit_log");
    for (std::string bad : {std::string(501, 'x'), std::string("salah \xff nama")}) {
        auto r = m_svc->cabut_sertifikat(m_op, a.id, siti.id, bad);
        ASSERT_FALSE(r) << bad.size();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().field, "alasan");
    }
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audits);
    auto list = *m_svc->peserta(m_op, a.id);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_FALSE(list[0].sertifikat_dicabut_pada) << "still valid";
    EXPECT_TRUE(m_svc->cabut_sertifikat(m_op, a.id, siti.id, "salah nama"));
}

TEST_F(EventsTest, DocumentsAreWrittenAndAudited) {
    auto a = make(10);
    auto s = (*m_svc->sesi(m_op, a.id))[0].id;
    auto p = guest(a.id, "Nguyễn Thị Ngô");
    ASSERT_TRUE(m_svc->check_in(m_op, a.id, p.token, s, "A"));
    ASSERT_TRUE(m_svc->terbitkan_sertifikat(m_op, a.id, 1));
    EXPECT_EQ(*m_svc->write_hadir_xlsx(m_op, a.id, (m_dir / "h.xlsx").string()), 1);
    EXPECT_EQ(*m_svc->write_hadir_pdf(m_op, a.id, (m_dir / "h.pdf").string()), 1);
    EXPECT_EQ(*m_svc->write_kartu_pdf(m_op, a.id, std::nullopt, (m_dir / "k.pdf").string()), 1);
    EXPECT_EQ(*m_svc->write_sertifikat_pdf(m_op, a.id, std::nullopt, "https://pilar.example/sertifikat/", (m_dir / "s.pdf").string()), 1);
    for (auto f : {"h.xlsx", "h.pdf", "k.pdf", "s.pdf"}) EXPECT_GT(fs::file_size(m_dir / f), 1000u) << f;
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'acara.ekspor'"), 4);
    // Another PSM's card is not theirs to print.
    EXPECT_FALSE(m_svc->write_kartu_pdf(m_psm1, a.id, p.id, (m_dir / "x.pdf").string()));
}

TEST_F(EventsTest, TrainingsAttendedForTheWorkforceRoster) {
    auto a = make(10);
    auto s = (*m_svc->sesi(m_op, a.id))[0].id;
    EXPECT_FALSE(*m_svc->basic_training_attended(2));
    auto me = m_svc->daftar_sendiri(m_psm1, a.id);
    ASSERT_TRUE(me);
    EXPECT_FALSE(*m_svc->basic_training_attended(2)) << "registered is not attended";
    ASSERT_TRUE(m_svc->check_in(m_op, a.id, me->token, s, "A"));
    EXPECT_TRUE(*m_svc->basic_training_attended(2));
    auto t = m_svc->trainings_attended(2, "2026-01-01", "2026-12-31");
    ASSERT_EQ(t->size(), 1u);
    EXPECT_EQ(t->at(0).sesi_hadir, 1);
    EXPECT_EQ(t->at(0).sesi_total, 2);
    EXPECT_TRUE(m_svc->trainings_attended(2, "2027-01-01", "2027-12-31")->empty());

    // By username, as the workforce asks: the basic training and the count per month.
    auto dasar = m_svc->basic_training_of("psm1");
    ASSERT_TRUE(dasar && *dasar);
    EXPECT_EQ((*dasar)->acara_id, a.id);
    EXPECT_FALSE(*m_svc->basic_training_of("psm2")) << "never attended";
    EXPECT_FALSE(*m_svc->basic_training_of("nobody")) << "no such account";
    // A second event, not basic training, attended by psm1 and psm2; psm3 only registered.
    auto b = m_svc->create(m_op, {.judul = "Bimtek pelaporan", .tanggal_mulai = "2026-12-20", .tempat = "Aula", .penyelenggara = "Dinsos",
                                  .kode_wilayah = "36.71", .status = "dibuka", .kapasitas = 5}, {});
    ASSERT_TRUE(b) << b.error().message.en;
    auto bs = (*m_svc->sesi(m_op, b->id))[0].id;
    auto p1 = m_svc->daftar_sendiri(m_psm1, b->id);
    ASSERT_TRUE(p1 && m_svc->daftar_sendiri(m_psm3, b->id));
    auto p2 = m_svc->add_peserta(m_op, b->id, {.username = "psm2", .peran = "peserta"}, true);
    ASSERT_TRUE(p2) << p2.error().message.en;
    for (auto const& token : {p1->token, p2->token}) ASSERT_TRUE(m_svc->check_in(m_op, b->id, token, bs, "B"));
    auto per = m_svc->trainings_per_username("2026-12-01", "2027-01-01");
    ASSERT_TRUE(per) << per.error().message.en;
    EXPECT_EQ(*per, (std::map<std::string, std::int64_t>{{"psm1", 2}, {"psm2", 1}}));
    EXPECT_TRUE(m_svc->trainings_per_username("2026-11-01", "2026-12-01")->empty());
    EXPECT_EQ(m_svc->basic_training_of("psm2").value(), std::nullopt) << "the second event is not basic training";
}

}  // namespace
}  // namespace pilar::events
