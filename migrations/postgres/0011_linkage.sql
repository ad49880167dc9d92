-- PostgreSQL variant of migrations/0011_linkage.sql (read that one first): the same tables, view
-- and rules; DROP TRIGGER names its table, and each trigger is a PL/pgSQL function with the same
-- statements behind a FOR EACH ROW trigger with the same event, columns and WHEN condition (as in
-- postgres/0008_dashboard.sql). tests/postgres/migrations.sh checks both give the same rows.

-- Linkage over the registry (src/dedup): the review queue of probable duplicate persons, the
-- runs of `pilar dedup` that fill it, and merges that keep both records.
--
-- A merge never deletes: the merged-away member gets `digabung_ke` (the survivor's id) and stops
-- counting as a person on the dashboard; its open PPKS classifications are re-pointed at the
-- survivor (their ids are kept on the queue row, so an undo moves exactly those back). Proposals,
-- the household membership and the history stay with the merged-away record, which still opens
-- and says whom it was merged into.

ALTER TABLE anggota ADD COLUMN digabung_ke INTEGER REFERENCES anggota (id);  -- NULL: not merged

-- One row per unordered pair of members (anggota_a < anggota_b), ever: a re-run updates the
-- score of a pair still waiting and never touches a decided one, so "not a duplicate" is
-- remembered and a merge is not proposed again.
CREATE TABLE duplikat (
    id INTEGER PRIMARY KEY,
    anggota_a INTEGER NOT NULL REFERENCES anggota (id),
    anggota_b INTEGER NOT NULL REFERENCES anggota (id),
    skor REAL NOT NULL,                    -- P(same person), 0..1, from the Fellegi-Sunter model
    bobot REAL NOT NULL,                   -- the match weight (log2 odds)
    rincian_json TEXT NOT NULL,            -- per field: {"nik": {"tingkat": "exact", "bobot": 9.1}, ...}
    kode_wilayah_a TEXT NOT NULL,          -- each member's when queued (scope of the queue lists)
    kode_wilayah_b TEXT NOT NULL,
    sumber TEXT NOT NULL CHECK (sumber IN ('dedup', 'entri')),  -- a dedup run; a new record at entry
    status TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'digabung', 'bukan_duplikat')),
    penyintas INTEGER REFERENCES anggota (id),  -- merged: the member kept
    ppks_dipindah TEXT,                    -- merged: anggota_ppks ids re-pointed, ';'-separated
    catatan TEXT,
    diputus_oleh TEXT,
    diputus_at TEXT,
    proses_id INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (anggota_a < anggota_b)
) STRICT;

CREATE UNIQUE INDEX duplikat_by_pair ON duplikat (anggota_a, anggota_b);
CREATE INDEX duplikat_by_status ON duplikat (status, skor, id);
CREATE INDEX duplikat_by_b ON duplikat (anggota_b);

-- One row per run of `pilar dedup` / POST /api/v1/duplikat/proses.
CREATE TABLE duplikat_proses (
    id INTEGER PRIMARY KEY,
    kode_wilayah TEXT NOT NULL,            -- the area scanned ('' = everything)
    orang INTEGER NOT NULL,
    pasangan INTEGER NOT NULL,             -- pairs the engine proposed
    baru INTEGER NOT NULL,                 -- new in the queue
    diperbarui INTEGER NOT NULL,           -- still waiting, score refreshed
    sudah_diputus INTEGER NOT NULL,        -- already decided: left alone
    dibatasi_json TEXT NOT NULL,           -- blocks that were capped (key, size)
    detik REAL NOT NULL,
    oleh TEXT NOT NULL,
    mulai TEXT NOT NULL,
    selesai TEXT NOT NULL
) STRICT;

-- ---------------------------------------------------------------- dashboard (migration 0008)
-- New measure in dash_jumlah: 'duplikat' '' = pairs waiting for review, per kelurahan of member a.
-- And 'jiwa' no longer counts a merged-away member. The recount view and the anggota triggers are
-- replaced to say so.

