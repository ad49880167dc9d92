// The audit trail: an append-only, hash-chained record of every write (who, when, which record,
// before/after) and every view of special data, with verification, browsing and an export for
// an inspector.
//
// Services append inside their own write transaction, so the audit row commits or rolls back
// together with the change it describes:
//
//   auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
//   PILAR_TRY(store::insert(*c, w));
//   PILAR_TRY(access::append_audit(*c, actor, {.action = "wilayah.create", .entity = "wilayah",
//                                              .entity_id = w.kode, .after_json = to_json(w)}));
//   PILAR_TRY(tx.commit());
//
// The chain (v2, every row written since migration 0007). Row n stores prev_hash = hash of row
// n-1 (64 zeros for seq 1), a digest of its personal payload
//   payload_hash = hex(BLAKE2b-256(enc(before_json) enc(after_json) enc(detail)))
// and
//   hash = hex(BLAKE2b-256(enc("pilar-audit-v2") enc(prev_hash) enc(seq) enc(at) enc(actor_user_id)
//              enc(actor_username) enc(actor_role) enc(client_address) enc(request_id) enc(action)
//              enc(entity) enc(entity_id) enc(payload_hash)))
// where enc(text) is its UTF-8 length as 8 bytes big-endian followed by the bytes, integers are
// written as decimal text, and enc(NULL) is 8 bytes 0xFF (no text is that long), so no two
// different rows encode alike. BLAKE2b-256 is libsodium's crypto_generichash with 32-byte
// output and no key (Python: hashlib.blake2b(digest_size=32)), so an inspector can recompute the
// chain from an export without Pilar. seq counts 1, 2, 3 ... without gaps. Rows written before
// migration 0007 (payload_hash NULL) use chain v1: the same without the tag, with
// enc(before_json) enc(after_json) enc(detail) in place of enc(payload_hash).
//
// Why the payload sits behind a digest: erasure under UU PDP (src/privacy) must remove a
// person's data from the trail too, and the trail must still verify. redact_audit() replaces the
// payload of the entries about a record by a marker (before/after NULL, detail "[dihapus]"),
// sets their `redacted_by` to the seq of one new "audit.redact" entry whose after_json lists
// them ({"seq":[...]}), and leaves payload_hash and hash alone. Verify then recomputes such a
// row's hash from its stored payload_hash (who, when, what and the link are still checked) and
// requires the audit.redact entry to list it: a payload removed any other way is "edited".
// A clean-up of what later write rules refuse replaces a payload by its cleaned version instead
// (a partial redaction, audit_clean.hpp: redacted_by names an "audit.bersihkan" entry listing the
// digest of the payload the row must now hold).
//
// An update (both before_json and after_json JSON objects) is stored as the fields it changed:
// each side keeps only the keys whose values differ, so an entry says exactly what the write did
// and stays small (a person's whole record twice per write cost more than the write itself).
//
// Why appends stay linear: the caller holds a TxMode::Write transaction (SQLite BEGIN
// IMMEDIATE), which serialises writers, so reading the last row and inserting the next cannot
// interleave with another append; seq is the primary key, so even a misuse fails instead of
// forking the chain. (A PostgreSQL backend needs a lock on audit_log for the same guarantee.)
//
// What verification can and cannot see: an edited row (its hash no longer recomputes), a
// removed row (a gap in seq), a reordered or inserted row (prev_hash does not match). Removing
// the newest rows leaves a shorter chain that is still valid: no check inside the database can
// see that. Record the head (seq and hash) that `pilar audit verify` prints somewhere the
// database's administrators cannot rewrite, and pass it back with --anchor SEQ:HASH.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <optional>
#include <string>

#include "access/model.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"

namespace pilar::access {

// prev_hash of the first row.
inline constexpr std::string_view kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// Who is recorded. Usually made from the Actor; failed logins have no Actor yet (the caller is
// not authenticated), so they are recorded as role "anonymous" with the name that was tried.
struct AuditActor {
    std::int64_t user_id = 0;
    std::string username;
    std::string role;
    std::string client_address;
    std::string request_id;

