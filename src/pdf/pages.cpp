#include "pdf/pages.hpp"

#include "pdf/hpdf.hpp"

namespace pilar {
namespace {

constexpr double kMm = 72.0 / 25.4;

}  // namespace

struct PdfPages::Impl {
    std::unique_ptr<pdf_detail::HpdfDoc> h;
    HPDF_Page page = nullptr;
    double height = 0;  // of the current page, in points
    int pages = 0;

    HPDF_Font font(PdfWeight w) const { return w == PdfWeight::Bold ? h->bold : h->font; }
    HPDF_REAL px(double mm) const { return static_cast<HPDF_REAL>(mm * kMm); }
    HPDF_REAL py(double mm) const { return static_cast<HPDF_REAL>(height - mm * kMm); }
    void line(double x_mm, double y_mm, double size, PdfWeight w, PdfAlign align, std::string const& t) {
        if (!page) return;
        double x = x_mm * kMm;
        double const width = h->text_width(font(w), size, t);
        if (align == PdfAlign::Center) x -= width / 2;
        if (align == PdfAlign::Right) x -= width;
        h->draw_text(page, font(w), size, x, height - y_mm * kMm, t);
    }
};

PdfPages::PdfPages(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PdfPages::PdfPages(PdfPages&&) noexcept = default;
PdfPages& PdfPages::operator=(PdfPages&&) noexcept = default;
PdfPages::~PdfPages() = default;

Result<PdfPages> PdfPages::create(PdfPagesOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->h = PILAR_TRY(pdf_detail::HpdfDoc::open(options.font_path, options.bold_font_path,
                                                  options.compression == PdfCompression::On, options.title));
    return PdfPages(std::move(impl));
}

void PdfPages::new_page(double width_mm, double height_mm) {
    Impl& r = *m_impl;
    r.page = HPDF_AddPage(r.h->doc);
    if (!r.page) return;
    ++r.pages;
    HPDF_Page_SetWidth(r.page, r.px(width_mm));
    HPDF_Page_SetHeight(r.page, static_cast<HPDF_REAL>(height_mm * kMm));
    r.height = height_mm * kMm;
}

void PdfPages::text(double x_mm, double y_mm, double size_pt, PdfWeight weight, PdfAlign align, std::string_view text) {
    m_impl->line(x_mm, y_mm, size_pt, weight, align, pdf_detail::printable(text));
}

double PdfPages::paragraph(double x_mm, double y_mm, double width_mm, double size_pt, PdfWeight weight, PdfAlign align,
                           std::string_view text) {
    Impl& r = *m_impl;
    double const leading_mm = size_pt * 1.3 / kMm;
    double const anchor = align == PdfAlign::Center ? x_mm + width_mm / 2 : align == PdfAlign::Right ? x_mm + width_mm : x_mm;
    for (std::string const& l : r.h->wrap(pdf_detail::printable(text), r.font(weight), size_pt, width_mm * kMm)) {
        r.line(anchor, y_mm, size_pt, weight, align, l);
        y_mm += leading_mm;
    }
    return y_mm;
}

void PdfPages::stroke_rect(double x_mm, double y_mm, double w_mm, double h_mm, double line_pt) {
    Impl& r = *m_impl;
    if (!r.page) return;
    HPDF_Page_SetLineWidth(r.page, static_cast<HPDF_REAL>(line_pt));
    HPDF_Page_Rectangle(r.page, r.px(x_mm), r.py(y_mm + h_mm), r.px(w_mm), r.px(h_mm));
    HPDF_Page_Stroke(r.page);
}

void PdfPages::fill_rect(double x_mm, double y_mm, double w_mm, double h_mm) {
    Impl& r = *m_impl;
    if (!r.page) return;
    HPDF_Page_Rectangle(r.page, r.px(x_mm), r.py(y_mm + h_mm), r.px(w_mm), r.px(h_mm));
    HPDF_Page_Fill(r.page);
}

Result<void> PdfPages::save(std::string const& path) {
    Impl& r = *m_impl;
    if (r.pages == 0) PdfPages::new_page(210, 297);  // libharu writes no page-less document
    PILAR_TRY(r.h->check("menyusun", "lay out"));
    return r.h->save(path);
}

int PdfPages::page_count() const { return m_impl->pages; }

}  // namespace pilar