DROP VIEW dash_jumlah_hitung;
CREATE VIEW dash_jumlah_hitung (ukuran, kode, kunci, n) AS
    SELECT 'keluarga', substr(kode_wilayah, 1, 13), '', count(*) FROM keluarga
        WHERE status = 'aktif' GROUP BY substr(kode_wilayah, 1, 13)
    UNION ALL
    SELECT 'jiwa', substr(kode_wilayah, 1, 13), '', count(*) FROM anggota
        WHERE status_keberadaan = 'ada' AND digabung_ke IS NULL GROUP BY substr(kode_wilayah, 1, 13)
    UNION ALL
    SELECT 'ppks', substr(kode_wilayah, 1, 13), CAST(ppks AS TEXT), count(*) FROM anggota_ppks
        WHERE sampai IS NULL GROUP BY substr(kode_wilayah, 1, 13), ppks
    UNION ALL
    SELECT 'usulan', substr(kode_wilayah, 1, 13), status, count(*) FROM usulan
        GROUP BY substr(kode_wilayah, 1, 13), status
    UNION ALL
    SELECT 'periksa', substr(kode_wilayah, 1, 13), daftar_id || ':' || status, count(*) FROM daftar_periksa_item
        GROUP BY substr(kode_wilayah, 1, 13), daftar_id, status
    UNION ALL
    SELECT 'duplikat', substr(kode_wilayah_a, 1, 13), '', count(*) FROM duplikat
        WHERE status = 'menunggu' GROUP BY substr(kode_wilayah_a, 1, 13);

DROP TRIGGER dash_anggota_ins ON anggota;
DROP TRIGGER dash_anggota_del ON anggota;
DROP TRIGGER dash_anggota_upd ON anggota;

CREATE OR REPLACE FUNCTION dash_anggota_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_ins AFTER INSERT ON anggota FOR EACH ROW
WHEN (NEW.status_keberadaan = 'ada' AND NEW.digabung_ke IS NULL) EXECUTE FUNCTION dash_anggota_ins();

CREATE OR REPLACE FUNCTION dash_anggota_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'jiwa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_del AFTER DELETE ON anggota FOR EACH ROW
WHEN (OLD.status_keberadaan = 'ada' AND OLD.digabung_ke IS NULL) EXECUTE FUNCTION dash_anggota_del();

CREATE OR REPLACE FUNCTION dash_anggota_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status_keberadaan = 'ada' AND OLD.digabung_ke IS NULL AND ukuran = 'jiwa'
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1 WHERE NEW.status_keberadaan = 'ada' AND NEW.digabung_ke IS NULL
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_upd AFTER UPDATE OF kode_wilayah, status_keberadaan, digabung_ke ON anggota FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.status_keberadaan IS DISTINCT FROM NEW.status_keberadaan
      OR OLD.digabung_ke IS DISTINCT FROM NEW.digabung_ke)
    EXECUTE FUNCTION dash_anggota_upd();

CREATE FUNCTION dash_duplikat_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('duplikat', substr(NEW.kode_wilayah_a, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_duplikat_ins AFTER INSERT ON duplikat FOR EACH ROW WHEN (NEW.status = 'menunggu')
    EXECUTE FUNCTION dash_duplikat_ins();

CREATE FUNCTION dash_duplikat_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'duplikat' AND kode = substr(OLD.kode_wilayah_a, 1, 13) AND kunci = '';
    RETURN NULL;
END $$;
CREATE TRIGGER dash_duplikat_del AFTER DELETE ON duplikat FOR EACH ROW WHEN (OLD.status = 'menunggu')
    EXECUTE FUNCTION dash_duplikat_del();

CREATE FUNCTION dash_duplikat_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status = 'menunggu' AND ukuran = 'duplikat' AND kode = substr(OLD.kode_wilayah_a, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'duplikat', substr(NEW.kode_wilayah_a, 1, 13), '', 1 WHERE NEW.status = 'menunggu'
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_duplikat_upd AFTER UPDATE OF status, kode_wilayah_a ON duplikat FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.kode_wilayah_a IS DISTINCT FROM NEW.kode_wilayah_a)
    EXECUTE FUNCTION dash_duplikat_upd();
