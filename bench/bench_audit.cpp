// Access target "audit overhead on a write ≤ 10 %": the same write transaction with and without
// an audit entry appended in it, measured in one run, alternating blocks so that disk and cache
// drift hit both sides alike. Three writes are measured:
//   minimal   one 200-byte row into a table without indexes (the worst case for the ratio);
//   wilayah   one RT row into `wilayah` with its real indexes, as `pilar wilayah create` does;
//   anggota   a real user write: RegistryService::update_anggota (a member's job changes, with
//             version check, validation, re-sealing of NIK and special fields, PPKS sync, member
//             count), the audit entry with its before/after JSON written by the service itself;
//             "without audit" switches append_audit off (access::set_audit_disabled_for_benchmark).
// The audited blocks include the background indexer's work for their entries (one
// catch_up_audit_index per block, as the server does once a second).
//   registry  the same user write in a registry of realistic size (`households` synthetic households
//             loaded through the bulk import), to a random person each time.
//   build/release/bench/bench_audit [writes_per_block=200] [blocks=10] [dir=/tmp] [households=50000]
// (households 0 skips the registry block.)
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "access/audit.hpp"
#include "access/crypto.hpp"
#include "access/password.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "registry/import.hpp"
#include "registry/service.hpp"
#include "synth/generator.hpp"
#include "wilayah/service.hpp"

using namespace pilar;

// Wall time is what a user waits for (the fsync included); CPU time (user + system, this thread)
// is the work the audit entry adds, and stays meaningful when other processes load the machine.
struct Sample {
    double wall = 0, cpu = 0;            // per write, with the indexer's share
    double path_wall = 0, path_cpu = 0;  // per write, on the write path only
};
double thread_cpu_us() {
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
}
struct BlockTimer {
    std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
    double c0 = thread_cpu_us();
    Sample per(int n) const {
        double w = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / n;
        double c = (thread_cpu_us() - c0) / n;
        return {w, c, w, c};
    }
};

// Ends a block: the time per write on the write path (what the user waits for), then, for an
// audited block, with the server's background indexer run over the block's entries (what the
// machine does for them; the server runs it once a second, off the request).
Sample finish_block(BlockTimer const& timer, int n, db::Database* indexer) {
    Sample s = timer.per(n);
    if (indexer) {
        (void)access::catch_up_audit_index(*indexer);
        Sample t = timer.per(n);
        s.wall = t.wall, s.cpu = t.cpu;
    }
    return s;
}

// Loads `households` synthetic households of Kota Tangerang (`pilar generate`, then the bulk
// import) into a database of its own, then measures update_anggota on random persons.
template <typename Report>
bool update_random_persons(std::filesystem::path const& dir, long long households, int per_block, int blocks,
                           Report const& report) {
    auto fail = [](std::string_view what, Error const& e) {
        fmt::print(stderr, "{}: {}\n", what, e.describe(Lang::En));
        return false;
    };
    auto database = db::open_database((dir / "registry.db").string());
    if (!database) return fail("open", database.error());
    if (!db::migrate(**database, builtin_migrations((*database)->dialect()))) return false;
    Actor system = Actor::system("bench");
    wilayah::WilayahService wil(**database);
    std::error_code ec;
    auto area_dir = wilayah::WilayahService::find_area_data_dir(std::filesystem::read_symlink("/proc/self/exe", ec).string());
    if (!area_dir) {
        fmt::print(stderr, "idn-area-data not found (run scripts/bootstrap, or set PILAR_AREA_DATA)\n");
        return false;
    }
    if (auto r = wil.load_from_area_data(system, "36.71", *area_dir); !r) return fail("wilayah", r.error());
    auto area = synth::load_area(*area_dir, "36.71");
    if (!area) return fail("area", area.error());
    auto csv_dir = (dir / "csv").string();
    auto gen = synth::generate_files(*area, {.households = households, .seed = 7, .region_order = true}, csv_dir);
    if (!gen) return fail("generate", gen.error());
    auto keyring = access::Keyring::parse(access::Keyring::generate_line(1), "bench").value();
    registry::ImportService importer(**database, keyring, wil);
    for (auto kind : {registry::ImportKind::Keluarga, registry::ImportKind::Anggota}) {
        auto path = fmt::format("{}/{}.csv", csv_dir, registry::import_kind_name(kind));
        auto file = registry::open_import_file(path);
        if (!file) return fail("open csv", file.error());
        auto r = importer.run(system, *file->rows, {.kind = kind, .file_name = path});
        if (!r) return fail("import", r.error());
        if (!r->applied) {
            fmt::print(stderr, "import of {} refused ({} errors)\n", path, r->errors_total);
            return false;
        }
    }
    std::filesystem::remove_all(csv_dir);

    // Each person's version and a job that differs from the stored one, so every update writes.
    struct Person {
        std::int64_t id, version;
        bool pedagang;
    };
    std::vector<Person> persons;
    {
        auto c = (*database)->acquire().value();
        auto s = c->prepare("SELECT id, version, pekerjaan FROM anggota").value();
        while (s.step().value()) persons.push_back({s.integer(0), s.integer(1), s.text(2) == "pedagang"});
    }
    registry::RegistryService reg(**database, keyring, wil);
    Actor op;
    op.user_id = 2;
    op.username = "operator";
    op.role = Role::Operator;
    op.scope.push_back(WilayahCode::parse("36.71").value());
    std::uint64_t rng = 0x9e3779b97f4a7c15ULL;  // xorshift: the same sequence of persons every run
    auto next_person = [&]() -> Person& {
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        return persons[rng % persons.size()];
    };
    auto update_block = [&](bool audited) {
        access::set_audit_disabled_for_benchmark(!audited);
        BlockTimer timer;
        for (int i = 0; i < per_block; ++i) {
            Person& p = next_person();
            p.pedagang = !p.pedagang;
            auto r = reg.update_anggota(op, p.id, {{"pekerjaan", p.pedagang ? "pedagang" : "buruh harian"}}, p.version,
                                        "pekerjaan berubah");
            if (!r) {
                fmt::print(stderr, "update_anggota: {}\n", r.error().describe(Lang::En));
                std::exit(1);
            }
            p.version = r->version;
        }
        access::set_audit_disabled_for_benchmark(false);
        return finish_block(timer, per_block, audited ? database->get() : nullptr);
    };
    std::vector<Sample> plain, audited;
    update_block(true);  // warm-up
    for (int b = 0; b < blocks; ++b) {
        plain.push_back(update_block(false));
        audited.push_back(update_block(true));
    }
    report(fmt::format("registry ({} households, {} persons, a random person each write)", gen->households,
                       persons.size()),
           plain, audited);
    return true;
}

