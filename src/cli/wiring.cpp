#include "cli/wiring.hpp"

#include <boost/json.hpp>

#include <filesystem>

#include <fmt/format.h>

#include <spdlog/spdlog.h>

#include "dashboard/api.hpp"
#include "events/api.hpp"
#include "dedup/api.hpp"
#include "http/builtin.hpp"
#include "version.hpp"
#include "privacy/api.hpp"
#include "registry/api.hpp"
#include "registry/sync_kinds.hpp"
#include "search/api.hpp"
#include "sync/api.hpp"
#include "verivali/api.hpp"
#include "verivali/sync_kinds.hpp"
#include "wilayah/api.hpp"
#include "workforce/api.hpp"
#include "workforce/sync_kinds.hpp"

namespace pilar::cli {
namespace {

// Merges each module's {"Name": schema, ...} objects into one.
std::string merged_schemas() {
    boost::json::object all;
    for (auto const& text : {wilayah::openapi_schemas(), access::openapi_schemas(), registry::openapi_schemas(), registry::import_openapi_schemas(),
                            verivali::openapi_schemas(), privacy::openapi_schemas(), events::openapi_schemas(), dedup::openapi_schemas(), search::openapi_schemas(),
                            workforce::openapi_schemas()}) {
        boost::json::value parsed = boost::json::parse(text);
        for (auto const& [k, v] : parsed.as_object()) all[k] = v;
    }
    return boost::json::serialize(all);
}

}  // namespace

void add_account_rules(access::AccessService& access) {
    access.add_account_check([](db::Connection& c, Actor const& actor, access::User const& account) {
        return workforce::check_reserved_username(c, actor, account.username, account.role, account.wilayah);
    });
}

std::unique_ptr<App> build_app(std::unique_ptr<db::Database> database, access::Keyring keyring, AppOptions const& options) {
    auto app = std::make_unique<App>();
    app->db = std::move(database);
    app->keyring = std::make_unique<access::Keyring>(std::move(keyring));
    app->wilayah = std::make_unique<wilayah::WilayahService>(*app->db);
    app->registry = std::make_unique<registry::RegistryService>(*app->db, *app->keyring, *app->wilayah);
    app->exports = std::make_unique<registry::ExportService>(*app->db, *app->keyring, *app->wilayah);
    app->access = std::make_unique<access::AccessService>(*app->db, options.sessions);
    add_account_rules(*app->access);
    app->audit = std::make_unique<access::AuditService>(*app->db);
    app->verivali_households = std::make_unique<verivali::RegistryHouseholds>(*app->registry);
    app->verivali_petugas = std::make_unique<verivali::AccessPetugas>(*app->access);
    app->verivali = std::make_unique<verivali::VerivaliService>(*app->db, *app->verivali_households, *app->verivali_petugas);
    app->privacy = std::make_unique<privacy::PrivacyService>(*app->db, *app->registry, *app->verivali, options.privacy);
    // Offline op kinds: each module registers its own; later capabilities add theirs here.
    registry::register_sync_kinds(app->sync_kinds, *app->registry);
    registry::RegistryService* regp = app->registry.get();
    verivali::register_sync_kinds(app->sync_kinds, *app->verivali, [regp](Actor const& a, std::string_view uid) -> Result<std::int64_t> {
        return PILAR_TRY(regp->keluarga_by_uid(a, uid)).id;
    });
    // The workforce: households touched by an activity are checked through the registry (its
    // scope); the recap and scores count verivali's proposals and ground checks per username.
    app->workforce = std::make_unique<workforce::WorkforceService>(
        *app->db, *app->wilayah,
        [regp](Actor const& a, std::int64_t keluarga_id, std::optional<std::int64_t> anggota_id) -> Result<void> {
            PILAR_TRY(regp->keluarga(a, keluarga_id));
            if (anggota_id && PILAR_TRY(regp->anggota(a, *anggota_id)).keluarga_id != keluarga_id)
                return fail(ErrorCode::InvalidArgument, {"Anggota bukan dari keluarga itu", "The member is not of that household"});
            return {};
        });
    verivali::VerivaliService* vvp = app->verivali.get();
    // Called per kota with that kota's rules: a check is on time within its kota's deadline.
    app->workforce->add_sumber(
        {.nama = "verivali",
         .indikator = {"usulan_diajukan", "usulan_disetujui", "periksa_selesai", "periksa_tepat_waktu"},
         .hitung = [vvp](workforce::Periode const& p, workforce::Aturan const& rules) -> Result<std::map<std::string, workforce::Angka>> {
             std::map<std::string, workforce::Angka> out;
             for (auto const& [user, a] : PILAR_TRY(vvp->aktivitas_petugas(p.dari, p.sampai, rules.periksa_tenggat_hari)))
                 out[user] = {{"usulan_diajukan", a.usulan_diajukan}, {"usulan_disetujui", a.usulan_disetujui},
                              {"periksa_selesai", a.periksa_selesai}, {"periksa_tepat_waktu", a.periksa_tepat_waktu}};
             return out;
         }});
    workforce::register_sync_kinds(app->sync_kinds, *app->workforce);
    app->sync = std::make_unique<sync::SyncService>(*app->db, app->sync_kinds);
    // Duplicate review: every member created (REST or offline sync) with probable duplicates is
    // queued for review, so a record saved despite the warning is never silently taken as new.
    app->search = std::make_unique<search::SearchService>(*app->registry, *app->wilayah);
    app->dedup = std::make_unique<dedup::DedupService>(*app->db, *app->registry, *app->search);
    dedup::DedupService* dedupp = app->dedup.get();
    app->registry->on_anggota_created([dedupp](Actor const& actor, std::int64_t id) {
        if (auto r = dedupp->flag_new(actor, id); !r)
            spdlog::warn("duplicate check of new member {} failed: {}", id, r.error().describe(Lang::En));
    });
    // Dashboard panels: one registration each; later capabilities add theirs here.
    app->dashboard = std::make_unique<dashboard::DashboardService>(*app->db, options.map);
    dashboard::register_builtin_panels(*app->dashboard);
    app->event_accounts = std::make_unique<events::AccessAccounts>(*app->access);
    app->events = std::make_unique<events::EventsService>(*app->db, *app->event_accounts);
    // Training attended feeds the workforce: a check-in at an event flagged pelatihan_dasar meets
    // the roster's "pelatihan_dasar" requirement; trainings attended are the recap's "pelatihan".
    events::EventsService* evp = app->events.get();
    app->workforce->set_pelatihan_dasar_hadir(
        [evp](std::string const& username) -> Result<std::optional<workforce::PelatihanHadir>> {
            auto t = PILAR_TRY(evp->basic_training_of(username));
            if (!t) return std::optional<workforce::PelatihanHadir>{};
            return std::optional<workforce::PelatihanHadir>(
                workforce::PelatihanHadir{.tanggal = t->tanggal_mulai, .sumber = fmt::format("acara:{}", t->acara_id)});
        });
    app->workforce->add_sumber({.nama = "events",
                                .indikator = {"pelatihan"},
                                .hitung = [evp](workforce::Periode const& p, workforce::Aturan const&) -> Result<std::map<std::string, workforce::Angka>> {
                                    std::map<std::string, workforce::Angka> out;
                                    for (auto const& [user, n] : PILAR_TRY(evp->trainings_per_username(p.dari, p.sampai)))
                                        out[user] = {{"pelatihan", n}};
                                    return out;
                                }});

    db::Database* dbp = app->db.get();
    http::add_builtin_routes(app->router, app->metrics,
                             {.version = std::string(kVersion),
                              .health_check = [dbp]() -> Result<void> {
                                  // Cheap: a pool that can hand out a connection is a live database.
                                  auto c = PILAR_TRY(dbp->acquire());
                                  return {};
                              },
                              .openapi_schemas = merged_schemas});
    access::MiddlewareOptions middleware = options.middleware;
    if (auto origin = dashboard::tile_origin(options.map.tile_url); !origin.empty()) middleware.image_origins.push_back(origin);
    access::install_middleware(app->router, *app->access, middleware);
    access::register_routes(app->router, *app->access, options.middleware);
    access::register_audit_routes(app->router, *app->audit);
    wilayah::register_routes(app->router, *app->wilayah);
    registry::register_routes(app->router, *app->registry);
    std::string const tmp_dir = options.tmp_dir.empty() ? std::filesystem::temp_directory_path().string() : options.tmp_dir;
    registry::register_export_routes(app->router, *app->exports, tmp_dir);
    app->imports = std::make_unique<registry::ImportService>(*app->db, *app->keyring, *app->wilayah);
    app->import_jobs = std::make_unique<registry::ImportJobs>(*app->imports, *app->db, options.import_jobs);
    registry::register_import_routes(app->router, *app->import_jobs);
    verivali::register_routes(app->router, *app->verivali, tmp_dir);
    privacy::register_routes(app->router, *app->privacy, tmp_dir);
    sync::register_routes(app->router, *app->sync, app->sync_kinds);
    dashboard::register_routes(app->router, *app->dashboard);
    events::register_routes(app->router, *app->events, tmp_dir);
    dedup::register_routes(app->router, *app->dedup);
    search::register_routes(app->router, *app->search);
    workforce::register_routes(app->router, *app->workforce, tmp_dir);

    app->metrics.add_gauge("pilar_db_pool_connections", "Database connections open.",
                           [dbp] { return static_cast<double>(dbp->pool_stats().size); });
    app->metrics.add_gauge("pilar_db_pool_in_use", "Database connections handed out now.",
                           [dbp] { return static_cast<double>(dbp->pool_stats().in_use); });
    app->metrics.add_gauge("pilar_db_pool_max", "Largest number of database connections allowed.",
                           [dbp] { return static_cast<double>(dbp->pool_stats().max_size); });
    app->metrics.add_gauge("pilar_db_pool_timeouts_total", "Requests that found no free database connection in time.",
                           [dbp] { return static_cast<double>(dbp->pool_stats().timeouts); });
    return app;
}

}  // namespace pilar::cli
