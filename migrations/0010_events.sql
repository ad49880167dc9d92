-- Training events (pembinaan, bimtek) of the office: the event, its sessions and topics, who is
-- invited and registered (user accounts or free records for speakers and guests), the QR token
-- each participant shows at the door, attendance per session, certificates with a public
-- verification code, and door-prize draws (src/events, docs/ARCHITECTURE.md).
--
-- acara.id is the event's stable key: a later programmes-and-distribution capability records aid
-- handed out at an event (wheelchairs, say) in its own tables with a column
-- `acara_id INTEGER REFERENCES acara (id)`; nothing here needs to change for it.

CREATE TABLE acara (
    id INTEGER PRIMARY KEY,
    judul TEXT NOT NULL,
    jenis TEXT NOT NULL CHECK (jenis IN ('pembinaan', 'bimtek', 'sosialisasi', 'lainnya')),
    deskripsi TEXT,
    tanggal_mulai TEXT NOT NULL,          -- YYYY-MM-DD
    tanggal_selesai TEXT NOT NULL,        -- YYYY-MM-DD, >= tanggal_mulai
    tempat TEXT NOT NULL,
    kapasitas INTEGER NOT NULL CHECK (kapasitas > 0),
    penyelenggara TEXT NOT NULL,
    -- The area the event is for (the kota for a city-wide event, a kecamatan for a local one):
    -- a TKSK sees the events of their kecamatan and of the areas above it.
    kode_wilayah TEXT NOT NULL,
    -- Counts as the basic training a PSM must have attended (Permensos 10/2019), for the
    -- workforce roster's requirement check.
    pelatihan_dasar INTEGER NOT NULL DEFAULT 0 CHECK (pelatihan_dasar IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'draf' CHECK (status IN ('draf', 'dibuka', 'ditutup', 'selesai', 'batal')),
    -- Registered participants (status 'terdaftar'), kept by the same UPDATE that admits one so
    -- that capacity holds under concurrent registrations on any backend.
    jumlah_terdaftar INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX acara_tanggal ON acara (tanggal_mulai);

-- Participants: a user account (PSM, TKSK, staff) and/or a free record for people without one
-- (speakers, guests). nama/peran_akun/kode_wilayah are copied from the account when it is one,
-- so lists, cards and certificates show what was true at the event.
CREATE TABLE acara_peserta (
    id INTEGER PRIMARY KEY,
    acara_id INTEGER NOT NULL REFERENCES acara (id),
    user_id INTEGER REFERENCES users (id),
    nama TEXT NOT NULL,
    peran TEXT NOT NULL CHECK (peran IN ('peserta', 'narasumber', 'panitia', 'tamu')),
    peran_akun TEXT,                      -- psm, tksk, ... or free text for external people
    kode_wilayah TEXT,
    telepon TEXT,
    instansi TEXT,
    status TEXT NOT NULL CHECK (status IN ('diundang', 'terdaftar', 'batal')),
    -- The QR code's content: 20 random Crockford base32 characters (100 bits), nothing personal.
    token TEXT NOT NULL UNIQUE,
    diundang_pada TEXT,
    terdaftar_pada TEXT,
    sertifikat_kode TEXT UNIQUE,          -- 12 Crockford base32 characters, set when issued
    sertifikat_pada TEXT,
    sertifikat_dicabut_pada TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (acara_id, user_id)
) STRICT;
CREATE INDEX acara_peserta_user ON acara_peserta (user_id);

CREATE TABLE acara_sesi (
    id INTEGER PRIMARY KEY,
    acara_id INTEGER NOT NULL REFERENCES acara (id),
    urutan INTEGER NOT NULL,
    judul TEXT NOT NULL,
    topik TEXT,                           -- e.g. kerelawanan sosial, citra diri, komitmen
    mulai TEXT NOT NULL,                  -- YYYY-MM-DDTHH:MM (local time at the venue)
    selesai TEXT NOT NULL,
    narasumber_id INTEGER REFERENCES acara_peserta (id),
    UNIQUE (acara_id, urutan)
) STRICT;

-- Attendance: one row per participant and session. The unique key is what makes check-in
-- idempotent: two doors scanning the same card at once insert one row; the second learns which
-- door was first and when.
CREATE TABLE acara_hadir (
    id INTEGER PRIMARY KEY,
    acara_id INTEGER NOT NULL REFERENCES acara (id),
    sesi_id INTEGER NOT NULL REFERENCES acara_sesi (id),
    peserta_id INTEGER NOT NULL REFERENCES acara_peserta (id),
    pintu TEXT NOT NULL,
    waktu TEXT NOT NULL,                  -- UTC ISO-8601
    oleh TEXT NOT NULL,
    UNIQUE (peserta_id, sesi_id)
) STRICT;
CREATE INDEX acara_hadir_sesi ON acara_hadir (acara_id, sesi_id);

-- Door-prize draws. The eligible list (participant ids, ascending) and the seed are stored, so a
-- draw can be re-run and shown to give the same winners (src/events/draw.hpp has the algorithm).
CREATE TABLE acara_undian (
    id INTEGER PRIMARY KEY,
    acara_id INTEGER NOT NULL REFERENCES acara (id),
    hadiah TEXT NOT NULL,
    jumlah INTEGER NOT NULL CHECK (jumlah > 0),
    seed TEXT NOT NULL,
    calon TEXT NOT NULL,                  -- JSON array of eligible participant ids, ascending
    calon_digest TEXT NOT NULL,           -- hex BLAKE2b-256 of the ids as decimal text joined by ','
    dibuat_pada TEXT NOT NULL,
    dibuat_oleh TEXT NOT NULL
) STRICT;

-- Winners: nobody wins twice at one event (UNIQUE (acara_id, peserta_id)).
CREATE TABLE acara_pemenang (
    undian_id INTEGER NOT NULL REFERENCES acara_undian (id),
    acara_id INTEGER NOT NULL REFERENCES acara (id),
    peserta_id INTEGER NOT NULL REFERENCES acara_peserta (id),
    urutan INTEGER NOT NULL,
    PRIMARY KEY (undian_id, urutan),
    UNIQUE (acara_id, peserta_id)
) STRICT;
