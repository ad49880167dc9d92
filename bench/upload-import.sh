#!/usr/bin/env bash
# Bulk import through the API, as the web app does it: log in as an operator, POST the file as the
# request body to /api/v1/impor/{jenis} (cookie + X-CSRF-Token), poll GET /api/v1/impor/{jenis}/{id}
# until the job is done, and sample the server's memory (VmRSS, VmHWM from /proc/PID/status)
# all along. The data dir is copied first (the import changes it), so runs can be repeated and
# alternated between two builds. The server listens on a free 127.0.0.1 port and is stopped at
# the end (or after TIMEOUT seconds, whatever happens).
#
#   bench/upload-import.sh PILAR_BIN TEMPLATE_DATA_DIR JENIS FILE [USER] [PASSWORD] [-- SERVE_ARGS...]
#   bench/upload-import.sh build/release/apps/pilar/pilar /work/tmp/up/d anggota /work/tmp/ie/big/anggota.csv
#
# TEMPLATE_DATA_DIR holds wilayah 36.71, the households (for an anggota file) and an operator
# (default user opr / "pw 2026 long enough"). Prints one line: status, rows, seconds from the
# first byte sent to the job's end, rows/s, the server's peak RSS during the run and its CPU time.
set -euo pipefail
bin=$(realpath "$1"); template="$2"; jenis="$3"; file="$4"
user="${5:-opr}"; password="${6:-pw 2026 long enough}"
shift $(( $# < 6 ? $# : 6 ))
[ "${1:-}" = "--" ] && shift
serve_args=("$@")
timeout_s="${TIMEOUT:-900}"

work=$(mktemp -d "${SCRATCH:-/work/tmp}/upload-bench.XXXXXX")
pid=""
watchdog=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "$watchdog" ] && pkill -P "$watchdog" 2>/dev/null; [ -n "$watchdog" ] &&   rm -rf "$work"
}
trap cleanup EXIT
cp -a "$template" "$work/d"
rm -f "$work/d/pilar.db-wal" "$work/d/pilar.db-shm"

"$bin" serve --data "$work/d" --listen 127.0.0.1:0 --access-log off "${serve_args[@]}" >"$work/serve.log" 2>&1 &
pid=$!
# The watchdog must not hold the script's stdout open (a pipe reader would wait for it).
( sleep "$timeout_s"; kill "$pid" 2>/dev/null ) >/dev/null 2>&1 &
watchdog=$!
port=""
for _ in $(seq 1 200); do
  port=$(grep -oE '127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -1 | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "server did not start: $(cat "$work/serve.log")" >&2; exit 1; }
base="http://127.0.0.1:$port"

csrf=$(curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"$password\"}" "$base/api/v1/auth/login" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')

hwm() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # utime + stime, clock ticks
rss_before=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
cpu_before=$(cpu)
case "$file" in *.xlsx) type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;; *) type=text/csv ;; esac

start=$(date +%s.%N)
code=$(curl -s -o "$work/start.json" -w '%{http_code}' -b "$work/jar" -H "X-CSRF-Token: $csrf" \
  -H "Content-Type: $type" --data-binary "@$file" "$base/api/v1/impor/$jenis?nama_file=$(basename "$file")")
sent=$(date +%s.%N)
if [ "$code" != 202 ]; then
  echo "upload answered $code after $(echo "$sent - $start" | bc) s: $(head -c 300 "$work/start.json"); peak RSS $(( $(hwm) / 1024 )) MB"
  exit 0
fi
id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' "$work/start.json")
status=berjalan
polls=0
while [ "$status" = berjalan ]; do
  sleep 0.5
  curl -s -b "$work/jar" "$base/api/v1/impor/$jenis/$id" >"$work/job.json"
  status=$(sed -E 's/.*"status":"([^"]+)".*/\1/' "$work/job.json")
  polls=$((polls + 1))
done
end=$(date +%s.%N)
rows=$(grep -oE '"hasil":\{[^}]*' "$work/job.json" | grep -oE '"baris":[0-9]+' | cut -d: -f2 || echo 0)
secs=$(echo "$end - $start" | bc)
tick=$(getconf CLK_TCK)
printf '%s %s rows=%s upload=%.1fs total=%.1fs rows/s=%.0f peakRSS=%dMB (idle %dMB) serverCPU=%.1fs polls=%d load=%s\n' \
  "$status" "$(grep -oE '"diterapkan":(true|false)' "$work/job.json")" "$rows" "$(echo "$sent - $start" | bc)" "$secs" \
  "$(echo "${rows:-0} / $secs" | bc -l)" $(( $(hwm) / 1024 )) $(( rss_before / 1024 )) \
  "$(echo "($(cpu) - $cpu_before) / $tick" | bc -l)" "$polls" "$(cut -d' ' -f1-3 /proc/loadavg)"
