// `pilar key generate`: the keys that encrypt special-category fields (docs/privacy.md).
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "access/crypto.hpp"
#include "cli/common.hpp"

namespace pilar::cli {

void register_key_commands(CLI::App& app, Action& action) {
    auto* key = app.add_subcommand("key", "Kunci enkripsi data spesifik / encryption keys for special data");
    key->require_subcommand(1);
    auto out = std::make_shared<std::string>();
    auto id = std::make_shared<std::uint32_t>(1);
    auto* gen = key->add_subcommand(
        "generate", "Buat kunci baru; tanpa --out dicetak ke stdout untuk ditaruh paling atas di berkas kunci");
    gen->add_option("--out", *out, "Tulis berkas kunci baru (mode 0400; tidak menimpa berkas yang ada)");
    gen->add_option("--id", *id, "Nomor kunci (naikkan saat rotasi)")->capture_default_str();
    gen->callback([&action, out, id] {
        action = [out, id] {
            if (out->empty()) {
                std::cout << access::Keyring::generate_line(*id) << '\n';
                return kExitOk;
            }
            if (auto r = write_key_file(*out, *id); !r) return report(r.error());
            std::cerr << fmt::format("kunci {} ditulis ke {} / key written\n", *id, *out);
            return kExitOk;
        };
    });
}

}  // namespace pilar::cli
