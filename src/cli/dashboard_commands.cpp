// `pilar dashboard rebuild` and `pilar dashboard check`: the dashboard aggregates (migration
// 0008) are kept current by the database on every write; these repair and verify them.
#include <fmt/format.h>

#include <iostream>

#include "access/audit.hpp"
#include "cli/common.hpp"
#include "dashboard/service.hpp"

namespace pilar::cli {

void register_dashboard_commands(CLI::App& app, Action& action) {
    auto* dash = app.add_subcommand("dashboard", "Agregat dasbor / dashboard aggregates");
    dash->require_subcommand(1);
    auto data = std::make_shared<DataOptions>();
    auto* rebuild = dash->add_subcommand(
        "rebuild", "Hitung ulang semua agregat dari tabel dasar (perbaikan) / recount every aggregate from the base tables");
    add_data_options(*rebuild, *data);
    rebuild->callback([&action, data] {
        action = [data] {
            auto database = open_database(*data);
            if (!database) return report(database.error());
            dashboard::DashboardService service(**database);
            auto r = service.rebuild(Actor::system("rebuild"));
            if (!r) return report(r.error());
            {
                // Derived data only, but the repair is recorded like every other write.
                auto c = (*database)->acquire();
                if (!c) return report(c.error());
                auto tx = (*c)->begin(db::TxMode::Write);
                if (!tx) return report(tx.error());
                std::string detail;
                for (auto const& [table, n] : *r) detail += fmt::format("{}{}={}", detail.empty() ? "" : " ", table, n);
                if (auto a = access::append_audit(**c, cli_actor(), {.action = "dashboard.rebuild", .entity = "dashboard", .detail = detail}); !a)
                    return report(a.error());
                if (auto cm = tx->commit(); !cm) return report(cm.error());
            }
            for (auto const& [table, n] : *r) std::cout << fmt::format("{}: {} baris / rows\n", table, n);
            return kExitOk;
        };
    });
    auto cdata = std::make_shared<DataOptions>();
    auto* check = dash->add_subcommand(
        "check", "Bandingkan agregat dengan hitung ulang (keluar 1 bila berbeda) / compare the aggregates with a recount");
    add_data_options(*check, *cdata);
    check->callback([&action, cdata] {
        action = [cdata] {
            auto database = open_database(*cdata);
            if (!database) return report(database.error());
            dashboard::DashboardService service(**database);
            auto r = service.check();
            if (!r) return report(r.error());
            for (auto const& line : *r) std::cout << line << '\n';
            if (!r->empty()) {
                std::cerr << "pilar: agregat dasbor berbeda dari hitung ulang; jalankan pilar dashboard rebuild / "
                             "dashboard aggregates differ from a recount; run pilar dashboard rebuild\n";
                return kExitFailure;
            }
            std::cout << "agregat dasbor sesuai / dashboard aggregates agree with a recount\n";
            return kExitOk;
        };
    });
}

}  // namespace pilar::cli
