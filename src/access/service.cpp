#include "access/service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <sodium.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/password.hpp"
#include "access/store.hpp"
#include "core/background.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"

namespace pilar::access {
namespace {

using Clock = std::chrono::system_clock;

constexpr int kAccountLockAfter = 5;
constexpr int kAddressBlockAfter = 10;

Error bad_credentials() {
    return Error(ErrorCode::Unauthenticated,
                 {"Nama pengguna atau kata sandi salah", "Wrong username or password"});
}

// How long a targeted revocation (migration 0021) stays for other processes to read: far beyond
// the 10 s a credential is cached (SessionOptions::cache_for), so app servers whose clocks
// disagree by a few minutes (the limit docs/operations.md already sets) still see every one that
// could matter to their cache.
constexpr auto kRevokedKeptFor = std::chrono::minutes(10);
constexpr auto kMaxTokenTtl = std::chrono::hours(24 * 366);

Error token_invalid() {
    return Error(ErrorCode::Unauthenticated, {"Token API tidak berlaku (salah, dicabut atau kedaluwarsa)",
                                              "The API token is not valid (wrong, revoked or expired)"});
}

Error session_invalid() {
    return Error(ErrorCode::Unauthenticated,
                 {"Sesi sudah berakhir; silakan masuk lagi", "Your session has ended; please log in again"});
}

Result<void> require_admin(Actor const& actor) {
    if (actor.is_system() || actor.role == Role::Admin) return {};
    return fail(ErrorCode::PermissionDenied,
                {"Hanya admin yang boleh mengelola pengguna", "Only an admin may manage users"});
}

// An admin manages the accounts whose scope lies in their own (their kota): an account for
// another kota would be a way out of it (reset its password, sign in as it). The console
// (system actor) manages every account.
Result<void> require_manages(Actor const& actor, std::vector<std::string> const& wilayah) {
    if (actor.is_system()) return {};
    for (auto const& k : wilayah) {
        auto code = WilayahCode::parse(k);
        if (!code) return fail(Error(code.error()).at_field("wilayah"));
        if (!actor.in_scope(*code)) return fail(outside_area("wilayah", *code));
    }
    return {};
}

// The account an admin acts on: one outside the admin's kota answers like one that does not
// exist (404), as every other record of another area does, so the answer does not tell the
// admin of one kota which usernames another kota has.
Result<store::UserRow> managed_user(db::Connection& c, Actor const& actor, std::string_view username) {
    auto row = PILAR_TRY(store::user_by_username(c, username));
    if (!row || !require_manages(actor, row->user.wilayah))
        return fail(ErrorCode::NotFound, {fmt::format("Pengguna {} tidak ada", username), fmt::format("No user {}", username)});
    return std::move(*row);
}

Result<void> valid_username(std::string_view u) {
    bool ok = u.size() >= 3 && u.size() <= 64;
    for (char c : u)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
              c == '_' || c == '-'))
            ok = false;
    if (!ok)
        return fail(Error(ErrorCode::InvalidArgument,
                          {"Nama pengguna 3-64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung",
                           "Username must be 3-64 characters: lower-case letters, digits, '.', '_' or '-'"})
                        .at_field("username"));
    return {};
}

// The user as the audit trail shows it: no password hash, no session, nothing secret.
std::string user_json(User const& u) {
    boost::json::array scope;
    for (auto const& k : u.wilayah) scope.emplace_back(k);
    boost::json::object o{{"username", u.username},
                          {"nama", u.full_name},
                          {"role", role_name(u.role)},
                          {"wilayah", std::move(scope)},
                          {"aktif", u.active},
                          {"wajib_ganti_sandi", u.must_change_password},
                          {"gagal_masuk", u.failed_logins},
                          {"version", u.version}};
    if (u.locked_until) o["terkunci_sampai"] = *u.locked_until;
    return boost::json::serialize(o);
}

// A name someone typed at the login form, fit for the audit trail: only when it looks like a
// username (people do type their password into the wrong field).
std::string attempted_username(std::string_view u) {
    if (valid_username(u)) return std::string(u);
    return "?";
}

}  // namespace

Actor actor_for(User const& u) {
    Actor a;
    a.user_id = u.id;
    a.username = u.username;
    a.role = u.role;
    for (auto const& k : u.wilayah)
        if (auto code = WilayahCode::parse(k)) a.scope.push_back(*code);
    return a;
}

