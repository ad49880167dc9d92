// Wall-clock timestamps as Pilar stores them: UTC, ISO 8601 with milliseconds and a 'Z'
// ("2026-11-28T07:00:00.123Z"), so text order is time order in every database.
#pragma once

#include <chrono>
#include <string>

namespace pilar {

std::string utc_now_iso();
std::string utc_iso(std::chrono::system_clock::time_point t);

}  // namespace pilar
