#include "events/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/strings.hpp"
#include "events/codes.hpp"
#include "events/draw.hpp"
#include "events/encode.hpp"
#include "events/store.hpp"
#include "pdf/pages.hpp"
#include "pdf/report.hpp"
#include "qr/qr.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace pilar::events {
namespace {

namespace json = boost::json;

constexpr std::size_t kTokenLength = 20;      // 100 bits
constexpr std::size_t kSertifikatLength = 12;  // 60 bits
constexpr std::size_t kMaxText = 200;
constexpr std::size_t kMaxLongText = 2000;
constexpr int kMaxDraw = 1000;

Error invalid(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

Error not_found_acara() { return Error(ErrorCode::NotFound, {"Acara tidak ditemukan", "Event not found"}); }
Error not_found_peserta() { return Error(ErrorCode::NotFound, {"Peserta tidak ditemukan", "Participant not found"}); }

bool is_office(Actor const& a) { return a.is_system() || a.role == Role::Operator || a.role == Role::Admin; }
bool reads_all(Actor const& a) { return is_office(a) || a.role == Role::Kepala; }

Result<void> require_office(Actor const& a) {
    if (is_office(a)) return {};
    return fail(ErrorCode::PermissionDenied, {"Hanya operator atau admin Dinas yang mengelola acara",
                                              "Only the office's operators or admins manage events"});
}

// Trimmed, non-empty, valid UTF-8, at most `max` bytes.
Result<std::string> required_text(std::optional<std::string> const& v, std::string_view field, std::size_t max) {
    std::string t(v ? trim(*v) : std::string_view());
    if (t.empty())
        return fail(invalid(field, fmt::format("{} wajib diisi", field), fmt::format("{} is required", field)));
    if (t.size() > max || !is_valid_utf8(t))
        return fail(invalid(field, fmt::format("{} harus teks paling panjang {} byte", field, max),
                            fmt::format("{} must be text of at most {} bytes", field, max)));
    return t;
}

Result<std::optional<std::string>> optional_text(std::optional<std::string> const& v, std::string_view field,
                                                 std::size_t max) {
    if (!v || trim(*v).empty()) return std::optional<std::string>{};
    return std::optional<std::string>(PILAR_TRY(required_text(v, field, max)));
}

Result<std::string> date_field(std::optional<std::string> const& v, std::string_view field) {
    auto t = PILAR_TRY(required_text(v, field, 10));
    auto d = Date::parse(t);
    if (!d) return fail(Error(d.error()).at_field(std::string(field)));
    return d->iso();
}

// "YYYY-MM-DDTHH:MM" (seconds, if sent, are dropped).
Result<std::string> datetime_field(std::string const& v, std::string_view field) {
    std::string t(trim(v));
    if (t.size() >= 16 && t[10] == ' ') t[10] = 'T';
    int hh = -1, mm = -1;
    bool ok = t.size() >= 16 && t[10] == 'T' && t[13] == ':' && Date::parse(t.substr(0, 10)).has_value() &&
              std::sscanf(t.c_str() + 11, "%2d:%2d", &hh, &mm) == 2 && hh >= 0 && hh < 24 && mm >= 0 && mm < 60 &&
              is_all_digits(t.substr(11, 2)) && is_all_digits(t.substr(14, 2));
    if (!ok)
        return fail(invalid(field, fmt::format("{} harus berbentuk YYYY-MM-DDTHH:MM", field),
                            fmt::format("{} must look like YYYY-MM-DDTHH:MM", field)));
    return t.substr(0, 16);
}

Result<std::string> wilayah_field(std::optional<std::string> const& v, std::string_view field) {
    auto t = PILAR_TRY(required_text(v, field, 32));
    auto code = WilayahCode::parse(t);
    if (!code) return fail(Error(code.error()).at_field(std::string(field)));
    return code->dotted();
}

bool overlaps(Actor const& actor, std::string const& kode) {
    auto code = WilayahCode::parse(kode);
    return code && actor.overlaps_scope(*code);
}

bool inside(Actor const& actor, std::optional<std::string> const& kode) {
    if (!kode) return false;
    auto code = WilayahCode::parse(*kode);
    return code && actor.in_scope(*code);
}

// The office and kepala see and the office manages every event of their area — their kota, whose
// code the event's lies at, below or above (a provincial event) — not the events of another kota
// sharing the database; the console sees all.
bool in_area(Actor const& actor, Acara const& a) { return actor.is_system() || overlaps(actor, a.kode_wilayah); }
bool office_of(Actor const& actor, Acara const& a) { return is_office(actor) && in_area(actor, a); }
bool reads_all_of(Actor const& actor, Acara const& a) { return reads_all(actor) && in_area(actor, a); }

// A participant of event `a` the caller may see: office and kepala of its area all; TKSK those
// from their kecamatan; everyone themselves.
bool sees_peserta(Actor const& actor, Acara const& a, Peserta const& p) {
    if (reads_all_of(actor, a)) return true;
    if (p.user_id && *p.user_id == actor.user_id && actor.user_id != 0) return true;
    return actor.role == Role::Tksk && inside(actor, p.kode_wilayah);
}

std::string audit_json(auto const& v) { return json::serialize(to_json(v)); }

// "08:12" in the venue's time, from a stored UTC ISO time.
std::string local_hhmm(std::string_view iso, int offset_minutes) {
    int h = 0, m = 0;
    if (iso.size() < 16 || std::sscanf(std::string(iso.substr(11, 5)).c_str(), "%2d:%2d", &h, &m) != 2) return "";
    int const total = ((h * 60 + m + offset_minutes) % 1440 + 1440) % 1440;
    return fmt::format("{:02}:{:02}", total / 60, total % 60);
}

Result<AcaraInput> normalise_acara(AcaraInput const& in, Acara& a) {
    a.judul = PILAR_TRY(required_text(in.judul, "judul", kMaxText));
    a.jenis = PILAR_TRY(required_text(in.jenis ? in.jenis : std::optional<std::string>("pembinaan"), "jenis", 20));
    if (a.jenis != "pembinaan" && a.jenis != "bimtek" && a.jenis != "sosialisasi" && a.jenis != "lainnya")
        return fail(invalid("jenis", "jenis harus pembinaan, bimtek, sosialisasi atau lainnya",
                            "jenis must be pembinaan, bimtek, sosialisasi or lainnya"));
    a.deskripsi = PILAR_TRY(optional_text(in.deskripsi, "deskripsi", kMaxLongText));
    a.tanggal_mulai = PILAR_TRY(date_field(in.tanggal_mulai, "tanggal_mulai"));
    a.tanggal_selesai = PILAR_TRY(date_field(in.tanggal_selesai ? in.tanggal_selesai : in.tanggal_mulai, "tanggal_selesai"));
    if (a.tanggal_selesai < a.tanggal_mulai)
        return fail(invalid("tanggal_selesai", "tanggal_selesai tidak boleh sebelum tanggal_mulai",
                            "tanggal_selesai cannot be before tanggal_mulai"));
    a.tempat = PILAR_TRY(required_text(in.tempat, "tempat", kMaxText));
    a.penyelenggara = PILAR_TRY(required_text(in.penyelenggara, "penyelenggara", kMaxText));
    if (!in.kapasitas || *in.kapasitas < 1 || *in.kapasitas > 100000)
        return fail(invalid("kapasitas", "kapasitas harus 1 sampai 100000 orang", "kapasitas must be 1 to 100000 people"));
    a.kapasitas = *in.kapasitas;
    a.kode_wilayah = PILAR_TRY(wilayah_field(in.kode_wilayah, "kode_wilayah"));
    a.pelatihan_dasar = in.pelatihan_dasar.value_or(false);
    std::string const status = in.status.value_or(a.status.empty() ? "draf" : a.status);
    if (status != "draf" && status != "dibuka" && status != "ditutup" && status != "selesai" && status != "batal")
        return fail(invalid("status", "status harus draf, dibuka, ditutup, selesai atau batal",
                            "status must be draf, dibuka, ditutup, selesai or batal"));
    a.status = status;
    return in;
}

Result<Sesi> normalise_sesi(SesiInput const& in, Acara const& a) {
    Sesi s{.acara_id = a.id};
    s.judul = PILAR_TRY(required_text(in.judul, "sesi.judul", kMaxText));
    s.topik = PILAR_TRY(optional_text(in.topik, "sesi.topik", kMaxText));
    s.mulai = PILAR_TRY(datetime_field(in.mulai, "sesi.mulai"));
    s.selesai = PILAR_TRY(datetime_field(in.selesai, "sesi.selesai"));
    if (s.selesai <= s.mulai)
        return fail(invalid("sesi.selesai", "Sesi harus selesai setelah mulai", "A session must end after it starts"));
    if (s.mulai.substr(0, 10) < a.tanggal_mulai || s.selesai.substr(0, 10) > a.tanggal_selesai)
        return fail(invalid("sesi.mulai", "Sesi harus berada di antara tanggal acara",
                            "A session must lie within the event's dates"));
    s.narasumber_id = in.narasumber_id;
    return s;
}

std::string peran_label(Peserta const& p) {
    std::string out = p.peran;
    if (p.peran_akun) out += " (" + *p.peran_akun + ")";
    return out;
}

}  // namespace

// ---- helpers -----------------------------------------------------------------------------------

std::string EventsService::local_now() const {
    return utc_iso(std::chrono::system_clock::now() + std::chrono::minutes(m_options.utc_offset_minutes)).substr(0, 16);
}

Result<Acara> EventsService::visible_acara(db::Connection& c, Actor const& actor, std::int64_t id) {
    auto a = PILAR_TRY(store::get_acara(c, id));
    if (!a) return fail(not_found_acara());
    if (reads_all_of(actor, *a)) return *a;
    if (a->status == "draf") {
        // Drafts are the office's; a door volunteer or invitee of a draft sees nothing yet.
        return fail(not_found_acara());
    }
    if (overlaps(actor, a->kode_wilayah)) return *a;
    if (actor.user_id != 0 && PILAR_TRY(store::peserta_by_user(c, id, actor.user_id))) return *a;
    return fail(not_found_acara());
}

Result<Acara> EventsService::managed_acara(db::Connection& c, Actor const& actor, std::int64_t id) {
    PILAR_TRY(require_office(actor));
    auto a = PILAR_TRY(store::get_acara(c, id));
    if (!a || !in_area(actor, *a)) return fail(not_found_acara());
    return *a;
}

Result<std::vector<Peserta>> EventsService::visible_peserta(db::Connection& c, Actor const& actor, Acara const& a) {
    auto all = PILAR_TRY(store::list_peserta(c, a.id));
    std::erase_if(all, [&](Peserta const& p) { return !sees_peserta(actor, a, p); });
    return all;
}

Result<void> EventsService::audit_view(Actor const& actor, Acara const& a, std::string_view what, long long rows) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.ekspor", .entity = "acara", .entity_id = std::to_string(a.id),
                                               .detail = fmt::format("{} ({} baris)", what, rows), .area = {a.kode_wilayah}}));
    PILAR_TRY(tx.commit());
    return {};
}

