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

// libharu's UTF-8 encoder assumes valid UTF-8; a bad byte must not reach it. Control
// characters (tabs, stray CRs) print as nothing useful, so they become spaces.
std::string printable(std::string_view s) {
    std::string out(s);
    size_t bad = 0;
    while (!is_valid_utf8(out, &bad)) out[bad] = '?';
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n') c = ' ';
    return out;
}

size_t utf8_char_len(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    return 4;
}

}  // namespace

struct PdfReport::Impl {
    PdfReportOptions opt;
    HPDF_Doc doc = nullptr;
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
    // Set by libharu's error callback; checked after each step.
    HPDF_STATUS hpdf_error = HPDF_OK;
    HPDF_STATUS hpdf_detail = 0;
    std::optional<Error> error;

    ~Impl() {
        if (doc) HPDF_Free(doc);
    }

    double leading() const { return opt.font_size * 1.3; }
    double bottom() const { return kMargin + kFooterSpace; }
    double table_width() const { return page_width - 2 * kMargin; }

    Result<void> check(std::string_view doing_id, std::string_view doing_en) {
        if (hpdf_error == HPDF_OK) return {};
        Error e(ErrorCode::Internal,
                {fmt::format("Gagal {} PDF (libharu 0x{:04X}, {})", doing_id, hpdf_error, hpdf_detail),
                 fmt::format("Failed to {} the PDF (libharu 0x{:04X}, {})", doing_en, hpdf_error, hpdf_detail)});
        hpdf_error = HPDF_OK;
        HPDF_ResetError(doc);
        error = e;
        return fail(std::move(e));
    }

    double text_width(HPDF_Font f, double size, std::string_view text) const {
        if (text.empty()) return 0;
        HPDF_TextWidth const w =
            HPDF_Font_TextWidth(f, reinterpret_cast<HPDF_BYTE const*>(text.data()), static_cast<HPDF_UINT>(text.size()));
        return static_cast<double>(w.width) * size / 1000.0;
    }

    void draw_text(HPDF_Font f, double size, double x, double baseline, std::string const& text) {
        if (text.empty()) return;
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, f, static_cast<HPDF_REAL>(size));
        HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline), text.c_str());
        HPDF_Page_EndText(page);
    }

    // Lines of `text` that fit in `width`: breaks at spaces and line breaks, and inside a word
    // only when the word alone is wider than the column.
    std::vector<std::string> wrap(std::string const& text, HPDF_Font f, double size, double width) const {
        std::vector<std::string> lines;
        for (std::string_view para : split(text, '\n')) {
            std::string line;
            for (std::string_view word : split(para, ' ')) {
                if (word.empty()) continue;
                std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
                if (text_width(f, size, candidate) <= width) {
                    line = std::move(candidate);
                    continue;
                }
                if (!line.empty()) lines.push_back(std::move(line));
                line.clear();
                // The word alone: cut it at character boundaries where it overflows.
                size_t i = 0;
                while (i < word.size()) {
                    size_t const n = utf8_char_len(static_cast<unsigned char>(word[i]));
                    std::string next = line + std::string(word.substr(i, n));
                    if (!line.empty() && text_width(f, size, next) > width) {
                        lines.push_back(std::move(line));
                        line = std::string(word.substr(i, n));
                    } else {
                        line = std::move(next);
                    }
                    i += n;
                }
            }
            lines.push_back(std::move(line));
        }
        while (lines.size() > 1 && lines.back().empty()) lines.pop_back();
        return lines;
    }

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
        if (error) return fail(*error);
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
    for (std::string const& f : {options.font_path, options.bold_font_path}) {
        if (::access(f.c_str(), R_OK) != 0)
            return fail(ErrorCode::Internal,
                        {fmt::format("Font {} tidak ada; jalankan scripts/bootstrap (paket fonts-dejavu-core)", f),
                         fmt::format("Font {} is missing; run scripts/bootstrap (package fonts-dejavu-core)", f)});
    }

    auto impl = std::make_unique<Impl>();
    impl->opt = std::move(options);
    Impl* const self = impl.get();
    impl->doc = HPDF_New(
        [](HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
            auto* r = static_cast<Impl*>(user);
            if (r->hpdf_error == HPDF_OK) {
                r->hpdf_error = error_no;
                r->hpdf_detail = detail_no;
            }
        },
        self);
    if (!impl->doc) return fail(ErrorCode::Internal, {"Memori habis", "Out of memory"});
    HPDF_SetCompressionMode(impl->doc, impl->opt.compression == PdfCompression::On ? HPDF_COMP_ALL : HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(impl->doc);
    HPDF_SetCurrentEncoder(impl->doc, "UTF-8");
    char const* regular = HPDF_LoadTTFontFromFile(impl->doc, impl->opt.font_path.c_str(), HPDF_TRUE);
    char const* bold = HPDF_LoadTTFontFromFile(impl->doc, impl->opt.bold_font_path.c_str(), HPDF_TRUE);
    if (regular) impl->font = HPDF_GetFont(impl->doc, regular, "UTF-8");
    if (bold) impl->bold = HPDF_GetFont(impl->doc, bold, "UTF-8");
    PILAR_TRY(impl->check("memuat font untuk", "load the font for"));
    if (!impl->font || !impl->bold)
        return fail(ErrorCode::Internal, {"Font PDF tidak dapat dimuat", "The PDF font could not be loaded"});
    HPDF_SetInfoAttr(impl->doc, HPDF_INFO_CREATOR, "Pilar");
    if (!impl->opt.title.empty()) HPDF_SetInfoAttr(impl->doc, HPDF_INFO_TITLE, printable(impl->opt.title).c_str());
    PILAR_TRY(impl->check("membuat", "create"));

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
    if (r.error) return fail(*r.error);
    if (r.saved) return fail(ErrorCode::Internal, {"Laporan PDF sudah disimpan", "The PDF report is already saved"});
    r.saved = true;
    r.draw_signatures();
    r.draw_footers();
    PILAR_TRY(r.check("menyusun", "lay out"));
    // Created owner-only first; libharu's fopen() then rewrites it and keeps the mode.
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int const err = errno;
        return fail(ErrorCode::PermissionDenied,
                    {fmt::format("File {} tidak dapat dibuat: {}", path, std::strerror(err)),
                     fmt::format("File {} cannot be created: {}", path, std::strerror(err))});
    }
    ::close(fd);
    HPDF_SaveToFile(r.doc, path.c_str());
    auto saved = r.check("menyimpan", "save");
    if (!saved) {
        Error e = std::move(saved).error();
        return fail(std::move(e.at_file(path)));
    }
    return {};
}

int PdfReport::page_count() const { return static_cast<int>(m_impl->pages.size()); }
long long PdfReport::rows_written() const { return m_impl->rows; }

}  // namespace pilar
