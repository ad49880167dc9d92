-- The area (wilayah codes) of a console entry about one kota's data, for the admins' audit view:
-- an admin reads the entries of their own kota (access/audit_store.cpp), the area of an account's
-- entry is that account's, but a console entry (actor_role 'system') has no account with an area.
-- Where such an entry is about data of some kota — an import (the kota of the rows it loaded), an
-- export (its filter's wilayah), an erasure or a subject-access export (the person's wilayah), a
-- row changed by an import (its region before and after) — the writer names those codes here, in
-- the entry's transaction, one row each; an admin sees the entry when one of them overlaps their
-- kota. A console entry without rows here keeps the rule it had before: database-wide, shown to
-- every admin (old entries, and what really is database-wide: docs/operations.md).
--
-- A read-side index like audit_by_actor/audit_by_entity, not part of the entry: the hash chain
-- (audit_log.hash) neither covers nor needs it, and `pilar audit verify|list|export` at the
-- console show every entry whatever it says. Rows are written only for console entries, so an
-- audited request costs nothing more. Plain SQL: PostgreSQL takes it as it is (without STRICT).
CREATE TABLE audit_area (
    seq INTEGER NOT NULL,
    kode TEXT NOT NULL,
    PRIMARY KEY (seq, kode)
) STRICT;
