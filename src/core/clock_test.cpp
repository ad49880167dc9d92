#include "core/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>

namespace pilar {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

system_clock::time_point at_ms(std::int64_t ms) { return system_clock::time_point(milliseconds(ms)); }

TEST(Clock, WritesUtcIsoWithMilliseconds) {
    EXPECT_EQ(utc_iso(at_ms(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(utc_iso(at_ms(1'795'849'200'123)), "2026-11-28T07:00:00.123Z");
    EXPECT_EQ(utc_iso(at_ms(1'709'251'199'999)), "2024-02-29T23:59:59.999Z");
    EXPECT_EQ(utc_iso(at_ms(951'868'800'000)), "2000-03-01T00:00:00.000Z");
    EXPECT_EQ(utc_iso(at_ms(946'684'799'001)), "1999-12-31T23:59:59.001Z");
    // Sub-millisecond parts are cut, not rounded (a stamp never lies in the future).
    EXPECT_EQ(utc_iso(at_ms(1'795'849'200'123) + std::chrono::microseconds(999)), "2026-11-28T07:00:00.123Z");
    EXPECT_EQ(utc_now_iso().size(), 24u);
}

// The same text as the fmt/gmtime formatting it replaced, over a century of scattered instants.
TEST(Clock, MatchesGmtimeFormatting) {
    std::uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        auto const ms = static_cast<std::int64_t>(x % 4'102'444'800'000ULL);  // 1970 .. 2100
        auto const secs = static_cast<std::time_t>(ms / 1000);
        ASSERT_EQ(utc_iso(at_ms(ms)), fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(secs), ms % 1000)) << ms;
    }
}

}  // namespace
}  // namespace pilar
