#include "registry/convert.hpp"

#include <gtest/gtest.h>

#include "access/audit.hpp"

namespace pilar::registry {
namespace {

store::AnggotaRow person() {
    store::AnggotaRow r;
    r.meta.id = 7;
    r.meta.kode_wilayah = "36.71.01.1001.004.002";
    r.meta.version = 3;
    r.meta.created_at = "2026-11-01T00:00:00.000Z";
    r.meta.updated_at = "2026-11-02T00:00:00.000Z";
    r.meta.created_by = r.meta.updated_by = "operator";
    r.keluarga_id = 2;
    r.nik_mask = "3671********0001";
    r.rec[ACol::Nama] = "Siti \"Ami\" Aminah";
    r.rec[ACol::JenisKelamin] = "P";
    r.rec[ACol::TanggalLahir] = "1990-07-05";
    r.rec[ACol::Hubungan] = "kepala_keluarga";
    r.rec[ACol::Pekerjaan] = "pedagang";
    r.rec[ACol::StatusKeberadaan] = "ada";
    r.rec[ACol::StatusPadan] = "belum";
    r.rec[ACol::Ppks] = "4";
    r.disabilitas_enc = "sealed-1";
    return r;
}

// An update's audit payload is written from the members that changed; it must be exactly what
// comparing the two full audit views gives (the stored history and the chain depend on it).
TEST(AuditChanges, SameAsComparingTheFullViews) {
    auto const before = person();
    std::vector<store::AnggotaRow> afters;
    {
        auto a = person();  // the bench's write: a job, the version, the time
        a.rec[ACol::Pekerjaan] = "buruh harian";
        a.meta.version = 4;
        a.meta.updated_at = "2026-11-28T00:00:00.000Z";
        afters.push_back(a);
    }
    {
        auto a = person();  // PPKS, the sealed special field, a field emptied, another household
        a.rec[ACol::Ppks] = "4;9";
        a.disabilitas_enc = "sealed-2";
        a.penyakit_kronis_enc = "sealed-3";
        a.rec[ACol::Pekerjaan].clear();
        a.keluarga_id = 5;
        a.meta.kode_wilayah = "36.71.02.1002.001.001";
        afters.push_back(a);
    }
    afters.push_back(person());  // nothing changed
    for (auto const& after : afters) {
        auto const expected = access::changed_fields(audit_json(before), audit_json(after));
        ASSERT_TRUE(expected);
        EXPECT_EQ(audit_changes(before, after)(), *expected);
    }
    EXPECT_EQ(audit_changes(before, afters[2])(), (std::pair<std::string, std::string>{"{}", "{}"}));
    EXPECT_EQ(audit_changes(before, afters[0])().second,
              R"({"pekerjaan":"buruh harian","version":4,"diubah_pada":"2026-11-28T00:00:00.000Z"})");
}

}  // namespace
}  // namespace pilar::registry
