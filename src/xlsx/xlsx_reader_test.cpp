#include "xlsx/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/row_source.hpp"

namespace pilar {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "pilar-xlsx-XXXXXX").string();
        m_path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string file(std::string const& name) const { return (fs::path(m_path) / name).string(); }

private:
    std::string m_path;
};

// Writes a zip with exactly these parts, for files no spreadsheet program would write.
void write_zip(std::string const& path, std::map<std::string, std::string> const& parts) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    for (auto const& [name, body] : parts) {
        zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
        ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
    }
    ASSERT_EQ(zip_close(z), 0);
}

Rows read_all(RowSource& source, std::vector<long long>* numbers = nullptr) {
    Rows out;
    std::vector<std::string> row;
    while (true) {
        auto got = source.next(row);
        EXPECT_TRUE(got) << got.error().describe(Lang::En);
        if (!got || !*got) break;
        out.push_back(row);
        if (numbers) numbers->push_back(source.row_number());
    }
    return out;
}

std::string const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
std::string const kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook whose first sheet (by workbook order) is sheet2.xml, with inline rich text,
// phonetic hints, a scientific NIK, gaps, an empty row, booleans, an error cell, a date in a
// custom format and merged cells after the data — and x: prefixes, as some generators write.
std::map<std::string, std::string> handmade_parts(std::string const& merge_xml) {
    return {
        {"[Content_Types].xml", kContentTypes},
        {"xl/workbook.xml",
         R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r=")" + kRelNs + R"(">
<x:sheets><x:sheet name="Keluarga" sheetId="2" r:id="rId7"/><x:sheet name="Catatan" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>)"},
        {"xl/_rels/workbook.xml.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type=")" + kRelNs + R"(/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type=")" + kRelNs + R"(/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId9" Type=")" + kRelNs + R"(/styles" Target="styles.xml"/>
</Relationships>)"},
        {"xl/styles.xml",
         R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="49"/></cellXfs>
</styleSheet>)"},
        {"xl/worksheets/sheet1.xml",
         R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>)"},
        {"xl/worksheets/sheet2.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>nik</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t> nama </x:t></x:is></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>lahir</x:t></x:is></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>aktif</x:t></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3"><x:v>3.6710101019E+15</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Siti </x:t></x:r><x:r><x:t xml:space="preserve">Nurhalizah</x:t></x:r><x:rPh sb="0" eb="1"><x:t>SHI</x:t></x:rPh></x:is></x:c><x:c r="C3" s="1"><x:v>32874</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" s="2"/></x:row>
<x:row r="6"><x:c r="A6"><x:v>1.0</x:v></x:c><x:c r="C6" t="e"><x:v>#N/A</x:v></x:c><x:c r="F6" t="inlineStr"><x:is><x:t/></x:is></x:c></x:row>
<x:row r="7"><x:c r="B7" t="inlineStr"><x:is><x:t>Ngô</x:t></x:is></x:c><x:c r="D7" t="b"><x:v>0</x:v></x:c><x:c r="E7" t="inlineStr"><x:is><x:t>extra</x:t></x:is></x:c></x:row>
</x:sheetData>)" + merge_xml + "</x:worksheet>"},
    };
}

