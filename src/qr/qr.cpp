#include "qr/qr.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace pilar {
namespace {

constexpr size_t kMaxText = 1000;
constexpr int kQuiet = 4;

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

Result<QrCode> QrCode::encode(std::string_view text) {
    if (text.empty() || text.size() > kMaxText)
        return fail(ErrorCode::InvalidArgument, {fmt::format("Isi kode QR harus 1 sampai {} byte", kMaxText),
                                                 fmt::format("A QR code's content must be 1 to {} bytes", kMaxText)});
    std::string const data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
        QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<unsigned char const*>(data.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!q)
        return fail(ErrorCode::Internal, {fmt::format("Kode QR gagal dibuat (errno {})", errno),
                                          fmt::format("The QR code could not be made (errno {})", errno)});
    QrCode out;
    out.m_size = q->width;
    out.m_modules.resize(static_cast<size_t>(q->width) * static_cast<size_t>(q->width));
    // libqrencode: bit 0 of each byte is the module's colour (1 = dark); the others describe it.
    for (size_t i = 0; i < out.m_modules.size(); ++i) out.m_modules[i] = q->data[i] & 1;
    return out;
}

std::string QrCode::svg(std::string_view label) const {
    int const n = m_size + 2 * kQuiet;
    std::string path;
    // One path of unit squares ("M x y h1v1h-1z"), runs of dark modules merged per row.
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size;) {
            if (!dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < m_size && dark(x + run, y)) ++run;
            path += fmt::format("M{} {}h{}v1h-{}z", x + kQuiet, y + kQuiet, run, run);
            x += run;
        }
    }
    std::string title = label.empty() ? std::string() : fmt::format("<title>{}</title>", xml_escape(label));
    return fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" shape-rendering="crispEdges" role="img">{1})"
        R"(<rect width="{0}" height="{0}" fill="#fff"/><path fill="#000" d="{2}"/></svg>)",
        n, title, path);
}

}  // namespace pilar
