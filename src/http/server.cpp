#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <list>
#include <memory_resource>
#include <mutex>
#include <thread>

#include "core/background.hpp"
#include "http/access_log.hpp"
#include "http/compress.hpp"
#include "http/static_files.hpp"

namespace pilar::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
namespace ssl = asio::ssl;
using TlsStream = ssl::stream<tcp::socket>;
using namespace std::chrono_literals;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// Connections taken from the listen queue per wake-up of an acceptor (accept_loop).
constexpr int kAcceptBatch = 1024;

using SteadyClock = std::chrono::steady_clock;

// One connection. Timeouts use a lazy deadline: the session only moves `deadline` (a store, no
// timer operation per request) and one watchdog timer per connection wakes at the old deadline,
// sees the new one and sleeps again. When a deadline really passes the watchdog cancels the
// socket's pending operation, so the session can still answer 408 (Beast's tcp_stream closes
// the socket on timeout, which makes that impossible). The watchdog sleeps at most `max_sleep`
// (the shortest of the read, write and idle timeouts) at a time, so a request's deadlines
// (now + one of those) never fall before its wake-up and never need it cancelled: waking it at
// the idle deadline made every request of a keep-alive connection cancel and re-arm the timer,
// an extra trip through the I/O thread's queue each.
struct Connection {
    explicit Connection(asio::any_io_executor ex) : watchdog(std::move(ex)) {}
    tcp::socket* socket = nullptr;  // the TCP socket under the session's stream (plain or TLS)
    asio::steady_timer watchdog;
    SteadyClock::time_point deadline = SteadyClock::time_point::max();
    bool expired = false;
    bool idle = true;  // waiting for the first byte of the next request
    bool closed = false;

    std::chrono::milliseconds max_sleep{15000};  // set from the options when the connection opens

    void expire_after(std::chrono::milliseconds d) { expire_at(SteadyClock::now() + d); }
    // With a time read just before: a request reads the clock three times (its start, before its
    // answer, after it), not once more for each of its deadlines.
    void expire_at(SteadyClock::time_point t) {
        deadline = t;
        expired = false;
        // Only an earlier deadline than the watchdog sleeps for needs a wake-up.
        if (deadline < watchdog.expiry()) watchdog.cancel();
    }
};

// A connection with the stream it speaks over: the TCP socket itself, or TLS on top of it
// (`--tls-cert/--tls-key`).
template <class Stream>
struct StreamConnection : Connection {
    explicit StreamConnection(Stream s) : Connection(s.get_executor()), stream(std::move(s)) {
        socket = &beast::get_lowest_layer(stream);
    }
    Stream stream;
};

asio::awaitable<void> run_watchdog(std::shared_ptr<Connection> c) {
    while (!c->closed) {
        auto const now = SteadyClock::now();
        c->watchdog.expires_at(c->deadline - now > c->max_sleep ? now + c->max_sleep : c->deadline);
        co_await c->watchdog.async_wait(kTuple);
        if (c->closed) break;
        if (SteadyClock::now() >= c->deadline) {
            c->expired = true;
            c->deadline = SteadyClock::time_point::max();
            boost::system::error_code ec;
            c->socket->cancel(ec);
        }
    }
}

// One I/O thread's listener and log buffer. With one I/O thread it runs its own io_context
// without locks. With several, all of them run one shared io_context (one epoll set): a thread
// that the kernel preempts (two cores shared with other work, or with the load generator)
// delays only the request it is serving, while the others keep answering every connection;
// with an io_context per thread, the ~half of the connections that SO_REUSEPORT gave the
// preempted thread all waited for its next time slice (the read latency tail of issue 5).
// Each connection then runs on a strand of its own, so its session and watchdog never overlap.
struct Worker {
    asio::io_context* ioc = nullptr;
    asio::any_io_executor exec;  // the listener's and the flush timer's: a strand when shared
    std::unique_ptr<tcp::acceptor> acceptor;
    std::unique_ptr<AccessLog::ThreadBuffer> log;
    std::unique_ptr<asio::steady_timer> flush_timer;
    int index = 0;
};

// The I/O thread running the current handler (request ids and the access log buffer).
thread_local Worker* t_worker = nullptr;
thread_local std::uint64_t t_next_request = 0;

// A request's parsed header fields live in a buffer of its connection (std::pmr, released for the
// next request): Beast otherwise allocates each field of a parsed header on its own, ~5
// malloc/free pairs a request (~550 of a person read's ~40,000 instructions, bench/RESULTS.md issue
// 5). A header larger than the buffer takes the rest from the heap, as before.
using FieldsAllocator = std::pmr::polymorphic_allocator<char>;
template <class Body>
using RequestParser = bhttp::request_parser<Body, FieldsAllocator>;

// Header names are ASCII tokens: no locale look-up per character (std::tolower).
std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_safe_request_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

// The request's head (method, target, headers, language, id) from a parsed header; returns the raw
// path (before percent-decoding).
template <class Fields>
std::string_view fill_request_head(Request& req, bhttp::request_header<Fields> const& h, std::string const& remote) {
    req.method = method_from_name(std::string_view(h.method_string()));
    auto target = std::string_view(h.target());
    auto q = target.find('?');
    if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
    req.headers.reserve(16);
    for (auto const& f : h) req.headers.emplace_back(lower(std::string_view(f.name_string())), std::string(std::string_view(f.value())));
    req.remote_address = remote;
    req.lang = lang_from_accept_language(req.header("accept-language"));
    if (auto rid = req.header("x-request-id"); is_safe_request_id(rid))
        req.request_id = std::string(rid);
    else {
        // "{:x}-{:x}" of the worker and its count, without fmt's formatting machinery.
        char id[48];
        auto a = std::to_chars(id, id + 20, t_worker->index, 16);
        *a.ptr++ = '-';
        auto b = std::to_chars(a.ptr, id + sizeof id, ++t_next_request, 16);
        req.request_id.assign(id, b.ptr);
    }
    return target.substr(0, q);
}