// ---- events and sessions -----------------------------------------------------------------------

Result<std::vector<Acara>> EventsService::list(Actor const& actor) {
    auto c = PILAR_TRY(m_db.acquire());
    auto all = PILAR_TRY(store::list_acara(*c));
    if (actor.is_system()) return all;
    std::set<std::int64_t> mine;
    if (actor.user_id != 0)
        for (auto const& p : PILAR_TRY(store::peserta_of_user(*c, actor.user_id))) mine.insert(p.acara_id);
    std::erase_if(all, [&](Acara const& a) {
        if (reads_all_of(actor, a)) return false;
        return a.status == "draf" || (!overlaps(actor, a.kode_wilayah) && !mine.contains(a.id));
    });
    return all;
}

Result<Acara> EventsService::get(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    return visible_acara(*c, actor, id);
}

Result<Acara> EventsService::create(Actor const& actor, AcaraInput const& in, std::vector<SesiInput> const& sesi) {
    PILAR_TRY(require_office(actor));
    Acara a;
    PILAR_TRY(normalise_acara(in, a));
    if (!actor.is_system() && !inside(actor, a.kode_wilayah))
        return fail(outside_area("kode_wilayah", WilayahCode::parse(a.kode_wilayah).value()));
    if (sesi.size() > 100) return fail(invalid("sesi", "Paling banyak 100 sesi", "At most 100 sessions"));
    a.created_at = a.updated_at = utc_now_iso();
    a.created_by = a.updated_by = actor.username;
    std::vector<Sesi> sessions;
    for (auto const& s : sesi) {
        if (s.narasumber_id)
            return fail(invalid("sesi.narasumber_id", "Narasumber dipilih setelah ia terdaftar sebagai peserta acara",
                                "A speaker is chosen once they are a participant of the event"));
        sessions.push_back(PILAR_TRY(normalise_sesi(s, a)));
    }
    if (sessions.empty())
        sessions.push_back({.judul = "Sesi 1", .mulai = a.tanggal_mulai + "T00:00", .selesai = a.tanggal_selesai + "T23:59"});

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    a.id = PILAR_TRY(store::insert_acara(*c, a));
    for (auto& s : sessions) {
        s.acara_id = a.id;
        s.id = PILAR_TRY(store::insert_sesi(*c, s));
    }
    json::object after = to_json(a);
    json::array js;
    for (auto const& s : PILAR_TRY(store::list_sesi(*c, a.id))) js.push_back(to_json(s));
    after["sesi"] = std::move(js);
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.buat", .entity = "acara", .entity_id = std::to_string(a.id),
                                               .after_json = json::serialize(after)}));
    PILAR_TRY(tx.commit());
    return a;
}

