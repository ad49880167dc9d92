#include "core/background.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace pilar {

void lower_this_thread_priority(int nice) {
    static thread_local bool done = false;
    if (done) return;
    done = true;
    // Relative to the thread's own nice value (a server started with `nice -n 10` keeps its
    // background below its I/O threads); best effort: a failure leaves it where it was.
    auto const tid = static_cast<id_t>(::gettid());
    errno = 0;
    int const now = ::getpriority(PRIO_PROCESS, tid);
    if (now == -1 && errno != 0) return;
    (void)::setpriority(PRIO_PROCESS, tid, std::min(19, now + nice));
}

}  // namespace pilar
