// The ceiling of the measurement itself: the cheapest HTTP/1.1 keep-alive responder we can
// write (one epoll thread, a fixed response the size of Pilar's /healthz answer, no parsing
// beyond finding the end of each request). Whatever `wrk -t1 -c100` reaches against this on the
// same machine is the most any server can show in that setup (bench/RESULTS.md).
//   build/release/bench/wrk_ceiling PORT [seconds=30]   (stops by itself)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

int main(int argc, char** argv) {
    int port = argc > 1 ? std::atoi(argv[1]) : 18999;
    int seconds = argc > 2 ? std::atoi(argv[2]) : 30;
    // Same length as Pilar's /healthz response with its security headers (about 520 bytes).
    std::string body = R"({"status":"ok","version":"0.1.0"})";
    std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n" + std::string(420, 'x').insert(0, "X-Pad: ") + "\r\n\r\n" + body;
    int ls = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    ::setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(ls, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(ls, 4096) != 0) return 1;
    int ep = ::epoll_create1(0);
    epoll_event ev{EPOLLIN, {.fd = ls}};
    ::epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    std::unordered_map<int, std::string> pending;
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    epoll_event events[256];
    char buf[16384];
    while (std::chrono::steady_clock::now() < end) {
        int n = ::epoll_wait(ep, events, 256, 100);
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd == ls) {
                for (int c; (c = ::accept4(ls, nullptr, nullptr, SOCK_NONBLOCK)) >= 0;) {
                    ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    epoll_event cev{EPOLLIN, {.fd = c}};
                    ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            ssize_t r = ::read(fd, buf, sizeof buf);
            if (r <= 0) {
                ::close(fd);
                pending.erase(fd);
                continue;
            }
            auto& p = pending[fd];
            p.append(buf, static_cast<size_t>(r));
            std::string out;
            for (size_t pos; (pos = p.find("\r\n\r\n")) != std::string::npos;) {
                p.erase(0, pos + 4);
                out += response;
            }
            if (!out.empty()) (void)!::write(fd, out.data(), out.size());
        }
    }
    return 0;
}
