// Blocking: which pairs of people are compared at all. Every person gets a few keys; two people
// sharing any key become a candidate pair. The keys are chosen so that each catches duplicates
// the others miss, while each block stays small:
//
//   nik               the NIK
//   nik_awal          NIK region + embedded birth date (first 12 digits): catches serial typos
//   nama_tanggal      one name token's phonetic key + birth year + {day, month} as a set
//                     (a day/month swap keeps the key)
//   kelurahan_tanggal kelurahan + full birth date (name written differently)
//   nama_kelurahan    the whole name's phonetic keys + kelurahan (birth date wrong)
//   nama_kel_tahun    one name token + kelurahan + birth year (day or month wrong)
//   nama_kel_hari     one name token + kelurahan + day and month (year wrong)
//
// A block larger than max_block is capped: instead of all n(n-1)/2 pairs, its members are sorted
// by name and birth date and each is paired with the next `window` members only, and the block is
// reported. 100,000 identical records thus cost 100,000 x window pairs, not 5 billion.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "linkage/person.hpp"

namespace pilar::linkage {

enum class BlockKey : std::uint8_t { Nik, NikAwal, NamaTanggal, KelurahanTanggal, NamaKelurahan, NamaKelTahun, NamaKelHari };
inline constexpr int kBlockKeyCount = 7;
std::string_view block_key_name(BlockKey key);

struct BlockingOptions {
    size_t max_block = 100;
    size_t window = 6;
    // A name token held by more than this share of people is too common to block on alone
    // (Muhammad, Siti, Nur).
    double common_token_share = 0.02;
    unsigned threads = 1;
};

struct CappedBlock {
    BlockKey key = BlockKey::Nik;
    size_t size = 0;
    std::uint32_t example = 0;  // one member, to describe the block in the report
};

struct BlockingResult {
    // Candidate pairs (a << 32 | b, a < b), sorted, each once.
    std::vector<std::uint64_t> pairs;
    std::vector<CappedBlock> capped;  // largest first
    std::array<std::uint64_t, kBlockKeyCount> pairs_by_key{};  // before removing repeats
};

BlockingResult block(PersonTable const& people, BlockingOptions const& options);

// Sorts and removes repeats, on `threads` threads.
void sort_unique(std::vector<std::uint64_t>& values, unsigned threads);

// Runs fn(begin, end) over [0, n) split in `threads` contiguous parts, one thread each.
void parallel_for(size_t n, unsigned threads, std::function<void(size_t begin, size_t end, unsigned part)> const& fn);

}  // namespace pilar::linkage
