#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pilar {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Chunk sizes that put a refill at every possible place in the small inputs below (1, 2, 3),
// at odd places (7, 13), and nowhere (the default 1 MiB).
std::vector<size_t> const kChunkSizes = {1, 2, 3, 7, 13, 64, size_t{1} << 20};

struct Read {
    std::vector<std::string> header;
    Rows rows;
    std::vector<long long> lines;
    std::vector<long long> numbers;
};

Result<Read> read_all(std::string_view data, CsvOptions opt) {
    auto reader = CsvReader::from_string(data, std::move(opt));
    if (!reader) return fail(reader.error());
    Read out;
    out.header.assign(reader->header().begin(), reader->header().end());
    CsvRecord rec;
    while (true) {
        auto more = reader->next(rec);
        if (!more) return fail(more.error());
        if (!*more) break;
        out.rows.emplace_back(rec.fields().begin(), rec.fields().end());
        out.lines.push_back(rec.line());
        out.numbers.push_back(rec.record_number());
    }
    return out;
}

CsvOptions with_chunk(CsvOptions opt, size_t chunk) {
    opt.chunk_bytes = chunk;
    return opt;
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "pilar_csv_test_XXXXXX").string();
        char* made = ::mkdtemp(tmpl.data());
        EXPECT_NE(made, nullptr);
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(TempDir const&) = delete;
    TempDir& operator=(TempDir const&) = delete;
    [[nodiscard]] std::string file(std::string_view name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

void write_file(std::string const& path, std::string_view data) {
    std::ofstream f(path, std::ios::binary);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    ASSERT_TRUE(f.good());
}

std::string slurp(std::string const& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

TEST(CsvReader, HeaderColumnsAndRecords) {
    auto reader = CsvReader::from_string("nik, Nama ,kota\n1,Budi,Tangerang\n2,Siti,Serang\n");
    ASSERT_TRUE(reader) << reader.error().message.en;
    ASSERT_EQ(reader->header().size(), 3u);
    EXPECT_EQ(reader->header()[1], "Nama");  // names are trimmed
    EXPECT_EQ(reader->column("nik"), 0u);
    EXPECT_EQ(reader->column("nama"), 1u);  // case-insensitive
    EXPECT_EQ(reader->column(" KOTA "), 2u);
    EXPECT_EQ(reader->column("alamat"), std::nullopt);
    EXPECT_EQ(reader->require_column("kota").value(), 2u);

    CsvRecord rec;
    ASSERT_TRUE(reader->next(rec).value());
    EXPECT_EQ(rec.size(), 3u);
    EXPECT_EQ(rec[1], "Budi");
    EXPECT_EQ(rec.line(), 2);
    EXPECT_EQ(rec.record_number(), 1);
    ASSERT_TRUE(reader->next(rec).value());
    EXPECT_EQ(rec[2], "Serang");
    EXPECT_EQ(rec.line(), 3);
    EXPECT_EQ(rec.record_number(), 2);
    EXPECT_FALSE(reader->next(rec).value());
    EXPECT_FALSE(reader->next(rec).value());  // stays at the end
    EXPECT_EQ(reader->records_read(), 2);
}

TEST(CsvReader, RequireColumnNamesWhatIsThereAndSuspectsTheDelimiter) {
    auto reader = CsvReader::from_string("nik,nama\n", {.source_name = "anggota.csv"});
    ASSERT_TRUE(reader);
    auto missing = reader->require_column("alamat");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().describe(Lang::En),
              "anggota.csv:1: Column \"alamat\" is missing from the header (present: nik, nama)");

    auto semicolons = CsvReader::from_string("nik;nama;alamat\n1;2;3\n");
    ASSERT_TRUE(semicolons);
    auto wrong = semicolons->require_column("nama");
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.en.find("is the delimiter ';' rather than ','?"),
              std::string::npos)
        << wrong.error().message.en;
    EXPECT_NE(wrong.error().message.id.find("apakah pemisahnya ';'"), std::string::npos);
}

