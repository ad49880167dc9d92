#include "registry/columns.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>

#include <fmt/format.h>
#include <sodium.h>

#include "core/nik.hpp"
#include "core/no_kk.hpp"
#include "core/strings.hpp"
#include "core/wilayah_code.hpp"
#include "registry/vocab.hpp"

namespace pilar::registry {
namespace {

constexpr std::array<ColumnSpec, static_cast<std::size_t>(KCol::Count)> kKeluarga{{
    {"no_kk", true, Kind::Digits16},
    {"kode_wilayah", true, Kind::Kelurahan},
    {"rw", false, Kind::Number3},
    {"rt", false, Kind::Number3},
    {"alamat", true, Kind::Text, 0, 200},
    {"lat", false, Kind::Real, -11, 6},
    {"lon", false, Kind::Real, 95, 141},
    {"desil", false, Kind::Integer, 1, 10},
    {"status_bangunan", false, Kind::Code},
    {"status_lahan", false, Kind::Code},
    {"luas_lantai", false, Kind::Real, 1, 10000},
    {"jenis_lantai", false, Kind::Code},
    {"jenis_dinding", false, Kind::Code},
    {"kondisi_dinding", false, Kind::Code},
    {"jenis_atap", false, Kind::Code},
    {"kondisi_atap", false, Kind::Code},
    {"jumlah_kamar", false, Kind::Integer, 0, 50},
    {"sumber_air", false, Kind::Code},
    {"sumber_penerangan", false, Kind::Code},
    {"daya_listrik", false, Kind::Code},
    {"bahan_bakar", false, Kind::Code},
    {"fasilitas_bab", false, Kind::Code},
    {"aset", false, Kind::Codes},
}};

constexpr std::array<ColumnSpec, static_cast<std::size_t>(ACol::Count)> kAnggota{{
    {"nik", false, Kind::Digits16},
    {"no_kk", true, Kind::Digits16},
    {"nama", true, Kind::Text, 0, 100},
    {"jenis_kelamin", true, Kind::Sex},
    {"tempat_lahir", false, Kind::Text, 0, 60},
    {"tanggal_lahir", false, Kind::Date},
    {"hubungan", true, Kind::Code},
    {"status_kawin", false, Kind::Code},
    {"pendidikan", false, Kind::Code},
    {"pekerjaan", false, Kind::Text, 0, 60},
    {"disabilitas_jenis", false, Kind::Code},
    {"disabilitas_tingkat", false, Kind::Code},
    {"penyakit_kronis", false, Kind::Codes},
    {"status_keberadaan", false, Kind::Code},
    {"status_padan", false, Kind::Code},
    {"ppks", false, Kind::PpksList},
    {"nisn", false, Kind::Digits10},
    {"sekolah", false, Kind::Text, 0, 100},
}};

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : trim(s)) {
        if (c == ' ') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void trim_in_place(std::string& v) {
    auto t = trim(v);
    if (t.size() != v.size()) v = std::string(t);
}

void lower_in_place(std::string& v) {
    for (auto& c : v)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

// A Code or Codes column's vocabulary, found once per column of the two tables: vocab() compares
// the field name with every vocabulary's, once per value, which was ~1,000 instructions a member
// in a bulk import.
Vocab const* spec_vocab(ColumnSpec const& spec) {
    static auto const table = [] {
        std::array<Vocab const*, kKeluarga.size() + kAnggota.size()> t{};
        for (std::size_t i = 0; i < kKeluarga.size(); ++i) t[i] = vocab(kKeluarga[i].name);
        for (std::size_t i = 0; i < kAnggota.size(); ++i) t[kKeluarga.size() + i] = vocab(kAnggota[i].name);
        return t;
    }();
    auto in = [&](auto const& specs) {
        return !std::less<>{}(&spec, specs.data()) && std::less<>{}(&spec, specs.data() + specs.size());
    };
    if (in(kKeluarga)) return table[static_cast<std::size_t>(&spec - kKeluarga.data())];
    if (in(kAnggota)) return table[kKeluarga.size() + static_cast<std::size_t>(&spec - kAnggota.data())];
    return vocab(spec.name);
}

Text bad_code(ColumnSpec const& spec, std::string_view code) {
    auto const* v = spec_vocab(spec);
    std::string allowed;
    if (v)
        for (auto const& c : v->codes) {
            if (!allowed.empty()) allowed += ", ";
            allowed += c.code;
        }
    auto shown = excerpt_for_message(code, 40);
    return {fmt::format("kode '{}' tidak dikenal; yang berlaku: {}", shown, allowed),
            fmt::format("unknown code '{}'; valid codes: {}", shown, allowed)};
}

std::optional<Text> validate_codes(ColumnSpec const& spec, std::string& value) {
    auto const* v = spec_vocab(spec);
    std::array<bool, 64> seen{};
    for (auto item : split_list(value)) {
        std::string code(trim(item));
        lower_in_place(code);
        int i = v ? v->index_of(code) : -1;
        if (i < 0) return bad_code(spec, code);
        seen[static_cast<std::size_t>(i)] = true;
    }
    std::string out;
    for (std::size_t i = 0; v && i < v->codes.size(); ++i)
        if (seen[i]) {
            if (!out.empty()) out += ';';
            out += v->codes[i].code;
        }
    value = std::move(out);
    return std::nullopt;
}

std::optional<Text> validate_ppks(std::string& value) {
    std::array<bool, 27> seen{};
    for (auto item : split_list(value)) {
        auto t = trim(item);
        int n = 0;
        auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
        if (ec != std::errc() || p != t.data() + t.size() || n < 1 || n > 26)
            return Text{fmt::format("'{}' bukan nomor PPKS (1 sampai 26)", excerpt_for_message(t, 20)),
                        fmt::format("'{}' is not a PPKS number (1 to 26)", excerpt_for_message(t, 20))};
        seen[static_cast<std::size_t>(n)] = true;
    }
    std::string out;
    for (int i = 1; i <= 26; ++i)
        if (seen[static_cast<std::size_t>(i)]) {
            if (!out.empty()) out += ';';
            out += std::to_string(i);
        }
    value = std::move(out);
    return std::nullopt;
}

std::string shown_value(ColumnSpec const& spec, std::string_view v) {
    if (spec.kind == Kind::Digits16) return mask16(v);
    return excerpt_for_message(v, 60);
}

template <typename Col, std::size_t N>
void validate_all(Record<Col>& r, std::array<ColumnSpec, N> const& specs, Date today, std::vector<FieldError>& errors) {
    for (std::size_t i = 0; i < N; ++i) {
        auto& v = r.fields[i];
        // The value as given, for the report: a per-thread copy that keeps its capacity (a bulk
        // import validates millions of fields and almost none fail).
        thread_local std::string original;
        original.assign(v);
        if (auto e = validate_value(specs[i], v, today))
            errors.push_back({std::string(specs[i].name), shown_value(specs[i], original), std::move(*e)});
    }
}

void add(std::vector<FieldError>& errors, std::string_view column, std::string value, Text t) {
    errors.push_back({std::string(column), std::move(value), std::move(t)});
}

// BLAKE2b-128 rather than a fast non-cryptographic hash: a crafted row must not be able to
// pass as "unchanged" and skip an update.
// The input is each field's length (8 bytes, native order) then its bytes, hashed in one call
// (the same digest as feeding the pieces one by one; fewer calls for the bulk import).
std::string hash_fields(std::span<std::string const> fields) {
    thread_local std::string input;
    input.clear();
    for (auto const& f : fields) {
        std::uint64_t n = f.size();
        input.append(reinterpret_cast<char const*>(&n), sizeof n);
        input.append(f);
    }
    unsigned char h[16];
    crypto_generichash(h, sizeof h, reinterpret_cast<unsigned char const*>(input.data()), input.size(), nullptr, 0);
    return hex_lower(h, sizeof h);
}

}  // namespace

std::span<ColumnSpec const> keluarga_columns() { return kKeluarga; }
std::span<ColumnSpec const> anggota_columns() { return kAnggota; }

std::vector<std::string_view> split_list(std::string_view s) {
    std::vector<std::string_view> out;
    for (auto part : split(s, ';'))
        if (!trim(part).empty()) out.push_back(part);
    return out;
}

std::string mask16(std::string_view digits) {
    // A wrong-length number is usually a mistyped NIK: mask any long run of digits, not only
    // valid ones.
    auto t = trim(digits);
    if (t.size() >= 8 && is_all_digits(t)) return mask_middle(t, 4, 4);
    return std::string(excerpt_for_message(digits, 20));
}

std::optional<Text> validate_value(ColumnSpec const& spec, std::string& v, Date today) {
    trim_in_place(v);
    if (v.empty()) {
        if (spec.required) return Text{"wajib diisi", "is required"};
        return std::nullopt;
    }
    switch (spec.kind) {
    case Kind::Digits16:
        if (v.size() != 16 || !is_all_digits(v))
            return Text{"harus 16 angka", "must be 16 digits"};
        return std::nullopt;
    case Kind::Digits10:
        if (v.size() != 10 || !is_all_digits(v)) return Text{"harus 10 angka", "must be 10 digits"};
        return std::nullopt;
    case Kind::Kelurahan: {
        auto code = WilayahCode::parse(v);
        if (!code) return code.error().message;
        if (code->tingkat() != Tingkat::Kelurahan)
            return Text{"harus kode kelurahan/desa (mis. 36.71.01.1001)", "must be a kelurahan/desa code (e.g. 36.71.01.1001)"};
        v = code->dotted();
        return std::nullopt;
    }
    case Kind::Number3: {
        if (v.size() > 3 || !is_all_digits(v) || std::stoi(v) == 0)
            return Text{"harus nomor 1 sampai 999", "must be a number from 1 to 999"};
        v = fmt::format("{:03d}", std::stoi(v));
        return std::nullopt;
    }
    case Kind::Text:
        if (!is_valid_utf8(v)) return Text{"bukan teks UTF-8 yang sah", "is not valid UTF-8 text"};
        // A line break typed inside a spreadsheet cell (Alt+Enter) is a space in one-line fields.
        if (v.find_first_of("\r\n\t") != std::string::npos) {
            for (auto& c : v)
                if (c == '\r' || c == '\n' || c == '\t') c = ' ';
            v = collapse_spaces(v);
        }
        if (utf8_length(v) > static_cast<std::size_t>(spec.max))
            return Text{fmt::format("paling banyak {} karakter", spec.max), fmt::format("at most {} characters", spec.max)};
        for (unsigned char c : v)
            if (c < 0x20) return Text{"berisi karakter kendali", "contains a control character"};
        return std::nullopt;
    case Kind::Real: {
        double d = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d))
            return Text{"harus angka desimal dengan titik (mis. -6.17)", "must be a decimal number with a dot (e.g. -6.17)"};
        if (d < spec.min || d > spec.max)
            return Text{fmt::format("harus antara {} dan {}", spec.min, spec.max),
                        fmt::format("must be between {} and {}", spec.min, spec.max)};
        v = fmt::format("{}", d);  // shortest form that reads back the same: what the database returns
        return std::nullopt;
    }
    case Kind::Integer: {
        long long n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size() || n < spec.min || n > spec.max)
            return Text{fmt::format("harus bilangan bulat {} sampai {}", spec.min, spec.max),
                        fmt::format("must be a whole number from {} to {}", spec.min, spec.max)};
        v = std::to_string(n);
        return std::nullopt;
    }
    case Kind::Date: {
        auto d = Date::parse(v);
        if (!d) return d.error().message;
        if (d->year() < 1900) return Text{"sebelum tahun 1900", "is before 1900"};
        if (today < *d) return Text{"di masa depan", "is in the future"};
        return std::nullopt;
    }
    case Kind::Code: {
        lower_in_place(v);
        auto const* voc = spec_vocab(spec);
        if (!voc || !voc->contains(v)) return bad_code(spec, v);
        return std::nullopt;
    }
    case Kind::Codes:
        return validate_codes(spec, v);
    case Kind::PpksList:
        return validate_ppks(v);
    case Kind::Sex:
        if (v == "l" || v == "L") v = "L";
        else if (v == "p" || v == "P") v = "P";
        else return Text{"harus L atau P", "must be L or P"};
        return std::nullopt;
    }
    return std::nullopt;
}

