// Blocking: which pairs of people are compared at all. Every person gets a few keys; two people
// sharing any key become a candidate pair. The keys are chosen so that each catches duplicates
// the others miss, while each block stays small:
//
//   nik                  the NIK
//   nik_awal             NIK region + embedded birth date (first 12 digits): catches serial typos
//   nama_tanggal         one name token's phonetic key + birth year + {day, month} as a set
//                        (a day/month swap keeps the key)
//   kelurahan_tanggal    kelurahan + full birth date (name written differently)
//   nama_kelurahan       the whole name's phonetic keys + kelurahan (birth date wrong)
//   nama_kel_tahun       one name token + kelurahan + birth year (day or month wrong)
//   nama_kel_hari        one name token + kelurahan + day and month (year wrong)
//   nama_lengkap_tanggal the whole name + birth year + {day, month}; only in a populous input (below)
//
// Keys over a fixed space (a kelurahan's birth dates, a kecamatan's NIKs, a city's name tokens)
// make blocks that grow with the population behind them, and all-pairs inside a block grows with
// its square: 10 M people in one synthetic Kota Tangerang made 95 times the pairs of 1 M. So a key
// is made finer where that population is large, whatever the input's size:
//   - in a kelurahan of more than refine_kelurahan rows the kelurahan keys use the RW instead;
//   - where more than refine_kecamatan rows carry one NIK kecamatan, nik_awal adds kelurahan and RW;
//   - in an input of more than refine_city rows nama_tanggal adds the kecamatan, and
//     nama_lengkap_tanggal finds the people who moved across kecamatan under their whole name.
// The defaults lie above Kota Tangerang's real populations (about 18,000 a kelurahan, 146,000 a
// kecamatan, 1.9 M in all), so a real city of that size is blocked as before.
//
// A block still larger than sub_block (a local hot spot: a default birth date, a junk NIK) is
// split by its key's companion — the RW for the kelurahan keys, kelurahan and RW for nik_awal, the
// kelurahan for nama_tanggal; nik and nama_lengkap_tanggal have none. Rows without the companion
// form one sub-block of their own, and across sub-blocks people whose whole names sound the same
// are still paired (unless more than sub_block share the name: namesakes, not one person moved).
//
// A block (or sub-block) larger than max_block is capped: instead of all n(n-1)/2 pairs, its
// members are sorted by name and birth date and each is paired with the next `window` members
// only, and the block is reported. 100,000 identical records thus cost 100,000 x window pairs,
// not 5 billion.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "linkage/person.hpp"

namespace pilar::linkage {

enum class BlockKey : std::uint8_t {
    Nik,
    NikAwal,
    NamaTanggal,
    KelurahanTanggal,
    NamaKelurahan,
    NamaKelTahun,
    NamaKelHari,
    NamaLengkapTanggal,
};
inline constexpr int kBlockKeyCount = 8;  // at most 8: the key type is tagged in 3 bits
std::string_view block_key_name(BlockKey key);

struct BlockingOptions {
    // Populations above which keys are made finer (see above): rows in a kelurahan, rows whose
    // NIK names one kecamatan, rows in the whole input.
    size_t refine_kelurahan = 30'000;
    size_t refine_kecamatan = 300'000;
    size_t refine_city = 3'000'000;
    // Blocks larger than this are split by their key's companion (see above).
    size_t sub_block = 30;
    size_t max_block = 100;
    size_t window = 6;
    // A name token held by more than this share of people is too common to block on alone
    // (Muhammad, Siti, Nur).
    double common_token_share = 0.02;
    unsigned threads = 1;
};

struct CappedBlock {
    BlockKey key = BlockKey::Nik;
    size_t size = 0;            // rows windowed (of the sub-block, when the block was split first)
    std::uint32_t example = 0;  // one member, to describe the block in the report
};

struct BlockingResult {
    // Candidate pairs (a << 32 | b, a < b), sorted, each once.
    std::vector<std::uint64_t> pairs;
    std::vector<CappedBlock> capped;  // largest first
    std::array<std::uint64_t, kBlockKeyCount> pairs_by_key{};  // before removing repeats
    std::array<std::uint64_t, kBlockKeyCount> split_by_key{};  // blocks split by their companion
};

BlockingResult block(PersonTable const& people, BlockingOptions const& options);

// The keys each person is filed under, each as (key, tagged hash): people who share one share a
// block. block() files people by these; bench/link_blocks and the tests ask for one person's.
class BlockKeys {
public:
    // Counts the rows of every kelurahan and NIK kecamatan (the populations behind the keys).
    BlockKeys(PersonTable const& people, BlockingOptions const& options);
    [[nodiscard]] std::vector<std::pair<BlockKey, std::uint64_t>> of(std::uint32_t person) const;

private:
    friend BlockingResult block(PersonTable const& people, BlockingOptions const& options);
    // Calls add(key, untagged hash) for every key of the person (defined in blocking.cpp).
    template <class Add>
    void for_each(std::uint32_t person, Add&& add) const;

    PersonTable const& m_people;
    BlockingOptions m_options;
    std::uint32_t m_common_limit;
    bool m_refine_city;
    std::unordered_map<std::uint64_t, std::uint32_t> m_kelurahan_rows;
    std::unordered_map<std::uint64_t, std::uint32_t> m_kecamatan_rows;  // by the NIK's first 6 digits
};

// Sorts and removes repeats, on `threads` threads.
void sort_unique(std::vector<std::uint64_t>& values, unsigned threads);

// Runs fn(begin, end) over [0, n) split in `threads` contiguous parts, one thread each.
void parallel_for(size_t n, unsigned threads, std::function<void(size_t begin, size_t end, unsigned part)> const& fn);

}  // namespace pilar::linkage
