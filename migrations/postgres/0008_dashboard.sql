-- PostgreSQL variant of migrations/0008_dashboard.sql (the common file says what each table, view
-- and trigger means; read it first). The tables are the same; the differences, all required:
--   * each trigger is a PL/pgSQL function with the same statements, and a FOR EACH ROW trigger
--     with the same event, columns and WHEN condition (`a IS NOT b` is `a IS DISTINCT FROM b`);
--   * the subquery of dash_aktivitas_hitung has an alias;
--   * the map's whole numbers use pilar_trunc/pilar_round below: SQLite's CAST(x AS INTEGER)
--     truncates and its round() rounds halves away from zero, PostgreSQL's cast rounds and its
--     round(double precision) rounds halves to even, which would put households in other cells.
-- Types, STRICT and WITHOUT ROWID are translated as for every migration (src/db/dialect.hpp).
-- tests/postgres/migrations.sh checks that both files give the same schema and the same rows.

-- Dashboard aggregates (src/dashboard), kept current ON WRITE by triggers on the base tables:
-- every write path (the services, bulk import, offline sync, the CLI, the demo loader, and any
-- later one) updates them in its own transaction, because the database does it for it. The
-- dashboard API reads only these tables, so a request costs the same with 2,000 persons or
-- 2,000,000 (bench/RESULTS.md).
--
-- What each aggregate MEANS is written once, as a recount view over the base tables
-- (dash_*_hitung). `pilar dashboard rebuild` replaces the tables by their views (repair), and
-- `pilar dashboard check` (and the unit tests) compare the two. The triggers must agree with
-- the views; change both together.
--
-- Every aggregate is per kelurahan (`kode`: the first 13 characters of a dotted code,
-- "36.71.01.1001"), so a TKSK's kecamatan and the office's kota are prefix ranges over it.
-- Rows whose count dropped to zero stay (n = 0); readers and checks ignore them.

-- Counts per kelurahan: `ukuran` is the measure, `kunci` its breakdown.
--   keluarga  ''          households with status 'aktif'
--   jiwa      ''          members with status_keberadaan 'ada'
--   ppks      '1'..'26'   open PPKS classifications (anggota_ppks.sampai IS NULL) per category
--   usulan    status      proposals per workflow state
--   periksa   'ID:status' ground-check list items per list and state (belum / selesai)
-- A later capability adds its own `ukuran` here (triggers on its tables, and its SELECT in
-- dash_jumlah_hitung).
CREATE TABLE dash_jumlah (
    ukuran TEXT NOT NULL,
    kode TEXT NOT NULL,
    kunci TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (ukuran, kode, kunci)
) STRICT, WITHOUT ROWID;

-- Households with GPS on a grid, for the map: per level (0: 0.02 degree cells, about 2.2 km;
-- 1: 0.005, about 550 m; 2: 0.001, about 110 m), kecamatan and cell. Cells are whole numbers
-- (y = floor((lat + 90) / size), x = floor((lon + 180) / size)); sums are micro-degrees, so
-- adding and removing stays exact and a cell's marker sits at its households' mean position.
-- No finer level: the map shows where households cluster, never one house.
CREATE TABLE dash_peta (
    tingkat INTEGER NOT NULL,
    kode TEXT NOT NULL,           -- kecamatan (8 characters): the narrowest dashboard scope
    y INTEGER NOT NULL,
    x INTEGER NOT NULL,
    n INTEGER NOT NULL,
    lat_e6 INTEGER NOT NULL,
    lon_e6 INTEGER NOT NULL,
    PRIMARY KEY (tingkat, kode, y, x)
) STRICT, WITHOUT ROWID;

