// Background work in the server (the search index's first build, the audit indexer, session
// touches, handlers on the worker pool) runs below the I/O threads' CPU priority: on a busy
// machine a thread at the same priority takes the core in slices of several milliseconds, and
// every connection of the I/O thread it displaces waits that long (the read latency targets of
// issue 5 are p99 <= 5 ms). Linux applies nice per thread; the calling thread raises its own
// nice value by `nice` (at most to 19) once: repeated calls do nothing.
//
//   std::thread([] { lower_this_thread_priority(); rebuild(); });
#pragma once

namespace pilar {

inline constexpr int kBackgroundNice = 5;

void lower_this_thread_priority(int nice = kBackgroundNice);

// Names the calling thread as `top -H`, `ps -L` and /proc/PID/task/TID/comm show it (at most 15
// bytes are kept); threads it starts afterwards inherit the name, as they inherit its nice value.
void name_this_thread(char const* name);

}  // namespace pilar
