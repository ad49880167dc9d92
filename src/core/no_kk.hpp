// NoKk: the 16-digit family-card number (Nomor Kartu Keluarga), laid out as RRRRRR DDMMYY SSSS —
// region of issue (kecamatan level), issue date, serial.
//
// The issue-date part is not checked: its layout (DDMMYY, no +40) is not confirmed by any
// regulation we could find, and cards in circulation are never re-issued to fix it, so a
// strict check would reject real families. The region and serial can never be all zeros.
//
//   auto kk = NoKk::parse("3671012001150003");
//   kk->region6();   // "367101"
//   kk->masked();    // "3671********0003" — for lists, logs and error messages
#pragma once

#include <array>
#include <compare>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace pilar {

class NoKk {
public:
    static constexpr size_t kLength = 16;

    static Result<NoKk> parse(std::string_view input);

    [[nodiscard]] std::string_view str() const { return {m_digits.data(), kLength}; }
    // Province + kab/kota + kecamatan of issue: "367101".
    [[nodiscard]] std::string_view region6() const { return str().substr(0, 6); }
    // Digits 7–12 as written (believed to be DDMMYY of issue; unchecked, see above).
    [[nodiscard]] std::string_view issue_date_digits() const { return str().substr(6, 6); }
    [[nodiscard]] int serial() const;
    // First 4 and last 4 digits visible: "3671********0003".
    [[nodiscard]] std::string masked() const;

    friend auto operator<=>(NoKk const&, NoKk const&) = default;
    friend bool operator==(NoKk const&, NoKk const&) = default;

private:
    explicit NoKk(std::array<char, kLength> digits) : m_digits(digits) {}

    std::array<char, kLength> m_digits{};
};

}  // namespace pilar
