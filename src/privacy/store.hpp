// SQL for the privacy module's own table, dasar_hukum (migration 0007). The registry's and
// verivali's tables are reached only through their services.
#pragma once

#include <optional>

#include "db/database.hpp"
#include "privacy/model.hpp"

namespace pilar::privacy::store {

Result<std::optional<DasarHukum>> get(db::Connection& c, std::int64_t anggota_id);
// Inserts (expected_version 0) or updates when the stored version matches; false when stale.
Result<bool> put(db::Connection& c, DasarHukum const& d, std::int64_t expected_version);
// Erasure: removes the names and the note; the basis and the consent date stay.
Result<void> anonymise(db::Connection& c, std::int64_t anggota_id);

}  // namespace pilar::privacy::store
