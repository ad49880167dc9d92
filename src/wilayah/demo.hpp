// Demo RW and RT for a kota whose Kemendagri levels are loaded: about `target_rw` RW spread over
// its kelurahan (Kota Tangerang had about 1,014 RW in 2020) and 3 to 8 RT under each.
// Deterministic for a seed, so two demo databases look alike.
#pragma once

#include <cstdint>

#include "wilayah/service.hpp"

namespace pilar::wilayah {

struct DemoReport {
    int rw = 0;
    int rt = 0;
};

Result<DemoReport> seed_demo_rw_rt(db::Database& db, std::string_view kota, int target_rw, std::uint64_t seed);

}  // namespace pilar::wilayah
