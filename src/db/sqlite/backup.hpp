// Whole-file operations on a SQLite database, for `pilar backup` and `pilar restore`
// (src/cli/backup_command.cpp): an online copy of a live database, its integrity check, whether
// another process has a database open, and putting a finished file in place atomically.
//
//   auto tmp = PILAR_TRY(make_temp_beside("/backup/pilar-2026-11-29.db"));   // mode 0600
//   PILAR_TRY(copy_database("/srv/pilar-data/pilar.db", tmp));                 // one snapshot
//   PILAR_TRY(check_integrity(tmp, IntegrityCheck::Quick));
//   PILAR_TRY(publish(tmp, "/backup/pilar-2026-11-29.db", Replace::No));       // rename + fsync dir
//
// Every error is bilingual and names the file it is about.
#pragma once

#include <string>

#include "core/error.hpp"

namespace pilar::db::sqlite {

// Copies the database at `source` (a live WAL database: its committed WAL frames are included)
// into the new, empty file `dest`, fsyncs it, and leaves it in rollback-journal mode (DELETE),
// so the copy is one self-contained file: opening it creates no -wal/-shm beside it, and a
// server that opens it later switches it to WAL itself. The copy is one read transaction on the
// source (a consistent snapshot); in WAL mode that never blocks the source's writers. Refused
// (ResourceExhausted) before anything is written when dest's file system has less room than the
// source's size.
Result<void> copy_database(std::string const& source, std::string const& dest);

enum class IntegrityCheck {
    Quick,  // PRAGMA quick_check: every page and B-tree well-formed; skips index-vs-table matching
    Full,   // PRAGMA integrity_check: also every index entry against its row
};
// Opens `path` read-only (creating nothing beside it) and runs the check. An error names the file
// and SQLite's first complaint ("file is not a database", "database disk image is malformed",
// the first line integrity_check printed).
Result<void> check_integrity(std::string const& path, IntegrityCheck check);

// True when another process has the database at `path` open (a server, an import, the sqlite3
// shell): SQLite's unix VFS holds a shared lock on the DMS byte of the -shm file for as long as
// a connection has a WAL database open (https://sqlite.org/walformat.html, "the DMS lock"); we
// try a write lock on that byte and give it back at once. No -shm file: nobody has it open in
// WAL mode. Call this before this process opens the database itself: POSIX record locks are per
// process, so our own connections would not be seen.
Result<bool> in_use_by_other_process(std::string const& path);

// Before moving a database aside: copies its WAL's committed frames into the database file and
// empties the WAL (PRAGMA wal_checkpoint(TRUNCATE)), so the file alone is the whole database.
// False when SQLite could not (the file is damaged, or someone else holds it): the caller then
// moves the -wal file along with the database. Either way a caller never deletes a non-empty
// -wal: after a successful TRUNCATE checkpoint it is empty (or gone, removed by the close).
bool checkpoint_for_move(std::string const& path);

// A new empty file "<path>.tmp-XXXXXX" in the same directory (so the final rename stays on one
// file system), mode 0600; returns its name. A process killed before publish() leaves only this
// name behind, never `path`.
Result<std::string> make_temp_beside(std::string const& path);

// fsyncs `tmp`, renames it to `path` and fsyncs the directory, so after a crash `path` is either
// absent (or its old content, with Replace::Yes) or the whole new file. Replace::No refuses an
// existing `path` even if it appeared meanwhile (renameat2 RENAME_NOREPLACE).
enum class Replace { No, Yes };
Result<void> publish(std::string const& tmp, std::string const& path, Replace replace);

// fsync of a file or a directory by name.
Result<void> fsync_path(std::string const& path);

}  // namespace pilar::db::sqlite
