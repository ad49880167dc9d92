// Training events (pembinaan, bimtek): the office plans an event with its sessions and speakers,
// invites PSMs and TKSKs by role and wilayah, registers them up to the venue's capacity, gives
// each participant a QR code (an unguessable token, nothing personal) on a printable ID card or
// their phone, checks them in at several doors at once, lists attendance per session (XLSX, PDF),
// issues certificates whose code anyone can verify at a public URL, and draws door prizes
// reproducibly.
//
//   EventsService events(db, accounts);
//   auto a = events.create(op, {.judul = "Pembinaan PSM 2026", ...}, {{.judul = "Kerelawanan sosial", ...}});
//   events.undang(op, a->id, {.peran_akun = {"psm"}, .kode_wilayah = "36.71"});
//   events.daftar_sendiri(psm, a->id);                          // capacity holds
//   auto r = events.check_in(door, a->id, "7K3QH-WX2M9-...", sesi_id, "Pintu A");  // r->hasil "hadir" | "sudah"
//   auto d = events.undi(op, a->id, "Sepeda", 1, "seed announced on stage");
//   auto v = events.verifikasi("AB12CD34EF56");                 // public: name, event, dates, valid
//   bool ok = *events.basic_training_attended(user_id);         // for the workforce roster
//
// Who may do what (the route table in src/access/policy.cpp is the coarse gate; these are checked
// here again):
// - operator and admin manage events, participants, certificates, draws and exports;
// - kepala reads everything; a TKSK reads events that overlap their kecamatan and the
//   participants from it; a PSM reads events that overlap their RWs and only themselves;
// - check-in: operator, admin, or a registered participant with peran "panitia" of that event
//   (door staff without an office account role);
// - a PSM or TKSK registers themselves for an open event ("dibuka") they were invited to or
//   whose area overlaps their scope; an event outside the caller's view is NotFound.
// Every write is one transaction with its audit entry; exports are audited as views.
//
// Capacity counts every registered person (speakers and committee sit in the same room); it is
// kept in acara.jumlah_terdaftar by a guarded UPDATE, so concurrent registrations never exceed it.
// Check-in is idempotent per participant and session: the unique key (peserta_id, sesi_id)
// decides which of two doors counted, and the other is told which door and when.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "db/database.hpp"
#include "events/model.hpp"

namespace pilar::events {

// A user account as the events module needs it (bound to src/access's users in the composition
// root; the unit tests use a fake).
struct Akun {
    std::int64_t id = 0;
    std::string username, nama;
    Role role = Role::Psm;
    std::vector<WilayahCode> scope;
    bool active = true;
};

class AccountDirectory {
public:
    virtual ~AccountDirectory() = default;
    virtual Result<std::vector<Akun>> accounts() = 0;
    // One account's id by username (nullopt: no such account); the default searches accounts().
    virtual Result<std::optional<std::int64_t>> id_of(std::string_view username);
};

struct EventsOptions {
    // Offset of the venue's local time from UTC, for "which session is running now" and the
    // times a door is told ("sudah check-in di Pintu A, 08:12"). Default WIB (UTC+7).
    int utc_offset_minutes = 7 * 60;
};

struct UndanganHasil {
    int diundang = 0;      // new invitations
    int sudah_ada = 0;     // already a participant
    int didaftarkan = 0;   // registered at once (langsung_daftar)
    int penuh = 0;         // could not be registered: the event was full
};

struct TerbitHasil {
    int diterbitkan = 0;
    int sudah_ada = 0;
    int tidak_memenuhi = 0;  // attended fewer sessions than required
};

// A participant's own view of an event: the event, its sessions, their record with the token.
struct AcaraSaya {
    Acara acara;
    std::vector<Sesi> sesi;
    Peserta peserta;
};

// An event's attendance grid, for the lists: the participants the caller may see.
struct AttendanceTable {
    Acara acara;
    std::vector<Sesi> sesi;
    std::vector<Peserta> peserta;
    std::map<std::pair<std::int64_t, std::int64_t>, Hadir> hadir;  // (peserta, sesi)
};

struct UlangUndian {
    Undian undian;
    std::vector<std::int64_t> pemenang_ulang;  // what the algorithm gives now
    std::string calon_digest_ulang;
    bool sama = false;  // same winners in the same order, from the same list
};

class EventsService {
public:
    EventsService(db::Database& db, AccountDirectory& accounts, EventsOptions options = {})
        : m_db(db), m_accounts(accounts), m_options(options) {}

    // ---- events and sessions
    Result<std::vector<Acara>> list(Actor const& actor);
    Result<Acara> get(Actor const& actor, std::int64_t id);
    // Without sessions, one session spanning the event is made ("Sesi 1"), so attendance always
    // belongs to a session.
    Result<Acara> create(Actor const& actor, AcaraInput const& in, std::vector<SesiInput> const& sesi);
    Result<Acara> update(Actor const& actor, std::int64_t id, AcaraInput const& in);
    Result<std::vector<Sesi>> sesi(Actor const& actor, std::int64_t acara_id);
    Result<Sesi> add_sesi(Actor const& actor, std::int64_t acara_id, SesiInput const& in);
    // Refused (Conflict) once anyone checked in to it, and for the last session of an event.
    Result<void> delete_sesi(Actor const& actor, std::int64_t acara_id, std::int64_t sesi_id);

