// The verivali module's records: proposals (usulan) to the national registry with their
// workflow state, the musyawarah kelurahan batches that back them, attachments, and ground-check
// lists (daftar periksa) split among PSMs. Field names follow the API and migration 0005.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pilar::verivali {

// Workflow states (stable API words; the legal moves between them are in workflow.hpp).
enum class Status {
    Draft,
    Diajukan,
    Dikembalikan,
    Ditinjau,
    Diverifikasi,
    Dimusyawarahkan,
    Disetujui,
    Ditolak,
    Diekspor,
    Diterima,
    Padan,
    TidakPadan,
    Dibatalkan,
};
inline constexpr int kStatusCount = 13;

enum class Jenis { KeluargaBaru, Perubahan, Penghapusan, Ppks };

std::string_view status_name(Status s);  // "draft", "diajukan", ..., "tidak_padan"
std::optional<Status> status_from_name(std::string_view name);
std::string_view jenis_name(Jenis j);    // "keluarga_baru", "perubahan", "penghapusan", "ppks"
std::optional<Jenis> jenis_from_name(std::string_view name);
// Reasons for a removal ("meninggal", "pindah", "tidak_ditemukan", "ganda", "tidak_layak").
bool is_alasan_penghapusan(std::string_view alasan);
// Ground-check visit result codes 1..6 ("selesai" ... "ganda").
std::string_view hasil_periksa_name(int code);

struct Usulan {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    Jenis jenis = Jenis::Perubahan;
    std::optional<std::string> alasan;
    std::int64_t keluarga_id = 0;
    std::optional<std::int64_t> anggota_id;
    std::string isi_json = "{}";
    std::string kode_wilayah;
    Status status = Status::Draft;
    std::optional<std::string> catatan;
    std::optional<std::int64_t> musyawarah_id;
    std::optional<int> hasil_periksa;
    std::optional<std::string> periksa_json;
    std::optional<double> periksa_lat, periksa_lon;
    std::optional<std::string> periksa_oleh, periksa_at;
    std::optional<std::string> hasil_nasional;
    std::string created_by, created_at, updated_at;
    std::int64_t version = 1;
};

struct Riwayat {
    std::int64_t id = 0;
    std::int64_t usulan_id = 0;
    std::optional<std::string> dari;
    std::string ke;
    std::string at, username, role;
    std::optional<std::string> catatan;
};

struct Musyawarah {
    std::int64_t id = 0;
    std::string kode_kelurahan;
    std::string nomor_berita_acara;
    std::string tanggal;
    std::int64_t notulen_lampiran_id = 0;
    std::string created_by, created_at;
    std::vector<std::int64_t> usulan_ids;
};

enum class Pemilik { Usulan, Musyawarah, Periksa };
std::string_view pemilik_name(Pemilik p);
std::optional<Pemilik> pemilik_from_name(std::string_view name);

// An attachment's metadata; the bytes travel separately.
struct Lampiran {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    Pemilik pemilik = Pemilik::Usulan;
    std::optional<std::int64_t> pemilik_id;
    std::string mime;
    std::string sha256;
    std::int64_t ukuran = 0;
    std::string kode_wilayah;
    std::string created_by, created_at;
};

struct DaftarPeriksa {
    std::int64_t id = 0;
    std::string nama;
    std::string sumber;  // "filter" or "ekstrak"
    std::optional<std::string> keterangan;
    std::string created_by, created_at;
    std::int64_t total = 0, selesai = 0, tanpa_petugas = 0;  // in the caller's scope
};

struct PeriksaItem {
    std::int64_t id = 0;
    std::int64_t daftar_id = 0;
    std::int64_t keluarga_id = 0;
    std::string kode_wilayah;
    std::optional<std::string> kode_rw;
    std::optional<std::string> petugas;
    std::string status = "belum";
    std::optional<int> hasil;
    std::optional<std::string> jawaban_json;
    std::optional<double> lat, lon;
    std::optional<std::string> checked_by, checked_at;
    std::optional<std::int64_t> usulan_id;
    std::int64_t version = 1;
};

// One row of a progress report: a group (PSM username, RW, kelurahan or kecamatan code).
struct Kemajuan {
    std::string kelompok;  // "" for items without a PSM or RW
    std::int64_t selesai = 0;
    std::int64_t total = 0;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next;  // cursor (the last id), absent on the last page
};

}  // namespace pilar::verivali