Result<Acara> EventsService::update(Actor const& actor, std::int64_t id, AcaraInput const& in) {
    PILAR_TRY(require_office(actor));
    if (!in.version)
        return fail(invalid("version", "version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const before = PILAR_TRY(managed_acara(*c, actor, id));
    // Absent fields keep their values.
    AcaraInput merged{.judul = in.judul.value_or(before.judul),
                      .jenis = in.jenis.value_or(before.jenis),
                      .deskripsi = in.deskripsi ? in.deskripsi : before.deskripsi,
                      .tanggal_mulai = in.tanggal_mulai.value_or(before.tanggal_mulai),
                      .tanggal_selesai = in.tanggal_selesai.value_or(before.tanggal_selesai),
                      .tempat = in.tempat.value_or(before.tempat),
                      .penyelenggara = in.penyelenggara.value_or(before.penyelenggara),
                      .kode_wilayah = in.kode_wilayah.value_or(before.kode_wilayah),
                      .status = in.status.value_or(before.status),
                      .kapasitas = in.kapasitas.value_or(before.kapasitas),
                      .pelatihan_dasar = in.pelatihan_dasar.value_or(before.pelatihan_dasar)};
    Acara a = before;
    PILAR_TRY(normalise_acara(merged, a));
    if (!actor.is_system() && !inside(actor, a.kode_wilayah))
        return fail(outside_area("kode_wilayah", WilayahCode::parse(a.kode_wilayah).value()));
    if (a.kapasitas < before.jumlah_terdaftar)
        return fail(invalid("kapasitas",
                            fmt::format("Sudah {} orang terdaftar; kapasitas tidak boleh lebih kecil", before.jumlah_terdaftar),
                            fmt::format("{} people are registered already; the capacity cannot be smaller", before.jumlah_terdaftar)));
    for (auto const& s : PILAR_TRY(store::list_sesi(*c, id)))
        if (s.mulai.substr(0, 10) < a.tanggal_mulai || s.selesai.substr(0, 10) > a.tanggal_selesai)
            return fail(invalid("tanggal_mulai", fmt::format("Sesi \"{}\" berada di luar tanggal baru", s.judul),
                                fmt::format("Session \"{}\" lies outside the new dates", s.judul)));
    a.updated_at = utc_now_iso();
    a.updated_by = actor.username;
    if (!PILAR_TRY(store::update_acara(*c, a, *in.version)))
        return fail(Error(ErrorCode::Conflict,
                          {fmt::format("Acara sudah diubah orang lain (versi sekarang {}); muat ulang lalu coba lagi", before.version),
                           fmt::format("The event was changed by someone else (now version {}); reload and try again", before.version)})
                        .at_field("version"));
    a.version = *in.version + 1;
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.ubah", .entity = "acara", .entity_id = std::to_string(id),
                                               .before_json = audit_json(before), .after_json = audit_json(a)}));
    PILAR_TRY(tx.commit());
    return a;
}

Result<std::vector<Sesi>> EventsService::sesi(Actor const& actor, std::int64_t acara_id) {
    auto c = PILAR_TRY(m_db.acquire());
    PILAR_TRY(visible_acara(*c, actor, acara_id));
    return store::list_sesi(*c, acara_id);
}

Result<Sesi> EventsService::add_sesi(Actor const& actor, std::int64_t acara_id, SesiInput const& in) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    Sesi s = PILAR_TRY(normalise_sesi(in, a));
    if (s.narasumber_id) {
        auto p = PILAR_TRY(store::get_peserta(*c, *s.narasumber_id));
        if (!p || p->acara_id != acara_id)
            return fail(invalid("narasumber_id", "Narasumber harus peserta acara ini", "The speaker must be a participant of this event"));
    }
    s.id = PILAR_TRY(store::insert_sesi(*c, s));
    for (auto const& x : PILAR_TRY(store::list_sesi(*c, acara_id)))
        if (x.id == s.id) s = x;
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.sesi_buat", .entity = "acara", .entity_id = std::to_string(acara_id),
                                               .after_json = audit_json(s)}));
    PILAR_TRY(tx.commit());
    return s;
}

Result<void> EventsService::delete_sesi(Actor const& actor, std::int64_t acara_id, std::int64_t sesi_id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(managed_acara(*c, actor, acara_id));
    auto all = PILAR_TRY(store::list_sesi(*c, acara_id));
    auto it = std::find_if(all.begin(), all.end(), [&](Sesi const& s) { return s.id == sesi_id; });
    if (it == all.end()) return fail(ErrorCode::NotFound, {"Sesi tidak ditemukan", "Session not found"});
    if (all.size() == 1)
        return fail(ErrorCode::Conflict, {"Sesi terakhir sebuah acara tidak bisa dihapus", "An event's last session cannot be deleted"});
    if (it->jumlah_hadir > 0)
        return fail(ErrorCode::Conflict, {fmt::format("Sudah {} orang hadir di sesi ini; sesi tidak bisa dihapus", it->jumlah_hadir),
                                          fmt::format("{} people attended this session; it cannot be deleted", it->jumlah_hadir)});
    PILAR_TRY(store::delete_sesi(*c, sesi_id));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.sesi_hapus", .entity = "acara", .entity_id = std::to_string(acara_id),
                                               .before_json = audit_json(*it)}));
    PILAR_TRY(tx.commit());
    return {};
}

// ---- participants ------------------------------------------------------------------------------

Result<std::vector<Peserta>> EventsService::peserta(Actor const& actor, std::int64_t acara_id) {
    auto c = PILAR_TRY(m_db.acquire());
    Acara const a = PILAR_TRY(visible_acara(*c, actor, acara_id));
    return visible_peserta(*c, actor, a);
}

// Inserts `p` (already validated) in the caller's write transaction, taking a seat when it is
// registered at once; audited.
Result<Peserta> EventsService::register_peserta(db::Connection& c, Actor const& actor, Acara const& a, Peserta p, bool daftar) {
    std::string const now = utc_now_iso();
    p.acara_id = a.id;
    p.token = new_code(kTokenLength);
    p.diundang_pada = now;
    p.status = daftar ? "terdaftar" : "diundang";
    if (daftar) {
        if (!PILAR_TRY(store::take_seat(c, a.id)))
            return fail(Error(ErrorCode::Conflict, {fmt::format("Acara sudah penuh ({} orang)", a.kapasitas),
                                                    fmt::format("The event is full ({} people)", a.kapasitas)})
                            .at_field("kapasitas"));
        p.terdaftar_pada = now;
    }
    p.id = PILAR_TRY(store::insert_peserta(c, p));
    PILAR_TRY(access::append_audit(c, actor, {.action = daftar ? "acara.peserta_daftar" : "acara.peserta_undang",
                                              .entity = "acara_peserta", .entity_id = std::to_string(p.id),
                                              .after_json = audit_json(p), .detail = fmt::format("acara {}", a.id)}));
    return p;
}

