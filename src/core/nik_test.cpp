#include "core/nik.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/strings.hpp"

namespace pilar {
namespace {

Nik nik(std::string_view s) {
    auto n = Nik::parse(s);
    EXPECT_TRUE(n) << s << ": " << (n ? "" : n.error().message.en);
    return *n;
}

Date date(std::string_view iso) { return *Date::parse(iso); }

TEST(Nik, ReadsEveryPartOfAValidNik) {
    struct Case {
        std::string_view in;
        std::string_view digits;
        std::string_view region6;
        Sex sex;
        int day, month, yy, serial;
        std::string_view masked;
    };
    std::vector<Case> const cases = {
        {"3671014512870001", "3671014512870001", "367101", Sex::P, 5, 12, 87, 1, "3671********0001"},
        {"3671011205900123", "3671011205900123", "367101", Sex::L, 12, 5, 90, 123, "3671********0123"},
        {" 3603057101059999\t", "3603057101059999", "360305", Sex::P, 31, 1, 5, 9999, "3603********9999"},
        {"1101010101000010", "1101010101000010", "110101", Sex::L, 1, 1, 0, 10, "1101********0010"},
        {"9271054111991000", "9271054111991000", "927105", Sex::P, 1, 11, 99, 1000, "9271********1000"},
    };
    for (auto const& c : cases) {
        auto n = Nik::parse(c.in);
        ASSERT_TRUE(n) << c.in << ": " << n.error().message.en;
        EXPECT_EQ(n->str(), c.digits);
        EXPECT_EQ(n->region6(), c.region6);
        EXPECT_EQ(n->sex(), c.sex) << c.in;
        EXPECT_EQ(n->birth_day(), c.day) << c.in;
        EXPECT_EQ(n->birth_month(), c.month) << c.in;
        EXPECT_EQ(n->birth_yy(), c.yy) << c.in;
        EXPECT_EQ(n->serial(), c.serial) << c.in;
        EXPECT_EQ(n->masked(), c.masked);
    }
}

TEST(Nik, HardChecksEachHaveTheirOwnMessage) {
    struct Case {
        std::string_view in;
        std::string_view en_part;
        std::string_view id_part;
    };
    std::vector<Case> const cases = {
        {"", "NIK is empty", "NIK kosong"},
        {"   ", "NIK is empty", "NIK kosong"},
        {"367101451287000", "must have 16 digits, but has 15", "berisi 15 digit"},
        {"36710145128700011", "must have 16 digits, but has 17", "berisi 17 digit"},
        {"3671-0145-1287-0001", "character 5 is \"-\"", "karakter ke-5 adalah \"-\""},
        {"36710145128700O1", "character 15 is \"O\"", "karakter ke-15"},
        {"3671 014512870001", "character 5 is a space", "spasi"},
        {"367101451287000\xC2\xA0", "character 16 is byte 0xC2", "byte 0xC2"},
        {"3.67101451E+15", "exponent form", "Format kolom sebagai Teks"},
        {"0071014512870001", "province code (digits 1–2) cannot be 00", "kode provinsi"},
        {"3671013212870001", "birth day (digits 7–8) must be 01–31 for men or 41–71 for women, not 32",
         "bukan 32"},
        {"3671017212870001", "not 72", "bukan 72"},
        {"3671010012870001", "not 00", "bukan 00"},
        {"3671014012870001", "not 40", "bukan 40"},
        {"3671014513870001", "birth month (digits 9–10) must be 01–12, not 13", "bukan 13"},
        {"3671014500870001", "birth month (digits 9–10) must be 01–12, not 00", "bulan lahir"},
        {"3671014512870000", "serial number (last 4 digits) cannot be 0000", "nomor urut"},
    };
    for (auto const& c : cases) {
        auto n = Nik::parse(c.in);
        ASSERT_FALSE(n) << "accepted: " << c.in;
        Error const& e = n.error();
        EXPECT_EQ(e.code, ErrorCode::InvalidArgument);
        EXPECT_NE(e.message.en.find(c.en_part), std::string::npos) << c.in << " -> " << e.message.en;
        EXPECT_NE(e.message.id.find(c.id_part), std::string::npos) << c.in << " -> " << e.message.id;
        // Never the whole number in a message: only the masked form.
        std::string_view const digits = trim(c.in);
        if (digits.size() >= 10) {  // nor a long piece of what was typed
            EXPECT_EQ(e.message.en.find(digits), std::string::npos) << e.message.en;
        }
        if (digits.size() == 16 && is_all_digits(digits)) {
            if (digits.size() >= 10) {  // nor a long piece of what was typed
            EXPECT_EQ(e.message.en.find(digits), std::string::npos) << e.message.en;
        }
            EXPECT_EQ(e.message.id.find(digits), std::string::npos) << e.message.id;
            EXPECT_NE(e.message.en.find(std::string(digits.substr(0, 4)) + "********"),
                      std::string::npos)
                << e.message.en;
        }
    }
}

TEST(Nik, SexFromCode) {
    EXPECT_EQ(sex_from_code("L"), Sex::L);
    EXPECT_EQ(sex_from_code(" p "), Sex::P);
    EXPECT_EQ(sex_from_code("X"), std::nullopt);
    EXPECT_EQ(sex_from_code(""), std::nullopt);
    EXPECT_EQ(sex_code(Sex::P), "P");
    EXPECT_EQ(sex_code(Sex::L), "L");
}

TEST(Nik, BirthDateInfersTheCentury) {
    Date const today = date("2026-01-15");
    struct Case {
        std::string_view nik;
        std::optional<int> hint;
        std::optional<std::string_view> expected;
    };
    std::vector<Case> const cases = {
        {"3671014512870001", {}, "1987-12-05"},  // 2087 is in the future
        {"3671011205100001", {}, "2010-05-12"},
        {"3671011001260001", {}, "2026-01-10"},  // born five days ago
        {"3671011006260001", {}, "1926-06-10"},  // 2026-06-10 has not happened yet
        {"3671011501260001", {}, "2026-01-15"},  // born today
        {"3671011001260001", 100, "1926-01-10"},  // a known age settles it
        {"3671011001260001", 1926, "1926-01-10"},  // so does a known year
        {"3671015002200001", {}, "2020-02-10"},
        {"3671015002200001", 1920, "1920-02-10"},
        {"3671015002200001", 105, "1920-02-10"},
        {"3671015002200001", 5, "2020-02-10"},
        {"3671015002200001", 500, "2020-02-10"},   // neither an age nor a year: ignored
        {"3671014512870001", 1988, "1987-12-05"},  // recorded year off by one: nearest century
        {"3671014512870001", 2087, "1987-12-05"},  // never in the future
        {"3671012902000001", {}, "2000-02-29"},
        {"3671012902000001", 1900, std::nullopt},  // 1900 was not a leap year
        {"3671013102990001", {}, std::nullopt},    // 31 February
        {"3671012902010001", {}, std::nullopt},    // 29 February 2001
    };
    for (auto const& c : cases) {
        auto const got = nik(c.nik).birth_date(today, c.hint);
        if (!c.expected) {
            EXPECT_FALSE(got) << c.nik << " gave " << got->iso();
            continue;
        }
        ASSERT_TRUE(got) << c.nik;
        EXPECT_EQ(got->iso(), *c.expected) << c.nik << " hint " << c.hint.value_or(-1);
        EXPECT_GE(got->age_on(today), 0);
        EXPECT_LE(got->age_on(today), 150);
    }
}

TEST(Nik, ConsistencyWarnings) {
    using K = NikWarningKind;
    auto known = [](std::string_view r) { return r == "367101"; };
    struct Case {
        std::string_view name;
        std::string_view nik;
        NikContext ctx;
        std::vector<K> expected;
    };
    std::vector<Case> const cases = {
        {"all agree", "3671014512870001", {date("1987-12-05"), Sex::P, known}, {}},
        {"nothing to compare", "3671014512870001", {}, {}},
        {"century is not in the NIK", "3671014512870001", {date("1887-12-05"), Sex::P, {}}, {}},
        {"day differs", "3671014512870001", {date("1987-12-06"), {}, {}}, {K::BirthDateMismatch}},
        {"month differs", "3671014512870001", {date("1987-11-05"), {}, {}}, {K::BirthDateMismatch}},
        {"year differs", "3671014512870001", {date("1988-12-05"), {}, {}}, {K::BirthDateMismatch}},
        // Day 45 read without taking 40 off would be compared as 45: it must be 5.
        {"woman's day", "3671014512870001", {date("1987-12-05"), Sex::P, {}}, {}},
        {"sex differs", "3671014512870001", {{}, Sex::L, {}}, {K::SexMismatch}},
        {"man recorded as woman", "3671011205900123", {{}, Sex::P, {}}, {K::SexMismatch}},
        {"unknown region", "3603057101059999", {{}, {}, known}, {K::UnknownRegion}},
        {"31 February", "3671013102990001", {}, {K::InvalidEmbeddedDate}},
        {"31 February vs record", "3671013102990001", {date("1999-03-03"), Sex::L, {}},
         {K::InvalidEmbeddedDate, K::BirthDateMismatch}},
        {"29 February 2000 is real", "3671012902000001", {date("2000-02-29"), {}, {}}, {}},
        {"29 February 2001 is not", "3671012902010001", {}, {K::InvalidEmbeddedDate}},
        {"31 April", "3671017104800002", {}, {K::InvalidEmbeddedDate}},
        {"everything wrong", "3603057101059999", {date("2005-01-30"), Sex::L, known},
         {K::UnknownRegion, K::BirthDateMismatch, K::SexMismatch}},
    };
    for (auto const& c : cases) {
        Nik const n = nik(c.nik);
        auto const warnings = check_consistency(n, c.ctx);
        std::vector<K> kinds;
        for (auto const& w : warnings) {
            kinds.push_back(w.kind);
            EXPECT_FALSE(w.message.id.empty());
            EXPECT_FALSE(w.message.en.empty());
            EXPECT_EQ(w.message.en.find(n.str()), std::string::npos) << w.message.en;
            EXPECT_EQ(w.message.id.find(n.str()), std::string::npos) << w.message.id;
            EXPECT_NE(w.message.en.find(n.masked()), std::string::npos) << w.message.en;
        }
        EXPECT_EQ(kinds, c.expected) << c.name;
    }
}

TEST(Nik, WarningMessagesSayWhatDisagrees) {
    Nik const n = nik("3603057101059999");
    std::string seen_region;
    NikContext ctx{date("2005-01-30"), Sex::L, [&](std::string_view r) {
                       seen_region = r;
                       return false;
                   }};
    auto const w = check_consistency(n, ctx);
    ASSERT_EQ(w.size(), 3u);
    EXPECT_EQ(seen_region, "360305");
    EXPECT_NE(w[0].message.en.find("36.03.05"), std::string::npos) << w[0].message.en;
    EXPECT_NE(w[1].message.en.find("31-01-05"), std::string::npos) << w[1].message.en;
    EXPECT_NE(w[1].message.en.find("2005-01-30"), std::string::npos) << w[1].message.en;
    EXPECT_NE(w[2].message.en.find("a woman"), std::string::npos) << w[2].message.en;
    EXPECT_NE(w[2].message.id.find("laki-laki (L)"), std::string::npos) << w[2].message.id;
}

TEST(Nik, ComparesByDigits) {
    EXPECT_EQ(nik("3671014512870001"), nik(" 3671014512870001"));
    EXPECT_LT(nik("3671014512870001"), nik("3671014512870002"));
    EXPECT_NE(nik("3671014512870001"), nik("3671011205900123"));
}

}  // namespace
}  // namespace pilar
