// The version printed by `pilar version`, /healthz and the OpenAPI document.
#pragma once

#include <string_view>

namespace pilar {

inline constexpr std::string_view kVersion = PILAR_VERSION_STRING;

}  // namespace pilar
