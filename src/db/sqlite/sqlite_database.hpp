// SQLite backend of the Database interface: the embedded default, one file in the data dir.
//
// Every connection is opened with:
//   page_size=16384      for a database it creates (SQLite's default is 4096); an existing
//                        database keeps the page size it has;
//   journal_mode=WAL     readers never block the writer and vice versa;
//   synchronous=FULL     each COMMIT fsyncs the WAL before it returns. Pilar only answers a
//                        write with 2xx after COMMIT returned, so an acknowledged write is on
//                        disk: it survives kill -9 (which NORMAL would also give: the WAL is in
//                        the OS page cache) *and* a power cut or kernel crash (which NORMAL would
//                        not: in WAL mode NORMAL may lose the last transactions). The cost is one
//                        fsync per transaction; bulk paths batch rows into one transaction.
//   foreign_keys=ON      referential integrity is enforced, not hoped for;
//   busy_timeout         a second writer waits instead of failing at once;
//   mmap_size            pages are read through a memory map, not a pread() each;
// with OpenOptions::hold_read_mark (the server) one more connection holds a read transaction
// through quiet intervals, so reads share its WAL read-mark lock (ReadMarkHolder in the .cpp);
// and tables are declared STRICT in the migrations so a type mistake is an error, not a
// silent coercion.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace pilar::db::sqlite {

Result<std::unique_ptr<Database>> open(std::string path, OpenOptions const& options);

}  // namespace pilar::db::sqlite
