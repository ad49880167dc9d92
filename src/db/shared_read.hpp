// Read transactions on several connections that all see one snapshot, so one scan can be split
// over threads (a connection each) and still read a single consistent state of the database.
// Used by the registry's exports (registry/export.cpp).
//
//   auto a = PILAR_TRY(db.acquire()), b = PILAR_TRY(db.acquire());
//   std::array<db::Connection*, 2> conns = {&*a, &*b};
//   auto txs = PILAR_TRY(db::begin_shared_read(db, conns));
//   ... one thread reads on a, another on b ...      // the transactions end when destroyed
//
// SQLite (WAL): a read transaction sees the last commit before its first read. While a third
// connection holds the write lock (BEGIN IMMEDIATE), nothing can commit, so the read
// transactions begun meanwhile all see the same commit; the lock is let go as soon as they have
// begun (a writer waits microseconds). Waits at most `lock_wait` for a writer that holds the lock
// (a bulk import holds it for minutes): then Unavailable, and a caller falls back to reading on
// one connection. One connection needs no lock. Another backend: Unavailable for more than one.
#pragma once

#include <chrono>
#include <span>
#include <vector>

#include "db/database.hpp"

namespace pilar::db {

Result<std::vector<Transaction>> begin_shared_read(Database& db, std::span<Connection* const> conns,
                                                   std::chrono::milliseconds lock_wait = std::chrono::milliseconds(250));

}  // namespace pilar::db
