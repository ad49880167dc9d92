#include "linkage/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pilar::linkage {
namespace {

// Keeps every probability away from 0, so a level never seen among matches is strong evidence
// against, not an infinite veto.
constexpr double kFloor = 5e-4;
// The joint table of name and birth date spreads the same mass over 36 cells.
constexpr double kJointFloor = 1e-5;

void normalise_field(std::array<double, kMaxLevels>& p, int levels) {
    double sum = 0;
    for (int l = 1; l < levels; ++l) {
        p[l] = std::max(p[l], kFloor);
        sum += p[l];
    }
    for (int l = 1; l < levels; ++l) p[l] /= sum;
}

}  // namespace

int region_stratum(Pattern g) {
    int const region = level(g, Field::Wilayah);
    return region == RegionSameKecamatan || region == RegionDifferent ? 1 : 0;
}

int model_level(Pattern g, Field f) {
    if (f == Field::Alamat) {
        int const region = level(g, Field::Wilayah);
        if (region == RegionSameKecamatan || region == RegionDifferent) return TextMissing;
    }
    return level(g, f);
}

constexpr int kNama = static_cast<int>(Field::Nama);
constexpr int kTanggal = static_cast<int>(Field::TanggalLahir);

void FsModel::update_weights() {
    for (int f = 0; f < kFieldCount; ++f) {
        w[f][0] = 0;
        for (int l = 1; l < kLevelCount[f]; ++l) w[f][l] = std::log2(m[f][l] / u[f][l]);
    }
    for (int s = 0; s < 2; ++s)
        for (int a = 1; a < kLevelCount[kNama]; ++a)
            for (int b = 1; b < kLevelCount[kTanggal]; ++b)
                w_nama_tanggal[s][a][b] = std::log2(m[kNama][a] * m[kTanggal][b] / u_nama_tanggal[s][a][b]);
}

double FsModel::field_weight(Pattern g, Field f) const {
    int const a = level(g, Field::Nama);
    int const b = level(g, Field::TanggalLahir);
    if (f == Field::Nama && a != 0 && b != 0) return w_nama_tanggal[region_stratum(g)][a][b] - w[kTanggal][b];
    return w[static_cast<int>(f)][model_level(g, f)];
}

double FsModel::weight(Pattern g) const {
    double s = std::log2(lambda / (1 - lambda));
    for (int f = 0; f < kFieldCount; ++f) s += field_weight(g, static_cast<Field>(f));
    return s;
}

namespace {

// Independence: the joint u of name and birth date as the product of their own.
void joint_from_marginals(FsModel& model) {
    for (auto& table : model.u_nama_tanggal)
        for (int a = 1; a < kLevelCount[kNama]; ++a)
            for (int b = 1; b < kLevelCount[kTanggal]; ++b) table[a][b] = model.u[kNama][a] * model.u[kTanggal][b];
}

}  // namespace

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
    joint_from_marginals(model);
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
        std::array<JointTable, 2> joint_acc{};
        double match_total = 0;
        for (auto const& c : counts) {
            int const ln = level(c.pattern, Field::Nama), ld = level(c.pattern, Field::TanggalLahir);
            bool const joint = ln != 0 && ld != 0;
            int const stratum = region_stratum(c.pattern);
            double pm = model.lambda, pu = 1 - model.lambda;
            for (int f = 0; f < kFieldCount; ++f) {
                int const l = model_level(c.pattern, static_cast<Field>(f));
                if (l == 0) continue;
                pm *= model.m[f][l];
                if (!(joint && (f == kNama || f == kTanggal))) pu *= model.u[f][l];
            }
            if (joint) pu *= model.u_nama_tanggal[stratum][ln][ld];
            double const p = pm / (pm + pu);
            double const n = static_cast<double>(c.count);
            match_total += n * p;
            for (int f = 0; f < kFieldCount; ++f) {
                int const l = model_level(c.pattern, static_cast<Field>(f));
                if (l == 0) continue;
                m_acc[f][l] += n * p;
                u_acc[f][l] += n * (1 - p);
            }
            if (joint) joint_acc[stratum][ln][ld] += n * (1 - p);
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
        for (int st = 0; st < 2; ++st) {
            auto const& acc = joint_acc[st];
            auto& table = next.u_nama_tanggal[st];
            double sum = 0;
            for (int a = 1; a < kLevelCount[kNama]; ++a)
                for (int b = 1; b < kLevelCount[kTanggal]; ++b) sum += acc[a][b];
            if (sum > 0) {
                // Floored like every other probability, so an unseen combination is strong
                // evidence, not an infinite one.
                double norm = 0;
                for (int a = 1; a < kLevelCount[kNama]; ++a)
                    for (int b = 1; b < kLevelCount[kTanggal]; ++b) norm += table[a][b] = std::max(acc[a][b] / sum, kJointFloor);
                for (int a = 1; a < kLevelCount[kNama]; ++a)
                    for (int b = 1; b < kLevelCount[kTanggal]; ++b) table[a][b] /= norm;
            }
        }
        double delta = std::abs(next.lambda - model.lambda);
        for (int f = 0; f < kFieldCount; ++f)
            for (int l = 1; l < kLevelCount[f]; ++l)
                delta = std::max({delta, std::abs(next.m[f][l] - model.m[f][l]), std::abs(next.u[f][l] - model.u[f][l])});
        for (int st = 0; st < 2; ++st)
            for (int a = 1; a < kLevelCount[kNama]; ++a)
                for (int b = 1; b < kLevelCount[kTanggal]; ++b)
                    delta = std::max(delta, std::abs(next.u_nama_tanggal[st][a][b] - model.u_nama_tanggal[st][a][b]));
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
    for (int st = 0; st < 2; ++st)
        for (int a = 1; a < kLevelCount[kNama]; ++a)
            for (int b = 1; b < kLevelCount[kTanggal]; ++b)
                out += fmt::format("{} nama={} tanggal_lahir={} u={:.6f} w={:+.2f}\n", st == 0 ? "one_kelurahan" : "two_kelurahan",
                                   level_name(Field::Nama, a), level_name(Field::TanggalLahir, b), model.u_nama_tanggal[st][a][b],
                                   model.w_nama_tanggal[st][a][b]);
    return out;
}

}  // namespace pilar::linkage
