// The workflow table is the specification: these tests restate it independently (the issue's
// order of states and who moves them) and check every (from, to) pair against it.
#include "verivali/workflow.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace pilar::verivali {
namespace {

using S = Status;

struct Expected {
    S from, to;
    std::set<Role> roles;
};

// Restated from the issue, not copied from workflow.cpp.
std::vector<Expected> const& expected() {
    static std::vector<Expected> const e = {
        {S::Draft, S::Diajukan, {Role::Psm, Role::Operator}},
        {S::Draft, S::Dibatalkan, {Role::Psm, Role::Operator}},
        {S::Diajukan, S::Ditinjau, {Role::Tksk}},
        {S::Diajukan, S::Dikembalikan, {Role::Tksk}},
        {S::Dikembalikan, S::Diajukan, {Role::Psm, Role::Operator}},
        {S::Dikembalikan, S::Dibatalkan, {Role::Psm, Role::Operator}},
        {S::Ditinjau, S::Diverifikasi, {Role::Psm, Role::Operator}},
        {S::Diverifikasi, S::Dimusyawarahkan, {Role::Tksk, Role::Operator}},
        {S::Dimusyawarahkan, S::Disetujui, {Role::Operator}},
        {S::Dimusyawarahkan, S::Ditolak, {Role::Operator}},
        {S::Disetujui, S::Diekspor, {Role::Operator}},
        {S::Diekspor, S::Diterima, {Role::Operator}},
        {S::Diekspor, S::Padan, {Role::Operator}},
        {S::Diekspor, S::TidakPadan, {Role::Operator}},
    };
    return e;
}

constexpr Role kRoles[] = {Role::Psm, Role::Tksk, Role::Operator, Role::Kepala, Role::Admin};

TEST(Workflow, EveryPairIsLegalExactlyWhenTheIssueSaysSo) {
    int legal = 0;
    for (int f = 0; f < kStatusCount; ++f)
        for (int t = 0; t < kStatusCount; ++t) {
            auto from = static_cast<S>(f), to = static_cast<S>(t);
            Expected const* want = nullptr;
            for (auto const& e : expected())
                if (e.from == from && e.to == to) want = &e;
            auto const* got = find_transition(from, to);
            ASSERT_EQ(got != nullptr, want != nullptr) << status_name(from) << " -> " << status_name(to);
            if (!got) continue;
            ++legal;
            for (auto r : kRoles)
                EXPECT_EQ(role_allowed(*got, r), want->roles.contains(r))
                    << status_name(from) << " -> " << status_name(to) << " as " << role_name(r);
        }
    EXPECT_EQ(legal, static_cast<int>(expected().size()));
    EXPECT_EQ(transitions().size(), expected().size());
}

TEST(Workflow, RequirementsOfTheMovesThatNeedMore) {
    EXPECT_TRUE(find_transition(S::Diajukan, S::Dikembalikan)->needs & kNeedsCatatan);
    EXPECT_TRUE(find_transition(S::Dimusyawarahkan, S::Ditolak)->needs & kNeedsCatatan);
    EXPECT_FALSE(find_transition(S::Dimusyawarahkan, S::Disetujui)->needs & kNeedsCatatan);
    auto const* v = find_transition(S::Ditinjau, S::Diverifikasi);
    EXPECT_TRUE(v->needs & kNeedsHasilPeriksa);
    EXPECT_TRUE(v->needs & kNeedsGps);
    EXPECT_TRUE(find_transition(S::Diverifikasi, S::Dimusyawarahkan)->needs & kNeedsMusyawarah);
    EXPECT_TRUE(find_transition(S::Draft, S::Dibatalkan)->needs & kOnlyCreator);
    EXPECT_TRUE(find_transition(S::Dikembalikan, S::Dibatalkan)->needs & kOnlyCreator);
}

TEST(Workflow, FinalStatesAndEveryOtherStateHasAWayOut) {
    std::set<S> finals = {S::Ditolak, S::Diterima, S::Padan, S::TidakPadan, S::Dibatalkan};
    for (int i = 0; i < kStatusCount; ++i) {
        auto s = static_cast<S>(i);
        EXPECT_EQ(is_final(s), finals.contains(s)) << status_name(s);
    }
}

TEST(Workflow, QueuesHoldOnlyStatesTheRoleCanMoveOn) {
    for (auto r : {Role::Psm, Role::Tksk, Role::Operator}) {
        EXPECT_FALSE(queue_of(r).empty());
        for (auto s : queue_of(r)) {
            bool can_move = false;
            for (auto const& t : transitions())
                if (t.from == s && role_allowed(t, r)) can_move = true;
            EXPECT_TRUE(can_move) << role_name(r) << " queue has " << status_name(s);
        }
    }
    EXPECT_TRUE(queue_of(Role::Kepala).empty());
    EXPECT_TRUE(queue_of(Role::Admin).empty());
}

TEST(Workflow, NamesRoundTrip) {
    for (int i = 0; i < kStatusCount; ++i) {
        auto s = static_cast<S>(i);
        EXPECT_EQ(status_from_name(status_name(s)), s);
    }
    EXPECT_EQ(status_name(S::TidakPadan), "tidak_padan");
    EXPECT_FALSE(status_from_name("Draft"));
    EXPECT_EQ(jenis_from_name("keluarga_baru"), Jenis::KeluargaBaru);
    EXPECT_FALSE(jenis_from_name("baru"));
    EXPECT_EQ(hasil_periksa_name(4), "bagian_ruta_lain");
    EXPECT_EQ(hasil_periksa_name(7), "");
}

}  // namespace
}  // namespace pilar::verivali
