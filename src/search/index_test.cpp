// The index on its own: each name variant the linkage normaliser knows and each kind of typo
// finds the person; filters narrow; scope hides; a changed or erased person is found only as
// they now are.
#include "search/index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

namespace pilar::search {
namespace {

class IndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        add(1, "Hj. Siti Nurhayati, S.Pd.", 1984, Sex::P, "36.71.01.1001.004.002");
        add(2, "Muhammad Rizki Pratama", 1990, Sex::L, "36.71.01.1001.005.001");
        add(3, "Soeharto Djojohadikoesoemo", 1950, Sex::L, "36.71.02.1002.001.001");
        add(4, "Liem Swie King", 1956, Sex::L, "36.71.03.1003.002.003");
        add(5, "Zainal Abidin", 1975, Sex::L, "36.71.01.1002.001.001");
        add(6, "Siti Aminah", 1987, Sex::P, "36.71.01.1001.004.003");
        add(7, "Budi Santoso", 1990, Sex::L, "36.71.02.1001.003.001");
        add(8, "Dewi Lestari", 1992, Sex::P, "36.71.04.1001.001.001");
        add(9, "Achmad Fauzi bin Abdoel Rachman", 1970, Sex::L, "36.71.05.1001.002.001");
        add(10, "Nur Hayati", 1984, Sex::P, "36.71.06.1001.004.002");
        // Namesakes in numbers, so that rarity matters: many Sitis and Muhammads.
        for (int i = 0; i < 300; ++i) add(100 + i, i % 2 ? "Siti Rahmawati" : "Muhammad Yusuf", 1960 + i % 40, i % 2 ? Sex::P : Sex::L,
                                           "36.71.07.1001.001.001");
    }
    void add(std::int64_t id, std::string const& nama, int year, Sex sex, std::string const& kode) {
        m_names.push_back(nama);
        m_codes.push_back(kode);
        m_index.upsert({.id = id, .nama = m_names.back(), .tahun_lahir = year, .sex = sex, .kode_wilayah = m_codes.back()});
    }
    // The ids found, sorted (the ranking is checked on its own).
    std::vector<std::int64_t> ids(IndexQuery q) {
        std::vector<std::int64_t> out;
        for (auto const& h : m_index.search(q)) out.push_back(h.id);
        std::sort(out.begin(), out.end());
        return out;
    }
    std::int64_t top(std::string_view nama) {
        auto hits = m_index.search({.nama = nama, .limit = 10});
        return hits.empty() ? 0 : hits.front().id;
    }
    PersonIndex m_index;
    std::deque<std::string> m_names, m_codes;
};

TEST_F(IndexTest, FindsTheNameVariantsTheNormaliserKnows) {
    EXPECT_EQ(top("siti nurhayati"), 1);                 // titles removed
    EXPECT_EQ(top("Siti Nur Hayati"), 1);                 // split
    EXPECT_EQ(top("Moch. Rizki Pratama"), 2);             // Muhammad variant
    EXPECT_EQ(top("M. Rizky Pratama"), 2);                // initial + y/i
    EXPECT_EQ(top("Suharto Joyohadikusumo"), 3);          // old spelling oe/dj
    EXPECT_EQ(top("Lim Swie King"), 4);                   // Hokkien spelling
    EXPECT_EQ(top("Jaenal Abidin"), 5);                   // ai/e, z/j
    EXPECT_EQ(top("Ahmad Fauzi"), 9);                     // Achmad, father's name left out
    EXPECT_EQ(top("nurhayati"), 10);                      // joined
}

TEST_F(IndexTest, FindsTyposAndRanksByScore) {
    EXPECT_EQ(top("Budi Santso"), 7);     // a letter dropped
    EXPECT_EQ(top("Budi Santoiso"), 7);   // a letter added
    EXPECT_EQ(top("Dewi Letsari"), 8);    // two letters swapped
    EXPECT_EQ(top("Dewi Lestara"), 8);    // a letter changed
    auto hits = m_index.search({.nama = "Siti Aminah", .limit = 5});
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, 6);
    EXPECT_DOUBLE_EQ(hits[0].score, 1.0);
    for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i].score, hits[i - 1].score);
    EXPECT_LT(hits.back().score, 1.0);  // other Sitis come after, lower
    EXPECT_TRUE(m_index.search({.nama = "Xqzv Wkkp", .limit = 5}).empty());
    EXPECT_TRUE(m_index.search({.nama = "  ", .limit = 5}).empty());
}

