#include "core/kota.hpp"

#include "core/wilayah_code.hpp"

namespace pilar {

std::optional<std::string> kota_of(std::string_view kode) {
    auto code = WilayahCode::parse(kode);
    if (!code || code->tingkat() < Tingkat::Kota) return std::nullopt;
    while (code->tingkat() > Tingkat::Kota) code = *code->parent();
    return code->dotted();
}

}  // namespace pilar
