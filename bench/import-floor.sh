#!/usr/bin/env bash
# The floor under any import into this schema: how long SQLite itself takes to write the member
# rows a `pilar import anggota` wrote, with nothing of Pilar's in the way. Takes a data dir that
# already holds the imported members (so every value is final: validated, encrypted, blind-indexed,
# hashed), then, in the sqlite3 shell, into a fresh database with the member table's own schema and
# the most favourable settings SQLite has for a bulk load (no journal, no fsync, 100 MB of cache,
# 16 KiB pages like Pilar's):
#   1. copies every row (`INSERT … SELECT … WHERE id > 0`: the WHERE keeps SQLite from copying
#      records verbatim, which it does only into an empty table from a table with the same indexes;
#      an importer has values, not another database's records), with the indexes the import keeps
#      live because its rows arrive in their order (household, area);
#   2. builds each other index of the member table (`CREATE INDEX`, as the import does after the load).
# Each step's time is SQLite's alone, on one thread: a write transaction has one writer. Reading the
# source rows back is timed on its own (step 0) so it can be subtracted. Then, in the same minutes,
# `sqlite3 .import` of the CSV into a bare table, the issue's yardstick. ROUNDS rounds (default 3).
#
#   bench/import-floor.sh LOADED_DATA_DIR ANGGOTA_CSV
set -euo pipefail
[ $# -eq 2 ] || { sed -n 2,18p "$0"; exit 2; }
src=$(realpath "$1/pilar.db") csv=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
rows=$(sqlite3 "file:$src?mode=ro" 'SELECT count(*) FROM anggota')
# The table as created by the migrations, then the in-order indexes (live during the copy) and the
# others (built after it), each from the schema itself so the script follows schema changes.
sqlite3 "file:$src?mode=ro" "SELECT sql || ';' FROM sqlite_master WHERE type = 'table' AND name = 'anggota'" > "$work/table.sql"
live="'anggota_by_keluarga', 'anggota_by_wilayah'"
sqlite3 "file:$src?mode=ro" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'anggota' AND sql IS NOT NULL AND name IN ($live)" >> "$work/table.sql"
sqlite3 "file:$src?mode=ro" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'anggota' AND sql IS NOT NULL AND name NOT IN ($live)" > "$work/later.sql"
cols=$(sqlite3 "file:$src?mode=ro" "SELECT group_concat('length(' || name || ')', ' + ') FROM pragma_table_info('anggota')")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); sqlite $(sqlite3 --version | cut -d' ' -f1); rows: $rows"
echo "indexes built after the copy: $(grep -c . "$work/later.sql")"
for round in $(seq 1 "${ROUNDS:-3}"); do
  cat "$src" > /dev/null
  read0=$(printf '.timer on\nSELECT sum(%s) FROM anggota;\n' "$cols" | sqlite3 "file:$src?mode=ro" | awk '/^Run Time/ {print $4, $6 + $8}')
  rm -f "$work/f.db"
  # `.print` names each timed statement; the output alternates name, (result,) Run Time line.
  steps=$( { printf 'PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-100000;\n'
             cat "$work/table.sql"
             printf "ATTACH 'file:%s?mode=ro' AS src;\nBEGIN;\n.timer on\n" "$src"
             printf '.print @copy\nINSERT INTO main.anggota SELECT * FROM src.anggota WHERE id > 0;\n'
             sed -E 's/^CREATE (UNIQUE )?INDEX ([a-z_]+).*/.print @\2\n&/' "$work/later.sql"
             printf '.print @commit\nCOMMIT;\n'; } | sqlite3 "$work/f.db" |
           awk '/^@/ {name = substr($1, 2)} /^Run Time/ && name != "" {print name, $4, $6, $8; name = ""}')
  rm -f "$work/bare.db"
  imp=$( { /usr/bin/time -f '%e %U %S' sqlite3 -cmd '.mode csv' "$work/bare.db" ".import $csv t"; } 2>&1 | tail -1)
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)); wall, user, sys seconds:"
  echo "$steps" | sed 's/^/  /'
  # One writer: its CPU time is a floor a faster host or a quieter minute can lower, nothing else.
  echo "$steps" | awk -v r="$rows" -v rd="$read0" 'BEGIN {split(rd, b, " ")} {w += $2; c += $3 + $4}
    END {printf "  SQLite alone: %.2f s wall, %.2f s CPU; less reading the rows back (%.2f s wall, %.2f s CPU): %.2f s wall = %.0f rows/s, %.2f s CPU = %.0f rows/s at most\n",
         w, c, b[1], b[2], w - b[1], r / (w - b[1]), c - b[2], r / (c - b[2])}'
  echo "$imp" | awk -v r="$rows" '{printf "  sqlite3 .import into a bare table: %.2f s wall (%.2f + %.2f s CPU) = %.0f rows/s\n", $1, $2, $3, r / $1}'
done
