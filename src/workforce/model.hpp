// The workforce module's records: the roster of pilar sosial (PSM, TKSK and the other PSKS kinds
// of domain/psks.csv) with their SKs, assignments and status history; activity reports (laporan
// kegiatan); and what is computed from them — coverage of the RWs, the monthly recap, incentive
// eligibility and performance scores. Field names follow the API and migration 0009.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pilar::workforce {

// PSKS kinds (domain/psks.csv), by a lower-case key of their abbreviation.
enum class Jenis { Psp, Psm, Tagana, Lks, Kt, Lk3, Kp, Wksbm, Wpks, Ps, Tksk, Du };
std::string_view jenis_name(Jenis j);        // "psm", "tksk", "tagana", ...
std::optional<Jenis> jenis_from_name(std::string_view name);
std::string_view jenis_label(Jenis j);       // "Pekerja Sosial Masyarakat", ...
std::vector<Jenis> all_jenis();

enum class Status { Kandidat, Aktif, Nonaktif, Berhenti };
std::string_view status_name(Status s);      // "kandidat", "aktif", "nonaktif", "berhenti"
std::optional<Status> status_from_name(std::string_view name);

// Activity kinds of a laporan kegiatan.
enum class JenisKegiatan {
    KunjunganRumah,
    PeriksaLapangan,
    PendampinganRujukan,
    Sosialisasi,
    TanggapBencana,
    Rapat,
    Pendataan,
    Lainnya,
};
std::string_view kegiatan_name(JenisKegiatan k);  // "kunjungan_rumah", ...
std::optional<JenisKegiatan> kegiatan_from_name(std::string_view name);
std::vector<JenisKegiatan> all_kegiatan();

struct Sk {
    std::int64_t id = 0;
    std::int64_t pilar_id = 0;
    std::string nomor, tanggal, ditandatangani, mulai, selesai;
    std::optional<std::int64_t> perpanjangan_dari;
    std::string created_by, created_at;
};

struct Penugasan {
    std::int64_t id = 0;
    std::int64_t pilar_id = 0;
    std::string kode_wilayah;
    std::string mulai;
    std::optional<std::string> selesai;  // absent: current
    std::optional<std::string> alasan;
    std::string created_by, created_at;
};

struct StatusRiwayat {
    std::int64_t id = 0;
    std::int64_t pilar_id = 0;
    std::optional<std::string> dari;
    std::string ke;
    std::optional<std::string> alasan;
    std::string at, username;
};

// One requirement of the checklist and whether it is met (`catatan` says why not).
struct Syarat {
    std::string kode;  // "usia", "ktp_wilayah", "pelatihan_dasar", "bukan_ketua_rt_rw", "sk_berlaku"
    bool wajib = true; // false: a rule the office switched off (shown, not enforced)
    bool terpenuhi = false;
    std::string catatan;  // in Indonesian, for the status-change error and older clients
    // The note's facts as data, for a client that words them in its own language; each is set where
    // its kode has it: usia, minimal ("usia"); kode_ktp, wilayah: the area the KTP must be in
    // ("ktp_wilayah"); tanggal, acara: the event it was attended at ("pelatihan_dasar"); nomor,
    // mulai, selesai ("sk_berlaku").
    std::optional<std::int64_t> usia{}, minimal{}, acara{};
    std::optional<std::string> kode_ktp{}, wilayah{}, tanggal{}, nomor{}, mulai{}, selesai{};
};

struct PilarSosial {
    std::int64_t id = 0;
    Jenis jenis = Jenis::Psm;
    std::string nama;
    std::optional<std::string> jenis_kelamin, tanggal_lahir, alamat, telepon, email, kode_ktp;
    bool ketua_rt_rw = false;
    std::optional<std::string> pelatihan_dasar, pelatihan_sumber;
    std::optional<std::string> username;
    std::string kode_wilayah;
    Status status = Status::Kandidat;
    std::optional<std::string> status_alasan;
    std::string created_by, created_at, updated_at;
    std::int64_t version = 1;
    // filled on reads of one record (and of lists: current assignments and SK)
    std::vector<Penugasan> penugasan;         // current ones in lists; all (history) in detail
    std::optional<Sk> sk;                     // the latest SK
    std::vector<Sk> sk_riwayat;               // detail only
    std::vector<StatusRiwayat> status_riwayat;  // detail only
    std::vector<Syarat> syarat;               // detail only
};

struct Sasaran {
    std::int64_t keluarga_id = 0;
    std::optional<std::int64_t> anggota_id;
};

struct Foto {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::int64_t laporan_id = 0;
    std::string mime, sha256;
    std::int64_t ukuran = 0;
    std::string created_by, created_at;
};

struct Laporan {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    std::int64_t pilar_id = 0;
    std::string pilar_nama;  // filled on reads
    std::string tanggal;
    JenisKegiatan jenis = JenisKegiatan::Lainnya;
    std::string uraian;
    std::string kode_wilayah;
    std::optional<double> lat, lon;
    std::vector<Sasaran> sasaran;
    std::vector<Foto> foto;
    std::string created_by, created_at;
};

// --- coverage
struct CakupanRw {
    std::string kode, nama;
    std::vector<std::pair<std::int64_t, std::string>> psm;  // active PSMs assigned (id, nama)
};

struct CakupanKelurahan {
    std::string kode, nama, kode_kecamatan;
    std::int64_t rw = 0, rw_tercakup = 0, rw_kosong = 0, rw_ganda = 0, psm_aktif = 0;
    std::vector<CakupanRw> kosong;  // RWs with no active PSM
    std::vector<CakupanRw> ganda;   // RWs with more than one
    std::optional<double> lat, lon; // mean GPS of the kelurahan's activity reports, if any
};

