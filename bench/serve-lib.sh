# Sourced by the bench scripts that drive a running `pilar serve` (read-2m.sh, backup-2m.sh).
#   start_server LOG COMMAND...   runs COMMAND (a `pilar serve ... --listen 127.0.0.1:0`, with any
#                                 taskset prefix) with stderr to LOG; sets $pid, and $port once
#                                 /healthz answers (bounded: about 5 s)
#   bench_cookie                  logs in as benchop / "bench password 2026" on $port and sets
#                                 $cookie (exits 1 when the login fails)
start_server() {
  local log=$1
  shift
  "$@" 2>"$log" &
  pid=$!
  port=""
  for _ in $(seq 1 500); do
    port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | sed 's/.*://' || true)
    if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
    sleep 0.01
  done
}

bench_cookie() {
  cookie=$(curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"benchop","password":"bench password 2026"}' "http://127.0.0.1:$port/api/v1/auth/login" |
    awk '$6 == "pilar_session" {print $7}')
  [ -n "$cookie" ] || { echo "login failed"; exit 1; }
}
