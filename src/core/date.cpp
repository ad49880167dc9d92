#include "core/date.hpp"

#include <array>
#include <chrono>

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar {

namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

constexpr std::array<std::string_view, 12> kMonthNamesId = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<std::string_view, 12> kMonthNamesEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool digits_at(std::string_view s, size_t from, size_t count) {
    return is_all_digits(s.substr(from, count));
}

int number_at(std::string_view s, size_t from, size_t count) {
    int v = 0;
    for (size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

// "31-12-1987" or "31/12/1987": the way dates are written by hand in Indonesia. Worth
// recognising only to say so in the error; guessing would silently swap day and month
// in "03-04-1987".
bool looks_like_day_month_year(std::string_view s) {
    return s.size() == 10 && digits_at(s, 0, 2) && digits_at(s, 3, 2) && digits_at(s, 6, 4) &&
           (s[2] == '-' || s[2] == '/' || s[2] == '.') && s[5] == s[2];
}

}  // namespace

bool Date::is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int Date::days_in_month(int year, int month) {
    switch (month) {
        case 1: case 3: case 5: case 7: case 8: case 10: case 12: return 31;
        case 4: case 6: case 9: case 11: return 30;
        case 2: return is_leap_year(year) ? 29 : 28;
        default: return 0;
    }
}

Result<Date> Date::create(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Tahun {} di luar rentang 0001–9999", year),
                     fmt::format("Year {} is outside 0001–9999", year)});
    if (month < 1 || month > 12)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Bulan {} tidak ada: bulan harus 01–12", month),
                     fmt::format("Month {} does not exist: the month must be 01–12", month)});
    int const last = days_in_month(year, month);
    if (day < 1 || day > last) {
        auto const name_id = kMonthNamesId[static_cast<size_t>(month - 1)];
        auto const name_en = kMonthNamesEn[static_cast<size_t>(month - 1)];
        if (month == 2 && day == 29)
            return fail(ErrorCode::InvalidArgument,
                        {fmt::format("Tanggal 29 Februari {} tidak ada: {} bukan tahun kabisat",
                                     year, year),
                         fmt::format("29 February {} does not exist: {} is not a leap year", year,
                                     year)});
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Tanggal {} tidak ada: {} {} hanya sampai tanggal {}", day, name_id,
                                 year, last),
                     fmt::format("Day {} does not exist: {} {} has {} days", day, name_en, year,
                                 last)});
    }
    return Date(year, month, day);
}

Result<Date> Date::parse(std::string_view iso) {
    if (iso.size() != 10 || !digits_at(iso, 0, 4) || iso[4] != '-' || !digits_at(iso, 5, 2) ||
        iso[7] != '-' || !digits_at(iso, 8, 2)) {
        std::string const shown = excerpt_for_message(iso);
        if (looks_like_day_month_year(iso)) {
            std::string const fixed = fmt::format("{}-{}-{}", iso.substr(6, 4), iso.substr(3, 2),
                                                  iso.substr(0, 2));
            return fail(ErrorCode::InvalidArgument,
                        {fmt::format("Tanggal \"{}\" tertulis hari-bulan-tahun; tulis sebagai "
                                     "TTTT-BB-HH, yaitu {}",
                                     shown, fixed),
                         fmt::format("Date \"{}\" is written day-month-year; write it as "
                                     "YYYY-MM-DD, that is {}",
                                     shown, fixed)});
        }
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Tanggal \"{}\" tidak sah: gunakan format TTTT-BB-HH, misalnya "
                                 "1987-12-31",
                                 shown),
                     fmt::format("Date \"{}\" is not valid: use the format YYYY-MM-DD, for "
                                 "example 1987-12-31",
                                 shown)});
    }
    auto checked = create(number_at(iso, 0, 4), number_at(iso, 5, 2), number_at(iso, 8, 2));
    if (!checked) {
        // Prefix the value so the user sees which date was wrong, not only why.
        Error e = std::move(checked).error();
        e.message.id = fmt::format("Tanggal \"{}\": {}", iso, e.message.id);
        e.message.en = fmt::format("Date \"{}\": {}", iso, e.message.en);
        return fail(std::move(e));
    }
    return checked;
}

Date Date::from_days(int days_since_epoch) {
    std::chrono::year_month_day const ymd{
        std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
    return Date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day())));
}

Date Date::today() {
    auto const now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return from_days(static_cast<int>(now.time_since_epoch().count()));
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", m_year, m_month, m_day); }

int Date::days_since_epoch() const {
    std::chrono::sys_days const d{std::chrono::year{m_year} /
                                  std::chrono::month{static_cast<unsigned>(m_month)} /
                                  std::chrono::day{static_cast<unsigned>(m_day)}};
    return static_cast<int>(d.time_since_epoch().count());
}

int Date::age_on(Date on) const {
    int age = on.m_year - m_year;
    if (on.m_month < m_month || (on.m_month == m_month && on.m_day < m_day)) --age;
    return age;
}

}  // namespace pilar
