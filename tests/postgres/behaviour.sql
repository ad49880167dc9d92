-- The small data statement_compare loads into SQLite and PostgreSQL 15 alike (behaviour.txt runs
-- statements over it). Chosen to tell the backends apart where they differ: names that differ
-- only by case (LIKE), the same search name on several people (keyset ties broken by id), NULL
-- birth dates, codes whose order depends on bytewise comparison ('.' < '/' < digits).
INSERT INTO wilayah (kode, nama, tingkat, jenis, induk, nama_cari, active, source, created_at, updated_at) VALUES
  ('36', 'BANTEN', 'provinsi', NULL, NULL, 'banten', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71', 'KOTA TANGERANG', 'kota', 'kota', '36', 'kota tangerang', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.01', 'Tangerang', 'kecamatan', NULL, '36.71', 'tangerang', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.02', 'Jatiuwung', 'kecamatan', NULL, '36.71', 'jatiuwung', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.01.1001', 'Sukasari', 'kelurahan', 'kelurahan', '36.71.01', 'sukasari', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.01.1002', 'SUKARASA', 'kelurahan', 'kelurahan', '36.71.01', 'sukarasa', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.02.1001', 'Cibodas Sukajaya', 'kelurahan', 'kelurahan', '36.71.02', 'cibodas sukajaya', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.02.1002', 'Sukajadi', 'kelurahan', 'kelurahan', '36.71.02', 'sukajadi', 0, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('36.71.01.1001.001', 'RW 001', 'rw', NULL, '36.71.01.1001', 'rw 001', 1, 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO keluarga (id, no_kk_enc, no_kk_bi, no_kk_mask, kode_kelurahan, rw, rt, kode_wilayah, alamat, created_at, updated_at, created_by, updated_by, row_hash) VALUES
  (1, 'e1', 'b1', '3671********0001', '36.71.01.1001', '001', '002', '36.71.01.1001.001.002', 'Jl. Satu', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'h1'),
  (2, 'e2', 'b2', '3671********0002', '36.71.02.1001', '003', NULL, '36.71.02.1001.003', 'Jl. Dua', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'h2'),
  (3, 'e3', 'b3', '3671********0003', '36.71.01.1002', NULL, NULL, '36.71.01.1002', 'Jl. Tiga', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'h3');

INSERT INTO anggota (id, keluarga_id, nama, nama_cari, jenis_kelamin, tanggal_lahir, hubungan, kode_wilayah, created_at, updated_at, created_by, updated_by, row_hash) VALUES
  (1, 1, 'Siti Aminah', 'siti aminah', 'P', '1990-07-05', 'kepala_keluarga', '36.71.01.1001.001.002', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a1'),
  (2, 1, 'BUDI SANTOSO', 'budi santoso', 'L', NULL, 'anak', '36.71.01.1001.001.002', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a2'),
  (3, 2, 'Budi Santoso', 'budi santoso', 'L', '1985-01-15', 'kepala_keluarga', '36.71.02.1001.003', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a3'),
  (4, 2, 'budi', 'budi', 'L', NULL, 'anak', '36.71.02.1001.003', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a4'),
  (5, 3, 'Ani', 'ani', 'P', '2001-02-03', 'kepala_keluarga', '36.71.01.1002', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a5'),
  (6, 3, 'Budi Santoso', 'budi santoso', 'L', NULL, 'anak', '36.71.01.1002', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a6'),
  (7, 1, 'Bűdi', 'bűdi', 'L', NULL, 'anak', '36.71.01.1001.001.002', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'uji', 'uji', 'a7');

INSERT INTO pilar_sosial (id, jenis, nama, kode_wilayah, status, created_by, created_at, updated_at) VALUES
  (1, 'psm', 'ANI SURYANI', '36.71.01.1001', 'aktif', 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (2, 'psm', 'Rohani', '36.71.01.1001', 'aktif', 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (3, 'psm', 'Daniel', '36.71.02.1001', 'kandidat', 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (4, 'tksk', 'Ánita', '36.71.01', 'aktif', 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (5, 'psm', 'Bambang', '36.71.01.1002', 'aktif', 'uji', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