// Larger JSON answers travel gzip-compressed when the client accepts it (the web app's static
// files are compressed once at start, in StaticFiles). Below about one packet it does not pay.
void compress_api_body(Request const& req, Response& res) {
    constexpr std::size_t kMinSize = 1400;
    if (res.file || res.body.size() < kMinSize || req.method == Method::Head) return;
    if (!res.content_type.starts_with("application/json") && !res.content_type.starts_with("application/geo+json")) return;
    for (auto const& [k, v] : res.headers)
        if (beast::iequals(k, "content-encoding")) return;
    res.headers.emplace_back("Vary", "Accept-Encoding");
    if (!accepts_gzip(req.header("accept-encoding"))) return;
    auto z = gzip(res.body, 1);
    if (z.empty() || z.size() >= res.body.size()) return;
    res.body = std::move(z);
    res.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace

struct Server::Impl {
    Router const& router;
    Metrics& metrics;
    ServerOptions options;
    std::vector<std::unique_ptr<asio::io_context>> contexts;  // one per I/O thread, or one shared
    std::vector<std::unique_ptr<Worker>> workers;
    // Open connections, for a graceful shutdown to close the idle ones.
    std::mutex sessions_mutex;
    std::list<std::weak_ptr<Connection>> sessions;
    asio::thread_pool pool;
    StaticFiles static_files;
    AccessLog access_log;
    std::atomic<bool> stopping{false};
    std::atomic<long long> open_connections{0};
    std::uint16_t bound_port = 0;
    std::unique_ptr<asio::signal_set> signals;
    std::unique_ptr<ssl::context> tls;  // set when the listener speaks TLS
    bool file_routes = false;           // some route takes its body as a file (BodyStorage::File)

    Impl(Router const& r, Metrics& m, ServerOptions o)
        : router(r),
          metrics(m),
          options(std::move(o)),
          pool(static_cast<std::size_t>(options.worker_threads)),
          static_files(options.static_dir),
          access_log(options.access_log) {}

    Result<void> listen();
    asio::awaitable<void> accept_loop(Worker& w);
    void admit(tcp::socket socket);
    asio::awaitable<void> session(tcp::socket socket);
    template <class Stream>
    asio::awaitable<void> serve_connection(std::shared_ptr<StreamConnection<Stream>> conn, std::string remote);
    Result<void> load_tls();
    Response run_route(Route const& route, Request& req, bool before_done = false);
    asio::awaitable<Response> on_pool(std::function<Response()> work);
    Route const* file_route(Request& req, std::string_view raw_path) const;
    template <class Stream>
    asio::awaitable<std::optional<Response>> receive_upload(StreamConnection<Stream>& conn, beast::flat_buffer& buffer,
                                                            RequestParser<bhttp::string_body>& parser,
                                                            Route const& route, Request& req, bool& continue_sent,
                                                            bool& body_read);
    Response unmatched(Request const& req, bool method_mismatch);
    void serialize_head(std::string& out, Response const& res, unsigned version, bool keep_alive,
                        std::size_t content_length, bool api_path) const;
    void begin_shutdown();
    void schedule_flush(Worker& w);
};

Result<void> Server::Impl::load_tls() {
    if (options.tls_cert_file.empty() && options.tls_key_file.empty()) return {};
    if (options.tls_cert_file.empty() || options.tls_key_file.empty())
        return fail(ErrorCode::InvalidArgument, {"--tls-cert dan --tls-key harus diberikan bersama",
                                                 "--tls-cert and --tls-key must be given together"});
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(options.tls_cert_file, ec);
    if (ec)
        return fail(Error(ErrorCode::InvalidArgument,
                          {fmt::format("Sertifikat TLS {} tidak bisa dibaca: {}", options.tls_cert_file, ec.message()),
                           fmt::format("Cannot read the TLS certificate {}: {}", options.tls_cert_file, ec.message())})
                        .at_field("--tls-cert"));
    // OpenSSL checks here that the key belongs to the certificate loaded above.
    ctx->use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
    if (ec)
        return fail(Error(ErrorCode::InvalidArgument,
                          {fmt::format("Kunci TLS {} tidak bisa dipakai: {}", options.tls_key_file, ec.message()),
                           fmt::format("Cannot use the TLS key {}: {}", options.tls_key_file, ec.message())})
                        .at_field("--tls-key"));
    tls = std::move(ctx);
    return {};
}

Result<void> Server::Impl::listen() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (ec)
        return fail(ErrorCode::InvalidArgument, {fmt::format("Alamat tidak valid: {}", options.host),
                                                 fmt::format("Invalid address: {}", options.host)});
    std::uint16_t port = options.port;
    auto in_use = [&](boost::system::error_code const& why) {
        return fail(ErrorCode::Unavailable,
                    {fmt::format("Tidak bisa mendengarkan di {}:{}: {}", options.host, port, why.message()),
                     fmt::format("Cannot listen on {}:{}: {}", options.host, port, why.message())});
    };
    if (port != 0) {
        // SO_REUSEPORT (below) would also let a second server — an old pilar still running after
        // an upgrade, another data directory — bind the same port and silently take half the
        // connections. A plain bind first fails while anyone listens there.
        tcp::acceptor probe(*workers.front()->ioc);
        probe.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
        if (!ec) probe.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) probe.bind(tcp::endpoint(address, port), ec);
        if (ec) return in_use(ec);
        probe.close(ec);
    }
    for (auto& w : workers) {
        auto acc = std::make_unique<tcp::acceptor>(w->exec);
        tcp::endpoint ep(address, port);
        acc->open(ep.protocol(), ec);
        if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) {
            int one = 1;
            // SO_REUSEPORT: each I/O thread gets its own listening socket and the kernel
            // balances new connections across them.
            ::setsockopt(acc->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
            acc->bind(ep, ec);
        }
        if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
        if (ec) return in_use(ec);
        port = acc->local_endpoint().port();
        w->acceptor = std::move(acc);
    }
    bound_port = port;
    return {};
}

