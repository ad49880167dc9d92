// `pilar serve` and `pilar demo`.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "access/password.hpp"
#include "cli/common.hpp"
#include "cli/wiring.hpp"
#include "dashboard/service.hpp"
#include "http/server.hpp"
#include "registry/import.hpp"
#include "synth/area.hpp"
#include "synth/generator.hpp"
#include "version.hpp"
#include "wilayah/demo.hpp"
#include "workforce/demo.hpp"

namespace pilar::cli {
namespace {

namespace fs = std::filesystem;

struct ServeOptions {
    DataOptions data;
    std::string listen = "127.0.0.1:8080";
    int threads = 0;
    std::string static_dir;
    std::string access_log = "-";
    long long read_timeout_ms = 15000;
    long long idle_timeout_ms = 60000;
    long long body_limit = 8 * 1024 * 1024;
    long long upload_limit = 1LL << 30;
    int max_connections = 10000;
    int session_idle_minutes = 30;
    int session_hours = 12;
    long long revocation_check_ms = 1000;
    bool secure_cookies = false;
    std::string tls_cert;
    std::string tls_key;
    std::string map_tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    std::string map_attribution;
    int retention_days = privacy::PrivacyOptions{}.retensi_hari;
    std::string instance;
    int import_job_days = registry::ImportJobs::Options{}.keep_days;
};

void add_serve_options(CLI::App& cmd, ServeOptions& o) {
    add_data_options(cmd, o.data);
    cmd.add_option("--listen", o.listen, "HOST:PORT (port 0: pilih port bebas / pick a free port)")->capture_default_str();
    cmd.add_option("--threads", o.threads, "Thread I/O (0: satu per core)");
    cmd.add_option("--static", o.static_dir, "Folder aplikasi web (bawaan: web/dist di samping sumber)");
    cmd.add_option("--access-log", o.access_log, "Log akses: - (stdout), off, atau berkas")->capture_default_str();
    cmd.add_option("--read-timeout-ms", o.read_timeout_ms, "Batas waktu menerima satu permintaan")->capture_default_str();
    cmd.add_option("--idle-timeout-ms", o.idle_timeout_ms, "Batas waktu koneksi keep-alive menganggur")->capture_default_str();
    cmd.add_option("--body-limit", o.body_limit, "Ukuran isi permintaan maksimum (byte)")->capture_default_str();
    cmd.add_option("--upload-limit", o.upload_limit,
                   "Ukuran berkas impor maksimum lewat API (byte; ditulis ke <data>/tmp, bukan ke memori) / "
                   "largest bulk-import upload (bytes; streamed to <data>/tmp, not memory)")
        ->check(CLI::Range(1LL, 1LL << 40))
        ->capture_default_str();
    cmd.add_option("--max-connections", o.max_connections, "Koneksi serentak maksimum")->capture_default_str();
    cmd.add_option("--session-idle-minutes", o.session_idle_minutes, "Sesi berakhir setelah menganggur")->capture_default_str();
    cmd.add_option("--session-hours", o.session_hours, "Umur maksimum sesi")->capture_default_str();
    cmd.add_option("--revocation-check-ms", o.revocation_check_ms,
                   "Seberapa sering sesi yang disimpan sementara diperiksa terhadap pencabutan dari proses lain (CLI, server lain); "
                   "0: setiap permintaan / how often cached sessions look for revocations by other processes; 0: every request")
        ->check(CLI::Range(0LL, 10000LL))
        ->capture_default_str();
    cmd.add_flag("--secure-cookies", o.secure_cookies, "Cookie Secure (di belakang proxy TLS)");
    cmd.add_option("--tls-cert", o.tls_cert,
                   "Sertifikat TLS (PEM, rantai lengkap): layani HTTPS langsung / TLS certificate chain: serve HTTPS");
    cmd.add_option("--tls-key", o.tls_key, "Kunci privat TLS (PEM) / TLS private key");
    cmd.add_option("--map-tiles", o.map_tiles,
                   "Ubin peta dasbor {z}/{x}/{y}, atau none: kluster di atas latar polos / dashboard map tile URL, or none")
        ->capture_default_str();
    cmd.add_option("--map-attribution", o.map_attribution, "Atribusi ubin peta / tile attribution (bawaan: OpenStreetMap)");
    cmd.add_option("--retention-days", o.retention_days,
                   "Masa retensi sebelum data seseorang boleh dihapus (hari sejak verifikasi/perubahan terakhir; docs/privacy.md)")
        ->check(CLI::Range(0, 36500))
        ->capture_default_str();
    cmd.add_option("--instance", o.instance,
                   "Nama server ini di antara server yang berbagi satu basis data, tetap antar-mulai-ulang (bawaan: nama "
                   "host dan --listen) / this server's name among those sharing a database, the same across restarts "
                   "(default: host name and --listen)");
    cmd.add_option("--import-job-days", o.import_job_days,
                   "Catatan impor yang selesai dihapus setelah sekian hari / finished import jobs' records are removed "
                   "after this many days")
        ->check(CLI::Range(1, 36500))
        ->capture_default_str();
}

Result<std::pair<std::string, std::uint16_t>> parse_listen(std::string const& listen) {
    auto colon = listen.rfind(':');
    auto bad = [&] {
        return fail(ErrorCode::InvalidArgument, {fmt::format("--listen harus HOST:PORT, bukan '{}'", listen),
                                                 fmt::format("--listen must be HOST:PORT, not '{}'", listen)});
    };
    if (colon == std::string::npos || colon == 0) return bad();
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    std::string port_text = listen.substr(colon + 1);
    if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
        return bad();
    int port = std::stoi(port_text);
    if (port > 65535) return bad();
    return std::pair{host, static_cast<std::uint16_t>(port)};
}

std::string default_static_dir() {
    // build/<preset>/apps/pilar/pilar -> <source>/web/dist; or web/dist in the working directory.
    for (fs::path p = fs::path(executable_path()).parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
        if (fs::exists(p / "web" / "dist" / "index.html")) return (p / "web" / "dist").string();
    if (fs::exists("web/dist/index.html")) return "web/dist";
    return {};
}

Result<int> serve(ServeOptions const& o, std::unique_ptr<db::Database> database, std::function<void(std::uint16_t)> on_ready) {
    auto [host, port] = PILAR_TRY(parse_listen(o.listen));
    AppOptions app_options;
    app_options.sessions.idle_timeout = std::chrono::minutes(o.session_idle_minutes);
    app_options.sessions.absolute_timeout = std::chrono::hours(o.session_hours);
    app_options.sessions.revocation_check = std::chrono::milliseconds(o.revocation_check_ms);
    // Test hook (tests/api/access.test.mjs): see SessionOptions::cache_for.
    if (char const* ms = std::getenv("PILAR_TEST_SESSION_CACHE_MS"); ms && *ms)
        app_options.sessions.cache_for = std::chrono::milliseconds(std::atoll(ms));
    // Under TLS the session cookie is Secure and HSTS is sent, as behind a TLS proxy.
    app_options.middleware.cookies_secure = o.secure_cookies || !o.tls_cert.empty();
    if (o.map_tiles != "none" && !o.map_tiles.empty()) {
        if (dashboard::tile_origin(o.map_tiles).empty() || o.map_tiles.find("{z}") == std::string::npos)
            return fail(Error(ErrorCode::InvalidArgument,
                              {"--map-tiles harus URL http(s) dengan {z}, {x} dan {y}, atau none",
                               "--map-tiles must be an http(s) URL with {z}, {x} and {y}, or none"})
                            .at_field("--map-tiles"));
        app_options.map.tile_url = o.map_tiles;
        app_options.map.attribution = o.map_attribution.empty() && o.map_tiles.find("openstreetmap.org") != std::string::npos
                                          ? "© OpenStreetMap contributors"
                                          : o.map_attribution;
    }
    app_options.privacy.retensi_hari = o.retention_days;
    // The name by which recovery recognises this server's previous run (registry/import_api.hpp).
    app_options.import_jobs.server = o.instance.empty() ? registry::default_server_name(o.listen) : o.instance;
    app_options.import_jobs.keep_days = o.import_job_days;
    if (o.data.db_url.empty()) app_options.tmp_dir = (fs::path(o.data.data_dir) / "tmp").string();
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    auto app = build_app(std::move(database), std::move(keyring), app_options);
    // An import the previous process was running when it stopped (crash, kill -9, restart) did
    // not finish; its record says so, and the office runs it again (registry/import_api.hpp).
    if (auto n = PILAR_TRY(app->import_jobs->recover_interrupted()); n > 0)
        spdlog::warn("{} impor terhenti karena server dimulai ulang, ditandai gagal / {} interrupted import(s) marked failed",
                     n, n);
    // Heartbeats of this server's imports, other servers' stale jobs, old records: now and every
    // half minute (the first pass prunes what piled up while the server was down).
    app->import_jobs->start_maintenance();
    // The search index is built from the registry in the background (about 10 s per million
    // members); a search or duplicate check arriving before it is ready waits for it.
    app->search->warm_up();
    http::ServerOptions so;
    so.host = host;
    so.port = port;
    so.io_threads = o.threads;
    so.static_dir = o.static_dir.empty() ? default_static_dir() : o.static_dir;
    so.access_log = o.access_log;
    so.read_timeout = std::chrono::milliseconds(o.read_timeout_ms);
    so.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
    so.body_limit = static_cast<std::size_t>(o.body_limit);
    so.upload_limit = static_cast<std::uint64_t>(o.upload_limit);
    so.upload_dir = app_options.tmp_dir;
    so.max_connections = o.max_connections;
    so.tls_cert_file = o.tls_cert;
    so.tls_key_file = o.tls_key;
    auto server = PILAR_TRY(http::Server::create(app->router, app->metrics, so));
    app->audit->start_indexer();  // the audit look-up tables, behind the writes (access/audit.hpp)
    spdlog::info("pilar {} serving {} on {}://{}:{} (web app: {})", kVersion, app->db->describe(),
                 server->tls() ? "https" : "http", host, server->port(), so.static_dir.empty() ? "not built" : so.static_dir);
    if (on_ready) on_ready(server->port());
    server->run();
    spdlog::info("pilar stopped");
    return kExitOk;
}

struct DemoOptions {
    ServeOptions serve;
    int households = 2000;
    std::uint64_t seed = 1;
    std::string kota = "36.71";
};

struct DemoUser {
    std::string username;
    Role role;
    std::string wilayah;
    std::string full_name;
};

Result<void> prepare_demo(DemoOptions const& o, db::Database& database, std::vector<std::pair<DemoUser, std::string>>& created) {
    Actor system = Actor::system("demo");
    wilayah::WilayahService wil(database);
    if (!wil.get(o.kota)) {
        auto dir = wilayah::WilayahService::find_area_data_dir(executable_path());
        if (!dir)
            return fail(ErrorCode::Unavailable,
                        {"Data wilayah idn-area-data tidak ditemukan; jalankan scripts/bootstrap",
                         "Region data idn-area-data not found; run scripts/bootstrap"});
        auto report = PILAR_TRY(wil.load_from_area_data(system, o.kota, *dir));
        spdlog::info("wilayah {}: {} kecamatan, {} kelurahan/desa loaded", o.kota, report.kecamatan, report.kelurahan);
    }
    auto rw_count = PILAR_TRY(wil.search({.q = o.kota, .tingkat = Tingkat::Rw, .limit = 1}));
    if (rw_count.empty()) {
        auto r = PILAR_TRY(wilayah::seed_demo_rw_rt(database, o.kota, 1014, o.seed));
        spdlog::info("demo: {} RW and {} RT created", r.rw, r.rt);
    }
    access::AccessService acc(database);
    if (PILAR_TRY(acc.user_count()) > 0) return {};
    auto kecamatan = PILAR_TRY(wil.children(o.kota, false));
    auto kelurahan = PILAR_TRY(wil.children(kecamatan.front().kode, false));
    auto rws = PILAR_TRY(wil.children(kelurahan.front().kode, false));
    std::vector<DemoUser> users = {
        {"admin", Role::Admin, o.kota, "Administrator Sistem"},
        {"operator", Role::Operator, o.kota, "Operator Dinas Sosial"},
        {"kepala", Role::Kepala, o.kota, "Kepala Dinas Sosial"},
        {"tksk", Role::Tksk, kecamatan.front().kode, "TKSK " + kecamatan.front().nama},
        {"psm", Role::Psm, rws.front().kode, "PSM " + kelurahan.front().nama + " " + rws.front().nama},
    };
    for (auto const& u : users) {
        auto password = access::random_password();
        PILAR_TRY(acc.create_user(system, {.username = u.username, .full_name = u.full_name, .role = u.role,
                                           .wilayah = {u.wilayah}, .password = password}));
        created.emplace_back(u, password);
    }
    return {};
}

// The PSM/TKSK roster (src/workforce/demo.hpp), once, consistent with the demo accounts.
Result<void> seed_demo_workforce(DemoOptions const& o, db::Database& database) {
    wilayah::WilayahService wil(database);
    workforce::WorkforceService svc(database, wil, [](Actor const&, std::int64_t, std::optional<std::int64_t>) -> Result<void> {
        return fail(ErrorCode::NotFound, {"Keluarga tidak ditemukan", "Household not found"});  // demo reports name no household
    });
    auto r = PILAR_TRY(workforce::seed_demo_roster(svc, wil, {.kota = o.kota, .seed = o.seed}));
    if (r.psm > 0)
        spdlog::info("demo: {} PSM and {} TKSK on {} RW ({} RW without a PSM, {} with two)", r.psm, r.tksk, r.rw, r.rw_kosong, r.rw_ganda);
    return {};
}

// N synthetic households (`pilar generate`) loaded through the bulk import, once: a database
// that already holds households is left as it is.
Result<void> seed_demo_households(DemoOptions const& o, db::Database& database) {
    if (o.households <= 0) return {};
    {
        auto c = PILAR_TRY(database.acquire());
        if (PILAR_TRY(c->query_value<std::int64_t>("SELECT id FROM keluarga LIMIT 1"))) return {};
    }
    auto dir = wilayah::WilayahService::find_area_data_dir(executable_path());
    if (!dir) return fail(ErrorCode::Unavailable, {"Data idn-area-data tidak ditemukan", "idn-area-data not found"});
    auto area = PILAR_TRY(synth::load_area(*dir, o.kota));
    auto out = (fs::path(o.serve.data.data_dir) / "demo-sintetis").string();
    auto gen = PILAR_TRY(synth::generate_files(area, {.households = o.households, .seed = o.seed}, out));
    auto keyring = PILAR_TRY(open_keyring(o.serve.data, database));
    wilayah::WilayahService wil(database);
    registry::ImportService importer(database, keyring, wil);
    for (auto kind : {registry::ImportKind::Keluarga, registry::ImportKind::Anggota}) {
        auto path = fmt::format("{}/{}.csv", out, registry::import_kind_name(kind));
        auto file = PILAR_TRY(registry::open_import_file(path));
        auto r = PILAR_TRY(importer.run(Actor::system("demo"), *file.rows, {.kind = kind, .file_name = path}));
        if (!r.applied) return fail(ErrorCode::Internal, {"Impor data demo gagal", "Loading the demo data failed"});
    }
    fs::remove_all(out);
    spdlog::info("demo: {} keluarga sintetis, {} anggota", gen.households, gen.persons);
    return {};
}

}  // namespace

// A served database shares its WAL read-mark lock across reads through quiet intervals of this
// length (db::OpenOptions::hold_read_mark): a checkpoint after a quiet spell waits at most this.
constexpr std::chrono::milliseconds kHoldReadMark{100};

void register_serve_commands(CLI::App& app, Action& action) {
    auto serve_opts = std::make_shared<ServeOptions>();
    auto* s = app.add_subcommand("serve", "Jalankan server HTTP / Run the HTTP server");
    add_serve_options(*s, *serve_opts);
    s->callback([&action, serve_opts] {
        action = [serve_opts] {
            auto database = open_database(serve_opts->data, Migrate::NewOnly, kHoldReadMark);
            if (!database) return report(database.error());
            auto r = serve(*serve_opts, std::move(*database), nullptr);
            return r ? *r : report(r.error());
        };
    });

    auto demo_opts = std::make_shared<DemoOptions>();
    auto* d = app.add_subcommand(
        "demo", "Buat/pakai ulang basis data demo Kota Tangerang lalu jalankan server / Create or reuse a demo database and serve it");
    add_serve_options(*d, demo_opts->serve);
    d->add_option("--households", demo_opts->households,
                  "Jumlah keluarga sintetis saat basis data dibuat (0: tanpa) / synthetic households on first start")
        ->capture_default_str();
    d->add_option("--seed", demo_opts->seed, "Benih data sintetis / seed")->capture_default_str();
    d->callback([&action, demo_opts] {
        action = [demo_opts] {
            // Demo data: a newer binary migrates it at start (`make demo` after a pull), where `pilar
            // serve` asks for `pilar migrate --backup` first.
            auto database = open_database(demo_opts->serve.data, Migrate::Apply, kHoldReadMark);
            if (!database) return report(database.error());
            std::vector<std::pair<DemoUser, std::string>> created;
            if (auto r = prepare_demo(*demo_opts, **database, created); !r) return report(r.error());
            if (auto r = seed_demo_workforce(*demo_opts, **database); !r) return report(r.error());
            if (auto r = seed_demo_households(*demo_opts, **database); !r) return report(r.error());
            auto r = serve(demo_opts->serve, std::move(*database), [&](std::uint16_t port) {
                auto [host, _] = parse_listen(demo_opts->serve.listen).value();
                std::string url =
                    fmt::format("{}://{}:{}", demo_opts->serve.tls_cert.empty() ? "http" : "https", host, port);
                std::cout << "\n  Pilar demo: " << url << "\n";
                if (!created.empty()) {
                    std::cout << "  Akun demo (kata sandi hanya ditampilkan sekali ini / passwords are shown only once):\n";
                    for (auto const& [u, pw] : created)
                        std::cout << fmt::format("    {:<9} {:<9} {}  ({})\n", u.username, role_name(u.role), pw, u.wilayah);
                } else {
                    std::cout << "  Basis data demo dipakai ulang; kata sandi sudah ditampilkan saat pertama dibuat.\n"
                                 "  Lupa? pilar user reset-password admin --password-stdin --data "
                              << demo_opts->serve.data.data_dir << "\n";
                }
                std::cout << "  Buka / open " << url << " dan masuk sebagai / and log in as admin"
                          << "  (Ctrl+C untuk berhenti / to stop)\n\n"
                          << std::flush;
            });
            return r ? *r : report(r.error());
        };
    });
}

}  // namespace pilar::cli
