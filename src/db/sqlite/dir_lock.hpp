// The lock that keeps `pilar restore` and every other process on a data directory apart: restore
// holds it exclusively for its whole run, every process that opens the directory's database
// (`pilar serve`, imports, any console command) holds it shared for as long as it lives, so several
// servers may share one directory but none opens it while a restore is replacing the database,
// and a restore never starts while anyone has it open (docs/operations.md, "Backup and restore").
//
//   auto held = PILAR_TRY(DirLock::try_acquire("/srv/pilar-data", DirLockMode::Shared));
//   if (!held) ...;   // a restore holds it: refuse
//
// flock(2) on `<dir>/pilar.lock` (an empty file, mode 0600, never removed): the kernel releases it
// when the process ends however it ends (kill -9 leaves no stale lock), and it is per open file,
// so it is independent of SQLite's own fcntl locks on the database files. Hand-written because
// boost::interprocess::file_lock (the one library lock here) uses fcntl record locks, which a
// process loses when it closes *any* descriptor of the file, and which are per process: the
// process that holds the lock exclusively could not be told apart from one holding it shared.
// Local file systems only: over NFS flock is emulated with byte-range locks by the client and SQLite's
// WAL mode needs shared memory on one host anyway; a data dir on NFS is not supported.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"

namespace pilar::db::sqlite {

enum class DirLockMode { Shared, Exclusive };

class DirLock {
public:
    static constexpr char const* kFileName = "pilar.lock";

    // Creates `<dir>/pilar.lock` when missing (mode 0600; as root, owned by the directory's owner,
    // as SQLite does with its -wal and -shm, so the service account can still open it) and takes
    // the lock without waiting: nullopt when another process holds it in a conflicting mode. The
    // directory must exist.
    static Result<std::optional<DirLock>> try_acquire(std::string const& dir, DirLockMode mode);

    DirLock(DirLock&& other) noexcept;
    DirLock& operator=(DirLock&& other) noexcept;
    DirLock(DirLock const&) = delete;
    DirLock& operator=(DirLock const&) = delete;
    ~DirLock();  // closing the descriptor releases the lock

    DirLockMode mode() const { return m_mode; }
    // Shared -> exclusive on the same open file without waiting. False when another process holds
    // it shared; the kernel does not convert atomically, so after a false this holds nothing and
    // the caller should give up (and exit).
    Result<bool> try_upgrade();

private:
    DirLock(int fd, DirLockMode mode, std::string path) : m_fd(fd), m_mode(mode), m_path(std::move(path)) {}
    int m_fd = -1;
    DirLockMode m_mode = DirLockMode::Shared;
    std::string m_path;
};

}  // namespace pilar::db::sqlite