Result<std::vector<WilayahCode>> AccessService::validate_scope(db::Connection& c, Role role,
                                                               std::vector<std::string>& wilayah) {
    std::vector<WilayahCode> codes;
    for (auto& k : wilayah) {
        auto code = WilayahCode::parse(k);
        if (!code) return fail(code.error().at_field("wilayah"));
        auto exists = PILAR_TRY(c.query_value<std::int64_t>("SELECT count(*) FROM wilayah WHERE kode = ? AND active = 1",
                                                             code->dotted()));
        if (exists.value_or(0) == 0)
            return fail(Error(ErrorCode::InvalidArgument,
                              {fmt::format("Wilayah {} tidak ada atau tidak aktif", code->dotted()),
                               fmt::format("Wilayah {} does not exist or is retired", code->dotted())})
                            .at_field("wilayah"));
        k = code->dotted();
        codes.push_back(*code);
    }
    auto want = [&](Tingkat t, std::string_view id, std::string_view en, bool many) -> Result<std::vector<WilayahCode>> {
        bool ok = !codes.empty() && (many || codes.size() == 1) &&
                  std::all_of(codes.begin(), codes.end(), [t](auto const& c2) { return c2.tingkat() == t; });
        if (!ok)
            return fail(Error(ErrorCode::InvalidArgument, {std::string(id), std::string(en)}).at_field("wilayah"));
        return codes;
    };
    switch (role) {
        case Role::Psm:
            return want(Tingkat::Rw, "PSM ditugaskan ke satu atau lebih RW (--wilayah kode RW)",
                        "A PSM is assigned one or more RW (--wilayah RW code)", true);
        case Role::Tksk:
            return want(Tingkat::Kecamatan, "TKSK ditugaskan ke tepat satu kecamatan",
                        "A TKSK is assigned exactly one kecamatan", false);
        default:
            return want(Tingkat::Kota, "Peran kantor (operator, kepala, admin) mencakup satu kota/kabupaten",
                        "Office roles (operator, kepala, admin) cover one kota/kabupaten", false);
    }
}

Result<User> AccessService::create_user(Actor const& actor, NewUser u) {
    PILAR_TRY(require_admin(actor));
    u.username = to_lower_ascii(trim(u.username));
    PILAR_TRY(valid_username(u.username));
    u.full_name = std::string(trim(u.full_name));
    if (u.full_name.size() > 100 || !is_valid_utf8(u.full_name))
        return fail(Error(ErrorCode::InvalidArgument, {"nama paling panjang 100 byte UTF-8", "nama is at most 100 bytes of UTF-8"})
                        .at_field("nama"));
    PILAR_TRY(check_password_policy(u.username, u.password));
    auto hash = PILAR_TRY(hash_password(u.password));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(validate_scope(*c, u.role, u.wilayah));
    PILAR_TRY(require_manages(actor, u.wilayah));
    if (PILAR_TRY(store::user_by_username(*c, u.username)))
        return fail(Error(ErrorCode::AlreadyExists, {fmt::format("Pengguna {} sudah ada", u.username),
                                                     fmt::format("User {} already exists", u.username)})
                        .at_field("username"));
    for (auto const& check : m_account_checks)
        PILAR_TRY(check(*c, actor, User{.username = u.username, .full_name = u.full_name, .role = u.role, .wilayah = u.wilayah}));
    auto now = utc_now_iso();
    auto id = PILAR_TRY(store::insert_user(*c, u, hash, now));
    PILAR_TRY(store::set_scope(*c, id, u.wilayah));
    auto row = PILAR_TRY(store::user_by_id(*c, id));
    PILAR_TRY(append_audit(*c, actor, {.action = "user.create", .entity = "user", .entity_id = row->user.username,
                                       .after_json = user_json(row->user)}));
    PILAR_TRY(tx.commit());
    return row->user;
}

Result<std::vector<User>> AccessService::list_users(Actor const& actor) {
    PILAR_TRY(require_admin(actor));
    auto c = PILAR_TRY(m_db.acquire());
    auto users = PILAR_TRY(store::list_users(*c));
    std::erase_if(users, [&](User const& u) { return !require_manages(actor, u.wilayah); });
    return users;
}