struct ParseCase {
    std::string_view name;
    std::string input;
    CsvOptions options;
    std::vector<std::string> header;
    Rows rows;
    std::vector<long long> lines;
};

TEST(CsvReader, ParsesRfc4180AndCommonVariantsAtEveryChunkSize) {
    std::vector<ParseCase> const cases = {
        {"LF", "a,b\n1,2\n3,4\n", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"no final line break", "a,b\n1,2\n3,4", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"no final CRLF", "a,b\r\n1,2", {}, {"a", "b"}, {{"1", "2"}}, {2}},
        {"trailing blank lines", "a,b\n1,2\n\n\r\n\n", {}, {"a", "b"}, {{"1", "2"}}, {2}},
        {"blank lines between", "a,b\n\n1,2\r\n\r\n\n3,4\n", {}, {"a", "b"},
         {{"1", "2"}, {"3", "4"}}, {3, 6}},
        {"byte-order mark", "\xEF\xBB\xBFnik,nama\n1,Budi\n", {}, {"nik", "nama"}, {{"1", "Budi"}},
         {2}},
        {"old Mac CR", "a,b\r1,2\r3,4\r", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"empty fields", "a,b,c\n,,\n1,,\n,,3\n", {}, {"a", "b", "c"},
         {{"", "", ""}, {"1", "", ""}, {"", "", "3"}}, {2, 3, 4}},
        {"empty last field at EOF", "a,b\n1,", {}, {"a", "b"}, {{"1", ""}}, {2}},
        {"spaces are kept", "a,b\n 1 , 2\n", {}, {"a", "b"}, {{" 1 ", " 2"}}, {2}},
        {"quoted delimiter", "a,b\n\"Tangerang, Banten\",2\n", {}, {"a", "b"},
         {{"Tangerang, Banten", "2"}}, {2}},
        {"escaped quotes", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", {}, {"a", "b"},
         {{"say \"hi\"", "\""}}, {2}},
        {"quoted empty", "a,b\n\"\",\"\"\n", {}, {"a", "b"}, {{"", ""}}, {2}},
        {"one empty quoted value is a record", "a\n\"\"\n\nx\n", {}, {"a"}, {{""}, {"x"}}, {2, 4}},
        {"quoted LF", "a,b\n\"line 1\nline 2\",x\n3,4\n", {}, {"a", "b"},
         {{"line 1\nline 2", "x"}, {"3", "4"}}, {2, 4}},
        {"quoted CRLF", "a,b\r\n\"l1\r\nl2\r\nl3\",x\r\n3,4\r\n", {}, {"a", "b"},
         {{"l1\r\nl2\r\nl3", "x"}, {"3", "4"}}, {2, 5}},
        {"quoted lone CR", "a,b\n\"l1\rl2\",x\n3,4\n", {}, {"a", "b"},
         {{"l1\rl2", "x"}, {"3", "4"}}, {2, 4}},
        {"quoted value ends the file", "a,b\n1,\"x\"", {}, {"a", "b"}, {{"1", "x"}}, {2}},
        {"quoted header", "\"no. kk\",\"nama, lengkap\"\n1,2\n", {}, {"no. kk", "nama, lengkap"},
         {{"1", "2"}}, {2}},
        {"semicolon", "a;b\n\"x;y\";2,5\n", {.delimiter = ';'}, {"a", "b"}, {{"x;y", "2,5"}}, {2}},
        {"tab", "a\tb\nx y\t\"p\tq\"\n", {.delimiter = '\t'}, {"a", "b"}, {{"x y", "p\tq"}}, {2}},
        {"UTF-8 text", "nama,kota\nSérgio Ñoño,東京 😀\n", {}, {"nama", "kota"},
         {{"Sérgio Ñoño", "東京 😀"}}, {2}},
        {"no header", "1,2\n3,4\n", {.header = CsvHeader::None}, {}, {{"1", "2"}, {"3", "4"}}, {1, 2}},
        {"any field count", "a,b\n1\n1,2,3\n", {.field_count = CsvFieldCount::Any}, {"a", "b"},
         {{"1"}, {"1", "2", "3"}}, {2, 3}},
        {"header only", "a,b\n", {}, {"a", "b"}, {}, {}},
        {"header only, no line break", "a,b", {}, {"a", "b"}, {}, {}},
    };
    for (auto const& c : cases) {
        for (size_t chunk : kChunkSizes) {
            auto got = read_all(c.input, with_chunk(c.options, chunk));
            ASSERT_TRUE(got) << c.name << " chunk " << chunk << ": " << got.error().describe(Lang::En);
            EXPECT_EQ(got->header, c.header) << c.name << " chunk " << chunk;
            EXPECT_EQ(got->rows, c.rows) << c.name << " chunk " << chunk;
            EXPECT_EQ(got->lines, c.lines) << c.name << " chunk " << chunk;
            std::vector<long long> numbers;
            for (size_t i = 1; i <= c.rows.size(); ++i) numbers.push_back(static_cast<long long>(i));
            EXPECT_EQ(got->numbers, numbers) << c.name;
        }
    }
}

