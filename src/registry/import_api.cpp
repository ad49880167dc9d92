#include "registry/import_api.hpp"

#include <sodium.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/background.hpp"
#include "core/strings.hpp"
#include "http/access_log.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::size_t kReportErrorsShown = 200;

// Job and process ids: random, not guessable (a job id is what a GET asks for).
std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    hex.pop_back();
    return hex;
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0]) return "pilar";
    return buf;
}

std::string_view state_name(ImportJobs::State s) {
    return s == ImportJobs::State::Running ? "berjalan" : s == ImportJobs::State::Done ? "selesai" : "gagal";
}

json::object job_json(ImportJobs::Job const& j) {
    json::object o{{"id", j.id}, {"jenis", std::string(import_kind_name(j.kind))}, {"nama_file", j.file_name},
                   {"oleh", j.username}, {"mulai", j.started_at}};
    o["status"] = state_name(j.state);
    o["baris"] = j.progress.rows;
    o["ditolak"] = j.progress.rejected;
    // Bytes read are estimated from the fields (quotes and line ends are not counted): a
    // finished import is 100 %, a running one at most 99 %.
    o["persen"] = j.state != ImportJobs::State::Running ? 100
                  : j.size > 0                          ? std::min<long long>(99, j.progress.bytes * 100 / j.size)
                                                        : 0;
    if (j.error) o["error"] = json::object{{"code", std::string(error_code_name(j.error->code))}, {"message", j.error->message.id},
                                           {"message_en", j.error->message.en}, {"row", j.error->row}, {"field", j.error->field}};
    if (j.report) {
        auto const& r = *j.report;
        json::array errors;
        for (std::size_t i = 0; i < r.errors.size() && i < kReportErrorsShown; ++i) {
            auto const& e = r.errors[i];
            errors.push_back(json::object{{"baris", e.row}, {"kolom", e.column}, {"nilai", e.value}, {"pesan", e.message.id},
                                          {"pesan_en", e.message.en}});
        }
        o["hasil"] = json::object{{"diterapkan", r.applied}, {"baris", r.rows}, {"baru", r.baru}, {"berubah", r.berubah},
                                  {"sama", r.sama}, {"ditolak", r.ditolak}, {"peringatan", r.warnings},
                                  {"jumlah_kesalahan", r.errors_total}, {"kesalahan", std::move(errors)},
                                  {"detik", r.seconds}};
    }
    return o;
}

// The job's record (table impor_job): its answer without the row-level errors, which quote the
// file's values (possibly identity numbers, names), and with every 16-digit run in the texts that
// may quote the file (its name, the job's error) masked, so that the record holds no identity
// number in clear (docs/privacy.md).
std::string record_json(ImportJobs::Job const& j) {
    auto o = job_json(j);
    // (an empty list, not no list: clients read hasil.kesalahan, and jumlah_kesalahan still counts them)
    if (auto* h = o.if_contains("hasil"); h && h->is_object()) h->as_object()["kesalahan"] = json::array();
    auto mask = [](json::object& obj, std::string_view key) {
        if (auto* v = obj.if_contains(key); v && v->is_string()) {
            auto masked = http::mask_digit_runs(std::string_view(v->as_string()));
            *v = std::string_view(masked);
        }
    };
    mask(o, "nama_file");
    if (auto* e = o.if_contains("error"); e && e->is_object())
        for (auto key : {"message", "message_en", "field"}) mask(e->as_object(), key);
    return json::serialize(o);
}

// Accepted: the record with its owner (server, process) and first heartbeat. Ended: the outcome,
// whatever another server's sweep may have written meanwhile (the real outcome wins).
Result<void> write_record(db::Database& db, ImportJobs const& jobs, ImportJobs::Job const& j, bool accepted) {
    auto c = PILAR_TRY(db.acquire());
    if (accepted)
        PILAR_TRY(c->execute("INSERT INTO impor_job (id, jenis, nama_file, oleh, mulai, status, ringkasan_json, server, "
                             "proses, detak) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             j.id, import_kind_name(j.kind), j.file_name, j.username, j.started_at, state_name(j.state),
                             record_json(j), jobs.server(), jobs.process_id(), j.started_at));
    else {
        auto const now = utc_now_iso();
        PILAR_TRY(c->execute("UPDATE impor_job SET status = ?, selesai = ?, detak = ?, ringkasan_json = ? WHERE id = ?",
                             state_name(j.state), now, now, record_json(j), j.id));
    }
    return {};
}

}  // namespace

ImportJobs::ImportJobs(ImportService& service, db::Database& db, Options options)
    : m_service(service), m_db(db), m_options(std::move(options)), m_process(random_hex(12)) {
    if (m_options.server.empty()) m_options.server = host_name();
}

