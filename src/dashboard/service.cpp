#include "dashboard/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/wilayah_code.hpp"
#include "dashboard/store.hpp"

namespace pilar::dashboard {

std::string tile_origin(std::string_view url) {
    for (std::string_view scheme : {"https://", "http://"}) {
        if (!url.starts_with(scheme)) continue;
        auto end = url.find('/', scheme.size());
        auto origin = url.substr(0, end);
        // {s}.tile.example.org: any subdomain of the host
        if (auto brace = origin.find("{s}."); brace != std::string_view::npos)
            return fmt::format("{}*.{}", origin.substr(0, brace), origin.substr(brace + 4));
        return std::string(origin);
    }
    return {};
}

void DashboardService::add_panel(Panel panel) { m_panels.push_back(std::move(panel)); }

std::vector<Panel const*> DashboardService::panels_for(Actor const& actor) const {
    std::vector<Panel const*> out;
    for (auto const& p : m_panels)
        if (actor.is_system() || std::find(p.roles.begin(), p.roles.end(), actor.role) != p.roles.end()) out.push_back(&p);
    return out;
}

Result<std::string> DashboardService::area_for(Actor const& actor, std::optional<std::string> const& kode) const {
    if (!kode || kode->empty()) {
        if (actor.scope.size() == 1) return actor.scope.front().dotted();
        return fail(Error(ErrorCode::InvalidArgument, {"kode_wilayah wajib diisi", "kode_wilayah is required"}).at_field("kode_wilayah"));
    }
    auto code = WilayahCode::parse(*kode);
    if (!code) return fail(code.error().at_field("kode_wilayah"));
    auto t = code->tingkat();
    if (t == Tingkat::Rw || t == Tingkat::Rt)
        return fail(Error(ErrorCode::InvalidArgument, {"Dasbor dihitung per kelurahan: pilih kota, kecamatan atau kelurahan",
                                                       "Dashboards count per kelurahan: choose a kota, kecamatan or kelurahan"})
                        .at_field("kode_wilayah"));
    if (!actor.is_system() && !actor.in_scope(*code))
        return fail(Error(ErrorCode::NotFound, {fmt::format("Wilayah {} di luar wilayah tugas Anda", code->dotted()),
                                                fmt::format("Region {} is outside your area", code->dotted())})
                        .at_field("kode_wilayah"));
    return code->dotted();
}

Result<boost::json::object> DashboardService::panel(Actor const& actor, std::string_view id, std::optional<std::string> const& kode,
                                                    std::function<std::optional<std::string>(std::string_view)> param) const {
    Panel const* found = nullptr;
    for (auto const* p : panels_for(actor))
        if (p->id == id) found = p;
    if (!found) {
        bool exists = std::any_of(m_panels.begin(), m_panels.end(), [&](auto const& p) { return p.id == id; });
        if (exists)
            return fail(ErrorCode::PermissionDenied, {fmt::format("Peran Anda tidak membuka panel {}", id),
                                                      fmt::format("Your role may not open panel {}", id)});
        return fail(ErrorCode::NotFound, {fmt::format("Panel {} tidak ada", id), fmt::format("No panel {}", id)});
    }
    auto area = PILAR_TRY(area_for(actor, kode));
    // Codes are fixed-width by level: provinsi 2, kota 5, kecamatan 8, kelurahan 13 characters.
    std::size_t child = area.size() <= 2 ? 5 : area.size() <= 5 ? 8 : 13;
    auto c = PILAR_TRY(m_db.acquire());
    auto snapshot = PILAR_TRY(c->begin(db::TxMode::Read));  // the panel's queries see one state
    PanelContext ctx{actor, *c, area, child, std::move(param)};
    auto body = PILAR_TRY(found->build(ctx));
    body["panel"] = found->id;
    body["kode_wilayah"] = area;
    return body;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> DashboardService::rebuild(Actor const& actor) {
    if (!actor.is_system())
        return fail(ErrorCode::PermissionDenied, {"Hanya dari konsol (pilar dashboard rebuild)", "Console only (pilar dashboard rebuild)"});
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto out = PILAR_TRY(store::rebuild(*c));
    PILAR_TRY(tx.commit());
    return out;
}

Result<std::vector<std::string>> DashboardService::check() const {
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
    return store::check(*c);
}

}  // namespace pilar::dashboard
