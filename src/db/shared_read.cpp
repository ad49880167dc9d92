#include "db/shared_read.hpp"

namespace pilar::db {
namespace {

// The first read of the file is what fixes a SQLite read transaction's snapshot (BEGIN
// DEFERRED alone takes none).
Result<Transaction> begin_reading(Connection& c) {
    auto tx = PILAR_TRY(c.begin(TxMode::Read));
    PILAR_TRY(c.query_value<std::int64_t>("/* sqlite-only: catalog */ SELECT COUNT(*) FROM sqlite_master"));
    return tx;
}

}  // namespace

Result<std::vector<Transaction>> begin_shared_read(Database& db, std::span<Connection* const> conns,
                                                   std::chrono::milliseconds lock_wait) {
    std::vector<Transaction> out;
    out.reserve(conns.size());
    if (conns.size() == 1) {
        out.push_back(PILAR_TRY(conns[0]->begin(TxMode::Read)));
        return out;
    }
    auto unavailable = [] {
        return fail(ErrorCode::Unavailable, {"Tidak dapat membuka satu potret basis data untuk beberapa koneksi",
                                             "Cannot open one database snapshot for several connections"});
    };
    if (db.dialect() != Dialect::Sqlite || batch_connection() != nullptr) return unavailable();
    auto lock = PILAR_TRY(db.acquire());
    for (auto* c : conns)
        if (c == &*lock || c->in_transaction()) return unavailable();
    if (lock->in_transaction()) return unavailable();
    // Wait briefly only: a writer holding the lock long (an import) means "read on one connection".
    auto const busy = PILAR_TRY(lock->query_value<std::int64_t>("/* sqlite-only: pragma */ PRAGMA busy_timeout")).value_or(0);
    PILAR_TRY(lock->exec_script("PRAGMA busy_timeout = " + std::to_string(lock_wait.count())));
    auto held = lock->begin(TxMode::Write);
    PILAR_TRY(lock->exec_script("PRAGMA busy_timeout = " + std::to_string(busy)));
    if (!held) return fail(held.error());
    for (auto* c : conns) out.push_back(PILAR_TRY(begin_reading(*c)));
    PILAR_TRY(held->rollback());
    return out;
}

}  // namespace pilar::db
