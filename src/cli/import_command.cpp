// `pilar import keluarga|anggota FILE [--skip-invalid] [--report FILE]`: bulk import of the
// docs/formats.md layouts (CSV or XLSX) through registry::ImportService, with a progress line on
// a terminal and the row-level error report as CSV.
#include <fmt/format.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "registry/import.hpp"
#include "wilayah/service.hpp"

namespace pilar::cli {
namespace {

struct ImportCliOptions {
    DataOptions data;
    std::string kind;
    std::string file;
    bool skip_invalid = false;
    std::string report;
    int cache_mb = 48;
    int workers = 0;
};

Result<int> run_import(ImportCliOptions const& o) {
    auto kind = registry::import_kind_from_name(o.kind);
    if (!kind)
        return fail(Error(ErrorCode::InvalidArgument, {fmt::format("jenis impor harus keluarga atau anggota, bukan '{}'", o.kind),
                                                       fmt::format("import kind must be keluarga or anggota, not '{}'", o.kind)}));
#if defined(__GLIBC__)
    // This process does nothing but the import. glibc's malloc raises its mmap threshold to the
    // size of the largest block freed so far (up to 32 MB) and then keeps up to twice that at the
    // top of each thread's heap, which malloc_trim does not hand back for the worker threads'
    // heaps: ~30 MB more resident memory with the import's worker pool (issue 5: at most 200 MB).
    // Fixed thresholds: large blocks are mapped and unmapped, heaps shrink past 4 MB free.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
#endif
    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    wilayah::WilayahService wilayah(*database);
    registry::ImportService importer(*database, keyring, wilayah);
    auto file = PILAR_TRY(registry::open_import_file(o.file));

    struct stat st {};
    long long const size = ::stat(o.file.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : 0;
    bool const tty = ::isatty(STDERR_FILENO) != 0;
    registry::ImportOptions opt{.kind = *kind, .skip_invalid = o.skip_invalid, .file_name = o.file, .exclusive = true,
                                 .cache_kib = o.cache_mb * 1024, .workers = o.workers};
    // A file too big to check for duplicate NIKs in memory that has some is read twice.
    opt.reopen = [&] { return registry::open_import_file(o.file); };
    if (o.data.db_url.empty()) opt.temp_dir = (std::filesystem::path(o.data.data_dir) / "tmp").string();
    auto const started = std::chrono::steady_clock::now();
    if (tty)
        opt.progress = [&](registry::ImportProgress const& p) {
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            int pct = size > 0 ? static_cast<int>(std::min<long long>(100, p.bytes * 100 / size)) : 0;
            std::string bar(static_cast<std::size_t>(pct / 4), '#');
            bar.resize(25, '.');
            fmt::print(stderr, "\r[{}] {:3d}%  {} baris  {:.0f} baris/detik  {} ditolak ", bar, pct, p.rows,
                       secs > 0 ? static_cast<double>(p.rows) / secs : 0.0, p.rejected);
        };
    auto report = PILAR_TRY(importer.run(cli_actor(), *file.rows, opt));
    if (tty) fmt::print(stderr, "\n");

    Lang lang = cli_lang();
    for (auto const& s : file.ignored_sheets)
        std::cerr << fmt::format(fmt::runtime(lang == Lang::En ? "sheet \"{}\" ignored: only the first sheet is read\n"
                                                               : "lembar \"{}\" diabaikan: hanya lembar pertama yang dibaca\n"),
                                 s);
    if (report.errors_total > 0) {
        if (!o.report.empty()) {
            auto out = PILAR_TRY(CsvWriter::create_file(o.report));
            registry::ImportService::write_error_report(report, out, lang);
            PILAR_TRY(out.finish());
        } else {
            for (std::size_t i = 0; i < report.errors.size() && i < 20; ++i) {
                auto const& e = report.errors[i];
                std::cerr << fmt::format("{}:{}: {}: {}{}\n", o.file, e.row, e.column,
                                         lang == Lang::En ? e.message.en : e.message.id,
                                         e.value.empty() ? "" : fmt::format(" ({})", e.value));
            }
            if (report.errors_total > 20)
                std::cerr << fmt::format(fmt::runtime(lang == Lang::En ? "... and {} more (use --report FILE for all)\n"
                                                                       : "... dan {} lagi (pakai --report FILE untuk semuanya)\n"),
                                         report.errors_total - 20);
        }
    }
    std::cout << fmt::format(
        "{} {}: {} baris, {} baru, {} berubah, {} sama, {} ditolak, {} peringatan; {:.1f} detik ({:.0f} baris/detik; "
        "baca+tulis {:.1f}, indeks {:.1f}, simpan {:.1f}){}\n",
        o.kind, report.applied ? "diimpor" : "TIDAK diimpor", report.rows, report.baru, report.berubah, report.sama,
        report.ditolak, report.warnings, report.seconds,
        report.seconds > 0 ? static_cast<double>(report.rows) / report.seconds : 0.0, report.load_seconds,
        report.index_seconds, report.commit_seconds,
        report.applied ? (report.rollback_journal ? " [jurnal rollback]" : "") : " — tidak ada yang ditulis; perbaiki baris di atas atau pakai --skip-invalid");
    return report.applied ? kExitOk : kExitUsage;
}

}  // namespace

void register_import_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<ImportCliOptions>();
    auto* cmd = app.add_subcommand("import", "Impor keluarga.csv/anggota.csv (CSV atau XLSX) / bulk import");
    cmd->footer(
        "Kolom: docs/formats.md. Semua-atau-tidak-sama-sekali: satu baris salah berarti tidak ada yang ditulis,\n"
        "kecuali dengan --skip-invalid. Baris dicocokkan dengan No. KK / NIK: yang sama dilewati, yang berubah\n"
        "diperbarui (tercatat di jejak audit). Impor keluarga dulu, lalu anggota.\n"
        "All-or-nothing unless --skip-invalid; rows match existing ones by No. KK / NIK. Import keluarga first.\n"
        "Contoh / example: pilar import keluarga data/keluarga.csv && pilar import anggota data/anggota.csv");
    add_data_options(*cmd, o->data);
    cmd->add_option("jenis", o->kind, "keluarga atau anggota")->required();
    cmd->add_option("file", o->file, "Berkas CSV atau XLSX / CSV or XLSX file")->required();
    cmd->add_flag("--skip-invalid", o->skip_invalid, "Muat baris yang benar, laporkan yang salah / load the good rows");
    cmd->add_option("--report", o->report, "Tulis laporan kesalahan (CSV baris,kolom,nilai,pesan) ke berkas ini");
    cmd->add_option("--cache-mb", o->cache_mb,
                    "Cache halaman SQLite untuk impor, MB (bawaan 48; pembangunan ulang indeks memakai 2) / page cache")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--workers", o->workers,
                    "Thread pemeriksa dan penyandi baris (bawaan: satu per inti, 2 sampai 4) / row-checking threads")
        ->check(CLI::Range(1, 16));
    cmd->callback([&action, o] {
        action = [o] {
            auto r = run_import(*o);
            return r ? *r : report(r.error());
        };
    });
}

}  // namespace pilar::cli
