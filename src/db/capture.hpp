// PILAR_SQL_CAPTURE=FILE: every distinct SQL text the process prepares is appended to FILE, one
// statement a line (a backslash written `\\`, a line break `\n`), so that the statements the
// stores really run can be checked on PostgreSQL (tests/postgres/statements.sh, `make api`).
// Several processes may append to one file (each line is one write() to a file opened with
// O_APPEND); the file is deduplicated by its reader. Off by default: a backend calls
// `capture_sql` only when it prepares a statement it has not cached, and then it costs one test
// of a flag read once from the environment.
//
//   if (capture_enabled()) capture_sql(sql);
#pragma once

#include <string_view>

namespace pilar::db {

bool capture_enabled();
// Appends `sql` to the capture file unless this process wrote it already. Errors are ignored:
// capturing is a test aid, never a reason for a statement to fail.
void capture_sql(std::string_view sql);

}  // namespace pilar::db
