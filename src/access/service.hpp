// Users, roles and area scope; login, sessions and the authentication the HTTP middleware uses.
//
//   AccessService access(db);
//   access.create_user(Actor::system("cli"), {.username = "budi", .role = Role::Psm,
//                      .wilayah = {"36.71.01.1001.004"}, .password = "..."});
//   auto login = access.login("budi", "...", "127.0.0.1", "curl");
//   auto who = access.authenticate_session(login->session_token);   // -> Actor with scope
//
// Reading a session never writes on the caller's thread (reads run on the server's I/O
// threads, which must not wait for the database's write lock or an fsync): the sliding idle
// window's "last seen" and API tokens' "last used" are collected in memory and written in one
// transaction every 15 seconds by a background thread, started on first use.
//
// Sessions are cached in memory for up to 10 seconds after a database check, so a busy client
// does not cost three queries per request. Logout, disabling a user, password resets and changes
// and token revocation drop the cache entries at once in this process. The account-wide ones
// (disable, password reset or change) also move a counter in the database (migration 0019, in the
// same transaction), which the cache reads at most every `SessionOptions::revocation_check` (1 s)
// and empties itself on when it moved. A logout or a revoked token instead adds one row naming
// that credential's hash (migration 0021, `access_revoked`, numbered by a second counter in the
// same row), and each cache drops exactly that entry when it sees the row at its check — the rest
// of its cache stays. Either way a revocation by another process — the console's `pilar user
// disable|reset-password`, `pilar token revoke`, another app server sharing the database — ends a
// cached session within about a second.
//
// Every write here appends to the audit trail (access/audit.hpp) in the same transaction:
// user.create, user.enable, user.disable, user.password_reset, user.password_change,
// auth.login, auth.login_failed, auth.locked, auth.logout. Never a password, hash or token.
//
// Throttling: each failed login on an account adds to its count; from the 5th in a row the
// account is locked for 1, 2, 4 ... up to 60 minutes. A client address with 10 failures in a
// row waits 1, 2, 4 ... up to 900 seconds before it may try again. Both reset on success.
#pragma once

#include <array>
#include <chrono>
#include <cstring>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "access/model.hpp"
#include "db/database.hpp"

namespace pilar::access {

// A rule another module holds on accounts, checked inside the write transaction that creates one
// (and that will change an account's role or area, should such a change be added), after the
// account's own checks: `account` is the account as it would stand. An error refuses the whole
// change. The composition root binds the workforce roster's reserved usernames
// (workforce::check_reserved_username); access itself knows no other module.
using AccountCheck = std::function<Result<void>(db::Connection& c, Actor const& actor, User const& account)>;

class AccessService {
public:
    explicit AccessService(db::Database& db, SessionOptions options = {});
    ~AccessService();
    AccessService(AccessService const&) = delete;
    AccessService& operator=(AccessService const&) = delete;

    // Writes pending "last seen"/"last used" times now (also done every 15 s and on destruction).
    Result<void> flush_touches();

    void add_account_check(AccountCheck check) { m_account_checks.push_back(std::move(check)); }

    Result<User> create_user(Actor const& actor, NewUser u);
    Result<std::vector<User>> list_users(Actor const& actor);
    Result<User> get_user(Actor const& actor, std::string_view username);
    Result<User> set_user_active(Actor const& actor, std::string_view username, bool active);
    // Sets a new password (admin reset or the user's own change); revokes the user's sessions.
    Result<void> reset_password(Actor const& actor, std::string_view username, std::string_view new_password,
                                bool must_change);
    Result<void> change_own_password(Actor const& actor, std::string_view current, std::string_view next);
    Result<std::int64_t> user_count();

    // Every attempt is audited: auth.login, or auth.login_failed (and auth.locked when this
    // failure locks the account). `request_id` ties the audit entry to the access log line.
    Result<LoginResult> login(std::string_view username, std::string_view password, std::string_view client_address,
                              std::string_view user_agent, std::string_view request_id = {});
    // Revokes the session `actor` authenticated with.
    Result<void> logout(Actor const& actor, std::string_view session_token);
    Result<Authenticated> authenticate_session(std::string_view session_token, std::string_view client_address = {});

