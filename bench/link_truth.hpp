// Reads link_gen's input.csv and truth.csv side by side (bench/link_blocks, bench/link_miss):
// every input row goes to `row(record)`, its entity (interned, 0..n-1) to `entity`.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv.hpp"

namespace pilar::bench {

// An empty string when both files were read; else what went wrong.
template <class Row>
std::string read_with_truth(std::string const& input_path, std::string const& truth_path, std::vector<std::uint32_t>& entity,
                            Row&& row) {
    auto input = pilar::CsvReader::open(input_path);
    auto truth = pilar::CsvReader::open(truth_path);
    if (!input || !truth) return "cannot read the input or truth file";
    size_t const e = *truth->require_column("entity_id");
    std::unordered_map<std::string, std::uint32_t> entity_ids;
    pilar::CsvRecord rec, t;
    while (*input->next(rec)) {
        if (!*truth->next(t)) return "truth.csv has fewer rows than input.csv";
        if (rec[0] != t[0]) return "truth.csv is not in input.csv's order";
        row(rec);
        entity.push_back(entity_ids.emplace(std::string(t[e]), static_cast<std::uint32_t>(entity_ids.size())).first->second);
    }
    return {};
}

}  // namespace pilar::bench
