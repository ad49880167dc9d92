#include "core/actor.hpp"

#include <fmt/format.h>

namespace pilar {

std::string_view role_name(Role r) {
    switch (r) {
        case Role::Psm: return "psm";
        case Role::Tksk: return "tksk";
        case Role::Operator: return "operator";
        case Role::Kepala: return "kepala";
        case Role::Admin: return "admin";
        case Role::System: return "system";
    }
    return "system";
}

std::optional<Role> role_from_name(std::string_view n) {
    if (n == "psm") return Role::Psm;
    if (n == "tksk") return Role::Tksk;
    if (n == "operator") return Role::Operator;
    if (n == "kepala") return Role::Kepala;
    if (n == "admin") return Role::Admin;
    return std::nullopt;
}

bool Actor::in_scope(WilayahCode const& kode) const {
    if (is_system()) return true;
    for (auto const& s : scope)
        if (s.contains(kode)) return true;
    return false;
}

bool Actor::overlaps_scope(WilayahCode const& kode) const {
    if (is_system()) return true;
    for (auto const& s : scope)
        if (s.contains(kode) || kode.contains(s)) return true;
    return false;
}

Error outside_area(std::string_view field, WilayahCode const& kode) {
    return Error(ErrorCode::PermissionDenied,
                 {fmt::format("Wilayah {} di luar wilayah tugas Anda ({})", kode.dotted(), field),
                  fmt::format("Region {} is outside your area ({})", kode.dotted(), field)})
        .at_field(std::string(field));
}

}  // namespace pilar
