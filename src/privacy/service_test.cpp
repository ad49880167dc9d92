#include "privacy/service.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "access/audit.hpp"
#include "registry/test_support.hpp"
#include "verivali/bindings.hpp"

namespace pilar::privacy {
namespace {

namespace json = boost::json;
using registry::ACol;

struct NoPetugas : verivali::PetugasDirectory {
    Result<std::vector<verivali::Petugas>> psm() override { return std::vector<verivali::Petugas>{}; }
};

class PrivacyTest : public registry::RegistryFixture {
protected:
    void SetUp() override {
        RegistryFixture::SetUp();
        m_households = std::make_unique<verivali::RegistryHouseholds>(*m_svc);
        m_verivali = std::make_unique<verivali::VerivaliService>(*m_db, *m_households, m_petugas);
        make_privacy(PrivacyOptions{});
        auto k = m_svc->create_keluarga(psm, household("3671012001150003"));
        ASSERT_TRUE(k) << k.error().describe(Lang::En);
        m_keluarga = k->id;
        auto siti = member("3671014507900001", "Siti Aminah");
        siti[ACol::TanggalLahir] = "1990-07-05";
        siti[ACol::TempatLahir] = "Tangerang";
        siti[ACol::DisabilitasJenis] = "fisik";
        siti[ACol::DisabilitasTingkat] = "berat";
        auto a = m_svc->create_anggota(psm, m_keluarga, siti);
        ASSERT_TRUE(a) << a.error().describe(Lang::En);
        m_siti = a->id;
        auto budi = member("3671010101150002", "Budi Santoso", "anak");
        budi[ACol::JenisKelamin] = "L";
        budi[ACol::TanggalLahir] = "2015-01-01";
        auto b = m_svc->create_anggota(psm, m_keluarga, budi);
        ASSERT_TRUE(b) << b.error().describe(Lang::En);
        m_budi = b->id;
    }
    void TearDown() override {
        m_privacy.reset();
        m_verivali.reset();
        m_households.reset();
        RegistryFixture::TearDown();
    }
    void make_privacy(PrivacyOptions o) { m_privacy = std::make_unique<PrivacyService>(*m_db, *m_svc, *m_verivali, o); }
    std::string audit_text() {
        auto c = m_db->acquire().value();
        auto s = c->prepare("SELECT COALESCE(before_json, '') || COALESCE(after_json, '') || detail FROM audit_log").value();
        std::string all;
        while (s.step().value()) all += s.string(0) + "\n";
        return all;
    }
    access::AuditVerifyReport verify() { return access::AuditService(*m_db).verify(Actor::system("t")).value(); }
    // Marks the member as gone (a precondition of erasure under the public task).
    void mark_gone(std::int64_t id) {
        auto a = m_svc->anggota(op, id).value();
        ASSERT_TRUE(m_svc->update_anggota(op, id, {{"status_keberadaan", "meninggal"}}, a.version, "meninggal dunia"));
    }

    NoPetugas m_petugas;
    std::unique_ptr<verivali::RegistryHouseholds> m_households;
    std::unique_ptr<verivali::VerivaliService> m_verivali;
    std::unique_ptr<PrivacyService> m_privacy;
    std::int64_t m_keluarga = 0, m_siti = 0, m_budi = 0;
};

TEST_F(PrivacyTest, LegalBasisDefaultsToPublicTaskAndConsentNeedsDateAndGiver) {
    auto d = m_privacy->dasar_hukum(psm, m_siti);
    ASSERT_TRUE(d) << d.error().describe(Lang::En);
    EXPECT_EQ(d->dasar, "tugas_publik");
    EXPECT_FALSE(d->tercatat);
    EXPECT_FALSE(d->anak);

    auto no_date = m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "persetujuan", .persetujuan_oleh = "Siti Aminah"});
    ASSERT_FALSE(no_date);
    EXPECT_EQ(no_date.error().field, "persetujuan_tanggal");
    auto no_giver = m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02"});
    ASSERT_FALSE(no_giver);
    EXPECT_EQ(no_giver.error().field, "persetujuan_oleh");
    auto future = m_privacy->set_dasar_hukum(
        psm, m_siti, {.dasar = "persetujuan", .persetujuan_tanggal = "2999-01-01", .persetujuan_oleh = "Siti Aminah"});
    ASSERT_FALSE(future);
    EXPECT_EQ(future.error().field, "persetujuan_tanggal");
    EXPECT_EQ(m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "suka_suka"}).error().field, "dasar");
    EXPECT_EQ(count("SELECT COUNT(*) FROM dasar_hukum"), 0) << "refusals change nothing";

    auto ok = m_privacy->set_dasar_hukum(
        psm, m_siti, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02", .persetujuan_oleh = "Siti Aminah"});
    ASSERT_TRUE(ok) << ok.error().describe(Lang::En);
    EXPECT_EQ(ok->version, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'anggota.dasar_hukum' AND entity_id = '" +
                    std::to_string(m_siti) + "'"),
              1);
    // A second change must name the version it saw.
    auto stale = m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "tugas_publik"});
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    auto back = m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "tugas_publik", .version = 1});
    ASSERT_TRUE(back) << back.error().describe(Lang::En);
    EXPECT_FALSE(back->persetujuan_oleh);
    // History shows the change with before/after, like any change of the person.
    auto h = m_svc->history(psm, "anggota", m_siti).value();
    EXPECT_EQ(h.back().action, "anggota.dasar_hukum");
    EXPECT_TRUE(h.back().before_json && h.back().before_json->find("persetujuan") != std::string::npos);

    EXPECT_EQ(m_privacy->dasar_hukum(psm_other, m_siti).error().code, ErrorCode::NotFound) << "scope";
    EXPECT_EQ(m_privacy->set_dasar_hukum(kepala, m_siti, {.dasar = "tugas_publik", .version = 2}).error().code,
              ErrorCode::PermissionDenied);
}

