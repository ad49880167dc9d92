// link_blocks: what `pilar link`'s blocking (src/linkage/blocking.hpp) costs and finds on
// link_gen's ground truth, without scoring: candidate pairs per key, blocks split and capped, and
// the share of true pairs (rows of one entity) that become candidates at all — the ceiling on
// recall — in total and per key, with the true pairs that only one key finds.
//
//   link_blocks input.csv truth.csv [--sub-block N[,N...]] [--max-block N] [--window N]
//
// Several --sub-block values are run one after the other on the same rows.
// Rows are not folded as `pilar link` folds identical rows, so figures differ slightly from its.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv.hpp"
#include "linkage/blocking.hpp"
#include "linkage/person.hpp"
#include "link_truth.hpp"

namespace {

using namespace pilar::linkage;

int fail(std::string const& message) {
    std::cerr << "link_blocks: " << message << '\n';
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return fail("usage: link_blocks input.csv truth.csv [--sub-block N] [--max-block N] [--window N]");
    BlockingOptions options;
    options.threads = 2;
    std::vector<size_t> sub_blocks{options.sub_block};
    for (int i = 3; i < argc; ++i) {
        std::string_view a = argv[i];
        char const* value = i + 1 < argc ? argv[++i] : "0";
        size_t const v = std::strtoull(value, nullptr, 10);
        if (a == "--sub-block") {
            sub_blocks.clear();
            for (char* p = const_cast<char*>(value); *p;) {
                sub_blocks.push_back(std::strtoull(p, &p, 10));
                if (*p == ',') ++p;
                else if (*p) return fail("--sub-block takes numbers separated by commas");
            }
        } else if (a == "--max-block") options.max_block = v;
        else if (a == "--window") options.window = v;
        else return fail(fmt::format("unknown argument {}", a));
    }

    PersonTable people;
    std::vector<std::uint32_t> entity;
    auto const error = pilar::bench::read_with_truth(argv[1], argv[2], entity, [&](pilar::CsvRecord const& rec) {
        people.add({.nik = rec[1], .nama = rec[2], .jenis_kelamin = rec[3], .tempat_lahir = rec[4], .tanggal_lahir = rec[5],
                    .alamat = rec[6], .rt = rec[7], .rw = rec[8], .kode_wilayah = rec[9]});
    });
    if (!error.empty()) return fail(error);
    people.finish();

    BlockKeys const keys(people, options);
    // True pairs: rows of one entity.
    std::vector<std::uint64_t> by_entity;  // entity << 32 | row
    by_entity.reserve(entity.size());
    for (std::uint32_t i = 0; i < entity.size(); ++i) by_entity.push_back(std::uint64_t{entity[i]} << 32 | i);
    std::sort(by_entity.begin(), by_entity.end());
    long long true_pairs = 0;
    std::array<long long, kBlockKeyCount> share_key{}, only_key{};
    for (size_t a = 0; a < by_entity.size();) {
        size_t b = a;
        while (b < by_entity.size() && by_entity[b] >> 32 == by_entity[a] >> 32) ++b;
        for (size_t x = a; x < b; ++x) {
            for (size_t y = x + 1; y < b; ++y) {
                auto const i = static_cast<std::uint32_t>(by_entity[x]), j = static_cast<std::uint32_t>(by_entity[y]);
                ++true_pairs;
                auto ki = keys.of(i), kj = keys.of(j);
                unsigned mask = 0;
                for (auto const& [k, h] : ki)
                    for (auto const& [k2, h2] : kj)
                        if (h == h2) mask |= 1u << static_cast<unsigned>(k);
                for (int k = 0; k < kBlockKeyCount; ++k)
                    if (mask & (1u << k)) {
                        ++share_key[k];
                        if (mask == (1u << k)) ++only_key[k];
                    }
            }
        }
        a = b;
    }

    std::cout << fmt::format("{} rows, {} true pairs (rows of one entity)\n", people.size(), true_pairs);
    for (int k = 0; k < kBlockKeyCount; ++k)
        std::cout << fmt::format("  {:<18} true pairs sharing the key {:>7}, only this key {:>6}\n",
                                 block_key_name(static_cast<BlockKey>(k)), share_key[k], only_key[k]);
    for (size_t sub_block : sub_blocks) {
        options.sub_block = sub_block;
        auto const started = std::chrono::steady_clock::now();
        BlockingResult const r = block(people, options);
        double const secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        long long found = 0;
        for (size_t a = 0; a < by_entity.size();) {
            size_t b = a;
            while (b < by_entity.size() && by_entity[b] >> 32 == by_entity[a] >> 32) ++b;
            for (size_t x = a; x < b; ++x)
                for (size_t y = x + 1; y < b; ++y) {
                    auto const i = static_cast<std::uint32_t>(by_entity[x]), j = static_cast<std::uint32_t>(by_entity[y]);
                    found += std::binary_search(r.pairs.begin(), r.pairs.end(),
                                                std::uint64_t{std::min(i, j)} << 32 | std::max(i, j));
                }
            a = b;
        }
        std::cout << fmt::format("sub_block {}, max_block {}, window {}: {} candidate pairs in {:.2f} s, {} blocks capped, "
                                 "true pairs among them {} (blocking recall {:.5f})\n",
                                 options.sub_block, options.max_block, options.window, r.pairs.size(), secs, r.capped.size(),
                                 found, true_pairs ? static_cast<double>(found) / static_cast<double>(true_pairs) : 1.0);
        for (int k = 0; k < kBlockKeyCount; ++k)
            std::cout << fmt::format("  {:<18} pairs {:>12}, blocks split {:>8}\n", block_key_name(static_cast<BlockKey>(k)),
                                     r.pairs_by_key[k], r.split_by_key[k]);
        std::cout.flush();
    }
    return 0;
}
