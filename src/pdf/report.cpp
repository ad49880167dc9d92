#include "pdf/report.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <hpdf.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>

#include "core/strings.hpp"
#include "pdf/hpdf.hpp"

namespace pilar {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kMargin = 15 * kMm;
constexpr double kFooterSpace = 10 * kMm;  // below the table: the page number
constexpr double kPadX = 3;
constexpr double kPadY = 2.5;
constexpr double kTitleSize = 14;
constexpr double kSubtitleSize = 10;
constexpr double kFooterSize = 8;
constexpr size_t kMaxColumns = 64;

using pdf_detail::printable;

}  // namespace

struct PdfReport::Impl {
    PdfReportOptions opt;
    std::unique_ptr<pdf_detail::HpdfDoc> h;
    HPDF_Doc doc = nullptr;      // h's, for short
    HPDF_Font font = nullptr;
    HPDF_Font bold = nullptr;
    std::vector<HPDF_Page> pages;
    HPDF_Page page = nullptr;
    double page_width = 0;
    double page_height = 0;
    double y = 0;  // top of the next thing drawn on the current page
    std::vector<double> widths;  // column widths in points
    long long rows = 0;
    bool saved = false;

    Result<void> check(std::string_view doing_id, std::string_view doing_en) { return h->check(doing_id, doing_en); }
    double text_width(HPDF_Font f, double size, std::string_view text) const { return h->text_width(f, size, text); }
    void draw_text(HPDF_Font f, double size, double x, double baseline, std::string const& text) {
        h->draw_text(page, f, size, x, baseline, text);
    }
    std::vector<std::string> wrap(std::string const& text, HPDF_Font f, double size, double width) const {
        return h->wrap(text, f, size, width);
    }
    double leading() const { return opt.font_size * 1.3; }
    double bottom() const { return kMargin + kFooterSpace; }
    double table_width() const { return page_width - 2 * kMargin; }

    void new_page(bool with_table_header) {
        page = HPDF_AddPage(doc);
        if (!page) return;
        pages.push_back(page);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
                          opt.orientation == PdfOrientation::Landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
        page_width = HPDF_Page_GetWidth(page);
        page_height = HPDF_Page_GetHeight(page);
        y = page_height - kMargin;
        HPDF_Page_SetLineWidth(page, 0.5);
        if (pages.size() == 1) {
            for (std::string const& line : wrap(printable(opt.title), bold, kTitleSize, table_width())) {
                y -= kTitleSize * 1.3;
                draw_text(bold, kTitleSize, kMargin, y + kTitleSize * 0.3, line);
            }
            for (std::string const& sub : opt.subtitle_lines) {
                for (std::string const& line : wrap(printable(sub), font, kSubtitleSize, table_width())) {
                    y -= kSubtitleSize * 1.3;
                    draw_text(font, kSubtitleSize, kMargin, y + kSubtitleSize * 0.3, line);
                }
            }
            y -= 4 * kMm;
        }
        if (with_table_header) {
            std::vector<std::string> titles;
            for (PdfColumn const& c : opt.columns) titles.push_back(c.title);
            draw_row(titles, bold, /*shade=*/true);
        }
    }

    double row_height(std::vector<std::vector<std::string>> const& cell_lines) const {
        size_t most = 1;
        for (auto const& lines : cell_lines) most = std::max(most, lines.size());
        return static_cast<double>(most) * leading() + 2 * kPadY;
    }

    std::vector<std::vector<std::string>> layout(std::vector<std::string> const& cells, HPDF_Font f) const {
        std::vector<std::vector<std::string>> out;
        for (size_t c = 0; c < widths.size(); ++c) {
            std::string const text = c < cells.size() ? printable(cells[c]) : std::string();
            out.push_back(wrap(text, f, opt.font_size, widths[c] - 2 * kPadX));
        }
        return out;
    }

