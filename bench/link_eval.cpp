// link_eval: pairwise precision, recall and F1 of `pilar link`'s clusters against link_gen's
// truth, with the exact-NIK baseline (same non-empty NIK = same person) beside them.
//
//   link_eval clusters.csv truth.csv [input.csv]
//
// A pair of rows is predicted when both rows have one cluster_id, true when both have one
// entity_id. precision = true predicted pairs / predicted pairs, recall = true predicted pairs /
// true pairs.
#include <fmt/format.h>

#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv.hpp"

namespace {

struct Scores {
    double tp = 0, predicted = 0, actual = 0;
    [[nodiscard]] double precision() const { return predicted > 0 ? tp / predicted : 1; }
    [[nodiscard]] double recall() const { return actual > 0 ? tp / actual : 1; }
    [[nodiscard]] double f1() const {
        double const p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
};

double pairs_of(double n) { return n * (n - 1) / 2; }

// Reads column `value` keyed by record_id into ids (interned per distinct value).
std::unordered_map<std::string, std::uint32_t> read_groups(std::string const& path, std::string_view value_column,
                                                            bool empty_is_singleton) {
    auto reader = pilar::CsvReader::open(path);
    if (!reader) {
        std::cerr << reader.error().describe(pilar::Lang::En) << '\n';
        std::exit(2);
    }
    size_t const id = *reader->require_column("record_id");
    size_t const v = *reader->require_column(value_column);
    std::unordered_map<std::string, std::uint32_t> group_of;
    std::unordered_map<std::string, std::uint32_t> intern;
    pilar::CsvRecord rec;
    std::uint32_t next = 0;
    while (true) {
        auto more = reader->next(rec);
        if (!more) {
            std::cerr << more.error().describe(pilar::Lang::En) << '\n';
            std::exit(2);
        }
        if (!*more) break;
        std::string key(rec[v]);
        std::uint32_t g;
        if (key.empty() && empty_is_singleton) {
            g = next++;
        } else {
            auto [it, inserted] = intern.emplace(key, next);
            if (inserted) ++next;
            g = it->second;
        }
        group_of.emplace(std::string(rec[id]), g);
    }
    return group_of;
}

Scores score(std::unordered_map<std::string, std::uint32_t> const& predicted,
             std::unordered_map<std::string, std::uint32_t> const& truth) {
    std::unordered_map<std::uint32_t, double> p_size, t_size;
    std::unordered_map<std::uint64_t, double> both;
    for (auto const& [id, p] : predicted) {
        auto it = truth.find(id);
        if (it == truth.end()) {
            std::cerr << "record_id " << id << " is not in the truth file\n";
            std::exit(2);
        }
        p_size[p] += 1;
        t_size[it->second] += 1;
        both[static_cast<std::uint64_t>(p) << 32 | it->second] += 1;
    }
    Scores s;
    for (auto [k, n] : p_size) s.predicted += pairs_of(n);
    for (auto [k, n] : t_size) s.actual += pairs_of(n);
    for (auto [k, n] : both) s.tp += pairs_of(n);
    return s;
}

void print(std::string_view name, Scores const& s) {
    std::cout << fmt::format("{:<10} precision {:.5f}  recall {:.5f}  F1 {:.5f}  (true pairs found {:.0f} of {:.0f}, "
                             "predicted {:.0f})\n",
                             name, s.precision(), s.recall(), s.f1(), s.tp, s.actual, s.predicted);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: link_eval clusters.csv truth.csv [input.csv]\n";
        return 2;
    }
    auto const truth = read_groups(argv[2], "entity_id", false);
    auto const clusters = read_groups(argv[1], "cluster_id", false);
    if (clusters.size() != truth.size())
        std::cerr << fmt::format("note: {} rows in clusters, {} in truth\n", clusters.size(), truth.size());
    print("pilar link", score(clusters, truth));
    if (argc > 3) print("exact NIK", score(read_groups(argv[3], "nik", true), truth));
    return 0;
}