ImportJobs::~ImportJobs() {
    decltype(m_threads) threads;
    {
        std::lock_guard lock(m_mutex);
        threads = std::move(m_threads);
    }
    // The jthreads join here: an import in progress finishes (its transaction commits or rolls back).
}

Result<std::shared_ptr<ImportJobs::Job>> ImportJobs::start(Actor const& actor, ImportKind kind, bool skip_invalid,
                                                           std::shared_ptr<http::UploadFile const> upload,
                                                           std::string file_name) {
    if (actor.role != Role::Operator && !actor.is_system())
        return fail(ErrorCode::PermissionDenied, {"Impor massal hanya untuk operator Dinas", "Bulk import is for office operators only"});
    if (!upload || upload->size == 0) return fail(ErrorCode::InvalidArgument, {"Berkas kosong", "The file is empty"});
    auto job = std::make_shared<Job>();
    job->id = random_hex(12);
    job->kind = kind;
    job->file_name = std::move(file_name);
    job->username = actor.username;
    job->started_at = utc_now_iso();
    job->size = static_cast<long long>(upload->size);
    {
        std::lock_guard lock(m_mutex);
        // Finished imports' threads are joined (instantly) and dropped; a running one refuses a second.
        std::erase_if(m_threads, [](auto const& t) { return t.first->state != State::Running; });
        if (!m_threads.empty())
            return fail(ErrorCode::Conflict, {fmt::format("Impor lain sedang berjalan ({}); coba lagi setelah selesai",
                                                          m_threads.front().first->file_name),
                                              fmt::format("Another import is running ({}); try again when it is done",
                                                          m_threads.front().first->file_name)});
        // Recorded before it runs (and under the lock, so two uploads cannot both pass the check
        // above): an upload answered 202 is one the office can always ask about.
        PILAR_TRY(write_record(m_db, *this, *job, true));
        m_jobs.push_back(job);
        if (m_jobs.size() > kKeep) m_jobs.erase(m_jobs.begin());
        m_threads.emplace_back(job, std::jthread([this, job, actor, skip_invalid, upload = std::move(upload)]() mutable {
            // Below the I/O threads: this thread inherits the nice value of the handler thread
            // that starts it (the worker pool runs below them, core/background.hpp), and the
            // import's workers, which compute on every core they find (ImportOptions::cpu_threads
            // is 0), inherit this thread's nice value and name, so the field workers' reads keep
            // their cores while an upload loads (tests/api/import.test.mjs checks both).
            name_this_thread("pilar-impor");
            auto r = [&]() -> Result<ImportReport> {
                auto file = PILAR_TRY(open_import_file(upload->path, job->file_name));
                ImportOptions opt{.kind = job->kind, .skip_invalid = skip_invalid, .file_name = job->file_name};
                opt.reopen = [&] { return open_import_file(upload->path, job->file_name); };
                opt.temp_dir = std::filesystem::path(upload->path).parent_path().string();
                opt.progress = [&](ImportProgress const& p) {
                    std::lock_guard progress_guard(m_mutex);
                    job->progress = p;
                };
                return m_service.run(actor, *file.rows, opt);
            }();
            upload.reset();  // the file is removed: personal data does not linger
            Job ended;
            {
                std::lock_guard done_guard(m_mutex);
                if (r) {
                    job->report = std::move(*r);
                    job->state = State::Done;
                } else {
                    job->error = r.error();
                    job->state = State::Failed;
                }
                ended = *job;
            }
            // Outside the lock (a GET must not wait on the database). Should this write fail, the
            // answer from memory is still right while this process runs; after a restart the job
            // would read as stopped by the restart, which tells the office to run it again.
            (void)write_record(m_db, *this, ended, false);
        }));
    }
    return job;
}

Result<std::optional<json::object>> ImportJobs::get(Actor const& actor, std::string_view id) {
    {
        std::lock_guard lock(m_mutex);
        for (auto const& j : m_jobs)
            if (j->id == id) {
                if (j->username != actor.username && !actor.is_system()) return std::optional<json::object>{};
                return std::optional<json::object>(job_json(*j));
            }
    }
    // Not in memory: a job of an earlier process, or one older than the last kKeep.
    auto c = PILAR_TRY(m_db.acquire());
    auto stmt = PILAR_TRY(c->prepare("SELECT oleh, ringkasan_json FROM impor_job WHERE id = ?"));
    PILAR_TRY(stmt.bind_all(id));
    if (!PILAR_TRY(stmt.step())) return std::optional<json::object>{};
    if (stmt.text(0) != actor.username && !actor.is_system()) return std::optional<json::object>{};
    boost::system::error_code ec;
    auto v = json::parse(stmt.text(1), ec);
    if (ec || !v.is_object())
        return fail(ErrorCode::Internal, {"Catatan impor rusak", "The import's record is damaged"});
    return std::optional<json::object>(std::move(v.as_object()));
}

