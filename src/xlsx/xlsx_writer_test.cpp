#include "xlsx/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <vector>

#include "xlsx/xlsx_reader.hpp"

namespace pilar {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "pilar-xlsxw-XXXXXX").string();
        m_path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string file(std::string const& name) const { return (fs::path(m_path) / name).string(); }

private:
    std::string m_path;
};

Rows read_sheet(std::string const& path, std::string const& sheet, std::vector<std::string>* header = nullptr) {
    auto reader = XlsxReader::open(path, {.sheet = sheet});
    EXPECT_TRUE(reader) << reader.error().describe(Lang::En);
    if (!reader) return {};
    if (header) header->assign(reader->header().begin(), reader->header().end());
    Rows rows;
    XlsxRow row;
    while (true) {
        auto got = reader->next(row);
        EXPECT_TRUE(got) << got.error().describe(Lang::En);
        if (!got || !*got) break;
        rows.push_back(row.cells);
        for (XlsxCellKind k : row.kinds) EXPECT_NE(k, XlsxCellKind::Number);  // identifiers stay text
    }
    return rows;
}

std::vector<std::string> const kHeader{"nik", "no_kk", "nama", "alamat"};

TEST(XlsxWriter, RoundTripKeepsUnicodeEmptyCellsAndEveryDigit) {
    TempDir dir;
    std::string const path = dir.file("bnba.xlsx");
    auto w = XlsxWriter::create(path, kHeader, {.column_widths = {18, 18, 30}});
    ASSERT_TRUE(w) << w.error().describe(Lang::En);
    ASSERT_TRUE(w->write_row({"3671010101900001", "3671010101000009", "Siti Nurhalizah", "Jl. Melati 3, RT 001/RW 004"}));
    ASSERT_TRUE(w->write_row({"0000000000000001", "", "Ngô Thị Hương", ""}));
    ASSERT_TRUE(w->write_row({"", "", "", "ÄÖÜ ß — 漢字 🙂"}));
    std::vector<std::string> const long_digits{"12345678901234567890123", "007", "  spasi  ", "=1+1"};
    ASSERT_TRUE(w->write_row(long_digits));
    ASSERT_TRUE(w->finish()) << "finish";
    EXPECT_EQ(w->rows_written(), 4);
    EXPECT_EQ(w->sheet_count(), 1);
    EXPECT_FALSE(w->write_row({"late"}));

    struct stat st{};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);  // exports hold personal data

    std::vector<std::string> header;
    Rows const rows = read_sheet(path, "", &header);
    EXPECT_EQ(header, kHeader);
    // The third row has only its last cell: a row is kept as long as one cell has something.
    EXPECT_EQ(rows, (Rows{{"3671010101900001", "3671010101000009", "Siti Nurhalizah", "Jl. Melati 3, RT 001/RW 004"},
                          {"0000000000000001", "", "Ngô Thị Hương", ""},
                          {"", "", "", "ÄÖÜ ß — 漢字 🙂"},
                          {"12345678901234567890123", "007", "  spasi  ", "=1+1"}}));
}

TEST(XlsxWriter, ContinuesOnNewSheetsAtTheRowLimitRepeatingTheHeader) {
    TempDir dir;
    std::string const path = dir.file("besar.xlsx");
    // 4 rows a sheet (header included): 3 data rows each. The real default is Excel's 1,048,576.
    auto w = XlsxWriter::create(path, kHeader, {.max_rows_per_sheet = 4});
    ASSERT_TRUE(w);
    Rows written;
    for (int i = 1; i <= 10; ++i) {
        std::vector<std::string> row{fmt::format("36710101019{:05}", i), "", fmt::format("Warga {}", i), "x"};
        ASSERT_TRUE(w->write_row(row));
        written.push_back(row);
    }
    ASSERT_TRUE(w->finish());
    EXPECT_EQ(w->sheet_count(), 4);
    EXPECT_EQ(w->rows_written(), 10);

    auto first = XlsxReader::open(path);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->sheet_name(), "Data");
    std::vector<std::string> const others(first->other_sheet_names().begin(), first->other_sheet_names().end());
    EXPECT_EQ(others, (std::vector<std::string>{"Data (2)", "Data (3)", "Data (4)"}));

    Rows all;
    for (std::string sheet : {"Data", "Data (2)", "Data (3)", "Data (4)"}) {
        std::vector<std::string> header;
        Rows const rows = read_sheet(path, sheet, &header);
        EXPECT_EQ(header, kHeader) << sheet;
        EXPECT_LE(rows.size(), 3u) << sheet;
        all.insert(all.end(), rows.begin(), rows.end());
    }
    EXPECT_EQ(all, written);
}

TEST(XlsxWriter, RefusesBadRowsWithoutSpoilingTheFile) {
    TempDir dir;
    std::string const path = dir.file("x.xlsx");
    auto w = XlsxWriter::create(path, kHeader);
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write_row({"1", "2", "3", "4"}));
    std::vector<std::string> const too_long{"1", "2", std::string(32768, 'a')};
    auto bad = w->write_row(too_long);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(bad.error().field, "nama");
    EXPECT_EQ(bad.error().row, 2);
    std::vector<std::string> const with_nul{std::string("a\0b", 3)};
    EXPECT_FALSE(w->write_row(with_nul));
    ASSERT_TRUE(w->write_row({"5", "6", "7", "8"}));
    ASSERT_TRUE(w->finish());
    EXPECT_EQ(read_sheet(path, ""), (Rows{{"1", "2", "3", "4"}, {"5", "6", "7", "8"}}));
}

TEST(XlsxWriter, BadArgumentsAndPaths) {
    TempDir dir;
    EXPECT_FALSE(XlsxWriter::create(dir.file("a.xlsx"), {}));
    EXPECT_FALSE(XlsxWriter::create(dir.file("a.xlsx"), kHeader, {.sheet_name = "a/b"}));
    EXPECT_FALSE(XlsxWriter::create(dir.file("a.xlsx"), kHeader, {.max_rows_per_sheet = 1}));
    EXPECT_FALSE(XlsxWriter::create(dir.file("a.xlsx"), kHeader, {.max_rows_per_sheet = 1'048'577}));
    auto r = XlsxWriter::create(dir.file("no/such/dir/a.xlsx"), kHeader);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find("cannot be created"), std::string::npos);
}

}  // namespace
}  // namespace pilar
