-- A year of an office's activity at schema 0022, for timing migrations 0023 and 0024 (not a valid
-- audit chain: migrate does not verify it). 2% of notes hold a full NIK; 5% of ground-check answers
-- hold a special field.
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO usulan (id, jenis, keluarga_id, isi_json, kode_wilayah, status, catatan, created_by, created_at, updated_at, version)
SELECT i, 'perubahan', i * 5, CASE WHEN i % 50 = 0 THEN '{"alamat":"Jl. Mawar No. 7","anggota":[{"nama":"Ani","nik":"3671011234560001"}]}'
                                    ELSE '{"alamat":"Jl. Mawar No. 7","pekerjaan":"buruh harian"}' END,
       (SELECT kode_wilayah FROM keluarga WHERE id = i * 5), 'dikembalikan',
       CASE WHEN i % 50 = 0 THEN 'NIK 3671011234560001 tidak cocok dengan KK' ELSE 'Lampirkan surat keterangan dari RT' END,
       'psm' || (i % 900), '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 3 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
INSERT INTO usulan_riwayat (usulan_id, dari, ke, at, username, role, catatan)
SELECT (i + 2) / 3, 'diajukan', 'dikembalikan', '2026-03-02T00:00:00.000Z', 'tksk1', 'tksk',
       CASE WHEN i % 3 <> 0 THEN NULL WHEN i % 150 = 0 THEN 'NIK 3671011234560001 tidak cocok dengan KK' ELSE 'Lampirkan surat keterangan dari RT' END FROM n;
INSERT INTO daftar_periksa (id, nama, sumber, created_by, created_at) VALUES (1, 'Verivali Q1', 'filter', 'operator', '2026-01-01T00:00:00.000Z');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO daftar_periksa_item (id, daftar_id, keluarga_id, kode_wilayah, status, hasil, jawaban_json, checked_by, checked_at, version)
SELECT i, 1, i * 11, (SELECT kode_wilayah FROM keluarga WHERE id = i * 11), 'selesai', 1,
       CASE WHEN i % 20 = 0 THEN '{"kondisi_rumah":"semi permanen","atap":"seng","penghuni":[{"nama":"Ani","umur":40,"disabilitas_jenis":"netra"},{"nama":"Budi","umur":12}],"catatan":"tetangga membenarkan"}'
            ELSE '{"kondisi_rumah":"semi permanen","atap":"seng","penghuni":[{"nama":"Ani","umur":40},{"nama":"Budi","umur":12}],"catatan":"tetangga membenarkan"}' END,
       'psm1', '2026-03-02T00:00:00.000Z', 2 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO audit_log (seq, at, actor_user_id, actor_username, actor_role, client_address, request_id, action, entity, entity_id,
                       before_json, after_json, detail, prev_hash, hash, payload_hash)
SELECT 39 + i, '2026-03-02T00:00:00.000Z', 5, 'psm1', 'psm', '10.1.2.3', 'rid-' || i,
       CASE WHEN i % 20 < 12 THEN 'auth.login' WHEN i % 20 < 17 THEN 'anggota.update' WHEN i % 20 < 19 THEN 'usulan.kembalikan' ELSE 'periksa.hasil' END,
       CASE WHEN i % 20 < 12 THEN 'user' WHEN i % 20 < 17 THEN 'anggota' WHEN i % 20 < 19 THEN 'usulan' ELSE 'periksa' END, CAST(i AS TEXT),
       CASE WHEN i % 20 < 12 THEN NULL WHEN i % 20 < 17 THEN '{"pekerjaan":"buruh"}' WHEN i % 20 < 19 THEN '{"status":"diajukan","catatan":null,"version":2}'
            ELSE '{"status":"belum","hasil":null,"jawaban":null,"version":1}' END,
       CASE WHEN i % 20 < 12 THEN '{"sesi_berakhir":"2026-03-02T12:00:00.000Z"}' WHEN i % 20 < 17 THEN '{"pekerjaan":"pedagang"}'
            WHEN i % 20 < 19 THEN '{"status":"dikembalikan","catatan":"' || CASE WHEN i % 1000 = 17 THEN 'NIK 3671011234560001 tidak cocok' ELSE 'Lampirkan surat keterangan dari RT' END || '","version":3}'
            ELSE '{"status":"selesai","hasil":1,"jawaban":{"kondisi_rumah":"semi permanen","atap":"seng","penghuni":[{"nama":"Ani","umur":40' ||
                 CASE WHEN i % 400 = 19 THEN ',"disabilitas_jenis":"netra"' ELSE '' END || '},{"nama":"Budi","umur":12}],"catatan":"tetangga membenarkan"},"version":2}' END,
       CASE WHEN i % 20 < 12 THEN 'Mozilla/5.0 (Linux; Android 10)' WHEN i % 20 < 17 THEN 'koreksi data lapangan' WHEN i % 20 < 19 THEN 'diajukan -> dikembalikan' ELSE 'ditemukan' END,
       'x', 'x', 'x' FROM n;
COMMIT;