TEST(XlsxReader, HandmadeWorkbookInlineStringsNumbersDatesGapsAndSheetOrder) {
    TempDir dir;
    std::string const path = dir.file("keluarga.xlsx");
    write_zip(path, handmade_parts(""));
    auto reader = XlsxReader::open(path);
    ASSERT_TRUE(reader) << reader.error().describe(Lang::En);
    EXPECT_EQ(reader->sheet_name(), "Keluarga");  // workbook order, not the file name
    ASSERT_EQ(reader->other_sheet_names().size(), 1u);
    EXPECT_EQ(reader->other_sheet_names()[0], "Catatan");
    EXPECT_TRUE(reader->merged_cells().empty());
    EXPECT_TRUE(reader->require_no_merged_cells());
    EXPECT_EQ(reader->row_number(), 2);  // the header's row
    ASSERT_EQ(reader->header().size(), 4u);
    EXPECT_EQ(reader->header()[1], "nama");
    EXPECT_EQ(*reader->require_column("NAMA"), 1u);

    XlsxRow row;
    ASSERT_TRUE(*reader->next(row));
    EXPECT_EQ(row.number, 3);
    // Excel keeps 15 significant digits: the 16th is already gone; we give exactly what is stored.
    EXPECT_EQ(row.cells, (std::vector<std::string>{"3671010101900000", "Siti Nurhalizah", "1990-01-01", "TRUE"}));
    EXPECT_EQ(row.kinds, (std::vector<XlsxCellKind>{XlsxCellKind::Number, XlsxCellKind::Text, XlsxCellKind::Date,
                                                    XlsxCellKind::Boolean}));
    ASSERT_TRUE(*reader->next(row));  // row 4 holds only a styled empty cell: skipped
    EXPECT_EQ(row.number, 6);
    EXPECT_EQ(row.cells, (std::vector<std::string>{"1", "", "#N/A", ""}));
    EXPECT_EQ(row.kinds[2], XlsxCellKind::Error);
    ASSERT_TRUE(*reader->next(row));
    EXPECT_EQ(row.number, 7);
    EXPECT_EQ(row.cells, (std::vector<std::string>{"", "Ngô", "", "FALSE", "extra"}));  // past the header: kept
    EXPECT_FALSE(*reader->next(row));
    EXPECT_FALSE(*reader->next(row));
}

TEST(XlsxReader, MergedCellsAreReportedWithTheirReferenceBeforeAnyRow) {
    TempDir dir;
    std::string const path = dir.file("bnba.xlsx");
    write_zip(path, handmade_parts(R"(<x:mergeCells count="2"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="B9:B12"/></x:mergeCells>)"));
    auto reader = XlsxReader::open(path);
    ASSERT_TRUE(reader) << reader.error().describe(Lang::En);
    ASSERT_EQ(reader->merged_cells().size(), 2u);
    XlsxMergedRange const& m = reader->merged_cells()[0];
    EXPECT_EQ(m.ref, "A1:C1");
    EXPECT_EQ(m.first_row, 1);
    EXPECT_EQ(m.first_column, 1);
    EXPECT_EQ(m.last_row, 1);
    EXPECT_EQ(m.last_column, 3);
    EXPECT_EQ(reader->merged_cells()[1].last_row, 12);
    auto refused = reader->require_no_merged_cells();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().file, path);
    EXPECT_NE(refused.error().message.id.find("A1:C1"), std::string::npos) << refused.error().message.id;
    EXPECT_NE(refused.error().message.en.find("merged cells A1:C1"), std::string::npos) << refused.error().message.en;
}

