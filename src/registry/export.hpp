// Exports of the registry: any filtered list of households or members as CSV or XLSX in exactly
// the import layout of docs/formats.md (so an unmasked export re-imports as "unchanged"), and
// by-name-by-address lists (BNBA) as XLSX, PDF or CSV. `pilar export` and
// GET /api/v1/ekspor/{jenis} both come here.
//
//   ExportService exports(db, keyring, wilayah);
//   CsvWriter out = CsvWriter::to_fd(1, {.bom = CsvBom::With});
//   auto r = PILAR_TRY(exports.write_csv(actor, {.kind = ExportKind::Anggota,
//                                                .filter = {.kode_wilayah = "36.71.01"}}, out));
//   PILAR_TRY(out.finish());
//   auto b = PILAR_TRY(exports.write_file(actor, {.kind = ExportKind::Bnba}, ExportFormat::Pdf, "bnba.pdf"));
//
// Rules, the same as the lists': only records in the caller's scope, narrowed by the filter
// (kode_wilayah at any level, no_kk, nik, nama, ppks, keluarga_id, status_keberadaan). NIK and
// No. KK are masked ("3671********0001") and the special columns (disabilitas_*, penyakit_kronis)
// left empty unless the query asks to unmask and the caller's role may both unmask and see
// special data (RegistryService::may_unmask / may_see_special); kepala exports masked only.
// Every export — masked or not — is ONE audit entry (action "registry.export", detail: kind,
// format, masked or not, row count, filter), written after the last row, never one per row.
// A masked export is for reading: its numbers do not re-import (they are not 16 digits).
//
// Streaming, on both cores: the scan in (kode_wilayah, id) order is cut into slices, one per
// kelurahan, and reader threads (two on a machine of two cores or more), each with its own
// connection, all inside one read snapshot (db/shared_read.hpp; SQLite's WAL lets writers go
// on), claim the slices in turn, decrypt when unmasking, and copy the cells of each row into
// batches; the calling thread takes the batches back in slice order and writes them to the
// sink, so the file is the same whatever the threads (export_pipeline.hpp). A filter the index
// cannot slice (NIK, name, household, PPKS, desil) is read by one reader. Members get their
// household's stored No. KK by primary key once per household (store::scan_anggota says why not
// a join), decrypted only when unmasking and then once per household. Memory stays flat for CSV
// and XLSX whatever the row count (a few batches per reader, and the current PPKS numbers of the
// members who have any, store::OpenPpks); XLSX
// goes on in "Data (2)", ... past Excel's 1,048,576 rows (XlsxWriter). A PDF is held in memory
// until saved (libharu), so a BNBA PDF is refused beyond kPdfMaxRows: split it by kode_wilayah.
//
// BNBA rows: one per household, named by its kepala keluarga — the list of KPM a household
// programme pays — unless a ppks filter is given, then one per person with that PPKS (the person
// is the beneficiary). Members not present (status_keberadaan other than "ada") are left out
// unless the filter names a status. Columns: No, Nama, NIK, No. KK, Alamat, RT/RW, Kelurahan,
// PPKS/Desil ("3;7 / 2": the person's current PPKS numbers, the household's desil).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/crypto.hpp"
#include "core/actor.hpp"
#include "core/csv.hpp"
#include "core/date.hpp"
#include "db/database.hpp"
#include "pdf/report.hpp"
#include "registry/service.hpp"
#include "wilayah/service.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace pilar::registry {

enum class ExportKind { Keluarga, Anggota, Bnba };
enum class ExportFormat { Csv, Xlsx, Pdf };
std::string_view export_kind_name(ExportKind k);      // "keluarga", "anggota", "bnba"
std::optional<ExportKind> export_kind_from_name(std::string_view name);
std::string_view export_format_name(ExportFormat f);  // "csv", "xlsx", "pdf"
std::optional<ExportFormat> export_format_from_name(std::string_view name);

// A BNBA PDF above this many rows is refused (libharu holds the document in memory).
inline constexpr long long kPdfMaxRows = 25'000;
// How often ExportOptions::progress is called.
inline constexpr long long kProgressEvery = 65'536;

struct ExportQuery {
    ExportKind kind = ExportKind::Anggota;
    // The lists' filter; after, sort and limit are ignored (an export is everything, in
    // (kode_wilayah, id) order). A keluarga export takes kode_wilayah and no_kk only.
    ListQuery filter;
    bool unmask = false;  // full NIK / No. KK and the special columns (permission, audited)
};

struct ExportOptions {
    XlsxWriterOptions xlsx;  // sheet name, rows per sheet (tests), temporary directory
    PdfCompression pdf_compression = PdfCompression::On;
    Date today = Date::today();  // the BNBA's date line
    std::function<void(long long rows)> progress;  // every kProgressEvery rows, and at the end
    // Threads reading the database, each on its own connection, all in one snapshot, each
    // claiming the next kelurahan in turn; the calling thread writes (export_pipeline.hpp).
    // 0: two on a machine of two cores or more, else one. A filter that cannot be sliced
    // (store::sliceable) is read by one.
    int readers = 0;
    std::size_t batch_rows = 512;  // rows per batch handed to the writer
};

struct ExportReport {
    ExportKind kind = ExportKind::Anggota;
    ExportFormat format = ExportFormat::Csv;
    long long rows = 0;  // data rows, headers not counted
    bool masked = true;
    int sheets = 0;  // XLSX
    int pages = 0;   // PDF
    int readers = 0;  // threads that read the rows (0 when nothing in scope matched)
};

class ExportService {
public:
    ExportService(db::Database& db, access::Keyring const& keyring, wilayah::WilayahService& wilayah)
        : m_db(db), m_keyring(keyring), m_wilayah(wilayah) {}

    // The header row of a kind: docs/formats.md's column names, or the BNBA titles.
    static std::vector<std::string> header(ExportKind kind);

    // Header and rows into a writer the caller made (a file, stdout, a string) and finishes.
    Result<ExportReport> write_csv(Actor const& actor, ExportQuery const& query, CsvWriter& out,
                                   ExportOptions const& options = {});
    // A file at `path` (created owner-readable only). PDF is for BNBA only. On an error the file
    // is removed, so nothing half-written is left to be mistaken for an export.
    Result<ExportReport> write_file(Actor const& actor, ExportQuery const& query, ExportFormat format,
                                    std::string const& path, ExportOptions const& options = {},
                                    CsvBom bom = CsvBom::Without);

    // Where rows go: a CSV writer, an XLSX writer or a PDF report (export.cpp).
    class Sink;

private:
    struct Plan;
    Result<Plan> plan(Actor const& actor, ExportQuery const& query, ExportFormat format, Date today);
    Result<ExportReport> run(Actor const& actor, Plan const& plan, Sink& sink, ExportOptions const& options);
    // The plan's rows, read on reader threads, handed to `write` on this thread in order.
    // Yields how many threads read.
    Result<int> read_rows(Plan const& plan, ExportOptions const& options,
                           std::function<Result<void>(std::span<std::string_view const>)> const& write);
    Result<std::string> kelurahan_name(std::string const& kode);
    Result<std::string> region_title(std::optional<std::string> const& kode, Actor const& actor);

    db::Database& m_db;
    access::Keyring const& m_keyring;
    wilayah::WilayahService& m_wilayah;
};

}  // namespace pilar::registry
