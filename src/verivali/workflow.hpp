// The proposal (usulan) workflow as one table: every legal move (from -> to), which roles may
// make it, what it requires, and its audit action. Everything else — the service, the API, the
// queues, the tests — reads this table, so the order of the workflow is stated exactly once.
//
//   draft -> diajukan -> ditinjau -> diverifikasi -> dimusyawarahkan -> disetujui -> diekspor
//                 \-> dikembalikan -/                                  \-> ditolak     |
//   (draft, dikembalikan) -> dibatalkan          diekspor -> diterima | padan | tidak_padan
//
//   auto t = find_transition(Status::Diajukan, Status::Ditinjau);   // nullptr: illegal move
//   if (t && role_allowed(*t, Role::Tksk)) ...
#pragma once

#include <span>
#include <string_view>

#include "core/actor.hpp"
#include "verivali/model.hpp"

namespace pilar::verivali {

using RoleMask = unsigned;
constexpr RoleMask role_mask(Role r) { return 1u << static_cast<unsigned>(r); }

// What a transition requires besides the state and the role (bit flags).
enum Requirement : unsigned {
    kNeedsNothing = 0,
    kNeedsCatatan = 1u << 0,      // a note (returning, rejecting)
    kNeedsHasilPeriksa = 1u << 1, // the ground-check result code 1..6
    kNeedsGps = 1u << 2,          // lat/lon of the visit
    kNeedsMusyawarah = 1u << 3,   // the musyawarah batch (only made through POST /musyawarah)
    kOnlyCreator = 1u << 4,       // only the user who created the proposal
};

struct Transition {
    Status from;
    Status to;
    RoleMask roles;
    unsigned needs;
    std::string_view action;  // audit action, "usulan.ajukan"
};

std::span<Transition const> transitions();
// The legal move from -> to, or nullptr.
Transition const* find_transition(Status from, Status to);
inline bool role_allowed(Transition const& t, Role r) { return (t.roles & role_mask(r)) != 0; }
// States with no move out of them.
bool is_final(Status s);
// The states whose proposals wait for this role (its work queue); empty for read-only roles.
std::span<Status const> queue_of(Role r);

}  // namespace pilar::verivali
