// Deterministic synthetic households for demos, imports and benchmarks (`pilar generate`):
// keluarga.csv and anggota.csv in exactly the layout of docs/formats.md, for a kab/kota loaded
// from idn-area-data. Realistic enough to exercise every rule downstream: names of the city's
// groups, NIK and No. KK that agree with region, birth date and sex and never repeat, household
// shapes from a widow living alone to three generations, schooling, work and PPKS that fit age
// and welfare decile, housing and assets that follow the desil. No real person is described.
//
//   auto area = PILAR_TRY(load_area(data_dir, "36.71"));
//   std::string keluarga, anggota;
//   CsvWriter k = CsvWriter::to_string(keluarga), a = CsvWriter::to_string(anggota);
//   auto report = PILAR_TRY(generate(area, {.households = 1000, .seed = 7}, k, a));
//   // report.persons ~ 3,700; the same options give byte-identical output on every machine
//
//   PILAR_TRY(generate_files(area, options, "out/"));   // out/keluarga.csv, out/anggota.csv
//
// Rows are streamed: memory does not grow with the number of households (the only tables are
// the NIK and No. KK serial counters, bounded by regions x dates). Household i depends only on
// the seed and i, so the first 100 households of a run of 1,000 are those of a run of 100.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "synth/area.hpp"

namespace pilar::synth {

// The reference day ages, school years and KK issue dates are computed against. Fixed rather
// than "today", so a seed gives the same files next year too.
inline constexpr int kDefaultAsOfYear = 2026;

struct GeneratorOptions {
    long long households = 1000;
    std::uint64_t seed = 1;
    Date as_of = *Date::create(kDefaultAsOfYear, 1, 1);
    // Write the households sorted by their region (kelurahan, RW, RT code), as a national
    // extract arrives, instead of in generation order. The same households (a household's
    // content still depends only on the seed and its index, only its NIK and No. KK serials
    // follow the writing order); costs 8 bytes of memory per household for the order.
    bool region_order = false;
};

// Up to this many households per run: NIK serials are 4 digits per region and birth date.
inline constexpr long long kMaxHouseholds = 10'000'000;

struct GenerateReport {
    long long households = 0;
    long long persons = 0;
};

// The header rows, in the order of docs/formats.md.
std::span<std::string_view const> keluarga_columns();
std::span<std::string_view const> anggota_columns();

// Writes the header and `options.households` households to `keluarga` and their members to
// `anggota`. InvalidArgument for a household count outside 1..kMaxHouseholds or an as_of
// before 2000; write errors as the writers report them. Does not finish() the writers.
Result<GenerateReport> generate(Area const& area, GeneratorOptions const& options, CsvWriter& keluarga,
                                CsvWriter& anggota);

// generate() into DIR/keluarga.csv and DIR/anggota.csv (DIR is created when missing; files are
// replaced and readable by their owner only, since they look like personal data).
Result<GenerateReport> generate_files(Area const& area, GeneratorOptions const& options, std::string const& dir);

}  // namespace pilar::synth
