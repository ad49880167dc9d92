// `pilar generate --households N --seed S --out DIR [--kota KODE] [--as-of YYYY-MM-DD]`:
// synthetic keluarga.csv and anggota.csv (docs/formats.md) for demos, import tests and benchmarks.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "synth/generator.hpp"
#include "wilayah/service.hpp"

namespace pilar::cli {
namespace {

struct GenerateOptions {
    long long households = 0;
    std::uint64_t seed = 1;
    std::string out;
    std::string kota = "36.71";
    std::string as_of;
    std::string source;
};

Result<void> run_generate(GenerateOptions const& o) {
    // Checked here rather than by CLI11, so the messages come in the user's language.
    if (o.out.empty())
        return fail(ErrorCode::InvalidArgument,
                    {"--out FOLDER wajib: ke mana keluarga.csv dan anggota.csv ditulis",
                     "--out DIR is required: where keluarga.csv and anggota.csv are written"});
    if (o.households < 1 || o.households > synth::kMaxHouseholds)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("--households harus 1 sampai {}, bukan {}", synth::kMaxHouseholds, o.households),
                     fmt::format("--households must be 1 to {}, not {}", synth::kMaxHouseholds, o.households)});
    // Sorted by region, as a national extract arrives (the import stores rows in file order).
    synth::GeneratorOptions options{.households = o.households, .seed = o.seed, .region_order = true};
    if (!o.as_of.empty()) {
        auto d = Date::parse(o.as_of);
        if (!d) return fail(std::move(d.error().at_field("--as-of")));
        options.as_of = *d;
    }
    std::string dir = o.source;
    if (dir.empty()) {
        auto found = wilayah::WilayahService::find_area_data_dir(executable_path());
        if (!found)
            return fail(ErrorCode::Unavailable,
                        {"Data idn-area-data tidak ditemukan; jalankan scripts/bootstrap atau beri --source",
                         "idn-area-data not found; run scripts/bootstrap or pass --source"});
        dir = *found;
    }
    auto area = PILAR_TRY(synth::load_area(dir, o.kota));
    auto report = PILAR_TRY(synth::generate_files(area, options, o.out));
    std::cout << fmt::format(
        "{} keluarga, {} anggota -> {}/keluarga.csv, {}/anggota.csv ({} {}, {} kelurahan, seed {})\n",
        report.households, report.persons, o.out, o.out, area.kota, area.nama, area.kelurahan.size(), o.seed);
    return {};
}

}  // namespace

void register_generate_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<GenerateOptions>();
    auto* g = app.add_subcommand(
        "generate", "Buat data keluarga sintetis (keluarga.csv, anggota.csv) / generate synthetic households");
    g->footer(
        "Menulis DIR/keluarga.csv dan DIR/anggota.csv dengan kolom persis seperti docs/formats.md, siap untuk\n"
        "`pilar import`. Seed yang sama menghasilkan file yang sama persis, di mesin mana pun. Semua orang\n"
        "fiktif; NIK dan No. KK lolos pemeriksaan tetapi bukan milik siapa pun.\n"
        "Writes DIR/keluarga.csv and DIR/anggota.csv with exactly the columns of docs/formats.md, ready for\n"
        "`pilar import`. The same seed gives byte-identical files on any machine. Everyone is fictitious;\n"
        "NIK and No. KK pass the checks but belong to no one.\n"
        "Contoh / example: pilar generate --households 1000 --seed 7 --out data-uji");
    g->add_option("--households", o->households,
                  "Jumlah keluarga (wajib), 1–10.000.000 / number of households (required)");
    g->add_option("--seed", o->seed, "Benih acak; bawaan 1 / random seed; default 1");
    g->add_option("--out", o->out,
                  "Folder tujuan (wajib; dibuat bila belum ada) / output folder (required; created when missing)");
    g->add_option("--kota", o->kota,
                  "Kode kab/kota; bawaan 36.71 (Kota Tangerang, bobot penduduk BPS per kecamatan; kab/kota lain: "
                  "bobot seragam) / kab/kota code; default 36.71");
    g->add_option("--as-of", o->as_of,
                  "Tanggal acuan umur, YYYY-MM-DD; bawaan 2026-01-01 / reference date for ages; default 2026-01-01");
    g->add_option("--source", o->source, "Folder data idn-area-data (bawaan: node_modules/idn-area-data/data)");
    g->callback([&action, o] {
        action = [o] {
            auto r = run_generate(*o);
            return r ? kExitOk : report(r.error());
        };
    });
}

}  // namespace pilar::cli
