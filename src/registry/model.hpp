// The registry's records: households (keluarga), their members (anggota) and PPKS
// classifications, as services hand them out. Identity numbers travel in clear only inside the
// service (for validation, encryption, blind index); what leaves it is masked unless the caller
// asked to unmask and was allowed to (that view is audited). Field names follow docs/formats.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilar::registry {

// The household variables of the national verification form (codes: docs/formats.md).
struct Rumah {
    std::optional<std::string> status_bangunan, status_lahan;
    std::optional<double> luas_lantai;
    std::optional<std::string> jenis_lantai, jenis_dinding, kondisi_dinding, jenis_atap, kondisi_atap;
    std::optional<std::int64_t> jumlah_kamar;
    std::optional<std::string> sumber_air, sumber_penerangan, daya_listrik, bahan_bakar, fasilitas_bab;
    std::vector<std::string> aset;  // codes, in the vocabulary's order
};

struct Keluarga {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::string no_kk;  // 16 digits, or masked ("3671********0001") when not unmasked
    bool no_kk_masked = true;
    std::string kode_kelurahan;  // dotted
    std::optional<std::string> rw, rt;  // "004"
    std::string kode_wilayah;  // deepest: RT, RW or kelurahan code
    std::string alamat;
    std::optional<double> lat, lon;
    std::optional<std::int64_t> desil;
    Rumah rumah;
    std::string status = "aktif";
    std::int64_t jumlah_anggota = 0;
    std::int64_t version = 1;
    std::string created_at, updated_at, created_by, updated_by;
};

// A ';'-list of codes as stored (a household's aset), written as a JSON array of the codes.
struct CodeList {
    std::string_view text;
};

// A household as the API's list page shows it: Keluarga's fields as views into the database row
// being read, valid only during the call that hands it out (like AnggotaView below). Masked only:
// an unmasked read builds a Keluarga and is audited.
struct KeluargaView {
    std::int64_t id = 0;
    std::optional<std::string_view> uid;
    std::string_view no_kk;  // masked
    bool no_kk_masked = true;
    std::string_view kode_kelurahan;
    std::optional<std::string_view> rw, rt;
    std::string_view kode_wilayah;
    std::string_view alamat;
    std::optional<double> lat, lon;
    std::optional<std::int64_t> desil;
    struct {
        std::optional<std::string_view> status_bangunan, status_lahan;
        std::optional<double> luas_lantai;
        std::optional<std::string_view> jenis_lantai, jenis_dinding, kondisi_dinding, jenis_atap, kondisi_atap;
        std::optional<std::int64_t> jumlah_kamar;
        std::optional<std::string_view> sumber_air, sumber_penerangan, daya_listrik, bahan_bakar, fasilitas_bab;
        CodeList aset;
    } rumah;
    std::string_view status;
    std::int64_t jumlah_anggota = 0;
    std::int64_t version = 1;
    std::string_view created_at, updated_at, created_by, updated_by;
};

struct Disabilitas {
    std::string jenis;    // vocab disabilitas_jenis
    std::optional<std::string> tingkat;  // vocab disabilitas_tingkat
    bool operator==(Disabilitas const&) const = default;
};

struct PpksEntry {
    std::int64_t id = 0;
    int ppks = 0;  // 1..26
    std::string sejak;  // YYYY-MM-DD
    std::optional<std::string> sampai;
    std::string dinilai_oleh;
    std::optional<std::string> bukti;  // special data: only when the caller may see it
    bool operator==(PpksEntry const&) const = default;
};

struct Anggota {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::int64_t keluarga_id = 0;
    std::optional<std::string> nik;  // masked unless unmasked
    bool nik_masked = true;
    std::string nama;
    std::string jenis_kelamin;  // "L"/"P"
    std::optional<std::string> tempat_lahir, tanggal_lahir;
    std::string hubungan;
    std::optional<std::string> status_kawin, pendidikan, pekerjaan, nisn, sekolah;
    // Special-category data: filled only when the caller may see it (and the view is audited).
    bool special_included = false;
    std::optional<Disabilitas> disabilitas;
    std::vector<std::string> penyakit_kronis;
    std::vector<PpksEntry> ppks;
    std::string status_keberadaan = "ada";
    std::string status_padan = "belum";
    std::string kode_wilayah;
    // Anonymised (erasure, src/privacy): when, and the birth year kept for statistics.
    std::optional<std::string> dianonimkan_pada;
    std::optional<std::int64_t> tahun_lahir;
    // Merged into this member by a duplicate review (src/dedup); the record stays, with its history.
    std::optional<std::int64_t> digabung_ke;
    std::int64_t version = 1;
    std::string created_at, updated_at, created_by, updated_by;
};

// A member as the API shows it on the hot read paths (a person, a page of a list): Anggota's
// fields as views into the database row being read, valid only during the call that hands it
// out, so a page of 50 is written without copying each row into strings first. Masked and
// without special data only (an unmasked or special view builds an Anggota and is audited).
struct AnggotaView {
    std::int64_t id = 0;
    std::optional<std::string_view> uid;
    std::int64_t keluarga_id = 0;
    std::optional<std::string_view> nik;  // masked
    bool nik_masked = true;
    std::string_view nama, jenis_kelamin;
    std::optional<std::string_view> tempat_lahir, tanggal_lahir;
    std::string_view hubungan;
    std::optional<std::string_view> status_kawin, pendidikan, pekerjaan, nisn, sekolah;
    bool special_included = false;
    std::span<PpksEntry const> ppks;
    std::string_view status_keberadaan, status_padan, kode_wilayah;
    std::optional<std::string_view> dianonimkan_pada;
    std::optional<std::int64_t> tahun_lahir, digabung_ke;
    std::int64_t version = 1;
    std::string_view created_at, updated_at, created_by, updated_by;
};

}  // namespace pilar::registry
