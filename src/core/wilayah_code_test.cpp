#include "core/wilayah_code.hpp"

#include "core/kota.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace pilar {
namespace {

WilayahCode code(std::string_view s) {
    auto c = WilayahCode::parse(s);
    EXPECT_TRUE(c) << s << ": " << (c ? "" : c.error().message.en);
    return *c;
}

TEST(WilayahCode, ParsesEveryLevelDottedAndUndotted) {
    struct Case {
        std::string_view in;
        std::string_view dotted;
        std::string_view undotted;
        Tingkat tingkat;
    };
    std::vector<Case> const cases = {
        {"36", "36", "36", Tingkat::Provinsi},
        {"36.71", "36.71", "3671", Tingkat::Kota},
        {"3671", "36.71", "3671", Tingkat::Kota},
        {"36.71.01", "36.71.01", "367101", Tingkat::Kecamatan},
        {"367101", "36.71.01", "367101", Tingkat::Kecamatan},
        {"36.71.01.1001", "36.71.01.1001", "3671011001", Tingkat::Kelurahan},
        {"3671011001", "36.71.01.1001", "3671011001", Tingkat::Kelurahan},
        {"36.03.05.2001", "36.03.05.2001", "3603052001", Tingkat::Kelurahan},  // a desa
        {"36.71.01.1001.004", "36.71.01.1001.004", "3671011001004", Tingkat::Rw},
        {"3671011001004", "36.71.01.1001.004", "3671011001004", Tingkat::Rw},
        {"36.71.01.1001.004.012", "36.71.01.1001.004.012", "3671011001004012", Tingkat::Rt},
        {"3671011001004012", "36.71.01.1001.004.012", "3671011001004012", Tingkat::Rt},
        {"  36.71.01 \n", "36.71.01", "367101", Tingkat::Kecamatan},
    };
    for (auto const& c : cases) {
        auto w = WilayahCode::parse(c.in);
        ASSERT_TRUE(w) << c.in << ": " << w.error().message.en;
        EXPECT_EQ(w->dotted(), c.dotted);
        EXPECT_EQ(w->undotted(), c.undotted);
        EXPECT_EQ(w->tingkat(), c.tingkat) << c.in;
    }
}

TEST(WilayahCode, RejectsMalformedCodesSayingWhy) {
    struct Case {
        std::string_view in;
        std::string_view en_part;
        std::string_view id_part;
    };
    std::vector<Case> const cases = {
        {"", "Region code is empty", "Kode wilayah kosong"},
        {"3", "it has 1 digits; a code without dots has 2, 4, 6, 10, 13 or 16", "berisi 1 digit"},
        {"36710", "it has 5 digits", "berisi 5 digit"},
        {"3671011", "it has 7 digits", "berisi 7 digit"},
        {"36710110010", "it has 11 digits", "berisi 11 digit"},
        {"36710110010040120", "it has 17 digits", "berisi 17 digit"},
        {"36-71-01", "may contain only digits and dots", "hanya boleh berisi angka dan titik"},
        {"36 71", "may contain only digits and dots", "angka dan titik"},
        {"36..01", "the kota/kabupaten part is empty", "bagian kota/kabupaten kosong"},
        {".36", "the provinsi part is empty", "bagian provinsi kosong"},
        {"36.71.", "the kecamatan part is empty", "kosong"},
        {"36.7a", "the kota/kabupaten part (\"7a\") may contain only digits", "hanya boleh berisi angka"},
        {"36.71.1", "the kecamatan part (\"1\") must have 2 digits", "harus 2 digit"},
        {"36.71.01.001", "the kelurahan/desa part (\"001\") must have 4 digits", "harus 4 digit"},
        {"36.71.01.1001.4", "the RW part (\"4\") must have 3 digits", "bagian RW"},
        {"36.71.01.1001.004.12", "the RT part (\"12\") must have 3 digits", "bagian RT"},
        {"36.71.01.1001.004.012.1", "it has 7 parts, at most 6", "terdiri dari 7 bagian"},
        {"3671.01", "the provinsi part (\"3671\") must have 2 digits", "harus 2 digit"},
        {"00", "the provinsi part cannot be 00", "tidak boleh 00"},
        {"36.00", "the kota/kabupaten part cannot be 00", "tidak boleh 00"},
        {"3671011001000", "the RW part cannot be 000", "bagian RW tidak boleh 000"},
        {"36.71.01.1001.004.000", "the RT part cannot be 000", "tidak boleh 000"},
    };
    for (auto const& c : cases) {
        auto w = WilayahCode::parse(c.in);
        ASSERT_FALSE(w) << "accepted: '" << c.in << "'";
        EXPECT_EQ(w.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(w.error().message.en.find(c.en_part), std::string::npos)
            << c.in << " -> " << w.error().message.en;
        EXPECT_NE(w.error().message.id.find(c.id_part), std::string::npos)
            << c.in << " -> " << w.error().message.id;
        if (!c.in.empty()) {  // the message quotes the value the user typed
            EXPECT_NE(w.error().message.en.find(std::string(c.in)), std::string::npos)
                << w.error().message.en;
        }
    }
}

TEST(WilayahCode, ParentWalksUpToTheProvinsi) {
    std::vector<std::string> chain;
    std::optional<WilayahCode> c = code("3671011001004012");
    while (c) {
        chain.push_back(c->dotted());
        c = c->parent();
    }
    EXPECT_EQ(chain, (std::vector<std::string>{"36.71.01.1001.004.012", "36.71.01.1001.004",
                                               "36.71.01.1001", "36.71.01", "36.71", "36"}));
    // A parent is the same value as the parsed code, so it can be compared and used as a key.
    EXPECT_EQ(*code("36.71.01.1001.004").parent(), code("3671011001"));
    EXPECT_EQ(code("36.71").parent()->tingkat(), Tingkat::Provinsi);
}

TEST(WilayahCode, KotaOfIsTheAncestorAtThatLevel) {
    EXPECT_EQ(kota_of("36.71.01.1001.004.012"), "36.71");
    EXPECT_EQ(kota_of("3671011001"), "36.71");
    EXPECT_EQ(kota_of("36.71"), "36.71");
    EXPECT_EQ(kota_of("36"), std::nullopt) << "a provinsi lies in no kota";
    EXPECT_EQ(kota_of("bukan kode"), std::nullopt);
}

TEST(WilayahCode, ContainsIsEqualOrBelow) {
    struct Case {
        std::string_view outer;
        std::string_view inner;
        bool contains;
    };
    for (auto const& c : std::vector<Case>{
             {"36", "36.71.01.1001.004.012", true},
             {"36.71", "36.71", true},
             {"36.71.01", "36.71.01.1001", true},
             {"36.71.01.1001.004", "36.71.01.1001.004.012", true},
             {"36.71.01.1001.004", "36.71.01.1001.005.012", false},
             {"36.71.01", "36.71.02.1001", false},
             {"36.71.01.1001", "36.71.01", false},  // a parent is not inside its child
             {"36.71", "36.03.05", false},
             {"36", "35.71", false},
         })
        EXPECT_EQ(code(c.outer).contains(code(c.inner)), c.contains) << c.outer << " ⊇ " << c.inner;
}

TEST(WilayahCode, ChildValidatesTheSegment) {
    EXPECT_EQ(code("36").child("71")->dotted(), "36.71");
    EXPECT_EQ(code("36.71.01").child("1001")->dotted(), "36.71.01.1001");
    EXPECT_EQ(code("36.71.01.1001").child("004")->tingkat(), Tingkat::Rw);
    EXPECT_EQ(code("36.71.01.1001.004").child("012")->undotted(), "3671011001004012");

    struct Case {
        std::string_view parent;
        std::string_view segment;
        std::string_view en_part;
    };
    for (auto const& c : std::vector<Case>{
             {"36.71.01", "001", "the kelurahan/desa part (\"001\") must have 4 digits"},
             {"36.71.01.1001", "4", "the RW part (\"4\") must have 3 digits"},
             {"36.71.01.1001", "", "the RW part is empty"},
             {"36.71.01.1001", "00a", "may contain only digits"},
             {"36.71.01.1001", "000", "cannot be 000"},
             {"36.71.01.1001.004.012", "001", "there is no level below RT"},
         }) {
        auto child = code(c.parent).child(c.segment);
        ASSERT_FALSE(child) << c.parent << " + " << c.segment;
        EXPECT_NE(child.error().message.en.find(c.en_part), std::string::npos)
            << child.error().message.en;
        EXPECT_NE(child.error().message.en.find(std::string(c.parent)), std::string::npos);
    }
}

TEST(WilayahCode, RwAndRtAreBuiltFromNumbers) {
    auto rw = WilayahCode::rw(code("36.71.01.1001"), 4);
    ASSERT_TRUE(rw);
    EXPECT_EQ(rw->dotted(), "36.71.01.1001.004");
    auto rt = WilayahCode::rt(*rw, 12);
    ASSERT_TRUE(rt);
    EXPECT_EQ(rt->dotted(), "36.71.01.1001.004.012");
    EXPECT_EQ(WilayahCode::rt(*rw, 999)->dotted(), "36.71.01.1001.004.999");
    EXPECT_EQ(WilayahCode::rw(code("36.71.01.1001"), 1)->undotted(), "3671011001001");

    struct Case {
        std::string_view parent;
        bool make_rw;
        int number;
        std::string_view en_part;
    };
    for (auto const& c : std::vector<Case>{
             {"36.71.01.1001", true, 0, "The RW number must be 1–999, not 0"},
             {"36.71.01.1001", true, 1000, "not 1000"},
             {"36.71.01.1001.004", false, -3, "The RT number must be 1–999, not -3"},
             {"36.71.01", true, 4, "RW can only be added below level kelurahan/desa, but 36.71.01 "
                                   "is at level kecamatan"},
             {"36.71.01.1001", false, 4, "RT can only be added below level RW"},
             {"36.71.01.1001.004.012", false, 4, "is at level RT"},
         }) {
        auto made = c.make_rw ? WilayahCode::rw(code(c.parent), c.number)
                              : WilayahCode::rt(code(c.parent), c.number);
        ASSERT_FALSE(made) << c.parent << " " << c.number;
        EXPECT_NE(made.error().message.en.find(c.en_part), std::string::npos)
            << made.error().message.en;
        EXPECT_FALSE(made.error().message.id.empty());
    }
}

TEST(WilayahCode, TingkatNamesAreStable) {
    struct Case {
        Tingkat t;
        std::string_view name;
    };
    for (auto const& c : std::vector<Case>{{Tingkat::Provinsi, "provinsi"},
                                           {Tingkat::Kota, "kota"},
                                           {Tingkat::Kecamatan, "kecamatan"},
                                           {Tingkat::Kelurahan, "kelurahan"},
                                           {Tingkat::Rw, "rw"},
                                           {Tingkat::Rt, "rt"}}) {
        EXPECT_EQ(tingkat_name(c.t), c.name);
        EXPECT_EQ(tingkat_from_name(c.name), c.t);
    }
    EXPECT_EQ(tingkat_from_name("Kabupaten"), Tingkat::Kota);
    EXPECT_EQ(tingkat_from_name("desa"), Tingkat::Kelurahan);
    EXPECT_EQ(tingkat_from_name("RW"), Tingkat::Rw);
    EXPECT_EQ(tingkat_from_name("dusun"), std::nullopt);
}

TEST(WilayahCode, SortsLikeTheDottedText) {
    std::vector<std::string_view> const dotted = {
        "36.71.01.1001.004", "36", "36.71.01.1001", "36.71.02", "36.03", "36.71.01.1001.004.012",
        "36.71.01", "36.71.01.1002", "36.71", "35.78"};
    std::vector<WilayahCode> codes;
    for (auto s : dotted) codes.push_back(code(s));
    std::sort(codes.begin(), codes.end());
    std::vector<std::string> got;
    for (auto const& c : codes) got.push_back(c.dotted());
    std::vector<std::string> expected(dotted.begin(), dotted.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace pilar
