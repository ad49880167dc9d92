#include "access/service.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "access/password.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "wilayah/demo.hpp"
#include "wilayah/service.hpp"

namespace pilar::access {
namespace {

namespace fs = std::filesystem;

// A database with Kota Tangerang's tree down to RW (from idn-area-data in node_modules).
class AccessTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(init_crypto());
        char tmpl[] = "/tmp/pilar-access-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        auto src = std::getenv("PILAR_SOURCE_DIR");
        auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
        ASSERT_TRUE(data) << "idn-area-data not installed (scripts/bootstrap)";
        wilayah::WilayahService w(*m_db);
        ASSERT_TRUE(w.load_from_area_data(Actor::system("test"), "36.71", *data));
        ASSERT_TRUE(wilayah::seed_demo_rw_rt(*m_db, "36.71", 120, 1));
    }
    void TearDown() override {
        m_db.reset();
        fs::remove_all(m_dir);
    }
    NewUser psm(std::string name = "budi") {
        return NewUser{.username = name, .full_name = "Budi", .role = Role::Psm,
                       .wilayah = {"3671011001001"}, .password = "kopi tubruk pagi"};
    }

    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
};

TEST_F(AccessTest, ScopeMustFitTheRole) {
    AccessService svc(*m_db);
    auto sys = Actor::system("test");
    auto u = svc.create_user(sys, psm());
    ASSERT_TRUE(u) << u.error().describe(Lang::En);
    EXPECT_EQ(u->wilayah, std::vector<std::string>{"36.71.01.1001.001"}) << "stored dotted";

    NewUser tksk_on_rw{.username = "tksk1", .role = Role::Tksk, .wilayah = {"36.71.01.1001.001"}, .password = "kopi tubruk pagi"};
    auto r1 = svc.create_user(sys, tksk_on_rw);
    ASSERT_FALSE(r1);
    EXPECT_EQ(r1.error().field, "wilayah");

    NewUser psm_without{.username = "psm2", .role = Role::Psm, .password = "kopi tubruk pagi"};
    EXPECT_FALSE(svc.create_user(sys, psm_without));

    NewUser unknown_rw{.username = "psm3", .role = Role::Psm, .wilayah = {"36.71.01.1001.999"}, .password = "kopi tubruk pagi"};
    auto r3 = svc.create_user(sys, unknown_rw);
    ASSERT_FALSE(r3);
    EXPECT_NE(r3.error().message.en.find("does not exist"), std::string::npos);

    NewUser op{.username = "operator1", .role = Role::Operator, .wilayah = {"36.71"}, .password = "kopi tubruk pagi"};
    EXPECT_TRUE(svc.create_user(sys, op));
    EXPECT_EQ(svc.create_user(sys, psm()).error().code, ErrorCode::AlreadyExists);
}

TEST_F(AccessTest, OnlyAdminsManageUsers) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    Actor operator_actor;
    operator_actor.role = Role::Operator;
    operator_actor.username = "op";
    EXPECT_EQ(svc.create_user(operator_actor, psm("x1")).error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(svc.list_users(operator_actor).error().code, ErrorCode::PermissionDenied);
}

TEST_F(AccessTest, LoginCreatesSessionThatAuthenticatesWithScope) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    auto login = svc.login("BUDI", "kopi tubruk pagi", "10.0.0.1", "test");
    ASSERT_TRUE(login) << login.error().describe(Lang::En);
    EXPECT_FALSE(login->csrf_token.empty());
    auto who = svc.authenticate_session(login->session_token);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->actor.username, "budi");
    EXPECT_EQ(who->actor.role, Role::Psm);
    EXPECT_TRUE(who->actor.in_scope(WilayahCode::parse("36.71.01.1001.001.002").value()));
    EXPECT_FALSE(who->actor.in_scope(WilayahCode::parse("36.71.01.1001.002").value()));
    // The token itself is not in the database, only its hash.
    auto c = m_db->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM sessions WHERE token_hash = ?", login->session_token).value(), 0);
    ASSERT_TRUE(svc.logout(login->session_token));
    EXPECT_EQ(svc.authenticate_session(login->session_token).error().code, ErrorCode::Unauthenticated);
}

TEST_F(AccessTest, WrongPasswordAndUnknownUserLookAlike) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    auto a = svc.login("budi", "wrong password!", "10.0.0.2", "");
    auto b = svc.login("nobody", "wrong password!", "10.0.0.3", "");
    ASSERT_FALSE(a);
    ASSERT_FALSE(b);
    EXPECT_EQ(a.error().code, ErrorCode::Unauthenticated);
    EXPECT_EQ(a.error().message.en, b.error().message.en);
}

TEST_F(AccessTest, AccountLocksAfterFiveFailures) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    for (int i = 0; i < 5; ++i) EXPECT_EQ(svc.login("budi", "wrong password!", "10.0.0." + std::to_string(i), "").error().code, ErrorCode::Unauthenticated);
    auto locked = svc.login("budi", "kopi tubruk pagi", "10.0.1.1", "");
    ASSERT_FALSE(locked) << "the right password must not open a locked account";
    EXPECT_EQ(locked.error().code, ErrorCode::ResourceExhausted);
    // An admin reset unlocks.
    ASSERT_TRUE(svc.reset_password(Actor::system("t"), "budi", "teh manis sore", true));
    EXPECT_TRUE(svc.login("budi", "teh manis sore", "10.0.1.2", ""));
}

TEST_F(AccessTest, AddressIsThrottledAfterTenFailures) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    for (int i = 0; i < 10; ++i) (void)svc.login("nobody" + std::to_string(i), "wrong password!", "10.9.9.9", "");
    auto r = svc.login("budi", "kopi tubruk pagi", "10.9.9.9", "");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::ResourceExhausted);
    EXPECT_TRUE(svc.login("budi", "kopi tubruk pagi", "10.9.9.10", "")) << "other addresses are not affected";
}

TEST_F(AccessTest, IdleAndAbsoluteTimeoutsEndSessions) {
    AccessService idle(*m_db, SessionOptions{.idle_timeout = std::chrono::seconds(1), .absolute_timeout = std::chrono::seconds(3600)});
    ASSERT_TRUE(idle.create_user(Actor::system("t"), psm()));
    auto a = idle.login("budi", "kopi tubruk pagi", "10.0.0.1", "").value();
    EXPECT_TRUE(idle.authenticate_session(a.session_token));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_FALSE(idle.authenticate_session(a.session_token)) << "idle timeout";

    AccessService absolute(*m_db, SessionOptions{.idle_timeout = std::chrono::seconds(3600), .absolute_timeout = std::chrono::seconds(1)});
    auto b = absolute.login("budi", "kopi tubruk pagi", "10.0.0.1", "").value();
    EXPECT_TRUE(absolute.authenticate_session(b.session_token));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_FALSE(absolute.authenticate_session(b.session_token)) << "absolute timeout";
}

TEST_F(AccessTest, DisablingAUserEndsTheirSessions) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    auto a = svc.login("budi", "kopi tubruk pagi", "10.0.0.1", "").value();
    ASSERT_TRUE(svc.set_user_active(Actor::system("t"), "budi", false));
    EXPECT_FALSE(svc.authenticate_session(a.session_token));
    EXPECT_FALSE(svc.login("budi", "kopi tubruk pagi", "10.0.0.1", ""));
}

}  // namespace
}  // namespace pilar::access
