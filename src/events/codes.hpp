// Random codes of the events module, in Crockford's base32 (0-9 A-Z without I L O U): what a
// person can read off a card and type at a door when the camera fails.
//
//   std::string token = new_code(20);           // QR content of a participant: 100 random bits
//   auto kode = normalise_code(" 7k3q-hwx2 ");  // "7K3QHWX2": case, dashes, spaces, O/I/L fixed
//   std::string shown = group_code(token);      // "7K3QH-WX2M9-ABCDE-FGH12"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pilar::events {

// `length` characters from libsodium's CSPRNG (5 bits each).
std::string new_code(std::size_t length);
// Upper-cases, drops spaces and dashes, reads O as 0 and I/L as 1 (Crockford). nullopt when a
// character is not base32 or nothing is left.
std::optional<std::string> normalise_code(std::string_view typed);
// Groups of five joined by '-', for printing.
std::string group_code(std::string_view code);

}  // namespace pilar::events
