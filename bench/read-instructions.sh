#!/usr/bin/env bash
# Instructions per request of the registry's plain reads, counted by callgrind: a figure that
# other work on the machine does not change (wall-clock latency on a shared machine does), for
# comparing two builds of the person read and the list page (issue 5 targets: bench/read-2m.sh).
#   bench/read-instructions.sh [path/to/pilar] [data-dir]
# The data dir is built once (HOUSEHOLDS, default 20,000 = ~72,000 persons, region order:
# under valgrind the server indexes every member for search at start, ~25 s at this size).
# The server runs under callgrind with one I/O thread (THREADS=n: n I/O threads sharing one
# io_context, each connection on a strand, as the default server on n cores; valgrind runs one
# thread at a time, so this counts the shared scheduler's locking and strands, not contention); curl sends N_PERSON reads of different
# persons, then N_LIST first pages (50 members) of the kelurahan in turn, over one keep-alive
# connection each. Prints user-space instructions per request of the whole server (the
# kernel's TCP work is not counted) and keeps the two responses in bench/out for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release/apps/pilar/pilar}")
data=${2:-/tmp/pilar-read-instr}
np=${N_PERSON:-2000}
nl=${N_LIST:-200}
out=bench/out
mkdir -p "$out" "$data"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -f "$data/.loaded" ]; then
  "$bin" generate --households "${HOUSEHOLDS:-20000}" --seed 7 --out "$data/gen" >/dev/null
  "$bin" wilayah load 36.71 --data "$data" >/dev/null
  "$bin" import keluarga "$data/gen/keluarga.csv" --data "$data" >/dev/null
  "$bin" import anggota "$data/gen/anggota.csv" --data "$data" >/dev/null
  printf 'bench password 2026\n' | "$bin" user add benchop --role operator --wilayah 36.71 --password-stdin --data "$data" >/dev/null
  rm -rf "$data/gen"
  touch "$data/.loaded"
fi
persons=$(sqlite3 "file:$data/pilar.db?mode=ro" 'SELECT max(id) FROM anggota')
kelurahan=$(sqlite3 "file:$data/pilar.db?mode=ro" "SELECT kode FROM wilayah WHERE tingkat = 'kelurahan' ORDER BY kode")
log=$out/read-instr-server.log
cg=$out/read-instr.cg
rm -f "$cg".*
valgrind --tool=callgrind --callgrind-out-file="$cg.%p" --dump-instr=no \
  "$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off --threads "${THREADS:-1}" 2>"$log" &
pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | sed 's/.*://' || true)
  if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
  sleep 0.1
done
for _ in $(seq 1 600); do grep -q "search index:" "$log" && break; sleep 0.5; done
cookie=$(curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"benchop","password":"bench password 2026"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  awk '$6 == "pilar_session" {print $7}')
[ -n "$cookie" ] || { echo "login failed"; exit 1; }
base="http://127.0.0.1:$port/api/v1/anggota"
for i in $(seq 1 50); do echo "url = \"$base/$(( (i * 1409) % persons + 1 ))\""; done > "$out/read-instr-warm.cfg"
for i in $(seq 1 "$np"); do echo "url = \"$base/$(( (i * 7919) % persons + 1 ))\""; done > "$out/read-instr-person.cfg"
i=0; : > "$out/read-instr-list.cfg"
while [ $i -lt "$nl" ]; do
  for k in $kelurahan; do [ $i -lt "$nl" ] && echo "url = \"$base?limit=50&kode_wilayah=$k\"" >> "$out/read-instr-list.cfg"; i=$((i + 1)); done
done
curl -fsS -H "Cookie: pilar_session=$cookie" "$base/12345" > "$out/read-instr-person.json"
curl -fsS -H "Cookie: pilar_session=$cookie" "$base?limit=50&kode_wilayah=$(echo "$kelurahan" | head -1)" > "$out/read-instr-list.json"
# Callgrind takes a command when the program runs: a few /healthz requests make it run.
dump() {
  callgrind_control --dump="$1" "$pid" >/dev/null & local c=$!
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; sleep 0.2; done
  wait $c
}
curl -s -K "$out/read-instr-warm.cfg" -H "Cookie: pilar_session=$cookie" >/dev/null
dump warm
curl -s -K "$out/read-instr-person.cfg" -H "Cookie: pilar_session=$cookie" >/dev/null
dump person
curl -s -K "$out/read-instr-list.cfg" -H "Cookie: pilar_session=$cookie" >/dev/null
dump list
sleep 1
for what in person list; do
  f=$(grep -l "^desc: Trigger: dump $what" "$cg".* | head -1)
  n=$([ $what = person ] && echo "$np" || echo "$nl")
  total=$(awk '/^totals:/ {print $2}' "$f")
  echo "$what: $(awk -v t="$total" -v n="$n" 'BEGIN {printf "%.0f", t / n}') instructions per request ($n requests, $total in all, 5 /healthz included)"
done