Result<Peserta> EventsService::add_peserta(Actor const& actor, std::int64_t acara_id, PesertaInput const& in, bool daftar) {
    Peserta p;
    p.peran = in.peran.value_or("peserta");
    if (p.peran != "peserta" && p.peran != "narasumber" && p.peran != "panitia" && p.peran != "tamu")
        return fail(invalid("peran", "peran harus peserta, narasumber, panitia atau tamu",
                            "peran must be peserta, narasumber, panitia or tamu"));
    p.telepon = PILAR_TRY(optional_text(in.telepon, "telepon", 20));
    if (p.telepon && p.telepon->find_first_not_of("+0123456789 -") != std::string::npos)
        return fail(invalid("telepon", "telepon hanya angka, spasi, + dan -", "telepon may hold only digits, spaces, + and -"));
    p.instansi = PILAR_TRY(optional_text(in.instansi, "instansi", kMaxText));
    if (in.user_id || in.username) {
        auto accounts = PILAR_TRY(m_accounts.accounts());
        auto it = std::find_if(accounts.begin(), accounts.end(), [&](Akun const& k) {
            return in.user_id ? k.id == *in.user_id : k.username == trim(*in.username);
        });
        // An account of another kota is as unknown as a missing one (its name, role and area would
        // show in the participant list).
        auto const outside = [&](Akun const& k) {
            return !actor.is_system() &&
                   std::any_of(k.scope.begin(), k.scope.end(), [&](WilayahCode const& w) { return !actor.in_scope(w); });
        };
        if (it == accounts.end() || !it->active || outside(*it))
            return fail(Error(ErrorCode::NotFound, {"Akun pengguna tidak ditemukan atau nonaktif", "User account not found or disabled"})
                            .at_field(in.user_id ? "user_id" : "username"));
        p.user_id = it->id;
        p.nama = it->nama.empty() ? it->username : it->nama;
        p.peran_akun = std::string(role_name(it->role));
        if (!it->scope.empty()) p.kode_wilayah = it->scope.front().dotted();
    } else {
        p.nama = PILAR_TRY(required_text(in.nama, "nama", kMaxText));
        p.peran_akun = PILAR_TRY(optional_text(in.peran_akun, "peran_akun", 50));
        if (in.kode_wilayah && !trim(*in.kode_wilayah).empty()) p.kode_wilayah = PILAR_TRY(wilayah_field(in.kode_wilayah, "kode_wilayah"));
    }
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    if (a.status == "batal" || a.status == "selesai")
        return fail(ErrorCode::Conflict, {fmt::format("Acara berstatus {}; peserta tidak bisa ditambah", a.status),
                                          fmt::format("The event is {}; no participants can be added", a.status)});
    if (p.user_id && PILAR_TRY(store::peserta_by_user(*c, acara_id, *p.user_id)))
        return fail(Error(ErrorCode::AlreadyExists, {"Akun ini sudah menjadi peserta acara", "This account is already a participant"})
                        .at_field("user_id"));
    p = PILAR_TRY(register_peserta(*c, actor, a, std::move(p), daftar));
    PILAR_TRY(tx.commit());
    return p;
}

Result<UndanganHasil> EventsService::undang(Actor const& actor, std::int64_t acara_id, UndanganInput const& in, bool langsung_daftar) {
    PILAR_TRY(require_office(actor));
    if (in.peran_akun.empty())
        return fail(invalid("peran_akun", "Pilih peran yang diundang (psm, tksk, ...)", "Choose the roles to invite (psm, tksk, ...)"));
    std::set<Role> roles;
    for (auto const& r : in.peran_akun) {
        auto role = role_from_name(r);
        if (!role || *role == Role::System)
            return fail(invalid("peran_akun", fmt::format("Peran tidak dikenal: {}", r), fmt::format("Unknown role: {}", r)));
        roles.insert(*role);
    }
    auto area = WilayahCode::parse(in.kode_wilayah);
    if (!area) return fail(Error(area.error()).at_field("kode_wilayah"));
    // Only the accounts of the caller's own area: inviting by another kota's code would list that
    // kota's people (names, roles, areas) among the participants.
    if (!actor.is_system() && !actor.in_scope(*area)) return fail(outside_area("kode_wilayah", *area));
    auto accounts = PILAR_TRY(m_accounts.accounts());

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    if (a.status == "batal" || a.status == "selesai")
        return fail(ErrorCode::Conflict, {fmt::format("Acara berstatus {}; tidak bisa mengundang", a.status),
                                          fmt::format("The event is {}; nobody can be invited", a.status)});
    std::set<std::int64_t> existing;
    for (auto const& p : PILAR_TRY(store::list_peserta(*c, acara_id)))
        if (p.user_id) existing.insert(*p.user_id);
    UndanganHasil out;
    for (auto const& k : accounts) {
        if (!k.active || !roles.contains(k.role)) continue;
        // Inside the area: any of the account's scope regions lies in it (an office account's
        // scope is the kota, which lies in the kota only).
        bool inside_area = std::any_of(k.scope.begin(), k.scope.end(), [&](WilayahCode const& w) { return area->contains(w); });
        if (!inside_area) continue;
        if (existing.contains(k.id)) {
            ++out.sudah_ada;
            continue;
        }
        Peserta p{.user_id = k.id, .nama = k.nama.empty() ? k.username : k.nama, .peran = "peserta",
                  .peran_akun = std::string(role_name(k.role))};
        if (!k.scope.empty()) p.kode_wilayah = k.scope.front().dotted();
        bool daftar = langsung_daftar;
        if (daftar) {
            auto now = PILAR_TRY(store::get_acara(*c, acara_id));
            if (now->jumlah_terdaftar >= now->kapasitas) {
                daftar = false;
                ++out.penuh;
            }
        }
        PILAR_TRY(register_peserta(*c, actor, a, std::move(p), daftar));
        ++out.diundang;
        if (daftar) ++out.didaftarkan;
    }
    PILAR_TRY(tx.commit());
    return out;
}

Result<Peserta> EventsService::daftar_sendiri(Actor const& actor, std::int64_t acara_id) {
    if (actor.user_id == 0)
        return fail(ErrorCode::PermissionDenied, {"Pendaftaran diri memerlukan akun pengguna", "Registering yourself needs a user account"});
    auto accounts = PILAR_TRY(m_accounts.accounts());
    auto me = std::find_if(accounts.begin(), accounts.end(), [&](Akun const& k) { return k.id == actor.user_id; });
    if (me == accounts.end()) return fail(ErrorCode::PermissionDenied, {"Akun tidak ditemukan", "Account not found"});

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(visible_acara(*c, actor, acara_id));
    if (a.status != "dibuka")
        return fail(ErrorCode::Conflict, {"Pendaftaran acara ini tidak sedang dibuka", "Registration for this event is not open"});
    auto existing = PILAR_TRY(store::peserta_by_user(*c, acara_id, actor.user_id));
    if (existing && existing->status == "terdaftar") return *existing;  // idempotent
    if (existing && existing->status == "batal")
        return fail(ErrorCode::Conflict, {"Pendaftaran Anda dibatalkan panitia; hubungi panitia", "Your registration was cancelled; contact the organisers"});
    if (existing) {
        if (!PILAR_TRY(store::take_seat(*c, acara_id)))
            return fail(Error(ErrorCode::Conflict, {fmt::format("Acara sudah penuh ({} orang)", a.kapasitas),
                                                    fmt::format("The event is full ({} people)", a.kapasitas)})
                            .at_field("kapasitas"));
        Peserta before = *existing;
        PILAR_TRY(store::set_status(*c, existing->id, "terdaftar", utc_now_iso()));
        Peserta after = *PILAR_TRY(store::get_peserta(*c, existing->id));
        PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.peserta_daftar", .entity = "acara_peserta",
                                                   .entity_id = std::to_string(after.id), .before_json = audit_json(before),
                                                   .after_json = audit_json(after), .detail = fmt::format("acara {}", a.id)}));
        PILAR_TRY(tx.commit());
        return after;
    }
    Peserta p{.user_id = me->id, .nama = me->nama.empty() ? me->username : me->nama, .peran = "peserta",
              .peran_akun = std::string(role_name(me->role))};
    if (!me->scope.empty()) p.kode_wilayah = me->scope.front().dotted();
    p = PILAR_TRY(register_peserta(*c, actor, a, std::move(p), true));
    PILAR_TRY(tx.commit());
    return p;
}

