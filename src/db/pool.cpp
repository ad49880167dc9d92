#include "db/pool.hpp"

namespace pilar::db {

ConnectionPool::ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds acquire_timeout)
    : m_factory(std::move(factory)),
      m_max_size(max_size < 1 ? 1 : max_size),
      m_timeout(acquire_timeout),
      m_self(std::make_shared<ConnectionPool*>(this)) {}

ConnectionPool::~ConnectionPool() {
    std::lock_guard lock(m_mutex);
    *m_self = nullptr;
    m_idle.clear();
}

Result<PooledConnection> ConnectionPool::acquire() {
    std::unique_lock lock(m_mutex);
    auto const deadline = std::chrono::steady_clock::now() + m_timeout;
    auto make = [this](std::unique_ptr<Connection> c) {
        std::weak_ptr<ConnectionPool*> weak = m_self;
        return PooledConnection(std::move(c), [weak](std::unique_ptr<Connection> back) {
            if (auto self = weak.lock(); self && *self) (*self)->give_back(std::move(back));
        });
    };
    for (bool waited = false;; waited = true) {
        if (!m_idle.empty()) {
            auto c = std::move(m_idle.back());
            m_idle.pop_back();
            ++m_in_use;
            return make(std::move(c));
        }
        if (m_open < m_max_size) {
            ++m_open;
            ++m_in_use;
            lock.unlock();
            auto c = m_factory();
            if (!c) {
                lock.lock();
                --m_open;
                --m_in_use;
                m_available.notify_one();
                return fail(std::move(c).error());
            }
            return make(std::move(*c));
        }
        if (!waited) ++m_waits;
        if (m_available.wait_until(lock, deadline) == std::cv_status::timeout && m_idle.empty() &&
            m_open >= m_max_size) {
            ++m_timeouts;
            return fail(ErrorCode::Unavailable,
                        {"Basis data sedang sibuk; coba lagi sebentar lagi",
                         "The database is busy; try again shortly"});
        }
    }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> c) {
    // A connection returned mid-transaction (an error path that skipped rollback) must not
    // leak its open transaction into the next borrower.
    if (c->in_transaction()) (void)c->rollback();
    std::lock_guard lock(m_mutex);
    --m_in_use;
    m_idle.push_back(std::move(c));
    m_available.notify_one();
}

PoolStats ConnectionPool::stats() const {
    std::lock_guard lock(m_mutex);
    return PoolStats{m_open, m_in_use, m_max_size, m_waits, m_timeouts};
}

}  // namespace pilar::db
