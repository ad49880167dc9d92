-- Privacy under UU PDP (src/privacy, docs/privacy.md): the legal basis of each person,
-- anonymisation of the registry when retention allows it, and an audit trail whose personal
-- payload can be redacted while its hash chain stays verifiable.

-- Legal basis per person. No row: the registry's default basis, the office's public task
-- (tugas_publik). Consent needs when and from whom; a child (under 18) needs the parent or
-- guardian who acts for them (UU PDP Pasal 25). The service checks these rules; the CHECKs only
-- keep unknown words out. History is the audit trail (entity "anggota", action
-- "anggota.dasar_hukum").
CREATE TABLE dasar_hukum (
    anggota_id INTEGER PRIMARY KEY REFERENCES anggota (id),
    dasar TEXT NOT NULL CHECK (dasar IN ('tugas_publik', 'persetujuan')),
    persetujuan_tanggal TEXT,              -- YYYY-MM-DD: when consent was given
    persetujuan_oleh TEXT,                 -- who gave it (the person, or for a child the guardian)
    wali_nama TEXT,                        -- a child's parent or guardian
    wali_hubungan TEXT CHECK (wali_hubungan IN ('ayah', 'ibu', 'wali')),
    wali_anggota_id INTEGER REFERENCES anggota (id),  -- the guardian when they are in the registry
    catatan TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

-- Anonymisation (erasure where retention allows): the person's identifying fields are removed,
-- the statistical ones (sex, birth year, region, household role, PPKS categories) stay.
ALTER TABLE anggota ADD COLUMN tahun_lahir INTEGER;      -- kept when tanggal_lahir is erased
ALTER TABLE anggota ADD COLUMN dianonimkan_pada TEXT;    -- NULL: not anonymised

-- Audit chain v2 (src/access/audit.hpp): each new row's hash covers `payload_hash`, a digest of
-- its before_json, after_json and detail, instead of those columns themselves. Erasure can then
-- redact a payload (set it to NULL / a marker, `redacted_by` = seq of the audit.redact entry that
-- lists it) and `pilar audit verify` still recomputes every hash. Rows written before this
-- migration keep payload_hash NULL and are verified by the v1 formula.
ALTER TABLE audit_log ADD COLUMN payload_hash TEXT;
ALTER TABLE audit_log ADD COLUMN redacted_by INTEGER;
