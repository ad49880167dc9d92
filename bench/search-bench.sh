#!/usr/bin/env bash
# Fuzzy person search over a registry of about 2 M persons (issue 6 item 7), and the same query set
# against PostgreSQL 15 with a pg_trgm GIN index, in one run:
#   bench/search-bench.sh [data-dir=/tmp/pilar-read-2m] [queries=500] [build=build/release]
# The data dir is one built by bench/read-2m.sh (or dedup-check.sh). search_bench loads its live
# members into the index, corrupts the names of random members as link_gen does and measures
# single-threaded latency and recall@10. Then a throw-away PostgreSQL cluster under /tmp (its own
# port, run as `nobody` when we are root, since initdb refuses root) loads the same names, builds
# the trigram index and answers `WHERE nama % q ORDER BY similarity(nama, q) DESC LIMIT 10` for
# the same queries, timed inside the server (no client round trip on either side). The cluster is
# stopped and removed at the end; the whole run is bounded (timeout per phase).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/pilar-read-2m}
n=${2:-500}
build=${3:-build/release}
pgbin=/usr/lib/postgresql/15/bin
out=bench/out
mkdir -p "$out"
work=$(mktemp -d /tmp/pilar-search-bench-XXXXXX)
chmod 755 "$work"
pgdata="$work/pg"
port=$(( 20000 + RANDOM % 20000 ))
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u nobody --); fi
cleanup() {
  if [ -f "$pgdata/postmaster.pid" ]; then "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 1200 "$build/bench/search_bench" --db "$data/pilar.db" --queries "$n" --seed 20261128 --queries-out "$work/queries.tsv"

echo "--- PostgreSQL 15 pg_trgm, same names and queries"
sqlite3 -readonly -separator $'\t' "$data/pilar.db" \
  "SELECT id, replace(nama, char(9), ' '), COALESCE(substr(tanggal_lahir, 1, 4), '0') FROM anggota WHERE digabung_ke IS NULL AND dianonimkan_pada IS NULL" >"$work/names.tsv"
chmod 644 "$work/names.tsv" "$work/queries.tsv"
mkdir -p "$pgdata" && chown nobody "$pgdata" 2>/dev/null || true
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -A trust -U bench --no-sync -E UTF8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/pg.log" -o "-p $port -k $pgdata -c listen_addresses='' -c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c fsync=off" -w start >/dev/null
psql() { timeout 1800 "${as_pg[@]}" /usr/bin/psql -h "$pgdata" -p "$port" -U bench -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
t0=$(date +%s)
psql <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE orang (id bigint PRIMARY KEY, nama text NOT NULL, tahun int);
\copy orang FROM '$work/names.tsv'
CREATE TABLE q (qid int, orig bigint, query text, tahun int);
\copy q FROM '$work/queries.tsv'
SQL
t1=$(date +%s)
psql -c "CREATE INDEX orang_nama_trgm ON orang USING gin (nama gin_trgm_ops); ANALYZE orang;"
t2=$(date +%s)
echo "load $((t1 - t0)) s, GIN trigram index $((t2 - t1)) s"
psql <<'SQL'
CREATE TABLE r (qid int, with_year boolean, ms float8, found boolean);
DO $$
DECLARE rec record; t0 timestamptz; ids bigint[];
BEGIN
  FOR rec IN SELECT * FROM q ORDER BY qid LOOP
    t0 := clock_timestamp();
    SELECT array_agg(id) INTO ids FROM (SELECT id FROM orang WHERE nama % rec.query
      ORDER BY similarity(nama, rec.query) DESC LIMIT 10) s;
    INSERT INTO r VALUES (rec.qid, false, extract(epoch FROM clock_timestamp() - t0) * 1000, rec.orig = ANY (COALESCE(ids, '{}')));
    t0 := clock_timestamp();
    SELECT array_agg(id) INTO ids FROM (SELECT id FROM orang WHERE nama % rec.query AND tahun BETWEEN rec.tahun - 1 AND rec.tahun + 1
      ORDER BY similarity(nama, rec.query) DESC LIMIT 10) s;
    INSERT INTO r VALUES (rec.qid, true, extract(epoch FROM clock_timestamp() - t0) * 1000, rec.orig = ANY (COALESCE(ids, '{}')));
  END LOOP;
END $$;
SELECT CASE WHEN with_year THEN 'pg_trgm name + birth year +-1' ELSE 'pg_trgm name only' END
       || ': ' || count(*) || ' queries, p50 ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2)
       || ' ms, p99 ' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2)
       || ' ms, max ' || round(max(ms)::numeric, 2) || ' ms, mean ' || round(avg(ms)::numeric, 2)
       || ' ms; recall@10 (the original member) ' || round(avg(found::int)::numeric, 4)
FROM r GROUP BY with_year ORDER BY with_year DESC;
SQL
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
