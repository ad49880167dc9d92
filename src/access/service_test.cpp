#include "access/service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <functional>
#include <thread>

#include "access/audit.hpp"
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
        auto data = area_data();
        ASSERT_TRUE(data) << "idn-area-data not installed (scripts/bootstrap)";
        wilayah::WilayahService w(*m_db);
        ASSERT_TRUE(w.load_from_area_data(Actor::system("test"), "36.71", *data));
        ASSERT_TRUE(wilayah::seed_demo_rw_rt(*m_db, "36.71", 120, 1));
    }
    void TearDown() override {
        m_db.reset();
        fs::remove_all(m_dir);
    }
    static std::optional<std::string> area_data() {
        auto src = std::getenv("PILAR_SOURCE_DIR");
        return wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
    }
    // An admin of Kota Tangerang, as the access middleware makes them.
    static Actor admin_of_36_71() {
        Actor admin;
        admin.user_id = 99;
        admin.username = "root";
        admin.role = Role::Admin;
        admin.scope = {*WilayahCode::parse("36.71")};
        return admin;
    }
    // A new session of `user`, checked twice: the first check fills the session cache, the
    // second is answered from it.
    static std::string cached_login(AccessService& svc, std::string const& user, std::string const& password = "kopi tubruk pagi") {
        auto l = svc.login(user, password, "10.0.0.1", "");
        EXPECT_TRUE(l) << user;
        auto token = l ? l->session_token : std::string();
        EXPECT_TRUE(svc.authenticate_session(token)) << "fills the cache";
        EXPECT_TRUE(svc.authenticate_session(token)) << "answered from the cache";
        return token;
    }
    static bool session_ended(AccessService& svc, std::string const& token) {
        auto who = svc.authenticate_session(token);
        return !who && who.error().code == ErrorCode::Unauthenticated;
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
    ASSERT_TRUE(svc.logout(who->actor, login->session_token));
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

// A revocation made by another process on the same database — the console's `pilar user
// disable|reset-password`, `pilar token revoke`, another app server — reaches this server's
// session cache through the revocation counter (migration 0019), which the cache reads at most
// every SessionOptions::revocation_check (1 s by default; 0 here, so the very next request reads
// it). Before, such a session went on from the cache for up to 10 s.
TEST_F(AccessTest, ARevocationByAnotherProcessEndsACachedSession) {
    AccessService server(*m_db, {.revocation_check = std::chrono::milliseconds(0)});
    AccessService console(*m_db);  // `pilar user ...`: its own process, its own (empty) cache
    auto sys = Actor::system("cli:t");
    for (auto const* name : {"budi", "sari", "wati", "dedi"}) ASSERT_TRUE(console.create_user(sys, psm(name)));
    auto login = [&](std::string const& user) { return cached_login(server, user); };
    auto const ended = [&](std::string const& token) { return session_ended(server, token); };
    auto budi = login("budi"), sari = login("sari"), dedi = login("dedi");
    auto token = console.create_api_token(sys, "wati", std::chrono::hours(1), "").value();
    EXPECT_TRUE(server.authenticate_token(token.secret));
    EXPECT_TRUE(server.authenticate_token(token.secret));

    ASSERT_TRUE(console.set_user_active(sys, "budi", false));
    EXPECT_TRUE(ended(budi));
    EXPECT_TRUE(server.authenticate_session(dedi)) << "another user's session goes on";
    ASSERT_TRUE(console.reset_password(sys, "sari", "teh manis sore", true));
    EXPECT_TRUE(ended(sari));
    ASSERT_TRUE(console.revoke_api_token(sys, token.token.id));
    EXPECT_FALSE(server.authenticate_token(token.secret));
    EXPECT_TRUE(server.authenticate_session(dedi));
}

// A logout or a token revoked on another app server sharing the database reaches this server's
// cache through a row naming that credential (migration 0021), read at the revocation check:
// exactly that session or token ends, and the other cached sessions are not even read again.
// Before, a logout moved nothing, so this server answered the session from its cache for up to
// 10 s; a revoked token emptied every server's whole cache.
TEST_F(AccessTest, ALogoutOnAnotherServerEndsThatCachedSessionOnly) {
    int reads = 0;  // credentials read from the database (and offered to the cache) by server B
    std::function<void()> in_the_window;
    AccessService a(*m_db);
    AccessService b(*m_db, {.revocation_check = std::chrono::milliseconds(0), .after_credential_read = [&] {
                                ++reads;
                                if (auto f = std::exchange(in_the_window, nullptr)) f();
                            }});
    auto sys = Actor::system("t");
    for (auto const* name : {"budi", "sari", "wati", "dedi"}) ASSERT_TRUE(a.create_user(sys, psm(name)));
    auto on_a = [&](std::string const& user) { return a.login(user, "kopi tubruk pagi", "10.0.0.1", "").value().session_token; };
    auto budi = on_a("budi"), sari = on_a("sari"), dedi = on_a("dedi");
    auto token = a.create_api_token(sys, "wati", std::chrono::hours(1), "").value();
    for (auto const& s : {budi, sari, dedi}) {
        ASSERT_TRUE(b.authenticate_session(s)) << "fills B's cache";
        ASSERT_TRUE(b.authenticate_session(s)) << "answered from B's cache";
    }
    ASSERT_TRUE(b.authenticate_token(token.secret));
    ASSERT_TRUE(b.authenticate_token(token.secret));
    EXPECT_EQ(reads, 4);

    auto budi_actor = a.authenticate_session(budi).value().actor;
    ASSERT_TRUE(a.logout(budi_actor, budi));
    EXPECT_TRUE(session_ended(b, budi)) << "logged out on A";
    EXPECT_TRUE(b.authenticate_session(dedi));
    EXPECT_TRUE(b.authenticate_token(token.secret));
    EXPECT_EQ(reads, 4) << "the other cached credentials stay in B's cache";

    ASSERT_TRUE(a.revoke_api_token(sys, token.token.id));
    EXPECT_FALSE(b.authenticate_token(token.secret)) << "revoked on A";
    EXPECT_TRUE(b.authenticate_session(dedi));
    EXPECT_EQ(reads, 4);

    // A logout on A that lands while B reads that very session: B must not keep what it read.
    // (B's cache is emptied first by an account-wide revocation of someone else, so that B reads
    // sari's session again.)
    auto sari_actor = a.authenticate_session(sari).value().actor;
    ASSERT_TRUE(a.set_user_active(sys, "wati", false));
    in_the_window = [&] { ASSERT_TRUE(a.logout(sari_actor, sari)); };
    EXPECT_TRUE(b.authenticate_session(sari)) << "this request read the session before the logout";
    EXPECT_TRUE(session_ended(b, sari)) << "the next one must not get it from B's cache";
    EXPECT_TRUE(b.authenticate_session(dedi));

    // A revocation B never read is gone (pruned while B had no request): B cannot tell what it
    // named, so it drops its whole cache — dedi's session is read again, and still valid.
    ASSERT_TRUE(b.authenticate_session(dedi));
    reads = 0;
    auto const other = on_a("budi");
    ASSERT_TRUE(a.logout(a.authenticate_session(other).value().actor, other));
    {
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->execute("DELETE FROM access_revoked"));
    }
    auto const third = on_a("budi");
    ASSERT_TRUE(a.logout(a.authenticate_session(third).value().actor, third));
    EXPECT_TRUE(b.authenticate_session(dedi));
    EXPECT_EQ(reads, 1) << "B's cache was emptied";
}

