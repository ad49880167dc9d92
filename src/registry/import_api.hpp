// Bulk import through the API: the server streams the upload to a file in the data directory's
// tmp/ (http::BodyStorage::File: mode 0600, deleted when the import ends), imported in the background by ImportService with the same
// rules as `pilar import`, and followed with GET /api/v1/impor/{jenis}/{id} (status, percent, rows,
// rejected, the row-level errors). One import runs at a time: it holds the database's write
// lock for its duration (about a second per 30,000 rows), so a second one waits its turn by
// being refused (409) rather than queueing behind a lock.
//
// Progress lives in memory; a small record of each job (table impor_job) is written when the
// upload is accepted and when the import ends, so its outcome survives a crash or a restart. At
// start-up (recover_interrupted, called by `pilar serve`) a job still marked running is marked
// failed: the import is one transaction, so nothing of it was applied, and it is run again.
//
//   ImportJobs jobs(import_service, db);
//   jobs.recover_interrupted();
//   register_import_routes(router, jobs);
#pragma once

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

    ImportJobs(ImportService& service, db::Database& db) : m_service(service), m_db(db) {}
    // Waits for a running import to finish.
    ~ImportJobs();

    // Imports `upload` in the background; the job keeps the file until the import ends.
    Result<std::shared_ptr<Job>> start(Actor const& actor, ImportKind kind, bool skip_invalid,
                                       std::shared_ptr<http::UploadFile const> upload, std::string file_name);
    // The job as GET /api/v1/impor/{jenis}/{id} answers it, if `actor` started it (or is the
    // system): from memory while the server that ran it is up, else from its record.
    Result<std::optional<boost::json::object>> get(Actor const& actor, std::string_view id);
    // Marks the jobs a previous process left running as failed (it stopped: crash, kill, restart);
    // yields how many. Called once at start-up, before any upload is accepted.
    Result<int> recover_interrupted();

private:
    static constexpr std::size_t kKeep = 50;  // finished jobs remembered for their reports
    ImportService& m_service;
    db::Database& m_db;
    std::mutex m_mutex;
    std::vector<std::shared_ptr<Job>> m_jobs;
    std::vector<std::pair<std::shared_ptr<Job>, std::jthread>> m_threads;
};

void register_import_routes(http::Router& router, ImportJobs& jobs);
std::string import_openapi_schemas();

}  // namespace pilar::registry
