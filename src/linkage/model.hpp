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

// The level of field f that the model reads from g: g's own, except that the address says
// nothing once the region says another kelurahan. A person who moved has another address as a
// matter of course, so "different address" there is the move already counted by wilayah; read
// as independent evidence it would count the move twice (log2 of 1/m(alamat different), about
// 4.5 bits on link_gen's data) and bury every moved duplicate below the review threshold.
int model_level(Pattern g, Field f);

// Which of FsModel's name-and-birth-date tables a pair reads: 1 when its regions are two
// kelurahan, else 0.
int region_stratum(Pattern g);

struct PatternCount {
    Pattern pattern = 0;
    std::uint64_t count = 0;
};

using LevelTable = std::array<std::array<double, kMaxLevels>, kFieldCount>;

using JointTable = std::array<std::array<double, kMaxLevels>, kMaxLevels>;

struct FsModel {
    double lambda = 0.1;  // prior share of matches among the candidate pairs
    LevelTable m{};       // index [field][level]; level 0 (missing) unused
    LevelTable u{};
    LevelTable w{};       // log2(m / u), 0 for missing
    // Name and birth date are read together where both are present: u_nama_tanggal[name][date]
    // is P(both levels | different people), estimated jointly because the blocking keys pair
    // people on a name token *and* a birth date (or a kelurahan and a birth date), so among the
    // candidate non-matches the two agree together far less, or far more, often than the product
    // of their shares says. Among matches they are independent corruptions: m is the product.
    // w_nama_tanggal = log2(m_nama * m_tanggal / u_nama_tanggal) replaces the two fields' weights.
    // Two tables: pairs in one kelurahan (or with no region) [0], and pairs whose regions name
    // two kelurahan [1] — the latter come from the city-wide keys (a name token and a birth date),
    // among whose non-matches a name and a birth date agree together far more often.
    std::array<JointTable, 2> u_nama_tanggal{};
    std::array<JointTable, 2> w_nama_tanggal{};

    // Recomputes w and w_nama_tanggal from m and the u tables.
    void update_weights();
    // What field f adds to weight(g); the prior plus every field's share is weight(g). Where name
    // and birth date are read together, the birth date shows its own weight and the name the rest
    // of their joint weight (what the name adds, given the date).
    [[nodiscard]] double field_weight(Pattern g, Field f) const;
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
