// Rng: the seeded pseudo-random generator behind `pilar generate` — xoshiro256** seeded through
// splitmix64, with integer-only helpers for bounded, weighted and per-mille draws.
//
//   Rng rng = Rng::for_stream(seed, household_index);  // one independent stream per household
//   int rw = 1 + rng.below(10);                         // 1..10, exactly uniform
//   if (rng.permille(20)) ...                           // true 2.0% of the time
//   int i = rng.weighted(std::array{50, 30, 20});       // index 0, 1 or 2
//
// Written by hand on purpose: the standard distributions (std::uniform_int_distribution,
// std::discrete_distribution, ...) are specified only in what they produce on average, and
// libstdc++, libc++ and MSVC turn the same engine output into different numbers. The generator
// promises byte-identical files for the same seed on every platform, so every draw here is
// plain integer arithmetic on a generator whose output sequence is fully specified, and nothing
// in the generator uses floating point for a value that reaches the output.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace pilar::synth {

// splitmix64 (Steele, Lea, Flood 2014): one step, also used on its own as a good 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A stable 64-bit hash of a string, for values that must depend only on a name or code (the
// number of RW in a kelurahan, its position on the map) and not on the seed.
constexpr std::uint64_t stable_hash(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ull;  // FNV-1a, then one splitmix round to spread it
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return splitmix64(h);
}

// xoshiro256** 1.0 (Blackman, Vigna 2018).
class Rng {
public:
    explicit constexpr Rng(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (auto& s : m_s) s = splitmix64(sm);
    }
    // An independent stream for item `index` of a run seeded with `seed`: household i's values
    // do not depend on how many households come before or after it.
    static constexpr Rng for_stream(std::uint64_t seed, std::uint64_t index) {
        std::uint64_t sm = seed ^ 0x5851F42D4C957F2Dull;
        std::uint64_t const a = splitmix64(sm);
        std::uint64_t mix = index * 0xD1342543DE82EF95ull + a;
        return Rng(splitmix64(mix));
    }

    constexpr std::uint64_t next() {
        std::uint64_t const result = rotl(m_s[1] * 5, 7) * 9;
        std::uint64_t const t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n), n >= 1. Lemire's multiply-and-reject: exactly uniform, no division in
    // the common case.
    constexpr std::uint32_t below(std::uint32_t n) {
        std::uint64_t m = (next() >> 32) * n;
        auto low = static_cast<std::uint32_t>(m);
        if (low < n) {
            std::uint32_t const threshold = static_cast<std::uint32_t>(-n) % n;
            while (low < threshold) {
                m = (next() >> 32) * n;
                low = static_cast<std::uint32_t>(m);
            }
        }
        return static_cast<std::uint32_t>(m >> 32);
    }
    // Uniform in [lo, hi], lo <= hi.
    constexpr int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
    }
    // True with probability p/1000.
    constexpr bool permille(int p) { return static_cast<int>(below(1000)) < p; }
    // An index drawn with the given non-negative integer weights (not all zero).
    constexpr int weighted(std::span<int const> weights) {
        int total = 0;
        for (int w : weights) total += w;
        int r = static_cast<int>(below(static_cast<std::uint32_t>(total)));
        for (size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i]) return static_cast<int>(i);
            r -= weights[i];
        }
        return static_cast<int>(weights.size()) - 1;
    }
    template <typename T>
    constexpr T const& pick(std::span<T const> items) {
        return items[below(static_cast<std::uint32_t>(items.size()))];
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4]{};
};

}  // namespace pilar::synth
