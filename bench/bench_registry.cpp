// Micro-benchmarks of what the registry's bulk import does per row (src/registry/import.cpp):
// validating an anggota record, sealing it (blind index, encryption, row hash), and the insert.
// Run: build/release/bench/bench_registry. The import's own rate is measured end to end by
// `pilar import` (bench/RESULTS.md); these say where its time goes.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "registry/columns.hpp"
#include "registry/seal.hpp"
#include "registry/store.hpp"

namespace {

using namespace pilar;
using namespace pilar::registry;

AnggotaRecord sample() {
    AnggotaRecord r;
    r[ACol::Nik] = "3671014507900001";
    r[ACol::NoKk] = "3671012001150003";
    r[ACol::Nama] = "Siti Aminah";
    r[ACol::JenisKelamin] = "P";
    r[ACol::TempatLahir] = "Tangerang";
    r[ACol::TanggalLahir] = "1990-07-05";
    r[ACol::Hubungan] = "istri_suami";
    r[ACol::StatusKawin] = "kawin";
    r[ACol::Pendidikan] = "sma";
    r[ACol::Pekerjaan] = "Pedagang";
    r[ACol::StatusKeberadaan] = "ada";
    r[ACol::StatusPadan] = "padan";
    r[ACol::Ppks] = "24";
    return r;
}

access::Keyring const& ring() {
    static auto k = access::Keyring::parse(access::Keyring::generate_line(1), "bench").value();
    return k;
}

void BM_ValidateAnggota(benchmark::State& state) {
    auto base = sample();
    auto today = Date::today();
    std::vector<FieldError> errors;
    for (auto _ : state) {
        auto r = base;
        errors.clear();
        validate(r, today, errors);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ValidateAnggota);

void BM_SealAnggota(benchmark::State& state) {
    store::AnggotaRow row;
    row.meta.id = 1;
    std::vector<int> ppks;
    auto base = sample();
    for (auto _ : state) {
        row.rec = base;
        benchmark::DoNotOptimize(seal_anggota(ring(), row, ppks));
    }
}
BENCHMARK(BM_SealAnggota);

void BM_BlindIndex(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(ring().blind_index("nik", "3671014507900001"));
}
BENCHMARK(BM_BlindIndex);

void BM_Encrypt(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(ring().encrypt("3671014507900001", "anggota.nik#1"));
}
BENCHMARK(BM_Encrypt);

void BM_RowHash(benchmark::State& state) {
    auto r = sample();
    for (auto _ : state) benchmark::DoNotOptimize(row_hash(r));
}
BENCHMARK(BM_RowHash);

void BM_InsertAnggota(benchmark::State& state) {
    auto dir = std::filesystem::temp_directory_path() / "pilar-bench-registry";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto db = db::open_database((dir / "p.db").string()).value();
    (void)db::migrate(*db, builtin_migrations(db->dialect()));
    auto c = db->acquire().value();
    (void)c->exec_script("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536");
    (void)store::suspend_indexes(*c, "anggota");
    auto tx = c->begin(db::TxMode::Write).value();
    store::AnggotaRow row;
    std::vector<int> ppks;
    row.rec = sample();
    row.meta.id = 1;
    (void)seal_anggota(ring(), row, ppks);
    row.keluarga_id = 1;
    row.meta.kode_wilayah = "36.71.01.1001.004.002";
    row.meta.created_at = row.meta.updated_at = "2026-11-28T10:00:00.000";
    row.meta.created_by = row.meta.updated_by = "bench";
    std::int64_t id = 1;
    for (auto _ : state) {
        row.meta.id = id++;
        benchmark::DoNotOptimize(store::insert_anggota(*c, row));
    }
    (void)tx.rollback();
}
BENCHMARK(BM_InsertAnggota);

}  // namespace

BENCHMARK_MAIN();
