// Partial redaction of the audit trail (audit.hpp): cleaning what later write rules refuse from the
// payloads recorded before them — special fields and full NIK/No. KK saved before the rules
// (migration 0024, src/cli/free_text_cleanup.hpp) — without erasing the record of what happened.
//
// Erasure (redact_audit) replaces a whole payload by a marker; a clean-up cannot, since the entry
// must still say what a ground check found. clean_audit_payloads() replaces the payload of each
// entry the caller's cleaner changes by its cleaned version and sets the entry's `redacted_by` to
// the seq of one new "audit.bersihkan" entry, which append_audit_cleaning() writes right after in
// the same transaction; it lists those entries with the digest of each cleaned payload
// ({"seq":[...],"payload_hash":[...], the caller's counts}), never their content. `pilar audit
// verify` recomputes every hash from the stored payload_hash (who, when, which record, the links)
// and requires such an entry to hold exactly the listed payload, so a cleaned payload changed
// afterwards is "edited" like any other. Erasure of a person later still replaces a cleaned payload
// by the marker (redacted_by then names the audit.redact entry).
//
//   auto cleaning = PILAR_TRY(access::clean_audit_payloads(c, cleaner));
//   if (!cleaning.rows.empty())
//       PILAR_TRY(access::append_audit_cleaning(c, actor, cleaning, R"("n":2)", "why, without content", area));
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/model.hpp"
#include "db/database.hpp"

namespace pilar::access {

inline constexpr std::string_view kAuditCleaningAction = "audit.bersihkan";

struct AuditPayload {
    std::optional<std::string> before_json, after_json;
    std::string detail;
};
struct AuditCleaned {
    std::int64_t seq = 0;
    std::string payload_hash;  // of the cleaned payload
    std::string action;        // of the entry cleaned
};
struct AuditCleaning {
    std::int64_t cleaning_seq = 0;   // the seq the audit.bersihkan entry must take
    std::vector<AuditCleaned> rows;  // oldest first
};

// `clean` is called with every entry whose payload erasure has not removed and returns its cleaned
// payload, or nothing to leave it. Precondition: `c` holds a TxMode::Write transaction, in which
// append_audit_cleaning() must write the next entry when any row was cleaned.
Result<AuditCleaning> clean_audit_payloads(db::Connection& c,
                                           std::function<std::optional<AuditPayload>(AuditEntry const&)> const& clean);

// The audit.bersihkan entry: {"seq":[...],"payload_hash":[...]} followed by `counts` (members of a
// JSON object, e.g. R"("teks":{"usulan.catatan":2})", or ""), with `detail` and `area` as given.
// Refused (internal) when it does not get cleaning.cleaning_seq.
Result<void> append_audit_cleaning(db::Connection& c, Actor const& actor, AuditCleaning const& cleaning,
                                   std::string_view counts, std::string detail, std::vector<std::string> area);

}  // namespace pilar::access
