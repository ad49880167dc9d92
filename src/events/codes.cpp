#include "events/codes.hpp"

#include <sodium.h>

namespace pilar::events {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string new_code(std::size_t length) {
    if (sodium_init() < 0) return {};
    std::string out;
    out.reserve(length);
    // 32 symbols: uniform without rejection from the low 5 bits of a random byte.
    while (out.size() < length) out += kAlphabet[randombytes_uniform(32)];
    return out;
}

std::optional<std::string> normalise_code(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        out += c;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::string group_code(std::string_view code) {
    std::string out;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 5 == 0) out += '-';
        out += code[i];
    }
    return out;
}

}  // namespace pilar::events
