// The door-prize draw: who wins, from a seed and the eligible list, reproducibly on any machine.
//
//   auto w = draw_winners("42-Tangerang", {3, 7, 9, 12}, 2);   // e.g. {9, 3}; same inputs, same output
//
// The algorithm (version "pilar-undian-v1"), so anyone can re-run a draw without Pilar:
//   1. key = BLAKE2b-256 (unkeyed, libsodium crypto_generichash, Python
//      hashlib.blake2b(digest_size=32)) of the bytes "pilar-undian-v1" 0x00 followed by the
//      seed's UTF-8 bytes;
//   2. the random stream is ChaCha20 (IETF variant, RFC 8439: 96-bit nonce of zeros, block
//      counter from 0) keystream under that key, read as consecutive little-endian unsigned
//      64-bit integers;
//   3. uniform(m) for m >= 1: take the next integer x; if x >= 2^64 - (2^64 mod m) take another
//      (rejection, so there is no modulo bias); answer x mod m;
//   4. the eligible participant ids sorted ascending (duplicates removed) are shuffled by a partial
//      Fisher–Yates: for i = 0 .. k-1: j = i + uniform(n - i); swap(list[i], list[j]); the winners
//      are list[0 .. k-1] in that order (k = min(count, n)).
// Nobody can be drawn twice within a draw (a shuffle picks each position once); across draws of
// one event the service removes earlier winners from the eligible list, and the database refuses
// a second win (UNIQUE (acara_id, peserta_id)).
//
// calon_digest() is what a draw records about its list: hex BLAKE2b-256 of the ids as decimal text
// joined by ',' (e.g. "3,7,9,12"), so a re-run can show it used the same list.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pilar::events {

std::vector<std::int64_t> draw_winners(std::string_view seed, std::vector<std::int64_t> eligible, std::size_t count);
std::string calon_digest(std::vector<std::int64_t> const& sorted_ids);

}  // namespace pilar::events