// The server keeps checked sessions and tokens in memory for a few seconds (keyed by a keyed hash
// of the credential, not the credential): each way of ending a session in this process must end
// it at once, also when it was just answered from that cache, and only that session.
// A revocation that lands between a request's read of its session and the caching of what that
// read saw must not be undone: the cache would otherwise serve the revoked session for its whole
// period (10 s).
TEST_F(AccessTest, ARevocationDuringASessionReadIsNotUndoneByTheCache) {
    std::function<void()> in_the_window;
    AccessService svc(*m_db, SessionOptions{.after_credential_read = [&] {
                          if (auto f = std::exchange(in_the_window, nullptr)) f();
                      }});
    auto sys = Actor::system("t");
    ASSERT_TRUE(svc.create_user(sys, psm()));
    ASSERT_TRUE(svc.create_user(sys, psm("sari")));
    auto budi = svc.login("budi", "kopi tubruk pagi", "10.0.0.1", "").value().session_token;
    auto sari = svc.login("sari", "kopi tubruk pagi", "10.0.0.1", "").value().session_token;

    in_the_window = [&] { ASSERT_TRUE(svc.set_user_active(sys, "budi", false)); };
    EXPECT_TRUE(svc.authenticate_session(budi)) << "this request read the session before the revocation";
    EXPECT_TRUE(session_ended(svc, budi)) << "the next one must not get it from the cache";

    in_the_window = [&] { ASSERT_TRUE(svc.reset_password(sys, "sari", "teh manis sore", false)); };
    EXPECT_TRUE(svc.authenticate_session(sari));
    EXPECT_TRUE(session_ended(svc, sari));
}

