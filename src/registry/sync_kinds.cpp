#include "registry/sync_kinds.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "core/strings.hpp"
#include "registry/json.hpp"
#include "registry/json_input.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;
using sync::SyncOutcome;

Error bad(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

Result<std::string> required_uid(json::object const& data) {
    auto const* v = data.if_contains("uid");
    if (!v || !v->is_string() || v->as_string().empty())
        return fail(bad("uid", {"uid wajib diisi (id rekaman dari perangkat)", "uid is required (the record's id from the device)"}));
    return std::string(v->as_string());
}

std::optional<std::int64_t> int_of(json::object const& data, std::string_view key) {
    auto const* v = data.if_contains(key);
    if (v && v->is_int64()) return v->as_int64();
    if (v && v->is_uint64() && v->as_uint64() < (1ULL << 62)) return static_cast<std::int64_t>(v->as_uint64());
    return std::nullopt;
}

std::optional<std::string> string_of(json::object const& data, std::string_view key) {
    auto const* v = data.if_contains(key);
    if (v && v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
    return std::nullopt;
}

// Reads never write the op's receipt: strip the op from the actor (access/receipt.hpp).
Actor plain(Actor const& a) {
    Actor p = a;
    p.offline_op.reset();
    return p;
}

// The record an update names: by server id, or by the uid the device gave it when it made it.
template <typename ById, typename ByUid>
Result<std::int64_t> target_id(Actor const& actor, json::object const& data, ById&& by_id, ByUid&& by_uid) {
    if (auto id = int_of(data, "id")) return PILAR_TRY(by_id(plain(actor), *id)).id;
    if (auto uid = string_of(data, "uid")) return PILAR_TRY(by_uid(plain(actor), *uid)).id;
    return fail(bad("id", {"id atau uid rekaman wajib diisi", "the record's id or uid is required"}));
}

template <typename T>
SyncOutcome outcome(std::string entitas, T const& rec) {
    return SyncOutcome{.entitas = std::move(entitas), .id = rec.id, .data = encode(rec)};
}

// A stale version becomes "konflik" with the record as it is now.
template <typename T, typename Reload>
Result<SyncOutcome> updated(std::string entitas, Result<T> r, Reload&& reload) {
    if (r) return outcome(std::move(entitas), *r);
    if (r.error().code != ErrorCode::Conflict || r.error().field != "version") return fail(r.error());
    auto current = PILAR_TRY(reload());
    auto out = outcome(std::move(entitas), current);
    out.conflict = r.error();
    return out;
}

Result<std::int64_t> required_version(std::optional<std::int64_t> version) {
    if (!version)
        return fail(bad("version", {"version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"}));
    return *version;
}

}  // namespace

void register_sync_kinds(sync::SyncRegistry& kinds, RegistryService& svc) {
    kinds.add("keluarga.buat", [&svc](Actor const& actor, json::object const& data, std::optional<std::int64_t>) -> Result<SyncOutcome> {
        auto uid = PILAR_TRY(required_uid(data));
        auto rec = PILAR_TRY(record_of<KCol>(data, keluarga_columns(), {"uid"}));
        return outcome("keluarga", PILAR_TRY(svc.create_keluarga(actor, std::move(rec), uid)));
    });

    kinds.add("keluarga.ubah", [&svc](Actor const& actor, json::object const& data, std::optional<std::int64_t> version) -> Result<SyncOutcome> {
        auto v = PILAR_TRY(required_version(version));
        auto id = PILAR_TRY(target_id(actor, data, [&](Actor const& a, std::int64_t i) { return svc.keluarga(a, i); },
                                      [&](Actor const& a, std::string const& u) { return svc.keluarga_by_uid(a, u); }));
        auto changes = PILAR_TRY(changes_of(data, {"id", "uid", "alasan"}));
        return updated("keluarga", svc.update_keluarga(actor, id, changes, v, string_of(data, "alasan").value_or("")),
                       [&] { return svc.keluarga(plain(actor), id); });
    });

    kinds.add("anggota.buat", [&svc](Actor const& actor, json::object const& data, std::optional<std::int64_t>) -> Result<SyncOutcome> {
        auto uid = PILAR_TRY(required_uid(data));
        std::int64_t keluarga_id = 0;
        if (auto id = int_of(data, "keluarga_id")) {
            keluarga_id = *id;
        } else if (auto kuid = string_of(data, "keluarga_uid")) {
            // Made offline in the same queue: known here only by its uid. Missing means its op was
            // refused or has not arrived; not_found is not recorded, so a re-send applies later.
            auto k = svc.keluarga_by_uid(plain(actor), *kuid);
            if (!k) return fail(Error(k.error()).at_field("keluarga_uid"));
            keluarga_id = k->id;
        } else {
            return fail(bad("keluarga_id", {"keluarga_id atau keluarga_uid wajib diisi", "keluarga_id or keluarga_uid is required"}));
        }
        auto rec = PILAR_TRY(record_of<ACol>(data, anggota_columns(), {"uid", "keluarga_id", "keluarga_uid"}));
        return outcome("anggota", PILAR_TRY(svc.create_anggota(actor, keluarga_id, std::move(rec), uid)));
    });

    kinds.add("anggota.ubah", [&svc](Actor const& actor, json::object const& data, std::optional<std::int64_t> version) -> Result<SyncOutcome> {
        auto v = PILAR_TRY(required_version(version));
        auto id = PILAR_TRY(target_id(actor, data, [&](Actor const& a, std::int64_t i) { return svc.anggota(a, i); },
                                      [&](Actor const& a, std::string const& u) { return svc.anggota_by_uid(a, u); }));
        auto changes = PILAR_TRY(changes_of(data, {"id", "uid", "alasan"}));
        return updated("anggota", svc.update_anggota(actor, id, changes, v, string_of(data, "alasan").value_or("")),
                       [&] { return svc.anggota(plain(actor), id); });
    });
}

}  // namespace pilar::registry
