#include "core/background.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace pilar {
namespace {

int my_nice() { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); }

TEST(Background, LowersTheCallingThreadOnceRelativeToItsOwnPriority) {
    int const before = my_nice();
    int first = 0, second = 0;
    std::thread([&] {
        lower_this_thread_priority();
        first = my_nice();
        lower_this_thread_priority();  // once per thread
        second = my_nice();
    }).join();
    EXPECT_EQ(first, std::min(19, before + kBackgroundNice));
    EXPECT_EQ(second, first);
    EXPECT_EQ(my_nice(), before) << "other threads keep their priority";
}

}  // namespace
}  // namespace pilar
