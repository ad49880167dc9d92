// The production side of lookup.hpp: HouseholdLookup over the registry's service and
// PetugasDirectory over access's user list. Kept out of pilar_verivali (its own small library,
// pilar_verivali_bindings) so that the module and its unit tests do not need the registry; the
// composition root (src/cli/wiring.cpp) makes these and hands them to VerivaliService.
//
//   RegistryHouseholds households(*app->registry);
//   AccessPetugas petugas(*app->access);
//   VerivaliService svc(*app->db, households, petugas);
#pragma once

#include "access/service.hpp"
#include "registry/service.hpp"
#include "verivali/lookup.hpp"

namespace pilar::verivali {

class RegistryHouseholds final : public HouseholdLookup {
public:
    explicit RegistryHouseholds(registry::RegistryService& registry) : m_registry(registry) {}
    Result<Household> keluarga(Actor const& actor, std::int64_t keluarga_id) override;
    Result<std::int64_t> keluarga_of_anggota(Actor const& actor, std::int64_t anggota_id) override;
    Result<std::optional<Household>> keluarga_by_no_kk(Actor const& actor, std::string_view no_kk) override;
    // Pages through the registry's lists by region, desil and (members') status_padan.
    Result<std::vector<Household>> matching(Actor const& actor, HouseholdFilter const& filter, std::size_t max) override;
    Result<std::vector<Orang>> orang(Actor const& actor, std::int64_t keluarga_id,
                                     std::optional<std::int64_t> anggota_id) override;

private:
    registry::RegistryService& m_registry;
};

class AccessPetugas final : public PetugasDirectory {
public:
    explicit AccessPetugas(access::AccessService& access) : m_access(access) {}
    Result<std::vector<Petugas>> psm() override;

private:
    access::AccessService& m_access;
};

}  // namespace pilar::verivali
