// The Fellegi–Sunter model: for each field level, m = P(level | same person) and u = P(level |
// different people); a pair's match weight is log2 of its Bayes factor plus the prior log-odds.
// m, u and the share of matches (lambda) are estimated by expectation-maximisation from the
// candidate pairs themselves — no labelled data — over the distinct comparison vectors and their
// counts, so a million pairs cost no more than the few thousand patterns they show.
//
//   std::vector<PatternCount> counts = ...;          // (pattern, how many pairs)
//   auto fit = estimate_model(counts, {});
//   fit.model.probability(g);                         // P(same person | comparison vector g)
//   fit.model.weight(g);                              // log2 odds
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "linkage/compare.hpp"

namespace pilar::linkage {

struct PatternCount {
    Pattern pattern = 0;
    std::uint64_t count = 0;
};

using LevelTable = std::array<std::array<double, kMaxLevels>, kFieldCount>;

struct FsModel {
    double lambda = 0.1;  // prior share of matches among the candidate pairs
    LevelTable m{};       // index [field][level]; level 0 (missing) unused
    LevelTable u{};
    LevelTable w{};       // log2(m / u), 0 for missing

    // Recomputes w from m and u.
    void update_weights();
    // Prior log2-odds plus the sum of the field weights.
    [[nodiscard]] double weight(Pattern g) const;
    [[nodiscard]] double probability(Pattern g) const;
    // Domain priors: the starting point of EM, and the model used when there are too few
    // candidate pairs to estimate one.
    static FsModel initial();
};

struct EmOptions {
    int max_iterations = 200;
    // Stop when no parameter moves by more than this.
    double tolerance = 1e-7;
    // Fields whose m stays at its starting value. Fixing m of name and birth date to what
    // duplicates look like anchors the "match" class: left free, EM on blocked pairs can settle on
    // another structure (people born the same day in one kecamatan, households) and call it a match.
    std::array<bool, kFieldCount> fixed_m{};
};

struct EmFit {
    FsModel model;
    int iterations = 0;
    bool converged = false;
};

EmFit estimate_model(std::span<PatternCount const> counts, EmOptions const& options, FsModel const& start = FsModel::initial());

// One line per field level ("nama=exact m=0.612 u=0.004 w=+7.3"), for --verbose and RESULTS.
std::string describe_model(FsModel const& model);

}  // namespace pilar::linkage
