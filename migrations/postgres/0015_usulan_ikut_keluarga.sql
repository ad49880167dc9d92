-- PostgreSQL variant of migrations/0015_usulan_ikut_keluarga.sql (read that one first): the same
-- trigger as a PL/pgSQL function behind a FOR EACH ROW trigger with the same event, column and
-- WHEN condition (`IS NOT` is `IS DISTINCT FROM`).
-- Verivali (src/verivali): a proposal carries its household's region (`usulan.kode_wilayah`), by
-- which every read, list, queue and count is scoped. When the household moves (a new RW, RT or
-- kelurahan, by any way in: the API, offline sync, a bulk import), its proposals move with it in
-- the same transaction, so the field worker of the old area no longer reads them and the one of
-- the new area does. A trigger, like the dashboard's (0008), because every write path of the
-- registry has to be followed and none may be missed; the dashboard's own trigger on
-- usulan.kode_wilayah then moves the counts.
CREATE FUNCTION usulan_ikut_keluarga() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE usulan SET kode_wilayah = NEW.kode_wilayah WHERE keluarga_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER usulan_ikut_keluarga AFTER UPDATE OF kode_wilayah ON keluarga FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah) EXECUTE FUNCTION usulan_ikut_keluarga();
