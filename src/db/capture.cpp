#include "db/capture.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_set>

namespace pilar::db {
namespace {

struct Capture {
    int fd = -1;
    std::mutex mutex;
    std::unordered_set<std::string> seen;

    Capture() {
        char const* file = std::getenv("PILAR_SQL_CAPTURE");
        if (file && *file) fd = ::open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
};

Capture& capture() {
    static Capture c;
    return c;
}

}  // namespace

bool capture_enabled() {
    static bool const enabled = capture().fd >= 0;
    return enabled;
}

void capture_sql(std::string_view sql) {
    Capture& c = capture();
    if (c.fd < 0) return;
    std::lock_guard lock(c.mutex);
    if (!c.seen.emplace(sql).second) return;
    std::string line;
    line.reserve(sql.size() + 8);
    for (char ch : sql) {
        if (ch == '\\')
            line += "\\\\";
        else if (ch == '\n')
            line += "\\n";
        else
            line += ch;
    }
    line += '\n';
    // One write: lines of concurrent processes do not interleave within a line (O_APPEND).
    (void)!::write(c.fd, line.data(), line.size());
}

}  // namespace pilar::db
