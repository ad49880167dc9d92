-- "What did this account do" and "the history of this record" without two B-tree indexes on
-- audit_log. Each index entry written in the same transaction as the audited change was one more
-- page in that commit (with the row itself, three pages on top of the change: +20-30 % per write,
-- bench/RESULTS.md). The look-up entries now live in two narrow tables that a background indexer
-- (src/access/audit_index.hpp) fills in batches, up to `indexed_seq`; every read of them also scans
-- the few newer rows of audit_log directly, so nothing is ever missing from a history or a filter.
-- The audit row itself, its chain and its durability are unchanged: it still commits with the
-- change it describes.
CREATE TABLE audit_by_actor (
    actor_username TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (actor_username, seq)
) STRICT;

CREATE TABLE audit_by_entity (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id, seq)
) STRICT;

-- One row: audit_log entries with seq <= indexed_seq are in both tables above.
CREATE TABLE audit_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_seq INTEGER NOT NULL
) STRICT;

INSERT INTO audit_by_actor (actor_username, seq) SELECT actor_username, seq FROM audit_log;
INSERT INTO audit_by_entity (entity, entity_id, seq) SELECT entity, entity_id, seq FROM audit_log;
INSERT INTO audit_index_state (id, indexed_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM audit_log;

DROP INDEX audit_log_by_actor;
DROP INDEX audit_log_by_entity;
