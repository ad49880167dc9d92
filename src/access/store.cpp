#include "access/store.hpp"

namespace pilar::access::store {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, full_name, role, active, must_change_password, failed_logins, locked_until, created_at, "
    "updated_at, version, password_hash";

Result<UserRow> read_user(db::Connection& c, db::StatementRef const& s) {
    UserRow r;
    r.user.id = s.integer(0);
    r.user.username = s.string(1);
    r.user.full_name = s.string(2);
    r.user.role = role_from_name(s.text(3)).value_or(Role::Psm);
    r.user.active = s.integer(4) != 0;
    r.user.must_change_password = s.integer(5) != 0;
    r.user.failed_logins = static_cast<int>(s.integer(6));
    r.user.locked_until = s.opt_string(7);
    r.user.created_at = s.string(8);
    r.user.updated_at = s.string(9);
    r.user.version = s.integer(10);
    r.password_hash = s.string(11);
    (void)c;
    return r;
}

Result<void> load_scope(db::Connection& c, User& u) {
    auto s = PILAR_TRY(c.prepare("SELECT kode FROM user_wilayah WHERE user_id = ? ORDER BY kode"));
    PILAR_TRY(s.bind_all(u.id));
    u.wilayah.clear();
    while (PILAR_TRY(s.step())) u.wilayah.push_back(s.string(0));
    return {};
}

Result<std::optional<UserRow>> one_user(db::Connection& c, std::string_view where, auto const& key) {
    std::string sql = "SELECT " + std::string(kUserColumns) + " FROM users WHERE " + std::string(where);
    std::optional<UserRow> out;
    {
        auto s = PILAR_TRY(c.prepare(sql));
        PILAR_TRY(s.bind_all(key));
        if (!PILAR_TRY(s.step())) return out;
        out = PILAR_TRY(read_user(c, s));
    }
    PILAR_TRY(load_scope(c, out->user));
    return out;
}

}  // namespace

Result<std::optional<UserRow>> user_by_username(db::Connection& c, std::string_view username) {
    return one_user(c, "username = ?", username);
}

Result<std::optional<UserRow>> user_by_id(db::Connection& c, std::int64_t id) { return one_user(c, "id = ?", id); }

Result<std::vector<User>> list_users(db::Connection& c) {
    std::vector<User> out;
    {
        auto s = PILAR_TRY(c.prepare("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY username"));
        while (PILAR_TRY(s.step())) out.push_back(PILAR_TRY(read_user(c, s)).user);
    }
    for (auto& u : out) PILAR_TRY(load_scope(c, u));
    return out;
}

Result<std::int64_t> insert_user(db::Connection& c, NewUser const& u, std::string_view hash, std::string_view now) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO users (username, full_name, role, password_hash, must_change_password, created_at, updated_at, "
        "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        u.username, u.full_name, role_name(u.role), hash, u.must_change_password, now, now, now));
    return id.value_or(0);
}

Result<void> set_scope(db::Connection& c, std::int64_t user_id, std::vector<std::string> const& kodes) {
    PILAR_TRY(c.execute("DELETE FROM user_wilayah WHERE user_id = ?", user_id));
    for (auto const& k : kodes) PILAR_TRY(c.execute("INSERT INTO user_wilayah (user_id, kode) VALUES (?, ?)", user_id, k));
    return {};
}

Result<void> set_active(db::Connection& c, std::int64_t user_id, bool active, std::string_view now) {
    PILAR_TRY(c.execute("UPDATE users SET active = ?, updated_at = ?, version = version + 1 WHERE id = ?", active, now,
                        user_id));
    return {};
}

Result<void> set_password(db::Connection& c, std::int64_t user_id, std::string_view hash, bool must_change,
                          std::string_view now) {
    PILAR_TRY(c.execute(
        "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, updated_at = ?, "
        "failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?",
        hash, must_change, now, now, user_id));
    return {};
}

Result<void> record_failed_login(db::Connection& c, std::int64_t user_id, int failed,
                                 std::optional<std::string> locked_until, std::string_view now) {
    (void)now;
    PILAR_TRY(c.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failed, locked_until, user_id));
    return {};
}

Result<void> record_success(db::Connection& c, std::int64_t user_id) {
    PILAR_TRY(c.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND failed_logins != 0",
                        user_id));
    return {};
}

Result<void> update_password_hash(db::Connection& c, std::int64_t user_id, std::string_view hash) {
    PILAR_TRY(c.execute("UPDATE users SET password_hash = ? WHERE id = ?", hash, user_id));
    return {};
}

Result<std::int64_t> count_users(db::Connection& c) {
    return PILAR_TRY(c.query_value<std::int64_t>("SELECT count(*) FROM users")).value_or(0);
}

Result<void> insert_session(db::Connection& c, std::string_view token_hash, std::int64_t user_id, std::string_view csrf,
                            std::string_view now, std::string_view expires_at, std::string_view client,
                            std::string_view user_agent) {
    PILAR_TRY(c.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_address, "
        "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        token_hash, user_id, csrf, now, now, expires_at, client, user_agent.substr(0, 200)));
    return {};
}

Result<std::optional<SessionRow>> session_by_hash(db::Connection& c, std::string_view token_hash) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT id, user_id, csrf_token, last_seen_at, expires_at, revoked_at IS NOT NULL FROM sessions WHERE token_hash = ?"));
    PILAR_TRY(s.bind_all(token_hash));
    if (!PILAR_TRY(s.step())) return std::optional<SessionRow>{};
    return std::optional<SessionRow>(
        SessionRow{s.integer(0), s.integer(1), s.string(2), s.string(3), s.string(4), s.integer(5) != 0});
}