Result<Peserta> EventsService::set_status(Actor const& actor, std::int64_t acara_id, std::int64_t peserta_id, std::string_view status) {
    if (status != "terdaftar" && status != "batal")
        return fail(invalid("status", "status harus terdaftar atau batal", "status must be terdaftar or batal"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    auto before = PILAR_TRY(store::get_peserta(*c, peserta_id));
    if (!before || before->acara_id != acara_id) return fail(not_found_peserta());
    if (before->status == status) return *before;
    if (status == "terdaftar") {
        if (!PILAR_TRY(store::take_seat(*c, acara_id)))
            return fail(Error(ErrorCode::Conflict, {fmt::format("Acara sudah penuh ({} orang)", a.kapasitas),
                                                    fmt::format("The event is full ({} people)", a.kapasitas)})
                            .at_field("kapasitas"));
        PILAR_TRY(store::set_status(*c, peserta_id, status, utc_now_iso()));
    } else {
        if (before->status == "terdaftar") PILAR_TRY(store::release_seat(*c, acara_id));
        PILAR_TRY(store::set_status(*c, peserta_id, status, before->terdaftar_pada));
    }
    Peserta after = *PILAR_TRY(store::get_peserta(*c, peserta_id));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.peserta_status", .entity = "acara_peserta",
                                               .entity_id = std::to_string(peserta_id), .before_json = audit_json(*before),
                                               .after_json = audit_json(after), .detail = std::string(status)}));
    PILAR_TRY(tx.commit());
    return after;
}

Result<std::vector<AcaraSaya>> EventsService::acara_saya(Actor const& actor) {
    std::vector<AcaraSaya> out;
    if (actor.user_id == 0) return out;
    auto c = PILAR_TRY(m_db.acquire());
    for (auto& p : PILAR_TRY(store::peserta_of_user(*c, actor.user_id))) {
        auto a = PILAR_TRY(store::get_acara(*c, p.acara_id));
        if (!a || a->status == "draf") continue;
        out.push_back({.acara = *a, .sesi = PILAR_TRY(store::list_sesi(*c, a->id)), .peserta = std::move(p)});
    }
    return out;
}

// ---- check-in ----------------------------------------------------------------------------------

Result<CheckIn> EventsService::check_in(Actor const& actor, std::int64_t acara_id, std::string_view code,
                                        std::optional<std::int64_t> sesi_id, std::string_view pintu_in) {
    auto token = normalise_code(code);
    if (!token || token->size() != kTokenLength)
        return fail(invalid("kode", fmt::format("Kode kartu harus {} huruf/angka", kTokenLength),
                            fmt::format("The card code must be {} letters/digits", kTokenLength)));
    std::string pintu(trim(pintu_in));
    if (pintu.empty()) pintu = "Pintu";
    if (pintu.size() > 50 || !is_valid_utf8(pintu))
        return fail(invalid("pintu", "pintu paling panjang 50 byte", "pintu must be at most 50 bytes"));

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto a = PILAR_TRY(store::get_acara(*c, acara_id));
    if (!a) return fail(not_found_acara());
    if (!office_of(actor, *a)) {
        auto me = actor.user_id != 0 ? PILAR_TRY(store::peserta_by_user(*c, acara_id, actor.user_id)) : std::nullopt;
        if (!me || me->peran != "panitia" || me->status != "terdaftar") {
            if (!reads_all_of(actor, *a) && !overlaps(actor, a->kode_wilayah) && !me) return fail(not_found_acara());
            return fail(ErrorCode::PermissionDenied, {"Hanya operator atau panitia acara ini yang boleh mencatat kehadiran",
                                                      "Only operators or this event's committee may check people in"});
        }
    }
    if (a->status == "draf" || a->status == "batal")
        return fail(ErrorCode::Conflict, {fmt::format("Acara berstatus {}; belum/tidak bisa check-in", a->status),
                                          fmt::format("The event is {}; no check-in", a->status)});
    auto sessions = PILAR_TRY(store::list_sesi(*c, acara_id));
    Sesi const* sesi = nullptr;
    if (sesi_id) {
        for (auto const& s : sessions)
            if (s.id == *sesi_id) sesi = &s;
        if (!sesi) return fail(Error(ErrorCode::NotFound, {"Sesi tidak ditemukan di acara ini", "Session not found in this event"}).at_field("sesi_id"));
    } else {
        std::string const now = local_now();
        for (auto const& s : sessions)
            if (s.mulai <= now && now <= s.selesai) sesi = &s;
        if (!sesi && sessions.size() == 1) sesi = &sessions.front();
        if (!sesi)
            return fail(invalid("sesi_id", "Tidak ada sesi yang sedang berlangsung; pilih sesinya",
                                "No session is running now; choose the session"));
    }
    auto p = PILAR_TRY(store::peserta_by_token(*c, *token));
    if (!p || p->acara_id != acara_id)
        return fail(Error(ErrorCode::NotFound, {"Kode kartu tidak dikenal untuk acara ini", "Card code not known for this event"})
                        .at_field("kode"));
    if (p->status != "terdaftar")
        return fail(ErrorCode::Conflict, {fmt::format("{} berstatus {}, belum terdaftar; arahkan ke meja pendaftaran", p->nama, p->status),
                                          fmt::format("{} is {}, not registered; send them to the registration desk", p->nama, p->status)});
    Hadir h{.acara_id = acara_id, .sesi_id = sesi->id, .peserta_id = p->id, .pintu = pintu, .waktu = utc_now_iso(),
            .oleh = actor.username};
    CheckIn out{.sesi = *sesi};
    if (PILAR_TRY(store::insert_hadir(*c, h))) {
        out.hasil = "hadir";
        out.hadir = *PILAR_TRY(store::get_hadir(*c, p->id, sesi->id));
        ++p->sesi_hadir;
        PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.check_in", .entity = "acara_peserta",
                                                   .entity_id = std::to_string(p->id), .after_json = audit_json(out.hadir),
                                                   .detail = fmt::format("acara {} sesi {} {}", acara_id, sesi->id, pintu)}));
        PILAR_TRY(tx.commit());
    } else {
        out.hasil = "sudah";
        out.hadir = *PILAR_TRY(store::get_hadir(*c, p->id, sesi->id));
    }
    out.peserta = std::move(*p);
    return out;
}

