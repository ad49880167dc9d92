// Verivali use cases: proposals (usulan) through the workflow of workflow.hpp, musyawarah
// batches, attachments, and ground-check lists assigned to PSMs by RW — every read scoped to
// the caller, every write one transaction with its audit entry (access/audit.hpp) and, for a
// proposal's move, a usulan_riwayat row.
//
//   VerivaliService svc(db, households, petugas);
//   auto u = svc.create_usulan(psm, {.jenis = "penghapusan", .alasan = "meninggal", .keluarga_id = 7});
//   svc.transition(psm, u->usulan.id, {.ke = Status::Diajukan});
//   auto queue = svc.list_usulan(tksk, {.antrian_saya = true});          // what waits for the TKSK
//   svc.transition(tksk, id, {.ke = Status::Dikembalikan, .catatan = "foto rumah kurang jelas"});
//
// Errors, in the order they are checked: a record missing or outside the caller's scope is
// NotFound (existence does not leak); an illegal move is Conflict naming the current state; a
// legal move by a role the table does not list, or a cancel by someone other than the author,
// is PermissionDenied; a missing note, result code or GPS is InvalidArgument at that field; a
// stale version is Conflict.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"
#include "verivali/lookup.hpp"
#include "verivali/model.hpp"

namespace pilar::verivali {

inline constexpr int kMaxPageSize = 200;
inline constexpr std::size_t kMaxDaftarItems = 20000;
inline constexpr std::size_t kMaxMusyawarahUsulan = 500;

struct UsulanInput {
    std::optional<std::string> uid;
    std::optional<std::string> jenis;
    std::optional<std::string> alasan;
    std::optional<std::int64_t> keluarga_id;
    std::optional<std::int64_t> anggota_id;
    std::optional<std::string> isi_json;  // a JSON object as text
    std::optional<std::string> catatan;
};

struct CreatedUsulan {
    Usulan usulan;
    bool created = true;  // false: the uid was known (a retried offline upload)
};

struct TransitionInput {
    Status ke = Status::Draft;
    std::optional<std::int64_t> version;  // when given, a stale one is a Conflict
    std::optional<std::string> catatan;
    std::optional<int> hasil_periksa;
    std::optional<double> lat, lon;
    std::optional<std::string> jawaban_json;  // a JSON object as text
    std::optional<std::int64_t> musyawarah_id;
};

struct UsulanQuery {
    bool antrian_saya = false;  // only what waits for the caller's role
    std::optional<Status> status;
    std::optional<Jenis> jenis;
    std::optional<std::string> kode_wilayah;
    std::optional<std::int64_t> musyawarah_id;
    std::optional<std::string> after;
    int limit = 50;
};

struct Ringkasan {
    std::string kode_wilayah;  // what was asked ("" for the caller's whole scope)
    std::vector<std::pair<Status, std::int64_t>> per_status;  // every state, zeros included
    std::int64_t total = 0;
};

struct MusyawarahInput {
    std::optional<std::string> kode_kelurahan;  // derived from the proposals when absent
    std::string nomor_berita_acara;
    std::string tanggal;
    std::int64_t notulen_lampiran_id = 0;
    std::vector<std::int64_t> usulan_ids;
};

struct LampiranInput {
    Pemilik pemilik = Pemilik::Usulan;
    std::optional<std::int64_t> pemilik_id;    // usulan or periksa item
    std::optional<std::string> kode_wilayah;   // for minutes: the kelurahan
    std::optional<std::string> uid;
    std::string_view bytes;
};

struct Penugasan {
    std::string kode_rw;
    std::string petugas;
};

struct BagiReport {
    std::int64_t ditugaskan = 0;
    std::vector<std::pair<std::string, std::int64_t>> per_petugas;
    std::vector<std::string> rw_tanpa_petugas;  // RWs no PSM covers (and "" for items without RW)
};

struct HasilInput {
    std::int64_t version = 0;
    int hasil = 0;
    std::optional<double> lat, lon;
    std::optional<std::string> jawaban_json;
};

enum class KemajuanPer { Psm, Rw, Kelurahan, Kecamatan };

struct PeriksaQuery {
    bool saya = false;  // only items assigned to the caller
    std::optional<std::int64_t> daftar_id;
    std::optional<std::string> status;
    std::optional<std::string> after;
    int limit = 50;
};

// The national upload ("usulan siap unggah"): approved proposals as rows for the national
// system, one row per person a proposal is about (a member; a whole household: every present
// member, kepala keluarga first), identity numbers in full. Columns: upload_header(),
// docs/formats.md. Operator only.
struct UploadQuery {
    std::optional<std::string> kode_wilayah;  // at or below; default the caller's scope
    std::optional<Jenis> jenis;
    Status status = Status::Disetujui;        // or Diekspor: fetch an earlier upload again
    bool tandai = false;  // move every exported proposal disetujui -> diekspor (one transaction)
    std::string berkas;   // the file's name, for the audit entry and the notes
};

struct UploadReport {
    std::int64_t usulan = 0;
    std::int64_t baris = 0;
    bool ditandai = false;
};

// What each field worker did in verivali in a period (the workforce recap and scores read this):
// proposals they moved to diajukan, proposals they made that were approved (disetujui) in the
// period, ground checks they recorded, and of those the ones recorded within `tenggat_hari` days
// of their list's creation.
struct AktivitasPetugas {
    std::int64_t usulan_diajukan = 0;
    std::int64_t usulan_disetujui = 0;
    std::int64_t periksa_selesai = 0;
    std::int64_t periksa_tepat_waktu = 0;
};

using RowSink = std::function<Result<void>(std::vector<std::string> const& row)>;

class VerivaliService {
public:
    VerivaliService(db::Database& db, HouseholdLookup& households, PetugasDirectory& petugas)
        : m_db(db), m_households(households), m_petugas(petugas) {}

