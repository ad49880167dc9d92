#!/usr/bin/env bash
# Dashboard API with ~2,000,000 persons (issue 4 target: p99 <= 50 ms), bench/RESULTS.md.
#   1. builds a database in $DATA (default /tmp/pilar-dash-bench; reused when it already holds
#      the registry): Kota Tangerang, 10 RW per kelurahan, a PSM (account and roster record) for
#      every other RW, and
#      `pilar generate --households $HOUSEHOLDS` (default 558,000: 2.0 M persons at seed 7) loaded with
#      `pilar import keluarga/anggota` (the aggregates are kept by the same writes);
#   2. checks the aggregates against a recount (`pilar dashboard check`);
#   3. measures every dashboard endpoint as the kepala (the whole kota: the largest answer) and
#      the TKSK: wrk closed-loop (-t2 -c16, $DURATION s each, --latency) and an open-loop paced
#      load (bench/paced-get.mjs, $RATE req/s) for p50/p99.
# Usage: bench/dashboard-load.sh [path/to/pilar]   (release build). The server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/apps/pilar/pilar}
data=${DATA:-/tmp/pilar-dash-bench}
households=${HOUSEHOLDS:-558000}
dur=${DURATION:-10}
rate=${RATE:-200}
out=bench/out
mkdir -p "$out"
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
pw='bench password 2026'

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "binary: $bin ($("$bin" version))"

if [ ! -f "$data/pilar.db" ] || [ "$(sqlite3 "$data/pilar.db" 'SELECT count(*) FROM anggota' 2>/dev/null || echo 0)" = 0 ]; then
  rm -rf "$data"
  "$bin" wilayah load 36.71 --data "$data" >/dev/null
  # 10 RW per kelurahan (wilayah import: a column kode)
  { echo "kode"; sqlite3 "$data/pilar.db" "SELECT kode FROM wilayah WHERE tingkat = 'kelurahan'" |
      while read -r k; do for n in 001 002 003 004 005 006 007 008 009 010; do echo "$k.$n"; done; done; } > "$work/rw.csv"
  "$bin" wilayah import "$work/rw.csv" --data "$data" >/dev/null
  printf '%s\n' "$pw" | "$bin" user add kepala --role kepala --wilayah 36.71 --password-stdin --data "$data" >/dev/null
  printf '%s\n' "$pw" | "$bin" user add tksk --role tksk --wilayah 36.71.01 --password-stdin --data "$data" >/dev/null
  i=0
  for rw in $(sqlite3 "$data/pilar.db" "SELECT kode FROM wilayah WHERE tingkat = 'rw' AND substr(kode, 15) IN ('001','003','005','007','009') ORDER BY kode"); do
    i=$((i + 1))
    printf '%s\n' "$pw" | "$bin" user add "psm$i" --role psm --wilayah "$rw" --password-stdin --data "$data" >/dev/null
  done
  echo "psm_users: $i"
  # PSM coverage counts the workforce roster (migration 0013): one active PSM record assigned to
  # each of those RWs, linked to its account (the aggregate follows through the triggers).
  sqlite3 "$data/pilar.db" "
    INSERT INTO pilar_sosial (jenis, nama, username, kode_wilayah, status, created_by, created_at, updated_at)
      SELECT 'psm', 'PSM ' || u.username, u.username, substr(uw.kode, 1, 13), 'aktif', 'bench', 't', 't'
      FROM users u JOIN user_wilayah uw ON uw.user_id = u.id WHERE u.role = 'psm' ORDER BY uw.kode;
    INSERT INTO pilar_penugasan (pilar_id, kode_wilayah, mulai, created_by, created_at)
      SELECT p.id, uw.kode, '2026-01-01', 'bench', 't'
      FROM pilar_sosial p JOIN users u ON u.username = p.username JOIN user_wilayah uw ON uw.user_id = u.id;"
  echo "psm_roster: $(sqlite3 "$data/pilar.db" "SELECT count(*) FROM pilar_sosial WHERE jenis = 'psm' AND status = 'aktif'")"
  t0=$(date +%s)
  "$bin" generate --households "$households" --seed 7 --out "$work/gen" >/dev/null
  t1=$(date +%s)
  "$bin" import keluarga "$work/gen/keluarga.csv" --data "$data" | tail -1
  t2=$(date +%s)
  "$bin" import anggota "$work/gen/anggota.csv" --data "$data" | tail -1
  t3=$(date +%s)
  echo "generate_s: $((t1 - t0))  import_keluarga_s: $((t2 - t1))  import_anggota_s: $((t3 - t2))"
