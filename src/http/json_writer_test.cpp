#include "http/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <cstring>
#include <limits>

namespace pilar::http {
namespace {

namespace json = boost::json;

// The writer promises boost::json::serialize's bytes: each case is written both ways.
TEST(JsonWriter, StringsMatchBoostSerialize) {
    std::string all_controls;
    for (int c = 0; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
    for (std::string_view s : {std::string_view(""), std::string_view("Siti Nurhaliza"), std::string_view("a\"b\\c/d"),
                               std::string_view("Ngô Thị \xE2\x80\x94 ok"), std::string_view("line\nbreak\ttab\r\b\f"),
                               std::string_view("\x7f del"), std::string_view(all_controls),
                               std::string_view("x\0y", 3), std::string_view("abcdefgh\\"), std::string_view("Siti Nurhaliza\"x"),
                               std::string_view("0123456789abcdef\x1f"), std::string_view("Ngô Thị Ngô Thị")}) {
        std::string out;
        JsonWriter w(out);
        w.value(s);
        EXPECT_EQ(out, json::serialize(json::value(json::string(s)))) << "input size " << s.size();
        // The same text as a key and as a value after another member (the comma goes first).
        std::string obj;
        JsonWriter o(obj);
        o.begin_object();
        o.key("first"), o.value(std::int64_t{1});
        o.key(s), o.value(s);
        o.end_object();
        EXPECT_EQ(obj, json::serialize(json::object{{"first", 1}, {s, json::string(s)}})) << "input size " << s.size();
    }
}

// The escape test looks at eight bytes at a time: a byte that needs escaping (or a near miss
// that does not) at every position of strings around the word size, and a JsonKey.
TEST(JsonWriter, EveryPositionOfEveryLength) {
    for (std::size_t len = 1; len <= 40; ++len)
        for (std::size_t pos = 0; pos < len; ++pos)
            for (int c : {0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5c, 0x5d, 0x7f, 0x80, 0xa0, 0xdc, 0xff}) {
                std::string s(len, 'a');
                s[pos] = static_cast<char>(c);
                std::string out;
                JsonWriter(out).value(s);
                ASSERT_EQ(out, json::serialize(json::value(json::string(s)))) << "length " << len << " at " << pos << " byte " << c;
            }
    std::string a, b;
    JsonWriter wa(a), wb(b);
    wa.begin_object(), wa.key(JsonKey("nama")), wa.value(1), wa.key(JsonKey("x")), wa.value(2), wa.end_object();
    wb.begin_object(), wb.key(std::string_view("nama")), wb.value(1), wb.key("x"), wb.value(2), wb.end_object();
    EXPECT_EQ(a, R"({"nama":1,"x":2})");
    EXPECT_EQ(a, b);
}

// The copy reads a string's last partial 16-byte block whole unless that could run into the
// next memory page: strings that end exactly at a page boundary (the careful path), with and
// without a byte to escape, and the same strings away from it.
TEST(JsonWriter, StringsEndingAtAPageBoundary) {
    constexpr std::size_t kPage = 4096;
    auto* buffer = static_cast<char*>(std::aligned_alloc(kPage, 2 * kPage));
    ASSERT_NE(buffer, nullptr);
    for (std::size_t len = 1; len <= 40; ++len)
        for (std::size_t shift : {std::size_t{0}, std::size_t{1}, std::size_t{9}, std::size_t{100}})
            for (int c : {int{'a'}, int{'"'}, 0x1f, 0xc3}) {
                char* start = buffer + kPage - len - shift;
                std::memset(start, 'x', len);
                start[len / 2] = static_cast<char>(c);
                std::string_view s(start, len);
                std::string out;
                JsonWriter w(out);
                w.begin_object();
                w.key(s), w.value(s);
                w.end_object();
                ASSERT_EQ(out, json::serialize(json::object{{s, json::string(s)}})) << "length " << len << " shift " << shift;
            }
    std::free(buffer);
}

TEST(JsonWriter, NumbersAndLiteralsMatchBoostSerialize) {
    for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42}, std::numeric_limits<std::int64_t>::max(),
                           std::numeric_limits<std::int64_t>::min()}) {
        std::string out;
        JsonWriter(out).value(v);
        EXPECT_EQ(out, json::serialize(json::value(v)));
    }
    for (double v : {0.0, -0.0, -6.17823, 106.6321, 1e300, 0.1, 45.5, 37.0, -1e-7, 5e-324, 123456789012345678.0}) {
        std::string out;
        JsonWriter(out).value(v);
        EXPECT_EQ(out, json::serialize(json::value(v)));
    }
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    w.value(true), w.value(false), w.value(nullptr), w.value(std::optional<std::string>{}), w.value(std::optional<int>{7});
    w.end_array();
    EXPECT_EQ(out, "[true,false,null,null,7]");
}

TEST(JsonWriter, NestingPlacesCommas) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("items"), w.begin_array();
    for (int i = 0; i < 2; ++i) {
        w.begin_object();
        w.key("id"), w.value(i);
        w.key("ppks"), w.begin_array(), w.end_array();
        w.key("d"), w.begin_object(), w.key("x"), w.value("y"), w.end_object();
        w.end_object();
    }
    w.end_array();
    w.key("raw"), w.raw(R"({"a":[1,2]})");
    w.key("next"), w.value("w:abc");
    w.end_object();
    auto expected = json::object{{"items", json::array{json::object{{"id", 0}, {"ppks", json::array{}}, {"d", json::object{{"x", "y"}}}},
                                                       json::object{{"id", 1}, {"ppks", json::array{}}, {"d", json::object{{"x", "y"}}}}}},
                                 {"raw", json::object{{"a", json::array{1, 2}}}},
                                 {"next", "w:abc"}};
    EXPECT_EQ(out, json::serialize(expected));
}

}  // namespace
}  // namespace pilar::http
