#include "workforce/service.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "access/audit.hpp"
#include "access/store.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"
#include "verivali/attachment.hpp"
#include "workforce/json.hpp"
#include "workforce/store.hpp"

namespace pilar::workforce {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNama = 100;
constexpr std::size_t kMaxUraian = 2000;
constexpr std::size_t kMaxTeks = 200;
constexpr std::size_t kMaxWilayahTugas = 20;

Error invalid(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

Error not_found(std::string_view what, std::int64_t id) {
    return Error(ErrorCode::NotFound, {fmt::format("{} {} tidak ditemukan", what, id), fmt::format("{} {} not found", what, id)});
}

Error denied(std::string id, std::string en) { return Error(ErrorCode::PermissionDenied, {std::move(id), std::move(en)}); }

Error stale(std::int64_t id, std::int64_t current) {
    return Error(ErrorCode::Conflict,
                 {fmt::format("Data pilar sosial {} sudah diubah orang lain (versi sekarang {}); muat ulang lalu coba lagi", id, current),
                  fmt::format("Pilar sosial record {} was changed by someone else (current version {}); reload and try again", id,
                              current)})
        .at_field("version");
}

bool has_role(Actor const& a, std::initializer_list<Role> roles) {
    return a.is_system() || std::find(roles.begin(), roles.end(), a.role) != roles.end();
}

bool is_office_writer(Actor const& a) { return has_role(a, {Role::Operator, Role::Admin}); }

bool within(std::string_view kode, std::string_view area) {
    return kode == area || (kode.size() > area.size() && kode.starts_with(area) && kode[area.size()] == '.');
}

bool in_scope(Actor const& a, std::string_view kode) {
    if (a.is_system()) return true;
    auto code = WilayahCode::parse(kode);
    return code && a.in_scope(*code);
}

store::Area area_of(Actor const& a) {
    store::Area area{.all = a.is_system(), .prefixes = {}};
    for (auto const& s : a.scope) area.prefixes.push_back(s.dotted());
    return area;
}

// A PSM sees only their own record; everyone else what lies in their area.
bool visible(Actor const& a, PilarSosial const& p) {
    if (a.is_system()) return true;
    if (a.role == Role::Psm) return p.username && *p.username == a.username;
    return in_scope(a, p.kode_wilayah);
}

Actor plain(Actor const& a) {
    Actor p = a;
    p.offline_op.reset();  // reads elsewhere never write this op's receipt
    return p;
}

Result<Date> date_field(std::string_view field, std::string_view text) {
    auto d = Date::parse(text);
    if (!d) return fail(Error(d.error()).at_field(std::string(field)));
    return *d;
}

Result<std::optional<std::string>> clean_text(std::string_view field, std::optional<std::string> const& v, std::size_t max) {
    if (!v) return std::optional<std::string>{};
    auto t = std::string(trim(*v));
    if (t.empty()) return std::optional<std::string>{};
    if (t.size() > max || !is_valid_utf8(t))
        return fail(invalid(field, fmt::format("{} paling panjang {} karakter (UTF-8)", field, max),
                            fmt::format("{} is at most {} characters (UTF-8)", field, max)));
    return std::optional<std::string>(std::move(t));
}

Result<void> valid_uid(std::string_view uid) {
    bool ok = uid.size() >= 8 && uid.size() <= 64 &&
              std::all_of(uid.begin(), uid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
    if (!ok)
        return fail(invalid("uid", "uid harus 8-64 huruf, angka atau '-' (UUID dari perangkat)",
                            "uid must be 8-64 letters, digits or '-' (the device's UUID)"));
    return {};
}

std::string kecamatan_of(std::string_view kode) { return std::string(kode.substr(0, std::min<std::size_t>(8, kode.size()))); }
std::string kota_of(std::string_view kode) { return std::string(kode.substr(0, std::min<std::size_t>(5, kode.size()))); }
std::string kelurahan_of(std::string_view kode) { return std::string(kode.substr(0, std::min<std::size_t>(13, kode.size()))); }

Date add_years(Date d, int years) {
    int y = d.year() + years;
    return Date::create(y, d.month(), std::min(d.day(), Date::days_in_month(y, d.month()))).value_or(d);
}

std::string audit_json(PilarSosial const& p) { return json::serialize(to_json(p)); }


}  // namespace

Result<Periode> periode_of(std::string_view text, std::string_view field) {
    auto bad = [&] {
        return fail(invalid(field, fmt::format("{} harus YYYY-MM (bulan) atau YYYY (tahun)", field),
                            fmt::format("{} must be YYYY-MM (a month) or YYYY (a year)", field)));
    };
    if (text.size() == 4 && is_all_digits(text)) {
        int y = std::stoi(std::string(text));
        if (y < 2000 || y > 2100) return bad();
        return Periode{fmt::format("{:04}-01-01", y), fmt::format("{:04}-01-01", y + 1)};
    }
    if (text.size() != 7 || text[4] != '-') return bad();
    auto d = Date::parse(std::string(text) + "-01");
    if (!d || d->year() < 2000 || d->year() > 2100) return bad();
    int y = d->year(), m = d->month() + 1;
    if (m == 13) y += 1, m = 1;
    return Periode{d->iso(), fmt::format("{:04}-{:02}-01", y, m)};
}

// ------------------------------------------------------------------------------ rules

namespace {

// A kota's stored rules over the defaults. A value that no longer parses or fits its range (a NaN
// stored before it was refused) is the default.
Result<std::pair<Aturan, std::vector<store::AturanTersimpan>>> load_aturan(db::Connection& c, std::string_view kode_kota) {
    auto stored = PILAR_TRY(store::list_aturan(c, kode_kota));
    Aturan a;
    for (auto const& row : stored) {
        auto def = aturan_def(row.kunci);
        double d = 0;
        auto [ptr, ec] = std::from_chars(row.nilai.data(), row.nilai.data() + row.nilai.size(), d);
        if (!def || ec != std::errc{} || !(d >= def->min && d <= def->max)) continue;
        terapkan_aturan(a, row.kunci, d);
    }
    return std::pair{a, std::move(stored)};
}

// "750000", "2.5": whole numbers without a fraction, the rest in the shortest form that reads back.
std::string nilai_text(AturanDef const& def, double d) {
    return def.jenis == JenisAturan::Angka ? fmt::format("{}", d) : fmt::format("{}", static_cast<std::int64_t>(d));
}

}  // namespace

Result<Aturan> WorkforceService::aturan_kota(std::string_view kode_wilayah) {
    auto c = PILAR_TRY(m_db.acquire());
    return PILAR_TRY(load_aturan(*c, kota_of(kode_wilayah))).first;
}

Result<Aturan const*> WorkforceService::rules_of(AturanCache& cache, std::string_view kode_wilayah) {
    auto kota = kota_of(kode_wilayah);
    auto it = cache.find(kota);
    if (it == cache.end()) it = cache.emplace(kota, PILAR_TRY(aturan_kota(kota))).first;
    return &it->second;
}

Result<std::string> WorkforceService::kota_for(Actor const& actor, std::optional<std::string> const& kode_kota, KotaUse use) {
    // The caller's own kota: the one every code of their scope lies in.
    std::optional<std::string> own;
    bool one = !actor.scope.empty();
    for (auto const& s : actor.scope) {
        if (s.tingkat() == Tingkat::Provinsi) one = false;
        auto k = kota_of(s.dotted());
        if (own && *own != k) one = false;
        own = k;
    }
    if (!kode_kota || trim(*kode_kota).empty()) {
        if (one && own) return *own;
        return fail(invalid("kode_kota", "kode_kota wajib diisi (kode kota/kabupaten, mis. 36.71)",
                            "kode_kota is required (a kota/kabupaten code, e.g. 36.71)"));
    }
    auto code = WilayahCode::parse(*kode_kota);
    if (!code) return fail(Error(code.error()).at_field("kode_kota"));
    if (code->tingkat() != Tingkat::Kota)
        return fail(invalid("kode_kota", fmt::format("kode_kota harus kode kota/kabupaten (mis. 36.71), bukan {}", code->dotted()),
                            fmt::format("kode_kota must be a kota/kabupaten code (e.g. 36.71), not {}", code->dotted())));
    auto const kota = code->dotted();
    auto missing = [&] {
        return fail(Error(ErrorCode::NotFound, {fmt::format("Kota {} tidak ditemukan", kota), fmt::format("Kota {} not found", kota)})
                        .at_field("kode_kota"));
    };
    // Another kota's rules are as unknown as a kota that does not exist; changing them is refused.
    if (!actor.is_system() && !(one && own == kota) && !actor.in_scope(*code))
        return use == KotaUse::Write ? fail(outside_area("kode_kota", *code)) : missing();
    auto w = m_wilayah.get(kota);
    if (!w) return missing();
    return kota;
}

Result<AturanKota> WorkforceService::aturan(Actor const& actor, std::optional<std::string> const& kode_kota) {
    AturanKota out;
    out.kode_kota = PILAR_TRY(kota_for(actor, kode_kota, KotaUse::Read));
    auto c = PILAR_TRY(m_db.acquire());
    auto [a, stored] = PILAR_TRY(load_aturan(*c, out.kode_kota));
    out.aturan = a;
    Aturan const bawaan;
    for (auto const& def : aturan_defs()) {
        AturanBaris b{.def = def, .nilai = nilai_aturan(a, def.kunci), .bawaan = nilai_aturan(bawaan, def.kunci),
                      .updated_by = std::nullopt, .updated_at = std::nullopt};
        for (auto const& row : stored)
            if (row.kunci == def.kunci) {
                b.updated_by = row.updated_by;
                b.updated_at = row.updated_at;
            }
        out.daftar.push_back(std::move(b));
    }
    return out;
}

Result<AturanKota> WorkforceService::set_aturan(Actor const& actor, std::optional<std::string> const& kode_kota,
                                                std::string const& kunci, std::string const& nilai) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mengubah aturan", "Only an operator or admin changes the rules"));
    auto const kota = PILAR_TRY(kota_for(actor, kode_kota, KotaUse::Write));
    auto def = aturan_def(kunci);
    if (!def)
        return fail(invalid("kunci", fmt::format("Aturan {} tidak dikenal", excerpt_for_message(kunci)),
                            fmt::format("Unknown rule {}", excerpt_for_message(kunci))));
    double d = 0;
    auto const text = trim(nilai);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    bool const whole = def->jenis != JenisAturan::Angka;
    // Whole numbers are digits only: "500.000" is how an Indonesian writes five hundred thousand,
    // which the number reader would take for 500. Written as "not inside" so that NaN (every
    // comparison false) is refused too.
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || !(d >= def->min && d <= def->max) ||
        (whole && !is_all_digits(text))) {
        auto kind_id = def->jenis == JenisAturan::YaTidak ? std::string("0 (tidak) atau 1 (ya)")
                       : whole ? fmt::format("bilangan bulat {} sampai {}, tanpa titik atau koma", def->min, def->max)
                               : fmt::format("angka {} sampai {} (desimal dengan titik, mis. 2.5)", def->min, def->max);
        auto kind_en = def->jenis == JenisAturan::YaTidak ? std::string("0 (no) or 1 (yes)")
                       : whole ? fmt::format("a whole number from {} to {}, without dots or commas", def->min, def->max)
                               : fmt::format("a number from {} to {} (decimals with a dot, e.g. 2.5)", def->min, def->max);
        return fail(invalid("nilai", fmt::format("{} harus {}", kunci, kind_id), fmt::format("{} must be {}", kunci, kind_en)));
    }
    {
        auto c = PILAR_TRY(m_db.acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        auto const before = nilai_aturan(PILAR_TRY(load_aturan(*c, kota)).first, kunci);
        auto const stored = nilai_text(*def, d);
        PILAR_TRY(store::put_aturan(*c, kota, kunci, stored, actor.username, utc_now_iso()));
        auto state = [&](double v) { return json::serialize(json::object{{"kode_kota", kota}, {"kunci", kunci}, {"nilai", nilai_text(*def, v)}}); };
        PILAR_TRY(access::append_audit(*c, actor, {.action = "workforce.aturan", .entity = "workforce_aturan",
                                                   .entity_id = fmt::format("{}:{}", kota, kunci), .before_json = state(before),
                                                   .after_json = state(d), .detail = fmt::format("kota {}", kota),
                                                   .area = {kota}}));
        PILAR_TRY(tx.commit());
    }
    return aturan(actor, kota);
}

std::vector<Syarat> WorkforceService::syarat(PilarSosial const& p, Aturan const& a, Date today) {
    bool const checked = p.jenis == Jenis::Psm || p.jenis == Jenis::Tksk;
    std::vector<Syarat> out;
    {
        Syarat s{.kode = "usia", .wajib = checked, .terpenuhi = false, .catatan = {}};
        auto lahir = p.tanggal_lahir ? Date::parse(*p.tanggal_lahir) : Result<Date>(fail(ErrorCode::InvalidArgument, {"", ""}));
        if (!lahir) s.catatan = "tanggal lahir belum diisi";
        else {
            int age = lahir->age_on(today);
            s.terpenuhi = age >= a.usia_minimal;
            s.catatan = fmt::format("{} tahun (minimal {})", age, a.usia_minimal);
            s.usia = age;
            s.minimal = a.usia_minimal;
        }
        out.push_back(std::move(s));
    }
    {
        Syarat s{.kode = "ktp_wilayah", .wajib = checked, .terpenuhi = false, .catatan = {}};
        if (!p.kode_ktp) s.catatan = "kelurahan KTP belum diisi";
        else {
            // PSM: KTP in the kelurahan of their RWs; TKSK: in their kecamatan.
            auto area = p.jenis == Jenis::Psm ? kelurahan_of(p.kode_wilayah) : p.kode_wilayah;
            s.terpenuhi = within(*p.kode_ktp, area);
            s.catatan = s.terpenuhi ? "KTP " + *p.kode_ktp : fmt::format("KTP {} di luar {}", *p.kode_ktp, area);
            s.kode_ktp = *p.kode_ktp;
            s.wilayah = std::string(area);
        }
        out.push_back(std::move(s));
    }
    {
        bool const at_event = p.pelatihan_sumber && p.pelatihan_sumber->starts_with("acara:");
        Syarat s{.kode = "pelatihan_dasar",
                 .wajib = checked,
                 .terpenuhi = p.pelatihan_dasar.has_value(),
                 .catatan = !p.pelatihan_dasar ? std::string("belum mengikuti pelatihan dasar")
                            : at_event          ? fmt::format("{} (hadir di acara {})", *p.pelatihan_dasar, p.pelatihan_sumber->substr(6))
                                                : *p.pelatihan_dasar};
        s.tanggal = p.pelatihan_dasar;
        if (at_event) {
            std::int64_t id = 0;
            auto const src = std::string_view(*p.pelatihan_sumber).substr(6);
            if (std::from_chars(src.data(), src.data() + src.size(), id).ec == std::errc{}) s.acara = id;
        }
        out.push_back(std::move(s));
    }
    out.push_back({.kode = "bukan_ketua_rt_rw",
                   .wajib = checked && a.larang_ketua_rt_rw,
                   .terpenuhi = !p.ketua_rt_rw,
                   .catatan = p.ketua_rt_rw ? "juga ketua RT/RW" : ""});
    {
        Syarat s{.kode = "sk_berlaku", .wajib = checked, .terpenuhi = false, .catatan = "belum ada SK"};
        if (p.sk) {
            s.terpenuhi = p.sk->mulai <= today.iso() && today.iso() <= p.sk->selesai;
            s.catatan = fmt::format("SK {} berlaku {} s.d. {}", p.sk->nomor, p.sk->mulai, p.sk->selesai);
            s.nomor = p.sk->nomor;
            s.mulai = p.sk->mulai;
            s.selesai = p.sk->selesai;
        }
        out.push_back(std::move(s));
    }
    bool assigned = std::any_of(p.penugasan.begin(), p.penugasan.end(), [](auto const& t) { return !t.selesai; });
    out.push_back({.kode = "penugasan", .wajib = checked, .terpenuhi = assigned, .catatan = assigned ? "" : "belum ditugaskan"});
    return out;
}

// ------------------------------------------------------------------------------ roster

Result<PilarSosial> WorkforceService::load_visible(db::Connection& c, Actor const& actor, std::int64_t id) {
    auto p = PILAR_TRY(store::get_pilar(c, id));
    if (!p || !visible(actor, *p)) return fail(not_found("Pilar sosial", id));
    p->penugasan = PILAR_TRY(store::list_penugasan(c, id, false));
    auto sks = PILAR_TRY(store::list_sk(c, id));
    if (!sks.empty()) p->sk = sks.front();
    p->sk_riwayat = std::move(sks);
    p->status_riwayat = PILAR_TRY(store::list_status(c, id));
    return *p;
}

// The account a record is linked to acts as that worker: it reads the record and files reports
// on it. So it must be a field worker's account of the record's kind: a PSM record's a PSM
// account, a TKSK record's a TKSK account, any other kind's one of the two.
static bool account_fits(Jenis jenis, Role role) {
    return jenis == Jenis::Psm    ? role == Role::Psm
           : jenis == Jenis::Tksk ? role == Role::Tksk
                                  : role == Role::Psm || role == Role::Tksk;
}

// Linking a record to an account that exists: the account must fit the record's kind and lie
// inside the caller's area: an operator cannot hand a worker's record to an operator, a kepala,
// an admin, or an account of another kota. A name with no account yet is kept, for the account
// the admin creates later (check_reserved_username holds that account to the same rule).
static Result<void> check_linked_account(db::Connection& c, Actor const& actor, Jenis jenis, std::string const& username) {
    auto row = PILAR_TRY(access::store::user_by_username(c, username));
    if (!row) return {};
    auto const role = row->user.role;
    if (!account_fits(jenis, role))
        return fail(invalid("username",
                            fmt::format("Akun {} berperan {}, bukan akun {} lapangan", username, role_name(role), jenis_name(jenis)),
                            fmt::format("Account {} has the role {}, not a field {} account", username, role_name(role), jenis_name(jenis))));
    for (auto const& w : row->user.wilayah)
        if (!in_scope(actor, w))
            return fail(Error(ErrorCode::NotFound, {fmt::format("Akun {} di luar wilayah Anda", username),
                                                    fmt::format("Account {} is outside your area", username)})
                            .at_field("username"));
    return {};
}

Result<void> check_reserved_username(db::Connection& c, Actor const& actor, std::string const& username, Role role,
                                     std::vector<std::string> const& wilayah) {
    auto p = PILAR_TRY(store::get_pilar_by_username(c, username));
    if (!p) return {};
    // The record's kota: the account is refused outside it, as linking refuses an account outside
    // the (office) caller's kota.
    std::string const kota = kota_of(p->kode_wilayah);
    bool const inside = std::all_of(wilayah.begin(), wilayah.end(), [&](std::string const& w) { return within(w, kota); });
    if (!in_scope(actor, p->kode_wilayah))  // an admin of another kota learns no more than that
        return fail(Error(ErrorCode::Conflict,
                          {fmt::format("Nama pengguna {} dicadangkan untuk data pilar sosial di luar wilayah Anda; pilih nama lain", username),
                           fmt::format("The username {} is reserved for a pilar sosial record outside your area; choose another name", username)})
                        .at_field("username"));
    if (account_fits(p->jenis, role) && inside) return {};
    std::string const need = p->jenis == Jenis::Psm    ? "psm"
                             : p->jenis == Jenis::Tksk ? "tksk"
                                                       : "psm atau tksk";
    std::string const need_en = p->jenis == Jenis::Psm || p->jenis == Jenis::Tksk ? need : "psm or tksk";
    return fail(Error(ErrorCode::Conflict,
                      {fmt::format("Nama pengguna {} dicadangkan untuk pilar sosial {} ({} {}, wilayah {}): akunnya harus berperan {} "
                                   "di kota {}. Pilih nama lain, atau ubah/kosongkan username di data pilar sosial itu dulu",
                                   username, p->id, jenis_name(p->jenis), p->nama, p->kode_wilayah, need, kota),
                       fmt::format("The username {} is reserved for pilar sosial record {} ({} {}, area {}): its account must have the "
                                   "role {} in kota {}. Choose another name, or change or clear the record's username first",
                                   username, p->id, jenis_name(p->jenis), p->nama, p->kode_wilayah, need_en, kota)})
                    .at_field("username"));
}

Result<PilarSosial> WorkforceService::create_pilar(Actor const& actor, PilarInput const& in) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mencatat pilar sosial", "Only an operator or admin records pilar sosial"));
    if (!in.jenis) return fail(invalid("jenis", "jenis wajib diisi (psm, tksk, tagana, ...)", "jenis is required (psm, tksk, tagana, ...)"));
    auto jenis = jenis_from_name(*in.jenis);
    if (!jenis)
        return fail(invalid("jenis", fmt::format("jenis {} tidak dikenal", excerpt_for_message(*in.jenis)),
                            fmt::format("Unknown jenis {}", excerpt_for_message(*in.jenis))));
    PilarSosial p;
    p.jenis = *jenis;
    if (!in.kode_wilayah)
        return fail(invalid("kode_wilayah", "kode_wilayah wajib diisi (kelurahan PSM, kecamatan TKSK)",
                            "kode_wilayah is required (the PSM's kelurahan, the TKSK's kecamatan)"));
    PILAR_TRY(update_pilar_fields(actor, p, in));
    auto const now = utc_now_iso();
    p.created_by = actor.username;
    p.created_at = p.updated_at = now;
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (p.username && PILAR_TRY(store::get_pilar_by_username(*c, *p.username)))
        return fail(Error(ErrorCode::AlreadyExists, {fmt::format("Akun {} sudah terhubung ke pilar sosial lain", *p.username),
                                                     fmt::format("Account {} is already linked to another record", *p.username)})
                        .at_field("username"));
    if (p.username) PILAR_TRY(check_linked_account(*c, actor, p.jenis, *p.username));
    p.id = PILAR_TRY(store::insert_pilar(*c, p));
    PILAR_TRY(store::insert_status(*c, {.pilar_id = p.id, .dari = std::nullopt, .ke = "kandidat", .alasan = std::nullopt,
                                        .at = now, .username = actor.username}));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.buat", .entity = "pilar_sosial",
                                               .entity_id = std::to_string(p.id), .after_json = audit_json(p)}));
    PILAR_TRY(tx.commit());
    return p;
}

