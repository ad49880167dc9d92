#include "db/sqlite/dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fmt/format.h>

namespace pilar::db::sqlite {
namespace {

Error lock_error(std::string_view what_id, std::string_view what_en, std::string const& path, int err) {
    return Error(ErrorCode::Unavailable, {fmt::format("{} {}: {}", what_id, path, std::strerror(err)),
                                          fmt::format("{} {}: {}", what_en, path, std::strerror(err))});
}

// flock without waiting: true when taken, false when another open file holds a conflicting lock.
Result<bool> try_flock(int fd, DirLockMode mode, std::string const& path) {
    int const op = (mode == DirLockMode::Exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
    while (::flock(fd, op) != 0) {
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK) return false;
        return fail(lock_error("Tidak bisa mengunci", "Cannot lock", path, errno));
    }
    return true;
}

}  // namespace

Result<std::optional<DirLock>> DirLock::try_acquire(std::string const& dir, DirLockMode mode) {
    std::string const path = (std::filesystem::path(dir) / kFileName).string();
    // O_NOFOLLOW: a link planted in the data dir does not get us to create or lock another file.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && (errno == EACCES || errno == EROFS))
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);  // flock needs no write access
    if (fd < 0) return fail(lock_error("Tidak bisa membuka berkas kunci", "Cannot open the lock file", path, errno));
    DirLock lock(fd, mode, path);
    if (::geteuid() == 0) {
        // root running a console command must not leave a lock file the service account cannot open.
        struct stat file {}, folder {};
        if (::fstat(fd, &file) == 0 && file.st_uid == 0 && ::stat(dir.c_str(), &folder) == 0 && folder.st_uid != 0)
            (void)::fchown(fd, folder.st_uid, folder.st_gid);
    }
    if (!PILAR_TRY(try_flock(fd, mode, path))) return std::nullopt;
    return std::optional<DirLock>(std::move(lock));
}

Result<bool> DirLock::try_upgrade() {
    if (m_mode == DirLockMode::Exclusive) return true;
    if (!PILAR_TRY(try_flock(m_fd, DirLockMode::Exclusive, m_path))) return false;
    m_mode = DirLockMode::Exclusive;
    return true;
}

DirLock::DirLock(DirLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_mode(other.m_mode), m_path(std::move(other.m_path)) {}

DirLock& DirLock::operator=(DirLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_mode = other.m_mode;
        m_path = std::move(other.m_path);
    }
    return *this;
}

DirLock::~DirLock() {
    if (m_fd >= 0) ::close(m_fd);
}

}  // namespace pilar::db::sqlite
