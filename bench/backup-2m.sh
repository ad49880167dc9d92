#!/usr/bin/env bash
# What `pilar backup` costs an office that runs it during work hours, on the 2,000,000-person
# database: the backup's wall time, MB/s and peak RSS, and the p99 of person reads
# (GET /api/v1/anggota/{id}, wrk) while backups run compared with the same reads without.
#   bench/backup-2m.sh [path/to/pilar] [data-dir]
# data-dir: a Pilar data dir with ~2 M persons and the user benchop / "bench password 2026"
# (bench/read-2m.sh builds one); it is migrated by this binary first, so use a copy.
# The machine is shared: RUNS (default 3) rounds, each a read run without a backup and one with
# backups running back to back for the whole run (order alternating per round), DURATION seconds
# each (default 20) at CONNS connections (default 10; wrk sends as fast as it can, so this is the
# worst case), or PACED=rate: an open-loop load at that many reads a second (bench/paced-get.mjs,
# a random person each), closer to an office at work. SKIP_ALONE=1 skips the backups without a server.
# Medians are printed at the end with the load average. VACUUM=1 also times `VACUUM INTO` once,
# the alternative to the online backup API (src/db/sqlite/backup.cpp says why it was not chosen).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-lib.sh
bin=$(realpath "${1:-build/release/apps/pilar/pilar}")
data=${2:-/work/tmp/backup/r2m}
runs=${RUNS:-3}
dur=${DURATION:-20}
conns=${CONNS:-10}
out=bench/out
scratch=${SCRATCH:-$data/../backup-bench-out}
mkdir -p "$out" "$scratch"
pid="" loop_pid=""
cleanup() {
  [ -n "$loop_pid" ] && touch "$scratch/stop" && wait "$loop_pid"
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -f "$scratch"/b.db "$scratch"/b.db.tmp-* "$scratch"/vacuum.db "$scratch"/stop
}
trap cleanup EXIT

# --no-backup: a bench copy (binaries before it knew no such flag, and migrated without one)
"$bin" migrate --data "$data" --no-backup >/dev/null 2>&1 || "$bin" migrate --data "$data" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
db_bytes=$(stat -c %s "$data/pilar.db")
echo "database: $(( db_bytes / 1048576 )) MiB, $(sqlite3 "file:$data/pilar.db?mode=ro" 'SELECT count(*) FROM anggota') persons, page size $(sqlite3 "file:$data/pilar.db?mode=ro" 'PRAGMA page_size')"
warm() { cat "$data/pilar.db" "$data/pilar.db-wal" > /dev/null 2>&1 || true; }

# One backup: "wall_s peak_rss_kb bytes"
one_backup() {
  /usr/bin/time -f '%e %M' -o "$scratch/time" "$bin" backup --data "$data" --out "$scratch/b.db" --force \
    > "$scratch/backup.out" 2> "$scratch/backup.err" || { cat "$scratch/backup.err"; return 1; }
  echo "$(cat "$scratch/time") $(stat -c %s "$scratch/b.db")"
}

warm
echo "--- backup alone (no server), $runs runs"
alone=()
for i in $(seq 1 "$( [ "${SKIP_ALONE:-0}" = 1 ] && echo 0 || echo "$runs")"); do
  warm
  r=$(one_backup)
  alone+=("$r")
  echo "backup: $(awk '{printf "%.1f s, %.0f MB/s, peak RSS %.0f MB, file %.0f MB", $1, $3 / 1e6 / $1, $2 / 1024, $3 / 1e6}' <<<"$r")"
done
[ -e "$scratch/backup.out" ] && head -c 400 "$scratch/backup.out" && grep -v '^$' "$scratch/backup.err" | head -2
if [ "${VACUUM:-0}" = 1 ]; then
  warm
  rm -f "$scratch/vacuum.db"
  # The copy step alone both ways, same tool (sqlite3 shell), alternating: .backup is the online
  # backup API that pilar backup uses.
  for k in 1 2; do
    for how in backup vacuum; do
      warm; rm -f "$scratch/vacuum.db"
      if [ $how = backup ]; then cmd=".backup '$scratch/vacuum.db'"; else cmd="VACUUM INTO '$scratch/vacuum.db'"; fi
      /usr/bin/time -f '%e %U %S %M' -o "$scratch/time" sqlite3 "$data/pilar.db" "$cmd"
      echo "copy by $how: $(awk '{printf "%.1f s wall, %.1f s user + %.1f s system CPU, peak RSS %.0f MB", $1, $2, $3, $4 / 1024}' "$scratch/time"), file $(( $(stat -c %s "$scratch/vacuum.db") / 1000000 )) MB"
    done
  done
  rm -f "$scratch/vacuum.db"
