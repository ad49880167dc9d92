#include "core/wilayah_code.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar {

namespace {

constexpr size_t kLevels = 6;
constexpr std::array<size_t, kLevels> kSegmentWidth = {2, 2, 2, 4, 3, 3};
// Total digits of a code at each level: 2, 4, 6, 10, 13, 16.
constexpr std::array<size_t, kLevels> kTotalDigits = {2, 4, 6, 10, 13, 16};
constexpr int kMaxRwRtNumber = 999;

Tingkat tingkat_at(size_t level) { return static_cast<Tingkat>(level); }
size_t level_of(Tingkat t) { return static_cast<size_t>(t); }

// The level as a user reads it in a message; domain words stay untranslated in English too.
std::string_view level_label(size_t level) {
    constexpr std::array<std::string_view, kLevels> kLabels = {
        "provinsi", "kota/kabupaten", "kecamatan", "kelurahan/desa", "RW", "RT"};
    return kLabels[level];
}

Error bad_code(std::string_view input, std::string const& why_id, std::string const& why_en) {
    std::string const shown = excerpt_for_message(input);
    return Error(ErrorCode::InvalidArgument,
                 {fmt::format("Kode wilayah \"{}\" tidak sah: {}", shown, why_id),
                  fmt::format("Region code \"{}\" is not valid: {}", shown, why_en)});
}

// Checks one segment for `level`; the reason in both languages, or nullopt when it is fine.
std::optional<std::pair<std::string, std::string>> segment_problem(std::string_view segment,
                                                                   size_t level) {
    size_t const width = kSegmentWidth[level];
    // The usual case first, without building any message.
    if (segment.size() == width && is_all_digits(segment) &&
        segment.find_first_not_of('0') != std::string_view::npos)
        return std::nullopt;
    std::string_view const label = level_label(level);
    if (segment.empty())
        return std::pair{fmt::format("bagian {} kosong", label),
                         fmt::format("the {} part is empty", label)};
    if (!is_all_digits(segment))
        return std::pair{fmt::format("bagian {} (\"{}\") hanya boleh berisi angka", label,
                                     excerpt_for_message(segment)),
                         fmt::format("the {} part (\"{}\") may contain only digits", label,
                                     excerpt_for_message(segment))};
    if (segment.size() != width)
        return std::pair{fmt::format("bagian {} (\"{}\") harus {} digit", label, segment, width),
                         fmt::format("the {} part (\"{}\") must have {} digits", label, segment,
                                     width)};
    if (segment.find_first_not_of('0') == std::string_view::npos)
        return std::pair{fmt::format("bagian {} tidak boleh {}", label, segment),
                         fmt::format("the {} part cannot be {}", label, segment)};
    return std::nullopt;
}

}  // namespace

std::string_view tingkat_name(Tingkat tingkat) {
    switch (tingkat) {
        case Tingkat::Provinsi: return "provinsi";
        case Tingkat::Kota: return "kota";
        case Tingkat::Kecamatan: return "kecamatan";
        case Tingkat::Kelurahan: return "kelurahan";
        case Tingkat::Rw: return "rw";
        case Tingkat::Rt: return "rt";
    }
    return "provinsi";
}

std::optional<Tingkat> tingkat_from_name(std::string_view name) {
    name = trim(name);
    for (size_t level = 0; level < kLevels; ++level)
        if (equals_ci(name, tingkat_name(tingkat_at(level)))) return tingkat_at(level);
    if (equals_ci(name, "kabupaten")) return Tingkat::Kota;
    if (equals_ci(name, "desa")) return Tingkat::Kelurahan;
    return std::nullopt;
}

