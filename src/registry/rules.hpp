// What the registry's read paths share, so the lists, the single-record reads and the export
// apply one set of rules: which kode_wilayah ranges a caller may see and how a list query
// becomes a store filter (with its validation). Internal to src/registry (service.cpp,
// export.cpp); nothing outside the module includes it. (How values are sealed: seal.hpp.)
//
//   auto filter = PILAR_TRY(anggota_filter(actor, query, keyring, *c));
//   if (!filter) return empty;                         // the query and the scope do not meet
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/crypto.hpp"
#include "core/actor.hpp"
#include "db/database.hpp"
#include "registry/service.hpp"
#include "registry/store.hpp"

namespace pilar::registry {

// May `actor` see a record stored with this kode_wilayah?
bool visible(Actor const& actor, std::string_view kode);

// The ranges of kode_wilayah a list may show: the requested region narrowed to the caller's
// scope. nullopt when the two do not meet (the answer is an empty list, not an error: a list
// does not reveal whether records exist outside the scope).
Result<std::optional<store::Ranges>> visible_ranges(Actor const& actor, std::optional<std::string> const& requested);

// The store filter for a list of members or households: scope, exact NIK / No. KK through the
// blind index, name prefix, PPKS, household, status — validated, with errors naming the query
// field. nullopt when the answer is certainly empty. Paging (after, sort, limit) is the caller's.
Result<std::optional<store::ListFilter>> anggota_filter(Actor const& actor, ListQuery const& q,
                                                        access::Keyring const& keyring, db::Connection& c);
Result<std::optional<store::ListFilter>> keluarga_filter(Actor const& actor, ListQuery const& q,
                                                         access::Keyring const& keyring);

// A stored disability ("jenis:tingkat", tingkat may be empty) split into its two columns.
void split_disabilitas(std::string_view stored, std::string& jenis, std::string& tingkat);

}  // namespace pilar::registry