Result<User> AccessService::get_user(Actor const& actor, std::string_view username) {
    if (actor.username != username) PILAR_TRY(require_admin(actor));
    auto c = PILAR_TRY(m_db.acquire());
    if (actor.username == username) {
        auto row = PILAR_TRY(store::user_by_username(*c, username));
        if (row) return row->user;
    }
    return PILAR_TRY(managed_user(*c, actor, username)).user;
}

Result<User> AccessService::set_user_active(Actor const& actor, std::string_view username, bool active) {
    PILAR_TRY(require_admin(actor));
    if (!active && actor.username == username)
        return fail(ErrorCode::Conflict, {"Anda tidak bisa menonaktifkan akun sendiri", "You cannot disable your own account"});
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(managed_user(*c, actor, username));
    auto now = utc_now_iso();
    PILAR_TRY(store::set_active(*c, row.user.id, active, now));
    if (!active) {
        PILAR_TRY(store::revoke_user_sessions(*c, row.user.id, now));
        PILAR_TRY(store::bump_revocation(*c));
    }
    auto updated = PILAR_TRY(store::user_by_id(*c, row.user.id));
    PILAR_TRY(append_audit(*c, actor,
                           {.action = active ? "user.enable" : "user.disable", .entity = "user",
                            .entity_id = row.user.username, .before_json = user_json(row.user),
                            .after_json = user_json(updated->user),
                            .detail = active ? "" : "sesi dicabut / sessions revoked"}));
    PILAR_TRY(tx.commit());
    forget_sessions_of(row.user.id);
    return updated->user;
}

Result<void> AccessService::reset_password(Actor const& actor, std::string_view username, std::string_view new_password,
                                           bool must_change) {
    PILAR_TRY(require_admin(actor));
    PILAR_TRY(check_password_policy(username, new_password));
    auto hash = PILAR_TRY(hash_password(new_password));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(managed_user(*c, actor, username));
    auto now = utc_now_iso();
    PILAR_TRY(store::set_password(*c, row.user.id, hash, must_change, now));
    PILAR_TRY(store::revoke_user_sessions(*c, row.user.id, now));
    PILAR_TRY(store::bump_revocation(*c));
    auto updated = PILAR_TRY(store::user_by_id(*c, row.user.id));
    PILAR_TRY(append_audit(*c, actor,
                           {.action = "user.password_reset", .entity = "user", .entity_id = row.user.username,
                            .before_json = user_json(row.user), .after_json = user_json(updated->user),
                            .detail = "sesi dicabut / sessions revoked"}));
    PILAR_TRY(tx.commit());
    forget_sessions_of(row.user.id);
    return {};
}

Result<void> AccessService::change_own_password(Actor const& actor, std::string_view current, std::string_view next) {
    auto c = PILAR_TRY(m_db.acquire());
    auto row = PILAR_TRY(store::user_by_id(*c, actor.user_id));
    if (!row || !verify_password(row->password_hash, current))
        return fail(Error(ErrorCode::InvalidArgument, {"Kata sandi sekarang salah", "The current password is wrong"})
                        .at_field("current_password"));
    PILAR_TRY(check_password_policy(row->user.username, next));
    if (current == next)
        return fail(Error(ErrorCode::InvalidArgument, {"Kata sandi baru harus berbeda", "The new password must differ"})
                        .at_field("new_password"));
    auto hash = PILAR_TRY(hash_password(next));
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(store::set_password(*c, row->user.id, hash, false, utc_now_iso()));
    PILAR_TRY(store::bump_revocation(*c));  // other servers' cached "must change password"
    auto updated = PILAR_TRY(store::user_by_id(*c, row->user.id));
    PILAR_TRY(append_audit(*c, actor,
                           {.action = "user.password_change", .entity = "user", .entity_id = row->user.username,
                            .before_json = user_json(row->user), .after_json = user_json(updated->user)}));
    PILAR_TRY(tx.commit());
    forget_sessions_of(row->user.id);  // the cached "must change password" is stale now
    return {};
}

Result<std::int64_t> AccessService::user_count() {
    auto c = PILAR_TRY(m_db.acquire());
    return store::count_users(*c);
}

