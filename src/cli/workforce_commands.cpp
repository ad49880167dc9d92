// `pilar workforce coverage|recap|ranking|rules`: the workforce's coverage, monthly recap (with
// incentive eligibility, for finance), performance ranking and each kota's rules from the console,
// through the same service as the API (src/workforce), as the console actor (cli:<OS account>).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "cli/wiring.hpp"
#include "core/csv.hpp"
#include "workforce/export.hpp"

namespace pilar::cli {
namespace {

Error usage(Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)); }

struct WorkforceCliOptions {
    DataOptions data;
    std::string kode_wilayah;
    std::string bulan, periode;
    std::string jenis = "psm";
    std::string out, format;
    std::string kota, kunci, nilai;  // rules
};

// The console acts for the whole kota: the system-like office scope of cli_actor().
Result<std::unique_ptr<App>> open_app(DataOptions const& data) {
    auto database = PILAR_TRY(open_database(data));
    auto keyring = PILAR_TRY(open_keyring(data, *database));
    return build_app(std::move(database), std::move(keyring));
}

// Writes the table to --out (or stdout as CSV), then records the export like the API does.
Result<int> write_or_print(App& app, workforce::Table const& t, WorkforceCliOptions const& o, workforce::Ekspor e) {
    e.baris = t.rows.size();
    if (!o.kode_wilayah.empty()) e.kode_wilayah = o.kode_wilayah;
    if (o.out.empty()) {
        auto out = CsvWriter::to_fd(1);
        PILAR_TRY(out.write_row(std::span<std::string const>(t.header)));
        for (auto const& r : t.rows) PILAR_TRY(out.write_row(std::span<std::string const>(r)));
        PILAR_TRY(out.finish());
        e.format = "csv (stdout)";
        PILAR_TRY(app.workforce->audit_ekspor(cli_actor(), e));
        return kExitOk;
    }
    bool csv = o.format == "csv" || (o.format.empty() && std::filesystem::path(o.out).extension() == ".csv");
    if (!o.format.empty() && o.format != "csv" && o.format != "xlsx")
        return fail(usage({"--format harus csv atau xlsx", "--format must be csv or xlsx"}));
    PILAR_TRY(workforce::write_table(t, csv ? workforce::TableFormat::Csv : workforce::TableFormat::Xlsx, o.out));
    e.format = csv ? "csv" : "xlsx";
    PILAR_TRY(app.workforce->audit_ekspor(cli_actor(), e));
    std::cerr << fmt::format("{} baris ditulis ke {} / {} rows written to {}\n", t.rows.size(), o.out, t.rows.size(), o.out);
    return kExitOk;
}

Result<int> run_coverage(WorkforceCliOptions const& o) {
    if (o.kode_wilayah.empty())
        return fail(usage({"cakupan perlu --wilayah KODE (kota, kecamatan atau kelurahan)", "coverage needs --wilayah CODE (a kota, kecamatan or kelurahan)"}));
    auto app = PILAR_TRY(open_app(o.data));
    auto c = PILAR_TRY(app->workforce->cakupan(cli_actor(), o.kode_wilayah.empty() ? std::nullopt : std::optional(o.kode_wilayah)));
    std::cout << fmt::format("{}: {} RW, {} tercakup, {} tanpa PSM aktif, {} dengan lebih dari satu PSM; {} PSM aktif; {} SK berakhir <= {} hari\n",
                             c.kode_wilayah, c.rw, c.rw_tercakup, c.rw_kosong, c.rw_ganda, c.psm_aktif, c.sk_berakhir.size(),
                             c.sk_peringatan_hari);
    for (auto const& k : c.kelurahan) {
        if (k.kosong.empty() && k.ganda.empty()) continue;
        std::string kosong, ganda;
        for (auto const& r : k.kosong) kosong += (kosong.empty() ? "" : " ") + r.kode.substr(14);
        for (auto const& r : k.ganda) ganda += (ganda.empty() ? "" : " ") + r.kode.substr(14);
        std::cout << fmt::format("  {} {}: kosong [{}] ganda [{}]\n", k.kode, k.nama, kosong, ganda);
    }
    for (auto const& s : c.sk_berakhir)
        std::cout << fmt::format("  SK {} ({} {}) berakhir {} ({} hari)\n", s.sk.nomor, workforce::jenis_name(s.jenis), s.nama, s.sk.selesai, s.sisa_hari);
    return kExitOk;
}