TEST_F(IndexTest, FiltersByBirthYearSexAndRegion) {
    EXPECT_EQ(ids({.nama = "Nurhayati", .tahun_lahir = 1984, .limit = 5}), (std::vector<std::int64_t>{1, 10}));
    EXPECT_TRUE(ids({.nama = "Budi Santoso", .tahun_lahir = 1988, .toleransi_tahun = 1, .limit = 5}).empty());
    EXPECT_EQ(ids({.nama = "Budi Santoso", .tahun_lahir = 1988, .toleransi_tahun = 2, .limit = 5}), (std::vector<std::int64_t>{7}));
    EXPECT_TRUE(ids({.nama = "Budi Santoso", .sex = Sex::P, .limit = 5}).empty());
    EXPECT_EQ(ids({.nama = "Nur Hayati", .wilayah = region_range("36.71.06"), .limit = 5}), (std::vector<std::int64_t>{10}));
    EXPECT_EQ(ids({.nama = "Nur Hayati", .wilayah = region_range("36.71.01.1001.004"), .limit = 5}), (std::vector<std::int64_t>{1}));
    auto yusuf = ids({.nama = "Muhammad Yusuf", .tahun_lahir = 1962, .toleransi_tahun = 0, .limit = 50});
    ASSERT_FALSE(yusuf.empty());
    for (auto id : yusuf) EXPECT_EQ((id - 100) % 40, 2) << id;  // born 1960 + i % 40
}

TEST_F(IndexTest, ScopeHidesEveryoneOutsideIt) {
    IndexQuery q{.nama = "Siti", .scope = {*region_range("36.71.01.1001.004")}, .limit = 50};
    auto found = ids(q);
    EXPECT_EQ(found, (std::vector<std::int64_t>{1, 6}));  // no Siti Rahmawati of 36.71.07
    q.scope = {{0, 0}};  // a user without a usable scope
    EXPECT_TRUE(ids(q).empty());
}

TEST_F(IndexTest, ARenameOrErasureIsWhatTheNextSearchSees) {
    add(7, "Bambang Pamungkas", 1990, Sex::L, "36.71.02.1001.003.001");
    EXPECT_NE(top("Budi Santoso"), 7);
    EXPECT_EQ(top("Bambang Pamungkas"), 7);
    m_index.erase(7);
    EXPECT_NE(top("Bambang Pamungkas"), 7);
    EXPECT_FALSE(m_index.contains(7));
    add(11, "Bambang Pamungkas", 1991, Sex::L, "36.71.02.1001.003.001");  // reuses the freed slot
    EXPECT_EQ(top("Bambang Pamungkas"), 11);
}

// A crowd of namesakes, each with a smaller id than the person sought (ties among equal names go
// by id): what the searcher adds besides the name — the exact year, the sex, the kelurahan, the
// birth date — must bring the right one into the first ten, also when the crowd is larger than the
// first stage's rerank set.
class NamesakeTest : public ::testing::Test {
protected:
    static constexpr std::int64_t kOriginal = 9000;
    void SetUp() override {
        for (int i = 0; i < 400; ++i)
            add(1000 + i, "Siti Aminah", i % 2 ? 1983 : 1985, i % 5 ? Sex::P : Sex::L, i % 3 ? "36.71.02.1003.001.001" : "36.71.01.1002.001.001",
                i % 7 ? 1231 : 504);
        for (int i = 0; i < 60; ++i) add(2000 + i, "Siti Aminah", 1984, i % 2 ? Sex::L : Sex::P, "36.71.03.1001.001.001", 1101 + i % 28);
        add(kOriginal, "Siti Aminah", 1984, Sex::P, "36.71.01.1002.003.004", 405);
    }
    void add(std::int64_t id, std::string const& nama, int year, Sex sex, std::string const& kode, int md) {
        m_names.push_back(nama);
        m_codes.push_back(kode);
        m_index.upsert({.id = id, .nama = m_names.back(), .tahun_lahir = year, .bulan_hari = md, .sex = sex, .kode_wilayah = m_codes.back()});
    }
    [[nodiscard]] long rank(IndexQuery q) const {
        auto hits = m_index.search(q);
        for (std::size_t i = 0; i < hits.size(); ++i)
            if (hits[i].id == kOriginal) return static_cast<long>(i) + 1;
        return -1;
    }
    PersonIndex m_index;
    std::deque<std::string> m_names, m_codes;
};

