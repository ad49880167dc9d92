-- Verivali: proposals (usulan) to the national registry and their workflow, the musyawarah
-- kelurahan batches that back them, attachments (photos, minutes), and ground-check lists
-- assigned to PSMs by RW.
--
-- The state machine itself lives in code (src/verivali/workflow.cpp: one table of legal
-- transitions, roles and required fields); the CHECK below only keeps unknown words out, so a
-- new state is a code change plus a migration that widens the CHECK, never a silent typo.
--
-- Every row that holds or points at household data carries `kode_wilayah`, copied from the
-- household when the row is made: scope checks and queues are prefix ranges over it
-- (kode >= 'X' AND kode < 'X/': '/' sorts right after '.'), so one index serves "this RW",
-- "this kelurahan", "this kecamatan" without reading the registry's tables.
--
-- History of each proposal: usulan_riwayat (one row per transition, for the screens) and the
-- audit trail (entity "usulan", entity_id = id, with before/after) for the inspector.

-- Musyawarah kelurahan: one deliberation whose berita acara backs a batch of proposals of ONE
-- kelurahan. Defined before usulan, which points at it.
CREATE TABLE musyawarah (
    id INTEGER PRIMARY KEY,
    kode_kelurahan TEXT NOT NULL REFERENCES wilayah (kode),
    nomor_berita_acara TEXT NOT NULL,
    tanggal TEXT NOT NULL,                 -- YYYY-MM-DD of the deliberation
    notulen_lampiran_id INTEGER NOT NULL,  -- the minutes (lampiran with pemilik 'musyawarah')
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A berita acara number is issued once per kelurahan; the same number twice is a typo.
CREATE UNIQUE INDEX musyawarah_by_nomor ON musyawarah (kode_kelurahan, nomor_berita_acara);
CREATE INDEX musyawarah_by_wilayah ON musyawarah (kode_kelurahan, id);

CREATE TABLE usulan (
    id INTEGER PRIMARY KEY,
    uid TEXT,                              -- client-generated UUID (offline creation); NULL otherwise
    jenis TEXT NOT NULL CHECK (jenis IN ('keluarga_baru', 'perubahan', 'penghapusan', 'ppks')),
    -- why a household or member should be removed; only for jenis 'penghapusan'
    alasan TEXT CHECK (alasan IN ('meninggal', 'pindah', 'tidak_ditemukan', 'ganda', 'tidak_layak')),
    keluarga_id INTEGER NOT NULL REFERENCES keluarga (id),
    anggota_id INTEGER REFERENCES anggota (id),
    isi_json TEXT NOT NULL DEFAULT '{}',   -- what is proposed: changed fields, PPKS codes ...
    kode_wilayah TEXT NOT NULL,            -- the household's at creation (scope, queues)
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (
        'draft', 'diajukan', 'dikembalikan', 'ditinjau', 'diverifikasi', 'dimusyawarahkan',
        'disetujui', 'ditolak', 'diekspor', 'diterima', 'padan', 'tidak_padan', 'dibatalkan')),
    catatan TEXT,                          -- the last note (a return, a rejection)
    musyawarah_id INTEGER REFERENCES musyawarah (id),
    -- the ground check (visit result codes of the national form: 1 selesai ... 6 ganda)
    hasil_periksa INTEGER CHECK (hasil_periksa BETWEEN 1 AND 6),
    periksa_json TEXT,                     -- answers of the verification form
    periksa_lat REAL,
    periksa_lon REAL,
    periksa_oleh TEXT,
    periksa_at TEXT,
    hasil_nasional TEXT CHECK (hasil_nasional IN ('diterima', 'padan', 'tidak_padan')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A retried offline upload finds its earlier row instead of proposing twice.
CREATE UNIQUE INDEX usulan_by_uid ON usulan (uid) WHERE uid IS NOT NULL;
-- Queues: "what waits in this state in my area", oldest first, keyset by id.
CREATE INDEX usulan_by_status ON usulan (status, kode_wilayah, id);
-- Lists and dashboard counts by area whatever the state.
CREATE INDEX usulan_by_wilayah ON usulan (kode_wilayah, id);
CREATE INDEX usulan_by_keluarga ON usulan (keluarga_id);
CREATE INDEX usulan_by_musyawarah ON usulan (musyawarah_id) WHERE musyawarah_id IS NOT NULL;

-- One row per transition: who moved the proposal from which state to which, and why.
CREATE TABLE usulan_riwayat (
    id INTEGER PRIMARY KEY,
    usulan_id INTEGER NOT NULL REFERENCES usulan (id),
    dari TEXT,                             -- NULL for the creation
    ke TEXT NOT NULL,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    catatan TEXT
) STRICT;

CREATE INDEX usulan_riwayat_by_usulan ON usulan_riwayat (usulan_id, id);

-- Attachments: photos of houses and documents, the minutes of a musyawarah. Kept in the
-- database (at most 2 MB each, enforced by the service) so a backup of the database is a backup
-- of everything and a write acknowledged is durable like any other. The type is what the bytes
-- say (magic numbers), never what the client declared.
CREATE TABLE lampiran (
    id INTEGER PRIMARY KEY,
    uid TEXT,
    pemilik TEXT NOT NULL CHECK (pemilik IN ('usulan', 'musyawarah', 'periksa')),
    pemilik_id INTEGER,                    -- NULL: minutes uploaded, musyawarah not yet made
    mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    bytes BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    ukuran INTEGER NOT NULL CHECK (ukuran BETWEEN 1 AND 2097152),
    kode_wilayah TEXT NOT NULL,            -- of what it belongs to (scope)
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX lampiran_by_uid ON lampiran (uid) WHERE uid IS NOT NULL;
CREATE INDEX lampiran_by_pemilik ON lampiran (pemilik, pemilik_id);

-- Ground-check lists: built by an operator from a filter over the registry or from a national
-- extract (a CSV of No. KK), then split by RW among the PSMs.
CREATE TABLE daftar_periksa (
    id INTEGER PRIMARY KEY,
    nama TEXT NOT NULL,
    sumber TEXT NOT NULL CHECK (sumber IN ('filter', 'ekstrak')),
    keterangan TEXT,                       -- the filter used, or the file name of the extract
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE daftar_periksa_item (
    id INTEGER PRIMARY KEY,
    daftar_id INTEGER NOT NULL REFERENCES daftar_periksa (id),
    keluarga_id INTEGER NOT NULL REFERENCES keluarga (id),
    kode_wilayah TEXT NOT NULL,            -- the household's when the list was made
    kode_rw TEXT,                          -- its RW code; NULL when the household has no RW yet
    petugas TEXT,                          -- PSM username; NULL until assigned
    status TEXT NOT NULL DEFAULT 'belum' CHECK (status IN ('belum', 'selesai')),
    hasil INTEGER CHECK (hasil BETWEEN 1 AND 6),
    jawaban_json TEXT,
    lat REAL,
    lon REAL,
    checked_by TEXT,
    checked_at TEXT,
    usulan_id INTEGER REFERENCES usulan (id),  -- when the check backs a proposal
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A household appears once per list.
CREATE UNIQUE INDEX daftar_periksa_item_unik ON daftar_periksa_item (daftar_id, keluarga_id);
-- Progress and assignment walk a list by area.
CREATE INDEX daftar_periksa_item_by_wilayah ON daftar_periksa_item (daftar_id, kode_wilayah, id);
-- A PSM's own items (offline cache), across lists.
CREATE INDEX daftar_periksa_item_by_petugas ON daftar_periksa_item (petugas, id) WHERE petugas IS NOT NULL;
