// The demo roster of `pilar demo`: one TKSK per kecamatan and `psm` PSMs spread over the kota's
// RWs so that coverage shows what a real city shows — most RWs with one active PSM, a few with
// none and a few with two — plus a few SKs ending within the warning window. The demo accounts
// "psm" and "tksk" get the first PSM and TKSK records (linked by username), in their own RW and
// kecamatan, and a handful of activity reports this month so their home screen is not empty.
// Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>

#include "workforce/service.hpp"

namespace pilar::workforce {

struct DemoRosterOptions {
    std::string kota = "36.71";
    int psm = 982;
    std::uint64_t seed = 1;
    std::string psm_username = "psm";    // linked to the PSM of the first RW
    std::string tksk_username = "tksk";  // linked to the TKSK of the first kecamatan
    Date today = Date::today();
};

struct DemoRosterReport {
    int psm = 0, tksk = 0, rw = 0, rw_kosong = 0, rw_ganda = 0, laporan = 0;
};

// Does nothing (zeros) when the roster already holds records.
Result<DemoRosterReport> seed_demo_roster(WorkforceService& svc, wilayah::WilayahService& wilayah, DemoRosterOptions const& o);

}  // namespace pilar::workforce
