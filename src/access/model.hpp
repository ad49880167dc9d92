// Users, sessions and tokens as the access module sees them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/actor.hpp"

namespace pilar::access {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string full_name;
    Role role = Role::Psm;
    std::vector<std::string> wilayah;  // dotted codes of the scope
    bool active = true;
    bool must_change_password = false;
    int failed_logins = 0;
    std::optional<std::string> locked_until;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 1;
};

struct NewUser {
    std::string username;
    std::string full_name;
    Role role = Role::Psm;
    std::vector<std::string> wilayah;
    std::string password;
    bool must_change_password = false;
};

struct LoginResult {
    std::string session_token;  // goes into the cookie, never stored
    std::string csrf_token;
    std::string expires_at;
    User user;
};

// A machine client's credential: `Authorization: Bearer pilar_...`, acting as its user with
// that user's role and scope. Only the hash of the token is kept.
struct ApiToken {
    std::int64_t id = 0;
    std::string username;
    std::string label;
    std::string created_at;
    std::string expires_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};

struct NewApiToken {
    ApiToken token;
    std::string secret;  // shown once, never stored
};

struct SessionOptions {
    std::chrono::seconds idle_timeout{30 * 60};
    std::chrono::seconds absolute_timeout{12 * 3600};
    // How often the session cache reads the revocation counters (migrations 0019 and 0021) to
    // notice a revocation made by another process (`pilar user disable`, a logout on another app
    // server): at most this long after it, a cached session ends. 0: every request reads them (one
    // single-row read per request). `pilar serve --revocation-check-ms`.
    std::chrono::milliseconds revocation_check{1000};
    // How long a checked session or API token is answered from memory before the database is
    // asked again. Only tests change it (`PILAR_TEST_SESSION_CACHE_MS`, read by `pilar serve`): a
    // cache that would outlive the test tells a revocation that reached the server from one that
    // merely expired from its cache, without timing the test.
    std::chrono::milliseconds cache_for{10'000};
    // Tests only: runs after a credential was read from the database and before it is cached,
    // to put a revocation in that window.
    std::function<void()> after_credential_read;
};

// What authentication found, for the middleware.
struct Authenticated {
    Actor actor;
    std::string csrf_token;  // empty for API tokens (no CSRF with bearer tokens)
    bool via_cookie = false;
    // Set by an admin's reset or account creation: until the user picks their own password,
    // only the routes to do that are open.
    bool must_change_password = false;
};

// What a service tells the audit trail about one write (or one view of special data). The
// JSON is the record as the module shows it, minus secrets: never a password, a hash or a
// token.
struct AuditEvent {
    std::string action;     // "<entity>.<verb>": "wilayah.create", "user.disable", "auth.login_failed"
    std::string entity;     // "wilayah", "user", "audit" ...
    std::string entity_id;  // the record's key (a kode, a username)
    std::optional<std::string> before_json;  // absent when the record is new
    std::optional<std::string> after_json;   // absent when there is nothing to show
    std::string detail;                      // free text: a reason, a file and line, a count
    // An update's changed fields as {before, after} JSON, computed only when the entry is written
    // (access::changed_fields). Writers that hold both records set this instead of
    // before_json/after_json: the two full documents are never serialised and parsed again.
    std::function<std::pair<std::string, std::string>()> changes;
    // Wilayah codes (dotted, any level) of the data a console entry is about — an import's kota, an
    // export's filter, an erased person's region — so that only the admins of an overlapping kota
    // see it (migration 0022). Kept only for the console's entries (the system actor): an account's
    // entries belong to the account's area. Empty: about no kota in particular (every admin).
    std::vector<std::string> area;
};

// One row of audit_log, as stored and hashed.
struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;
    std::int64_t actor_user_id = 0;
    std::string actor_username;
    std::string actor_role;
    std::string client_address;
    std::string request_id;
    std::string action;
    std::string entity;
    std::string entity_id;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
    std::string detail;
    std::string prev_hash;
    std::string hash;
    // Chain v2 (migration 0007): the digest of before_json, after_json and detail that `hash`
    // covers in their place; nullopt on rows written before it (chain v1).
    std::optional<std::string> payload_hash;
    // Set when the payload was redacted (erasure of a person): the seq of the "audit.redact"
    // entry that lists this one. before_json/after_json are then NULL and detail a marker.
    std::optional<std::int64_t> redacted_by;
};

// Filters of the audit browser and the export; every one that is set must match.
struct AuditFilter {
    std::optional<std::string> from;           // at >= from (ISO-8601 UTC prefix, no 'Z')
    std::optional<std::string> to;             // at < to
    std::optional<std::string> actor;          // actor_username, exact
    std::optional<std::string> action;         // the action or a dotted prefix of it ("wilayah")
    std::optional<std::string> entity;         // exact
    std::optional<std::string> entity_id;      // exact
    std::optional<std::int64_t> before_seq;    // keyset cursor: seq < before_seq
    // The reader's area (dotted codes: an admin's kota), set by AuditService from the caller; absent
    // for the console. Several kota may share one database: an entry belongs to the area of the
    // account that acted (for a failed login, of the account whose name was tried); an entry of the
    // console about a wilayah or an account to the area of that wilayah or account; the console's
    // other entries (imports, exports, repairs) and failed logins under a name no account has name
    // no area and are shown to every admin.
    std::optional<std::vector<std::string>> area;
};

}  // namespace pilar::access
