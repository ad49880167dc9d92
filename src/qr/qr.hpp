// QR codes (libqrencode): the matrix of modules for a short text, and that matrix drawn as SVG
// for a phone screen. PDF documents draw the same matrix with their own primitives
// (pdf/pages.hpp), so a card printed and a card on the phone scan alike.
//
//   QrCode qr = PILAR_TRY(QrCode::encode("7K3QH-..."));
//   std::string svg = qr.svg();            // <svg ...> with a quiet zone of 4 modules
//   if (qr.dark(x, y)) draw_square(x, y);  // 0 <= x, y < qr.size()
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pilar {

class QrCode {
public:
    // Error-correction level M (15 %: a scratched card still scans); 8-bit mode. Text longer than
    // 1,000 bytes is refused (a QR code that dense does not scan from a phone).
    static Result<QrCode> encode(std::string_view text);

    [[nodiscard]] int size() const { return m_size; }
    [[nodiscard]] bool dark(int x, int y) const { return m_modules[static_cast<size_t>(y * m_size + x)] != 0; }
    // A standalone SVG (viewBox in modules, quiet zone of 4 included), black on white, with
    // `label` as its accessible name (<title>).
    [[nodiscard]] std::string svg(std::string_view label = {}) const;

private:
    int m_size = 0;
    std::vector<unsigned char> m_modules;  // row-major, 1 = dark
};

}  // namespace pilar
