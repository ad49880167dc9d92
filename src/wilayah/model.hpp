// The region tree's records. Kemendagri levels (provinsi to kelurahan/desa) come from
// idn-area-data; RW and RT are created, renamed and retired by the office.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/wilayah_code.hpp"

namespace pilar::wilayah {

struct Wilayah {
    std::string kode;  // dotted
    std::string nama;
    Tingkat tingkat = Tingkat::Provinsi;
    std::optional<std::string> jenis;  // "kota"/"kabupaten", "kelurahan"/"desa"
    std::optional<std::string> induk;  // parent's dotted code
    bool active = true;
    std::optional<std::string> retired_at;
    std::optional<std::string> retired_reason;
    std::string source;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 1;
};

struct LoadReport {
    std::string kode;        // what was asked for
    int provinsi = 0, kota = 0, kecamatan = 0, kelurahan = 0;
    int inserted = 0, updated = 0, unchanged = 0;
};

struct ImportReport {
    int rows = 0;
    int created = 0;
    int renamed = 0;
    int unchanged = 0;
};

struct SearchQuery {
    std::string q;                   // name fragment or code prefix
    std::optional<Tingkat> tingkat;  // only this level
    std::optional<std::string> under;  // only below this code (dotted)
    bool include_retired = false;
    int limit = 20;
};

}  // namespace pilar::wilayah