-- Field activity per day, kelurahan and user: proposals made (usulan, by created_by on
-- created_at) and ground checks recorded (periksa: a list item's checked_by/checked_at and a
-- proposal's periksa_oleh/periksa_at). A record counts once, on the day and for the user of
-- its latest check, so the table is a function of the base tables like the others.
CREATE TABLE dash_aktivitas (
    hari TEXT NOT NULL,           -- YYYY-MM-DD (UTC)
    kode TEXT NOT NULL,
    username TEXT NOT NULL,
    jenis TEXT NOT NULL CHECK (jenis IN ('usulan', 'periksa')),
    n INTEGER NOT NULL,
    PRIMARY KEY (hari, kode, username, jenis)
) STRICT, WITHOUT ROWID;

-- PSM coverage: every RW with whether it is active and how many active PSM users have it in
-- their scope (users.role 'psm' AND users.active = 1, through user_wilayah).
CREATE TABLE dash_rw (
    kode TEXT PRIMARY KEY,
    aktif INTEGER NOT NULL,
    psm INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- ---------------------------------------------------------------- SQLite's whole-number rules

CREATE FUNCTION pilar_trunc(v double precision) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT trunc(v)::bigint $$;
CREATE FUNCTION pilar_round(v double precision) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT trunc(v + CASE WHEN v < 0 THEN -0.5 ELSE 0.5 END)::bigint $$;

-- ---------------------------------------------------------------- recount views (the meaning)

CREATE VIEW dash_jumlah_hitung (ukuran, kode, kunci, n) AS
    SELECT 'keluarga', substr(kode_wilayah, 1, 13), '', count(*) FROM keluarga
        WHERE status = 'aktif' GROUP BY substr(kode_wilayah, 1, 13)
    UNION ALL
    SELECT 'jiwa', substr(kode_wilayah, 1, 13), '', count(*) FROM anggota
        WHERE status_keberadaan = 'ada' GROUP BY substr(kode_wilayah, 1, 13)
    UNION ALL
    SELECT 'ppks', substr(kode_wilayah, 1, 13), CAST(ppks AS TEXT), count(*) FROM anggota_ppks
        WHERE sampai IS NULL GROUP BY substr(kode_wilayah, 1, 13), ppks
    UNION ALL
    SELECT 'usulan', substr(kode_wilayah, 1, 13), status, count(*) FROM usulan
        GROUP BY substr(kode_wilayah, 1, 13), status
    UNION ALL
    SELECT 'periksa', substr(kode_wilayah, 1, 13), daftar_id || ':' || status, count(*) FROM daftar_periksa_item
        GROUP BY substr(kode_wilayah, 1, 13), daftar_id, status;

CREATE VIEW dash_peta_hitung (tingkat, kode, y, x, n, lat_e6, lon_e6) AS
    SELECT g.tingkat, substr(k.kode_wilayah, 1, 8),
           pilar_trunc((k.lat + 90) / g.ukuran), pilar_trunc((k.lon + 180) / g.ukuran),
           count(*), sum(pilar_round(k.lat * 1000000))::bigint, sum(pilar_round(k.lon * 1000000))::bigint
    FROM keluarga k, (SELECT 0 AS tingkat, 0.02::float8 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
    WHERE k.status = 'aktif' AND k.lat IS NOT NULL AND k.lon IS NOT NULL
    GROUP BY g.tingkat, substr(k.kode_wilayah, 1, 8), pilar_trunc((k.lat + 90) / g.ukuran),
             pilar_trunc((k.lon + 180) / g.ukuran);

CREATE VIEW dash_aktivitas_hitung (hari, kode, username, jenis, n) AS
    SELECT hari, kode, username, jenis, count(*) FROM (
        SELECT substr(created_at, 1, 10) AS hari, substr(kode_wilayah, 1, 13) AS kode, created_by AS username,
               'usulan' AS jenis FROM usulan
        UNION ALL
        SELECT substr(periksa_at, 1, 10), substr(kode_wilayah, 1, 13), periksa_oleh, 'periksa' FROM usulan
            WHERE periksa_at IS NOT NULL AND periksa_oleh IS NOT NULL
        UNION ALL
        SELECT substr(checked_at, 1, 10), substr(kode_wilayah, 1, 13), checked_by, 'periksa' FROM daftar_periksa_item
            WHERE checked_at IS NOT NULL AND checked_by IS NOT NULL) AS kegiatan
    GROUP BY hari, kode, username, jenis;

CREATE VIEW dash_rw_hitung (kode, aktif, psm) AS
    SELECT w.kode, w.active,
           (SELECT count(*) FROM user_wilayah uw JOIN users u ON u.id = uw.user_id
             WHERE uw.kode = w.kode AND u.role = 'psm' AND u.active = 1)
    FROM wilayah w WHERE w.tingkat = 'rw';

-- ---------------------------------------------------------------- triggers (keeping them current)
-- Pattern: an insert adds the new row's contribution, a delete takes the old one away, an
-- update of a column the aggregate depends on does both.

-- keluarga: count and map cells
CREATE FUNCTION dash_keluarga_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('keluarga', substr(NEW.kode_wilayah, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6)
        SELECT g.tingkat, substr(NEW.kode_wilayah, 1, 8), pilar_trunc((NEW.lat + 90) / g.ukuran),
               pilar_trunc((NEW.lon + 180) / g.ukuran), 1, pilar_round(NEW.lat * 1000000), pilar_round(NEW.lon * 1000000)
        FROM (SELECT 0 AS tingkat, 0.02::float8 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
        WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
        ON CONFLICT (tingkat, kode, y, x) DO UPDATE SET n = dash_peta.n + 1, lat_e6 = dash_peta.lat_e6 + excluded.lat_e6,
            lon_e6 = dash_peta.lon_e6 + excluded.lon_e6;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_keluarga_ins AFTER INSERT ON keluarga FOR EACH ROW WHEN (NEW.status = 'aktif')
    EXECUTE FUNCTION dash_keluarga_ins();

CREATE FUNCTION dash_keluarga_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'keluarga' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    UPDATE dash_peta SET n = n - 1, lat_e6 = lat_e6 - pilar_round(OLD.lat * 1000000),
                         lon_e6 = lon_e6 - pilar_round(OLD.lon * 1000000)
        WHERE OLD.lat IS NOT NULL AND OLD.lon IS NOT NULL AND kode = substr(OLD.kode_wilayah, 1, 8) AND (
            (tingkat = 0 AND y = pilar_trunc((OLD.lat + 90) / 0.02) AND x = pilar_trunc((OLD.lon + 180) / 0.02)) OR
            (tingkat = 1 AND y = pilar_trunc((OLD.lat + 90) / 0.005) AND x = pilar_trunc((OLD.lon + 180) / 0.005)) OR
            (tingkat = 2 AND y = pilar_trunc((OLD.lat + 90) / 0.001) AND x = pilar_trunc((OLD.lon + 180) / 0.001)));
    RETURN NULL;
END $$;
CREATE TRIGGER dash_keluarga_del AFTER DELETE ON keluarga FOR EACH ROW WHEN (OLD.status = 'aktif')
    EXECUTE FUNCTION dash_keluarga_del();

-- An update is a delete of the old row's contribution and an insert of the new one's, spelled
-- out: only when a column they depend on changed.
CREATE FUNCTION dash_keluarga_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status = 'aktif' AND ukuran = 'keluarga' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'keluarga', substr(NEW.kode_wilayah, 1, 13), '', 1 WHERE NEW.status = 'aktif'
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    UPDATE dash_peta SET n = n - 1, lat_e6 = lat_e6 - pilar_round(OLD.lat * 1000000),
                         lon_e6 = lon_e6 - pilar_round(OLD.lon * 1000000)
        WHERE OLD.status = 'aktif' AND OLD.lat IS NOT NULL AND OLD.lon IS NOT NULL AND kode = substr(OLD.kode_wilayah, 1, 8) AND (
            (tingkat = 0 AND y = pilar_trunc((OLD.lat + 90) / 0.02) AND x = pilar_trunc((OLD.lon + 180) / 0.02)) OR
            (tingkat = 1 AND y = pilar_trunc((OLD.lat + 90) / 0.005) AND x = pilar_trunc((OLD.lon + 180) / 0.005)) OR
            (tingkat = 2 AND y = pilar_trunc((OLD.lat + 90) / 0.001) AND x = pilar_trunc((OLD.lon + 180) / 0.001)));
    INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6)
        SELECT g.tingkat, substr(NEW.kode_wilayah, 1, 8), pilar_trunc((NEW.lat + 90) / g.ukuran),
               pilar_trunc((NEW.lon + 180) / g.ukuran), 1, pilar_round(NEW.lat * 1000000), pilar_round(NEW.lon * 1000000)
        FROM (SELECT 0 AS tingkat, 0.02::float8 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
        WHERE NEW.status = 'aktif' AND NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
        ON CONFLICT (tingkat, kode, y, x) DO UPDATE SET n = dash_peta.n + 1, lat_e6 = dash_peta.lat_e6 + excluded.lat_e6,
            lon_e6 = dash_peta.lon_e6 + excluded.lon_e6;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_keluarga_upd AFTER UPDATE OF kode_wilayah, status, lat, lon ON keluarga FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lon IS DISTINCT FROM NEW.lon)
    EXECUTE FUNCTION dash_keluarga_upd();

-- anggota: persons present
CREATE FUNCTION dash_anggota_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_ins AFTER INSERT ON anggota FOR EACH ROW WHEN (NEW.status_keberadaan = 'ada')
    EXECUTE FUNCTION dash_anggota_ins();

CREATE FUNCTION dash_anggota_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'jiwa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_del AFTER DELETE ON anggota FOR EACH ROW WHEN (OLD.status_keberadaan = 'ada')
    EXECUTE FUNCTION dash_anggota_del();

CREATE FUNCTION dash_anggota_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status_keberadaan = 'ada' AND ukuran = 'jiwa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1 WHERE NEW.status_keberadaan = 'ada'
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_anggota_upd AFTER UPDATE OF kode_wilayah, status_keberadaan ON anggota FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.status_keberadaan IS DISTINCT FROM NEW.status_keberadaan)
    EXECUTE FUNCTION dash_anggota_upd();

-- anggota_ppks: open classifications per category
CREATE FUNCTION dash_ppks_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('ppks', substr(NEW.kode_wilayah, 1, 13), CAST(NEW.ppks AS TEXT), 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_ppks_ins AFTER INSERT ON anggota_ppks FOR EACH ROW WHEN (NEW.sampai IS NULL)
    EXECUTE FUNCTION dash_ppks_ins();

CREATE FUNCTION dash_ppks_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'ppks' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = CAST(OLD.ppks AS TEXT);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_ppks_del AFTER DELETE ON anggota_ppks FOR EACH ROW WHEN (OLD.sampai IS NULL)
    EXECUTE FUNCTION dash_ppks_del();

CREATE FUNCTION dash_ppks_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.sampai IS NULL AND ukuran = 'ppks' AND kode = substr(OLD.kode_wilayah, 1, 13)
          AND kunci = CAST(OLD.ppks AS TEXT);
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'ppks', substr(NEW.kode_wilayah, 1, 13), CAST(NEW.ppks AS TEXT), 1 WHERE NEW.sampai IS NULL
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_ppks_upd AFTER UPDATE OF kode_wilayah, ppks, sampai ON anggota_ppks FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.ppks IS DISTINCT FROM NEW.ppks
      OR OLD.sampai IS DISTINCT FROM NEW.sampai)
    EXECUTE FUNCTION dash_ppks_upd();

-- usulan: pipeline per state, and activity (made; ground-checked)
CREATE FUNCTION dash_usulan_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('usulan', substr(NEW.kode_wilayah, 1, 13), NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        VALUES (substr(NEW.created_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.created_by, 'usulan', 1)
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.periksa_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.periksa_oleh, 'periksa', 1
        WHERE NEW.periksa_at IS NOT NULL AND NEW.periksa_oleh IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_usulan_ins AFTER INSERT ON usulan FOR EACH ROW EXECUTE FUNCTION dash_usulan_ins();

CREATE FUNCTION dash_usulan_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'usulan' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.status;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE hari = substr(OLD.created_at, 1, 10) AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.created_by
          AND jenis = 'usulan';
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.periksa_at IS NOT NULL AND OLD.periksa_oleh IS NOT NULL AND hari = substr(OLD.periksa_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.periksa_oleh AND jenis = 'periksa';
    RETURN NULL;
END $$;
CREATE TRIGGER dash_usulan_del AFTER DELETE ON usulan FOR EACH ROW EXECUTE FUNCTION dash_usulan_del();

CREATE FUNCTION dash_usulan_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'usulan' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.status;
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('usulan', substr(NEW.kode_wilayah, 1, 13), NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE hari = substr(OLD.created_at, 1, 10) AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.created_by
          AND jenis = 'usulan';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        VALUES (substr(NEW.created_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.created_by, 'usulan', 1)
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.periksa_at IS NOT NULL AND OLD.periksa_oleh IS NOT NULL AND hari = substr(OLD.periksa_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.periksa_oleh AND jenis = 'periksa';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.periksa_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.periksa_oleh, 'periksa', 1
        WHERE NEW.periksa_at IS NOT NULL AND NEW.periksa_oleh IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_usulan_upd AFTER UPDATE OF kode_wilayah, status, created_at, created_by, periksa_at, periksa_oleh
ON usulan FOR EACH ROW
WHEN (OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.created_by IS DISTINCT FROM NEW.created_by
      OR OLD.periksa_at IS DISTINCT FROM NEW.periksa_at OR OLD.periksa_oleh IS DISTINCT FROM NEW.periksa_oleh)
    EXECUTE FUNCTION dash_usulan_upd();

-- daftar_periksa_item: progress per list, and activity (checked)
CREATE FUNCTION dash_periksa_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        VALUES ('periksa', substr(NEW.kode_wilayah, 1, 13), NEW.daftar_id || ':' || NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.checked_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.checked_by, 'periksa', 1
        WHERE NEW.checked_at IS NOT NULL AND NEW.checked_by IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_periksa_ins AFTER INSERT ON daftar_periksa_item FOR EACH ROW EXECUTE FUNCTION dash_periksa_ins();

CREATE FUNCTION dash_periksa_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'periksa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.daftar_id || ':' || OLD.status;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.checked_at IS NOT NULL AND OLD.checked_by IS NOT NULL AND hari = substr(OLD.checked_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.checked_by AND jenis = 'periksa';
    RETURN NULL;
END $$;
CREATE TRIGGER dash_periksa_del AFTER DELETE ON daftar_periksa_item FOR EACH ROW EXECUTE FUNCTION dash_periksa_del();

CREATE FUNCTION dash_periksa_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'periksa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.daftar_id || ':' || OLD.status;
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        VALUES ('periksa', substr(NEW.kode_wilayah, 1, 13), NEW.daftar_id || ':' || NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.checked_at IS NOT NULL AND OLD.checked_by IS NOT NULL AND hari = substr(OLD.checked_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.checked_by AND jenis = 'periksa';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.checked_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.checked_by, 'periksa', 1
        WHERE NEW.checked_at IS NOT NULL AND NEW.checked_by IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = dash_aktivitas.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_periksa_upd AFTER UPDATE OF daftar_id, kode_wilayah, status, checked_at, checked_by
ON daftar_periksa_item FOR EACH ROW
WHEN (OLD.daftar_id IS DISTINCT FROM NEW.daftar_id OR OLD.kode_wilayah IS DISTINCT FROM NEW.kode_wilayah
      OR OLD.status IS DISTINCT FROM NEW.status OR OLD.checked_at IS DISTINCT FROM NEW.checked_at
      OR OLD.checked_by IS DISTINCT FROM NEW.checked_by)
    EXECUTE FUNCTION dash_periksa_upd();

-- PSM coverage: RWs as the wilayah tree changes, PSMs as scopes and accounts change
CREATE FUNCTION dash_rw_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO dash_rw (kode, aktif, psm)
        VALUES (NEW.kode, NEW.active, (SELECT count(*) FROM user_wilayah uw JOIN users u ON u.id = uw.user_id
                                        WHERE uw.kode = NEW.kode AND u.role = 'psm' AND u.active = 1))
        ON CONFLICT (kode) DO UPDATE SET aktif = excluded.aktif, psm = excluded.psm;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_rw_ins AFTER INSERT ON wilayah FOR EACH ROW WHEN (NEW.tingkat = 'rw') EXECUTE FUNCTION dash_rw_ins();

CREATE FUNCTION dash_rw_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET aktif = NEW.active WHERE kode = NEW.kode;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_rw_upd AFTER UPDATE OF active ON wilayah FOR EACH ROW
WHEN (NEW.tingkat = 'rw' AND OLD.active IS DISTINCT FROM NEW.active) EXECUTE FUNCTION dash_rw_upd();

CREATE FUNCTION dash_rw_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    DELETE FROM dash_rw WHERE kode = OLD.kode;
    RETURN NULL;
END $$;
CREATE TRIGGER dash_rw_del AFTER DELETE ON wilayah FOR EACH ROW WHEN (OLD.tingkat = 'rw') EXECUTE FUNCTION dash_rw_del();

CREATE FUNCTION dash_psm_scope_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm + 1
        WHERE kode = NEW.kode AND EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND role = 'psm' AND active = 1);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_scope_ins AFTER INSERT ON user_wilayah FOR EACH ROW EXECUTE FUNCTION dash_psm_scope_ins();

CREATE FUNCTION dash_psm_scope_del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm - 1
        WHERE kode = OLD.kode AND EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id AND role = 'psm' AND active = 1);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_scope_del AFTER DELETE ON user_wilayah FOR EACH ROW EXECUTE FUNCTION dash_psm_scope_del();

CREATE FUNCTION dash_psm_user_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE dash_rw SET psm = psm + (CASE WHEN NEW.role = 'psm' AND NEW.active = 1 THEN 1 ELSE -1 END)
        WHERE kode IN (SELECT kode FROM user_wilayah WHERE user_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER dash_psm_user_upd AFTER UPDATE OF role, active ON users FOR EACH ROW
WHEN ((OLD.role = 'psm' AND OLD.active = 1) IS DISTINCT FROM (NEW.role = 'psm' AND NEW.active = 1))
    EXECUTE FUNCTION dash_psm_user_upd();

-- ---------------------------------------------------------------- what is already there

INSERT INTO dash_jumlah (ukuran, kode, kunci, n) SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung;
INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6) SELECT tingkat, kode, y, x, n, lat_e6, lon_e6 FROM dash_peta_hitung;
INSERT INTO dash_aktivitas (hari, kode, username, jenis, n) SELECT hari, kode, username, jenis, n FROM dash_aktivitas_hitung;
INSERT INTO dash_rw (kode, aktif, psm) SELECT kode, aktif, psm FROM dash_rw_hitung;
