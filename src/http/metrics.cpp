#include "http/metrics.hpp"

#include <fmt/format.h>

namespace pilar::http {
namespace {

template <typename... Args>
void append(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

}  // namespace

void Metrics::init_routes(std::vector<std::string> route_labels) {
    m_routes.clear();
    route_labels.push_back("- unmatched");
    for (auto& label : route_labels) {
        auto r = std::make_unique<PerRoute>();
        auto sp = label.find(' ');
        r->method = label.substr(0, sp);
        r->route = sp == std::string::npos ? label : label.substr(sp + 1);
        m_routes.push_back(std::move(r));
    }
}

void Metrics::observe(int route_id, int status, std::chrono::nanoseconds latency) {
    if (route_id < 0 || route_id >= static_cast<int>(m_routes.size())) route_id = unmatched_route_id();
    auto& r = *m_routes[route_id];
    if (status < 0 || status >= 600) status = 0;
    r.by_status[status].fetch_add(1, std::memory_order_relaxed);
    double seconds = std::chrono::duration<double>(latency).count();
    size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    r.buckets[b].fetch_add(1, std::memory_order_relaxed);
    r.latency_sum_ns.fetch_add(static_cast<unsigned long long>(latency.count()), std::memory_order_relaxed);
    r.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(m_gauges_mutex);
    m_gauges.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
    std::string out;
    out.reserve(16384);
    append(out, "# HELP pilar_http_requests_total HTTP requests by route and status.\n"
        "# TYPE pilar_http_requests_total counter\n");
    for (auto const& r : m_routes)
        for (int s = 0; s < 600; ++s)
            if (auto n = r->by_status[s].load(std::memory_order_relaxed))
                append(out, "pilar_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", r->method, r->route, s, n);
    append(out, "# HELP pilar_http_request_duration_seconds Time from a complete request to its response.\n"
        "# TYPE pilar_http_request_duration_seconds histogram\n");
    for (auto const& r : m_routes) {
        auto count = r->count.load(std::memory_order_relaxed);
        if (!count) continue;
        unsigned long long cumulative = 0;
        for (size_t b = 0; b < kBuckets.size(); ++b) {
            cumulative += r->buckets[b].load(std::memory_order_relaxed);
            append(out, "pilar_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n", r->method,
                r->route, kBuckets[b], cumulative);
        }
        cumulative += r->buckets[kBuckets.size()].load(std::memory_order_relaxed);
        append(out, "pilar_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"+Inf\"}} {}\n", r->method,
            r->route, cumulative);
        append(out, "pilar_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {:.6f}\n", r->method, r->route,
            static_cast<double>(r->latency_sum_ns.load(std::memory_order_relaxed)) / 1e9);
        append(out, "pilar_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n", r->method, r->route, cumulative);
    }
    append(out, "# HELP pilar_http_connections_open Client connections open now.\n# TYPE pilar_http_connections_open gauge\n"
        "pilar_http_connections_open {}\n",
        connections_open.load());
    append(out, "# HELP pilar_http_connections_total Client connections accepted.\n# TYPE pilar_http_connections_total counter\n"
        "pilar_http_connections_total {}\n",
        connections_total.load());
    append(out, "# HELP pilar_http_connections_rejected_total Connections refused at the connection limit.\n"
        "# TYPE pilar_http_connections_rejected_total counter\npilar_http_connections_rejected_total {}\n",
        connections_rejected.load());
    append(out, "# HELP pilar_http_tls_handshake_failures_total TLS handshakes that failed (plain HTTP on the TLS port, bad clients).\n"
        "# TYPE pilar_http_tls_handshake_failures_total counter\npilar_http_tls_handshake_failures_total {}\n",
        tls_handshake_failures.load());
    append(out, "# HELP pilar_uptime_seconds Seconds since the server started.\n# TYPE pilar_uptime_seconds gauge\n"
        "pilar_uptime_seconds {:.0f}\n",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count());
    std::lock_guard lock(m_gauges_mutex);
    for (auto const& g : m_gauges)
        append(out, "# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.read());
    return out;
}

}  // namespace pilar::http