// A workbook as Excel-like programs write it (shared strings, number formats, two sheets),
// made with libxlsxwriter without constant_memory so strings go to the shared table.
void write_office_workbook(std::string const& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* data = workbook_add_worksheet(wb, "Data");
    lxw_worksheet* notes = workbook_add_worksheet(wb, "Petunjuk");
    lxw_format* date_fmt = workbook_add_format(wb);
    format_set_num_format(date_fmt, "yyyy-mm-dd");
    lxw_format* builtin_date = workbook_add_format(wb);
    format_set_num_format_index(builtin_date, 14);
    lxw_format* datetime_fmt = workbook_add_format(wb);
    format_set_num_format(datetime_fmt, "dd/mm/yyyy hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    char const* head[] = {"no_kk", "nama", "tanggal", "jumlah", "tanggal2", "waktu"};
    for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(data, 0, c, head[c], nullptr);
    worksheet_write_string(data, 1, 0, "3671010101900001", nullptr);
    worksheet_write_string(data, 1, 1, "Siti Nurhalizah", nullptr);
    lxw_datetime d1 = {1987, 12, 5, 0, 0, 0};
    worksheet_write_datetime(data, 1, 2, &d1, date_fmt);
    worksheet_write_number(data, 1, 3, 1500000.5, money);
    worksheet_write_datetime(data, 1, 4, &d1, builtin_date);
    lxw_datetime d2 = {2024, 2, 29, 13, 30, 0};
    worksheet_write_datetime(data, 1, 5, &d2, datetime_fmt);
    worksheet_write_number(data, 2, 0, 3671010101900001.0, nullptr);  // the NIK trap, as a number
    worksheet_write_string(data, 2, 1, "Siti Nurhalizah", nullptr);  // shared with row 2
    worksheet_write_number(data, 2, 3, 42, nullptr);
    worksheet_write_boolean(data, 2, 4, 1, nullptr);
    worksheet_write_string(notes, 0, 0, "Isi kolom NIK sebagai teks", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

TEST(XlsxReader, SharedStringsNumbersDatesAndASecondSheet) {
    TempDir dir;
    std::string const path = dir.file("office.xlsx");
    write_office_workbook(path);
    auto reader = XlsxReader::open(path, {.source_name = "office.xlsx"});
    ASSERT_TRUE(reader) << reader.error().describe(Lang::En);
    EXPECT_EQ(reader->source_name(), "office.xlsx");
    EXPECT_EQ(reader->sheet_name(), "Data");
    ASSERT_EQ(reader->other_sheet_names().size(), 1u);
    EXPECT_EQ(reader->other_sheet_names()[0], "Petunjuk");
    std::vector<long long> numbers;
    Rows const rows = read_all(*reader, &numbers);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"3671010101900001", "Siti Nurhalizah", "1987-12-05", "1500000.5",
                                                 "1987-12-05", "2024-02-29 13:30:00"}));
    // A 16-digit number below 2^53 survives libxlsxwriter's %.16g exactly; Excel itself would
    // have cut it to 15 digits before saving.
    EXPECT_EQ(rows[1], (std::vector<std::string>{"3671010101900001", "Siti Nurhalizah", "", "42", "TRUE", ""}));
    EXPECT_EQ(numbers, (std::vector<long long>{2, 3}));

    auto notes = XlsxReader::open(path, {.sheet = "Petunjuk", .header = XlsxHeader::None});
    ASSERT_TRUE(notes) << notes.error().describe(Lang::En);
    EXPECT_TRUE(notes->header().empty());
    Rows const note_rows = read_all(*notes);
    EXPECT_EQ(note_rows, (Rows{{"Isi kolom NIK sebagai teks"}}));

    auto missing = XlsxReader::open(path, {.sheet = "Lampiran"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.en.find("Data, Petunjuk"), std::string::npos);
}

TEST(XlsxReader, SharedStringTableIsBounded) {
    TempDir dir;
    std::string const path = dir.file("office.xlsx");
    write_office_workbook(path);
    auto reader = XlsxReader::open(path, {.max_shared_strings_bytes = 64});
    ASSERT_FALSE(reader);
    EXPECT_EQ(reader.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(reader.error().file, path);
    EXPECT_NE(reader.error().message.en.find("shared-string table"), std::string::npos) << reader.error().message.en;
}

TEST(XlsxReader, NotAZipTruncatedOldXlsAndNotAWorkbookGiveClearErrors) {
    TempDir dir;
    std::string const text = dir.file("keluarga.xlsx");
    std::ofstream(text) << "nik,nama\n3671010101900001,Siti\n";
    auto r = XlsxReader::open(text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().file, text);
    EXPECT_NE(r.error().message.en.find("not a zip"), std::string::npos) << r.error().message.en;
    EXPECT_NE(r.error().message.id.find("bukan arsip zip"), std::string::npos) << r.error().message.id;
    EXPECT_NE(r.error().describe(Lang::Id).find(text), std::string::npos);

    std::string const good = dir.file("good.xlsx");
    write_office_workbook(good);
    std::string const truncated = dir.file("truncated.xlsx");
    fs::copy_file(good, truncated);
    fs::resize_file(truncated, fs::file_size(good) / 2);
    r = XlsxReader::open(truncated);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().file, truncated);
    EXPECT_NE(r.error().message.en.find("damaged or truncated"), std::string::npos) << r.error().message.en;

    std::string const xls = dir.file("lama.xls");
    std::ofstream(xls, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(504, '\0');
    r = XlsxReader::open(xls);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find(".xls"), std::string::npos) << r.error().message.en;

    std::string const other_zip = dir.file("other.xlsx");
    write_zip(other_zip, {{"content.xml", "<office/>"}});
    r = XlsxReader::open(other_zip);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find("not an XLSX workbook"), std::string::npos) << r.error().message.en;

    r = XlsxReader::open(dir.file("absent.xlsx"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);
}

TEST(XlsxReader, CorruptSheetDataNamesFileAndRow) {
    TempDir dir;
    auto parts = handmade_parts("");
    std::string& sheet = parts["xl/worksheets/sheet2.xml"];
    sheet.replace(sheet.find("<x:row r=\"7\">"), 13, "<x:row r=\"7\"><x:c r=\"7B\"><x:v>1</x:v></x:c>");
    std::string const path = dir.file("rusak.xlsx");
    write_zip(path, parts);
    auto reader = XlsxReader::open(path);
    ASSERT_TRUE(reader) << reader.error().describe(Lang::En);
    XlsxRow row;
    ASSERT_TRUE(*reader->next(row));
    ASSERT_TRUE(*reader->next(row));
    auto bad = reader->next(row);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().file, path);
    EXPECT_EQ(bad.error().row, 7);
    EXPECT_NE(bad.error().message.en.find("\"7B\""), std::string::npos) << bad.error().message.en;
    EXPECT_FALSE(reader->next(row));  // stays failed

    // Broken XML (not well-formed) is a damaged file.
    parts = handmade_parts("");
    parts["xl/worksheets/sheet2.xml"].replace(parts["xl/worksheets/sheet2.xml"].find("</x:row>"), 8, "</x:rowx>");
    write_zip(path, parts);
    reader = XlsxReader::open(path);
    ASSERT_FALSE(reader);
    EXPECT_NE(reader.error().message.en.find("damaged"), std::string::npos) << reader.error().message.en;
}

