-- Workforce (src/workforce): the households and persons an activity report touched
-- (laporan_kegiatan_sasaran, 0009) are read back in the order the report listed them. That order
-- was SQLite's rowid, which the table has only because it has no primary key — PostgreSQL has
-- none. `urutan` numbers a report's targets 1, 2, ... in the order they were written
-- (workforce/store.cpp gives it on insert); rows already there are numbered in rowid order,
-- which is the order they were written in. (laporan_id, urutan) is unique and takes the place
-- of the index by laporan_id.
ALTER TABLE laporan_kegiatan_sasaran ADD COLUMN urutan INTEGER NOT NULL DEFAULT 0;

UPDATE laporan_kegiatan_sasaran
   SET urutan = (SELECT count(*) FROM laporan_kegiatan_sasaran t
                  WHERE t.laporan_id = laporan_kegiatan_sasaran.laporan_id
                    AND t.rowid <= laporan_kegiatan_sasaran.rowid);

DROP INDEX laporan_kegiatan_sasaran_by_laporan;
CREATE UNIQUE INDEX laporan_kegiatan_sasaran_by_laporan ON laporan_kegiatan_sasaran (laporan_id, urutan);
