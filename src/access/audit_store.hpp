// SQL for the audit trail (audit_log). Only appends and reads: nothing in Pilar updates or
// deletes an audit row. The chain logic (seq, hashes) lives in audit.cpp.
#pragma once

#include <functional>

#include "access/model.hpp"
#include "db/database.hpp"

namespace pilar::access::audit_store {

struct Link {
    std::int64_t seq = 0;
    std::string hash;
};

// The newest row's seq and hash; nullopt while the log is empty.
Result<std::optional<Link>> last_link(db::Connection& c);
Result<void> insert(db::Connection& c, AuditEntry const& e);

enum class Order { OldestFirst, NewestFirst };
// Calls `fn` for each row matching `f` in seq order, up to `limit` rows (0: all); `fn` returns
// false to stop early. Rows stream from the database: memory does not grow with the log.
Result<void> scan(db::Connection& c, AuditFilter const& f, Order order, std::int64_t limit,
                  std::function<Result<bool>(AuditEntry const&)> const& fn);

}  // namespace pilar::access::audit_store
