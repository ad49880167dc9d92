# A throw-away PostgreSQL 15 cluster with Pilar's schema, for the tests in this folder (sourced,
# not run: migrations.sh, statements.sh).
#
#   . "$here/cluster.sh"
#   pg_start pilar-pg-NAME          # $work (a temp dir), $pgdata; stopped and removed at exit
#   pg_apply_migrations "$dump"     # migrations_dump's postgres set, one transaction each; $count
#   psql -At -c 'SELECT 1'          # a session on it as user pilar, database postgres
#
# initdb runs as `nobody` when we are root (initdb refuses root); the server listens on a unix
# socket in $pgdata only, no TCP; every phase runs under `timeout`. PostgreSQL 15 is a declared
# dependency (scripts/bootstrap): a cluster that cannot start fails the test with the reason, it is
# never skipped.
pgbin=/usr/lib/postgresql/15/bin
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u nobody --); fi

fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

pg_cleanup() {
  if [ -f "$pgdata/postmaster.pid" ]; then
    timeout 30 "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}

psql() { timeout 60 "${as_pg[@]}" /usr/bin/psql -X -h "$pgdata" -U pilar -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

# pg_start NAME: initdb and start a cluster under a fresh /tmp/NAME-XXXXXX ($work).
pg_start() {
  work=$(mktemp -d "/tmp/${1:?pg_start NAME}-XXXXXX")
  chmod 755 "$work"
  pgdata="$work/pg"
  trap pg_cleanup EXIT
  [ -x "$pgbin/initdb" ] || fail "PostgreSQL 15 is not installed ($pgbin/initdb missing): run scripts/bootstrap"
  mkdir -p "$pgdata"
  if [ "$(id -u)" -eq 0 ]; then chown nobody "$pgdata"; fi
  # C locale: the cluster's own order; the schema's text columns are COLLATE "C" anyway.
  timeout 60 "${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -A trust -U pilar --no-sync -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
    || fail "initdb of the throw-away PostgreSQL 15 cluster failed: $(tail -n 5 "$work/initdb.log")"
  timeout 60 "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 50 \
    -o "-k $pgdata -c listen_addresses='' -c fsync=off -c full_page_writes=off -c track_functions=pl" start >/dev/null 2>&1 \
    || fail "the throw-away PostgreSQL 15 cluster did not start: $(tail -n 5 "$pgdata/server.log" 2>/dev/null)"
}

# pg_apply_migrations DUMP: the postgres set exactly as the runner applies it (migrations_dump
# writes it), one transaction per migration; $count is how many were applied.
pg_apply_migrations() {
  local dump=$1 apply="$work/apply.sql" out name f
  timeout 60 "$dump" postgres "$work/postgres" || fail "migrations_dump postgres failed"
  chmod -R a+rX "$work/postgres"
  # One session (a psql start per file cost more than the migrations): each file in its own
  # transaction, as the runner does; psql names the file and line of an error.
  count=0
  for f in "$work"/postgres/*.sql; do
    printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$f" >>"$apply"
    count=$((count + 1))
  done
  chmod a+r "$apply"
  if ! out=$(psql --echo-errors -v VERBOSITY=default -f "$apply" 2>&1); then
    name=$(grep -o -m1 '[0-9]\{4\}_[a-z0-9_]*\.sql:[0-9]*: ERROR' <<<"$out" | sed 's/\.sql:.*//' || true)
    fail "migration ${name:-?} does not apply on PostgreSQL 15 (the text is the embedded migration through
db::postgres_sql, or migrations/postgres/${name:-NNNN_name}.sql where it exists; a failing trigger or
statement needs a PL/pgSQL variant there). PostgreSQL said:
$out"
  fi
}
