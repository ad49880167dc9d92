// `pilar privacy export|check|erase`: data-subject requests (src/privacy) at the console, as the
// system actor (audited as cli:<OS account>).
//   pilar privacy export (--id ID | --nik NIK) [--format json|pdf] [--out FILE]
//   pilar privacy check (--id ID | --nik NIK)                   may the data be erased now? why not?
//   pilar privacy erase (--id ID | --nik NIK) --reason TEXT [--retention-days N]
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "cli/wiring.hpp"
#include "privacy/encode.hpp"

namespace pilar::cli {
namespace {

struct PrivacyCliOptions {
    DataOptions data;
    std::int64_t id = 0;
    std::string nik;
    std::string format;
    std::string out;
    std::string reason;
    int retention_days = privacy::PrivacyOptions{}.retensi_hari;
};

Error usage(Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)); }

Result<std::unique_ptr<App>> open_app(PrivacyCliOptions const& o) {
    auto database = PILAR_TRY(open_database(o.data));
    auto keyring = PILAR_TRY(open_keyring(o.data, *database));
    AppOptions options;
    options.privacy.retensi_hari = o.retention_days;
    return build_app(std::move(database), std::move(keyring), options);
}

Result<std::int64_t> person(App& app, PrivacyCliOptions const& o) {
    if ((o.id != 0) == !o.nik.empty())
        return fail(usage({"Sebutkan tepat satu dari --id atau --nik", "Give exactly one of --id or --nik"}));
    if (o.id != 0) return o.id;
    registry::ListQuery q;
    q.nik = o.nik;
    auto page = PILAR_TRY(app.registry->list_anggota(cli_actor(), q));
    if (page.items.empty())
        return fail(Error(ErrorCode::NotFound, {"Tidak ada anggota dengan NIK itu", "No member has that NIK"}).at_field("nik"));
    return page.items.front().id;
}

Result<int> run_export(PrivacyCliOptions const& o) {
    std::string format = o.format;
    if (format.empty()) format = std::filesystem::path(o.out).extension() == ".pdf" ? "pdf" : "json";
    if (format != "json" && format != "pdf") return fail(usage({"--format harus json atau pdf", "--format must be json or pdf"}));
    if (format == "pdf" && o.out.empty()) return fail(usage({"pdf perlu --out FILE", "pdf needs --out FILE"}));
    auto app = PILAR_TRY(open_app(o));
    auto id = PILAR_TRY(person(*app, o));
    if (format == "pdf") {
        PILAR_TRY(app->privacy->tulis_pdf(cli_actor(), id, o.out));
    } else {
        auto doc = PILAR_TRY(app->privacy->ekspor_subjek(cli_actor(), id));
        if (o.out.empty()) {
            std::cout << doc << "\n";
        } else {
            // Personal data: created readable by the owner only.
            int fd = ::open(o.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            bool ok = fd >= 0 && ::write(fd, doc.data(), doc.size()) == static_cast<ssize_t>(doc.size());
            if (fd >= 0) ok = ::close(fd) == 0 && ok;
            if (!ok)
                return fail(Error(ErrorCode::InvalidArgument, {fmt::format("Tidak bisa menulis {}", o.out),
                                                               fmt::format("Cannot write {}", o.out)}));
        }
    }
    std::cerr << fmt::format("data pribadi anggota {} diekspor ({}){}\n", id, format, o.out.empty() ? "" : " ke " + o.out);
    return kExitOk;
}

Result<int> run_check(PrivacyCliOptions const& o) {
    auto app = PILAR_TRY(open_app(o));
    auto id = PILAR_TRY(person(*app, o));
    auto ev = PILAR_TRY(app->privacy->evaluasi_hapus(cli_actor(), id));
    std::cout << boost::json::serialize(privacy::to_json(ev, cli_lang())) << "\n";
    return ev.boleh ? kExitOk : kExitFailure;
}

Result<int> run_erase(PrivacyCliOptions const& o) {
    auto app = PILAR_TRY(open_app(o));
    auto id = PILAR_TRY(person(*app, o));
    auto a = PILAR_TRY(app->registry->anggota(cli_actor(), id));
    auto done = PILAR_TRY(app->privacy->hapus(cli_actor(), id, a.version, o.reason));
    std::cout << boost::json::serialize(privacy::to_json(done)) << "\n";
    std::cerr << fmt::format("anggota {} dianonimkan; {} entri audit diredaksi, {} usulan dianonimkan\n", id,
                             done.audit_diredaksi.size(), done.usulan_dianonimkan.size());
    return kExitOk;
}

}  // namespace

void register_privacy_commands(CLI::App& app, Action& action) {
    auto o = std::make_shared<PrivacyCliOptions>();
    auto* group = app.add_subcommand("privacy", "Hak subjek data (UU PDP): ekspor, cek dan hapus data pribadi seseorang / "
                                                "data-subject requests");
    group->require_subcommand(1);
    auto who = [o](CLI::App* cmd) {
        add_data_options(*cmd, o->data);
        cmd->add_option("--id", o->id, "id anggota");
        cmd->add_option("--nik", o->nik, "NIK anggota (16 digit)");
    };
    auto* exp = group->add_subcommand("export", "Semua yang disimpan Pilar tentang seseorang, JSON atau PDF (dicatat di jejak audit)");
    who(exp);
    exp->add_option("--format", o->format, "json atau pdf (bawaan: dari akhiran --out, selain itu json)");
    exp->add_option("--out,-o", o->out, "Berkas tujuan (bawaan: JSON ke stdout)");
    exp->callback([&action, o] {
        action = [o] {
            auto r = run_export(*o);
            return r ? *r : report(r.error());
        };
    });
    auto* check = group->add_subcommand("check", "Bolehkah data seseorang dihapus sekarang (aturan retensi)? Keluar 1 bila tidak");
    who(check);
    check->add_option("--retention-days", o->retention_days, "Masa retensi (hari)")->capture_default_str();
    check->callback([&action, o] {
        action = [o] {
            auto r = run_check(*o);
            return r ? *r : report(r.error());
        };
    });
    auto* erase = group->add_subcommand("erase", "Hapus (anonimkan) data pribadi seseorang bila aturan retensi membolehkan");
    who(erase);
    erase->add_option("--reason", o->reason, "Alasan, misalnya nomor surat permintaan (tanpa data pribadi)")->required();
    erase->add_option("--retention-days", o->retention_days, "Masa retensi (hari)")->capture_default_str();
    erase->callback([&action, o] {
        action = [o] {
            auto r = run_erase(*o);
            return r ? *r : report(r.error());
        };
    });
}

}  // namespace pilar::cli
