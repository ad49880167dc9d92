// Bulk import through the API: the server streams the upload to a file in the data directory's
// tmp/ (http::BodyStorage::File: mode 0600, deleted when the import ends), imported in the background by ImportService with the same
// rules as `pilar import`, and followed with GET /api/v1/impor/{jenis}/{job} (status, percent, rows,
// rejected, the row-level errors). One import runs at a time: it holds the database's write
// lock for its duration (about a second per 30,000 rows), so a second one waits its turn by
// being refused (409) rather than queueing behind a lock.
//
// Progress lives in memory; a small record of each job (table impor_job) is written when the
// upload is accepted and when the import ends, so its outcome survives a crash or a restart. A
// job whose process stopped is marked failed: the import is one transaction, so nothing of it was
// applied, and it is run again.
//
// Several servers may share one database (PostgreSQL), so a server fails only jobs that are
// really dead. Each job records the server that runs it (`server`: a name stable across restarts),
// that server's process (`proses`: random at each start) and a heartbeat (`detak`: written with
// the job and every `heartbeat` while it runs). A job is dead when
//   - its server is this one and its process is not this one: our previous run left it (a server
//     name belongs to one running process at a time; recover_interrupted() at start-up), or
//   - its heartbeat is older than `stale_after` and its process is not this one: the server
//     that ran it stopped and did not come back (at start-up and every `heartbeat` after).
// A job of another live server keeps beating, so neither rule touches it. On SQLite the running
// import holds the database's only write lock, so the heartbeat cannot be written — nor can any
// other process mark the job failed until the import has ended (and the import's own final write
// then records its real outcome); there the heartbeat is written only with the job.
// Finished jobs' records are removed `keep_days` after they ended (prune()).
//
//   ImportJobs jobs(import_service, db, {.server = "app-1:8080"});
//   jobs.recover_interrupted();       // before any upload is accepted
//   jobs.start_maintenance();         // heartbeats, stale jobs, pruning
//   register_import_routes(router, jobs);
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "registry/import.hpp"

namespace pilar::registry {

class ImportJobs {
public:
    enum class State { Running, Done, Failed };
    struct Job {
        std::string id;
        ImportKind kind = ImportKind::Keluarga;
        std::string file_name, username, started_at;
        long long size = 0;
        State state = State::Running;
        ImportProgress progress;
        std::optional<ImportReport> report;
        std::optional<Error> error;
    };

    struct Options {
        // This server's name, stable across its restarts and unique among the servers sharing the
        // database (`pilar serve --instance`); empty: this host's name.
        std::string server;
        std::chrono::milliseconds heartbeat{30'000};
        std::chrono::milliseconds stale_after{10 * 60'000};
        int keep_days = 30;  // a finished job's record is removed this many days after it ended
    };

    ImportJobs(ImportService& service, db::Database& db) : ImportJobs(service, db, Options{}) {}
    ImportJobs(ImportService& service, db::Database& db, Options options);
    // Stops the maintenance thread and waits for a running import to finish.
    ~ImportJobs();

    // Imports `upload` in the background; the job keeps the file until the import ends.
    Result<std::shared_ptr<Job>> start(Actor const& actor, ImportKind kind, bool skip_invalid,
                                       std::shared_ptr<http::UploadFile const> upload, std::string file_name);
    // The job as GET /api/v1/impor/{jenis}/{job} answers it, if `actor` started it (or is the
    // system): from memory while the server that ran it is up, else from its record.
    Result<std::optional<boost::json::object>> get(Actor const& actor, std::string_view id);
    // Marks failed the running jobs that are dead by either rule above (our previous run's, or a
    // stale heartbeat); yields how many. Called once at start-up, before any upload is accepted.
    Result<int> recover_interrupted();
    // The stale-heartbeat rule alone (the maintenance thread's sweep); yields how many.
    Result<int> fail_stale();
    // Writes the heartbeat of this process's running jobs.
    Result<void> heartbeat();
    // Removes the records of jobs that ended more than keep_days ago; yields how many.
    Result<int> prune();
    // A thread (below the I/O threads' priority) that every `heartbeat` beats for this process's
    // running job (not on SQLite), fails stale jobs and prunes old records, until destruction.
    void start_maintenance();

    std::string const& server() const { return m_options.server; }
    std::string const& process_id() const { return m_process; }

private:
    enum class Rule { PreviousRunOrStale, Stale };
    Result<int> fail_dead(Rule rule);

    static constexpr std::size_t kKeep = 50;  // finished jobs remembered for their reports
    ImportService& m_service;
    db::Database& m_db;
    Options m_options;
    std::string m_process;
    std::mutex m_mutex;
    std::vector<std::shared_ptr<Job>> m_jobs;
    std::vector<std::pair<std::shared_ptr<Job>, std::jthread>> m_threads;
    std::mutex m_maintenance_mutex;
    std::condition_variable_any m_maintenance_cv;
    std::jthread m_maintenance;  // last: stopped and joined first
};

// `pilar serve`'s default server name: this host's name and the listen address as configured
// ("app-1/0.0.0.0:8080"), stable while the configuration is and different for two servers on one host.
std::string default_server_name(std::string_view listen);

void register_import_routes(http::Router& router, ImportJobs& jobs);
std::string import_openapi_schemas();

}  // namespace pilar::registry
