// What every subcommand shares: where the data is (--data DIR | --db URL), opening and migrating
// the database, and turning an Error into the one-line stderr message and exit code the
// contract promises (0 success, 1 runtime failure, 2 bad usage or bad input).
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "access/crypto.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migrate.hpp"
#include "db/sqlite/dir_lock.hpp"

namespace pilar::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct DataOptions {
    std::string data_dir = "./pilar-data";
    std::string db_url;
    std::string key_file;  // empty: $PILAR_DATA_KEY, else <data dir>/pilar.key
};

void add_data_options(CLI::App& cmd, DataOptions& opts);

enum class Migrate {
    // A new database (no migration applied yet) is migrated; an existing one with pending
    // migrations is refused with the upgrade instructions (docs/operations.md, "Upgrading"): a
    // migrated database no longer opens with the older binary, so that step is the office's
    // `pilar migrate --backup FILE`, never a side effect of a restart or a console command.
    NewOnly,
    Apply,      // every pending migration: `pilar demo` (demo data), `pilar restore`, `pilar migrate`
    CheckOnly,  // none; only refuses a database newer than the binary
};
// Opens (creating the data dir with owner-only permissions when needed, and holding the data
// dir's lock shared: lock_data_dir) and migrates as `migrate` says.
// hold_read_mark: db::OpenOptions::hold_read_mark (the server's; the CLI leaves it off).
Result<std::unique_ptr<db::Database>> open_database(DataOptions const& opts, Migrate migrate = Migrate::NewOnly,
                                                    std::chrono::milliseconds hold_read_mark = {});

// The data dir's lock (db/sqlite/dir_lock.hpp), held by this process until it exits. Shared:
// taken by open_database before the database is opened, refused while `pilar restore` or `pilar
// migrate` holds it exclusively. Exclusive: taken by those two before they change the database
// (upgrading this process's shared lock when it has one), refused while any other process holds
// it or has the database open without it (an older pilar, the sqlite3 shell: refuse_if_in_use).
// A --db URL has no data dir: nothing is locked.
Result<void> lock_data_dir(DataOptions const& opts, db::sqlite::DirLockMode mode);
// Refuses (Conflict, "stop it first; nothing was changed") when another process has the data
// dir's database open, seen by SQLite's own lock on its -shm file. Before this process opens it.
Result<void> refuse_if_in_use(DataOptions const& opts);
// <data dir>/pilar.db
std::string db_path(DataOptions const& opts);
// "The database ... needs 2 schema migration(s) (0022, 0023) ...; back up and migrate first: pilar
// migrate --data DIR --backup FILE": what every command but migrate, restore and demo says then.
Error pending_migrations(DataOptions const& opts, db::MigrationStatus const& status);
// "0022, 0023"
std::string pending_list(db::MigrationStatus const& status);

// `pilar backup` (backup_command.cpp), also run by `pilar migrate --backup FILE` before it
// migrates: a verified copy of the data dir's database at `file`, its summary printed.
struct BackupOptions {
    DataOptions data;
    std::string file;
    bool force = false;
    bool full_check = false;
};
Result<int> run_backup(BackupOptions const& o);

// The keys for special-category fields (docs/privacy.md): $PILAR_DATA_KEY, else the key file.
// A missing key file is created (mode 0400, with a note on stderr to back it up) only while the
// database holds no registry data; once it does, a missing key is an error, never a new key.
Result<access::Keyring> open_keyring(DataOptions const& opts, db::Database& db);
// Where the keys come from: "PILAR_DATA_KEY", else the key file's path (--key-file or <data>/pilar.key).
std::string key_source(DataOptions const& opts);
// The keys when they are there, creating nothing: nullopt when the key file does not exist.
Result<std::optional<access::Keyring>> load_keyring_if_present(DataOptions const& opts);
// Writes a new key file holding one fresh key (O_EXCL: never overwrites), mode 0400, fsynced.
Result<void> write_key_file(std::string const& path, std::uint32_t id);

int exit_code_for(Error const& e);
// Prints "pilar: <message>" on stderr in the user's language; returns the exit code.
int report(Error const& e);

// The subcommand's work, set while parsing and run after it.
using Action = std::function<int()>;

std::string executable_path();
Lang cli_lang();

// The actor for commands run at the console: the system, named after the operating-system
// account that ran them ("cli:budi"), so the audit trail says who typed the command.
Actor cli_actor();

// Reads a password from standard input (one line, no echo handling: meant for pipes).
Result<std::string> read_password_stdin();

void register_db_commands(CLI::App& app, Action& action);
void register_wilayah_commands(CLI::App& app, Action& action);
void register_user_commands(CLI::App& app, Action& action);
void register_serve_commands(CLI::App& app, Action& action);
void register_audit_commands(CLI::App& app, Action& action);
void register_key_commands(CLI::App& app, Action& action);
void register_generate_commands(CLI::App& app, Action& action);
void register_import_commands(CLI::App& app, Action& action);
void register_export_commands(CLI::App& app, Action& action);
void register_dashboard_commands(CLI::App& app, Action& action);
void register_workforce_commands(CLI::App& app, Action& action);
void register_privacy_commands(CLI::App& app, Action& action);
void register_events_commands(CLI::App& app, Action& action);
void register_link_commands(CLI::App& app, Action& action);
void register_dedup_commands(CLI::App& app, Action& action);
void register_backup_commands(CLI::App& app, Action& action);

}  // namespace pilar::cli
