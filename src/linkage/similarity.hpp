// String similarity measures for names and addresses: Jaro-Winkler (good for short tokens whose
// start is reliable) and Damerau-Levenshtein in its optimal-string-alignment form (counts one
// adjacent transposition as one edit: "Rahmat" / "Rhamat").
//
//   jaro_winkler("zainal", "zaenal");            // 0.91
//   damerau_levenshtein("rahmat", "rhamat", 2);  // 1
//
// Written by hand (a few dozen lines): Debian 12 packages no C++ string-metric library. Inputs are
// bytes (normalised names are ASCII); anything past kMaxSimilarityBytes is ignored.
#pragma once

#include <string_view>

namespace pilar::linkage {

inline constexpr size_t kMaxSimilarityBytes = 128;

// 0 (nothing in common) .. 1 (equal). Winkler's prefix bonus (up to 4 characters, factor 0.1)
// applies above a Jaro similarity of 0.7. Two empty strings are equal (1).
double jaro_winkler(std::string_view a, std::string_view b);

// Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
// characters; stops early and returns max_distance + 1 once the distance must exceed max_distance.
int damerau_levenshtein(std::string_view a, std::string_view b, int max_distance);

}  // namespace pilar::linkage
