#include "linkage/blocking.hpp"

#include <algorithm>
#include <array>
#include <thread>

namespace pilar::linkage {

std::string_view block_key_name(BlockKey key) {
    static constexpr std::array<std::string_view, kBlockKeyCount> kNames{
        "nik",           "nik_awal",       "nama_tanggal",  "kelurahan_tanggal",
        "nama_kelurahan", "nama_kel_tahun", "nama_kel_hari", "nama_lengkap_tanggal"};
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

// A hash of the whole name's phonetic keys (token order ignored); 0 for no name.
std::uint64_t whole_name_key(PersonTable const& people, std::uint32_t i) {
    std::array<std::uint32_t, kMaxNameTokens> ph{};
    auto name = people.name(i);
    if (name.empty()) return 0;
    for (size_t k = 0; k < name.size(); ++k) ph[k] = people.tokens().phonetic(name[k]);
    std::sort(ph.begin(), ph.begin() + static_cast<std::ptrdiff_t>(name.size()));
    std::uint64_t h = 1;
    for (size_t k = 0; k < name.size(); ++k) h = mix(h, ph[k]);
    return h == 0 ? 1 : h;
}

// Order of a capped block's members: by whole-name phonetic keys, then birth date.
std::uint64_t sort_key(PersonTable const& people, std::uint32_t i) {
    Person const& p = people[i];
    return (whole_name_key(people, i) & ~std::uint64_t{0xFFFFF}) |
           static_cast<std::uint64_t>((p.year % 1000) * 384 + p.month * 32 + p.day);
}

}  // namespace

BlockKeys::BlockKeys(PersonTable const& people, BlockingOptions const& options)
    : m_people(people),
      m_options(options),
      m_common_limit(
          static_cast<std::uint32_t>(std::max(50.0, options.common_token_share * static_cast<double>(people.size())))),
      m_refine_city(people.size() > options.refine_city) {
    for (size_t i = 0; i < people.size(); ++i) {
        Person const& p = people[i];
        if (p.kelurahan != 0) ++m_kelurahan_rows[p.kelurahan];
        if (p.has_nik) ++m_kecamatan_rows[nik_number(p, 6)];
    }
}

template <class Add>
void BlockKeys::for_each(std::uint32_t i, Add&& add) const {
    Person const& p = m_people[i];
    auto rows_in = [](auto const& counts, std::uint64_t unit) -> size_t {
        auto it = counts.find(unit);
        return it == counts.end() ? 0 : it->second;
    };
    // The kelurahan, or in a populous kelurahan the RW, for the kelurahan keys.
    std::uint64_t const place = rows_in(m_kelurahan_rows, p.kelurahan) > m_options.refine_kelurahan
                                    ? mix(p.kelurahan, 0x5257'0000u + p.rw)
                                    : p.kelurahan;
    if (p.has_nik) {
        add(BlockKey::Nik, nik_number(p, 16));
        std::uint64_t nik_awal = nik_number(p, 12);
        if (rows_in(m_kecamatan_rows, nik_number(p, 6)) > m_options.refine_kecamatan)
            nik_awal = mix(nik_awal, p.kelurahan * 1000 + p.rw);
        add(BlockKey::NikAwal, nik_awal);
    }
    auto const name = m_people.name(i);
    TokenTable const& tokens = m_people.tokens();
    std::array<std::uint32_t, kMaxNameTokens> ph{};
    size_t n = 0;
    for (auto t : name) ph[n++] = tokens.phonetic(t);
    std::sort(ph.begin(), ph.begin() + static_cast<std::ptrdiff_t>(n));
    std::uint64_t whole = 0x5EED;
    for (size_t k = 0; k < n; ++k) whole = mix(whole, ph[k]);
    int const md_lo = std::min(p.month, p.day);
    int const md_hi = std::max(p.month, p.day);
    // h + birth year + {day, month}, mixed in this order: mix() of two small numbers collides.
    auto with_year_and_days = [&](std::uint64_t h) {
        return mix(mix(h, static_cast<std::uint64_t>(p.year)), static_cast<std::uint64_t>(md_lo * 100 + md_hi));
    };
    std::uint64_t const dob = static_cast<std::uint64_t>(p.year) * 10000 + static_cast<std::uint64_t>(p.month) * 100 +
                              static_cast<std::uint64_t>(p.day);
    if (p.has_dob && p.kelurahan != 0) add(BlockKey::KelurahanTanggal, mix(place, dob));
    if (n > 0 && p.kelurahan != 0) add(BlockKey::NamaKelurahan, mix(whole, place));
    // In a city too populous for nama_tanggal alone (below), the whole name and birth date still
    // meet anywhere: people who moved across kecamatan.
    if (m_refine_city && n > 0 && p.has_dob) add(BlockKey::NamaLengkapTanggal, with_year_and_days(whole));
    // One key per distinct, informative token (not an initial, not a very common token).
    std::uint32_t last_ph = 0;
    for (size_t k = 0; k < name.size(); ++k) {
        std::uint32_t const t = name[k];
        if (tokens.text(t).size() < 2 || tokens.frequency(t) > m_common_limit) continue;
        std::uint32_t const phk = tokens.phonetic(t);
        if (phk == last_ph) continue;
        last_ph = phk;
        if (p.has_dob) {
            std::uint64_t nama_tanggal = with_year_and_days(phk);
            if (m_refine_city) nama_tanggal = mix(nama_tanggal, p.kelurahan / 10000);  // the kecamatan
            add(BlockKey::NamaTanggal, nama_tanggal);
            if (p.kelurahan != 0) {
                add(BlockKey::NamaKelTahun, mix(mix(phk, place), static_cast<std::uint64_t>(p.year)));
                add(BlockKey::NamaKelHari, mix(mix(phk, place), static_cast<std::uint64_t>(100000 + p.month * 100 + p.day)));
            }
        }
    }
}

std::vector<std::pair<BlockKey, std::uint64_t>> BlockKeys::of(std::uint32_t person) const {
    std::vector<std::pair<BlockKey, std::uint64_t>> out;
    for_each(person, [&](BlockKey k, std::uint64_t h) { out.emplace_back(k, tag(k, h)); });
    return out;
}

namespace {

// The finer field a block of `key` larger than sub_block is split by (blocking.hpp); 0 when the
// row lacks it. The nik key has none: people sharing a NIK are few unless the NIK is junk, and
// junk is what the cap is for.
constexpr bool has_companion(BlockKey key) { return key != BlockKey::Nik && key != BlockKey::NamaLengkapTanggal; }

std::uint64_t companion(BlockKey key, Person const& p) {
    switch (key) {
    case BlockKey::Nik:
    case BlockKey::NamaLengkapTanggal:
        return 0;
    case BlockKey::NikAwal:
        return p.kelurahan == 0 ? 0 : p.kelurahan * 1000 + p.rw;
    case BlockKey::NamaTanggal:
        return p.kelurahan;
    case BlockKey::KelurahanTanggal:
    case BlockKey::NamaKelurahan:
    case BlockKey::NamaKelTahun:
    case BlockKey::NamaKelHari:
        return p.rw;
    }
    return 0;
}

}  // namespace

BlockingResult block(PersonTable const& people, BlockingOptions const& options) {
    unsigned const threads = std::max(1u, options.threads);
    size_t const n = people.size();
    BlockKeys const keys(people, options);

    std::vector<std::vector<Entry>> parts(threads);
    parallel_for(n, threads, [&](size_t begin, size_t end, unsigned t) {
        auto& out = parts[t];
        out.reserve((end - begin) * 6);
        for (size_t i = begin; i < end; ++i) {
            auto const person = static_cast<std::uint32_t>(i);
            keys.for_each(person, [&](BlockKey k, std::uint64_t h) { out.push_back({tag(k, h), person}); });
        }
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
        std::array<std::uint64_t, kBlockKeyCount> split{};
    };
    std::vector<Part> results(threads);
    std::vector<std::thread> pool;
    auto work = [&](unsigned t) {
        Part& r = results[t];
        std::vector<std::uint32_t> group;
        std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted;
        // All pairs of `group` (distinct people), or above max_block each member with its next
        // `window` neighbours in name order, and the group reported.
        auto pair_up = [&](BlockKey k) {
            size_t const size = group.size();
            auto& count = r.by_key[static_cast<size_t>(k)];
            if (size < 2) return;
            if (size <= options.max_block) {
                for (size_t a = 0; a < size; ++a)
                    for (size_t b = a + 1; b < size; ++b)
                        if (group[a] != group[b])
                            r.pairs.push_back(static_cast<std::uint64_t>(group[a]) << 32 | group[b]);
                count += size * (size - 1) / 2;
                return;
            }
            r.capped.push_back({k, size, group.front()});
            sorted.clear();
            for (auto person : group) sorted.emplace_back(sort_key(people, person), person);
            std::sort(sorted.begin(), sorted.end());
            for (size_t a = 0; a < size; ++a) {
                for (size_t b = a + 1; b < size && b <= a + options.window; ++b) {
                    auto x = sorted[a].second, y = sorted[b].second;
                    if (x == y) continue;
                    if (x > y) std::swap(x, y);
                    r.pairs.push_back(static_cast<std::uint64_t>(x) << 32 | y);
                    ++count;
                }
            }
        };
        std::vector<std::pair<std::uint64_t, std::uint32_t>> by_companion;
        struct Named {
            std::uint64_t name, companion;
            std::uint32_t person;
            auto operator<=>(Named const&) const = default;
        };
        std::vector<Named> by_name;
        size_t i = bounds[t];
        size_t const end = bounds[t + 1];
        while (i < end) {
            size_t j = i + 1;
            while (j < end && entries[j].key == entries[i].key) ++j;
            auto const k = key_of(entries[i].key);
            if (j - i > options.sub_block && has_companion(k)) {
                ++r.split[static_cast<size_t>(k)];
                by_companion.clear();
                for (size_t a = i; a < j; ++a) by_companion.emplace_back(companion(k, people[entries[a].person]), entries[a].person);
                std::sort(by_companion.begin(), by_companion.end());
                for (size_t a = 0; a < by_companion.size();) {
                    size_t b = a;
                    group.clear();
                    for (; b < by_companion.size() && by_companion[b].first == by_companion[a].first; ++b)
                        group.push_back(by_companion[b].second);
                    pair_up(k);
                    a = b;
                }
                // Across sub-blocks, people whose whole names sound the same still meet (moved
                // house, region missing): few pairs, and most of what the split would lose.
                by_name.clear();
                for (auto const& [c, person] : by_companion)
                    if (auto const h = whole_name_key(people, person); h != 0) by_name.push_back({h, c, person});
                std::sort(by_name.begin(), by_name.end());
                for (size_t a = 0; a < by_name.size();) {
                    size_t b = a;
                    while (b < by_name.size() && by_name[b].name == by_name[a].name) ++b;
                    // More than sub_block people of one name here are namesakes, not one person
                    // who moved: left to their sub-blocks.
                    if (b - a <= options.sub_block) {
                        for (size_t x = a; x < b; ++x)
                            for (size_t y = x + 1; y < b; ++y)
                                if (by_name[x].companion != by_name[y].companion && by_name[x].person != by_name[y].person) {
                                    auto const [lo, hi] = std::minmax(by_name[x].person, by_name[y].person);
                                    r.pairs.push_back(static_cast<std::uint64_t>(lo) << 32 | hi);
                                    ++r.by_key[static_cast<size_t>(k)];
                                }
                    }
                    a = b;
                }
            } else {
                group.clear();
                for (size_t a = i; a < j; ++a) group.push_back(entries[a].person);
                pair_up(k);
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
        for (int k = 0; k < kBlockKeyCount; ++k) {
            out.pairs_by_key[k] += r.by_key[k];
            out.split_by_key[k] += r.split[k];
        }
    }
    sort_unique(out.pairs, threads);
    std::sort(out.capped.begin(), out.capped.end(),
              [](CappedBlock const& a, CappedBlock const& b) { return a.size > b.size; });
    return out;
}

}  // namespace pilar::linkage
