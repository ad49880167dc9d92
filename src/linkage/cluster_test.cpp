// Clustering: one bad link must not chain two people together.
#include "linkage/cluster.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pilar::linkage {
namespace {

// Scores from a table; pairs not in it score `otherwise`.
struct Scores {
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> table;
    double otherwise = -20;
    double operator()(std::uint32_t a, std::uint32_t b) const {
        if (a > b) std::swap(a, b);
        auto it = table.find({a, b});
        return it == table.end() ? otherwise : it->second;
    }
};

TEST(Cluster, NoChainingThroughOneBadLink) {
    // 0-1 are one person, 2-3 another; 1-2 is a bad link (father and son with one name).
    std::vector<Link> links{{0, 1, 20}, {2, 3, 18}, {1, 2, 12}};
    Scores s;
    s.table = {{{0, 1}, 20}, {{2, 3}, 18}, {{1, 2}, 12}, {{0, 2}, -15}, {{0, 3}, -14}, {{1, 3}, -13}};
    Clustering c = cluster(4, links, s, {.coherence_weight = 0});
    EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 0, 2, 2}));
    EXPECT_EQ(c.vetoed, 1);
    EXPECT_EQ(c.link_used, (std::vector<bool>{true, true, false}));
}

TEST(Cluster, ChainAOfTrueDuplicatesMerges) {
    // Three records of one person, linked 0-1 and 1-2; 0-2 was never a candidate but scores well.
    std::vector<Link> links{{0, 1, 15}, {1, 2, 14}};
    Scores s;
    s.table = {{{0, 1}, 15}, {{1, 2}, 14}, {{0, 2}, 6}};
    Clustering c = cluster(4, links, s, {.coherence_weight = 0});
    EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 0, 0, 3}));
    EXPECT_EQ(c.vetoed, 0);
    EXPECT_EQ(c.merges, 2);
}

TEST(Cluster, StrongestLinksFirst) {
    // 1 looks like both 0 and 2, who are different people: 1 goes with the stronger (2).
    std::vector<Link> links{{0, 1, 9}, {1, 2, 16}};
    Scores s;
    s.table = {{{0, 1}, 9}, {{1, 2}, 16}, {{0, 2}, -10}};
    Clustering c = cluster(3, links, s, {.coherence_weight = 0});
    EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 1, 1}));
}

TEST(Cluster, NoLinksEveryoneAlone) {
    Clustering c = cluster(3, {}, Scores{}, {});
    EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 1, 2}));
}

}  // namespace
}  // namespace pilar::linkage