Result<WilayahCode> WilayahCode::parse(std::string_view input) {
    std::string_view const s = trim(input);
    if (s.empty())
        return fail(ErrorCode::InvalidArgument, {"Kode wilayah kosong", "Region code is empty"});

    std::array<std::string_view, kLevels> segments{};
    size_t count = 0;
    if (s.find('.') != std::string_view::npos) {
        // Split into the fixed array (no vector): every scope check of a stored record parses
        // its code.
        std::size_t const parts = static_cast<std::size_t>(std::count(s.begin(), s.end(), '.')) + 1;
        if (parts > kLevels)
            return fail(bad_code(input,
                                 fmt::format("terdiri dari {} bagian, paling banyak 6 "
                                             "(provinsi.kota.kecamatan.kelurahan.rw.rt)",
                                             parts),
                                 fmt::format("it has {} parts, at most 6 "
                                             "(provinsi.kota.kecamatan.kelurahan.rw.rt)",
                                             parts)));
        std::string_view rest = s;
        for (count = 0; count < parts; ++count) {
            auto const dot = rest.find('.');
            segments[count] = rest.substr(0, dot);
            rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
        }
    } else {
        if (!is_all_digits(s))
            return fail(bad_code(input, "hanya boleh berisi angka dan titik",
                                 "it may contain only digits and dots"));
        auto const at = std::find(kTotalDigits.begin(), kTotalDigits.end(), s.size());
        if (at == kTotalDigits.end())
            return fail(bad_code(
                input,
                fmt::format("berisi {} digit; kode tanpa titik harus 2, 4, 6, 10, 13 atau 16 "
                            "digit (misalnya 3671011001), atau tulis dengan titik "
                            "(36.71.01.1001)",
                            s.size()),
                fmt::format("it has {} digits; a code without dots has 2, 4, 6, 10, 13 or 16 "
                            "digits (e.g. 3671011001), or write it with dots (36.71.01.1001)",
                            s.size())));
        count = static_cast<size_t>(at - kTotalDigits.begin()) + 1;
        size_t from = 0;
        for (size_t level = 0; level < count; ++level) {
            segments[level] = s.substr(from, kSegmentWidth[level]);
            from += kSegmentWidth[level];
        }
    }

    WilayahCode code;
    for (size_t level = 0; level < count; ++level) {
        if (auto problem = segment_problem(segments[level], level))
            return fail(bad_code(input, problem->first, problem->second));
        std::copy(segments[level].begin(), segments[level].end(),
                  code.m_digits.begin() + code.m_length);
        code.m_length = static_cast<std::uint8_t>(code.m_length + segments[level].size());
    }
    code.m_tingkat = tingkat_at(count - 1);
    return code;
}

std::string WilayahCode::dotted() const {
    std::string out;
    out.reserve(m_length + kLevels);
    size_t from = 0;
    for (size_t level = 0; level <= level_of(m_tingkat); ++level) {
        if (level > 0) out += '.';
        out.append(m_digits.data() + from, kSegmentWidth[level]);
        from += kSegmentWidth[level];
    }
    return out;
}

std::optional<WilayahCode> WilayahCode::parent() const {
    if (m_tingkat == Tingkat::Provinsi) return std::nullopt;
    WilayahCode up = *this;
    size_t const level = level_of(m_tingkat);
    up.m_tingkat = tingkat_at(level - 1);
    up.m_length = static_cast<std::uint8_t>(kTotalDigits[level - 1]);
    std::fill(up.m_digits.begin() + up.m_length, up.m_digits.end(), '\0');
    return up;
}

bool WilayahCode::contains(WilayahCode const& other) const {
    return other.m_length >= m_length && other.undotted().substr(0, m_length) == undotted();
}

Result<WilayahCode> WilayahCode::child(std::string_view segment) const {
    if (m_tingkat == Tingkat::Rt)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} adalah RT: tidak ada tingkat di bawah RT", dotted()),
                     fmt::format("{} is an RT: there is no level below RT", dotted())});
    size_t const level = level_of(m_tingkat) + 1;
    if (auto problem = segment_problem(segment, level))
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Tidak bisa membuat kode di bawah {}: {}", dotted(), problem->first),
                     fmt::format("Cannot make a code below {}: {}", dotted(), problem->second)});
    WilayahCode down = *this;
    std::copy(segment.begin(), segment.end(), down.m_digits.begin() + m_length);
    down.m_length = static_cast<std::uint8_t>(kTotalDigits[level]);
    down.m_tingkat = tingkat_at(level);
    return down;
}

namespace {

Result<WilayahCode> numbered_child(WilayahCode const& parent, Tingkat expected_parent, int number) {
    size_t const level = level_of(expected_parent) + 1;
    std::string_view const label = level_label(level);
    if (parent.tingkat() != expected_parent)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} hanya bisa dibuat di bawah tingkat {}, sedangkan {} bertingkat {}", label,
                                 level_label(level - 1), parent.dotted(),
                                 level_label(level_of(parent.tingkat()))),
                     fmt::format("{} can only be added below level {}, but {} is at level {}", label,
                                 level_label(level - 1), parent.dotted(),
                                 level_label(level_of(parent.tingkat())))});
    if (number < 1 || number > kMaxRwRtNumber)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Nomor {} harus 1–999, bukan {}", label, number),
                     fmt::format("The {} number must be 1–999, not {}", label, number)});
    return parent.child(fmt::format("{:03}", number));
}

}  // namespace

Result<WilayahCode> WilayahCode::rw(WilayahCode const& kelurahan, int number) {
    return numbered_child(kelurahan, Tingkat::Kelurahan, number);
}

Result<WilayahCode> WilayahCode::rt(WilayahCode const& rw, int number) {
    return numbered_child(rw, Tingkat::Rw, number);
}

}  // namespace pilar
