#include "db/migrate.hpp"

#include "core/clock.hpp"
#include "db/dialect.hpp"
#include "core/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace pilar::db {
namespace {

Result<void> ensure_table(Connection& c) { return c.exec_script(schema_migrations_script(c.dialect())); }

struct Applied {
    std::string name;
    std::string checksum;
};

Result<std::unordered_map<int, Applied>> read_applied(Connection& c) {
    std::unordered_map<int, Applied> out;
    auto stmt = PILAR_TRY(c.prepare("SELECT version, name, checksum FROM schema_migrations"));
    while (PILAR_TRY(stmt.step()))
        out.emplace(static_cast<int>(stmt.integer(0)), Applied{stmt.string(1), stmt.string(2)});
    return out;
}

Result<void> validate(std::span<const Migration> migrations, std::unordered_map<int, Applied> const& applied,
                      MigrationStatus& status) {
    status.latest_version = migrations.empty() ? 0 : migrations.back().version;
    for (auto const& [version, a] : applied) status.current_version = std::max(status.current_version, version);
    if (status.current_version > status.latest_version) {
        return fail(ErrorCode::Conflict,
                    {fmt::format("Basis data ini memakai skema versi {}, lebih baru dari yang dipahami program ini "
                                 "(sampai {}). Pakai versi Pilar yang lebih baru, atau pulihkan cadangan.",
                                 status.current_version, status.latest_version),
                     fmt::format("This database has schema version {}, newer than this binary understands "
                                 "(up to {}). Run a newer Pilar, or restore a backup.",
                                 status.current_version, status.latest_version)});
    }
    for (auto const& m : migrations) {
        auto it = applied.find(m.version);
        if (it == applied.end()) {
            status.pending.push_back(m.version);
            continue;
        }
        if (it->second.checksum != migration_checksum(m.sql)) {
            return fail(ErrorCode::Conflict,
                        {fmt::format("Migrasi {:04}_{} sudah diterapkan tetapi isinya berubah sejak itu",
                                     m.version, m.name),
                         fmt::format("Migration {:04}_{} was applied but its text has changed since", m.version,
                                     m.name)});
        }
    }
    return {};
}

Error failed(Migration const& m, Error e) {
    e.message.id = fmt::format("Migrasi {:04}_{} gagal: {}", m.version, m.name, e.message.id);
    e.message.en = fmt::format("Migration {:04}_{} failed: {}", m.version, m.name, e.message.en);
    return e;
}

}  // namespace

std::string migration_checksum(std::string_view sql) { return fnv1a64_hex(sql); }

std::string schema_migrations_script(Dialect dialect) {
    return migration_script(dialect,
                            "CREATE TABLE IF NOT EXISTS schema_migrations ("
                            " version INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL,"
                            " checksum TEXT NOT NULL,"
                            " applied_at TEXT NOT NULL)");
}

Result<MigrationStatus> migration_status(Database& db, std::span<const Migration> migrations) {
    auto conn = PILAR_TRY(db.acquire());
    PILAR_TRY(ensure_table(*conn));
    auto applied = PILAR_TRY(read_applied(*conn));
    MigrationStatus status;
    PILAR_TRY(validate(migrations, applied, status));
    return status;
}

Result<std::optional<MigrationStatus>> inspect_schema(Database& db, std::span<const Migration> migrations) {
    auto conn = PILAR_TRY(db.acquire());
    char const* exists = conn->dialect() == Dialect::Sqlite
                             ? "/* sqlite-only: catalog */ SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'schema_migrations'"
                             : "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'";
    if (PILAR_TRY(conn->query_value<std::int64_t>(exists)).value_or(0) == 0) return std::nullopt;
    auto applied = PILAR_TRY(read_applied(*conn));
    MigrationStatus status;
    PILAR_TRY(validate(migrations, applied, status));
    return status;
}

Result<MigrateReport> migrate(Database& db, std::span<const Migration> migrations,
                              std::span<const MigrationStep> steps) {
    int const last = migrations.empty() ? 0 : migrations.back().version;
    for (auto const& step : steps) {
        bool const known = std::any_of(migrations.begin(), migrations.end(),
                                       [&](Migration const& m) { return m.version == step.version; });
        if (!known && step.version <= last)
            return fail(ErrorCode::Internal, {fmt::format("Langkah migrasi {:04} tidak punya migrasi", step.version),
                                              fmt::format("Migration step {:04} has no migration", step.version)});
    }
    auto conn = PILAR_TRY(db.acquire());
    PILAR_TRY(ensure_table(*conn));
    MigrateReport report;
    {
        auto applied = PILAR_TRY(read_applied(*conn));
        MigrationStatus status;
        PILAR_TRY(validate(migrations, applied, status));
        report.from_version = report.to_version = status.current_version;
    }
    for (auto const& m : migrations) {
        // Each migration in its own write transaction; the check is repeated inside it so two
        // processes starting at once apply each migration exactly once.
        auto tx = PILAR_TRY(conn->begin(TxMode::Write));
        auto done = PILAR_TRY(conn->query_value<std::int64_t>(
            "SELECT count(*) FROM schema_migrations WHERE version = ?", m.version));
        if (done.value_or(0) > 0) continue;
        if (auto r = conn->exec_script(migration_script(conn->dialect(), m.sql)); !r) return fail(failed(m, r.error()));
        for (auto const& step : steps)
            if (step.version == m.version)
                if (auto r = step.run(*conn); !r) return fail(failed(m, r.error()));
        PILAR_TRY(conn->execute("INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                m.version, m.name, migration_checksum(m.sql), utc_now_iso()));
        PILAR_TRY(tx.commit());
        report.applied.push_back(fmt::format("{:04}_{}", m.version, m.name));
        report.to_version = std::max(report.to_version, m.version);
    }
    return report;
}

}  // namespace pilar::db
