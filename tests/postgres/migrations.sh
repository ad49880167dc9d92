#!/usr/bin/env bash
# The schema stays portable to PostgreSQL 15 (ctest `postgres_migrations`, part of `make test`):
#   tests/postgres/migrations.sh path/to/migrations_dump
# A throw-away cluster (cluster.sh: initdb under a temp dir, a unix socket in that dir, always stopped
# and removed) gets the postgres migration set exactly as the binary embeds it and the runner applies
# it (migrations_dump). Then it checks, against an SQLite database made by the real runner:
#   1. every migration applies, each in one transaction (a failure names the migration, the line
#      and the statement);
#   2. the same tables and views with the same columns (type family, NOT NULL, primary key and
#      whether the database numbers it), the same explicit and unique indexes, foreign keys and
#      triggers;
#   3. every trigger does the same on both: triggers.sql writes rows that fire each of them (a
#      trigger it never fires fails the test: PostgreSQL counts its function's calls) and the rows
#      they maintain (and the dashboard's recount views) are compared after every step.
# Type families: SQLite INTEGER = PostgreSQL bigint (integer), TEXT = text, REAL = double
# precision (real), BLOB = bytea (blob); an `id INTEGER PRIMARY KEY` (rowid alias) = an identity
# column (src/db/dialect.hpp). PostgreSQL 15 is a declared dependency (scripts/bootstrap): a
# cluster that cannot start fails the test with the reason, it is never skipped.
set -euo pipefail
dump=$(realpath "${1:?usage: migrations.sh path/to/migrations_dump}")
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/postgres/cluster.sh
. "$here/cluster.sh"
pg_start pilar-pg-migrations
sqlite() { timeout 60 sqlite3 -batch -bail -noheader -list -separator '|' "$@"; }

# 1. The postgres set as the runner applies it, one transaction per migration.
timeout 60 "$dump" sqlite "$work/sqlite.db" || fail "migrations_dump sqlite failed"
pg_apply_migrations "$dump"
expected=$(sqlite "$work/sqlite.db" "SELECT count(*) FROM schema_migrations")
[ "$count" -eq "$expected" ] || fail "PostgreSQL got $count migrations, SQLite $expected"