fi
echo "keluarga: $(sqlite3 "$data/pilar.db" 'SELECT count(*) FROM keluarga')  anggota: $(sqlite3 "$data/pilar.db" 'SELECT count(*) FROM anggota')  ppks_open: $(sqlite3 "$data/pilar.db" 'SELECT count(*) FROM anggota_ppks WHERE sampai IS NULL')"
echo "aggregate_rows: $(sqlite3 "$data/pilar.db" "SELECT (SELECT count(*) FROM dash_jumlah) || ' jumlah, ' || (SELECT count(*) FROM dash_peta) || ' peta, ' || (SELECT count(*) FROM dash_rw) || ' rw'")"
t0=$(date +%s%3N); "$bin" dashboard check --data "$data" | tail -1; t1=$(date +%s%3N)
echo "check_ms: $((t1 - t0))"

"$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off 2>"$work/server.log" &
pid=$!
port=""
for _ in $(seq 1 500); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | sed 's/.*://' || true)
  if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
  sleep 0.01
done
login() {
  curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$pw\"}" \
    "http://127.0.0.1:$port/api/v1/auth/login" | awk '$6 == "pilar_session" {print $7}'
}
base="http://127.0.0.1:$port/api/v1/dasbor"
# The floor on this machine at the moment: the same paced load on /healthz (no database, no session).
echo "reference /healthz paced: $(node bench/paced-get.mjs "http://127.0.0.1:$port/healthz" "" "$rate" "$dur")"
for who in kepala tksk; do
  cookie=$(login "$who")
  [ -n "$cookie" ] || { echo "login $who failed"; exit 1; }
  for ep in "" /wilayah /usulan /periksa /psm /aktivitas "/peta?tingkat=0" "/peta?tingkat=2&bbox=-6.20,106.60,-6.16,106.66"; do
    url="$base$ep"
    bytes=$(curl -fsS -H "Cookie: pilar_session=$cookie" "$url" | wc -c)
    wrk -t2 -c16 -d"${dur}s" --latency -H "Cookie: pilar_session=$cookie" "$url" > "$out/dash.txt"
    paced=$(node bench/paced-get.mjs "$url" "pilar_session=$cookie" "$rate" "$dur")
    printf '%-7s %-52s %6s B  wrk %8s req/s p50 %-8s p99 %-8s errors %s | paced %s\n' "$who" "/api/v1/dasbor$ep" "$bytes" \
      "$(awk '/Requests\/sec/ {print $2}' "$out/dash.txt")" "$(awk '$1 == "50%" {print $2}' "$out/dash.txt")" \
      "$(awk '$1 == "99%" {print $2}' "$out/dash.txt")" "$(grep -cE 'Non-2xx|Socket errors' "$out/dash.txt" || true)" "$paced"
  done
done
# Server-side latency of every dashboard request above (the route's histogram in /metrics): what
# the server spent, without the load generator's own stalls on a shared machine.
curl -fsS "http://127.0.0.1:$port/metrics" | awk '
  /^pilar_http_request_duration_seconds_bucket/ && /route="\/api\/v1\/dasbor(\/\{panel\})?"/ {
    match($0, /route="[^"]*"/); r = substr($0, RSTART + 7, RLENGTH - 8);
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5);
    n[r] = $NF; les[r] = les[r] " " le "=" $NF }
  END { for (r in les) { cnt = split(les[r], parts, " "); p99 = "";
          for (i = 1; i <= cnt; i++) { split(parts[i], kv, "="); if (p99 == "" && kv[2] >= 0.99 * n[r]) p99 = kv[1] }
          printf "server-side %s: %d requests, p99 <= %s s (histogram bucket)\n", r, n[r], p99 } }'
