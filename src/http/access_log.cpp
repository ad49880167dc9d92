#include "http/access_log.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace pilar::http {
namespace {

// Appends `s` as a JSON string. Runs of ordinary characters are copied in one go: this runs for
// every request, several times.
void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
        out.append(s.data() + start, i - start);
        start = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                char esc[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
                out.append(esc, 6);
            }
        }
    }
    out.append(s.data() + start, s.size() - start);
    out.push_back('"');
}

void append_uint(std::string& out, unsigned long long v) {
    char buf[24];
    auto [end, _] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

bool has_long_digit_run(std::string_view s) {
    int run = 0;
    for (char c : s) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        if (run >= 16) return true;
    }
    return false;
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
    // Formatted by hand rather than with fmt: this runs once per request and the format-string
    // machinery was a tenth of the cost of serving /healthz.
    std::lock_guard lock(m_mutex);
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    long long second = ms / 1000;
    if (second != m_cached_second) {
        m_cached_second = second;
        m_cached_ts = fmt::format("{:%Y-%m-%dT%H:%M:%S}", fmt::gmtime(static_cast<std::time_t>(second)));
    }
    m_buf += "{\"ts\":\"";
    m_buf += m_cached_ts;
    char frac[6] = {'.', static_cast<char>('0' + ms % 1000 / 100), static_cast<char>('0' + ms % 100 / 10),
                    static_cast<char>('0' + ms % 10), 'Z', '"'};
    m_buf.append(frac, 6);
    m_buf += ",\"rid\":";
    append_json_string(m_buf, req.request_id);
    m_buf += ",\"ip\":";
    append_json_string(m_buf, req.remote_address);
    m_buf += ",\"method\":\"";
    m_buf += method_name(req.method);
    m_buf += "\",\"path\":";
    if (has_long_digit_run(req.path))
        append_json_string(m_buf, mask_digit_runs(req.path));
    else
        append_json_string(m_buf, req.path);
    m_buf += ",\"route\":";
    append_json_string(m_buf, route);
    m_buf += ",\"status\":";
    append_uint(m_buf, static_cast<unsigned>(status));
    m_buf += ",\"bytes\":";
    append_uint(m_buf, bytes);
    // Milliseconds with three decimals, from whole microseconds.
    auto us = static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
    m_buf += ",\"ms\":";
    append_uint(m_buf, us / 1000);
    char dec[4] = {'.', static_cast<char>('0' + us % 1000 / 100), static_cast<char>('0' + us % 100 / 10),
                   static_cast<char>('0' + us % 10)};
    m_buf.append(dec, 4);
    m_buf += ",\"user\":";
    append_json_string(m_buf, req.log_user);
    m_buf += "}\n";
    if (m_buf.size() >= 64 * 1024) flush_locked();
}

void AccessLog::ThreadBuffer::flush() {
    std::lock_guard lock(m_mutex);
    flush_locked();
}

void AccessLog::ThreadBuffer::flush_locked() {
    if (m_buf.empty()) return;
    m_owner->write_out(m_buf);
    m_buf.clear();
}

}  // namespace pilar::http
