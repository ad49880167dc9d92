// GET /api/v1/ekspor/{jenis}: the registry's exports as downloads.
//
// Why a temporary file rather than a body in memory: a city-wide member export is about 150 MB
// of CSV, and an XLSX or PDF can only be produced into a file anyway (libxlsxwriter, libharu).
// The handler runs on the worker pool, writes the export to <data dir>/tmp, opens it, unlinks
// it at once (nothing with personal data stays on disk, even after a crash mid-download) and
// hands the descriptor to the server, which sends it in chunks (http::FileBody). The audit entry
// is committed before the first byte goes out, so no export leaves unrecorded. (A chunked,
// produce-while-sending body would save the disk round trip but would hold a database snapshot
// and a worker for as long as a slow client takes to download.)
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/strings.hpp"
#include "http/download.hpp"
#include "registry/api.hpp"

namespace pilar::registry {
namespace {

using http::Method;
using http::Request;
using http::Response;

std::string_view content_type(ExportFormat f) {
    switch (f) {
    case ExportFormat::Csv: return "text/csv; charset=utf-8";
    case ExportFormat::Xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ExportFormat::Pdf: return "application/pdf";
    }
    return "application/octet-stream";
}

// "pilar-anggota-36.71.01-2025-05-02.csv": safe characters only (the kode was parsed already).
std::string file_name(ExportKind kind, std::optional<std::string> const& kode, ExportFormat f) {
    std::string where = kode ? *kode : "semua";
    for (auto& c : where)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') c = '_';
    return fmt::format("pilar-{}-{}-{}.{}", export_kind_name(kind), where, utc_now_iso().substr(0, 10), export_format_name(f));
}

Result<Response> export_response(ExportService& svc, std::string const& tmp_dir, Request& req) {
    auto actor = PILAR_TRY(req.actor());
    auto jenis = std::string(req.param("jenis"));
    auto kind = export_kind_from_name(jenis);
    if (!kind)
        return fail(Error(ErrorCode::NotFound, {fmt::format("Jenis ekspor '{}' tidak ada; pilih keluarga, anggota atau bnba",
                                                            excerpt_for_message(jenis, 20)),
                                                fmt::format("No export kind '{}'; choose keluarga, anggota or bnba",
                                                            excerpt_for_message(jenis, 20))})
                        .at_field("jenis"));
    auto format_text = req.query_param("format").value_or(*kind == ExportKind::Bnba ? "xlsx" : "csv");
    auto format = export_format_from_name(format_text);
    if (!format)
        return fail(Error(ErrorCode::InvalidArgument, {"format harus csv, xlsx atau pdf", "format must be csv, xlsx or pdf"})
                        .at_field("format"));
    ExportQuery q{.kind = *kind, .filter = PILAR_TRY(list_query_of(req)), .unmask = req.query_flag("buka")};
    CsvBom bom = req.query_param("bom") == std::optional<std::string>("tidak") ? CsvBom::Without : CsvBom::With;

    ExportOptions options;
    options.xlsx.tmpdir = tmp_dir;
    return http::download(
        tmp_dir, {std::string(content_type(*format)), file_name(*kind, q.filter.kode_wilayah, *format)},
        [&](std::string const& path) -> Result<http::DownloadHeaders> {
            auto report = PILAR_TRY(svc.write_file(*actor, q, *format, path, options, bom));
            return http::DownloadHeaders{{"X-Export-Rows", std::to_string(report.rows)},
                                         {"X-Export-Masked", report.masked ? "ya" : "tidak"}};
        });
}

}  // namespace

void register_export_routes(http::Router& router, ExportService& service, std::string tmp_dir) {
    // Left by a crash between mkstemp and unlink: personal data must not linger.
    http::clean_download_dir(tmp_dir);

    router.add(
        Method::Get, "/api/v1/ekspor/{jenis}",
        [&service, tmp_dir](Request& req) -> Response {
            auto r = export_response(service, tmp_dir, req);
            if (!r) return http::error_response(r.error(), req.lang);
            return std::move(*r);
        },
        {.summary = "Ekspor keluarga, anggota (tata letak docs/formats.md) atau daftar BNBA sebagai CSV, XLSX atau PDF",
         .tag = "registry",
         .description =
             "jenis: keluarga, anggota or bnba. Same scope and filters as the lists; NIK/No. KK masked and special "
             "columns empty unless buka=ya (roles that may unmask; kepala cannot). Every export is one audit entry "
             "(registry.export). BNBA: one row per household (its kepala keluarga), or per person with ppks=N. "
             "X-Export-Rows carries the row count.",
         .query = {{"format", "csv (bawaan keluarga/anggota), xlsx (bawaan bnba) atau pdf (hanya bnba)"},
                   {"kode_wilayah", "Wilayah pada tingkat apa pun"},
                   {"no_kk", "No. KK lengkap"},
                   {"ppks", "Kategori PPKS 1 sampai 26", "integer"},
                   {"keluarga_id", "Anggota satu keluarga", "integer"},
                   {"status_keberadaan", "ada, meninggal, pindah atau tidak_ditemukan"},
                   {"status_padan", "Status padan Dukcapil (anggota, bnba)"},
                   {"desil_min", "Desil keluarga paling rendah (1-10)", "integer"},
                   {"desil_max", "Desil keluarga paling tinggi (1-10)", "integer"},
                   {"buka", "ya: NIK/No. KK lengkap dan data khusus (dicatat di jejak audit)", "boolean"},
                   {"bom", "tidak: CSV tanpa BOM (bawaan dengan BOM, agar Excel membaca UTF-8)"}},
         .response_schema = R"({"type":"string","format":"binary"})",
         .response_content_type = "text/csv",
         .execution = http::Execution::Offload});
}

}  // namespace pilar::registry
