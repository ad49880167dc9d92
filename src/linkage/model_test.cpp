// EM on a synthetic mixture drawn from known m, u and lambda: the fit must find them again,
// without labels.
#include "linkage/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace pilar::linkage {
namespace {

// pilar link's EM setup: m of the identity fields held at the priors.
EmOptions LinkOptionsEm() {
    EmOptions em;
    for (Field f : {Field::Nik, Field::Nama, Field::TanggalLahir, Field::JenisKelamin}) em.fixed_m[static_cast<int>(f)] = true;
    return em;
}

TEST(EmEstimate, RecoversAKnownMixture) {
    FsModel truth;
    truth.lambda = 0.15;
    // Matches agree mostly on the first levels, non-matches mostly on the last; every field has
    // its own shape.
    for (int f = 0; f < kFieldCount; ++f) {
        int const levels = kLevelCount[f] - 1;
        double sm = 0, su = 0;
        for (int l = 1; l <= levels; ++l) {
            truth.m[f][l] = std::pow(0.35 + 0.05 * f, l - 1);
            truth.u[f][l] = std::pow(0.4 + 0.04 * f, levels - l);
            sm += truth.m[f][l];
            su += truth.u[f][l];
        }
        for (int l = 1; l <= levels; ++l) {
            truth.m[f][l] /= sm;
            truth.u[f][l] /= su;
        }
    }
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> uni(0, 1);
    auto draw = [&](std::array<double, kMaxLevels> const& p, int levels) {
        double r = uni(rng);
        for (int l = 1; l < levels; ++l) {
            if (r < p[l]) return l;
            r -= p[l];
        }
        return levels - 1;
    };
    std::map<Pattern, std::uint64_t> counts;
    for (int i = 0; i < 120'000; ++i) {
        bool const match = uni(rng) < truth.lambda;
        Pattern g = 0;
        for (int f = 0; f < kFieldCount; ++f) {
            // One field in ten is missing: it must simply carry no evidence.
            int const l = uni(rng) < 0.1 ? 0 : draw(match ? truth.m[f] : truth.u[f], kLevelCount[f]);
            g = with_level(g, static_cast<Field>(f), l);
        }
        ++counts[g];
    }
    std::vector<PatternCount> list;
    for (auto [g, n] : counts) list.push_back({g, n});

    EmFit fit = estimate_model(list, {});
    EXPECT_TRUE(fit.converged);
    EXPECT_NEAR(fit.model.lambda, truth.lambda, 0.01);
    for (int f = 0; f < kFieldCount; ++f) {
        for (int l = 1; l < kLevelCount[f]; ++l) {
            EXPECT_NEAR(fit.model.m[f][l], truth.m[f][l], 0.03) << field_name(static_cast<Field>(f)) << " level " << l;
            EXPECT_NEAR(fit.model.u[f][l], truth.u[f][l], 0.03) << field_name(static_cast<Field>(f)) << " level " << l;
        }
    }
    // Agreement on the strongest level is evidence for, on the weakest against.
    EXPECT_GT(fit.model.w[static_cast<int>(Field::Nama)][1], 0);
    EXPECT_LT(fit.model.w[static_cast<int>(Field::Nama)][kLevelCount[1] - 1], 0);
}

TEST(EmEstimate, NoPairsKeepsTheStart) {
    EmFit fit = estimate_model({}, {});
    EXPECT_EQ(fit.iterations, 0);
    EXPECT_DOUBLE_EQ(fit.model.lambda, FsModel::initial().lambda);
}

TEST(FsModel, WeightIsPriorPlusFieldWeights) {
    FsModel m = FsModel::initial();
    Pattern g = with_level(with_level(0, Field::Nama, NameExact), Field::TanggalLahir, DateExact);
    double const expected = std::log2(m.lambda / (1 - m.lambda)) + m.w[1][NameExact] + m.w[3][DateExact];
    EXPECT_NEAR(m.weight(g), expected, 1e-9);
    EXPECT_GT(m.probability(g), 0.99);
    // Everything missing: only the prior.
    EXPECT_NEAR(m.probability(0), m.lambda, 1e-9);
}

Pattern pattern(std::initializer_list<std::pair<Field, int>> levels) {
    Pattern g = 0;
    for (auto [f, l] : levels) g = with_level(g, f, l);
    return g;
}

TEST(FsModel, AnAddressInAnotherKelurahanIsNotCountedAgainstTwice) {
    // Someone who moved has another address as a matter of course: once the region says another
    // kelurahan, a different address adds nothing.
    FsModel const m = FsModel::initial();
    Pattern const moved = pattern({{Field::Nama, NameExact}, {Field::TanggalLahir, DateExact}, {Field::Wilayah, RegionDifferent}});
    EXPECT_DOUBLE_EQ(m.weight(with_level(moved, Field::Alamat, TextDifferent)), m.weight(moved));
    Pattern const other_kecamatan_part = with_level(moved, Field::Wilayah, RegionSameKecamatan);
    EXPECT_DOUBLE_EQ(m.weight(with_level(other_kecamatan_part, Field::Alamat, TextDifferent)), m.weight(other_kecamatan_part));
    // In one kelurahan the address still counts.
    Pattern const same = with_level(moved, Field::Wilayah, RegionSameKelurahan);
    EXPECT_LT(m.weight(with_level(same, Field::Alamat, TextDifferent)), m.weight(same));
    // The field weights dedup shows add up to the weight.
    for (Pattern g : {with_level(moved, Field::Alamat, TextDifferent), with_level(same, Field::Alamat, TextDifferent)}) {
        double sum = std::log2(m.lambda / (1 - m.lambda));
        for (int f = 0; f < kFieldCount; ++f) sum += m.field_weight(g, static_cast<Field>(f));
        EXPECT_NEAR(sum, m.weight(g), 1e-9);
    }
}

TEST(EmEstimate, NameAndBirthDateAgreeingTogetherAmongNonMatchesIsRare) {
    // Candidate pairs as blocking makes them: the non-matches (different NIKs and addresses)
    // share a name (namesakes) or a birth date (neighbours born the same day), each half the
    // time, but never both; the matches (one NIK, one address) agree on both. Read as independent,
    // each agreement alone is weak (u = 0.5) and a pair agreeing on both would score as if one in
    // four non-matches did; estimated together, agreeing on both is strong evidence.
    std::vector<PatternCount> counts;
    Pattern const here = pattern({{Field::Wilayah, RegionSameRw}, {Field::JenisKelamin, SexAgree}});
    auto add = [&](Pattern g, int name, int date, std::uint64_t n) {
        counts.push_back({with_level(with_level(g, Field::Nama, name), Field::TanggalLahir, date), n});
    };
    Pattern const others = with_level(with_level(here, Field::Nik, NikDifferent), Field::Alamat, TextDifferent);
    add(others, NameExact, DateDifferent, 40'000);
    add(others, NameDifferent, DateExact, 40'000);
    add(others, NameDifferent, DateDifferent, 20'000);
    Pattern const same = with_level(with_level(here, Field::Nik, NikExact), Field::Alamat, TextExact);
    add(same, NameExact, DateExact, 3'000);
    add(same, NameExact, DateDifferent, 60);
    add(same, NameDifferent, DateExact, 60);
    std::sort(counts.begin(), counts.end(), [](auto const& x, auto const& y) { return x.pattern < y.pattern; });
    EmFit const fit = estimate_model(counts, LinkOptionsEm());
    // A pair with no NIK and no address: name and birth date alone.
    Pattern const both = with_level(with_level(here, Field::Nama, NameExact), Field::TanggalLahir, DateExact);
    EXPECT_GT(fit.model.probability(both), 0.99);
    EXPECT_LT(fit.model.probability(with_level(both, Field::TanggalLahir, DateDifferent)), 0.05);
    EXPECT_LT(fit.model.probability(with_level(both, Field::Nama, NameDifferent)), 0.05);
    // The independent reading of the same fit would not link it.
    FsModel independent = fit.model;
    for (auto& table : independent.u_nama_tanggal)
        for (int a = 1; a < kLevelCount[1]; ++a)
            for (int b = 1; b < kLevelCount[3]; ++b) table[a][b] = independent.u[1][a] * independent.u[3][b];
    independent.update_weights();
    EXPECT_LT(independent.probability(both), 0.6);
}

}  // namespace
}  // namespace pilar::linkage
