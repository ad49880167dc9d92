// link_miss: where `pilar link` loses recall on link_gen's ground truth. Runs the linker in
// process with pilar link's defaults, then sorts every missed true pair (two rows of one entity
// that end in different clusters) by the stage that lost it:
//
//   not_candidate     no blocking key brought the two rows together
//   below_review      compared, weight under the review threshold
//   review_unlinkable at or above review, but linkable() refuses an automatic link (names or
//                     dates or sexes disagree without an exact NIK)
//   review_weight     linkable, weight between the review and match thresholds
//   refused           a Match the clustering did not merge (coherence check)
//
// and within each stage by the comparison vector's levels (nik, nama, tanggal_lahir, jenis_kelamin,
// wilayah): the corruption kinds of link_gen (bench/corrupt.hpp) show up as those levels. Wrong
// links (rows of two entities in one cluster) are counted the same way for the linked pair.
//
//   link_miss input.csv truth.csv [--examples N] [--top N]
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv.hpp"
#include "linkage/compare.hpp"
#include "linkage/linker.hpp"
#include "link_truth.hpp"

namespace {

using namespace pilar::linkage;

int fail(std::string const& message) {
    std::cerr << "link_miss: " << message << '\n';
    return 2;
}

enum class Stage { NotCandidate, BelowReview, ReviewUnlinkable, ReviewWeight, Refused, Count };
constexpr std::array<std::string_view, 5> kStageNames{"not_candidate", "below_review", "review_unlinkable",
                                                      "review_weight", "refused"};

std::string describe(Pattern g) {
    std::string out;
    for (Field f : {Field::Nik, Field::Nama, Field::TanggalLahir, Field::JenisKelamin, Field::Wilayah}) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{}={}", field_name(f), level_name(f, level(g, f)));
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return fail("usage: link_miss input.csv truth.csv [--examples N] [--top N]");
    size_t examples = 3, top = 25;
    for (int i = 3; i + 1 < argc; i += 2) {
        std::string_view a = argv[i];
        size_t const v = std::strtoull(argv[i + 1], nullptr, 10);
        if (a == "--examples") examples = v;
        else if (a == "--top") top = v;
        else return fail(fmt::format("unknown argument {}", a));
    }
    std::vector<std::array<std::string, 10>> rows;
    std::vector<std::uint32_t> entity;
    auto const error = pilar::bench::read_with_truth(argv[1], argv[2], entity, [&](pilar::CsvRecord const& rec) {
        auto& r = rows.emplace_back();
        for (size_t c = 0; c < 10; ++c) r[c].assign(rec[c]);
    });
    if (!error.empty()) return fail(error);
    LinkOptions options;
    options.threads = 2;
    Linker linker(options);
    {
        std::vector<PersonInput> inputs;
        inputs.reserve(rows.size());
        for (auto const& f : rows)
            inputs.push_back({.nik = f[1], .nama = f[2], .jenis_kelamin = f[3], .tempat_lahir = f[4], .tanggal_lahir = f[5],
                              .alamat = f[6], .rt = f[7], .rw = f[8], .kode_wilayah = f[9]});
        linker.add_batch(inputs);
    }
    LinkResult const result = linker.run();
    FsModel const& model = result.report.fit.model;
    PersonTable const& people = linker.people();
    BlockingOptions blocking = options.blocking;
    blocking.threads = 2;
    BlockingResult const blocks = block(people, blocking);
    double const match_w = weight_of_probability(options.match_probability);
    double const review_w = weight_of_probability(options.review_probability);

    // Missed true pairs.
    std::vector<std::uint64_t> by_entity;
    for (std::uint32_t i = 0; i < entity.size(); ++i) by_entity.push_back(std::uint64_t{entity[i]} << 32 | i);
    std::sort(by_entity.begin(), by_entity.end());
    std::array<long long, static_cast<size_t>(Stage::Count)> stage_count{};
    std::array<std::map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>>, static_cast<size_t>(Stage::Count)>
        kinds;
    // Per stage, per field, per level: how many missed pairs show it.
    std::array<std::array<std::array<long long, kMaxLevels>, kFieldCount>, static_cast<size_t>(Stage::Count)> marginal{};
    long long true_pairs = 0, missed = 0;
    for (size_t a = 0; a < by_entity.size();) {
        size_t b = a;
        while (b < by_entity.size() && by_entity[b] >> 32 == by_entity[a] >> 32) ++b;
        for (size_t x = a; x < b; ++x)
            for (size_t y = x + 1; y < b; ++y) {
                ++true_pairs;
                auto const i = static_cast<std::uint32_t>(by_entity[x]), j = static_cast<std::uint32_t>(by_entity[y]);
                if (result.cluster_of_row[i] == result.cluster_of_row[j]) continue;
                ++missed;
                std::uint32_t const pi = linker.person_of_row(i), pj = linker.person_of_row(j);
                std::uint64_t const key = std::uint64_t{std::min(pi, pj)} << 32 | std::max(pi, pj);
                Pattern const g = compare(people, pi, pj);
                double const w = model.weight(g);
                Stage s;
                if (!std::binary_search(blocks.pairs.begin(), blocks.pairs.end(), key)) s = Stage::NotCandidate;
                else if (w < review_w) s = Stage::BelowReview;
                else if (!linkable(g)) s = Stage::ReviewUnlinkable;
                else if (w < match_w) s = Stage::ReviewWeight;
                else s = Stage::Refused;
                ++stage_count[static_cast<size_t>(s)];
                kinds[static_cast<size_t>(s)][describe(g)].push_back({i, j});
                for (int f = 0; f < kFieldCount; ++f) ++marginal[static_cast<size_t>(s)][f][level(g, static_cast<Field>(f))];
            }
        a = b;
    }
    // Wrong links: pairs of rows in one cluster from different entities, counted per pair of rows.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> members;
    for (std::uint32_t r = 0; r < result.cluster_of_row.size(); ++r) members[result.cluster_of_row[r]].push_back(r);
    std::map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> wrong;
    long long wrong_pairs = 0;
    for (auto const& [c, m] : members) {
        if (m.size() < 2) continue;
        for (size_t x = 0; x < m.size(); ++x)
            for (size_t y = x + 1; y < m.size(); ++y) {
                if (entity[m[x]] == entity[m[y]]) continue;
                ++wrong_pairs;
                wrong[describe(compare(people, linker.person_of_row(m[x]), linker.person_of_row(m[y])))].push_back({m[x], m[y]});
            }
    }

    auto print_kinds = [&](std::map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> const& k) {
        std::vector<std::pair<size_t, std::string>> order;
        for (auto const& [d, v] : k) order.push_back({v.size(), d});
        std::sort(order.rbegin(), order.rend());
        for (size_t n = 0; n < order.size() && n < top; ++n) {
            auto const& v = k.at(order[n].second);
            Pattern const g = compare(people, linker.person_of_row(v[0].first), linker.person_of_row(v[0].second));
            std::cout << fmt::format("  {:>6}  {}  (w {:+.2f})\n", order[n].first, order[n].second, model.weight(g));
            for (size_t e = 0; e < v.size() && e < examples; ++e) {
                auto const& ra = rows[v[e].first];
                auto const& rb = rows[v[e].second];
                std::cout << fmt::format("            {} | {} | {} | {} | {}  ~  {} | {} | {} | {} | {}\n", ra[1], ra[2], ra[3], ra[5],
                                         ra[9], rb[1], rb[2], rb[3], rb[5], rb[9]);
            }
        }
    };
    std::cout << fmt::format("{} rows, {} true pairs, {} missed ({:.5f} recall); {} wrong pairs; {} candidate pairs\n",
                             rows.size(), true_pairs, missed,
                             1.0 - static_cast<double>(missed) / static_cast<double>(true_pairs), wrong_pairs,
                             blocks.pairs.size());
    for (size_t s = 0; s < stage_count.size(); ++s) std::cout << fmt::format("  {:<18} {:>7}\n", kStageNames[s], stage_count[s]);
    std::cout << "\nper field and level (not_candidate below_review review_unlinkable review_weight refused):\n";
    for (int f = 0; f < kFieldCount; ++f)
        for (int l = 0; l < kLevelCount[f]; ++l) {
            std::string line = fmt::format("  {:<14} {:<18}", field_name(static_cast<Field>(f)), level_name(static_cast<Field>(f), l));
            for (size_t s = 0; s < stage_count.size(); ++s) line += fmt::format(" {:>6}", marginal[s][f][l]);
            std::cout << line << '\n';
        }
    for (size_t s = 0; s < stage_count.size(); ++s) {
        std::cout << fmt::format("\n== {} ({})\n", kStageNames[s], stage_count[s]);
        print_kinds(kinds[s]);
    }
    std::cout << fmt::format("\n== wrong links ({})\n", wrong_pairs);
    print_kinds(wrong);
    std::cout << "\nmodel:\n" << describe_model(model);
    return 0;
}