struct CakupanKecamatan {
    std::string kode, nama;
    std::int64_t rw = 0, rw_tercakup = 0, rw_kosong = 0, rw_ganda = 0, psm_aktif = 0;
    std::optional<std::string> tksk;  // the active TKSK's name
};

struct SkBerakhir {
    std::int64_t pilar_id = 0;
    std::string nama;
    Jenis jenis = Jenis::Psm;
    std::string kode_wilayah;
    Sk sk;
    int sisa_hari = 0;  // negative: already expired
};

struct Cakupan {
    std::string kode_wilayah;
    int sk_peringatan_hari = 0;  // the kota's window for sk_berakhir
    std::int64_t rw = 0, rw_tercakup = 0, rw_kosong = 0, rw_ganda = 0, psm_aktif = 0;
    std::vector<CakupanKecamatan> kecamatan;
    std::vector<CakupanKelurahan> kelurahan;
    std::vector<SkBerakhir> sk_berakhir;  // within the window (and expired, still active)
};

// --- recap, incentive, performance
// One figure of a recap row: an indicator's id and its value. Ids: "laporan" (reports filed),
// "laporan.<jenis>" per activity kind, then the registered sources (usulan_diajukan,
// usulan_disetujui, periksa_selesai, periksa_tepat_waktu, and later kasus, pelatihan ...).
using Angka = std::map<std::string, std::int64_t>;

struct RekapBaris {
    std::int64_t pilar_id = 0;
    std::string nama;
    Jenis jenis = Jenis::Psm;
    std::optional<std::string> username;
    std::string kode_wilayah;
    Status status = Status::Aktif;
    std::vector<std::string> wilayah_tugas;  // current assignments
    Angka angka;
    // incentive
    bool layak_insentif = false;
    std::int64_t insentif = 0;  // rupiah
    std::vector<std::string> alasan_tidak_layak;  // in Indonesian, for the CSV/XLSX recap
    // The same reasons as data, for a client that words them in its own language.
    struct Alasan {
        std::string kode;                   // "status" | "laporan"
        std::optional<Status> status;       // kode "status": the record's status
        std::int64_t jumlah = 0, minimal = 0;  // kode "laporan": reports made, reports required
    };
    std::vector<Alasan> alasan;
};

struct Rekap {
    std::string bulan;  // YYYY-MM
    std::string kode_wilayah;
    std::vector<std::string> indikator;  // the ids in column order
    std::vector<RekapBaris> baris;
    Angka total;
    std::int64_t layak = 0, total_insentif = 0;
};

struct SkorBagian {
    std::string indikator;
    std::int64_t nilai = 0;
    double bobot = 0;
    double skor = 0;
};

struct Peringkat {
    std::int64_t pilar_id = 0;
    std::string nama;
    std::string kode_wilayah, kode_kecamatan;
    double skor = 0;
    int peringkat_kota = 0, peringkat_kecamatan = 0;
    std::vector<SkorBagian> rincian;
};

// The office's rules, one set per kota/kabupaten (table workforce_aturan_kota, migration 0020),
// with defaults: a kota's recap, scores, checklist and coverage follow its own rules.
struct Aturan {
    int usia_minimal = 18;
    bool larang_ketua_rt_rw = false;  // "not also an RT/RW head": Perwal unclear, off by default
    int tksk_masa_tahun = 5;
    int sk_peringatan_hari = 60;
    int insentif_min_laporan = 4;
    std::int64_t insentif_nominal = 500000;
    int periksa_tenggat_hari = 14;
    // score weights per indicator id
    std::map<std::string, double> bobot = {
        {"usulan_diajukan", 2}, {"usulan_disetujui", 3}, {"periksa_selesai", 2}, {"periksa_tepat_waktu", 1},
        {"kasus", 3},           {"laporan", 1},          {"pelatihan", 2},
    };
};

// Indicators every score knows, whether or not a source fills them yet, in the breakdown's order;
// each has a weight bobot.<id>.
std::vector<std::string> const& skor_indikator();

// What a rule may hold: a whole number, a number, or a switch (0/1).
enum class JenisAturan { Bulat, Angka, YaTidak };
std::string_view jenis_aturan_name(JenisAturan j);  // "integer", "number", "boolean" (JSON Schema's words)

// One key of Aturan: its allowed range and kind. The one list every reader, writer, the API,
// the CLI and the web screen (through the API) go by.
struct AturanDef {
    std::string_view kunci;  // "usia_minimal", ..., "bobot.<indikator>"
    JenisAturan jenis;
    double min, max;
};
std::vector<AturanDef> const& aturan_defs();
std::optional<AturanDef> aturan_def(std::string_view kunci);
// A key's value in `a` (a switch as 0/1), and `a` with the key set to `v` (already in range).
double nilai_aturan(Aturan const& a, std::string_view kunci);
void terapkan_aturan(Aturan& a, std::string_view kunci, double v);

// One rule of a kota as the office sees it: value, default, range, last change (none: the default).
struct AturanBaris {
    AturanDef def;
    double nilai = 0, bawaan = 0;
    std::optional<std::string> updated_by, updated_at;
};

struct AturanKota {
    std::string kode_kota;
    Aturan aturan;
    std::vector<AturanBaris> daftar;  // in aturan_defs() order
};

}  // namespace pilar::workforce