Result<int> ImportJobs::recover_interrupted() { return fail_dead(Rule::PreviousRunOrStale); }

Result<int> ImportJobs::fail_stale() { return fail_dead(Rule::Stale); }

Result<int> ImportJobs::fail_dead(Rule rule) {
    // Never this process's own jobs: it is alive, and its import thread writes their outcome.
    // Times are ISO UTC text, so text order is time order (core/clock.hpp).
    auto const stale_before = utc_iso(std::chrono::system_clock::now() - m_options.stale_after);
    std::string const sql = fmt::format(
        "SELECT id, ringkasan_json, server FROM impor_job WHERE status = 'berjalan' AND (proses IS NULL OR proses <> ?) "
        "AND (detak < ?{})",
        rule == Rule::PreviousRunOrStale ? " OR server = ? OR server IS NULL" : "");
    struct Dead {
        std::string id, record;
        bool previous_run = false;
    };
    auto c = PILAR_TRY(m_db.acquire());
    auto find = [&]() -> Result<std::vector<Dead>> {
        auto stmt = PILAR_TRY(c->prepare(sql));
        if (rule == Rule::PreviousRunOrStale)
            PILAR_TRY(stmt.bind_all(m_process, stale_before, m_options.server));
        else
            PILAR_TRY(stmt.bind_all(m_process, stale_before));
        std::vector<Dead> out;
        while (PILAR_TRY(stmt.step())) {
            auto server = stmt.opt_string(2);
            out.push_back({stmt.string(0), stmt.string(1), !server || *server == m_options.server});
        }
        return out;
    };
    // A read first: the sweep runs every half minute and must not take the write lock for nothing
    // (nor wait, at start-up, for another process's import holding SQLite's).
    if (PILAR_TRY(find()).empty()) return 0;
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto const dead = PILAR_TRY(find());
    auto const now = utc_now_iso();
    for (auto const& d : dead) {
        boost::system::error_code ec;
        auto v = json::parse(d.record, ec);
        json::object o = !ec && v.is_object() ? std::move(v.as_object()) : json::object{{"id", d.id}};
        o["status"] = "gagal";
        o["persen"] = 100;
        o["error"] = json::object{
            {"code", std::string(error_code_name(ErrorCode::Unavailable))},
            {"message", d.previous_run ? "impor terhenti karena server dimulai ulang; jalankan lagi"
                                       : "impor terhenti karena server yang menjalankannya berhenti; jalankan lagi"},
            {"message_en", d.previous_run ? "the import stopped because the server restarted; run it again"
                                          : "the import stopped because the server running it stopped; run it again"},
            {"row", 0},
            {"field", ""}};
        PILAR_TRY(c->execute("UPDATE impor_job SET status = 'gagal', selesai = ?, ringkasan_json = ? WHERE id = ? "
                             "AND status = 'berjalan'",
                             now, json::serialize(o), d.id));
    }
    PILAR_TRY(tx.commit());
    return static_cast<int>(dead.size());
}

Result<void> ImportJobs::heartbeat() {
    auto c = PILAR_TRY(m_db.acquire());
    PILAR_TRY(c->execute("UPDATE impor_job SET detak = ? WHERE status = 'berjalan' AND proses = ?", utc_now_iso(), m_process));
    return {};
}

Result<int> ImportJobs::prune() {
    auto const before = utc_iso(std::chrono::system_clock::now() - std::chrono::days(m_options.keep_days));
    auto c = PILAR_TRY(m_db.acquire());
    // A read first, as above: most sweeps find nothing to remove.
    if (PILAR_TRY(c->query_value<std::int64_t>("SELECT count(*) FROM impor_job WHERE selesai < ? AND status <> 'berjalan'",
                                               before))
            .value_or(0) == 0)
        return 0;
    auto n = PILAR_TRY(c->execute("DELETE FROM impor_job WHERE selesai < ? AND status <> 'berjalan'", before));
    return static_cast<int>(n);
}

