-- The audit trail: one row per write (who, when, which record, before/after) and per view of
-- special data. Append-only by convention and checked by a hash chain: each row's `hash` is
-- BLAKE2b-256 over `prev_hash` and every other column (src/access/audit.hpp has the exact
-- encoding), `prev_hash` is the previous row's `hash` (64 zeros for seq 1), and seq has no gaps.
-- `pilar audit verify` recomputes the chain and names the first row that was edited, removed or
-- reordered. Secrets (passwords, hashes, tokens) never appear here.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,              -- 1, 2, 3 ... assigned by the appender, never reused
    at TEXT NOT NULL,                     -- ISO-8601 UTC with milliseconds
    actor_user_id INTEGER NOT NULL,       -- 0 for the system and for unauthenticated callers
    actor_username TEXT NOT NULL,
    actor_role TEXT NOT NULL,             -- psm ... admin, system, anonymous
    client_address TEXT NOT NULL,
    request_id TEXT NOT NULL,
    action TEXT NOT NULL,                 -- "wilayah.create", "user.disable", "auth.login_failed" ...
    entity TEXT NOT NULL,                 -- "wilayah", "user", "audit" ...
    entity_id TEXT NOT NULL,              -- the record's key: a wilayah kode, a username ...
    before_json TEXT,                     -- the record before the change (NULL: created)
    after_json TEXT,                      -- the record after the change (NULL: nothing to show)
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

-- Filters of the admin browser and the export; each ends in seq so that the newest-first
-- keyset pagination (seq < cursor ORDER BY seq DESC) walks the index.
-- Two indexes only: every index is another page written (and fsynced) with every audited write.
-- Time ranges need none (seq grows with time; lists walk seq downwards), and an action filter is
-- a prefix match an index helps little with. A person's or user's history and "what did this
-- account do" are the look-ups that must stay fast on millions of rows.
CREATE INDEX audit_log_by_actor ON audit_log (actor_username, seq);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, seq);
