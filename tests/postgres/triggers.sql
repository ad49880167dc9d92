-- Writes that fire every trigger of the schema, run by tests/postgres/migrations.sh on SQLite and
-- on PostgreSQL; after each step (a `SELECT '== ...'` line, then `-- state`) the rows the triggers
-- maintain are printed and the two outputs must be the same. Plain SQL both databases take
-- (@BLOB@ is a one-byte blob literal in each one's spelling). The coordinates are chosen so that
-- truncating a map cell and rounding it differ (SQLite's CAST truncates, PostgreSQL's rounds).

CREATE VIEW trigger_state (r) AS
    SELECT 'dash_jumlah ' || ukuran || ' ' || kode || ' ' || kunci || ' = ' || n FROM dash_jumlah
    UNION ALL SELECT 'dash_peta ' || tingkat || ' ' || kode || ' ' || y || ' ' || x || ' = ' || n || ' ' || lat_e6 || ' ' || lon_e6
        FROM dash_peta
    UNION ALL SELECT 'dash_aktivitas ' || hari || ' ' || kode || ' ' || username || ' ' || jenis || ' = ' || n FROM dash_aktivitas
    UNION ALL SELECT 'dash_rw ' || kode || ' aktif ' || aktif || ' psm ' || psm FROM dash_rw
    UNION ALL SELECT 'hitung_jumlah ' || ukuran || ' ' || kode || ' ' || kunci || ' = ' || n FROM dash_jumlah_hitung
    UNION ALL SELECT 'hitung_peta ' || tingkat || ' ' || kode || ' ' || y || ' ' || x || ' = ' || n || ' ' || lat_e6 || ' ' || lon_e6
        FROM dash_peta_hitung
    UNION ALL SELECT 'hitung_aktivitas ' || hari || ' ' || kode || ' ' || username || ' ' || jenis || ' = ' || n
        FROM dash_aktivitas_hitung
    UNION ALL SELECT 'hitung_rw ' || kode || ' aktif ' || aktif || ' psm ' || psm FROM dash_rw_hitung
    UNION ALL SELECT 'usulan ' || id || ' ' || kode_wilayah FROM usulan
    UNION ALL SELECT 'periksa ' || id || ' ' || kode_wilayah || ' rw ' || COALESCE(kode_rw, '-') || ' petugas '
                     || COALESCE(petugas, '-') || ' v' || version FROM daftar_periksa_item
    UNION ALL SELECT 'lampiran ' || id || ' ' || pemilik || ' ' || kode_wilayah FROM lampiran;

SELECT '== wilayah: kota, kecamatan, two kelurahan, three RW (dash_rw_ins)';
INSERT INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) VALUES
    ('36', 'BANTEN', 'provinsi', NULL, 'banten', 't', 't', 't'),
    ('36.71', 'KOTA TANGERANG', 'kota', '36', 'kota tangerang', 't', 't', 't'),
    ('36.71.01', 'TANGERANG', 'kecamatan', '36.71', 'tangerang', 't', 't', 't'),
    ('36.71.01.1001', 'SUKASARI', 'kelurahan', '36.71.01', 'sukasari', 't', 't', 't'),
    ('36.71.01.1002', 'BABAKAN', 'kelurahan', '36.71.01', 'babakan', 't', 't', 't'),
    ('36.71.01.1001.004', 'RW 004', 'rw', '36.71.01.1001', 'rw 004', 't', 't', 't'),
    ('36.71.01.1001.005', 'RW 005', 'rw', '36.71.01.1001', 'rw 005', 't', 't', 't'),
    ('36.71.01.1002.001', 'RW 001', 'rw', '36.71.01.1002', 'rw 001', 't', 't', 't');
-- state

SELECT '== an RW retired (dash_rw_upd)';
UPDATE wilayah SET active = 0 WHERE kode = '36.71.01.1001.005';
-- state

SELECT '== an active PSM assigned to RW 004, a candidate to RW 001 (dash_psm_tugas_ins)';
INSERT INTO pilar_sosial (id, jenis, nama, kode_wilayah, status, created_by, created_at, updated_at) VALUES
    (1, 'psm', 'Siti', '36.71.01.1001', 'aktif', 't', 't', 't'),
    (2, 'psm', 'Budi', '36.71.01.1002', 'kandidat', 't', 't', 't'),
    (3, 'tksk', 'Ani', '36.71.01', 'aktif', 't', 't', 't'),
    (4, 'psm', 'Dewi', '36.71.01.1002', 'aktif', 't', 't', 't');
