#include "verivali/bindings.hpp"

#include <fmt/format.h>

#include <algorithm>
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
        registry::ListQuery q{.kode_wilayah = filter.kode_wilayah, .desil_min = filter.desil_min,
                              .desil_max = filter.desil_max, .status_padan = filter.status_padan, .limit = kPage};
        for (;;) {
            auto page = PILAR_TRY(m_registry.list_anggota(actor, q));
            for (auto const& a : page.items) with_status->insert(a.keluarga_id);
            if (!page.next) break;
            q.after = page.next;
        }
    }
    std::vector<Household> out;
    registry::ListQuery q{.kode_wilayah = filter.kode_wilayah, .desil_min = filter.desil_min,
                          .desil_max = filter.desil_max, .limit = kPage};
    for (;;) {
        auto page = PILAR_TRY(m_registry.list_keluarga(actor, q));
        for (auto const& k : page.items) {
            if (with_status && !with_status->contains(k.id)) continue;
            if (out.size() >= max) return too_many();
            out.push_back(from(k));
        }
        if (!page.next) break;
        q.after = page.next;
    }
    return out;
}

Result<std::vector<Orang>> RegistryHouseholds::orang(Actor const& actor, std::int64_t keluarga_id,
                                                     std::optional<std::int64_t> anggota_id) {
    registry::ReadOptions const unmask{.unmask = true};
    auto k = PILAR_TRY(m_registry.keluarga(actor, keluarga_id, unmask));
    std::vector<registry::Anggota> people;
    if (anggota_id) {
        people.push_back(PILAR_TRY(m_registry.anggota(actor, *anggota_id, unmask)));
    } else {
        for (auto& a : PILAR_TRY(m_registry.members(actor, keluarga_id, unmask)))
            if (a.status_keberadaan == "ada") people.push_back(std::move(a));
        std::stable_partition(people.begin(), people.end(), [](auto const& a) { return a.hubungan == "kepala_keluarga"; });
    }
    std::vector<Orang> out;
    for (auto const& a : people)
        out.push_back({.anggota_id = a.id,
                       .nik = a.nik.value_or(""),
                       .no_kk = k.no_kk,
                       .nama = a.nama,
                       .jenis_kelamin = a.jenis_kelamin,
                       .tempat_lahir = a.tempat_lahir.value_or(""),
                       .tanggal_lahir = a.tanggal_lahir.value_or(""),
                       .hubungan = a.hubungan,
                       .alamat = k.alamat,
                       .rt = k.rt.value_or(""),
                       .rw = k.rw.value_or(""),
                       .kode_kelurahan = k.kode_kelurahan});
    // A household nobody is registered in yet still gets its row: every exported proposal is in the file.
    if (out.empty())
        out.push_back({.no_kk = k.no_kk, .alamat = k.alamat, .rt = k.rt.value_or(""), .rw = k.rw.value_or(""),
                       .kode_kelurahan = k.kode_kelurahan});
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
