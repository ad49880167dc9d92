#include "linkage/cluster.hpp"

#include <algorithm>
#include <numeric>

namespace pilar::linkage {

Clustering cluster(size_t n, std::span<Link const> links, std::function<double(std::uint32_t, std::uint32_t)> const& score,
                   ClusterOptions const& options) {
    // Union-find with each cluster's members on a circular list (next[]), so a merge is O(1) and a
    // coherence check walks exactly the members.
    std::vector<std::uint32_t> parent(n), next(n), size(n, 1), smallest(n);
    std::iota(parent.begin(), parent.end(), 0u);
    std::iota(next.begin(), next.end(), 0u);
    std::iota(smallest.begin(), smallest.end(), 0u);
    auto find = [&](std::uint32_t x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    };

    std::vector<size_t> order(links.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return links[x].weight > links[y].weight; });

    Clustering out;
    out.link_used.assign(links.size(), false);
    for (size_t idx : order) {
        Link const& l = links[idx];
        std::uint32_t ra = find(l.a), rb = find(l.b);
        if (ra == rb) {
            out.link_used[idx] = true;
            continue;
        }
        bool coherent = true;
        if (size[ra] > 1 || size[rb] > 1) {
            size_t checks = 0;
            std::uint32_t x = ra;
            do {
                std::uint32_t y = rb;
                do {
                    if (!((x == l.a && y == l.b) || (x == l.b && y == l.a)) && score(x, y) < options.coherence_weight) {
                        coherent = false;
                    }
                    y = next[y];
                } while (coherent && y != rb && ++checks < options.max_checks);
                x = next[x];
            } while (coherent && x != ra && checks < options.max_checks);
        }
        if (!coherent) {
            ++out.vetoed;
            continue;
        }
        if (size[ra] < size[rb]) std::swap(ra, rb);
        parent[rb] = ra;
        size[ra] += size[rb];
        smallest[ra] = std::min(smallest[ra], smallest[rb]);
        std::swap(next[ra], next[rb]);  // splice the two circular lists
        out.link_used[idx] = true;
        ++out.merges;
    }
    out.cluster_of.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) out.cluster_of[i] = smallest[find(i)];
    return out;
}

}  // namespace pilar::linkage
