#include "core/strings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar {
namespace {

TEST(Strings, TrimRemovesAsciiWhitespaceOnly) {
    struct Case {
        std::string_view in;
        std::string_view out;
    };
    for (auto const& c : std::vector<Case>{
             {"  3671 ", "3671"},
             {"\t\r\nabc\r\n", "abc"},
             {"a b", "a b"},
             {"", ""},
             {"   ", ""},
             {"\xC2\xA0" "x", "\xC2\xA0" "x"},  // a non-breaking space is kept: it is not ASCII
         })
        EXPECT_EQ(trim(c.in), c.out) << "input: '" << c.in << "'";
}

TEST(Strings, SplitKeepsEmptyPieces) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(split("36.71.01", '.'), (V{"36", "71", "01"}));
    EXPECT_EQ(split("a,,b,", ','), (V{"a", "", "b", ""}));
    EXPECT_EQ(split("", ','), (V{""}));
    EXPECT_EQ(split("abc", ','), (V{"abc"}));
}

TEST(Strings, CaseAndDigits) {
    EXPECT_EQ(to_lower_ascii("NIK Kepala"), "nik kepala");
    EXPECT_EQ(to_lower_ascii("ÉA"), "Éa");  // bytes above ASCII untouched
    EXPECT_TRUE(is_all_digits("0123456789"));
    EXPECT_FALSE(is_all_digits(""));
    EXPECT_FALSE(is_all_digits("12a"));
    EXPECT_FALSE(is_all_digits(" 12"));
    EXPECT_FALSE(is_all_digits("١٢"));  // Arabic-Indic digits are not digits here
    EXPECT_TRUE(starts_with_ci("Kelurahan Sukasari", "KELURAHAN"));
    EXPECT_FALSE(starts_with_ci("Kel", "Kelurahan"));
    EXPECT_TRUE(equals_ci("NiK", "nik"));
    EXPECT_FALSE(equals_ci("nik", "nik "));
}

TEST(Strings, JoinAnyRangeOfStrings) {
    EXPECT_EQ(join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
    EXPECT_EQ(join(std::vector<std::string_view>{"x"}, "-"), "x");
    EXPECT_EQ(join(std::vector<std::string>{}, ","), "");
}

TEST(Strings, Utf8ValidationFindsTheFirstBadByte) {
    struct Case {
        std::string in;
        bool valid;
        size_t bad_offset;
    };
    std::vector<Case> const cases = {
        {"", true, 0},
        {"plain ASCII text, longer than eight bytes", true, 0},
        {"Siti Nurhaliza \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", true, 0},  // é € 😀
        {"Jos\xE9 Latin-1", false, 3},                                       // é in Latin-1
        {"12345678\x80", false, 8},                                          // lone continuation
        {"\xC0\xAF", false, 0},                                              // overlong '/'
        {"\xE0\x80\xAF", false, 0},                                          // overlong, 3 bytes
        {"ab\xED\xA0\x80", false, 2},                                        // UTF-16 surrogate
        {"\xF4\x90\x80\x80", false, 0},                                      // above U+10FFFF
        {"ok \xE2\x82", false, 3},                                           // truncated at end
        {"\xF5\x80\x80\x80", false, 0},
        {std::string("a\0b", 3), true, 0},                                   // NUL is valid UTF-8
    };
    for (auto const& c : cases) {
        size_t bad = 999;
        EXPECT_EQ(is_valid_utf8(c.in, &bad), c.valid) << "input: " << c.in;
        if (!c.valid) {
            EXPECT_EQ(bad, c.bad_offset) << "input: " << c.in;
        }
    }
    EXPECT_FALSE(is_valid_utf8("\xFF"));  // offset pointer is optional
}

TEST(Strings, MaskMiddle) {
    EXPECT_EQ(mask_middle("3671014512870001", 4, 4), "3671********0001");
    EXPECT_EQ(mask_middle("12345678", 4, 4), "********");  // nothing left to hide: hide all
    EXPECT_EQ(mask_middle("123456789", 4, 4), "1234*6789");
}

TEST(Strings, ExcerptIsShortPrintableAndValidUtf8) {
    EXPECT_EQ(excerpt_for_message("abc"), "abc");
    EXPECT_EQ(excerpt_for_message("a\nb\x01"), "a?b?");
    EXPECT_EQ(excerpt_for_message("Jos\xE9"), "Jos?");
    EXPECT_EQ(excerpt_for_message("abcdefghij", 4), "abcd…");
    // Cut on a character boundary, never inside "é".
    EXPECT_EQ(excerpt_for_message("abc\xC3\xA9", 4), "abc…");
    EXPECT_TRUE(is_valid_utf8(excerpt_for_message("\xC3\xA9\xC3\xA9\xFF", 3)));
}

}  // namespace
}  // namespace pilar

namespace pilar {
namespace {

TEST(Fnv1a64, KnownVectors) {
    EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
    EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
    EXPECT_NE(fnv1a64_hex("ab"), fnv1a64_hex("ba"));
}

TEST(Encodings, HexAndBase64UrlGiveTheRfc4648Text) {
    auto u = [](std::string_view s) { return reinterpret_cast<unsigned char const*>(s.data()); };
    EXPECT_EQ(hex_lower(u("\x00\x9f\xff"), 3), "009fff");
    EXPECT_EQ(hex_lower(nullptr, 0), "");
    // RFC 4648 §10, without the padding, and the two characters the URL alphabet changes.
    std::vector<std::pair<std::string_view, std::string_view>> const cases{
        {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"},
        {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"}};
    for (auto const& [in, want] : cases) {
        std::string out = "v1.";
        append_base64url(out, u(in), in.size());
        EXPECT_EQ(out, "v1." + std::string(want)) << in;
    }
}

}  // namespace
}  // namespace pilar
