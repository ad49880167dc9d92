// Who is acting: the authenticated user (filled by src/access) or the system (CLI, demo
// loader). Every service call that reads or writes someone's data takes an Actor, checks its
// scope and records it in the audit trail. Plain data, no I/O, so every module can use it
// without depending on src/access.
//
//   if (!actor.in_scope(kode)) return not_found();   // existence does not leak
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/wilayah_code.hpp"

namespace pilar {

enum class Role { Psm, Tksk, Operator, Kepala, Admin, System };

std::string_view role_name(Role r);  // "psm", "tksk", "operator", "kepala", "admin", "system"
std::optional<Role> role_from_name(std::string_view name);

// Set by src/sync while it applies one operation a field device queued offline. When present,
// access::append_audit also writes the op's receipt (table sync_op) in the same transaction as the
// change, so a replayed op is recognised and never applied twice (src/access/receipt.hpp).
struct OfflineOp {
    std::string op_id;      // the device's UUID for this op
    std::string perangkat;  // device id ("" when the client sent none)
    std::string jenis;      // "keluarga.buat", ...
    std::string attempt;    // random per application: "this transaction already wrote the receipt"
};

struct Actor {
    std::int64_t user_id = 0;  // 0 for the system
    std::string username;
    Role role = Role::System;
    // Wilayah the actor may see and change: RW(s) for a PSM, a kecamatan for a TKSK, the kota
    // for office roles. Empty only for the system actor, which may do anything.
    std::vector<WilayahCode> scope;
    std::string request_id;
    std::string client_address;
    std::optional<OfflineOp> offline_op;  // only while src/sync applies a queued op

    static Actor system(std::string name) {
        Actor a;
        a.username = std::move(name);
        return a;
    }
    bool is_system() const { return role == Role::System; }
    // True when `kode` lies inside (or is) one of the actor's scope regions.
    bool in_scope(WilayahCode const& kode) const;
    // True when the region overlaps the scope in either direction: a PSM may look at their
    // kelurahan's record (above their RW) but not at a neighbouring RW.
    bool overlaps_scope(WilayahCode const& kode) const;
};

// The one refusal of a write whose body (or query) names a region — a wilayah code — outside the
// actor's scope: 403 (PermissionDenied) at that field, worded alike by every module, e.g.
// "Wilayah 36.72.01.1001 di luar wilayah tugas Anda (kode_wilayah)". Wilayah codes are public
// reference data (Kemendagri), so saying one lies outside the scope tells nothing; a *record* of
// another area (an id in the path or body, an account) answers 404 instead, so its existence is not
// told (docs/formats.md, "API conventions").
Error outside_area(std::string_view field, WilayahCode const& kode);

}  // namespace pilar
