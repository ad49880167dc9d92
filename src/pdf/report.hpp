// PdfReport: a printable tabular report — a by-name-by-address (BNBA) list, a distribution list,
// a berita acara attachment — written with libharu: a title and subtitle lines on the first
// page, a table whose header row repeats on every page, "Halaman i dari N" at the foot of every
// page, and signature blocks after the table.
//
//   PdfReport report = PILAR_TRY(PdfReport::create({
//       .title = "Daftar Penerima Bantuan (BNBA)",
//       .subtitle_lines = {"Kelurahan Sukasari, Kecamatan Tangerang", "Berita acara No. 12/2025"},
//       .columns = {{"No", 1, PdfAlign::Right}, {"NIK", 4}, {"Nama", 5}, {"Alamat", 8}},
//       .signature_blocks = {{"Mengetahui,", "Lurah Sukasari", "", "", "(........................)"},
//                            {"Tangerang, 2 Mei 2025", "Petugas", "", "", "(........................)"}},
//       .orientation = PdfOrientation::Landscape,
//   }));
//   PILAR_TRY(report.add_row({"1", "3671010101900001", "Siti Nurhalizah", "Jl. Melati 3"}));
//   PILAR_TRY(report.save("bnba.pdf"));
//
// Text is UTF-8 and drawn with a TrueType font embedded in the file (DejaVu Sans from Debian's
// fonts-dejavu-core, installed by scripts/bootstrap): libharu's fourteen base fonts know only
// Latin-1-like encodings, which would garble names such as "Ngô". Long cell text wraps within
// its column; a row is never split across pages.
//
// "Halaman i dari N" needs N: libharu keeps the whole document in memory until save() and lets
// us draw on any page until then, so the footers are drawn at save(). Memory therefore grows
// with the page count (a few KB a page plus the font), which suits lists of thousands of pages;
// for more, split the report (per kelurahan, per RW).
#pragma once

#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar {

inline constexpr std::string_view kPdfDefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr std::string_view kPdfDefaultBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

enum class PdfOrientation { Portrait, Landscape };
enum class PdfAlign { Left, Right, Center };
// Off writes page contents uncompressed: for tests and debugging only (files are larger).
enum class PdfCompression { On, Off };

struct PdfColumn {
    std::string title;
    // Relative width: the columns share the width between the margins in these proportions.
    double width = 1;
    PdfAlign align = PdfAlign::Left;
};

struct PdfReportOptions {
    std::string title;
    std::vector<std::string> subtitle_lines;  // wilayah, date, berita acara number ...
    std::vector<PdfColumn> columns;
    // Drawn side by side after the last row, each a column of lines from the top; an empty line
    // leaves room for a signature.
    std::vector<std::vector<std::string>> signature_blocks;
    PdfOrientation orientation = PdfOrientation::Portrait;  // A4 either way
    double font_size = 9;                                    // table text, in points
    std::string font_path = std::string(kPdfDefaultFont);
    std::string bold_font_path = std::string(kPdfDefaultBoldFont);
    PdfCompression compression = PdfCompression::On;
};

class PdfReport {
public:
    // Checks the options, loads the fonts and starts the first page. A missing font file is an
    // error that names it and the package that provides it.
    static Result<PdfReport> create(PdfReportOptions options);

    PdfReport(PdfReport&&) noexcept;
    PdfReport& operator=(PdfReport&&) noexcept;
    ~PdfReport();

    // One table row, a cell per column (fewer cells leave the rest empty; more is an error).
    // Starts a new page, with the header row, when the row does not fit on this one.
    Result<void> add_row(std::span<std::string const> cells);
    Result<void> add_row(std::span<std::string_view const> cells);
    Result<void> add_row(std::initializer_list<std::string_view> cells);

    // Draws the signature blocks and the page footers and writes the file (created readable by
    // its owner only: reports hold personal data). The report accepts nothing afterwards.
    Result<void> save(std::string const& path);

    // Pages so far (after save(): in the file, the signature page included).
    [[nodiscard]] int page_count() const;
    [[nodiscard]] long long rows_written() const;

private:
    struct Impl;
    explicit PdfReport(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

}  // namespace pilar
