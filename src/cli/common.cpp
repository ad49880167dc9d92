#include "cli/common.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <vector>

#include "cli/migrations.hpp"
#include "db/migrate.hpp"
#include "db/sqlite/backup.hpp"

namespace pilar::cli {

void add_data_options(CLI::App& cmd, DataOptions& opts) {
    cmd.add_option("--data", opts.data_dir, "Folder data (SQLite); bawaan ./pilar-data / data folder (SQLite)")
        ->capture_default_str();
    cmd.add_option("--db", opts.db_url, "URL basis data, mis. postgresql://... / database URL");
    cmd.add_option("--key-file", opts.key_file,
                   "Berkas kunci data khusus; bawaan $PILAR_DATA_KEY atau <data>/pilar.key / key file for special data");
}

Result<void> write_key_file(std::string const& path, std::uint32_t id) {
    std::string line = access::Keyring::generate_line(id);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
    if (fd < 0)
        return fail(ErrorCode::AlreadyExists, {fmt::format("Tidak bisa membuat {}: {}", path, std::strerror(errno)),
                                               fmt::format("Cannot create {}: {}", path, std::strerror(errno))});
    std::string text = fmt::format(
        "# Pilar data key. Keep it outside the data directory and its backups; back it up separately.\n"
        "# The first line is the current key; keep old lines below it after rotation.\n{}\n",
        line);
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return fail(ErrorCode::Unavailable, {fmt::format("Gagal menulis {}", path), fmt::format("Failed to write {}", path)});
    return {};
}

std::string key_source(DataOptions const& opts) {
    if (opts.key_file.empty())
        if (char const* env = std::getenv("PILAR_DATA_KEY"); env && *env) return "PILAR_DATA_KEY";
    return opts.key_file.empty() ? (std::filesystem::path(opts.data_dir) / "pilar.key").string() : opts.key_file;
}

Result<std::optional<access::Keyring>> load_keyring_if_present(DataOptions const& opts) {
    std::string const source = key_source(opts);
    if (source == "PILAR_DATA_KEY" && opts.key_file.empty()) return access::Keyring::parse(std::getenv("PILAR_DATA_KEY"), source);
    if (!std::filesystem::exists(source)) return std::nullopt;
    return access::Keyring::load_file(source);
}

Result<access::Keyring> open_keyring(DataOptions const& opts, db::Database& db) {
    if (auto present = PILAR_TRY(load_keyring_if_present(opts))) return std::move(*present);
    std::string const path = key_source(opts);
    auto c = PILAR_TRY(db.acquire());
    auto rows = PILAR_TRY(c->query_value<std::int64_t>("SELECT COUNT(*) FROM (SELECT 1 FROM keluarga LIMIT 1) AS x"));
    if (rows.value_or(0) > 0)
        return fail(ErrorCode::Unavailable,
                    {fmt::format("Berkas kunci {} tidak ada, padahal basis data berisi data terenkripsi; pasang kembali "
                                 "kunci dari cadangan (--key-file atau PILAR_DATA_KEY)", path),
                     fmt::format("Key file {} is missing but the database holds encrypted data; restore the key from "
                                 "its backup (--key-file or PILAR_DATA_KEY)", path)});
    PILAR_TRY(write_key_file(path, 1));
    fmt::print(stderr, "pilar: kunci data baru dibuat di {} — simpan cadangannya terpisah / new data key written to {}: "
                       "back it up separately\n", path, path);
    return access::Keyring::load_file(path);
}

std::string db_path(DataOptions const& opts) { return (std::filesystem::path(opts.data_dir) / "pilar.db").string(); }

namespace {

// The data dir locks this process holds, by canonical folder: kept until the process exits (the
// kernel releases them then, whatever the exit), so a server or a command holds its lock for as
// long as it may touch the database.
struct HeldLock {
    std::string dir;
    db::sqlite::DirLock lock;
};
std::mutex g_locks_mutex;
std::vector<HeldLock> g_locks;

std::string canonical_dir(std::string const& dir) {
    std::error_code ec;
    auto p = std::filesystem::weakly_canonical(dir, ec);
    return ec ? dir : p.string();
}

Error in_use_error(DataOptions const& opts) {
    std::string const target = db_path(opts);
    return Error(ErrorCode::Conflict,
                 {fmt::format("{} sedang dipakai proses lain (pilar serve?); hentikan dulu, tidak ada yang diubah", target),
                  fmt::format("{} is in use by another process (pilar serve?); stop it first; nothing was changed", target)});
}

Error locked_error(DataOptions const& opts) {
    return Error(ErrorCode::Conflict,
                 {fmt::format("Folder data {} sedang dikunci oleh pilar restore atau pilar migrate yang sedang berjalan; "
                              "tunggu sampai selesai lalu jalankan lagi",
                              opts.data_dir),
                  fmt::format("The data folder {} is locked by a running pilar restore or pilar migrate; wait until it "
                              "finishes and run again",
                              opts.data_dir)});
}

}  // namespace

Result<void> refuse_if_in_use(DataOptions const& opts) {
    if (PILAR_TRY(db::sqlite::in_use_by_other_process(db_path(opts)))) return fail(in_use_error(opts));
    return {};
}

Result<void> lock_data_dir(DataOptions const& opts, db::sqlite::DirLockMode mode) {
    using db::sqlite::DirLockMode;
    if (!opts.db_url.empty()) return {};
    std::string const dir = canonical_dir(opts.data_dir);
    std::lock_guard guard(g_locks_mutex);
    auto it = std::find_if(g_locks.begin(), g_locks.end(), [&](HeldLock const& h) { return h.dir == dir; });
    if (it == g_locks.end()) {
        auto lock = PILAR_TRY(db::sqlite::DirLock::try_acquire(dir, mode));
        if (!lock) return fail(mode == DirLockMode::Shared ? locked_error(opts) : in_use_error(opts));
        g_locks.push_back({dir, std::move(*lock)});
    } else if (mode == DirLockMode::Exclusive && !PILAR_TRY(it->lock.try_upgrade())) {
        g_locks.erase(it);  // a refused upgrade leaves nothing held (dir_lock.hpp); the caller exits
        return fail(in_use_error(opts));
    }
    // Processes that open the database without the lock: an older Pilar, the sqlite3 shell.
    if (mode == DirLockMode::Exclusive) PILAR_TRY(refuse_if_in_use(opts));
    return {};
}

Result<std::unique_ptr<db::Database>> open_database(DataOptions const& opts, Migrate migrate,
                                                    std::chrono::milliseconds hold_read_mark) {
    std::string url = opts.db_url;
    if (url.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(opts.data_dir, ec);
        if (ec)
            return fail(ErrorCode::Unavailable,
                        {fmt::format("Tidak bisa membuat folder data {}: {}", opts.data_dir, ec.message()),
                         fmt::format("Cannot create data folder {}: {}", opts.data_dir, ec.message())});
        // Personal data: the folder is for the service account only.
        ::chmod(opts.data_dir.c_str(), 0700);
        PILAR_TRY(lock_data_dir(opts, db::sqlite::DirLockMode::Shared));
        url = db_path(opts);
    }
    auto database =
        PILAR_TRY(db::open_database(url, db::OpenOptions{.max_connections = 16, .hold_read_mark = hold_read_mark}));
    auto migrations = known_migrations(database->dialect());
    switch (migrate) {
        case Migrate::Apply:
            PILAR_TRY(apply_migrations(*database));
            break;
        case Migrate::CheckOnly:
            PILAR_TRY(db::migration_status(*database, migrations));
            break;
        case Migrate::NewOnly: {
            auto const status = PILAR_TRY(db::migration_status(*database, migrations));
            if (status.current_version == 0)
                PILAR_TRY(apply_migrations(*database));  // a new database: nothing to keep
            else if (!status.pending.empty())
                return fail(pending_migrations(opts, status));
            break;
        }
    }
    return database;
}

std::string pending_list(db::MigrationStatus const& status) {
    std::string out;
    for (int v : status.pending) out += fmt::format("{}{:04}", out.empty() ? "" : ", ", v);
    return out;
}

Error pending_migrations(DataOptions const& opts, db::MigrationStatus const& status) {
    std::string const where = opts.db_url.empty() ? fmt::format("--data {}", opts.data_dir) : "--db URL";
    std::string const what = opts.db_url.empty() ? db_path(opts) : "--db";
    return Error(ErrorCode::Conflict,
                 {fmt::format("Basis data {} perlu {} migrasi skema ({}) sebelum versi Pilar ini bisa memakainya; "
                              "cadangkan dan migrasikan dulu: pilar migrate {} --backup BERKAS (docs/operations.md, "
                              "\"Upgrading\")",
                              what, status.pending.size(), pending_list(status), where),
                  fmt::format("The database {} needs {} schema migration(s) ({}) before this version of Pilar can use "
                              "it; back up and migrate first: pilar migrate {} --backup FILE (docs/operations.md, "
                              "\"Upgrading\")",
                              what, status.pending.size(), pending_list(status), where)});
}

int exit_code_for(Error const& e) {
    switch (e.code) {
        case ErrorCode::InvalidArgument:
        case ErrorCode::NotFound:
        case ErrorCode::AlreadyExists:
            return kExitUsage;
        default:
            return kExitFailure;
    }
}

Lang cli_lang() { return lang_from_environment(); }

Actor cli_actor() {
    std::string name = "cli";
    // getpwuid_r: the reentrant form, although the CLI is single-threaded when it asks.
    struct passwd pw {};
    struct passwd* found = nullptr;
    char buf[1024];
    if (::getpwuid_r(::geteuid(), &pw, buf, sizeof buf, &found) == 0 && found && found->pw_name)
        name += std::string(":") + found->pw_name;
    else
        name += fmt::format(":uid{}", ::geteuid());
    Actor a = Actor::system(std::move(name));
    a.client_address = "local";
    return a;
}

int report(Error const& e) {
    std::string line = e.describe(cli_lang());
    for (auto& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::cerr << "pilar: " << line << '\n';
    return exit_code_for(e);
}

std::string executable_path() {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("pilar") : p.string();
}

Result<std::string> read_password_stdin() {
    std::string line;
    if (!std::getline(std::cin, line))
        return fail(ErrorCode::InvalidArgument, {"Tidak ada kata sandi di masukan standar (stdin)",
                                                 "No password on standard input"});
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace pilar::cli
