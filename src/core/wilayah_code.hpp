// WilayahCode: a Kemendagri region code, extended by Pilar below the kelurahan with a 3-digit RW
// and a 3-digit RT number (DESIGN.md, "Codes below the kelurahan"). One value type for every
// level, so every API and CLI that takes a wilayah takes any level.
//
//   level       dotted                    undotted
//   provinsi    36                        36
//   kota        36.71                     3671
//   kecamatan   36.71.01                  367101
//   kelurahan   36.71.01.1001             3671011001
//   rw          36.71.01.1001.004         3671011001004
//   rt          36.71.01.1001.004.012     3671011001004012
//
//   auto kode = WilayahCode::parse("36.71.01.1001");         // or "3671011001"
//   auto rw4  = WilayahCode::rw(*kode, 4);                    // 36.71.01.1001.004
//   kode->contains(*rw4);                                     // true: scope checks use this
//   rw4->parent()->dotted();                                  // "36.71.01.1001"
//
// Kota and kabupaten share a level, as do kelurahan and desa: the code does not tell them apart
// (the name does), and no rule in Pilar treats them differently.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace pilar {

enum class Tingkat {
    Provinsi,
    Kota,       // kota or kabupaten
    Kecamatan,
    Kelurahan,  // kelurahan or desa
    Rw,
    Rt,
};

// "provinsi", "kota", "kecamatan", "kelurahan", "rw", "rt": stable, used in the API and CSVs.
std::string_view tingkat_name(Tingkat tingkat);
// Inverse of tingkat_name(), case-insensitive; also accepts "kabupaten" and "desa".
std::optional<Tingkat> tingkat_from_name(std::string_view name);

class WilayahCode {
public:
    static constexpr size_t kMaxDigits = 16;

    // Dotted or undotted, surrounding whitespace ignored. Every segment must have its level's
    // width (2, 2, 2, 4, 3, 3 digits) and none may be all zeros.
    static Result<WilayahCode> parse(std::string_view input);
    // The RW numbered `number` (1–999) in a kelurahan/desa.
    static Result<WilayahCode> rw(WilayahCode const& kelurahan, int number);
    // The RT numbered `number` (1–999) in an RW.
    static Result<WilayahCode> rt(WilayahCode const& rw, int number);

    [[nodiscard]] std::string dotted() const;
    [[nodiscard]] std::string_view undotted() const { return {m_digits.data(), m_length}; }
    [[nodiscard]] Tingkat tingkat() const { return m_tingkat; }
    // One level up; nullopt for a provinsi.
    [[nodiscard]] std::optional<WilayahCode> parent() const;
    // True when `other` is this code or lies below it.
    [[nodiscard]] bool contains(WilayahCode const& other) const;
    // The code one level down with the given segment ("1001" under a kecamatan, "004" under a
    // kelurahan); the segment must have that level's width.
    [[nodiscard]] Result<WilayahCode> child(std::string_view segment) const;

    // Orders like the dotted text: a parent sorts right before its children.
    friend auto operator<=>(WilayahCode const&, WilayahCode const&) = default;
    friend bool operator==(WilayahCode const&, WilayahCode const&) = default;

private:
    WilayahCode() = default;

    // Zero-filled past m_length, so the defaulted comparison puts prefixes first.
    std::array<char, kMaxDigits> m_digits{};
    std::uint8_t m_length = 0;
    Tingkat m_tingkat = Tingkat::Provinsi;
};

}  // namespace pilar
