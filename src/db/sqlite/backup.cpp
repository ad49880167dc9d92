#include "db/sqlite/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace pilar::db::sqlite {
namespace {

Error io_error(std::string_view what_id, std::string_view what_en, std::string const& path, int err) {
    return Error(ErrorCode::Unavailable, {fmt::format("{} {}: {}", what_id, path, std::strerror(err)),
                                          fmt::format("{} {}: {}", what_en, path, std::strerror(err))});
}

// A raw connection, closed on every path out.
struct Handle {
    sqlite3* db = nullptr;
    ~Handle() { sqlite3_close_v2(db); }
    std::string message() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

Result<void> open_raw(Handle& h, std::string const& path, int flags) {
    int rc = sqlite3_open_v2(path.c_str(), &h.db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return fail(ErrorCode::Unavailable, {fmt::format("Tidak bisa membuka {}: {}", path, h.message()),
                                             fmt::format("Cannot open {}: {}", path, h.message())});
    sqlite3_extended_result_codes(h.db, 1);
    sqlite3_busy_timeout(h.db, 5000);
    return {};
}

// Fails before the copy rather than at ENOSPC gigabytes into it (leaving the disk full for the
// server meanwhile): the copy needs the source's size, pages in use and free, on dest's file system.
Result<void> check_space_for_copy(Handle& src, std::string const& source, std::string const& dest) {
    std::int64_t pages = 0, page_size = 0;
    for (auto [sql, out] : {std::pair{"PRAGMA page_count", &pages}, std::pair{"PRAGMA page_size", &page_size}}) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(src.db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            *out = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    auto const dir = std::filesystem::path(dest).parent_path();
    struct statvfs fs {};
    if (::statvfs(dir.empty() ? "." : dir.c_str(), &fs) != 0) return {};  // unknown: let the copy try
    double const need = static_cast<double>(pages) * static_cast<double>(page_size);
    double const have = static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
    if (have >= need) return {};
    constexpr double kMiB = 1024.0 * 1024.0;
    std::string const where = dir.empty() ? std::string(".") : dir.string();
    return fail(ErrorCode::ResourceExhausted,
                {fmt::format("Ruang kosong di {} hanya {:.1f} MiB, salinan {} perlu {:.1f} MiB; tidak ada yang diubah",
                             where, have / kMiB, source, need / kMiB),
                 fmt::format("Only {:.1f} MiB free in {}; the copy of {} needs {:.1f} MiB; nothing was changed",
                             have / kMiB, where, source, need / kMiB)});
}

Result<void> exec(Handle& h, std::string const& path, char const* sql) {
    if (sqlite3_exec(h.db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(ErrorCode::Unavailable, {fmt::format("{}: {} gagal: {}", path, sql, h.message()),
                                             fmt::format("{}: {} failed: {}", path, sql, h.message())});
    return {};
}

}  // namespace

// The online backup API rather than VACUUM INTO, and all of it in one sqlite3_backup_step(-1):
// - consistency: one step is one read transaction on the source, so the copy is one snapshot
//   however the server writes meanwhile. Stepping N pages at a time would let the server's
//   writes in between, and every write by another process restarts the copy from the first
//   page: on a busy server a multi-GB copy might never finish.
// - the server's writers: in WAL mode a reader never blocks them (and VACUUM INTO is a reader
//   too); the one cost is that checkpoints cannot pass the snapshot, so the WAL grows by what is
//   written during the copy and is reset by the first checkpoint after it (bench/RESULTS.md,
//   "Platform: backup").
// - time and size: the backup API copies pages as they are (I/O, little CPU); VACUUM INTO
//   re-encodes every B-tree into new pages: on the 2-million-person database about twice the CPU
//   (2.1 s against 1.0 s; 2.5 s against 1.6 s wall) for a file 2 % smaller (the free pages;
//   Pilar rarely deletes) (bench/RESULTS.md, "Platform: backup").
Result<void> copy_database(std::string const& source, std::string const& dest) {
    Handle src, dst;
    // Read-write like every other Pilar connection: a read-only one could not recover a hot WAL
    // or build a missing -shm.
    PILAR_TRY(open_raw(src, source, SQLITE_OPEN_READWRITE));
    PILAR_TRY(check_space_for_copy(src, source, dest));
    PILAR_TRY(open_raw(dst, dest, SQLITE_OPEN_READWRITE));
    // The destination is a temporary file thrown away on any failure: no journal needed while
    // writing it; it is fsynced as a whole below.
    PILAR_TRY(exec(dst, dest, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF"));
    sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b)
        return fail(ErrorCode::Unavailable, {fmt::format("Salin {} ke {} gagal: {}", source, dest, dst.message()),
                                             fmt::format("Copying {} to {} failed: {}", source, dest, dst.message())});
    int rc = sqlite3_backup_step(b, -1);
    // A writer holding the lock for longer than the busy timeout is the only way to get BUSY
    // here (a WAL reader waits only for a checkpoint's brief exclusive moments).
    int const finish = sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE) rc = finish;
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        std::string why = sqlite3_errstr(rc);
        return fail(ErrorCode::Unavailable, {fmt::format("Salin {} ke {} gagal: {}", source, dest, why),
                                             fmt::format("Copying {} to {} failed: {}", source, dest, why)});
    }
    // The copied header says WAL (bytes 18-19 of page 1, from the source); DELETE rewrites it so
    // the file stands alone.
    PILAR_TRY(exec(dst, dest, "PRAGMA journal_mode=DELETE"));
    return fsync_path(dest);
}

Result<void> check_integrity(std::string const& path, IntegrityCheck check) {
    Handle h;
    // mode=ro: nothing is created or changed beside a file we are only asked to judge.
    std::string uri = "file:" + path + "?mode=ro";
    if (path.find_first_of("?#%") != std::string::npos) uri = path;  // not URI-safe: plain read-only open
    PILAR_TRY(open_raw(h, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI));
    auto bad = [&path](std::string const& why) {
        return Error(ErrorCode::InvalidArgument,
                     {fmt::format("{}: bukan basis data SQLite yang utuh: {}", path, why),
                      fmt::format("{}: not an intact SQLite database: {}", path, why)});
    };
    sqlite3_stmt* st = nullptr;
    char const* sql = check == IntegrityCheck::Full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)";
    if (sqlite3_prepare_v2(h.db, sql, -1, &st, nullptr) != SQLITE_OK) return fail(bad(h.message()));
    std::string first;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) first = reinterpret_cast<char const*>(sqlite3_column_text(st, 0));
    std::string const err = h.message();
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return fail(bad(err));
    if (first != "ok") return fail(bad(first));
    return {};
}

Result<bool> in_use_by_other_process(std::string const& path) {
    std::string const shm = path + "-shm";
    int fd = ::open(shm.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return false;
        return fail(io_error("Tidak bisa membuka", "Cannot open", shm, errno));
    }
    // SQLite's unix VFS: the shm locks start at byte 120, the DMS lock is the 9th (120 + 8).
    constexpr off_t kDmsByte = 128;
    struct flock lk {};
    lk.l_type = F_WRLCK;
    lk.l_whence = SEEK_SET;
    lk.l_start = kDmsByte;
    lk.l_len = 1;
    bool busy = false;
    if (::fcntl(fd, F_SETLK, &lk) != 0) {
        if (errno != EACCES && errno != EAGAIN) {
            int const e = errno;
            ::close(fd);
            return fail(io_error("Tidak bisa memeriksa kunci", "Cannot check the lock of", shm, e));
        }
        busy = true;
    } else {
        lk.l_type = F_UNLCK;
        (void)::fcntl(fd, F_SETLK, &lk);
    }
    ::close(fd);
    return busy;
}

bool checkpoint_for_move(std::string const& path) {
    Handle h;
    if (!open_raw(h, path, SQLITE_OPEN_READWRITE)) return false;
    // A connection finds the database in WAL mode (and opens the WAL, recovering it after a
    // kill -9) only when it first reads it; before that a checkpoint is a no-op that reports
    // success (log = done = -1).
    if (sqlite3_exec(h.db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
    int log = -1, done = -1;
    if (sqlite3_wal_checkpoint_v2(h.db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done) != SQLITE_OK) return false;
    return log >= 0 && log == done;
}

Result<std::string> make_temp_beside(std::string const& path) {
    std::string name = path + ".tmp-XXXXXX";
    std::vector<char> buf(name.begin(), name.end());
    buf.push_back('\0');
    int fd = ::mkostemp(buf.data(), O_CLOEXEC);  // mode 0600
    if (fd < 0) return fail(io_error("Tidak bisa membuat berkas sementara untuk", "Cannot create a temporary file for",
                                     path, errno));
    ::close(fd);
    return std::string(buf.data());
}

Result<void> fsync_path(std::string const& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(io_error("Tidak bisa membuka", "Cannot open", path, errno));
    int const rc = ::fsync(fd);
    int const e = errno;
    ::close(fd);
    if (rc != 0) return fail(io_error("fsync gagal untuk", "fsync failed for", path, e));
    return {};
}

Result<void> publish(std::string const& tmp, std::string const& path, Replace replace) {
    PILAR_TRY(fsync_path(tmp));
    int const rc = replace == Replace::Yes ? ::rename(tmp.c_str(), path.c_str())
                                           : ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    if (rc != 0) {
        if (errno == EEXIST)
            return fail(ErrorCode::AlreadyExists, {fmt::format("{} sudah ada", path), fmt::format("{} already exists", path)});
        return fail(io_error("Tidak bisa menamai ulang ke", "Cannot rename to", path, errno));
    }
    auto dir = std::filesystem::path(path).parent_path();
    return fsync_path(dir.empty() ? std::string(".") : dir.string());
}

}  // namespace pilar::db::sqlite
