#include "registry/service.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ranges>
#include <unordered_map>
#include <unordered_set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/nik.hpp"
#include "core/no_kk.hpp"
#include "core/strings.hpp"
#include "registry/convert.hpp"
#include "registry/json.hpp"
#include "registry/rules.hpp"
#include "registry/seal.hpp"
#include "registry/store.hpp"
#include "registry/vocab.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;
using store::AnggotaRow;
using store::KeluargaRow;

constexpr int kMaxPage = 500;

Error not_found(std::string_view what, std::int64_t id) {
    return Error(ErrorCode::NotFound, {fmt::format("{} {} tidak ditemukan", what, id),
                                       fmt::format("{} {} not found", what, id)});
}

Error stale(std::string_view what, std::int64_t id, std::int64_t current) {
    return Error(ErrorCode::Conflict,
                 {fmt::format("{} {} sudah diubah orang lain (versi sekarang {}); muat ulang lalu coba lagi", what, id, current),
                  fmt::format("{} {} was changed by someone else (now version {}); reload and try again", what, id, current)})
        .at_field("version");
}

Error invalid(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

// The first problem as the error (naming its column), with a count of the others.
Error to_error(std::vector<FieldError> const& errors) {
    auto const& e = errors.front();
    std::string more_id, more_en;
    if (errors.size() > 1) {
        more_id = fmt::format(" (dan {} kesalahan lain)", errors.size() - 1);
        more_en = fmt::format(" (and {} more)", errors.size() - 1);
    }
    return invalid(e.column, {fmt::format("{}: {}{}", e.column, e.message.id, more_id),
                              fmt::format("{}: {}{}", e.column, e.message.en, more_en)});
}

Result<WilayahCode> deepest_code(KeluargaRecord const& r) {
    auto code = PILAR_TRY(WilayahCode::parse(r[KCol::KodeWilayah]));
    if (r.has(KCol::Rw)) code = PILAR_TRY(WilayahCode::rw(code, std::stoi(r[KCol::Rw])));
    if (r.has(KCol::Rt)) code = PILAR_TRY(WilayahCode::rt(code, std::stoi(r[KCol::Rt])));
    return code;
}

Result<void> check_uid(std::string const& uid) {
    if (uid.size() < 8 || uid.size() > 64)
        return fail(invalid("uid", {"uid harus 8 sampai 64 karakter (UUID dari perangkat)",
                                    "uid must be 8 to 64 characters (a UUID from the device)"}));
    for (char c : uid)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
            return fail(invalid("uid", {"uid hanya boleh huruf, angka dan '-'", "uid may hold only letters, digits and '-'"}));
    return {};
}

Result<void> check_not_anonymised(AnggotaRow const& row) {
    if (row.dianonimkan_pada)
        return fail(ErrorCode::Conflict, {fmt::format("Anggota {} sudah dianonimkan dan tidak bisa diubah lagi", row.meta.id),
                                          fmt::format("Member {} has been anonymised and can no longer be changed", row.meta.id)});
    return {};
}

Result<void> check_alasan(std::string_view alasan) {
    if (trim(alasan).size() < 3)
        return fail(invalid("alasan", {"alasan perubahan wajib diisi", "a reason for the change is required"}));
    return {};
}

template <typename Col, std::size_t N>
Result<void> apply_changes(Record<Col>& rec, std::span<ColumnSpec const> specs, Changes const& changes,
                           std::array<std::string_view, N> const& reserved) {
    for (auto const& [name, value] : changes) {
        if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) continue;
        bool found = false;
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (specs[i].name == name) {
                rec.fields[i] = value.value_or("");
                found = true;
            }
        if (!found)
            return fail(invalid(name, {fmt::format("kolom '{}' tidak dikenal", excerpt_for_message(name)),
                                       fmt::format("unknown column '{}'", excerpt_for_message(name))}));
    }
    return {};
}

// Base64url of "<sort>\n<key>\n<id>" — opaque to clients, checked on the way back.
std::string make_cursor(char sort, std::string_view key, std::int64_t id) {
    std::string raw = fmt::format("{}\n{}\n{}", sort, key, id);
    std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<unsigned char const*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<std::pair<std::string, std::int64_t>> read_cursor(std::string_view cursor, char sort) {
    auto bad = [] { return fail(invalid("after", {"kursor halaman tidak sah", "invalid page cursor"})); };
    std::string raw(cursor.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(), cursor.size(),
                          nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return bad();
    raw.resize(len);
    auto parts = split(raw, '\n');
    if (parts.size() != 3 || parts[0].size() != 1 || parts[0][0] != sort || !is_all_digits(parts[2]) ||
        parts[2].size() > 18)
        return bad();
    return std::pair{std::string(parts[1]), std::stoll(std::string(parts[2]))};
}

int clamp_limit(int limit) { return std::clamp(limit, 1, kMaxPage); }

// A keyset page's bookkeeping, the same for every list: the store is asked for one row more than
// is shown, which tells whether there is a next page; its cursor names the last row shown, with
// the page's sort letter (a cursor of another order is refused).
class Keyset {
public:
    // Sets the filter's cursor (from `q.after`) and limit.
    static Result<Keyset> start(ListQuery const& q, char sort, store::ListFilter& f) {
        if (q.after) {
            auto [key, id] = PILAR_TRY(read_cursor(*q.after, sort));
            f.after_key = key;
            f.after_id = id;
        }
        Keyset k(sort, clamp_limit(q.limit));
        f.limit = k.m_limit + 1;
        return k;
    }
    // False for the row past the page (not shown).
    bool shown(std::string_view key, std::int64_t id) {
        if (m_shown == m_limit) {
            m_more = true;
            return false;
        }
        ++m_shown;
        m_last_key.assign(key);
        m_last_id = id;
        return true;
    }
    // The next page's cursor; none on the last page.
    std::optional<std::string> next() const {
        if (!m_more) return std::nullopt;
        return make_cursor(m_sort, m_last_key, m_last_id);
    }

private:
    Keyset(char sort, int limit) : m_sort(sort), m_limit(limit) {}
    char m_sort;
    int m_limit, m_shown = 0;
    bool m_more = false;
    std::string m_last_key;
    std::int64_t m_last_id = 0;
};

}  // namespace

bool RegistryService::may_unmask(Actor const& actor) {
    return actor.is_system() || actor.role == Role::Operator || actor.role == Role::Psm || actor.role == Role::Tksk;
}

bool RegistryService::may_see_special(Actor const& actor) { return may_unmask(actor); }

// ---- keluarga ----------------------------------------------------------------------------

Result<Keluarga> RegistryService::create_keluarga(Actor const& actor, KeluargaRecord rec, std::optional<std::string> uid) {
    std::vector<FieldError> errors;
    validate(rec, Date::today(), errors);
    if (!errors.empty()) return fail(to_error(errors));
    if (uid) PILAR_TRY(check_uid(*uid));
    auto kode = PILAR_TRY(deepest_code(rec));
    if (!actor.in_scope(kode)) return fail(outside_area("kode_wilayah", kode));
    PILAR_TRY(check_kelurahan(rec[KCol::KodeWilayah]));

    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    KeluargaRow row;
    row.no_kk_bi = m_keyring.blind_index("no_kk", rec[KCol::NoKk]);
    if (PILAR_TRY(store::keluarga_id_by_kk(*c, row.no_kk_bi)))
        return fail(Error(ErrorCode::AlreadyExists, {fmt::format("No. KK {} sudah terdaftar", mask16(rec[KCol::NoKk])),
                                                     fmt::format("No. KK {} is already registered", mask16(rec[KCol::NoKk]))})
                        .at_field("no_kk"));
    if (uid && PILAR_TRY(store::keluarga_id_by_uid(*c, *uid)))
        return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid already used"}).at_field("uid"));
    auto& m = row.meta;
    m.id = PILAR_TRY(store::next_id(*c, "keluarga"));
    m.uid = uid;
    m.kode_wilayah = kode.dotted();
    m.created_at = m.updated_at = utc_now_iso();
    m.created_by = m.updated_by = actor.username;
    row.rec = std::move(rec);
    PILAR_TRY(seal_keluarga(m_keyring, row));
    PILAR_TRY(store::insert_keluarga(*c, row));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "keluarga.create", .entity = "keluarga",
                                               .entity_id = std::to_string(m.id), .after_json = audit_json(row)}));
    PILAR_TRY(tx.commit());
    return to_model(row, std::nullopt);
}

