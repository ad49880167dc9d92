#include "registry/rules.hpp"

#include <fmt/format.h>

#include "core/nik.hpp"
#include "core/no_kk.hpp"
#include "core/wilayah_code.hpp"

namespace pilar::registry {
namespace {

Error invalid(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

}  // namespace

bool visible(Actor const& actor, std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    return code && actor.in_scope(*code);
}

Result<std::optional<store::Ranges>> visible_ranges(Actor const& actor, std::optional<std::string> const& requested) {
    std::optional<WilayahCode> req;
    if (requested) {
        auto c = WilayahCode::parse(*requested);
        if (!c) return fail(c.error().at_field("kode_wilayah"));
        req = *c;
    }
    store::Ranges out;
    if (actor.is_system()) {
        if (req) out.push_back(req->dotted());
        return std::optional<store::Ranges>(out);
    }
    for (auto const& s : actor.scope) {
        if (!req) out.push_back(s.dotted());
        else if (s.contains(*req)) out.push_back(req->dotted());
        else if (req->contains(s)) out.push_back(s.dotted());
    }
    if (out.empty()) return std::optional<store::Ranges>{};
    return std::optional<store::Ranges>(out);
}

// desil_min/desil_max: each 1..10, min <= max.
Result<void> desil_range(ListQuery const& q, store::ListFilter& f) {
    for (auto [v, name] : {std::pair{q.desil_min, "desil_min"}, {q.desil_max, "desil_max"}})
        if (v && (*v < 1 || *v > 10))
            return fail(invalid(name, {fmt::format("{} harus 1 sampai 10", name), fmt::format("{} must be 1 to 10", name)}));
    if (q.desil_min && q.desil_max && *q.desil_min > *q.desil_max)
        return fail(invalid("desil_min", {"desil_min lebih besar dari desil_max", "desil_min is above desil_max"}));
    f.desil_min = q.desil_min;
    f.desil_max = q.desil_max;
    return {};
}

Result<std::optional<store::ListFilter>> anggota_filter(Actor const& actor, ListQuery const& q,
                                                        access::Keyring const& keyring, db::Connection& c) {
    using Out = std::optional<store::ListFilter>;
    auto ranges = PILAR_TRY(visible_ranges(actor, q.kode_wilayah));
    if (!ranges) return Out{};
    store::ListFilter f;
    f.ranges = std::move(*ranges);
    if (q.nik) {
        auto nik = Nik::parse(*q.nik);
        if (!nik) return fail(nik.error().at_field("nik"));
        f.nik_bi = keyring.blind_index("nik", nik->str());
    }
    if (q.no_kk) {
        auto kk = NoKk::parse(*q.no_kk);
        if (!kk) return fail(kk.error().at_field("no_kk"));
        auto kid = PILAR_TRY(store::keluarga_id_by_kk(c, keyring.blind_index("no_kk", kk->str())));
        if (!kid) return Out{};
        f.keluarga_id = *kid;
    }
    if (q.keluarga_id) {
        if (f.keluarga_id && *f.keluarga_id != *q.keluarga_id) return Out{};
        f.keluarga_id = q.keluarga_id;
    }
    if (q.nama) {
        auto n = store::lower_name(*q.nama);
        if (n.empty()) return fail(invalid("nama", {"nama kosong", "empty name"}));
        f.nama_prefix = n;
    }
    if (q.ppks) {
        if (*q.ppks < 1 || *q.ppks > 26) return fail(invalid("ppks", {"ppks harus 1 sampai 26", "ppks must be 1 to 26"}));
        f.ppks = q.ppks;
    }
    if (q.status_keberadaan) {
        std::string v = *q.status_keberadaan;
        if (auto e = validate_value({"status_keberadaan", false, Kind::Code}, v, Date::today()))
            return fail(invalid("status_keberadaan", *e));
        f.status_keberadaan = v;
    }
    if (q.status_padan) {
        std::string v = *q.status_padan;
        if (auto e = validate_value({"status_padan", false, Kind::Code}, v, Date::today())) return fail(invalid("status_padan", *e));
        f.status_padan = v;
    }
    PILAR_TRY(desil_range(q, f));
    return Out{std::move(f)};
}

Result<std::optional<store::ListFilter>> keluarga_filter(Actor const& actor, ListQuery const& q,
                                                         access::Keyring const& keyring) {
    using Out = std::optional<store::ListFilter>;
    auto ranges = PILAR_TRY(visible_ranges(actor, q.kode_wilayah));
    if (!ranges) return Out{};
    store::ListFilter f;
    f.ranges = std::move(*ranges);
    if (q.no_kk) {
        auto kk = NoKk::parse(*q.no_kk);
        if (!kk) return fail(kk.error().at_field("no_kk"));
        f.no_kk_bi = keyring.blind_index("no_kk", kk->str());
    }
    PILAR_TRY(desil_range(q, f));
    return Out{std::move(f)};
}

void split_disabilitas(std::string_view stored, std::string& jenis, std::string& tingkat) {
    auto colon = stored.find(':');
    jenis.assign(stored.substr(0, colon));
    if (colon == std::string_view::npos) tingkat.clear();
    else tingkat.assign(stored.substr(colon + 1));
}

}  // namespace pilar::registry
