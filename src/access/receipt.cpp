#include "access/receipt.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace pilar::access {
namespace {

constexpr std::string_view kColumns = "op_id, user_id, perangkat, jenis, status, entitas, entity_id, hasil_json, attempt, at";

std::string_view status_name(ReceiptStatus s) { return s == ReceiptStatus::Ditolak ? "ditolak" : "diterapkan"; }

// INSERT unless the op_id is there already; true when this call inserted it.
Result<bool> insert_new(db::Connection& c, Receipt const& r) {
    auto n = PILAR_TRY(c.execute("INSERT INTO sync_op (" + std::string(kColumns) +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING",
                                 r.op_id, r.user_id, r.perangkat, r.jenis, status_name(r.status), r.entitas,
                                 r.entity_id, r.hasil_json, r.attempt, r.at));
    return n == 1;
}

Receipt receipt_for(Actor const& actor, ReceiptStatus status) {
    auto const& op = *actor.offline_op;
    return Receipt{.op_id = op.op_id,
                   .user_id = actor.user_id,
                   .perangkat = op.perangkat,
                   .jenis = op.jenis,
                   .status = status,
                   .attempt = op.attempt,
                   .at = utc_now_iso()};
}

}  // namespace

Result<void> write_applied_receipt(db::Connection& c, Actor const& actor, AuditEvent const& e) {
    if (!actor.offline_op) return {};
    if (!c.in_transaction())
        return fail(ErrorCode::Internal, {"Tanda terima sinkron ditulis di luar transaksi", "Sync receipt written outside a transaction"});
    auto r = receipt_for(actor, ReceiptStatus::Diterapkan);
    r.entitas = e.entity;
    r.entity_id = e.entity_id;
    if (PILAR_TRY(insert_new(c, r))) return {};
    auto existing = PILAR_TRY(find_receipt(c, r.op_id));
    if (existing && existing->attempt == r.attempt) return {};  // this transaction's own receipt
    return fail(Error(ErrorCode::Conflict, {fmt::format("Operasi {} sudah diproses sebelumnya", r.op_id),
                                            fmt::format("Operation {} was processed before", r.op_id)})
                    .at_field("op_id"));
}

Result<std::optional<Receipt>> find_receipt(db::Connection& c, std::string_view op_id) {
    auto s = PILAR_TRY(c.prepare("SELECT " + std::string(kColumns) + " FROM sync_op WHERE op_id = ?"));
    PILAR_TRY(s.bind_all(op_id));
    if (!PILAR_TRY(s.step())) return std::optional<Receipt>{};
    Receipt r;
    r.op_id = s.string(0);
    r.user_id = s.integer(1);
    r.perangkat = s.string(2);
    r.jenis = s.string(3);
    r.status = s.text(4) == "ditolak" ? ReceiptStatus::Ditolak : ReceiptStatus::Diterapkan;
    r.entitas = s.string(5);
    r.entity_id = s.string(6);
    r.hasil_json = s.opt_string(7);
    r.attempt = s.string(8);
    r.at = s.string(9);
    return std::optional<Receipt>(std::move(r));
}

Result<Receipt> write_refused_receipt(db::Connection& c, Actor const& actor, std::string error_json) {
    if (!actor.offline_op) return fail(ErrorCode::Internal, {"Bukan operasi luring", "Not an offline operation"});
    auto r = receipt_for(actor, ReceiptStatus::Ditolak);
    r.hasil_json = std::move(error_json);
    auto tx = PILAR_TRY(c.begin(db::TxMode::Write));
    if (PILAR_TRY(insert_new(c, r))) {
        PILAR_TRY(tx.commit());
        return r;
    }
    auto existing = PILAR_TRY(find_receipt(c, r.op_id));
    PILAR_TRY(tx.commit());
    if (!existing) return fail(ErrorCode::Internal, {"Tanda terima sinkron hilang", "Sync receipt vanished"});
    return *existing;
}

}  // namespace pilar::access
