// Workforce use cases: the roster of pilar sosial (records, SKs, assignments with history, status
// with reasons, the requirement checklist), RW coverage, activity reports (laporan kegiatan), the
// monthly recap with incentive eligibility, and performance scores with rankings. Every read is
// scoped (a PSM sees their own record, a TKSK their kecamatan, the office the kota; anything else
// is NotFound), every write is one transaction with its audit entry.
//
//   WorkforceService svc(db, wilayah, sasaran_check);
//   svc.add_sumber(verivali_source);                 // recap figures from other modules
//   auto p = svc.create_pilar(op, {.jenis = "psm", .nama = "Siti Aminah", ...});
//   svc.assign(op, p->id, {.wilayah = {"36.71.01.1001.004"}, .mulai = "2026-01-02"}, p->version);
//   auto c = svc.cakupan(tksk, "36.71.01", Date::today());
//   auto r = svc.rekap(op, {.bulan = "2026-11"});
//
// Other modules feed the recap and the scores without this module reading their tables: a
// Sumber is a named set of indicators counted per username over a period (verivali's proposals
// and ground checks now; cases, handovers and training attendance from later capabilities).
// Training comes from the events module (issue 7 item 4) the same way: the composition root binds
// a PelatihanDasarHadir (the first basic-training event the account was checked in at), which
// meets the checklist's "pelatihan_dasar" item, and a Sumber with the indicator "pelatihan"
// (trainings attended in the period). set_pelatihan_dasar() stays for training held before Pilar.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "wilayah/service.hpp"
#include "workforce/model.hpp"

namespace pilar::workforce {

inline constexpr int kMaxPageSize = 200;
inline constexpr std::size_t kMaxFotoPerLaporan = 5;
inline constexpr std::size_t kMaxSasaran = 50;

// Checks that the actor may see a household (and the member, when given, belongs to it);
// NotFound outside their scope. Bound over RegistryService in the composition root.
using SasaranCheck =
    std::function<Result<void>(Actor const& actor, std::int64_t keluarga_id, std::optional<std::int64_t> anggota_id)>;

// A half-open period [dari, sampai) of dates (YYYY-MM-DD).
struct Periode {
    std::string dari, sampai;
};
// "2026-11" (a month) or "2026" (a year); InvalidArgument at `field` otherwise.
Result<Periode> periode_of(std::string_view text, std::string_view field = "bulan");

// Counted for the records of one kota at a time, under that kota's rules (verivali's checks on
// time use its periksa_tenggat_hari): a database may hold several kota, each with its own rules.
struct Sumber {
    std::string nama;                    // for messages ("verivali")
    std::vector<std::string> indikator;  // the ids it fills
    std::function<Result<std::map<std::string, Angka>>(Periode const&, Aturan const&)> hitung;  // per username
};

// A basic training the person attended, as the events module recorded it.
struct PelatihanHadir {
    std::string tanggal;  // the event's first day
    std::string sumber;   // "acara:<id>"
};
using PelatihanDasarHadir = std::function<Result<std::optional<PelatihanHadir>>(std::string const& username)>;

struct PilarInput {
    std::optional<std::string> jenis, nama, jenis_kelamin, tanggal_lahir, alamat, telepon, email, kode_ktp, username;
    std::optional<bool> ketua_rt_rw;
    std::optional<std::string> kode_wilayah;  // for kinds other than PSM/TKSK (they follow their assignment)
};

struct PilarQuery {
    std::optional<Jenis> jenis;
    std::optional<Status> status;
    std::optional<std::string> kode_wilayah;  // at or below
    std::optional<std::string> q;             // name fragment
    std::int64_t after = 0;
    int limit = 50;
};

struct SkInput {
    std::string nomor, tanggal, ditandatangani, mulai, selesai;
    std::optional<std::int64_t> perpanjangan_dari;
};

struct AssignInput {
    std::vector<std::string> wilayah;  // PSM: RW(s) of one kelurahan; TKSK: one kecamatan
    std::string mulai;                 // YYYY-MM-DD
    std::optional<std::string> alasan;
};

struct LaporanInput {
    std::optional<std::string> uid;
    std::optional<std::int64_t> pilar_id;  // the office filing for someone; default: the caller's own record
    std::optional<std::string> tanggal, jenis, uraian, kode_wilayah;
    std::optional<double> lat, lon;
    std::vector<Sasaran> sasaran;
};

struct CreatedLaporan {
    Laporan laporan;
    bool created = true;  // false: the uid was known (a retried offline upload)
};

struct LaporanQuery {
    std::optional<std::int64_t> pilar_id;
    std::optional<std::string> bulan;         // YYYY-MM
    std::optional<std::string> kode_wilayah;  // at or below
    std::optional<JenisKegiatan> jenis;
    std::int64_t after = 0;
    int limit = 50;
};

struct RekapQuery {
    std::string bulan;                        // YYYY-MM
    std::optional<std::string> kode_wilayah;  // at or below; default the caller's scope
    Jenis jenis = Jenis::Psm;
};

// The TKSK's monthly kecamatan report: their own figures, their PSMs' totals and rows, and
// the kecamatan's coverage.
struct LaporanKecamatan {
    std::string bulan, kode_kecamatan, nama_kecamatan;
    std::optional<RekapBaris> tksk;
    Rekap psm;
    CakupanKecamatan cakupan;
};

// One export of the recap or the ranking as a file (finance's incentive list, "PSM terbaik"):
// names, areas and money, recorded like the registry's exports.
struct Ekspor {
    std::string_view jenis;   // "rekap" or "peringkat" (the audit entry's entity_id)
    std::string periode;      // the month or year asked for
    std::optional<std::string> kode_wilayah;  // the area asked for, if any
    std::optional<Jenis> jenis_pilar;         // the recap's kind (psm/tksk)
    std::string format;       // "csv", "xlsx", "csv (stdout)"
    std::size_t baris = 0;
};

// One record of a bulk load (the demo roster, a migration from a spreadsheet): the record as it
// should stand, its SK and its current assignment.
struct RosterSeed {
    PilarSosial pilar;
    std::optional<Sk> sk;
    std::vector<std::string> wilayah;  // current assignment (dotted codes)
    std::string mulai;                 // since when
};

// The rule for an account created under a name a roster record reserves (a record may link to a
// username with no account yet, for the account the admin creates later): the account is of the
// record's kind (PSM record: psm, TKSK record: tksk, other kinds either) and lies in the record's
// kota, the same rule linking a record to an existing account follows; otherwise Conflict on
// username naming the record (only "outside your area" when the record lies outside the
// caller's). Runs in the caller's write transaction; bound to AccessService::add_account_check
// by the composition root and the `pilar user` commands.
Result<void> check_reserved_username(db::Connection& c, Actor const& actor, std::string const& username, Role role,
                                     std::vector<std::string> const& wilayah);

class WorkforceService {
public:
    WorkforceService(db::Database& db, wilayah::WilayahService& wilayah, SasaranCheck sasaran)
        : m_db(db), m_wilayah(wilayah), m_sasaran(std::move(sasaran)) {}