    // --- proposals
    Result<CreatedUsulan> create_usulan(Actor const& actor, UsulanInput const& in);
    Result<Usulan> usulan(Actor const& actor, std::int64_t id);
    // Changes what is proposed while the proposal is the author's (draft, dikembalikan).
    Result<Usulan> update_usulan(Actor const& actor, std::int64_t id, UsulanInput const& in, std::int64_t version);
    Result<Usulan> transition(Actor const& actor, std::int64_t id, TransitionInput const& in);
    Result<Page<Usulan>> list_usulan(Actor const& actor, UsulanQuery const& q);
    Result<Ringkasan> ringkasan(Actor const& actor, std::optional<std::string> const& kode_wilayah);
    Result<std::vector<Riwayat>> riwayat(Actor const& actor, std::int64_t id);
    Result<std::vector<Lampiran>> lampiran_of_usulan(Actor const& actor, std::int64_t id);

    // Writes the header then the rows to `sink`, then calls `finish` (the file is complete);
    // with q.tandai, marks the proposals only after that, all or nothing (a proposal changed
    // meanwhile is a Conflict and nothing is marked). One audit entry (usulan.ekspor_unggah) plus the registry's own
    // entries for the unmasked reads, plus one per marked proposal.
    static std::vector<std::string> upload_header();
    Result<UploadReport> export_upload(Actor const& actor, UploadQuery const& q, RowSink const& sink,
                                       std::function<Result<void>()> const& finish = {});

    // --- musyawarah: creates the batch and moves every listed proposal (all verified, all of one
    // kelurahan) to dimusyawarahkan, all or nothing.
    Result<Musyawarah> create_musyawarah(Actor const& actor, MusyawarahInput const& in);
    Result<Musyawarah> musyawarah(Actor const& actor, std::int64_t id);
    Result<Page<Musyawarah>> list_musyawarah(Actor const& actor, std::optional<std::string> const& after, int limit);

    // --- attachments (type from the bytes; at most 2 MB)
    Result<Lampiran> add_lampiran(Actor const& actor, LampiranInput const& in);
    Result<std::pair<Lampiran, std::string>> lampiran(Actor const& actor, std::int64_t id);

    // --- ground-check lists
    Result<DaftarPeriksa> create_daftar_filter(Actor const& actor, std::string nama, HouseholdFilter filter);
    // A national extract: CSV with a no_kk column. All or nothing; an unknown No. KK is named
    // masked, with its line.
    Result<DaftarPeriksa> create_daftar_ekstrak(Actor const& actor, std::string nama, CsvReader& reader);
    Result<DaftarPeriksa> daftar(Actor const& actor, std::int64_t id);
    Result<std::vector<DaftarPeriksa>> list_daftar(Actor const& actor);
    // Assigns open items by RW: the given (RW, PSM) pairs, or when none are given every
    // unassigned item to the PSM(s) whose scope holds its RW, round-robin when several do.
    Result<BagiReport> bagi(Actor const& actor, std::int64_t daftar_id, std::vector<Penugasan> const& penugasan);
    Result<std::vector<Kemajuan>> kemajuan(Actor const& actor, std::int64_t daftar_id, KemajuanPer per);
    Result<Page<PeriksaItem>> list_periksa(Actor const& actor, PeriksaQuery const& q);
    Result<PeriksaItem> periksa(Actor const& actor, std::int64_t id);
    Result<PeriksaItem> submit_hasil(Actor const& actor, std::int64_t id, HasilInput const& in);

    // --- the workforce's view: per username, for [dari, sampai) (YYYY-MM-DD). The office's
    // whole-kota count (no personal data leaves); callers scope what they show.
    Result<std::map<std::string, AktivitasPetugas>> aktivitas_petugas(std::string_view dari, std::string_view sampai,
                                                                       int tenggat_hari);

    // --- privacy (src/privacy): what verivali holds about one member, and its erasure
    // Proposals about the member and about their household as a whole, in the caller's scope.
    Result<std::vector<Usulan>> usulan_about(Actor const& actor, std::int64_t keluarga_id, std::int64_t anggota_id);
    // When the household was last ground-checked (checked_at), if ever; NotFound outside the scope.
    Result<std::optional<std::string>> last_check(Actor const& actor, std::int64_t keluarga_id);
    // Removes what the member's own proposals say about them (content, notes, form answers,
    // attachments) and audits each ("usulan.anonimkan"); returns their ids, whose audit entries
    // the caller redacts. Refused (Conflict) while one of them is still open.
    Result<std::vector<std::int64_t>> anonymise_usulan_of(Actor const& actor, std::int64_t keluarga_id,
                                                          std::int64_t anggota_id);

private:
    db::Database& m_db;
    HouseholdLookup& m_households;
    PetugasDirectory& m_petugas;
};

}  // namespace pilar::verivali
