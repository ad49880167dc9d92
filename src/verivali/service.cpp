#include "verivali/service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <map>
#include <set>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/no_kk.hpp"
#include "core/strings.hpp"
#include "verivali/attachment.hpp"
#include "verivali/encode.hpp"
#include "verivali/special_fields.hpp"
#include "verivali/store.hpp"
#include "verivali/workflow.hpp"

namespace pilar::verivali {
namespace {

namespace json = boost::json;

constexpr size_t kMaxCatatanBytes = 1000;
constexpr size_t kMaxJsonBytes = 32 * 1024;
constexpr size_t kMaxNamaBytes = 100;

Error invalid(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

Error not_found(std::string_view what, std::int64_t id) {
    return Error(ErrorCode::NotFound,
                 {fmt::format("{} {} tidak ditemukan", what, id), fmt::format("{} {} not found", what, id)});
}

Error stale(std::string_view what, std::int64_t id, std::int64_t current) {
    return Error(ErrorCode::Conflict,
                 {fmt::format("{} {} sudah diubah orang lain (versi sekarang {}); muat ulang lalu coba lagi", what, id,
                              current),
                  fmt::format("{} {} was changed by someone else (current version {}); reload and try again", what, id,
                              current)});
}

bool has_role(Actor const& a, std::initializer_list<Role> roles) {
    if (a.is_system()) return true;
    return std::find(roles.begin(), roles.end(), a.role) != roles.end();
}

Error denied(std::string id, std::string en) { return Error(ErrorCode::PermissionDenied, {std::move(id), std::move(en)}); }

bool in_scope(Actor const& a, std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    return code && a.in_scope(*code);
}

bool overlaps_scope(Actor const& a, std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    return code && a.overlaps_scope(*code);
}

store::Area area_of(Actor const& a) {
    store::Area area;
    area.all = a.is_system();
    for (auto const& s : a.scope) area.prefixes.push_back(s.dotted());
    return area;
}

// The kelurahan a code lies in (itself when it is one); nullopt above the kelurahan.
std::optional<std::string> kelurahan_of(std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    if (!code || code->tingkat() < Tingkat::Kelurahan) return std::nullopt;
    while (code->tingkat() > Tingkat::Kelurahan) code = *code->parent();
    return code->dotted();
}

// The RW a code lies in; nullopt for codes at kelurahan level or above.
std::optional<std::string> rw_of(std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    if (!code || code->tingkat() < Tingkat::Rw) return std::nullopt;
    while (code->tingkat() > Tingkat::Rw) code = *code->parent();
    return code->dotted();
}

Result<std::string> valid_text(std::string_view field, std::string_view value, size_t max_bytes) {
    std::string t(trim(value));
    bool control = std::any_of(t.begin(), t.end(), [](char ch) {
        auto u = static_cast<unsigned char>(ch);
        return (u < 0x20 && ch != '\n' && ch != '\t') || u == 0x7f;
    });
    if (t.empty()) return fail(invalid(field, fmt::format("{} wajib diisi", field), fmt::format("{} is required", field)));
    if (t.size() > max_bytes || !is_valid_utf8(t) || control)
        return fail(invalid(field, fmt::format("{} harus teks UTF-8 paling panjang {} byte", field, max_bytes),
                            fmt::format("{} must be UTF-8 text of at most {} bytes", field, max_bytes)));
    return t;
}

// A JSON object given as text (the API passes what the client sent); normalised.
Result<std::string> valid_json_object(std::string_view field, std::string_view text) {
    if (text.size() > kMaxJsonBytes)
        return fail(invalid(field, fmt::format("{} terlalu besar (paling banyak {} byte)", field, kMaxJsonBytes),
                            fmt::format("{} is too large (at most {} bytes)", field, kMaxJsonBytes)));
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return fail(invalid(field, fmt::format("{} harus objek JSON", field), fmt::format("{} must be a JSON object", field)));
    return json::serialize(v);
}

Error forbidden_error(ForbiddenField const& f, std::string_view where_id, std::string_view where_en) {
    return invalid(f.path,
                   fmt::format("{} tidak dicatat di {} ({}): ubah langsung di data anggota/keluarga "
                               "(tersandi, tersamar, tercatat riwayatnya) lalu sebut di catatan",
                               f.key, where_id, f.path),
                   fmt::format("{} is not written into {} ({}): change it in the member/household "
                               "record (encrypted, masked, with its history) and mention it in the note",
                               f.key, where_en, f.path));
}

// A ground check's answers (`jawaban`, from a ground-check item or a proposal's verification)
// are shown as they are to everyone who may read the item or the proposal, like a proposal's
// content: identity numbers and special-category data are refused there too, at any depth.
Result<std::string> valid_jawaban(std::string_view text) {
    auto normalised = PILAR_TRY(valid_json_object("jawaban", text));
    if (auto f = forbidden_field(json::parse(normalised), "jawaban"))
        return fail(forbidden_error(*f, "jawaban periksa", "a ground check's answers"));
    return normalised;
}

Result<void> valid_gps(std::optional<double> lat, std::optional<double> lon) {
    if (!lat || !lon)
        return fail(invalid(!lat ? "lat" : "lon", "Lokasi GPS (lat dan lon) wajib diisi",
                            "The GPS location (lat and lon) is required"));
    // Indonesia's extent (docs/formats.md): a point outside is a phone without a fix or a typo.
    if (*lat < -11.0 || *lat > 6.0)
        return fail(invalid("lat", "lat harus di wilayah Indonesia (-11 sampai 6)", "lat must lie in Indonesia (-11 to 6)"));
    if (*lon < 95.0 || *lon > 141.0)
        return fail(invalid("lon", "lon harus di wilayah Indonesia (95 sampai 141)", "lon must lie in Indonesia (95 to 141)"));
    return {};
}

Result<void> valid_hasil(std::string_view field, std::optional<int> hasil) {
    if (!hasil || *hasil < 1 || *hasil > 6)
        return fail(invalid(field,
                            "Hasil periksa wajib 1-6 (1 selesai, 2 tidak ditemukan, 3 pindah, 4 bagian dari ruta lain, "
                            "5 menolak, 6 ganda)",
                            "The ground-check result must be 1-6 (1 done, 2 not found, 3 moved, 4 part of another "
                            "household, 5 refused, 6 duplicate)"));
    return {};
}

Result<std::int64_t> parse_cursor(std::optional<std::string> const& after) {
    if (!after || after->empty()) return 0;
    if (!is_all_digits(*after) || after->size() > 18)
        return fail(invalid("after", "Kursor tidak valid", "Invalid cursor"));
    return std::stoll(*after);
}

Result<void> valid_limit(int limit) {
    if (limit < 1 || limit > kMaxPageSize)
        return fail(invalid("limit", fmt::format("limit harus 1 sampai {}", kMaxPageSize),
                            fmt::format("limit must be 1 to {}", kMaxPageSize)));
    return {};
}

Result<void> valid_uid(std::string_view uid) {
    bool ok = !uid.empty() && uid.size() <= 64 && std::all_of(uid.begin(), uid.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '_';
    });
    if (!ok)
        return fail(invalid("uid", "uid harus 1-64 huruf, angka, '-' atau '_' (UUID)",
                            "uid must be 1-64 letters, digits, '-' or '_' (a UUID)"));
    return {};
}

template <typename T>
std::optional<std::string> next_cursor(std::vector<T> const& items, int limit) {
    if (static_cast<int>(items.size()) < limit || items.empty()) return std::nullopt;
    return std::to_string(items.back().id);
}

// A proposal the caller may see, or NotFound exactly like a missing one.
Result<Usulan> load_usulan(db::Connection& c, Actor const& actor, std::int64_t id) {
    auto u = PILAR_TRY(store::get_usulan(c, id));
    if (!u || !in_scope(actor, u->kode_wilayah)) return fail(not_found("Usulan", id));
    return *u;
}

Result<PeriksaItem> load_item(db::Connection& c, Actor const& actor, std::int64_t id) {
    auto it = PILAR_TRY(store::get_item(c, id));
    if (!it || !in_scope(actor, it->kode_wilayah)) return fail(not_found("Item periksa", id));
    return *it;
}

Error illegal_move(Usulan const& u, Status ke) {
    return Error(ErrorCode::Conflict,
                 {fmt::format("Usulan {} berstatus {}; tidak bisa diubah menjadi {}", u.id, status_name(u.status),
                              status_name(ke)),
                  fmt::format("Proposal {} is {}; it cannot become {}", u.id, status_name(u.status), status_name(ke))});
}

// The one place a proposal changes state: checks the move against the workflow table, applies
// what it carries, and records it (usulan_riwayat + audit) on `c`, which holds a write
// transaction. `m` is the musyawarah for a move that needs one (already scope-checked).
Result<Usulan> apply_transition(db::Connection& c, Actor const& actor, Usulan const& u, TransitionInput const& in,
                                Musyawarah const* m) {
    if (in.version && *in.version != u.version) return fail(stale("Usulan", u.id, u.version));
    auto const* t = find_transition(u.status, in.ke);
    if (!t) return fail(illegal_move(u, in.ke));
    if (!actor.is_system() && !role_allowed(*t, actor.role))
        return fail(denied(fmt::format("Peran {} tidak boleh mengubah usulan dari {} menjadi {}", role_name(actor.role),
                                       status_name(u.status), status_name(in.ke)),
                           fmt::format("Role {} may not move a proposal from {} to {}", role_name(actor.role),
                                       status_name(u.status), status_name(in.ke))));
    if ((t->needs & kOnlyCreator) && !actor.is_system() && actor.username != u.created_by)
        return fail(denied("Hanya pembuat usulan yang boleh membatalkannya",
                           "Only the author of a proposal may cancel it"));
    Usulan after = u;
    after.status = in.ke;
    after.updated_at = utc_now_iso();
    if (in.catatan) after.catatan = PILAR_TRY(valid_text("catatan", *in.catatan, kMaxCatatanBytes));
    if ((t->needs & kNeedsCatatan) && !in.catatan)
        return fail(invalid("catatan", fmt::format("Catatan wajib diisi untuk status {}", status_name(in.ke)),
                            fmt::format("A note is required for {}", status_name(in.ke))));
    if (t->needs & kNeedsHasilPeriksa) {
        PILAR_TRY(valid_hasil("hasil_periksa", in.hasil_periksa));
        if (t->needs & kNeedsGps) PILAR_TRY(valid_gps(in.lat, in.lon));
        after.hasil_periksa = in.hasil_periksa;
        after.periksa_json = in.jawaban_json ? PILAR_TRY(valid_jawaban(*in.jawaban_json)) : "{}";
        after.periksa_lat = in.lat;
        after.periksa_lon = in.lon;
        after.periksa_oleh = actor.username;
        after.periksa_at = after.updated_at;
    }
    if (t->needs & kNeedsMusyawarah) {
        if (!m)
            return fail(invalid("musyawarah_id", "musyawarah_id wajib diisi (musyawarah kelurahan yang membahasnya)",
                                "musyawarah_id is required (the musyawarah kelurahan that deliberated it)"));
        if (kelurahan_of(u.kode_wilayah) != m->kode_kelurahan)
            return fail(invalid("musyawarah_id",
                                fmt::format("Usulan {} bukan dari kelurahan {} musyawarah ini", u.id, m->kode_kelurahan),
                                fmt::format("Proposal {} is not from kelurahan {} of this musyawarah", u.id,
                                            m->kode_kelurahan)));
        after.musyawarah_id = m->id;
    }
    if (in.ke == Status::Diterima || in.ke == Status::Padan || in.ke == Status::TidakPadan)
        after.hasil_nasional = std::string(status_name(in.ke));
    if (!PILAR_TRY(store::save_usulan(c, after, u.version))) return fail(stale("Usulan", u.id, u.version));
    after.version = u.version + 1;
    PILAR_TRY(store::insert_riwayat(c, {.usulan_id = u.id,
                                        .dari = std::string(status_name(u.status)),
                                        .ke = std::string(status_name(in.ke)),
                                        .at = after.updated_at,
                                        .username = actor.username,
                                        .role = std::string(role_name(actor.role)),
                                        .catatan = in.catatan ? after.catatan : std::nullopt}));
    PILAR_TRY(access::append_audit(
        c, actor,
        {.action = std::string(t->action), .entity = "usulan", .entity_id = std::to_string(u.id),
         .before_json = usulan_audit_json(u), .after_json = usulan_audit_json(after),
         .detail = fmt::format("{} -> {}", status_name(u.status), status_name(in.ke))}));
    return after;
}

// What a proposal of this kind must carry.
Result<void> check_content(Jenis jenis, std::optional<std::string> const& alasan, std::optional<std::int64_t> anggota_id,
                           std::string const& isi_json) {
    if (jenis == Jenis::Penghapusan) {
        if (!alasan || !is_alasan_penghapusan(*alasan))
            return fail(invalid("alasan",
                                "Alasan penghapusan wajib: meninggal, pindah, tidak_ditemukan, ganda atau tidak_layak",
                                "A removal needs a reason: meninggal, pindah, tidak_ditemukan, ganda or tidak_layak"));
    } else if (alasan) {
        return fail(invalid("alasan", "Alasan hanya untuk usulan penghapusan", "A reason is only for a removal"));
    }
    auto const parsed = json::parse(isi_json);
    auto const& isi = parsed.as_object();
    // What a proposal says is stored and shown as it is to everyone who reviews it, so identity
    // numbers and special-category data do not belong in it, at any depth (a list of members is
    // as much a place for a NIK as the top level): they are changed in the registry, which
    // encrypts them, masks them and keeps their history.
    if (auto f = forbidden_field(parsed, "isi"))
        return fail(forbidden_error(*f, "isi usulan", "a proposal"));
    if (jenis == Jenis::Perubahan && isi.empty())
        return fail(invalid("isi", "Usulan perubahan harus menyebut data yang diubah (isi)",
                            "A change proposal must say what changes (isi)"));
    if (jenis == Jenis::Ppks) {
        if (!anggota_id)
            return fail(invalid("anggota_id", "Usulan PPKS untuk satu anggota keluarga (anggota_id)",
                                "A PPKS proposal is about one member (anggota_id)"));
        auto* p = isi.if_contains("ppks");
        bool ok = p && p->is_array() && !p->as_array().empty();
        if (ok)
            for (auto const& v : p->as_array())
                ok = ok && v.is_int64() && v.as_int64() >= 1 && v.as_int64() <= 26;
        if (!ok)
            return fail(invalid("isi.ppks", "isi.ppks harus daftar kode PPKS 1-26", "isi.ppks must list PPKS codes 1-26"));
    }
    return {};
}

}  // namespace

// ------------------------------------------------------------------------------------- proposals

Result<CreatedUsulan> VerivaliService::create_usulan(Actor const& actor, UsulanInput const& in) {
    if (!has_role(actor, {Role::Psm, Role::Operator}))
        return fail(denied("Hanya PSM atau operator yang membuat usulan", "Only a PSM or an operator creates proposals"));
    if (!in.jenis) return fail(invalid("jenis", "jenis wajib diisi", "jenis is required"));
    auto jenis = jenis_from_name(*in.jenis);
    if (!jenis)
        return fail(invalid("jenis", "jenis harus keluarga_baru, perubahan, penghapusan atau ppks",
                            "jenis must be keluarga_baru, perubahan, penghapusan or ppks"));
    if (!in.keluarga_id) return fail(invalid("keluarga_id", "keluarga_id wajib diisi", "keluarga_id is required"));
    std::string isi = in.isi_json ? PILAR_TRY(valid_json_object("isi", *in.isi_json)) : "{}";
    PILAR_TRY(check_content(*jenis, in.alasan, in.anggota_id, isi));
    std::optional<std::string> catatan;
    if (in.catatan) catatan = PILAR_TRY(valid_text("catatan", *in.catatan, kMaxCatatanBytes));
    if (in.uid) {
        PILAR_TRY(valid_uid(*in.uid));
        auto c = PILAR_TRY(m_db.acquire());
        if (auto existing = PILAR_TRY(store::get_usulan_by_uid(*c, *in.uid))) {
            if (!in_scope(actor, existing->kode_wilayah))
                return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid is already taken"}).at_field("uid"));
            return CreatedUsulan{*existing, false};
        }
    }
    // Registry reads first, outside the write transaction (they use their own connection).
    auto household = m_households.keluarga(actor, *in.keluarga_id);
    if (!household) return fail(household.error().at_field("keluarga_id"));
    if (!in_scope(actor, household->kode_wilayah)) return fail(not_found("Keluarga", *in.keluarga_id).at_field("keluarga_id"));
    if (in.anggota_id) {
        auto kid = m_households.keluarga_of_anggota(actor, *in.anggota_id);
        if (!kid) return fail(kid.error().at_field("anggota_id"));
        if (*kid != *in.keluarga_id)
            return fail(invalid("anggota_id", "Anggota itu bukan anggota keluarga ini", "That member is not in this household"));
    }
    Usulan u;
    u.uid = in.uid;
    u.jenis = *jenis;
    u.alasan = in.alasan;
    u.keluarga_id = *in.keluarga_id;
    u.anggota_id = in.anggota_id;
    u.isi_json = isi;
    u.kode_wilayah = household->kode_wilayah;
    u.status = Status::Draft;
    u.catatan = catatan;
    u.created_by = actor.username;
    u.created_at = u.updated_at = utc_now_iso();

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (u.uid)  // a concurrent retry of the same upload may have landed meanwhile
        if (auto existing = PILAR_TRY(store::get_usulan_by_uid(*c, *u.uid))) return CreatedUsulan{*existing, false};
    u.id = PILAR_TRY(store::insert_usulan(*c, u));
    PILAR_TRY(store::insert_riwayat(*c, {.usulan_id = u.id,
                                         .ke = "draft",
                                         .at = u.created_at,
                                         .username = actor.username,
                                         .role = std::string(role_name(actor.role)),
                                         .catatan = u.catatan}));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "usulan.buat", .entity = "usulan",
                                               .entity_id = std::to_string(u.id), .after_json = usulan_audit_json(u)}));
    PILAR_TRY(tx.commit());
    return CreatedUsulan{u, true};
}