Result<void> touch_session(db::Connection& c, std::int64_t id, std::string_view now) {
    PILAR_TRY(c.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", now, id));
    return {};
}

Result<void> revoke_session(db::Connection& c, std::string_view token_hash, std::string_view now) {
    PILAR_TRY(c.execute("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", now, token_hash));
    return {};
}

Result<void> revoke_user_sessions(db::Connection& c, std::int64_t user_id, std::string_view now) {
    PILAR_TRY(c.execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, user_id));
    return {};
}

namespace {

constexpr std::string_view kTokenColumns =
    "t.id, u.username, t.label, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

ApiToken read_token(db::StatementRef const& s) {
    return ApiToken{s.integer(0), s.string(1), s.string(2), s.string(3), s.string(4), s.opt_string(5), s.opt_string(6)};
}

}  // namespace

Result<std::int64_t> insert_api_token(db::Connection& c, std::string_view token_hash, std::int64_t user_id,
                                      std::string_view label, std::string_view now, std::string_view expires_at) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        token_hash, user_id, label, now, expires_at));
    return id.value_or(0);
}

Result<std::optional<ApiTokenRow>> api_token_by_hash(db::Connection& c, std::string_view token_hash) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT id, user_id, expires_at, last_used_at, revoked_at IS NOT NULL FROM api_tokens WHERE token_hash = ?"));
    PILAR_TRY(s.bind_all(token_hash));
    if (!PILAR_TRY(s.step())) return std::optional<ApiTokenRow>{};
    return std::optional<ApiTokenRow>(ApiTokenRow{s.integer(0), s.integer(1), s.string(2), s.opt_string(3), s.integer(4) != 0});
}

Result<std::vector<ApiToken>> list_api_tokens(db::Connection& c, std::optional<std::int64_t> user_id) {
    std::string sql = "SELECT " + std::string(kTokenColumns) + " FROM api_tokens t JOIN users u ON u.id = t.user_id";
    if (user_id) sql += " WHERE t.user_id = ?";
    sql += " ORDER BY t.id";
    auto s = PILAR_TRY(c.prepare(sql));
    if (user_id) PILAR_TRY(s.bind_all(*user_id));
    std::vector<ApiToken> out;
    while (PILAR_TRY(s.step())) out.push_back(read_token(s));
    return out;
}

Result<std::optional<ApiToken>> api_token_by_id(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare("SELECT " + std::string(kTokenColumns) +
                                 " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<ApiToken>{};
    return std::optional<ApiToken>(read_token(s));
}

Result<bool> revoke_api_token(db::Connection& c, std::int64_t id, std::string_view now) {
    return PILAR_TRY(c.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)) > 0;
}

Result<void> bump_revocation(db::Connection& c) {
    PILAR_TRY(c.execute("UPDATE access_revocation SET generation = generation + 1 WHERE id = 1"));
    return {};
}

Result<RevocationState> revocation_state(db::Connection& c) {
    auto s = PILAR_TRY(c.prepare("SELECT generation, last_revoked FROM access_revocation WHERE id = 1"));
    if (!PILAR_TRY(s.step())) return RevocationState{};
    return RevocationState{.generation = s.integer(0), .last_revoked = s.integer(1)};
}

Result<void> record_revoked(db::Connection& c, std::string_view token_hash, std::string_view now,
                            std::string_view prune_before) {
    auto seq = PILAR_TRY(c.query_value<std::int64_t>(
        "UPDATE access_revocation SET last_revoked = last_revoked + 1 WHERE id = 1 RETURNING last_revoked"));
    if (!seq) return fail(ErrorCode::Internal, {"Baris access_revocation tidak ada", "The access_revocation row is missing"});
    PILAR_TRY(c.execute("INSERT INTO access_revoked (seq, token_hash, at) VALUES (?, ?, ?)", *seq, token_hash, now));
    PILAR_TRY(c.execute("DELETE FROM access_revoked WHERE at <= ?", prune_before));
    return {};
}

Result<std::vector<Revoked>> revoked_since(db::Connection& c, std::int64_t seq) {
    auto s = PILAR_TRY(c.prepare("SELECT seq, token_hash FROM access_revoked WHERE seq > ? ORDER BY seq"));
    PILAR_TRY(s.bind_all(seq));
    std::vector<Revoked> out;
    while (PILAR_TRY(s.step())) out.push_back(Revoked{s.integer(0), s.string(1)});
    return out;
}

Result<std::optional<std::string>> api_token_hash(db::Connection& c, std::int64_t id) {
    return c.query_value<std::string>("SELECT token_hash FROM api_tokens WHERE id = ?", id);
}

Result<void> touch_api_token(db::Connection& c, std::int64_t id, std::string_view now) {
    PILAR_TRY(c.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, id));
    return {};
}

}  // namespace pilar::access::store