TEST_F(PrivacyTest, AChildNeedsAParentOrGuardianWhoAlsoGivesTheConsent) {
    EXPECT_TRUE(m_privacy->dasar_hukum(psm, m_budi).value().anak);
    auto bare = m_privacy->set_dasar_hukum(psm, m_budi, {.dasar = "tugas_publik"});
    ASSERT_FALSE(bare);
    EXPECT_EQ(bare.error().field, "wali_nama");
    auto other_giver = m_privacy->set_dasar_hukum(
        psm, m_budi, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02", .persetujuan_oleh = "Budi Santoso",
                      .wali_nama = "Siti Aminah", .wali_hubungan = "ibu"});
    ASSERT_FALSE(other_giver);
    EXPECT_EQ(other_giver.error().field, "persetujuan_oleh") << "a child cannot consent for themselves";
    EXPECT_EQ(m_privacy->set_dasar_hukum(psm, m_budi, {.dasar = "tugas_publik", .wali_nama = "X", .wali_hubungan = "tetangga"})
                  .error()
                  .field,
              "wali_hubungan");
    EXPECT_EQ(m_privacy->set_dasar_hukum(psm, m_siti, {.dasar = "tugas_publik", .wali_anggota_id = m_budi}).error().field,
              "wali_anggota_id")
        << "a child cannot be a guardian";

    // The guardian named by their registry record; the consent giver defaults to them.
    auto ok = m_privacy->set_dasar_hukum(psm, m_budi, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02",
                                                       .wali_hubungan = "ibu", .wali_anggota_id = m_siti});
    ASSERT_TRUE(ok) << ok.error().describe(Lang::En);
    EXPECT_EQ(ok->wali_nama, "Siti Aminah");
    EXPECT_EQ(ok->persetujuan_oleh, "Siti Aminah");
    EXPECT_TRUE(ok->anak);
}