// A new connection: refused with 503 over the connection limit, otherwise served by a session
// of its own.
void Server::Impl::admit(tcp::socket socket) {
    metrics.connections_total.fetch_add(1, std::memory_order_relaxed);
    if (open_connections.load(std::memory_order_relaxed) >= options.max_connections) {
        metrics.connections_rejected.fetch_add(1, std::memory_order_relaxed);
        static std::string const kBusy = [] {
            std::string_view body =
                R"({"error":{"code":"unavailable","message":"Server sedang penuh; coba lagi sebentar lagi / Server is at capacity; try again shortly"}})";
            return fmt::format("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                               "Connection: close\r\nRetry-After: 1\r\nContent-Length: {}\r\n\r\n{}",
                               body.size(), body);
        }();
        boost::system::error_code ignored;
        socket.non_blocking(true, ignored);
        asio::write(socket, asio::buffer(kBusy), ignored);
        socket.close(ignored);
        return;
    }
    // Counted here, not when the session starts: a batch of accepts (accept_loop) runs before
    // any of its sessions does, and each must see the ones before it.
    open_connections.fetch_add(1, std::memory_order_relaxed);
    metrics.connections_open.fetch_add(1, std::memory_order_relaxed);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket)), asio::detached);
}

asio::awaitable<void> Server::Impl::accept_loop(Worker& w) {
    // The connection's executor: a strand of its own on a shared io_context.
    auto conn_exec = [&] {
        return contexts.size() < workers.size() ? asio::any_io_executor(asio::make_strand(*w.ioc))
                                                : asio::any_io_executor(w.ioc->get_executor());
    };
    // Lets accept() below return would_block instead of waiting; async_accept is unaffected.
    boost::system::error_code nb;
    w.acceptor->non_blocking(true, nb);
    for (;;) {
        auto [ec, socket] = co_await w.acceptor->async_accept(conn_exec(), kTuple);
        if (ec) {
            if (stopping.load() || ec == asio::error::operation_aborted) co_return;
            if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space) {
                // Out of file descriptors: back off instead of spinning.
                spdlog::warn("accept: {}", ec.message());
                asio::steady_timer t(w.exec, 50ms);
                co_await t.async_wait(kTuple);
            }
            continue;
        }
        admit(std::move(socket));
        // Then every connection already waiting in the listen queue. Each async_accept completes
        // through the back of the I/O thread's queue, behind every connection with a request
        // ready: accepting one connection per pass meant that, with N busy connections taking S
        // each, the k-th of a burst of new connections waited about k * N * S before its first
        // request was even read (100 new connections against 100 busy ones at ~0.2 ms a list
        // page: over a second; bench/RESULTS.md, issue 5). Asio has no batch accept (nginx's
        // multi_accept), hence this loop; bounded so a connection flood cannot hold the thread.
        for (int more = 0; more < kAcceptBatch && !stopping.load(std::memory_order_relaxed); ++more) {
            boost::system::error_code aec;
            auto next = w.acceptor->accept(conn_exec(), aec);
            if (aec) break;  // would_block: none left; other errors: the async_accept above reports them
            admit(std::move(next));
        }
    }
}

Response Server::Impl::run_route(Route const& route, Request& req, bool before_done) {
    try {
        if (!before_done)
            if (auto early = router.run_before(req, route)) return std::move(*early);
        return route.handler(req);
    } catch (std::exception const& e) {
        spdlog::error("request {} {} {}: unhandled exception: {}", req.request_id, method_name(req.method), route.pattern,
                      e.what());
        return error_response(500, ErrorCode::Internal,
                              {"Terjadi kesalahan di server; sudah dicatat",
                               "Something went wrong on the server; it has been logged"},
                              req.lang);
    }
}

Response Server::Impl::unmatched(Request const& req, bool method_mismatch) {
    if ((req.method == Method::Get || req.method == Method::Head) && !req.path.starts_with("/api/"))
        if (auto r = static_files.serve(req)) return std::move(*r);
    if (method_mismatch)
        return error_response(405, ErrorCode::InvalidArgument,
                              {fmt::format("Metode {} tidak didukung untuk {}", method_name(req.method), req.path),
                               fmt::format("Method {} is not allowed for {}", method_name(req.method), req.path)},
                              req.lang);
    return error_response(404, ErrorCode::NotFound,
                          {fmt::format("Alamat {} tidak ada", req.path), fmt::format("No such path: {}", req.path)},
                          req.lang);
}

