#include "db/database.hpp"

#include "db/sqlite/sqlite_database.hpp"

namespace pilar::db {

Transaction::~Transaction() {
    if (m_conn) (void)m_conn->rollback();
}

Result<void> Transaction::commit() {
    if (!m_conn) return {};
    auto r = m_conn->commit();
    if (r) m_conn = nullptr;
    return r;
}

Result<void> Transaction::rollback() {
    if (!m_conn) return {};
    auto* c = std::exchange(m_conn, nullptr);
    return c->rollback();
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
