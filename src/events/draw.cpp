#include "events/draw.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <limits>


namespace pilar::events {
namespace {

constexpr std::string_view kTag = "pilar-undian-v1";

// ChaCha20 keystream as little-endian 64-bit words, a block (64 bytes) at a time.
class Stream {
public:
    explicit Stream(std::string_view seed) {
        std::string msg(kTag);
        msg.push_back('\0');
        msg.append(seed);
        crypto_generichash(m_key.data(), m_key.size(), reinterpret_cast<unsigned char const*>(msg.data()), msg.size(),
                           nullptr, 0);
    }

    std::uint64_t next() {
        if (m_pos == m_block.size()) refill();
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | m_block[m_pos + static_cast<std::size_t>(i)];
        m_pos += 8;
        return v;
    }

    // Uniform in [0, m), m >= 1, without modulo bias.
    std::uint64_t uniform(std::uint64_t m) {
        // 2^64 mod m, computed in 64 bits: (2^64 - m) mod m.
        std::uint64_t const rem = (std::numeric_limits<std::uint64_t>::max() - m + 1) % m;
        std::uint64_t const limit = rem == 0 ? 0 : std::numeric_limits<std::uint64_t>::max() - rem + 1;  // 0: none rejected
        for (;;) {
            std::uint64_t const x = next();
            if (limit == 0 || x < limit) return x % m;
        }
    }

private:
    void refill() {
        std::array<unsigned char, crypto_stream_chacha20_ietf_NONCEBYTES> nonce{};
        m_block.fill(0);
        crypto_stream_chacha20_ietf_xor_ic(m_block.data(), m_block.data(), m_block.size(), nonce.data(), m_counter++,
                                           m_key.data());
        m_pos = 0;
    }

    std::array<unsigned char, crypto_stream_chacha20_ietf_KEYBYTES> m_key{};
    std::array<unsigned char, 64> m_block{};
    std::size_t m_pos = 64;
    std::uint32_t m_counter = 0;
};

}  // namespace

std::vector<std::int64_t> draw_winners(std::string_view seed, std::vector<std::int64_t> eligible, std::size_t count) {
    if (sodium_init() < 0) return {};
    std::sort(eligible.begin(), eligible.end());
    eligible.erase(std::unique(eligible.begin(), eligible.end()), eligible.end());
    std::size_t const n = eligible.size();
    std::size_t const k = std::min(count, n);
    Stream rng(seed);
    for (std::size_t i = 0; i < k; ++i) {
        std::size_t const j = i + static_cast<std::size_t>(rng.uniform(n - i));
        std::swap(eligible[i], eligible[j]);
    }
    eligible.resize(k);
    return eligible;
}

std::string calon_digest(std::vector<std::int64_t> const& sorted_ids) {
    if (sodium_init() < 0) return {};
    std::string text;
    for (std::size_t i = 0; i < sorted_ids.size(); ++i) {
        if (i) text += ',';
        text += std::to_string(sorted_ids[i]);
    }
    std::array<unsigned char, 32> h{};
    crypto_generichash(h.data(), h.size(), reinterpret_cast<unsigned char const*>(text.data()), text.size(), nullptr, 0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
    return std::string(hex.data());
}

}  // namespace pilar::events