struct ErrorCase {
    std::string_view name;
    std::string input;
    CsvOptions options;
    long long row;               // the line the user is sent to
    std::string_view en_part;    // what the message must say
    std::string_view id_part;
    std::string_view field;      // header column named, if any
};

TEST(CsvReader, MalformedInputIsReportedWithItsLine) {
    std::vector<ErrorCase> const cases = {
        {"unterminated quote at EOF", "a,b\n1,2\n3,\"abc\n4,5\n", {}, 3,
         "never closed before the end of the file: the file may be truncated", "file mungkin "
         "terpotong", "b"},
        {"truncated inside an escaped quote", "a,b\n1,\"say \"\"hi", {}, 2, "truncated",
         "terpotong", "b"},
        {"quote inside unquoted value", "a,b\n1,2\n3,ab\"c\n", {}, 3,
         "A quote (\") in the middle of an unquoted value, at byte 5", "pada byte ke-5", "b"},
        {"space before an opening quote", "a,b\n1, \"x\"\n", {}, 2,
         "There are spaces before the opening quote (\") at byte 4", "spasi sebelum tanda kutip "
         "pembuka (\") pada byte ke-4", "b"},
        {"text after closing quote", "a,b\n\"x\"y,2\n", {}, 2,
         "Text (y) follows a closing quote at byte 4", "setelah tanda kutip penutup pada byte ke-4",
         "a"},
        {"text after closing quote, second line of record", "a,b\n1,\"x\ny\"z\n", {}, 3,
         "follows a closing quote at byte 3", "byte ke-3", "b"},
        {"fewer fields", "a,b,c\n1,2,3\n4,5\n", {}, 3, "This line has 2 fields, but the header has 3",
         "berisi 2 kolom, padahal header berisi 3 kolom", ""},
        {"more fields", "a,b\n1,2\n\n3,4,5\n", {}, 4,
         "has 3 fields, but the header has 2; perhaps a value contains ',' without being quoted",
         "mungkin ada ',' di dalam nilai", ""},
        {"more fields than the first, no header", "1,2\n3,4,5\n", {.header = CsvHeader::None}, 2,
         "but the first line has 2", "baris pertama berisi 2", ""},
        {"Latin-1", "nama,kota\nBudi,Tangerang\nJos\xE9,Bandung\n", {}, 3,
         "Byte 4 of this line (0xE9) is not valid UTF-8. The file may have been saved as "
         "Latin-1/Windows-1252; save it again as UTF-8",
         "bukan UTF-8 yang sah. File ini mungkin tersimpan sebagai Latin-1", "nama"},
        {"Latin-1 in the second field", "nama,kota\nBudi,S\xE3o Paulo\n", {}, 2, "Byte 7 of this line",
         "Byte ke-7", "kota"},
        {"Latin-1 inside a multi-line value", "a,b\n1,\"one\ntwo \xE9\"\n", {}, 3,
         "Byte 5 of this line (0xE9)", "Byte ke-5", "b"},
        {"bad UTF-8 in the header", "n\xE9k,b\n1,2\n", {}, 1, "Byte 2 of this line (0xE9)",
         "Byte ke-2", ""},
        {"line too long", "a,b\n1,2\n12345678901234567890,x\n", {.max_record_bytes = 16}, 3,
         "This line is longer than the limit of 16 bytes", "lebih panjang dari batas 16 byte", ""},
        {"runaway quote hits the limit", "a\n1\n\"" + std::string(size_t{2} << 20, 'x') + "\n2\n",
         {.max_record_bytes = 100}, 3, "Check for a quote (\") that is never closed",
         "tanda kutip (\") yang tidak ditutup", ""},
        {"empty file", "", {}, 1, "The CSV file is empty: its first line must hold the column names",
         "File CSV kosong", ""},
        {"only a byte-order mark and blank lines", "\xEF\xBB\xBF\r\n\r\n", {}, 1, "is empty",
         "kosong", ""},
        {"duplicate column", "nik,nama,NIK\n", {}, 1,
         "Column \"NIK\" appears twice in the header (columns 1 and 3)", "muncul dua kali", ""},
    };
    for (auto const& c : cases) {
        for (size_t chunk : kChunkSizes) {
            auto got = read_all(c.input, with_chunk(c.options, chunk));
            ASSERT_FALSE(got) << c.name << " chunk " << chunk << ": no error";
            Error const& e = got.error();
            EXPECT_EQ(e.code, ErrorCode::InvalidArgument) << c.name;
            EXPECT_EQ(e.row, c.row) << c.name << " chunk " << chunk << ": " << e.message.en;
            EXPECT_NE(e.message.en.find(c.en_part), std::string::npos)
                << c.name << " chunk " << chunk << ": " << e.message.en;
            EXPECT_NE(e.message.id.find(c.id_part), std::string::npos)
                << c.name << ": " << e.message.id;
            EXPECT_EQ(e.field, c.field) << c.name;
        }
    }
}

