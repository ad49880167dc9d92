// SQL for users, scopes, sessions and API tokens.
#pragma once

#include "access/model.hpp"
#include "db/database.hpp"

namespace pilar::access::store {

struct UserRow {
    User user;
    std::string password_hash;
};

Result<std::optional<UserRow>> user_by_username(db::Connection& c, std::string_view username);
Result<std::optional<UserRow>> user_by_id(db::Connection& c, std::int64_t id);
Result<std::vector<User>> list_users(db::Connection& c);
Result<std::int64_t> insert_user(db::Connection& c, NewUser const& u, std::string_view hash, std::string_view now);
Result<void> set_scope(db::Connection& c, std::int64_t user_id, std::vector<std::string> const& kodes);
Result<void> set_active(db::Connection& c, std::int64_t user_id, bool active, std::string_view now);
Result<void> set_password(db::Connection& c, std::int64_t user_id, std::string_view hash, bool must_change,
                          std::string_view now);
Result<void> record_failed_login(db::Connection& c, std::int64_t user_id, int failed, std::optional<std::string> locked_until,
                                 std::string_view now);
Result<void> record_success(db::Connection& c, std::int64_t user_id);
// Same password, new hash parameters: nothing else about the user changes.
Result<void> update_password_hash(db::Connection& c, std::int64_t user_id, std::string_view hash);
Result<std::int64_t> count_users(db::Connection& c);

struct SessionRow {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string last_seen_at;
    std::string expires_at;
    bool revoked = false;
};
Result<void> insert_session(db::Connection& c, std::string_view token_hash, std::int64_t user_id, std::string_view csrf,
                            std::string_view now, std::string_view expires_at, std::string_view client,
                            std::string_view user_agent);
Result<std::optional<SessionRow>> session_by_hash(db::Connection& c, std::string_view token_hash);
Result<void> touch_session(db::Connection& c, std::int64_t id, std::string_view now);
Result<void> revoke_session(db::Connection& c, std::string_view token_hash, std::string_view now);
Result<void> revoke_user_sessions(db::Connection& c, std::int64_t user_id, std::string_view now);

Result<std::int64_t> insert_api_token(db::Connection& c, std::string_view token_hash, std::int64_t user_id,
                                      std::string_view label, std::string_view now, std::string_view expires_at);
struct ApiTokenRow {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string expires_at;
    std::optional<std::string> last_used_at;
    bool revoked = false;
};
Result<std::optional<ApiTokenRow>> api_token_by_hash(db::Connection& c, std::string_view token_hash);
Result<std::vector<ApiToken>> list_api_tokens(db::Connection& c, std::optional<std::int64_t> user_id);
Result<std::optional<ApiToken>> api_token_by_id(db::Connection& c, std::int64_t id);
Result<bool> revoke_api_token(db::Connection& c, std::int64_t id, std::string_view now);
Result<void> touch_api_token(db::Connection& c, std::int64_t id, std::string_view now);

// The revocation counter (migration 0019): moved in the transaction of every account-wide
// revocation, read by the session cache of every server process.
Result<void> bump_revocation(db::Connection& c);

// What a session cache reads at each revocation check, in one single-row read: the counter above
// and the seq of the newest targeted revocation (migration 0021).
struct RevocationState {
    std::int64_t generation = 0;
    std::int64_t last_revoked = 0;
};
Result<RevocationState> revocation_state(db::Connection& c);

// A targeted revocation (a logout, a revoked API token) for the other processes' caches: the next
// seq from access_revocation.last_revoked, a row in access_revoked, and the rows at or before
// `prune_before` removed — all in the caller's write transaction.
Result<void> record_revoked(db::Connection& c, std::string_view token_hash, std::string_view now,
                            std::string_view prune_before);
struct Revoked {
    std::int64_t seq = 0;
    std::string token_hash;
};
// The targeted revocations after `seq`, oldest first.
Result<std::vector<Revoked>> revoked_since(db::Connection& c, std::int64_t seq);
Result<std::optional<std::string>> api_token_hash(db::Connection& c, std::int64_t id);

}  // namespace pilar::access::store
