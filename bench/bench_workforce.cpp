// Workforce target "monthly recap for all 982 PSM ≤ 1 s with a year of activity data": a database
// with Kota Tangerang's wilayah, the demo RWs and the demo roster (982 PSM, 13 TKSK; every PSM
// linked to a username), then a year of activity — activity reports, proposals submitted and
// approved (verivali's usulan + usulan_riwayat) and ground checks recorded — written with plain
// SQL (generation only), plus a training event a month with ~90 % of the PSMs checked in; then the
// recap of one month, the dashboard's PSM panel, the coverage and the year's ranking timed through
// the composition root (cli::build_app), i.e. the same code as GET /api/v1/rekap and /dasbor/psm.
//   build/release/bench/bench_workforce [reports_per_psm_month=20] [runs=5] [dir=/tmp]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "access/crypto.hpp"
#include "builtin_migrations.hpp"
#include "cli/wiring.hpp"
#include "db/migrate.hpp"
#include "synth/rng.hpp"
#include "wilayah/demo.hpp"
#include "workforce/demo.hpp"

using namespace pilar;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    int const per_month = argc > 1 ? std::atoi(argv[1]) : 20;
    int const runs = argc > 2 ? std::atoi(argv[2]) : 5;
    std::filesystem::path dir = std::filesystem::path(argc > 3 ? argv[3] : "/tmp") / "pilar-bench-workforce";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto database = db::open_database((dir / "b.db").string()).value();
    if (!db::migrate(*database, builtin_migrations(database->dialect()))) return 1;
    Actor const system = Actor::system("bench");
    auto const year = 2026;
    auto const today = Date::create(year, 12, 31).value();
    {
        wilayah::WilayahService wil(*database);
        auto data = wilayah::WilayahService::find_area_data_dir(argv[0]);
        if (!data || !wil.load_from_area_data(system, "36.71", *data)) {
            fmt::print(stderr, "idn-area-data not found (scripts/bootstrap)\n");
            return 1;
        }
        if (!wilayah::seed_demo_rw_rt(*database, "36.71", 1014, 1)) return 1;
        workforce::WorkforceService svc(*database, wil, [](Actor const&, std::int64_t, std::optional<std::int64_t>) -> Result<void> { return {}; });
        auto r = workforce::seed_demo_roster(svc, wil, {.kota = "36.71", .psm = 982, .seed = 1, .today = today});
        if (!r) return 1;
        fmt::print("roster: {} PSM, {} TKSK on {} RW\n", r->psm, r->tksk, r->rw);
    }

    // A year of activity, in one transaction.
    auto t_gen = std::chrono::steady_clock::now();
    std::int64_t n_laporan = 0, n_usulan = 0, n_periksa = 0, n_hadir = 0;
    {
        auto c = database->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        (void)c->execute("UPDATE pilar_sosial SET username = 'psm' || id WHERE jenis = 'psm' AND username IS NULL");
        std::vector<std::pair<std::int64_t, std::string>> psm;  // id, kode_wilayah of the RW
        {
            auto st = c->prepare("SELECT p.id, t.kode_wilayah FROM pilar_sosial p JOIN pilar_penugasan t ON t.pilar_id = p.id "
                                 "WHERE p.jenis = 'psm' AND t.selesai IS NULL").value();
            while (st.step().value()) psm.emplace_back(st.integer(0), st.string(1));
        }
        for (int k = 1; k <= 1000; ++k)
            (void)c->execute("INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, kode_wilayah, alamat, "
                             "created_at, updated_at, created_by, updated_by, row_hash) VALUES (?, 'e', ?, 'm', '36.71.01.1001', "
                             "'36.71.01.1001', 'Jl. Bench', 't', 't', 't', 't', 'x')",
                             k, fmt::format("bi{}", k));
        synth::Rng rng = synth::Rng::for_stream(7, 7);
        static constexpr std::string_view kKinds[] = {"kunjungan_rumah", "periksa_lapangan", "pendampingan_rujukan", "sosialisasi",
                                                      "rapat", "pendataan"};
        for (int m = 1; m <= 12; ++m) {
            auto day = [&] { return fmt::format("{:04}-{:02}-{:02}", year, m, rng.between(1, 28)); };
            for (auto const& [id, rw] : psm) {
                int const n = std::max(0, per_month - 5 + rng.between(0, 10));
                for (int i = 0; i < n; ++i, ++n_laporan)
                    (void)c->execute("INSERT INTO laporan_kegiatan (pilar_id, tanggal, jenis, uraian, kode_wilayah, lat, lon, created_by, "
                                     "created_at) VALUES (?, ?, ?, 'Kegiatan', ?, -6.2, 106.6, ?, ?)",
                                     id, day(), kKinds[rng.below(6)], rw, fmt::format("psm{}", id), day() + "T08:00:00Z");
                // Four proposals a month, half approved; each with its two history rows.
                for (int i = 0; i < 4; ++i, ++n_usulan) {
                    auto at = day() + "T09:00:00Z";
                    auto user = fmt::format("psm{}", id);
                    auto u = c->query_value<std::int64_t>(
                        "INSERT INTO usulan (jenis, keluarga_id, kode_wilayah, status, created_by, created_at, updated_at) VALUES "
                        "('perubahan', ?, ?, ?, ?, ?, ?) RETURNING id",
                        1 + static_cast<int>(rng.below(1000)), rw, i % 2 ? "disetujui" : "diajukan", user, at, at).value();
                    (void)c->execute("INSERT INTO usulan_riwayat (usulan_id, dari, ke, at, username, role) VALUES (?, 'draft', 'diajukan', ?, ?, 'psm')",
                                     *u, at, user);
                    if (i % 2)
                        (void)c->execute("INSERT INTO usulan_riwayat (usulan_id, dari, ke, at, username, role) VALUES (?, 'dimusyawarahkan', "
                                         "'disetujui', ?, 'operator', 'operator')", *u, at);
                }
            }
            // Five ground-check lists a month, 1,000 households each, split among the PSMs.
            for (int l = 0; l < 5; ++l) {
                auto d = c->query_value<std::int64_t>(
                    "INSERT INTO daftar_periksa (nama, sumber, created_by, created_at) VALUES ('bench', 'filter', 'operator', ?) RETURNING id",
                    fmt::format("{:04}-{:02}-01T00:00:00Z", year, m)).value();
                for (int k = 1; k <= 1000; ++k, ++n_periksa) {
                    auto const& [id, rw] = psm[rng.below(static_cast<std::uint32_t>(psm.size()))];
                    auto user = fmt::format("psm{}", id);
                    (void)c->execute("INSERT INTO daftar_periksa_item (daftar_id, keluarga_id, kode_wilayah, kode_rw, petugas, status, hasil, "
                                     "checked_by, checked_at) VALUES (?, ?, ?, ?, ?, 'selesai', 1, ?, ?)",
                                     *d, k, rw, rw, user, user, day() + "T10:00:00Z");
                }
            }
        }
        // Training: every PSM has a user account; one event a month (the first a basic training),
        // every PSM registered, nine in ten checked in at the first session (the recap's
        // "pelatihan" comes from this attendance through the events module).
        {
            // The account of each record's own username (the demo links a few to the demo accounts).
            auto st = c->prepare("SELECT id, username FROM pilar_sosial WHERE jenis = 'psm'").value();
            std::vector<std::pair<std::int64_t, std::string>> names;
            while (st.step().value()) names.emplace_back(st.integer(0), st.string(1));
            for (auto const& [id, username] : names)
                (void)c->execute("INSERT INTO users (id, username, full_name, role, password_hash, created_at, updated_at, password_changed_at) "
                                 "VALUES (?, ?, ?, 'psm', 'x', 't', 't', 't') ON CONFLICT DO NOTHING", 1000 + id, username,
                                 fmt::format("PSM {}", id));
        }
        for (int m = 1; m <= 12; ++m) {
            auto tanggal = fmt::format("{:04}-{:02}-15", year, m);
            auto a = c->query_value<std::int64_t>(
                "INSERT INTO acara (judul, jenis, tanggal_mulai, tanggal_selesai, tempat, kapasitas, penyelenggara, kode_wilayah, "
                "pelatihan_dasar, status, jumlah_terdaftar, created_at, created_by, updated_at, updated_by) VALUES "
                "(?, 'pembinaan', ?, ?, 'Gedung Cisadane', 1200, 'Dinas Sosial', '36.71', ?, 'selesai', ?, 't', 'bench', 't', 'bench') RETURNING id",
                fmt::format("Pembinaan PSM {:02}", m), tanggal, tanggal, m == 1 ? 1 : 0, static_cast<std::int64_t>(psm.size())).value();
            auto sesi = c->query_value<std::int64_t>(
                "INSERT INTO acara_sesi (acara_id, urutan, judul, mulai, selesai) VALUES (?, 1, 'Sesi 1', ?, ?) RETURNING id", *a,
                tanggal + "T08:00", tanggal + "T12:00").value();
            for (auto const& [id, rw] : psm) {
                auto p = c->query_value<std::int64_t>(
                    "INSERT INTO acara_peserta (acara_id, user_id, nama, peran, peran_akun, kode_wilayah, status, token) VALUES "
                    "(?, ?, ?, 'peserta', 'psm', ?, 'terdaftar', ?) RETURNING id",
                    *a, 1000 + id, fmt::format("PSM {}", id), rw, fmt::format("T{:02}{:08}", m, id)).value();
                if (rng.below(10) == 0) continue;
                ++n_hadir;
                (void)c->execute("INSERT INTO acara_hadir (acara_id, sesi_id, peserta_id, pintu, waktu, oleh) VALUES (?, ?, ?, 'A', ?, 'bench')",
                                 *a, *sesi, *p, tanggal + "T08:10:00Z");
            }
        }
        (void)tx.commit();
    }
    fmt::print("a year of activity: {} laporan, {} usulan, {} periksa items, {} training check-ins ({:.1f} s to generate)\n", n_laporan,
               n_usulan, n_periksa, n_hadir, seconds_since(t_gen));

    auto keyring = access::Keyring::parse(access::Keyring::generate_line(1), "bench").value();
    auto app = cli::build_app(std::move(database), std::move(keyring));
    Actor op;
    op.username = "operator";
    op.role = Role::Operator;
    op.scope.push_back(*WilayahCode::parse("36.71"));
    auto time_it = [&](char const* what, auto&& fn) {
        std::vector<double> t;
        for (int i = 0; i < runs; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            auto rows = fn();
            t.push_back(seconds_since(t0));
            if (i == 0) fmt::print("{}: {} rows\n", what, rows);
        }
        std::sort(t.begin(), t.end());
        fmt::print("{}: min {:.3f} s, median {:.3f} s, max {:.3f} s over {} runs\n", what, t.front(), t[t.size() / 2], t.back(), runs);
    };
    time_it("rekap 2026-06, kota, 982 PSM", [&] {
        auto r = app->workforce->rekap(op, {.bulan = "2026-06"});
        if (!r) {
            fmt::print(stderr, "rekap: {}\n", r.error().message.en);
            std::exit(1);
        }
        return r->baris.size();
    });
    {
        auto r = app->workforce->rekap(op, {.bulan = "2026-06"}).value();
        auto c = app->db->acquire().value();
        auto n = c->query_value<std::int64_t>("SELECT count(*) FROM acara_hadir h JOIN acara a ON a.id = h.acara_id "
                                              "WHERE a.tanggal_mulai >= '2026-06-01' AND a.tanggal_mulai < '2026-07-01'").value().value_or(-1);
        fmt::print("rekap 2026-06 pelatihan total {} = attendance rows {}\n", r.total["pelatihan"], n);
        if (r.total["pelatihan"] != n) return 1;
    }
    // The dashboard's PSM panel reads the aggregate the roster keeps (migration 0013): its time
    // and that it equals the roster's coverage.
    auto no_param = [](std::string_view) { return std::optional<std::string>{}; };
    time_it("dasbor psm panel, kota (1,014 RW)", [&] {
        auto r = app->dashboard->panel(op, "psm", std::string("36.71"), no_param);
        if (!r) std::exit(1);
        return static_cast<std::size_t>(r->at("rw").as_int64());
    });
    {
        auto panel = app->dashboard->panel(op, "psm", std::string("36.71"), no_param).value();
        auto roster = app->workforce->cakupan(op, std::string("36.71"), today).value();
        fmt::print("dasbor psm rw_psm {} / rw {}; roster rw_tercakup {} / rw {}\n", panel.at("rw_psm").as_int64(), panel.at("rw").as_int64(),
                   roster.rw_tercakup, roster.rw);
        if (panel.at("rw_psm").as_int64() != roster.rw_tercakup) return 1;
    }
    time_it("cakupan (computed per request), kota", [&] {
        auto r = app->workforce->cakupan(op, std::string("36.71"), today);
        if (!r) std::exit(1);
        return r->kelurahan.size();
    });
    time_it("peringkat 2026 (a year), kota", [&] {
        auto r = app->workforce->peringkat(op, "2026", std::nullopt);
        if (!r) std::exit(1);
        return r->size();
    });
    return 0;
}
