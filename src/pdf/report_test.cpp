// What these tests check: that the file is a PDF (header, trailer), that it has the pages the
// report says (counted in the file's own page objects), the page size for the orientation, the
// embedded DejaVu font, and — through poppler's pdftotext (poppler-utils, installed by
// scripts/bootstrap) — the text a reader of each page sees: title, names with diacritics,
// the header row repeated on every page, "Halaman i dari N", the signature lines. They do not
// check layout (where things sit, that nothing overlaps): that is looked at by eye.
#include "pdf/report.hpp"
#include "pdf/pages.hpp"

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace pilar {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "pilar-pdf-XXXXXX").string();
        m_path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string file(std::string const& name) const { return (fs::path(m_path) / name).string(); }

private:
    std::string m_path;
};

std::string slurp(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// "/Type /Page" objects, not "/Type /Pages" (the page tree). (No std::regex: g++ 12 warns
// inside it under the sanitizers.)
int count_pages(std::string const& pdf) {
    constexpr std::string_view kPage = "/Type /Page";
    int n = 0;
    for (size_t at = pdf.find(kPage); at != std::string::npos; at = pdf.find(kPage, at + 1))
        if (at + kPage.size() < pdf.size() && pdf[at + kPage.size()] != 's') ++n;
    return n;
}

// The text of page `page` (1-based) as pdftotext reads it.
std::string page_text(std::string const& path, int page) {
    std::string const cmd = fmt::format("pdftotext -q -f {0} -l {0} '{1}' - 2>/dev/null", page, path);
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return {};
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

bool has_pdftotext() { return std::system("pdftotext -v >/dev/null 2>&1") == 0; }

// The /MediaBox of the first page, rounded down: {width, height} in points.
std::pair<int, int> media_box(std::string const& pdf) {
    constexpr std::string_view kBox = "/MediaBox [ 0 0 ";
    size_t const at = pdf.find(kBox);
    if (at == std::string::npos) return {0, 0};
    char const* p = pdf.c_str() + at + kBox.size();
    char* end = nullptr;
    double const w = std::strtod(p, &end);
    double const h = std::strtod(end, nullptr);
    return {static_cast<int>(w), static_cast<int>(h)};
}

PdfReportOptions bnba_options() {
    return {
        .title = "Daftar Penerima Bantuan (BNBA)",
        .subtitle_lines = {"Kelurahan Sukasari, Kecamatan Tangerang, Kota Tangerang",
                           "Tanggal: 2025-05-02", "Berita acara No. 12/BA/2025"},
        .columns = {{"No", 1, PdfAlign::Right}, {"NIK", 4}, {"Nama", 5}, {"Alamat", 8}},
        .signature_blocks = {{"Mengetahui,", "Lurah Sukasari", "", "", "(Drs. Ahmad Ngô)"},
                             {"Tangerang, 2 Mei 2025", "Petugas", "", "", "(Siti Nurhalizah)"}},
        .compression = PdfCompression::Off,
    };
}

TEST(PdfReport, ThreePagesWithRepeatedHeaderPageNumbersAndFonts) {
    TempDir dir;
    auto report = PdfReport::create(bnba_options());
    ASSERT_TRUE(report) << report.error().describe(Lang::En);
    int rows = 0;
    while (report->page_count() < 3) {
        ++rows;
        ASSERT_TRUE(report->add_row({fmt::format("{}", rows), fmt::format("36710101019{:05}", rows),
                                     rows % 2 ? "Siti Nurhalizah" : "Nguyễn Văn Ngô",
                                     "Jl. Melati No. 3, RT 001/RW 004, Kelurahan Sukasari"}));
        ASSERT_LT(rows, 1000);
    }
    // Fill part of the third page, leaving room for the signatures.
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(report->add_row({"x", "y", "z"}));
    std::string const path = dir.file("bnba.pdf");
    ASSERT_TRUE(report->save(path));
    EXPECT_EQ(report->page_count(), 3);
    EXPECT_FALSE(report->add_row({"late"}));

    std::string const pdf = slurp(path);
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos);
    EXPECT_EQ(count_pages(pdf), 3);
    EXPECT_NE(pdf.find("DejaVuSans"), std::string::npos) << "TrueType font used";
    EXPECT_NE(pdf.find("/FontFile2"), std::string::npos) << "font embedded";
    EXPECT_EQ(media_box(pdf), (std::pair{595, 841})) << "portrait A4";

    ASSERT_TRUE(has_pdftotext()) << "pdftotext is missing: run scripts/bootstrap (poppler-utils)";
    std::string const first = page_text(path, 1);
    EXPECT_NE(first.find("Daftar Penerima Bantuan (BNBA)"), std::string::npos) << first;
    EXPECT_NE(first.find("Berita acara No. 12/BA/2025"), std::string::npos) << first;
    EXPECT_NE(first.find("Siti Nurhalizah"), std::string::npos) << first;
    EXPECT_NE(first.find("Nguyễn Văn Ngô"), std::string::npos) << first;
    for (int page = 1; page <= 3; ++page) {
        std::string const text = page_text(path, page);
        EXPECT_NE(text.find("Alamat"), std::string::npos) << "header row on page " << page;
        EXPECT_NE(text.find(fmt::format("Halaman {} dari 3", page)), std::string::npos) << text;
    }
    EXPECT_EQ(page_text(path, 2).find("Daftar Penerima"), std::string::npos) << "title only on page 1";
    std::string const last = page_text(path, 3);
    EXPECT_NE(last.find("Mengetahui,"), std::string::npos) << last;
    EXPECT_NE(last.find("(Drs. Ahmad Ngô)"), std::string::npos) << last;

    struct stat st{};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(PdfReport, LandscapeLongCellsWrapAndSignaturesMayTakeAPage) {
    TempDir dir;
    PdfReportOptions opt = bnba_options();
    opt.orientation = PdfOrientation::Landscape;
    auto report = PdfReport::create(opt);
    ASSERT_TRUE(report);
    std::string long_address;
    for (int i = 0; i < 60; ++i) long_address += "Jalan Panjang Sekali ";
    ASSERT_TRUE(report->add_row({"1", "3671010101900001", "Siti", long_address}));
    ASSERT_TRUE(report->add_row({"2", "36710101019000013671010101900001367101010190000136710101019000013671010101900001",
                                 std::string("bad \xFF utf-8"), "a\tb\nc"}));
    std::string const path = dir.file("landscape.pdf");
    ASSERT_TRUE(report->save(path));
    std::string const pdf = slurp(path);
    EXPECT_EQ(count_pages(pdf), report->page_count());
    EXPECT_EQ(media_box(pdf), (std::pair{841, 595})) << "landscape A4";
    ASSERT_TRUE(has_pdftotext()) << "pdftotext is missing: run scripts/bootstrap (poppler-utils)";
    std::string text;
    for (int page = 1; page <= report->page_count(); ++page) text += page_text(path, page);
    EXPECT_NE(text.find("bad ? utf-8"), std::string::npos) << text;  // the bad byte shown as '?'
    EXPECT_NE(text.find(fmt::format("Halaman {0} dari {0}", report->page_count())), std::string::npos);
    EXPECT_NE(text.find("(Siti Nurhalizah)"), std::string::npos) << "signatures, perhaps on their own page";
}

TEST(PdfReport, CompressedByDefaultAndStillValid) {
    TempDir dir;
    PdfReportOptions opt = bnba_options();
    opt.compression = PdfCompression::On;
    auto report = PdfReport::create(opt);
    ASSERT_TRUE(report);
    ASSERT_TRUE(report->add_row({"1", "3671010101900001", "Siti Nurhalizah", "Jl. Melati 3"}));
    std::string const path = dir.file("c.pdf");
    ASSERT_TRUE(report->save(path));
    std::string const pdf = slurp(path);
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_NE(pdf.find("/FlateDecode"), std::string::npos);
    EXPECT_EQ(count_pages(pdf), 1);
}

TEST(PdfReport, BadOptionsRowsAndPaths) {
    PdfReportOptions opt = bnba_options();
    opt.columns.clear();
    EXPECT_FALSE(PdfReport::create(opt));
    opt = bnba_options();
    opt.columns[1].width = 0;
    EXPECT_FALSE(PdfReport::create(opt));
    opt = bnba_options();
    opt.font_path = "/nonexistent/font.ttf";
    auto missing_font = PdfReport::create(opt);
    ASSERT_FALSE(missing_font);
    EXPECT_NE(missing_font.error().message.en.find("fonts-dejavu-core"), std::string::npos);

    auto report = PdfReport::create(bnba_options());
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->add_row({"1", "2", "3", "4", "5"}));  // more cells than columns
    auto saved = report->save("/nonexistent-dir/x.pdf");
    ASSERT_FALSE(saved);
    EXPECT_NE(saved.error().message.en.find("cannot be created"), std::string::npos);
}

// PdfPages (pages.hpp) shares the document, fonts and saving with PdfReport: checked here with
// the same readers.
TEST(PdfPages, FreeFormPagesOfTheirSizeWithWrappedUtf8Text) {
    TempDir dir;
    auto doc = PdfPages::create({.title = "Sertifikat", .compression = PdfCompression::Off});
    ASSERT_TRUE(doc) << doc.error().message.en;
    doc->new_page(297, 210);
    doc->text(148.5, 40, 28, PdfWeight::Bold, PdfAlign::Center, "SERTIFIKAT");
    double const y = doc->paragraph(30, 60, 60, 12, PdfWeight::Regular, PdfAlign::Center,
                                    "diberikan kepada Nguyễn Thị Ngô atas partisipasinya dalam pembinaan kerelawanan sosial");
    EXPECT_GT(y, 60 + 2 * 12 * 1.3 / (72.0 / 25.4)) << "wrapped onto three lines or more";
    doc->stroke_rect(10, 10, 277, 190);
    doc->fill_rect(20, 20, 3, 3);
    doc->new_page(85.6, 54);  // an ID card
    doc->text(5, 10, 9, PdfWeight::Regular, PdfAlign::Left, "Kartu peserta");
    EXPECT_EQ(doc->page_count(), 2);
    std::string const path = dir.file("pages.pdf");
    ASSERT_TRUE(doc->save(path));
    std::string const pdf = slurp(path);
    EXPECT_EQ(count_pages(pdf), 2);
    EXPECT_EQ(media_box(pdf), std::make_pair(841, 595));
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    if (!has_pdftotext()) GTEST_SKIP() << "pdftotext not installed";
    std::string const first = page_text(path, 1);
    EXPECT_NE(first.find("SERTIFIKAT"), std::string::npos) << first;
    EXPECT_NE(first.find("Nguyễn"), std::string::npos) << first;
    EXPECT_NE(page_text(path, 2).find("Kartu peserta"), std::string::npos);
}

TEST(PdfPages, UnwritablePathIsAnError) {
    auto doc = PdfPages::create({});
    ASSERT_TRUE(doc);
    doc->new_page(100, 100);
    auto saved = doc->save("/nonexistent-dir/x.pdf");
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, ErrorCode::PermissionDenied);
}

}  // namespace
}  // namespace pilar