TEST(CsvReader, ErrorsNameTheSource) {
    auto got = read_all("a,b\n1,2,3\n", {.source_name = "keluarga.csv"});
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().describe(Lang::En), "keluarga.csv:2: This line has 3 fields, but the "
                                              "header has 2; perhaps a value contains ',' without "
                                              "being quoted");
    EXPECT_EQ(got.error().describe(Lang::Id).substr(0, 15), "keluarga.csv:2:");
}

TEST(CsvReader, AfterABadRecordTheNextOneCanStillBeRead) {
    // Field count and encoding errors are about one record: an import can report them all.
    auto reader = CsvReader::from_string("a,b\n1,2\n3\nJos\xE9,x\n5,6\n");
    ASSERT_TRUE(reader);
    CsvRecord rec;
    ASSERT_TRUE(reader->next(rec).value());
    EXPECT_EQ(rec[0], "1");
    auto bad_count = reader->next(rec);
    ASSERT_FALSE(bad_count);
    EXPECT_EQ(bad_count.error().row, 3);
    auto bad_encoding = reader->next(rec);
    ASSERT_FALSE(bad_encoding);
    EXPECT_EQ(bad_encoding.error().row, 4);
    ASSERT_TRUE(reader->next(rec).value());
    EXPECT_EQ(rec[0], "5");
    EXPECT_EQ(rec.line(), 5);
    EXPECT_EQ(rec.record_number(), 4);  // bad records keep their numbers
    EXPECT_FALSE(reader->next(rec).value());
}

