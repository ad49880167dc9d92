// Clustering that does not chain: links are taken strongest first, and two clusters are merged
// only when every cross pair still looks like the same person (complete linkage against a
// softer "coherence" weight). A single bad link — father and son with the same name, joined by
// the son carrying the father's NIK — cannot pull two households' people into one cluster, since
// the other cross pairs (different birth dates) veto the merge.
//
//   auto score = [&](std::uint32_t a, std::uint32_t b) { return model.weight(compare(people, a, b)); };
//   Clustering c = cluster(people.size(), links, score, {.coherence_weight = 0});
//   c.cluster_of[i];    // the smallest member index of i's cluster
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace pilar::linkage {

struct Link {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    double weight = 0;
};

struct ClusterOptions {
    // Every cross pair of a merge must score at least this.
    double coherence_weight = 0;
    // Above this many cross pairs, only the pairs of the two clusters' first members in a
    // sample of this size are checked (pathological inputs only).
    size_t max_checks = 4096;
};

struct Clustering {
    std::vector<std::uint32_t> cluster_of;  // smallest member of each person's cluster
    std::vector<bool> link_used;            // parallel to the links given, in their original order
    long long merges = 0;
    long long vetoed = 0;  // links refused because the clusters would not stay coherent
};

Clustering cluster(size_t n, std::span<Link const> links, std::function<double(std::uint32_t, std::uint32_t)> const& score,
                   ClusterOptions const& options);

}  // namespace pilar::linkage
