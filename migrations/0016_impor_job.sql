-- Bulk imports through the API (src/registry/import_api.cpp) run in the background; their
-- progress lives in memory, but a small record of each job is kept here, written when the upload
-- is accepted and when the import ends, so that an office still learns the outcome after a crash
-- or a restart: at start-up a job still marked berjalan is marked gagal ("run it again"; the
-- import is one transaction, so nothing of it was applied). `ringkasan_json` is what
-- GET /api/v1/impor/{jenis}/{id} answered when the job ended, with its list of row-level errors
-- emptied (they quote the file's values, which may be identity numbers; their count stays) and
-- 16-digit runs masked in the file name and the job's error.
CREATE TABLE impor_job (
    id TEXT PRIMARY KEY,
    jenis TEXT NOT NULL,
    nama_file TEXT NOT NULL,
    oleh TEXT NOT NULL,
    mulai TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('berjalan', 'selesai', 'gagal')),
    selesai TEXT,
    ringkasan_json TEXT NOT NULL
) STRICT;
CREATE INDEX impor_job_status ON impor_job (status);
