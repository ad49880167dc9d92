-- Verivali (src/verivali): a proposal carries its household's region (`usulan.kode_wilayah`), by
-- which every read, list, queue and count is scoped. When the household moves (a new RW, RT or
-- kelurahan, by any way in: the API, offline sync, a bulk import), its proposals move with it in
-- the same transaction, so the field worker of the old area no longer reads them and the one of
-- the new area does. A trigger, like the dashboard's (0008), because every write path of the
-- registry has to be followed and none may be missed; the dashboard's own trigger on
-- usulan.kode_wilayah then moves the counts.
CREATE TRIGGER usulan_ikut_keluarga AFTER UPDATE OF kode_wilayah ON keluarga
WHEN OLD.kode_wilayah IS NOT NEW.kode_wilayah BEGIN
    UPDATE usulan SET kode_wilayah = NEW.kode_wilayah WHERE keluarga_id = NEW.id;
END;