Result<void> WorkforceService::update_pilar_fields(Actor const& actor, PilarSosial& p, PilarInput const& in) {
    if (in.jenis && jenis_from_name(*in.jenis) != p.jenis)
        return fail(invalid("jenis", "jenis tidak dapat diubah; catat sebagai pilar sosial baru", "jenis cannot change; record a new one"));
    if (in.nama) {
        auto nama = PILAR_TRY(clean_text("nama", in.nama, kMaxNama));
        if (!nama) return fail(invalid("nama", "nama wajib diisi", "nama is required"));
        p.nama = *nama;
    }
    if (p.nama.empty()) return fail(invalid("nama", "nama wajib diisi", "nama is required"));
    if (in.jenis_kelamin) {
        if (*in.jenis_kelamin != "L" && *in.jenis_kelamin != "P" && !in.jenis_kelamin->empty())
            return fail(invalid("jenis_kelamin", "jenis_kelamin harus L atau P", "jenis_kelamin must be L or P"));
        p.jenis_kelamin = in.jenis_kelamin->empty() ? std::nullopt : in.jenis_kelamin;
    }
    if (in.tanggal_lahir) {
        if (in.tanggal_lahir->empty()) p.tanggal_lahir.reset();
        else {
            auto d = PILAR_TRY(date_field("tanggal_lahir", *in.tanggal_lahir));
            if (d > Date::today()) return fail(invalid("tanggal_lahir", "tanggal_lahir di masa depan", "tanggal_lahir is in the future"));
            p.tanggal_lahir = d.iso();
        }
    }
    if (in.alamat) p.alamat = PILAR_TRY(clean_text("alamat", in.alamat, kMaxTeks));
    if (in.telepon) {
        p.telepon = PILAR_TRY(clean_text("telepon", in.telepon, 20));
        if (p.telepon && !std::all_of(p.telepon->begin(), p.telepon->end(), [](char ch) {
                return std::isdigit(static_cast<unsigned char>(ch)) || ch == '+' || ch == ' ' || ch == '-';
            }))
            return fail(invalid("telepon", "telepon hanya angka, spasi, + atau -", "telepon holds digits, spaces, + or - only"));
    }
    if (in.email) {
        p.email = PILAR_TRY(clean_text("email", in.email, kMaxTeks));
        if (p.email && p.email->find('@') == std::string::npos)
            return fail(invalid("email", "email tidak sah", "email is not valid"));
    }
    if (in.kode_ktp) {
        if (in.kode_ktp->empty()) p.kode_ktp.reset();
        else {
            auto w = m_wilayah.get(*in.kode_ktp);
            if (!w || w->tingkat != Tingkat::Kelurahan)
                return fail(invalid("kode_ktp", "kode_ktp harus kode kelurahan/desa yang dikenal", "kode_ktp must be a known kelurahan/desa code"));
            p.kode_ktp = w->kode;
        }
    }
    if (in.username) {
        p.username = PILAR_TRY(clean_text("username", in.username, 64));
    }
    if (in.ketua_rt_rw) p.ketua_rt_rw = *in.ketua_rt_rw;
    if (in.kode_wilayah) {
        auto w = m_wilayah.get(*in.kode_wilayah);
        if (!w) return fail(invalid("kode_wilayah", fmt::format("Wilayah {} tidak dikenal", excerpt_for_message(*in.kode_wilayah)),
                                    fmt::format("Unknown wilayah {}", excerpt_for_message(*in.kode_wilayah))));
        if (p.jenis == Jenis::Psm && w->tingkat != Tingkat::Kelurahan)
            return fail(invalid("kode_wilayah", "kode_wilayah PSM adalah kelurahannya", "A PSM's kode_wilayah is their kelurahan"));
        if (p.jenis == Jenis::Tksk && w->tingkat != Tingkat::Kecamatan)
            return fail(invalid("kode_wilayah", "kode_wilayah TKSK adalah kecamatannya", "A TKSK's kode_wilayah is their kecamatan"));
        if (!in_scope(actor, w->kode)) return fail(outside_area("kode_wilayah", WilayahCode::parse(w->kode).value()));
        p.kode_wilayah = w->kode;
    }
    return {};
}

