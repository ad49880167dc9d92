-- PostgreSQL variant of migrations/0013_dash_psm_roster.sql (read that one first): the same view
-- and rules; DROP TRIGGER names its table (and the dropped triggers' functions go too), and each
-- trigger is a PL/pgSQL function with the same statements behind a FOR EACH ROW trigger with the
-- same event, columns and WHEN condition (as in postgres/0008_dashboard.sql).
-- The dashboard's PSM coverage (dash_rw.psm, migration 0008) counts the workforce roster instead
-- of user accounts: for each RW, the current assignments (pilar_penugasan.selesai IS NULL) of
-- PSM records (pilar_sosial.jenis = 'psm') with status 'aktif' -- the same rule as the coverage
-- screen (src/workforce cakupan). The aggregate stays current on write: triggers on the roster
-- tables replace those on users/user_wilayah, so a request still reads only dash_rw.


DROP TRIGGER dash_psm_scope_ins ON user_wilayah;
DROP TRIGGER dash_psm_scope_del ON user_wilayah;
DROP TRIGGER dash_psm_user_upd ON users;
DROP TRIGGER dash_rw_ins ON wilayah;
DROP FUNCTION dash_psm_scope_ins();
DROP FUNCTION dash_psm_scope_del();
DROP FUNCTION dash_psm_user_upd();
DROP VIEW dash_rw_hitung;

CREATE VIEW dash_rw_hitung (kode, aktif, psm) AS
    SELECT w.kode, w.active,
           (SELECT count(*) FROM pilar_penugasan t JOIN pilar_sosial p ON p.id = t.pilar_id
             WHERE t.kode_wilayah = w.kode AND t.selesai IS NULL AND p.jenis = 'psm' AND p.status = 'aktif')
    FROM wilayah w WHERE w.tingkat = 'rw';

CREATE OR REPLACE FUNCTION dash_rw_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_rw (kode, aktif, psm)
        VALUES (NEW.kode, NEW.active, (SELECT count(*) FROM pilar_penugasan t JOIN pilar_sosial p ON p.id = t.pilar_id
                                        WHERE t.kode_wilayah = NEW.kode AND t.selesai IS NULL AND p.jenis = 'psm'
                                          AND p.status = 'aktif'))
        ON CONFLICT (kode) DO UPDATE SET aktif = excluded.aktif, psm = excluded.psm;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_rw_ins AFTER INSERT ON wilayah FOR EACH ROW WHEN (NEW.tingkat = 'rw') EXECUTE FUNCTION dash_rw_ins();

-- An assignment counts while it is current and its record is an active PSM.
CREATE FUNCTION dash_psm_tugas_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm + 1
        WHERE kode = NEW.kode_wilayah
          AND EXISTS (SELECT 1 FROM pilar_sosial WHERE id = NEW.pilar_id AND jenis = 'psm' AND status = 'aktif');
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_tugas_ins AFTER INSERT ON pilar_penugasan FOR EACH ROW WHEN (NEW.selesai IS NULL)
    EXECUTE FUNCTION dash_psm_tugas_ins();

CREATE FUNCTION dash_psm_tugas_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm - 1
        WHERE kode = OLD.kode_wilayah
          AND EXISTS (SELECT 1 FROM pilar_sosial WHERE id = OLD.pilar_id AND jenis = 'psm' AND status = 'aktif');
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_tugas_del AFTER DELETE ON pilar_penugasan FOR EACH ROW WHEN (OLD.selesai IS NULL)
    EXECUTE FUNCTION dash_psm_tugas_del();

CREATE FUNCTION dash_psm_tugas_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm - 1
        WHERE OLD.selesai IS NULL AND kode = OLD.kode_wilayah
          AND EXISTS (SELECT 1 FROM pilar_sosial WHERE id = OLD.pilar_id AND jenis = 'psm' AND status = 'aktif');
    UPDATE dash_rw SET psm = psm + 1
        WHERE NEW.selesai IS NULL AND kode = NEW.kode_wilayah
          AND EXISTS (SELECT 1 FROM pilar_sosial WHERE id = NEW.pilar_id AND jenis = 'psm' AND status = 'aktif');
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_tugas_upd AFTER UPDATE OF selesai, kode_wilayah, pilar_id ON pilar_penugasan FOR EACH ROW
    EXECUTE FUNCTION dash_psm_tugas_upd();

-- A record becoming (or ceasing to be) an active PSM adds (takes away) its current assignments.
CREATE FUNCTION dash_psm_pilar_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm + (CASE WHEN NEW.jenis = 'psm' AND NEW.status = 'aktif' THEN 1 ELSE -1 END)
        WHERE kode IN (SELECT kode_wilayah FROM pilar_penugasan WHERE pilar_id = NEW.id AND selesai IS NULL);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_pilar_upd AFTER UPDATE OF jenis, status ON pilar_sosial FOR EACH ROW
WHEN ((OLD.jenis = 'psm' AND OLD.status = 'aktif') IS DISTINCT FROM (NEW.jenis = 'psm' AND NEW.status = 'aktif'))
    EXECUTE FUNCTION dash_psm_pilar_upd();

CREATE FUNCTION dash_psm_pilar_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm - 1
        WHERE kode IN (SELECT kode_wilayah FROM pilar_penugasan WHERE pilar_id = OLD.id AND selesai IS NULL);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_pilar_del AFTER DELETE ON pilar_sosial FOR EACH ROW
WHEN (OLD.jenis = 'psm' AND OLD.status = 'aktif') EXECUTE FUNCTION dash_psm_pilar_del();

-- What is already there.
UPDATE dash_rw SET psm = (SELECT h.psm FROM dash_rw_hitung h WHERE h.kode = dash_rw.kode);
