// PdfPages: free-form pages — certificates, ID cards, anything that is not a table — over
// libharu, with the same embedded DejaVu fonts as PdfReport (UTF-8 names print as written).
// Coordinates are millimetres from the page's top-left corner; y is a text line's baseline.
//
//   PdfPages doc = PILAR_TRY(PdfPages::create({.title = "Sertifikat"}));
//   doc.new_page(297, 210);                                         // A4 landscape
//   doc.text(148.5, 60, 28, PdfWeight::Bold, PdfAlign::Center, "SERTIFIKAT");
//   double y = doc.paragraph(30, 80, 237, 12, PdfWeight::Regular, PdfAlign::Center, long_text);
//   doc.fill_rect(10, 10, 2, 2);                                    // one QR module
//   PILAR_TRY(doc.save("sertifikat.pdf"));                          // owner-readable only
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "pdf/report.hpp"

namespace pilar {

enum class PdfWeight { Regular, Bold };

struct PdfPagesOptions {
    std::string title;
    std::string font_path = std::string(kPdfDefaultFont);
    std::string bold_font_path = std::string(kPdfDefaultBoldFont);
    PdfCompression compression = PdfCompression::On;
};

class PdfPages {
public:
    static Result<PdfPages> create(PdfPagesOptions options);
    PdfPages(PdfPages&&) noexcept;
    PdfPages& operator=(PdfPages&&) noexcept;
    ~PdfPages();

    // Starts a page of this size (millimetres); what follows draws on it.
    void new_page(double width_mm, double height_mm);
    // One line; x is its left edge, centre or right edge by `align`.
    void text(double x_mm, double y_mm, double size_pt, PdfWeight weight, PdfAlign align, std::string_view text);
    // Text wrapped within `width_mm` from `x_mm` (its left edge); returns the baseline below the
    // last line (where the next line would go).
    double paragraph(double x_mm, double y_mm, double width_mm, double size_pt, PdfWeight weight, PdfAlign align,
                     std::string_view text);
    void stroke_rect(double x_mm, double y_mm, double w_mm, double h_mm, double line_pt = 0.5);
    void fill_rect(double x_mm, double y_mm, double w_mm, double h_mm);
    Result<void> save(std::string const& path);
    [[nodiscard]] int page_count() const;

private:
    struct Impl;
    explicit PdfPages(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace pilar