void validate(KeluargaRecord& r, Date today, std::vector<FieldError>& errors) {
    std::size_t before = errors.size();
    validate_all(r, kKeluarga, today, errors);
    auto failed = [&](std::string_view col) {
        for (std::size_t i = before; i < errors.size(); ++i)
            if (errors[i].column == col) return true;
        return false;
    };
    if (r.has(KCol::NoKk) && !failed("no_kk"))
        if (auto kk = NoKk::parse(r[KCol::NoKk]); !kk) add(errors, "no_kk", mask16(r[KCol::NoKk]), kk.error().message);
    if (r.has(KCol::Lat) != r.has(KCol::Lon))
        add(errors, r.has(KCol::Lat) ? "lon" : "lat", "",
            {"lat dan lon diisi keduanya atau tidak sama sekali", "give both lat and lon, or neither"});
    if (r.has(KCol::Rt) && !r.has(KCol::Rw)) add(errors, "rw", "", {"RT diisi, RW juga harus diisi", "an RT needs its RW"});
}

void validate(AnggotaRecord& r, Date today, std::vector<FieldError>& errors) {
    std::size_t before = errors.size();
    validate_all(r, kAnggota, today, errors);
    auto failed = [&](std::string_view col) {
        for (std::size_t i = before; i < errors.size(); ++i)
            if (errors[i].column == col) return true;
        return false;
    };
    if (r.has(ACol::Nik) && !failed("nik"))
        if (auto nik = Nik::parse(r[ACol::Nik]); !nik) add(errors, "nik", mask16(r[ACol::Nik]), nik.error().message);
    if (r.has(ACol::NoKk) && !failed("no_kk"))
        if (auto kk = NoKk::parse(r[ACol::NoKk]); !kk) add(errors, "no_kk", mask16(r[ACol::NoKk]), kk.error().message);
    if (r.has(ACol::DisabilitasTingkat) && !r.has(ACol::DisabilitasJenis))
        add(errors, "disabilitas_jenis", "",
            {"tingkat disabilitas diisi, jenisnya juga harus diisi", "a disability severity needs its type"});
    if (!r.has(ACol::StatusKeberadaan)) r[ACol::StatusKeberadaan] = "ada";
    if (!r.has(ACol::StatusPadan)) r[ACol::StatusPadan] = "belum";
}

std::string row_hash(KeluargaRecord const& r) { return hash_fields(r.fields); }
std::string row_hash(AnggotaRecord const& r) { return hash_fields(r.fields); }

}  // namespace pilar::registry
