// SQL for keluarga, anggota and anggota_ppks. Every function takes the connection it runs on, so
// the service (and the bulk import) decide transactions. Rows carry identity numbers and special
// fields as stored (encrypted, blind index, mask); decrypting is the service's business.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "registry/columns.hpp"

namespace pilar::registry::store {

struct Meta {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::string kode_wilayah;
    std::int64_t version = 1;
    std::string created_at, updated_at, created_by, updated_by;
    std::string row_hash;
};

struct KeluargaRow {
    Meta meta;
    KeluargaRecord rec;  // rec[NoKk] is empty: the number is only in no_kk_enc
    std::string no_kk_enc, no_kk_bi, no_kk_mask;
    std::string status = "aktif";
    std::int64_t jumlah_anggota = 0;
};

struct PpksRow {
    std::int64_t id = 0;
    std::int64_t anggota_id = 0;
    int ppks = 0;
    std::string sejak;
    std::optional<std::string> sampai;
    std::string dinilai_oleh;
    std::optional<std::string> bukti_enc;
    std::string kode_wilayah;
    std::string created_at;
};

struct AnggotaRow {
    Meta meta;
    std::int64_t keluarga_id = 0;
    // rec[Nik], rec[NoKk] and the special columns (disabilitas_*, penyakit_kronis) are empty:
    // they live encrypted below. rec[Ppks] holds the current PPKS numbers.
    AnggotaRecord rec;
    std::optional<std::string> nik_enc, nik_bi, nik_mask;
    std::optional<std::string> disabilitas_enc, penyakit_kronis_enc;
    std::string nama_cari;
};

// A region filter: records whose kode_wilayah is one of these codes or below one of them.
// Empty = everything (a city-wide role, the system).
using Ranges = std::vector<std::string>;

struct ListFilter {
    Ranges ranges;
    std::optional<std::string> nik_bi, no_kk_bi;
    std::optional<std::string> nama_prefix;  // lower case
    std::optional<int> ppks;
    std::optional<std::int64_t> keluarga_id;
    std::optional<std::string> status_keberadaan;
    bool by_nama = false;  // order by (nama_cari, id), else (kode_wilayah, id)
    std::optional<std::string> after_key;  // kode_wilayah or nama_cari of the last row seen
    std::optional<std::int64_t> after_id;
    int limit = 50;
};

std::string lower_name(std::string_view nama);

// The next free id of `table` (inside a write transaction, which serialises writers): ids are
// known before the insert because encrypted values are bound to their row.
Result<std::int64_t> next_id(db::Connection& c, std::string_view table);

Result<std::optional<KeluargaRow>> get_keluarga(db::Connection& c, std::int64_t id);
Result<std::optional<std::int64_t>> keluarga_id_by_uid(db::Connection& c, std::string_view uid);
Result<std::optional<std::int64_t>> keluarga_id_by_kk(db::Connection& c, std::string_view no_kk_bi);
Result<void> insert_keluarga(db::Connection& c, KeluargaRow const& r);
// Full update when the version matches (bumps it); false when stale.
Result<bool> update_keluarga(db::Connection& c, KeluargaRow const& r, std::int64_t expected_version);
Result<void> refresh_member_count(db::Connection& c, std::int64_t keluarga_id);
Result<std::vector<KeluargaRow>> list_keluarga(db::Connection& c, ListFilter const& f);

Result<std::optional<AnggotaRow>> get_anggota(db::Connection& c, std::int64_t id);
Result<std::optional<std::int64_t>> anggota_id_by_uid(db::Connection& c, std::string_view uid);
Result<std::optional<std::int64_t>> anggota_id_by_nik(db::Connection& c, std::string_view nik_bi);
Result<void> insert_anggota(db::Connection& c, AnggotaRow const& r);
Result<bool> update_anggota(db::Connection& c, AnggotaRow const& r, std::int64_t expected_version);
Result<std::vector<AnggotaRow>> list_anggota(db::Connection& c, ListFilter const& f);
// Members follow their household when it moves.
Result<void> move_members(db::Connection& c, std::int64_t keluarga_id, std::string_view kode_wilayah);

Result<std::vector<PpksRow>> ppks_of(db::Connection& c, std::int64_t anggota_id);
Result<void> insert_ppks(db::Connection& c, PpksRow const& r);
Result<bool> end_ppks(db::Connection& c, std::int64_t id, std::int64_t anggota_id, std::string_view sampai);

}  // namespace pilar::registry::store
