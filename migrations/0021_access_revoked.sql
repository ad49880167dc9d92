-- Targeted revocations: a logout or a revoked API token, one row each, so that every app server
-- sharing the database drops exactly that credential from its session cache at its next
-- revocation check (`pilar serve --revocation-check-ms`, 1 s) instead of answering it from the
-- cache for up to 10 s — and without emptying the whole cache, as migration 0019's counter does
-- for the rarer account-wide revocations (disable, password reset or change). A revoked API
-- token moved that counter until this migration; now it is one row here, like a logout.
--
-- `seq` is handed out by `access_revocation.last_revoked`, moved by the same transaction
-- (UPDATE ... RETURNING): the row lock on that one row orders the writers, so a higher seq never
-- commits before a lower one (a sequence or identity column could, on PostgreSQL, and a server
-- reading "seq > what I have seen" would miss the slower one), and pruning never lets a number be
-- handed out again. A server reads the counter in the same single-row read as `generation` and
-- the new rows only when it moved. `token_hash` is the credential's hash as `sessions` and
-- `api_tokens` keep it (no usable secret). Rows are removed 10 minutes after `at` by the next
-- revocation (a cache entry lives 10 s; the margin covers app servers' clocks that disagree by a
-- few minutes). Plain SQL: PostgreSQL takes it as it is (without STRICT, like every table).
ALTER TABLE access_revocation ADD COLUMN last_revoked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE access_revoked (
    seq INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
