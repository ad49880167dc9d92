-- Offline sync receipts: one row per offline operation (op) a field device sent to
-- POST /api/v1/sync, keyed by the op_id the device generated (a UUID). It is what makes a
-- replayed op answer "sudah" (already applied) instead of applying twice.
--
-- Exactly once: the row of an applied op is inserted by access::append_audit in the SAME write
-- transaction as the change and its audit entry (src/access/receipt.hpp), so the change and its
-- receipt commit or vanish together; the primary key makes a second, concurrent application of
-- the same op fail and roll back. A refused op ("ditolak": invalid input, not allowed) gets its
-- row in a small transaction of its own, so a replay answers the same refusal.
CREATE TABLE sync_op (
    op_id TEXT PRIMARY KEY,          -- from the device (8..64 of [A-Za-z0-9-])
    user_id INTEGER NOT NULL,        -- who sent it; another user's op_id is refused
    perangkat TEXT NOT NULL,         -- the device id the op came from ('' when not given)
    jenis TEXT NOT NULL,             -- "keluarga.buat", "periksa.hasil" ...
    status TEXT NOT NULL CHECK (status IN ('diterapkan', 'ditolak')),
    entitas TEXT NOT NULL,           -- the record it made or changed ('' when refused)
    entity_id TEXT NOT NULL,         -- its id ('' when refused)
    hasil_json TEXT,                 -- refused: the error {code, field, id, en}; applied: NULL
    attempt TEXT NOT NULL,           -- random per application: tells "this transaction wrote it"
    at TEXT NOT NULL                 -- ISO-8601 UTC
) STRICT;

-- "What did this device send": support looks ops up by user and time.
CREATE INDEX sync_op_by_user ON sync_op (user_id, at);
