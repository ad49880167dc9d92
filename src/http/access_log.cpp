#include "http/access_log.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pilar::http {
namespace {

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(c));
                else
                    out.push_back(c);
        }
    }
    out.push_back('"');
}

}  // namespace

std::string mask_digit_runs(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            out.push_back(s[i++]);
            continue;
        }
        size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        std::string_view run = s.substr(i, j - i);
        if (run.size() >= 16) {
            out.append(run.substr(0, 4));
            out.append(run.size() - 8, '*');
            out.append(run.substr(run.size() - 4));
        } else {
            out.append(run);
        }
        i = j;
    }
    return out;
}

AccessLog::~AccessLog() {
    if (m_own_fd && m_fd >= 0) ::close(m_fd);
}

Result<void> AccessLog::open() {
    if (m_target == "off" || m_target.empty()) return {};
    if (m_target == "-") {
        m_fd = STDOUT_FILENO;
        return {};
    }
    m_fd = ::open(m_target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (m_fd < 0)
        return fail(ErrorCode::Unavailable,
                    {fmt::format("Tidak bisa membuka log akses {}: {}", m_target, std::strerror(errno)),
                     fmt::format("Cannot open access log {}: {}", m_target, std::strerror(errno))});
    m_own_fd = true;
    return {};
}

void AccessLog::write_out(std::string_view data) {
    std::lock_guard lock(m_mutex);
    while (!data.empty()) {
        ssize_t n = ::write(m_fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return;  // a full disk must not take the server down; the metrics still count
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
}

void AccessLog::ThreadBuffer::write(Request const& req, std::string_view route, int status, std::size_t bytes,
                                    std::chrono::nanoseconds elapsed) {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    long long second = ms / 1000;
    if (second != m_cached_second) {
        m_cached_second = second;
        m_cached_ts = fmt::format("{:%Y-%m-%dT%H:%M:%S}", fmt::gmtime(static_cast<std::time_t>(second)));
    }
    auto out = std::back_inserter(m_buf);
    fmt::format_to(out, R"({{"ts":"{}.{:03}Z","rid":)", m_cached_ts, ms % 1000);
    append_json_string(m_buf, req.request_id);
    m_buf += ",\"ip\":";
    append_json_string(m_buf, req.remote_address);
    fmt::format_to(out, R"(,"method":"{}","path":)", method_name(req.method));
    append_json_string(m_buf, mask_digit_runs(req.path));
    m_buf += ",\"route\":";
    append_json_string(m_buf, route);
    fmt::format_to(out, R"(,"status":{},"bytes":{},"ms":{:.3f},"user":)", status, bytes,
                   std::chrono::duration<double, std::milli>(elapsed).count());
    append_json_string(m_buf, req.log_user);
    m_buf += "}\n";
    if (m_buf.size() >= 64 * 1024) flush();
}

void AccessLog::ThreadBuffer::flush() {
    if (m_buf.empty()) return;
    m_owner->write_out(m_buf);
    m_buf.clear();
}

}  // namespace pilar::http