// Writes the status line and headers by hand: Beast's generic serializer (fields container,
// buffers_cat iterators) cost more per small response than the rest of the request together.
void Server::Impl::serialize_head(std::string& out, Response const& res, unsigned version, bool keep_alive,
                                  std::size_t content_length, bool api_path) const {
    out.clear();
    auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    char status[4] = {static_cast<char>('0' + res.status / 100 % 10), static_cast<char>('0' + res.status / 10 % 10),
                      static_cast<char>('0' + res.status % 10), ' '};
    out.append(status, 4);
    out.append(reason.data(), reason.size());
    out.append("\r\nContent-Type: ");
    out.append(res.content_type.view());
    out.append("\r\nContent-Length: ");
    char digits[24];
    auto [end, _] = std::to_chars(digits, digits + sizeof digits, content_length);
    out.append(digits, end);
    out.append(keep_alive ? (version == 10 ? "\r\nConnection: keep-alive\r\n" : "\r\n") : "\r\nConnection: close\r\n");
    bool has_cache_control = false;
    for (auto const& [k, v] : res.headers) {
        // Header values come from handlers, never raw from clients; still, no line breaks.
        if (k.find_first_of("\r\n") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) continue;
        out.append(k);
        out.append(": ");
        out.append(v);
        out.append("\r\n");
        if (beast::iequals(k, "cache-control")) has_cache_control = true;
    }
    out.append(router.default_headers());
    if (api_path && !has_cache_control) out.append(router.api_cache_control());
    out.append("\r\n");
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    std::string remote;
    if (auto ep = socket.remote_endpoint(ec); !ec) remote = ep.address().to_string();

    socket.non_blocking(true, ec);
    if (tls) {
        auto conn = std::make_shared<StreamConnection<TlsStream>>(TlsStream(std::move(socket), *tls));
        co_await serve_connection(conn, std::move(remote));
    } else {
        auto conn = std::make_shared<StreamConnection<tcp::socket>>(std::move(socket));
        co_await serve_connection(conn, std::move(remote));
    }
    metrics.connections_open.fetch_sub(1, std::memory_order_relaxed);
    open_connections.fetch_sub(1, std::memory_order_relaxed);
}

// Blocking work runs on the worker pool so the I/O thread keeps serving other connections; the
// coroutine resumes on its own executor when it is done.
asio::awaitable<Response> Server::Impl::on_pool(std::function<Response()> work) {
    co_return co_await asio::co_spawn(
        pool.get_executor(),
        [&work]() -> asio::awaitable<Response> {
            // Blocking work (password hashing, writes, imports) below the I/O threads' priority,
            // so a burst of logins or an import cannot make reads wait for CPU (core/background.hpp).
            lower_this_thread_priority();
            co_return work();
        },
        asio::use_awaitable);
}

// The route a request with a body goes to, when that route takes its body as a file; fills the
// request's path and params then.
Route const* Server::Impl::file_route(Request& req, std::string_view raw_path) const {
    if (req.method != Method::Post && req.method != Method::Put) return nullptr;
    auto decoded = percent_decode(raw_path, false);
    if (!decoded || decoded->empty() || decoded->front() != '/' || decoded->find('\0') != std::string::npos) return nullptr;
    req.path = std::move(*decoded);
    auto m = router.match(req);
    return m.route && m.route->doc.body == BodyStorage::File ? m.route : nullptr;
}

