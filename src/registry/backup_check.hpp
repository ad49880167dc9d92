// What `pilar backup` and `pilar restore` ask of the registry about a database file: how many
// households and persons it holds (the summary an office compares night to night), and whether
// a keyring opens a sample of its encrypted values — so a backup and a key are known to belong
// together before the day they are needed.
//
//   auto r = PILAR_TRY(registry::check_backup(database, &keyring));
//   // r.persons, r.households, r.sampled, r.decrypted, r.key_ids_seen
#pragma once

#include <cstdint>
#include <set>

#include "access/crypto.hpp"
#include "db/database.hpp"

namespace pilar::registry {

struct BackupCheck {
    std::int64_t households = 0;
    std::int64_t persons = 0;
    int sampled = 0;    // encrypted values looked at (0 with no registry data)
    int decrypted = 0;  // of those, opened by the keyring (0 without one)
    std::set<std::uint32_t> key_ids_seen;  // the key ids the sampled values name ("v1.<id>.")
};

// Counts rows and looks at up to `sample` encrypted identity numbers spread over the id range
// (first, last and between: a sample from one end would miss a rotation): the key ids they name
// and, with a keyring, whether it opens them. Read-only, one read transaction. Does not audit:
// nothing decrypted leaves this function.
Result<BackupCheck> check_backup(db::Database& database, access::Keyring const* keyring, int sample = 16);

}  // namespace pilar::registry
