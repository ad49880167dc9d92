// Field encryption and blind indexes for special-category personal data (UU PDP No. 27/2022:
// health, disability, children), with libsodium.
//
// A Keyring holds one or more 32-byte master keys, each with a small numeric id; the first is
// current. Keys come from a key file or an environment variable, never from the database, so a
// copied database alone reveals nothing encrypted.
//
//   Encrypted values: "v1.<key id>.<base64url(nonce || XChaCha20-Poly1305 ciphertext)>", with
//   associated data naming where the value lives ("anggota.disabilitas#123"), so a ciphertext
//   moved to another row or column fails to decrypt instead of silently showing someone else's
//   data. Decryption picks the key by id, so rotation can re-encrypt gradually.
//   Blind index: keyed BLAKE2b-128 of the normalised value (a NIK's 16 digits), 32 hex digits. Equal
//   inputs give equal indexes under the same keyring, so exact NIK/KK look-ups work without
//   storing the NIK in clear; without the key the index cannot be brute-forced from the small
//   NIK space.
//
//   auto ring = PILAR_TRY(Keyring::load_file("/etc/pilar/pilar.key"));
//   std::string ct = PILAR_TRY(ring.encrypt("tunanetra berat", "anggota.disabilitas#42"));
//   std::string pt = PILAR_TRY(ring.decrypt(ct, "anggota.disabilitas#42"));
//   std::string ix = ring.blind_index("nik", "3671014507900001");
//
// Key file format: one key per line, "<id>:<base64 of 32 bytes>", current key first; '#'
// comments allowed. `pilar key generate` writes one (mode 0400).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar::access {

class Keyring {
public:
    static constexpr std::size_t kKeyBytes = 32;
    // 128 bits: no collision among any country's population, and half the index size of 256
    // bits (the blind indexes are the registry's largest, most-written indexes).
    static constexpr std::size_t kBlindIndexBytes = 16;

    static Result<Keyring> load_file(std::string const& path);
    // Same format as the file, lines separated by ';' or newlines (PILAR_DATA_KEY).
    static Result<Keyring> parse(std::string_view text, std::string_view source);
    // A new keyring text with a fresh random key of the given id.
    static std::string generate_line(std::uint32_t id);

    std::uint32_t current_id() const { return m_keys.front().id; }
    std::size_t size() const { return m_keys.size(); }

    Result<std::string> encrypt(std::string_view plaintext, std::string_view where) const;
    Result<std::string> decrypt(std::string_view stored, std::string_view where) const;
    // True when `stored` was encrypted under a key other than the current one (rotation).
    bool needs_reencrypt(std::string_view stored) const;
    // `purpose` separates index spaces ("nik", "no_kk"): equal values in different purposes
    // give unrelated indexes.
    std::string blind_index(std::string_view purpose, std::string_view normalized_value) const;

private:
    struct Key {
        std::uint32_t id;
        std::array<unsigned char, kKeyBytes> master;
        std::array<unsigned char, kKeyBytes> enc;    // derived: encryption
        std::array<unsigned char, kKeyBytes> index;  // derived: blind index (the oldest key's is used)
    };
    Key const* find(std::uint32_t id) const;
    std::vector<Key> m_keys;
};

}  // namespace pilar::access
