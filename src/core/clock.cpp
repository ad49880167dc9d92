#include "core/clock.hpp"

namespace pilar {

namespace {

// Writes `v` as exactly `n` decimal digits ending just before `end`.
void digits(char* end, unsigned v, int n) {
    for (int i = 0; i < n; ++i, v /= 10) *--end = static_cast<char>('0' + v % 10);
}

}  // namespace

// Formatted by hand: every write stamps a time (the record's updated_at, its audit entry's `at`),
// and fmt's chrono formatting with gmtime cost ~2,300 instructions per stamp (callgrind,
// bench/bench_audit); the calendar arithmetic below is std::chrono's and costs a few dozen.
std::string utc_iso(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    auto const ms = floor<milliseconds>(t);
    auto const day = floor<days>(ms);
    year_month_day const ymd{day};
    auto const in_day = static_cast<unsigned>((ms - day).count());  // 0 .. 86,399,999
    std::string out(24, '\0');
    char* p = out.data();
    //                0123456789012345678901234
    constexpr char kShape[] = "0000-00-00T00:00:00.000Z";
    for (size_t i = 0; i < 24; ++i) p[i] = kShape[i];
    int const y = static_cast<int>(ymd.year());
    digits(p + 4, static_cast<unsigned>(y < 0 ? 0 : y > 9999 ? 9999 : y), 4);
    digits(p + 7, static_cast<unsigned>(ymd.month()), 2);
    digits(p + 10, static_cast<unsigned>(ymd.day()), 2);
    digits(p + 13, in_day / 3'600'000, 2);
    digits(p + 16, in_day / 60'000 % 60, 2);
    digits(p + 19, in_day / 1'000 % 60, 2);
    digits(p + 23, in_day % 1'000, 3);
    return out;
}

std::string utc_now_iso() { return utc_iso(std::chrono::system_clock::now()); }

}  // namespace pilar
