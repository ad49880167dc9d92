#include "core/nik.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar {

namespace {

constexpr int kWomanDayOffset = 40;
// A hint up to this is an age in years, from kYearHintMin on a birth year.
constexpr int kMaxAgeHint = 150;
constexpr int kYearHintMin = 1000;

int two_digits(std::array<char, 16> const& d, size_t at) {
    return (d[at] - '0') * 10 + (d[at + 1] - '0');
}

// How to name one offending character in a message without echoing the whole value.
std::pair<std::string, std::string> describe_char(char c) {
    auto const u = static_cast<unsigned char>(c);
    if (c == ' ') return {"spasi", "a space"};
    if (u > 0x20 && u < 0x7F) return {fmt::format("\"{}\"", c), fmt::format("\"{}\"", c)};
    return {fmt::format("byte 0x{:02X}", u), fmt::format("byte 0x{:02X}", u)};
}

std::string region_dotted(std::string_view region6) {
    return fmt::format("{}.{}.{}", region6.substr(0, 2), region6.substr(2, 2), region6.substr(4, 2));
}

}  // namespace

std::string_view sex_code(Sex sex) { return sex == Sex::L ? "L" : "P"; }

std::optional<Sex> sex_from_code(std::string_view code) {
    code = trim(code);
    if (code == "L" || code == "l") return Sex::L;
    if (code == "P" || code == "p") return Sex::P;
    return std::nullopt;
}

namespace detail {

Result<std::array<char, 16>> parse_sixteen_digits(std::string_view input, std::string_view label) {
    std::string_view const s = trim(input);
    if (s.empty())
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} kosong", label), fmt::format("{} is empty", label)});
    // A spreadsheet that treated the column as a number shows it as 3,67101E+15 and has already
    // lost the last digits; say so, because the fix is in the spreadsheet, not in the value.
    if (s.find("E+") != std::string_view::npos || s.find("e+") != std::string_view::npos)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} tertulis sebagai angka eksponen (mis. 3,67101E+15): digit "
                                 "terakhirnya sudah hilang. Format kolom sebagai Teks di "
                                 "spreadsheet lalu isi ulang {} lengkap 16 digit",
                                 label, label),
                     fmt::format("{} is written in exponent form (e.g. 3.67101E+15): its last "
                                 "digits are already lost. Format the column as Text in the "
                                 "spreadsheet and enter the full 16-digit {} again",
                                 label, label)});
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') continue;
        auto const [what_id, what_en] = describe_char(s[i]);
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} hanya boleh berisi angka 0–9, tetapi karakter ke-{} adalah {}",
                                 label, i + 1, what_id),
                     fmt::format("{} may contain only digits 0–9, but character {} is {}", label,
                                 i + 1, what_en)});
    }
    if (s.size() != 16)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} harus 16 digit, tetapi berisi {} digit", label, s.size()),
                     fmt::format("{} must have 16 digits, but has {}", label, s.size())});
    std::array<char, 16> digits{};
    std::copy(s.begin(), s.end(), digits.begin());
    return digits;
}

}  // namespace detail

Result<Nik> Nik::parse(std::string_view input) {
    auto const digits = PILAR_TRY(detail::parse_sixteen_digits(input, "NIK"));
    Nik const nik(digits);
    // Each check below names the digit positions, so the user can find them on the KTP.
    if (digits[0] == '0' && digits[1] == '0')
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("NIK {} tidak sah: kode provinsi (digit 1–2) tidak boleh 00",
                                 nik.masked()),
                     fmt::format("NIK {} is not valid: the province code (digits 1–2) cannot be 00",
                                 nik.masked())});
    int const day = two_digits(digits, 6);
    if (!((day >= 1 && day <= 31) || (day >= 1 + kWomanDayOffset && day <= 31 + kWomanDayOffset)))
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("NIK {} tidak sah: tanggal lahir (digit 7–8) harus 01–31 untuk "
                                 "laki-laki atau 41–71 untuk perempuan, bukan {:02}",
                                 nik.masked(), day),
                     fmt::format("NIK {} is not valid: the birth day (digits 7–8) must be 01–31 "
                                 "for men or 41–71 for women, not {:02}",
                                 nik.masked(), day)});
    int const month = two_digits(digits, 8);
    if (month < 1 || month > 12)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("NIK {} tidak sah: bulan lahir (digit 9–10) harus 01–12, bukan "
                                 "{:02}",
                                 nik.masked(), month),
                     fmt::format("NIK {} is not valid: the birth month (digits 9–10) must be "
                                 "01–12, not {:02}",
                                 nik.masked(), month)});
    if (nik.serial() == 0)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("NIK {} tidak sah: nomor urut (4 digit terakhir) tidak boleh 0000",
                                 nik.masked()),
                     fmt::format("NIK {} is not valid: the serial number (last 4 digits) cannot "
                                 "be 0000",
                                 nik.masked())});
    return nik;
}

Sex Nik::sex() const { return two_digits(m_digits, 6) > kWomanDayOffset ? Sex::P : Sex::L; }

int Nik::birth_day() const {
    int const day = two_digits(m_digits, 6);
    return day > kWomanDayOffset ? day - kWomanDayOffset : day;
}