Result<void> AccessService::check_address_throttle(std::string_view client_address) {
    std::lock_guard lock(m_throttle_mutex);
    auto it = m_addresses.find(std::string(client_address));
    if (it == m_addresses.end()) return {};
    auto now = std::chrono::steady_clock::now();
    if (it->second.blocked_until > now) {
        auto wait = std::chrono::duration_cast<std::chrono::seconds>(it->second.blocked_until - now).count() + 1;
        return fail(ErrorCode::ResourceExhausted,
                    {fmt::format("Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {} detik", wait),
                     fmt::format("Too many failed logins; try again in {} seconds", wait)});
    }
    return {};
}

void AccessService::note_address_failure(std::string_view client_address) {
    std::lock_guard lock(m_throttle_mutex);
    if (m_addresses.size() > 100000) m_addresses.clear();  // bound memory under a spray of addresses
    auto& st = m_addresses[std::string(client_address)];
    ++st.failures;
    if (st.failures >= kAddressBlockAfter) {
        int exp = std::min(st.failures - kAddressBlockAfter, 10);
        auto delay = std::min(std::chrono::seconds(1LL << exp), std::chrono::seconds(900));
        st.blocked_until = std::chrono::steady_clock::now() + delay;
    }
}

void AccessService::note_address_success(std::string_view client_address) {
    std::lock_guard lock(m_throttle_mutex);
    m_addresses.erase(std::string(client_address));
}

Result<LoginResult> AccessService::login(std::string_view username_in, std::string_view password,
                                         std::string_view client_address, std::string_view user_agent,
                                         std::string_view request_id) {
    PILAR_TRY(check_address_throttle(client_address));
    std::string username = to_lower_ascii(trim(username_in));
    auto c = PILAR_TRY(m_db.acquire());
    auto row = PILAR_TRY(store::user_by_username(*c, username));
    // Whoever is at the form is not authenticated: failed attempts are recorded as "anonymous"
    // with the name that was tried. Each is its own short write transaction, so the record
    // survives although the login itself changes nothing (or only the failure count).
    AuditActor const anonymous{.user_id = 0,
                               .username = row ? row->user.username : attempted_username(username),
                               .role = "anonymous",
                               .client_address = std::string(client_address),
                               .request_id = std::string(request_id)};
    auto audit_failure = [&](std::string detail) -> Result<void> {
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(append_audit(*c, anonymous, {.action = "auth.login_failed", .entity = "user",
                                               .entity_id = anonymous.username, .detail = std::move(detail)}));
        return tx.commit();
    };
    if (!row || !row->user.active) {
        verify_dummy(password);
        note_address_failure(client_address);
        PILAR_TRY(audit_failure(!row ? "pengguna tidak dikenal / unknown user" : "akun nonaktif / account disabled"));
        return fail(bad_credentials());
    }
    auto const now_tp = Clock::now();
    auto const now = utc_iso(now_tp);
    if (row->user.locked_until && *row->user.locked_until > now) {
        note_address_failure(client_address);
        PILAR_TRY(audit_failure(fmt::format("akun terkunci sampai / account locked until {}", *row->user.locked_until)));
        return fail(ErrorCode::ResourceExhausted,
                    {fmt::format("Akun dikunci sementara karena terlalu banyak percobaan gagal, sampai {}",
                                 *row->user.locked_until),
                     fmt::format("The account is locked after too many failed logins, until {}", *row->user.locked_until)});
    }
    if (!verify_password(row->password_hash, password)) {
        note_address_failure(client_address);
        int failed = row->user.failed_logins + 1;
        std::optional<std::string> locked;
        if (failed >= kAccountLockAfter) {
            int minutes = std::min(1 << std::min(failed - kAccountLockAfter, 6), 60);
            locked = utc_iso(now_tp + std::chrono::minutes(minutes));
        }
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        PILAR_TRY(store::record_failed_login(*c, row->user.id, failed, locked, now));
        auto updated = PILAR_TRY(store::user_by_id(*c, row->user.id));
        std::string const before = user_json(row->user);
        std::string const after = user_json(updated->user);
        PILAR_TRY(append_audit(*c, anonymous,
                               {.action = "auth.login_failed", .entity = "user", .entity_id = row->user.username,
                                .before_json = before, .after_json = after,
                                .detail = fmt::format("kata sandi salah / wrong password ({})", failed)}));
        if (locked)
            PILAR_TRY(append_audit(*c, anonymous,
                                   {.action = "auth.locked", .entity = "user", .entity_id = row->user.username,
                                    .before_json = before, .after_json = after,
                                    .detail = fmt::format("{0} kali gagal, terkunci sampai {1} / {0} failures, "
                                                          "locked until {1}",
                                                          failed, *locked)}));
        PILAR_TRY(tx.commit());
        return fail(bad_credentials());
    }
    note_address_success(client_address);
    LoginResult out;
    out.session_token = random_token();
    out.csrf_token = random_token();
    out.expires_at = utc_iso(now_tp + m_options.absolute_timeout);
    Actor who = actor_for(row->user);
    who.client_address = std::string(client_address);
    who.request_id = std::string(request_id);
    // Hashes made with older parameters are upgraded while the password is at hand.
    std::optional<std::string> rehashed;
    if (needs_rehash(row->password_hash)) rehashed = PILAR_TRY(hash_password(password));
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(store::record_success(*c, row->user.id));
    if (rehashed) PILAR_TRY(store::update_password_hash(*c, row->user.id, *rehashed));
    PILAR_TRY(store::insert_session(*c, token_hash(out.session_token), row->user.id, out.csrf_token, now, out.expires_at,
                                    client_address, user_agent));
    PILAR_TRY(append_audit(*c, who,
                           {.action = "auth.login", .entity = "user", .entity_id = row->user.username,
                            .after_json = fmt::format(R"({{"sesi_berakhir":"{}"}})", out.expires_at),
                            .detail = std::string(user_agent.substr(0, 200))}));
    PILAR_TRY(tx.commit());
    out.user = row->user;
    return out;
}

