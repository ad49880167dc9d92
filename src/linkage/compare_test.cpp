// Comparators: string measures against published values, and each field's levels on the cases
// the issue names (dropped, reordered, initial-only tokens; NIK typos; swapped dates ...).
#include "linkage/compare.hpp"

#include <gtest/gtest.h>

#include "linkage/similarity.hpp"

namespace pilar::linkage {
namespace {

TEST(JaroWinkler, PublishedValues) {
    // Winkler (1990) / the usual textbook examples.
    EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.961, 0.001);
    EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.840, 0.001);
    EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.813, 0.001);
    EXPECT_EQ(jaro_winkler("budi", "budi"), 1.0);
    EXPECT_EQ(jaro_winkler("", ""), 1.0);
    EXPECT_EQ(jaro_winkler("abc", ""), 0.0);
    EXPECT_EQ(jaro_winkler("abc", "xyz"), 0.0);
    EXPECT_GT(jaro_winkler("zainal", "zaenal"), 0.9);
    EXPECT_LT(jaro_winkler("rina", "dewi"), 0.6);
}

TEST(DamerauLevenshtein, EditsAndTranspositions) {
    EXPECT_EQ(damerau_levenshtein("rahmat", "rhamat", 3), 1);
    EXPECT_EQ(damerau_levenshtein("budi", "budi", 3), 0);
    EXPECT_EQ(damerau_levenshtein("budi", "bidu", 3), 2);
    EXPECT_EQ(damerau_levenshtein("kitten", "sitting", 5), 3);
    EXPECT_EQ(damerau_levenshtein("", "abc", 5), 3);
    // Stops early: anything beyond the limit is limit + 1.
    EXPECT_EQ(damerau_levenshtein("abcdefgh", "zyxwvuts", 2), 3);
    EXPECT_EQ(damerau_levenshtein("a", "abcdef", 2), 3);
}

// Two people built from text, compared.
struct Pair {
    PersonTable people;
    Pair(PersonInput a, PersonInput b) {
        people.add(a);
        people.add(b);
        people.finish();
    }
    Pattern g() const { return compare(people, 0, 1); }
    int lvl(Field f) const { return level(g(), f); }
};

int name_level(std::string_view a, std::string_view b) {
    return Pair({.nama = a}, {.nama = b}).lvl(Field::Nama);
}

TEST(CompareNames, Levels) {
    EXPECT_EQ(name_level("Siti Aminah", "SITI AMINAH"), NameExact);
    EXPECT_EQ(name_level("Hj. Siti Aminah, S.Pd.", "Siti Aminah"), NameExact);
    EXPECT_EQ(name_level("Aminah Siti", "Siti Aminah"), NameExact);             // reordered
    EXPECT_EQ(name_level("Nurhayati", "Nur Hayati"), NameExact);                // joined / split
    EXPECT_EQ(name_level("Dewisartika", "Dewi Sartika"), NameExact);            // any join
    EXPECT_EQ(name_level("Moch. Soeharto", "Muhammad Suharto"), NameExact);
    EXPECT_EQ(name_level("Zainal Arifin", "Zaenal Arifin"), NamePhonetic);
    EXPECT_EQ(name_level("Jaenal Aripin", "Zainal Arifin"), NamePhonetic);
    EXPECT_EQ(name_level("Fitriyani", "Fitriani"), NamePhonetic);
    EXPECT_EQ(name_level("Budi Santoso", "Budi Santosa"), NameSimilar);          // typo
    EXPECT_EQ(name_level("Budi Santoso", "Budi Snatoso"), NameSimilar);          // transposition
    EXPECT_EQ(name_level("A. Rahman Hakim", "Abdul Rahman Hakim"), NameSimilar);  // initial only
    EXPECT_EQ(name_level("Budi Santoso", "B. Santoso"), NameSimilar);
    EXPECT_EQ(name_level("Siti Aminah Lestari", "Aminah"), NameSubset);          // dropped tokens
    EXPECT_EQ(name_level("Siti Aminah Lestari", "Siti Lestari"), NameSubset);
    EXPECT_EQ(name_level("Rizki Ramadhan", "Fajar Ramadhan"), NamePartial);      // siblings
    EXPECT_EQ(name_level("Budi Santoso", "Agus Salim"), NameDifferent);
    EXPECT_EQ(name_level("", "Agus Salim"), NameMissing);
}