TEST(CsvReader, AfterAQuotingErrorEveryCallFailsTheSameWay) {
    // Once a quote is wrong, where records end is unknown: going on would misread the rest.
    auto reader = CsvReader::from_string("a,b\n1,x\"y\n3,4\n");
    ASSERT_TRUE(reader);
    CsvRecord rec;
    auto first = reader->next(rec);
    ASSERT_FALSE(first);
    for (int i = 0; i < 3; ++i) {
        auto again = reader->next(rec);
        ASSERT_FALSE(again);
        EXPECT_EQ(again.error().row, first.error().row);
        EXPECT_EQ(again.error().message.en, first.error().message.en);
    }
}

TEST(CsvReader, RejectsImpossibleOptions) {
    for (CsvOptions opt : {CsvOptions{.delimiter = '"'}, CsvOptions{.delimiter = '\n'},
                           CsvOptions{.max_record_bytes = 0}, CsvOptions{.chunk_bytes = 0}}) {
        auto reader = CsvReader::from_string("a,b\n", opt);
        ASSERT_FALSE(reader);
        EXPECT_EQ(reader.error().code, ErrorCode::InvalidArgument);
    }
}

TEST(CsvReader, FileErrors) {
    TempDir dir;
    auto missing = CsvReader::open(dir.file("tidak-ada.csv"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.en.find("tidak-ada.csv"), std::string::npos);

    auto folder = CsvReader::open(dir.file(""));
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(folder.error().message.en.find("is a folder"), std::string::npos);

    std::string const path = dir.file("anggota.csv");
    write_file(path, "nik,nama\n1,Budi\n2,\"Siti\n");
    auto reader = CsvReader::open(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->source_name(), path);
    CsvRecord rec;
    ASSERT_TRUE(reader->next(rec).value());
    auto truncated = reader->next(rec);
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().describe(Lang::En).substr(0, path.size() + 3), path + ":3:");
}