// The body of a BodyStorage::File route, header already parsed: the `before` hooks decide first
// (a refused request is answered without reading its body, and the connection closed), then the
// body streams to a fresh file in upload_dir, each stretch of it under the read timeout. Returns
// the response to send, or nothing when the client went away.
template <class Stream>
asio::awaitable<std::optional<Response>> Server::Impl::receive_upload(StreamConnection<Stream>& conn,
                                                                      beast::flat_buffer& buffer,
                                                                      RequestParser<bhttp::string_body>& parser,
                                                                      Route const& route, Request& req,
                                                                      bool& continue_sent, bool& body_read) {
    auto early = co_await on_pool([&]() -> Response {
        try {
            if (auto r = router.run_before(req, route)) return std::move(*r);
        } catch (std::exception const& e) {
            spdlog::error("request {} {}: unhandled exception: {}", req.request_id, route.pattern, e.what());
            return error_response(500, ErrorCode::Internal,
                                  {"Terjadi kesalahan di server; sudah dicatat",
                                   "Something went wrong on the server; it has been logged"},
                                  req.lang);
        }
        Response ok;
        ok.status = 0;
        return ok;
    });
    if (early.status != 0) co_return std::move(early);

    auto too_large = [&] {
        double const mb = static_cast<double>(options.upload_limit) / (1 << 20);
        std::string const limit = fmt::format("{:.{}f} MB", mb, options.upload_limit % (1 << 20) == 0 ? 0 : 1);
        return error_response(413, ErrorCode::ResourceExhausted,
                              {fmt::format("Berkas melebihi batas unggah {}", limit),
                               fmt::format("The file exceeds the {} upload limit", limit)},
                              req.lang);
    };
    auto no_space = [&] {
        return error_response(507, ErrorCode::ResourceExhausted,
                              {"Ruang penyimpanan server tidak cukup untuk berkas ini",
                               "The server does not have enough storage space for this file"},
                              req.lang);
    };
    std::string const dir = options.upload_dir.empty() ? std::filesystem::temp_directory_path().string() : options.upload_dir;
    auto const length = parser.content_length();
    if (length && *length > options.upload_limit) co_return too_large();
    std::error_code fs_ec;
    std::filesystem::create_directories(dir, fs_ec);
    if (struct statvfs vfs {}; length && ::statvfs(dir.c_str(), &vfs) == 0 &&
                               *length > static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize)
        co_return no_space();

    std::string path = (std::filesystem::path(dir) / "pilar-upload-XXXXXX").string();
    int fd = ::mkstemp(path.data());  // mode 0600
    if (fd < 0) {
        spdlog::error("request {}: cannot create an upload file in {}: {}", req.request_id, dir, std::strerror(errno));
        co_return no_space();
    }
    // Removed with the last reference: on every error below, and after the handler's work.
    auto upload = std::make_shared<UploadFile>(path, 0);
    RequestParser<bhttp::file_body> fp(std::move(parser));
    fp.body_limit(options.upload_limit);  // chunked bodies; a Content-Length was checked above
    beast::file file;
    file.native_handle(fd);
    beast::error_code ec;
    fp.get().body().reset(std::move(file), ec);

    // Expect: 100-continue: the client waits for this before sending the body.
    if (!ec && !continue_sent && beast::iequals(fp.get()[bhttp::field::expect], "100-continue")) {
        continue_sent = true;
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        conn.expire_after(options.write_timeout);
        auto [wec, n] = co_await asio::async_write(conn.stream, asio::buffer(kContinue), kTuple);
        (void)n;
        if (wec) co_return std::nullopt;
    }
    while (!ec) {
        if (buffer.size() > 0) {
            auto used = fp.put(buffer.data(), ec);
            buffer.consume(used);
            if (ec == bhttp::error::need_more) ec = {};
            if (ec || fp.is_done()) break;
            if (used > 0 && buffer.size() > 0) continue;
        }
        conn.expire_after(options.read_timeout);
        auto [r, n] = co_await conn.stream.async_read_some(buffer.prepare(64 * 1024), kTuple);
        if (r) {
            if (conn.expired)
                co_return error_response(408, ErrorCode::InvalidArgument,
                                         {"Berkas tidak selesai dikirim: koneksi diam terlalu lama",
                                          "The file was not sent completely: the connection went silent"},
                                         req.lang);
            co_return std::nullopt;  // the client went away
        }
        buffer.commit(n);
    }
    if (ec == bhttp::error::body_limit) co_return too_large();
    if (ec) {
        if (ec.category() == bhttp::make_error_code(bhttp::error::bad_chunk).category())
            co_return error_response(400, ErrorCode::InvalidArgument,
                                     {fmt::format("Permintaan HTTP rusak: {}", ec.message()),
                                      fmt::format("Malformed HTTP request: {}", ec.message())},
                                     req.lang);
        spdlog::error("request {}: writing the upload to {} failed: {}", req.request_id, path, ec.message());
        co_return no_space();
    }
    beast::error_code sec;
    upload->size = fp.get().body().file().size(sec);
    fp.get().body().close();
    req.upload = std::move(upload);
    body_read = true;
    co_return co_await on_pool([&]() { return run_route(route, req, true); });
}

