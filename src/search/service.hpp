// Fuzzy person search (issue 6 item 7): the search box's and the entry check's way to find a
// member by a name as people type it, over the in-memory PersonIndex (index.hpp).
//
//   SearchService search(registry, wilayah);
//   search.warm_up();                                     // builds the index in the background
//   auto r = search.search(actor, {.q = "moch rizky", .tahun_lahir = 1990, .limit = 10});
//   r->items[0].anggota.nama;  r->items[0].skor;         // best first, NIK masked
//   auto r2 = search.search(actor, {.q = "3671014512870001"});   // 16 digits: exact NIK / No. KK
//
// Freshness: the index is built from the registry and then caught up from the registry's change
// feed (migration 0014: one row per member written, in the writer's transaction) at the start of
// every search, under a lock — so a write acknowledged before a search began is always reflected,
// and several server processes on one database each stay right. A large gap (a bulk import)
// rebuilds the index from a snapshot instead of replaying it row by row.
//
// Scope: the index holds the whole city; every query carries the caller's scope ranges, so a
// person outside it is never a candidate (nor counted), and every result is then read through
// RegistryService::anggota(), which checks the scope again and masks NIK as lists do.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/actor.hpp"
#include "registry/service.hpp"
#include "search/index.hpp"
#include "wilayah/service.hpp"

namespace pilar::search {

struct SearchQuery {
    std::string q;                            // a name, or a 16-digit NIK / No. KK
    std::optional<int> tahun_lahir;           // 1900..2100
    int toleransi_tahun = 1;                  // 0..10, with tahun_lahir
    std::optional<std::string> jenis_kelamin; // "L" or "P"
    std::optional<std::string> kode_wilayah;  // a region (any level): at or below it
    // YYYY-MM-DD when the searcher knows it: the same date ranks first, day/month swapped next;
    // without tahun_lahir it also restricts to its year +- toleransi_tahun.
    std::optional<std::string> tanggal_lahir;
    int limit = 10;                           // 1..50
};

struct Hasil {
    registry::Anggota anggota;
    double skor = 0;  // name similarity 0..1 (1 for an exact NIK / No. KK)
    std::string kode_kelurahan, nama_kelurahan;
};

struct SearchResult {
    std::string cara;  // "nama", "nik" or "no_kk"
    std::vector<Hasil> items;
};

class SearchService {
public:
    SearchService(registry::RegistryService& registry, wilayah::WilayahService& wilayah) : m_registry(registry), m_wilayah(wilayah) {}
    ~SearchService();
    SearchService(SearchService const&) = delete;
    SearchService& operator=(SearchService const&) = delete;

    Result<SearchResult> search(Actor const& actor, SearchQuery const& q);

    // The index's hits for `q` among the members the caller may see (q.scope is replaced by the
    // caller's), after catching up; ids and scores only — for the duplicate check (src/dedup),
    // which reads the records through the registry itself.
    Result<std::vector<Hit>> find(Actor const& actor, IndexQuery q);

    // Builds the index if needed and applies every change the feed holds.
    Result<void> catch_up();
    // Starts catch_up() on a background thread (serve: the first search need not wait for it).
    void warm_up();
    [[nodiscard]] std::size_t size() const;

private:
    Result<void> rebuild();
    void name_kelurahan(Hasil& h);

    registry::RegistryService& m_registry;
    wilayah::WilayahService& m_wilayah;
    mutable std::shared_mutex m_index_mutex;  // shared: searching; exclusive: changing
    PersonIndex m_index;
    std::mutex m_catch_up_mutex;  // one catch-up at a time
    std::atomic<std::int64_t> m_applied{-1};  // the feed position the index reflects; -1: not built
    std::thread m_warm_up;
};

// The caller's scope as index ranges (empty for the system actor, which sees everything).
std::vector<RegionRange> scope_ranges(Actor const& actor);

}  // namespace pilar::search