Result<Usulan> VerivaliService::usulan(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    return load_usulan(*c, actor, id);
}

Result<Usulan> VerivaliService::update_usulan(Actor const& actor, std::int64_t id, UsulanInput const& in,
                                              std::int64_t version) {
    if (!has_role(actor, {Role::Psm, Role::Operator}))
        return fail(denied("Hanya PSM atau operator yang mengubah usulan", "Only a PSM or an operator edits proposals"));
    Usulan current;
    {
        auto c = PILAR_TRY(m_db.acquire());
        current = PILAR_TRY(load_usulan(*c, actor, id));
    }
    if (current.status != Status::Draft && current.status != Status::Dikembalikan)
        return fail(Error(ErrorCode::Conflict,
                          {fmt::format("Usulan {} berstatus {}; hanya draft atau dikembalikan yang bisa diubah", id,
                                       status_name(current.status)),
                           fmt::format("Proposal {} is {}; only a draft or a returned proposal can be edited", id,
                                       status_name(current.status))}));
    if (in.jenis && *in.jenis != jenis_name(current.jenis))
        return fail(invalid("jenis", "Jenis usulan tidak bisa diubah; batalkan dan buat baru",
                            "The kind of proposal cannot change; cancel it and make a new one"));
    if (in.keluarga_id && *in.keluarga_id != current.keluarga_id)
        return fail(invalid("keluarga_id", "Keluarga usulan tidak bisa diubah", "The household of a proposal cannot change"));
    Usulan after = current;
    if (in.alasan) after.alasan = in.alasan;
    if (in.isi_json) after.isi_json = PILAR_TRY(valid_json_object("isi", *in.isi_json));
    if (in.anggota_id && in.anggota_id != current.anggota_id) {
        auto kid = m_households.keluarga_of_anggota(actor, *in.anggota_id);
        if (!kid) return fail(kid.error().at_field("anggota_id"));
        if (*kid != current.keluarga_id)
            return fail(invalid("anggota_id", "Anggota itu bukan anggota keluarga ini", "That member is not in this household"));
        after.anggota_id = in.anggota_id;
    }
    PILAR_TRY(check_content(after.jenis, after.alasan, after.anggota_id, after.isi_json));
    after.updated_at = utc_now_iso();

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto now = PILAR_TRY(load_usulan(*c, actor, id));
    if (now.version != version || now.status != current.status) return fail(stale("Usulan", id, now.version));
    if (!PILAR_TRY(store::save_usulan(*c, after, version))) return fail(stale("Usulan", id, now.version));
    after.version = version + 1;
    PILAR_TRY(access::append_audit(*c, actor, {.action = "usulan.ubah", .entity = "usulan",
                                               .entity_id = std::to_string(id), .before_json = usulan_audit_json(now),
                                               .after_json = usulan_audit_json(after)}));
    PILAR_TRY(tx.commit());
    return after;
}

