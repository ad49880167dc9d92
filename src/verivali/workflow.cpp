#include "verivali/workflow.hpp"

#include <array>

namespace pilar::verivali {
namespace {

using S = Status;
constexpr RoleMask kPsm = role_mask(Role::Psm);
constexpr RoleMask kTksk = role_mask(Role::Tksk);
constexpr RoleMask kOperator = role_mask(Role::Operator);

// The whole workflow. A PSM proposes (an operator may too, for walk-in citizens); the TKSK of
// the kecamatan forwards or returns; a PSM (or operator) records the ground check; the TKSK or
// operator puts verified proposals of one kelurahan into a musyawarah batch; the operator
// decides, exports and records the national result. Cancelling is for the proposal's author
// while it is still theirs to edit.
constexpr std::array kTransitions = {
    Transition{S::Draft, S::Diajukan, kPsm | kOperator, kNeedsNothing, "usulan.ajukan"},
    Transition{S::Draft, S::Dibatalkan, kPsm | kOperator, kOnlyCreator, "usulan.batalkan"},
    Transition{S::Diajukan, S::Ditinjau, kTksk, kNeedsNothing, "usulan.teruskan"},
    Transition{S::Diajukan, S::Dikembalikan, kTksk, kNeedsCatatan, "usulan.kembalikan"},
    Transition{S::Dikembalikan, S::Diajukan, kPsm | kOperator, kNeedsNothing, "usulan.ajukan"},
    Transition{S::Dikembalikan, S::Dibatalkan, kPsm | kOperator, kOnlyCreator, "usulan.batalkan"},
    Transition{S::Ditinjau, S::Diverifikasi, kPsm | kOperator, kNeedsHasilPeriksa | kNeedsGps, "usulan.verifikasi"},
    Transition{S::Diverifikasi, S::Dimusyawarahkan, kTksk | kOperator, kNeedsMusyawarah, "usulan.musyawarah"},
    Transition{S::Dimusyawarahkan, S::Disetujui, kOperator, kNeedsNothing, "usulan.setujui"},
    Transition{S::Dimusyawarahkan, S::Ditolak, kOperator, kNeedsCatatan, "usulan.tolak"},
    Transition{S::Disetujui, S::Diekspor, kOperator, kNeedsNothing, "usulan.ekspor"},
    Transition{S::Diekspor, S::Diterima, kOperator, kNeedsNothing, "usulan.hasil_nasional"},
    Transition{S::Diekspor, S::Padan, kOperator, kNeedsNothing, "usulan.hasil_nasional"},
    Transition{S::Diekspor, S::TidakPadan, kOperator, kNeedsNothing, "usulan.hasil_nasional"},
};

// What waits for each role. A PSM's own drafts, returned proposals and those forwarded for a
// ground check; the TKSK's submissions to review and verified ones to bring to a musyawarah;
// the operator's batches to deliberate, decisions, exports and national results to record.
constexpr std::array kQueuePsm = {S::Draft, S::Dikembalikan, S::Ditinjau};
constexpr std::array kQueueTksk = {S::Diajukan, S::Diverifikasi};
constexpr std::array kQueueOperator = {S::Diverifikasi, S::Dimusyawarahkan, S::Disetujui, S::Diekspor};

}  // namespace

std::span<Transition const> transitions() { return kTransitions; }

Transition const* find_transition(Status from, Status to) {
    for (auto const& t : kTransitions)
        if (t.from == from && t.to == to) return &t;
    return nullptr;
}

bool is_final(Status s) {
    for (auto const& t : kTransitions)
        if (t.from == s) return false;
    return true;
}

std::span<Status const> queue_of(Role r) {
    switch (r) {
        case Role::Psm: return kQueuePsm;
        case Role::Tksk: return kQueueTksk;
        case Role::Operator: return kQueueOperator;
        default: return {};
    }
}

}  // namespace pilar::verivali
