#include "core/date.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pilar {
namespace {

TEST(Date, ParsesIsoAndWritesItBack) {
    for (std::string_view iso : {"1987-12-05", "2000-02-29", "0001-01-01", "9999-12-31",
                                 "1970-01-01", "2024-02-29", "1945-08-17"}) {
        auto d = Date::parse(iso);
        ASSERT_TRUE(d) << iso << ": " << d.error().message.en;
        EXPECT_EQ(d->iso(), iso);
    }
    auto d = Date::parse("1945-08-17");
    EXPECT_EQ(d->year(), 1945);
    EXPECT_EQ(d->month(), 8);
    EXPECT_EQ(d->day(), 17);
}

TEST(Date, RejectsBadInputWithAMessageThatSaysWhy) {
    struct Case {
        std::string_view in;
        std::string_view en_part;  // what the user must read in the English message
        std::string_view id_part;
    };
    std::vector<Case> const cases = {
        {"", "use the format YYYY-MM-DD", "gunakan format TTTT-BB-HH"},
        {"1987-1-05", "use the format YYYY-MM-DD", "format TTTT-BB-HH"},
        {"1987/12/05", "use the format YYYY-MM-DD", "format TTTT-BB-HH"},
        {"1987-12-05T00:00", "use the format YYYY-MM-DD", "format TTTT-BB-HH"},
        {" 1987-12-05", "use the format YYYY-MM-DD", "format TTTT-BB-HH"},
        {"19a7-12-05", "use the format YYYY-MM-DD", "format TTTT-BB-HH"},
        {"05-12-1987", "written day-month-year", "hari-bulan-tahun"},
        {"31/12/1987", "that is 1987-12-31", "yaitu 1987-12-31"},
        {"1987-13-01", "Month 13 does not exist", "Bulan 13 tidak ada"},
        {"1987-00-10", "Month 0 does not exist", "Bulan 0 tidak ada"},
        {"2023-02-29", "2023 is not a leap year", "2023 bukan tahun kabisat"},
        {"1900-02-29", "1900 is not a leap year", "1900 bukan tahun kabisat"},
        {"2024-04-31", "April 2024 has 30 days", "April 2024 hanya sampai tanggal 30"},
        {"2024-01-00", "Day 0 does not exist", "Tanggal 0 tidak ada"},
        {"2024-01-32", "January 2024 has 31 days", "Januari 2024 hanya sampai tanggal 31"},
        {"0000-01-01", "outside 0001–9999", "di luar rentang"},
    };
    for (auto const& c : cases) {
        auto d = Date::parse(c.in);
        ASSERT_FALSE(d) << "accepted: '" << c.in << "'";
        EXPECT_EQ(d.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(d.error().message.en.find(c.en_part), std::string::npos)
            << c.in << " -> " << d.error().message.en;
        EXPECT_NE(d.error().message.id.find(c.id_part), std::string::npos)
            << c.in << " -> " << d.error().message.id;
    }
}

TEST(Date, MessageQuotesTheValueButNotPagesOfIt) {
    std::string const junk(500, 'x');
    auto d = Date::parse(junk);
    ASSERT_FALSE(d);
    EXPECT_LT(d.error().message.en.size(), 200u);
    EXPECT_NE(Date::parse("2023-02-29").error().message.en.find("\"2023-02-29\""),
              std::string::npos);
}

TEST(Date, LeapYears) {
    struct Case {
        int year;
        bool leap;
    };
    for (auto const& c : std::vector<Case>{
             {2024, true}, {2023, false}, {2000, true}, {1900, false}, {2100, false}, {1600, true}})
        EXPECT_EQ(Date::is_leap_year(c.year), c.leap) << c.year;
    EXPECT_EQ(Date::days_in_month(2024, 2), 29);
    EXPECT_EQ(Date::days_in_month(2023, 2), 28);
    EXPECT_EQ(Date::days_in_month(2023, 11), 30);
    EXPECT_EQ(Date::days_in_month(2023, 13), 0);
    EXPECT_TRUE(Date::create(2024, 2, 29));
    EXPECT_FALSE(Date::create(2023, 2, 29));
}

TEST(Date, DaysSinceEpochRoundTrips) {
    struct Case {
        std::string_view iso;
        int days;
    };
    for (auto const& c : std::vector<Case>{{"1970-01-01", 0},
                                           {"1970-01-02", 1},
                                           {"1969-12-31", -1},
                                           {"2000-03-01", 11017},
                                           {"2024-02-29", 19782},
                                           {"1945-08-17", -8903}}) {
        auto d = Date::parse(c.iso);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->days_since_epoch(), c.days) << c.iso;
        EXPECT_EQ(Date::from_days(c.days), *d) << c.iso;
    }
    // Every day over four centuries survives the round trip and steps by one.
    int const first = Date::parse("1900-01-01")->days_since_epoch();
    int const last = Date::parse("2300-12-31")->days_since_epoch();
    Date previous = Date::from_days(first - 1);
    for (int n = first; n <= last; ++n) {
        Date const d = Date::from_days(n);
        ASSERT_EQ(d.days_since_epoch(), n);
        ASSERT_LT(previous, d);
        ASSERT_TRUE(Date::create(d.year(), d.month(), d.day()));
        previous = d;
    }
}

TEST(Date, ComparesChronologically) {
    auto a = *Date::parse("1999-12-31");
    auto b = *Date::parse("2000-01-01");
    auto c = *Date::parse("2000-01-02");
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_GT(c, a);
    EXPECT_EQ(b, *Date::parse("2000-01-01"));
    EXPECT_NE(a, b);
    EXPECT_EQ(Date{}, *Date::parse("1970-01-01"));
}

TEST(Date, AgeOnCountsCompletedYears) {
    struct Case {
        std::string_view born;
        std::string_view on;
        int age;
    };
    for (auto const& c : std::vector<Case>{
             {"1987-12-05", "2024-12-04", 36},
             {"1987-12-05", "2024-12-05", 37},
             {"1987-12-05", "1987-12-05", 0},
             {"2000-02-29", "2023-02-28", 22},  // no 29 February in 2023: birthday on 1 March
             {"2000-02-29", "2023-03-01", 23},
             {"2000-02-29", "2024-02-29", 24},
             {"2010-06-15", "2010-06-14", -1},
         })
        EXPECT_EQ(Date::parse(c.born)->age_on(*Date::parse(c.on)), c.age)
            << c.born << " on " << c.on;
}

TEST(Date, TodayIsAPlausibleUtcDate) {
    Date const t = Date::today();
    EXPECT_GE(t, *Date::parse("2024-01-01"));
    EXPECT_LE(t, *Date::parse("2200-01-01"));
    EXPECT_TRUE(Date::create(t.year(), t.month(), t.day()));
}

}  // namespace
}  // namespace pilar
