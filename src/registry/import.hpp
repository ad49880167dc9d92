// Bulk import of keluarga.csv / anggota.csv (and the same layouts in XLSX): `pilar import`, and
// uploads through the API. docs/formats.md has the layouts.
//
//   CsvReader csv = PILAR_TRY(CsvReader::open(path));
//   CsvRowSource rows(csv);
//   ImportService imp(db, keyring, wilayah);
//   auto report = PILAR_TRY(imp.run(actor, rows, {.kind = ImportKind::Anggota}));
//   if (!report.applied) print(report.errors);      // all-or-nothing: nothing was written
//
// What it promises:
// - Every row is validated (columns.hpp, plus what needs the database: the kelurahan exists, the
//   household exists, a NIK/No. KK appears once in the file). Every problem is reported with
//   its row, column, value (identity numbers masked) and message.
// - All-or-nothing by default: one write transaction, rolled back when any row is bad (the rows
//   after the first bad one are still validated, so the report is complete). With skip_invalid
//   the good rows load and the bad ones are reported. A crash (kill -9) mid-import leaves the
//   database as before: the transaction never committed; run the import again.
// - Upsert: rows are matched by No. KK (keluarga) or NIK (anggota; members without a NIK by
//   household + name + birth date). A matched row whose normalised content is the same is
//   "unchanged" and not written; a changed one is updated (new version) with an audit entry
//   holding before/after. New rows are one audit entry per file, not per row.
// - Constant memory: rows stream through a bounded pipeline. In-file duplicates are found with
//   one 64-bit fingerprint per identity number in memory up to a bound (ImportOptions::
//   keys_in_memory, 24 MB); the file's later numbers go to sorted runs on disk, merged after the
//   last row. Only when those later rows repeat one another is the file read a second time
//   (rolled back first), knowing the repeats, so the report and the rows are the same as with
//   everything in memory. Member counts held back for bulk writing go to temporary files past a
//   bound and come back in the same order (a fresh load's PPKS rows are written batch by batch). The anggota import's map of the registry's households (32 bytes each) moves to a
//   sorted temporary file past a bound (ImportOptions::households_in_memory).
//
// Speed: a small pool of worker threads reads the file in batches of rows (one batch at a time,
// in order), validates and encrypts them in parallel, and hands them to the caller's thread in
// file order; what depends on earlier rows (a key seen before, the row id, the error report) is
// decided batch by batch in file order, so the result is the same whatever the number of
// workers. The caller's thread writes to the database (while it writes, the workers leave it a
// core of its own); on an empty table the secondary indexes are dropped for the load and
// rebuilt at the end (sorting once beats updating B-trees row by row), inside the same
// transaction.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/crypto.hpp"
#include "core/actor.hpp"
#include "core/row_source.hpp"
#include "db/database.hpp"
#include "wilayah/service.hpp"

namespace pilar::registry {

enum class ImportKind { Keluarga, Anggota };
std::string_view import_kind_name(ImportKind k);  // "keluarga", "anggota"
std::optional<ImportKind> import_kind_from_name(std::string_view name);

// An import file opened by content, not by name: a ZIP signature means XLSX (first sheet; merged
// cells refused with their reference), anything else is read as CSV. `data` (optional) reads
// from memory instead of the path (an upload); it must outlive the result.
struct ImportFile {
    std::unique_ptr<RowSource> rows;
    std::vector<std::string> ignored_sheets;  // XLSX sheets other than the one read
    std::shared_ptr<void> owner;              // what `rows` reads from
};
Result<ImportFile> open_import_file(std::string const& path, std::string const& display_name = {},
                                    std::optional<std::string_view> data = std::nullopt);

struct ImportProgress {
    long long rows = 0;           // rows read so far
    long long bytes = 0;          // approximate bytes of input consumed
    long long rejected = 0;
};

struct ImportOptions {
    ImportKind kind = ImportKind::Keluarga;
    bool skip_invalid = false;
    std::string file_name;            // recorded in registry_import and the audit trail
    std::string sha256;               // of the file, when the caller knows it
    std::size_t max_errors_kept = 10000;  // the report keeps this many; the count is exact
    std::function<void(ImportProgress const&)> progress;  // called every ~64k rows and at the end
    // The caller (the CLI) may hold the database alone: when no other connection has it open,
    // the load runs in SQLite's rollback-journal mode (pages written once, not to the WAL and
    // again at the checkpoint) and puts WAL back afterwards. Ignored when anyone else has the
    // file open (a server, another connection of this process): the load then runs in WAL.
    bool exclusive = false;
    // SQLite page cache of the load, in KiB (0: 48 MiB). The index rebuilds after the load run
    // with 2 MiB instead (store::restore_indexes).
    int cache_kib = 0;
    // Threads that read, check and seal rows for the writer (0: one per core, 2 to 4), and rows
    // per batch they hand over (0: 1024). The result does not depend on either (tests vary them).
    int workers = 0;
    std::size_t batch_rows = 0;
    // Hardware threads the workers and the writer share (0: no limit): while the writer writes,
    // at most one fewer workers compute at a time.
    int cpu_threads = 0;
    // Constant memory for any file size (issue 5). Up to `keys_in_memory` identity numbers (0:
    // 1,572,864, a 24 MB table) are checked for in-file duplicates in memory, row by row; the
    // file's later ones go to sorted runs in `temp_dir` (empty: the system's; files unlinked at
    // once) and are merged after the last row. Only when two of those later rows share a number
    // is the file read a second time (`reopen`), with the duplicates known from the first pass,
    // so the report, ids and rows are exactly as if everything had been checked in memory.
    // Without `reopen` every number stays in memory. Past `households_in_memory` (0: 524,288,
    // 16 MB) the registry's households are looked up in a sorted temporary file.
    // Tests set tiny bounds.
    std::function<Result<ImportFile>()> reopen;
    std::string temp_dir;
    std::size_t keys_in_memory = 0;
    std::size_t households_in_memory = 0;
};

struct ImportRowError {
    long long row = 0;
    std::string column;
    std::string value;
    Text message;
};

struct ImportReport {
    long long rows = 0;
    long long baru = 0, berubah = 0, sama = 0, ditolak = 0;
    long long warnings = 0;           // e.g. NIK birth date differs from tanggal_lahir
    long long errors_total = 0;
    std::vector<ImportRowError> errors;  // the first max_errors_kept
    bool applied = false;             // false: nothing was written
    std::int64_t import_id = 0;       // registry_import.id when applied
    double seconds = 0;
    // Where the time went: reading, checking and writing the rows; rebuilding dropped indexes;
    // the commit (its fsync).
    double load_seconds = 0, index_seconds = 0, commit_seconds = 0;
    bool rollback_journal = false;  // the load ran in rollback-journal mode (ImportOptions::exclusive)
};

class ImportService {
public:
    ImportService(db::Database& db, access::Keyring const& keyring, wilayah::WilayahService& wilayah)
        : m_db(db), m_keyring(keyring), m_wilayah(wilayah) {}

    // Fatal problems (header, encoding, a read error) are the Result's error and nothing is
    // written; row problems are in the report. Only the office (operator) and the system import.
    Result<ImportReport> run(Actor const& actor, RowSource& source, ImportOptions const& options);

    // The report's errors as CSV "baris,kolom,nilai,pesan"; write errors surface in out.finish().
    static void write_error_report(ImportReport const& report, CsvWriter& out, Lang lang);

private:
    db::Database& m_db;
    access::Keyring const& m_keyring;
    wilayah::WilayahService& m_wilayah;
};

}  // namespace pilar::registry
