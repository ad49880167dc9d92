// EM on a synthetic mixture drawn from known m, u and lambda: the fit must find them again,
// without labels.
#include "linkage/model.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace pilar::linkage {
namespace {

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

}  // namespace
}  // namespace pilar::linkage