Result<std::vector<Hadir>> EventsService::hadir(Actor const& actor, std::int64_t acara_id) {
    auto c = PILAR_TRY(m_db.acquire());
    Acara const a = PILAR_TRY(visible_acara(*c, actor, acara_id));
    auto seen = PILAR_TRY(visible_peserta(*c, actor, a));
    std::set<std::int64_t> ids;
    for (auto const& p : seen) ids.insert(p.id);
    auto all = PILAR_TRY(store::list_hadir(*c, acara_id));
    std::erase_if(all, [&](Hadir const& h) { return !ids.contains(h.peserta_id); });
    return all;
}

// ---- documents ---------------------------------------------------------------------------------

namespace {


std::string subtitle(Acara const& a) {
    return fmt::format("{} s.d. {} · {} · {}", a.tanggal_mulai, a.tanggal_selesai, a.tempat, a.penyelenggara);
}

}  // namespace

Result<AttendanceTable> EventsService::attendance(Actor const& actor, std::int64_t acara_id) {
    AttendanceTable t;
    auto c = PILAR_TRY(m_db.acquire());
    t.acara = PILAR_TRY(visible_acara(*c, actor, acara_id));
    t.sesi = PILAR_TRY(store::list_sesi(*c, acara_id));
    t.peserta = PILAR_TRY(visible_peserta(*c, actor, t.acara));
    for (auto& h : PILAR_TRY(store::list_hadir(*c, acara_id))) t.hadir[{h.peserta_id, h.sesi_id}] = h;
    return t;
}

Result<long long> EventsService::write_hadir_xlsx(Actor const& actor, std::int64_t acara_id, std::string const& path) {
    AttendanceTable t = PILAR_TRY(attendance(actor, acara_id));
    std::vector<std::string> header{"no", "nama", "peran", "peran_akun", "kode_wilayah", "instansi", "telepon", "status", "sesi_hadir"};
    for (auto const& s : t.sesi) header.push_back(fmt::format("sesi {}: {}", s.urutan, s.judul));
    auto w = PILAR_TRY(XlsxWriter::create(path, header, {.sheet_name = "Kehadiran"}));
    long long n = 0;
    for (auto const& p : t.peserta) {
        if (p.status == "diundang") continue;
        std::vector<std::string> row{std::to_string(++n), p.nama, p.peran, p.peran_akun.value_or(""), p.kode_wilayah.value_or(""),
                                     p.instansi.value_or(""), p.telepon.value_or(""), p.status, std::to_string(p.sesi_hadir)};
        for (auto const& s : t.sesi) {
            auto it = t.hadir.find({p.id, s.id});
            row.push_back(it == t.hadir.end() ? std::string()
                                              : fmt::format("{} {}", local_hhmm(it->second.waktu, m_options.utc_offset_minutes),
                                                            it->second.pintu));
        }
        PILAR_TRY(w.write_row(row));
    }
    PILAR_TRY(w.finish());
    PILAR_TRY(audit_view(actor, t.acara, "daftar hadir xlsx", n));
    return n;
}

Result<long long> EventsService::write_hadir_pdf(Actor const& actor, std::int64_t acara_id, std::string const& path) {
    AttendanceTable t = PILAR_TRY(attendance(actor, acara_id));
    std::vector<PdfColumn> cols{{"No", 1, PdfAlign::Right}, {"Nama", 6}, {"Peran", 3}, {"Wilayah", 3}};
    std::vector<std::string> sessions_line;
    for (auto const& s : t.sesi) {
        cols.push_back({fmt::format("S{}", s.urutan), 1.6, PdfAlign::Center});
        sessions_line.push_back(fmt::format("S{}: {}{}", s.urutan, s.judul, s.topik ? " (" + *s.topik + ")" : std::string()));
    }
    std::vector<std::string> subs{subtitle(t.acara)};
    if (!sessions_line.empty()) subs.push_back(join(sessions_line, "; "));
    auto report = PILAR_TRY(PdfReport::create({
        .title = "Daftar Hadir — " + t.acara.judul,
        .subtitle_lines = subs,
        .columns = cols,
        .signature_blocks = {{"Mengetahui,", t.acara.penyelenggara, "", "", "(........................)"}},
        .orientation = t.sesi.size() > 4 ? PdfOrientation::Landscape : PdfOrientation::Portrait,
    }));
    long long n = 0;
    for (auto const& p : t.peserta) {
        if (p.status == "diundang") continue;
        std::vector<std::string> row{std::to_string(++n), p.nama, peran_label(p), p.kode_wilayah.value_or("")};
        for (auto const& s : t.sesi) {
            auto it = t.hadir.find({p.id, s.id});
            row.push_back(it == t.hadir.end() ? "-" : local_hhmm(it->second.waktu, m_options.utc_offset_minutes));
        }
        PILAR_TRY(report.add_row(row));
    }
    PILAR_TRY(report.save(path));
    PILAR_TRY(audit_view(actor, t.acara, "daftar hadir pdf", n));
    return n;
}

namespace {

void draw_qr(PdfPages& doc, QrCode const& qr, double x, double y, double size_mm) {
    double const module = size_mm / qr.size();
    for (int r = 0; r < qr.size(); ++r) {
        for (int col = 0; col < qr.size();) {
            if (!qr.dark(col, r)) {
                ++col;
                continue;
            }
            int run = 1;
            while (col + run < qr.size() && qr.dark(col + run, r)) ++run;
            doc.fill_rect(x + col * module, y + r * module, run * module, module);
            col += run;
        }
    }
}

}  // namespace

Result<int> EventsService::write_kartu_pdf(Actor const& actor, std::int64_t acara_id, std::optional<std::int64_t> peserta_id,
                                           std::string const& path) {
    Acara a;
    std::vector<Peserta> people;
    {
        auto c = PILAR_TRY(m_db.acquire());
        a = PILAR_TRY(visible_acara(*c, actor, acara_id));
        if (peserta_id) {
            auto p = PILAR_TRY(store::get_peserta(*c, *peserta_id));
            if (!p || p->acara_id != acara_id || !sees_peserta(actor, a, *p)) return fail(not_found_peserta());
            // Cards carry the token: only the office and the participant themselves.
            bool own = p->user_id && *p->user_id == actor.user_id && actor.user_id != 0;
            if (!office_of(actor, a) && !own) return fail(not_found_peserta());
            people.push_back(*p);
        } else {
            PILAR_TRY(require_office(actor));
            for (auto& p : PILAR_TRY(store::list_peserta(*c, acara_id)))
                if (p.status == "terdaftar") people.push_back(std::move(p));
        }
    }
    auto doc = PILAR_TRY(PdfPages::create({.title = "Kartu peserta — " + a.judul}));
    // 2 x 4 cards of 90 x 60 mm on A4 portrait, with cut lines.
    constexpr double kW = 90, kH = 60, kX0 = 15, kY0 = 18;
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (i % 8 == 0) doc.new_page(210, 297);
        Peserta const& p = people[i];
        double const x = kX0 + static_cast<double>(i % 2) * kW, y = kY0 + static_cast<double>((i % 8) / 2) * kH;
        doc.stroke_rect(x, y, kW, kH, 0.3);
        double ty = doc.paragraph(x + 4, y + 7, kW - 8, 8, PdfWeight::Bold, PdfAlign::Left, a.judul);
        doc.text(x + 4, ty, 6.5, PdfWeight::Regular, PdfAlign::Left, subtitle(a).substr(0, 60));
        doc.paragraph(x + 4, y + 27, 46, 11, PdfWeight::Bold, PdfAlign::Left, p.nama);
        doc.text(x + 4, y + 44, 7.5, PdfWeight::Regular, PdfAlign::Left, peran_label(p));
        if (p.kode_wilayah) doc.text(x + 4, y + 48.5, 7.5, PdfWeight::Regular, PdfAlign::Left, *p.kode_wilayah);
        auto qr = PILAR_TRY(QrCode::encode(p.token));
        draw_qr(doc, qr, x + kW - 36, y + 17, 32);
        doc.text(x + kW - 20, y + 54, 6.5, PdfWeight::Regular, PdfAlign::Center, group_code(p.token));
    }
    PILAR_TRY(doc.save(path));
    PILAR_TRY(audit_view(actor, a, peserta_id ? fmt::format("kartu peserta {}", *peserta_id) : "kartu peserta",
                         static_cast<long long>(people.size())));
    return static_cast<int>(people.size());
}

