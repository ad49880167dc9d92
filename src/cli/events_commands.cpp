// `pilar events draw|verify-draw|attendance|cards`: training events (src/events) at the console, as
// the system actor (audited as cli:<OS account>).
//   pilar events draw EVENT --prize TEXT [--count N] [--seed S]   door-prize draw (seed recorded)
//   pilar events verify-draw EVENT DRAW                           re-run a recorded draw; exit 1 if it differs
//   pilar events attendance EVENT --out FILE.xlsx|FILE.pdf        attendance list
//   pilar events cards EVENT --out FILE.pdf                       ID cards with QR codes
#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "cli/wiring.hpp"
#include "events/encode.hpp"

namespace pilar::cli {
namespace {

struct EventsCliOptions {
    DataOptions data;
    std::int64_t acara = 0;
    std::int64_t undian = 0;
    std::string prize;
    int count = 1;
    std::string seed;
    std::string out;
};

Result<std::unique_ptr<App>> open_app(EventsCliOptions const& o) {
    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    return build_app(std::move(database), std::move(keyring));
}

Result<int> run_draw(EventsCliOptions const& o) {
    auto app = PILAR_TRY(open_app(o));
    std::optional<std::string> seed;
    if (!o.seed.empty()) seed = o.seed;
    auto u = PILAR_TRY(app->events->undi(cli_actor(), o.acara, o.prize, o.count, seed));
    std::cout << boost::json::serialize(events::to_json(u)) << "\n";
    std::cerr << fmt::format("undian {}: {} pemenang dari {} calon, seed \"{}\"\n", u.id, u.pemenang.size(), u.calon.size(), u.seed);
    return kExitOk;
}

Result<int> run_verify(EventsCliOptions const& o) {
    auto app = PILAR_TRY(open_app(o));
    auto r = PILAR_TRY(app->events->ulang_undian(cli_actor(), o.acara, o.undian));
    boost::json::array again;
    for (auto id : r.pemenang_ulang) again.emplace_back(id);
    std::cout << boost::json::serialize(boost::json::object{{"undian", r.undian.id}, {"seed", r.undian.seed},
                                                            {"calon_digest", r.calon_digest_ulang},
                                                            {"pemenang_ulang", std::move(again)}, {"sama", r.sama}})
              << "\n";
    std::cerr << (r.sama ? "sama: pemenang yang sama dari seed dan daftar calon yang sama\n"
                         : "BERBEDA: hasil ulang tidak sama dengan yang tercatat\n");
    return r.sama ? kExitOk : kExitFailure;
}

Result<int> run_file(EventsCliOptions const& o, std::string_view what) {
    auto const ext = std::filesystem::path(o.out).extension().string();
    auto app = PILAR_TRY(open_app(o));
    long long n = 0;
    if (what == "cards") {
        if (ext != ".pdf") return fail(ErrorCode::InvalidArgument, {"--out harus berakhiran .pdf", "--out must end in .pdf"});
        n = PILAR_TRY(app->events->write_kartu_pdf(cli_actor(), o.acara, std::nullopt, o.out));
    } else if (ext == ".xlsx") {
        n = PILAR_TRY(app->events->write_hadir_xlsx(cli_actor(), o.acara, o.out));
    } else if (ext == ".pdf") {
        n = PILAR_TRY(app->events->write_hadir_pdf(cli_actor(), o.acara, o.out));
    } else {
        return fail(ErrorCode::InvalidArgument, {"--out harus berakhiran .xlsx atau .pdf", "--out must end in .xlsx or .pdf"});
    }
    std::cerr << fmt::format("{} baris ditulis ke {}\n", n, o.out);
    return kExitOk;
}

}  // namespace

void register_events_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<EventsCliOptions>();
    auto* group = app.add_subcommand("events", "Acara pembinaan/bimtek: undian doorprize, daftar hadir, kartu / training events");
    group->require_subcommand(1);
    auto run = [&action, o](CLI::App* cmd, std::function<Result<int>(EventsCliOptions const&)> fn) {
        cmd->callback([&action, o, fn] {
            action = [o, fn] {
                auto r = fn(*o);
                return r ? *r : report(r.error());
            };
        });
    };
    auto* draw = group->add_subcommand("draw", "Undi doorprize (seed dicatat; tak seorang pun menang dua kali)");
    add_data_options(*draw, o->data);
    draw->add_option("EVENT", o->acara, "id acara")->required();
    draw->add_option("--prize", o->prize, "Nama hadiah")->required();
    draw->add_option("--count", o->count, "Jumlah pemenang")->capture_default_str();
    draw->add_option("--seed", o->seed, "Seed (bawaan: acak, dicatat)");
    run(draw, run_draw);
    auto* verify = group->add_subcommand("verify-draw", "Ulangi undian yang tercatat dan bandingkan (keluar 1 bila berbeda)");
    add_data_options(*verify, o->data);
    verify->add_option("EVENT", o->acara, "id acara")->required();
    verify->add_option("DRAW", o->undian, "id undian")->required();
    run(verify, run_verify);
    auto* att = group->add_subcommand("attendance", "Daftar hadir per sesi sebagai XLSX atau PDF");
    add_data_options(*att, o->data);
    att->add_option("EVENT", o->acara, "id acara")->required();
    att->add_option("--out,-o", o->out, "FILE.xlsx atau FILE.pdf")->required();
    run(att, [](EventsCliOptions const& x) { return run_file(x, "attendance"); });
    auto* cards = group->add_subcommand("cards", "Kartu peserta dengan kode QR (PDF)");
    add_data_options(*cards, o->data);
    cards->add_option("EVENT", o->acara, "id acara")->required();
    cards->add_option("--out,-o", o->out, "FILE.pdf")->required();
    run(cards, [](EventsCliOptions const& x) { return run_file(x, "cards"); });
}

}  // namespace pilar::cli
