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

#include <filesystem>
#include <iostream>

#include "builtin_migrations.hpp"
#include "db/migrate.hpp"

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
        url = (std::filesystem::path(opts.data_dir) / "pilar.db").string();
    }
    auto database =
        PILAR_TRY(db::open_database(url, db::OpenOptions{.max_connections = 16, .hold_read_mark = hold_read_mark}));
    auto migrations = builtin_migrations(database->dialect());
    if (migrate == Migrate::Apply)
        PILAR_TRY(db::migrate(*database, migrations));
    else
        PILAR_TRY(db::migration_status(*database, migrations));
    return database;
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
