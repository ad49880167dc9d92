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

enum class Migrate { Apply, CheckOnly };
// Opens (creating the data dir with owner-only permissions when needed) and migrates.
// hold_read_mark: db::OpenOptions::hold_read_mark (the server's; the CLI leaves it off).
Result<std::unique_ptr<db::Database>> open_database(DataOptions const& opts, Migrate migrate = Migrate::Apply,
                                                    std::chrono::milliseconds hold_read_mark = {});

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
