// Date: a calendar day with no time and no time zone — birth dates, issue dates, visit dates.
// Proleptic Gregorian calendar, years 0001–9999, written as ISO 8601 "YYYY-MM-DD" everywhere
// (CSV, JSON, database), which is also what sorts correctly as text.
//
//   Result<Date> d = Date::parse("1987-12-05");     // fails with a bilingual message otherwise
//   d->iso();                                        // "1987-12-05"
//   d->age_on(Date::today());                        // completed years
//   Date::create(2023, 2, 29);                       // error: 2023 is not a leap year
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace pilar {

class Date {
public:
    // 1970-01-01, so a default-constructed Date is a real date, never garbage.
    Date() = default;

    static Result<Date> create(int year, int month, int day);
    // Exactly "YYYY-MM-DD": four-digit year, two-digit month and day, '-' between. No time
    // part, no spaces, no other separators; day-month-year gets a hint in the error.
    static Result<Date> parse(std::string_view iso);
    // Inverse of days_since_epoch(); meant for days within years 0001–9999.
    static Date from_days(int days_since_epoch);
    // Today's date in UTC. Callers that need "today" in a rule take a Date parameter instead,
    // so their tests do not depend on the clock.
    static Date today();

    static bool is_leap_year(int year);
    // 28–31; 0 for a month outside 1–12.
    static int days_in_month(int year, int month);

    [[nodiscard]] int year() const { return m_year; }
    [[nodiscard]] int month() const { return m_month; }
    [[nodiscard]] int day() const { return m_day; }

    [[nodiscard]] std::string iso() const;
    // Days since 1970-01-01 (negative before it).
    [[nodiscard]] int days_since_epoch() const;
    // Completed years of someone born on this date, as of `on`; negative when `on` is earlier.
    // Someone born on 29 February turns a year older on 1 March in common years.
    [[nodiscard]] int age_on(Date on) const;

    // Member order (year, month, day) makes the defaulted comparison chronological.
    friend auto operator<=>(Date const&, Date const&) = default;
    friend bool operator==(Date const&, Date const&) = default;

private:
    Date(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {}

    int m_year = 1970;
    int m_month = 1;
    int m_day = 1;
};

}  // namespace pilar
