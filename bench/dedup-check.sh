#!/usr/bin/env bash
# The duplicate check at data entry over a large registry (issue 6 item 6: "fast enough to feel
# instant"): latency of POST /api/v1/anggota/cek-duplikat, one request at a time, for members
# typed again with a corruption (bench/dedup-check.mjs), on loopback.
#   bench/dedup-check.sh [path/to/pilar] [data-dir] [n=1000]
# The data dir is built like bench/read-2m.sh's (HOUSEHOLDS households, default 558,000 = ~2.0 M
# persons) when it has no .loaded marker, and reused afterwards. The server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release/apps/pilar/pilar}")
data=${2:-/tmp/pilar-dedup-2m}
n=${3:-1000}
households=${HOUSEHOLDS:-558000}
out=bench/out
mkdir -p "$out" "$data"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -f "$data/.loaded" ]; then
  "$bin" generate --households "$households" --seed 7 --out "$data/gen"
  "$bin" wilayah load 36.71 --data "$data" >/dev/null
  "$bin" import keluarga "$data/gen/keluarga.csv" --data "$data"
  "$bin" import anggota "$data/gen/anggota.csv" --data "$data"
  rm -rf "$data/gen"
  touch "$data/.loaded"
fi
printf 'bench password 2026\n' | "$bin" user add benchdup --role operator --wilayah 36.71 --password-stdin --data "$data" >/dev/null 2>&1 || true
persons=$(sqlite3 "file:$data/pilar.db?mode=ro" 'SELECT max(id) FROM anggota')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "persons: $persons"
# A random sample of live members with their household's deepest code.
sqlite3 -json "file:$data/pilar.db?mode=ro" "SELECT id, nama, jenis_kelamin, tanggal_lahir, kode_wilayah FROM anggota
  WHERE id IN (SELECT abs(random()) % $persons + 1 FROM anggota LIMIT $((n * 2))) AND dianonimkan_pada IS NULL LIMIT $n" >"$out/dedup-check-sample.json"

"$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off 2>"$out/dedup-check-server.log" &
pid=$!
port=""
for _ in $(seq 1 500); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out/dedup-check-server.log" | head -1 | sed 's/.*://' || true)
  if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
  sleep 0.01
done
login=$(curl -fsS -c "$out/dedup-check.cookies" -H 'Content-Type: application/json' \
  -d '{"username":"benchdup","password":"bench password 2026"}' "http://127.0.0.1:$port/api/v1/auth/login")
csrf=$(printf '%s' "$login" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
cookie="pilar_session=$(awk '$6 == "pilar_session" {print $7}' "$out/dedup-check.cookies")"
# One untimed check first: it waits for the search index the server builds at start (src/search).
t0=$(date +%s)
curl -fsS -o /dev/null -b "$cookie" -H "x-csrf-token: $csrf" -H 'Content-Type: application/json' \
  -d '{"nama":"Siti Aminah","jenis_kelamin":"P"}' "http://127.0.0.1:$port/api/v1/anggota/cek-duplikat"
echo "search index ready after $(( $(date +%s) - t0 )) s"
node bench/dedup-check.mjs "http://127.0.0.1:$port" "$cookie" "$csrf" "$out/dedup-check-sample.json" "$n"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