TEST_F(NamesakeTest, TheExactBirthYearRanksFirstWithinTheTolerance) {
    // 400 namesakes born a year either side, all passing the +-1 filter, each with a smaller id.
    IndexQuery q{.nama = "Siti Aminnah", .tahun_lahir = 1984, .toleransi_tahun = 1, .sex = Sex::P, .limit = 10};
    q.wilayah = region_range("36.71.01.1002");
    EXPECT_EQ(rank(q), 1);  // the only one born in 1984 among the women of that kelurahan
    q.wilayah.reset();
    auto hits = m_index.search(q);
    ASSERT_EQ(hits.size(), 10U);
    for (auto const& h : hits) EXPECT_TRUE(h.id >= 2000 && h.id < 2060) << h.id;  // born 1984 first (30 women, smaller ids)
}

TEST_F(NamesakeTest, SexAndKelurahanNarrowTheNamesakes) {
    // 134 namesakes live in her kelurahan, born a year either side; her exact year ranks her first.
    EXPECT_EQ(rank({.nama = "St. Aminah", .tahun_lahir = 1984, .toleransi_tahun = 1, .wilayah = region_range("36.71.01.1002"), .limit = 10}), 1);
    EXPECT_EQ(rank({.nama = "St. Aminah", .wilayah = region_range("36.71.01.1002"), .limit = 10}), -1);  // the name alone cannot
    // Name and year alone: 30 women born in 1984 with smaller ids tie with her (the name cannot
    // tell them apart); the sex and kecamatan the searcher knows can.
    EXPECT_EQ(rank({.nama = "Siti Aminah", .tahun_lahir = 1984, .sex = Sex::P, .wilayah = region_range("36.71.01"), .limit = 10}), 1);
}

TEST_F(NamesakeTest, TheBirthDateRanksTheSameDateThenTheSwappedOne) {
    IndexQuery q{.nama = "SITI AMINAH", .tahun_lahir = 1984, .toleransi_tahun = 1, .tanggal_lahir = "1984-04-05", .limit = 10};
    EXPECT_EQ(rank(q), 1);
    auto hits = m_index.search(q);
    ASSERT_FALSE(hits.empty());
    EXPECT_DOUBLE_EQ(hits[0].score, 1.0);  // the score stays the name's similarity
    // Typed with day and month swapped (05-04 for 04-05): still first, as the swapped date.
    q.tanggal_lahir = "1984-05-04";
    EXPECT_EQ(rank(q), 1);
    // A namesake whose name is written exactly as typed does not outrank her spelling variant
    // when her birth date is the one typed.
    q.nama = "Sitti Aminah";
    q.tanggal_lahir = "1984-04-05";
    EXPECT_EQ(rank(q), 1);
    q.tanggal_lahir = "not a date";  // ignored: the year alone
    EXPECT_NE(rank(q), 1);
}

TEST_F(IndexTest, ALoneMInAQueryIsAnInitialNotOnlyMuhammad) {
    add(11, "Mursid Saputra", 1994, Sex::L, "36.71.02.1001.001.001");
    add(12, "Muhammad Saputra", 1990, Sex::L, "36.71.02.1001.001.002");
    auto hits = m_index.search({.nama = "M. SAPUTRA", .limit = 5});
    ASSERT_GE(hits.size(), 2U);
    EXPECT_EQ(hits[0].score, hits[1].score);  // both M-names score alike for an initial
    EXPECT_EQ(ids({.nama = "M. Saputra", .tahun_lahir = 1994, .limit = 5}), (std::vector<std::int64_t>{11}));
    EXPECT_EQ(top("Moch. Saputra"), 12);  // a written-out variant is still Muhammad
}

// A token held by more people than the "common" threshold, typed alone: a rare key one typo away
// ("Sito") must not make the common exact key look covered already, or the person called just
// "Siti" is never a candidate.
TEST(IndexCommonKeyTest, ACommonTokenAloneIsFoundBesideARareNeighbour) {
    PersonIndex index;
    std::string const many = "Siti Aminah", kode = "36.71.01.1001.001.001";
    for (int i = 0; i < 20100; ++i) index.upsert({.id = 10 + i, .nama = many, .tahun_lahir = 1950 + i % 50, .kode_wilayah = kode});
    index.upsert({.id = 1, .nama = "Sito Wardoyo", .tahun_lahir = 1956, .kode_wilayah = kode});
    index.upsert({.id = 99999, .nama = "Siti", .tahun_lahir = 1956, .kode_wilayah = kode});
    auto hits = index.search({.nama = "dr. Sitti", .tahun_lahir = 1956, .toleransi_tahun = 1, .limit = 10});
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, 99999);
    EXPECT_DOUBLE_EQ(hits[0].score, 1.0);
}

