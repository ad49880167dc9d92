// Small string helpers the rest of core (and the modules) keep needing: ASCII trimming and
// case folding, splitting and joining, digit checks, UTF-8 validation, and making a safe excerpt
// of user input to quote in an error message.
//
//   std::string_view s = trim("  3671014512870001 ");          // "3671014512870001"
//   for (std::string_view part : split("36.71.01", '.')) ...   // "36", "71", "01"
//   size_t bad = 0;
//   if (!is_valid_utf8(line, &bad)) report(bad);                 // byte offset of the bad sequence
//
// Everything here is byte-oriented and locale-free on purpose: input files come from many
// machines and the C locale of the server must never change how a NIK or a header is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pilar {

// ASCII whitespace: space, \t, \n, \v, \f, \r. Non-breaking spaces are not trimmed: they are
// not ASCII, and silently dropping them would hide a problem in the source file.
bool is_ascii_space(char c);

std::string_view trim(std::string_view s);

// Every piece between separators, empty pieces included: split("a,,b", ',') -> {"a", "", "b"};
// split("", ',') -> {""}. The views point into `s`.
std::vector<std::string_view> split(std::string_view s, char separator);

std::string to_lower_ascii(std::string_view s);

// True when `s` is non-empty and every byte is '0'..'9'.
bool is_all_digits(std::string_view s);

bool starts_with_ci(std::string_view s, std::string_view prefix);
bool equals_ci(std::string_view a, std::string_view b);

// join({"a", "b"}, ", ") -> "a, b". Works for any range of things convertible to string_view.
template <typename Range>
std::string join(Range const& parts, std::string_view separator) {
    std::string out;
    bool first = true;
    for (auto const& part : parts) {
        if (!first) out += separator;
        out += std::string_view(part);
        first = false;
    }
    return out;
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. On failure
// and when `bad_offset` is given, stores the offset of the first byte of the first bad sequence.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// Keeps the first `keep_front` and last `keep_back` characters and replaces the rest with '*':
// mask_middle("3671014512870001", 4, 4) -> "3671********0001". Strings too short to hide
// anything are fully masked.
std::string mask_middle(std::string_view s, size_t keep_front, size_t keep_back);

// A piece of user input safe to quote in a message: at most `max_bytes` (cut on a character
// boundary, "…" appended when cut), invalid UTF-8 bytes and control characters replaced by '?'.
std::string excerpt_for_message(std::string_view s, size_t max_bytes = 40);

// FNV-1a, 64-bit, as 16 hex digits: a fast fingerprint for change detection (migration
// checksums, ETags). Not for anything an attacker may choose to collide.
std::string fnv1a64_hex(std::string_view data);

// Lower-case hex of bytes, and base64url without padding (RFC 4648 §5) appended to `out`: the
// same text as libsodium's sodium_bin2hex / sodium_bin2base64(URLSAFE_NO_PADDING), which work
// in constant time, a character at a time, for secrets. What Pilar encodes per row — keyed
// hashes, ciphertexts — is stored in the clear anyway, and libsodium's encoders were a tenth of
// a bulk import's checking (bench/RESULTS.md, issue 5), so these are table-driven.
std::string hex_lower(unsigned char const* data, size_t n);
void append_base64url(std::string& out, unsigned char const* data, size_t n);

}  // namespace pilar
