// Offline sync: applies the operations (ops) a field device queued while it had no signal,
// exactly once each, and answers each op's fate. POST /api/v1/sync (sync/api.cpp) is its one
// door. This module knows no capability: modules register a handler per op kind ("jenis") in the
// composition root, and later capabilities (case visits, aid handovers) add kinds the same way.
//
//   SyncRegistry kinds;
//   kinds.add("keluarga.buat", [&reg](Actor const& a, json::object const& data, std::optional<std::int64_t>)
//                                  -> Result<SyncOutcome> { ... reg.create_keluarga(a, rec, uid) ... });
//   SyncService sync(db, kinds);
//   auto results = sync.apply(actor, "hp-siti-01", ops);   // one OpResult per op, same order
//
// Exactly once. Each op carries a device-made op_id (a UUID). Before applying, the op_id is
// looked up in sync_op (migration 0006): a receipt there means it was seen, and the stored answer
// is given again ("sudah" for an applied op, the same refusal for a refused one); nothing is
// applied twice. Otherwise the handler runs under a copy of the actor that carries the op
// (Actor::offline_op). The handler calls a module's service, which opens its own write
// transaction and calls access::append_audit inside it; append_audit then also inserts the op's
// receipt into that transaction (access/receipt.hpp). So the change, its audit entry and its
// receipt commit together or not at all:
//   - a crash before the commit leaves nothing: the replay applies the op (once);
//   - a crash after the commit leaves the receipt: the replay answers "sudah";
//   - two concurrent applications of one op (a device retrying while its first request is still
//     running): SQLite serialises the write transactions; the later one either fails inside its
//     service (the record's uid is taken, the version is stale) or on the receipt's primary key
//     (Conflict, rolling its transaction back). Either way it then finds the winner's receipt and
//     answers "sudah". No op is ever answered "diterapkan" twice.
// The receipt keeps the entity and id of the op's first audit event (the record the op made or
// changed), not the full record: a replay answers entitas + id, and the device already holds the
// data. So there is one write per op, not two.
//
// Fates (OpStatus):
//   diterapkan  applied now; entitas, id and the record as stored.
//   sudah       applied before (a replay), or the handler wrote nothing because the record with
//               this uid was already there (no receipt of this application exists).
//   konflik     the op edits a record someone changed meanwhile (stale version): nothing is
//               applied, the current record comes back in `data` for the user to resolve. Not
//               recorded: the device resolves it with a NEW op (keep mine = an update with the
//               server's version; take theirs = drop the op).
//   ditolak     refused, with the error. Recorded when the refusal is about the op itself
//               (invalid_argument, permission_denied, already_exists), so a replay answers the
//               same. NOT recorded when it may pass later: not_found (e.g. a member whose household
//               op was refused or has not arrived), a conflict of state, and the retryable codes
//               unavailable / resource_exhausted / internal, which the device simply retries.
//
// Order and dependencies: ops are applied in the order sent, each on its own; a failed op does
// not stop the ones after it. Dependencies are by client uid, not by position: a member refers to
// its household by `keluarga_uid`, and when that household is not on the server (its op was
// refused) the member is refused with not_found at field keluarga_uid, unrecorded, so it applies
// when the device re-sends it after the household is fixed.
//
// One commit per request: apply() runs the ops in a db::Batch — each op's service transaction is
// a savepoint of one write transaction, committed (one fsync) before the answer is sent. A
// failed op rolls back only its savepoint. A later op sees what an earlier op of the same request
// made (a member finds its household by uid). If the commit fails, every op is answered
// "ditolak"/unavailable and the device sends the batch again: nothing was applied.
//
// Limits: at most kMaxOpsPerRequest ops and kMaxRequestBytes per request (the device batches).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/receipt.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"
#include "db/database.hpp"

namespace pilar::sync {

inline constexpr std::size_t kMaxOpsPerRequest = 100;
inline constexpr std::size_t kMaxRequestBytes = 1024 * 1024;

// What a handler reports for an op it handled.
struct SyncOutcome {
    std::string entitas;  // "keluarga", "anggota", "usulan", "periksa", "lampiran" ...
    std::int64_t id = 0;
    boost::json::object data;  // the record as stored (konflik: as it is now)
    // The record was already there (its uid was seen before), nothing was written: "sudah".
    bool already = false;
    // Set for a stale version: nothing was written; `data` holds the current record.
    std::optional<Error> conflict;
};

// `version`: the version of the record the user edited (updates); absent for creations.
using SyncHandler = std::function<Result<SyncOutcome>(Actor const& actor, boost::json::object const& data,
                                                      std::optional<std::int64_t> version)>;

// The op kinds the server knows, filled by the composition root (src/cli/wiring.cpp) from each
// module's register_sync_handlers(). Not thread-safe to add to; read-only once serving.
class SyncRegistry {
public:
    // A kind registered twice is a programming error (throws std::logic_error at start-up).
    void add(std::string jenis, SyncHandler handler);
    SyncHandler const* find(std::string_view jenis) const;
    std::vector<std::string> kinds() const;

private:
    std::map<std::string, SyncHandler, std::less<>> m_handlers;
};

struct SyncOp {
    std::string op_id;
    std::string jenis;
    boost::json::object data;
    std::optional<std::int64_t> version;
    // Bad input found while decoding (a full NIK/No. KK in the op's free text): the op is refused
    // and recorded with it as if its handler had refused it; the other ops go on.
    std::optional<Error> invalid;
};

enum class OpStatus { Diterapkan, Sudah, Konflik, Ditolak };
std::string_view op_status_name(OpStatus s);  // "diterapkan", "sudah", "konflik", "ditolak"

struct OpResult {
    std::string op_id;
    OpStatus status = OpStatus::Ditolak;
    std::string entitas;
    std::optional<std::int64_t> id;
    std::optional<boost::json::object> data;
    std::optional<Error> error;
};

// An error as stored in a refusal's receipt ({code, field, id, en}) and back.
std::string error_to_json(Error const& e);
Error error_from_json(std::string_view text);

class SyncService {
public:
    SyncService(db::Database& db, SyncRegistry const& registry) : m_db(db), m_registry(registry) {}

    // Applies `ops` in order for `actor` coming from device `perangkat`. Never fails as a whole:
    // each op's failure is in its OpResult (a database that cannot be reached gives every op
    // "ditolak" with code unavailable, which the device retries).
    std::vector<OpResult> apply(Actor const& actor, std::string_view perangkat, std::vector<SyncOp> const& ops);

    // One op (exposed for tests).
    OpResult apply_one(Actor const& actor, std::string_view perangkat, SyncOp const& op);

private:
    // The answer a stored receipt gives to a replay.
    static OpResult from_receipt(Actor const& actor, SyncOp const& op, access::Receipt const& r);

    db::Database& m_db;
    SyncRegistry const& m_registry;
};

// 8..64 characters of [A-Za-z0-9-]: a UUID from crypto.randomUUID() fits.
bool valid_op_id(std::string_view s);

}  // namespace pilar::sync