AccessService::AccessService(db::Database& db, SessionOptions options) : m_db(db), m_options(options) {
    static_assert(sizeof(m_cache_secret) == crypto_shorthash_siphashx24_KEYBYTES);
    static_assert(sizeof(CacheKey) == crypto_shorthash_siphashx24_BYTES);
    // randombytes_buf works before sodium_init (which main calls through init_crypto()).
    randombytes_buf(m_cache_secret.data(), m_cache_secret.size());
}

AccessService::CacheKey AccessService::cache_key(std::string_view credential) const {
    CacheKey key;
    crypto_shorthash_siphashx24(key.data(), reinterpret_cast<unsigned char const*>(credential.data()), credential.size(),
                                m_cache_secret.data());
    return key;
}

AccessService::~AccessService() {
    if (m_maintenance.joinable()) {
        {
            // Under the mutex, so the request cannot slip in between the thread's check and
            // its wait (it would then sleep the full 15 s).
            std::lock_guard lock(m_touch_mutex);
            m_maintenance.request_stop();
        }
        m_maintenance_cv.notify_all();
        m_maintenance.join();
    }
    (void)flush_touches();
}

void AccessService::note_touch(std::int64_t session_id, std::string const& now) {
    std::lock_guard lock(m_touch_mutex);
    m_pending_session_touches[session_id] = now;
    start_maintenance_locked();
}

void AccessService::note_token_use(std::int64_t token_id, std::string const& now) {
    std::lock_guard lock(m_touch_mutex);
    m_pending_token_touches[token_id] = now;
    start_maintenance_locked();
}

void AccessService::start_maintenance_locked() {
    if (m_maintenance.joinable()) return;
    m_maintenance = std::jthread([this](std::stop_token stop) {
        lower_this_thread_priority();
        std::unique_lock lock(m_touch_mutex);
        while (!stop.stop_requested()) {
            m_maintenance_cv.wait_for(lock, std::chrono::seconds(15), [&] { return stop.stop_requested(); });
            lock.unlock();
            (void)flush_touches();
            lock.lock();
        }
    });
}

Result<void> AccessService::flush_touches() {
    std::unordered_map<std::int64_t, std::string> sessions, tokens;
    {
        std::lock_guard lock(m_touch_mutex);
        sessions.swap(m_pending_session_touches);
        tokens.swap(m_pending_token_touches);
    }
    if (sessions.empty() && tokens.empty()) return {};
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    for (auto const& [id, at] : sessions) PILAR_TRY(store::touch_session(*c, id, at));
    for (auto const& [id, at] : tokens) PILAR_TRY(store::touch_api_token(*c, id, at));
    return tx.commit();
}

