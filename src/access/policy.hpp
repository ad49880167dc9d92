// The one declarative table of who may call what: (method, route pattern) -> roles. The router
// middleware enforces it, `pilar access matrix` prints it, and a test fails when a route exists
// without a row here (a new route is closed until someone decides who may use it).
//
// This is the coarse gate. Scope (which RW, which kecamatan) is checked again in every service,
// because a route a PSM may call still only shows them their own RW.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/actor.hpp"
#include "http/request.hpp"

namespace pilar::access {

using RoleSet = unsigned;
constexpr RoleSet role_bit(Role r) { return 1u << static_cast<unsigned>(r); }
constexpr RoleSet kPublic = 0;  // no login needed
constexpr RoleSet kAnyUser = role_bit(Role::Psm) | role_bit(Role::Tksk) | role_bit(Role::Operator) |
                             role_bit(Role::Kepala) | role_bit(Role::Admin);
constexpr RoleSet kAdmin = role_bit(Role::Admin);
// People's data: the field workers and the office read (each within scope); kepala reads too.
constexpr RoleSet kRegistryReaders =
    role_bit(Role::Psm) | role_bit(Role::Tksk) | role_bit(Role::Operator) | role_bit(Role::Kepala);
constexpr RoleSet kRegistryWriters = role_bit(Role::Psm) | role_bit(Role::Tksk) | role_bit(Role::Operator);
constexpr RoleSet kOffice = role_bit(Role::Operator) | role_bit(Role::Kepala) | role_bit(Role::Admin);

struct Rule {
    http::Method method;
    std::string_view pattern;
    RoleSet roles;
};

std::span<Rule const> access_rules();
std::optional<RoleSet> rule_for(http::Method method, std::string_view pattern);
inline bool allows(RoleSet set, Role r) { return (set & role_bit(r)) != 0; }

}  // namespace pilar::access
