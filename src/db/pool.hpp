// A bounded connection pool shared by every backend. Connections are opened lazily up to
// max_connections; acquire() waits for a free one up to a timeout and then answers Unavailable,
// so a burst of requests degrades into 503s instead of piling up threads.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/database.hpp"

namespace pilar::db {

class ConnectionPool {
public:
    using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

    ConnectionPool(Factory factory, int max_size, std::chrono::milliseconds acquire_timeout);
    ~ConnectionPool();

    Result<PooledConnection> acquire();
    PoolStats stats() const;

private:
    void give_back(std::unique_ptr<Connection> c);

    Factory m_factory;
    int m_max_size;
    std::chrono::milliseconds m_timeout;
    mutable std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<std::unique_ptr<Connection>> m_idle;
    int m_open = 0;
    int m_in_use = 0;
    std::uint64_t m_waits = 0;
    std::uint64_t m_timeouts = 0;
    // Shared with PooledConnection's give-back hook so a connection returned after the pool is
    // gone is simply closed.
    std::shared_ptr<ConnectionPool*> m_self;
};

}  // namespace pilar::db