Result<void> RegistryService::check_kelurahan(std::string const& kode) {
    auto w = m_wilayah.get(kode);
    if (!w) {
        if (w.error().code == ErrorCode::NotFound)
            return fail(invalid("kode_wilayah", {fmt::format("kelurahan/desa {} tidak ada di data wilayah", kode),
                                                 fmt::format("kelurahan/desa {} is not in the region data", kode)}));
        return fail(w.error());
    }
    if (!w->active)
        return fail(invalid("kode_wilayah", {fmt::format("kelurahan/desa {} sudah tidak aktif", kode),
                                             fmt::format("kelurahan/desa {} is retired", kode)}));
    return {};
}

Result<Keluarga> RegistryService::keluarga(Actor const& actor, std::int64_t id, ReadOptions opts) {
    auto c = PILAR_TRY(m_db.acquire());
    auto row = PILAR_TRY(store::get_keluarga(*c, id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Keluarga", id));
    if (!opts.unmask) return to_model(*row, std::nullopt);
    if (!may_unmask(actor))
        return fail(ErrorCode::PermissionDenied, {"Peran Anda tidak boleh membuka No. KK", "Your role may not unmask No. KK"});
    auto kk = PILAR_TRY(m_keyring.decrypt(row->no_kk_enc, seal_where("keluarga", "no_kk", id)));
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "keluarga.unmask", .entity = "keluarga",
                                               .entity_id = std::to_string(id), .detail = "no_kk"}));
    PILAR_TRY(tx.commit());
    return to_model(*row, kk);
}

Result<Keluarga> RegistryService::keluarga_by_uid(Actor const& actor, std::string_view uid, ReadOptions opts) {
    std::optional<std::int64_t> id;
    {
        auto c = PILAR_TRY(m_db.acquire());
        id = PILAR_TRY(store::keluarga_id_by_uid(*c, uid));
    }
    if (!id) return fail(ErrorCode::NotFound, {"Keluarga tidak ditemukan", "Household not found"});
    return keluarga(actor, *id, opts);
}

Result<Keluarga> RegistryService::update_keluarga(Actor const& actor, std::int64_t id, Changes const& changes,
                                                  std::int64_t expected_version, std::string_view alasan) {
    PILAR_TRY(check_alasan(alasan));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto before = PILAR_TRY(store::get_keluarga(*c, id));
    if (!before || !visible(actor, before->meta.kode_wilayah)) return fail(not_found("Keluarga", id));
    if (before->meta.version != expected_version) return fail(stale("Keluarga", id, before->meta.version));

    KeluargaRow row = *before;
    row.rec[KCol::NoKk] = PILAR_TRY(m_keyring.decrypt(before->no_kk_enc, seal_where("keluarga", "no_kk", id)));
    std::string const old_kk = row.rec[KCol::NoKk];
    PILAR_TRY(apply_changes(row.rec, keluarga_columns(), changes, std::array<std::string_view, 0>{}));
    std::vector<FieldError> errors;
    validate(row.rec, Date::today(), errors);
    if (!errors.empty()) return fail(to_error(errors));
    auto kode = PILAR_TRY(deepest_code(row.rec));
    if (!actor.in_scope(kode)) return fail(outside_area("kode_wilayah", kode));
    if (row.rec[KCol::KodeWilayah] != before->rec[KCol::KodeWilayah]) PILAR_TRY(check_kelurahan(row.rec[KCol::KodeWilayah]));
    if (row.rec[KCol::NoKk] != old_kk) {
        row.no_kk_bi = m_keyring.blind_index("no_kk", row.rec[KCol::NoKk]);
        if (PILAR_TRY(store::keluarga_id_by_kk(*c, row.no_kk_bi)))
            return fail(Error(ErrorCode::AlreadyExists, {"No. KK itu sudah terdaftar", "That No. KK is already registered"})
                            .at_field("no_kk"));
        row.no_kk_enc = PILAR_TRY(m_keyring.encrypt(row.rec[KCol::NoKk], seal_where("keluarga", "no_kk", id)));
        row.no_kk_mask = mask16(row.rec[KCol::NoKk]);
    }
    auto hash = row_hash(row.rec);
    row.rec[KCol::NoKk].clear();
    if (hash == before->meta.row_hash) {
        (void)tx.rollback();
        return to_model(*before, std::nullopt);  // nothing changed: no new version, no audit entry
    }
    row.meta.row_hash = hash;
    row.meta.kode_wilayah = kode.dotted();
    row.meta.updated_at = utc_now_iso();
    row.meta.updated_by = actor.username;
    if (!PILAR_TRY(store::update_keluarga(*c, row, expected_version)))
        return fail(stale("Keluarga", id, before->meta.version));
    row.meta.version = expected_version + 1;
    if (row.meta.kode_wilayah != before->meta.kode_wilayah) PILAR_TRY(store::move_members(*c, id, row.meta.kode_wilayah));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "keluarga.update", .entity = "keluarga",
                                               .entity_id = std::to_string(id), .detail = std::string(trim(alasan)),
                                               .changes = audit_changes(*before, row)}));
    PILAR_TRY(tx.commit());
    return to_model(row, std::nullopt);
}