void AccessService::check_revocations() {
    std::optional<std::int64_t> seen;
    {
        std::lock_guard lock(m_cache_mutex);
        seen = m_revoked_seen;
    }
    // The counters, and the targeted revocations this process has not seen yet (read outside the
    // cache's mutex; the connection goes back to the pool before it is taken).
    store::RevocationState state;
    std::vector<store::Revoked> revoked;
    {
        auto c = m_db.acquire();
        if (!c) return;
        auto read = store::revocation_state(**c);
        if (!read) return;
        state = *read;
        if (seen && state.last_revoked > *seen) {
            auto rows = store::revoked_since(**c, *seen);
            if (!rows) return;
            revoked = std::move(*rows);
        }
    }
    std::lock_guard lock(m_cache_mutex);
    // Both counters only grow; a read that lost a race with a newer one changes nothing.
    if (!m_revocation_generation || state.generation > *m_revocation_generation) {
        drop_all_cached();
        m_revocation_generation = state.generation;
    }
    if (!m_revoked_seen || state.last_revoked < *m_revoked_seen) {
        // The first check (nothing cached yet), or a database that went back (a restore): start
        // from what it holds now, trusting nothing cached before.
        if (m_revoked_seen) drop_all_cached();
        m_revoked_seen = state.last_revoked;
        return;
    }
    std::erase_if(revoked, [&](store::Revoked const& r) { return r.seq <= *m_revoked_seen; });
    if (revoked.empty() && state.last_revoked <= *m_revoked_seen) return;  // nothing new (or applied by a racing check)
    if (revoked.empty() || revoked.front().seq != *m_revoked_seen + 1) {
        // Rows this process never read were pruned (it had no request for longer than they are
        // kept, so nothing it caches can be theirs — unless clocks disagree): drop all to be sure.
        drop_all_cached();
    } else {
        for (auto const& r : revoked)
            if (auto it = m_cache_by_hash.find(r.token_hash); it != m_cache_by_hash.end()) {
                m_session_cache.erase(it->second);
                m_cache_by_hash.erase(it);
            }
        // Also when none was cached here: a request may be reading one of them right now.
        ++m_cache_epoch;
    }
    m_revoked_seen = std::max(revoked.empty() ? 0 : revoked.back().seq, state.last_revoked);
}

void AccessService::drop_all_cached() {
    m_session_cache.clear();
    m_cache_by_hash.clear();
    ++m_cache_epoch;
}

void AccessService::drop_cached(CacheMap::iterator it) {
    m_cache_by_hash.erase(it->second.token_hash);
    m_session_cache.erase(it);
}

std::optional<Authenticated> AccessService::cached(CacheKey const& key, std::string_view client_address,
                                                   std::uint64_t& epoch) {
    auto const now = std::chrono::steady_clock::now();
    std::unique_lock lock(m_cache_mutex);
    // At most once per revocation_check (the first caller claims it; the others go on with the
    // cache meanwhile), look for revocations made by other processes.
    if (!m_revocation_generation || now - m_revocation_checked_at >= m_options.revocation_check) {
        m_revocation_checked_at = now;
        lock.unlock();
        check_revocations();
        lock.lock();
    }
    epoch = m_cache_epoch;
    auto it = m_session_cache.find(key);
    if (it == m_session_cache.end()) return std::nullopt;
    // Within cache_for of a database check the credential was valid (and a session's idle
    // window refreshed); remember() keeps only credentials whose absolute expiry lies beyond
    // that window, so the clock alone decides (no timestamp formatted per request).
    if (now - it->second.checked_at < m_options.cache_for) {
        Authenticated out = it->second.auth;
        out.actor.client_address = std::string(client_address);
        return out;
    }
    drop_cached(it);
    return std::nullopt;
}

void AccessService::remember(CacheKey const& key, std::string const& token_hash, Authenticated const& auth,
                             std::string const& expires_at, std::uint64_t epoch) {
    if (m_options.after_credential_read) m_options.after_credential_read();
    // A credential that expires within the cache period is checked in the database each time.
    if (expires_at <= utc_iso(Clock::now() + m_options.cache_for)) return;
    std::lock_guard lock(m_cache_mutex);
    if (epoch != m_cache_epoch) return;  // a revocation may have landed since the read
    if (m_session_cache.size() > 50000) drop_all_cached();  // bound memory
    m_session_cache[key] = CachedSession{auth, std::chrono::steady_clock::now(), token_hash};
    m_cache_by_hash[token_hash] = key;
}

