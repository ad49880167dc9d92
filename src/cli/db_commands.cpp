// `pilar init`, `pilar migrate`, `pilar version`.
#include <fmt/format.h>

#include <iostream>

#include "builtin_migrations.hpp"
#include "cli/common.hpp"
#include "db/migrate.hpp"
#include "version.hpp"

namespace pilar::cli {

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

    auto mdata = std::make_shared<DataOptions>();
    auto status_only = std::make_shared<bool>(false);
    auto* migrate = app.add_subcommand("migrate", "Terapkan migrasi skema yang tertunda / Apply pending schema migrations");
    add_data_options(*migrate, *mdata);
    migrate->add_flag("--status", *status_only, "Hanya tampilkan status / only show the status");
    migrate->callback([&action, mdata, status_only] {
        action = [mdata, status_only] {
            auto database = open_database(*mdata, Migrate::CheckOnly);
            if (!database) return report(database.error());
            auto migrations = builtin_migrations((*database)->dialect());
            if (*status_only) {
                auto st = db::migration_status(**database, migrations);
                if (!st) return report(st.error());
                std::cout << fmt::format("schema {} of {}; pending: {}\n", st->current_version, st->latest_version,
                                         st->pending.size());
                return kExitOk;
            }
            auto r = db::migrate(**database, migrations);
            if (!r) return report(r.error());
            for (auto const& name : r->applied) std::cout << "applied " << name << '\n';
            std::cout << fmt::format("schema version {} -> {}\n", r->from_version, r->to_version);
            return kExitOk;
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
