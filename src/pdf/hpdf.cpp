#include "pdf/hpdf.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/strings.hpp"

namespace pilar::pdf_detail {
namespace {

size_t utf8_char_len(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    return 4;
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out(s);
    size_t bad = 0;
    while (!is_valid_utf8(out, &bad)) out[bad] = '?';
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n') c = ' ';
    return out;
}

HpdfDoc::~HpdfDoc() {
    if (doc) HPDF_Free(doc);
}

Result<std::unique_ptr<HpdfDoc>> HpdfDoc::open(std::string const& font_path, std::string const& bold_font_path,
                                               bool compress, std::string_view title) {
    for (std::string const& f : {font_path, bold_font_path}) {
        if (::access(f.c_str(), R_OK) != 0)
            return fail(ErrorCode::Internal,
                        {fmt::format("Font {} tidak ada; jalankan scripts/bootstrap (paket fonts-dejavu-core)", f),
                         fmt::format("Font {} is missing; run scripts/bootstrap (package fonts-dejavu-core)", f)});
    }
    auto h = std::make_unique<HpdfDoc>();
    h->doc = HPDF_New(
        [](HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
            auto* r = static_cast<HpdfDoc*>(user);
            if (r->hpdf_error == HPDF_OK) {
                r->hpdf_error = error_no;
                r->hpdf_detail = detail_no;
            }
        },
        h.get());
    if (!h->doc) return fail(ErrorCode::Internal, {"Memori habis", "Out of memory"});
    HPDF_SetCompressionMode(h->doc, compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(h->doc);
    HPDF_SetCurrentEncoder(h->doc, "UTF-8");
    char const* regular = HPDF_LoadTTFontFromFile(h->doc, font_path.c_str(), HPDF_TRUE);
    char const* bold = HPDF_LoadTTFontFromFile(h->doc, bold_font_path.c_str(), HPDF_TRUE);
    if (regular) h->font = HPDF_GetFont(h->doc, regular, "UTF-8");
    if (bold) h->bold = HPDF_GetFont(h->doc, bold, "UTF-8");
    PILAR_TRY(h->check("memuat font untuk", "load the font for"));
    if (!h->font || !h->bold) return fail(ErrorCode::Internal, {"Font PDF tidak dapat dimuat", "The PDF font could not be loaded"});
    HPDF_SetInfoAttr(h->doc, HPDF_INFO_CREATOR, "Pilar");
    if (!title.empty()) HPDF_SetInfoAttr(h->doc, HPDF_INFO_TITLE, printable(title).c_str());
    PILAR_TRY(h->check("membuat", "create"));
    return h;
}

Result<void> HpdfDoc::check(std::string_view doing_id, std::string_view doing_en) {
    if (hpdf_error == HPDF_OK) return {};
    Error e(ErrorCode::Internal,
            {fmt::format("Gagal {} PDF (libharu 0x{:04X}, {})", doing_id, hpdf_error, hpdf_detail),
             fmt::format("Failed to {} the PDF (libharu 0x{:04X}, {})", doing_en, hpdf_error, hpdf_detail)});
    hpdf_error = HPDF_OK;
    HPDF_ResetError(doc);
    error = e;
    return fail(std::move(e));
}

double HpdfDoc::text_width(HPDF_Font f, double size, std::string_view text) const {
    if (text.empty()) return 0;
    HPDF_TextWidth const w =
        HPDF_Font_TextWidth(f, reinterpret_cast<HPDF_BYTE const*>(text.data()), static_cast<HPDF_UINT>(text.size()));
    return static_cast<double>(w.width) * size / 1000.0;
}

void HpdfDoc::draw_text(HPDF_Page page, HPDF_Font f, double size, double x, double baseline, std::string const& text) const {
    if (text.empty()) return;
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, f, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline), text.c_str());
    HPDF_Page_EndText(page);
}

std::vector<std::string> HpdfDoc::wrap(std::string const& text, HPDF_Font f, double size, double width) const {
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

Result<void> HpdfDoc::save(std::string const& path) {
    if (error) return fail(*error);
    // Created owner-only first; libharu's fopen() then rewrites it and keeps the mode.
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int const err = errno;
        return fail(ErrorCode::PermissionDenied,
                    {fmt::format("File {} tidak dapat dibuat: {}", path, std::strerror(err)),
                     fmt::format("File {} cannot be created: {}", path, std::strerror(err))});
    }
    ::close(fd);
    HPDF_SaveToFile(doc, path.c_str());
    auto saved = check("menyimpan", "save");
    if (!saved) {
        Error e = std::move(saved).error();
        return fail(std::move(e.at_file(path)));
    }
    return {};
}

}  // namespace pilar::pdf_detail