Result<Page<Keluarga>> RegistryService::list_keluarga(Actor const& actor, ListQuery const& q) {
    Page<Keluarga> page;
    page.next = PILAR_TRY(list_keluarga_views(actor, q, [&page](KeluargaView const& k) { page.items.push_back(to_model(k)); }));
    return page;
}

Result<std::optional<std::string>> RegistryService::list_keluarga_views(Actor const& actor, ListQuery const& q,
                                                                          std::function<void(KeluargaView const&)> const& fn) {
    auto filter = PILAR_TRY(keluarga_filter(actor, q, m_keyring));
    if (!filter) return std::optional<std::string>{};
    store::ListFilter f = std::move(*filter);
    auto page = PILAR_TRY(Keyset::start(q, 'w', f));
    auto c = PILAR_TRY(m_db.acquire());
    PILAR_TRY(store::view_keluarga_page(*c, f, [&](store::KeluargaRowView const& row) -> Result<void> {
        if (page.shown(row.kode_wilayah, row.id)) fn(to_view(row));
        return {};
    }));
    return page.next();
}

// ---- anggota -----------------------------------------------------------------------------

Result<void> RegistryService::open_anggota(AnggotaRow& row, db::Connection& c) const {
    PILAR_TRY(open_anggota_fields(m_keyring, row));
    auto k = PILAR_TRY(store::get_keluarga(c, row.keluarga_id));
    if (k) row.rec[ACol::NoKk] = PILAR_TRY(m_keyring.decrypt(k->no_kk_enc, seal_where("keluarga", "no_kk", k->meta.id)));
    return {};
}

Result<void> RegistryService::sync_ppks(db::Connection& c, Actor const& actor, AnggotaRow const& row,
                                        std::vector<int> const& wanted) const {
    auto current = PILAR_TRY(store::ppks_of(c, row.meta.id));
    auto today = Date::today().iso();
    for (auto const& p : current)
        if (!p.sampai && std::find(wanted.begin(), wanted.end(), p.ppks) == wanted.end())
            PILAR_TRY(store::end_ppks(c, p.id, row.meta.id, today));
    std::int64_t next = 0;
    for (int w : wanted) {
        bool open = std::any_of(current.begin(), current.end(), [&](auto const& p) { return !p.sampai && p.ppks == w; });
        if (open) continue;
        if (!next) next = PILAR_TRY(store::next_id(c, "anggota_ppks"));
        PILAR_TRY(store::insert_ppks(c, {.id = next++, .anggota_id = row.meta.id, .ppks = w, .sejak = today,
                                         .dinilai_oleh = actor.username, .kode_wilayah = row.meta.kode_wilayah,
                                         .created_at = utc_now_iso()}));
    }
    return {};
}

Result<Anggota> RegistryService::create_anggota(Actor const& actor, std::int64_t keluarga_id, AnggotaRecord rec,
                                                std::optional<std::string> uid) {
    if (uid) PILAR_TRY(check_uid(*uid));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto k = PILAR_TRY(store::get_keluarga(*c, keluarga_id));
    if (!k || !visible(actor, k->meta.kode_wilayah)) return fail(not_found("Keluarga", keluarga_id).at_field("keluarga_id"));
    rec[ACol::NoKk] = PILAR_TRY(m_keyring.decrypt(k->no_kk_enc, seal_where("keluarga", "no_kk", keluarga_id)));
    std::vector<FieldError> errors;
    validate(rec, Date::today(), errors);
    if (!errors.empty()) return fail(to_error(errors));
    if (rec.has(ACol::Nik) && PILAR_TRY(store::anggota_id_by_nik(*c, m_keyring.blind_index("nik", rec[ACol::Nik]))))
        return fail(Error(ErrorCode::AlreadyExists, {fmt::format("NIK {} sudah terdaftar", mask16(rec[ACol::Nik])),
                                                     fmt::format("NIK {} is already registered", mask16(rec[ACol::Nik]))})
                        .at_field("nik"));
    if (uid && PILAR_TRY(store::anggota_id_by_uid(*c, *uid)))
        return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid already used"}).at_field("uid"));
    AnggotaRow row;
    auto& m = row.meta;
    m.id = PILAR_TRY(store::next_id(*c, "anggota"));
    m.uid = uid;
    m.kode_wilayah = k->meta.kode_wilayah;
    m.created_at = m.updated_at = utc_now_iso();
    m.created_by = m.updated_by = actor.username;
    row.keluarga_id = keluarga_id;
    row.rec = std::move(rec);
    std::vector<int> ppks;
    PILAR_TRY(seal_anggota(m_keyring, row, ppks));
    PILAR_TRY(store::insert_anggota(*c, row));
    PILAR_TRY(sync_ppks(*c, actor, row, ppks));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.create", .entity = "anggota",
                                               .entity_id = std::to_string(m.id), .after_json = audit_json(row)}));
    PILAR_TRY(tx.commit());
    if (m_on_created) m_on_created(actor, m.id);
    return to_model(row, std::nullopt);
}