Result<PilarSosial> WorkforceService::update_pilar(Actor const& actor, std::int64_t id, PilarInput const& in, std::int64_t version) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mengubah data pilar sosial", "Only an operator or admin changes pilar sosial records"));
    auto c = PILAR_TRY(m_db.acquire());
    auto before = PILAR_TRY(store::get_pilar(*c, id));
    if (!before || !visible(actor, *before)) return fail(not_found("Pilar sosial", id));
    if (before->version != version) return fail(stale(id, before->version));
    PilarSosial p = *before;
    if (in.kode_wilayah && *in.kode_wilayah != p.kode_wilayah && (p.jenis == Jenis::Psm || p.jenis == Jenis::Tksk))
        return fail(invalid("kode_wilayah", "Wilayah PSM/TKSK mengikuti penugasannya; ubah lewat penugasan",
                            "A PSM's/TKSK's area follows their assignment; change it there"));
    PILAR_TRY(update_pilar_fields(actor, p, in));
    p.updated_at = utc_now_iso();
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (p.username && p.username != before->username)
        if (auto other = PILAR_TRY(store::get_pilar_by_username(*c, *p.username)); other && other->id != id)
            return fail(Error(ErrorCode::AlreadyExists, {fmt::format("Akun {} sudah terhubung ke pilar sosial lain", *p.username),
                                                         fmt::format("Account {} is already linked to another record", *p.username)})
                            .at_field("username"));
    if (p.username && p.username != before->username) PILAR_TRY(check_linked_account(*c, actor, p.jenis, *p.username));
    if (!PILAR_TRY(store::save_pilar(*c, p, version))) return fail(stale(id, version + 1));
    p.version = version + 1;
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.ubah", .entity = "pilar_sosial", .entity_id = std::to_string(id),
                                               .before_json = audit_json(*before), .after_json = audit_json(p)}));
    PILAR_TRY(tx.commit());
    return pilar(actor, id);
}

