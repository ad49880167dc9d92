// SQL for the wilayah table. Every function takes the connection it runs on, so the service
// decides transactions.
#pragma once

#include <vector>

#include "db/database.hpp"
#include "wilayah/model.hpp"

namespace pilar::wilayah::store {

Result<std::optional<Wilayah>> get(db::Connection& c, std::string_view kode);
// Children ordered by code; only active ones unless include_retired.
Result<std::vector<Wilayah>> children(db::Connection& c, std::string_view kode, bool include_retired);
Result<std::vector<Wilayah>> search(db::Connection& c, SearchQuery const& q);
// Every region of one level (retired ones too), by code.
Result<std::vector<Wilayah>> at_level(db::Connection& c, Tingkat tingkat);
Result<void> insert(db::Connection& c, Wilayah const& w);
// Updates name/jenis/induk of a Kemendagri-level record from the data source; returns whether
// anything changed.
Result<bool> refresh_from_source(db::Connection& c, Wilayah const& w);
// Renames when the version matches; false when it does not (stale).
Result<bool> rename(db::Connection& c, std::string_view kode, std::string_view nama, std::int64_t expected_version,
                    std::string_view now);
// Retires the record and every active record below it; returns how many were retired.
Result<int> retire_subtree(db::Connection& c, std::string_view kode, std::string_view reason, std::string_view now);
// Codes of the active records at or below `kode` (what retire_subtree would retire).
Result<std::vector<std::string>> active_subtree(db::Connection& c, std::string_view kode);
Result<bool> reactivate(db::Connection& c, std::string_view kode, std::string_view now);
// Every kelurahan/desa code with whether it is active (a bulk import checks its rows against
// these on its own connection).
Result<std::vector<std::pair<std::string, bool>>> kelurahan_status(db::Connection& c);
Result<std::int64_t> count(db::Connection& c, Tingkat tingkat, std::string_view under);

}  // namespace pilar::wilayah::store
