#include "core/full_number.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar {
namespace {

TEST(FullNumber, FindsSixteenDigitsPlainOrInGroups) {
    struct Case {
        std::string_view text;
        std::string_view found;  // "" when there is none
    };
    for (auto const& c : std::vector<Case>{
             {"NIK 3671011234560001 ibu", "3671011234560001"},
             {"KK 3671 0112 3456 0001 hilang", "3671 0112 3456 0001"},
             {"3671-0112-3456-0001", "3671-0112-3456-0001"},
             {"367101.120590.0001", "367101.120590.0001"},
             {"no.3671011234560001.", "3671011234560001"},
             {"dua: 3671011234560001 3671011234560002", "3671011234560001"},
             {"RT 001-3671 0112 3456 0001", "3671 0112 3456 0001"},  // another separator before it
             // Not a full number:
             {"telepon 0812-3456-7890", ""},
             {"+62 812 3456 7890", ""},
             {"367101123456", ""},                      // 12 digits
             {"NIK ...0001", ""},
             {"12345678901234567", ""},                 // 17 digits in one run: no NIK
             {"2026-11-30 2026-12-01", ""},             // two dates: the separators differ
             {"RT 36.71.01.1001.004.012", ""},          // an RT code
             {"3671 0112 3456 000", ""},                // 15
             {"", ""},
         }) {
        auto span = find_full_number(c.text);
        std::string_view found = span ? c.text.substr(span->begin, span->end - span->begin) : "";
        EXPECT_EQ(found, c.found) << c.text;
    }
}

TEST(FullNumber, MaskKeepsTheFirstAndLastFourDigitsAndTheSeparators) {
    EXPECT_EQ(mask_full_numbers("NIK 3671011234560001 ibu"), "NIK 3671********0001 ibu");
    EXPECT_EQ(mask_full_numbers("3671 0112 3456 0001"), "3671 **** **** 0001");
    EXPECT_EQ(mask_full_numbers("a 3671011234560001, b 3671011234560002"), "a 3671********0001, b 3671********0002");
    EXPECT_EQ(mask_full_numbers("telepon 0812-3456-7890"), "telepon 0812-3456-7890");
    EXPECT_EQ(mask_full_numbers(mask_full_numbers("3671011234560001")), "3671********0001");
}

TEST(FullNumber, FieldsThatAreNotFreeText) {
    for (auto key : {"nik", "no_kk", "password", "current_password", "new_password", "uid"}) EXPECT_TRUE(holds_number_by_design(key)) << key;
    for (auto key : {"catatan", "alasan", "nik_kepala", "alamat", ""}) EXPECT_FALSE(holds_number_by_design(key)) << key;
    // Why uid is exempt: a UUID whose first groups happen to be digits only.
    EXPECT_TRUE(find_full_number("12345678-1234-4123-8123-1234567890ab"));
}

}  // namespace
}  // namespace pilar
