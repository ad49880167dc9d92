#!/usr/bin/env bash
# Registry read latency with ~2,000,000 persons (issue 5 targets: GET a person by id p99 <= 5 ms,
# a list page p99 <= 20 ms, both at 100 concurrent connections), measured with wrk on loopback.
#   bench/read-2m.sh [path/to/pilar] [data-dir]
# The data dir is built once (generate 558,000 households = ~2.0 M persons, import both files)
# and reused by later runs. Each request is a different record or region: a Lua script picks
# a random anggota id, or a random kelurahan for the list page (50 rows, the web app's page).
# Bounded: each wrk run lasts DURATION seconds (default 15) after a WARMUP-second run (default
# 20); the server is stopped at the end. Each line also gives the server's CPU time (user +
# system) and requests per CPU-second, steadier than req/s when other work shares the cores.
# PIN=1 gives the server one core and wrk the other (`taskset`, `pilar serve --threads 1`): with
# both on both cores, three busy threads (two I/O threads and wrk) take turns on two cores and
# the scheduler's time slices, not the server, set the tail; pinned, each has a core of its own,
# as a server with its clients on other machines has. The server then has half the machine.
# THREADS=n (without PIN) starts the server with n I/O threads, unpinned (default: one per core).
# Each line also splits the server's CPU per request into user and kernel time and gives wrk's own
# CPU per request (it shares the cores). SYSCALLS=1 also counts the server's system calls per
# request by kind during each measured run (`perf stat` on syscall tracepoints; needs perf and
# perf_event_paranoid <= 2 for one's own processes).
# ROUTES="person list keluarga" picks the routes measured (default "person list"); `keluarga` is the
# household list page of a random kelurahan (50 rows, each household's member count counted on
# read since migration 0026).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-lib.sh
bin=$(realpath "${1:-build/release/apps/pilar/pilar}")
data=${2:-/tmp/pilar-read-2m}
households=${HOUSEHOLDS:-558000}
dur=${DURATION:-15}
conns=${CONNS:-100}
warmup=${WARMUP:-20}
out=bench/out
mkdir -p "$out" "$data"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true

if [ ! -f "$data/.loaded" ]; then
  "$bin" generate --households "$households" --seed 7 --out "$data/gen"
  "$bin" wilayah load 36.71 --data "$data" >/dev/null
  /usr/bin/time -f "import keluarga: %e s, %M KB" "$bin" import keluarga "$data/gen/keluarga.csv" --data "$data"
  /usr/bin/time -f "import anggota: %e s, %M KB" "$bin" import anggota "$data/gen/anggota.csv" --data "$data"
  printf 'bench password 2026\n' | "$bin" user add benchop --role operator --wilayah 36.71 --password-stdin --data "$data" >/dev/null
  rm -rf "$data/gen"
  touch "$data/.loaded"
fi
persons=$(sqlite3 "file:$data/pilar.db?mode=ro" 'SELECT max(id) FROM anggota')
kelurahan=$(sqlite3 "file:$data/pilar.db?mode=ro" "SELECT group_concat('\"' || kode || '\"', ',') FROM wilayah WHERE tingkat = 'kelurahan'")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "persons: $persons"

# Read the database file once so it sits in the page cache, as it does on a server after its
# first minutes: otherwise the first run measures the disk (1,277 req/s cold vs 6,250 warm seen).
cat "$data/pilar.db" "$data/pilar.db-wal" > /dev/null 2>&1 || true

server_pin=() client_pin=() server_args=()
if [ "${PIN:-0}" = 1 ]; then
  server_pin=(taskset -c 0) client_pin=(taskset -c 1) server_args=(--threads 1)
  echo "pinned: server on core 0 with one I/O thread, wrk on core 1"
elif [ -n "${THREADS:-}" ]; then
  server_args=(--threads "$THREADS")
  echo "unpinned: server with $THREADS I/O thread(s)"
fi
start_server "$out/read-2m-server.log" "${server_pin[@]}" "$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off "${server_args[@]}"
bench_cookie