    // ---- participants
    // The participants the caller may see (office: all; TKSK: their kecamatan's; PSM: themselves).
    Result<std::vector<Peserta>> peserta(Actor const& actor, std::int64_t acara_id);
    // Office: add one participant — a user account (user_id) or a free record (nama, peran, ...)
    // — invited ("diundang") or registered at once ("terdaftar", within capacity).
    Result<Peserta> add_peserta(Actor const& actor, std::int64_t acara_id, PesertaInput const& in, bool daftar);
    // Office: invite every active account of the roles whose scope lies in the area.
    Result<UndanganHasil> undang(Actor const& actor, std::int64_t acara_id, UndanganInput const& in, bool langsung_daftar);
    // The caller registers themselves (accepting an invitation or joining an open event).
    Result<Peserta> daftar_sendiri(Actor const& actor, std::int64_t acara_id);
    // Office: "terdaftar" (within capacity) or "batal" (frees the seat).
    Result<Peserta> set_status(Actor const& actor, std::int64_t acara_id, std::int64_t peserta_id, std::string_view status);
    // The caller's own events with their QR tokens, newest first.
    Result<std::vector<AcaraSaya>> acara_saya(Actor const& actor);

    // ---- check-in
    // `code` is the QR content or the code typed from the card (case, dashes and spaces do not
    // matter). Without `sesi_id` the session running now (venue time) is taken.
    Result<CheckIn> check_in(Actor const& actor, std::int64_t acara_id, std::string_view code,
                             std::optional<std::int64_t> sesi_id, std::string_view pintu);
    Result<std::vector<Hadir>> hadir(Actor const& actor, std::int64_t acara_id);

    // ---- documents (files at `path`, owner-readable; audited as views of the participants)
    Result<long long> write_hadir_xlsx(Actor const& actor, std::int64_t acara_id, std::string const& path);
    Result<long long> write_hadir_pdf(Actor const& actor, std::int64_t acara_id, std::string const& path);
    // ID cards with QR codes, 8 to an A4 page: every registered participant, or one. A
    // participant may print their own.
    Result<int> write_kartu_pdf(Actor const& actor, std::int64_t acara_id, std::optional<std::int64_t> peserta_id,
                                std::string const& path);
    // Certificates (A4 landscape, one a page) of every participant holding one, or one.
    // `verify_base` is the public URL the code is checked at ("https://host/sertifikat/").
    Result<int> write_sertifikat_pdf(Actor const& actor, std::int64_t acara_id, std::optional<std::int64_t> peserta_id,
                                     std::string const& verify_base, std::string const& path);

    // ---- certificates
    // Issues a code to every registered participant who attended at least `minimal_sesi` sessions
    // (0: all of them) and holds none yet.
    Result<TerbitHasil> terbitkan_sertifikat(Actor const& actor, std::int64_t acara_id, int minimal_sesi);
    Result<Peserta> cabut_sertifikat(Actor const& actor, std::int64_t acara_id, std::int64_t peserta_id,
                                     std::string_view alasan);
    // Public, no login: only name, event, dates and whether it is valid.
    Result<VerifikasiSertifikat> verifikasi(std::string_view kode);

    // ---- door-prize draws (draw.hpp has the algorithm)
    // Eligible: registered participants with peran "peserta" who attended at least one session
    // and have not won at this event. Without a seed one is made (and recorded either way).
    Result<Undian> undi(Actor const& actor, std::int64_t acara_id, std::string_view hadiah, int jumlah,
                        std::optional<std::string> seed);
    Result<std::vector<Undian>> undian(Actor const& actor, std::int64_t acara_id);
    // Re-runs a recorded draw from its seed and stored eligible list and compares.
    Result<UlangUndian> ulang_undian(Actor const& actor, std::int64_t acara_id, std::int64_t undian_id);

    // ---- for the workforce roster (src/workforce): no actor, the caller checks its own scope
    Result<std::vector<PelatihanDiikuti>> trainings_attended(std::int64_t user_id, std::string_view from,
                                                             std::string_view to);
    Result<bool> basic_training_attended(std::int64_t user_id);
    // The first basic training (an event flagged pelatihan_dasar, not cancelled) at which the
    // account was checked in to at least one session; nullopt when none or no such account.
    Result<std::optional<PelatihanDiikuti>> basic_training_of(std::string_view username);
    // Per username: trainings attended (events starting in [dari, sampai), at least one session
    // checked in); the workforce's "pelatihan" indicator.
    Result<std::map<std::string, std::int64_t>> trainings_per_username(std::string_view dari, std::string_view sampai);

    [[nodiscard]] EventsOptions const& options() const { return m_options; }

private:
    Result<Acara> visible_acara(db::Connection& c, Actor const& actor, std::int64_t id);
    Result<Acara> managed_acara(db::Connection& c, Actor const& actor, std::int64_t id);
    Result<Peserta> register_peserta(db::Connection& c, Actor const& actor, Acara const& a, Peserta p, bool daftar);
    Result<std::vector<Peserta>> visible_peserta(db::Connection& c, Actor const& actor, Acara const& a);
    Result<AttendanceTable> attendance(Actor const& actor, std::int64_t acara_id);
    Result<void> audit_view(Actor const& actor, Acara const& a, std::string_view what, long long rows);
    std::string local_now() const;

    db::Database& m_db;
    AccountDirectory& m_accounts;
    EventsOptions m_options;
};

}  // namespace pilar::events
