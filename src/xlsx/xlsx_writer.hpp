// XlsxWriter: writes a table to an .xlsx file for exports, row by row in constant memory
// (libxlsxwriter's constant_memory mode: each row goes to a temporary file when the next starts).
//
// Every cell is written as text, never as a number: an NIK or No. KK written as a number would
// keep only 15 significant digits in Excel (and show as 3.67101E+15). The header row is bold
// and frozen. A sheet holds at most Excel's 1,048,576 rows; a longer export goes on in a new
// sheet "Data (2)", "Data (3)" ... that repeats the header, instead of failing.
//
//   std::vector<std::string> const header{"nik", "nama", "alamat"};
//   XlsxWriter w = PILAR_TRY(XlsxWriter::create("bnba.xlsx", header));
//   PILAR_TRY(w.write_row({"3671010101900001", "Siti Nurhalizah", "Jl. Melati 3"}));
//   PILAR_TRY(w.finish());            // the file is assembled here: check this result
//
// The file is created at create() readable by its owner only (exports hold personal data) and
// filled at finish(); a writer destroyed without finish() leaves it empty.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar {

struct XlsxWriterOptions {
    // Name of the first sheet; later ones are "<name> (2)", "<name> (3)" ... (at most 31
    // characters, none of []:*?/\).
    std::string sheet_name = "Data";
    // Rows per sheet, header included. Excel's limit; smaller values are for tests.
    std::uint32_t max_rows_per_sheet = 1'048'576;
    // Column widths in characters; columns not given keep Excel's default.
    std::vector<double> column_widths;
    // Where libxlsxwriter keeps its temporary files (empty: the system's, usually /tmp).
    std::string tmpdir;
};

class XlsxWriter {
public:
    static Result<XlsxWriter> create(std::string const& path, std::span<std::string const> header,
                                     XlsxWriterOptions options = {});

    XlsxWriter(XlsxWriter&&) noexcept;
    XlsxWriter& operator=(XlsxWriter&&) noexcept;
    ~XlsxWriter();

    // A row as text cells; empty strings leave the cell empty. At most 16,384 cells, each at
    // most 32,767 characters (Excel's limits): more is an error naming the row and column.
    Result<void> write_row(std::span<std::string const> cells);
    Result<void> write_row(std::span<std::string_view const> cells);
    Result<void> write_row(std::initializer_list<std::string_view> cells);
    // Assembles and writes the file. The writer accepts nothing afterwards.
    Result<void> finish();

    // Data rows written so far (headers not counted) and sheets used.
    [[nodiscard]] long long rows_written() const;
    [[nodiscard]] int sheet_count() const;

private:
    struct Impl;
    explicit XlsxWriter(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

}  // namespace pilar
