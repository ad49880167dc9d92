-- Workforce (src/workforce): the roster of pilar sosial (PSM, TKSK and the other PSKS kinds of
-- domain/psks.csv), their SKs, where they are assigned (with history), their status history,
-- their activity reports (laporan kegiatan) with the households and persons touched and photos,
-- and the office's configurable rules (requirements, incentive, score weights).
--
-- The roster holds no NIK: a pilar sosial's identity numbers, if the office needs them, live in
-- the registry, which encrypts them. Everything here is scoped by `kode_wilayah` prefix ranges
-- like the other modules.

CREATE TABLE pilar_sosial (
    id INTEGER PRIMARY KEY,
    jenis TEXT NOT NULL CHECK (jenis IN ('psp', 'psm', 'tagana', 'lks', 'kt', 'lk3', 'kp', 'wksbm', 'wpks', 'ps', 'tksk', 'du')),
    nama TEXT NOT NULL,
    jenis_kelamin TEXT CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir TEXT,                     -- YYYY-MM-DD
    alamat TEXT,
    telepon TEXT,
    email TEXT,
    kode_ktp TEXT,                          -- the kelurahan on the KTP (requirement "KTP in the kelurahan")
    ketua_rt_rw INTEGER NOT NULL DEFAULT 0 CHECK (ketua_rt_rw IN (0, 1)),
    pelatihan_dasar TEXT,                   -- date the basic training was attended; NULL: not yet
    pelatihan_sumber TEXT,                  -- who recorded it ("manual", "pembinaan:ID" from src/events)
    username TEXT,                          -- the linked user account (access), if any
    -- the area that scopes the record: the kelurahan of a PSM's RWs, a TKSK's kecamatan, the
    -- kota (or a kecamatan/kelurahan) for the other kinds
    kode_wilayah TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'kandidat' CHECK (status IN ('kandidat', 'aktif', 'nonaktif', 'berhenti')),
    status_alasan TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE UNIQUE INDEX pilar_sosial_by_username ON pilar_sosial (username) WHERE username IS NOT NULL;
CREATE INDEX pilar_sosial_by_wilayah ON pilar_sosial (kode_wilayah, id);
CREATE INDEX pilar_sosial_by_jenis ON pilar_sosial (jenis, status, kode_wilayah);

-- Appointment decrees (SK). A renewal is a new SK naming the one it renews.
CREATE TABLE pilar_sk (
    id INTEGER PRIMARY KEY,
    pilar_id INTEGER NOT NULL REFERENCES pilar_sosial (id),
    nomor TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    ditandatangani TEXT NOT NULL,           -- who signed it (name or office)
    mulai TEXT NOT NULL,
    selesai TEXT NOT NULL,
    perpanjangan_dari INTEGER REFERENCES pilar_sk (id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (selesai > mulai)
) STRICT;

CREATE INDEX pilar_sk_by_pilar ON pilar_sk (pilar_id, selesai);
CREATE INDEX pilar_sk_by_selesai ON pilar_sk (selesai);

-- Assignments: RW(s) for a PSM, a kecamatan for a TKSK, any region for the other kinds.
-- `selesai` NULL: current. History is kept, never overwritten.
CREATE TABLE pilar_penugasan (
    id INTEGER PRIMARY KEY,
    pilar_id INTEGER NOT NULL REFERENCES pilar_sosial (id),
    kode_wilayah TEXT NOT NULL,
    mulai TEXT NOT NULL,
    selesai TEXT,
    alasan TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX pilar_penugasan_by_pilar ON pilar_penugasan (pilar_id, id);
CREATE INDEX pilar_penugasan_aktif ON pilar_penugasan (kode_wilayah, pilar_id) WHERE selesai IS NULL;

CREATE TABLE pilar_status_riwayat (
    id INTEGER PRIMARY KEY,
    pilar_id INTEGER NOT NULL REFERENCES pilar_sosial (id),
    dari TEXT,
    ke TEXT NOT NULL,
    alasan TEXT,
    at TEXT NOT NULL,
    username TEXT NOT NULL
) STRICT;

CREATE INDEX pilar_status_riwayat_by_pilar ON pilar_status_riwayat (pilar_id, id);

-- Activity reports. `kode_wilayah` is where the activity happened (an RW or kelurahan inside the
-- reporter's area), for scope.
CREATE TABLE laporan_kegiatan (
    id INTEGER PRIMARY KEY,
    uid TEXT,                               -- the device's UUID (offline creation)
    pilar_id INTEGER NOT NULL REFERENCES pilar_sosial (id),
    tanggal TEXT NOT NULL,
    jenis TEXT NOT NULL CHECK (jenis IN ('kunjungan_rumah', 'periksa_lapangan', 'pendampingan_rujukan', 'sosialisasi',
                                         'tanggap_bencana', 'rapat', 'pendataan', 'lainnya')),
    uraian TEXT NOT NULL,
    kode_wilayah TEXT NOT NULL,
    lat REAL,
    lon REAL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX laporan_kegiatan_by_uid ON laporan_kegiatan (uid) WHERE uid IS NOT NULL;
CREATE INDEX laporan_kegiatan_by_pilar ON laporan_kegiatan (pilar_id, tanggal);
CREATE INDEX laporan_kegiatan_by_tanggal ON laporan_kegiatan (tanggal, pilar_id);
CREATE INDEX laporan_kegiatan_by_wilayah ON laporan_kegiatan (kode_wilayah, id);

-- Households and persons an activity touched (registry ids, checked in the reporter's scope).
CREATE TABLE laporan_kegiatan_sasaran (
    laporan_id INTEGER NOT NULL REFERENCES laporan_kegiatan (id),
    keluarga_id INTEGER NOT NULL REFERENCES keluarga (id),
    anggota_id INTEGER REFERENCES anggota (id)
) STRICT;

CREATE INDEX laporan_kegiatan_sasaran_by_laporan ON laporan_kegiatan_sasaran (laporan_id);

-- Photos of an activity: accepted, typed and stripped by verivali's attachment rules
-- (verivali/attachment.hpp), stored here with their report.
CREATE TABLE laporan_kegiatan_foto (
    id INTEGER PRIMARY KEY,
    uid TEXT,
    laporan_id INTEGER NOT NULL REFERENCES laporan_kegiatan (id),
    mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    ukuran INTEGER NOT NULL CHECK (ukuran BETWEEN 1 AND 2097152),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX laporan_kegiatan_foto_by_uid ON laporan_kegiatan_foto (uid) WHERE uid IS NOT NULL;
CREATE INDEX laporan_kegiatan_foto_by_laporan ON laporan_kegiatan_foto (laporan_id);

-- The office's rules, one value each (src/workforce/model.hpp lists the keys and defaults).
CREATE TABLE workforce_aturan (
    kunci TEXT PRIMARY KEY,
    nilai TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The monthly recap counts each PSM's own proposals moved to 'diajukan' by month, through
-- VerivaliService::aktivitas_petugas; without this index that read scans the whole history.
CREATE INDEX usulan_riwayat_by_ke_at ON usulan_riwayat (ke, at);
CREATE INDEX daftar_periksa_item_by_checked ON daftar_periksa_item (checked_at) WHERE checked_at IS NOT NULL;
