// The HTTP server: Boost.Beast over Asio, C++20 coroutines, one I/O thread per core and a worker
// pool for handlers that block. Several I/O threads run one shared io_context (one epoll set, a
// strand per connection), so any free thread answers any connection and a preempted thread holds
// up only the request it is serving; a single I/O thread (`--threads 1`) runs without locks.
//
// Limits (header and body size, read/idle/write timeouts, maximum connections) are answered
// with the matching 4xx/5xx JSON error. SIGTERM/SIGINT stop accepting, close idle keep-alive
// connections, let in-flight requests finish (answered with Connection: close) and then return
// from run(). Every request produces one JSON line in the access log.
//
//   Router router; Metrics metrics(...);
//   auto server = PILAR_TRY(Server::create(router, metrics, options));
//   server->run();   // until a signal or stop()
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace pilar::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: pick a free port (see Server::port())
    int io_threads = 0;         // 0: one per core
    int worker_threads = 0;     // 0: one per core, at least 2
    int max_connections = 10000;
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 8 * 1024 * 1024;
    // Routes with BodyStorage::File: their bodies go to a file in upload_dir (empty: the system's
    // temporary directory), up to upload_limit bytes, and the read timeout applies to each
    // stretch of silence instead of the whole (a few hundred MB take longer than 15 s to send).
    // Leftovers of a killed server (pilar-upload-*) are removed at start.
    std::string upload_dir;
    std::uint64_t upload_limit = std::uint64_t{1} << 30;  // 1 GiB
    std::chrono::milliseconds read_timeout{15000};   // a request must arrive within this
    std::chrono::milliseconds idle_timeout{60000};   // keep-alive connection with no request
    std::chrono::milliseconds write_timeout{30000};
    std::chrono::milliseconds drain_timeout{15000};  // graceful shutdown waits at most this
    std::string static_dir;                          // web/dist; empty: none
    std::string access_log = "-";                    // "-" stdout, "off", or a file path
    bool handle_signals = true;
    // TLS (HTTPS) on the listener when both are set: PEM certificate chain and private key.
    // TLS 1.2 and newer only. Empty: plain HTTP (behind a TLS proxy, docs/operations.md).
    std::string tls_cert_file;
    std::string tls_key_file;
};

class Server {
public:
    static Result<std::unique_ptr<Server>> create(Router const& router, Metrics& metrics, ServerOptions options);
    ~Server();

    std::uint16_t port() const;
    bool tls() const;  // the listener speaks HTTPS
    // Serves until stop() or SIGTERM/SIGINT; returns after in-flight requests have finished.
    void run();
    // Graceful stop; safe from any thread.
    void stop();

    struct Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace pilar::http
