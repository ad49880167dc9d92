#include "core/background.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>

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

void name_this_thread(char const* name) {
    char buf[16] = {};
    for (std::size_t i = 0; i < sizeof buf - 1 && name[i] != '\0'; ++i) buf[i] = name[i];
    (void)::pthread_setname_np(::pthread_self(), buf);  // best effort, as the priority above
}

}  // namespace pilar
