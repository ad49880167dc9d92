#include "qr/qr.hpp"

#include <gtest/gtest.h>

namespace pilar {
namespace {

TEST(QrCode, EncodesATokenWithFinderPatterns) {
    auto qr = QrCode::encode("7K3QHWX2M9ABCDEFGH12");
    ASSERT_TRUE(qr) << qr.error().message.en;
    EXPECT_EQ((qr->size() - 17) % 4, 0) << "QR sizes are 21, 25, 29, ...";
    // The three finder patterns: a dark 7x7 ring at three corners, light ring inside.
    for (auto [ox, oy] : {std::pair{0, 0}, std::pair{qr->size() - 7, 0}, std::pair{0, qr->size() - 7}}) {
        for (int i = 0; i < 7; ++i) {
            EXPECT_TRUE(qr->dark(ox + i, oy));
            EXPECT_TRUE(qr->dark(ox, oy + i));
        }
        EXPECT_FALSE(qr->dark(ox + 1, oy + 1));
        EXPECT_TRUE(qr->dark(ox + 3, oy + 3));
    }
}

TEST(QrCode, SameTextSameCodeDifferentTextDifferentCode) {
    auto a = QrCode::encode("AAAAABBBBBCCCCCDDDDD"), b = QrCode::encode("AAAAABBBBBCCCCCDDDDD"),
         c = QrCode::encode("AAAAABBBBBCCCCCDDDDE");
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->svg(), b->svg());
    EXPECT_NE(a->svg(), c->svg());
}

TEST(QrCode, SvgHasQuietZoneAndEscapedTitle) {
    auto qr = QrCode::encode("x");
    ASSERT_TRUE(qr);
    std::string const svg = qr->svg("Kartu <Siti> & co");
    EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos) << svg;  // 21 + 2 * 4
    EXPECT_NE(svg.find("<title>Kartu &lt;Siti&gt; &amp; co</title>"), std::string::npos);
    EXPECT_NE(svg.find("M4 4h7v1h-7z"), std::string::npos) << "top row of the finder pattern, one run";
}

TEST(QrCode, RefusesEmptyAndHugeText) {
    EXPECT_EQ(QrCode::encode("").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(QrCode::encode(std::string(1001, 'a')).error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace pilar