Result<int> run_recap(WorkforceCliOptions const& o) {
    if (o.bulan.empty()) return fail(usage({"rekap perlu --bulan YYYY-MM", "the recap needs --bulan YYYY-MM"}));
    auto jenis = workforce::jenis_from_name(o.jenis);
    if (!jenis) return fail(usage({"--jenis harus psm atau tksk", "--jenis must be psm or tksk"}));
    auto app = PILAR_TRY(open_app(o.data));
    auto r = PILAR_TRY(app->workforce->rekap(cli_actor(), {.bulan = o.bulan,
                                                           .kode_wilayah = o.kode_wilayah.empty() ? std::nullopt : std::optional(o.kode_wilayah),
                                                           .jenis = *jenis}));
    std::cerr << fmt::format("{} pilar sosial, {} layak insentif, total Rp{}\n", r.baris.size(), r.layak, r.total_insentif);
    return write_or_print(*app, workforce::rekap_table(r), o, {.jenis = "rekap", .periode = o.bulan, .jenis_pilar = *jenis});
}

Result<int> run_ranking(WorkforceCliOptions const& o) {
    if (o.periode.empty()) return fail(usage({"peringkat perlu --periode YYYY-MM atau YYYY", "the ranking needs --periode YYYY-MM or YYYY"}));
    auto app = PILAR_TRY(open_app(o.data));
    auto rows = PILAR_TRY(app->workforce->peringkat(cli_actor(), o.periode, o.kode_wilayah.empty() ? std::nullopt : std::optional(o.kode_wilayah)));
    return write_or_print(*app, workforce::peringkat_table(rows), o, {.jenis = "peringkat", .periode = o.periode, .jenis_pilar = workforce::Jenis::Psm});
}

// "500000", "2.5": as the API answers them.
std::string rule_value(workforce::AturanBaris const& b, double v) {
    return b.def.jenis == workforce::JenisAturan::Angka ? fmt::format("{}", v) : fmt::format("{}", static_cast<std::int64_t>(v));
}

void print_rules(workforce::AturanKota const& k) {
    std::cout << fmt::format("kota {}\n", k.kode_kota);
    std::cout << fmt::format("  {:<28} {:>12} {:>12}  {}\n", "kunci/key", "nilai/value", "bawaan/default", "diubah/changed");
    for (auto const& b : k.daftar)
        std::cout << fmt::format("  {:<28} {:>12} {:>12}  {}\n", b.def.kunci, rule_value(b, b.nilai), rule_value(b, b.bawaan),
                                 b.updated_by ? fmt::format("{} {}", *b.updated_by, b.updated_at.value_or("")) : std::string("-"));
}

// Without --kota: every kota the database holds, one after the other.
Result<int> run_rules(WorkforceCliOptions const& o) {
    auto app = PILAR_TRY(open_app(o.data));
    std::vector<std::string> kota;
    if (!o.kota.empty()) kota.push_back(o.kota);
    else
        for (auto const& w : PILAR_TRY(app->wilayah->at_level(Tingkat::Kota))) kota.push_back(w.kode);
    if (kota.empty())
        return fail(Error(ErrorCode::NotFound, {"Belum ada kota/kabupaten; muat dulu dengan `pilar wilayah load KODE`",
                                                "No kota/kabupaten yet; load one with `pilar wilayah load CODE`"}));
    for (auto const& k : kota) print_rules(PILAR_TRY(app->workforce->aturan(cli_actor(), k)));
    return kExitOk;
}

