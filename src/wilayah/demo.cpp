#include "wilayah/demo.hpp"

#include <fmt/format.h>

#include <random>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "wilayah/store.hpp"

namespace pilar::wilayah {

Result<DemoReport> seed_demo_rw_rt(db::Database& db, std::string_view kota_input, int target_rw, std::uint64_t seed) {
    auto kota = PILAR_TRY(WilayahCode::parse(kota_input));
    auto c = PILAR_TRY(db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    std::vector<Wilayah> kelurahan;
    for (auto const& kec : PILAR_TRY(store::children(*c, kota.dotted(), false)))
        for (auto& kel : PILAR_TRY(store::children(*c, kec.kode, false))) kelurahan.push_back(std::move(kel));
    if (kelurahan.empty())
        return fail(ErrorCode::NotFound, {fmt::format("Belum ada kelurahan di {}; muat wilayah dulu", kota.dotted()),
                                          fmt::format("No kelurahan under {} yet; load the wilayah first", kota.dotted())});
    // Each kelurahan gets a weight in [1, 3); RW counts follow the weights and sum to target_rw.
    std::mt19937_64 rng(seed);
    std::vector<double> weights;
    double total = 0;
    for (size_t i = 0; i < kelurahan.size(); ++i) {
        double w = 1.0 + static_cast<double>(rng() % 2000) / 1000.0;
        weights.push_back(w);
        total += w;
    }
    DemoReport report;
    std::string const now = utc_now_iso();
    int assigned = 0;
    for (size_t i = 0; i < kelurahan.size(); ++i) {
        int n = i + 1 == kelurahan.size()
                    ? std::max(1, target_rw - assigned)
                    : std::max(1, static_cast<int>(weights[i] / total * target_rw + 0.5));
        assigned += n;
        auto kel = PILAR_TRY(WilayahCode::parse(kelurahan[i].kode));
        for (int r = 1; r <= n; ++r) {
            auto rw = PILAR_TRY(WilayahCode::rw(kel, r));
            if (PILAR_TRY(store::get(*c, rw.dotted()))) continue;  // reused demo database
            Wilayah w{.kode = rw.dotted(), .nama = fmt::format("RW {:03}", r), .tingkat = Tingkat::Rw,
                      .induk = kel.dotted(), .source = "demo", .created_at = now, .updated_at = now};
            PILAR_TRY(store::insert(*c, w));
            ++report.rw;
            int rts = 3 + static_cast<int>(rng() % 6);
            for (int t = 1; t <= rts; ++t) {
                auto rt = PILAR_TRY(WilayahCode::rt(rw, t));
                Wilayah x{.kode = rt.dotted(), .nama = fmt::format("RT {:03}", t), .tingkat = Tingkat::Rt,
                          .induk = rw.dotted(), .source = "demo", .created_at = now, .updated_at = now};
                PILAR_TRY(store::insert(*c, x));
                ++report.rt;
            }
        }
    }
    if (report.rw > 0)
        PILAR_TRY(access::append_audit(*c, Actor::system("demo"),
                                       {.action = "wilayah.demo_seed", .entity = "wilayah", .entity_id = kota.dotted(),
                                        .after_json = fmt::format(R"({{"rw":{},"rt":{},"seed":{}}})", report.rw,
                                                                  report.rt, seed),
                                        .detail = "data demo / demo data"}));
    PILAR_TRY(tx.commit());
    return report;
}

}  // namespace pilar::wilayah
