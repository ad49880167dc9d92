#include "access/audit_store.hpp"

#include "access/audit_clean.hpp"
#include "core/strings.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace pilar::access::audit_store {
namespace {

constexpr std::string_view kColumns =
    "seq, at, actor_user_id, actor_username, actor_role, client_address, request_id, action, entity, entity_id, "
    "before_json, after_json, detail, prev_hash, hash, payload_hash, redacted_by";

// kColumns, each qualified with the alias "a." (audit_log joined to a look-up table).
std::string const& a_columns() {
    static std::string const out = [] {
        std::string r;
        std::string_view rest = kColumns;
        while (!rest.empty()) {
            auto comma = rest.find(", ");
            r += (r.empty() ? "a." : ", a.") + std::string(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 2);
        }
        return r;
    }();
    return out;
}

// A row whose payload erasure has not removed: never redacted, or only cleaned (its redacted_by
// names an audit.bersihkan entry, audit.hpp). `t` is the alias of audit_log in the statement.
std::string still_has_payload(std::string_view t) {
    return fmt::format("({0}.redacted_by IS NULL OR EXISTS (SELECT 1 FROM audit_log r WHERE r.seq = {0}.redacted_by "
                       "AND r.action = '{1}'))",
                       t, kAuditCleaningAction);
}

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

Result<void> insert(db::Connection& c, NewRow const& r) {
    // Built once: the statement cache is keyed by this text, looked up on every audited write.
    static std::string const sql =
        "INSERT INTO audit_log (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    PILAR_TRY(c.execute(sql, r.seq, r.at, r.actor_user_id, r.actor_username, r.actor_role, r.client_address,
                        r.request_id, r.action, r.entity, r.entity_id, r.before_json, r.after_json, r.detail, r.prev_hash,
                        r.hash, r.payload_hash, db::Null{}));
    return {};
}

Result<void> insert_area(db::Connection& c, std::int64_t seq, std::string_view kode) {
    PILAR_TRY(c.execute("INSERT INTO audit_area (seq, kode) VALUES (?, ?) ON CONFLICT DO NOTHING", seq, kode));
    return {};
}

Result<std::int64_t> indexed_seq(db::Connection& c) {
    return PILAR_TRY(c.query_value<std::int64_t>("SELECT indexed_seq FROM audit_index_state WHERE id = 1")).value_or(0);
}

