// Linker: the whole of `pilar link` without the files — people in, clusters out.
//
//   Linker linker({.threads = 2});
//   for (auto const& row : rows) linker.add(row);      // or add_batch() to prepare on many threads
//   LinkResult r = linker.run();
//   r.cluster_of_row[i];   // the first row of row i's cluster (i itself when it stands alone)
//   r.pairs;               // scored pairs at or above the review threshold, with their levels
//
// Steps: identical rows (every field equal, with a name and a NIK or birth date) are folded into
// one person first — they cannot be told apart, and 100,000 copies of one row then cost nothing;
// blocking (blocking.hpp) proposes candidate pairs; each pair gets a comparison vector
// (compare.hpp); EM fits the Fellegi–Sunter model on those vectors (model.hpp); pairs at or above
// the match probability are clustered strongest first without chaining (cluster.hpp); pairs
// between the review and match probabilities are reported for a person to decide.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "linkage/blocking.hpp"
#include "linkage/cluster.hpp"
#include "linkage/compare.hpp"
#include "linkage/model.hpp"
#include "linkage/person.hpp"

namespace pilar::linkage {

struct LinkOptions {
    // P(same person) at or above which a pair is linked.
    double match_probability = 0.6;
    // ... and at or above which a pair that is not linked goes to review.
    double review_probability = 0.3;
    // Every cross pair of a merged cluster must reach this probability.
    double coherence_probability = 0.2;
    BlockingOptions blocking;
    EmOptions em = default_em();
    static EmOptions default_em() {
        EmOptions em;
        em.fixed_m[static_cast<int>(Field::Nik)] = true;
        em.fixed_m[static_cast<int>(Field::Nama)] = true;
        em.fixed_m[static_cast<int>(Field::TanggalLahir)] = true;
        em.fixed_m[static_cast<int>(Field::JenisKelamin)] = true;
        return em;
    }
    unsigned threads = 1;
};

enum class Decision : std::uint8_t { Match, Review };

struct ScoredPair {
    std::uint32_t row_a = 0;  // first input row of each person
    std::uint32_t row_b = 0;
    Pattern pattern = 0;
    double weight = 0;
    double probability = 0;
    Decision decision = Decision::Review;
    bool merged = false;  // the clustering used this link (a Match the coherence check refused is not)
};

struct LinkReport {
    long long rows = 0;
    long long people = 0;            // after folding identical rows
    long long identical_rows = 0;    // rows folded into an earlier identical row
    long long candidate_pairs = 0;
    long long match_pairs = 0;
    long long review_pairs = 0;
    long long clusters = 0;          // of more than one row
    long long rows_in_clusters = 0;
    long long vetoed_links = 0;
    std::vector<CappedBlock> capped;
    std::array<std::uint64_t, kBlockKeyCount> pairs_by_key{};
    std::array<std::uint64_t, kBlockKeyCount> split_by_key{};  // blocks split by their companion
    EmFit fit;
    bool estimated = false;  // false: too few pairs, the priors were used
    InputIssues issues;
};

struct LinkResult {
    std::vector<std::uint32_t> cluster_of_row;
    std::vector<ScoredPair> pairs;  // Match and Review pairs, strongest first
    LinkReport report;
};

class Linker {
public:
    explicit Linker(LinkOptions options);

    void add(PersonInput const& in);
    // Prepares the rows on options.threads threads, then adds them in order.
    void add_batch(std::span<PersonInput const> rows);
    // Links everything added. Call once.
    LinkResult run();

    // The people (after run(), with token frequencies), e.g. to describe a capped block.
    [[nodiscard]] PersonTable const& people() const { return m_people; }
    // The first row of person i.
    [[nodiscard]] std::uint32_t first_row(std::uint32_t person) const { return m_first_row[person]; }
    // The person input row `row` was folded into (identical rows share one).
    [[nodiscard]] std::uint32_t person_of_row(std::uint32_t row) const { return m_person_of_row[row]; }
    [[nodiscard]] size_t rows() const { return m_person_of_row.size(); }

private:
    void add_prepared(PersonInput const& in, PreparedPerson&& prepared);

    LinkOptions m_options;
    PersonTable m_people;
    std::vector<std::uint32_t> m_person_of_row;
    std::vector<std::uint32_t> m_first_row;
    std::unordered_map<std::uint64_t, std::uint32_t> m_identical;  // fingerprint of a row -> person
    long long m_identical_rows = 0;
};

// Fewer candidate pairs than this and the model is not estimated: FsModel::initial()'s priors
// are used as they are (EM on a few dozen pairs finds noise).
inline constexpr size_t kMinPairsForEm = 2000;

// Whether a comparison vector may be linked automatically at all, whatever its weight. Names are
// supporting evidence, but a pair whose names disagree (siblings, twins) is linked only on an
// exact NIK and birth date, and only within one kelurahan (one NIK does turn up on two people);
// a pair whose birth dates disagree (father and son of one name) only on an exact NIK; likewise a
// pair whose sexes disagree (twins Rizki and Rizka); a pair in two kecamatan with no NIK on one
// side only when the father's name agrees too. Such pairs go to review instead.
bool linkable(Pattern g);

// log2 odds of a probability, the scale of FsModel::weight().
double weight_of_probability(double p);

}  // namespace pilar::linkage
