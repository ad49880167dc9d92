#include "linkage/compare.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "linkage/similarity.hpp"

namespace pilar::linkage {

std::string_view field_name(Field f) {
    static constexpr std::array<std::string_view, kFieldCount> kNames{
        "nik", "nama", "ayah", "tanggal_lahir", "jenis_kelamin", "tempat_lahir", "alamat", "wilayah"};
    return kNames[static_cast<size_t>(f)];
}

std::string_view level_name(Field f, int lvl) {
    using L = std::array<std::string_view, kMaxLevels>;
    static constexpr std::array<L, kFieldCount> kLevels{
        L{"-", "exact", "exact_other_person", "typo", "other_serial", "different"},
        L{"-", "exact", "phonetic", "similar", "subset", "partial", "different"},
        L{"-", "agree", "different"},
        L{"-", "exact", "exact_default", "near", "year_off", "same_year_default", "different"},
        L{"-", "agree", "different"},
        L{"-", "exact", "similar", "different"},
        L{"-", "exact", "similar", "different"},
        L{"-", "same_rt", "same_rw", "same_kelurahan", "same_kecamatan", "different"},
    };
    if (lvl < 0 || lvl >= kLevelCount[static_cast<size_t>(f)]) return "?";
    return kLevels[static_cast<size_t>(f)][static_cast<size_t>(lvl)];
}

namespace {

// The NIK's first six digits (province, kota, kecamatan of issue) as a number, as the first six
// digits of Person::kelurahan.
std::uint64_t nik_kecamatan(Person const& p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 6; ++i) v = v * 10 + static_cast<std::uint64_t>(p.nik[i] - '0');
    return v;
}

}  // namespace

NikLevel compare_nik(Person const& a, Person const& b) {
    if (!a.has_nik || !b.has_nik) return NikMissing;
    // Same region and embedded date: people born the same day in one kecamatan differ only here.
    if (std::equal(a.nik.begin(), a.nik.begin() + 12, b.nik.begin()) &&
        !std::equal(a.nik.begin() + 12, a.nik.end(), b.nik.begin() + 12))
        return NikOtherSerial;
    int diffs = 0;
    int first = -1;
    for (int i = 0; i < 16; ++i) {
        if (a.nik[i] != b.nik[i]) {
            if (first < 0) first = i;
            if (++diffs > 2) return NikDifferent;
        }
    }
    if (diffs == 0)
        return a.nik_self == NikSelf::Disagrees || b.nik_self == NikSelf::Disagrees ? NikExactOtherPerson : NikExact;
    // Two differences: a typo only when they are two neighbours swapped.
    if (diffs == 2 && !(first + 1 < 16 && a.nik[first] == b.nik[first + 1] && a.nik[first + 1] == b.nik[first] &&
                        a.nik[first] != a.nik[first + 1]))
        return NikDifferent;
    // A difference in the region digits that each row's own kecamatan explains is no typo: two
    // people born the same day in two kecamatan, with the same low serial, hold NIKs that differ
    // just there.
    if (first < 6 && a.kelurahan != 0 && b.kelurahan != 0 && nik_kecamatan(a) == a.kelurahan / 10000 &&
        nik_kecamatan(b) == b.kelurahan / 10000)
        return NikDifferent;
    return NikTypo;
}