fi

start_server "$out/backup-2m-server.log" "$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off
bench_cookie
persons=$(sqlite3 "file:$data/pilar.db?mode=ro" 'SELECT max(id) FROM anggota')
cat > "$out/backup-2m-person.lua" <<LUA
math.randomseed(os.time())
request = function() return wrk.format("GET", "/api/v1/anggota/" .. math.random(1, $persons)) end
LUA
# The search index is built in the background at start; wait for it (it is not the steady state).
for _ in $(seq 1 1800); do grep -q "search index:" "$out/backup-2m-server.log" && break; sleep 0.1; done
warm
wrk -t1 -c"$conns" -d10s -s "$out/backup-2m-person.lua" -H "Cookie: pilar_session=$cookie" "http://127.0.0.1:$port" >/dev/null

reads() {  # prints "req/s p50 p99"
  if [ -n "${PACED:-}" ]; then
    node bench/paced-get.mjs "http://127.0.0.1:$port/api/v1/anggota/{rand:$persons}" "pilar_session=$cookie" "$PACED" "$dur" > "$out/backup-2m-$1.json"
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${(r.requests / Number(process.argv[2])).toFixed(0)} ${r.p50_ms} ${r.p99_ms} errors ${r.errors}`)' "$out/backup-2m-$1.json" "$dur"
    return
  fi
  wrk -t1 -c"$conns" -d"${dur}s" --latency -s "$out/backup-2m-person.lua" -H "Cookie: pilar_session=$cookie" \
    "http://127.0.0.1:$port" > "$out/backup-2m-$1.txt"
  echo "$(awk '/Requests\/sec/ {print $2}' "$out/backup-2m-$1.txt") $(awk '$1 == "50%" {print $2}' "$out/backup-2m-$1.txt") $(awk '$1 == "99%" {print $2}' "$out/backup-2m-$1.txt") $(grep -E 'Non-2xx|Socket errors' "$out/backup-2m-$1.txt" | tr '\n' ' ')"
}
without=() with=() during=()
for i in $(seq 1 "$runs"); do
  for what in $( ((i % 2)) && echo "without with" || echo "with without"); do
    warm
    if [ "$what" = without ]; then
      r=$(reads without); without+=("$r"); echo "round $i reads without backup: $r  load $(cut -d' ' -f1 /proc/loadavg)"
    else
      # Backups back to back from just before the reads until the reads end; the one running
      # then is let finish (its wall time counts), so every read of the run met a backup.
      : > "$scratch/loop.log"; rm -f "$scratch/stop"
      ( while [ ! -e "$scratch/stop" ]; do one_backup >> "$scratch/loop.log" || exit 1; done ) &
      loop_pid=$!
      sleep 0.5
      r=$(reads with)
      touch "$scratch/stop"; wait "$loop_pid" || true; loop_pid=""
      with+=("$r"); echo "round $i reads during backups: $r  load $(cut -d' ' -f1 /proc/loadavg); backups in the run: $(wc -l < "$scratch/loop.log")"
      while read -r line; do during+=("$line"); done < "$scratch/loop.log"
    fi
  done
done
wal=$(stat -c %s "$data/pilar.db-wal" 2>/dev/null || echo 0)
echo "WAL after the runs: $(( wal / 1048576 )) MiB"

# Medians. wrk prints latencies with units (us/ms/s): normalise to ms.
ms() { awk '{v = $1; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}'; }
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { local n=$1; shift; printf '%s\n' "$@" | awk -v n="$n" '{print $n}'; }
echo "--- medians of $runs rounds"
[ "${#alone[@]}" -gt 0 ] && echo "backup alone: $(col 1 "${alone[@]}" | median) s, $(printf '%s\n' "${alone[@]}" | awk '{print $3 / 1e6 / $1}' | median) MB/s, peak RSS $(col 2 "${alone[@]}" | median | awk '{printf "%.0f", $1 / 1024}') MB"
[ "${#during[@]}" -gt 0 ] && echo "backup during reads: $(col 1 "${during[@]}" | median) s, $(printf '%s\n' "${during[@]}" | awk '{print $3 / 1e6 / $1}' | median) MB/s, peak RSS $(col 2 "${during[@]}" | median | awk '{printf "%.0f", $1 / 1024}') MB (${#during[@]} backups)"
echo "person reads without backup: $(col 1 "${without[@]}" | median) req/s, p50 $(col 2 "${without[@]}" | ms | median) ms, p99 $(col 3 "${without[@]}" | ms | median) ms"
echo "person reads during backups: $(col 1 "${with[@]}" | median) req/s, p50 $(col 2 "${with[@]}" | ms | median) ms, p99 $(col 3 "${with[@]}" | ms | median) ms"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
