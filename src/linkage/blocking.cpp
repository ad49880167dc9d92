#include "linkage/blocking.hpp"

#include <algorithm>
#include <array>
#include <thread>

namespace pilar::linkage {

std::string_view block_key_name(BlockKey key) {
    static constexpr std::array<std::string_view, kBlockKeyCount> kNames{
        "nik", "nik_awal", "nama_tanggal", "kelurahan_tanggal", "nama_kelurahan", "nama_kel_tahun", "nama_kel_hari"};
    return kNames[static_cast<size_t>(key)];
}

void parallel_for(size_t n, unsigned threads, std::function<void(size_t, size_t, unsigned)> const& fn) {
    threads = std::max(1u, threads);
    if (threads == 1 || n < 1024) {
        fn(0, n, 0);
        for (unsigned t = 1; t < threads; ++t) fn(n, n, t);
        return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        size_t const begin = n * t / threads;
        size_t const end = n * (t + 1) / threads;
        pool.emplace_back([&fn, begin, end, t] { fn(begin, end, t); });
    }
    for (auto& th : pool) th.join();
}

void sort_unique(std::vector<std::uint64_t>& values, unsigned threads) {
    threads = std::max(1u, threads);
    if (threads == 1 || values.size() < (1u << 16)) {
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return;
    }
    // Partition by the high half (the smaller record index), sort the parts side by side.
    std::uint64_t max_hi = 0;
    for (auto v : values) max_hi = std::max(max_hi, v >> 32);
    auto bucket_of = [&](std::uint64_t v) { return static_cast<unsigned>((v >> 32) * threads / (max_hi + 1)); };
    std::vector<size_t> start(threads + 1, 0);
    for (auto v : values) ++start[bucket_of(v) + 1];
    for (unsigned t = 0; t < threads; ++t) start[t + 1] += start[t];
    std::vector<std::uint64_t> out(values.size());
    {
        std::vector<size_t> pos(start.begin(), start.end() - 1);
        for (auto v : values) out[pos[bucket_of(v)]++] = v;
    }
    std::vector<size_t> kept(threads, 0);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            auto first = out.begin() + static_cast<std::ptrdiff_t>(start[t]);
            auto last = out.begin() + static_cast<std::ptrdiff_t>(start[t + 1]);
            std::sort(first, last);
            kept[t] = static_cast<size_t>(std::unique(first, last) - first);
        });
    }
    for (auto& th : pool) th.join();
    size_t n = 0;
    for (unsigned t = 0; t < threads; ++t) {
        std::copy_n(out.begin() + static_cast<std::ptrdiff_t>(start[t]), kept[t], out.begin() + static_cast<std::ptrdiff_t>(n));
        n += kept[t];
    }
    out.resize(n);
    values = std::move(out);
}

