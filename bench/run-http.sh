#!/usr/bin/env bash
# HTTP targets of the Platform issue, measured with wrk on loopback (bench/RESULTS.md):
#   1. /healthz req/s with `wrk -t1 -c100`, and the DB-backed, authenticated
#      GET /api/v1/wilayah/36.71/children in the same run (ratio);
#   2. 1,000 keep-alive connections for 30 s: errors and p99;
#   3. process start to healthy, and idle RSS.
# Usage: bench/run-http.sh [path/to/pilar]   (release build recommended). Bounded: every wrk
# run has a fixed duration; the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/apps/pilar/pilar}
dur=${DURATION:-10}
ulimit -n 65536 2>/dev/null || ulimit -n 4096
work=$(mktemp -d)
out=bench/out
mkdir -p "$out"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
start_server() {  # $1 = data dir, $2 = access log target
  "$bin" serve --data "$1" --listen 127.0.0.1:0 --access-log "$2" 2>"$work/server.log" &
  pid=$!
  port=""
  for _ in $(seq 1 500); do
    port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | sed 's/.*://' || true)
    if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
    sleep 0.002
  done
}
stop_server() { kill -TERM "$pid"; wait "$pid" || true; pid=""; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "binary: $bin ($("$bin" version))"

# Prepare a data dir with Kota Tangerang and an admin.
data="$work/data"
"$bin" wilayah load 36.71 --data "$data" >/dev/null
printf 'bench password 2026\n' | "$bin" user add benchadmin --role admin --wilayah 36.71 --password-stdin --data "$data" >/dev/null

# 3. start to healthy (schema already migrated) and idle RSS
t0=$(now_ms); start_server "$data" "$work/access.log"; t1=$(now_ms)
echo "start_to_healthy_ms: $((t1 - t0))"
sleep 1
echo "rss_idle_mb: $(( $(rss_kb "$pid") / 1024 ))"

cookie=$(curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"benchadmin","password":"bench password 2026"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  awk '$6 == "pilar_session" {print $7}')
[ -n "$cookie" ] || { echo "login failed"; exit 1; }
curl -fsS -H "Cookie: pilar_session=$cookie" "http://127.0.0.1:$port/api/v1/wilayah/36.71/children" | head -c 120; echo

# 1. throughput, same run, access log on (to a file)
wrk -t1 -c100 -d"${dur}s" --latency "http://127.0.0.1:$port/healthz" > "$out/healthz.txt"
wrk -t1 -c100 -d"${dur}s" --latency -H "Cookie: pilar_session=$cookie" \
  "http://127.0.0.1:$port/api/v1/wilayah/36.71/children" > "$out/children.txt"
h=$(awk '/Requests\/sec/ {print $2}' "$out/healthz.txt")
c=$(awk '/Requests\/sec/ {print $2}' "$out/children.txt")
echo "healthz_rps: $h  (p99 $(awk '$1 == "99%" {print $2}' "$out/healthz.txt"))"
echo "children_rps: $c  (p99 $(awk '$1 == "99%" {print $2}' "$out/children.txt"))"
echo "children_over_healthz: $(awk -v a="$c" -v b="$h" 'BEGIN {printf "%.2f", a / b}')"
grep -E 'Non-2xx|Socket errors' "$out/healthz.txt" "$out/children.txt" || true

# 2. 1,000 keep-alive connections for 30 s
wrk -t2 -c1000 -d"${HOLD:-30}s" --timeout 10s --latency -H "Cookie: pilar_session=$cookie" \
  "http://127.0.0.1:$port/api/v1/wilayah/36.71/children" > "$out/c1000.txt"
echo "c1000_rps: $(awk '/Requests\/sec/ {print $2}' "$out/c1000.txt")  p50 $(awk '$1 == "50%" {print $2}' "$out/c1000.txt")  p99 $(awk '$1 == "99%" {print $2}' "$out/c1000.txt")"
echo "c1000_errors: $(grep -E 'Socket errors|Non-2xx' "$out/c1000.txt" || echo none)"
echo "rss_after_load_mb: $(( $(rss_kb "$pid") / 1024 ))"
stop_server

# 3b. first start on an empty data dir (creates and migrates the database)
t0=$(now_ms); start_server "$work/fresh" off; t1=$(now_ms)
echo "first_start_to_healthy_ms: $((t1 - t0))"
stop_server
