// SQL of the dashboard aggregates (migration 0008). Reads take an Area: the kelurahan-level rows
// at or below one dotted code, a prefix range over `kode`. The recount views (dash_*_hitung)
// say what each aggregate means; rebuild() replaces the tables by them and check() compares.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace pilar::dashboard::store {

// The aggregate tables with their recount views and key columns, in rebuild order.
struct Aggregate {
    std::string table, view;
    std::string columns;      // every column, as listed in the view
    std::string key_columns;  // the primary key
};
std::vector<Aggregate> const& aggregates();

// Replaces every aggregate by its recount (inside the caller's write transaction); yields the
// rows written per table.
Result<std::vector<std::pair<std::string, std::int64_t>>> rebuild(db::Connection& c);

// Rows where an aggregate and its recount differ (zero counts are absent rows), at most `limit`
// described as "table: key stored=.. recount=..". Empty: they agree.
Result<std::vector<std::string>> check(db::Connection& c, int limit = 50);

// One count of dash_jumlah summed per child area (`child_len`: the length of the child codes,
// e.g. 8 for kecamatan) and `kunci`.
struct Count {
    std::string kode;  // the child area
    std::string ukuran, kunci;
    std::int64_t n = 0;
};
Result<std::vector<Count>> counts(db::Connection& c, std::string const& area, std::size_t child_len,
                                  std::vector<std::string> const& ukuran);

struct RwCoverage {
    std::string kode;  // the child area
    std::int64_t rw = 0, rw_psm = 0;
};
Result<std::vector<RwCoverage>> rw_coverage(db::Connection& c, std::string const& area, std::size_t child_len);
// Active RWs with no active PSM, by code, at most `limit`.
Result<std::vector<std::string>> rw_without_psm(db::Connection& c, std::string const& area, int limit);

struct Activity {
    std::string hari, username, jenis;
    std::int64_t n = 0;
};
// Per day, user and kind since `from` (YYYY-MM-DD).
Result<std::vector<Activity>> activity(db::Connection& c, std::string const& area, std::string const& from);

struct Cell {
    double lat = 0, lon = 0;
    std::int64_t n = 0;
};
struct Box {
    double south = -90, west = -180, north = 90, east = 180;
};
// Map cells of `tingkat` inside the box (cells of one place in two kecamatan are merged).
Result<std::vector<Cell>> cells(db::Connection& c, std::string const& area, int tingkat, Box const& box, int limit);
double cell_size(int tingkat);

// Names of the area and its children (kode -> nama), from the wilayah tree.
Result<std::vector<std::pair<std::string, std::string>>> names(db::Connection& c, std::string const& area);
// Ground-check list names by id.
Result<std::vector<std::pair<std::int64_t, std::string>>> daftar_names(db::Connection& c, std::vector<std::int64_t> const& ids);

}  // namespace pilar::dashboard::store
