#include "workforce/demo.hpp"

#include <fmt/format.h>

#include <set>

#include "synth/names.hpp"
#include "synth/rng.hpp"

namespace pilar::workforce {

Result<DemoRosterReport> seed_demo_roster(WorkforceService& svc, wilayah::WilayahService& wil, DemoRosterOptions const& o) {
    Actor const system = Actor::system("demo");
    DemoRosterReport report;
    if (!PILAR_TRY(svc.list_pilar(system, {.limit = 1})).empty()) return report;

    std::vector<wilayah::Wilayah> kecamatan = PILAR_TRY(wil.children(o.kota, false));
    std::vector<wilayah::Wilayah> rws;
    for (auto const& kec : kecamatan)
        for (auto const& kel : PILAR_TRY(wil.children(kec.kode, false)))
            for (auto const& rw : PILAR_TRY(wil.children(kel.kode, false)))
                if (rw.tingkat == Tingkat::Rw) rws.push_back(rw);
    report.rw = static_cast<int>(rws.size());
    if (rws.empty()) return report;

    synth::Rng rng = synth::Rng::for_stream(o.seed, 0x7073);
    auto const year = o.today.year();
    auto person = [&](Jenis jenis, std::string kode, std::string kel) {
        PilarSosial p;
        p.jenis = jenis;
        auto suku = synth::pick_suku(rng);
        auto sex = rng.permille(550) ? Sex::P : Sex::L;
        int const born = year - rng.between(24, 58);
        synth::make_name(rng, {.suku = suku, .sex = sex, .birth_year = born, .family_name = synth::pick_family_name(rng, suku)}, p.nama);
        p.jenis_kelamin = sex == Sex::P ? "P" : "L";
        p.tanggal_lahir = fmt::format("{:04}-{:02}-{:02}", born, rng.between(1, 12), rng.between(1, 28));
        p.telepon = fmt::format("08{}{:08}", rng.between(11, 59), rng.below(100000000));
        p.kode_ktp = std::move(kel);
        p.kode_wilayah = std::move(kode);
        p.pelatihan_dasar = fmt::format("{:04}-{:02}-{:02}", year - rng.between(1, 4), rng.between(1, 12), rng.between(1, 28));
        p.pelatihan_sumber = "demo";
        p.status = Status::Aktif;
        return p;
    };
    // SKs: most run to the end of next year; about one in forty ends within the warning window.
    auto sk = [&](Jenis jenis, std::string const& kode) {
        Sk s;
        s.nomor = fmt::format("400.9/SK-{}/{}/{}", jenis == Jenis::Tksk ? "TKSK" : "PSM", kode, year);
        s.tanggal = fmt::format("{:04}-12-15", year - 1);
        s.ditandatangani = jenis == Jenis::Tksk ? "Wali Kota" : "Kepala Dinas Sosial";
        s.mulai = fmt::format("{:04}-01-01", year);
        s.selesai = jenis == Jenis::Tksk ? fmt::format("{:04}-12-31", year + 4) : fmt::format("{:04}-12-31", year + 1);
        if (jenis == Jenis::Psm && rng.permille(25)) s.selesai = Date::from_days(o.today.days_since_epoch() + rng.between(5, 55)).iso();
        return s;
    };

    std::vector<RosterSeed> seeds;
    for (std::size_t i = 0; i < kecamatan.size(); ++i) {
        auto const& kec = kecamatan[i];
        auto kel = PILAR_TRY(wil.children(kec.kode, false));
        RosterSeed s{.pilar = person(Jenis::Tksk, kec.kode, kel.empty() ? kec.kode : kel.front().kode), .sk = sk(Jenis::Tksk, kec.kode),
                     .wilayah = {kec.kode}, .mulai = fmt::format("{:04}-01-01", year)};
        if (i == 0) s.pilar.username = o.tksk_username;
        seeds.push_back(std::move(s));
        ++report.tksk;
    }
    // Which RWs get none and which get two: evenly spread, never the first (the demo PSM's).
    int const doubles = std::max(0, std::min(report.rw / 100, o.psm / 100));
    int const gaps = std::max(0, report.rw + doubles - o.psm);
    std::set<std::size_t> gap, twice;
    for (int g = 0; g < gaps; ++g) gap.insert(1 + static_cast<std::size_t>(g) * (rws.size() - 1) / static_cast<std::size_t>(gaps));
    for (int d = 0; d < doubles; ++d) {
        auto at = 1 + (static_cast<std::size_t>(d) * 2 + 1) * (rws.size() - 1) / (2 * static_cast<std::size_t>(doubles));
        while (gap.contains(at) && at + 1 < rws.size()) ++at;
        twice.insert(at);
    }
    for (std::size_t i = 0; i < rws.size() && report.psm < o.psm; ++i) {
        if (gap.contains(i)) {
            ++report.rw_kosong;
            continue;
        }
        auto const kel = rws[i].kode.substr(0, 13);
        for (int n = twice.contains(i) ? 2 : 1; n > 0 && report.psm < o.psm; --n) {
            RosterSeed s{.pilar = person(Jenis::Psm, kel, kel), .sk = sk(Jenis::Psm, kel), .wilayah = {rws[i].kode},
                         .mulai = fmt::format("{:04}-01-01", year)};
            if (report.psm == 0) s.pilar.username = o.psm_username;
            seeds.push_back(std::move(s));
            ++report.psm;
        }
        if (twice.contains(i)) ++report.rw_ganda;
    }
    PILAR_TRY(svc.import_roster(system, seeds));

    // A few activity reports of the demo PSM this month.
    auto demo = PILAR_TRY(svc.list_pilar(system, {.jenis = Jenis::Psm, .limit = 1}));
    if (!demo.empty()) {
        static constexpr std::string_view kKinds[] = {"kunjungan_rumah", "sosialisasi", "periksa_lapangan"};
        for (int d = 1; d <= std::min(3, o.today.day()); ++d) {
            auto r = svc.create_laporan(system,
                                        {.pilar_id = demo.front().id,
                                         .tanggal = fmt::format("{:04}-{:02}-{:02}", o.today.year(), o.today.month(), d),
                                         .jenis = std::string(kKinds[d - 1]),
                                         .uraian = "Kegiatan contoh data demo"},
                                        o.today);
            if (r) ++report.laporan;
        }
    }
    return report;
}

}  // namespace pilar::workforce
