#include "core/no_kk.hpp"

#include <fmt/format.h>

#include "core/nik.hpp"
#include "core/strings.hpp"

namespace pilar {

Result<NoKk> NoKk::parse(std::string_view input) {
    auto const digits = PILAR_TRY(detail::parse_sixteen_digits(input, "No. KK"));
    NoKk const kk(digits);
    if (kk.region6() == "000000")
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("No. KK {} tidak sah: kode wilayah (digit 1–6) tidak boleh 000000",
                                 kk.masked()),
                     fmt::format("No. KK {} is not valid: the region code (digits 1–6) cannot be "
                                 "000000",
                                 kk.masked())});
    if (kk.serial() == 0)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("No. KK {} tidak sah: nomor urut (4 digit terakhir) tidak boleh "
                                 "0000",
                                 kk.masked()),
                     fmt::format("No. KK {} is not valid: the serial number (last 4 digits) cannot "
                                 "be 0000",
                                 kk.masked())});
    return kk;
}

int NoKk::serial() const {
    int v = 0;
    for (size_t i = 12; i < kLength; ++i) v = v * 10 + (m_digits[i] - '0');
    return v;
}

std::string NoKk::masked() const { return mask_middle(str(), 4, 4); }

}  // namespace pilar