Result<Usulan> VerivaliService::transition(Actor const& actor, std::int64_t id, TransitionInput const& in) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto u = PILAR_TRY(load_usulan(*c, actor, id));
    std::optional<Musyawarah> m;
    if (in.musyawarah_id) {
        m = PILAR_TRY(store::get_musyawarah(*c, *in.musyawarah_id));
        if (!m || !overlaps_scope(actor, m->kode_kelurahan))
            return fail(not_found("Musyawarah", *in.musyawarah_id).at_field("musyawarah_id"));
    }
    auto after = PILAR_TRY(apply_transition(*c, actor, u, in, m ? &*m : nullptr));
    PILAR_TRY(tx.commit());
    return after;
}

std::vector<std::string> VerivaliService::upload_header() {
    return {"no",           "id_usulan",     "jenis_usulan", "alasan",        "nik",           "no_kk",
            "nama",         "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "hubungan",      "alamat",
            "rt",           "rw",            "kode_kelurahan", "ppks",        "hasil_periksa", "nomor_berita_acara",
            "tanggal_musyawarah", "disetujui_pada", "isi"};
}

Result<UploadReport> VerivaliService::export_upload(Actor const& actor, UploadQuery const& q, RowSink const& sink,
                                                    std::function<Result<void>()> const& finish) {
    if (!actor.is_system() && actor.role != Role::Operator)
        return fail(denied("Ekspor usulan untuk unggah nasional hanya untuk operator Dinas",
                           "The national upload export is for office operators only"));
    if (q.status != Status::Disetujui && q.status != Status::Diekspor)
        return fail(invalid("status", "status harus disetujui atau diekspor", "status must be disetujui or diekspor"));
    if (q.tandai && q.status != Status::Disetujui)
        return fail(invalid("tandai", "Hanya usulan disetujui yang bisa ditandai diekspor",
                            "Only approved proposals can be marked exported"));
    store::UsulanFilter f;
    f.area = area_of(actor);
    f.statuses = {q.status};
    f.jenis = q.jenis;
    f.limit = kMaxPageSize;
    if (q.kode_wilayah) {
        auto code = WilayahCode::parse(*q.kode_wilayah);
        if (!code) return fail(code.error().at_field("kode_wilayah"));
        f.area.under = code->dotted();
    }
    // The proposals first (a short read), then the people through the registry (its own reads).
    std::vector<Usulan> list;
    std::map<std::int64_t, Musyawarah> musyawarah;
    {
        auto c = PILAR_TRY(m_db.acquire());
        for (;;) {
            auto page = PILAR_TRY(store::list_usulan(*c, f));
            list.insert(list.end(), page.begin(), page.end());
            if (static_cast<int>(page.size()) < f.limit) break;
            f.after = page.back().id;
        }
        for (auto const& u : list)
            if (u.musyawarah_id && !musyawarah.contains(*u.musyawarah_id))
                if (auto m = PILAR_TRY(store::get_musyawarah(*c, *u.musyawarah_id))) musyawarah.emplace(m->id, *m);
    }
    UploadReport report;
    PILAR_TRY(sink(upload_header()));
    for (auto const& u : list) {
        auto people = PILAR_TRY(m_households.orang(actor, u.keluarga_id, u.anggota_id));
        std::string ppks;
        if (u.jenis == Jenis::Ppks) {
            // Named: a pointer into a temporary parsed in the if's init-statement dangled in its
            // condition (every PPKS proposal's upload read freed memory).
            auto const isi = json::parse(u.isi_json);
            if (auto const* p = isi.as_object().if_contains("ppks"); p && p->is_array())
                for (auto const& v : p->as_array()) ppks += (ppks.empty() ? "" : ";") + json::serialize(v);
        }
        Musyawarah const* m = u.musyawarah_id && musyawarah.contains(*u.musyawarah_id) ? &musyawarah[*u.musyawarah_id] : nullptr;
        for (auto const& o : people) {
            ++report.baris;
            PILAR_TRY(sink({std::to_string(report.baris), std::to_string(u.id), std::string(jenis_name(u.jenis)),
                            u.alasan.value_or(""), o.nik, o.no_kk, o.nama, o.jenis_kelamin, o.tempat_lahir,
                            o.tanggal_lahir, o.hubungan, o.alamat, o.rt, o.rw, o.kode_kelurahan, ppks,
                            u.hasil_periksa ? std::to_string(*u.hasil_periksa) : "",
                            m ? m->nomor_berita_acara : "", m ? m->tanggal : "", u.updated_at.substr(0, 10),
                            u.isi_json == "{}" ? "" : u.isi_json}));
        }
        ++report.usulan;
    }
    if (finish) PILAR_TRY(finish());
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (q.tandai) {
        for (auto const& u : list)
            PILAR_TRY(apply_transition(*c, actor, u,
                                       {.ke = Status::Diekspor, .version = u.version,
                                        .catatan = fmt::format("diekspor untuk unggah nasional: {}", q.berkas)},
                                       nullptr));
        report.ditandai = !list.empty();
    }
    boost::json::object detail{{"berkas", q.berkas}, {"usulan", report.usulan}, {"baris", report.baris},
                               {"status", status_name(q.status)}, {"ditandai", q.tandai},
                               {"kode_wilayah", f.area.under.value_or("")}};
    PILAR_TRY(access::append_audit(*c, actor,
                                   {.action = "usulan.ekspor_unggah", .entity = "usulan", .entity_id = "",
                                    .detail = json::serialize(detail), .area = access::audit_area_of(f.area.under)}));
    PILAR_TRY(tx.commit());
    return report;
}

