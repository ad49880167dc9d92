#include "access/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar::access {
namespace {

// argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2 passes, one
// lane). About 30 ms on one core of a small server: 20 logins a second then cost under a
// third of a 2-core machine, so reads stay responsive while a training event's thousand PSMs
// log in, and a stolen hash table still costs a GPU 19 MiB and two passes per guess.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;

// The most common passwords in public breach lists, plus Indonesian favourites and this
// system's own words. Compared case-insensitively after the length rule.
constexpr std::array<std::string_view, 80> kCommon = {
    "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "1234512345", "9876543210",
    "qwertyuiop", "qwerty1234", "qwerty12345", "1q2w3e4r5t", "1qaz2wsx3edc", "asdfghjkl1", "zxcvbnm123",
    "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou12", "abcdefghij",
    "abc1234567", "abcd123456", "aaaaaaaaaa", "admin12345", "admin123456", "administrator", "welcome123",
    "letmein123", "monkey1234", "dragon1234", "football12", "baseball12", "sunshine12", "princess12",
    "superman12", "trustno1234", "changeme123", "secret1234", "master1234", "computer12", "internet12",
    "indonesia1", "indonesia123", "indonesia45", "merdeka1945", "bismillah1", "bismillah123", "alhamdulillah",
    "sayangku123", "sayangkamu", "cintaku123", "rahasia123", "rahasiaku1", "katasandi1", "katasandi123",
    "kata sandi", "tangerang1", "tangerang123", "jakarta123", "bandung123", "surabaya123", "garuda1234",
    "pancasila1", "persija123", "persib1234", "pilar12345", "pilarsosial", "dinsos1234", "dinassosial",
    "kemensos123", "psm1234567", "tksk123456", "operator123", "kepala1234", "bansos1234", "pkh1234567",
    "1234567890a", "a1234567890", "qwertyuiop1"};

}  // namespace

Result<void> init_crypto() {
    if (sodium_init() < 0)
        return fail(ErrorCode::Internal, {"libsodium gagal dimulai", "libsodium failed to initialise"});
    return {};
}

Result<void> check_password_policy(std::string_view username, std::string_view password) {
    auto reject = [](std::string id, std::string en) {
        return fail(Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field("password"));
    };
    if (password.size() < kMinPasswordLength)
        return reject(fmt::format("Kata sandi minimal {} karakter", kMinPasswordLength),
                      fmt::format("The password must have at least {} characters", kMinPasswordLength));
    if (password.size() > 1024) return reject("Kata sandi terlalu panjang", "The password is too long");
    if (!is_valid_utf8(password)) return reject("Kata sandi harus teks UTF-8", "The password must be UTF-8 text");
    std::string lower = to_lower_ascii(password);
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
        return reject("Kata sandi tidak boleh satu karakter berulang", "The password must not repeat one character");
    for (auto common : kCommon)
        if (lower == common)
            return reject("Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain",
                          "This password is too common and easy to guess; choose another");
    if (!username.empty() && lower.find(to_lower_ascii(username)) != std::string::npos)
        return reject("Kata sandi tidak boleh memuat nama pengguna", "The password must not contain the username");
    return {};
}

Result<std::string> hash_password(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
        return fail(ErrorCode::Unavailable, {"Memori tidak cukup untuk meng-hash kata sandi",
                                             "Not enough memory to hash the password"});
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    std::string h(hash);  // must be NUL-terminated
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy(std::string_view password) {
    static std::string const dummy = hash_password("pilar-dummy-password-for-timing").value_or("");
    (void)verify_password(dummy, password);
}

bool needs_rehash(std::string_view hash) {
    std::string h(hash);
    return crypto_pwhash_str_needs_rehash(h.c_str(), kOpsLimit, kMemLimit) != 0;
}

std::string random_password() {
    static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 16; ++i) out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
    return out;
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(std::string_view token) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<unsigned char const*>(token.data()), token.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

}  // namespace pilar::access
