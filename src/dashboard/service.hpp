// Dashboards: panels over aggregates that the database keeps current on every write (migration
// 0008: triggers on the base tables, so the services, bulk import, offline sync and the CLI all
// update them in their own transaction). A request reads a few hundred aggregate rows, whatever
// the size of the registry.
//
// Adding a panel is one registration (and, when it needs new numbers, a migration with its
// aggregate, its triggers and its recount view):
//
//   dash.add_panel({.id = "kasus", .roles = {Role::Kepala, Role::Operator},
//                   .summary = "Kasus per status",
//                   .build = [](PanelContext const& ctx) -> Result<boost::json::object> {
//                       auto rows = PILAR_TRY(store::counts(ctx.db, ctx.area, ctx.child_len, {"kasus"}));
//                       ...
//                   }});
//
// GET /api/v1/dasbor/kasus then serves it, scoped: `ctx.area` is always a code the caller may
// see (TKSK: their kecamatan or below; office roles: the kota or below).
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "db/database.hpp"

namespace pilar::dashboard {

struct PanelContext {
    Actor const& actor;
    db::Connection& db;
    std::string area;          // dotted: kota, kecamatan or kelurahan, inside the caller's scope
    std::size_t child_len = 0;  // length of the codes one level below `area` (13 for a kelurahan itself)
    std::function<std::optional<std::string>(std::string_view)> param;  // the request's query parameters
};

struct Panel {
    std::string id;               // path segment: GET /api/v1/dasbor/{id}
    std::vector<Role> roles;      // who sees it
    std::string summary;          // one line for the API description
    std::function<Result<boost::json::object>(PanelContext const&)> build;
};

struct MapOptions {
    // Tile URL template ({z}/{x}/{y}), or empty: the map draws its clusters on a plain background.
    std::string tile_url;
    std::string attribution;
};

// The origin ("https://tile.openstreetmap.org") of a tile URL template, for the CSP; empty when
// the URL is empty or not http(s).
std::string tile_origin(std::string_view tile_url);

class DashboardService {
public:
    explicit DashboardService(db::Database& db, MapOptions map = {}) : m_db(db), m_map(std::move(map)) {}

    void add_panel(Panel panel);
    std::vector<Panel> const& panels() const { return m_panels; }
    // The panels this actor may open, in registration order.
    std::vector<Panel const*> panels_for(Actor const& actor) const;
    MapOptions const& map() const { return m_map; }

    // The caller's default area (their one scope code) or `kode`, checked: NotFound when it is
    // outside their scope, InvalidArgument when it is not a kota/kecamatan/kelurahan code.
    Result<std::string> area_for(Actor const& actor, std::optional<std::string> const& kode) const;

    Result<boost::json::object> panel(Actor const& actor, std::string_view id, std::optional<std::string> const& kode,
                                      std::function<std::optional<std::string>(std::string_view)> param) const;

    // Repair: every aggregate replaced by its recount, in one write transaction (system only).
    Result<std::vector<std::pair<std::string, std::int64_t>>> rebuild(Actor const& actor);
    // Differences between the aggregates and a recount (empty: consistent).
    Result<std::vector<std::string>> check() const;

private:
    db::Database& m_db;
    MapOptions m_map;
    std::vector<Panel> m_panels;
};

// The built-in panels: wilayah (households, persons, PPKS by kecamatan/kelurahan), usulan
// (pipeline by state), periksa (ground-check progress), psm (RW coverage), aktivitas (field
// activity in the last 30 days), peta (household clusters for the map).
void register_builtin_panels(DashboardService& dash);

}  // namespace pilar::dashboard
