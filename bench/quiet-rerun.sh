#!/usr/bin/env bash
# The lead's quiet re-run of issue 5's import and read targets, two builds alternated in the same
# minutes: three import rounds (each into a fresh data dir holding the households of BIG, then
# sqlite3's .import of the same anggota.csv into a bare table, for the ratio target), then six
# read runs (bench/read-2m.sh: person GET and list page at 100 connections; ROUTES="person list
# keluarga" adds the household list page), new and old in turn.
#
#   bench/quiet-rerun.sh NEW_BIN OLD_BIN BIG_DIR NEW_DATA OLD_DATA
#
# BIG_DIR holds keluarga.csv and anggota.csv (`pilar generate --households 300000 --seed 1`);
# NEW_DATA / OLD_DATA are data dirs with 2,000,000 persons at each build's schema (read only:
# the server only reads). Run it with nothing else on the machine; it takes about 13 minutes.
# ONLY=import or ONLY=reads runs one half.
set -u
[ $# -eq 5 ] || { sed -n 2,13p "$0"; exit 2; }
NEW=$1 OLD=$2 BIG=$(realpath "$3") NEWDATA=$4 OLDDATA=$5
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
# The region data comes from the repository (npm), whatever the working directory.
AREA=$HERE/../node_modules/idn-area-data/data
if [ "${ONLY:-}" != reads ]; then
echo "== import $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$WORK"
for round in 1 2 3; do
  for who in NEW OLD; do
    P=${!who}
    rm -rf d && $P wilayah load 36.71 --source "$AREA" --data d >/dev/null 2>&1 && $P import keluarga "$BIG/keluarga.csv" --data d >/dev/null 2>&1 \
      || { echo "could not prepare the households of $BIG for $who" >&2; exit 1; }
    sync; echo "-- import $who round $round $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "$who %e s %U u %S sys %M KB" $P import anggota "$BIG/anggota.csv" --data d 2>&1 | tail -2
  done
  rm -f bare.db && /usr/bin/time -f "sqlite3 .import %e s %U u %S sys %M KB" sqlite3 -cmd '.mode csv' bare.db ".import $BIG/anggota.csv t" 2>&1 | tail -1
done
rm -rf bare.db d
fi
[ "${ONLY:-}" = import ] && exit 0
cd "$HERE/.."
echo "== reads $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
for who in NEW OLD NEW OLD NEW OLD; do
  P=${!who}; D=${who}DATA
  echo "-- reads $who ${!D} $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  DURATION=10 WARMUP=10 bench/read-2m.sh "$P" "${!D}" 2>&1 | grep -E "^(person|list|keluarga|load|search)"
done
echo "== end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
