#include "linkage/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pilar::linkage {
namespace {

// Keeps every probability away from 0, so a level never seen among matches is strong evidence
// against, not an infinite veto.
constexpr double kFloor = 5e-4;

void normalise_field(std::array<double, kMaxLevels>& p, int levels) {
    double sum = 0;
    for (int l = 1; l < levels; ++l) {
        p[l] = std::max(p[l], kFloor);
        sum += p[l];
    }
    for (int l = 1; l < levels; ++l) p[l] /= sum;
}

}  // namespace

void FsModel::update_weights() {
    for (int f = 0; f < kFieldCount; ++f) {
        w[f][0] = 0;
        for (int l = 1; l < kLevelCount[f]; ++l) w[f][l] = std::log2(m[f][l] / u[f][l]);
    }
}

double FsModel::weight(Pattern g) const {
    double s = std::log2(lambda / (1 - lambda));
    for (int f = 0; f < kFieldCount; ++f) s += w[f][level(g, static_cast<Field>(f))];
    return s;
}

double FsModel::probability(Pattern g) const {
    double const x = weight(g);
    return 1.0 / (1.0 + std::exp2(-x));
}

FsModel FsModel::initial() {
    // Domain priors: where EM starts, and the model itself when there are too few pairs to fit
    // one (a hand-made file of twenty rows). Read as "of pairs that are the same person / of
    // candidate pairs that are not, how many show this level".
    struct Prior {
        std::array<double, kMaxLevels> m;
        std::array<double, kMaxLevels> u;
    };
    static constexpr std::array<Prior, kFieldCount> kPriors{{
        // nik: exact, exact_other_person, typo, other_serial, different
        {{0, 0.85, 0.02, 0.05, 0.03, 0.05}, {0, 0.005, 0.02, 0.01, 0.05, 0.915}},
        // nama: exact, phonetic, similar, subset, partial, different
        {{0, 0.65, 0.06, 0.17, 0.07, 0.03, 0.02}, {0, 0.01, 0.004, 0.015, 0.03, 0.25, 0.691}},
        // ayah: agree, different
        {{0, 0.9, 0.1}, {0, 0.1, 0.9}},
        // tanggal_lahir: exact, exact_default, near, year_off, same_year_default, different
        {{0, 0.80, 0.03, 0.07, 0.04, 0.02, 0.04}, {0, 0.01, 0.005, 0.01, 0.01, 0.02, 0.945}},
        // jenis_kelamin: agree, different
        {{0, 0.98, 0.02}, {0, 0.5, 0.5}},
        // tempat_lahir: exact, similar, different
        {{0, 0.85, 0.05, 0.10}, {0, 0.2, 0.05, 0.75}},
        // alamat: exact, similar, different
        {{0, 0.6, 0.2, 0.2}, {0, 0.15, 0.05, 0.8}},
        // wilayah: same_rt, same_rw, same_kelurahan, same_kecamatan, different
        {{0, 0.6, 0.1, 0.15, 0.05, 0.1}, {0, 0.1, 0.05, 0.1, 0.15, 0.6}},
    }};
    FsModel model;
    for (int f = 0; f < kFieldCount; ++f) {
        for (int l = 1; l < kLevelCount[f]; ++l) {
            model.m[f][l] = kPriors[f].m[l];
            model.u[f][l] = kPriors[f].u[l];
        }
        normalise_field(model.m[f], kLevelCount[f]);
        normalise_field(model.u[f], kLevelCount[f]);
    }
    model.lambda = 0.05;
    model.update_weights();
    return model;
}

EmFit estimate_model(std::span<PatternCount const> counts, EmOptions const& options, FsModel const& start) {
    EmFit fit{.model = start};
    FsModel& model = fit.model;
    if (counts.empty()) return fit;
    double total = 0;
    for (auto const& c : counts) total += static_cast<double>(c.count);
    for (int it = 1; it <= options.max_iterations; ++it) {
        fit.iterations = it;
        LevelTable m_acc{}, u_acc{};
        double match_total = 0;
        for (auto const& c : counts) {
            double pm = model.lambda, pu = 1 - model.lambda;
            for (int f = 0; f < kFieldCount; ++f) {
                int const l = level(c.pattern, static_cast<Field>(f));
                if (l == 0) continue;
                pm *= model.m[f][l];
                pu *= model.u[f][l];
            }
            double const p = pm / (pm + pu);
            double const n = static_cast<double>(c.count);
            match_total += n * p;
            for (int f = 0; f < kFieldCount; ++f) {
                int const l = level(c.pattern, static_cast<Field>(f));
                if (l == 0) continue;
                m_acc[f][l] += n * p;
                u_acc[f][l] += n * (1 - p);
            }
        }
        FsModel next = model;
        next.lambda = std::clamp(match_total / total, 1e-6, 1 - 1e-6);
        for (int f = 0; f < kFieldCount; ++f) {
            double ms = 0, us = 0;
            for (int l = 1; l < kLevelCount[f]; ++l) {
                ms += m_acc[f][l];
                us += u_acc[f][l];
            }
            for (int l = 1; l < kLevelCount[f]; ++l) {
                // A field missing in every pair keeps its starting values.
                next.m[f][l] = ms > 0 && !options.fixed_m[f] ? m_acc[f][l] / ms : model.m[f][l];
                next.u[f][l] = us > 0 ? u_acc[f][l] / us : model.u[f][l];
            }
            normalise_field(next.m[f], kLevelCount[f]);
            normalise_field(next.u[f], kLevelCount[f]);
        }
        double delta = std::abs(next.lambda - model.lambda);
        for (int f = 0; f < kFieldCount; ++f)
            for (int l = 1; l < kLevelCount[f]; ++l)
                delta = std::max({delta, std::abs(next.m[f][l] - model.m[f][l]), std::abs(next.u[f][l] - model.u[f][l])});
        model = next;
        if (delta < options.tolerance) {
            fit.converged = true;
            break;
        }
    }
    model.update_weights();
    return fit;
}

std::string describe_model(FsModel const& model) {
    std::string out = fmt::format("lambda={:.5f}\n", model.lambda);
    for (int f = 0; f < kFieldCount; ++f)
        for (int l = 1; l < kLevelCount[f]; ++l)
            out += fmt::format("{}={} m={:.5f} u={:.6f} w={:+.2f}\n", field_name(static_cast<Field>(f)),
                               level_name(static_cast<Field>(f), l), model.m[f][l], model.u[f][l], model.w[f][l]);
    return out;
}

}  // namespace pilar::linkage