INSERT INTO pilar_penugasan (id, pilar_id, kode_wilayah, mulai, created_by, created_at) VALUES
    (1, 1, '36.71.01.1001.004', '2026-01-01', 't', 't'),
    (2, 2, '36.71.01.1002.001', '2026-01-01', 't', 't');
-- state

SELECT '== the candidate becomes active, the first PSM inactive (dash_psm_pilar_upd)';
UPDATE pilar_sosial SET status = 'aktif' WHERE id = 2;
UPDATE pilar_sosial SET status = 'nonaktif' WHERE id = 1;
-- state

SELECT '== an assignment moves to RW 005, another ends (dash_psm_tugas_upd)';
UPDATE pilar_sosial SET status = 'aktif' WHERE id = 1;
UPDATE pilar_penugasan SET kode_wilayah = '36.71.01.1001.005' WHERE id = 1;
UPDATE pilar_penugasan SET selesai = '2026-06-01' WHERE id = 2;
-- state

SELECT '== an assignment and a record without one removed (dash_psm_tugas_del, dash_psm_pilar_del)';
INSERT INTO pilar_penugasan (id, pilar_id, kode_wilayah, mulai, created_by, created_at) VALUES
    (3, 2, '36.71.01.1002.001', '2026-07-01', 't', 't');
DELETE FROM pilar_penugasan WHERE id = 3;
DELETE FROM pilar_sosial WHERE id IN (3, 4);
-- state

SELECT '== households with and without GPS, members, PPKS (dash_keluarga_ins, dash_anggota_ins, dash_ppks_ins)';
INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, rw, rt, kode_wilayah, alamat, lat, lon,
                      created_at, updated_at, created_by, updated_by, row_hash) VALUES
    (1, 'e1', 'b1', 'm1', '36.71.01.1001', '004', '002', '36.71.01.1001.004.002', 'Jl. A', -6.1789, 106.6437, 't', 't', 't', 't', 'h'),
    (2, 'e2', 'b2', 'm2', '36.71.01.1001', '004', '003', '36.71.01.1001.004.003', 'Jl. B', NULL, NULL, 't', 't', 't', 't', 'h'),
    (3, 'e3', 'b3', 'm3', '36.71.01.1001', '004', '003', '36.71.01.1001.004.003', 'Jl. C', -6.1791, 106.6433, 't', 't', 't', 't', 'h');
INSERT INTO anggota (id, keluarga_id, nama, nama_cari, jenis_kelamin, hubungan, kode_wilayah, created_at, updated_at,
                     created_by, updated_by, row_hash) VALUES
    (1, 1, 'A', 'a', 'L', 'kepala', '36.71.01.1001.004.002', 't', 't', 't', 't', 'h'),
    (2, 1, 'B', 'b', 'P', 'istri', '36.71.01.1001.004.002', 't', 't', 't', 't', 'h'),
    (3, 2, 'C', 'c', 'P', 'kepala', '36.71.01.1001.004.003', 't', 't', 't', 't', 'h');
INSERT INTO anggota_ppks (id, anggota_id, ppks, sejak, dinilai_oleh, kode_wilayah, created_at) VALUES
    (1, 1, 5, '2026-01-01', 't', '36.71.01.1001.004.002', 't'),
    (2, 2, 12, '2026-01-01', 't', '36.71.01.1001.004.002', 't');
-- state

SELECT '== proposals, a ground-check list, attachments (dash_usulan_ins, dash_periksa_ins)';
INSERT INTO usulan (id, jenis, keluarga_id, kode_wilayah, periksa_oleh, periksa_at, created_by, created_at, updated_at) VALUES
    (1, 'ppks', 1, '36.71.01.1001.004.002', NULL, NULL, 'psm1', '2026-03-01T02:00:00Z', 't'),
    (2, 'perubahan', 2, '36.71.01.1001.004.003', 'psm1', '2026-03-02T03:00:00Z', 'psm1', '2026-03-01T04:00:00Z', 't');