Result<void> WorkforceService::with_attendance(PilarSosial& p) {
    if (!m_pelatihan_hadir || !p.username) return {};
    auto hadir = PILAR_TRY(m_pelatihan_hadir(*p.username));
    if (!hadir) return {};
    p.pelatihan_dasar = hadir->tanggal;
    p.pelatihan_sumber = hadir->sumber;
    return {};
}

Result<PilarSosial> WorkforceService::pilar(Actor const& actor, std::int64_t id, Date today) {
    PilarSosial p;
    {
        auto c = PILAR_TRY(m_db.acquire());
        p = PILAR_TRY(load_visible(*c, actor, id));
    }
    PILAR_TRY(with_attendance(p));  // after the connection is back: the lookup takes its own
    p.syarat = syarat(p, PILAR_TRY(aturan_kota(p.kode_wilayah)), today);
    return p;
}

Result<std::optional<PilarSosial>> WorkforceService::saya(Actor const& actor, Date today) {
    std::optional<std::int64_t> id;
    {
        auto c = PILAR_TRY(m_db.acquire());
        if (auto p = PILAR_TRY(store::get_pilar_by_username(*c, actor.username))) id = p->id;
    }
    // An account the roster does not (yet) list is an ordinary state, not an error: the caller
    // gets "no record" and says so (the web app's home asks for this on every PSM's first screen).
    if (!id) return std::optional<PilarSosial>{};
    return std::optional<PilarSosial>{PILAR_TRY(pilar(actor, *id, today))};
}

Result<std::vector<PilarSosial>> WorkforceService::list_pilar(Actor const& actor, PilarQuery const& q) {
    store::PilarFilter f;
    f.area = area_of(actor);
    if (actor.role == Role::Psm && !actor.is_system()) {
        f.area.all = true;
        f.username = actor.username;
    }
    f.jenis = q.jenis;
    f.status = q.status;
    f.after = q.after;
    f.limit = q.limit;
    if (q.kode_wilayah) {
        auto code = WilayahCode::parse(*q.kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        f.under = code->dotted();
    }
    if (q.q) {
        auto t = to_lower_ascii(trim(*q.q));
        if (t.find_first_of("%_") != std::string::npos) return fail(invalid("q", "q tidak boleh memuat % atau _", "q may not hold % or _"));
        if (!t.empty()) f.nama_like = t;
    }
    auto c = PILAR_TRY(m_db.acquire());
    auto rows = PILAR_TRY(store::list_pilar(*c, f));
    for (auto& p : rows) {
        p.penugasan = PILAR_TRY(store::list_penugasan(*c, p.id, true));
        auto sks = PILAR_TRY(store::list_sk(*c, p.id));
        if (!sks.empty()) p.sk = sks.front();
    }
    return rows;
}

Result<PilarSosial> WorkforceService::set_status(Actor const& actor, std::int64_t id, Status ke, std::optional<std::string> alasan,
                                                 std::int64_t version, Date today) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mengubah status", "Only an operator or admin changes the status"));
    alasan = PILAR_TRY(clean_text("alasan", alasan, kMaxTeks));
    // The checklist sees training attended at events; read before taking the write connection.
    PilarSosial const seen = PILAR_TRY(pilar(actor, id, today));
    auto rules = PILAR_TRY(aturan_kota(seen.kode_wilayah));  // the record's kota's
    {
    auto c = PILAR_TRY(m_db.acquire());
    auto p = PILAR_TRY(load_visible(*c, actor, id));
    if (p.version != version) return fail(stale(id, p.version));
    PilarSosial checked = p;
    checked.pelatihan_dasar = seen.pelatihan_dasar;
    checked.pelatihan_sumber = seen.pelatihan_sumber;
    if (p.status == ke)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Status sudah {}", status_name(ke)), fmt::format("The status is already {}", status_name(ke))}).at_field("status"));
    if (p.status == Status::Berhenti)
        return fail(Error(ErrorCode::Conflict, {"Pilar sosial ini sudah berhenti; catat sebagai kandidat baru",
                                                "This record has ended; record a new candidate"}).at_field("status"));
    if ((ke == Status::Nonaktif || ke == Status::Berhenti) && !alasan)
        return fail(invalid("alasan", "alasan wajib diisi untuk nonaktif atau berhenti", "alasan is required for nonaktif or berhenti"));
    if (ke == Status::Aktif) {
        std::vector<std::string> missing;
        for (auto const& s : syarat(checked, rules, today))
            if (s.wajib && !s.terpenuhi) missing.push_back(s.kode + (s.catatan.empty() ? "" : " (" + s.catatan + ")"));
        if (!missing.empty())
            return fail(Error(ErrorCode::Conflict, {fmt::format("Syarat belum terpenuhi: {}", join(missing, "; ")),
                                                    fmt::format("Requirements not met: {}", join(missing, "; "))})
                            .at_field("status"));
    }
    auto const now = utc_now_iso();
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PilarSosial after = p;
    after.status = ke;
    after.status_alasan = alasan;
    after.updated_at = now;
    if (!PILAR_TRY(store::save_pilar(*c, after, version))) return fail(stale(id, version + 1));
    if (ke == Status::Berhenti) PILAR_TRY(store::end_penugasan(*c, id, today.iso(), "berhenti"));
    PILAR_TRY(store::insert_status(*c, {.pilar_id = id, .dari = std::string(status_name(p.status)), .ke = std::string(status_name(ke)),
                                        .alasan = alasan, .at = now, .username = actor.username}));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.status", .entity = "pilar_sosial", .entity_id = std::to_string(id),
                                               .before_json = audit_json(p), .after_json = audit_json(after),
                                               .detail = alasan.value_or("")}));
    PILAR_TRY(tx.commit());
    }
    return pilar(actor, id, today);
}

