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
           CAST((k.lat + 90) / g.ukuran AS INTEGER), CAST((k.lon + 180) / g.ukuran AS INTEGER),
           count(*), sum(CAST(round(k.lat * 1000000) AS INTEGER)), sum(CAST(round(k.lon * 1000000) AS INTEGER))
    FROM keluarga k, (SELECT 0 AS tingkat, 0.02 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
    WHERE k.status = 'aktif' AND k.lat IS NOT NULL AND k.lon IS NOT NULL
    GROUP BY g.tingkat, substr(k.kode_wilayah, 1, 8), CAST((k.lat + 90) / g.ukuran AS INTEGER),
             CAST((k.lon + 180) / g.ukuran AS INTEGER);

CREATE VIEW dash_aktivitas_hitung (hari, kode, username, jenis, n) AS
    SELECT hari, kode, username, jenis, count(*) FROM (
        SELECT substr(created_at, 1, 10) AS hari, substr(kode_wilayah, 1, 13) AS kode, created_by AS username,
               'usulan' AS jenis FROM usulan
        UNION ALL
        SELECT substr(periksa_at, 1, 10), substr(kode_wilayah, 1, 13), periksa_oleh, 'periksa' FROM usulan
            WHERE periksa_at IS NOT NULL AND periksa_oleh IS NOT NULL
        UNION ALL
        SELECT substr(checked_at, 1, 10), substr(kode_wilayah, 1, 13), checked_by, 'periksa' FROM daftar_periksa_item
            WHERE checked_at IS NOT NULL AND checked_by IS NOT NULL)
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
CREATE TRIGGER dash_keluarga_ins AFTER INSERT ON keluarga WHEN NEW.status = 'aktif' BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('keluarga', substr(NEW.kode_wilayah, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6)
        SELECT g.tingkat, substr(NEW.kode_wilayah, 1, 8), CAST((NEW.lat + 90) / g.ukuran AS INTEGER),
               CAST((NEW.lon + 180) / g.ukuran AS INTEGER), 1, CAST(round(NEW.lat * 1000000) AS INTEGER),
               CAST(round(NEW.lon * 1000000) AS INTEGER)
        FROM (SELECT 0 AS tingkat, 0.02 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
        WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
        ON CONFLICT (tingkat, kode, y, x) DO UPDATE SET n = n + 1, lat_e6 = lat_e6 + excluded.lat_e6,
            lon_e6 = lon_e6 + excluded.lon_e6;
END;

CREATE TRIGGER dash_keluarga_del AFTER DELETE ON keluarga WHEN OLD.status = 'aktif' BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'keluarga' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    UPDATE dash_peta SET n = n - 1, lat_e6 = lat_e6 - CAST(round(OLD.lat * 1000000) AS INTEGER),
                         lon_e6 = lon_e6 - CAST(round(OLD.lon * 1000000) AS INTEGER)
        WHERE OLD.lat IS NOT NULL AND OLD.lon IS NOT NULL AND kode = substr(OLD.kode_wilayah, 1, 8) AND (
            (tingkat = 0 AND y = CAST((OLD.lat + 90) / 0.02 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.02 AS INTEGER)) OR
            (tingkat = 1 AND y = CAST((OLD.lat + 90) / 0.005 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.005 AS INTEGER)) OR
            (tingkat = 2 AND y = CAST((OLD.lat + 90) / 0.001 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.001 AS INTEGER)));
END;

-- An update is a delete of the old row's contribution and an insert of the new one's, spelled
-- out (a trigger cannot call another): only when a column they depend on changed.
CREATE TRIGGER dash_keluarga_upd AFTER UPDATE OF kode_wilayah, status, lat, lon ON keluarga
WHEN OLD.kode_wilayah IS NOT NEW.kode_wilayah OR OLD.status IS NOT NEW.status OR OLD.lat IS NOT NEW.lat
     OR OLD.lon IS NOT NEW.lon BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status = 'aktif' AND ukuran = 'keluarga' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'keluarga', substr(NEW.kode_wilayah, 1, 13), '', 1 WHERE NEW.status = 'aktif'
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    UPDATE dash_peta SET n = n - 1, lat_e6 = lat_e6 - CAST(round(OLD.lat * 1000000) AS INTEGER),
                         lon_e6 = lon_e6 - CAST(round(OLD.lon * 1000000) AS INTEGER)
        WHERE OLD.status = 'aktif' AND OLD.lat IS NOT NULL AND OLD.lon IS NOT NULL AND kode = substr(OLD.kode_wilayah, 1, 8) AND (
            (tingkat = 0 AND y = CAST((OLD.lat + 90) / 0.02 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.02 AS INTEGER)) OR
            (tingkat = 1 AND y = CAST((OLD.lat + 90) / 0.005 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.005 AS INTEGER)) OR
            (tingkat = 2 AND y = CAST((OLD.lat + 90) / 0.001 AS INTEGER) AND x = CAST((OLD.lon + 180) / 0.001 AS INTEGER)));
    INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6)
        SELECT g.tingkat, substr(NEW.kode_wilayah, 1, 8), CAST((NEW.lat + 90) / g.ukuran AS INTEGER),
               CAST((NEW.lon + 180) / g.ukuran AS INTEGER), 1, CAST(round(NEW.lat * 1000000) AS INTEGER),
               CAST(round(NEW.lon * 1000000) AS INTEGER)
        FROM (SELECT 0 AS tingkat, 0.02 AS ukuran UNION ALL SELECT 1, 0.005 UNION ALL SELECT 2, 0.001) g
        WHERE NEW.status = 'aktif' AND NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
        ON CONFLICT (tingkat, kode, y, x) DO UPDATE SET n = n + 1, lat_e6 = lat_e6 + excluded.lat_e6,
            lon_e6 = lon_e6 + excluded.lon_e6;
END;

-- anggota: persons present
CREATE TRIGGER dash_anggota_ins AFTER INSERT ON anggota WHEN NEW.status_keberadaan = 'ada' BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER dash_anggota_del AFTER DELETE ON anggota WHEN OLD.status_keberadaan = 'ada' BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'jiwa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
END;

CREATE TRIGGER dash_anggota_upd AFTER UPDATE OF kode_wilayah, status_keberadaan ON anggota
WHEN OLD.kode_wilayah IS NOT NEW.kode_wilayah OR OLD.status_keberadaan IS NOT NEW.status_keberadaan BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.status_keberadaan = 'ada' AND ukuran = 'jiwa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = '';
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'jiwa', substr(NEW.kode_wilayah, 1, 13), '', 1 WHERE NEW.status_keberadaan = 'ada'
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
END;

-- anggota_ppks: open classifications per category
CREATE TRIGGER dash_ppks_ins AFTER INSERT ON anggota_ppks WHEN NEW.sampai IS NULL BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('ppks', substr(NEW.kode_wilayah, 1, 13), CAST(NEW.ppks AS TEXT), 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER dash_ppks_del AFTER DELETE ON anggota_ppks WHEN OLD.sampai IS NULL BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'ppks' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = CAST(OLD.ppks AS TEXT);
END;

CREATE TRIGGER dash_ppks_upd AFTER UPDATE OF kode_wilayah, ppks, sampai ON anggota_ppks
WHEN OLD.kode_wilayah IS NOT NEW.kode_wilayah OR OLD.ppks IS NOT NEW.ppks OR OLD.sampai IS NOT NEW.sampai BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE OLD.sampai IS NULL AND ukuran = 'ppks' AND kode = substr(OLD.kode_wilayah, 1, 13)
          AND kunci = CAST(OLD.ppks AS TEXT);
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        SELECT 'ppks', substr(NEW.kode_wilayah, 1, 13), CAST(NEW.ppks AS TEXT), 1 WHERE NEW.sampai IS NULL
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
END;

-- usulan: pipeline per state, and activity (made; ground-checked)
CREATE TRIGGER dash_usulan_ins AFTER INSERT ON usulan BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('usulan', substr(NEW.kode_wilayah, 1, 13), NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        VALUES (substr(NEW.created_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.created_by, 'usulan', 1)
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.periksa_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.periksa_oleh, 'periksa', 1
        WHERE NEW.periksa_at IS NOT NULL AND NEW.periksa_oleh IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER dash_usulan_del AFTER DELETE ON usulan BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'usulan' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.status;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE hari = substr(OLD.created_at, 1, 10) AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.created_by
          AND jenis = 'usulan';
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.periksa_at IS NOT NULL AND OLD.periksa_oleh IS NOT NULL AND hari = substr(OLD.periksa_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.periksa_oleh AND jenis = 'periksa';
END;

CREATE TRIGGER dash_usulan_upd AFTER UPDATE OF kode_wilayah, status, created_at, created_by, periksa_at, periksa_oleh ON usulan
WHEN OLD.kode_wilayah IS NOT NEW.kode_wilayah OR OLD.status IS NOT NEW.status OR OLD.created_at IS NOT NEW.created_at
     OR OLD.created_by IS NOT NEW.created_by OR OLD.periksa_at IS NOT NEW.periksa_at
     OR OLD.periksa_oleh IS NOT NEW.periksa_oleh BEGIN
    UPDATE dash_jumlah SET n = n - 1 WHERE ukuran = 'usulan' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.status;
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES ('usulan', substr(NEW.kode_wilayah, 1, 13), NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE hari = substr(OLD.created_at, 1, 10) AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.created_by
          AND jenis = 'usulan';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        VALUES (substr(NEW.created_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.created_by, 'usulan', 1)
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.periksa_at IS NOT NULL AND OLD.periksa_oleh IS NOT NULL AND hari = substr(OLD.periksa_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.periksa_oleh AND jenis = 'periksa';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.periksa_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.periksa_oleh, 'periksa', 1
        WHERE NEW.periksa_at IS NOT NULL AND NEW.periksa_oleh IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
END;

-- daftar_periksa_item: progress per list, and activity (checked)
CREATE TRIGGER dash_periksa_ins AFTER INSERT ON daftar_periksa_item BEGIN
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        VALUES ('periksa', substr(NEW.kode_wilayah, 1, 13), NEW.daftar_id || ':' || NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.checked_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.checked_by, 'periksa', 1
        WHERE NEW.checked_at IS NOT NULL AND NEW.checked_by IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER dash_periksa_del AFTER DELETE ON daftar_periksa_item BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'periksa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.daftar_id || ':' || OLD.status;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.checked_at IS NOT NULL AND OLD.checked_by IS NOT NULL AND hari = substr(OLD.checked_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.checked_by AND jenis = 'periksa';
END;

CREATE TRIGGER dash_periksa_upd AFTER UPDATE OF daftar_id, kode_wilayah, status, checked_at, checked_by ON daftar_periksa_item
WHEN OLD.daftar_id IS NOT NEW.daftar_id OR OLD.kode_wilayah IS NOT NEW.kode_wilayah OR OLD.status IS NOT NEW.status
     OR OLD.checked_at IS NOT NEW.checked_at OR OLD.checked_by IS NOT NEW.checked_by BEGIN
    UPDATE dash_jumlah SET n = n - 1
        WHERE ukuran = 'periksa' AND kode = substr(OLD.kode_wilayah, 1, 13) AND kunci = OLD.daftar_id || ':' || OLD.status;
    INSERT INTO dash_jumlah (ukuran, kode, kunci, n)
        VALUES ('periksa', substr(NEW.kode_wilayah, 1, 13), NEW.daftar_id || ':' || NEW.status, 1)
        ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = n + 1;
    UPDATE dash_aktivitas SET n = n - 1
        WHERE OLD.checked_at IS NOT NULL AND OLD.checked_by IS NOT NULL AND hari = substr(OLD.checked_at, 1, 10)
          AND kode = substr(OLD.kode_wilayah, 1, 13) AND username = OLD.checked_by AND jenis = 'periksa';
    INSERT INTO dash_aktivitas (hari, kode, username, jenis, n)
        SELECT substr(NEW.checked_at, 1, 10), substr(NEW.kode_wilayah, 1, 13), NEW.checked_by, 'periksa', 1
        WHERE NEW.checked_at IS NOT NULL AND NEW.checked_by IS NOT NULL
        ON CONFLICT (hari, kode, username, jenis) DO UPDATE SET n = n + 1;
END;

-- PSM coverage: RWs as the wilayah tree changes, PSMs as scopes and accounts change
CREATE TRIGGER dash_rw_ins AFTER INSERT ON wilayah WHEN NEW.tingkat = 'rw' BEGIN
    INSERT INTO dash_rw (kode, aktif, psm)
        VALUES (NEW.kode, NEW.active, (SELECT count(*) FROM user_wilayah uw JOIN users u ON u.id = uw.user_id
                                        WHERE uw.kode = NEW.kode AND u.role = 'psm' AND u.active = 1))
        ON CONFLICT (kode) DO UPDATE SET aktif = excluded.aktif, psm = excluded.psm;
END;

CREATE TRIGGER dash_rw_upd AFTER UPDATE OF active ON wilayah WHEN NEW.tingkat = 'rw' AND OLD.active IS NOT NEW.active BEGIN
    UPDATE dash_rw SET aktif = NEW.active WHERE kode = NEW.kode;
END;

CREATE TRIGGER dash_rw_del AFTER DELETE ON wilayah WHEN OLD.tingkat = 'rw' BEGIN
    DELETE FROM dash_rw WHERE kode = OLD.kode;
END;

CREATE TRIGGER dash_psm_scope_ins AFTER INSERT ON user_wilayah BEGIN
    UPDATE dash_rw SET psm = psm + 1
        WHERE kode = NEW.kode AND EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND role = 'psm' AND active = 1);
END;

CREATE TRIGGER dash_psm_scope_del AFTER DELETE ON user_wilayah BEGIN
    UPDATE dash_rw SET psm = psm - 1
        WHERE kode = OLD.kode AND EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id AND role = 'psm' AND active = 1);
END;

CREATE TRIGGER dash_psm_user_upd AFTER UPDATE OF role, active ON users
WHEN (OLD.role = 'psm' AND OLD.active = 1) IS NOT (NEW.role = 'psm' AND NEW.active = 1) BEGIN
    UPDATE dash_rw SET psm = psm + (CASE WHEN NEW.role = 'psm' AND NEW.active = 1 THEN 1 ELSE -1 END)
        WHERE kode IN (SELECT kode FROM user_wilayah WHERE user_id = NEW.id);
END;

-- ---------------------------------------------------------------- what is already there

INSERT INTO dash_jumlah (ukuran, kode, kunci, n) SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung;
INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6) SELECT tingkat, kode, y, x, n, lat_e6, lon_e6 FROM dash_peta_hitung;
INSERT INTO dash_aktivitas (hari, kode, username, jenis, n) SELECT hari, kode, username, jenis, n FROM dash_aktivitas_hitung;
INSERT INTO dash_rw (kode, aktif, psm) SELECT kode, aktif, psm FROM dash_rw_hitung;
