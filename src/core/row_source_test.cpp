#include "core/row_source.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar {
namespace {

TEST(CsvRowSource, YieldsCopiedRowsWithTheirLines) {
    std::string const data = "nik,nama\n3671010101900001,\"Siti\nNurhalizah\"\n\n3671010101900002,Ngô\n";
    CsvReader reader = *CsvReader::from_string(data, {.source_name = "anggota.csv"});
    CsvRowSource source(reader);
    RowSource& rows = source;
    ASSERT_EQ(rows.header().size(), 2u);
    EXPECT_EQ(*rows.require_column(" NAMA "), 1u);
    std::vector<std::string> row;
    ASSERT_TRUE(*rows.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"3671010101900001", "Siti\nNurhalizah"}));
    EXPECT_EQ(rows.row_number(), 2);
    ASSERT_TRUE(*rows.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"3671010101900002", "Ngô"}));
    EXPECT_EQ(rows.row_number(), 5);  // after the two-line record and the blank line
    EXPECT_FALSE(*rows.next(row));
    EXPECT_EQ(rows.source_name(), "anggota.csv");
}

TEST(CsvRowSource, MissingColumnKeepsCsvReadersDelimiterHint) {
    CsvReader reader = *CsvReader::from_string("nik;nama\n1;a\n", {.source_name = "a.csv"});
    CsvRowSource source(reader);
    auto r = static_cast<RowSource&>(source).require_column("nik");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.en.find("delimiter"), std::string::npos) << r.error().message.en;
    EXPECT_EQ(r.error().file, "a.csv");
}

TEST(CsvRowSource, ErrorsNameTheFileAndLine) {
    CsvReader reader = *CsvReader::from_string("a,b\n1,2\n3\n", {.source_name = "x.csv"});
    CsvRowSource source(reader);
    std::vector<std::string> row;
    ASSERT_TRUE(*source.next(row));
    auto r = source.next(row);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().file, "x.csv");
    EXPECT_EQ(r.error().row, 3);
}

}  // namespace
}  // namespace pilar