    static AuditActor from(Actor const& a);
};

// Appends one entry. Precondition: `c` holds a TxMode::Write transaction (an error otherwise);
// the entry is part of that transaction.
Result<void> append_audit(db::Connection& c, Actor const& actor, AuditEvent const& e);
Result<void> append_audit(db::Connection& c, AuditActor const& who, AuditEvent const& e);

// One record's history, oldest first (at most `limit` entries): for a module's own history view,
// after the module has checked that the caller may see the record.
Result<std::vector<AuditEntry>> record_history(db::Connection& c, std::string_view entity, std::string_view entity_id,
                                               int limit = 500);

// The fields that differ between two versions of a record, as {before, after} JSON objects:
// a field whose value changed keeps both values, a field present on one side only stays on that
// side, equal fields are left out (both "{}" when nothing changed).
// Both texts must be valid JSON; nullopt unless both are objects.
std::optional<std::pair<std::string, std::string>> changed_fields(std::string_view before, std::string_view after);

// The row's hash as described above (all columns but `hash` itself; v2 when payload_hash is set).
std::string audit_hash(AuditEntry const& e);
std::string audit_payload_hash(AuditEntry const& e);

inline constexpr std::string_view kAuditChainV2 = "pilar-audit-v2";
inline constexpr std::string_view kAuditRedactedMarker = "[dihapus]";

// The newest entry's seq (0 while the log is empty), inside the caller's transaction.
Result<std::int64_t> audit_head_seq(db::Connection& c);

// AuditEvent::area of an entry about the data at or below `kode` (a filter as the user typed it,
// dotted or not): that code, dotted; none when there is no code or it does not parse (then the
// entry is about no kota in particular).
std::vector<std::string> audit_area_of(std::optional<std::string> const& kode);

// Erasure: removes the payload of every entry about the given (entity, entity_id) records up to
// seq `up_to` and appends one "audit.redact" entry listing them (detail: why). Precondition: `c`
// holds a TxMode::Write transaction. Returns the seqs redacted (none: nothing appended).
// `area`: the wilayah of the person erased, for the admins' view of a console erasure
// (AuditEvent::area).
Result<std::vector<std::int64_t>> redact_audit(db::Connection& c, Actor const& actor,
                                               std::vector<std::pair<std::string, std::string>> const& records,
                                               std::int64_t up_to, std::string_view detail,
                                               std::vector<std::string> area = {});

// bench/bench_audit only: makes append_audit a no-op so the same write can be timed with and
// without its audit entry in one process. Never called by the server or the CLI.
void set_audit_disabled_for_benchmark(bool disabled);

// A head recorded earlier ("seq:hash"), checked again by verify to detect removal of the newest
// rows.
struct AuditAnchor {
    std::int64_t seq = 0;
    std::string hash;
    static Result<AuditAnchor> parse(std::string_view text);
};

enum class AuditProblem { None, Edited, Removed, Reordered, Truncated };
std::string_view audit_problem_name(AuditProblem p);  // "none", "edited", "removed", ...

struct AuditVerifyReport {
    bool ok = true;
    std::int64_t count = 0;     // entries checked (all of them when ok)
    std::int64_t head_seq = 0;  // the last good entry
    std::string head_hash = std::string(kAuditGenesis);
    std::optional<std::int64_t> bad_seq;  // the first entry that fails
    AuditProblem problem = AuditProblem::None;
    Text reason;  // one line, naming bad_seq

    // "ok: 12 entries, head <hash>" or the reason.
    [[nodiscard]] std::string summary(Lang lang) const;
};

struct AuditPage {
    std::vector<AuditEntry> items;  // newest first
    std::optional<std::string> next;  // cursor for the following (older) page
};

struct AuditExportReport {
    std::int64_t rows = 0;
    AuditVerifyReport verify;
};

constexpr int kAuditPageMax = 500;

// Brings the audit look-up tables (by account, by record) up to the newest entry, in write
// transactions of at most `batch` entries; returns how many were added. Readers never depend on
// it for completeness (they read the entries past the mark from audit_log), only for speed.
Result<std::int64_t> catch_up_audit_index(db::Database& db, std::int64_t batch = 10000);
// How many entries wait for the look-up tables. Two reads; takes no lock.
Result<std::int64_t> audit_index_backlog(db::Database& db);

// When the server's background indexer writes. It looks every `check` (a read) and indexes once
// `min_batch` entries wait, or once the first waiting entry has waited `max_delay`. Every indexing
// is a write transaction of its own, with its commit and fsync: indexing each second, as it first
// did, cost an office writing a few times a minute about one extra commit per audited write. The
// look-ups stay complete meanwhile (the waiting entries are read from audit_log directly, a scan of
// at most a few hundred rows).
struct AuditIndexerPolicy {
    std::chrono::milliseconds check{1000};
    std::int64_t min_batch = 256;
    std::chrono::milliseconds max_delay{30'000};
};

class AuditService {
public:
    explicit AuditService(db::Database& db) : m_db(db) {}
    ~AuditService();
    AuditService(AuditService const&) = delete;
    AuditService& operator=(AuditService const&) = delete;

    // The server's background indexer: catch_up_audit_index() as `policy` says, on a thread of
    // its own, until this service is destroyed. An audited write thus commits one page for its
    // audit row instead of three (row and two index entries).
    void start_indexer(AuditIndexerPolicy policy = {});

    // Walks the whole chain (admin or system only).
    Result<AuditVerifyReport> verify(Actor const& actor, std::optional<AuditAnchor> anchor = std::nullopt);

    // Validates and normalises filters that came from a user: time bounds (YYYY-MM-DD, or with
    // THH:MM[:SS[.mmm]], optional Z), the action prefix, the cursor.
    static Result<AuditFilter> make_filter(AuditFilter f, std::optional<std::string> const& cursor = std::nullopt);

    // One page, newest first; limit 1..kAuditPageMax.
    Result<AuditPage> list(Actor const& actor, AuditFilter const& filter, int limit);

    // Writes the matching entries oldest first, every column (hashes included, so the range can
    // be re-checked offline), after verifying the whole chain; then records the export itself
    // (action "audit.export"). More than `max_rows` matching entries is an error (0: no limit).
    Result<AuditExportReport> export_csv(Actor const& actor, AuditFilter const& filter, CsvWriter& out,
                                         std::int64_t max_rows = 0);

private:
    db::Database& m_db;
    std::mutex m_indexer_mutex;
    std::condition_variable_any m_indexer_cv;
    std::jthread m_indexer;
};

}  // namespace pilar::access
