// SQL of the duplicate review queue (migration 0011: duplikat, duplikat_proses).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "dedup/model.hpp"

namespace pilar::dedup::store {

enum class Upsert { Inserted, Refreshed, AlreadyDecided };
// Queues the pair, or refreshes the score of a pair still waiting; a decided pair is left alone.
Result<Upsert> upsert(db::Connection& c, Pasangan const& p);

Result<std::optional<Pasangan>> get(db::Connection& c, std::int64_t id);

struct ListFilter {
    std::vector<std::string> ranges;  // dotted codes: both members' kode_wilayah under one of them; empty: all
    std::optional<Status> status;
    std::optional<std::int64_t> anggota_id;  // pairs with this member on either side
    std::optional<std::int64_t> after_id;
    int limit = 50;
};
// By id (oldest first), so paging is a keyset on id.
Result<std::vector<Pasangan>> list(db::Connection& c, ListFilter const& f);

// The decision, when the pair's version is still `expected_version`; false when stale.
Result<bool> decide(db::Connection& c, Pasangan const& p, std::int64_t expected_version);

// With p.id chosen by the caller inside its write transaction.
Result<void> insert_proses(db::Connection& c, Proses const& p);
Result<std::optional<Proses>> last_proses(db::Connection& c);

}  // namespace pilar::dedup::store