// Misses of the benchmark's tuning seed (bench/search_bench --misses, seed 7), each a case of its own.
class MissTest : public ::testing::Test {
protected:
    void add(std::int64_t id, std::string const& nama, int year) {
        m_names.push_back(nama);
        m_index.upsert({.id = id, .nama = m_names.back(), .tahun_lahir = year, .kode_wilayah = "36.71.01.1001.001.001"});
    }
    [[nodiscard]] long rank(std::int64_t id, std::string_view nama, int year) const {
        auto hits = m_index.search({.nama = nama, .tahun_lahir = year, .toleransi_tahun = 1, .limit = 10});
        for (std::size_t i = 0; i < hits.size(); ++i)
            if (hits[i].id == id) return static_cast<long>(i) + 1;
        return -1;
    }
    PersonIndex m_index;
    std::deque<std::string> m_names;
};

TEST_F(MissTest, ADroppedMiddleNameInTheYearTypedBeatsTheQuerysNameAYearOff) {
    // The query is the full name of twenty people born a year either side (smaller ids); the one
    // sought, born in the year typed, has a middle name the searcher left out.
    for (int i = 0; i < 20; ++i) add(100 + i, "Aditya Permana", i % 2 ? 2000 : 2002);
    add(500, "Aditya Bintang Permana", 2001);
    EXPECT_EQ(rank(500, "ADITYA PERMANA", 2001), 1);
    // Without a year there is nothing to prefer her by: the exact names come first.
    auto hits = m_index.search({.nama = "Aditya Permana", .limit = 30});
    ASSERT_EQ(hits.size(), 21U);
    EXPECT_EQ(hits.back().id, 500);
    EXPECT_DOUBLE_EQ(hits.back().score, 0.8);  // 4 of 5 tokens: the extra middle name earns nothing by its letters
}

TEST_F(MissTest, AnExtraTokenEarnsNothingByChanceLikeness) {
    // Situmorang is 0.83 alike to Simatupang by Jaro-Winkler but another surname: the right
    // surname with a dropped "Br" comes first.
    add(1, "Sondang Situmorang", 1967);
    add(2, "Sondang Br Simatupang", 1967);
    EXPECT_EQ(rank(2, "SONDANG SIMATUPANG", 1967), 1);
    EXPECT_EQ(name_similarity(index_tokens("Sondang Simatupang"), index_tokens("Sondang Situmorang")), 0.5);
    // ... while a typo still scores as one.
    EXPECT_GT(name_similarity(index_tokens("Sondang Simatupnag"), index_tokens("Sondang Simatupang")), 0.95);
}

TEST_F(MissTest, ATypoThePhoneticFoldingMovedIsStillFound) {
    for (int i = 0; i < 30; ++i) add(100 + i, i % 2 ? "Ratna Sulastri" : "Ratna Setyowati", 1996);
    add(7, "Ratna Lestari", 1996);         // "Lestair": key lester, two edits from lestari
    add(8, "Rina Dwi Widayati", 1994);     // "Widayai": key widaje, three edits from widajati
    add(9, "Ade Firmansyah", 1998);        // "Aed": key ed; the token's swap is ade
    add(10, "Umi Nuraini", 1986);          // "Nuarini" against the split nur aini
    add(11, "Rudianto Gunawan", 2001);     // joined and a letter dropped
    EXPECT_EQ(rank(7, "RATNA LESTAIR", 1996), 1);
    EXPECT_EQ(rank(8, "Rina Widayai", 1994), 1);
    EXPECT_EQ(rank(9, "AED FIRMANSYAH", 1998), 1);
    EXPECT_EQ(rank(10, "Umi Nuarini", 1986), 1);
    EXPECT_EQ(rank(11, "Rudiantogunaan", 2001), 1);
}

