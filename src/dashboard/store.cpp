#include "dashboard/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace pilar::dashboard::store {
namespace {

// [area, area + "/"): the area's own rows and every code below it ('/' sorts right after '.').
// Text is bound without copying (SQLITE_STATIC): keep the bound string alive until the scan ends.
std::string upper(std::string const& area) { return area + "/"; }

}  // namespace

std::vector<Aggregate> const& aggregates() {
    static std::vector<Aggregate> const all = {
        {"dash_jumlah", "dash_jumlah_hitung", "ukuran, kode, kunci, n", "ukuran, kode, kunci"},
        {"dash_peta", "dash_peta_hitung", "tingkat, kode, y, x, n, lat_e6, lon_e6", "tingkat, kode, y, x"},
        {"dash_aktivitas", "dash_aktivitas_hitung", "hari, kode, username, jenis, n", "hari, kode, username, jenis"},
        {"dash_rw", "dash_rw_hitung", "kode, aktif, psm", "kode"},
    };
    return all;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> rebuild(db::Connection& c) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (auto const& a : aggregates()) {
        PILAR_TRY(c.execute(fmt::format("DELETE FROM {}", a.table)));
        auto n = PILAR_TRY(c.execute(fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM {2}", a.table, a.columns, a.view)));
        out.emplace_back(a.table, n);
    }
    return out;
}

Result<std::vector<std::string>> check(db::Connection& c, int limit) {
    std::vector<std::string> out;
    for (auto const& a : aggregates()) {
        // Rows of one side that the other lacks; zero counts (n = 0, or psm = 0 for an RW that
        // exists on both sides) are compared like any value, except that a stored row with
        // n = 0 equals no row at all.
        std::string const nonzero = a.table == "dash_rw" ? "1 = 1" : "n <> 0";
        for (auto [from, other, label] : {std::tuple{a.table, a.view, "stored"}, std::tuple{a.view, a.table, "recount"}}) {
            auto s = PILAR_TRY(c.prepare(fmt::format("SELECT {0} FROM {1} WHERE {3} EXCEPT SELECT {0} FROM {2} WHERE {3} LIMIT {4}",
                                                     a.columns, from, other, nonzero, limit)));
            while (PILAR_TRY(s.step())) {
                std::string row;
                for (int i = 0; i < s.column_count(); ++i) row += fmt::format("{}{}", i ? "," : "", s.is_null(i) ? "NULL" : s.string(i));
                out.push_back(fmt::format("{}: {} only in {} ({})", a.table, row, label, a.columns));
                if (static_cast<int>(out.size()) >= limit) return out;
            }
        }
    }
    return out;
}

// The reads below scan their aggregate's primary-key range and sum in memory: a few thousand
// rows at most (the kota), and SQLite's GROUP BY over substr() with a temporary B-tree cost
// 10-20 times the scan itself (bench/RESULTS.md).

Result<std::vector<Count>> counts(db::Connection& c, std::string const& area, std::size_t child_len,
                                  std::vector<std::string> const& ukuran) {
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> sums;
    std::string const hi = upper(area);
    for (auto const& u : ukuran) {
        auto s = PILAR_TRY(c.prepare("SELECT kode, kunci, n FROM dash_jumlah WHERE ukuran = ? AND kode >= ? AND kode < ?"));
        PILAR_TRY(s.bind_all(u, area, hi));
        while (PILAR_TRY(s.step())) {
            auto kode = s.text(0);
            sums[{std::string(kode.substr(0, std::min(child_len, kode.size()))), u, s.string(1)}] += s.integer(2);
        }
    }
    std::vector<Count> out;
    for (auto& [key, n] : sums)
        if (n != 0) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
    return out;
}

Result<std::vector<RwCoverage>> rw_coverage(db::Connection& c, std::string const& area, std::size_t child_len) {
    auto s = PILAR_TRY(c.prepare("SELECT kode, psm FROM dash_rw WHERE kode >= ? AND kode < ? AND aktif = 1"));
    std::string const hi = upper(area);
    PILAR_TRY(s.bind_all(area, hi));
    std::map<std::string, RwCoverage> per;
    while (PILAR_TRY(s.step())) {
        auto kode = s.text(0);
        std::string child(kode.substr(0, std::min(child_len, kode.size())));
        auto& r = per[child];
        r.kode = child;
        ++r.rw;
        if (s.integer(1) > 0) ++r.rw_psm;
    }
    std::vector<RwCoverage> out;
    for (auto& [k, r] : per) out.push_back(std::move(r));
    return out;
}

Result<std::vector<std::string>> rw_without_psm(db::Connection& c, std::string const& area, int limit) {
    auto s = PILAR_TRY(c.prepare("SELECT kode FROM dash_rw WHERE kode >= ? AND kode < ? AND aktif = 1 AND psm <= 0 "
                                 "ORDER BY kode LIMIT ?"));
    std::string const hi = upper(area);
    PILAR_TRY(s.bind_all(area, hi, limit));
    std::vector<std::string> out;
    while (PILAR_TRY(s.step())) out.push_back(s.string(0));
    return out;
}

Result<std::vector<Activity>> activity(db::Connection& c, std::string const& area, std::string const& from) {
    auto s = PILAR_TRY(c.prepare("SELECT hari, username, jenis, n FROM dash_aktivitas WHERE hari >= ? AND kode >= ? AND kode < ?"));
    std::string const hi = upper(area);
    PILAR_TRY(s.bind_all(from, area, hi));
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> sums;
    while (PILAR_TRY(s.step())) sums[{s.string(0), s.string(1), s.string(2)}] += s.integer(3);
    std::vector<Activity> out;
    for (auto& [key, n] : sums)
        if (n != 0) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
    return out;
}

double cell_size(int tingkat) { return tingkat <= 0 ? 0.02 : tingkat == 1 ? 0.005 : 0.001; }

Result<std::vector<Cell>> cells(db::Connection& c, std::string const& area, int tingkat, Box const& box, int limit) {
    // Map cells are kept per kecamatan: a narrower area shows its kecamatan's.
    std::string const kode = area.substr(0, std::min<std::size_t>(area.size(), 8));
    double const size = cell_size(tingkat);
    auto cell_of = [size](double v, double shift) { return static_cast<std::int64_t>(std::floor((v + shift) / size)); };
    auto s = PILAR_TRY(c.prepare(
        "SELECT y, x, n, lat_e6, lon_e6 FROM dash_peta WHERE tingkat = ? AND kode >= ? AND kode < ? "
        "AND y BETWEEN ? AND ? AND x BETWEEN ? AND ?"));
    std::string const hi = upper(kode);
    PILAR_TRY(s.bind_all(tingkat, kode, hi, cell_of(box.south, 90), cell_of(box.north, 90), cell_of(box.west, 180),
                         cell_of(box.east, 180)));
    // A place on a kecamatan border has a cell in each: merged here.
    struct Sum {
        std::int64_t n = 0, lat = 0, lon = 0;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, Sum> merged;
    while (PILAR_TRY(s.step())) {
        auto& m = merged[{s.integer(0), s.integer(1)}];
        m.n += s.integer(2);
        m.lat += s.integer(3);
        m.lon += s.integer(4);
    }
    std::vector<Cell> out;
    for (auto const& [key, m] : merged) {
        if (m.n <= 0) continue;
        if (static_cast<int>(out.size()) >= limit) break;
        out.push_back({static_cast<double>(m.lat) / 1e6 / static_cast<double>(m.n),
                       static_cast<double>(m.lon) / 1e6 / static_cast<double>(m.n), m.n});
    }
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> names(db::Connection& c, std::string const& area) {
    auto s = PILAR_TRY(c.prepare("SELECT kode, nama FROM wilayah WHERE kode = ? OR induk = ? ORDER BY kode"));
    PILAR_TRY(s.bind_all(area, area));
    std::vector<std::pair<std::string, std::string>> out;
    while (PILAR_TRY(s.step())) out.emplace_back(s.string(0), s.string(1));
    return out;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> daftar_names(db::Connection& c, std::vector<std::int64_t> const& ids) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (auto id : ids) {
        auto nama = PILAR_TRY(c.query_value<std::string>("SELECT nama FROM daftar_periksa WHERE id = ?", id));
        out.emplace_back(id, nama.value_or(""));
    }
    return out;
}

}  // namespace pilar::dashboard::store
