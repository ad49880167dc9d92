#include "verivali/bindings.hpp"

#include <fmt/format.h>

#include <set>

namespace pilar::verivali {
namespace {

Household from(registry::Keluarga const& k) {
    return {.id = k.id, .kode_wilayah = k.kode_wilayah, .desil = k.desil, .no_kk_mask = k.no_kk};
}

constexpr int kPage = 500;

}  // namespace

Result<Household> RegistryHouseholds::keluarga(Actor const& actor, std::int64_t keluarga_id) {
    return from(PILAR_TRY(m_registry.keluarga(actor, keluarga_id)));
}

Result<std::int64_t> RegistryHouseholds::keluarga_of_anggota(Actor const& actor, std::int64_t anggota_id) {
    return PILAR_TRY(m_registry.anggota(actor, anggota_id)).keluarga_id;
}

Result<std::optional<Household>> RegistryHouseholds::keluarga_by_no_kk(Actor const& actor, std::string_view no_kk) {
    auto page = PILAR_TRY(m_registry.list_keluarga(actor, {.no_kk = std::string(no_kk), .limit = 1}));
    if (page.items.empty()) return std::optional<Household>{};
    return std::optional<Household>(from(page.items.front()));
}

Result<std::vector<Household>> RegistryHouseholds::matching(Actor const& actor, HouseholdFilter const& filter,
                                                            std::size_t max) {
    auto too_many = [&] {
        return fail(Error(ErrorCode::InvalidArgument,
                          {fmt::format("Lebih dari {} keluarga cocok; persempit filternya", max),
                           fmt::format("More than {} households match; narrow the filter", max)})
                        .at_field("kode_wilayah"));
    };
    // Households with a member of the asked status_padan, when that filter is given.
    std::optional<std::set<std::int64_t>> with_status;
    if (filter.status_padan) {
        with_status.emplace();
        registry::ListQuery q{.kode_wilayah = filter.kode_wilayah, .limit = kPage};
        for (;;) {
            auto page = PILAR_TRY(m_registry.list_anggota(actor, q));
            for (auto const& a : page.items)
                if (a.status_padan == *filter.status_padan) with_status->insert(a.keluarga_id);
            if (!page.next) break;
            q.after = page.next;
        }
    }
    std::vector<Household> out;
    registry::ListQuery q{.kode_wilayah = filter.kode_wilayah, .limit = kPage};
    for (;;) {
        auto page = PILAR_TRY(m_registry.list_keluarga(actor, q));
        for (auto const& k : page.items) {
            if (filter.desil_min && (!k.desil || *k.desil < *filter.desil_min)) continue;
            if (filter.desil_max && (!k.desil || *k.desil > *filter.desil_max)) continue;
            if (with_status && !with_status->contains(k.id)) continue;
            if (out.size() >= max) return too_many();
            out.push_back(from(k));
        }
        if (!page.next) break;
        q.after = page.next;
    }
    return out;
}

Result<std::vector<Petugas>> AccessPetugas::psm() {
    auto users = PILAR_TRY(m_access.list_users(Actor::system("verivali")));
    std::vector<Petugas> out;
    for (auto const& u : users) {
        if (u.role != Role::Psm || !u.active) continue;
        Petugas p{.username = u.username};
        for (auto const& w : u.wilayah)
            if (auto code = WilayahCode::parse(w)) p.scope.push_back(*code);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace pilar::verivali
