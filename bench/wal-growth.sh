#!/usr/bin/env bash
# How large pilar.db-wal grows under a steady trickle of small writes (one login = a session row
# and an audit entry, every GAP seconds) against a running server. The server holds the WAL read
# mark through quiet 100 ms intervals (db::OpenOptions::hold_read_mark): writes just slower than
# that interval are the case where a held read transaction could delay WAL restarts, so compare
# builds at GAP 0.05 / 0.12 / 0.2. Bounded: DURATION seconds; the server listens on a free
# 127.0.0.1 port and is stopped at the end; the data dir is a temporary one, removed.
#   bench/wal-growth.sh BIN GAP_SECONDS DURATION_SECONDS
set -u
BIN=$(realpath "$1"); GAP=$2; DUR=$3
D=$(mktemp -d)
$BIN wilayah load 36.71 --data $D >/dev/null 2>&1
printf 'wal password 2026\n' | $BIN user add walop --role operator --wilayah 36.71 --password-stdin --data $D >/dev/null 2>&1
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
$BIN serve --data $D --listen 127.0.0.1:$PORT --access-log off >/dev/null 2>&1 &
PID=$!
for i in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:$PORT/healthz && break; sleep 0.1; done
end=$((SECONDS+DUR)); n=0; max=0
while [ $SECONDS -lt $end ]; do
  curl -s -o /dev/null -H 'content-type: application/json' -d '{"username":"walop","password":"wal password 2026"}' http://127.0.0.1:$PORT/api/v1/auth/login
  n=$((n+1))
  s=$(stat -c %s $D/pilar.db-wal 2>/dev/null || echo 0); [ $s -gt $max ] && max=$s
  sleep $GAP
done
kill $PID; wait $PID 2>/dev/null
echo "$(basename $BIN) gap=$GAP logins=$n wal_max_bytes=$max db_bytes=$(stat -c %s $D/pilar.db)"
rm -rf $D
