// One JSON line per request:
//   {"ts":"2026-11-28T07:00:00.123Z","rid":"0-1a","ip":"127.0.0.1","method":"GET",
//    "path":"/api/v1/wilayah/36.71","route":"/api/v1/wilayah/{kode}","status":200,"bytes":71,
//    "ms":0.084,"user":"admin"}
// The query string is never logged (it may carry search terms), and any 16-digit run in the
// path (a NIK or No. KK) is masked. Each I/O thread formats into its own buffer, flushed when
// it fills or every half second, so logging costs no syscall and no contended lock per request
// (the buffer's own mutex is shared only with the half-second flush, which may run on another
// I/O thread when they share one io_context).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/request.hpp"

namespace pilar::http {

class AccessLog {
public:
    explicit AccessLog(std::string target) : m_target(std::move(target)) {}
    ~AccessLog();
    Result<void> open();
    bool enabled() const { return m_fd >= 0; }

    class ThreadBuffer {
    public:
        explicit ThreadBuffer(AccessLog* owner) : m_owner(owner) {}
        ~ThreadBuffer() { flush(); }
        void write(Request const& req, std::string_view route, int status, std::size_t bytes,
                   std::chrono::nanoseconds elapsed);
        void flush();

    private:
        void flush_locked();
        AccessLog* m_owner;
        std::mutex m_mutex;
        std::string m_buf;
        long long m_cached_second = -1;
        std::string m_cached_ts;
    };
    std::unique_ptr<ThreadBuffer> thread_buffer() { return std::make_unique<ThreadBuffer>(this); }

private:
    void write_out(std::string_view data);
    std::string m_target;
    int m_fd = -1;
    bool m_own_fd = false;
    std::mutex m_mutex;
};

// Masks every run of 16 or more digits: "/x/3671011234560001" -> "/x/3671********0001".
std::string mask_digit_runs(std::string_view s);

}  // namespace pilar::http
