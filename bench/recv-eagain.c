// What waiting for a keep-alive connection's next request costs in system calls, on this machine:
// a read that finds nothing (Asio's speculative read before it waits: recv answered EAGAIN)
// against re-arming the socket in epoll (what Asio's async_wait(wait_read) does instead:
// epoll_ctl EPOLL_CTL_MOD), each a million times on an idle loopback TCP connection
// (bench/RESULTS.md, issue 5, "what a person read's CPU is spent on").
//   cc -O2 bench/recv-eagain.c -o /tmp/recv-eagain && /tmp/recv-eagain
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    if (bind(l, (struct sockaddr*)&a, sizeof a) || listen(l, 1) || getsockname(l, (struct sockaddr*)&a, &n)) return 1;
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr*)&a, sizeof a)) return 1;
    int s = accept(l, 0, 0);
    fcntl(s, F_SETFL, O_NONBLOCK);
    // Registered as Asio registers a socket: edge-triggered, for reading.
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLPRI | EPOLLET};
    ev.data.fd = s;
    epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
    char buf[8192];
    enum { N = 1000000 };
    for (int round = 0; round < 3; ++round) {
        double t0 = now();
        for (int i = 0; i < N; ++i) (void)recv(s, buf, sizeof buf, 0);
        double t1 = now();
        for (int i = 0; i < N; ++i) epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev);
        double t2 = now();
        printf("recv answered EAGAIN %.0f ns, epoll_ctl EPOLL_CTL_MOD %.0f ns\n", (t1 - t0) / N * 1e9, (t2 - t1) / N * 1e9);
    }
    return 0;
}
