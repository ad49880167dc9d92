#include "registry/backup_check.hpp"

#include <charconv>
#include <string>
#include <string_view>

#include "registry/seal.hpp"

namespace pilar::registry {
namespace {

// "v1.<id>.<...>" -> id (crypto.hpp's stored format).
std::optional<std::uint32_t> key_id_of(std::string_view stored) {
    if (!stored.starts_with("v1.")) return std::nullopt;
    stored.remove_prefix(3);
    std::uint32_t id = 0;
    auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), id);
    if (ec != std::errc() || end == stored.data() + stored.size() || *end != '.') return std::nullopt;
    return id;
}

}  // namespace

Result<BackupCheck> check_backup(db::Database& database, access::Keyring const* keyring, int sample) {
    auto c = PILAR_TRY(database.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
    BackupCheck r;
    r.households = PILAR_TRY(c->query_value<std::int64_t>("SELECT count(*) FROM keluarga")).value_or(0);
    r.persons = PILAR_TRY(c->query_value<std::int64_t>("SELECT count(*) FROM anggota")).value_or(0);
    if (sample <= 0) return r;
    auto try_one = [&](std::string_view table, std::string_view column, std::int64_t id,
                       std::string_view stored) {
        ++r.sampled;
        if (auto k = key_id_of(stored)) r.key_ids_seen.insert(*k);
        if (keyring && keyring->decrypt(stored, seal_where(table, column, id))) ++r.decrypted;
    };
    // The first encrypted value at or after evenly spaced ids: one index probe each.
    auto spread = [&](std::string_view table, std::string_view column, std::string const& sql, int n) -> Result<void> {
        auto const max_id = PILAR_TRY(c->query_value<std::int64_t>("SELECT max(id) FROM " + std::string(table)));
        if (!max_id) return {};
        auto st = PILAR_TRY(c->prepare(sql));
        for (int i = 0; i < n; ++i) {
            std::int64_t const from = n == 1 ? 1 : 1 + (*max_id - 1) * i / (n - 1);
            st.reset();
            PILAR_TRY(st.bind_all(from));
            if (PILAR_TRY(st.step())) try_one(table, column, st.integer(0), st.string(1));
        }
        return {};
    };
    PILAR_TRY(spread("keluarga", "no_kk", "SELECT id, no_kk_enc FROM keluarga WHERE id >= ? ORDER BY id LIMIT 1",
                     sample / 2));
    PILAR_TRY(spread("anggota", "nik",
                     "SELECT id, nik_enc FROM anggota WHERE id >= ? AND nik_enc IS NOT NULL ORDER BY id LIMIT 1",
                     sample - sample / 2));
    return r;
}

}  // namespace pilar::registry