void AccessService::forget_sessions_of(std::int64_t user_id) {
    std::lock_guard lock(m_cache_mutex);
    for (auto it = m_session_cache.begin(); it != m_session_cache.end();) {
        auto next = std::next(it);
        if (it->second.auth.actor.user_id == user_id) drop_cached(it);
        it = next;
    }
    ++m_cache_epoch;
}

void AccessService::forget_credential(std::string const& token_hash) {
    std::lock_guard lock(m_cache_mutex);
    if (auto it = m_cache_by_hash.find(token_hash); it != m_cache_by_hash.end()) {
        m_session_cache.erase(it->second);
        m_cache_by_hash.erase(it);
    }
    ++m_cache_epoch;
}

Result<void> AccessService::logout(Actor const& actor, std::string_view session_token) {
    auto const hash = token_hash(session_token);
    forget_credential(hash);
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto const now_tp = Clock::now();
    auto const now = utc_iso(now_tp);
    PILAR_TRY(store::revoke_session(*c, hash, now));
    // For the other app servers' caches: they drop this session, and only it, at their next check.
    PILAR_TRY(store::record_revoked(*c, hash, now, utc_iso(now_tp - kRevokedKeptFor)));
    PILAR_TRY(append_audit(*c, actor, {.action = "auth.logout", .entity = "user", .entity_id = actor.username}));
    return tx.commit();
}

Result<Authenticated> AccessService::authenticate_session(std::string_view session_token, std::string_view client_address) {
    if (session_token.empty() || session_token.size() > 128) return fail(session_invalid());
    auto const key = cache_key(session_token);
    std::uint64_t epoch = 0;
    if (auto hit = cached(key, client_address, epoch)) return std::move(*hit);
    auto const hash = token_hash(session_token);
    auto const now_tp = Clock::now();
    auto c = PILAR_TRY(m_db.acquire());
    auto s = PILAR_TRY(store::session_by_hash(*c, hash));
    auto const now = utc_iso(now_tp);
    if (!s || s->revoked || s->expires_at <= now) return fail(session_invalid());
    if (s->last_seen_at <= utc_iso(now_tp - m_options.idle_timeout)) return fail(session_invalid());
    auto row = PILAR_TRY(store::user_by_id(*c, s->user_id));
    if (!row || !row->user.active) return fail(session_invalid());
    // Sliding idle window: refresh last_seen at most once a minute, so reads stay reads.
    if (s->last_seen_at <= utc_iso(now_tp - std::chrono::seconds(60))) note_touch(s->id, now);
    Authenticated out;
    out.actor = actor_for(row->user);
    out.csrf_token = s->csrf_token;
    out.via_cookie = true;
    out.must_change_password = row->user.must_change_password;
    // Cache only when the idle window cannot run out within the cache period (always, for the
    // real 30-minute window; short test windows skip the cache).
    if (m_options.idle_timeout > 2 * m_options.cache_for) remember(key, hash, out, s->expires_at, epoch);
    out.actor.client_address = std::string(client_address);
    return out;
}

