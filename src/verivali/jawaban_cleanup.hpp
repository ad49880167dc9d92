// Migration 0023's step: ground-check answers saved before the write rule refused identity
// numbers and special-category fields in them (special_fields.hpp) may still hold such fields,
// shown in clear to everyone who reads the item or the proposal. SQL alone can remove only
// top-level JSON keys, so the migration runner calls this, inside 0023's transaction
// (src/cli/migrations.cpp wires it; db/migrate.hpp's MigrationStep).
//
// Every stored answer (an item's jawaban, a proposal's periksa) loses exactly what the write rules
// refuse, at any depth: the forbidden fields are removed, a full NIK/No. KK typed into its text is
// masked (core/full_number.hpp, as http::refuse_full_numbers refuses it); the rest is kept (an answer with nothing to remove is not rewritten, and a
// rewritten one keeps its other keys in their order). When any answer changed, one audit entry
// "periksa.jawaban_bersihkan" counts them (no content), with the kota they lie in as its area.
// Running it on clean answers changes nothing and writes no entry.
#pragma once

#include <cstdint>

#include "core/error.hpp"
#include "db/database.hpp"

namespace pilar::verivali {

struct JawabanCleanup {
    std::int64_t items = 0;    // ground-check items whose answers changed
    std::int64_t usulan = 0;   // proposals whose verification answers changed
};

// Precondition: `c` holds a TxMode::Write transaction (the migration's).
Result<JawabanCleanup> clean_stored_jawaban(db::Connection& c);

}  // namespace pilar::verivali