    void add_sumber(Sumber s) { m_sumber.push_back(std::move(s)); }
    void set_pelatihan_dasar_hadir(PelatihanDasarHadir f) { m_pelatihan_hadir = std::move(f); }

    // --- roster
    Result<PilarSosial> create_pilar(Actor const& actor, PilarInput const& in);
    Result<PilarSosial> update_pilar(Actor const& actor, std::int64_t id, PilarInput const& in, std::int64_t version);
    Result<PilarSosial> pilar(Actor const& actor, std::int64_t id, Date today = Date::today());
    // The caller's own record (linked by username); NotFound when there is none.
    /// The caller's own roster record, or nullopt when no record is linked to the account.
    Result<std::optional<PilarSosial>> saya(Actor const& actor, Date today = Date::today());
    Result<std::vector<PilarSosial>> list_pilar(Actor const& actor, PilarQuery const& q);
    // Moving to aktif needs every enforced requirement met (Conflict naming the missing ones);
    // nonaktif and berhenti need a reason; berhenti ends the current assignments.
    Result<PilarSosial> set_status(Actor const& actor, std::int64_t id, Status ke, std::optional<std::string> alasan,
                                   std::int64_t version, Date today = Date::today());
    Result<Sk> add_sk(Actor const& actor, std::int64_t id, SkInput const& in);
    // Ends the current assignments on `mulai` and starts the given ones.
    Result<PilarSosial> assign(Actor const& actor, std::int64_t id, AssignInput const& in, std::int64_t version);
    // Basic training attended (the events module calls this when a participant completes one).
    Result<PilarSosial> set_pelatihan_dasar(Actor const& actor, std::int64_t id, std::string tanggal, std::string sumber);

    // Loads many records in one transaction with one audit entry (pilar_sosial.impor), all or
    // nothing. Office or system only; the seeds are trusted to be valid (no requirement check).
    Result<int> import_roster(Actor const& actor, std::vector<RosterSeed> const& rows);