int Nik::birth_month() const { return two_digits(m_digits, 8); }

int Nik::birth_yy() const { return two_digits(m_digits, 10); }

int Nik::serial() const { return two_digits(m_digits, 12) * 100 + two_digits(m_digits, 14); }

std::string Nik::masked() const { return mask_middle(str(), 4, 4); }

std::optional<Date> Nik::birth_date(Date today, std::optional<int> known_age_or_year_hint) const {
    // Candidate years end in YY, are not after today, and give an age up to kMaxAgeHint; most
    // recent first. There are at most two. A candidate keeps its place even when DDMM is not a
    // date in that year (29 February 1900), so an invalid embedded date is reported as such
    // instead of silently moving the person a century.
    struct Candidate {
        int year;
        std::optional<Date> date;
    };
    std::vector<Candidate> candidates;
    for (int year = today.year() / 100 * 100 + birth_yy(); today.year() - year <= kMaxAgeHint;
         year -= 100) {
        if (year > today.year() || year < 1) continue;
        auto d = Date::create(year, birth_month(), birth_day());
        if (d && *d > today) continue;
        candidates.push_back({year, d ? std::optional<Date>(*d) : std::nullopt});
    }
    if (candidates.empty()) return std::nullopt;

    std::optional<int> target_year;
    if (known_age_or_year_hint) {
        int const hint = *known_age_or_year_hint;
        if (hint >= 0 && hint <= kMaxAgeHint) target_year = today.year() - hint;
        else if (hint >= kYearHintMin) target_year = hint;
    }
    if (!target_year) return candidates.front().date;
    auto const best = std::min_element(  // first of equals: the more recent century on a tie
        candidates.begin(), candidates.end(), [&](Candidate const& a, Candidate const& b) {
            return std::abs(a.year - *target_year) < std::abs(b.year - *target_year);
        });
    return best->date;
}

std::vector<NikWarning> check_consistency(Nik const& nik, NikContext const& ctx) {
    std::vector<NikWarning> warnings;
    std::string const masked = nik.masked();

    if (ctx.region_known && !ctx.region_known(nik.region6())) {
        std::string const region = region_dotted(nik.region6());
        warnings.push_back(
            {NikWarningKind::UnknownRegion,
             {fmt::format("Kode wilayah {} pada NIK {} tidak dikenal (NIK mungkin diterbitkan di "
                          "daerah lain atau kodenya sudah berubah)",
                          region, masked),
              fmt::format("Region code {} in NIK {} is not known (the NIK may have been issued "
                          "elsewhere, or the code has since changed)",
                          region, masked)}});
    }

    std::string const embedded =
        fmt::format("{:02}-{:02}-{:02}", nik.birth_day(), nik.birth_month(), nik.birth_yy());
    // 2000 + YY is a leap year exactly when YY is a multiple of 4, so it accepts 29 February
    // whenever some century would.
    if (nik.birth_day() > Date::days_in_month(2000 + nik.birth_yy(), nik.birth_month())) {
        warnings.push_back(
            {NikWarningKind::InvalidEmbeddedDate,
             {fmt::format("Tanggal lahir pada NIK {} ({}, HH-BB-TT) bukan tanggal yang ada; NIK "
                          "tidak diubah, periksa tanggal lahir di dokumen lain",
                          masked, embedded),
              fmt::format("The birth date in NIK {} ({}, DD-MM-YY) is not a real date; the NIK "
                          "stays as issued, check the birth date on other documents",
                          masked, embedded)}});
    }

    if (ctx.birth_date) {
        Date const& r = *ctx.birth_date;
        if (r.day() != nik.birth_day() || r.month() != nik.birth_month() ||
            r.year() % 100 != nik.birth_yy()) {
            warnings.push_back(
                {NikWarningKind::BirthDateMismatch,
                 {fmt::format("Tanggal lahir pada NIK {} ({}, HH-BB-TT) berbeda dengan tanggal "
                              "lahir tercatat {}",
                              masked, embedded, r.iso()),
                  fmt::format("The birth date in NIK {} ({}, DD-MM-YY) differs from the "
                              "recorded birth date {}",
                              masked, embedded, r.iso())}});
        }
    }

    if (ctx.sex && *ctx.sex != nik.sex()) {
        bool const nik_says_woman = nik.sex() == Sex::P;
        warnings.push_back(
            {NikWarningKind::SexMismatch,
             {fmt::format("NIK {} menunjukkan {} (tanggal lahir {} 40), tetapi jenis kelamin "
                          "tercatat {}",
                          masked, nik_says_woman ? "perempuan" : "laki-laki",
                          nik_says_woman ? "ditambah" : "tanpa tambahan",
                          *ctx.sex == Sex::P ? "perempuan (P)" : "laki-laki (L)"),
              fmt::format("NIK {} indicates {} (birth day {} 40), but the recorded sex is {}",
                          masked, nik_says_woman ? "a woman" : "a man",
                          nik_says_woman ? "plus" : "without",
                          *ctx.sex == Sex::P ? "female (P)" : "male (L)")}});
    }
    return warnings;
}

}  // namespace pilar