void ImportJobs::start_maintenance() {
    if (m_maintenance.joinable()) return;
    m_maintenance = std::jthread([this](std::stop_token stop) {
        lower_this_thread_priority();
        // SQLite: the running import holds the only write lock, so a heartbeat would wait for it
        // and fail (see the header); the job's record then keeps the time it was accepted.
        bool const beats = m_db.dialect() != db::Dialect::Sqlite;
        auto running = [this] {
            std::lock_guard lock(m_mutex);
            return std::any_of(m_threads.begin(), m_threads.end(), [](auto const& t) { return t.first->state == State::Running; });
        };
        while (!stop.stop_requested()) {
            if (beats && running())
                if (auto r = heartbeat(); !r) spdlog::warn("impor: detak / heartbeat: {}", r.error().describe(Lang::En));
            if (auto r = fail_stale(); !r)
                spdlog::warn("impor: {}", r.error().describe(Lang::En));
            else if (*r > 0)
                spdlog::warn("{} impor ditandai gagal: servernya berhenti / {} import(s) of a stopped server marked failed", *r, *r);
            if (auto r = prune(); !r)
                spdlog::warn("impor: {}", r.error().describe(Lang::En));
            else if (*r > 0)
                spdlog::info("{} catatan impor lama dihapus / {} old import record(s) removed", *r, *r);
            std::unique_lock lock(m_maintenance_mutex);
            m_maintenance_cv.wait_for(lock, stop, m_options.heartbeat, [] { return false; });
        }
    });
}

std::string default_server_name(std::string_view listen) { return fmt::format("{}/{}", host_name(), listen); }

void register_import_routes(http::Router& router, ImportJobs& jobs) {
    router.add(
        Method::Post, "/api/v1/impor/{jenis}",
        http::with_actor([&jobs](Request& req, Actor const& actor) -> Result<Response> {
            auto kind = import_kind_from_name(req.param("jenis"));
            if (!kind)
                return http::error_response(Error(ErrorCode::InvalidArgument, {"jenis harus keluarga atau anggota",
                                                                               "jenis must be keluarga or anggota"})
                                                .at_field("jenis"),
                                            req.lang);
            auto skip = req.query_param("lewati_salah");
            auto name = req.query_param("nama_file").value_or(fmt::format("{}.csv", import_kind_name(*kind)));
            auto job = PILAR_TRY(jobs.start(actor, *kind, skip && (*skip == "ya" || *skip == "true" || *skip == "1"),
                                  std::move(req.upload), excerpt_for_message(name, 120)));
            return http::json_response(202, job_json(*job));
        }),
        {.summary = "Unggah keluarga.csv/anggota.csv (CSV atau XLSX, isi permintaan = berkas) untuk diimpor; "
                    "kemajuan di GET /api/v1/impor/{jenis}/{job}",
         .tag = "registry",
         .description = "The request body is the file itself, up to the server's upload limit (`pilar serve "
                        "--upload-limit`, 1 GiB by default; 413 above it). The server streams it to a file in the "
                        "data directory (after checking the session and CSRF token, before reading the body) and "
                        "removes it when the import ends, so memory does not grow with the file. The import runs "
                        "in the background with the same rules as `pilar import`: all-or-nothing unless "
                        "lewati_salah=ya.",
         .query = {{"lewati_salah", "ya: muat baris yang benar, laporkan yang salah", "boolean"},
                   {"nama_file", "Nama berkas untuk laporan dan jejak audit"}},
         .request_schema = R"({"type":"string","format":"binary"})",
         .response_schema = R"({"$ref":"#/components/schemas/ImporJob"})",
         .success_status = 202,
         .body = http::BodyStorage::File});

    router.add(
        Method::Get, "/api/v1/impor/{jenis}/{job}",
        http::with_actor([&jobs](Request& req, Actor const& actor) -> Result<Response> {
            auto job = PILAR_TRY(jobs.get(actor, req.param("job")));
            if (!job)
                return fail(Error(ErrorCode::NotFound, {"Impor tidak ditemukan", "Import not found"}));
            return http::json_response(200, std::move(*job));
        }),
        {.summary = "Kemajuan dan hasil satu impor (status, persen, baris, kesalahan per baris)",
         .tag = "registry",
         .description = "Only the operator who started the import sees it. Each job is also recorded in the "
                        "database when it is accepted and when it ends, so it is answered after a restart too: "
                        "then without the row-level errors (`hasil.kesalahan` is empty; their number stays in "
                        "`hasil.jumlah_kesalahan`) and with 16-digit numbers masked. An import that was running "
                        "when the server stopped (crash, kill, restart) is `gagal` with the message \"impor "
                        "terhenti karena server dimulai ulang; jalankan lagi\": it is one transaction, so nothing "
                        "of it was applied, and it is run again.",
         .response_schema = R"({"$ref":"#/components/schemas/ImporJob"})"});
}

std::string import_openapi_schemas() {
    return R"({"ImporJob":{"type":"object","required":["id","status"],"properties":{
"id":{"type":"string"},"jenis":{"type":"string"},"nama_file":{"type":"string"},"oleh":{"type":"string"},
"mulai":{"type":"string"},"status":{"type":"string","enum":["berjalan","selesai","gagal"]},
"persen":{"type":"integer"},"baris":{"type":"integer"},"ditolak":{"type":"integer"},
"error":{"type":"object"},"hasil":{"type":"object"}}}})";
}

}  // namespace pilar::registry
