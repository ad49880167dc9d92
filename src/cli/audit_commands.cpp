// `pilar audit verify|list|export`: check the audit trail's hash chain, browse it, and export a
// range as CSV for an inspector.
#include <fmt/format.h>

#include <iostream>

#include "access/audit.hpp"
#include "cli/common.hpp"

namespace pilar::cli {
namespace {

struct AuditOptions {
    DataOptions data;
    std::string from, to, actor, action, entity, entity_id;
    std::string cursor;
    int limit = 50;
    std::string out;
    std::string anchor;
};

void add_filter_options(CLI::App& cmd, AuditOptions& o) {
    cmd.add_option("--from", o.from, "Sejak (UTC, termasuk): YYYY-MM-DD[THH:MM[:SS]] / since, inclusive");
    cmd.add_option("--to", o.to, "Sebelum (UTC, tidak termasuk) / before, exclusive");
    cmd.add_option("--actor", o.actor, "Nama pengguna pelaku / actor's username");
    cmd.add_option("--action", o.action, "Aksi atau awalannya: wilayah, auth.login_failed / action or dotted prefix");
    cmd.add_option("--entity", o.entity, "Jenis rekaman: wilayah, user, audit / record type");
    cmd.add_option("--entity-id", o.entity_id, "Kunci rekaman: kode wilayah, nama pengguna / record key");
}

Result<access::AuditFilter> filter_of(AuditOptions const& o, bool with_cursor) {
    auto opt = [](std::string const& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
    return access::AuditService::make_filter(
        {.from = opt(o.from), .to = opt(o.to), .actor = opt(o.actor), .action = opt(o.action), .entity = opt(o.entity),
         .entity_id = opt(o.entity_id)},
        with_cursor ? opt(o.cursor) : std::nullopt);
}

// A failed verification is a finding, not a usage error: one line on stderr, exit 1.
int report_verify(access::AuditVerifyReport const& r) {
    if (r.ok) return kExitOk;
    std::cerr << "pilar: " << r.summary(cli_lang()) << '\n';
    return kExitFailure;
}

template <typename Fn>
int with_audit(DataOptions const& data, Fn&& fn) {
    auto database = open_database(data);
    if (!database) return report(database.error());
    access::AuditService svc(**database);
    Result<int> r = fn(svc);
    return r ? *r : report(r.error());
}

}  // namespace

void register_audit_commands(CLI::App& app, Action& action) {
    auto* a = app.add_subcommand("audit", "Jejak audit: periksa, lihat, ekspor / audit trail: verify, list, export");
    a->require_subcommand(1);
    auto o = std::make_shared<AuditOptions>();

    auto* verify = a->add_subcommand(
        "verify", "Periksa rantai hash; sebut entri pertama yang diubah, dihapus atau ditukar / verify the hash chain");
    add_data_options(*verify, o->data);
    verify->add_option("--anchor", o->anchor,
                       "SEQ:HASH yang dicatat sebelumnya; mendeteksi entri terbaru yang dihapus / a head recorded earlier");
    verify->callback([&action, o] {
        action = [o] {
            return with_audit(o->data, [&](access::AuditService& svc) -> Result<int> {
                std::optional<access::AuditAnchor> anchor;
                if (!o->anchor.empty()) anchor = PILAR_TRY(access::AuditAnchor::parse(o->anchor));
                auto r = PILAR_TRY(svc.verify(cli_actor(), anchor));
                if (r.ok) std::cout << r.summary(cli_lang()) << '\n';
                return report_verify(r);
            });
        };
    });

    auto* list = a->add_subcommand("list", "Tampilkan entri, terbaru dulu / list entries, newest first");
    add_data_options(*list, o->data);
    add_filter_options(*list, *o);
    list->add_option("--limit", o->limit, "1 sampai 500")->capture_default_str();
    list->add_option("--cursor", o->cursor, "Lanjutkan sebelum seq ini / continue below this seq");
    list->callback([&action, o] {
        action = [o] {
            return with_audit(o->data, [&](access::AuditService& svc) -> Result<int> {
                auto filter = PILAR_TRY(filter_of(*o, true));
                auto page = PILAR_TRY(svc.list(cli_actor(), filter, o->limit));
                for (auto const& e : page.items)
                    std::cout << fmt::format("{:>7} {} {:<16} {:<9} {:<22} {}:{}{}{}\n", e.seq, e.at, e.actor_username,
                                             e.actor_role, e.action, e.entity, e.entity_id,
                                             e.request_id.empty() ? "" : " rid=" + e.request_id,
                                             e.detail.empty() ? "" : "  " + e.detail);
                if (page.next)
                    std::cerr << fmt::format("pilar: masih ada entri lebih lama / older entries: --cursor {}\n", *page.next);
                return kExitOk;
            });
        };
    });

    auto* exp = a->add_subcommand("export", "Ekspor entri ke CSV untuk pemeriksa / export entries as CSV for an inspector");
    add_data_options(*exp, o->data);
    add_filter_options(*exp, *o);
    exp->add_option("--out", o->out, "Berkas CSV / CSV file (mode 0600)")->required();
    exp->callback([&action, o] {
        action = [o] {
            return with_audit(o->data, [&](access::AuditService& svc) -> Result<int> {
                auto filter = PILAR_TRY(filter_of(*o, false));
                auto writer = PILAR_TRY(CsvWriter::create_file(o->out));
                auto r = PILAR_TRY(svc.export_csv(cli_actor(), filter, writer));
                PILAR_TRY(writer.finish());
                std::cout << fmt::format("{} entri ditulis ke / entries written to {}\n", r.rows, o->out);
                // The state of the whole chain at export time goes with the file.
                if (r.verify.ok) std::cout << r.verify.summary(cli_lang()) << '\n';
                return report_verify(r.verify);
            });
        };
    });
}

}  // namespace pilar::cli
