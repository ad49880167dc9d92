#include "core/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace pilar {

std::string utc_iso(std::chrono::system_clock::time_point t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    auto secs = static_cast<std::time_t>(ms / 1000);
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(secs), ms % 1000);
}

std::string utc_now_iso() { return utc_iso(std::chrono::system_clock::now()); }

}  // namespace pilar
