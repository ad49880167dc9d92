// Comparators: how two people's records agree, field by field, as a discrete level per field —
// the comparison vector of the Fellegi–Sunter model (model.hpp). Level 0 of every field means
// "missing on one side": it carries no evidence either way.
//
//   Pattern g = compare(people, a, b);
//   level(g, Field::Nama);            // e.g. NameLevel::Subset: "Siti Aminah" vs "Aminah"
//   level_name(Field::Nama, level(g, Field::Nama));   // "subset"
//
// The levels, from strongest to weakest agreement:
//   nik            exact | exact but its embedded date/sex contradicts one record and the two records'
//                  birth dates or sexes differ too (a family member entered with the head's NIK) | one
//                  digit off or two adjacent digits swapped (but not in the region digits when each
//                  row lives in the kecamatan its own NIK names: two people born the same day) | same
//                  region and date, another serial (a typo there, or someone born the same day) |
//                  different
//   nama           same tokens in any order, or joined/split (Nurhayati / Nur Hayati) | same
//                  phonetic keys | every token matched, allowing a typo or an initial (Jaro-Winkler
//                  >= 0.9, Damerau-Levenshtein <= 1 on the whole name) | one name's tokens all found in
//                  the other's (dropped tokens) | some tokens match | different
//   ayah           (bin/binti) agree | different
//   tanggal_lahir  exact | exact but a registry default (1 January / 31 December) | day and month
//                  swapped, or one digit or one day off | same day and month, year +-1 or one year digit
//                  off | same year where one side is a default date | different
//   jenis_kelamin  agree | different
//   tempat_lahir, alamat   exact (normalised) | similar (Jaro-Winkler >= 0.9) | different
//   wilayah        same RT | same RW | same kelurahan | same kecamatan | different
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "linkage/person.hpp"

namespace pilar::linkage {

enum class Field : std::uint8_t { Nik, Nama, Ayah, TanggalLahir, JenisKelamin, TempatLahir, Alamat, Wilayah };
inline constexpr int kFieldCount = 8;
inline constexpr std::array<int, kFieldCount> kLevelCount{6, 7, 3, 7, 3, 4, 4, 6};
inline constexpr int kMaxLevels = 7;

enum NikLevel : std::uint8_t { NikMissing, NikExact, NikExactOtherPerson, NikTypo, NikOtherSerial, NikDifferent };
enum NameLevel : std::uint8_t { NameMissing, NameExact, NamePhonetic, NameSimilar, NameSubset, NamePartial, NameDifferent };
enum FatherLevel : std::uint8_t { FatherMissing, FatherAgree, FatherDifferent };
enum DateLevel : std::uint8_t { DateMissing, DateExact, DateExactDefault, DateNear, DateYearOff, DateSameYearDefault, DateDifferent };
enum SexLevel : std::uint8_t { SexMissing, SexAgree, SexDifferent };
enum TextLevel : std::uint8_t { TextMissing, TextExact, TextSimilar, TextDifferent };
enum RegionLevel : std::uint8_t { RegionMissing, RegionSameRt, RegionSameRw, RegionSameKelurahan, RegionSameKecamatan, RegionDifferent };

// The comparison vector: 4 bits per field, Field order.
using Pattern = std::uint32_t;

constexpr int level(Pattern g, Field f) { return static_cast<int>((g >> (4 * static_cast<int>(f))) & 0xF); }
constexpr Pattern with_level(Pattern g, Field f, int lvl) {
    int const shift = 4 * static_cast<int>(f);
    return (g & ~(Pattern{0xF} << shift)) | (static_cast<Pattern>(lvl) << shift);
}

// "nik", "nama", ... (the CSV column names).
std::string_view field_name(Field f);
// "exact", "typo", "subset" ... for the --pairs file.
std::string_view level_name(Field f, int lvl);

// Field comparators (exposed for tests and for the search index to come).
NikLevel compare_nik(Person const& a, Person const& b);
NameLevel compare_names(std::span<std::uint32_t const> a, std::span<std::uint32_t const> b, TokenTable const& tokens);
DateLevel compare_dates(Person const& a, Person const& b);
TextLevel compare_text(std::uint32_t a, std::uint32_t b, StringPool const& pool);
RegionLevel compare_region(Person const& a, Person const& b);

Pattern compare(PersonTable const& people, std::uint32_t a, std::uint32_t b);

}  // namespace pilar::linkage
