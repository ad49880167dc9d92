-- PostgreSQL variant of migrations/0025_sasaran_urutan.sql (read that one first): the rows already
-- there are numbered in the order of their place in the table (ctid) instead of SQLite's rowid,
-- which PostgreSQL has not; the column and the index are the common file's.
ALTER TABLE laporan_kegiatan_sasaran ADD COLUMN urutan BIGINT NOT NULL DEFAULT 0;

UPDATE laporan_kegiatan_sasaran s
   SET urutan = n.urutan
  FROM (SELECT ctid, row_number() OVER (PARTITION BY laporan_id ORDER BY ctid) AS urutan
          FROM laporan_kegiatan_sasaran) n
 WHERE s.ctid = n.ctid;

DROP INDEX laporan_kegiatan_sasaran_by_laporan;
CREATE UNIQUE INDEX laporan_kegiatan_sasaran_by_laporan ON laporan_kegiatan_sasaran (laporan_id, urutan);
