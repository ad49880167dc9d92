// Indonesian name normalisation and a phonetic key, the ground every name comparison stands on.
//
// One person's name is written many ways in Indonesian records: with or without titles (H., Hj.,
// Drs., S.Pd. ...), "bin/binti <father>", the many spellings of Muhammad (Moch., Moh., Muh., M.),
// Abdul/Abd., Siti/St., Achmad/Ahmad, the old (pre-1972) spelling (Soeharto, Djoko, Tjahjono),
// Hokkien surnames in several romanisations (Liem/Lim, Oei/Oey, Tjoa/Chua), and tokens joined or
// split (Nurhayati / Nur Hayati). normalise_name() maps all of these to one canonical token list;
// phonetic_key() then merges what is only a spelling variant (ai/e, f/p/v, z/j/y, kh/k, sy/s,
// dropped h, doubled letters), so that Zainal, Zaenal and Jaenal share a key.
//
//   auto n = normalise_name("H. Moch. Soeharto bin Abdoel Rachman, S.Pd.");
//   n.tokens;   // {"muhammad", "suharto"}
//   n.father;   // {"abdul", "rakhman"}
//   phonetic_key("zainal") == phonetic_key("jaenal");   // "jenal"
//
// Everything is table-driven (name.cpp) and byte-oriented: ASCII letters are folded to lower
// case, Latin-1 accented letters (é, ü ...) to their base letter, everything else is a separator.
// Input longer than kMaxNameBytes is cut there: a 10,000-character "name" is bad data, not a
// reason to spend time.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pilar::linkage {

inline constexpr size_t kMaxNameBytes = 200;

struct NormalisedName {
    // The person's own name: canonical tokens, titles removed, in the order written.
    std::vector<std::string> tokens;
    // What followed "bin"/"binti" (the father's name), normalised the same way; empty when none.
    std::vector<std::string> father;
};

NormalisedName normalise_name(std::string_view raw);

// The spelling rules for one lower-case ASCII token (no titles, no splitting): variant tables
// (Muhammad, Ahmad, Siti, Hokkien surnames ...) and old spelling (oe, dj, tj, sj, nj, ch).
std::string canonical_token(std::string_view lower_token);

// Every whole-token variant form the spelling rules know (Moch., Liem, Oey, Tjoa ...) with its
// canonical token, the canonical ones included, in no particular order. For a fuzzy search that
// must find a typo in a short variant form ("Ouey" for Oey, "Liea" for Liem): the form is one edit
// away where the canonical token is not. Reading it changes no normalisation.
std::vector<std::pair<std::string_view, std::string_view>> const& variant_forms();

// The Indonesian phonetic key of one normalised token.
std::string phonetic_key(std::string_view normalised_token);

// Lower case, letters and digits only, single spaces; common abbreviations unified ("jl", "gg",
// "no", "kp", "perum", "blok"). For addresses and birthplaces.
std::string normalise_text(std::string_view raw, size_t max_bytes = kMaxNameBytes);

// Birthplace: normalise_text() plus the usual prefixes dropped ("kota", "kab", "kabupaten") and
// old spelling applied ("Djakarta" -> "jakarta").
std::string normalise_place(std::string_view raw);

}  // namespace pilar::linkage