int main(int argc, char** argv) {
    // As `pilar` does before any command (src/cli/cli.cpp): libsodium then picks its fastest
    // BLAKE2b and XChaCha20 code for this CPU, so the bench hashes and seals as the server does.
    if (!access::init_crypto()) return 1;
    int per_block = argc > 1 ? std::atoi(argv[1]) : 200;
    int blocks = argc > 2 ? std::atoi(argv[2]) : 10;
    long long households = argc > 4 ? std::atoll(argv[4]) : 50'000;
    std::filesystem::path dir = std::filesystem::path(argc > 3 ? argv[3] : "/tmp") / "pilar-bench-audit";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto database = db::open_database((dir / "b.db").string()).value();
    if (!db::migrate(*database, builtin_migrations(database->dialect()))) return 1;
    auto conn = database->acquire().value();
    (void)conn->exec_script(
        "CREATE TABLE bench_write (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT;"
        "INSERT INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) VALUES"
        " ('36', 'Banten', 'provinsi', NULL, 'banten', 'bench', '', ''),"
        " ('36.71', 'Kota Tangerang', 'kota', '36', 'kota tangerang', 'bench', '', ''),"
        " ('36.71.01', 'Tangerang', 'kecamatan', '36.71', 'tangerang', 'bench', '', ''),"
        " ('36.71.01.1001', 'Sukarasa', 'kelurahan', '36.71.01', 'sukarasa', 'bench', '', '');");
    Actor actor = Actor::system("bench");
    std::string payload(200, 'x');
    long long next_rt = 0;

    auto run_block = [&](bool minimal, bool audited) {
        BlockTimer timer;
        for (int i = 0; i < per_block; ++i) {
            auto tx = conn->begin(db::TxMode::Write).value();
            std::string id;
            if (minimal) {
                id = std::to_string(conn->query_value<std::int64_t>(
                                            "INSERT INTO bench_write (payload) VALUES (?) RETURNING id", payload)
                                        .value()
                                        .value_or(0));
            } else {
                // A new RW under the kelurahan every 999 RTs keeps codes valid.
                long long n = next_rt++;
                std::string rw = fmt::format("36.71.01.1001.{:03}", n / 999 % 999 + 1);
                id = fmt::format("{}.{:03}", rw, n % 999 + 1);
                if (n % 999 == 0)
                    (void)conn->execute(
                        "INSERT OR IGNORE INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, "
                        "updated_at) VALUES (?, 'RW', 'rw', '36.71.01.1001', 'rw', 'bench', '', '')",
                        rw);
                (void)conn->execute(
                    "INSERT INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) "
                    "VALUES (?, ?, 'rt', ?, ?, 'bench', ?, ?)",
                    id, "RT " + id.substr(18), rw, "rt " + id.substr(18), "2026-11-28T00:00:00.000Z",
                    "2026-11-28T00:00:00.000Z");
            }
            if (audited)
                (void)access::append_audit(*conn, actor,
                                           {.action = minimal ? "bench.write" : "wilayah.create",
                                            .entity = minimal ? "bench_write" : "wilayah", .entity_id = id,
                                            .after_json = R"({"kode":")" + id + R"(","nama":"RT","tingkat":"rt"})"});
            (void)tx.commit();
        }
        // The server's indexer adds these entries to the look-up tables in one transaction a
        // second; its share is counted in the audited block.
        return finish_block(timer, per_block, audited ? database.get() : nullptr);
    };
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    // Medians over the blocks of wall and CPU time per transaction, and the overheads.
    auto report = [&](std::string_view what, std::vector<Sample> const& plain, std::vector<Sample> const& audited) {
        auto med = [&](std::vector<Sample> const& v, double Sample::*m) {
            std::vector<double> x;
            for (auto const& s : v) x.push_back(s.*m);
            return median(x);
        };
        auto line = [&](std::string_view how, double Sample::*wall, double Sample::*cpu) {
            double p = med(plain, wall), a = med(audited, wall), pc = med(plain, cpu), ac = med(audited, cpu);
            fmt::print("  {:<26} wall: without audit {:7.1f} us, with {:7.1f} us, overhead {:+.1f} %   "
                       "cpu: without {:6.1f} us, with {:6.1f} us, overhead {:+.1f} %\n",
                       how, p, a, (a / p - 1.0) * 100.0, pc, ac, (ac / pc - 1.0) * 100.0);
        };
        fmt::print("{}\n", what);
        line("write path", &Sample::path_wall, &Sample::path_cpu);
        line("with the indexer's share", &Sample::wall, &Sample::cpu);
    };
    fmt::print("writes per block {}, blocks {} (alternating with and without audit)\n", per_block, blocks);
    for (bool minimal : {true, false}) {
        std::vector<Sample> plain, audited;
        run_block(minimal, false);  // warm-up
        for (int b = 0; b < blocks; ++b) {
            plain.push_back(run_block(minimal, false));
            audited.push_back(run_block(minimal, true));
        }
        report(minimal ? "minimal" : "wilayah", plain, audited);
    }
    // A real user write through the registry's service.
    {
        auto keyring = access::Keyring::parse(access::Keyring::generate_line(1), "bench").value();
        wilayah::WilayahService wil(*database);
        registry::RegistryService reg(*database, keyring, wil);
        Actor op;
        op.user_id = 2;
        op.username = "operator";
        op.role = Role::Operator;
        op.scope.push_back(WilayahCode::parse("36.71").value());
        registry::KeluargaRecord k;
        k[registry::KCol::NoKk] = "3671012001150003";
        k[registry::KCol::KodeWilayah] = "36.71.01.1001";
        k[registry::KCol::Rw] = "004";
        k[registry::KCol::Alamat] = "Jl. Kenari No. 5";
        auto hh = reg.create_keluarga(op, k);
        if (!hh) {
            fmt::print(stderr, "create_keluarga: {}\n", hh.error().describe(Lang::En));
            return 1;
        }
        registry::AnggotaRecord m;
        m[registry::ACol::Nik] = "3671014507900001";
        m[registry::ACol::Nama] = "Siti Aminah";
        m[registry::ACol::JenisKelamin] = "P";
        m[registry::ACol::TanggalLahir] = "1990-07-05";
        m[registry::ACol::Hubungan] = "kepala_keluarga";
        m[registry::ACol::DisabilitasJenis] = "fisik";
        m[registry::ACol::DisabilitasTingkat] = "berat";
        auto person = reg.create_anggota(op, hh->id, m);
        if (!person) {
            fmt::print(stderr, "create_anggota: {}\n", person.error().describe(Lang::En));
            return 1;
        }
        std::int64_t version = person->version;
        long long n = 0;
        auto update_block = [&](bool audited) {
            access::set_audit_disabled_for_benchmark(!audited);
            BlockTimer timer;
            for (int i = 0; i < per_block; ++i) {
                auto r = reg.update_anggota(op, person->id, {{"pekerjaan", n++ % 2 ? "buruh harian" : "pedagang"}}, version,
                                            "pekerjaan berubah");
                if (!r) {
                    fmt::print(stderr, "update_anggota: {}\n", r.error().describe(Lang::En));
                    std::exit(1);
                }
                version = r->version;
            }
            access::set_audit_disabled_for_benchmark(false);
            return finish_block(timer, per_block, audited ? database.get() : nullptr);
        };
        std::vector<Sample> plain, audited;
        update_block(true);  // warm-up
        for (int b = 0; b < blocks; ++b) {
            plain.push_back(update_block(false));
            audited.push_back(update_block(true));
        }
        report("anggota", plain, audited);
    }
    // The same user write in a registry of realistic size: each update is to a different person,
    // picked at random, as an office corrects records all over the city. This is what the
    // office's disk sees: every write dirties its own anggota and index leaves, and the WAL
    // checkpoints copy those scattered pages back, where the single-person block above keeps
    // rewriting the same few pages.
    if (households > 0 && !update_random_persons(dir, households, per_block, blocks, report)) return 1;
    std::filesystem::remove_all(dir);
    return 0;
}
