// `pilar export keluarga|anggota|bnba [--out FILE] [--format csv|xlsx|pdf] [--kode-wilayah K]
// [--ppks N] [--unmask] [--bom]`: the registry's exports (registry::ExportService) at the
// console. Runs as the system actor, so --unmask is allowed — and audited like every export.
// CSV goes to stdout without --out; XLSX and PDF need a file.
// `pilar export usulan --out FILE [--tandai] [--status diekspor]`: the approved proposals for the
// national upload (verivali/upload.hpp), optionally marked diekspor.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "cli/wiring.hpp"
#include "registry/export.hpp"
#include "verivali/upload.hpp"
#include "wilayah/service.hpp"

namespace pilar::cli {
namespace {

struct ExportCliOptions {
    DataOptions data;
    std::string kind;
    std::string out;
    std::string format;
    std::string kode_wilayah;
    int ppks = 0;
    std::string status;
    bool unmask = false;
    bool bom = false;
    bool tandai = false;
    std::string jenis;
};

Error usage(Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)); }

Result<int> run_upload_export(ExportCliOptions const& o) {
    if (o.out.empty()) return fail(usage({"ekspor usulan perlu --out FILE", "the usulan export needs --out FILE"}));
    auto format = std::filesystem::path(o.out).extension() == ".csv" || o.format == "csv" ? verivali::UploadFormat::Csv
                                                                                          : verivali::UploadFormat::Xlsx;
    verivali::UploadQuery q;
    q.tandai = o.tandai;
    q.berkas = std::filesystem::path(o.out).filename().string();
    if (!o.kode_wilayah.empty()) q.kode_wilayah = o.kode_wilayah;
    if (!o.jenis.empty()) {
        q.jenis = verivali::jenis_from_name(o.jenis);
        if (!q.jenis) return fail(usage({"--jenis harus keluarga_baru, perubahan, penghapusan atau ppks",
                                         "--jenis must be keluarga_baru, perubahan, penghapusan or ppks"}));
    }
    if (!o.status.empty()) {
        auto s = verivali::status_from_name(o.status);
        if (!s) return fail(usage({"--status harus disetujui atau diekspor", "--status must be disetujui or diekspor"}));
        q.status = *s;
    }
    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    auto app = build_app(std::move(database), std::move(keyring));
    auto r = PILAR_TRY(verivali::write_upload_file(*app->verivali, cli_actor(), q, format, o.out));
    std::cerr << fmt::format("{} usulan ({} baris) diekspor ke {}{}\n", r.usulan, r.baris, o.out,
                             r.ditandai ? "; status usulan menjadi diekspor" : "");
    return kExitOk;
}

Result<int> run_export(ExportCliOptions const& o) {
    if (o.kind == "usulan") return run_upload_export(o);
    auto kind = registry::export_kind_from_name(o.kind);
    if (!kind)
        return fail(usage({fmt::format("jenis ekspor harus keluarga, anggota, bnba atau usulan, bukan '{}'", o.kind),
                           fmt::format("export kind must be keluarga, anggota, bnba or usulan, not '{}'", o.kind)}));
    std::string format_text = o.format;
    if (format_text.empty()) {
        auto ext = std::filesystem::path(o.out).extension().string();
        format_text = ext == ".xlsx" ? "xlsx" : ext == ".pdf" ? "pdf" : "csv";
    }
    auto format = registry::export_format_from_name(format_text);
    if (!format) return fail(usage({"--format harus csv, xlsx atau pdf", "--format must be csv, xlsx or pdf"}));
    if (*format != registry::ExportFormat::Csv && o.out.empty())
        return fail(usage({fmt::format("{} perlu --out FILE", format_text), fmt::format("{} needs --out FILE", format_text)}));

    registry::ExportQuery q{.kind = *kind, .unmask = o.unmask};
    if (!o.kode_wilayah.empty()) q.filter.kode_wilayah = o.kode_wilayah;
    if (o.ppks != 0) q.filter.ppks = o.ppks;
    if (!o.status.empty()) q.filter.status_keberadaan = o.status;

    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    wilayah::WilayahService wilayah(*database);
    registry::ExportService exports(*database, keyring, wilayah);

    registry::ExportOptions opt;
    bool const tty = ::isatty(STDERR_FILENO) != 0;
    auto const started = std::chrono::steady_clock::now();
    if (tty)
        opt.progress = [&](long long rows) {
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            fmt::print(stderr, "\r{} baris  {:.0f} baris/detik ", rows, secs > 0 ? static_cast<double>(rows) / secs : 0.0);
        };
    registry::ExportReport report;
    if (o.out.empty()) {
        CsvWriter out = CsvWriter::to_fd(STDOUT_FILENO, {.bom = o.bom ? CsvBom::With : CsvBom::Without});
        report = PILAR_TRY(exports.write_csv(cli_actor(), q, out, opt));
        PILAR_TRY(out.finish());
    } else {
        report = PILAR_TRY(exports.write_file(cli_actor(), q, *format, o.out, opt, o.bom ? CsvBom::With : CsvBom::Without));
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (tty) fmt::print(stderr, "\n");
    std::string extra;
    if (report.sheets > 1) extra = fmt::format(", {} lembar", report.sheets);
    if (report.pages > 0) extra = fmt::format(", {} halaman", report.pages);
    std::cerr << fmt::format("{} baris {} diekspor{} ({}) dalam {:.1f} detik{}\n", report.rows, registry::export_kind_name(*kind),
                             o.out.empty() ? "" : " ke " + o.out, report.masked ? "NIK/No. KK disamarkan" : "TIDAK disamarkan",
                             secs, extra);
    return kExitOk;
}

}  // namespace

void register_export_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<ExportCliOptions>();
    auto* cmd = app.add_subcommand("export", "Ekspor keluarga/anggota (CSV/XLSX, tata letak docs/formats.md) atau BNBA "
                                             "(XLSX/PDF) / export the registry");
    add_data_options(*cmd, o->data);
    cmd->add_option("KIND", o->kind, "keluarga, anggota, bnba atau usulan (siap unggah nasional)")->required();
    cmd->add_option("--out,-o", o->out, "Berkas tujuan (bawaan: CSV ke stdout)");
    cmd->add_option("--format", o->format, "csv, xlsx atau pdf (bawaan: dari akhiran --out, selain itu csv)");
    cmd->add_option("--kode-wilayah", o->kode_wilayah, "Hanya wilayah ini (tingkat apa pun)");
    cmd->add_option("--ppks", o->ppks, "Hanya anggota dengan PPKS ini (1-26)")->check(CLI::Range(1, 26));
    cmd->add_option("--status-keberadaan,--status", o->status,
                    "ada, meninggal, pindah atau tidak_ditemukan; untuk usulan: disetujui (bawaan) atau diekspor");
    cmd->add_option("--jenis", o->jenis, "usulan: keluarga_baru, perubahan, penghapusan atau ppks");
    cmd->add_flag("--tandai", o->tandai, "usulan: tandai yang diekspor menjadi diekspor");
    cmd->add_flag("--unmask", o->unmask, "NIK/No. KK lengkap dan data khusus (dicatat di jejak audit)");
    cmd->add_flag("--bom", o->bom, "CSV diawali BOM UTF-8 (agar Excel membacanya dengan benar)");
    cmd->callback([&action, o] {
        action = [o] {
            auto r = run_export(*o);
            return r ? *r : report(r.error());
        };
    });
}

}  // namespace pilar::cli