Result<int> EventsService::write_sertifikat_pdf(Actor const& actor, std::int64_t acara_id, std::optional<std::int64_t> peserta_id,
                                                std::string const& verify_base, std::string const& path) {
    Acara a;
    std::vector<Peserta> people;
    {
        auto c = PILAR_TRY(m_db.acquire());
        a = PILAR_TRY(visible_acara(*c, actor, acara_id));
        for (auto& p : PILAR_TRY(store::list_peserta(*c, acara_id))) {
            if (!p.sertifikat_kode || p.sertifikat_dicabut_pada) continue;
            if (peserta_id && p.id != *peserta_id) continue;
            bool own = p.user_id && *p.user_id == actor.user_id && actor.user_id != 0;
            if (!office_of(actor, a) && !own) continue;
            people.push_back(std::move(p));
        }
        if (people.empty())
            return fail(ErrorCode::NotFound, {"Belum ada sertifikat yang terbit untuk dicetak", "No issued certificate to print yet"});
    }
    auto doc = PILAR_TRY(PdfPages::create({.title = "Sertifikat — " + a.judul}));
    for (auto const& p : people) {
        doc.new_page(297, 210);
        doc.stroke_rect(10, 10, 277, 190, 2);
        doc.stroke_rect(14, 14, 269, 182, 0.5);
        doc.text(148.5, 45, 30, PdfWeight::Bold, PdfAlign::Center, "SERTIFIKAT");
        doc.text(148.5, 55, 10, PdfWeight::Regular, PdfAlign::Center, "Kode verifikasi: " + group_code(*p.sertifikat_kode));
        doc.text(148.5, 72, 12, PdfWeight::Regular, PdfAlign::Center, "diberikan kepada");
        double y = doc.paragraph(30, 88, 237, 24, PdfWeight::Bold, PdfAlign::Center, p.nama);
        std::string const sebagai = p.peran == "peserta" ? "peserta" : p.peran;
        doc.text(148.5, y + 4, 12, PdfWeight::Regular, PdfAlign::Center, fmt::format("atas partisipasinya sebagai {} dalam", sebagai));
        y = doc.paragraph(30, y + 16, 237, 16, PdfWeight::Bold, PdfAlign::Center, a.judul);
        doc.text(148.5, y + 2, 11, PdfWeight::Regular, PdfAlign::Center, subtitle(a));
        std::string const url = verify_base + *p.sertifikat_kode;
        auto qr = PILAR_TRY(QrCode::encode(url));
        draw_qr(doc, qr, 245, 158, 28);
        doc.text(20, 180, 8, PdfWeight::Regular, PdfAlign::Left, "Keaslian sertifikat dapat diperiksa siapa saja di:");
        doc.text(20, 185, 8, PdfWeight::Bold, PdfAlign::Left, url);
    }
    PILAR_TRY(doc.save(path));
    PILAR_TRY(audit_view(actor, a, "sertifikat pdf", static_cast<long long>(people.size())));
    return static_cast<int>(people.size());
}

// ---- certificates ------------------------------------------------------------------------------

Result<TerbitHasil> EventsService::terbitkan_sertifikat(Actor const& actor, std::int64_t acara_id, int minimal_sesi) {
    if (minimal_sesi < 0 || minimal_sesi > 1000)
        return fail(invalid("minimal_sesi", "minimal_sesi harus 0 sampai 1000", "minimal_sesi must be 0 to 1000"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    auto const sessions = PILAR_TRY(store::list_sesi(*c, acara_id));
    std::int64_t const needed = minimal_sesi == 0 ? static_cast<std::int64_t>(sessions.size()) : minimal_sesi;
    TerbitHasil out;
    std::string const now = utc_now_iso();
    json::array issued;
    for (auto const& p : PILAR_TRY(store::list_peserta(*c, acara_id))) {
        if (p.status != "terdaftar") continue;
        if (p.sertifikat_kode && !p.sertifikat_dicabut_pada) {
            ++out.sudah_ada;
            continue;
        }
        if (p.sesi_hadir < needed || p.sesi_hadir == 0) {
            ++out.tidak_memenuhi;
            continue;
        }
        std::string const kode = new_code(kSertifikatLength);
        PILAR_TRY(store::set_sertifikat(*c, p.id, kode, now));
        issued.push_back(json::object{{"peserta_id", p.id}, {"kode", kode}});
        ++out.diterbitkan;
    }
    if (out.diterbitkan > 0)
        PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.sertifikat_terbit", .entity = "acara",
                                                   .entity_id = std::to_string(a.id), .after_json = json::serialize(issued),
                                                   .detail = fmt::format("{} sertifikat, minimal {} sesi", out.diterbitkan, needed)}));
    PILAR_TRY(tx.commit());
    return out;
}

Result<Peserta> EventsService::cabut_sertifikat(Actor const& actor, std::int64_t acara_id, std::int64_t peserta_id,
                                                std::string_view alasan) {
    if (trim(alasan).size() < 3)
        return fail(invalid("alasan", "alasan pencabutan wajib diisi", "a reason for the revocation is required"));
    auto const reason = PILAR_TRY(required_text(std::string(alasan), "alasan", kMaxText));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(managed_acara(*c, actor, acara_id));
    auto before = PILAR_TRY(store::get_peserta(*c, peserta_id));
    if (!before || before->acara_id != acara_id) return fail(not_found_peserta());
    if (!before->sertifikat_kode || before->sertifikat_dicabut_pada)
        return fail(ErrorCode::Conflict, {"Peserta ini tidak memegang sertifikat yang berlaku", "This participant holds no valid certificate"});
    PILAR_TRY(store::revoke_sertifikat(*c, peserta_id, utc_now_iso()));
    Peserta after = *PILAR_TRY(store::get_peserta(*c, peserta_id));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.sertifikat_cabut", .entity = "acara_peserta",
                                               .entity_id = std::to_string(peserta_id), .before_json = audit_json(*before),
                                               .after_json = audit_json(after), .detail = reason}));
    PILAR_TRY(tx.commit());
    return after;
}