// Misses of the tuning seeds 1234 and 99 (bench/search_bench --misses), h-search 2026-11-29. In
// each, a dozen people with smaller ids outranked the one sought on the previous index.
TEST_F(MissTest, ALoneHIsAnInitialAsWellAsTheTitleHaji) {
    for (char const* first : {"Agus", "Budi", "Cahya", "Dedi", "Eko", "Fajar", "Gilang", "Indra", "Joko", "Krisna", "Lukman", "Mamat"})
        add(100 + (first[0] - 'A'), std::string(first) + " Gunawan", 1980);
    add(300, "Gunawan", 1980);          // H. read as Haji: the person called just Gunawan
    add(500, "Hendra Gunawan", 1980);   // H. read as the initial of Hendra
    for (int i = 0; i < 12; ++i) add(200 + i, "Siti Hasanah", 1962);
    add(600, "Halimah Hasanah", 1962);
    EXPECT_EQ(rank(300, "H. Gunawan", 1980), 1);
    EXPECT_EQ(rank(500, "H. Gunawan", 1980), 2);
    EXPECT_EQ(rank(500, "H Gunawan", 1980), 2);
    EXPECT_EQ(rank(600, "dr. H. Hasanah", 1962), 1);
    // K.H. (kyai haji) and Hj. are titles only.
    EXPECT_EQ(rank(500, "K.H. Gunawan", 1980), -1);
    EXPECT_EQ(rank(600, "Hj. Hasanah", 1962), -1);
}

TEST_F(MissTest, AnInitialIsNoPhoneticKey) {
    // "E." is not Ai (whose key is e, as ai -> e): Eka comes before the Ai Rahmawatis.
    for (int i = 0; i < 12; ++i) add(100 + i, "Ai Rahmawati", 1981);
    add(500, "Eka Rahmawati", 1981);
    EXPECT_EQ(rank(500, "E. RAHMAWATI", 1981), 1);
    EXPECT_LT(name_similarity(index_tokens("E. Rahmawati"), index_tokens("Ai Rahmawati")), 0.9);
}

TEST_F(MissTest, AnInitialIsNotANameTheQueryWritesInFull) {
    for (int i = 0; i < 12; ++i) add(100 + i, "Kirana Maharani", 2022);
    add(500, "Kirana Khanza Maharani", 2022);
    for (int i = 0; i < 12; ++i) add(200 + i, "Nur Nuraini", 2013);  // nur nur aini
    add(600, "Alya Nuraini", 2013);                                  // alya nur aini
    EXPECT_EQ(rank(500, "KIRANA K. MAHARANI", 2022), 1);
    EXPECT_EQ(rank(600, "A. Nuraini", 2013), 1);
}

TEST_F(MissTest, AJoinedNameIsSplitWhereItsHalvesAreNames) {
    for (int i = 0; i < 12; ++i) add(100 + i, "Robert Sitorus", 2004);
    add(500, "Fatimah Nurlela", 2008);        // the index holds fatimah nur lela: no pair is "fatimahnurlela"
    add(501, "Yati Nurjanah", 1975);          // joined and a typo
    add(502, "Robert Sahala Sianturi", 2004); // joined and reordered
    EXPECT_EQ(rank(500, "Fatimahnurlela", 2008), 1);
    EXPECT_EQ(rank(501, "Yatinurjaanh", 1975), 1);
    EXPECT_EQ(rank(502, "SAHALASIANTURI ROBERT", 2004), 1);
}

// Misses of the tuning seeds 7, 1234 and 99 (bench/search_bench --misses), h-search third pass,
// 2026-11-29. In each, a dozen people with smaller ids outranked the one sought on the previous index.
TEST_F(MissTest, AnInitialMayBeTheOldSpellingsFirstLetter) {
    int i = 0;
    for (char const* first : {"Nia", "Rani", "Wati", "Wiwin", "Enok", "Ai", "Ratna", "Tita", "Ela", "Nani", "Sri", "Ida"}) {
        add(100 + i, std::string(first) + " Rosmiati", 1987);
        add(200 + i++, std::string(first) + " Prasetyo", 1970);
    }
    add(500, "Yuyun Rosmiati", 1987);   // J. as in Joejoen
    add(501, "Joko Prasetyo", 1970);    // D. as in Djoko
    add(502, "Khairul Prasetyo", 1970); // C. as in Chairul
    EXPECT_EQ(rank(500, "J. Rosmiati", 1987), 1);
    EXPECT_EQ(rank(501, "D. Prasetyo", 1970), 1);
    EXPECT_EQ(rank(502, "C. Prasetyo", 1970), 1);
    // T. for Tjoa (cua): close, a little below a T-name today (J. is likelier Joko than Yuyun).
    double const tjoa = name_similarity(index_tokens("T. Hoen Soen"), index_tokens("Tjoa Hoen Soen"));
    EXPECT_GT(tjoa, 0.9);
    EXPECT_LT(tjoa, name_similarity(index_tokens("T. Hoen Soen"), index_tokens("Tan Hoen Soen")));
    EXPECT_EQ(name_similarity(index_tokens("K. Prasetyo"), index_tokens("Joko Prasetyo")), 0.5);  // no other letter fits
}

