// What verivali needs from other modules, as two small interfaces: the registry's households
// (HouseholdLookup) and the roster of PSMs with their RWs (PetugasDirectory). The composition
// root (src/cli/wiring.cpp) binds them to RegistryService and AccessService; unit tests use
// fakes. Verivali never reads the registry's or access's tables itself.
//
//   struct FakeLookup : HouseholdLookup { ... };
//   VerivaliService svc(db, lookup, petugas);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"

namespace pilar::verivali {

// The facts about a household a proposal or a ground check needs.
struct Household {
    std::int64_t id = 0;
    std::string kode_wilayah;           // deepest known: RT, RW or kelurahan code (dotted)
    std::optional<std::int64_t> desil;
    std::string no_kk_mask;             // "3671********0001": for messages, never the number
};

// Which households a ground-check list is built from.
struct HouseholdFilter {
    std::string kode_wilayah;           // at or below (dotted)
    std::optional<int> desil_min, desil_max;
    std::optional<std::string> status_padan;  // a member with this status ("belum", "tidak_padan" ...)
};

// A person as the national upload lists them, identity numbers in full.
struct Orang {
    std::int64_t anggota_id = 0;
    std::string nik;  // "" when the person has none yet
    std::string no_kk, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, hubungan;
    std::string alamat, rt, rw, kode_kelurahan;
};

class HouseholdLookup {
public:
    virtual ~HouseholdLookup() = default;
    // NotFound when the household does not exist or lies outside the actor's scope.
    virtual Result<Household> keluarga(Actor const& actor, std::int64_t keluarga_id) = 0;
    // The household of a member; NotFound like keluarga().
    virtual Result<std::int64_t> keluarga_of_anggota(Actor const& actor, std::int64_t anggota_id) = 0;
    // By No. KK (16 digits); nullopt when unknown or outside the scope.
    virtual Result<std::optional<Household>> keluarga_by_no_kk(Actor const& actor, std::string_view no_kk) = 0;
    // Every household matching the filter in the actor's scope, at most `max` (more is an error).
    virtual Result<std::vector<Household>> matching(Actor const& actor, HouseholdFilter const& filter,
                                                    std::size_t max) = 0;
    // Who a proposal is about, unmasked (the registry audits the view): the member `anggota_id`,
    // or without one every present member of the household, kepala keluarga first (a household
    // without members: one entry with the household's fields only). NotFound like keluarga().
    virtual Result<std::vector<Orang>> orang(Actor const& actor, std::int64_t keluarga_id,
                                             std::optional<std::int64_t> anggota_id) = 0;
};

struct Petugas {
    std::string username;
    std::vector<WilayahCode> scope;  // the RWs they serve
};

class PetugasDirectory {
public:
    virtual ~PetugasDirectory() = default;
    // Active PSM accounts with their scope.
    virtual Result<std::vector<Petugas>> psm() = 0;
};

}  // namespace pilar::verivali
