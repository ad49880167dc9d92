-- The workforce rules ("aturan pilar sosial": requirements, incentive, score weights; keys and
-- defaults in src/workforce/model.hpp) per kota/kabupaten. Until now one table served every kota
-- in the database, so one kota's operator changed the incentive and the weights of all of them.
-- A key a kota has no row for has its default.
--
-- Every existing row is copied to every kota of the wilayah table (its value, who changed it and
-- when), so no kota's rules change with the upgrade. A kota loaded later starts from the
-- defaults, not from the old shared values: in a database of several kota those were whichever
-- office wrote last, not a decision of the new kota's office. The old table is kept, renamed
-- workforce_aturan_bersama and read by nothing, so the values survive even where no kota was
-- loaded yet (docs/operations.md: copy them with `pilar workforce rules set`).
-- Plain SQL: PostgreSQL takes it as it is (without STRICT/WITHOUT ROWID, like every table).
CREATE TABLE workforce_aturan_kota (
    kode_kota TEXT NOT NULL,
    kunci TEXT NOT NULL,
    nilai TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kode_kota, kunci)
) STRICT, WITHOUT ROWID;

INSERT INTO workforce_aturan_kota (kode_kota, kunci, nilai, updated_by, updated_at)
SELECT w.kode, a.kunci, a.nilai, a.updated_by, a.updated_at
FROM wilayah w CROSS JOIN workforce_aturan a
WHERE w.tingkat = 'kota';

ALTER TABLE workforce_aturan RENAME TO workforce_aturan_bersama;
