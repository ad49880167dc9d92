#include "sync/sync.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <charconv>
#include <exception>
#include <stdexcept>

#include "core/strings.hpp"

namespace pilar::sync {
namespace {

namespace json = boost::json;

// A fresh random value per application of an op (see access/receipt.hpp).
std::string new_attempt() {
    std::array<unsigned char, 16> raw{};
    randombytes_buf(raw.data(), raw.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    return std::string(hex.data(), 32);
}

std::optional<std::int64_t> parse_id(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// Refusals worth remembering: they are about the op itself and will not change on a replay.
bool recorded_refusal(ErrorCode c) {
    return c == ErrorCode::InvalidArgument || c == ErrorCode::PermissionDenied || c == ErrorCode::AlreadyExists;
}

OpResult refused(SyncOp const& op, Error e) {
    return OpResult{.op_id = op.op_id, .status = OpStatus::Ditolak, .error = std::move(e)};
}

}  // namespace

void SyncRegistry::add(std::string jenis, SyncHandler handler) {
    if (m_handlers.contains(jenis)) throw std::logic_error("sync kind registered twice: " + jenis);
    m_handlers.emplace(std::move(jenis), std::move(handler));
}

SyncHandler const* SyncRegistry::find(std::string_view jenis) const {
    auto it = m_handlers.find(jenis);
    return it == m_handlers.end() ? nullptr : &it->second;
}

std::vector<std::string> SyncRegistry::kinds() const {
    std::vector<std::string> out;
    for (auto const& [k, _] : m_handlers) out.push_back(k);
    return out;
}

std::string_view op_status_name(OpStatus s) {
    switch (s) {
        case OpStatus::Diterapkan: return "diterapkan";
        case OpStatus::Sudah: return "sudah";
        case OpStatus::Konflik: return "konflik";
        case OpStatus::Ditolak: return "ditolak";
    }
    return "ditolak";
}

std::string error_to_json(Error const& e) {
    json::object o{{"code", error_code_name(e.code)}, {"id", e.message.id}, {"en", e.message.en}};
    if (!e.field.empty()) o["field"] = e.field;
    return json::serialize(o);
}

Error error_from_json(std::string_view text) {
    Error e(ErrorCode::InvalidArgument, {"Operasi ditolak", "Operation refused"});
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object()) return e;
    auto const& o = v.as_object();
    auto str = [&o](std::string_view k) -> std::string {
        auto const* p = o.if_contains(k);
        return p && p->is_string() ? std::string(p->as_string()) : std::string();
    };
    auto code = str("code");
    for (auto c : {ErrorCode::InvalidArgument, ErrorCode::PermissionDenied, ErrorCode::AlreadyExists, ErrorCode::NotFound,
                   ErrorCode::Conflict, ErrorCode::Unavailable, ErrorCode::Internal, ErrorCode::ResourceExhausted,
                   ErrorCode::Unauthenticated})
        if (error_code_name(c) == code) e.code = c;
    if (auto id = str("id"); !id.empty()) e.message = {id, str("en")};
    e.field = str("field");
    return e;
}

bool valid_op_id(std::string_view s) {
    if (s.size() < 8 || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    return true;
}

OpResult SyncService::from_receipt(Actor const& actor, SyncOp const& op, access::Receipt const& r) {
    // Another account's op_id: say nothing about it (an op_id is not a secret, but the record is).
    if (r.user_id != actor.user_id)
        return refused(op, Error(ErrorCode::AlreadyExists, {"op_id sudah dipakai perangkat lain", "op_id is used by another device"})
                               .at_field("op_id"));
    if (r.status == access::ReceiptStatus::Ditolak) return refused(op, error_from_json(r.hasil_json.value_or("")));
    return OpResult{.op_id = op.op_id, .status = OpStatus::Sudah, .entitas = r.entitas, .id = parse_id(r.entity_id)};
}

OpResult SyncService::apply_one(Actor const& actor, std::string_view perangkat, SyncOp const& op) {
    if (!valid_op_id(op.op_id))
        return refused(op, Error(ErrorCode::InvalidArgument, {"op_id harus 8 sampai 64 huruf, angka atau '-' (UUID)",
                                                              "op_id must be 8 to 64 letters, digits or '-' (a UUID)"})
                               .at_field("op_id"));
    auto lookup = [&]() -> Result<std::optional<access::Receipt>> {
        auto c = PILAR_TRY(m_db.acquire());
        return access::find_receipt(*c, op.op_id);
    };
    auto seen = lookup();
    if (!seen) return refused(op, seen.error());
    if (*seen) return from_receipt(actor, op, **seen);

    auto const* handler = m_registry.find(op.jenis);
    if (!handler)
        // Not recorded: a newer server may know the kind, and the device may be newer than us.
        return refused(op, Error(ErrorCode::InvalidArgument, {fmt::format("Jenis operasi '{}' tidak dikenal", excerpt_for_message(op.jenis)),
                                                              fmt::format("Unknown operation kind '{}'", excerpt_for_message(op.jenis))})
                               .at_field("jenis"));

    Actor as_op = actor;
    as_op.offline_op = OfflineOp{.op_id = op.op_id, .perangkat = std::string(perangkat), .jenis = op.jenis, .attempt = new_attempt()};
    Result<SyncOutcome> out = fail(ErrorCode::Internal, {"Operasi tidak selesai", "Operation did not finish"});
    try {
        if (op.invalid)
            out = fail(*op.invalid);
        else
            out = (*handler)(as_op, op.data, op.version);
    } catch (std::exception const& e) {
        out = fail(ErrorCode::Internal, {fmt::format("Kesalahan internal: {}", e.what()), fmt::format("Internal error: {}", e.what())});
    }

    if (out && !out->conflict) {
        // Applied now only if this application's receipt is there: a handler that wrote nothing
        // found its record already made (a create whose uid was seen, e.g. sent once through
        // the plain REST route) and that is "sudah", not a second "diterapkan".
        bool wrote = false;
        if (!out->already) {
            auto mine = lookup();
            wrote = mine && *mine && (*mine)->attempt == as_op.offline_op->attempt;
        }
        return OpResult{.op_id = op.op_id,
                        .status = wrote ? OpStatus::Diterapkan : OpStatus::Sudah,
                        .entitas = out->entitas,
                        .id = out->id,
                        .data = std::move(out->data)};
    }

    // Failed or stale: maybe because a concurrent application of this same op won the race (its
    // uid is taken, its version bumped, its receipt in place). Its receipt is committed by now,
    // since what we tripped over was committed with it.
    seen = lookup();
    if (!seen) return refused(op, seen.error());
    if (*seen) return from_receipt(actor, op, **seen);

    if (out)
        return OpResult{.op_id = op.op_id, .status = OpStatus::Konflik, .entitas = out->entitas, .id = out->id,
                        .data = std::move(out->data), .error = std::move(out->conflict)};
    Error err = out.error();
    if (err.code == ErrorCode::Conflict && err.field == "version")
        return OpResult{.op_id = op.op_id, .status = OpStatus::Konflik, .error = std::move(err)};
    if (!recorded_refusal(err.code)) return refused(op, std::move(err));

    auto c = m_db.acquire();
    if (!c) return refused(op, std::move(err));
    auto stored = access::write_refused_receipt(**c, as_op, error_to_json(err));
    if (!stored) return refused(op, std::move(err));
    if (stored->attempt != as_op.offline_op->attempt) return from_receipt(actor, op, *stored);
    return refused(op, std::move(err));
}

std::vector<OpResult> SyncService::apply(Actor const& actor, std::string_view perangkat, std::vector<SyncOp> const& ops) {
    std::vector<OpResult> out;
    out.reserve(ops.size());
    auto unavailable = [&](Error const& e) {
        out.clear();
        for (auto const& op : ops) out.push_back(refused(op, Error(ErrorCode::Unavailable, e.message)));
        return out;
    };
    // One write transaction for the request (db::Batch): each op is still its own savepoint, but
    // the batch reaches the disk with one fsync, which is what lets a thousand phones sync at
    // once. Nothing is answered before the commit; if it fails, every op is "try again".
    auto batch = db::Batch::begin(m_db);
    if (!batch) return unavailable(batch.error());
    for (auto const& op : ops) out.push_back(apply_one(actor, perangkat, op));
    if (auto committed = batch->commit(); !committed) return unavailable(committed.error());
    return out;
}

}  // namespace pilar::sync
