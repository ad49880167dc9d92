// Prometheus metrics for /metrics: requests by route and status, a latency histogram per route,
// connection gauges, and gauges other parts register (database pool use). Counters are relaxed
// atomics: a scrape may be a few requests behind, never wrong for long, and the hot path pays
// one uncontended add per counter.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pilar::http {

class Metrics {
public:
    static constexpr std::array<double, 14> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,    0.25,  0.5,    1.0,   2.5,   5.0,  10.0};

    // route_labels[i] = "GET /api/v1/wilayah/{kode}"; the last slot is for unmatched requests.
    // Called once by Server::create, before any request.
    void init_routes(std::vector<std::string> route_labels);

    void observe(int route_id, int status, std::chrono::nanoseconds latency);
    int unmatched_route_id() const { return static_cast<int>(m_routes.size()) - 1; }

    std::atomic<long long> connections_open{0};
    std::atomic<unsigned long long> connections_total{0};
    std::atomic<unsigned long long> connections_rejected{0};
    std::atomic<unsigned long long> tls_handshake_failures{0};

    void add_gauge(std::string name, std::string help, std::function<double()> read);
    std::string render() const;

private:
    struct PerRoute {
        std::string method;
        std::string route;
        std::array<std::atomic<unsigned long long>, 600> by_status{};
        std::array<std::atomic<unsigned long long>, kBuckets.size() + 1> buckets{};
        std::atomic<unsigned long long> latency_sum_ns{0};
        std::atomic<unsigned long long> count{0};
    };
    struct Gauge {
        std::string name, help;
        std::function<double()> read;
    };
    std::vector<std::unique_ptr<PerRoute>> m_routes;
    mutable std::mutex m_gauges_mutex;
    std::vector<Gauge> m_gauges;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

}  // namespace pilar::http