template <class Stream>
asio::awaitable<void> Server::Impl::serve_connection(std::shared_ptr<StreamConnection<Stream>> conn,
                                                     std::string remote) {
    constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;
    auto& stream = conn->stream;
    // Not below 100 ms: a zero timeout must not make the watchdog spin (shorter deadlines still
    // wake it through expire_after's cancel).
    conn->max_sleep = std::max(std::chrono::milliseconds(100),
                               std::min({options.read_timeout, options.write_timeout, options.idle_timeout}));
    asio::co_spawn(conn->watchdog.get_executor(), run_watchdog(conn), asio::detached);
    std::list<std::weak_ptr<Connection>>::iterator it;
    {
        std::lock_guard lock(sessions_mutex);
        it = sessions.insert(sessions.end(), conn);
    }
    auto forget = [this, &it] {
        std::lock_guard lock(sessions_mutex);
        sessions.erase(it);
    };
    if constexpr (kTls) {
        // The handshake must finish within the read timeout, like a request.
        conn->expire_after(options.read_timeout);
        auto [hec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
        if (hec) {
            metrics.tls_handshake_failures.fetch_add(1, std::memory_order_relaxed);
            conn->closed = true;
            boost::system::error_code ec;
            conn->socket->close(ec);
            conn->watchdog.cancel();
            forget();
            co_return;
        }
    }
    conn->expire_after(options.idle_timeout);
    // When the previous request's answer was done: the idle timeout runs from there.
    std::optional<SteadyClock::time_point> answered;
    beast::flat_buffer buffer;
    std::string head;
    head.reserve(1024);
    std::array<std::byte, 2048> header_buffer;
    std::pmr::monotonic_buffer_resource header_memory(header_buffer.data(), header_buffer.size());
    // Closing with a refused body still arriving would reset the connection (RST) and could take
    // the answer with it before the client read it: read and drop the rest for a moment first.
    bool linger = false;

    for (;;) {
        if (stopping.load(std::memory_order_relaxed)) break;
        // Wait for the first byte of the next request under the idle timeout.
        conn->idle = true;
        if (buffer.size() == 0) {
            conn->expire_at((answered ? *answered : SteadyClock::now()) + options.idle_timeout);
            auto [rec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
            if (rec) break;  // closed, idle timeout or shutdown: nothing to answer
            buffer.commit(n);
        }
        conn->idle = false;
        auto const started = SteadyClock::now();

        header_memory.release();  // the previous request's parser and message are gone
        RequestParser<bhttp::string_body> parser(std::piecewise_construct, std::make_tuple(),
                                                 std::make_tuple(FieldsAllocator(&header_memory)));
        parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
        // With file routes the limit depends on the route: set once the header is in (below).
        parser.body_limit(file_routes ? boost::optional<std::uint64_t>() : boost::optional<std::uint64_t>(options.body_limit));
        conn->expire_at(started + options.read_timeout);
        // Parse straight from the buffer and read more only when the parser asks for it: a
        // request that arrived whole (the usual case) costs no further trip through the
        // scheduler, which Beast's async_read would make even with the bytes already here.
        boost::system::error_code rec;
        bool continue_sent = false;
        bool header_checked = !file_routes;
        Response res;
        Request req;
        Route const* upload_route = nullptr;
        for (;;) {
            if (buffer.size() > 0) {
                auto used = parser.put(buffer.data(), rec);
                buffer.consume(used);
                if (rec == bhttp::error::need_more) rec = {};
                if (rec || parser.is_done()) break;
                if (!header_checked && parser.is_header_done()) {
                    // The parser stops after the header (it is not eager), before any of the body.
                    header_checked = true;
                    auto const& h = parser.get();
                    req.method = method_from_name(std::string_view(h.method_string()));
                    auto target = std::string_view(h.target());
                    if ((upload_route = file_route(req, target.substr(0, target.find('?'))))) break;
                    if (auto length = parser.content_length(); length && *length > options.body_limit) {
                        rec = bhttp::error::body_limit;
                        break;
                    }
                    parser.body_limit(options.body_limit);  // chunked bodies
                }
                if (used > 0 && buffer.size() > 0) continue;
            }
            // Expect: 100-continue (curl sends it for larger bodies): say yes before the body.
            if (parser.is_header_done() && !continue_sent &&
                beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
                continue_sent = true;
                static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                co_await asio::async_write(stream, asio::buffer(kContinue), kTuple);
            }
            auto [r, n] = co_await stream.async_read_some(buffer.prepare(16384), kTuple);
            if (r) {
                rec = r == asio::error::eof ? bhttp::error::end_of_stream : r;
                break;
            }
            buffer.commit(n);
        }

        int route_id = metrics.unmatched_route_id();
        bool keep_alive = false;
        bool close_after = false;
        unsigned http_version = 11;
        if (upload_route) {
            req = Request{};
            http_version = parser.get().version();
            keep_alive = parser.get().keep_alive();
            auto raw_path = fill_request_head(req, parser.get(), remote);
            req.path = percent_decode(raw_path, false).value_or(std::string(raw_path));
            router.match(req);  // the params
            route_id = upload_route->id;
            bool body_read = false;
            auto r = co_await receive_upload(*conn, buffer, parser, *upload_route, req, continue_sent, body_read);
            if (!r) break;
            res = std::move(*r);
            // The handler is done with the file: removed now, before the answer goes out (after
            // it, a client looking at once could still find the file).
            req.upload.reset();
            // A refused upload's body was not read: the connection cannot carry another request.
            if (!body_read) close_after = linger = true;
        } else if (rec) {
            if (rec == bhttp::error::end_of_stream || rec == asio::error::eof ||
                rec == asio::error::connection_reset || (rec == asio::error::operation_aborted && !conn->expired))
                break;
            close_after = true;
            req.lang = Lang::Id;
            if (parser.is_header_done()) {
                req.lang = lang_from_accept_language(std::string_view(parser.get()[bhttp::field::accept_language]));
                req.method = method_from_name(std::string_view(parser.get().method_string()));
                auto target = std::string_view(parser.get().target());
                req.path = std::string(target.substr(0, target.find('?')));
            }
            if (conn->expired) {
                res = error_response(408, ErrorCode::InvalidArgument,
                                     {"Permintaan tidak selesai dikirim tepat waktu", "The request was not sent in time"},
                                     req.lang);
            } else if (rec == bhttp::error::body_limit) {
                linger = true;
                res = error_response(413, ErrorCode::ResourceExhausted,
                                     {fmt::format("Isi permintaan melebihi batas {} byte", options.body_limit),
                                      fmt::format("Request body exceeds the {} byte limit", options.body_limit)},
                                     req.lang);
            } else if (rec == bhttp::error::header_limit) {
                res = error_response(431, ErrorCode::ResourceExhausted,
                                     {fmt::format("Header permintaan melebihi batas {} byte", options.header_limit),
                                      fmt::format("Request headers exceed the {} byte limit", options.header_limit)},
                                     req.lang);
            } else {
                res = error_response(400, ErrorCode::InvalidArgument,
                                     {fmt::format("Permintaan HTTP rusak: {}", rec.message()),
                                      fmt::format("Malformed HTTP request: {}", rec.message())},
                                     req.lang);
            }
        } else {
            auto msg = parser.release();
            http_version = msg.version();
            keep_alive = msg.keep_alive();
            auto raw_path = fill_request_head(req, msg, remote);
            req.body = std::move(msg.body());
            if (auto decoded = percent_decode(raw_path, false); decoded && !decoded->empty() && decoded->front() == '/' &&
                                                                decoded->find('\0') == std::string::npos) {
                req.path = std::move(*decoded);
                auto m = router.match(req);
                if (!m.route) {
                    res = unmatched(req, m.method_mismatch);
                } else if (m.route->execution == Execution::Inline) {
                    route_id = m.route->id;
                    res = run_route(*m.route, req);
                } else {
                    route_id = m.route->id;
                    Route const* route = m.route;
                    res = co_await on_pool([this, route, &req] { return run_route(*route, req); });
                }
            } else {
                req.path = std::string(raw_path);
                res = error_response(400, ErrorCode::InvalidArgument,
                                     {"Alamat permintaan tidak valid", "Invalid request path"}, req.lang);
            }
        }
        router.run_after(req, route_id == metrics.unmatched_route_id() ? nullptr : router.routes()[route_id].get(), res);
        compress_api_body(req, res);

        if (stopping.load(std::memory_order_relaxed)) close_after = true;
        if (!keep_alive) close_after = true;

        std::size_t const body_size = res.file ? static_cast<std::size_t>(res.file->size) : res.body.size();
        serialize_head(head, res, http_version, !close_after, body_size, req.path.starts_with("/api/"));
        // Small responses go out in one non-blocking write without a scheduler round trip;
        // whatever the socket does not take at once is sent asynchronously.
        std::string_view body_view(res.body.data(), req.method == Method::Head || res.file ? 0 : body_size);
        boost::system::error_code wec;
        conn->expire_after(options.write_timeout);
        if (res.file) {
            // A file body: the head, then the file in chunks, each under the write timeout. The
            // file was just written, so the reads come from the page cache.
            auto [e1, n1] = co_await asio::async_write(stream, asio::buffer(head), kTuple);
            (void)n1;
            wec = e1;
            std::uint64_t left = req.method == Method::Head ? 0 : res.file->size;
            std::vector<char> chunk(std::min<std::uint64_t>(left, 256 * 1024));
            off_t offset = 0;
            while (!wec && left > 0) {
                ssize_t got = ::pread(res.file->fd, chunk.data(), std::min<std::uint64_t>(left, chunk.size()), offset);
                if (got <= 0) {
                    // The length is promised in the head: a short file can only end the connection.
                    spdlog::error("request {}: reading the response file failed at byte {}", req.request_id, offset);
                    close_after = true;
                    break;
                }
                conn->expire_after(options.write_timeout);
                auto [e2, n2] = co_await asio::async_write(stream, asio::buffer(chunk.data(), static_cast<std::size_t>(got)), kTuple);
                (void)n2;
                wec = e2;
                offset += got;
                left -= static_cast<std::uint64_t>(got);
            }
        } else if (!kTls) {
            // Head and body in one gathered send (a page of 50 members is ~35 KB; the socket
            // buffer takes it whole): no copy, no scheduler round trip. Only on a plain socket: a
            // synchronous write on a TLS stream over a non-blocking socket could leave a record
            // half-sent.
            asio::const_buffer h = asio::buffer(head), b = asio::buffer(body_view);
            std::size_t sent = conn->socket->write_some(std::array<asio::const_buffer, 2>{h, b}, wec);
            if (wec == asio::error::would_block) sent = 0, wec = {};
            if (!wec && sent < h.size() + b.size()) {
                if (sent >= h.size()) {
                    b += sent - h.size();
                    h = asio::const_buffer();
                } else {
                    h += sent;
                }
                auto [e2, n2] = co_await asio::async_write(stream, std::array<asio::const_buffer, 2>{h, b}, kTuple);
                (void)n2;
                wec = e2;
            }
        } else {
            std::array<asio::const_buffer, 2> out{asio::buffer(head), asio::buffer(body_view)};
            auto [e2, n2] = co_await asio::async_write(stream, out, kTuple);
            (void)n2;
            wec = e2;
        }

        answered = SteadyClock::now();
        auto const elapsed = *answered - started;
        metrics.observe(route_id, res.status, elapsed);
        if (access_log.enabled()) {
            std::string_view route_label =
                route_id == metrics.unmatched_route_id() ? std::string_view{} : router.routes()[route_id]->pattern;
            t_worker->log->write(req, route_label, res.status, body_size, elapsed);
        }
        if (wec || close_after) break;
    }

    boost::system::error_code ec;
    if constexpr (kTls) {
        // close_notify, so the client knows the response was not cut off; bounded by the
        // write timeout through the watchdog.
        conn->expire_after(std::min(options.write_timeout, std::chrono::milliseconds(2000)));
        co_await stream.async_shutdown(kTuple);
    }
    conn->socket->shutdown(tcp::socket::shutdown_send, ec);
    if (linger && !kTls) {
        conn->expire_after(2000ms);
        std::array<char, 16384> sink;
        for (std::size_t drained = 0; drained < (16u << 20);) {
            auto [e, n] = co_await conn->socket->async_read_some(asio::buffer(sink), kTuple);
            if (e) break;
            drained += n;
        }
    }
    conn->closed = true;
    conn->socket->close(ec);
    conn->watchdog.cancel();
    forget();
}

void Server::Impl::schedule_flush(Worker& w) {
    w.flush_timer->expires_after(500ms);
    w.flush_timer->async_wait([this, &w](boost::system::error_code ec) {
        w.log->flush();
        if (!ec && !stopping.load()) schedule_flush(w);
    });
}

void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info("shutting down: no new connections, finishing requests in flight");
    for (auto& wp : workers) {
        Worker* w = wp.get();
        asio::post(w->exec, [w] {
            boost::system::error_code ec;
            if (w->acceptor) w->acceptor->close(ec);
            if (w->flush_timer) w->flush_timer->cancel();
        });
    }
    {
        // Idle keep-alive connections are closed now, each on its own executor; busy ones
        // close after their response.
        std::lock_guard lock(sessions_mutex);
        for (auto const& weak : sessions)
            if (auto s = weak.lock())
                asio::post(s->watchdog.get_executor(), [weak] {
                    boost::system::error_code ec;
                    if (auto c = weak.lock(); c && c->idle && !c->closed) c->socket->cancel(ec);
                });
    }
    // Wait for connections to drain (bounded), then stop the I/O threads. Runs on the first
    // I/O thread, so it cannot outlive the server.
    asio::co_spawn(
        workers[0]->exec,
        [this]() -> asio::awaitable<void> {
            auto const deadline = SteadyClock::now() + options.drain_timeout;
            asio::steady_timer timer(workers[0]->exec);
            while (open_connections.load() > 0 && SteadyClock::now() < deadline) {
                timer.expires_after(5ms);
                co_await timer.async_wait(kTuple);
            }
            if (open_connections.load() > 0)
                spdlog::warn("shutdown: {} connection(s) still open after the drain timeout", open_connections.load());
            for (auto& c : contexts) c->stop();
        },
        asio::detached);
}

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

// Each connection is a file descriptor; the usual soft limit of 1,024 would cap the server far
// below max_connections, so raise it towards the hard limit.
void raise_fd_limit(int wanted) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
    rlim_t target = std::min<rlim_t>(lim.rlim_max, static_cast<rlim_t>(wanted));
    if (lim.rlim_cur >= target) return;
    lim.rlim_cur = target;
    if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) spdlog::warn("could not raise the open-file limit to {}", target);
}