Result<Page<Usulan>> VerivaliService::list_usulan(Actor const& actor, UsulanQuery const& q) {
    PILAR_TRY(valid_limit(q.limit));
    store::UsulanFilter f;
    f.area = area_of(actor);
    f.after = PILAR_TRY(parse_cursor(q.after));
    f.limit = q.limit;
    f.jenis = q.jenis;
    f.musyawarah_id = q.musyawarah_id;
    if (q.kode_wilayah) {
        auto code = WilayahCode::parse(*q.kode_wilayah);
        if (!code) return fail(code.error().at_field("kode_wilayah"));
        f.area.under = code->dotted();
    }
    if (q.antrian_saya) {
        auto queue = queue_of(actor.role);
        for (auto s : queue)
            if (!q.status || *q.status == s) f.statuses.push_back(s);
        // Nothing waits for this role (or the state asked for is not in its queue).
        if (f.statuses.empty()) return Page<Usulan>{};
        // A PSM's drafts are their own unfinished work, not their neighbours'.
        if (actor.role == Role::Psm) f.drafts_only_of = actor.username;
    } else if (q.status) {
        f.statuses.push_back(*q.status);
    }
    auto c = PILAR_TRY(m_db.acquire());
    Page<Usulan> page;
    page.items = PILAR_TRY(store::list_usulan(*c, f));
    page.next = next_cursor(page.items, q.limit);
    return page;
}

Result<Ringkasan> VerivaliService::ringkasan(Actor const& actor, std::optional<std::string> const& kode_wilayah) {
    auto area = area_of(actor);
    Ringkasan r;
    if (kode_wilayah && !kode_wilayah->empty()) {
        auto code = WilayahCode::parse(*kode_wilayah);
        if (!code) return fail(code.error().at_field("kode_wilayah"));
        if (!actor.overlaps_scope(*code))
            return fail(Error(ErrorCode::NotFound, {fmt::format("Wilayah {} di luar wilayah Anda", code->dotted()),
                                                    fmt::format("Wilayah {} is outside your area", code->dotted())})
                            .at_field("kode_wilayah"));
        area.under = code->dotted();
        r.kode_wilayah = code->dotted();
    }
    auto c = PILAR_TRY(m_db.acquire());
    auto counts = PILAR_TRY(store::count_usulan_by_status(*c, area));
    for (int i = 0; i < kStatusCount; ++i) {
        auto s = static_cast<Status>(i);
        std::int64_t n = 0;
        for (auto const& [name, count] : counts)
            if (name == status_name(s)) n = count;
        r.per_status.emplace_back(s, n);
        r.total += n;
    }
    return r;
}

