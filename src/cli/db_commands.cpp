// `pilar init`, `pilar migrate`, `pilar version`.
#include <fmt/format.h>

#include <iostream>

#include "cli/migrations.hpp"
#include "cli/common.hpp"
#include "db/migrate.hpp"
#include "version.hpp"

namespace pilar::cli {
namespace {

struct MigrateOptions {
    DataOptions data;
    bool status_only = false;
    std::string backup;
    bool no_backup = false;
};

// `pilar migrate` (docs/operations.md, "Upgrading"). A migrated database no longer opens with the
// binary before (it refuses a newer schema), so going back means restoring a backup taken before:
// on an existing database the office chooses, --backup FILE (made here, verified, before anything
// changes) or --no-backup (it has one). A new database needs neither. While it migrates it holds
// the data dir exclusively: no server, import or restore runs on a half-migrated schema.
Result<int> run_migrate(MigrateOptions const& o) {
    auto database = PILAR_TRY(open_database(o.data, Migrate::CheckOnly));
    auto const migrations = known_migrations(database->dialect());
    auto const status = PILAR_TRY(db::migration_status(*database, migrations));
    if (o.status_only) {
        std::cout << fmt::format("schema {} of {}; pending: {}\n", status.current_version, status.latest_version,
                                 status.pending.size());
        return kExitOk;
    }
    if (!status.pending.empty() && status.current_version > 0) {
        if (o.backup.empty() && !o.no_backup)
            return fail(ErrorCode::InvalidArgument,
                        {fmt::format("{} migrasi tertunda ({}); sesudahnya versi Pilar sebelumnya tidak bisa membuka "
                                     "basis data ini lagi. Pilih: --backup BERKAS (cadangan dibuat dan diperiksa dulu) "
                                     "atau --no-backup (cadangan sudah ada); tidak ada yang diubah",
                                     status.pending.size(), pending_list(status)),
                         fmt::format("{} pending migration(s) ({}); afterwards the previous version of Pilar cannot "
                                     "open this database any more. Choose --backup FILE (a backup is made and checked "
                                     "first) or --no-backup (you have one); nothing was changed",
                                     status.pending.size(), pending_list(status))});
        database.reset();  // our own connections would hide other processes' (refuse_if_in_use)
        PILAR_TRY(lock_data_dir(o.data, db::sqlite::DirLockMode::Exclusive));
        if (!o.backup.empty()) {
            if (int const code = PILAR_TRY(run_backup({.data = o.data, .file = o.backup})); code != kExitOk) return code;
        }
        database = PILAR_TRY(open_database(o.data, Migrate::CheckOnly));
    }
    auto const r = PILAR_TRY(apply_migrations(*database));
    for (auto const& name : r.applied) std::cout << "applied " << name << '\n';
    std::cout << fmt::format("schema version {} -> {}\n", r.from_version, r.to_version);
    return kExitOk;
}

}  // namespace

void register_db_commands(CLI::App& app, Action& action) {
    auto data = std::make_shared<DataOptions>();
    auto* init = app.add_subcommand("init", "Buat basis data kosong dengan skema terbaru / Create an empty database");
    add_data_options(*init, *data);
    init->callback([&action, data] {
        action = [data] {
            auto database = open_database(*data);
            if (!database) return report(database.error());
            std::cout << fmt::format("pilar: basis data siap / database ready: {}\n", (*database)->describe());
            return kExitOk;
        };
    });

    auto mopts = std::make_shared<MigrateOptions>();
    auto* migrate = app.add_subcommand("migrate", "Terapkan migrasi skema yang tertunda / Apply pending schema migrations");
    add_data_options(*migrate, mopts->data);
    migrate->add_flag("--status", mopts->status_only, "Hanya tampilkan status / only show the status");
    auto* backup = migrate->add_option(
        "--backup", mopts->backup,
        "Cadangkan dulu ke BERKAS (seperti pilar backup) lalu migrasi / back up to FILE first (as pilar backup), then migrate");
    migrate->add_flag("--no-backup", mopts->no_backup,
                      "Migrasi tanpa cadangan (cadangan sudah dibuat) / migrate without a backup (one was made)")
        ->excludes(backup);
    migrate->callback([&action, mopts] {
        action = [mopts] {
            auto r = run_migrate(*mopts);
            return r ? *r : report(r.error());
        };
    });

    auto* version = app.add_subcommand("version", "Tampilkan versi / Print the version");
    version->callback([&action] {
        action = [] {
            std::cout << "pilar " << kVersion << '\n';
            return kExitOk;
        };
    });
}

}  // namespace pilar::cli
