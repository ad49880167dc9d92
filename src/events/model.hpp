// The events module's records: a training event (pembinaan, bimtek) with its sessions, its
// participants (user accounts or free records), attendance per session, certificates and
// door-prize draws. Plain structs; the rules live in service.cpp, the SQL in store.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pilar::events {

struct Acara {
    std::int64_t id = 0;
    std::string judul;
    std::string jenis = "pembinaan";  // pembinaan, bimtek, sosialisasi, lainnya
    std::optional<std::string> deskripsi;
    std::string tanggal_mulai, tanggal_selesai;  // YYYY-MM-DD
    std::string tempat;
    std::int64_t kapasitas = 0;
    std::string penyelenggara;
    std::string kode_wilayah;  // dotted
    bool pelatihan_dasar = false;
    std::string status = "draf";  // draf, dibuka, ditutup, selesai, batal
    std::int64_t jumlah_terdaftar = 0;
    std::int64_t version = 1;
    std::string created_at, created_by, updated_at, updated_by;
};

// What the caller sends to create or change an event (absent: unchanged on update).
struct AcaraInput {
    std::optional<std::string> judul, jenis, deskripsi, tanggal_mulai, tanggal_selesai, tempat, penyelenggara,
        kode_wilayah, status;
    std::optional<std::int64_t> kapasitas;
    std::optional<bool> pelatihan_dasar;
    std::optional<std::int64_t> version;  // required on update
};

struct Sesi {
    std::int64_t id = 0;
    std::int64_t acara_id = 0;
    int urutan = 0;
    std::string judul;
    std::optional<std::string> topik;
    std::string mulai, selesai;  // YYYY-MM-DDTHH:MM
    std::optional<std::int64_t> narasumber_id;
    std::optional<std::string> narasumber_nama;  // joined for display
    std::int64_t jumlah_hadir = 0;               // joined for display
};

struct SesiInput {
    std::string judul;
    std::optional<std::string> topik;
    std::string mulai, selesai;
    std::optional<std::int64_t> narasumber_id;
};

struct Peserta {
    std::int64_t id = 0;
    std::int64_t acara_id = 0;
    std::optional<std::int64_t> user_id;
    std::string nama;
    std::string peran = "peserta";  // peserta, narasumber, panitia, tamu
    std::optional<std::string> peran_akun, kode_wilayah, telepon, instansi;
    std::string status = "diundang";  // diundang, terdaftar, batal
    std::string token;
    std::optional<std::string> diundang_pada, terdaftar_pada;
    std::optional<std::string> sertifikat_kode, sertifikat_pada, sertifikat_dicabut_pada;
    std::int64_t version = 1;
    std::int64_t sesi_hadir = 0;  // sessions attended (joined for display)
};

// A free participant record (speaker, guest) or a user account to register/invite.
struct PesertaInput {
    std::optional<std::int64_t> user_id;
    std::optional<std::string> username;  // the account by name, instead of user_id
    std::optional<std::string> nama, peran, peran_akun, kode_wilayah, telepon, instansi;
};

// Invite every active user account of these roles whose scope lies in (or is) this area.
struct UndanganInput {
    std::vector<std::string> peran_akun;  // "psm", "tksk", ...
    std::string kode_wilayah;
};

struct Hadir {
    std::int64_t id = 0;
    std::int64_t acara_id = 0, sesi_id = 0, peserta_id = 0;
    std::string pintu, waktu, oleh;
};

// The answer a door gets: "hadir" (this scan counted) or "sudah" (counted before, at `pintu`,
// `waktu`), with who it is so the door can compare the face with the name.
struct CheckIn {
    std::string hasil;  // "hadir" or "sudah"
    Hadir hadir;
    Peserta peserta;
    Sesi sesi;
};

struct Undian {
    std::int64_t id = 0;
    std::int64_t acara_id = 0;
    std::string hadiah;
    int jumlah = 0;
    std::string seed;
    std::vector<std::int64_t> calon;  // eligible participant ids, ascending
    std::string calon_digest;
    std::vector<std::int64_t> pemenang;  // participant ids in draw order
    std::vector<std::string> pemenang_nama;
    std::string dibuat_pada, dibuat_oleh;
};

// What the public verification page may show: nothing more than this.
struct VerifikasiSertifikat {
    bool valid = false;
    std::string kode;
    std::string nama, acara, tanggal_mulai, tanggal_selesai;
    std::optional<std::string> dicabut_pada;
};

// One training a user attended (for the workforce's "training attended" indicator).
struct PelatihanDiikuti {
    std::int64_t acara_id = 0;
    std::string judul, jenis, tanggal_mulai, tanggal_selesai;
    bool pelatihan_dasar = false;
    std::int64_t sesi_hadir = 0, sesi_total = 0;
};

}  // namespace pilar::events