Result<std::vector<Riwayat>> VerivaliService::riwayat(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    PILAR_TRY(load_usulan(*c, actor, id));
    return store::list_riwayat(*c, id);
}

Result<std::vector<Lampiran>> VerivaliService::lampiran_of_usulan(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    PILAR_TRY(load_usulan(*c, actor, id));
    return store::list_lampiran(*c, Pemilik::Usulan, id);
}

// ------------------------------------------------------------------------------------ musyawarah

Result<Musyawarah> VerivaliService::create_musyawarah(Actor const& actor, MusyawarahInput const& in) {
    if (!has_role(actor, {Role::Tksk, Role::Operator}))
        return fail(denied("Hanya TKSK atau operator yang mencatat musyawarah",
                           "Only a TKSK or an operator records a musyawarah"));
    Musyawarah m;
    m.nomor_berita_acara = PILAR_TRY(valid_text("nomor_berita_acara", in.nomor_berita_acara, kMaxNamaBytes));
    auto tanggal = Date::parse(in.tanggal);
    if (!tanggal) return fail(tanggal.error().at_field("tanggal"));
    if (*tanggal > Date::today())
        return fail(invalid("tanggal", "Tanggal musyawarah tidak boleh di masa depan", "The musyawarah date cannot be in the future"));
    m.tanggal = tanggal->iso();
    if (in.notulen_lampiran_id <= 0)
        return fail(invalid("notulen_lampiran_id", "Notulen (berita acara) wajib dilampirkan: unggah dulu ke /api/v1/lampiran",
                            "The minutes (berita acara) are required: upload them to /api/v1/lampiran first"));
    if (in.usulan_ids.empty() || in.usulan_ids.size() > kMaxMusyawarahUsulan)
        return fail(invalid("usulan_ids", fmt::format("usulan_ids harus berisi 1 sampai {} usulan", kMaxMusyawarahUsulan),
                            fmt::format("usulan_ids must list 1 to {} proposals", kMaxMusyawarahUsulan)));
    if (std::set<std::int64_t>(in.usulan_ids.begin(), in.usulan_ids.end()).size() != in.usulan_ids.size())
        return fail(invalid("usulan_ids", "Ada usulan yang disebut dua kali", "A proposal is listed twice"));
    m.notulen_lampiran_id = in.notulen_lampiran_id;
    m.created_by = actor.username;
    m.created_at = utc_now_iso();

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    std::vector<Usulan> batch;
    for (auto id : in.usulan_ids) batch.push_back(PILAR_TRY(load_usulan(*c, actor, id)));
    // One musyawarah kelurahan decides on its own kelurahan's proposals only.
    auto kel = kelurahan_of(batch.front().kode_wilayah);
    for (auto const& u : batch)
        if (kelurahan_of(u.kode_wilayah) != kel)
            return fail(invalid("usulan_ids",
                                fmt::format("Satu musyawarah untuk satu kelurahan: usulan {} dari {}, usulan {} dari {}",
                                            batch.front().id, kel.value_or("?"), u.id,
                                            kelurahan_of(u.kode_wilayah).value_or("?")),
                                fmt::format("One musyawarah is for one kelurahan: proposal {} is from {}, proposal {} "
                                            "from {}",
                                            batch.front().id, kel.value_or("?"), u.id,
                                            kelurahan_of(u.kode_wilayah).value_or("?"))));
    if (!kel) return fail(invalid("usulan_ids", "Usulan tanpa kelurahan", "A proposal without a kelurahan"));
    if (in.kode_kelurahan) {
        auto given = WilayahCode::parse(*in.kode_kelurahan);
        if (!given) return fail(given.error().at_field("kode_kelurahan"));
        if (given->dotted() != *kel)
            return fail(invalid("kode_kelurahan", fmt::format("Usulan ini dari kelurahan {}, bukan {}", *kel, given->dotted()),
                                fmt::format("These proposals are from kelurahan {}, not {}", *kel, given->dotted())));
    }
    m.kode_kelurahan = *kel;
    auto notulen = PILAR_TRY(store::get_lampiran(*c, in.notulen_lampiran_id));
    if (!notulen || !in_scope(actor, notulen->kode_wilayah))
        return fail(not_found("Lampiran", in.notulen_lampiran_id).at_field("notulen_lampiran_id"));
    if (notulen->pemilik != Pemilik::Musyawarah || notulen->kode_wilayah != m.kode_kelurahan)
        return fail(invalid("notulen_lampiran_id",
                            fmt::format("Lampiran {} bukan notulen musyawarah kelurahan {}", notulen->id, m.kode_kelurahan),
                            fmt::format("Attachment {} is not minutes of a musyawarah of kelurahan {}", notulen->id,
                                        m.kode_kelurahan)));
    if (notulen->pemilik_id)
        return fail(Error(ErrorCode::Conflict, {fmt::format("Notulen {} sudah dipakai musyawarah lain", notulen->id),
                                                fmt::format("Minutes {} already belong to another musyawarah", notulen->id)})
                        .at_field("notulen_lampiran_id"));
    if (PILAR_TRY(store::musyawarah_nomor_exists(*c, m.kode_kelurahan, m.nomor_berita_acara)))
        return fail(Error(ErrorCode::AlreadyExists,
                          {fmt::format("Berita acara nomor {} sudah tercatat untuk kelurahan {}", m.nomor_berita_acara,
                                       m.kode_kelurahan),
                           fmt::format("Berita acara number {} is already recorded for kelurahan {}",
                                       m.nomor_berita_acara, m.kode_kelurahan)})
                        .at_field("nomor_berita_acara"));
    m.id = PILAR_TRY(store::insert_musyawarah(*c, m));
    PILAR_TRY(store::attach_lampiran(*c, m.notulen_lampiran_id, m.id));
    for (auto const& u : batch) {
        PILAR_TRY(apply_transition(*c, actor, u, {.ke = Status::Dimusyawarahkan, .musyawarah_id = m.id}, &m));
        m.usulan_ids.push_back(u.id);
    }
    PILAR_TRY(access::append_audit(*c, actor, {.action = "musyawarah.buat", .entity = "musyawarah",
                                               .entity_id = std::to_string(m.id),
                                               .after_json = json::serialize(to_json(m))}));
    PILAR_TRY(tx.commit());
    return m;
}

Result<Musyawarah> VerivaliService::musyawarah(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto m = PILAR_TRY(store::get_musyawarah(*c, id));
    if (!m || !overlaps_scope(actor, m->kode_kelurahan)) return fail(not_found("Musyawarah", id));
    return *m;
}

Result<Page<Musyawarah>> VerivaliService::list_musyawarah(Actor const& actor, std::optional<std::string> const& after,
                                                          int limit) {
    PILAR_TRY(valid_limit(limit));
    auto from = PILAR_TRY(parse_cursor(after));
    // Lift an RW scope to its kelurahan: a musyawarah sits at kelurahan level.
    auto area = area_of(actor);
    for (auto& p : area.prefixes)
        if (auto k = kelurahan_of(p)) p = *k;
    auto c = PILAR_TRY(m_db.acquire());
    Page<Musyawarah> page;
    page.items = PILAR_TRY(store::list_musyawarah(*c, area, from, limit));
    page.next = next_cursor(page.items, limit);
    return page;
}