INSERT INTO daftar_periksa (id, nama, sumber, created_by, created_at) VALUES (1, 'Daftar', 'filter', 't', 't');
INSERT INTO daftar_periksa_item (id, daftar_id, keluarga_id, kode_wilayah, kode_rw, petugas, status, checked_by, checked_at) VALUES
    (1, 1, 1, '36.71.01.1001.004.002', '36.71.01.1001.004', 'psm1', 'belum', NULL, NULL),
    (2, 1, 2, '36.71.01.1001.004.003', '36.71.01.1001.004', 'psm1', 'selesai', 'psm1', '2026-03-05T01:00:00Z'),
    (3, 1, 3, '36.71.01.1001.004.003', '36.71.01.1001.004', 'psm1', 'belum', NULL, NULL);
INSERT INTO lampiran (id, pemilik, pemilik_id, mime, bytes, sha256, ukuran, kode_wilayah, created_by, created_at) VALUES
    (1, 'usulan', 1, 'image/jpeg', @BLOB@, 's', 1, '36.71.01.1001.004.002', 't', 't'),
    (2, 'periksa', 1, 'image/jpeg', @BLOB@, 's', 1, '36.71.01.1001.004.002', 't', 't'),
    (3, 'periksa', 3, 'image/jpeg', @BLOB@, 's', 1, '36.71.01.1001.004.003', 't', 't');
-- state

SELECT '== a proposal goes forward and is checked, an item is checked (dash_usulan_upd, dash_periksa_upd)';
UPDATE usulan SET status = 'diajukan', periksa_oleh = 'psm2', periksa_at = '2026-03-04T05:00:00Z' WHERE id = 1;
UPDATE daftar_periksa_item SET status = 'selesai', checked_by = 'psm2', checked_at = '2026-03-06T06:00:00Z' WHERE id = 3;
-- state

SELECT '== a duplicate pair queued, then decided (dash_duplikat_ins, dash_duplikat_upd)';
INSERT INTO duplikat (id, anggota_a, anggota_b, skor, bobot, rincian_json, kode_wilayah_a, kode_wilayah_b, sumber,
                      created_at, updated_at) VALUES
    (1, 1, 3, 0.9, 7.5, '{}', '36.71.01.1001.004.002', '36.71.01.1001.004.003', 'dedup', 't', 't'),
    (2, 2, 3, 0.8, 6.5, '{}', '36.71.01.1001.004.002', '36.71.01.1001.004.003', 'dedup', 't', 't');
UPDATE duplikat SET status = 'bukan_duplikat' WHERE id = 2;
-- state

SELECT '== a household moves to another kelurahan (dash_keluarga_upd, usulan_ikut_keluarga, periksa_ikut_keluarga, lampiran_ikut_*)';
UPDATE keluarga SET kode_kelurahan = '36.71.01.1002', rw = '001', rt = '001', kode_wilayah = '36.71.01.1002.001.001',
                    lat = -6.1811, lon = 106.6429 WHERE id = 1;
-- state

SELECT '== a household moves to another RT of its RW; another leaves the list of active ones';
UPDATE keluarga SET rt = '002', kode_wilayah = '36.71.01.1001.004.002' WHERE id = 3;
UPDATE keluarga SET status = 'nonaktif' WHERE id = 2;
-- state

SELECT '== members move, one merged away, one no longer present; a PPKS closed (dash_anggota_upd, dash_ppks_upd)';
UPDATE anggota SET kode_wilayah = '36.71.01.1002.001.001' WHERE keluarga_id = 1;
UPDATE anggota SET digabung_ke = 1 WHERE id = 2;
UPDATE anggota SET status_keberadaan = 'meninggal' WHERE id = 3;
UPDATE anggota_ppks SET sampai = '2026-05-01' WHERE id = 2;
UPDATE anggota_ppks SET kode_wilayah = '36.71.01.1002.001.001', ppks = 6 WHERE id = 1;
-- state

SELECT '== everything removed (the *_del triggers)';
DELETE FROM duplikat;
DELETE FROM lampiran;
DELETE FROM daftar_periksa_item WHERE id IN (1, 3);
DELETE FROM usulan WHERE id = 1;
DELETE FROM anggota_ppks;
UPDATE anggota SET digabung_ke = NULL;
DELETE FROM anggota WHERE id IN (1, 2);
DELETE FROM keluarga WHERE id IN (1, 3);
DELETE FROM wilayah WHERE kode = '36.71.01.1001.005';
-- state