Result<VerifikasiSertifikat> EventsService::verifikasi(std::string_view kode) {
    VerifikasiSertifikat v;
    auto code = normalise_code(kode);
    if (!code || code->size() != kSertifikatLength)
        return fail(invalid("kode", fmt::format("Kode sertifikat terdiri dari {} huruf/angka", kSertifikatLength),
                            fmt::format("A certificate code has {} letters/digits", kSertifikatLength)));
    v.kode = *code;
    auto c = PILAR_TRY(m_db.acquire());
    auto p = PILAR_TRY(store::peserta_by_sertifikat(*c, *code));
    if (!p) return v;  // unknown: invalid, and nothing else said
    auto a = PILAR_TRY(store::get_acara(*c, p->acara_id));
    if (!a) return v;
    v.nama = p->nama;
    v.acara = a->judul;
    v.tanggal_mulai = a->tanggal_mulai;
    v.tanggal_selesai = a->tanggal_selesai;
    v.dicabut_pada = p->sertifikat_dicabut_pada;
    v.valid = !p->sertifikat_dicabut_pada && a->status != "batal";
    return v;
}

// ---- door-prize draws --------------------------------------------------------------------------

Result<Undian> EventsService::undi(Actor const& actor, std::int64_t acara_id, std::string_view hadiah_in, int jumlah,
                                   std::optional<std::string> seed_in) {
    std::string const hadiah = PILAR_TRY(required_text(std::optional<std::string>(std::string(hadiah_in)), "hadiah", kMaxText));
    if (jumlah < 1 || jumlah > kMaxDraw)
        return fail(invalid("jumlah", fmt::format("jumlah pemenang harus 1 sampai {}", kMaxDraw),
                            fmt::format("the number of winners must be 1 to {}", kMaxDraw)));
    std::string seed = seed_in ? std::string(trim(*seed_in)) : std::string();
    if (seed.size() > 200 || !is_valid_utf8(seed))
        return fail(invalid("seed", "seed paling panjang 200 byte", "seed must be at most 200 bytes"));
    if (seed.empty()) seed = new_code(16);

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    Acara const a = PILAR_TRY(managed_acara(*c, actor, acara_id));
    auto won = PILAR_TRY(store::winners_of_acara(*c, acara_id));
    std::set<std::int64_t> const already(won.begin(), won.end());
    std::map<std::int64_t, std::string> names;
    Undian u{.acara_id = acara_id, .hadiah = hadiah, .jumlah = jumlah, .seed = seed};
    for (auto const& p : PILAR_TRY(store::list_peserta(*c, acara_id))) {
        if (p.status != "terdaftar" || p.peran != "peserta" || p.sesi_hadir == 0 || already.contains(p.id)) continue;
        u.calon.push_back(p.id);
        names[p.id] = p.nama;
    }
    std::sort(u.calon.begin(), u.calon.end());
    if (u.calon.empty())
        return fail(ErrorCode::Conflict, {"Tidak ada peserta hadir yang belum pernah menang", "No attending participant is left who has not won"});
    u.calon_digest = calon_digest(u.calon);
    u.pemenang = draw_winners(seed, u.calon, static_cast<std::size_t>(jumlah));
    for (auto id : u.pemenang) u.pemenang_nama.push_back(names[id]);
    u.dibuat_pada = utc_now_iso();
    u.dibuat_oleh = actor.username;
    u.id = PILAR_TRY(store::insert_undian(*c, u));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "acara.undian", .entity = "acara", .entity_id = std::to_string(a.id),
                                               .after_json = audit_json(u),
                                               .detail = fmt::format("{}: {} pemenang dari {} calon, seed {}", hadiah,
                                                                     u.pemenang.size(), u.calon.size(), seed)}));
    PILAR_TRY(tx.commit());
    return u;
}

Result<std::vector<Undian>> EventsService::undian(Actor const& actor, std::int64_t acara_id) {
    auto c = PILAR_TRY(m_db.acquire());
    Acara const a = PILAR_TRY(visible_acara(*c, actor, acara_id));
    if (!reads_all_of(actor, a)) return std::vector<Undian>{};
    return store::list_undian(*c, a.id);
}

Result<UlangUndian> EventsService::ulang_undian(Actor const& actor, std::int64_t acara_id, std::int64_t undian_id) {
    auto all = PILAR_TRY(undian(actor, acara_id));
    auto it = std::find_if(all.begin(), all.end(), [&](Undian const& u) { return u.id == undian_id; });
    if (it == all.end()) return fail(ErrorCode::NotFound, {"Undian tidak ditemukan", "Draw not found"});
    UlangUndian out{.undian = *it};
    out.pemenang_ulang = draw_winners(it->seed, it->calon, static_cast<std::size_t>(it->jumlah));
    out.calon_digest_ulang = calon_digest(it->calon);
    out.sama = out.pemenang_ulang == it->pemenang && out.calon_digest_ulang == it->calon_digest;
    return out;
}

// ---- for the workforce roster ------------------------------------------------------------------

Result<std::vector<PelatihanDiikuti>> EventsService::trainings_attended(std::int64_t user_id, std::string_view from,
                                                                       std::string_view to) {
    auto c = PILAR_TRY(m_db.acquire());
    return store::trainings_of_user(*c, user_id, from, to);
}

Result<bool> EventsService::basic_training_attended(std::int64_t user_id) {
    auto all = PILAR_TRY(trainings_attended(user_id, "0000-01-01", "9999-12-31"));
    return std::any_of(all.begin(), all.end(), [](PelatihanDiikuti const& p) { return p.pelatihan_dasar; });
}

Result<std::optional<PelatihanDiikuti>> EventsService::basic_training_of(std::string_view username) {
    auto id = PILAR_TRY(m_accounts.id_of(username));
    if (!id) return std::optional<PelatihanDiikuti>{};
    for (auto& p : PILAR_TRY(trainings_attended(*id, "0000-01-01", "9999-12-31")))  // by start date
        if (p.pelatihan_dasar) return std::optional<PelatihanDiikuti>(std::move(p));
    return std::optional<PelatihanDiikuti>{};
}

Result<std::map<std::string, std::int64_t>> EventsService::trainings_per_username(std::string_view dari, std::string_view sampai) {
    std::map<std::int64_t, std::int64_t> per_id;
    {
        auto c = PILAR_TRY(m_db.acquire());
        per_id = PILAR_TRY(store::trainings_per_user(*c, dari, sampai));
    }
    std::map<std::string, std::int64_t> out;
    if (per_id.empty()) return out;
    for (auto const& a : PILAR_TRY(m_accounts.accounts()))
        if (auto it = per_id.find(a.id); it != per_id.end()) out[a.username] = it->second;
    return out;
}

Result<std::optional<std::int64_t>> AccountDirectory::id_of(std::string_view username) {
    for (auto const& a : PILAR_TRY(accounts()))
        if (a.username == username) return std::optional<std::int64_t>(a.id);
    return std::optional<std::int64_t>{};
}

}  // namespace pilar::events
