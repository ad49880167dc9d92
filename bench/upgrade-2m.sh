#!/usr/bin/env bash
# What the upgrade path costs on the 2,000,000-person database (docs/operations.md, "Upgrading"
# and "The data directory's lock"), two builds alternated in the same minutes:
#  1. opening the data dir as every command does (`pilar migrate --status`: the data dir's lock,
#     SQLite's open, the schema check), OLD against NEW, RUNS rounds (default 5) of BATCH runs
#     each (default 20: one run is below /usr/bin/time's 10 ms resolution); per run;
#  2. NEW's `pilar migrate --backup FILE` on the copy one migration behind (0022 undone: its table
#     dropped and its row removed, as tests/api/upgrade.test.mjs does) against NEW's plain
#     `pilar backup` of the same copy, 3 rounds: what the backup before the migration adds.
#   bench/upgrade-2m.sh OLD_BIN NEW_BIN DATA_DIR
# DATA_DIR is only read: it is copied to SCRATCH (default /tmp), which is removed at the end.
# Prints each run's wall and CPU (user+sys) seconds, then the medians and the load average.
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") src=$3
runs=${RUNS:-5}
batch=${BATCH:-20}
work=$(mktemp -d "${SCRATCH:-/tmp}/pilar-upgrade-2m.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$src" "$work/data"
data=$work/data
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); database $(( $(stat -c %s "$data/pilar.db") / 1048576 )) MiB"
# "wall cpu" of one command, its output discarded (a failure stops the script).
measure() {
  /usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# SKIP_BACKUP=1: only the opening rounds.
: > "$work/results"
for i in $(seq "$runs"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    read -r wall cpu < <(measure sh -c 'for i in $(seq "$1"); do "$2" migrate --status --data "$3" || exit 1; done' sh "$batch" "$bin" "$data")
    echo "open $which $(awk -v w="$wall" -v c="$cpu" -v n="$batch" 'BEGIN { printf "%.4f %.4f", w / n, c / n }')" | tee -a "$work/results"
  done
done
for i in $(seq $([ -n "${SKIP_BACKUP:-}" ] && echo 0 || echo 3)); do
  read -r wall cpu < <(measure "$new" backup --data "$data" --out "$work/b.db")
  echo "backup new $wall $cpu" | tee -a "$work/results"
  rm -f "$work/b.db"
  sqlite3 "$data/pilar.db" 'DROP TABLE audit_area; DELETE FROM schema_migrations WHERE version = 22'
  read -r wall cpu < <(measure "$new" migrate --data "$data" --backup "$work/b.db")
  echo "migrate-backup new $wall $cpu" | tee -a "$work/results"
  rm -f "$work/b.db"
done
echo "medians (wall s, cpu s):"
for key in "open old" "open new" "backup new" "migrate-backup new"; do
  grep -q "^$key " "$work/results" || continue
  w=$(grep "^$key " "$work/results" | awk '{ print $3 }' | median)
  c=$(grep "^$key " "$work/results" | awk '{ print $4 }' | median)
  echo "  $key: $w $c"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