Result<Anggota> RegistryService::anggota(Actor const& actor, std::int64_t id, ReadOptions opts) {
    auto c = PILAR_TRY(m_db.acquire());
    std::optional<store::AnggotaWithPpks> found;
    {
        // One snapshot for the member and its PPKS, and one read lock instead of one per query.
        auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
        found = PILAR_TRY(store::get_anggota_with_ppks(*c, id));
        PILAR_TRY(tx.commit());
    }
    if (!found || !visible(actor, found->row.meta.kode_wilayah)) return fail(not_found("Anggota", id));
    AnggotaRow const* row = &found->row;
    auto const& ppks = found->ppks;
    if ((opts.unmask && !may_unmask(actor)) || (opts.include_special && !may_see_special(actor)))
        return fail(ErrorCode::PermissionDenied, {"Peran Anda tidak boleh membuka data ini", "Your role may not open this data"});
    std::optional<std::string> nik;
    if (opts.unmask && row->nik_enc) nik = PILAR_TRY(m_keyring.decrypt(*row->nik_enc, seal_where("anggota", "nik", id)));
    Anggota a = to_model(*row, nik);
    a.ppks.clear();
    for (auto const& p : ppks)
        a.ppks.push_back({.id = p.id, .ppks = p.ppks, .sejak = p.sejak, .sampai = p.sampai, .dinilai_oleh = p.dinilai_oleh});
    std::vector<std::string> seen;
    if (nik) seen.emplace_back("nik");
    if (opts.include_special) {
        a.special_included = true;
        AnggotaRow opened = *row;
        PILAR_TRY(open_anggota(opened, *c));
        if (opened.rec.has(ACol::DisabilitasJenis))
            a.disabilitas = Disabilitas{opened.rec[ACol::DisabilitasJenis], opt(opened.rec[ACol::DisabilitasTingkat])};
        a.penyakit_kronis = list_of(opened.rec[ACol::PenyakitKronis]);
        for (std::size_t i = 0; i < ppks.size(); ++i)
            if (ppks[i].bukti_enc)
                a.ppks[i].bukti = PILAR_TRY(m_keyring.decrypt(*ppks[i].bukti_enc, seal_where("anggota_ppks", "bukti", ppks[i].id)));
        seen.emplace_back("data_khusus");
    }
    if (!seen.empty()) {
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(access::append_audit(*c, actor, {.action = opts.include_special ? "anggota.view_special" : "anggota.unmask",
                                                   .entity = "anggota", .entity_id = std::to_string(id),
                                                   .detail = join(seen, ",")}));
        PILAR_TRY(tx.commit());
    }
    return a;
}

Result<Anggota> RegistryService::anggota_by_uid(Actor const& actor, std::string_view uid, ReadOptions opts) {
    std::optional<std::int64_t> id;
    {
        auto c = PILAR_TRY(m_db.acquire());
        id = PILAR_TRY(store::anggota_id_by_uid(*c, uid));
    }
    if (!id) return fail(ErrorCode::NotFound, {"Anggota tidak ditemukan", "Member not found"});
    return anggota(actor, *id, opts);
}

Result<Anggota> RegistryService::update_anggota(Actor const& actor, std::int64_t id, Changes const& changes,
                                                std::int64_t expected_version, std::string_view alasan) {
    PILAR_TRY(check_alasan(alasan));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto before = PILAR_TRY(store::get_anggota(*c, id));
    if (!before || !visible(actor, before->meta.kode_wilayah)) return fail(not_found("Anggota", id));
    PILAR_TRY(check_not_anonymised(*before));
    if (before->meta.version != expected_version) return fail(stale("Anggota", id, before->meta.version));
    AnggotaRow row = *before;
    PILAR_TRY(open_anggota(row, *c));
    AnggotaRecord const before_clear = row.rec;
    // Moving to another household: it must exist and be in scope too.
    for (auto const& [name, value] : changes)
        if (name == "keluarga_id") {
            if (!value || !is_all_digits(*value) || value->size() > 18)
                return fail(invalid("keluarga_id", {"keluarga_id harus angka", "keluarga_id must be a number"}));
            auto k = PILAR_TRY(store::get_keluarga(*c, std::stoll(*value)));
            if (!k || !visible(actor, k->meta.kode_wilayah))
                return fail(not_found("Keluarga", std::stoll(*value)).at_field("keluarga_id"));
            row.keluarga_id = k->meta.id;
            row.meta.kode_wilayah = k->meta.kode_wilayah;
            row.rec[ACol::NoKk] = PILAR_TRY(m_keyring.decrypt(k->no_kk_enc, seal_where("keluarga", "no_kk", k->meta.id)));
        }
    std::string const old_nik = row.rec[ACol::Nik];
    PILAR_TRY(apply_changes(row.rec, anggota_columns(), changes, std::array<std::string_view, 2>{"keluarga_id", "no_kk"}));
    std::vector<FieldError> errors;
    validate(row.rec, Date::today(), errors);
    if (!errors.empty()) return fail(to_error(errors));
    if (row.rec[ACol::Nik] != old_nik && row.rec.has(ACol::Nik) &&
        PILAR_TRY(store::anggota_id_by_nik(*c, m_keyring.blind_index("nik", row.rec[ACol::Nik]))))
        return fail(Error(ErrorCode::AlreadyExists, {"NIK itu sudah terdaftar", "That NIK is already registered"}).at_field("nik"));
    if (row_hash(row.rec) == before->meta.row_hash && row.keluarga_id == before->keluarga_id) {
        (void)tx.rollback();
        return to_model(*before, std::nullopt);
    }
    std::vector<int> ppks;
    row.nik_bi.reset();  // the NIK may have changed
    PILAR_TRY(seal_anggota(m_keyring, row, ppks, SealedBefore{*before, before_clear}));
    row.meta.updated_at = utc_now_iso();
    row.meta.updated_by = actor.username;
    if (!PILAR_TRY(store::update_anggota(*c, row, expected_version))) return fail(stale("Anggota", id, before->meta.version));
    row.meta.version = expected_version + 1;
    if (row.meta.kode_wilayah != before->meta.kode_wilayah) PILAR_TRY(store::move_member_ppks(*c, id, row.meta.kode_wilayah));
    PILAR_TRY(sync_ppks(*c, actor, row, ppks));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.update", .entity = "anggota",
                                               .entity_id = std::to_string(id), .detail = std::string(trim(alasan)),
                                               .changes = audit_changes(*before, row)}));
    PILAR_TRY(tx.commit());
    return to_model(row, std::nullopt);
}