Result<Sk> WorkforceService::add_sk(Actor const& actor, std::int64_t id, SkInput const& in) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mencatat SK", "Only an operator or admin records an SK"));
    auto nomor = PILAR_TRY(clean_text("nomor", in.nomor, kMaxNama));
    if (!nomor) return fail(invalid("nomor", "nomor SK wajib diisi", "The SK number is required"));
    auto ttd = PILAR_TRY(clean_text("ditandatangani", in.ditandatangani, kMaxNama));
    if (!ttd) return fail(invalid("ditandatangani", "ditandatangani (penanda tangan SK) wajib diisi", "ditandatangani (who signed the SK) is required"));
    auto tanggal = PILAR_TRY(date_field("tanggal", in.tanggal));
    auto mulai = PILAR_TRY(date_field("mulai", in.mulai));
    auto selesai = PILAR_TRY(date_field("selesai", in.selesai));
    if (!(selesai > mulai)) return fail(invalid("selesai", "selesai harus setelah mulai", "selesai must be after mulai"));
    auto c = PILAR_TRY(m_db.acquire());
    auto p = PILAR_TRY(load_visible(*c, actor, id));
    auto rules = PILAR_TRY(load_aturan(*c, kota_of(p.kode_wilayah))).first;  // the record's kota's
    if (p.jenis == Jenis::Tksk && selesai > add_years(mulai, rules.tksk_masa_tahun))
        return fail(invalid("selesai", fmt::format("Masa tugas TKSK paling lama {} tahun (sampai {})", rules.tksk_masa_tahun,
                                                   add_years(mulai, rules.tksk_masa_tahun).iso()),
                            fmt::format("A TKSK's term is at most {} years (until {})", rules.tksk_masa_tahun,
                                        add_years(mulai, rules.tksk_masa_tahun).iso())));
    if (in.perpanjangan_dari) {
        auto prev = PILAR_TRY(store::get_sk(*c, *in.perpanjangan_dari));
        if (!prev || prev->pilar_id != id)
            return fail(invalid("perpanjangan_dari", "perpanjangan_dari harus SK lain milik orang yang sama", "perpanjangan_dari must be another SK of the same person"));
        if (!(selesai > Date::parse(prev->selesai).value_or(mulai)))
            return fail(invalid("selesai", "Perpanjangan harus berakhir setelah SK yang diperpanjang", "A renewal must end after the SK it renews"));
    }
    Sk sk{.id = 0, .pilar_id = id, .nomor = *nomor, .tanggal = tanggal.iso(), .ditandatangani = *ttd, .mulai = mulai.iso(),
          .selesai = selesai.iso(), .perpanjangan_dari = in.perpanjangan_dari, .created_by = actor.username, .created_at = utc_now_iso()};
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    sk.id = PILAR_TRY(store::insert_sk(*c, sk));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.sk", .entity = "pilar_sosial", .entity_id = std::to_string(id),
                                               .after_json = json::serialize(to_json(sk))}));
    PILAR_TRY(tx.commit());
    return sk;
}

Result<PilarSosial> WorkforceService::assign(Actor const& actor, std::int64_t id, AssignInput const& in, std::int64_t version) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang menugaskan", "Only an operator or admin assigns"));
    // Another area's record answers 404 before the regions named are judged (docs/api.md).
    auto c = PILAR_TRY(m_db.acquire());
    auto p = PILAR_TRY(load_visible(*c, actor, id));
    if (in.wilayah.empty() || in.wilayah.size() > kMaxWilayahTugas)
        return fail(invalid("wilayah", fmt::format("wilayah berisi 1 sampai {} kode", kMaxWilayahTugas),
                            fmt::format("wilayah holds 1 to {} codes", kMaxWilayahTugas)));
    auto mulai = PILAR_TRY(date_field("mulai", in.mulai));
    auto alasan = PILAR_TRY(clean_text("alasan", in.alasan, kMaxTeks));
    std::vector<wilayah::Wilayah> places;
    for (std::size_t i = 0; i < in.wilayah.size(); ++i) {
        auto field = fmt::format("wilayah[{}]", i);
        auto w = m_wilayah.get(in.wilayah[i]);
        if (!w || !w->active)
            return fail(invalid(field, fmt::format("Wilayah {} tidak dikenal atau sudah tidak aktif", excerpt_for_message(in.wilayah[i])),
                                fmt::format("Wilayah {} is unknown or retired", excerpt_for_message(in.wilayah[i]))));
        if (!in_scope(actor, w->kode)) return fail(outside_area(field, WilayahCode::parse(w->kode).value()));
        places.push_back(*w);
    }
    {
    if (p.version != version) return fail(stale(id, p.version));
    if (p.status == Status::Berhenti)
        return fail(Error(ErrorCode::Conflict, {"Pilar sosial ini sudah berhenti", "This record has ended"}).at_field("status"));
    std::string area = places.front().kode;
    if (p.jenis == Jenis::Psm) {
        area = kelurahan_of(places.front().kode);
        for (std::size_t i = 0; i < places.size(); ++i) {
            if (places[i].tingkat != Tingkat::Rw)
                return fail(invalid(fmt::format("wilayah[{}]", i), "PSM ditugaskan ke RW", "A PSM is assigned to RWs"));
            if (kelurahan_of(places[i].kode) != area)
                return fail(invalid(fmt::format("wilayah[{}]", i), "Semua RW seorang PSM dalam satu kelurahan", "All of a PSM's RWs lie in one kelurahan"));
        }
    } else if (p.jenis == Jenis::Tksk) {
        if (places.size() != 1 || places.front().tingkat != Tingkat::Kecamatan)
            return fail(invalid("wilayah", "TKSK ditugaskan ke satu kecamatan", "A TKSK is assigned to one kecamatan"));
    } else if (places.size() > 1) {
        area = p.kode_wilayah;
    }
    auto const now = utc_now_iso();
    PilarSosial after = p;
    after.kode_wilayah = area;
    after.updated_at = now;
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (!PILAR_TRY(store::save_pilar(*c, after, version))) return fail(stale(id, version + 1));
    PILAR_TRY(store::end_penugasan(*c, id, mulai.iso(), "diganti"));
    for (auto const& w : places)
        PILAR_TRY(store::insert_penugasan(*c, {.id = 0, .pilar_id = id, .kode_wilayah = w.kode, .mulai = mulai.iso(),
                                               .selesai = std::nullopt, .alasan = alasan, .created_by = actor.username, .created_at = now}));
    json::array codes;
    for (auto const& w : places) codes.push_back(json::value(w.kode));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.tugas", .entity = "pilar_sosial", .entity_id = std::to_string(id),
                                               .after_json = json::serialize(json::object{{"wilayah", codes}, {"mulai", mulai.iso()}}),
                                               .detail = alasan.value_or("")}));
    PILAR_TRY(tx.commit());
    }
    return pilar(actor, id);
}

Result<PilarSosial> WorkforceService::set_pelatihan_dasar(Actor const& actor, std::int64_t id, std::string tanggal, std::string sumber) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang mencatat pelatihan", "Only an operator or admin records training"));
    auto d = PILAR_TRY(date_field("tanggal", tanggal));
    // Training recorded by hand has happened: a future date would meet the activation checklist.
    // Today is UTC's; a day more, as for reports, is an Indonesian office's today before 07:00 WIB.
    if (d > Date::from_days(Date::today().days_since_epoch() + 1))
        return fail(invalid("tanggal", "tanggal pelatihan dasar di masa depan", "The basic training's date is in the future"));
    auto src = PILAR_TRY(clean_text("sumber", sumber, kMaxNama));
    if (src && src->starts_with("acara:"))
        return fail(invalid("sumber", "sumber 'acara:...' hanya dari daftar hadir acara; isi nama pelatihannya",
                            "sumber 'acara:...' comes only from event attendance; give the training's name"));
    {
    auto c = PILAR_TRY(m_db.acquire());
    auto p = PILAR_TRY(load_visible(*c, actor, id));
    PilarSosial after = p;
    after.pelatihan_dasar = d.iso();
    after.pelatihan_sumber = src.value_or("manual");
    after.updated_at = utc_now_iso();
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (!PILAR_TRY(store::save_pilar(*c, after, p.version))) return fail(stale(id, p.version + 1));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.pelatihan", .entity = "pilar_sosial", .entity_id = std::to_string(id),
                                               .before_json = audit_json(p), .after_json = audit_json(after)}));
    PILAR_TRY(tx.commit());
    }
    return pilar(actor, id);
}

Result<int> WorkforceService::import_roster(Actor const& actor, std::vector<RosterSeed> const& rows) {
    if (!is_office_writer(actor)) return fail(denied("Hanya operator atau admin yang memuat data pilar sosial", "Only an operator or admin loads pilar sosial"));
    auto const now = utc_now_iso();
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    for (auto const& r : rows) {
        PilarSosial p = r.pilar;
        p.created_by = actor.username;
        p.created_at = p.updated_at = now;
        p.id = PILAR_TRY(store::insert_pilar(*c, p));
        PILAR_TRY(store::insert_status(*c, {.pilar_id = p.id, .dari = std::nullopt, .ke = std::string(status_name(p.status)),
                                            .alasan = std::string("dimuat"), .at = now, .username = actor.username}));
        if (r.sk) {
            Sk sk = *r.sk;
            sk.pilar_id = p.id;
            sk.created_by = actor.username;
            sk.created_at = now;
            PILAR_TRY(store::insert_sk(*c, sk));
        }
        for (auto const& w : r.wilayah)
            PILAR_TRY(store::insert_penugasan(*c, {.id = 0, .pilar_id = p.id, .kode_wilayah = w, .mulai = r.mulai, .selesai = std::nullopt,
                                                   .alasan = std::nullopt, .created_by = actor.username, .created_at = now}));
    }
    PILAR_TRY(access::append_audit(*c, actor, {.action = "pilar_sosial.impor", .entity = "pilar_sosial", .entity_id = "*",
                                               .detail = fmt::format("{} pilar sosial dimuat", rows.size())}));
    PILAR_TRY(tx.commit());
    return static_cast<int>(rows.size());
}

// ------------------------------------------------------------------------------ coverage

