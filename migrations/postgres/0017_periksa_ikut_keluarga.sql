-- PostgreSQL variant of migrations/0017_periksa_ikut_keluarga.sql (read that one first): the same
-- triggers as PL/pgSQL functions behind FOR EACH ROW triggers with the same events, columns and
-- WHEN conditions; the catch-up statements and the index are the common file's.

-- Verivali (src/verivali): a ground-check item (daftar_periksa_item) is scoped by the region it
-- carries, copied from its household when the list was made, and assigned by its RW to a PSM.
-- When the household moves (any way in: the API, offline sync, a bulk import), an item still to
-- be checked (status 'belum') moves with it in the same transaction, as its proposals do (0015):
-- the PSM of the old RW no longer lists, reads or answers it, and the people of the new area do.
-- When the move changes its RW (an item left without an RW counts as changed) the item's PSM is
-- cleared and its version bumped, as an assignment bumps it: the operator's next assignment (POST
-- /api/v1/daftar-periksa/{id}/bagi) gives it to a PSM of the new RW, and an answer made on the
-- old assignment comes back as a conflict instead of being recorded. A move to another RT of
-- the same RW keeps the PSM and the version. A completed item ('selesai') is history and keeps
-- the region, RW and PSM it was checked in; it carries nothing of the household's present.
--
-- RW codes are the kelurahan code (13 characters, dotted) plus ".NNN": the first 17 characters
-- of an RW or RT code, none for a code at kelurahan level. A trigger, like 0015's, so that no write
-- path of the registry is missed; the dashboard's trigger on daftar_periksa_item.kode_wilayah
-- (0008) then moves the counts. Not audited apart: the household's move is (by the registry, with
-- before and after), and what follows from it is this fixed rule. PostgreSQL needs a PL/pgSQL
-- variant (docs/ARCHITECTURE.md).
CREATE FUNCTION periksa_ikut_keluarga() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE daftar_periksa_item
       SET kode_wilayah = NEW.kode_wilayah,
           kode_rw = CASE WHEN length(NEW.kode_wilayah) >= 17 THEN substr(NEW.kode_wilayah, 1, 17) END,
           petugas = CASE WHEN coalesce(kode_rw, '') = substr(NEW.kode_wilayah, 1, 17)
                          THEN petugas END,
           version = CASE WHEN coalesce(kode_rw, '') = substr(NEW.kode_wilayah, 1, 17)
                          THEN version ELSE version + 1 END
     WHERE keluarga_id = NEW.id AND status = 'belum';
    RETURN NULL;
END $$;
CREATE TRIGGER periksa_ikut_keluarga AFTER UPDATE OF kode_wilayah ON keluarga FOR EACH ROW
WHEN (OLD.kode_wilayah <> NEW.kode_wilayah) EXECUTE FUNCTION periksa_ikut_keluarga();


-- An item's attachments (photos of the house, answers' documents) and a proposal's (the evidence
-- behind a PPKS proposal: special-category data) are scoped by the region they carry, copied from
-- their owner when uploaded: they move with it, so that the people who may read the item or the
-- proposal are the people who may read its files (proposals have moved with their household since
-- 0015; their files stayed behind until now).
CREATE FUNCTION lampiran_ikut_periksa() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE lampiran SET kode_wilayah = NEW.kode_wilayah WHERE pemilik = 'periksa' AND pemilik_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER lampiran_ikut_periksa AFTER UPDATE OF kode_wilayah ON daftar_periksa_item FOR EACH ROW
WHEN (OLD.kode_wilayah <> NEW.kode_wilayah) EXECUTE FUNCTION lampiran_ikut_periksa();
CREATE FUNCTION lampiran_ikut_usulan() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE lampiran SET kode_wilayah = NEW.kode_wilayah WHERE pemilik = 'usulan' AND pemilik_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER lampiran_ikut_usulan AFTER UPDATE OF kode_wilayah ON usulan FOR EACH ROW
WHEN (OLD.kode_wilayah <> NEW.kode_wilayah) EXECUTE FUNCTION lampiran_ikut_usulan();

-- What moved before this migration: open items of households that had moved already, then the
-- files of proposals that had (the first UPDATE's rows fire lampiran_ikut_periksa and the
-- dashboard's trigger, so those follow too). UPDATE ... FROM is in SQLite (3.33) and PostgreSQL.
UPDATE daftar_periksa_item AS i
   SET kode_wilayah = k.kode_wilayah,
       kode_rw = CASE WHEN length(k.kode_wilayah) >= 17 THEN substr(k.kode_wilayah, 1, 17) END,
       petugas = CASE WHEN coalesce(i.kode_rw, '') = substr(k.kode_wilayah, 1, 17) THEN i.petugas END,
       version = CASE WHEN coalesce(i.kode_rw, '') = substr(k.kode_wilayah, 1, 17) THEN i.version ELSE i.version + 1 END
  FROM keluarga AS k
 WHERE k.id = i.keluarga_id AND i.status = 'belum' AND i.kode_wilayah <> k.kode_wilayah;
UPDATE lampiran AS l SET kode_wilayah = u.kode_wilayah
  FROM usulan AS u
 WHERE l.pemilik = 'usulan' AND u.id = l.pemilik_id AND l.kode_wilayah <> u.kode_wilayah;

-- periksa_ikut_keluarga finds a household's items by household: without this index each move would read
-- every item of every list (the unique index leads with the list). Also serves the last check
-- of a household (privacy's retention rule).
CREATE INDEX daftar_periksa_item_by_keluarga ON daftar_periksa_item (keluarga_id);
