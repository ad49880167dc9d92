#include "db/database.hpp"

#include "db/sqlite/sqlite_database.hpp"

namespace pilar::db {

Transaction::~Transaction() {
    if (m_conn) (void)(m_savepoint ? m_conn->rollback_savepoint(m_savepoint) : m_conn->rollback());
}

Result<void> Transaction::commit() {
    if (!m_conn) return {};
    auto r = m_savepoint ? m_conn->release_savepoint(m_savepoint) : m_conn->commit();
    if (r) m_conn = nullptr;
    return r;
}

Result<void> Transaction::rollback() {
    if (!m_conn) return {};
    auto* c = std::exchange(m_conn, nullptr);
    return m_savepoint ? c->rollback_savepoint(m_savepoint) : c->rollback();
}

namespace {
thread_local Connection* t_batch = nullptr;
}

Connection* batch_connection() { return t_batch; }

Result<Batch> Batch::begin(Database& db) {
    if (t_batch) return fail(ErrorCode::Internal, {"Batch di dalam batch", "Batch inside a batch"});
    auto c = PILAR_TRY(db.acquire());
    auto tx = PILAR_TRY(c->begin(TxMode::Write));
    return Batch(std::move(c), std::move(tx));
}

Batch::Batch(PooledConnection c, Transaction tx) : m_conn(std::move(c)), m_tx(std::move(tx)) { t_batch = &*m_conn; }

Batch::Batch(Batch&& o) noexcept : m_conn(std::move(o.m_conn)), m_tx(std::move(o.m_tx)), m_active(std::exchange(o.m_active, false)) {}

Batch::~Batch() {
    if (!m_active) return;
    m_tx.reset();  // rolls back unless committed
    t_batch = nullptr;
}

Result<void> Batch::commit() {
    auto r = m_tx->commit();
    m_tx.reset();
    m_active = false;
    t_batch = nullptr;
    return r;
}

Result<std::unique_ptr<Database>> open_database(std::string_view url, OpenOptions const& options) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return fail(ErrorCode::InvalidArgument,
                    {"Dukungan PostgreSQL belum tersedia di versi ini; gunakan --data DIR (SQLite)",
                     "PostgreSQL support is not available in this version yet; use --data DIR (SQLite)"});
    }
    if (url.starts_with("sqlite:")) url.remove_prefix(7);
    if (url.empty())
        return fail(ErrorCode::InvalidArgument, {"Lokasi basis data kosong", "Empty database location"});
    return sqlite::open(std::string(url), options);
}

}  // namespace pilar::db
