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
            std::string line = access::Keyring::generate_line(*id);
            if (out->empty()) {
                std::cout << line << '\n';
                return kExitOk;
            }
            int fd = ::open(out->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
            if (fd < 0)
                return report(Error(ErrorCode::AlreadyExists,
                                    {fmt::format("Tidak bisa membuat {}: {}", *out, std::strerror(errno)),
                                     fmt::format("Cannot create {}: {}", *out, std::strerror(errno))}));
            std::string text = fmt::format(
                "# Pilar data key. Keep it outside the data directory and its backups; back it up separately.\n"
                "# The first line is the current key; keep old lines below it after rotation.\n{}\n",
                line);
            bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
            ::close(fd);
            if (!ok)
                return report(Error(ErrorCode::Unavailable, {fmt::format("Gagal menulis {}", *out),
                                                             fmt::format("Failed to write {}", *out)}));
            std::cerr << fmt::format("kunci {} ditulis ke {} / key written\n", *id, *out);
            return kExitOk;
        };
    });
}

}  // namespace pilar::cli
