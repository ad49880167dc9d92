#include "access/crypto.hpp"

#include <sodium.h>

#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "core/strings.hpp"

namespace pilar::access {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'p', 'i', 'l', 'a', 'r', 'k', 'e', 'y'};
constexpr std::uint64_t kEncSubkey = 1;
constexpr std::uint64_t kIndexSubkey = 2;

Error key_error(std::string_view source, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {fmt::format("{}: {}", source, id), fmt::format("{}: {}", source, en)});
}

bool from_b64(std::string_view in, int variant, std::vector<unsigned char>& out) {
    out.assign(in.size(), 0);
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), in.data(), in.size(), nullptr, &len, nullptr, variant) != 0) return false;
    out.resize(len);
    return true;
}

}  // namespace

Result<Keyring> Keyring::load_file(std::string const& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(ErrorCode::Unavailable, {fmt::format("Berkas kunci {} tidak ada", path),
                                             fmt::format("Key file {} does not exist", path)});
    if ((st.st_mode & 0077) != 0)
        return fail(ErrorCode::PermissionDenied,
                    {fmt::format("Berkas kunci {} bisa dibaca pengguna lain; jalankan chmod 400", path),
                     fmt::format("Key file {} is readable by other users; run chmod 400", path)});
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

Result<Keyring> Keyring::parse(std::string_view text, std::string_view source) {
    Keyring ring;
    // Comments go first: a comment may itself contain ';', the separator of the one-line form.
    std::string normalized;
    for (auto raw : split(text, '\n')) {
        auto line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        normalized += line;
        normalized += '\n';
    }
    for (auto& c : normalized)
        if (c == ';') c = '\n';
    for (auto raw : split(normalized, '\n')) {
        auto line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        auto colon = line.find(':');
        std::uint32_t id = 0;
        auto id_text = line.substr(0, colon);
        auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
        if (colon == std::string_view::npos || ec != std::errc{} || ptr != id_text.data() + id_text.size())
            return fail(key_error(source, "baris kunci harus \"<id>:<base64>\"", "key lines must be \"<id>:<base64>\""));
        std::vector<unsigned char> bytes;
        if (!from_b64(line.substr(colon + 1), sodium_base64_VARIANT_ORIGINAL, bytes) || bytes.size() != kKeyBytes)
            return fail(key_error(source, fmt::format("kunci {} bukan 32 byte base64", id),
                                  fmt::format("key {} is not 32 bytes of base64", id)));
        if (ring.find(id))
            return fail(key_error(source, fmt::format("id kunci {} dobel", id), fmt::format("duplicate key id {}", id)));
        Key k{};
        k.id = id;
        std::copy(bytes.begin(), bytes.end(), k.master.begin());
        crypto_kdf_derive_from_key(k.enc.data(), k.enc.size(), kEncSubkey, kKdfContext, k.master.data());
        crypto_kdf_derive_from_key(k.index.data(), k.index.size(), kIndexSubkey, kKdfContext, k.master.data());
        sodium_memzero(bytes.data(), bytes.size());
        ring.m_keys.push_back(k);
    }
    if (ring.m_keys.empty())
        return fail(key_error(source, "tidak ada kunci", "no key found"));
    return ring;
}

std::string Keyring::generate_line(std::uint32_t id) {
    unsigned char key[kKeyBytes];
    randombytes_buf(key, sizeof key);
    std::string b64(sodium_base64_ENCODED_LEN(kKeyBytes, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(key, sizeof key);
    b64.resize(std::strlen(b64.c_str()));
    return fmt::format("{}:{}", id, b64);
}

Keyring::Key const* Keyring::find(std::uint32_t id) const {
    for (auto const& k : m_keys)
        if (k.id == id) return &k;
    return nullptr;
}

namespace {

// Random nonces from a per-thread pool refilled 4 KiB at a time: libsodium's randombytes_buf is
// one getrandom() system call per call, which cost more than the encryption itself in a bulk
// import. The bytes are the same kernel randomness, only fetched in bulk.
void random_nonce(unsigned char* out, std::size_t n) {
    thread_local std::array<unsigned char, 4096> pool;
    thread_local std::size_t used = pool.size();
    if (used + n > pool.size()) {
        randombytes_buf(pool.data(), pool.size());
        used = 0;
    }
    std::memcpy(out, pool.data() + used, n);
    sodium_memzero(pool.data() + used, n);  // a used nonce does not linger in memory
    used += n;
}

}  // namespace

Result<std::string> Keyring::encrypt(std::string_view plaintext, std::string_view where) const {
    Key const& k = m_keys.front();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr std::size_t kSmall = 256;
    std::array<unsigned char, kNonce + kSmall + crypto_aead_xchacha20poly1305_ietf_ABYTES> small;
    std::vector<unsigned char> large;
    unsigned char* buf = small.data();
    if (plaintext.size() > kSmall) {
        large.resize(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
        buf = large.data();
    }
    random_nonce(buf, kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(buf + kNonce, &clen, reinterpret_cast<unsigned char const*>(plaintext.data()),
                                               plaintext.size(), reinterpret_cast<unsigned char const*>(where.data()),
                                               where.size(), nullptr, buf, k.enc.data());
    std::size_t const n = kNonce + clen;
    std::string out;
    out.reserve(16 + (n + 2) / 3 * 4);
    out += "v1.";
    out += std::to_string(k.id);
    out += '.';
    append_base64url(out, buf, n);
    return out;
}

Result<std::string> Keyring::decrypt(std::string_view stored, std::string_view where) const {
    auto bad = [] {
        return fail(ErrorCode::Internal, {"Data terenkripsi rusak atau kunci salah", "Encrypted data is damaged or the key is wrong"});
    };
    if (!stored.starts_with("v1.")) return bad();
    auto rest = stored.substr(3);
    auto dot = rest.find('.');
    if (dot == std::string_view::npos) return bad();
    std::uint32_t id = 0;
    auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + dot, id);
    if (ec != std::errc{} || ptr != rest.data() + dot) return bad();
    Key const* k = find(id);
    if (!k)
        return fail(ErrorCode::Unavailable,
                    {fmt::format("Kunci {} untuk data ini tidak ada di berkas kunci", id),
                     fmt::format("Key {} for this data is not in the key file", id)});
    std::vector<unsigned char> buf;
    if (!from_b64(rest.substr(dot + 1), sodium_base64_VARIANT_URLSAFE_NO_PADDING, buf) ||
        buf.size() < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return bad();
    std::string out(buf.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr,
            buf.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, buf.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            reinterpret_cast<unsigned char const*>(where.data()), where.size(), buf.data(), k->enc.data()) != 0)
        return bad();
    out.resize(mlen);
    return out;
}

bool Keyring::needs_reencrypt(std::string_view stored) const {
    return !stored.starts_with(fmt::format("v1.{}.", current_id()));
}

std::string Keyring::blind_index(std::string_view purpose, std::string_view normalized_value) const {
    // The index key is the oldest key's (smallest id), whatever rotation does to encryption:
    // changing it would need every index rebuilt at once (docs/privacy.md, key rotation).
    Key const* oldest = &m_keys.front();
    for (auto const& key : m_keys)
        if (key.id < oldest->id) oldest = &key;
    Key const& k = *oldest;
    crypto_generichash_state st;
    crypto_generichash_init(&st, k.index.data(), k.index.size(), kBlindIndexBytes);
    std::uint64_t plen = purpose.size();
    crypto_generichash_update(&st, reinterpret_cast<unsigned char const*>(&plen), sizeof plen);
    crypto_generichash_update(&st, reinterpret_cast<unsigned char const*>(purpose.data()), purpose.size());
    crypto_generichash_update(&st, reinterpret_cast<unsigned char const*>(normalized_value.data()), normalized_value.size());
    unsigned char h[kBlindIndexBytes];
    crypto_generichash_final(&st, h, sizeof h);
    return hex_lower(h, sizeof h);
}

}  // namespace pilar::access