namespace {

struct Entry {
    std::uint64_t key;
    std::uint32_t person;
    friend bool operator<(Entry const& a, Entry const& b) {
        return a.key != b.key ? a.key < b.key : a.person < b.person;
    }
};

constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    std::uint64_t z = h ^ (v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The key type lives in the top 3 bits, so equal hashes of different keys never meet.
constexpr std::uint64_t tag(BlockKey k, std::uint64_t h) {
    return (static_cast<std::uint64_t>(k) << 61) | (h & ((std::uint64_t{1} << 61) - 1));
}
constexpr BlockKey key_of(std::uint64_t key) { return static_cast<BlockKey>(key >> 61); }

std::uint64_t nik_number(Person const& p, int digits) {
    std::uint64_t v = 0;
    for (int i = 0; i < digits; ++i) v = v * 10 + static_cast<std::uint64_t>(p.nik[i] - '0');
    return v;
}

// Order of a capped block's members: by whole-name phonetic keys, then birth date.
std::uint64_t sort_key(PersonTable const& people, std::uint32_t i) {
    std::array<std::uint32_t, kMaxNameTokens> ph{};
    auto name = people.name(i);
    for (size_t k = 0; k < name.size(); ++k) ph[k] = people.tokens().phonetic(name[k]);
    std::sort(ph.begin(), ph.begin() + static_cast<std::ptrdiff_t>(name.size()));
    std::uint64_t h = 1;
    for (size_t k = 0; k < name.size(); ++k) h = mix(h, ph[k]);
    Person const& p = people[i];
    return (h & ~std::uint64_t{0xFFFFF}) | static_cast<std::uint64_t>((p.year % 1000) * 384 + p.month * 32 + p.day);
}

void emit_keys(PersonTable const& people, std::uint32_t i, std::uint32_t common_limit, std::vector<Entry>& out) {
    Person const& p = people[i];
    auto add = [&](BlockKey k, std::uint64_t h) { out.push_back({tag(k, h), i}); };
    if (p.has_nik) {
        add(BlockKey::Nik, nik_number(p, 16));
        add(BlockKey::NikAwal, nik_number(p, 12));
    }
    auto const name = people.name(i);
    TokenTable const& tokens = people.tokens();
    std::array<std::uint32_t, kMaxNameTokens> ph{};
    size_t n = 0;
    for (auto t : name) ph[n++] = tokens.phonetic(t);
    std::sort(ph.begin(), ph.begin() + static_cast<std::ptrdiff_t>(n));
    std::uint64_t whole = 0x5EED;
    for (size_t k = 0; k < n; ++k) whole = mix(whole, ph[k]);
    int const md_lo = std::min(p.month, p.day);
    int const md_hi = std::max(p.month, p.day);
    std::uint64_t const dob = static_cast<std::uint64_t>(p.year) * 10000 + static_cast<std::uint64_t>(p.month) * 100 +
                              static_cast<std::uint64_t>(p.day);
    if (p.has_dob && p.kelurahan != 0) add(BlockKey::KelurahanTanggal, mix(p.kelurahan, dob));
    if (n > 0 && p.kelurahan != 0) add(BlockKey::NamaKelurahan, mix(whole, p.kelurahan));
    // One key per distinct, informative token (not an initial, not a very common token).
    std::uint32_t last_ph = 0;
    for (size_t k = 0; k < name.size(); ++k) {
        std::uint32_t const t = name[k];
        if (tokens.text(t).size() < 2 || tokens.frequency(t) > common_limit) continue;
        std::uint32_t const phk = tokens.phonetic(t);
        if (phk == last_ph) continue;
        last_ph = phk;
        if (p.has_dob) {
            add(BlockKey::NamaTanggal,
                mix(mix(phk, static_cast<std::uint64_t>(p.year)), static_cast<std::uint64_t>(md_lo * 100 + md_hi)));
            if (p.kelurahan != 0) {
                add(BlockKey::NamaKelTahun, mix(mix(phk, p.kelurahan), static_cast<std::uint64_t>(p.year)));
                add(BlockKey::NamaKelHari,
                    mix(mix(phk, p.kelurahan), static_cast<std::uint64_t>(100000 + p.month * 100 + p.day)));
            }
        }
    }
}

}  // namespace

BlockingResult block(PersonTable const& people, BlockingOptions const& options) {
    unsigned const threads = std::max(1u, options.threads);
    size_t const n = people.size();
    auto const common_limit =
        static_cast<std::uint32_t>(std::max(50.0, options.common_token_share * static_cast<double>(n)));

    std::vector<std::vector<Entry>> parts(threads);
    parallel_for(n, threads, [&](size_t begin, size_t end, unsigned t) {
        auto& out = parts[t];
        out.reserve((end - begin) * 6);
        for (size_t i = begin; i < end; ++i) emit_keys(people, static_cast<std::uint32_t>(i), common_limit, out);
        std::sort(out.begin(), out.end());
    });
    std::vector<Entry> entries;
    {
        size_t total = 0;
        for (auto& p : parts) total += p.size();
        entries.reserve(total);
        for (auto& p : parts) {
            auto const mid = entries.size();
            entries.insert(entries.end(), p.begin(), p.end());
            std::vector<Entry>().swap(p);
            std::inplace_merge(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(mid), entries.end());
        }
    }

    // Split the sorted entries at block boundaries, one range per thread.
    std::vector<size_t> bounds{0};
    for (unsigned t = 1; t < threads; ++t) {
        size_t b = entries.size() * t / threads;
        while (b > 0 && b < entries.size() && entries[b].key == entries[b - 1].key) ++b;
        bounds.push_back(std::max(b, bounds.back()));
    }
    bounds.push_back(entries.size());

    struct Part {
        std::vector<std::uint64_t> pairs;
        std::vector<CappedBlock> capped;
        std::array<std::uint64_t, kBlockKeyCount> by_key{};
    };
    std::vector<Part> results(threads);
    std::vector<std::thread> pool;
    auto work = [&](unsigned t) {
        Part& r = results[t];
        std::vector<std::pair<std::uint64_t, std::uint32_t>> members;
        size_t i = bounds[t];
        size_t const end = bounds[t + 1];
        while (i < end) {
            size_t j = i + 1;
            while (j < end && entries[j].key == entries[i].key) ++j;
            size_t const size = j - i;
            auto const k = key_of(entries[i].key);
            if (size >= 2 && size <= options.max_block) {
                for (size_t a = i; a < j; ++a)
                    for (size_t b = a + 1; b < j; ++b)
                        if (entries[a].person != entries[b].person)
                            r.pairs.push_back(static_cast<std::uint64_t>(entries[a].person) << 32 | entries[b].person);
                r.by_key[static_cast<size_t>(k)] += size * (size - 1) / 2;
            } else if (size > options.max_block) {
                r.capped.push_back({k, size, entries[i].person});
                members.clear();
                for (size_t a = i; a < j; ++a) members.emplace_back(sort_key(people, entries[a].person), entries[a].person);
                std::sort(members.begin(), members.end());
                for (size_t a = 0; a < members.size(); ++a) {
                    for (size_t b = a + 1; b < members.size() && b <= a + options.window; ++b) {
                        auto x = members[a].second, y = members[b].second;
                        if (x == y) continue;
                        if (x > y) std::swap(x, y);
                        r.pairs.push_back(static_cast<std::uint64_t>(x) << 32 | y);
                        ++r.by_key[static_cast<size_t>(k)];
                    }
                }
            }
            i = j;
        }
    };
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
    std::vector<Entry>().swap(entries);

    BlockingResult out;
    size_t total = 0;
    for (auto& r : results) total += r.pairs.size();
    out.pairs.reserve(total);
    for (auto& r : results) {
        out.pairs.insert(out.pairs.end(), r.pairs.begin(), r.pairs.end());
        std::vector<std::uint64_t>().swap(r.pairs);
        out.capped.insert(out.capped.end(), r.capped.begin(), r.capped.end());
        for (int k = 0; k < kBlockKeyCount; ++k) out.pairs_by_key[k] += r.by_key[k];
    }
    sort_unique(out.pairs, threads);
    std::sort(out.capped.begin(), out.capped.end(),
              [](CappedBlock const& a, CappedBlock const& b) { return a.size > b.size; });
    return out;
}

}  // namespace pilar::linkage