# 2. The same schema. Each listing is one line per fact, sorted bytewise.
# shellcheck disable=SC2016
sqlite_schema=$(sqlite "$work/sqlite.db" <<'SQL'
SELECT 'column ' || m.name || '.' || p.name || ' ' ||
       CASE WHEN m.type = 'view' THEN 'view'
            ELSE CASE upper(p.type) WHEN 'INTEGER' THEN 'integer' WHEN 'TEXT' THEN 'text' WHEN 'REAL' THEN 'real'
                                    WHEN 'BLOB' THEN 'blob' ELSE 'other:' || p.type END ||
                 CASE WHEN p."notnull" OR p.pk > 0 THEN ' not-null' ELSE '' END ||
                 CASE WHEN p.pk > 0 THEN ' pk' || p.pk ELSE '' END ||
                 CASE WHEN p.pk = 1 AND p.name = 'id' AND upper(p.type) = 'INTEGER' AND m.sql NOT LIKE '%WITHOUT ROWID%'
                           AND (SELECT count(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1
                      THEN ' numbered' ELSE '' END END
  FROM sqlite_master m, pragma_table_info(m.name) p
 WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
UNION ALL
SELECT CASE WHEN l.origin = 'c' THEN 'index ' || l.name || ' on ' ELSE 'unique-constraint on ' END ||
       m.name || ' (' || (SELECT group_concat(name, ', ') FROM (SELECT i.name FROM pragma_index_info(l.name) i ORDER BY i.seqno)) || ')' ||
       CASE WHEN l."unique" THEN ' unique' ELSE '' END || CASE WHEN l.partial THEN ' partial' ELSE '' END
  FROM sqlite_master m, pragma_index_list(m.name) l
 WHERE m.type = 'table' AND m.name <> 'schema_migrations' AND l.origin IN ('c', 'u')
UNION ALL
SELECT 'foreign-key ' || m.name || ' (' || group_concat(f."from", ', ') || ') -> ' || f."table" || ' (' ||
       group_concat(f."to", ', ') || ')'
  FROM sqlite_master m, pragma_foreign_key_list(m.name) f
 WHERE m.type = 'table'
 GROUP BY m.name, f.id
UNION ALL
SELECT 'trigger ' || tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger';
SQL
)
pg_schema=$(psql -At <<'SQL'
SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' ||
       CASE WHEN t.table_type = 'VIEW' THEN 'view'
            ELSE CASE c.data_type WHEN 'bigint' THEN 'integer' WHEN 'text' THEN 'text' WHEN 'double precision' THEN 'real'
                                  WHEN 'bytea' THEN 'blob' ELSE 'other:' || c.data_type END ||
                 CASE WHEN c.is_nullable = 'NO' THEN ' not-null' ELSE '' END ||
                 COALESCE((SELECT ' pk' || array_position(k.conkey, c.ordinal_position::smallint)
                             FROM pg_constraint k
                            WHERE k.conrelid = (quote_ident(c.table_name))::regclass AND k.contype = 'p'
                              AND c.ordinal_position::smallint = ANY (k.conkey)), '') ||
                 CASE WHEN c.is_identity = 'YES' THEN ' numbered' ELSE '' END END
  FROM information_schema.columns c
  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
 WHERE c.table_schema = 'public'
UNION ALL
SELECT CASE WHEN k.oid IS NULL THEN 'index ' || ic.relname || ' on ' ELSE 'unique-constraint on ' END ||
       tc.relname || ' (' ||
       (SELECT string_agg(a.attname, ', ' ORDER BY n.ord)
          FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS n(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = n.attnum) || ')' ||
       CASE WHEN x.indisunique THEN ' unique' ELSE '' END || CASE WHEN x.indpred IS NOT NULL THEN ' partial' ELSE '' END
  FROM pg_index x
  JOIN pg_class ic ON ic.oid = x.indexrelid
  JOIN pg_class tc ON tc.oid = x.indrelid
  JOIN pg_namespace ns ON ns.oid = tc.relnamespace AND ns.nspname = 'public'
  LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u')
 WHERE k.contype IS DISTINCT FROM 'p'
UNION ALL
SELECT 'foreign-key ' || k.conrelid::regclass || ' (' ||
       (SELECT string_agg(a.attname, ', ' ORDER BY n.ord) FROM unnest(k.conkey) WITH ORDINALITY AS n(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n.attnum) || ') -> ' || k.confrelid::regclass || ' (' ||
       (SELECT string_agg(a.attname, ', ' ORDER BY n.ord) FROM unnest(k.confkey) WITH ORDINALITY AS n(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = n.attnum) || ')'
  FROM pg_constraint k WHERE k.contype = 'f'
UNION ALL
SELECT 'trigger ' || c.relname || '.' || t.tgname
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE NOT t.tgisinternal;
SQL
)
if ! difference=$(diff <(LC_ALL=C sort <<<"$sqlite_schema") <(LC_ALL=C sort <<<"$pg_schema")); then
  fail "the schema on PostgreSQL differs from SQLite's (< SQLite, > PostgreSQL):
$difference"
fi

# 3. Every trigger does the same on both. triggers.sql is plain SQL both take, but for a blob
# literal (@BLOB@); its `SELECT '== ...'` lines mark the steps, after each of which the state of
# every row a trigger maintains is printed.
state="SELECT r FROM trigger_state ORDER BY r;"
script=$(sed -e "s/^-- state\$/$state/" "$here/triggers.sql")
blob_sqlite="X'FF'"
blob_pg="'\\xff'::bytea"
sqlite_out=$(sqlite "$work/sqlite.db" 2>&1 <<<"PRAGMA foreign_keys = ON;
${script//@BLOB@/$blob_sqlite}") || fail "triggers.sql failed on SQLite: $sqlite_out"
# After the script, in the same session (its statistics flushed when it goes idle), the triggers
# whose function was never called.
unfired="SELECT pg_stat_force_next_flush();
SELECT 'unfired ' || c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  LEFT JOIN pg_stat_user_functions s ON s.funcid = t.tgfoid
 WHERE NOT t.tgisinternal AND COALESCE(s.calls, 0) = 0 ORDER BY 1;"
pg_out=$(psql -At 2>&1 <<<"${script//@BLOB@/$blob_pg}
$unfired") || fail "triggers.sql failed on PostgreSQL: $pg_out"
if grep -q '^unfired ' <<<"$pg_out"; then
  fail "tests/postgres/triggers.sql never fires these triggers; add a step that does:
$(grep '^unfired ' <<<"$pg_out" | sed 's/^unfired /  /')"
fi
pg_out=$(grep -v '^$' <<<"$pg_out")
by_step() { awk '/^== / { step = substr($0, 4); next } { print "after \"" step "\": " $0 }'; }
if ! difference=$(diff <(by_step <<<"$sqlite_out") <(by_step <<<"$pg_out")); then
  fail "a trigger does not do on PostgreSQL what it does on SQLite (< SQLite, > PostgreSQL):
$difference"
fi
steps=$(grep -c '^==' <<<"$sqlite_out")
echo "ok: $count migrations apply on PostgreSQL 15; schema and triggers agree with SQLite ($steps trigger steps compared)"
