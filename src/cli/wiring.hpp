// The composition root: opens the services of every module on one database and puts their
// routes, the access middleware and the built-in routes on one router. `pilar serve` and
// `pilar demo` use it, and so do the tests that check every route has an access rule.
#pragma once

#include <memory>
#include <string>

#include "access/api.hpp"
#include "access/crypto.hpp"
#include "access/service.hpp"
#include "dashboard/service.hpp"
#include "events/accounts.hpp"
#include "events/service.hpp"
#include "db/database.hpp"
#include "dedup/service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "privacy/service.hpp"
#include "registry/export.hpp"
#include "registry/import_api.hpp"
#include "registry/service.hpp"
#include "search/service.hpp"
#include "sync/sync.hpp"
#include "verivali/bindings.hpp"
#include "verivali/service.hpp"
#include "wilayah/service.hpp"
#include "workforce/service.hpp"

namespace pilar::cli {

struct AppOptions {
    access::SessionOptions sessions;
    access::MiddlewareOptions middleware;
    // Where exports are built before they are sent (the data directory's tmp/); empty: the
    // system's temporary directory.
    std::string tmp_dir;
    // Map tiles of the dashboard (empty URL: no tiles, clusters on a plain background).
    dashboard::MapOptions map;
    privacy::PrivacyOptions privacy;
    // Bulk-import jobs: this server's name among those sharing the database, record retention.
    registry::ImportJobs::Options import_jobs;
};

struct App {
    std::unique_ptr<db::Database> db;
    std::unique_ptr<access::Keyring> keyring;
    std::unique_ptr<wilayah::WilayahService> wilayah;
    std::unique_ptr<registry::RegistryService> registry;
    std::unique_ptr<registry::ExportService> exports;
    std::unique_ptr<access::AccessService> access;
    std::unique_ptr<access::AuditService> audit;
    // verivali's view of the registry and of the PSM roster (verivali/lookup.hpp), then its service
    std::unique_ptr<verivali::RegistryHouseholds> verivali_households;
    std::unique_ptr<verivali::AccessPetugas> verivali_petugas;
    std::unique_ptr<verivali::VerivaliService> verivali;
    // data-subject rights (legal basis, access export, erasure) over registry and verivali
    std::unique_ptr<privacy::PrivacyService> privacy;
    // the workforce: roster of pilar sosial, coverage, activity reports, recap, scores
    std::unique_ptr<workforce::WorkforceService> workforce;
    // offline sync: the op kinds every module registered, and the service that applies them
    sync::SyncRegistry sync_kinds;
    std::unique_ptr<sync::SyncService> sync;
    // fuzzy person search (src/search): the index over members, kept fresh from the registry's feed
    std::unique_ptr<search::SearchService> search;
    // duplicate review (src/dedup): dedup runs, the review queue, merges, the entry check
    std::unique_ptr<dedup::DedupService> dedup;
    // dashboards: panels registered by the modules (the built-in ones in src/dashboard)
    std::unique_ptr<dashboard::DashboardService> dashboard;
    // training events: the user accounts participants are keyed on, then the service
    std::unique_ptr<events::AccessAccounts> event_accounts;
    std::unique_ptr<events::EventsService> events;
    http::Router router;
    http::Metrics metrics;
    // Uploaded imports run in the background; declared last so that it is destroyed first and
    // waits for a running import while the services it uses still exist.
    std::unique_ptr<registry::ImportService> imports;
    std::unique_ptr<registry::ImportJobs> import_jobs;
};

// The rules other modules hold on accounts (access::AccountCheck): the workforce roster's
// reserved usernames. build_app and the `pilar user` commands both call it, so an account is held
// to them however it is made.
void add_account_rules(access::AccessService& access);

std::unique_ptr<App> build_app(std::unique_ptr<db::Database> db, access::Keyring keyring, AppOptions const& options = {});

}  // namespace pilar::cli
