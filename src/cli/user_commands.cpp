// `pilar user add|list|disable|enable|reset-password` and `pilar access matrix`.
#include <fmt/format.h>

#include <iostream>

#include "access/password.hpp"
#include "access/policy.hpp"
#include "access/service.hpp"
#include "cli/common.hpp"
#include "cli/wiring.hpp"

namespace pilar::cli {
namespace {

template <typename Fn>
int with_access(DataOptions const& data, Fn&& fn) {
    if (auto r = access::init_crypto(); !r) return report(r.error());
    auto database = open_database(data);
    if (!database) return report(database.error());
    access::AccessService svc(**database);
    add_account_rules(svc);
    Result<void> r = fn(svc);
    return r ? kExitOk : report(r.error());
}

// "90m", "12h", "30d", "45s" -> seconds.
Result<std::chrono::seconds> parse_duration(std::string const& text) {
    auto bad = [&] {
        return fail(Error(ErrorCode::InvalidArgument, {fmt::format("Durasi '{}' tidak valid; contoh: 90m, 12h, 30d", text),
                                                       fmt::format("Invalid duration '{}'; e.g. 90m, 12h, 30d", text)})
                        .at_field("--ttl"));
    };
    if (text.size() < 2 || text.size() > 8) return bad();
    auto digits = std::string_view(text).substr(0, text.size() - 1);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return bad();
    long long n = std::stoll(std::string(digits));
    switch (text.back()) {
        case 's': return std::chrono::seconds(n);
        case 'm': return std::chrono::seconds(n * 60);
        case 'h': return std::chrono::seconds(n * 3600);
        case 'd': return std::chrono::seconds(n * 86400);
        default: return bad();
    }
}

std::string roles_text(access::RoleSet set) {
    if (set == access::kPublic) return "(publik / public)";
    std::string out;
    for (Role r : {Role::Psm, Role::Tksk, Role::Operator, Role::Kepala, Role::Admin})
        if (access::allows(set, r)) out += (out.empty() ? "" : ",") + std::string(role_name(r));
    return out;
}

}  // namespace

void register_user_commands(CLI::App& app, Action& action) {
    auto* u = app.add_subcommand("user", "Pengguna / users");
    u->require_subcommand(1);
    auto data = std::make_shared<DataOptions>();
    auto username = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto wilayah = std::make_shared<std::vector<std::string>>();
    auto name = std::make_shared<std::string>();
    auto password_stdin = std::make_shared<bool>(false);

    auto* add = u->add_subcommand("add", "Tambah pengguna");
    add_data_options(*add, *data);
    add->add_option("USERNAME", *username)->required();
    add->add_option("--role", *role, "psm, tksk, operator, kepala atau admin")->required();
    add->add_option("--wilayah", *wilayah, "Cakupan: RW (psm), kecamatan (tksk), kota (lainnya)");
    add->add_option("--name", *name, "Nama lengkap");
    add->add_flag("--password-stdin", *password_stdin, "Baca kata sandi dari stdin")->required();
    add->callback([&action, data, username, role, wilayah, name, password_stdin] {
        action = [data, username, role, wilayah, name] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                auto r = role_from_name(*role);
                if (!r)
                    return fail(Error(ErrorCode::InvalidArgument,
                                      {fmt::format("Peran '{}' tidak dikenal (psm, tksk, operator, kepala, admin)", *role),
                                       fmt::format("Unknown role '{}' (psm, tksk, operator, kepala, admin)", *role)})
                                    .at_field("--role"));
                auto pw = PILAR_TRY(read_password_stdin());
                auto user = PILAR_TRY(svc.create_user(cli_actor(), {.username = *username, .full_name = *name,
                                                                             .role = *r, .wilayah = *wilayah, .password = pw}));
                std::cout << fmt::format("pengguna {} ({}) dibuat / created\n", user.username, role_name(user.role));
                return {};
            });
        };
    });

    auto* list = u->add_subcommand("list", "Daftar pengguna");
    add_data_options(*list, *data);
    list->callback([&action, data] {
        action = [data] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                for (auto const& x : PILAR_TRY(svc.list_users(cli_actor()))) {
                    std::string scope;
                    for (auto const& k : x.wilayah) scope += (scope.empty() ? "" : ",") + k;
                    std::cout << fmt::format("{:<20} {:<9} {:<8} {}\n", x.username, role_name(x.role),
                                             x.active ? "aktif" : "nonaktif", scope);
                }
                return {};
            });
        };
    });

    for (bool enable : {false, true}) {
        auto* cmd = u->add_subcommand(enable ? "enable" : "disable",
                                      enable ? "Aktifkan pengguna" : "Nonaktifkan pengguna (sesinya dicabut)");
        add_data_options(*cmd, *data);
        cmd->add_option("USERNAME", *username)->required();
        cmd->callback([&action, data, username, enable] {
            action = [data, username, enable] {
                return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                    PILAR_TRY(svc.set_user_active(cli_actor(), *username, enable));
                    std::cout << fmt::format("{} {}\n", *username, enable ? "diaktifkan / enabled" : "dinonaktifkan / disabled");
                    return {};
                });
            };
        });
    }

    auto* reset = u->add_subcommand("reset-password", "Atur ulang kata sandi (dibaca dari stdin)");
    add_data_options(*reset, *data);
    reset->add_option("USERNAME", *username)->required();
    reset->add_flag("--password-stdin", *password_stdin, "Baca kata sandi dari stdin")->required();
    reset->callback([&action, data, username, password_stdin] {
        action = [data, username] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                auto pw = PILAR_TRY(read_password_stdin());
                PILAR_TRY(svc.reset_password(cli_actor(), *username, pw, false));
                std::cout << fmt::format("kata sandi {} diatur ulang; sesinya dicabut / password reset\n", *username);
                return {};
            });
        };
    });

    auto* tok = app.add_subcommand("token", "Token API untuk klien mesin / API tokens for machine clients");
    tok->require_subcommand(1);
    auto ttl = std::make_shared<std::string>("30d");
    auto label = std::make_shared<std::string>();
    auto token_id = std::make_shared<std::int64_t>(0);
    auto* create = tok->add_subcommand("create", "Buat token (ditampilkan sekali) / create a token (shown once)");
    add_data_options(*create, *data);
    create->add_option("--user", *username, "Pengguna yang diwakili token")->required();
    create->add_option("--ttl", *ttl, "Masa berlaku: 90m, 12h, 30d (maks. 366d)")->capture_default_str();
    create->add_option("--label", *label, "Untuk apa token ini");
    create->callback([&action, data, username, ttl, label] {
        action = [data, username, ttl, label] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                auto seconds = PILAR_TRY(parse_duration(*ttl));
                auto t = PILAR_TRY(svc.create_api_token(cli_actor(), *username, seconds, *label));
                std::cout << t.secret << '\n';
                std::cerr << fmt::format("token {} untuk {} berlaku sampai {}; simpan sekarang, tidak ditampilkan lagi / "
                                         "store it now, it is not shown again\n",
                                         t.token.id, t.token.username, t.token.expires_at);
                return {};
            });
        };
    });
    auto* tlist = tok->add_subcommand("list", "Daftar token");
    add_data_options(*tlist, *data);
    tlist->add_option("--user", *username, "Hanya token pengguna ini");
    tlist->callback([&action, data, username] {
        action = [data, username] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                auto only = username->empty() ? std::nullopt : std::optional<std::string>(*username);
                for (auto const& t : PILAR_TRY(svc.list_api_tokens(cli_actor(), only)))
                    std::cout << fmt::format("{:<5} {:<20} {:<25} {}{}\n", t.id, t.username, t.expires_at, t.label,
                                             t.revoked_at ? "  (dicabut / revoked)" : "");
                return {};
            });
        };
    });
    auto* revoke = tok->add_subcommand("revoke", "Cabut token");
    add_data_options(*revoke, *data);
    revoke->add_option("ID", *token_id)->required();
    revoke->callback([&action, data, token_id] {
        action = [data, token_id] {
            return with_access(*data, [&](access::AccessService& svc) -> Result<void> {
                auto t = PILAR_TRY(svc.revoke_api_token(cli_actor(), *token_id));
                std::cout << fmt::format("token {} ({}) dicabut / revoked\n", t.id, t.username);
                return {};
            });
        };
    });

    auto* acc = app.add_subcommand("access", "Aturan akses / access rules");
    acc->require_subcommand(1);
    auto* matrix = acc->add_subcommand("matrix", "Cetak tabel rute x peran / print the route x role table");
    matrix->callback([&action] {
        action = [] {
            for (auto const& r : access::access_rules())
                std::cout << fmt::format("{:<7} {:<45} {}\n", http::method_name(r.method), r.pattern, roles_text(r.roles));
            return kExitOk;
        };
    });
}

}  // namespace pilar::cli