TEST_F(PrivacyTest, SubjectExportHoldsEverythingAboutThePersonForTheOperatorOnlyAndIsAudited) {
    ASSERT_TRUE(m_privacy->set_dasar_hukum(
        psm, m_siti, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02", .persetujuan_oleh = "Siti Aminah"}));
    ASSERT_TRUE(m_svc->add_ppks(psm, m_siti, {.ppks = 9, .sejak = "2025-01-01", .bukti = "kursi roda"}));
    auto u = m_verivali->create_usulan(psm, {.jenis = "ppks", .keluarga_id = m_keluarga, .anggota_id = m_siti,
                                             .isi_json = R"({"ppks":[9]})"});
    ASSERT_TRUE(u) << u.error().describe(Lang::En);

    EXPECT_EQ(m_privacy->ekspor_subjek(psm, m_siti).error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(m_privacy->ekspor_subjek(kepala, m_siti).error().code, ErrorCode::PermissionDenied);
    auto text = m_privacy->ekspor_subjek(op, m_siti);
    ASSERT_TRUE(text) << text.error().describe(Lang::En);
    auto doc = json::parse(*text).as_object();
    EXPECT_EQ(doc["anggota"].at("nik").as_string(), "3671014507900001") << "the subject sees their full NIK";
    EXPECT_EQ(doc["anggota"].at("disabilitas").at("jenis").as_string(), "fisik");
    EXPECT_EQ(doc["keluarga"].at("no_kk").as_string(), "3671012001150003");
    EXPECT_EQ(doc["dasar_hukum"].at("dasar").as_string(), "persetujuan");
    ASSERT_EQ(doc["ppks"].as_array().size(), 1u);
    EXPECT_EQ(doc["ppks"].as_array()[0].at("bukti").as_string(), "kursi roda");
    ASSERT_EQ(doc["usulan"].as_array().size(), 1u);
    EXPECT_EQ(doc["usulan"].as_array()[0].at("tentang").as_string(), "anggota");
    EXPECT_TRUE(doc["usulan"].as_array()[0].as_object().contains("lampiran"));
    EXPECT_GE(doc["riwayat_perubahan"].as_array().size(), 2u) << "creation, legal basis, PPKS";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'anggota.ekspor_subjek' AND detail = 'json'"), 1);

    auto pdf = m_dir / "subjek.pdf";
    auto w = m_privacy->tulis_pdf(op, m_siti, pdf.string());
    ASSERT_TRUE(w) << w.error().describe(Lang::En);
    std::ifstream in(pdf, std::ios::binary);
    std::string head(4, '\0');
    in.read(head.data(), 4);
    EXPECT_EQ(head, "%PDF");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'anggota.ekspor_subjek' AND detail = 'pdf'"), 1);
    EXPECT_EQ(m_privacy->ekspor_subjek(psm_other, m_siti).error().code, ErrorCode::PermissionDenied);
    Actor op_elsewhere = registry::actor(Role::Operator, "op2", {"36.71.02"});
    EXPECT_EQ(m_privacy->ekspor_subjek(op_elsewhere, m_siti).error().code, ErrorCode::NotFound) << "scope";
}

TEST_F(PrivacyTest, ErasureIsRefusedWithEveryReasonWhileRetentionForbidsIt) {
    auto u = m_verivali->create_usulan(psm, {.jenis = "perubahan", .keluarga_id = m_keluarga, .anggota_id = m_siti,
                                             .isi_json = R"({"nama":"Siti Aminah"})"});
    ASSERT_TRUE(u);
    auto ev = m_privacy->evaluasi_hapus(op, m_siti).value();
    EXPECT_FALSE(ev.boleh);
    std::vector<std::string> codes;
    for (auto const& h : ev.hambatan) codes.push_back(h.kode);
    EXPECT_EQ(codes, (std::vector<std::string>{"usulan_berjalan", "masih_terdaftar", "masa_retensi"}));
    EXPECT_TRUE(ev.boleh_sejak.has_value());

    auto refused = m_privacy->hapus(op, m_siti, 1, "permintaan 1/2026");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_NE(refused.error().message.en.find("still open"), std::string::npos) << refused.error().message.en;
    EXPECT_NE(refused.error().message.en.find("retention"), std::string::npos);
    EXPECT_EQ(m_svc->anggota(op, m_siti).value().nama, "Siti Aminah") << "nothing changed";
    EXPECT_EQ(m_privacy->evaluasi_hapus(psm, m_siti).error().code, ErrorCode::PermissionDenied);
}

TEST_F(PrivacyTest, ErasureAnonymisesThePersonAndRedactsTheTrailWhichStillVerifies) {
    make_privacy({.retensi_hari = 0});
    ASSERT_TRUE(m_privacy->set_dasar_hukum(
        psm, m_siti, {.dasar = "persetujuan", .persetujuan_tanggal = "2026-01-02", .persetujuan_oleh = "Siti Aminah"}));
    ASSERT_TRUE(m_svc->add_ppks(psm, m_siti, {.ppks = 9, .sejak = "2025-01-01", .bukti = "kursi roda"}));
    auto u = m_verivali->create_usulan(psm, {.jenis = "perubahan", .keluarga_id = m_keluarga, .anggota_id = m_siti,
                                             .isi_json = R"({"nama":"Siti Aminah Binti"})"});
    ASSERT_TRUE(u);
    ASSERT_TRUE(m_verivali->transition(psm, u->usulan.id, {.ke = verivali::Status::Dibatalkan}));
    mark_gone(m_siti);
    ASSERT_NE(audit_text().find("Siti Aminah"), std::string::npos) << "the trail held the name before";

    auto ev = m_privacy->evaluasi_hapus(op, m_siti).value();
    EXPECT_TRUE(ev.boleh);
    auto version = m_svc->anggota(op, m_siti).value().version;
    auto done = m_privacy->hapus(op, m_siti, version, "surat permintaan 12/2026");
    ASSERT_TRUE(done) << done.error().describe(Lang::En);
    EXPECT_EQ(done->usulan_dianonimkan, std::vector<std::int64_t>{u->usulan.id});
    EXPECT_FALSE(done->audit_diredaksi.empty());

    auto a = m_svc->anggota(op, m_siti, {.unmask = true, .include_special = true}).value();
    EXPECT_EQ(a.nama, "(dianonimkan)");
    EXPECT_FALSE(a.nik);
    EXPECT_FALSE(a.tanggal_lahir);
    EXPECT_FALSE(a.tempat_lahir);
    EXPECT_FALSE(a.disabilitas);
    EXPECT_EQ(a.tahun_lahir, 1990) << "statistics keep the birth year";
    EXPECT_EQ(a.jenis_kelamin, "P");
    EXPECT_EQ(a.kode_wilayah, "36.71.01.1001.004.002");
    ASSERT_EQ(a.ppks.size(), 1u);
    EXPECT_FALSE(a.ppks[0].bukti) << "PPKS evidence is gone, the category stays";
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota WHERE nik_bi IS NOT NULL AND id = " + std::to_string(m_siti)), 0);
    EXPECT_EQ(m_verivali->usulan(op, u->usulan.id).value().isi_json, "{}");
    EXPECT_FALSE(m_privacy->dasar_hukum(op, m_siti).value().persetujuan_oleh);

    // Nothing personal survives in the trail, and the chain still verifies.
    auto trail = audit_text();
    EXPECT_EQ(trail.find("Siti Aminah"), std::string::npos) << trail;
    EXPECT_EQ(trail.find("1990-07-05"), std::string::npos);
    auto v = verify();
    EXPECT_TRUE(v.ok) << v.reason.en;

    // No second erasure, and no later change of the anonymised record.
    EXPECT_EQ(m_privacy->hapus(op, m_siti, version + 1, "lagi").error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_svc->update_anggota(op, m_siti, {{"nama", "Siti"}}, a.version, "isi lagi").error().code, ErrorCode::Conflict);
    // Budi, the other member of the household, is untouched.
    EXPECT_EQ(m_svc->anggota(op, m_budi).value().nama, "Budi Santoso");
}

// The erasure's reason stays in the audit trail for good (it is the one payload erasure never
// redacts), so it is a short reference: at most 500 bytes of UTF-8. Before, any length — and, from
// the console, any bytes — was accepted and kept.
TEST_F(PrivacyTest, TheErasuresReasonIsAShortReference) {
    make_privacy({.retensi_hari = 0});
    mark_gone(m_siti);
    auto version = m_svc->anggota(op, m_siti).value().version;
    auto const audits = count("SELECT COUNT(*) FROM audit_log");
    for (std::string bad : {std::string(501, 'x'), std::string("surat \xff 12/2026")}) {
        auto r = m_privacy->hapus(op, m_siti, version, bad);
        ASSERT_FALSE(r) << bad.size();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().field, "alasan");
    }
    EXPECT_EQ(m_svc->anggota(op, m_siti).value().nama, "Siti Aminah") << "nothing erased";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audits);
    EXPECT_TRUE(m_privacy->hapus(op, m_siti, version, std::string(500, 'x')));
}

TEST_F(PrivacyTest, VerifyNamesAPayloadRemovedWithoutARedactionEntry) {
    make_privacy({.retensi_hari = 0});
    mark_gone(m_siti);
    auto version = m_svc->anggota(op, m_siti).value().version;
    auto done = m_privacy->hapus(op, m_siti, version, "surat permintaan 12/2026");
    ASSERT_TRUE(done) << done.error().describe(Lang::En);
    ASSERT_TRUE(verify().ok);
    auto redaction = count("SELECT MAX(seq) FROM audit_log WHERE action = 'audit.redact'");
    // Someone "redacts" Budi's creation entry by hand, pointing at the real redaction entry.
    auto budi_seq = count("SELECT seq FROM audit_log WHERE action = 'anggota.create' AND entity_id = '" +
                          std::to_string(m_budi) + "'");
    auto c = m_db->acquire().value();
    ASSERT_TRUE(c->execute("UPDATE audit_log SET after_json = NULL, detail = '[dihapus]', redacted_by = ? WHERE seq = ?",
                           redaction, budi_seq));
    auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.bad_seq, budi_seq);
    EXPECT_EQ(v.problem, access::AuditProblem::Edited);
    // And an edited payload of a v2 entry is named too.
    ASSERT_TRUE(c->execute("UPDATE audit_log SET redacted_by = NULL, after_json = '{\"nama\":\"X\"}' WHERE seq = ?", budi_seq));
    v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.bad_seq, budi_seq);
}

}  // namespace
}  // namespace pilar::privacy