Result<Cakupan> WorkforceService::cakupan(Actor const& actor, std::optional<std::string> kode_wilayah, Date today) {
    if (!has_role(actor, {Role::Tksk, Role::Operator, Role::Kepala, Role::Admin}))
        return fail(denied("Cakupan untuk TKSK dan kantor", "Coverage is for the TKSK and the office"));
    std::string kode;
    if (kode_wilayah && !kode_wilayah->empty()) {
        auto code = WilayahCode::parse(*kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        kode = code->dotted();
    } else if (!actor.scope.empty()) {
        kode = actor.scope.front().dotted();
    } else {
        return fail(invalid("kode_wilayah", "kode_wilayah wajib diisi", "kode_wilayah is required"));
    }
    auto top = m_wilayah.get(kode);
    if (!top || !in_scope(actor, kode)) return fail(Error(ErrorCode::NotFound, {fmt::format("Wilayah {} tidak ditemukan", kode), fmt::format("Wilayah {} not found", kode)}).at_field("kode_wilayah"));
    if (top->tingkat != Tingkat::Kota && top->tingkat != Tingkat::Kecamatan && top->tingkat != Tingkat::Kelurahan)
        return fail(invalid("kode_wilayah", "Cakupan per kota, kecamatan atau kelurahan", "Coverage is per kota, kecamatan or kelurahan"));
    auto rules = PILAR_TRY(aturan_kota(kode));

    std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> by_rw;
    std::map<std::string, std::string> tksk_of;
    std::vector<SkBerakhir> ending;
    std::map<std::string, std::pair<double, double>> positions;
    {
        auto c = PILAR_TRY(m_db.acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
        for (auto const& t : PILAR_TRY(store::active_assignments(*c, Jenis::Psm, kode))) by_rw[t.kode_wilayah].push_back({t.pilar_id, t.nama});
        for (auto const& t : PILAR_TRY(store::active_assignments(*c, Jenis::Tksk, kecamatan_of(kode).size() < kode.size() ? kecamatan_of(kode) : kode)))
            tksk_of.emplace(t.kode_wilayah, t.nama);
        auto until = Date::from_days(today.days_since_epoch() + rules.sk_peringatan_hari).iso();
        ending = PILAR_TRY(store::sk_ending(*c, kode, until));
        positions = PILAR_TRY(store::mean_position(*c, kode));
    }
    Cakupan out;
    out.kode_wilayah = kode;
    out.sk_peringatan_hari = rules.sk_peringatan_hari;
    for (auto& e : ending) {
        e.sisa_hari = Date::parse(e.sk.selesai).value_or(today).days_since_epoch() - today.days_since_epoch();
        out.sk_berakhir.push_back(e);
    }
    std::vector<wilayah::Wilayah> kecamatan, kelurahan;
    if (top->tingkat == Tingkat::Kota) kecamatan = PILAR_TRY(m_wilayah.children(kode, false));
    if (top->tingkat == Tingkat::Kecamatan) kecamatan = {*top};
    if (top->tingkat == Tingkat::Kelurahan) kelurahan = {*top};
    for (auto const& kec : kecamatan) {
        CakupanKecamatan ck{.kode = kec.kode, .nama = kec.nama, .rw = 0, .rw_tercakup = 0, .rw_kosong = 0, .rw_ganda = 0, .psm_aktif = 0, .tksk = std::nullopt};
        if (auto it = tksk_of.find(kec.kode); it != tksk_of.end()) ck.tksk = it->second;
        out.kecamatan.push_back(ck);
        for (auto& kel : PILAR_TRY(m_wilayah.children(kec.kode, false))) kelurahan.push_back(std::move(kel));
    }
    for (auto const& kel : kelurahan) {
        CakupanKelurahan k;
        k.kode = kel.kode;
        k.nama = kel.nama;
        k.kode_kecamatan = kecamatan_of(kel.kode);
        std::set<std::int64_t> psm;
        for (auto const& rw : PILAR_TRY(m_wilayah.children(kel.kode, false))) {
            if (rw.tingkat != Tingkat::Rw) continue;
            ++k.rw;
            CakupanRw r{.kode = rw.kode, .nama = rw.nama, .psm = {}};
            if (auto it = by_rw.find(rw.kode); it != by_rw.end()) r.psm = it->second;
            for (auto const& [pid, _] : r.psm) psm.insert(pid);
            if (r.psm.empty()) {
                ++k.rw_kosong;
                k.kosong.push_back(std::move(r));
            } else {
                ++k.rw_tercakup;
                if (r.psm.size() > 1) {
                    ++k.rw_ganda;
                    k.ganda.push_back(std::move(r));
                }
            }
        }
        k.psm_aktif = static_cast<std::int64_t>(psm.size());
        if (auto it = positions.find(kel.kode); it != positions.end()) {
            k.lat = it->second.first;
            k.lon = it->second.second;
        }
        for (auto& ck : out.kecamatan)
            if (ck.kode == k.kode_kecamatan) {
                ck.rw += k.rw;
                ck.rw_tercakup += k.rw_tercakup;
                ck.rw_kosong += k.rw_kosong;
                ck.rw_ganda += k.rw_ganda;
                ck.psm_aktif += k.psm_aktif;
            }
        out.rw += k.rw;
        out.rw_tercakup += k.rw_tercakup;
        out.rw_kosong += k.rw_kosong;
        out.rw_ganda += k.rw_ganda;
        out.psm_aktif += k.psm_aktif;
        out.kelurahan.push_back(std::move(k));
    }
    return out;
}

// ------------------------------------------------------------------------------ activity reports

Result<CreatedLaporan> WorkforceService::create_laporan(Actor const& actor, LaporanInput const& in, Date today) {
    if (!has_role(actor, {Role::Psm, Role::Tksk, Role::Operator}))
        return fail(denied("Peran ini tidak membuat laporan kegiatan", "This role does not file activity reports"));
    if (in.uid) PILAR_TRY(valid_uid(*in.uid));
    Laporan l;
    l.uid = in.uid;
    if (!in.tanggal) return fail(invalid("tanggal", "tanggal wajib diisi (YYYY-MM-DD)", "tanggal is required (YYYY-MM-DD)"));
    auto tanggal = PILAR_TRY(date_field("tanggal", *in.tanggal));
    if (tanggal > Date::from_days(today.days_since_epoch() + 1))
        return fail(invalid("tanggal", "tanggal kegiatan di masa depan", "The activity's date is in the future"));
    if (tanggal < Date::from_days(today.days_since_epoch() - 400))
        return fail(invalid("tanggal", "tanggal kegiatan lebih dari 400 hari yang lalu", "The activity's date is more than 400 days ago"));
    l.tanggal = tanggal.iso();
    if (!in.jenis) return fail(invalid("jenis", "jenis kegiatan wajib diisi", "jenis (the kind of activity) is required"));
    auto jenis = kegiatan_from_name(*in.jenis);
    if (!jenis)
        return fail(invalid("jenis", fmt::format("jenis kegiatan {} tidak dikenal", excerpt_for_message(*in.jenis)),
                            fmt::format("Unknown activity kind {}", excerpt_for_message(*in.jenis))));
    l.jenis = *jenis;
    auto uraian = PILAR_TRY(clean_text("uraian", in.uraian, kMaxUraian));
    if (!uraian) return fail(invalid("uraian", "uraian kegiatan wajib diisi", "uraian (what was done) is required"));
    l.uraian = *uraian;
    if (in.lat.has_value() != in.lon.has_value()) return fail(invalid(in.lat ? "lon" : "lat", "lat dan lon diisi berdua", "lat and lon go together"));
    if (in.lat && (*in.lat < -11.5 || *in.lat > 6.5 || *in.lon < 94.5 || *in.lon > 141.5))
        return fail(invalid("lat", "Posisi GPS di luar Indonesia", "The GPS position is outside Indonesia"));
    l.lat = in.lat;
    l.lon = in.lon;
    if (in.sasaran.size() > kMaxSasaran)
        return fail(invalid("sasaran", fmt::format("Paling banyak {} sasaran", kMaxSasaran), fmt::format("At most {} targets", kMaxSasaran)));

    {
    auto c = PILAR_TRY(m_db.acquire());
    if (in.uid)
        if (auto existing = PILAR_TRY(store::get_laporan_by_uid(*c, *in.uid))) {
            if (existing->created_by != actor.username)
                return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid is already taken"}).at_field("uid"));
            return CreatedLaporan{*existing, false};
        }
    // Whose report: the caller's own record, or (the office) the one named.
    std::optional<PilarSosial> p;
    if (in.pilar_id && has_role(actor, {Role::Operator})) {
        p = PILAR_TRY(store::get_pilar(*c, *in.pilar_id));
        if (!p || !visible(actor, *p)) return fail(Error(not_found("Pilar sosial", *in.pilar_id)).at_field("pilar_id"));
    } else {
        p = PILAR_TRY(store::get_pilar_by_username(*c, actor.username));
        if (!p)
            return fail(denied("Akun Anda belum terhubung ke data pilar sosial; hubungi operator",
                               "Your account is not linked to a pilar sosial record; ask the operator"));
        if (in.pilar_id && *in.pilar_id != p->id)
            return fail(Error(not_found("Pilar sosial", *in.pilar_id)).at_field("pilar_id"));
    }
    if (p->status != Status::Aktif)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Status {} {}: hanya pilar sosial aktif yang melapor", p->nama, status_name(p->status)),
                                                fmt::format("{} is {}: only active pilar sosial file reports", p->nama, status_name(p->status))}));
    l.pilar_id = p->id;
    l.pilar_nama = p->nama;
    if (in.kode_wilayah && !in.kode_wilayah->empty()) {
        auto code = WilayahCode::parse(*in.kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        l.kode_wilayah = code->dotted();
    } else {
        auto current = PILAR_TRY(store::list_penugasan(*c, p->id, true));
        l.kode_wilayah = current.empty() ? p->kode_wilayah : current.front().kode_wilayah;
    }
    // Inside the record's area (a PSM's kelurahan, a TKSK's kecamatan), never wider: a report on
    // the whole kota would lie outside the assigned area and out of the supervisor's sight.
    bool const in_area = within(l.kode_wilayah, p->kode_wilayah);
    auto code = WilayahCode::parse(l.kode_wilayah);
    bool const allowed = actor.is_system() || (actor.role == Role::Psm ? actor.overlaps_scope(*code) : actor.in_scope(*code));
    if (!allowed) return fail(outside_area("kode_wilayah", *code));
    if (!in_area)
        return fail(invalid("kode_wilayah", fmt::format("Wilayah {} di luar wilayah tugas petugas ini", l.kode_wilayah),
                            fmt::format("Wilayah {} is outside this worker's assigned area", l.kode_wilayah)));
    }
    // Every household and person touched must be one the caller may see (the registry checks).
    for (std::size_t i = 0; i < in.sasaran.size(); ++i)
        if (auto r = m_sasaran(plain(actor), in.sasaran[i].keluarga_id, in.sasaran[i].anggota_id); !r)
            return fail(Error(r.error()).at_field(fmt::format("sasaran[{}]", i)));
    l.sasaran = in.sasaran;
    l.created_by = actor.username;
    l.created_at = utc_now_iso();

    auto w = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(w->begin(db::TxMode::Write));
    l.id = PILAR_TRY(store::insert_laporan(*w, l));
    PILAR_TRY(access::append_audit(*w, actor, {.action = "laporan_kegiatan.buat", .entity = "laporan_kegiatan",
                                               .entity_id = std::to_string(l.id), .after_json = json::serialize(to_json(l))}));
    PILAR_TRY(tx.commit());
    return CreatedLaporan{l, true};
}

