#include "cli/cli.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "access/password.hpp"
#include "cli/common.hpp"
#include "version.hpp"

namespace pilar::cli {

int run(int argc, char** argv) {
    // Application logs go to stderr; stdout carries command output and the access log.
    spdlog::set_default_logger(spdlog::stderr_color_mt("pilar"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    if (auto r = access::init_crypto(); !r) return report(r.error());

    CLI::App app{"Pilar — registri kesejahteraan sosial dan manajemen kasus / social-welfare registry and case management",
                 "pilar"};
    app.set_version_flag("--version", std::string(kVersion));
    app.require_subcommand(1);
    app.fallthrough(false);
    Action action;
    register_serve_commands(app, action);
    register_db_commands(app, action);
    register_wilayah_commands(app, action);
    register_user_commands(app, action);
    register_audit_commands(app, action);
    register_key_commands(app, action);
    register_generate_commands(app, action);
    register_import_commands(app, action);
    register_export_commands(app, action);
    register_dashboard_commands(app, action);
    register_workforce_commands(app, action);
    register_privacy_commands(app, action);
    register_events_commands(app, action);
    register_link_commands(app, action);
    register_dedup_commands(app, action);
    register_backup_commands(app, action);
    // CLI11 reports an unknown first word only as "a subcommand is required"; name it instead.
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (auto const* sub : app.get_subcommands([](CLI::App*) { return true; }))
            if (sub->get_name() == argv[1]) known = true;
        if (!known) {
            std::cerr << "pilar: perintah tidak dikenal / unknown command '" << argv[1] << "' (pilar --help)\n";
            return kExitUsage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const&) {
        std::cout << app.help();
        return kExitOk;
    } catch (CLI::CallForAllHelp const&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return kExitOk;
    } catch (CLI::CallForVersion const&) {
        std::cout << "pilar " << kVersion << '\n';
        return kExitOk;
    } catch (CLI::ParseError const& e) {
        // `pilar wilayah --help` arrives here as CallForHelp thrown by the subcommand.
        if (e.get_exit_code() == 0) {
            app.exit(e);
            return kExitOk;
        }
        std::cerr << "pilar: " << e.what() << " (pilar --help)\n";
        return kExitUsage;
    }
    if (!action) {
        std::cerr << "pilar: tidak ada perintah / no command (pilar --help)\n";
        return kExitUsage;
    }
    return action();
}

}  // namespace pilar::cli