cat > "$out/read-2m-person.lua" <<LUA
math.randomseed(os.time())
request = function() return wrk.format("GET", "/api/v1/anggota/" .. math.random(1, $persons)) end
LUA
cat > "$out/read-2m-list.lua" <<LUA
math.randomseed(os.time())
local k = { $kelurahan }
request = function() return wrk.format("GET", "/api/v1/anggota?limit=50&kode_wilayah=" .. k[math.random(1, #k)]) end
LUA
cat > "$out/read-2m-keluarga.lua" <<LUA
math.randomseed(os.time())
local k = { $kelurahan }
request = function() return wrk.format("GET", "/api/v1/keluarga?limit=50&kode_wilayah=" .. k[math.random(1, #k)]) end
LUA
curl -fsS -H "Cookie: pilar_session=$cookie" "http://127.0.0.1:$port/api/v1/anggota/1" | head -c 160; echo
# The search index is built in the background at start (~17 s of CPU for 2 M members): part of
# starting up, not of the steady state measured here; pinned to the server's one core it took
# that core's time slices during the warm-up and the first measured run. Wait for it.
t_start=$(date +%s)
for _ in $(seq 1 1800); do grep -q "search index:" "$out/read-2m-server.log" && break; sleep 0.1; done
echo "search index ready $(( $(date +%s) - t_start )) s after login"

# The server's CPU time (user + system, from /proc) per run: on a shared machine requests per
# CPU-second is steadier than requests per second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
user_ticks() { awk '{print $14}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
for what in ${ROUTES:-person list}; do
  # Again right before each route: this virtual machine's memory manager (DAMON "pageout") drops
  # page-cache pages not touched for about a minute, and the search index wait and the first
  # route take longer than that; without this, person reads took ~3 major faults (disk reads)
  # a second in the measured run, each one stalling every request on that I/O thread.
  cat "$data/pilar.db" "$data/pilar.db-wal" > /dev/null 2>&1 || true
  mf0=$(awk '{print $12}' "/proc/$pid/stat")
  # A warm-up run first: a fresh server maps the file's pages into its memory on first touch
  # (a page fault each, ~0.3 per person read in the first seconds, none after ~20 s); a server
  # that has been up a while has them mapped.
  "${client_pin[@]}" wrk -t1 -c"$conns" -d"${warmup}s" -s "$out/read-2m-$what.lua" -H "Cookie: pilar_session=$cookie" "http://127.0.0.1:$port" >/dev/null
  t0=$(cpu_ticks) u0=$(user_ticks) perf_pid=""
  if [ "${SYSCALLS:-0}" = 1 ]; then
    perf stat -x, -o "$out/read-2m-$what.syscalls" -p "$pid" -e context-switches,raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendmsg,syscalls:sys_enter_fcntl,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_read,syscalls:sys_enter_write &
    perf_pid=$!
  fi
  /usr/bin/time -f '%U %S' -o "$out/read-2m-$what.wrk-cpu" "${client_pin[@]}" wrk -t1 -c"$conns" -d"${dur}s" --latency \
    -s "$out/read-2m-$what.lua" -H "Cookie: pilar_session=$cookie" "http://127.0.0.1:$port" > "$out/read-2m-$what.txt"
  t1=$(cpu_ticks) u1=$(user_ticks)
  [ -n "$perf_pid" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
  majflt=$(( $(awk '{print $12}' "/proc/$pid/stat") - mf0 ))
  reqs=$(awk '/requests in/ {print $1}' "$out/read-2m-$what.txt")
  cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz}')
  per_cpu=$(awk -v r="$reqs" -v c="$cpu" 'BEGIN {if (c > 0) printf "%.0f", r / c; else print "-"}')
  echo "$what: $(awk '/Requests\/sec/ {print $2}' "$out/read-2m-$what.txt") req/s  p50 $(awk '$1 == "50%" {print $2}' "$out/read-2m-$what.txt")  p99 $(awk '$1 == "99%" {print $2}' "$out/read-2m-$what.txt")  server CPU ${cpu} s = ${per_cpu} req/CPU-s  major faults ${majflt} (warm-up and run)  $(grep -E 'Non-2xx|Socket errors' "$out/read-2m-$what.txt" | tr '\n' ' ')"
  # CPU per request in microseconds: the server's user and kernel time, and wrk's (user + kernel).
  awk -v r="$reqs" -v u="$((u1 - u0))" -v t="$((t1 - t0))" -v hz="$hz" -v w="$(awk '{print $1 + $2}' "$out/read-2m-$what.wrk-cpu")" \
    'BEGIN {if (r > 0) printf "  CPU per request: server user %.1f us + kernel %.1f us; wrk %.1f us\n", u / hz / r * 1e6, (t - u) / hz / r * 1e6, w / r * 1e6}'
  if [ -n "$perf_pid" ]; then
    awk -F, -v r="$reqs" '$1 ~ /^[0-9]+$/ && r > 0 {sub(/^syscalls:sys_enter_/, "", $3); sub(/^raw_syscalls:sys_enter/, "all syscalls", $3); printf "%s%s %.3f", (n++ ? ", " : "  per request: "), $3, $1 / r} END {print ""}' "$out/read-2m-$what.syscalls"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
