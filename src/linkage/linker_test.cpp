// The whole linker on a hand-made file (testdata/small.csv) whose truth is known: duplicates
// written differently must meet; namesakes, father and son of one name, and twins must not.
#include "linkage/linker.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "core/csv.hpp"

namespace pilar::linkage {
namespace {

std::string source_dir() {
    char const* dir = std::getenv("PILAR_SOURCE_DIR");
    return dir ? dir : ".";
}

struct LinkedFile {
    std::vector<std::string> ids;
    LinkResult result;
    // Record ids grouped by cluster.
    std::set<std::set<std::string>> clusters() const {
        std::map<std::uint32_t, std::set<std::string>> by;
        for (size_t i = 0; i < ids.size(); ++i) by[result.cluster_of_row[i]].insert(ids[i]);
        std::set<std::set<std::string>> out;
        for (auto& [k, v] : by) out.insert(v);
        return out;
    }
};

LinkedFile link_file(std::string const& path, LinkOptions options = {}) {
    auto reader = CsvReader::open(path);
    EXPECT_TRUE(reader.has_value()) << path;
    LinkedFile run;
    Linker linker(options);
    CsvRecord rec;
    while (*reader->next(rec)) {
        run.ids.emplace_back(rec[0]);
        linker.add({.nik = rec[1], .nama = rec[2], .jenis_kelamin = rec[3], .tempat_lahir = rec[4],
                    .tanggal_lahir = rec[5], .alamat = rec[6], .rt = rec[7], .rw = rec[8], .kode_wilayah = rec[9]});
    }
    run.result = linker.run();
    return run;
}

TEST(Linker, HandMadeFileWithKnownTruth) {
    LinkedFile run = link_file(source_dir() + "/src/linkage/testdata/small.csv");
    using S = std::set<std::string>;
    std::set<S> const expected{
        S{"a1", "a2", "a3"},  // no NIK / one digit off, Daffa / Dafa, Kp. / Kampung
        S{"b1", "b4"},        // the father, with titles
        S{"b2", "b3"},        // the son of the same name, once entered with his father's NIK
        S{"c1", "c4"},        // Ramadhan / Ramadan, day and month swapped
        S{"c2"},              // twin sister
        S{"c3"},              // twin brother: same day, same house, NIK one digit off
        S{"d1", "d3"},        // Hj. St. Aminah
        S{"d2"},              // her namesake in the same kelurahan
        S{"e1", "e2"},        // Djoko Soeharto from Soerabaja
        S{"f1"},
        S{"f2", "f3"},        // Liem / Lim, NIK digits swapped
        S{"g1"},              // empty rows are nobody in particular
        S{"g2"},
    };
    EXPECT_EQ(run.clusters(), expected);
    EXPECT_EQ(run.result.report.rows, 21);
    EXPECT_FALSE(run.result.report.estimated);  // too few pairs: priors
    // A father/son pair may be proposed for review, never merged.
    for (auto const& p : run.result.pairs) {
        std::set<std::string> ids{run.ids[p.row_a], run.ids[p.row_b]};
        if (ids == S{"b1", "b3"} || ids == S{"b3", "b4"}) {
            EXPECT_FALSE(p.merged);
        }
    }
}

TEST(Linker, IdenticalRowsAreFoldedAndAGiantBlockIsCapped) {
    Linker linker({.blocking = {.max_block = 50, .window = 3}});
    for (int i = 0; i < 5000; ++i)
        linker.add({.nik = "3671052606800001", .nama = "Budi Santoso", .tanggal_lahir = "1980-06-26"});
    // 300 different people sharing one NIK and kelurahan: a block of 300 > 50, capped.
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i) names.push_back("Orang Nomor " + std::to_string(i * 7919 % 1000));
    for (int i = 0; i < 300; ++i)
        linker.add({.nik = "3671010101900001", .nama = names[i], .tanggal_lahir = "1990-01-01",
                    .kode_wilayah = "36.71.01.1001"});
    LinkResult r = linker.run();
    EXPECT_EQ(r.report.rows, 5300);
    EXPECT_EQ(r.report.identical_rows, 4999);
    for (int i = 1; i < 5000; ++i) EXPECT_EQ(r.cluster_of_row[i], 0u);
    ASSERT_FALSE(r.report.capped.empty());
    EXPECT_EQ(r.report.capped[0].size, 300u);
    // Windowed: at most 300 x 3 pairs per capped key, not 300 x 299 / 2.
    EXPECT_LT(r.report.candidate_pairs, 4 * 300 * 3);
}

TEST(Linker, OneNikOnTwoNamesInTwoKelurahanGoesToReview) {
    // One NIK and birth date on two people whose names do not agree: in one kelurahan the same
    // person written another way is linked; in two kelurahan it is left for a person to decide.
    auto run = [](std::string_view kelurahan_b) {
        Linker linker({});
        linker.add({.nik = "3671060506020004", .nama = "Emod Ramadhan", .jenis_kelamin = "L", .tanggal_lahir = "2002-06-05",
                    .kode_wilayah = "36.71.06.1001"});
        linker.add({.nik = "3671060506020004", .nama = "Andi Sutrisno Subagyo", .jenis_kelamin = "L",
                    .tanggal_lahir = "2002-06-05", .kode_wilayah = kelurahan_b});
        return linker.run();
    };
    LinkResult const apart = run("36.71.13.1004");
    EXPECT_NE(apart.cluster_of_row[0], apart.cluster_of_row[1]);
    ASSERT_EQ(apart.pairs.size(), 1u);
    EXPECT_EQ(apart.pairs[0].decision, Decision::Review);
    LinkResult const together = run("36.71.06.1001");
    EXPECT_EQ(together.cluster_of_row[0], together.cluster_of_row[1]);
}

TEST(Linker, NoNikInAnotherKecamatanNeedsMoreThanNameAndBirthDate) {
    // Same name, same birth date, one row without a NIK: in another kecamatan that is what namesakes
    // share in a city of millions (a common name, one birthday), so a person decides; in the same
    // kecamatan, with a NIK on both, or with the father's name agreeing it links.
    Pattern g = 0;
    g = with_level(g, Field::Nama, NameExact);
    g = with_level(g, Field::TanggalLahir, DateExact);
    g = with_level(g, Field::JenisKelamin, SexAgree);
    g = with_level(g, Field::Nik, NikMissing);
    EXPECT_FALSE(linkable(with_level(g, Field::Wilayah, RegionDifferent)));
    EXPECT_TRUE(linkable(with_level(g, Field::Wilayah, RegionSameKecamatan)));
    EXPECT_TRUE(linkable(with_level(g, Field::Wilayah, RegionSameRw)));
    EXPECT_TRUE(linkable(with_level(with_level(g, Field::Wilayah, RegionDifferent), Field::Ayah, FatherAgree)));
    EXPECT_TRUE(linkable(with_level(with_level(g, Field::Wilayah, RegionDifferent), Field::Nik, NikExact)));
}

TEST(Linker, NothingAdded) {
    Linker linker({});
    LinkResult r = linker.run();
    EXPECT_TRUE(r.cluster_of_row.empty());
    EXPECT_EQ(r.report.candidate_pairs, 0);
}

}  // namespace
}  // namespace pilar::linkage