TEST_F(AccessTest, ACachedSessionEndsAtOnceWhenRevoked) {
    AccessService svc(*m_db);
    auto sys = Actor::system("t");
    ASSERT_TRUE(svc.create_user(sys, psm()));
    ASSERT_TRUE(svc.create_user(sys, psm("sari")));
    auto login = [&](std::string const& user, std::string const& password = "kopi tubruk pagi") {
        return cached_login(svc, user, password);
    };
    auto const unauthenticated = [&](std::string const& token) { return session_ended(svc, token); };

    // Logout: that session ends, the user's other session and another user's go on.
    auto a1 = login("budi"), a2 = login("budi"), s1 = login("sari");
    auto who = svc.authenticate_session(a1).value();
    ASSERT_TRUE(svc.logout(who.actor, a1));
    EXPECT_TRUE(unauthenticated(a1));
    EXPECT_TRUE(svc.authenticate_session(a2));
    EXPECT_TRUE(svc.authenticate_session(s1));
    // A token that differs from a cached one in its last character is not it.
    std::string near = a2;
    near.back() = near.back() == 'A' ? 'B' : 'A';
    EXPECT_TRUE(unauthenticated(near));

    // An admin's password reset ends every session of that user (and the cached "must change
    // password" flag goes with them).
    ASSERT_TRUE(svc.reset_password(sys, "budi", "teh manis sore", true));
    EXPECT_TRUE(unauthenticated(a2));
    EXPECT_TRUE(svc.authenticate_session(s1));
    auto b1 = login("budi", "teh manis sore");
    EXPECT_TRUE(svc.authenticate_session(b1).value().must_change_password);

    // The user's own change: the sessions go on, and what the cache held about them ("must
    // change password") is not served stale.
    auto b2 = login("budi", "teh manis sore");
    EXPECT_TRUE(svc.authenticate_session(b2).value().must_change_password);
    ASSERT_TRUE(svc.change_own_password(svc.authenticate_session(b1).value().actor, "teh manis sore", "es jeruk siang hari"));
    EXPECT_FALSE(svc.authenticate_session(b1).value().must_change_password);
    EXPECT_FALSE(svc.authenticate_session(b2).value().must_change_password);

    // Disabling the account ends every session of it.
    auto b3 = login("budi", "es jeruk siang hari");
    ASSERT_TRUE(svc.set_user_active(sys, "budi", false));
    EXPECT_TRUE(unauthenticated(b1));
    EXPECT_TRUE(unauthenticated(b2));
    EXPECT_TRUE(unauthenticated(b3));
    EXPECT_TRUE(svc.authenticate_session(s1)) << "another user's session is untouched";

    // A revoked API token, just answered from the cache, stops at once.
    auto t = svc.create_api_token(sys, "sari", std::chrono::hours(1), "").value();
    EXPECT_TRUE(svc.authenticate_token(t.secret));
    EXPECT_TRUE(svc.authenticate_token(t.secret));
    ASSERT_TRUE(svc.revoke_api_token(sys, t.token.id));
    EXPECT_FALSE(svc.authenticate_token(t.secret));
}

