// `pilar dedup [--wilayah KODE] [--threads N]`: the duplicate check over the registry
// (src/dedup) at the console, as the system actor (audited as cli:<OS account>). Every live
// member at or below KODE goes through the linkage engine; probable duplicates join the review
// queue that operators work through on /duplikat. Re-running adds no twin and brings back no
// decided pair. Prints the run's counts (and the capped blocks) on stdout.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/wiring.hpp"

namespace pilar::cli {
namespace {

struct DedupCliOptions {
    DataOptions data;
    std::string wilayah;
    unsigned threads = 2;
};

Result<int> run_dedup(DedupCliOptions const& o) {
    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    auto app = build_app(std::move(database), std::move(keyring), {});
    dedup::RunOptions run;
    if (!o.wilayah.empty()) run.kode_wilayah = o.wilayah;
    run.threads = o.threads;
    auto p = PILAR_TRY(app->dedup->run(cli_actor(), run));
    std::cout << fmt::format("proses {}: {} anggota, {} pasangan kemungkinan duplikat; {} baru di antrean, {} diperbarui, "
                             "{} sudah diputus sebelumnya; {:.2f} detik\n",
                             p.id, p.orang, p.pasangan, p.baru, p.diperbarui, p.sudah_diputus, p.detik);
    for (auto const& [key, size] : p.dibatasi)
        std::cout << fmt::format("blok dibatasi / capped block: {} ({} anggota)\n", key, size);
    return kExitOk;
}

}  // namespace

void register_dedup_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<DedupCliOptions>();
    auto* cmd = app.add_subcommand("dedup", "Periksa duplikat anggota registri ke antrean tinjauan / "
                                            "find probable duplicate members into the review queue");
    add_data_options(*cmd, o->data);
    cmd->add_option("--wilayah", o->wilayah, "Hanya di bawah kode wilayah ini / only at or below this region code");
    cmd->add_option("--threads", o->threads, "Thread linkage / linkage threads")->check(CLI::Range(1u, 64u));
    cmd->callback([&action, o] {
        action = [o] {
            auto r = run_dedup(*o);
            if (!r) return report(r.error());
            return *r;
        };
    });
}

}  // namespace pilar::cli
