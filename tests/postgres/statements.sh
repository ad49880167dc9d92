#!/usr/bin/env bash
# Every statement Pilar prepares also prepares on PostgreSQL 15 (`make api`, after the API tests):
#   tests/postgres/statements.sh path/to/migrations_dump path/to/statement_check CAPTURE
# CAPTURE is what processes run with PILAR_SQL_CAPTURE=CAPTURE wrote (db/capture.hpp): every
# distinct SQL text they prepared — the API tests' servers and CLI commands (import, export,
# link, dedup, backup, ...). A throw-away cluster (cluster.sh) gets the postgres migration set as
# the runner applies it, and statement_check prepares each statement there through libpq, as a
# PostgreSQL backend will (`?` -> `$n` by db::postgres_statement), without executing anything:
# PostgreSQL parses it, resolves its tables, columns and functions and must infer the type of
# every parameter. A failure prints the statement and PostgreSQL's error. Statements that are
# SQLite's only on purpose carry a `/* sqlite-only: NAME */` comment whose NAME is listed, with
# the reason, in sqlite-only.txt beside this script. The same tool lints each statement for what
# would prepare but return other rows (portability.hpp: LIKE without its case rule, an ORDER BY
# term that may be NULL without NULLS FIRST/LAST, ...; waived by `/* portable: NAME */` with NAME
# in portable.txt). Then statement_compare runs the statements of behaviour.txt on both backends
# over behaviour.sql and compares their rows.
set -euo pipefail
dump=$(realpath "${1:?usage: statements.sh path/to/migrations_dump path/to/statement_check CAPTURE}")
check=$(realpath "${2:?usage: statements.sh path/to/migrations_dump path/to/statement_check CAPTURE}")
capture=$(realpath "${3:?usage: statements.sh path/to/migrations_dump path/to/statement_check CAPTURE}")
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/postgres/cluster.sh
. "$here/cluster.sh"
[ -s "$capture" ] || fail "the capture $capture is empty or missing: run the API tests with PILAR_SQL_CAPTURE=$capture first (make api)"
pg_start pilar-pg-statements
pg_apply_migrations "$dump"
# The runner's own table, which it creates before the first migration (and reads and writes).
timeout 60 "$dump" runner "$work/runner.sql" && chmod a+r "$work/runner.sql" || fail "migrations_dump runner failed"
psql -f "$work/runner.sql" || fail "the migration runner's schema_migrations table does not create on PostgreSQL 15"
out=$(timeout 120 "$check" "host=$pgdata user=pilar dbname=postgres" "$capture" "$here/sqlite-only.txt" "$here/portable.txt") || {
  printf '%s\n' "$out"
  fail "statements Pilar prepares do not prepare on PostgreSQL 15, or may return other rows there (above).
Write them portably (docs/ARCHITECTURE.md, \"Writing SQL\"); when a statement is SQLite's only on
purpose, mark it /* sqlite-only: NAME */ and give the reason in tests/postgres/sqlite-only.txt; when
the lint cannot see why it is the same on both, mark it /* portable: RULE-NAME */ and give the reason
in tests/postgres/portable.txt"
}
echo "ok: $out"
# The riskiest of them run on both backends over the same small data (behaviour.txt, behaviour.sql),
# rows compared: statement_compare, built beside statement_check.
compare="$(dirname "$check")/statement_compare"
[ -x "$compare" ] || fail "$compare is missing: build the tests (cmake --build build/asan)"
timeout 60 "$dump" sqlite "$work/behaviour.db" || fail "migrations_dump sqlite failed"
out=$(timeout 60 "$compare" "$work/behaviour.db" "host=$pgdata user=pilar dbname=postgres" "$capture" "$here/behaviour.txt" "$here/behaviour.sql") || {
  printf '%s\n' "$out"
  fail "statements return other rows on PostgreSQL 15 than on SQLite (above). Make them portable
(docs/ARCHITECTURE.md, \"Writing SQL\"), or update tests/postgres/behaviour.txt where a statement changed"
}
echo "ok: $out"