// A file like a real export: CRLF line ends, quoted commas, doubled quotes, quoted line breaks
// (both CRLF and LF), UTF-8 names and empty values; exactly 50,000 physical lines.
TEST(CsvReader, ReadsA50000LineFileBackExactly) {
    constexpr long long kLines = 50'000;
    std::string text = "id,nama,catatan,kota\r\n";
    Rows expected;
    std::vector<long long> expected_lines;
    long long line = 2;
    for (int i = 1; line <= kLines; ++i) {
        std::vector<std::string> row = {std::to_string(i), "Warga " + std::to_string(i), "", "Tangerang"};
        std::vector<std::string> raw = row;
        int breaks = 0;
        if (i % 7 == 0) {
            row[1] = "Ahmad \"Mamat\" " + std::to_string(i);
            raw[1] = "\"Ahmad \"\"Mamat\"\" " + std::to_string(i) + "\"";
        } else if (i % 11 == 0) {
            row[1] = raw[1] = "Sérgio Ñoño 東京 " + std::to_string(i);
        }
        if (i % 5 == 0) {
            row[2] = "baris satu\r\nbaris dua, " + std::to_string(i);
            raw[2] = "\"" + row[2] + "\"";
            breaks = 1;
        } else if (i % 13 == 0) {
            row[2] = "a\nb\nc";
            raw[2] = "\"a\nb\nc\"";
            breaks = 2;
        }
        if (i % 3 == 0) {
            row[3] = "Tangerang, Banten";
            raw[3] = "\"Tangerang, Banten\"";
        }
        if (line + breaks > kLines) {  // fill the last lines with plain records
            row = {std::to_string(i), "x", "", "y"};
            raw = row;
            breaks = 0;
        }
        text += raw[0] + "," + raw[1] + "," + raw[2] + "," + raw[3] + "\r\n";
        expected.push_back(row);
        expected_lines.push_back(line);
        line += 1 + breaks;
    }
    ASSERT_EQ(line - 1, kLines);
    ASSERT_GT(text.size(), size_t{1} << 20);  // more than one default chunk

    TempDir dir;
    std::string const path = dir.file("besar.csv");
    write_file(path, text);
    for (size_t chunk : {size_t{1} << 20, size_t{4093}}) {
        auto reader = CsvReader::open(path, {.chunk_bytes = chunk});
        ASSERT_TRUE(reader) << reader.error().describe(Lang::En);
        EXPECT_EQ(reader->column("catatan"), 2u);
        CsvRecord rec;
        size_t n = 0;
        while (true) {
            auto more = reader->next(rec);
            ASSERT_TRUE(more) << more.error().describe(Lang::En);
            if (!*more) break;
            ASSERT_LT(n, expected.size());
            ASSERT_EQ(rec.size(), 4u) << "record " << n;
            for (size_t f = 0; f < 4; ++f)
                ASSERT_EQ(rec[f], expected[n][f]) << "record " << n << " field " << f;
            ASSERT_EQ(rec.line(), expected_lines[n]) << "record " << n;
            ASSERT_EQ(rec.record_number(), static_cast<long long>(n + 1));
            ++n;
        }
        EXPECT_EQ(n, expected.size()) << "chunk " << chunk;
    }
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
    struct Case {
        std::vector<std::string_view> fields;
        CsvWriterOptions options;
        std::string_view expected;
    };
    std::vector<Case> const cases = {
        {{"a", "b"}, {}, "a,b\n"},
        {{"Tangerang, Banten", "x"}, {}, "\"Tangerang, Banten\",x\n"},
        {{"say \"hi\""}, {}, "\"say \"\"hi\"\"\"\n"},
        {{"l1\nl2", "l1\r\nl2"}, {}, "\"l1\nl2\",\"l1\r\nl2\"\n"},
        {{"", ""}, {}, ",\n"},
        {{""}, {}, "\"\"\n"},  // alone, an empty value would be a blank line
        {{" spaced "}, {}, " spaced \n"},
        {{"a;b", "c,d"}, {.delimiter = ';'}, "\"a;b\";c,d\n"},
        {{"a", "b"}, {.line_ending = CsvLineEnding::CrLf}, "a,b\r\n"},
        {{"a"}, {.bom = CsvBom::With}, "\xEF\xBB\xBF" "a\n"},
    };
    for (auto const& c : cases) {
        std::string out;
        CsvWriter w = CsvWriter::to_string(out, c.options);
        ASSERT_TRUE(w.write_row(std::span<std::string_view const>(c.fields)));
        ASSERT_TRUE(w.finish());
        EXPECT_EQ(out, c.expected);
    }
}

// The quoting test reads eight bytes at a time: a special byte at every position of fields of
// every length up to three words is found, and bytes next to it in value (',' is 0x2C: 0x2B and
// 0x2D), multi-byte UTF-8 and high bytes are not mistaken for one.
TEST(CsvWriter, FindsASpecialByteAtEveryPositionOfLongFields) {
    for (char delimiter : {',', ';', '\t'}) {
        for (char special : {'"', '\n', '\r', delimiter}) {
            for (std::size_t len = 1; len <= 24; ++len) {
                for (std::size_t at = 0; at < len; ++at) {
                    std::string field(len, 'x');
                    field[at] = special;
                    std::string out;
                    CsvWriter w = CsvWriter::to_string(out, {.delimiter = delimiter});
                    ASSERT_TRUE(w.write_row({std::string_view(field), std::string_view("y")}));
                    ASSERT_TRUE(out.starts_with('"')) << "len " << len << " at " << at << " byte " << int(special);
                }
            }
        }
        for (std::string_view plain : {"+-+-+-+-+-+-+-+-+", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", "\x80\xFF\x81\xFE\x01\x0B\x0C\x0E\x21\x23",
                                  "Jl. Kenari No. 12 Blok B", "0123456789abcdefghij"}) {
            std::string out;
            CsvWriter w = CsvWriter::to_string(out, {.delimiter = delimiter});
            ASSERT_TRUE(w.write_row({plain, std::string_view("y")}));
            EXPECT_EQ(out, std::string(plain) + delimiter + "y\n");
        }
    }
}

