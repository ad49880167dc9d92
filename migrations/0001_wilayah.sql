-- Region tree: provinsi > kota/kabupaten > kecamatan > kelurahan/desa (Kemendagri codes, loaded
-- from idn-area-data) > RW > RT (managed by the office). Codes are stored dotted.
CREATE TABLE wilayah (
    kode TEXT PRIMARY KEY,
    nama TEXT NOT NULL,
    tingkat TEXT NOT NULL CHECK (tingkat IN ('provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw', 'rt')),
    -- 'kota' or 'kabupaten' at tingkat kota; 'kelurahan' or 'desa' at tingkat kelurahan
    jenis TEXT,
    induk TEXT REFERENCES wilayah (kode),
    -- lower-cased name for search
    nama_cari TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    retired_at TEXT,
    retired_reason TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX wilayah_by_induk ON wilayah (induk, kode);
CREATE INDEX wilayah_by_nama ON wilayah (nama_cari);
CREATE INDEX wilayah_by_tingkat ON wilayah (tingkat, kode);