// ------------------------------------------------------------------------------------ attachments

Result<Lampiran> VerivaliService::add_lampiran(Actor const& actor, LampiranInput const& in) {
    if (!has_role(actor, {Role::Psm, Role::Tksk, Role::Operator}))
        return fail(denied("Peran ini tidak mengunggah lampiran", "This role does not upload attachments"));
    if (in.uid) PILAR_TRY(valid_uid(*in.uid));
    auto file = PILAR_TRY(prepare_upload(in.bytes));
    Lampiran l;
    l.uid = in.uid;
    l.pemilik = in.pemilik;
    l.mime = file.mime;
    l.sha256 = file.sha256;
    l.ukuran = static_cast<std::int64_t>(file.bytes.size());
    l.created_by = actor.username;
    l.created_at = utc_now_iso();

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    if (in.uid)
        if (auto existing = PILAR_TRY(store::get_lampiran_by_uid(*c, *in.uid))) {
            if (!in_scope(actor, existing->kode_wilayah))
                return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid is already taken"}).at_field("uid"));
            return *existing;
        }
    switch (in.pemilik) {
        case Pemilik::Usulan: {
            if (!in.pemilik_id) return fail(invalid("pemilik_id", "pemilik_id (id usulan) wajib diisi", "pemilik_id (the proposal id) is required"));
            auto u = PILAR_TRY(load_usulan(*c, actor, *in.pemilik_id));
            l.kode_wilayah = u.kode_wilayah;
            l.pemilik_id = u.id;
            break;
        }
        case Pemilik::Periksa: {
            if (!in.pemilik_id) return fail(invalid("pemilik_id", "pemilik_id (id item periksa) wajib diisi", "pemilik_id (the ground-check item id) is required"));
            auto it = PILAR_TRY(load_item(*c, actor, *in.pemilik_id));
            l.kode_wilayah = it.kode_wilayah;
            l.pemilik_id = it.id;
            break;
        }
        case Pemilik::Musyawarah: {
            // Minutes come before the musyawarah record that cites them; it binds them.
            if (in.pemilik_id)
                return fail(invalid("pemilik_id", "Notulen diunggah sebelum musyawarah dicatat; kirim kode_wilayah kelurahannya",
                                    "Minutes are uploaded before the musyawarah is recorded; send its kelurahan's kode_wilayah"));
            if (!in.kode_wilayah) return fail(invalid("kode_wilayah", "kode_wilayah (kelurahan) wajib diisi", "kode_wilayah (the kelurahan) is required"));
            auto code = WilayahCode::parse(*in.kode_wilayah);
            if (!code) return fail(code.error().at_field("kode_wilayah"));
            if (code->tingkat() != Tingkat::Kelurahan)
                return fail(invalid("kode_wilayah", "Notulen musyawarah milik satu kelurahan", "Minutes belong to one kelurahan"));
            if (!actor.in_scope(*code)) return fail(outside_area("kode_wilayah", *code));
            l.kode_wilayah = code->dotted();
            break;
        }
    }
    l.id = PILAR_TRY(store::insert_lampiran(*c, l, file.bytes));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "lampiran.tambah", .entity = "lampiran",
                                               .entity_id = std::to_string(l.id),
                                               .after_json = json::serialize(to_json(l))}));
    PILAR_TRY(tx.commit());
    return l;
}

Result<std::pair<Lampiran, std::string>> VerivaliService::lampiran(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto l = PILAR_TRY(store::get_lampiran(*c, id));
    // Minutes are kelurahan-level: everyone whose area overlaps the kelurahan may read them.
    bool visible = l && (l->pemilik == Pemilik::Musyawarah ? overlaps_scope(actor, l->kode_wilayah)
                                                           : in_scope(actor, l->kode_wilayah));
    if (!visible) return fail(not_found("Lampiran", id));
    auto bytes = PILAR_TRY(store::lampiran_bytes(*c, id));
    // Every file shown is an audited view: the photos and letters behind a PPKS proposal are
    // the evidence of special-category data (disability, illness, a child's situation), and
    // which file is which cannot be told from its type.
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "lampiran.lihat", .entity = "lampiran", .entity_id = std::to_string(id),
                                               .detail = fmt::format("{} {}", pemilik_name(l->pemilik),
                                                                     l->pemilik_id ? std::to_string(*l->pemilik_id) : "-")}));
    PILAR_TRY(tx.commit());
    return std::pair{*l, std::move(bytes)};
}

// --------------------------------------------------------------------------- ground-check lists

namespace {

PeriksaItem item_for(std::int64_t daftar_id, Household const& h) {
    PeriksaItem it;
    it.daftar_id = daftar_id;
    it.keluarga_id = h.id;
    it.kode_wilayah = h.kode_wilayah;
    it.kode_rw = rw_of(h.kode_wilayah);
    return it;
}

Result<DaftarPeriksa> insert_daftar_with_items(db::Connection& c, Actor const& actor, DaftarPeriksa d,
                                               std::vector<Household> const& households) {
    auto tx = PILAR_TRY(c.begin(db::TxMode::Write));
    d.id = PILAR_TRY(store::insert_daftar(c, d));
    for (auto const& h : households) PILAR_TRY(store::insert_item(c, item_for(d.id, h)));
    d.total = static_cast<std::int64_t>(households.size());
    d.tanpa_petugas = d.total;
    PILAR_TRY(access::append_audit(c, actor, {.action = "daftar_periksa.buat", .entity = "daftar_periksa",
                                              .entity_id = std::to_string(d.id),
                                              .after_json = json::serialize(to_json(d))}));
    PILAR_TRY(tx.commit());
    return d;
}

}  // namespace

Result<DaftarPeriksa> VerivaliService::create_daftar_filter(Actor const& actor, std::string nama, HouseholdFilter filter) {
    if (!has_role(actor, {Role::Operator}))
        return fail(denied("Hanya operator yang menyusun daftar periksa", "Only an operator builds ground-check lists"));
    DaftarPeriksa d;
    d.nama = PILAR_TRY(valid_text("nama", nama, kMaxNamaBytes));
    auto code = WilayahCode::parse(filter.kode_wilayah);
    if (!code) return fail(code.error().at_field("kode_wilayah"));
    if (!actor.in_scope(*code)) return fail(outside_area("kode_wilayah", *code));
    filter.kode_wilayah = code->dotted();
    for (auto [field, v] : {std::pair{"desil_min", filter.desil_min}, std::pair{"desil_max", filter.desil_max}})
        if (v && (*v < 1 || *v > 10)) return fail(invalid(field, "desil harus 1 sampai 10", "desil must be 1 to 10"));
    if (filter.desil_min && filter.desil_max && *filter.desil_min > *filter.desil_max)
        return fail(invalid("desil_max", "desil_max lebih kecil dari desil_min", "desil_max is below desil_min"));
    if (filter.status_padan && *filter.status_padan != "belum" && *filter.status_padan != "padan" &&
        *filter.status_padan != "tidak_padan")
        return fail(invalid("status_padan", "status_padan harus belum, padan atau tidak_padan",
                            "status_padan must be belum, padan or tidak_padan"));
    auto households = PILAR_TRY(m_households.matching(actor, filter, kMaxDaftarItems));
    if (households.empty())
        return fail(invalid("kode_wilayah", "Tidak ada keluarga yang cocok dengan filter ini", "No household matches this filter"));
    d.sumber = "filter";
    std::string ket = fmt::format("kode_wilayah={}", filter.kode_wilayah);
    if (filter.desil_min) ket += fmt::format(" desil>={}", *filter.desil_min);
    if (filter.desil_max) ket += fmt::format(" desil<={}", *filter.desil_max);
    if (filter.status_padan) ket += fmt::format(" status_padan={}", *filter.status_padan);
    d.keterangan = ket;
    d.created_by = actor.username;
    d.created_at = utc_now_iso();
    auto c = PILAR_TRY(m_db.acquire());
    return insert_daftar_with_items(*c, actor, std::move(d), households);
}

