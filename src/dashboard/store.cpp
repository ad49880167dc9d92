#include "dashboard/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pilar::dashboard::store {
namespace {

// [area, area + "/"): the area's own rows and every code below it ('/' sorts right after '.').
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

Result<std::vector<Count>> counts(db::Connection& c, std::string const& area, std::size_t child_len,
                                  std::vector<std::string> const& ukuran) {
    std::string in;
    for (std::size_t i = 0; i < ukuran.size(); ++i) in += i ? ", ?" : "?";
    auto s = PILAR_TRY(c.prepare(fmt::format(
        "SELECT substr(kode, 1, ?), ukuran, kunci, sum(n) FROM dash_jumlah WHERE ukuran IN ({}) AND kode >= ? AND kode < ? "
        "GROUP BY substr(kode, 1, ?), ukuran, kunci HAVING sum(n) <> 0 ORDER BY 1, 2, 3",
        in)));
    int i = 1;
    PILAR_TRY(s.bind(i++, static_cast<std::int64_t>(child_len)));
    for (auto const& u : ukuran) PILAR_TRY(s.bind(i++, u));
    PILAR_TRY(s.bind(i++, area));
    PILAR_TRY(s.bind(i++, upper(area)));
    PILAR_TRY(s.bind(i++, static_cast<std::int64_t>(child_len)));
    std::vector<Count> out;
    while (PILAR_TRY(s.step())) out.push_back({s.string(0), s.string(1), s.string(2), s.integer(3)});
    return out;
}

Result<std::vector<RwCoverage>> rw_coverage(db::Connection& c, std::string const& area, std::size_t child_len) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT substr(kode, 1, ?), count(*), sum(CASE WHEN psm > 0 THEN 1 ELSE 0 END) FROM dash_rw "
        "WHERE aktif = 1 AND kode >= ? AND kode < ? GROUP BY substr(kode, 1, ?) ORDER BY 1"));
    PILAR_TRY(s.bind_all(static_cast<std::int64_t>(child_len), area, upper(area), static_cast<std::int64_t>(child_len)));
    std::vector<RwCoverage> out;
    while (PILAR_TRY(s.step())) out.push_back({s.string(0), s.integer(1), s.integer(2)});
    return out;
}

Result<std::vector<std::string>> rw_without_psm(db::Connection& c, std::string const& area, int limit) {
    auto s = PILAR_TRY(c.prepare("SELECT kode FROM dash_rw WHERE aktif = 1 AND psm <= 0 AND kode >= ? AND kode < ? "
                                 "ORDER BY kode LIMIT ?"));
    PILAR_TRY(s.bind_all(area, upper(area), limit));
    std::vector<std::string> out;
    while (PILAR_TRY(s.step())) out.push_back(s.string(0));
    return out;
}

Result<std::vector<Activity>> activity(db::Connection& c, std::string const& area, std::string const& from) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT hari, username, jenis, sum(n) FROM dash_aktivitas WHERE hari >= ? AND kode >= ? AND kode < ? "
        "GROUP BY hari, username, jenis HAVING sum(n) <> 0 ORDER BY hari, username, jenis"));
    PILAR_TRY(s.bind_all(from, area, upper(area)));
    std::vector<Activity> out;
    while (PILAR_TRY(s.step())) out.push_back({s.string(0), s.string(1), s.string(2), s.integer(3)});
    return out;
}

double cell_size(int tingkat) { return tingkat <= 0 ? 0.02 : tingkat == 1 ? 0.005 : 0.001; }

Result<std::vector<Cell>> cells(db::Connection& c, std::string const& area, int tingkat, Box const& box, int limit) {
    // Map cells are kept per kecamatan: a narrower area shows its kecamatan's.
    std::string const kode = area.substr(0, std::min<std::size_t>(area.size(), 8));
    double const size = cell_size(tingkat);
    auto cell_of = [size](double v, double shift) { return static_cast<std::int64_t>(std::floor((v + shift) / size)); };
    auto s = PILAR_TRY(c.prepare(
        "SELECT sum(n), sum(lat_e6), sum(lon_e6) FROM dash_peta WHERE tingkat = ? AND kode >= ? AND kode < ? "
        "AND y BETWEEN ? AND ? AND x BETWEEN ? AND ? GROUP BY y, x HAVING sum(n) > 0 LIMIT ?"));
    PILAR_TRY(s.bind_all(tingkat, kode, upper(kode), cell_of(box.south, 90), cell_of(box.north, 90), cell_of(box.west, 180),
                         cell_of(box.east, 180), limit));
    std::vector<Cell> out;
    while (PILAR_TRY(s.step())) {
        auto n = s.integer(0);
        out.push_back({static_cast<double>(s.integer(1)) / 1e6 / static_cast<double>(n),
                       static_cast<double>(s.integer(2)) / 1e6 / static_cast<double>(n), n});
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