    // --- coverage of `kode_wilayah` (kota, kecamatan or kelurahan; default the caller's area)
    Result<Cakupan> cakupan(Actor const& actor, std::optional<std::string> kode_wilayah, Date today = Date::today());

    // --- activity reports
    Result<CreatedLaporan> create_laporan(Actor const& actor, LaporanInput const& in, Date today = Date::today());
    Result<Laporan> laporan(Actor const& actor, std::int64_t id);
    // By the device's uid (an offline photo names its report so); NotFound like laporan().
    Result<Laporan> laporan_by_uid(Actor const& actor, std::string_view uid);
    Result<std::vector<Laporan>> list_laporan(Actor const& actor, LaporanQuery const& q);
    Result<Foto> add_foto(Actor const& actor, std::int64_t laporan_id, std::optional<std::string> uid, std::string_view bytes);
    // The photo's bytes; each call is an audited view (laporan_kegiatan.foto_lihat): a photo of a
    // home visit shows a person, their house and often their condition.
    Result<std::pair<Foto, std::string>> foto(Actor const& actor, std::int64_t id);

    // --- recap, incentive, scores
    Result<Rekap> rekap(Actor const& actor, RekapQuery const& q);
    Result<LaporanKecamatan> laporan_kecamatan(Actor const& actor, std::string const& bulan, std::string const& kode_kecamatan);
    // Scores of the active PSMs over a month or a year ("2026-11", "2026"), ranked in the kota
    // and in each kecamatan; the rows the caller may see.
    Result<std::vector<Peringkat>> peringkat(Actor const& actor, std::string const& periode,
                                             std::optional<std::string> kode_wilayah);

    // Records one export (audit action pilar_sosial.ekspor, entity_id rekap/peringkat, the query,
    // format and rows in detail), once the file is written: the /ekspor routes and `pilar
    // workforce recap|ranking` call it.
    Result<void> audit_ekspor(Actor const& actor, Ekspor const& e);

    // --- rules, one set per kota (aturan_defs() lists the keys and ranges)
    // The rules of the kota `kode_wilayah` lies in, defaults where its office set none. No scope
    // check: for computations about that kota's records.
    Result<Aturan> aturan_kota(std::string_view kode_wilayah);
    // A kota's rules with their defaults, ranges and last changes. The kota is the caller's own (an
    // account of a kecamatan, kelurahan or RW belongs to its kota); `kode_kota` may name it, and
    // names another only for the console or an account whose scope holds that kota: any other
    // kota is NotFound, like every record outside the caller's area.
    Result<AturanKota> aturan(Actor const& actor, std::optional<std::string> const& kode_kota);
    // Sets one rule of the kota (chosen as above), audited (workforce.aturan, entity_id
    // "<kota>:<kunci>"). Operator/admin or the console. A value outside its range or kind is
    // InvalidArgument on "nilai" naming the rule, and nothing changes.
    Result<AturanKota> set_aturan(Actor const& actor, std::optional<std::string> const& kode_kota, std::string const& kunci,
                                  std::string const& nilai);

    // Requirement checklist of a record under the rules, as of `today`.
    static std::vector<Syarat> syarat(PilarSosial const& p, Aturan const& a, Date today);

private:
    using AturanCache = std::map<std::string, Aturan>;  // by kota, each read once per call
    Result<Aturan const*> rules_of(AturanCache& cache, std::string_view kode_wilayah);
    // Reading another kota's rules answers like a missing kota (404); a write naming it is refused
    // at kode_kota (403), like every write naming a region outside the caller's area.
    enum class KotaUse { Read, Write };
    Result<std::string> kota_for(Actor const& actor, std::optional<std::string> const& kode_kota, KotaUse use);
    Result<PilarSosial> load_visible(db::Connection& c, Actor const& actor, std::int64_t id);
    // Overlays the basic training attended at an event (if any) on a record read from the store:
    // attendance first, the manual record (set_pelatihan_dasar) otherwise. Not saved.
    Result<void> with_attendance(PilarSosial& p);
    Result<void> update_pilar_fields(Actor const& actor, PilarSosial& p, PilarInput const& in);
    // Every indicator of each record over the period (reports here, the rest from the sources);
    // `indikator` gets the ids in column order.
    Result<std::map<std::int64_t, Angka>> figures(Periode const& periode, std::vector<PilarSosial> const& rows,
                                                  std::vector<std::string>& indikator, AturanCache& rules);

    db::Database& m_db;
    wilayah::WilayahService& m_wilayah;
    SasaranCheck m_sasaran;
    std::vector<Sumber> m_sumber;
    PelatihanDasarHadir m_pelatihan_hadir;
};

}  // namespace pilar::workforce
