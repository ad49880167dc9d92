// Blocking: where the population behind a key is large its keys are made finer (the RW in a
// populous kelurahan ...); a block that is still large is split by its companion; small blocks keep
// every pair; what is still too big is capped and reported.
#include "linkage/blocking.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace pilar::linkage {
namespace {

// A one-token name no one else in these tests shares, not even a token of it: i's digits spelled
// as syllables (names drop digits).
std::string unique_name(int i) {
    static constexpr std::string_view kSyllables[] = {"ba", "ka", "ra", "sa", "ta", "la", "ma", "na", "wa", "ga"};
    std::string name = "Du";
    for (int k = 0, v = i; k < 3; ++k, v /= 10) name += kSyllables[v % 10];
    return name;
}

struct Row {
    std::string nama, tanggal, rw, kode;
};

PersonTable table_of(std::vector<Row> const& rows) {
    PersonTable people;
    for (auto const& r : rows) people.add({.nama = r.nama, .tanggal_lahir = r.tanggal, .rw = r.rw, .kode_wilayah = r.kode});
    people.finish();
    return people;
}

bool candidate(BlockingResult const& r, std::uint32_t a, std::uint32_t b) {
    return std::binary_search(r.pairs.begin(), r.pairs.end(), std::uint64_t{std::min(a, b)} << 32 | std::max(a, b));
}

constexpr auto kKelTanggal = static_cast<size_t>(BlockKey::KelurahanTanggal);

TEST(Blocking, APopulousKelurahanIsBlockedByRw) {
    // 200 people of one kelurahan born on one day, 20 in each of 10 RWs, in a kelurahan of more
    // rows than refine_kelurahan: its kelurahan keys hold the RW.
    std::vector<Row> rows;
    for (int i = 0; i < 200; ++i) rows.push_back({unique_name(i), "1990-05-17", std::to_string(1 + i % 10), "36.71.01.1001"});
    PersonTable const people = table_of(rows);
    BlockingResult const r = block(people, {.refine_kelurahan = 199, .sub_block = 1000, .max_block = 1000});
    EXPECT_EQ(r.split_by_key[kKelTanggal], 0u);
    EXPECT_EQ(r.pairs_by_key[kKelTanggal], 10u * 190u);  // not 200 x 199 / 2 = 19,900
    EXPECT_TRUE(candidate(r, 0, 10));                     // same RW
    EXPECT_FALSE(candidate(r, 0, 1));                     // neighbouring RWs, nothing else in common
    // One row fewer than the threshold and the kelurahan is one block again.
    BlockingResult const whole = block(people, {.refine_kelurahan = 200, .sub_block = 1000, .max_block = 1000});
    EXPECT_EQ(whole.pairs_by_key[kKelTanggal], 200u * 199u / 2);
}

TEST(Blocking, APopulousNikKecamatanAddsKelurahanAndRwToNikAwal) {
    // 40 people whose NIKs share region and birth date (first 12 digits), in two RWs.
    PersonTable people;
    for (int i = 0; i < 40; ++i)
        people.add({.nik = "367101170590" + std::to_string(1000 + i), .nama = unique_name(i), .rw = i < 20 ? "1" : "2",
                    .kode_wilayah = "36.71.01.1001"});
    people.finish();
    constexpr auto kNikAwal = static_cast<size_t>(BlockKey::NikAwal);
    EXPECT_EQ(block(people, {.sub_block = 1000}).pairs_by_key[kNikAwal], 40u * 39u / 2);
    EXPECT_EQ(block(people, {.refine_kecamatan = 39, .sub_block = 1000}).pairs_by_key[kNikAwal], 2u * 190u);
}

TEST(Blocking, APopulousInputAddsTheKecamatanToNamaTanggalAndBlocksWholeNames) {
    // One name token and birth date in two kecamatan; two of them share the whole name too.
    std::vector<Row> rows;
    for (int i = 0; i < 20; ++i)
        rows.push_back({"Sugeng " + unique_name(i), "1970-03-04", "1", i < 10 ? "36.71.01.1001" : "36.71.02.1001"});
    rows[19].nama = rows[0].nama;  // moved to the other kecamatan
    PersonTable const people = table_of(rows);
    constexpr auto kNamaTanggal = static_cast<size_t>(BlockKey::NamaTanggal);
    constexpr auto kWhole = static_cast<size_t>(BlockKey::NamaLengkapTanggal);
    BlockingResult const small = block(people, {.sub_block = 1000});
    EXPECT_EQ(small.pairs_by_key[kNamaTanggal], 20u * 19u / 2 + 1);  // Sugeng, and the shared second token
    EXPECT_EQ(small.pairs_by_key[kWhole], 0u);
    BlockingResult const large = block(people, {.refine_city = 19, .sub_block = 1000});
    EXPECT_EQ(large.pairs_by_key[kNamaTanggal], 2u * 45u);  // Sugeng in each kecamatan
    EXPECT_EQ(large.pairs_by_key[kWhole], 1u);
    EXPECT_TRUE(candidate(large, 0, 19));
}

TEST(Blocking, AHotSpotBlockIsSplitByRw) {
    // 200 people of one kelurahan born on one day, 20 in each of 10 RWs: a block of 200 in a
    // kelurahan too small to be refined.
    std::vector<Row> rows;
    for (int i = 0; i < 200; ++i) rows.push_back({unique_name(i), "1990-05-17", std::to_string(1 + i % 10), "36.71.01.1001"});
    PersonTable const people = table_of(rows);
    BlockingResult const r = block(people, {.sub_block = 30, .max_block = 100});
    EXPECT_EQ(r.split_by_key[kKelTanggal], 1u);
    // 10 sub-blocks of 20 with all their pairs: 10 x 190, not 200 x 199 / 2 = 19,900.
    EXPECT_EQ(r.pairs_by_key[kKelTanggal], 10u * 190u);
    EXPECT_TRUE(candidate(r, 0, 10));   // same RW
    EXPECT_FALSE(candidate(r, 0, 1));   // neighbouring RWs, nothing else in common
    EXPECT_TRUE(r.capped.empty());      // nothing was cut short
}

TEST(Blocking, ASmallBlockKeepsEveryPairAcrossRws) {
    std::vector<Row> rows;
    for (int i = 0; i < 20; ++i) rows.push_back({unique_name(i), "1990-05-17", std::to_string(1 + i % 2), "36.71.01.1001"});
    BlockingResult const r = block(table_of(rows), {.sub_block = 30, .max_block = 100});
    EXPECT_EQ(r.split_by_key[kKelTanggal], 0u);
    EXPECT_EQ(r.pairs_by_key[kKelTanggal], 190u);
    EXPECT_TRUE(candidate(r, 0, 1));
}

TEST(Blocking, RowsWithoutTheCompanionFormTheirOwnSubBlock) {
    // 40 in RW 3 and 40 with no RW at all.
    std::vector<Row> rows;
    for (int i = 0; i < 80; ++i) rows.push_back({unique_name(i), "1990-05-17", i < 40 ? "3" : "", "36.71.01.1001"});
    BlockingResult const r = block(table_of(rows), {.sub_block = 30, .max_block = 100});
    EXPECT_EQ(r.pairs_by_key[kKelTanggal], 2u * 780u);
    EXPECT_TRUE(candidate(r, 40, 79));
    EXPECT_FALSE(candidate(r, 0, 79));
}

TEST(Blocking, ASplitBlockStillPairsOneNameAcrossRws) {
    // A block of 40 split by RW; the last person has the first one's name but another RW (moved
    // within the kelurahan) and still meets them.
    std::vector<Row> rows;
    for (int i = 0; i < 40; ++i) rows.push_back({unique_name(i), "1990-05-17", std::to_string(1 + i % 4), "36.71.01.1001"});
    rows[39].nama = rows[0].nama;
    BlockingResult const r = block(table_of(rows), {.sub_block = 30, .max_block = 100});
    EXPECT_EQ(r.split_by_key[kKelTanggal], 1u);
    // 4 RWs of 10 with all their pairs, and the one across RWs (nama_kelurahan would find it too).
    EXPECT_EQ(r.pairs_by_key[kKelTanggal], 4u * 45u + 1u);
    EXPECT_TRUE(candidate(r, 0, 39));
    EXPECT_FALSE(candidate(r, 1, 39));
}

TEST(Blocking, ASubBlockStillTooLargeIsCappedAndReported) {
    // 300 people of one RW born on one day: split by RW leaves one sub-block of 300 > 100.
    std::vector<Row> rows;
    for (int i = 0; i < 300; ++i) rows.push_back({unique_name(i), "1990-05-17", "7", "36.71.01.1001"});
    BlockingResult const r = block(table_of(rows), {.sub_block = 30, .max_block = 100, .window = 4});
    EXPECT_EQ(r.split_by_key[kKelTanggal], 1u);
    ASSERT_EQ(r.capped.size(), 1u);
    EXPECT_EQ(r.capped[0].key, BlockKey::KelurahanTanggal);
    EXPECT_EQ(r.capped[0].size, 300u);
    // Windowed: each row with its next 4 neighbours at most.
    EXPECT_LE(r.pairs_by_key[kKelTanggal], 300u * 4u);
}

TEST(Blocking, BlockKeysNameTheKeysAPersonIsFiledUnder) {
    PersonTable people;
    people.add({.nik = "3671014512870001", .nama = "Siti Aminah", .jenis_kelamin = "P", .tanggal_lahir = "1987-12-05",
                .rw = "4", .kode_wilayah = "36.71.01.1001"});
    people.finish();
    std::vector<BlockKey> keys;
    for (auto const& [k, h] : BlockKeys(people, {}).of(0)) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<BlockKey>{BlockKey::Nik, BlockKey::NikAwal, BlockKey::KelurahanTanggal, BlockKey::NamaKelurahan,
                                           BlockKey::NamaTanggal, BlockKey::NamaKelTahun, BlockKey::NamaKelHari,
                                           BlockKey::NamaTanggal, BlockKey::NamaKelTahun, BlockKey::NamaKelHari}));
}

}  // namespace
}  // namespace pilar::linkage