namespace {

// One part of a scan: either the look-ups table `via` (audit_by_entity / audit_by_actor, seq <=
// `indexed`) joined to audit_log, or audit_log alone (seq > `indexed`; the rows the indexer has
// not reached, or every row when no look-up applies and `indexed` is 0).
enum class Via { None, Entity, Actor };

struct Part {
    Via via = Via::None;
    std::int64_t indexed = 0;
    bool newer = false;  // audit_log only: seq > indexed
};

// Streams one part's rows to `fn`; `left` counts down the caller's limit (-1: none). Returns
// false when `fn` or the limit stopped the scan.
Result<bool> scan_part(db::Connection& c, AuditFilter const& f, Order order, Part part, std::int64_t& left,
                       std::function<Result<bool>(AuditEntry const&)> const& fn) {
    if (left == 0) return false;
    // Only the filters that are set go into the SQL, so each combination is its own cached
    // statement and SQLite can pick the matching index.
    std::string sql = "SELECT " + a_columns() + " FROM ";
    std::string seq = "a.seq";
    if (part.via == Via::Entity) {
        sql += "audit_by_entity x JOIN audit_log a ON a.seq = x.seq";
        seq = "x.seq";
    } else if (part.via == Via::Actor) {
        sql += "audit_by_actor x JOIN audit_log a ON a.seq = x.seq";
        seq = "x.seq";
    } else {
        sql += "audit_log a";
    }
    std::vector<std::string> args;
    std::vector<std::int64_t> numbers;
    std::string where;
    auto add = [&](std::string_view cond) { where += where.empty() ? " WHERE " : " AND "; where += cond; };
    auto equal = [&](std::string_view cond, std::optional<std::string> const& v) {
        if (!v) return;
        add(cond);
        args.push_back(*v);
    };
    equal(part.via == Via::Entity ? "x.entity = ?" : "a.entity = ?", f.entity);
    equal(part.via == Via::Entity ? "x.entity_id = ?" : "a.entity_id = ?", f.entity_id);
    equal(part.via == Via::Actor ? "x.actor_username = ?" : "a.actor_username = ?", f.actor);
    equal("a.at >= ?", f.from);
    equal("a.at < ?", f.to);
    if (f.action) {
        // The prefix match ignores ASCII case, as SQLite's LIKE always did, on PostgreSQL too: both
        // sides lowered (docs/ARCHITECTURE.md, "Writing SQL").
        add("(a.action = ? OR lower(a.action) LIKE ? ESCAPE '\\')");
        args.push_back(*f.action);
        args.push_back(like_escape(to_lower_ascii(*f.action)) + ".%");
    }
    if (f.area) {
        // Codes hold digits and dots only, so their LIKE is the same with or without case.
        sql.insert(0, "/* portable: like-codes */ ");
        // `column` lies at or below one of the area's codes.
        auto inside = [&](std::string_view column) {
            std::string cond;
            for (auto const& k : *f.area) {
                cond += fmt::format("{}{} = ? OR {} LIKE ? ESCAPE '\\'", cond.empty() ? "" : " OR ", column, column);
                args.push_back(k);
                args.push_back(like_escape(k) + ".%");
            }
            return cond.empty() ? std::string("0") : "(" + cond + ")";
        };
        // `column` lies at or below one of the area's codes, or above one.
        auto overlaps = [&](std::string_view column) {
            std::string cond;
            for (auto const& k : *f.area) {
                cond += fmt::format("{0}{1} = ? OR {1} LIKE ? ESCAPE '\\' OR ? LIKE ({1} || '.%')", cond.empty() ? "" : " OR ",
                                    column);
                args.push_back(k);
                args.push_back(like_escape(k) + ".%");
                args.push_back(k);
            }
            return cond.empty() ? std::string("0") : "(" + cond + ")";
        };
        // The bindings are taken in the order of the text: build it left to right.
        std::string cond = "(EXISTS (SELECT 1 FROM user_wilayah w WHERE w.user_id = a.actor_user_id AND ";
        cond += inside("w.kode");
        cond += ") OR (a.actor_role = 'anonymous' AND EXISTS (SELECT 1 FROM users u JOIN user_wilayah w ON w.user_id = u.id "
                "WHERE u.username = a.actor_username AND ";
        cond += inside("w.kode");
        cond += ")) OR (a.actor_role = 'system' AND ((a.entity = 'wilayah' AND ";
        cond += inside("a.entity_id");
        cond += ") OR (a.entity = 'user' AND EXISTS (SELECT 1 FROM users u JOIN user_wilayah w ON w.user_id = u.id "
                "WHERE u.username = a.entity_id AND ";
        cond += inside("w.kode");
        // A console entry that names its area (migration 0022): shown where that area and the
        // admin's overlap (an import of two kota to each one's admins, an export of a whole
        // provinsi to the admins of its kota).
        cond += ")) OR EXISTS (SELECT 1 FROM audit_area r WHERE r.seq = a.seq AND ";
        cond += overlaps("r.kode");
        cond += ") OR (a.entity NOT IN ('wilayah', 'user') AND NOT EXISTS (SELECT 1 FROM audit_area r WHERE r.seq = a.seq))))"
                " OR (a.actor_role = 'anonymous' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = a.actor_username)))";
        add(cond);
    }
    if (part.via != Via::None) {
        add(seq + " <= ?");
        numbers.push_back(part.indexed);
    } else if (part.newer) {
        add(seq + " > ?");
        numbers.push_back(part.indexed);
    }
    if (f.before_seq) {
        add(seq + " < ?");
        numbers.push_back(*f.before_seq);
    }
    sql += where;
    sql += order == Order::OldestFirst ? " ORDER BY " + seq : " ORDER BY " + seq + " DESC";
    if (left > 0) {
        sql += " LIMIT ?";
        numbers.push_back(left);
    }

    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    for (auto const& a : args) PILAR_TRY(s.bind(++i, a));
    for (auto n : numbers) PILAR_TRY(s.bind(++i, n));
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
        if (!PILAR_TRY(fn(e))) return false;
        if (left > 0 && --left == 0) return false;
    }
    return true;
}

}  // namespace

