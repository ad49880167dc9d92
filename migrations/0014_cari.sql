-- Fuzzy person search (src/search): the change feed its in-memory index catches up from.
--
-- Every write to a member (create, update, move with its household, merge and undo, erasure,
-- bulk import) appends the member's id here in the same transaction as the change (registry
-- store), so each server process — one today, several on one PostgreSQL later — can bring its
-- index up to date with one indexed range read before it answers a search: a write that was
-- acknowledged is always visible to the next search, whichever process serves it. `seq` is
-- given out as MAX(seq) + 1 inside the writer's transaction (writers are serialised: SQLite's
-- BEGIN IMMEDIATE, the write lock of db::TxMode::Write), so it only grows in commit order.
CREATE TABLE anggota_ubah (
    seq INTEGER PRIMARY KEY,
    anggota_id INTEGER NOT NULL
) STRICT;