Result<DaftarPeriksa> VerivaliService::create_daftar_ekstrak(Actor const& actor, std::string nama, CsvReader& reader) {
    if (!has_role(actor, {Role::Operator}))
        return fail(denied("Hanya operator yang menyusun daftar periksa", "Only an operator builds ground-check lists"));
    DaftarPeriksa d;
    d.nama = PILAR_TRY(valid_text("nama", nama, kMaxNamaBytes));
    auto col = PILAR_TRY(reader.require_column("no_kk"));
    std::vector<Household> households;
    std::set<std::int64_t> seen;
    CsvRecord rec;
    while (PILAR_TRY(reader.next(rec))) {
        auto where = [&](std::string id, std::string en) {
            return fail(Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)})
                            .at_file(reader.source_name())
                            .at_row(rec.line())
                            .at_field("no_kk"));
        };
        auto raw = trim(rec[col]);
        if (raw.empty()) continue;
        auto kk = NoKk::parse(raw);
        // Named masked even when invalid: the file is personal data, the error goes to logs.
        if (!kk) {
            auto shown = mask_middle(raw, 4, 4);
            return where(fmt::format("No. KK {} tidak valid (16 digit)", shown),
                         fmt::format("No. KK {} is not valid (16 digits)", shown));
        }
        auto h = PILAR_TRY(m_households.keluarga_by_no_kk(actor, kk->str()));
        if (!h)
            return where(fmt::format("No. KK {} tidak ada di registri atau di luar wilayah Anda", kk->masked()),
                         fmt::format("No. KK {} is not in the registry or outside your area", kk->masked()));
        if (!seen.insert(h->id).second) continue;  // listed twice in the extract: check once
        if (households.size() >= kMaxDaftarItems)
            return where(fmt::format("Paling banyak {} keluarga per daftar", kMaxDaftarItems),
                         fmt::format("At most {} households per list", kMaxDaftarItems));
        households.push_back(std::move(*h));
    }
    if (households.empty())
        return fail(invalid("no_kk", "Ekstrak tidak berisi No. KK", "The extract holds no No. KK"));
    d.sumber = "ekstrak";
    d.keterangan = reader.source_name();
    d.created_by = actor.username;
    d.created_at = utc_now_iso();
    auto c = PILAR_TRY(m_db.acquire());
    return insert_daftar_with_items(*c, actor, std::move(d), households);
}

Result<DaftarPeriksa> VerivaliService::daftar(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto d = PILAR_TRY(store::get_daftar(*c, id, area_of(actor)));
    // A list with nothing in the caller's area is not theirs to see.
    if (!d || (d->total == 0 && !actor.is_system())) return fail(not_found("Daftar periksa", id));
    return *d;
}

Result<std::vector<DaftarPeriksa>> VerivaliService::list_daftar(Actor const& actor) {
    auto c = PILAR_TRY(m_db.acquire());
    return store::list_daftar(*c, area_of(actor));
}

Result<BagiReport> VerivaliService::bagi(Actor const& actor, std::int64_t daftar_id,
                                         std::vector<Penugasan> const& penugasan) {
    if (!has_role(actor, {Role::Operator}))
        return fail(denied("Hanya operator yang membagi daftar periksa", "Only an operator assigns ground-check lists"));
    PILAR_TRY(daftar(actor, daftar_id));
    auto psms = PILAR_TRY(m_petugas.psm());
    std::sort(psms.begin(), psms.end(), [](auto const& a, auto const& b) { return a.username < b.username; });
    auto covers = [](Petugas const& p, WilayahCode const& rw) {
        return std::any_of(p.scope.begin(), p.scope.end(), [&](auto const& s) { return s.contains(rw); });
    };
    // Explicit pairs are checked before anything is written.
    std::map<std::string, std::string> explicit_rw;  // RW -> PSM
    for (size_t i = 0; i < penugasan.size(); ++i) {
        auto field = [&](std::string_view f) { return fmt::format("penugasan[{}].{}", i, f); };
        auto rw = WilayahCode::parse(penugasan[i].kode_rw);
        if (!rw || rw->tingkat() != Tingkat::Rw)
            return fail(invalid(field("kode_rw"), "kode_rw harus kode RW", "kode_rw must be an RW code"));
        if (!actor.in_scope(*rw)) return fail(outside_area(field("kode_rw"), *rw));
        auto it = std::find_if(psms.begin(), psms.end(), [&](auto const& p) { return p.username == penugasan[i].petugas; });
        if (it == psms.end() || !covers(*it, *rw))
            return fail(invalid(field("petugas"),
                                fmt::format("{} bukan PSM aktif yang bertugas di RW {}", penugasan[i].petugas, rw->dotted()),
                                fmt::format("{} is not an active PSM serving RW {}", penugasan[i].petugas, rw->dotted())));
        explicit_rw[rw->dotted()] = penugasan[i].petugas;
    }

    BagiReport report;
    std::map<std::string, std::int64_t> per_petugas;
    std::map<std::string, size_t> next_of_rw;  // round-robin position per RW
    std::set<std::string> uncovered;
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto items = PILAR_TRY(store::open_items(*c, daftar_id, area_of(actor)));
    for (auto const& it : items) {
        std::optional<std::string> to;
        if (!penugasan.empty()) {
            if (!it.kode_rw) continue;
            auto e = explicit_rw.find(*it.kode_rw);
            if (e == explicit_rw.end()) continue;
            to = e->second;
        } else {
            if (it.petugas) continue;  // automatic assignment leaves earlier choices alone
            if (!it.kode_rw) {
                uncovered.insert("");
                continue;
            }
            auto rw = *WilayahCode::parse(*it.kode_rw);
            std::vector<Petugas const*> candidates;
            for (auto const& p : psms)
                if (covers(p, rw)) candidates.push_back(&p);
            if (candidates.empty()) {
                uncovered.insert(*it.kode_rw);
                continue;
            }
            auto& pos = next_of_rw[*it.kode_rw];
            to = candidates[pos++ % candidates.size()]->username;
        }
        if (it.petugas == to) continue;
        PILAR_TRY(store::set_petugas(*c, it.id, *to));
        ++per_petugas[*to];
        ++report.ditugaskan;
    }
    report.per_petugas.assign(per_petugas.begin(), per_petugas.end());
    report.rw_tanpa_petugas.assign(uncovered.begin(), uncovered.end());
    json::object summary{{"ditugaskan", report.ditugaskan}, {"mode", penugasan.empty() ? "otomatis" : "manual"}};
    json::object per;
    for (auto const& [u, n] : report.per_petugas) per[u] = n;
    summary["per_petugas"] = std::move(per);
    json::array tanpa;
    for (auto const& rw : report.rw_tanpa_petugas) tanpa.emplace_back(rw);
    summary["rw_tanpa_petugas"] = std::move(tanpa);
    PILAR_TRY(access::append_audit(*c, actor, {.action = "daftar_periksa.bagi", .entity = "daftar_periksa",
                                               .entity_id = std::to_string(daftar_id),
                                               .after_json = json::serialize(summary)}));
    PILAR_TRY(tx.commit());
    return report;
}

