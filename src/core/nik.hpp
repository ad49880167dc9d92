// Nik: the 16-digit national identity number (Nomor Induk Kependudukan), laid out as
// PP KK CC DD MM YY SSSS — province, kab/kota and kecamatan where it was first issued, birth
// day (plus 40 for women), birth month, two-digit birth year, serial.
//
// parse() does only the checks that no real NIK can fail (hard errors). Everything that a real,
// issued NIK can still get "wrong" — an embedded date that is not a calendar date, a date or
// sex that disagrees with the civil record, a region code we do not know — is a soft warning
// from check_consistency(), because a NIK is never corrected once issued.
//
//   auto nik = Nik::parse(" 3671014512870001 ");   // trimmed; fails with a bilingual message
//   nik->sex();                                     // Sex::P (day 45 = 5th, woman)
//   nik->masked();                                  // "3671********0001" — for lists and logs
//   nik->birth_date(Date::today(), std::nullopt);   // 1987-12-05
//   for (auto& w : check_consistency(*nik, {.birth_date = recorded})) show(w.message);
//
// Never put str() in an error message or a log line: use masked().
#pragma once

#include <array>
#include <compare>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace pilar {

// Jenis kelamin as the civil registry writes it: L (laki-laki, male), P (perempuan, female).
enum class Sex { L, P };

// "L" / "P".
std::string_view sex_code(Sex sex);
// "L"/"P" (case-insensitive, trimmed); nullopt for anything else.
std::optional<Sex> sex_from_code(std::string_view code);

class Nik {
public:
    static constexpr size_t kLength = 16;

    static Result<Nik> parse(std::string_view input);

    [[nodiscard]] std::string_view str() const { return {m_digits.data(), kLength}; }
    // Province + kab/kota + kecamatan of first issue: "367101".
    [[nodiscard]] std::string_view region6() const { return str().substr(0, 6); }
    [[nodiscard]] Sex sex() const;
    // The day of the month (1–31), with the 40 added for women taken off.
    [[nodiscard]] int birth_day() const;
    [[nodiscard]] int birth_month() const;
    // The two-digit year, 0–99; the century is not in the NIK (see birth_date()).
    [[nodiscard]] int birth_yy() const;
    [[nodiscard]] int serial() const;
    // First 4 and last 4 digits visible: "3671********0001".
    [[nodiscard]] std::string masked() const;

    // The embedded birth date with its century inferred: the most recent year ending in YY that
    // is not after `today`, so the age is 0–99. `hint` settles the ambiguous cases: a value
    // of 1000 or more is a birth year (recorded elsewhere, or stated by the person), a value up
    // to 150 a known age in years; the candidate century closest to it wins. Other values are
    // ignored. nullopt when the embedded day and month are not a calendar date in the chosen
    // year (e.g. 31 February, or 29 February in a common year).
    [[nodiscard]] std::optional<Date> birth_date(Date today,
                                                 std::optional<int> known_age_or_year_hint) const;

    friend auto operator<=>(Nik const&, Nik const&) = default;
    friend bool operator==(Nik const&, Nik const&) = default;

private:
    explicit Nik(std::array<char, kLength> digits) : m_digits(digits) {}

    std::array<char, kLength> m_digits{};
};

enum class NikWarningKind {
    UnknownRegion,        // first 6 digits are not a kecamatan known to this installation
    InvalidEmbeddedDate,  // DDMMYY is not a calendar date (31 February, 29 February of YY=01)
    BirthDateMismatch,    // DDMMYY differs from the recorded birth date
    SexMismatch,          // day >40 (woman) or not, against the recorded sex
};

struct NikWarning {
    NikWarningKind kind;
    Text message;
};

// What else is known about the person, to check the NIK against. Every part is optional.
struct NikContext {
    std::optional<Date> birth_date;
    std::optional<Sex> sex;
    // Is this 6-digit kecamatan code ("367101") known? Unset: region is not checked.
    std::function<bool(std::string_view region6)> region_known;
};

// Soft checks: each disagreement is one warning, in the order of NikWarningKind. Empty when
// everything that can be checked agrees.
std::vector<NikWarning> check_consistency(Nik const& nik, NikContext const& ctx);

namespace detail {
// The check shared by Nik and NoKk: trims ASCII whitespace, then requires exactly 16 digits.
// `label` names the identifier in messages ("NIK", "No. KK": the same in both languages).
Result<std::array<char, 16>> parse_sixteen_digits(std::string_view input, std::string_view label);
}  // namespace detail

}  // namespace pilar