TEST(CompareNames, FatherAfterBin) {
    Pair same({.nama = "Ahmad bin Abdullah"}, {.nama = "Ahmad bin Abdulloh"});
    EXPECT_EQ(same.lvl(Field::Nama), NameExact);
    EXPECT_EQ(same.lvl(Field::Ayah), FatherAgree);
    Pair other({.nama = "Ahmad bin Abdullah"}, {.nama = "Ahmad bin Yusuf"});
    EXPECT_EQ(other.lvl(Field::Ayah), FatherDifferent);
    Pair one_side({.nama = "Ahmad bin Abdullah"}, {.nama = "Ahmad"});
    EXPECT_EQ(one_side.lvl(Field::Nama), NameExact);
    EXPECT_EQ(one_side.lvl(Field::Ayah), FatherMissing);
}

int nik_level(PersonInput a, PersonInput b) { return Pair(a, b).lvl(Field::Nik); }

TEST(CompareNik, Levels) {
    PersonInput const head{.nik = "3671052606800001", .jenis_kelamin = "L", .tanggal_lahir = "1980-06-26"};
    EXPECT_EQ(nik_level(head, head), NikExact);
    EXPECT_EQ(nik_level(head, {.nik = "3671052806800001"}), NikTypo);  // one digit off
    EXPECT_EQ(nik_level(head, {.nik = "3671052606080001"}), NikTypo);  // neighbours swapped
    EXPECT_EQ(nik_level(head, {.nik = "3671052606800007"}), NikOtherSerial);  // a twin, or a typo
    EXPECT_EQ(nik_level(head, {.nik = "3671052606800099"}), NikOtherSerial);
    EXPECT_EQ(nik_level(head, {.nik = "3671052806800099"}), NikDifferent);
    EXPECT_EQ(nik_level(head, {.nik = "3604011203950002"}), NikDifferent);
    EXPECT_EQ(nik_level(head, {.nik = ""}), NikMissing);
    EXPECT_EQ(nik_level(head, {.nik = "12345"}), NikMissing);  // not a NIK: missing, counted as bad input
    // The wife entered with her husband's NIK: its embedded date and sex are not hers.
    PersonInput const wife{.nik = "3671052606800001", .jenis_kelamin = "P", .tanggal_lahir = "1984-07-21"};
    EXPECT_EQ(nik_level(head, wife), NikExactOtherPerson);
    // His own duplicate with the day typed one off: the NIK no longer fits that row's date, but
    // the two rows' dates are close, so it is his NIK.
    EXPECT_EQ(nik_level(head, {.nik = "3671052606800001", .jenis_kelamin = "L", .tanggal_lahir = "1980-06-25"}), NikExact);
}

TEST(CompareNik, ARegionDigitThatBothRowsRegionsExplainIsNoTypo) {
    // Two people born the same day with the same serial, each holding the NIK of the kecamatan
    // they live in (36.71.02 and 36.71.03): their NIKs differ in one region digit.
    PersonInput const a{.nik = "3671021710800002", .tanggal_lahir = "1980-10-17", .kode_wilayah = "36.71.02.1006"};
    PersonInput const b{.nik = "3671031710800002", .tanggal_lahir = "1980-10-17", .kode_wilayah = "36.71.03.1006"};
    EXPECT_EQ(nik_level(a, b), NikDifferent);
    // The same digit off while one row lives elsewhere than its NIK says: a typo.
    PersonInput const moved{.nik = "3671031710800002", .tanggal_lahir = "1980-10-17", .kode_wilayah = "36.71.09.1001"};
    EXPECT_EQ(nik_level(a, moved), NikTypo);
    // Either region unknown: still a typo.
    EXPECT_EQ(nik_level(a, {.nik = "3671031710800002", .tanggal_lahir = "1980-10-17"}), NikTypo);
    // A typo outside the region digits stays one whatever the regions.
    EXPECT_EQ(nik_level(a, {.nik = "3671021710800003", .tanggal_lahir = "1980-10-17", .kode_wilayah = "36.71.02.1006"}),
              NikOtherSerial);
    EXPECT_EQ(nik_level(a, {.nik = "3671021810800002", .tanggal_lahir = "1980-10-17", .kode_wilayah = "36.71.03.1006"}), NikTypo);
}

int date_level(std::string_view a, std::string_view b) {
    return Pair({.tanggal_lahir = a}, {.tanggal_lahir = b}).lvl(Field::TanggalLahir);
}