// Two services (two server processes on one database) do not share a cache key: what one cached
// is checked in the database by the other, which sees a logout made through the first.
TEST_F(AccessTest, EachServiceChecksItsOwnCacheAgainstTheDatabase) {
    AccessService one(*m_db), two(*m_db);
    ASSERT_TRUE(one.create_user(Actor::system("t"), psm()));
    auto token = one.login("budi", "kopi tubruk pagi", "10.0.0.1", "").value().session_token;
    auto who = one.authenticate_session(token).value();
    ASSERT_TRUE(one.logout(who.actor, token));
    EXPECT_FALSE(two.authenticate_session(token));
}

// ---------------------------------------------------------------------------------------------
// Audit: every write and every login attempt is recorded, with the right actor, and no secret
// ever reaches the trail.

struct AuditRow {
    std::string action, actor, role, entity_id, request_id, client, detail;
};

std::vector<AuditRow> audit_rows(db::Database& database) {
    auto c = database.acquire().value();
    auto s = c->prepare("SELECT action, actor_username, actor_role, entity_id, request_id, client_address, detail "
                        "FROM audit_log WHERE action NOT LIKE 'wilayah.%' ORDER BY seq")
                 .value();
    std::vector<AuditRow> out;
    while (s.step().value())
        out.push_back({s.string(0), s.string(1), s.string(2), s.string(3), s.string(4), s.string(5), s.string(6)});
    return out;
}

// Every column of every audit row, as one text.
std::string audit_text(db::Database& database) {
    auto c = database.acquire().value();
    auto s = c->prepare("SELECT * FROM audit_log").value();
    std::string all;
    while (s.step().value())
        for (int i = 0; i < s.column_count(); ++i)
            if (!s.is_null(i)) all += std::string(s.text(i)) + "\x1f";
    return all;
}

