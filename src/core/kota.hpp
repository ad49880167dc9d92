// The kota/kabupaten a stored region code lies in, for an audit entry's area (AuditEvent::area)
// when a migration's clean-up names the kota of the rows it changed.
//
//   kota_of("36.71.01.1001.004")  // "36.71"
//   kota_of("36")                 // nothing: a provinsi lies in no kota
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pilar {

// Dotted; nothing for a provinsi or a code that does not parse (WilayahCode::parse, dotted or not).
std::optional<std::string> kota_of(std::string_view kode);

}  // namespace pilar