    void draw_cells(std::vector<std::vector<std::string>> const& cell_lines, HPDF_Font f, bool shade) {
        double const h = row_height(cell_lines);
        double x = kMargin;
        for (size_t c = 0; c < widths.size(); ++c) {
            if (shade) {
                HPDF_Page_SetGrayFill(page, 0.88f);
                HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y - h),
                                    static_cast<HPDF_REAL>(widths[c]), static_cast<HPDF_REAL>(h));
                HPDF_Page_FillStroke(page);
                HPDF_Page_SetGrayFill(page, 0);
            } else {
                HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y - h),
                                    static_cast<HPDF_REAL>(widths[c]), static_cast<HPDF_REAL>(h));
                HPDF_Page_Stroke(page);
            }
            double baseline = y - kPadY - opt.font_size;
            for (std::string const& line : cell_lines[c]) {
                double tx = x + kPadX;
                PdfAlign const align = opt.columns[c].align;
                if (align != PdfAlign::Left) {
                    double const free = widths[c] - 2 * kPadX - text_width(f, opt.font_size, line);
                    tx += align == PdfAlign::Right ? free : free / 2;
                }
                draw_text(f, opt.font_size, tx, baseline, line);
                baseline -= leading();
            }
            x += widths[c];
        }
        y -= h;
    }

    // Draws a row at `y`; a row taller than a whole page is cut to what fits, with "…".
    void draw_row(std::vector<std::string> const& cells, HPDF_Font f, bool shade) {
        auto lines = layout(cells, f);
        double const room = y - bottom();
        auto const fit = static_cast<size_t>(std::max(1.0, std::floor((room - 2 * kPadY) / leading())));
        for (auto& l : lines) {
            if (l.size() > fit) {
                l.resize(fit);
                l.back() += "…";
            }
        }
        draw_cells(lines, f, shade);
    }

    template <typename Range>
    Result<void> add(Range const& cells) {
        if (h->error) return fail(*h->error);
        if (saved) return fail(ErrorCode::Internal, {"Laporan PDF sudah disimpan", "The PDF report is already saved"});
        if (cells.size() > widths.size())
            return fail(ErrorCode::InvalidArgument,
                        {fmt::format("Baris punya {} sel; tabel hanya {} kolom", cells.size(), widths.size()),
                         fmt::format("The row has {} cells; the table has only {} columns", cells.size(),
                                     widths.size())});
        std::vector<std::string> row;
        for (auto const& c : cells) row.emplace_back(std::string_view(c));
        double const h = row_height(layout(row, font));
        if (y - h < bottom()) new_page(/*with_table_header=*/true);
        draw_row(row, font, false);
        ++rows;
        return check("menulis", "write");
    }

    void draw_signatures() {
        auto const& blocks = opt.signature_blocks;
        if (blocks.empty()) return;
        double const block_width = table_width() / static_cast<double>(blocks.size());
        size_t most = 0;
        std::vector<std::vector<std::string>> wrapped;
        for (auto const& block : blocks) {
            std::vector<std::string> lines;
            for (std::string const& l : block)
                for (std::string& w : wrap(printable(l), font, kSubtitleSize, block_width - 2 * kPadX))
                    lines.push_back(std::move(w));
            most = std::max(most, lines.size());
            wrapped.push_back(std::move(lines));
        }
        double const line_h = kSubtitleSize * 1.4;
        double const needed = 8 * kMm + static_cast<double>(most) * line_h;
        if (y - needed < bottom()) new_page(/*with_table_header=*/false);
        y -= 8 * kMm;
        for (size_t b = 0; b < wrapped.size(); ++b) {
            double baseline = y - kSubtitleSize;
            for (std::string const& line : wrapped[b]) {
                draw_text(font, kSubtitleSize, kMargin + static_cast<double>(b) * block_width + kPadX, baseline, line);
                baseline -= line_h;
            }
        }
        y -= static_cast<double>(most) * line_h;
    }

    void draw_footers() {
        int const n = static_cast<int>(pages.size());
        for (int i = 0; i < n; ++i) {
            page = pages[static_cast<size_t>(i)];
            std::string const text = fmt::format("Halaman {} dari {}", i + 1, n);
            double const w = text_width(font, kFooterSize, text);
            draw_text(font, kFooterSize, (HPDF_Page_GetWidth(page) - w) / 2, kMargin, text);
        }
    }
};

PdfReport::PdfReport(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PdfReport::PdfReport(PdfReport&&) noexcept = default;
PdfReport& PdfReport::operator=(PdfReport&&) noexcept = default;
PdfReport::~PdfReport() = default;

Result<PdfReport> PdfReport::create(PdfReportOptions options) {
    if (options.columns.empty() || options.columns.size() > kMaxColumns)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Tabel PDF harus punya 1 sampai {} kolom", kMaxColumns),
                     fmt::format("A PDF table must have 1 to {} columns", kMaxColumns)});
    double total = 0;
    for (PdfColumn const& c : options.columns) {
        if (!(c.width > 0) || !std::isfinite(c.width))
            return fail(ErrorCode::InvalidArgument,
                        {fmt::format("Lebar kolom \"{}\" harus lebih dari 0", c.title),
                         fmt::format("The width of column \"{}\" must be more than 0", c.title)});
        total += c.width;
    }
    if (!(options.font_size >= 4 && options.font_size <= 24))
        return fail(ErrorCode::InvalidArgument,
                    {"Ukuran huruf tabel harus 4 sampai 24 poin", "The table font size must be 4 to 24 points"});
    auto impl = std::make_unique<Impl>();
    impl->opt = std::move(options);
    impl->h = PILAR_TRY(pdf_detail::HpdfDoc::open(impl->opt.font_path, impl->opt.bold_font_path,
                                                  impl->opt.compression == PdfCompression::On, impl->opt.title));
    impl->doc = impl->h->doc;
    impl->font = impl->h->font;
    impl->bold = impl->h->bold;

    impl->new_page(/*with_table_header=*/false);  // sets the page width the columns share
    for (PdfColumn const& c : impl->opt.columns) impl->widths.push_back(c.width / total * impl->table_width());
    std::vector<std::string> titles;
    for (PdfColumn const& c : impl->opt.columns) titles.push_back(c.title);
    impl->draw_row(titles, impl->bold, /*shade=*/true);
    PILAR_TRY(impl->check("membuat", "create"));
    return PdfReport(std::move(impl));
}

Result<void> PdfReport::add_row(std::span<std::string const> cells) { return m_impl->add(cells); }
Result<void> PdfReport::add_row(std::span<std::string_view const> cells) { return m_impl->add(cells); }
Result<void> PdfReport::add_row(std::initializer_list<std::string_view> cells) {
    return m_impl->add(std::span<std::string_view const>(cells.begin(), cells.size()));
}

Result<void> PdfReport::save(std::string const& path) {
    Impl& r = *m_impl;
    if (r.h->error) return fail(*r.h->error);
    if (r.saved) return fail(ErrorCode::Internal, {"Laporan PDF sudah disimpan", "The PDF report is already saved"});
    r.saved = true;
    r.draw_signatures();
    r.draw_footers();
    PILAR_TRY(r.check("menyusun", "lay out"));
    return r.h->save(path);
}

int PdfReport::page_count() const { return static_cast<int>(m_impl->pages.size()); }
long long PdfReport::rows_written() const { return m_impl->rows; }

}  // namespace pilar
