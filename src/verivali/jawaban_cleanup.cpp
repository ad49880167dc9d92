#include "verivali/jawaban_cleanup.hpp"

#include <fmt/format.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "access/audit.hpp"
#include "core/kota.hpp"
#include "verivali/special_fields.hpp"
#include "verivali/store.hpp"

namespace pilar::verivali {
namespace {

Result<std::int64_t> clean(db::Connection& c, store::JawabanOf of, std::set<std::string>& kota) {
    // Collected first and written after the scan: an UPDATE of the table a statement is still
    // stepping through is not something to rely on in either backend.
    std::vector<std::pair<std::int64_t, std::string>> changed;
    PILAR_TRY(store::each_jawaban(c, of, [&](std::int64_t id, std::string_view kode, std::string_view text) -> Result<void> {
        if (auto now = cleaned_json(text, Clean::SpecialFields)) {
            changed.emplace_back(id, std::move(*now));
            if (auto k = kota_of(kode)) kota.insert(std::move(*k));
        }
        return {};
    }));
    for (auto const& [id, text] : changed) PILAR_TRY(store::set_jawaban(c, of, id, text));
    return static_cast<std::int64_t>(changed.size());
}

}  // namespace

Result<JawabanCleanup> clean_stored_jawaban(db::Connection& c) {
    std::set<std::string> kota;
    JawabanCleanup r;
    r.items = PILAR_TRY(clean(c, store::JawabanOf::Item, kota));
    r.usulan = PILAR_TRY(clean(c, store::JawabanOf::Usulan, kota));
    if (r.items + r.usulan == 0) return r;
    PILAR_TRY(access::append_audit(
        c, Actor::system("migrasi 0023"),
        {.action = "periksa.jawaban_bersihkan",
         .entity = "periksa",
         .entity_id = "",
         .after_json = fmt::format(R"({{"item":{},"usulan":{}}})", r.items, r.usulan),
         .detail = fmt::format("jawaban periksa yang memuat data khusus atau NIK/No. KK dibersihkan: {} item, {} usulan",
                               r.items, r.usulan),
         .area = std::vector<std::string>(kota.begin(), kota.end())}));
    return r;
}

}  // namespace pilar::verivali