TEST(XlsxReader, DuplicateHeaderAndEmptySheetAreRefused) {
    TempDir dir;
    auto parts = handmade_parts("");
    std::string& sheet = parts["xl/worksheets/sheet2.xml"];
    sheet.replace(sheet.find("<x:t>lahir</x:t>"), 16, "<x:t>NIK</x:t>");
    std::string const path = dir.file("dup.xlsx");
    write_zip(path, parts);
    auto reader = XlsxReader::open(path);
    ASSERT_FALSE(reader);
    EXPECT_EQ(reader.error().row, 2);
    EXPECT_NE(reader.error().message.en.find("columns A and C"), std::string::npos) << reader.error().message.en;

    parts = handmade_parts("");
    parts["xl/worksheets/sheet2.xml"] =
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)";
    write_zip(path, parts);
    reader = XlsxReader::open(path);
    ASSERT_FALSE(reader);
    EXPECT_NE(reader.error().message.en.find("is empty"), std::string::npos) << reader.error().message.en;
}

TEST(RowSource, CsvAndXlsxReadTheSameThroughOneInterface) {
    TempDir dir;
    std::string const xlsx = dir.file("office.xlsx");
    write_office_workbook(xlsx);
    auto x = XlsxReader::open(xlsx);
    ASSERT_TRUE(x);
    std::string const csv_text =
        "no_kk,nama,tanggal,jumlah,tanggal2,waktu\n"
        "3671010101900001,Siti Nurhalizah,1987-12-05,1500000.5,1987-12-05,2024-02-29 13:30:00\n"
        "3671010101900001,Siti Nurhalizah,,42,TRUE,\n";
    CsvReader csv = *CsvReader::from_string(csv_text);
    CsvRowSource c(csv);
    for (RowSource* s : {static_cast<RowSource*>(&*x), static_cast<RowSource*>(&c)}) {
        EXPECT_EQ(*s->require_column("nama"), 1u);
        std::vector<long long> numbers;
        Rows const rows = read_all(*s, &numbers);
        EXPECT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[1][3], "42");
        EXPECT_EQ(numbers, (std::vector<long long>{2, 3}));
    }
}

TEST(XlsxColumns, LettersAndNumbers) {
    EXPECT_EQ(xlsx_column_number("A"), 1);
    EXPECT_EQ(xlsx_column_number("z"), 26);
    EXPECT_EQ(xlsx_column_number("AA"), 27);
    EXPECT_EQ(xlsx_column_number("XFD"), 16384);
    EXPECT_EQ(xlsx_column_number("XFE"), 0);
    EXPECT_EQ(xlsx_column_number(""), 0);
    EXPECT_EQ(xlsx_column_number("A1"), 0);
    for (int c : {1, 26, 27, 52, 53, 702, 703, 16384}) EXPECT_EQ(xlsx_column_number(xlsx_column_letters(c)), c);
    EXPECT_EQ(xlsx_column_letters(28), "AB");
}

}  // namespace
}  // namespace pilar
