-- A counter that every revocation moves, in the same transaction: an account disabled, a password
-- reset or changed, an API token revoked (src/access/service.cpp). A server caches checked
-- sessions and tokens for up to 10 s (src/access/service.hpp); it reads this one row at most once
-- per `pilar serve --revocation-check-ms` (1000 by default) and drops its whole cache when the
-- counter moved, so a revocation made by another process — the console's `pilar user
-- disable|reset-password`, `pilar token revoke`, another app server on the same database — ends
-- cached sessions within about a second instead of ten. Plain SQL: PostgreSQL takes it as it is
-- (without STRICT, like every table).
CREATE TABLE access_revocation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
) STRICT;
INSERT INTO access_revocation (id, generation) VALUES (1, 0);
