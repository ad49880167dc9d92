// Migration 0024's step: what was saved before the write rules refused it, cleaned everywhere it is
// still shown in clear (docs/privacy.md, "Erasure and the audit trail"; docs/operations.md,
// "Schema migrations"). Two parts, in the migration's one transaction:
//
// 1. Free text: every text column a write body fills that is not an NIK/No. KK field (notes,
//    reasons, descriptions, names typed by hand, a proposal's content) has each full NIK/No. KK
//    masked (core/full_number.hpp, as 0023 masks answers: "3671********0001"); a proposal's content
//    (`isi`) also loses the fields a proposal refuses (verivali/special_fields.hpp), as 0023 did for
//    answers. The registry's own records (keluarga, anggota) are not rewritten: imports of national
//    extracts fill the same columns without the rule, and a change there belongs to the registry's
//    audited correction path.
// 2. The audit trail: the entries that copied those texts, and the ground-check answers and
//    proposal content inside `periksa.hasil` and every `usulan.*` move, get the same cleaning as a
//    partial redaction (access::clean_audit_payloads): what a ground check found stays readable.
//
// When anything changed, one audit entry `audit.bersihkan` (by the system) lists the cleaned audit
// entries with their digests, counts the rewritten rows per table.column, and names the kota they
// lie in; no content. Running it again changes nothing and writes nothing.
// This binary's composition root owns it because it names tables of several modules, as a
// migration's SQL may; the rewriting itself is db::rewrite_text_column and access's.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/error.hpp"
#include "db/database.hpp"

namespace pilar::cli {

struct FreeTextCleanup {
    std::map<std::string, std::int64_t> columns;  // "usulan.catatan" -> rows rewritten (only those > 0)
    std::int64_t audit = 0;                        // audit entries partially redacted
};

// Precondition: `c` holds a TxMode::Write transaction (the migration's).
Result<FreeTextCleanup> clean_free_text(db::Connection& c);

}  // namespace pilar::cli