namespace {

bool laporan_visible(Actor const& a, Laporan const& l, std::optional<PilarSosial> const& own) {
    if (a.is_system()) return true;
    if (a.role == Role::Psm) return own && own->id == l.pilar_id;
    return in_scope(a, l.kode_wilayah);
}

}  // namespace

Result<Laporan> WorkforceService::laporan(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto l = PILAR_TRY(store::get_laporan(*c, id));
    auto own = PILAR_TRY(store::get_pilar_by_username(*c, actor.username));
    if (!l || !laporan_visible(actor, *l, own)) return fail(not_found("Laporan kegiatan", id));
    return *l;
}

Result<Laporan> WorkforceService::laporan_by_uid(Actor const& actor, std::string_view uid) {
    std::optional<std::int64_t> id;
    {
        auto c = PILAR_TRY(m_db.acquire());
        if (auto l = PILAR_TRY(store::get_laporan_by_uid(*c, uid))) id = l->id;
    }
    if (!id)
        return fail(Error(ErrorCode::NotFound, {"Laporan kegiatan dengan uid itu tidak ditemukan", "No activity report has that uid"})
                        .at_field("laporan_uid"));
    return laporan(plain(actor), *id);
}

Result<std::vector<Laporan>> WorkforceService::list_laporan(Actor const& actor, LaporanQuery const& q) {
    store::LaporanFilter f;
    f.area = area_of(actor);
    f.pilar_id = q.pilar_id;
    f.jenis = q.jenis;
    f.after = q.after;
    f.limit = q.limit;
    auto c = PILAR_TRY(m_db.acquire());
    if (actor.role == Role::Psm && !actor.is_system()) {
        auto own = PILAR_TRY(store::get_pilar_by_username(*c, actor.username));
        if (!own || (q.pilar_id && *q.pilar_id != own->id)) return std::vector<Laporan>{};
        f.area.all = true;
        f.pilar_id = own->id;
    }
    if (q.bulan) {
        auto p = PILAR_TRY(periode_of(*q.bulan));
        f.dari = p.dari;
        f.sampai = p.sampai;
    }
    if (q.kode_wilayah) {
        auto code = WilayahCode::parse(*q.kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        f.under = code->dotted();
    }
    return store::list_laporan(*c, f);
}

Result<Foto> WorkforceService::add_foto(Actor const& actor, std::int64_t laporan_id, std::optional<std::string> uid, std::string_view bytes) {
    if (!has_role(actor, {Role::Psm, Role::Tksk, Role::Operator}))
        return fail(denied("Peran ini tidak mengunggah foto", "This role does not upload photos"));
    if (uid) PILAR_TRY(valid_uid(*uid));
    auto file = PILAR_TRY(verivali::prepare_upload(bytes, verivali::Accept::ImagesOnly));
    auto l = PILAR_TRY(laporan(plain(actor), laporan_id));
    if (l.created_by != actor.username && !has_role(actor, {Role::Operator}))
        return fail(denied("Hanya pembuat laporan yang menambah foto", "Only the report's author adds photos"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (uid)
        if (auto existing = PILAR_TRY(store::get_foto_by_uid(*c, *uid))) {
            if (existing->laporan_id != laporan_id)
                return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid is already taken"}).at_field("uid"));
            return *existing;
        }
    if (PILAR_TRY(store::count_foto(*c, laporan_id)) >= static_cast<std::int64_t>(kMaxFotoPerLaporan))
        return fail(Error(ErrorCode::Conflict, {fmt::format("Paling banyak {} foto per laporan", kMaxFotoPerLaporan),
                                                fmt::format("At most {} photos per report", kMaxFotoPerLaporan)}).at_field("berkas"));
    Foto f{.id = 0, .uid = uid, .laporan_id = laporan_id, .mime = file.mime, .sha256 = file.sha256,
           .ukuran = static_cast<std::int64_t>(file.bytes.size()), .created_by = actor.username, .created_at = utc_now_iso()};
    f.id = PILAR_TRY(store::insert_foto(*c, f, file.bytes));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "laporan_kegiatan.foto", .entity = "laporan_kegiatan",
                                               .entity_id = std::to_string(laporan_id), .after_json = json::serialize(to_json(f))}));
    PILAR_TRY(tx.commit());
    return f;
}

Result<std::pair<Foto, std::string>> WorkforceService::foto(Actor const& actor, std::int64_t id) {
    std::optional<Foto> f;
    {
        auto c = PILAR_TRY(m_db.acquire());
        f = PILAR_TRY(store::get_foto(*c, id));
    }
    if (!f) return fail(not_found("Foto", id));
    auto l = laporan(actor, f->laporan_id);
    if (!l) return fail(not_found("Foto", id));
    auto c = PILAR_TRY(m_db.acquire());
    auto bytes = PILAR_TRY(store::foto_bytes(*c, id));
    // Like verivali's attachments (lampiran.lihat): every photo shown is an audited view.
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, plain(actor), {.action = "laporan_kegiatan.foto_lihat", .entity = "laporan_kegiatan",
                                                      .entity_id = std::to_string(f->laporan_id), .detail = fmt::format("foto {}", id)}));
    PILAR_TRY(tx.commit());
    return std::pair{*f, std::move(bytes)};
}

Result<void> WorkforceService::audit_ekspor(Actor const& actor, Ekspor const& e) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(
        *c, plain(actor),
        {.action = "pilar_sosial.ekspor", .entity = "pilar_sosial", .entity_id = std::string(e.jenis),
         .detail = fmt::format("{}={} wilayah={} jenis={} format={} baris={}", e.jenis == "rekap" ? "bulan" : "periode", e.periode,
                               e.kode_wilayah.value_or("-"), e.jenis_pilar ? jenis_name(*e.jenis_pilar) : "psm", e.format, e.baris),
         .area = access::audit_area_of(e.kode_wilayah)}));
    return tx.commit();
}

// ------------------------------------------------------------------------------ recap and scores

