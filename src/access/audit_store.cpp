#include "access/audit_store.hpp"

#include <string>
#include <vector>

namespace pilar::access::audit_store {
namespace {

constexpr std::string_view kColumns =
    "seq, at, actor_user_id, actor_username, actor_role, client_address, request_id, action, entity, entity_id, "
    "before_json, after_json, detail, prev_hash, hash, payload_hash, redacted_by";

// For LIKE 'prefix%' with ESCAPE '\': the prefix matches itself only.
std::string like_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
        out += ch;
    }
    return out;
}

}  // namespace

Result<std::optional<Link>> last_link(db::Connection& c) {
    auto s = PILAR_TRY(c.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!PILAR_TRY(s.step())) return std::optional<Link>{};
    return std::optional<Link>(Link{s.integer(0), s.string(1)});
}

Result<void> insert(db::Connection& c, AuditEntry const& e) {
    PILAR_TRY(c.execute("INSERT INTO audit_log (" + std::string(kColumns) +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        e.seq, e.at, e.actor_user_id, e.actor_username, e.actor_role, e.client_address, e.request_id,
                        e.action, e.entity, e.entity_id, e.before_json, e.after_json, e.detail, e.prev_hash, e.hash,
                        e.payload_hash, e.redacted_by));
    return {};
}

Result<void> scan(db::Connection& c, AuditFilter const& f, Order order, std::int64_t limit,
                  std::function<Result<bool>(AuditEntry const&)> const& fn) {
    // Only the filters that are set go into the SQL, so each combination is its own cached
    // statement and SQLite can pick the matching index.
    std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log";
    std::vector<std::string> args;
    std::string where;
    auto add = [&](std::string_view cond) { where += where.empty() ? " WHERE " : " AND "; where += cond; };
    auto equal = [&](std::string_view cond, std::optional<std::string> const& v) {
        if (!v) return;
        add(cond);
        args.push_back(*v);
    };
    equal("at >= ?", f.from);
    equal("at < ?", f.to);
    equal("actor_username = ?", f.actor);
    if (f.action) {
        add("(action = ? OR action LIKE ? ESCAPE '\\')");
        args.push_back(*f.action);
        args.push_back(like_escape(*f.action) + ".%");
    }
    equal("entity = ?", f.entity);
    equal("entity_id = ?", f.entity_id);
    if (f.before_seq) add("seq < ?");
    sql += where;
    sql += order == Order::OldestFirst ? " ORDER BY seq" : " ORDER BY seq DESC";
    if (limit > 0) sql += " LIMIT ?";

    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    for (auto const& a : args) PILAR_TRY(s.bind(++i, a));
    if (f.before_seq) PILAR_TRY(s.bind(++i, *f.before_seq));
    if (limit > 0) PILAR_TRY(s.bind(++i, limit));
    AuditEntry e;
    while (PILAR_TRY(s.step())) {
        e.seq = s.integer(0);
        e.at = s.string(1);
        e.actor_user_id = s.integer(2);
        e.actor_username = s.string(3);
        e.actor_role = s.string(4);
        e.client_address = s.string(5);
        e.request_id = s.string(6);
        e.action = s.string(7);
        e.entity = s.string(8);
        e.entity_id = s.string(9);
        e.before_json = s.opt_string(10);
        e.after_json = s.opt_string(11);
        e.detail = s.string(12);
        e.prev_hash = s.string(13);
        e.hash = s.string(14);
        e.payload_hash = s.opt_string(15);
        e.redacted_by = s.is_null(16) ? std::nullopt : std::optional<std::int64_t>(s.integer(16));
        if (!PILAR_TRY(fn(e))) break;
    }
    return {};
}

Result<std::vector<std::int64_t>> unredacted_seqs(db::Connection& c, std::string_view entity, std::string_view entity_id,
                                                  std::int64_t up_to) {
    auto s = PILAR_TRY(c.prepare("SELECT seq FROM audit_log WHERE entity = ? AND entity_id = ? AND seq <= ? AND "
                                 "redacted_by IS NULL ORDER BY seq"));
    PILAR_TRY(s.bind_all(entity, entity_id, up_to));
    std::vector<std::int64_t> out;
    while (PILAR_TRY(s.step())) out.push_back(s.integer(0));
    return out;
}

Result<void> redact(db::Connection& c, std::int64_t seq, std::string_view marker, std::int64_t redacted_by) {
    PILAR_TRY(c.execute("UPDATE audit_log SET before_json = NULL, after_json = NULL, detail = ?, redacted_by = ? "
                        "WHERE seq = ? AND redacted_by IS NULL",
                        marker, redacted_by, seq));
    return {};
}

}  // namespace pilar::access::audit_store
