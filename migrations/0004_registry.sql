-- The registry: households (keluarga) and their members (anggota), with PPKS classifications.
--
-- Identity numbers are personal data: NIK and No. KK are stored encrypted (`*_enc`, see
-- src/access/crypto.hpp), looked up exactly through a keyed blind index (`*_bi`, 32 hex digits
-- of keyed BLAKE2b) and shown masked (`*_mask`, "3671********0001") in lists without decrypting.
-- Special-category fields (disability, chronic illness, PPKS evidence) are encrypted values too.
--
-- Every record carries `kode_wilayah`: the deepest region code known for it (an RT code
-- "36.71.01.1001.004.002", an RW code, or the kelurahan code). Scope checks and lists by region
-- are prefix ranges over it, so one index serves "this RW", "this kelurahan", "this kecamatan".
--
-- History is the audit trail (entity "keluarga"/"anggota", entity_id = id): every change lands
-- there with who, when, why and before/after; a bulk import is one audit entry per file plus one
-- per changed row.
CREATE TABLE keluarga (
    id INTEGER PRIMARY KEY,
    uid TEXT,                              -- client-generated UUID (offline creation); NULL for imports
    no_kk_enc TEXT NOT NULL,
    no_kk_bi TEXT NOT NULL,
    no_kk_mask TEXT NOT NULL,
    kode_kelurahan TEXT NOT NULL REFERENCES wilayah (kode),
    rw TEXT,                               -- "004"
    rt TEXT,                               -- "002"
    kode_wilayah TEXT NOT NULL,
    alamat TEXT NOT NULL,
    lat REAL,
    lon REAL,
    desil INTEGER CHECK (desil BETWEEN 1 AND 10),
    -- the household variables of the national verification form (docs/formats.md has the codes)
    status_bangunan TEXT,
    status_lahan TEXT,
    luas_lantai REAL,
    jenis_lantai TEXT,
    jenis_dinding TEXT,
    kondisi_dinding TEXT,
    jenis_atap TEXT,
    kondisi_atap TEXT,
    jumlah_kamar INTEGER,
    sumber_air TEXT,
    sumber_penerangan TEXT,
    daya_listrik TEXT,
    bahan_bakar TEXT,
    fasilitas_bab TEXT,
    aset TEXT,                             -- asset codes separated by ';' in the vocabulary's order
    status TEXT NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'nonaktif')),
    jumlah_anggota INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    row_hash TEXT NOT NULL                 -- of the imported fields: tells unchanged rows in an upsert
) STRICT;

CREATE UNIQUE INDEX keluarga_by_kk ON keluarga (no_kk_bi);
CREATE UNIQUE INDEX keluarga_by_uid ON keluarga (uid) WHERE uid IS NOT NULL;
CREATE INDEX keluarga_by_wilayah ON keluarga (kode_wilayah, id);

CREATE TABLE anggota (
    id INTEGER PRIMARY KEY,
    uid TEXT,
    keluarga_id INTEGER NOT NULL REFERENCES keluarga (id),
    nik_enc TEXT,                          -- NULL: no NIK yet (a newborn, a person without papers)
    nik_bi TEXT,
    nik_mask TEXT,
    nama TEXT NOT NULL,
    nama_cari TEXT NOT NULL,               -- lower case, single spaces: prefix search
    jenis_kelamin TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tempat_lahir TEXT,
    tanggal_lahir TEXT,                    -- YYYY-MM-DD
    hubungan TEXT NOT NULL,
    status_kawin TEXT,
    pendidikan TEXT,
    pekerjaan TEXT,
    nisn TEXT,
    sekolah TEXT,
    disabilitas_enc TEXT,                  -- encrypted "jenis:tingkat"
    penyakit_kronis_enc TEXT,              -- encrypted
    status_keberadaan TEXT NOT NULL DEFAULT 'ada',
    status_padan TEXT NOT NULL DEFAULT 'belum',
    kode_wilayah TEXT NOT NULL,            -- the household's, kept in step with it
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    row_hash TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX anggota_by_nik ON anggota (nik_bi) WHERE nik_bi IS NOT NULL;
CREATE UNIQUE INDEX anggota_by_uid ON anggota (uid) WHERE uid IS NOT NULL;
CREATE INDEX anggota_by_keluarga ON anggota (keluarga_id);
CREATE INDEX anggota_by_wilayah ON anggota (kode_wilayah, id);
CREATE INDEX anggota_by_nama ON anggota (nama_cari, id);

-- PPKS classification: several per person, each with a period, who assessed it and evidence.
-- The category itself is plain (dashboards count it, lists filter by it; reads are scoped);
-- the evidence text is encrypted.
CREATE TABLE anggota_ppks (
    id INTEGER PRIMARY KEY,
    anggota_id INTEGER NOT NULL REFERENCES anggota (id),
    ppks INTEGER NOT NULL CHECK (ppks BETWEEN 1 AND 26),
    sejak TEXT NOT NULL,
    sampai TEXT,
    dinilai_oleh TEXT NOT NULL,
    bukti_enc TEXT,
    kode_wilayah TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX anggota_ppks_by_anggota ON anggota_ppks (anggota_id);
CREATE INDEX anggota_ppks_by_kategori ON anggota_ppks (ppks, kode_wilayah);

-- One row per bulk import: what was loaded, by whom, and the outcome.
CREATE TABLE registry_import (
    id INTEGER PRIMARY KEY,
    jenis TEXT NOT NULL CHECK (jenis IN ('keluarga', 'anggota')),
    nama_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    baris INTEGER NOT NULL,
    baru INTEGER NOT NULL,
    berubah INTEGER NOT NULL,
    sama INTEGER NOT NULL,
    ditolak INTEGER NOT NULL,
    oleh TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
