// The region a synthetic population is spread over: a kab/kota's kecamatan and kelurahan read
// from idn-area-data's CSV files, with the weight of each kelurahan (Kota Tangerang: kecamatan
// population from BPS, shared evenly among its kelurahan; anywhere else: the same for every
// kelurahan), a map position where one is known, and the kecamatan codes of the places people
// were born in (origin_towns()), for their NIK.
//
//   auto area = load_area("node_modules/idn-area-data/data", "36.71");  // or "3671"
//   area->kelurahan.size();        // 104
//   area->kecamatan[4].nama;       // "Cipondoh"
//   area->tempat_lahir_lokal;      // "Tangerang"
//
// Unknown kab/kota: NotFound; a code that is not a kab/kota code: InvalidArgument; the files
// cannot be read: Unavailable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar::synth {

// A position in micro-degrees (integers, so nothing depends on floating-point formatting).
struct MicroDegrees {
    int lat = 0;
    int lon = 0;
};

struct Kecamatan {
    std::string kode;                   // "36.71.05"
    std::string nama;                   // "Cipondoh"
    std::string region6;                // "367105": how a NIK or No. KK issued here starts
    long long penduduk = 0;             // population used as weight; 0 when unknown
    std::optional<MicroDegrees> pusat;  // rough centre, where known
};

struct Kelurahan {
    std::string kode;  // "36.71.05.1001"
    std::string nama;
    int kecamatan = 0;  // index into Area::kecamatan
    int weight = 1;     // relative share of households
    std::optional<MicroDegrees> pusat;
};

// A rectangle that every generated position stays inside.
struct Bounds {
    MicroDegrees min;
    MicroDegrees max;
};

struct Area {
    std::string kota;                // dotted: "36.71"
    std::string nama;                // "Kota Tangerang"
    std::string tempat_lahir_lokal;  // what locals have as tempat_lahir: "Tangerang"
    std::vector<Kecamatan> kecamatan;
    std::vector<Kelurahan> kelurahan;
    // Where the weights come from, for the summary line.
    std::string weighting;
    std::optional<Bounds> bounds;
    // Parallel to origin_towns(): up to two kecamatan codes ("332901") of each origin's kab/kota,
    // empty when the data has none.
    std::vector<std::vector<std::string>> origin_region6;
};

Result<Area> load_area(std::string const& data_dir, std::string_view kota);

}  // namespace pilar::synth