// glibc gives freed memory at the top of the heap back to the kernel once more than 128 KB is
// free there, and each such brk() shrink flushes the TLB of every core the server runs on (an
// inter-processor interrupt): with a 35 KB list page allocated and freed per request that was
// a fifth of the server's CPU. Keep up to 64 MB of freed heap for reuse, and serve blocks of up
// to 8 MB from the heap instead of mmap()/munmap() each.
void tune_allocator() {
    ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
    ::mallopt(M_MMAP_THRESHOLD, 8 << 20);
}

Result<std::unique_ptr<Server>> Server::create(Router const& router, Metrics& metrics, ServerOptions options) {
    raise_fd_limit(options.max_connections + 256);
    tune_allocator();
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (options.io_threads <= 0) options.io_threads = static_cast<int>(cores);
    if (options.worker_threads <= 0) options.worker_threads = static_cast<int>(std::max(2u, cores));
    std::vector<std::string> labels;
    for (auto const& r : router.routes()) labels.push_back(fmt::format("{} {}", method_name(r->method), r->pattern));
    metrics.init_routes(std::move(labels));
    auto impl = std::make_unique<Impl>(router, metrics, options);
    for (auto const& r : router.routes())
        if (r->doc.body == BodyStorage::File) impl->file_routes = true;
    if (impl->file_routes && !options.upload_dir.empty()) {
        // Uploads a killed server was receiving or still had in use: personal data does not linger.
        std::error_code ec;
        for (auto const& e : std::filesystem::directory_iterator(options.upload_dir, ec))
            if (e.path().filename().string().starts_with("pilar-upload-")) std::filesystem::remove(e.path(), ec);
    }
    PILAR_TRY(impl->load_tls());
    PILAR_TRY(impl->access_log.open());
    bool const shared = options.io_threads > 1;
    if (shared) impl->contexts.push_back(std::make_unique<asio::io_context>(options.io_threads));
    for (int i = 0; i < options.io_threads; ++i) {
        auto w = std::make_unique<Worker>();
        w->index = i;
        if (!shared) impl->contexts.push_back(std::make_unique<asio::io_context>(1));
        w->ioc = impl->contexts.back().get();
        w->exec = shared ? asio::any_io_executor(asio::make_strand(*w->ioc)) : asio::any_io_executor(w->ioc->get_executor());
        w->log = impl->access_log.thread_buffer();
        w->flush_timer = std::make_unique<asio::steady_timer>(w->exec);
        impl->workers.push_back(std::move(w));
    }
    PILAR_TRY(impl->listen());
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return m_impl->bound_port; }
bool Server::tls() const { return m_impl->tls != nullptr; }

void Server::run() {
    auto& impl = *m_impl;
    if (impl.options.handle_signals) {
        impl.signals = std::make_unique<asio::signal_set>(impl.workers[0]->exec, SIGINT, SIGTERM);
        impl.signals->async_wait([&impl](boost::system::error_code ec, int sig) {
            if (!ec) {
                spdlog::info("received signal {}", sig);
                impl.begin_shutdown();
            }
        });
    }
    for (auto& w : impl.workers) {
        asio::co_spawn(w->exec, impl.accept_loop(*w), asio::detached);
        impl.schedule_flush(*w);
    }
    auto serve = [](Worker* w) {
        t_worker = w;
        w->ioc->run();
        t_worker = nullptr;
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl.workers.size(); ++i) threads.emplace_back(serve, impl.workers[i].get());
    serve(impl.workers[0].get());
    for (auto& t : threads) t.join();
    impl.pool.join();
    for (auto& w : impl.workers) w->log->flush();
}

void Server::stop() { m_impl->begin_shutdown(); }

}  // namespace pilar::http
