#include "synth/area.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>

#include "core/csv.hpp"
#include "core/wilayah_code.hpp"
#include "synth/names.hpp"
#include "synth/rng.hpp"

namespace pilar::synth {
namespace {

struct KecamatanFacts {
    std::string_view kode;
    long long penduduk;
    MicroDegrees pusat;
};

// Kota Tangerang, population by kecamatan: BPS Kota Tangerang, "Kota Tangerang Dalam Angka 2024"
// (mid-2023 estimates, about 1.91 M in all), rounded to thousands and written down from memory
// of that table rather than copied from it — close enough to weight synthetic households, not
// to be quoted. Centres are rough positions of each kecamatan read off a map.
constexpr std::array<KecamatanFacts, 13> kKotaTangerang{{
    {"36.71.01", 155'000, {-6'178'000, 106'632'000}},  // Tangerang
    {"36.71.02", 105'000, {-6'196'000, 106'583'000}},  // Jatiuwung
    {"36.71.03", 98'000, {-6'160'000, 106'662'000}},   // Batuceper
    {"36.71.04", 87'000, {-6'142'000, 106'697'000}},   // Benda
    {"36.71.05", 243'000, {-6'188'000, 106'688'000}},  // Cipondoh
    {"36.71.06", 161'000, {-6'233'000, 106'713'000}},  // Ciledug
    {"36.71.07", 182'000, {-6'187'000, 106'612'000}},  // Karawaci
    {"36.71.08", 140'000, {-6'165'000, 106'583'000}},  // Periuk
    {"36.71.09", 148'000, {-6'207'000, 106'603'000}},  // Cibodas
    {"36.71.10", 116'000, {-6'150'000, 106'642'000}},  // Neglasari
    {"36.71.11", 183'000, {-6'226'000, 106'668'000}},  // Pinang
    {"36.71.12", 126'000, {-6'214'000, 106'715'000}},  // Karang Tengah
    {"36.71.13", 169'000, {-6'238'000, 106'725'000}},  // Larangan
}};
// The city's extent, roughly: every position is kept inside it.
constexpr Bounds kKotaTangerangBounds{{-6'260'000, 106'560'000}, {-6'130'000, 106'730'000}};
// How far a kelurahan's centre may lie from its kecamatan's centre, in micro-degrees (~1.3 km).
constexpr int kKelurahanSpread = 12'000;

Error unreadable(std::string const& path, Error const& cause) {
    Error e(ErrorCode::Unavailable, {fmt::format("Tidak bisa membaca data wilayah {}: {}", path, cause.message.id),
                                     fmt::format("Cannot read region data {}: {}", path, cause.message.en)});
    return e;
}

// Calls fn(record) for every row of one of idn-area-data's CSV files.
template <typename Fn>
Result<void> each_row(std::string const& path, Fn&& fn) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return fail(ErrorCode::Unavailable,
                    {fmt::format("Data idn-area-data tidak ditemukan: {} tidak ada (jalankan scripts/bootstrap)", path),
                     fmt::format("idn-area-data not found: {} does not exist (run scripts/bootstrap)", path)});
    auto reader = CsvReader::open(path);
    if (!reader) return fail(unreadable(path, reader.error()));
    CsvRecord rec;
    while (true) {
        auto more = reader->next(rec);
        if (!more) return fail(unreadable(path, more.error()));
        if (!*more) break;
        if (rec.size() >= 3) fn(rec);
    }
    return {};
}

std::string undotted(std::string_view dotted) {
    std::string s;
    for (char c : dotted)
        if (c != '.') s += c;
    return s;
}

std::string short_name(std::string_view nama) {
    for (std::string_view prefix : {"Kota Administrasi ", "Kabupaten Administrasi ", "Kota ", "Kabupaten "})
        if (nama.starts_with(prefix)) return std::string(nama.substr(prefix.size()));
    return std::string(nama);
}

int clamp(int v, int lo, int hi) { return std::max(lo, std::min(hi, v)); }

}  // namespace

Result<Area> load_area(std::string const& data_dir, std::string_view kota_input) {
    auto code = WilayahCode::parse(kota_input);
    if (!code || code->tingkat() != Tingkat::Kota)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("--kota harus kode kabupaten/kota seperti 36.71, bukan '{}'", kota_input),
                     fmt::format("--kota must be a kab/kota code such as 36.71, not '{}'", kota_input)});
    namespace fs = std::filesystem;
    Area area;
    area.kota = code->dotted();
    std::string const prefix = area.kota + ".";

    PILAR_TRY(each_row((fs::path(data_dir) / "regencies.csv").string(), [&](CsvRecord const& r) {
        if (r[0] == area.kota) area.nama = std::string(r[2]);
    }));
    if (area.nama.empty())
        return fail(ErrorCode::NotFound, {fmt::format("Kabupaten/kota {} tidak ada di idn-area-data", area.kota),
                                          fmt::format("Kab/kota {} is not in idn-area-data", area.kota)});
    area.tempat_lahir_lokal = short_name(area.nama);

    // Districts: this kota's kecamatan, and the first two kecamatan of every origin town's kab/kota.
    auto const origins = origin_towns();
    std::map<std::string, std::vector<std::string>, std::less<>> origin_codes;
    for (auto const& o : origins) origin_codes.emplace(std::string(o.regency), std::vector<std::string>{});
    PILAR_TRY(each_row((fs::path(data_dir) / "districts.csv").string(), [&](CsvRecord const& r) {
        if (r[1] == area.kota)
            area.kecamatan.push_back({.kode = std::string(r[0]), .nama = std::string(r[2]), .region6 = undotted(r[0])});
        if (auto it = origin_codes.find(r[1]); it != origin_codes.end() && it->second.size() < 2)
            it->second.push_back(undotted(r[0]));
    }));
    std::sort(area.kecamatan.begin(), area.kecamatan.end(),
              [](Kecamatan const& a, Kecamatan const& b) { return a.kode < b.kode; });
    for (auto const& o : origins) area.origin_region6.push_back(origin_codes.find(o.regency)->second);

    PILAR_TRY(each_row((fs::path(data_dir) / "villages.csv").string(), [&](CsvRecord const& r) {
        if (!r[1].starts_with(prefix)) return;
        auto const kec = std::lower_bound(area.kecamatan.begin(), area.kecamatan.end(), r[1],
                                          [](Kecamatan const& k, std::string_view c) { return k.kode < c; });
        if (kec == area.kecamatan.end() || kec->kode != r[1]) return;
        area.kelurahan.push_back({.kode = std::string(r[0]),
                                  .nama = std::string(r[2]),
                                  .kecamatan = static_cast<int>(kec - area.kecamatan.begin())});
    }));
    if (area.kelurahan.empty())
        return fail(ErrorCode::NotFound, {fmt::format("Tidak ada kelurahan/desa untuk {} di idn-area-data", area.kota),
                                          fmt::format("No kelurahan/desa for {} in idn-area-data", area.kota)});
    std::sort(area.kelurahan.begin(), area.kelurahan.end(),
              [](Kelurahan const& a, Kelurahan const& b) { return a.kode < b.kode; });

    if (area.kota == "36.71") {
        std::vector<int> per_kecamatan(area.kecamatan.size(), 0);
        for (auto const& k : area.kelurahan) ++per_kecamatan[static_cast<size_t>(k.kecamatan)];
        for (auto& kec : area.kecamatan)
            for (auto const& f : kKotaTangerang)
                if (f.kode == kec.kode) {
                    kec.penduduk = f.penduduk;
                    kec.pusat = f.pusat;
                }
        for (auto& kel : area.kelurahan) {
            auto const& kec = area.kecamatan[static_cast<size_t>(kel.kecamatan)];
            // A kecamatan missing from the table (a newer data release) gets the average.
            long long const pop = kec.penduduk > 0 ? kec.penduduk : 1'912'000 / 13;
            kel.weight = static_cast<int>(pop / per_kecamatan[static_cast<size_t>(kel.kecamatan)]);
            if (kec.pusat) {
                // The same position for the same kelurahan in every run, whatever the seed.
                std::uint64_t const h = stable_hash(kel.kode);
                int const dlat = static_cast<int>(h % (2 * kKelurahanSpread + 1)) - kKelurahanSpread;
                int const dlon = static_cast<int>((h >> 32) % (2 * kKelurahanSpread + 1)) - kKelurahanSpread;
                kel.pusat = MicroDegrees{
                    clamp(kec.pusat->lat + dlat, kKotaTangerangBounds.min.lat, kKotaTangerangBounds.max.lat),
                    clamp(kec.pusat->lon + dlon, kKotaTangerangBounds.min.lon, kKotaTangerangBounds.max.lon)};
            }
        }
        area.bounds = kKotaTangerangBounds;
        area.weighting = "penduduk kecamatan (BPS)";
    } else {
        area.weighting = "seragam / uniform";
    }
    return area;
}

}  // namespace pilar::synth
