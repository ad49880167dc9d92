// Micro-benchmarks of src/core hot paths that every import runs per row: CSV parsing and NIK
// validation. Run: build/release/bench/bench_core
#include <benchmark/benchmark.h>

#include <string>

#include "core/csv.hpp"
#include "core/nik.hpp"
#include "core/wilayah_code.hpp"

namespace {

std::string make_csv(int rows) {
    std::string out = "record_id,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,rt,rw,kode_wilayah\n";
    for (int i = 0; i < rows; ++i)
        out += std::to_string(i) + ",3671014507900" + std::to_string(100 + i % 900) +
               ",\"Siti Aminah, S.Pd\",P,Tangerang,1990-07-05,\"Jl. Melati No. " + std::to_string(i % 200) +
               "\",004,012,36.71.01.1001\n";
    return out;
}

void BM_CsvRead(benchmark::State& state) {
    std::string data = make_csv(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto reader = pilar::CsvReader::from_string(data).value();
        pilar::CsvRecord rec;
        std::size_t fields = 0;
        while (reader.next(rec).value()) fields += rec.size();
        benchmark::DoNotOptimize(fields);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_CsvRead)->Arg(100000);

void BM_NikParse(benchmark::State& state) {
    std::string nik = "3671014507900001";
    for (auto _ : state) benchmark::DoNotOptimize(pilar::Nik::parse(nik));
}
BENCHMARK(BM_NikParse);

void BM_WilayahCodeParse(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(pilar::WilayahCode::parse("36.71.01.1001.004.012"));
}
BENCHMARK(BM_WilayahCodeParse);

}  // namespace

BENCHMARK_MAIN();
