#include "privacy/store.hpp"

namespace pilar::privacy::store {

Result<std::optional<DasarHukum>> get(db::Connection& c, std::int64_t anggota_id) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT anggota_id, dasar, persetujuan_tanggal, persetujuan_oleh, wali_nama, wali_hubungan, wali_anggota_id, "
        "catatan, version, updated_at, updated_by FROM dasar_hukum WHERE anggota_id = ?"));
    PILAR_TRY(s.bind_all(anggota_id));
    if (!PILAR_TRY(s.step())) return std::optional<DasarHukum>{};
    DasarHukum d;
    d.anggota_id = s.integer(0);
    d.dasar = s.string(1);
    d.tercatat = true;
    d.persetujuan_tanggal = s.opt_string(2);
    d.persetujuan_oleh = s.opt_string(3);
    d.wali_nama = s.opt_string(4);
    d.wali_hubungan = s.opt_string(5);
    d.wali_anggota_id = s.opt_integer(6);
    d.catatan = s.opt_string(7);
    d.version = s.integer(8);
    d.updated_at = s.opt_string(9);
    d.updated_by = s.opt_string(10);
    return std::optional<DasarHukum>(std::move(d));
}

Result<bool> put(db::Connection& c, DasarHukum const& d, std::int64_t expected_version) {
    if (expected_version == 0) {
        auto n = PILAR_TRY(c.execute(
            "INSERT INTO dasar_hukum (anggota_id, dasar, persetujuan_tanggal, persetujuan_oleh, wali_nama, wali_hubungan, "
            "wali_anggota_id, catatan, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
            "ON CONFLICT (anggota_id) DO NOTHING",
            d.anggota_id, d.dasar, d.persetujuan_tanggal, d.persetujuan_oleh, d.wali_nama, d.wali_hubungan,
            d.wali_anggota_id, d.catatan, d.updated_at, d.updated_by));
        return n == 1;
    }
    auto n = PILAR_TRY(c.execute(
        "UPDATE dasar_hukum SET dasar = ?, persetujuan_tanggal = ?, persetujuan_oleh = ?, wali_nama = ?, wali_hubungan = ?, "
        "wali_anggota_id = ?, catatan = ?, version = version + 1, updated_at = ?, updated_by = ? "
        "WHERE anggota_id = ? AND version = ?",
        d.dasar, d.persetujuan_tanggal, d.persetujuan_oleh, d.wali_nama, d.wali_hubungan, d.wali_anggota_id, d.catatan,
        d.updated_at, d.updated_by, d.anggota_id, expected_version));
    return n == 1;
}

Result<void> anonymise(db::Connection& c, std::int64_t anggota_id) {
    PILAR_TRY(c.execute("UPDATE dasar_hukum SET persetujuan_oleh = NULL, wali_nama = NULL, wali_anggota_id = NULL, "
                        "catatan = NULL, version = version + 1 WHERE anggota_id = ?",
                        anggota_id));
    return {};
}

}  // namespace pilar::privacy::store