TEST_F(AccessTest, WritesAndLoginsAreAuditedWithoutSecrets) {
    AccessService svc(*m_db);
    Actor admin = admin_of_36_71();
    admin.request_id = "rid-admin";
    admin.client_address = "10.0.0.9";
    ASSERT_TRUE(svc.create_user(admin, psm()));
    auto login = svc.login("budi", "kopi tubruk pagi", "10.0.0.1", "UA/1.0", "rid-login").value();
    auto who = svc.authenticate_session(login.session_token, "10.0.0.1").value();
    who.actor.request_id = "rid-change";
    ASSERT_TRUE(svc.change_own_password(who.actor, "kopi tubruk pagi", "nasi uduk malam"));
    EXPECT_FALSE(svc.login("budi", "wrong password!", "10.0.0.2", "", "rid-bad"));
    EXPECT_FALSE(svc.login("nobody", "Another Secret 1", "10.0.0.3", "", "rid-unknown"));
    EXPECT_FALSE(svc.login("Password Typed As Name", "x", "10.0.0.4", ""));
    ASSERT_TRUE(svc.reset_password(admin, "budi", "teh manis sore", true));
    ASSERT_TRUE(svc.set_user_active(admin, "budi", false));
    ASSERT_TRUE(svc.set_user_active(admin, "budi", true));
    auto login2 = svc.login("budi", "teh manis sore", "10.0.0.5", "").value();
    auto who2 = svc.authenticate_session(login2.session_token).value();
    ASSERT_TRUE(svc.logout(who2.actor, login2.session_token));

    auto rows = audit_rows(*m_db);
    std::vector<std::string> actions;
    for (auto const& r : rows) actions.push_back(r.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"user.create", "auth.login", "user.password_change", "auth.login_failed",
                                                 "auth.login_failed", "auth.login_failed", "user.password_reset",
                                                 "user.disable", "user.enable", "auth.login", "auth.logout"}));
    ASSERT_EQ(rows.size(), 11u);
    // user.create: by the admin, about budi, tied to the admin's request.
    EXPECT_EQ(rows[0].actor, "root");
    EXPECT_EQ(rows[0].role, "admin");
    EXPECT_EQ(rows[0].entity_id, "budi");
    EXPECT_EQ(rows[0].request_id, "rid-admin");
    EXPECT_EQ(rows[0].client, "10.0.0.9");
    // A successful login is budi's own act.
    EXPECT_EQ(rows[1].actor, "budi");
    EXPECT_EQ(rows[1].role, "psm");
    EXPECT_EQ(rows[1].request_id, "rid-login");
    EXPECT_EQ(rows[1].client, "10.0.0.1");
    EXPECT_EQ(rows[2].actor, "budi");
    EXPECT_EQ(rows[2].request_id, "rid-change");
    // Failed logins: the caller is not authenticated.
    EXPECT_EQ(rows[3].actor, "budi");
    EXPECT_EQ(rows[3].role, "anonymous");
    EXPECT_EQ(rows[3].request_id, "rid-bad");
    EXPECT_EQ(rows[3].client, "10.0.0.2");
    EXPECT_NE(rows[3].detail.find("wrong password"), std::string::npos);
    EXPECT_EQ(rows[4].actor, "nobody");
    EXPECT_EQ(rows[4].entity_id, "nobody");
    EXPECT_NE(rows[4].detail.find("unknown user"), std::string::npos);
    EXPECT_EQ(rows[5].actor, "?") << "a name that cannot be a username may be a password typed in the wrong field";
    EXPECT_EQ(rows[6].actor, "root");
    EXPECT_EQ(rows[10].actor, "budi");
    EXPECT_EQ(rows[10].entity_id, "budi");

    // No password, password hash, session token or CSRF token anywhere in the trail.
    std::string all = audit_text(*m_db);
    for (std::string const& secret : std::vector<std::string>{"kopi tubruk pagi", "nasi uduk malam", "wrong password!", "Another Secret 1",
                               "Password Typed As Name", "teh manis sore", login.session_token, login.csrf_token,
                               login2.session_token, login2.csrf_token, token_hash(login.session_token),
                               token_hash(login2.session_token)})
        EXPECT_EQ(all.find(secret), std::string::npos) << "secret in the audit trail: " << secret;
    auto c = m_db->acquire().value();
    auto hash = c->query_value<std::string>("SELECT password_hash FROM users WHERE username = 'budi'").value().value();
    EXPECT_EQ(all.find(hash), std::string::npos);
    EXPECT_EQ(all.find("$argon2"), std::string::npos);

    auto v = AuditService(*m_db).verify(Actor::system("t")).value();
    EXPECT_TRUE(v.ok) << v.reason.en;
}