Result<Page<Anggota>> RegistryService::list_anggota(Actor const& actor, ListQuery const& q) {
    Page<Anggota> page;
    page.next = PILAR_TRY(list_anggota_views(actor, q, [&page](AnggotaView const& a) { page.items.push_back(to_model(a)); }));
    return page;
}

Result<std::optional<std::string>> RegistryService::list_anggota_views(Actor const& actor, ListQuery const& q,
                                                                         std::function<void(AnggotaView const&)> const& fn) {
    auto c = PILAR_TRY(m_db.acquire());
    auto filter = PILAR_TRY(anggota_filter(actor, q, m_keyring, *c));
    if (!filter) return std::optional<std::string>{};
    store::ListFilter f = std::move(*filter);
    if (q.sort != "id" && q.sort != "wilayah" && q.sort != "nama")
        return fail(invalid("urut", {"urut harus 'wilayah' atau 'nama'", "sort must be 'wilayah' or 'nama'"}));
    f.by_nama = q.sort == "nama";
    auto page = PILAR_TRY(Keyset::start(q, f.by_nama ? 'n' : 'w', f));
    std::vector<PpksEntry> ppks;
    PILAR_TRY(store::view_anggota_page(*c, f, [&](store::AnggotaRowView const& row) -> Result<void> {
        if (!page.shown(f.by_nama ? row.nama_cari : row.kode_wilayah, row.id)) return {};
        ppks.clear();
        for (int n : row.open_ppks) ppks.push_back({.ppks = n});
        fn(to_view(row, ppks));
        return {};
    }));
    return page.next();
}

Result<void> RegistryService::anggota_view(Actor const& actor, std::int64_t id, std::function<void(AnggotaView const&)> const& fn) {
    auto c = PILAR_TRY(m_db.acquire());
    // The member and its PPKS in one snapshot (store::view_anggota says how). The callback
    // captures one pointer, so std::function holds it without allocating.
    struct {
        Actor const& actor;
        std::function<void(AnggotaView const&)> const& fn;
        std::vector<PpksEntry> ppks;
        bool shown = false;
    } st{actor, fn, {}};
    PILAR_TRY(store::view_anggota(*c, id, [s = &st](store::AnggotaRowView const& row, std::vector<store::PpksRow> const& rows) -> Result<void> {
        if (!visible(s->actor, row.kode_wilayah)) return {};
        for (auto const& p : rows)
            s->ppks.push_back({.id = p.id, .ppks = p.ppks, .sejak = p.sejak, .sampai = p.sampai, .dinilai_oleh = p.dinilai_oleh});
        s->fn(to_view(row, s->ppks));
        s->shown = true;
        return {};
    }));
    if (!st.shown) return fail(not_found("Anggota", id));
    return {};
}

Result<std::vector<Anggota>> RegistryService::members(Actor const& actor, std::int64_t keluarga_id, ReadOptions opts) {
    {
        auto c = PILAR_TRY(m_db.acquire());
        auto k = PILAR_TRY(store::get_keluarga(*c, keluarga_id));
        if (!k || !visible(actor, k->meta.kode_wilayah)) return fail(not_found("Keluarga", keluarga_id));
    }
    ListQuery q;
    q.keluarga_id = keluarga_id;
    q.limit = kMaxPage;
    auto page = PILAR_TRY(list_anggota(actor, q));
    // A full view is each member's own read: permission checked and audited per person.
    if (opts.unmask || opts.include_special)
        for (auto& a : page.items) a = PILAR_TRY(anggota(actor, a.id, opts));
    return std::move(page.items);
}

// ---- PPKS ------------------------------------------------------------------------------

Result<PpksEntry> RegistryService::add_ppks(Actor const& actor, std::int64_t anggota_id, PpksInput const& in) {
    if (!ppks_category(in.ppks)) return fail(invalid("ppks", {"ppks harus 1 sampai 26", "ppks must be 1 to 26"}));
    auto sejak = in.sejak;
    if (auto e = validate_value({"sejak", true, Kind::Date}, sejak, Date::today())) return fail(invalid("sejak", *e));
    if (in.bukti && in.bukti->size() > 2000)
        return fail(invalid("bukti", {"bukti paling banyak 2000 karakter", "evidence is at most 2000 characters"}));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(store::get_anggota(*c, anggota_id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Anggota", anggota_id));
    PILAR_TRY(check_not_anonymised(*row));
    auto current = PILAR_TRY(store::ppks_of(*c, anggota_id));
    for (auto const& p : current)
        if (!p.sampai && p.ppks == in.ppks)
            return fail(Error(ErrorCode::AlreadyExists, {fmt::format("PPKS {} sudah tercatat untuk anggota ini", in.ppks),
                                                         fmt::format("PPKS {} is already recorded for this member", in.ppks)})
                            .at_field("ppks"));
    store::PpksRow p{.id = PILAR_TRY(store::next_id(*c, "anggota_ppks")), .anggota_id = anggota_id, .ppks = in.ppks,
                     .sejak = sejak, .dinilai_oleh = actor.username, .kode_wilayah = row->meta.kode_wilayah,
                     .created_at = utc_now_iso()};
    if (in.bukti && !trim(*in.bukti).empty())
        p.bukti_enc = PILAR_TRY(m_keyring.encrypt(trim(*in.bukti), seal_where("anggota_ppks", "bukti", p.id)));
    PILAR_TRY(store::insert_ppks(*c, p));
    // The member's row hash covers its PPKS list: keep it true so a re-import sees no change.
    AnggotaRow updated = *row;
    PILAR_TRY(open_anggota(updated, *c));
    AnggotaRecord const before_clear = updated.rec;
    std::vector<int> codes;
    for (auto s : split_list(updated.rec[ACol::Ppks])) codes.push_back(std::stoi(std::string(s)));
    codes.push_back(in.ppks);
    std::sort(codes.begin(), codes.end());
    updated.rec[ACol::Ppks] = join(codes | std::views::transform([](int v) { return std::to_string(v); }), ";");
    std::vector<int> ignored;
    PILAR_TRY(seal_anggota(m_keyring, updated, ignored, SealedBefore{*row, before_clear}));
    updated.meta.updated_at = utc_now_iso();
    updated.meta.updated_by = actor.username;
    if (!PILAR_TRY(store::update_anggota(*c, updated, row->meta.version))) return fail(stale("Anggota", anggota_id, row->meta.version));
    json::object after = encode(PpksEntry{.id = p.id, .ppks = p.ppks, .sejak = p.sejak, .dinilai_oleh = p.dinilai_oleh});
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.ppks_add", .entity = "anggota",
                                               .entity_id = std::to_string(anggota_id), .after_json = json::serialize(after),
                                               .detail = fmt::format("ppks {}", in.ppks)}));
    PILAR_TRY(tx.commit());
    return PpksEntry{.id = p.id, .ppks = p.ppks, .sejak = p.sejak, .dinilai_oleh = p.dinilai_oleh, .bukti = in.bukti};
}

