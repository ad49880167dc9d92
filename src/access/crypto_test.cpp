#include "access/crypto.hpp"

#include "core/strings.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace pilar::access {
namespace {

Keyring ring_of(std::string const& text) { return Keyring::parse(text, "test").value(); }

TEST(Keyring, EncryptsAndDecryptsBoundToWhere) {
    ASSERT_GE(sodium_init(), 0);
    auto ring = ring_of(Keyring::generate_line(1));
    auto ct = ring.encrypt("tunanetra, berat", "anggota.disabilitas#42").value();
    EXPECT_TRUE(ct.starts_with("v1.1."));
    EXPECT_EQ(ct.find("tunanetra"), std::string::npos);
    EXPECT_EQ(ring.decrypt(ct, "anggota.disabilitas#42").value(), "tunanetra, berat");
    EXPECT_NE(ring.encrypt("tunanetra, berat", "anggota.disabilitas#42").value(), ct) << "random nonce";
    EXPECT_FALSE(ring.decrypt(ct, "anggota.disabilitas#43")) << "moved to another row";
    EXPECT_FALSE(ring.decrypt(ct, "anggota.penyakit#42")) << "moved to another column";
    std::string tampered = ct;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(ring.decrypt(tampered, "anggota.disabilitas#42"));
    EXPECT_FALSE(ring.decrypt("plain text", "x"));
    EXPECT_EQ(ring.decrypt(ring.encrypt("", "w").value(), "w").value(), "");
}

// The stored text is what libsodium's encoders gave before Pilar encoded it itself
// (core/strings.hpp): the same base64url and hex for every length.
TEST(Keyring, EncodesLikeLibsodium) {
    ASSERT_GE(sodium_init(), 0);
    for (std::size_t n = 1; n < 100; ++n) {  // empty input: core's strings_test
        std::vector<unsigned char> bytes(n);
        randombytes_buf(bytes.data(), n);
        std::string b64(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
        sodium_bin2base64(b64.data(), b64.size(), bytes.data(), n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        b64.resize(std::strlen(b64.c_str()));
        std::string ours;
        append_base64url(ours, bytes.data(), n);
        EXPECT_EQ(ours, b64) << n;
        std::string hex(2 * n + 1, '\0');
        sodium_bin2hex(hex.data(), hex.size(), bytes.data(), n);
        hex.resize(2 * n);
        EXPECT_EQ(hex_lower(bytes.data(), n), hex) << n;
    }
    auto ring = ring_of(Keyring::generate_line(7));
    auto ct = ring.encrypt("3671014512870001", "anggota.nik#1").value();
    EXPECT_TRUE(ct.starts_with("v1.7."));
    EXPECT_EQ(ct.size(), 80u) << ct;  // "v1.7." + base64url of a 24-byte nonce, 16 bytes, 16-byte tag
    EXPECT_EQ(ring.decrypt(ct, "anggota.nik#1").value(), "3671014512870001");
}

TEST(Keyring, RotationKeepsOldDataReadableAndIndexesStable) {
    ASSERT_GE(sodium_init(), 0);
    std::string old_line = Keyring::generate_line(1);
    auto before = ring_of(old_line);
    auto ct = before.encrypt("diabetes", "anggota.penyakit#7").value();
    auto ix = before.blind_index("nik", "3671014507900001");

    auto after = ring_of(Keyring::generate_line(2) + "\n" + old_line);
    EXPECT_EQ(after.current_id(), 2u);
    EXPECT_EQ(after.decrypt(ct, "anggota.penyakit#7").value(), "diabetes");
    EXPECT_TRUE(after.needs_reencrypt(ct));
    auto ct2 = after.encrypt("diabetes", "anggota.penyakit#7").value();
    EXPECT_TRUE(ct2.starts_with("v1.2."));
    EXPECT_FALSE(after.needs_reencrypt(ct2));
    EXPECT_EQ(after.blind_index("nik", "3671014507900001"), ix) << "exact look-ups survive rotation";

    auto only_new = ring_of(Keyring::generate_line(2));
    auto r = only_new.decrypt(ct, "anggota.penyakit#7");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable) << "names the missing key";
}

TEST(Keyring, BlindIndexIsKeyedAndSeparatedByPurpose) {
    ASSERT_GE(sodium_init(), 0);
    auto a = ring_of(Keyring::generate_line(1));
    auto b = ring_of(Keyring::generate_line(1));
    EXPECT_EQ(a.blind_index("nik", "3671014507900001"), a.blind_index("nik", "3671014507900001"));
    EXPECT_NE(a.blind_index("nik", "3671014507900001"), a.blind_index("nik", "3671014507900002"));
    EXPECT_NE(a.blind_index("nik", "3671014507900001"), a.blind_index("no_kk", "3671014507900001"));
    EXPECT_NE(a.blind_index("nik", "3671014507900001"), b.blind_index("nik", "3671014507900001"))
        << "without the key the index cannot be recomputed";
    EXPECT_EQ(a.blind_index("nik", "x").size(), 32u);
}

TEST(Keyring, BadKeyTextIsRefusedClearly) {
    ASSERT_GE(sodium_init(), 0);
    for (std::string text : std::vector<std::string>{"", "# only a comment", "1:notbase64!!", "x:AAAA", "1:QUJD",
                             Keyring::generate_line(1) + "\n" + Keyring::generate_line(1)}) {
        auto r = Keyring::parse(text, "PILAR_DATA_KEY");
        ASSERT_FALSE(r) << text;
        EXPECT_NE(r.error().message.en.find("PILAR_DATA_KEY"), std::string::npos);
    }
    EXPECT_TRUE(Keyring::parse(Keyring::generate_line(3) + ";" + Keyring::generate_line(1), "env"));
}

TEST(Keyring, KeyFileMustBePrivate) {
    ASSERT_GE(sodium_init(), 0);
    auto path = std::filesystem::temp_directory_path() / "pilar-key-test.key";
    {
        std::ofstream out(path);
        out << "# test\n" << Keyring::generate_line(1) << "\n";
    }
    ::chmod(path.c_str(), 0644);
    auto open = Keyring::load_file(path.string());
    ASSERT_FALSE(open);
    EXPECT_EQ(open.error().code, ErrorCode::PermissionDenied);
    ::chmod(path.c_str(), 0400);
    EXPECT_TRUE(Keyring::load_file(path.string()));
    std::filesystem::remove(path);
    EXPECT_EQ(Keyring::load_file(path.string()).error().code, ErrorCode::Unavailable);
}

TEST(Keyring, CommentsMayContainTheSeparator) {
    // `pilar key generate --out` writes a comment with a ';' in it; it must load back.
    auto line = Keyring::generate_line(2);
    auto ring = Keyring::parse("# keep it safe; back it up\n" + line + "\n", "test");
    ASSERT_TRUE(ring) << ring.error().describe(Lang::En);
    EXPECT_EQ(ring->current_id(), 2u);
    EXPECT_TRUE(Keyring::parse(line + ";" + Keyring::generate_line(1), "env")) << "the one-line form still works";
}

}  // namespace
}  // namespace pilar::access