TEST_F(MissTest, AnOldSpellingTjInsideAWordMayBeTY) {
    for (int i = 0; i < 12; ++i) add(100 + i, "Rafa Hidayat", 2023);
    add(500, "Aditya Rafa Hidayat", 2023);  // Aditja: j was y
    add(501, "Sucipto Hidayat", 1950);      // Soetjipto: tj was c
    EXPECT_EQ(rank(500, "Aditja Rafa Hidayat", 2023), 1);
    EXPECT_EQ(rank(501, "Soetjipto Hidayat", 1950), 1);
}

TEST_F(MissTest, ATypoInAVariantFormIsReadAsTheForm) {
    for (int i = 0; i < 12; ++i) {
        add(100 + i, "Ricky Lie", 1970);
        add(200 + i, "Hansen Lim", 1997);
        add(300 + i, "Zainal Hakim", 2006);
        add(400 + i, "Benny Go", 1973);
    }
    add(500, "Ricky Liem", 1969);   // "Liea": one edit from Liem (lim), two from lim
    add(501, "Hansen Oey", 1997);   // "Ouey": one edit from Oey (oei)
    add(502, "Ahmad Hakim", 2006);  // "Akimad": one edit from Akhmad (ahmad)
    add(503, "Benny Oei", 1973);    // "Oeay" (uay, oe -> u): one edit from Uy (oei)
    EXPECT_EQ(rank(500, "RICKY LIEA", 1969), 1);
    EXPECT_EQ(rank(501, "Hansen Ouey", 1997), 1);
    EXPECT_EQ(rank(502, "Akimad Hakim", 2006), 1);
    EXPECT_EQ(rank(503, "BENNY OEAY", 1973), 1);
    // Not a two-letter token: "Ei" is one letter from Ui (Oei) as from half the short names.
    add(504, "Hendrik Edi", 1980);
    add(505, "Hendrik Oei", 1980);
    EXPECT_EQ(rank(504, "Hendrik Ei", 1980), 1);
    // The letters typed still come first: "Ricky Lie" born that year is 0.97 alike, the corrected
    // reading of Liem 0.95.
    add(600, "Ricky Lie", 1969);
    EXPECT_EQ(rank(600, "RICKY LIEA", 1969), 1);
    EXPECT_EQ(rank(500, "RICKY LIEA", 1969), 2);
}

TEST(IndexNeighbourTest, ATokenThatIsNoKeyBringsInALargeNeighbourBesideARareOne) {
    // "Tatagn": no such key; Tatag (rare) and Tatang (held by more than the "large neighbour"
    // count) are both one edit away. Tatang must be a candidate, not only Tatag.
    PersonIndex index;
    std::string const kode = "36.71.01.1001.001.001";
    for (int i = 0; i < 6000; ++i) index.upsert({.id = 10 + i, .nama = "Tatang", .tahun_lahir = 1900 + i % 50, .kode_wilayah = kode});
    for (int i = 0; i < 20; ++i) index.upsert({.id = 10000 + i, .nama = "Tatag", .tahun_lahir = 1939, .kode_wilayah = kode});
    auto hits = index.search({.nama = "Tatagn", .tahun_lahir = 1939, .toleransi_tahun = 0, .limit = 200});
    EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [](Hit const& h) { return h.id < 10000; }));
    EXPECT_EQ(hits.size(), 140U);  // 120 Tatangs born 1939, 20 Tatags
}

TEST(RegionRangeTest, PadsCodesToSixteenDigits) {
    auto r = region_range("36.71.01");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->contains(region_number("36.71.01.1001.004.002")));
    EXPECT_FALSE(r->contains(region_number("36.71.02.1001")));
    EXPECT_FALSE(region_range("36.7x"));
    EXPECT_FALSE(region_range(""));
}

TEST(NameSimilarityTest, SameLettersJoinedOrSplitAreEqual) {
    EXPECT_DOUBLE_EQ(name_similarity(index_tokens("Nurhayati"), index_tokens("Nur Hayati")), 1.0);
    EXPECT_GT(name_similarity(index_tokens("Budi Santoso"), index_tokens("Budi Santso")), 0.9);
    EXPECT_LT(name_similarity(index_tokens("Budi Santoso"), index_tokens("Dewi Lestari")), 0.6);
}

}  // namespace
}  // namespace pilar::search