TEST(CompareDates, Levels) {
    EXPECT_EQ(date_level("1987-12-05", "1987-12-05"), DateExact);
    EXPECT_EQ(date_level("1987-01-01", "1987-01-01"), DateExactDefault);
    EXPECT_EQ(date_level("1987-12-31", "1987-12-31"), DateExactDefault);
    EXPECT_EQ(date_level("1987-12-05", "1987-05-12"), DateNear);  // day and month swapped
    EXPECT_EQ(date_level("1987-12-05", "1987-12-06"), DateNear);  // a day off
    EXPECT_EQ(date_level("1987-12-05", "1987-12-15"), DateNear);  // one digit
    EXPECT_EQ(date_level("1987-12-05", "1988-12-05"), DateYearOff);
    EXPECT_EQ(date_level("1987-12-05", "1978-12-05"), DateYearOff);  // year digits swapped
    EXPECT_EQ(date_level("1987-12-05", "1987-01-01"), DateSameYearDefault);
    EXPECT_EQ(date_level("1987-12-05", "1962-03-17"), DateDifferent);
    EXPECT_EQ(date_level("1987-12-05", "1987-03-17"), DateDifferent);
    EXPECT_EQ(date_level("1987-12-05", ""), DateMissing);
    EXPECT_EQ(date_level("1987-12-05", "05-12-1987"), DateMissing);  // unreadable: missing
}

TEST(CompareRegionAndText, Levels) {
    PersonInput const a{.tempat_lahir = "Jakarta", .alamat = "Jl. Sawo V No. 107", .rt = "2", .rw = "3",
                        .kode_wilayah = "36.71.06.1008"};
    Pair same(a, {.tempat_lahir = "DJAKARTA", .alamat = "Jalan Sawo V Nomor 107", .rt = "002", .rw = "003",
                  .kode_wilayah = "3671061008"});
    EXPECT_EQ(same.lvl(Field::Wilayah), RegionSameRt);
    EXPECT_EQ(same.lvl(Field::Alamat), TextExact);
    EXPECT_EQ(same.lvl(Field::TempatLahir), TextExact);
    Pair near(a, {.tempat_lahir = "Jakrta", .alamat = "Jl. Sawo V No. 17", .rt = "5", .rw = "3",
                  .kode_wilayah = "36.71.06.1008"});
    EXPECT_EQ(near.lvl(Field::Wilayah), RegionSameRw);
    EXPECT_EQ(near.lvl(Field::Alamat), TextSimilar);
    EXPECT_EQ(near.lvl(Field::TempatLahir), TextSimilar);
    EXPECT_EQ(Pair(a, {.kode_wilayah = "36.71.06.1001"}).lvl(Field::Wilayah), RegionSameKecamatan);
    EXPECT_EQ(Pair(a, {.kode_wilayah = "36.71.01.1001"}).lvl(Field::Wilayah), RegionDifferent);
    EXPECT_EQ(Pair(a, {.kode_wilayah = "36.71.06.1008.003.002"}).lvl(Field::Wilayah), RegionSameRt);
    EXPECT_EQ(Pair(a, {.rt = "2"}).lvl(Field::Wilayah), RegionMissing);
    EXPECT_EQ(Pair(a, {.tempat_lahir = "Surabaya", .alamat = "Perum Ketapang Indah Blok A10"}).lvl(Field::Alamat),
              TextDifferent);
}

TEST(CompareSex, Levels) {
    EXPECT_EQ(Pair({.jenis_kelamin = "L"}, {.jenis_kelamin = "l"}).lvl(Field::JenisKelamin), SexAgree);
    EXPECT_EQ(Pair({.jenis_kelamin = "L"}, {.jenis_kelamin = "P"}).lvl(Field::JenisKelamin), SexDifferent);
    EXPECT_EQ(Pair({.jenis_kelamin = "L"}, {.jenis_kelamin = "X"}).lvl(Field::JenisKelamin), SexMissing);
}

TEST(Pattern, PacksEveryField) {
    Pattern g = 0;
    for (int f = 0; f < kFieldCount; ++f) g = with_level(g, static_cast<Field>(f), kLevelCount[f] - 1);
    for (int f = 0; f < kFieldCount; ++f) EXPECT_EQ(level(g, static_cast<Field>(f)), kLevelCount[f] - 1);
    g = with_level(g, Field::Nama, NameExact);
    EXPECT_EQ(level(g, Field::Nama), NameExact);
    EXPECT_EQ(level(g, Field::Nik), NikDifferent);
    EXPECT_EQ(level_name(Field::Nama, NameSubset), "subset");
    EXPECT_EQ(field_name(Field::TanggalLahir), "tanggal_lahir");
}

}  // namespace
}  // namespace pilar::linkage
