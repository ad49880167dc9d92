// What PdfReport (report.hpp) and PdfPages (pages.hpp) share over libharu: a document with the
// DejaVu fonts embedded for UTF-8 text, libharu's errors caught by a callback and turned into a
// bilingual Error, text measuring, wrapping and drawing, and saving to an owner-only file.
// Internal to src/pdf (it includes hpdf.h); modules use report.hpp or pages.hpp.
#pragma once

#include <hpdf.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar::pdf_detail {

// libharu's UTF-8 encoder assumes valid UTF-8; a bad byte must not reach it. Control
// characters (tabs, stray CRs) print as nothing useful, so they become spaces.
std::string printable(std::string_view s);

struct HpdfDoc {
    HPDF_Doc doc = nullptr;
    HPDF_Font font = nullptr;
    HPDF_Font bold = nullptr;
    // Set by libharu's error callback; checked after each step.
    HPDF_STATUS hpdf_error = HPDF_OK;
    HPDF_STATUS hpdf_detail = 0;
    std::optional<Error> error;  // the first failure, sticky

    HpdfDoc() = default;
    HpdfDoc(HpdfDoc const&) = delete;
    HpdfDoc& operator=(HpdfDoc const&) = delete;
    ~HpdfDoc();

    // A missing font file is an error that names it and the package that provides it.
    static Result<std::unique_ptr<HpdfDoc>> open(std::string const& font_path, std::string const& bold_font_path,
                                                 bool compress, std::string_view title);
    // An error when libharu reported one since the last check ("Gagal <doing> PDF ...").
    Result<void> check(std::string_view doing_id, std::string_view doing_en);
    [[nodiscard]] double text_width(HPDF_Font f, double size, std::string_view text) const;
    void draw_text(HPDF_Page page, HPDF_Font f, double size, double x, double baseline, std::string const& text) const;
    // Lines of `text` that fit in `width`: breaks at spaces and line breaks, and inside a word
    // only when the word alone is wider than the width.
    [[nodiscard]] std::vector<std::string> wrap(std::string const& text, HPDF_Font f, double size, double width) const;
    // Writes the file, created readable by its owner only (documents hold personal data).
    Result<void> save(std::string const& path);
};

}  // namespace pilar::pdf_detail