TEST(CsvWriter, RoundTripsThroughTheReader) {
    Rows const rows = {
        {"record_id", "nama", "alamat", "catatan"},
        {"1", "Budi", "Jl. Merdeka No. 1, RT 001/RW 004", ""},
        {"2", "Siti \"Ica\" Aisyah", "Gg. Mawar\nBlok C", "\"\""},
        {"3", "Sérgio 東京 😀", "", "a\r\nb\rc"},
        {"4", "", "", ""},
        {"5", ",", "\"", "\n"},
    };
    for (CsvWriterOptions opt : {CsvWriterOptions{}, CsvWriterOptions{.delimiter = ';'},
                                 CsvWriterOptions{.delimiter = '\t', .line_ending = CsvLineEnding::CrLf,
                                                  .bom = CsvBom::With}}) {
        std::string out;
        {
            CsvWriter w = CsvWriter::to_string(out, opt);
            for (auto const& row : rows) ASSERT_TRUE(w.write_row(std::span<std::string const>(row)));
        }
        for (size_t chunk : kChunkSizes) {
            auto got = read_all(out, {.delimiter = opt.delimiter, .chunk_bytes = chunk});
            ASSERT_TRUE(got) << got.error().describe(Lang::En);
            EXPECT_EQ(got->header, rows[0]);
            EXPECT_EQ(got->rows, Rows(rows.begin() + 1, rows.end())) << "chunk " << chunk;
        }
    }
}

TEST(CsvWriter, WritesFilesThroughItsBuffer) {
    TempDir dir;
    std::string const path = dir.file("keluar.csv");
    {
        auto w = CsvWriter::create_file(path);
        ASSERT_TRUE(w) << w.error().message.en;
        ASSERT_TRUE(w->write_row({"record_id", "cluster_id"}));
        // Enough rows to pass the buffer several times.
        for (int i = 0; i < 20'000; ++i)
            ASSERT_TRUE(w->write_row({std::to_string(i), "c," + std::to_string(i % 97)}));
        ASSERT_TRUE(w->finish());
        auto late = w->write_row({"x", "y"});
        EXPECT_FALSE(late);
    }
    auto reader = CsvReader::open(path);
    ASSERT_TRUE(reader);
    CsvRecord rec;
    int n = 0;
    while (reader->next(rec).value()) {
        ASSERT_EQ(rec[0], std::to_string(n));
        ASSERT_EQ(rec[1], "c," + std::to_string(n % 97));
        ++n;
    }
    EXPECT_EQ(n, 20'000);
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);

    // to_fd leaves the descriptor to its owner; the destructor flushes.
    std::string const fd_path = dir.file("fd.csv");
    int const fd = ::open(fd_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    {
        CsvWriter w = CsvWriter::to_fd(fd);
        ASSERT_TRUE(w.write_row({"a", "b c"}));
    }
    EXPECT_EQ(::write(fd, "end\n", 4), 4);  // still open
    ::close(fd);
    EXPECT_EQ(slurp(fd_path), "a,b c\nend\n");

    auto nowhere = CsvWriter::create_file(dir.file("no/such/dir.csv"));
    ASSERT_FALSE(nowhere);
    EXPECT_NE(nowhere.error().message.en.find("no/such/dir.csv"), std::string::npos);
}

TEST(CsvWriter, ReportsWriteFailures) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::close(fds[0]);  // nobody reads: write() fails with EPIPE
    std::signal(SIGPIPE, SIG_IGN);
    CsvWriter w = CsvWriter::to_fd(fds[1]);
    ASSERT_TRUE(w.write_row({"a"}));
    auto flushed = w.flush();
    ASSERT_FALSE(flushed);
    EXPECT_EQ(flushed.error().code, ErrorCode::Internal);
    EXPECT_NE(flushed.error().message.en.find("Could not write"), std::string::npos);
    EXPECT_FALSE(w.write_row({"b"}));  // the error sticks
    EXPECT_FALSE(w.finish());
    ::close(fds[1]);
}

}  // namespace
}  // namespace pilar