Result<void> scan(db::Connection& c, AuditFilter const& f, Order order, std::int64_t limit,
                  std::function<Result<bool>(AuditEntry const&)> const& fn) {
    std::int64_t left = limit > 0 ? limit : -1;
    // A record's history or one account's entries: the look-up table up to the indexer's mark,
    // audit_log itself above it. Read the mark once: rows at or below it are in the table
    // whatever the indexer does meanwhile, and rows above it are read from audit_log.
    Via via = f.entity && f.entity_id ? Via::Entity : f.actor ? Via::Actor : Via::None;
    if (via == Via::None) {
        PILAR_TRY(scan_part(c, f, order, {}, left, fn));
        return {};
    }
    std::int64_t const mark = PILAR_TRY(indexed_seq(c));
    Part const indexed{via, mark, false};
    Part const newer{Via::None, mark, true};
    if (order == Order::OldestFirst) {
        if (PILAR_TRY(scan_part(c, f, order, indexed, left, fn))) PILAR_TRY(scan_part(c, f, order, newer, left, fn));
    } else {
        if (PILAR_TRY(scan_part(c, f, order, newer, left, fn))) PILAR_TRY(scan_part(c, f, order, indexed, left, fn));
    }
    return {};
}

Result<std::vector<std::int64_t>> unredacted_seqs(db::Connection& c, std::string_view entity, std::string_view entity_id,
                                                  std::int64_t up_to) {
    std::int64_t const mark = PILAR_TRY(indexed_seq(c));
    std::vector<std::int64_t> out;
    auto s = PILAR_TRY(c.prepare("SELECT x.seq FROM audit_by_entity x JOIN audit_log a ON a.seq = x.seq "
                                 "WHERE x.entity = ? AND x.entity_id = ? AND x.seq <= ? AND " + still_has_payload("a") + " "
                                 "ORDER BY x.seq"));
    PILAR_TRY(s.bind_all(entity, entity_id, std::min(up_to, mark)));
    while (PILAR_TRY(s.step())) out.push_back(s.integer(0));
    auto t = PILAR_TRY(c.prepare("SELECT a.seq FROM audit_log a WHERE a.seq > ? AND a.seq <= ? AND a.entity = ? AND "
                                 "a.entity_id = ? AND " + still_has_payload("a") + " ORDER BY a.seq"));
    PILAR_TRY(t.bind_all(mark, up_to, entity, entity_id));
    while (PILAR_TRY(t.step())) out.push_back(t.integer(0));
    return out;
}

Result<std::int64_t> index_catch_up(db::Connection& c, std::int64_t max_rows) {
    std::int64_t const mark = PILAR_TRY(indexed_seq(c));
    auto head = PILAR_TRY(last_link(c));
    if (!head || head->seq <= mark) return 0;
    std::int64_t const upto = std::min(head->seq, mark + max_rows);
    // seq has no gaps (the appender takes the next number under the write lock), so the range is
    // exactly the entries not yet indexed.
    PILAR_TRY(c.execute("INSERT INTO audit_by_actor (actor_username, seq) SELECT actor_username, seq FROM audit_log "
                        "WHERE seq > ? AND seq <= ?",
                        mark, upto));
    PILAR_TRY(c.execute("INSERT INTO audit_by_entity (entity, entity_id, seq) SELECT entity, entity_id, seq "
                        "FROM audit_log WHERE seq > ? AND seq <= ?",
                        mark, upto));
    PILAR_TRY(c.execute("UPDATE audit_index_state SET indexed_seq = ? WHERE id = 1", upto));
    return upto - mark;
}

Result<void> redact(db::Connection& c, std::int64_t seq, std::string_view marker, std::int64_t redacted_by) {
    // Also a row a clean-up rewrote (its payload, cleaned, is still there): it moves to the erasure.
    PILAR_TRY(c.execute("UPDATE audit_log SET before_json = NULL, after_json = NULL, detail = ?, redacted_by = ? "
                        "WHERE seq = ? AND " + still_has_payload("audit_log"),
                        marker, redacted_by, seq));
    return {};
}

Result<void> rewrite_payload(db::Connection& c, std::int64_t seq, std::optional<std::string_view> before_json,
                             std::optional<std::string_view> after_json, std::string_view detail,
                             std::int64_t redacted_by) {
    PILAR_TRY(c.execute("UPDATE audit_log SET before_json = ?, after_json = ?, detail = ?, redacted_by = ? WHERE seq = ?",
                        before_json, after_json, detail, redacted_by, seq));
    return {};
}

}  // namespace pilar::access::audit_store
