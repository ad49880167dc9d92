#include "core/no_kk.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar {
namespace {

TEST(NoKk, ReadsAValidNumber) {
    struct Case {
        std::string_view in;
        std::string_view digits;
        std::string_view region6;
        std::string_view issue;
        int serial;
        std::string_view masked;
    };
    std::vector<Case> const cases = {
        {"3671012001150003", "3671012001150003", "367101", "200115", 3, "3671********0003"},
        {" 3603051234560001\n", "3603051234560001", "360305", "123456", 1, "3603********0001"},
        // The issue date is not checked: 99/99 is accepted as issued.
        {"3671019999999999", "3671019999999999", "367101", "999999", 9999, "3671********9999"},
        {"0000010000000001", "0000010000000001", "000001", "000000", 1, "0000********0001"},
    };
    for (auto const& c : cases) {
        auto kk = NoKk::parse(c.in);
        ASSERT_TRUE(kk) << c.in << ": " << kk.error().message.en;
        EXPECT_EQ(kk->str(), c.digits);
        EXPECT_EQ(kk->region6(), c.region6);
        EXPECT_EQ(kk->issue_date_digits(), c.issue);
        EXPECT_EQ(kk->serial(), c.serial);
        EXPECT_EQ(kk->masked(), c.masked);
    }
}

TEST(NoKk, RejectsWhatCannotBeANumber) {
    struct Case {
        std::string_view in;
        std::string_view en_part;
        std::string_view id_part;
    };
    std::vector<Case> const cases = {
        {"", "No. KK is empty", "No. KK kosong"},
        {"367101200115000", "No. KK must have 16 digits, but has 15", "berisi 15 digit"},
        {"36710120011500031", "but has 17", "berisi 17 digit"},
        {"3671O12001150003", "character 5 is \"O\"", "karakter ke-5"},
        {"3,67101E+15", "exponent form", "angka eksponen"},
        {"0000002001150003", "region code (digits 1–6) cannot be 000000", "kode wilayah"},
        {"3671012001150000", "serial number (last 4 digits) cannot be 0000", "nomor urut"},
    };
    for (auto const& c : cases) {
        auto kk = NoKk::parse(c.in);
        ASSERT_FALSE(kk) << "accepted: " << c.in;
        EXPECT_EQ(kk.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(kk.error().message.en.find(c.en_part), std::string::npos)
            << c.in << " -> " << kk.error().message.en;
        EXPECT_NE(kk.error().message.id.find(c.id_part), std::string::npos)
            << c.in << " -> " << kk.error().message.id;
        if (c.in.size() == 16) {
            EXPECT_EQ(kk.error().message.en.find(c.in), std::string::npos);
            EXPECT_EQ(kk.error().message.id.find(c.in), std::string::npos);
        }
    }
}

TEST(NoKk, ComparesByDigits) {
    EXPECT_EQ(*NoKk::parse("3671012001150003"), *NoKk::parse("3671012001150003 "));
    EXPECT_LT(*NoKk::parse("3671012001150003"), *NoKk::parse("3671012001150004"));
}

}  // namespace
}  // namespace pilar