Result<int> run_rules_set(WorkforceCliOptions const& o) {
    if (o.kota.empty())
        return fail(usage({"aturan diubah per kota: tambahkan --kota KODE (mis. 36.71)", "rules are changed per kota: add --kota CODE (e.g. 36.71)"}));
    auto app = PILAR_TRY(open_app(o.data));
    auto k = PILAR_TRY(app->workforce->set_aturan(cli_actor(), o.kota, o.kunci, o.nilai));
    for (auto const& b : k.daftar)
        if (b.def.kunci == o.kunci)
            std::cerr << fmt::format("{} {} = {} (bawaan/default {})\n", k.kode_kota, b.def.kunci, rule_value(b, b.nilai), rule_value(b, b.bawaan));
    return kExitOk;
}

using Run = Result<int> (*)(WorkforceCliOptions const&);

// The action a parsed subcommand leaves: run it, and report an error in one line.
Action runner(std::shared_ptr<WorkforceCliOptions> o, Run run) {
    return [o = std::move(o), run] {
        auto r = run(*o);
        return r ? *r : report(r.error());
    };
}

void add(CLI::App& parent, Action& action, char const* name, char const* help, Run run,
         std::function<void(CLI::App&, WorkforceCliOptions&)> const& extra) {
    auto o = std::make_shared<WorkforceCliOptions>();
    auto* cmd = parent.add_subcommand(name, help);
    add_data_options(*cmd, o->data);
    cmd->add_option("--wilayah", o->kode_wilayah, "Kode kota/kecamatan/kelurahan / region code");
    extra(*cmd, *o);
    cmd->callback([&action, o, run] { action = runner(o, run); });
}

}  // namespace

void register_workforce_commands(CLI::App& app, Action& action) {
    auto* wf = app.add_subcommand("workforce", "Pilar sosial: cakupan, rekap, peringkat, aturan / workforce: coverage, recap, ranking, rules");
    wf->require_subcommand(1);
    add(*wf, action, "coverage", "RW tanpa PSM, RW ganda, SK berakhir / RWs without a PSM, doubles, SKs ending", run_coverage,
        [](CLI::App&, WorkforceCliOptions&) {});
    add(*wf, action, "recap", "Rekap bulanan dan insentif (CSV/XLSX) / monthly recap and incentive", run_recap,
        [](CLI::App& c, WorkforceCliOptions& o) {
            c.add_option("--bulan", o.bulan, "YYYY-MM")->required();
            c.add_option("--jenis", o.jenis, "psm atau tksk")->capture_default_str();
            c.add_option("--out", o.out, "Berkas .xlsx atau .csv (tanpa: CSV ke stdout) / output file");
            c.add_option("--format", o.format, "csv atau xlsx");
        });
    add(*wf, action, "ranking", "Peringkat PSM dengan rincian skor / PSM ranking with the score breakdown", run_ranking,
        [](CLI::App& c, WorkforceCliOptions& o) {
            c.add_option("--periode", o.periode, "YYYY-MM atau YYYY")->required();
            c.add_option("--out", o.out, "Berkas .xlsx atau .csv (tanpa: CSV ke stdout) / output file");
            c.add_option("--format", o.format, "csv atau xlsx");
        });

    // `rules [--kota KODE]` lists; `rules set KUNCI NILAI --kota KODE` changes one (audited as the console).
    auto o = std::make_shared<WorkforceCliOptions>();
    auto* rules = wf->add_subcommand("rules", "Aturan pilar sosial per kota: syarat, insentif, bobot skor / the workforce rules per kota");
    add_data_options(*rules, o->data);
    rules->add_option("--kota", o->kota, "Kode kota/kabupaten (tanpa: semua kota) / kota code (none: every kota)");
    auto* set = rules->add_subcommand("set", "Ubah satu aturan sebuah kota / change one rule of a kota");
    add_data_options(*set, o->data);
    set->add_option("KUNCI", o->kunci, "Kunci aturan, mis. insentif_nominal / rule key")->required();
    set->add_option("NILAI", o->nilai, "Nilai baru / new value")->required();
    set->add_option("--kota", o->kota, "Kode kota/kabupaten / kota code");
    rules->require_subcommand(0, 1);
    rules->callback([&action, o, set] { action = runner(o, set->parsed() ? run_rules_set : run_rules); });
}

}  // namespace pilar::cli