Result<PpksEntry> RegistryService::end_ppks(Actor const& actor, std::int64_t anggota_id, std::int64_t ppks_id,
                                            std::string sampai) {
    if (auto e = validate_value({"sampai", true, Kind::Date}, sampai, Date::today())) return fail(invalid("sampai", *e));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(store::get_anggota(*c, anggota_id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Anggota", anggota_id));
    PILAR_TRY(check_not_anonymised(*row));
    auto current = PILAR_TRY(store::ppks_of(*c, anggota_id));
    auto it = std::find_if(current.begin(), current.end(), [&](auto const& p) { return p.id == ppks_id; });
    if (it == current.end()) return fail(not_found("PPKS", ppks_id));
    if (it->sampai)
        return fail(ErrorCode::Conflict, {"PPKS ini sudah diakhiri", "This PPKS classification has already ended"});
    if (sampai < it->sejak)
        return fail(invalid("sampai", {"sampai sebelum sejak", "sampai is before sejak"}));
    PILAR_TRY(store::end_ppks(*c, ppks_id, anggota_id, sampai));
    AnggotaRow updated = *row;
    PILAR_TRY(open_anggota(updated, *c));
    AnggotaRecord const before_clear = updated.rec;
    std::vector<std::string> codes;
    for (auto s : split_list(updated.rec[ACol::Ppks]))
        if (std::stoi(std::string(s)) != it->ppks) codes.emplace_back(s);
    updated.rec[ACol::Ppks] = join(codes, ";");
    std::vector<int> ignored;
    PILAR_TRY(seal_anggota(m_keyring, updated, ignored, SealedBefore{*row, before_clear}));
    updated.meta.updated_at = utc_now_iso();
    updated.meta.updated_by = actor.username;
    if (!PILAR_TRY(store::update_anggota(*c, updated, row->meta.version))) return fail(stale("Anggota", anggota_id, row->meta.version));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.ppks_end", .entity = "anggota",
                                               .entity_id = std::to_string(anggota_id),
                                               .detail = fmt::format("ppks {} sampai {}", it->ppks, sampai)}));
    PILAR_TRY(tx.commit());
    return PpksEntry{.id = it->id, .ppks = it->ppks, .sejak = it->sejak, .sampai = sampai, .dinilai_oleh = it->dinilai_oleh};
}

// ---- anonymisation ------------------------------------------------------------------------

Result<Anggota> RegistryService::anonymise_anggota(Actor const& actor, std::int64_t id, std::int64_t expected_version,
                                                   std::string_view alasan) {
    PILAR_TRY(check_alasan(alasan));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto before = PILAR_TRY(store::get_anggota(*c, id));
    if (!before || !visible(actor, before->meta.kode_wilayah)) return fail(not_found("Anggota", id));
    PILAR_TRY(check_not_anonymised(*before));
    if (before->meta.version != expected_version) return fail(stale("Anggota", id, before->meta.version));
    store::Anonymisation an{.id = id, .expected_version = expected_version, .at = utc_now_iso(), .by = actor.username};
    auto const& born = before->rec[ACol::TanggalLahir];
    if (born.size() >= 4 && is_all_digits(born.substr(0, 4))) an.tahun_lahir = std::stoll(born.substr(0, 4));
    // A row hash no import can produce: a re-import of the person's old line is a new person.
    an.row_hash = "dianonimkan";
    if (!PILAR_TRY(store::anonymise_anggota(*c, an))) return fail(stale("Anggota", id, before->meta.version));
    auto after = PILAR_TRY(store::get_anggota(*c, id));
    if (!after) return fail(not_found("Anggota", id));
    // Only what is kept: no name, number, date or special field goes into the trail.
    json::object kept{{"jenis_kelamin", after->rec[ACol::JenisKelamin]},
                      {"tahun_lahir", after->tahun_lahir ? json::value(*after->tahun_lahir) : json::value(nullptr)},
                      {"kode_wilayah_lengkap", after->meta.kode_wilayah},
                      {"hubungan", after->rec[ACol::Hubungan]},
                      {"status_keberadaan", after->rec[ACol::StatusKeberadaan]},
                      {"dianonimkan_pada", an.at}};
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.anonimkan", .entity = "anggota",
                                               .entity_id = std::to_string(id), .after_json = json::serialize(kept),
                                               .detail = std::string(trim(alasan)), .area = {before->meta.kode_wilayah}}));
    PILAR_TRY(tx.commit());
    return to_model(*after, std::nullopt);
}

// ---- history -----------------------------------------------------------------------------

