// The built-in dashboard panels. Each reads only the aggregates of migration 0008 (and names of
// regions and lists), so its cost does not grow with the registry.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/date.hpp"
#include "core/strings.hpp"
#include "dashboard/service.hpp"
#include "dashboard/store.hpp"

namespace pilar::dashboard {
namespace {

namespace json = boost::json;

std::vector<Role> const kSupervisors = {Role::Kepala, Role::Operator, Role::Tksk};

// {kode: nama} of the area and its children, and the area's own name.
Result<std::map<std::string, std::string>> name_map(PanelContext const& ctx) {
    std::map<std::string, std::string> out;
    for (auto& [k, v] : PILAR_TRY(store::names(ctx.db, ctx.area))) out.emplace(std::move(k), std::move(v));
    return out;
}

json::object area_object(std::map<std::string, std::string> const& names, std::string const& kode) {
    auto it = names.find(kode);
    return json::object{{"kode", kode}, {"nama", it == names.end() ? json::value(nullptr) : json::value(it->second)}};
}

Result<int> int_param(PanelContext const& ctx, std::string_view name, int lo, int hi, int fallback) {
    auto v = ctx.param(name);
    if (!v || v->empty()) return fallback;
    if (v->size() > 6 || !is_all_digits(*v) || std::stoi(*v) < lo || std::stoi(*v) > hi)
        return fail(Error(ErrorCode::InvalidArgument, {fmt::format("{} harus {} sampai {}", name, lo, hi),
                                                       fmt::format("{} must be {} to {}", name, lo, hi)})
                        .at_field(std::string(name)));
    return std::stoi(*v);
}

// Households, persons and open PPKS classifications, per category and per child area.
Result<json::object> wilayah_panel(PanelContext const& ctx) {
    auto rows = PILAR_TRY(store::counts(ctx.db, ctx.area, ctx.child_len, {"keluarga", "jiwa", "ppks"}));
    auto names = PILAR_TRY(name_map(ctx));
    std::map<std::string, json::object> per;
    std::map<int, std::int64_t> per_ppks;
    std::int64_t keluarga = 0, jiwa = 0, ppks = 0;
    for (auto const& r : rows) {
        auto& o = per[r.kode];
        if (o.empty()) {
            o = area_object(names, r.kode);
            o["keluarga"] = 0;
            o["jiwa"] = 0;
            o["ppks"] = 0;
        }
        if (r.ukuran == "ppks") {
            per_ppks[std::stoi(r.kunci)] += r.n;
            o["ppks"] = o["ppks"].as_int64() + r.n;
            ppks += r.n;
        } else {
            o[r.ukuran] = o[r.ukuran].as_int64() + r.n;
            (r.ukuran == "jiwa" ? jiwa : keluarga) += r.n;
        }
    }
    json::array areas, categories;
    for (auto& [k, o] : per) areas.push_back(std::move(o));
    for (auto const& [code, n] : per_ppks) categories.push_back(json::object{{"ppks", code}, {"n", n}});
    return json::object{{"wilayah", area_object(names, ctx.area)},
                        {"total", json::object{{"keluarga", keluarga}, {"jiwa", jiwa}, {"ppks", ppks}}},
                        {"per_ppks", std::move(categories)},
                        {"per_wilayah", std::move(areas)}};
}

// Proposals per workflow state, overall and per child area.
Result<json::object> usulan_panel(PanelContext const& ctx) {
    auto rows = PILAR_TRY(store::counts(ctx.db, ctx.area, ctx.child_len, {"usulan"}));
    auto names = PILAR_TRY(name_map(ctx));
    json::object per_status;
    std::map<std::string, json::object> per;
    std::int64_t total = 0;
    for (auto const& r : rows) {
        per_status[r.kunci] = (per_status.contains(r.kunci) ? per_status[r.kunci].as_int64() : 0) + r.n;
        auto& o = per[r.kode];
        if (o.empty()) {
            o = area_object(names, r.kode);
            o["per_status"] = json::object{};
        }
        o["per_status"].as_object()[r.kunci] = r.n;
        total += r.n;
    }
    json::array areas;
    for (auto& [k, o] : per) areas.push_back(std::move(o));
    return json::object{{"total", total}, {"per_status", std::move(per_status)}, {"per_wilayah", std::move(areas)}};
}

// Duplicate pairs waiting for review (migration 0011: 'duplikat', counted at member a's kelurahan).
Result<json::object> duplikat_panel(PanelContext const& ctx) {
    auto rows = PILAR_TRY(store::counts(ctx.db, ctx.area, ctx.child_len, {"duplikat"}));
    auto names = PILAR_TRY(name_map(ctx));
    std::int64_t total = 0;
    json::array areas;
    for (auto const& r : rows) {
        if (r.n <= 0) continue;
        auto o = area_object(names, r.kode);
        o["menunggu"] = r.n;
        areas.push_back(std::move(o));
        total += r.n;
    }
    return json::object{{"menunggu", total}, {"per_wilayah", std::move(areas)}};
}

// Ground-check progress: per list (newest first) and per child area over every list.
Result<json::object> periksa_panel(PanelContext const& ctx) {
    auto rows = PILAR_TRY(store::counts(ctx.db, ctx.area, ctx.child_len, {"periksa"}));
    auto names = PILAR_TRY(name_map(ctx));
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>, std::greater<>> lists;  // id -> (selesai, total)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> areas;
    std::int64_t selesai = 0, total = 0;
    for (auto const& r : rows) {
        auto colon = r.kunci.find(':');
        if (colon == std::string::npos) continue;
        auto id = std::stoll(r.kunci.substr(0, colon));
        bool done = r.kunci.substr(colon + 1) == "selesai";
        auto& l = lists[id];
        auto& a = areas[r.kode];
        if (done) l.first += r.n, a.first += r.n, selesai += r.n;
        l.second += r.n, a.second += r.n, total += r.n;
    }
    std::vector<std::int64_t> ids;
    for (auto const& [id, v] : lists) ids.push_back(id);
    if (ids.size() > 20) ids.resize(20);
    json::array list_out, area_out;
    for (auto const& [id, nama] : PILAR_TRY(store::daftar_names(ctx.db, ids)))
        list_out.push_back(json::object{{"daftar_id", id}, {"nama", nama}, {"selesai", lists[id].first}, {"total", lists[id].second}});
    for (auto const& [k, v] : areas) {
        auto o = area_object(names, k);
        o["selesai"] = v.first;
        o["total"] = v.second;
        area_out.push_back(std::move(o));
    }
    return json::object{{"selesai", selesai}, {"total", total}, {"per_daftar", std::move(list_out)}, {"per_wilayah", std::move(area_out)}};
}

// PSM coverage: active RWs with and without an active PSM of the workforce roster (dash_rw,
// migration 0013), and which ones lack one.
Result<json::object> psm_panel(PanelContext const& ctx) {
    auto rows = PILAR_TRY(store::rw_coverage(ctx.db, ctx.area, ctx.child_len));
    auto names = PILAR_TRY(name_map(ctx));
    constexpr int kListed = 200;
    auto missing = PILAR_TRY(store::rw_without_psm(ctx.db, ctx.area, kListed + 1));
    std::int64_t rw = 0, rw_psm = 0;
    json::array areas;
    for (auto const& r : rows) {
        auto o = area_object(names, r.kode);
        o["rw"] = r.rw;
        o["rw_psm"] = r.rw_psm;
        areas.push_back(std::move(o));
        rw += r.rw;
        rw_psm += r.rw_psm;
    }
    json::array tanpa;
    for (std::size_t i = 0; i < missing.size() && i < kListed; ++i) tanpa.push_back(json::value(missing[i]));
    return json::object{{"rw", rw},
                        {"rw_psm", rw_psm},
                        {"per_wilayah", std::move(areas)},
                        {"rw_tanpa_psm", std::move(tanpa)},
                        {"rw_tanpa_psm_lengkap", missing.size() <= kListed}};
}

// Field activity over the last `hari` days (default 30, today included): per user and per day.
Result<json::object> aktivitas_panel(PanelContext const& ctx) {
    int const days = PILAR_TRY(int_param(ctx, "hari", 1, 90, 30));
    auto today = Date::today();
    auto day = [&](int offset) { return Date::from_days(today.days_since_epoch() + offset).iso(); };
    auto from = day(-(days - 1));
    auto rows = PILAR_TRY(store::activity(ctx.db, ctx.area, from));
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_user, per_day;  // (usulan, periksa)
    for (auto const& r : rows) {
        auto& u = per_user[r.username];
        auto& d = per_day[r.hari];
        (r.jenis == "usulan" ? u.first : u.second) += r.n;
        (r.jenis == "usulan" ? d.first : d.second) += r.n;
    }
    std::vector<std::pair<std::string, std::pair<std::int64_t, std::int64_t>>> users(per_user.begin(), per_user.end());
    std::stable_sort(users.begin(), users.end(), [](auto const& a, auto const& b) {
        return a.second.first + a.second.second > b.second.first + b.second.second;
    });
    json::array user_out, day_out;
    for (auto const& [name, v] : users)
        user_out.push_back(json::object{{"username", name}, {"usulan", v.first}, {"periksa", v.second}});
    for (int i = 0; i < days; ++i) {
        auto d = day(-(days - 1) + i);
        auto it = per_day.find(d);
        auto v = it == per_day.end() ? std::pair<std::int64_t, std::int64_t>{0, 0} : it->second;
        day_out.push_back(json::object{{"hari", d}, {"usulan", v.first}, {"periksa", v.second}});
    }
    return json::object{{"dari", from}, {"sampai", today.iso()}, {"per_petugas", std::move(user_out)}, {"per_hari", std::move(day_out)}};
}

Result<double> real_param(std::string_view text, std::string_view field, double lo, double hi) {
    try {
        std::size_t used = 0;
        double v = std::stod(std::string(text), &used);
        if (used == text.size() && v >= lo && v <= hi) return v;
    } catch (...) {
    }
    return fail(Error(ErrorCode::InvalidArgument, {"bbox harus selatan,barat,utara,timur dalam derajat",
                                                   "bbox must be south,west,north,east in degrees"})
                    .at_field(std::string(field)));
}

// Households with GPS as clusters on a grid: `tingkat` 0..2 (coarse to fine), inside `bbox`.
Result<json::object> peta_panel(PanelContext const& ctx) {
    int const tingkat = PILAR_TRY(int_param(ctx, "tingkat", 0, 2, 0));
    store::Box box;
    if (auto b = ctx.param("bbox"); b && !b->empty()) {
        auto parts = split(*b, ',');
        if (parts.size() != 4)
            return fail(Error(ErrorCode::InvalidArgument, {"bbox harus selatan,barat,utara,timur dalam derajat",
                                                           "bbox must be south,west,north,east in degrees"})
                            .at_field("bbox"));
        box.south = PILAR_TRY(real_param(parts[0], "bbox", -90, 90));
        box.west = PILAR_TRY(real_param(parts[1], "bbox", -180, 180));
        box.north = PILAR_TRY(real_param(parts[2], "bbox", -90, 90));
        box.east = PILAR_TRY(real_param(parts[3], "bbox", -180, 180));
    }
    constexpr int kMaxCells = 4000;
    auto cells = PILAR_TRY(store::cells(ctx.db, ctx.area, tingkat, box, kMaxCells + 1));
    json::array out;
    std::int64_t n = 0;
    for (std::size_t i = 0; i < cells.size() && i < kMaxCells; ++i) {
        auto const& c = cells[i];
        out.push_back(json::array{std::round(c.lat * 1e5) / 1e5, std::round(c.lon * 1e5) / 1e5, c.n});
        n += c.n;
    }
    return json::object{{"tingkat", tingkat}, {"ukuran_sel", store::cell_size(tingkat)}, {"keluarga", n},
                        {"sel", std::move(out)}, {"lengkap", cells.size() <= kMaxCells}};
}

}  // namespace

void register_builtin_panels(DashboardService& dash) {
    dash.add_panel({.id = "wilayah", .roles = kSupervisors,
                    .summary = "Keluarga, jiwa dan PPKS per kategori dan per kecamatan/kelurahan", .build = wilayah_panel});
    dash.add_panel({.id = "usulan", .roles = kSupervisors, .summary = "Usulan per status (alur verivali)", .build = usulan_panel});
    dash.add_panel({.id = "periksa", .roles = kSupervisors, .summary = "Kemajuan pemeriksaan lapangan per daftar dan wilayah",
                    .build = periksa_panel});
    dash.add_panel({.id = "psm", .roles = kSupervisors, .summary = "RW dengan dan tanpa PSM aktif (penugasan roster pilar sosial)", .build = psm_panel});
    dash.add_panel({.id = "aktivitas", .roles = kSupervisors,
                    .summary = "Usulan dan pemeriksaan per petugas dan per hari (?hari=30)", .build = aktivitas_panel});
    dash.add_panel({.id = "duplikat", .roles = kSupervisors, .summary = "Pasangan kemungkinan duplikat yang menunggu tinjauan",
                    .build = duplikat_panel});
    dash.add_panel({.id = "peta", .roles = kSupervisors,
                    .summary = "Kluster keluarga ber-GPS pada grid (?tingkat=0..2&bbox=selatan,barat,utara,timur)",
                    .build = peta_panel});
}

}  // namespace pilar::dashboard