Result<std::vector<Kemajuan>> VerivaliService::kemajuan(Actor const& actor, std::int64_t daftar_id, KemajuanPer per) {
    PILAR_TRY(daftar(actor, daftar_id));
    auto by = per == KemajuanPer::Psm         ? store::GroupBy::Petugas
              : per == KemajuanPer::Rw        ? store::GroupBy::Rw
              : per == KemajuanPer::Kelurahan ? store::GroupBy::Kelurahan
                                              : store::GroupBy::Kecamatan;
    auto c = PILAR_TRY(m_db.acquire());
    return store::kemajuan(*c, daftar_id, area_of(actor), by);
}

Result<Page<PeriksaItem>> VerivaliService::list_periksa(Actor const& actor, PeriksaQuery const& q) {
    PILAR_TRY(valid_limit(q.limit));
    store::ItemFilter f;
    f.area = area_of(actor);
    f.after = PILAR_TRY(parse_cursor(q.after));
    f.limit = q.limit;
    f.daftar_id = q.daftar_id;
    if (q.saya) f.petugas = actor.username;
    if (q.status) {
        if (*q.status != "belum" && *q.status != "selesai")
            return fail(invalid("status", "status harus belum atau selesai", "status must be belum or selesai"));
        f.status = q.status;
    }
    auto c = PILAR_TRY(m_db.acquire());
    Page<PeriksaItem> page;
    page.items = PILAR_TRY(store::list_items(*c, f));
    page.next = next_cursor(page.items, q.limit);
    return page;
}

Result<PeriksaItem> VerivaliService::periksa(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    return load_item(*c, actor, id);
}

Result<PeriksaItem> VerivaliService::submit_hasil(Actor const& actor, std::int64_t id, HasilInput const& in) {
    if (!has_role(actor, {Role::Psm, Role::Operator}))
        return fail(denied("Hanya PSM atau operator yang mencatat hasil periksa", "Only a PSM or an operator records a ground check"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto current = PILAR_TRY(load_item(*c, actor, id));
    if (current.version != in.version) return fail(stale("Item periksa", id, current.version));
    PILAR_TRY(valid_hasil("hasil", in.hasil));
    PILAR_TRY(valid_gps(in.lat, in.lon));
    PeriksaItem after = current;
    after.status = "selesai";
    after.hasil = in.hasil;
    after.jawaban_json = in.jawaban_json ? PILAR_TRY(valid_jawaban(*in.jawaban_json)) : "{}";
    after.lat = in.lat;
    after.lon = in.lon;
    after.checked_by = actor.username;
    after.checked_at = utc_now_iso();
    if (!PILAR_TRY(store::save_item_result(*c, after, in.version))) return fail(stale("Item periksa", id, current.version));
    after.version = in.version + 1;
    PILAR_TRY(access::append_audit(*c, actor, {.action = "periksa.hasil", .entity = "periksa",
                                               .entity_id = std::to_string(id),
                                               .before_json = item_audit_json(current),
                                               .after_json = item_audit_json(after),
                                               .detail = std::string(hasil_periksa_name(in.hasil))}));
    PILAR_TRY(tx.commit());
    return after;
}

}  // namespace pilar::verivali

// ---- privacy -----------------------------------------------------------------------------

namespace pilar::verivali {

Result<std::vector<Usulan>> VerivaliService::usulan_about(Actor const& actor, std::int64_t keluarga_id,
                                                          std::int64_t anggota_id) {
    PILAR_TRY(m_households.keluarga(actor, keluarga_id));  // NotFound outside the caller's scope
    auto c = PILAR_TRY(m_db.acquire());
    auto all = PILAR_TRY(store::usulan_about(*c, keluarga_id, anggota_id));
    std::vector<Usulan> out;
    for (auto& u : all)
        if (in_scope(actor, u.kode_wilayah)) out.push_back(std::move(u));
    return out;
}

Result<std::optional<std::string>> VerivaliService::last_check(Actor const& actor, std::int64_t keluarga_id) {
    PILAR_TRY(m_households.keluarga(actor, keluarga_id));
    auto c = PILAR_TRY(m_db.acquire());
    return store::last_check_of(*c, keluarga_id);
}

Result<std::vector<std::int64_t>> VerivaliService::anonymise_usulan_of(Actor const& actor, std::int64_t keluarga_id,
                                                                       std::int64_t anggota_id) {
    PILAR_TRY(m_households.keluarga(actor, keluarga_id));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto all = PILAR_TRY(store::usulan_about(*c, keluarga_id, anggota_id));
    std::vector<std::int64_t> ids;
    std::string const at = utc_now_iso();
    for (auto const& u : all) {
        if (u.anggota_id != anggota_id) continue;  // household-level proposals belong to the others too
        if (!is_final(u.status))
            return fail(ErrorCode::Conflict,
                        {fmt::format("Usulan {} tentang anggota ini masih berjalan (status {})", u.id, status_name(u.status)),
                         fmt::format("Proposal {} about this member is still open (status {})", u.id, status_name(u.status))});
        PILAR_TRY(store::anonymise_usulan(*c, u.id, at));
        PILAR_TRY(access::append_audit(*c, actor, {.action = "usulan.anonimkan", .entity = "usulan",
                                                   .entity_id = std::to_string(u.id),
                                                   .detail = fmt::format("anggota {}", anggota_id),
                                                   .area = {u.kode_wilayah}}));
        ids.push_back(u.id);
    }
    PILAR_TRY(tx.commit());
    return ids;
}

// --------------------------------------------------------------------------- workforce recap

Result<std::map<std::string, AktivitasPetugas>> VerivaliService::aktivitas_petugas(std::string_view dari,
                                                                                    std::string_view sampai,
                                                                                    int tenggat_hari) {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
    std::map<std::string, AktivitasPetugas> out;
    for (auto const& r : PILAR_TRY(store::moves_by_user(*c, status_name(Status::Diajukan), dari, sampai)))
        out[r.username].usulan_diajukan = r.n;
    for (auto const& r : PILAR_TRY(store::moves_by_author(*c, status_name(Status::Disetujui), dari, sampai)))
        out[r.username].usulan_disetujui = r.n;
    for (auto const& r : PILAR_TRY(store::checks_by_user(*c, dari, sampai, tenggat_hari))) {
        out[r.username].periksa_selesai = r.selesai;
        out[r.username].periksa_tepat_waktu = r.tepat_waktu;
    }
    return out;
}

}  // namespace pilar::verivali