Result<std::vector<HistoryEntry>> RegistryService::history(Actor const& actor, std::string_view entity, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    std::optional<std::string> kode;
    if (entity == "keluarga") {
        if (auto k = PILAR_TRY(store::get_keluarga(*c, id))) kode = k->meta.kode_wilayah;
    } else if (entity == "anggota") {
        if (auto a = PILAR_TRY(store::get_anggota(*c, id))) kode = a->meta.kode_wilayah;
    }
    if (!kode || !visible(actor, *kode)) return fail(not_found(entity == "anggota" ? "Anggota" : "Keluarga", id));
    auto entries = PILAR_TRY(access::record_history(*c, entity, std::to_string(id)));
    std::vector<HistoryEntry> out;
    auto strip = [](std::optional<std::string> const& j) -> std::optional<std::string> {
        // Special fields stay encrypted in the trail; the history view says only that they changed.
        if (!j) return j;
        auto v = json::parse(*j);
        if (!v.is_object()) return j;
        auto& o = v.as_object();
        for (auto key : {"disabilitas_enc", "penyakit_kronis_enc"})
            if (auto* f = o.if_contains(key)) {
                o[std::string_view(key).substr(0, std::string_view(key).size() - 4)] =
                    f->is_null() ? json::value(nullptr) : json::value("(data khusus)");
                o.erase(key);
            }
        return json::serialize(o);
    };
    for (auto const& e : entries)
        out.push_back({e.at, e.actor_username, e.actor_role, e.action, e.detail, strip(e.before_json), strip(e.after_json)});
    return out;
}

// ---- record linkage ----------------------------------------------------------------------

namespace {

LinkageRecord linkage_of(AnggotaRow const& row, std::string nik, store::KeluargaRow const* k) {
    LinkageRecord r{.id = row.meta.id, .keluarga_id = row.keluarga_id, .nik = std::move(nik)};
    r.nama = row.rec[ACol::Nama];
    r.jenis_kelamin = row.rec[ACol::JenisKelamin];
    r.tempat_lahir = row.rec[ACol::TempatLahir];
    r.tanggal_lahir = row.rec[ACol::TanggalLahir];
    if (k) {
        r.alamat = k->rec[KCol::Alamat];
        r.rt = k->rec[KCol::Rt];
        r.rw = k->rec[KCol::Rw];
        r.kode_kelurahan = k->rec[KCol::KodeWilayah];
    }
    r.kode_wilayah = row.meta.kode_wilayah;
    return r;
}

bool live(AnggotaRow const& row) { return !row.digabung_ke && !row.dianonimkan_pada; }

}  // namespace

Result<std::int64_t> RegistryService::scan_for_linkage(Actor const& actor, std::optional<std::string> const& kode_wilayah,
                                                       std::function<Result<void>(LinkageRecord const&)> const& fn) {
    std::int64_t n = 0;
    {
        auto c = PILAR_TRY(m_db.acquire());
        ListQuery q;
        q.kode_wilayah = kode_wilayah;
        auto filter = PILAR_TRY(anggota_filter(actor, q, m_keyring, *c));
        if (filter) {
            filter->live_only = true;
            auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
            LinkageRecord r;
            auto scanned = store::scan_anggota(*c, *filter, store::ScanSealed::Read, store::ScanAddress::Read,
                                               [&](store::AnggotaScanRow const& row) -> Result<void> {
                r.id = row.id;
                r.keluarga_id = row.keluarga_id;
                r.nik.clear();
                if (!row.nik_enc.empty()) r.nik = PILAR_TRY(m_keyring.decrypt(row.nik_enc, seal_where("anggota", "nik", row.id)));
                auto col = [&](ACol k) { return std::string(row.rec[static_cast<std::size_t>(k)]); };
                r.nama = col(ACol::Nama);
                r.jenis_kelamin = col(ACol::JenisKelamin);
                r.tempat_lahir = col(ACol::TempatLahir);
                r.tanggal_lahir = col(ACol::TanggalLahir);
                r.alamat.assign(row.alamat);
                r.rt.assign(row.rt);
                r.rw.assign(row.rw);
                r.kode_kelurahan.assign(row.kode_kelurahan);
                // The member's kode_wilayah is its household's deepest code (deepest_code()).
                r.kode_wilayah = r.kode_kelurahan;
                if (!r.rw.empty()) {
                    r.kode_wilayah += "." + r.rw;
                    if (!r.rt.empty()) r.kode_wilayah += "." + r.rt;
                }
                ++n;
                return fn(r);
            });
            if (!scanned) return fail(scanned.error());
        }
    }
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.pindai_duplikat", .entity = "anggota",
                                               .detail = fmt::format("wilayah {} anggota {}", kode_wilayah.value_or("*"), n),
                                               .area = access::audit_area_of(kode_wilayah)}));
    PILAR_TRY(tx.commit());
    return n;
}

