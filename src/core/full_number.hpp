// A full NIK or No. KK typed into free text: 16 digits standing together, plain or in groups split
// by single spaces, dots or dashes ("3671011234560001", "3671 0112 3456 0001", "367101.120590.0001").
// Free text (notes, reasons, descriptions, a ground check's answers) is stored and shown as typed,
// outside the blind index and the masking rules, so a write refuses it there (http/json.hpp's
// refuse_full_numbers, for every JSON body) and migration 0023 masks it in old ground-check answers.
//
//   find_full_number("KK 3671 0112 3456 0001 hilang")  // the span of "3671 0112 3456 0001"
//   mask_full_numbers("NIK 3671011234560001")          // "NIK 3671********0001"
//
// Hand-written: a regular expression cannot say "groups joined by one and the same separator whose
// digits add up to exactly 16, starting and ending at a group's edge" without listing every split.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pilar {

struct TextSpan {
    std::size_t begin = 0;  // the first digit
    std::size_t end = 0;    // past the last digit
};

// The first full number in `text`. Groups joined by one separator, the same throughout (so a date
// range "2026-11-30 2026-12-01" is not one), count when a run of whole groups holds exactly 16
// digits; a longer plain run of digits does not (it is no NIK). An RT code (36.71.01.1001.004.012,
// 16 digits in groups 2.2.2.4.3.3) is a region, not a number.
std::optional<TextSpan> find_full_number(std::string_view text);

// The fields that are not free text by design, at any depth of a JSON body: the identity numbers
// (nik, no_kk), passwords, and uid (a client-made UUID: 1 in about 2,000 has its first three groups
// all digits, 8+4+4 of them). Everything else a client writes as text is free text.
bool holds_number_by_design(std::string_view key);

// `text` with every full number's digits but its first 4 and last 4 replaced by '*' (separators kept).
std::string mask_full_numbers(std::string_view text);

}  // namespace pilar