    // API tokens for machine clients. `ttl` at most 366 days. The secret is returned once.
    Result<NewApiToken> create_api_token(Actor const& actor, std::string_view username, std::chrono::seconds ttl,
                                         std::string label);
    Result<std::vector<ApiToken>> list_api_tokens(Actor const& actor, std::optional<std::string> username);
    Result<ApiToken> revoke_api_token(Actor const& actor, std::int64_t id);
    Result<Authenticated> authenticate_token(std::string_view bearer_token, std::string_view client_address = {});

    SessionOptions const& options() const { return m_options; }

private:
    Result<std::vector<WilayahCode>> validate_scope(db::Connection& c, Role role, std::vector<std::string>& wilayah);
    Result<void> check_address_throttle(std::string_view client_address);
    void note_address_failure(std::string_view client_address);
    void note_address_success(std::string_view client_address);

    void forget_sessions_of(std::int64_t user_id);
    void note_touch(std::int64_t session_id, std::string const& now);
    void note_token_use(std::int64_t token_id, std::string const& now);
    void start_maintenance_locked();
    // The cache's key for a session or API token: a 128-bit keyed hash (SipHash) under a key
    // drawn at start, so the cache holds no usable credential and a request costs no BLAKE2b
    // (the database's token hash, computed only on a miss).
    using CacheKey = std::array<unsigned char, 16>;
    struct CacheKeyHash {
        std::size_t operator()(CacheKey const& k) const {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);  // already a keyed hash: any 8 bytes of it will do
            return h;
        }
    };
    CacheKey cache_key(std::string_view credential) const;
    // A miss sets `epoch` to the cache's epoch, for remember(): see m_cache_epoch.
    std::optional<Authenticated> cached(CacheKey const& key, std::string_view client_address, std::uint64_t& epoch);
    // Reads the revocation counters: empties the cache when the account-wide one moved since the
    // last read, and drops the credentials of the targeted revocations (migration 0021) it has
    // not seen yet.
    void check_revocations();
    void remember(CacheKey const& key, std::string const& token_hash, Authenticated const& auth,
                  std::string const& expires_at, std::uint64_t epoch);
    // Drops the cached credential whose database hash this is (a logout, a revoked token).
    void forget_credential(std::string const& token_hash);

    db::Database& m_db;
    SessionOptions m_options;
    std::vector<AccountCheck> m_account_checks;
    struct CachedSession {
        Authenticated auth;
        std::chrono::steady_clock::time_point checked_at;
        std::string token_hash;  // as the database keeps it: how another process names it (0021)
    };
    using CacheMap = std::unordered_map<CacheKey, CachedSession, CacheKeyHash>;
    // Both under m_cache_mutex, always changed together: the cache, and its entries by token hash,
    // so a targeted revocation costs one look-up, not a pass over the cache.
    void drop_cached(CacheMap::iterator it);
    void drop_all_cached();
    std::mutex m_cache_mutex;
    CacheMap m_session_cache;
    std::unordered_map<std::string, CacheKey> m_cache_by_hash;
    // The revocation counter as last read, and when a read was last started (both under
    // m_cache_mutex): the cache holds nothing checked before a revocation this counter shows.
    std::optional<std::int64_t> m_revocation_generation;
    // The seq of the newest targeted revocation (access_revoked) applied to the cache.
    std::optional<std::int64_t> m_revoked_seen;
    std::chrono::steady_clock::time_point m_revocation_checked_at{};
    // Moves (under m_cache_mutex) whenever entries are dropped for a revocation. A credential read
    // from the database is cached only if the epoch has not moved since before that read: a
    // revocation committed and forgotten while the read was in flight must not be undone by
    // caching what the read saw just before it.
    std::uint64_t m_cache_epoch = 0;
    std::array<unsigned char, 16> m_cache_secret{};  // the key of cache_key()
    struct AddressState {
        int failures = 0;
        std::chrono::steady_clock::time_point blocked_until{};
    };
    std::mutex m_touch_mutex;
    std::condition_variable_any m_maintenance_cv;
    std::unordered_map<std::int64_t, std::string> m_pending_session_touches;
    std::unordered_map<std::int64_t, std::string> m_pending_token_touches;
    std::jthread m_maintenance;  // joined first thing in the destructor
    std::mutex m_throttle_mutex;
    std::unordered_map<std::string, AddressState> m_addresses;
};

Actor actor_for(User const& u);

}  // namespace pilar::access