Result<NewApiToken> AccessService::create_api_token(Actor const& actor, std::string_view username,
                                                   std::chrono::seconds ttl, std::string label) {
    PILAR_TRY(require_admin(actor));
    if (ttl <= std::chrono::seconds(0) || ttl > kMaxTokenTtl)
        return fail(Error(ErrorCode::InvalidArgument, {"Masa berlaku token harus 1 detik sampai 366 hari",
                                                       "A token's lifetime must be 1 second to 366 days"})
                        .at_field("ttl"));
    label = std::string(trim(label));
    if (label.size() > 100 || !is_valid_utf8(label))
        return fail(Error(ErrorCode::InvalidArgument, {"Label terlalu panjang", "Label too long"}).at_field("label"));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto row = PILAR_TRY(store::user_by_username(*c, username));
    if (!row)
        return fail(ErrorCode::NotFound, {fmt::format("Pengguna {} tidak ada", username), fmt::format("No user {}", username)});
    if (!row->user.active)
        return fail(ErrorCode::Conflict, {fmt::format("Pengguna {} nonaktif", username), fmt::format("User {} is disabled", username)});
    NewApiToken out;
    out.secret = "pilar_" + random_token();
    auto now_tp = Clock::now();
    auto now = utc_iso(now_tp);
    auto expires = utc_iso(now_tp + ttl);
    auto id = PILAR_TRY(store::insert_api_token(*c, token_hash(out.secret), row->user.id, label, now, expires));
    out.token = PILAR_TRY(store::api_token_by_id(*c, id)).value();
    PILAR_TRY(append_audit(*c, actor,
                           {.action = "token.create", .entity = "api_token", .entity_id = std::to_string(id),
                            .after_json = fmt::format(R"({{"user":"{}","label_bytes":{},"expires_at":"{}"}})",
                                                      row->user.username, label.size(), expires)}));
    PILAR_TRY(tx.commit());
    return out;
}

Result<std::vector<ApiToken>> AccessService::list_api_tokens(Actor const& actor, std::optional<std::string> username) {
    PILAR_TRY(require_admin(actor));
    auto c = PILAR_TRY(m_db.acquire());
    std::optional<std::int64_t> user_id;
    if (username) {
        auto row = PILAR_TRY(store::user_by_username(*c, *username));
        if (!row)
            return fail(ErrorCode::NotFound, {fmt::format("Pengguna {} tidak ada", *username), fmt::format("No user {}", *username)});
        user_id = row->user.id;
    }
    return store::list_api_tokens(*c, user_id);
}

Result<ApiToken> AccessService::revoke_api_token(Actor const& actor, std::int64_t id) {
    PILAR_TRY(require_admin(actor));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    auto before = PILAR_TRY(store::api_token_by_id(*c, id));
    if (!before)
        return fail(ErrorCode::NotFound, {fmt::format("Token {} tidak ada", id), fmt::format("No token {}", id)});
    auto const now_tp = Clock::now();
    auto const now = utc_iso(now_tp);
    if (!PILAR_TRY(store::revoke_api_token(*c, id, now)))
        return fail(ErrorCode::Conflict, {fmt::format("Token {} sudah dicabut", id), fmt::format("Token {} is already revoked", id)});
    // Every process's cache (this one's below) drops this token, and only it, like a logout.
    auto const hash = PILAR_TRY(store::api_token_hash(*c, id)).value_or("");
    PILAR_TRY(store::record_revoked(*c, hash, now, utc_iso(now_tp - kRevokedKeptFor)));
    auto after = PILAR_TRY(store::api_token_by_id(*c, id)).value();
    PILAR_TRY(append_audit(*c, actor, {.action = "token.revoke", .entity = "api_token", .entity_id = std::to_string(id),
                                       .detail = "user " + after.username}));
    PILAR_TRY(tx.commit());
    forget_credential(hash);
    return after;
}

Result<Authenticated> AccessService::authenticate_token(std::string_view bearer, std::string_view client_address) {
    if (!bearer.starts_with("pilar_") || bearer.size() > 128) return fail(token_invalid());
    auto const key = cache_key(bearer);
    std::uint64_t epoch = 0;
    if (auto hit = cached(key, client_address, epoch)) return std::move(*hit);
    auto const hash = token_hash(bearer);
    auto const now_tp = Clock::now();
    auto const now = utc_iso(now_tp);
    auto c = PILAR_TRY(m_db.acquire());
    auto t = PILAR_TRY(store::api_token_by_hash(*c, hash));
    if (!t || t->revoked || t->expires_at <= now) return fail(token_invalid());
    auto row = PILAR_TRY(store::user_by_id(*c, t->user_id));
    if (!row || !row->user.active) return fail(token_invalid());
    if (!t->last_used_at || *t->last_used_at <= utc_iso(now_tp - std::chrono::seconds(60))) note_token_use(t->id, now);
    Authenticated out;
    out.actor = actor_for(row->user);
    out.via_cookie = false;  // bearer tokens are not sent by browsers on their own: no CSRF
    remember(key, hash, out, t->expires_at, epoch);
    out.actor.client_address = std::string(client_address);
    return out;
}

}  // namespace pilar::access