// An admin manages the accounts of their own kota. Before, an admin of 36.71 could create an
// operator (or another admin) for any kota loaded in the database, and reset the password of
// that kota's accounts and sign in as them: a way out of their own scope. Now creating an account
// whose scope lies outside the admin's is refused (403 on wilayah), acting on one answers 404 like
// a missing account, and nothing changes.
TEST_F(AccessTest, AnAdminManagesOnlyTheAccountsOfTheirOwnKota) {
    auto data = area_data();
    ASSERT_TRUE(data);
    ASSERT_TRUE(wilayah::WilayahService(*m_db).load_from_area_data(Actor::system("test"), "36.72", *data));
    AccessService svc(*m_db);
    Actor const admin = admin_of_36_71();
    auto const sys = Actor::system("test");
    ASSERT_TRUE(svc.create_user(sys, NewUser{.username = "op72", .role = Role::Operator, .wilayah = {"36.72"}, .password = "kopi tubruk pagi"}));
    auto const users = svc.list_users(sys)->size();
    auto const audits = audit_rows(*m_db).size();

    for (auto role : {Role::Operator, Role::Admin, Role::Kepala}) {
        auto r = svc.create_user(admin, NewUser{.username = "lain", .role = role, .wilayah = {"36.72"}, .password = "kopi tubruk pagi"});
        ASSERT_FALSE(r) << role_name(role);
        EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
        EXPECT_EQ(r.error().field, "wilayah");
    }
    auto tksk = svc.create_user(admin, NewUser{.username = "tksk72", .role = Role::Tksk, .wilayah = {"36.72.01"}, .password = "kopi tubruk pagi"});
    ASSERT_FALSE(tksk);
    EXPECT_EQ(tksk.error().code, ErrorCode::PermissionDenied);
    // Another kota's account answers like a missing one (before: 403 naming its wilayah, which
    // told the admin that the username exists there).
    EXPECT_EQ(svc.reset_password(admin, "op72", "teh manis sore", true).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc.set_user_active(admin, "op72", false).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc.set_user_active(admin, "op72", true).error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc.list_users(sys)->size(), users);
    EXPECT_EQ(audit_rows(*m_db).size(), audits);
    EXPECT_TRUE(svc.login("op72", "kopi tubruk pagi", "10.0.0.1", "")) << "the password is unchanged and the account active";
    // Nor are they listed to them: another kota's accounts are not the admin's to see.
    auto listed = svc.list_users(admin);
    ASSERT_TRUE(listed);
    EXPECT_TRUE(std::none_of(listed->begin(), listed->end(), [](User const& u) { return u.username == "op72"; }));
    EXPECT_EQ(svc.get_user(admin, "op72").error().code, ErrorCode::NotFound);

    // Inside their kota they manage as before.
    ASSERT_TRUE(svc.create_user(admin, psm()));
    ASSERT_TRUE(svc.create_user(admin, NewUser{.username = "op71", .role = Role::Operator, .wilayah = {"36.71"}, .password = "kopi tubruk pagi"}));
    EXPECT_TRUE(svc.reset_password(admin, "budi", "teh manis sore", true));
    EXPECT_TRUE(svc.set_user_active(admin, "budi", false));
}

// A user's name is a name: at most 100 bytes of UTF-8. Before, any length was stored (a
// 100,000-character name came back in every user list, audit entry and event participant
// list) and the console stored bytes that are not UTF-8. Now both are 400 on nama and nothing
// is created.
TEST_F(AccessTest, AUsersNameIsBoundedUtf8) {
    AccessService svc(*m_db);
    auto const sys = Actor::system("test");
    auto const audits = audit_rows(*m_db).size();
    for (std::string bad : {std::string(101, 'x'), std::string("Bud\xffi"), std::string("Budi\xc3")}) {
        NewUser u = psm("budi");
        u.full_name = bad;
        auto r = svc.create_user(sys, u);
        ASSERT_FALSE(r) << bad.size();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().field, "nama");
    }
    EXPECT_TRUE(svc.list_users(sys)->empty());
    EXPECT_EQ(audit_rows(*m_db).size(), audits);
    NewUser ok = psm("budi");
    ok.full_name = "  Ngô Thị Hoa  ";
    auto u = svc.create_user(sys, ok);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->full_name, "Ngô Thị Hoa") << "trimmed";
}

TEST_F(AccessTest, ALockOutIsAudited) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    for (int i = 0; i < 5; ++i) (void)svc.login("budi", "wrong password!", "10.0.0." + std::to_string(i), "");
    EXPECT_FALSE(svc.login("budi", "kopi tubruk pagi", "10.0.1.1", ""));
    auto rows = audit_rows(*m_db);
    int failed = 0, locked = 0;
    for (auto const& r : rows) {
        failed += r.action == "auth.login_failed";
        locked += r.action == "auth.locked";
    }
    EXPECT_EQ(failed, 6) << "five wrong passwords and one attempt while locked";
    EXPECT_EQ(locked, 1);
    EXPECT_NE(rows.back().detail.find("locked"), std::string::npos) << rows.back().detail;
}