Result<LinkageRecord> RegistryService::linkage_record(Actor const& actor, std::int64_t id) {
    auto c = PILAR_TRY(m_db.acquire());
    auto row = PILAR_TRY(store::get_anggota(*c, id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Anggota", id));
    std::string nik;
    if (row->nik_enc) nik = PILAR_TRY(m_keyring.decrypt(*row->nik_enc, seal_where("anggota", "nik", id)));
    auto k = PILAR_TRY(store::get_keluarga(*c, row->keluarga_id));
    return linkage_of(*row, std::move(nik), k ? &*k : nullptr);
}

Result<std::vector<LinkageRecord>> RegistryService::linkage_candidates(Actor const& actor, LinkageRecord const& probe,
                                                                       std::vector<std::int64_t> const& hint_ids) {
    auto c = PILAR_TRY(m_db.acquire());
    std::vector<std::int64_t> ids;
    if (Nik::parse(probe.nik))
        if (auto id = PILAR_TRY(store::anggota_id_by_nik(*c, m_keyring.blind_index("nik", probe.nik)))) ids.push_back(*id);
    std::unordered_set<std::int64_t> seen(ids.begin(), ids.end());
    for (auto id : hint_ids)
        if (seen.insert(id).second) ids.push_back(id);
    std::vector<LinkageRecord> out;
    std::unordered_map<std::int64_t, std::optional<store::KeluargaRow>> households;
    for (auto id : ids) {
        if (id == probe.id) continue;
        auto row = PILAR_TRY(store::get_anggota(*c, id));
        if (!row || !live(*row) || !visible(actor, row->meta.kode_wilayah)) continue;
        std::string nik;
        if (row->nik_enc) nik = PILAR_TRY(m_keyring.decrypt(*row->nik_enc, seal_where("anggota", "nik", id)));
        auto it = households.find(row->keluarga_id);
        if (it == households.end()) it = households.emplace(row->keluarga_id, PILAR_TRY(store::get_keluarga(*c, row->keluarga_id))).first;
        out.push_back(linkage_of(*row, std::move(nik), it->second ? &*it->second : nullptr));
    }
    return out;
}

Result<MergeOutcome> RegistryService::merge_anggota(Actor const& actor, std::int64_t id, std::int64_t into, std::string_view alasan) {
    PILAR_TRY(check_alasan(alasan));
    if (id == into) return fail(invalid("penyintas", {"anggota tidak bisa digabung ke dirinya sendiri", "a member cannot be merged into itself"}));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(store::get_anggota(*c, id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Anggota", id));
    auto survivor = PILAR_TRY(store::get_anggota(*c, into));
    if (!survivor || !visible(actor, survivor->meta.kode_wilayah)) return fail(not_found("Anggota", into));
    if (!live(*row) || !live(*survivor))
        return fail(ErrorCode::Conflict, {"Salah satu anggota sudah digabung atau dianonimkan", "One of the members is already merged or anonymised"});
    auto const at = utc_now_iso();
    if (!PILAR_TRY(store::set_digabung_ke(*c, id, into, row->meta.version, at, actor.username)))
        return fail(stale("Anggota", id, row->meta.version));
    MergeOutcome out;
    auto mine = PILAR_TRY(store::ppks_of(*c, id));
    auto theirs = PILAR_TRY(store::ppks_of(*c, into));
    for (auto const& p : mine) {
        if (p.sampai) continue;
        bool held = std::any_of(theirs.begin(), theirs.end(), [&](auto const& t) { return !t.sampai && t.ppks == p.ppks; });
        if (held) continue;
        PILAR_TRY(store::move_ppks(*c, p.id, into, survivor->meta.kode_wilayah));
        out.moved_ppks.push_back(p.id);
    }
    std::vector<std::string> moved;
    for (auto p : out.moved_ppks) moved.push_back(std::to_string(p));
    auto detail = fmt::format("{} digabung ke {}; ppks dipindah [{}]; {}", id, into, join(moved, ","), trim(alasan));
    for (auto who : {id, into})
        PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.gabung", .entity = "anggota",
                                                   .entity_id = std::to_string(who), .detail = detail}));
    auto after = PILAR_TRY(store::get_anggota(*c, id));
    PILAR_TRY(tx.commit());
    out.merged = to_model(*after, std::nullopt);
    return out;
}

Result<Anggota> RegistryService::unmerge_anggota(Actor const& actor, std::int64_t id, std::vector<std::int64_t> const& moved_ppks,
                                                 std::string_view alasan) {
    PILAR_TRY(check_alasan(alasan));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(store::get_anggota(*c, id));
    if (!row || !visible(actor, row->meta.kode_wilayah)) return fail(not_found("Anggota", id));
    if (!row->digabung_ke)
        return fail(ErrorCode::Conflict, {fmt::format("Anggota {} tidak sedang digabung", id), fmt::format("Member {} is not merged", id)});
    auto const into = *row->digabung_ke;
    if (!PILAR_TRY(store::set_digabung_ke(*c, id, std::nullopt, row->meta.version, utc_now_iso(), actor.username)))
        return fail(stale("Anggota", id, row->meta.version));
    auto on_survivor = PILAR_TRY(store::ppks_of(*c, into));
    std::vector<std::string> back;
    for (auto pid : moved_ppks)
        if (std::any_of(on_survivor.begin(), on_survivor.end(), [&](auto const& p) { return p.id == pid; })) {
            PILAR_TRY(store::move_ppks(*c, pid, id, row->meta.kode_wilayah));
            back.push_back(std::to_string(pid));
        }
    auto detail = fmt::format("{} dipisah lagi dari {}; ppks kembali [{}]; {}", id, into, join(back, ","), trim(alasan));
    for (auto who : {id, into})
        PILAR_TRY(access::append_audit(*c, actor, {.action = "anggota.batal_gabung", .entity = "anggota",
                                                   .entity_id = std::to_string(who), .detail = detail}));
    auto after = PILAR_TRY(store::get_anggota(*c, id));
    PILAR_TRY(tx.commit());
    return to_model(*after, std::nullopt);
}

// ---- the fuzzy search index's feed ---------------------------------------------------------

namespace {

Result<void> require_system(Actor const& actor) {
    if (actor.is_system()) return {};
    return fail(ErrorCode::PermissionDenied, {"Hanya sistem yang membaca umpan indeks pencarian", "Only the system reads the search index feed"});
}

}  // namespace

Result<std::int64_t> RegistryService::search_snapshot(Actor const& actor,
                                                      std::function<Result<void>(store::SearchScanRow const&)> const& fn) {
    PILAR_TRY(require_system(actor));
    auto c = PILAR_TRY(m_db.acquire());  // memory-mapped like every connection: a long scan reads pages in place
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
    auto const head = PILAR_TRY(store::feed_head(*c));
    PILAR_TRY(store::scan_search(*c, 0, fn));
    return head;
}

Result<std::int64_t> RegistryService::search_head(Actor const& actor) {
    PILAR_TRY(require_system(actor));
    auto c = PILAR_TRY(m_db.acquire());
    return store::feed_head(*c);
}

Result<RegistryService::FeedStep> RegistryService::search_changes(Actor const& actor, std::int64_t after, int limit,
                                                                  std::function<Result<void>(store::SearchScanRow const&)> const& fn) {
    PILAR_TRY(require_system(actor));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
    auto entries = PILAR_TRY(store::feed_after(*c, after, limit));
    FeedStep step{.reached = after, .entries = static_cast<int>(entries.size())};
    std::vector<std::int64_t> ids;
    for (auto const& [seq, id] : entries) {
        step.reached = seq;
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto id : ids) {
        bool found = false;
        PILAR_TRY(store::scan_search(*c, id, [&](store::SearchScanRow const& row) -> Result<void> {
            found = true;
            return fn(row);
        }));
        if (!found) PILAR_TRY(fn(store::SearchScanRow{.id = id}));
    }
    return step;
}

}  // namespace pilar::registry