namespace {

double token_similarity(std::uint32_t x, std::uint32_t y, TokenTable const& tokens) {
    if (x == y) return 1.0;
    if (tokens.phonetic(x) == tokens.phonetic(y)) return 0.97;
    std::string_view const tx = tokens.text(x);
    std::string_view const ty = tokens.text(y);
    if (tx.empty() || ty.empty()) return 0.0;
    // An initial stands for any token starting with that letter.
    if (tx.size() == 1 || ty.size() == 1) return tx[0] == ty[0] ? 0.9 : 0.0;
    return jaro_winkler(tx, ty);
}

template <typename F>
std::string concat(std::span<std::uint32_t const> name, F text) {
    std::string out;
    for (auto t : name) out += text(t);
    return out;
}

bool same_multiset(std::span<std::uint32_t const> a, std::span<std::uint32_t const> b, auto key) {
    if (a.size() != b.size()) return false;
    std::array<std::uint32_t, kMaxNameTokens> x{}, y{};
    size_t const n = std::min(a.size(), kMaxNameTokens);
    for (size_t i = 0; i < n; ++i) {
        x[i] = key(a[i]);
        y[i] = key(b[i]);
    }
    std::sort(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
    std::sort(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
    return std::equal(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n), y.begin());
}

bool is_default_date(Person const& p) { return (p.month == 1 && p.day == 1) || (p.month == 12 && p.day == 31); }

// Two numbers whose decimal digits differ in exactly one place, or by two neighbours swapped.
bool one_digit_apart(int x, int y) {
    if (x == y) return false;
    // Written with at least two digits, as in YYYY-MM-DD: 05 and 15 are one digit apart.
    std::string a = std::to_string(x);
    std::string b = std::to_string(y);
    if (a.size() < 2) a.insert(0, 1, '0');
    if (b.size() < 2) b.insert(0, 1, '0');
    if (a.size() != b.size()) return false;
    return damerau_levenshtein(a, b, 1) == 1;
}

}  // namespace

NameLevel compare_names(std::span<std::uint32_t const> a, std::span<std::uint32_t const> b, TokenTable const& tokens) {
    if (a.empty() || b.empty()) return NameMissing;
    if (same_multiset(a, b, [](std::uint32_t t) { return t; })) return NameExact;
    auto const text = [&tokens](std::uint32_t t) { return tokens.text(t); };
    std::string const ca = concat(a, text);
    std::string const cb = concat(b, text);
    if (ca == cb) return NameExact;  // joined or split differently
    if (same_multiset(a, b, [&tokens](std::uint32_t t) { return tokens.phonetic(t); })) return NamePhonetic;
    auto const phon = [&tokens](std::uint32_t t) { return tokens.phonetic_text(t); };
    if (concat(a, phon) == concat(b, phon)) return NamePhonetic;

    auto const& shorter = a.size() <= b.size() ? a : b;
    auto const& longer = a.size() <= b.size() ? b : a;
    std::array<bool, kMaxNameTokens> used{};
    size_t matched = 0;
    for (auto s : shorter) {
        double best = 0.0;
        size_t best_j = 0;
        for (size_t j = 0; j < longer.size() && j < kMaxNameTokens; ++j) {
            if (used[j]) continue;
            double const sim = token_similarity(s, longer[j], tokens);
            if (sim > best) {
                best = sim;
                best_j = j;
            }
        }
        if (best >= 0.9) {
            used[best_j] = true;
            ++matched;
        }
    }
    bool const all = matched == shorter.size();
    if (all && shorter.size() == longer.size()) return NameSimilar;
    size_t const longest = std::max(ca.size(), cb.size());
    if (damerau_levenshtein(ca, cb, 2) <= (longest >= 12 ? 2 : 1)) return NameSimilar;
    if (all) return NameSubset;
    if (matched > 0 && matched * 2 >= shorter.size()) return NamePartial;
    return NameDifferent;
}

DateLevel compare_dates(Person const& a, Person const& b) {
    if (!a.has_dob || !b.has_dob) return DateMissing;
    bool const default_a = is_default_date(a);
    bool const default_b = is_default_date(b);
    if (a.year == b.year && a.month == b.month && a.day == b.day)
        return default_a ? DateExactDefault : DateExact;
    if (a.year == b.year) {
        if (default_a || default_b) return DateSameYearDefault;
        if (a.month == b.day && a.day == b.month) return DateNear;
        if (a.month == b.month && (std::abs(a.day - b.day) == 1 || one_digit_apart(a.day, b.day))) return DateNear;
        if (a.day == b.day && one_digit_apart(a.month, b.month)) return DateNear;
        return DateDifferent;
    }
    if (a.month == b.month && a.day == b.day && (std::abs(a.year - b.year) == 1 || one_digit_apart(a.year, b.year)))
        return DateYearOff;
    return DateDifferent;
}

TextLevel compare_text(std::uint32_t a, std::uint32_t b, StringPool const& pool) {
    if (a == 0 || b == 0) return TextMissing;
    if (a == b) return TextExact;
    return jaro_winkler(pool.text(a), pool.text(b)) >= 0.9 ? TextSimilar : TextDifferent;
}

RegionLevel compare_region(Person const& a, Person const& b) {
    if (a.kelurahan == 0 || b.kelurahan == 0) return RegionMissing;
    if (a.kelurahan != b.kelurahan)
        return a.kelurahan / 10000 == b.kelurahan / 10000 ? RegionSameKecamatan : RegionDifferent;
    if (a.rw == 0 || b.rw == 0 || a.rw != b.rw) return RegionSameKelurahan;
    if (a.rt == 0 || b.rt == 0 || a.rt != b.rt) return RegionSameRw;
    return RegionSameRt;
}

Pattern compare(PersonTable const& people, std::uint32_t ia, std::uint32_t ib) {
    Person const& a = people[ia];
    Person const& b = people[ib];
    TokenTable const& tokens = people.tokens();
    Pattern g = 0;
    NikLevel nik = compare_nik(a, b);
    DateLevel const dob = compare_dates(a, b);
    // The NIK's embedded date disagrees with a record, but the two records' dates are close: a
    // typo in a date, not someone else's NIK.
    if (nik == NikExactOtherPerson && dob != DateDifferent &&
        !(a.sex != SexCode::Unknown && b.sex != SexCode::Unknown && a.sex != b.sex))
        nik = NikExact;
    g = with_level(g, Field::Nik, nik);
    g = with_level(g, Field::Nama, compare_names(people.name(ia), people.name(ib), tokens));
    auto const fa = people.father(ia);
    auto const fb = people.father(ib);
    if (!fa.empty() && !fb.empty())
        g = with_level(g, Field::Ayah, compare_names(fa, fb, tokens) <= NameSubset ? FatherAgree : FatherDifferent);
    g = with_level(g, Field::TanggalLahir, dob);
    if (a.sex != SexCode::Unknown && b.sex != SexCode::Unknown)
        g = with_level(g, Field::JenisKelamin, a.sex == b.sex ? SexAgree : SexDifferent);
    g = with_level(g, Field::TempatLahir, compare_text(a.place, b.place, people.places()));
    g = with_level(g, Field::Alamat, compare_text(a.address, b.address, people.addresses()));
    g = with_level(g, Field::Wilayah, compare_region(a, b));
    return g;
}

}  // namespace pilar::linkage
