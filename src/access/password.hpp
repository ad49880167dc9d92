// Password hashing and policy. Hashes are argon2id through libsodium's crypto_pwhash_str at
// OWASP's recommended minimum (19 MiB, 2 passes; password.cpp says why). The parameters live in
// the hash string, so raising them later only needs rehash-on-login.
//
//   auto ok = check_password_policy("admin", candidate);      // length, common list, username
//   std::string h = hash_password(candidate).value();
//   bool valid = verify_password(h, attempt);
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace pilar::access {

constexpr std::size_t kMinPasswordLength = 10;

Result<void> check_password_policy(std::string_view username, std::string_view password);
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// Spends the same time as a real verification; used for unknown usernames so that timing does
// not reveal which usernames exist.
void verify_dummy(std::string_view password);
bool needs_rehash(std::string_view hash);

// A random password for generated accounts (demo users): 16 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I).
std::string random_password();
// A random token for sessions and API tokens: 32 bytes, base64url without padding.
std::string random_token();
// BLAKE2b-256 of a token, hex: what the database keeps instead of the token. Unkeyed is enough:
// the token has 256 random bits, so the hash cannot be reversed by guessing.
std::string token_hash(std::string_view token);

Result<void> init_crypto();

}  // namespace pilar::access
