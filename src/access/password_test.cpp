#include "access/password.hpp"

#include <gtest/gtest.h>

namespace pilar::access {
namespace {

struct PolicyCase {
    std::string_view username;
    std::string_view password;
    bool accepted;
};

class PasswordPolicy : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(PasswordPolicy, AcceptsOrRejects) {
    ASSERT_TRUE(init_crypto());
    auto const& c = GetParam();
    auto r = check_password_policy(c.username, c.password);
    EXPECT_EQ(static_cast<bool>(r), c.accepted) << c.password;
    if (!r) {
        EXPECT_EQ(r.error().field, "password");
        EXPECT_FALSE(r.error().message.id.empty());
        EXPECT_FALSE(r.error().message.en.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(Table, PasswordPolicy,
                         ::testing::Values(PolicyCase{"budi", "short", false},           // under 10
                                           PolicyCase{"budi", "123456789", false},       // 9 characters
                                           PolicyCase{"budi", "1234567890", false},      // common
                                           PolicyCase{"budi", "Password123", false},     // common, any case
                                           PolicyCase{"budi", "bismillah123", false},    // common here
                                           PolicyCase{"budi", "zzzzzzzzzzzz", false},    // one character
                                           PolicyCase{"budi", "budi-sukses-2026", false},  // has the username
                                           PolicyCase{"budi", "kopi tubruk pagi", true},
                                           PolicyCase{"budi", "Kx8#mQ2vLp", true}));

TEST(PasswordHash, VerifiesOnlyTheRightPasswordAndIsArgon2id) {
    ASSERT_TRUE(init_crypto());
    auto h = hash_password("kopi tubruk pagi");
    ASSERT_TRUE(h);
    EXPECT_TRUE(h->starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(*h, "kopi tubruk pagi"));
    EXPECT_FALSE(verify_password(*h, "kopi tubruk sore"));
    EXPECT_FALSE(verify_password("not a hash", "kopi tubruk pagi"));
    EXPECT_NE(*h, hash_password("kopi tubruk pagi").value()) << "salted";
    EXPECT_FALSE(needs_rehash(*h));
}

TEST(Tokens, RandomAndHashed) {
    ASSERT_TRUE(init_crypto());
    auto a = random_token(), b = random_token();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 43u);  // 32 bytes base64url
    EXPECT_EQ(token_hash(a).size(), 64u);
    EXPECT_EQ(token_hash(a), token_hash(a));
    EXPECT_NE(token_hash(a), token_hash(b));
    auto p = random_password();
    EXPECT_EQ(p.size(), 16u);
    EXPECT_TRUE(check_password_policy("admin", p)) << p;
}

}  // namespace
}  // namespace pilar::access
