-- Bulk-import jobs (0016) and the servers that run them (src/registry/import_api.hpp). Once
-- several servers share one database, a starting server may fail only the jobs that are really
-- dead: those its own previous run left (same server name, another process) and those whose
-- process stopped saying it runs (a heartbeat older than the stale limit). So each job records
--   server  the name of the server running it, stable across restarts (`pilar serve --instance`,
--           by default the host name and the listen address);
--   proses  that server process's id, random at each start;
--   detak   the UTC time the process last said the job runs (written with the job and then
--           every 30 s while it runs, where the database lets a second writer in: not SQLite,
--           whose import holds the only write lock — nor can another process fail it meanwhile).
-- Rows of earlier binaries have none of them: they were single-server, so a starting server
-- counts them as its previous run's. Finished jobs' records are removed after `pilar serve
-- --import-job-days` days (docs/operations.md); `selesai` orders them.
ALTER TABLE impor_job ADD COLUMN server TEXT;
ALTER TABLE impor_job ADD COLUMN proses TEXT;
ALTER TABLE impor_job ADD COLUMN detak TEXT;
CREATE INDEX impor_job_selesai ON impor_job (selesai);