Result<std::map<std::int64_t, Angka>> WorkforceService::figures(Periode const& periode, std::vector<PilarSosial> const& rows,
                                                                std::vector<std::string>& indikator, AturanCache& rules) {
    std::map<std::int64_t, Angka> out;
    {
        auto c = PILAR_TRY(m_db.acquire());
        out = PILAR_TRY(store::count_laporan(*c, periode.dari, periode.sampai));
    }
    indikator = {"laporan"};
    for (auto k : all_kegiatan()) indikator.push_back("laporan." + std::string(kegiatan_name(k)));
    for (auto const& s : m_sumber)
        for (auto const& i : s.indikator) indikator.push_back(i);
    // The sources count under each kota's own rules, so they are asked once per kota of the rows.
    std::map<std::string, std::vector<PilarSosial const*>> by_kota;
    for (auto const& p : rows) by_kota[kota_of(p.kode_wilayah)].push_back(&p);
    std::map<std::int64_t, Angka> result;
    for (auto const& [kota, kota_rows] : by_kota) {
        auto const* kota_rules = PILAR_TRY(rules_of(rules, kota));
        std::map<std::string, Angka> per_user;
        for (auto const& s : m_sumber) {
            auto got = s.hitung(periode, *kota_rules);
            if (!got) return fail(got.error());
            for (auto const& [user, angka] : *got)
                for (auto const& [k, v] : angka) per_user[user][k] += v;
        }
        for (auto const* p : kota_rows) {
            Angka a;
            for (auto const& i : indikator) a[i] = 0;
            if (auto it = out.find(p->id); it != out.end())
                for (auto const& [k, v] : it->second) a[k] = v;
            if (p->username)
                if (auto it = per_user.find(*p->username); it != per_user.end())
                    for (auto const& [k, v] : it->second) a[k] = v;
            result[p->id] = std::move(a);
        }
    }
    return result;
}

Result<Rekap> WorkforceService::rekap(Actor const& actor, RekapQuery const& q) {
    auto periode = PILAR_TRY(periode_of(q.bulan));
    if (q.bulan.size() != 7) return fail(invalid("bulan", "bulan harus YYYY-MM", "bulan must be YYYY-MM"));
    AturanCache rules;  // each row's kota's (the console's recap may span several)
    store::PilarFilter f;
    f.area = area_of(actor);
    if (actor.role == Role::Psm && !actor.is_system()) {
        f.area.all = true;
        f.username = actor.username;
    }
    f.jenis = q.jenis;
    f.limit = 0;
    if (q.kode_wilayah && !q.kode_wilayah->empty()) {
        auto code = WilayahCode::parse(*q.kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        f.under = code->dotted();
    }
    std::vector<PilarSosial> rows;
    std::map<std::int64_t, std::vector<std::string>> tugas;
    {
        auto c = PILAR_TRY(m_db.acquire());
        auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
        rows = PILAR_TRY(store::list_pilar(*c, f));
        tugas = PILAR_TRY(store::current_assignments(*c));
    }
    std::erase_if(rows, [](auto const& p) { return p.status == Status::Kandidat; });
    Rekap r;
    r.bulan = q.bulan;
    r.kode_wilayah = f.under.value_or(actor.scope.empty() ? "" : actor.scope.front().dotted());
    auto angka = PILAR_TRY(figures(periode, rows, r.indikator, rules));
    for (auto const& i : r.indikator) r.total[i] = 0;
    for (auto const& p : rows) {
        auto const& kota_rules = *PILAR_TRY(rules_of(rules, p.kode_wilayah));
        RekapBaris b;
        b.pilar_id = p.id;
        b.nama = p.nama;
        b.jenis = p.jenis;
        b.username = p.username;
        b.kode_wilayah = p.kode_wilayah;
        b.status = p.status;
        if (auto it = tugas.find(p.id); it != tugas.end()) b.wilayah_tugas = it->second;
        b.angka = angka[p.id];
        if (p.status != Status::Aktif) {
            b.alasan.push_back({.kode = "status", .status = p.status});
            b.alasan_tidak_layak.push_back(fmt::format("status {}", status_name(p.status)));
        }
        if (b.angka["laporan"] < kota_rules.insentif_min_laporan) {
            b.alasan.push_back({.kode = "laporan", .jumlah = b.angka["laporan"], .minimal = kota_rules.insentif_min_laporan});
            b.alasan_tidak_layak.push_back(fmt::format("{} laporan (minimal {})", b.angka["laporan"], kota_rules.insentif_min_laporan));
        }
        b.layak_insentif = b.alasan_tidak_layak.empty();
        b.insentif = b.layak_insentif ? kota_rules.insentif_nominal : 0;
        for (auto const& [k, v] : b.angka) r.total[k] += v;
        r.layak += b.layak_insentif ? 1 : 0;
        r.total_insentif += b.insentif;
        r.baris.push_back(std::move(b));
    }
    return r;
}

Result<LaporanKecamatan> WorkforceService::laporan_kecamatan(Actor const& actor, std::string const& bulan, std::string const& kode) {
    if (!has_role(actor, {Role::Tksk, Role::Operator, Role::Kepala, Role::Admin}))
        return fail(denied("Laporan kecamatan untuk TKSK dan kantor", "The kecamatan report is for the TKSK and the office"));
    auto code = WilayahCode::parse(kode);
    if (!code || code->tingkat() != Tingkat::Kecamatan) return fail(invalid("kode_wilayah", "kode_wilayah harus kode kecamatan", "kode_wilayah must be a kecamatan code"));
    auto c = PILAR_TRY(cakupan(actor, code->dotted()));
    LaporanKecamatan out;
    out.bulan = bulan;
    out.kode_kecamatan = code->dotted();
    if (!c.kecamatan.empty()) {
        out.cakupan = c.kecamatan.front();
        out.nama_kecamatan = out.cakupan.nama;
    }
    out.psm = PILAR_TRY(rekap(actor, {.bulan = bulan, .kode_wilayah = code->dotted(), .jenis = Jenis::Psm}));
    auto t = PILAR_TRY(rekap(actor, {.bulan = bulan, .kode_wilayah = code->dotted(), .jenis = Jenis::Tksk}));
    if (!t.baris.empty()) out.tksk = t.baris.front();
    return out;
}

Result<std::vector<Peringkat>> WorkforceService::peringkat(Actor const& actor, std::string const& periode_text,
                                                           std::optional<std::string> kode_wilayah) {
    auto periode = PILAR_TRY(periode_of(periode_text, "periode"));
    std::optional<std::string> under;
    if (kode_wilayah && !kode_wilayah->empty()) {
        auto code = WilayahCode::parse(*kode_wilayah);
        if (!code) return fail(Error(code.error()).at_field("kode_wilayah"));
        under = code->dotted();
    }
    AturanCache rules;  // each PSM's kota's weights
    // Ranks are over every active PSM of the kota, whatever part the caller may see.
    std::vector<PilarSosial> rows;
    {
        auto c = PILAR_TRY(m_db.acquire());
        rows = PILAR_TRY(store::list_pilar(*c, {.area = {.all = true, .prefixes = {}}, .jenis = Jenis::Psm, .status = Status::Aktif, .limit = 0}));
    }
    std::vector<std::string> indikator;
    auto angka = PILAR_TRY(figures(periode, rows, indikator, rules));
    std::vector<Peringkat> out;
    out.reserve(rows.size());
    for (auto const& p : rows) {
        Peringkat r{.pilar_id = p.id, .nama = p.nama, .kode_wilayah = p.kode_wilayah, .kode_kecamatan = kecamatan_of(p.kode_wilayah),
                    .skor = 0, .peringkat_kota = 0, .peringkat_kecamatan = 0, .rincian = {}};
        auto const& a = angka[p.id];
        auto const& bobot = PILAR_TRY(rules_of(rules, p.kode_wilayah))->bobot;
        for (auto const& i : skor_indikator()) {
            auto it = a.find(i);
            std::int64_t v = it == a.end() ? 0 : it->second;
            double w = bobot.contains(i) ? bobot.at(i) : 0;
            r.rincian.push_back({.indikator = i, .nilai = v, .bobot = w, .skor = w * static_cast<double>(v)});
            r.skor += w * static_cast<double>(v);
        }
        out.push_back(std::move(r));
    }
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.skor > b.skor; });
    // Competition ranking ("1, 2, 2, 4") within each kota and each kecamatan (one database may
    // hold several kota): equal scores share a place.
    struct Place {
        int seen = 0, rank = 0;
        double last = 0;
    };
    std::map<std::string, Place> kota, kec;
    auto place = [](Place& p, double skor) {
        ++p.seen;
        if (p.seen == 1 || skor != p.last) p.rank = p.seen;
        p.last = skor;
        return p.rank;
    };
    for (auto& r : out) {
        r.peringkat_kota = place(kota[kota_of(r.kode_wilayah)], r.skor);
        r.peringkat_kecamatan = place(kec[r.kode_kecamatan], r.skor);
    }
    std::erase_if(out, [&](Peringkat const& r) {
        if (under && !within(r.kode_wilayah, *under)) return true;
        if (actor.is_system()) return false;
        if (actor.role == Role::Psm) {
            auto it = std::find_if(rows.begin(), rows.end(), [&](auto const& p) { return p.id == r.pilar_id; });
            return !(it != rows.end() && it->username && *it->username == actor.username);
        }
        return !in_scope(actor, r.kode_wilayah);
    });
    return out;
}

}  // namespace pilar::workforce
