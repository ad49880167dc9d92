// SQL for the audit trail (audit_log). Appends and reads; the updates are the redaction of a
// payload on erasure and its partial redaction by a clean-up (redact, rewrite_payload, below), which the v2 chain is built to survive. Nothing deletes an
// audit row. The chain logic (seq, hashes) lives in audit.cpp.
#pragma once

#include <functional>

#include "access/model.hpp"
#include "db/database.hpp"

namespace pilar::access::audit_store {

struct Link {
    std::int64_t seq = 0;
    std::string hash;
};

// The newest row's seq and hash; nullopt while the log is empty.
Result<std::optional<Link>> last_link(db::Connection& c);

// A new row, borrowed from the appender: nothing is copied on its way to the statement.
struct NewRow {
    std::int64_t seq = 0;
    std::string_view at;
    std::int64_t actor_user_id = 0;
    std::string_view actor_username, actor_role, client_address, request_id, action, entity, entity_id;
    std::optional<std::string_view> before_json, after_json;
    std::string_view detail, prev_hash, hash, payload_hash;
};
Result<void> insert(db::Connection& c, NewRow const& r);
// The area of a console entry (migration 0022), in the entry's transaction.
Result<void> insert_area(db::Connection& c, std::int64_t seq, std::string_view kode);

enum class Order { OldestFirst, NewestFirst };
// Calls `fn` for each row matching `f` in seq order, up to `limit` rows (0: all); `fn` returns
// false to stop early. Rows stream from the database: memory does not grow with the log.
Result<void> scan(db::Connection& c, AuditFilter const& f, Order order, std::int64_t limit,
                  std::function<Result<bool>(AuditEntry const&)> const& fn);

// Entries up to this seq are in the look-up tables audit_by_actor / audit_by_entity (migration
// 0012); scan() and unredacted_seqs() read newer ones from audit_log directly.
Result<std::int64_t> indexed_seq(db::Connection& c);
// Adds up to `max_rows` entries past indexed_seq() to the look-up tables and moves the mark;
// returns how many. The caller holds a write transaction.
Result<std::int64_t> index_catch_up(db::Connection& c, std::int64_t max_rows);

// Entries about one record, seq <= up_to, whose payload is still there (cleaned or not).
Result<std::vector<std::int64_t>> unredacted_seqs(db::Connection& c, std::string_view entity, std::string_view entity_id,
                                                  std::int64_t up_to);
// Replaces the payload of entry `seq` by the marker (before/after NULL, detail = marker) and
// records the redaction entry's seq.
Result<void> redact(db::Connection& c, std::int64_t seq, std::string_view marker, std::int64_t redacted_by);
// Replaces the payload of entry `seq` by its cleaned version (a partial redaction) and records the
// audit.bersihkan entry's seq.
Result<void> rewrite_payload(db::Connection& c, std::int64_t seq, std::optional<std::string_view> before_json,
                             std::optional<std::string_view> after_json, std::string_view detail,
                             std::int64_t redacted_by);

}  // namespace pilar::access::audit_store