TEST_F(AccessTest, AFailedWriteLeavesNoAuditRow) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    auto before = audit_rows(*m_db).size();
    EXPECT_FALSE(svc.create_user(Actor::system("t"), psm())) << "already exists";
    EXPECT_FALSE(svc.set_user_active(Actor::system("t"), "ghost", false));
    EXPECT_FALSE(svc.reset_password(Actor::system("t"), "budi", "short", false));
    EXPECT_EQ(audit_rows(*m_db).size(), before);
}

TEST_F(AccessTest, ApiTokensActAsTheirUserUntilRevokedOrExpired) {
    AccessService svc(*m_db);
    auto sys = Actor::system("t");
    ASSERT_TRUE(svc.create_user(sys, psm()));
    auto t = svc.create_api_token(sys, "budi", std::chrono::hours(24), "sync job");
    ASSERT_TRUE(t) << t.error().describe(Lang::En);
    EXPECT_TRUE(t->secret.starts_with("pilar_"));
    auto c = m_db->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM api_tokens WHERE token_hash = ?", t->secret).value(), 0)
        << "only the hash is stored";
    auto who = svc.authenticate_token(t->secret);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->actor.username, "budi");
    EXPECT_EQ(who->actor.role, Role::Psm);
    EXPECT_FALSE(who->via_cookie) << "no CSRF for bearer tokens";
    EXPECT_FALSE(svc.authenticate_token("pilar_wrong"));
    EXPECT_FALSE(svc.authenticate_token(t->secret.substr(6))) << "prefix required";

    ASSERT_TRUE(svc.revoke_api_token(sys, t->token.id));
    EXPECT_EQ(svc.authenticate_token(t->secret).error().code, ErrorCode::Unauthenticated) << "revocation is immediate";
    EXPECT_EQ(svc.revoke_api_token(sys, t->token.id).error().code, ErrorCode::Conflict);

    auto short_lived = svc.create_api_token(sys, "budi", std::chrono::seconds(1), "").value();
    EXPECT_TRUE(svc.authenticate_token(short_lived.secret));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_FALSE(svc.authenticate_token(short_lived.secret)) << "expired";

    auto live = svc.create_api_token(sys, "budi", std::chrono::hours(1), "").value();
    ASSERT_TRUE(svc.set_user_active(sys, "budi", false));
    EXPECT_FALSE(svc.authenticate_token(live.secret)) << "a disabled user's tokens stop working";

    EXPECT_EQ(svc.create_api_token(sys, "nobody", std::chrono::hours(1), "").error().code, ErrorCode::NotFound);
    EXPECT_EQ(svc.create_api_token(sys, "budi", std::chrono::hours(24 * 400), "").error().field, "ttl");
    Actor op;
    op.role = Role::Operator;
    EXPECT_EQ(svc.create_api_token(op, "budi", std::chrono::hours(1), "").error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(svc.list_api_tokens(sys, std::string("budi")).value().size(), 3u);
}

TEST_F(AccessTest, LoginUpgradesAnOldPasswordHash) {
    AccessService svc(*m_db);
    ASSERT_TRUE(svc.create_user(Actor::system("t"), psm()));
    // A hash made with libsodium's INTERACTIVE limits (64 MiB), as an older Pilar would have.
    char old_hash[crypto_pwhash_STRBYTES];
    std::string pw = "kopi tubruk pagi";
    ASSERT_EQ(crypto_pwhash_str(old_hash, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
    auto c = m_db->acquire().value();
    ASSERT_TRUE(c->execute("UPDATE users SET password_hash = ? WHERE username = 'budi'", std::string(old_hash)));
    ASSERT_TRUE(needs_rehash(old_hash));
    ASSERT_TRUE(svc.login("budi", pw, "10.0.0.1", ""));
    auto now_hash = c->query_value<std::string>("SELECT password_hash FROM users WHERE username = 'budi'").value().value();
    EXPECT_NE(now_hash, old_hash);
    EXPECT_FALSE(needs_rehash(now_hash));
    EXPECT_TRUE(svc.login("budi", pw, "10.0.0.1", "")) << "the same password still works";
}

}  // namespace
}  // namespace pilar::access
