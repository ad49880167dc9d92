// XlsxReader: reads the rows of the first sheet of an .xlsx workbook one at a time, in constant
// memory, for imports. It is a RowSource (core/row_source.hpp), so an importer treats CSV and
// XLSX alike.
//
// Written by hand over libzip (the zip container) and expat (the XML inside): Debian 12 has no
// XLSX reader library. Only what an import needs is read: the sheet order (workbook.xml and its
// relationships), the shared-string table, which cell styles are dates (styles.xml), the cells
// of the first sheet and its merged ranges. Formulas are not evaluated: a formula cell reads as
// the value Excel cached when it saved the file.
//
//   XlsxReader reader = PILAR_TRY(XlsxReader::open("keluarga.xlsx"));  // reads the header too
//   for (auto const& name : reader.other_sheet_names()) warn("sheet {} ignored", name);
//   PILAR_TRY(reader.require_no_merged_cells());        // "keluarga.xlsx: merged cells A1:C1 ..."
//   size_t nik = PILAR_TRY(reader.require_column("nik"));
//   XlsxRow row;
//   while (PILAR_TRY(reader.next(row))) {
//       if (row.kinds[nik] == XlsxCellKind::Number) warn(...);   // see "NIKs" below
//       use(row.cells[nik], row.number);                         // number: 1-based sheet row
//   }
//
// Cell text:
// - strings (shared, inline, rich text runs joined, phonetic hints dropped) as written;
// - numbers as written, except that a whole number Excel wrote in floating-point form
//   ("1.0", "3.6710101019E+15") is written out as the exact integer ("1", "3671010101900000");
//   other scientific forms become plain decimals ("1E-3" -> "0.001");
// - numbers in a cell whose format is a date: "YYYY-MM-DD" ("YYYY-MM-DD HH:MM:SS" when there is
//   a time of day, "HH:MM:SS" for time-only formats), 1900 and 1904 date systems both;
// - booleans "TRUE"/"FALSE"; error cells as Excel shows them ("#N/A").
//
// NIKs: Excel keeps only 15 significant digits of a number, so a 16-digit NIK or No. KK typed
// into a number cell has already lost its last digit when the file reaches us (and is usually
// shown as 3.67101E+15). Nothing can bring it back; the reader converts exactly what is stored,
// and reports the cell as XlsxCellKind::Number so an import can say "format the NIK column as
// Text". Text cells are what a template should use for identifiers (XlsxWriter writes them so).
//
// Rows: an empty row (no cells, or only empty ones) is skipped but numbers stay the sheet's own;
// cells are placed by their column letter (gaps are empty strings); a row is padded with empty
// strings to the header's width and empty cells past it are dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/row_source.hpp"

namespace pilar {

enum class XlsxHeader { FirstRow, None };

enum class XlsxCellKind : std::uint8_t { Empty, Text, Number, Boolean, Date, Error };

struct XlsxOptions {
    // The sheet to read; empty: the first in the workbook's order (what an import reads).
    std::string sheet;
    // FirstRow: the first non-empty row holds the column names.
    XlsxHeader header = XlsxHeader::FirstRow;
    // The shared-string table is the one part that must be held in memory (cells refer to it by
    // index from anywhere in the sheet); a file whose table is larger is refused.
    size_t max_shared_strings_bytes = size_t{256} << 20;
    // Longest row accepted (all its cell texts together), like CsvOptions::max_record_bytes.
    size_t max_row_bytes = size_t{1} << 20;
    // The file name used in errors; open() fills it with the path when empty.
    std::string source_name;
};

struct XlsxRow {
    std::vector<std::string> cells;
    std::vector<XlsxCellKind> kinds;  // same size as cells
    long long number = 0;             // 1-based row number in the sheet
};

// A merged range as Excel writes it ("A1:C1") and its corners, 1-based.
struct XlsxMergedRange {
    std::string ref;
    long long first_row = 0;
    int first_column = 0;
    long long last_row = 0;
    int last_column = 0;
};

class XlsxReader final : public RowSource {
public:
    // Opens the workbook, reads its sheet list, shared strings and styles, scans the first
    // sheet for merged ranges, and with XlsxHeader::FirstRow reads the header (a sheet with no
    // rows is an error). Not a zip, not an xlsx, or corrupt: ErrorCode::InvalidArgument naming
    // the file.
    static Result<XlsxReader> open(std::string const& path, XlsxOptions options = {});

    XlsxReader(XlsxReader&&) noexcept;
    XlsxReader& operator=(XlsxReader&&) noexcept;
    ~XlsxReader() override;

    // The sheet being read (the first in the workbook's order unless XlsxOptions::sheet says)
    // and the others, in order.
    [[nodiscard]] std::string const& sheet_name() const;
    [[nodiscard]] std::span<std::string const> other_sheet_names() const;

    // Merged ranges of the sheet being read, known from open() on (at most the first 1000; the
    // sheet cannot hold a table an import can read once it has any).
    [[nodiscard]] std::span<XlsxMergedRange const> merged_cells() const;
    // An error naming the first merged range ("A1:C1") when there is one.
    [[nodiscard]] Result<void> require_no_merged_cells() const;

    // Header names with surrounding ASCII whitespace removed; empty with XlsxHeader::None.
    [[nodiscard]] std::span<std::string const> header() const override;
    // Next non-empty row: true when one was read, false at the end. Errors (corrupt data, a
    // bad cell reference, a shared-string index out of range) name the file and row; after an
    // error every further call returns it again.
    Result<bool> next(XlsxRow& row);
    Result<bool> next(std::vector<std::string>& row) override;
    // The sheet row number of the row last returned (of the header right after open()).
    [[nodiscard]] long long row_number() const override;
    [[nodiscard]] std::string const& source_name() const override;

private:
    struct Impl;
    explicit XlsxReader(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

// "A" -> 1, "Z" -> 26, "AA" -> 27, "XFD" -> 16384; 0 when `letters` is not a column (empty,
// not A-Z, or past XFD). Exposed for tests and messages.
int xlsx_column_number(std::string_view letters);
// 1 -> "A", 28 -> "AB".
std::string xlsx_column_letters(int column);

}  // namespace pilar
