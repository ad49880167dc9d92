#include "linkage/similarity.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace pilar::linkage {

double jaro_winkler(std::string_view a, std::string_view b) {
    a = a.substr(0, std::min(a.size(), kMaxSimilarityBytes));
    b = b.substr(0, std::min(b.size(), kMaxSimilarityBytes));
    if (a.empty() && b.empty()) return 1.0;
    if (a.empty() || b.empty()) return 0.0;
    if (a == b) return 1.0;
    if (a.size() > b.size()) std::swap(a, b);
    int const la = static_cast<int>(a.size());
    int const lb = static_cast<int>(b.size());
    int const window = std::max(0, lb / 2 - 1);
    std::array<bool, kMaxSimilarityBytes> used_b{};
    std::array<char, kMaxSimilarityBytes> match_a{};
    int matches = 0;
    for (int i = 0; i < la; ++i) {
        int const lo = std::max(0, i - window);
        int const hi = std::min(lb - 1, i + window);
        for (int j = lo; j <= hi; ++j) {
            if (!used_b[j] && a[i] == b[j]) {
                used_b[j] = true;
                match_a[matches++] = a[i];
                break;
            }
        }
    }
    if (matches == 0) return 0.0;
    int transposed = 0;
    int k = 0;
    for (int j = 0; j < lb; ++j) {
        if (!used_b[j]) continue;
        if (b[j] != match_a[k]) ++transposed;
        ++k;
    }
    double const m = matches;
    double const jaro = (m / la + m / lb + (m - transposed / 2.0) / m) / 3.0;
    if (jaro <= 0.7) return jaro;
    int prefix = 0;
    while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

int damerau_levenshtein(std::string_view a, std::string_view b, int max_distance) {
    a = a.substr(0, std::min(a.size(), kMaxSimilarityBytes));
    b = b.substr(0, std::min(b.size(), kMaxSimilarityBytes));
    int const la = static_cast<int>(a.size());
    int const lb = static_cast<int>(b.size());
    if (std::abs(la - lb) > max_distance) return max_distance + 1;
    // Three rows of the optimal-string-alignment table.
    std::array<int, kMaxSimilarityBytes + 1> r0{}, r1{}, r2{};
    int* prev2 = r0.data();
    int* prev = r1.data();
    int* cur = r2.data();
    for (int j = 0; j <= lb; ++j) prev[j] = j;
    for (int i = 1; i <= la; ++i) {
        cur[0] = i;
        int row_min = cur[0];
        for (int j = 1; j <= lb; ++j) {
            int const cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > max_distance) return max_distance + 1;
        int* t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return std::min(prev[lb], max_distance + 1);
}

}  // namespace pilar::linkage
