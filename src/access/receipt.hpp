// Receipts of offline operations (table sync_op, migration 0006): what makes POST /api/v1/sync
// exactly-once. A receipt says "op X of user U was applied to record E" or "was refused with
// error R"; a replay of X is answered from it instead of being applied again.
//
//   // inside the service's write transaction, via append_audit when actor.offline_op is set:
//   PILAR_TRY(access::write_applied_receipt(c, actor, event));   // same commit as the change
//   // before applying, and after any failure:
//   auto r = PILAR_TRY(access::find_receipt(c, op_id));           // nullopt: never seen
//
// Why the audit appender writes it: every write in Pilar goes through a service's own
// TxMode::Write transaction and ends in access::append_audit on that connection. Writing the
// receipt there puts it in the same transaction as the change without the sync layer having to
// reach into any module's transaction. The first audit event of the op names the record it
// made or changed (the services audit the record itself first), which is what the receipt keeps.
//
// Same transaction or another one? A service may append several audit entries for one op; the
// second must not fail on the receipt the first wrote. The receipt carries `attempt`, a random
// value the sync layer draws for each application: an existing receipt with our attempt was
// written by this very transaction (uncommitted rows are visible only to it); one with another
// attempt was committed by an earlier or concurrent application, and the insert answers
// Conflict (field "op_id") so the whole transaction, change included, rolls back. The client's
// X-Request-Id cannot stand in for `attempt`: clients choose it.
//
// A handler must therefore make no audited write under the op's actor in a transaction of its
// own before the real change (it would commit the receipt early); reads that audit (unmasking)
// are not made by sync handlers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "access/model.hpp"
#include "core/actor.hpp"
#include "db/database.hpp"

namespace pilar::access {

enum class ReceiptStatus { Diterapkan, Ditolak };

struct Receipt {
    std::string op_id;
    std::int64_t user_id = 0;
    std::string perangkat, jenis;
    ReceiptStatus status = ReceiptStatus::Diterapkan;
    std::string entitas, entity_id;
    std::optional<std::string> hasil_json;  // refused: the error as JSON
    std::string attempt, at;
};

// Called by append_audit when actor.offline_op is set; see above. Precondition: `c` holds a
// TxMode::Write transaction.
Result<void> write_applied_receipt(db::Connection& c, Actor const& actor, AuditEvent const& e);

Result<std::optional<Receipt>> find_receipt(db::Connection& c, std::string_view op_id);

// Records a refusal in its own write transaction. When a receipt for the op exists already (a
// concurrent application won the race), nothing is written and that receipt is returned.
Result<Receipt> write_refused_receipt(db::Connection& c, Actor const& actor, std::string error_json);

}  // namespace pilar::access
