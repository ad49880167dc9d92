#include "access/policy.hpp"

#include <array>

namespace pilar::access {
namespace {

using M = http::Method;

constexpr std::array kRules = {
    // system
    Rule{M::Get, "/healthz", kPublic},
    Rule{M::Get, "/metrics", kPublic},
    Rule{M::Get, "/api/openapi.json", kPublic},
    // sessions
    Rule{M::Post, "/api/v1/auth/login", kPublic},
    Rule{M::Post, "/api/v1/auth/logout", kAnyUser},
    Rule{M::Get, "/api/v1/auth/me", kAnyUser},
    Rule{M::Post, "/api/v1/auth/password", kAnyUser},
    // users (admin)
    Rule{M::Get, "/api/v1/users", kAdmin},
    Rule{M::Post, "/api/v1/users", kAdmin},
    Rule{M::Get, "/api/v1/users/{username}", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/disable", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/enable", kAdmin},
    Rule{M::Post, "/api/v1/users/{username}/reset-password", kAdmin},
    // audit trail (admin): browse, verify the hash chain, export for an inspector
    Rule{M::Get, "/api/v1/audit", kAdmin},
    Rule{M::Get, "/api/v1/audit/verify", kAdmin},
    Rule{M::Get, "/api/v1/audit/export", kAdmin},
    // wilayah: everyone reads reference data; the admin manages RW/RT
    Rule{M::Get, "/api/v1/wilayah", kAnyUser},
    Rule{M::Get, "/api/v1/wilayah/{kode}", kAnyUser},
    Rule{M::Get, "/api/v1/wilayah/{kode}/children", kAnyUser},
    Rule{M::Post, "/api/v1/wilayah/{kode}/children", kAdmin},
    Rule{M::Patch, "/api/v1/wilayah/{kode}", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/{kode}/retire", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/{kode}/reactivate", kAdmin},
    Rule{M::Post, "/api/v1/wilayah/import", kAdmin},
};

}  // namespace

std::span<Rule const> access_rules() { return kRules; }

std::optional<RoleSet> rule_for(http::Method method, std::string_view pattern) {
    for (auto const& r : kRules)
        if (r.method == method && r.pattern == pattern) return r.roles;
    return std::nullopt;
}

}  // namespace pilar::access
