#include "registry/import.hpp"

#include <boost/json.hpp>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"
#include "registry/columns.hpp"
#include "registry/convert.hpp"
#include "registry/seal.hpp"
#include "registry/store.hpp"
#include "wilayah/store.hpp"
#include "xlsx/xlsx_reader.hpp"

namespace pilar::registry {
namespace {

using store::AnggotaRow;
using store::KeluargaRow;

constexpr std::size_t kBatch = 1024;
constexpr std::size_t kQueueBatches = 4;
constexpr long long kProgressEvery = 65536;
// ImportOptions::keys_in_memory: 3/4 of 2^21 slots of 12 bytes (24 MB), the most the table holds
// before it would double.
constexpr std::size_t kKeysInMemory = (std::size_t{1} << 21) / 4 * 3;
constexpr std::size_t kHouseholdsInMemory = std::size_t{1} << 19;  // 16 MB
// Records per sorted run of the numbers past the table (2 MB).
constexpr std::size_t kRunRecords = std::size_t{1} << 17;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
};

// A household of the registry as the anggota import sees it.
struct Household {
    std::int64_t id;
    std::string const* kode_wilayah;  // interned: a few thousand distinct codes
};

// One row of the file on its way from a worker to the writer: read (in file order, under the
// reader's lock), checked (in parallel), judged against the rows before it (in file order),
// sealed (in parallel), written (in file order, by the caller's thread).
struct Prepared {
    long long line = 0;
    bool read_error = false;  // the reader could not make a record of it: errors[0] says why
    bool ok = false;          // valid: goes to the writer
    bool seal = false;        // valid and will be written: given an id, to be sealed
    bool nik_date_differs = false;
    KeluargaRow k;
    AnggotaRow a;
    std::vector<int> ppks;
    std::string key_bi;  // blind index of the upsert key (No. KK / NIK); empty: not computed
    std::optional<Household> household;  // anggota: the member's household, when found
    std::vector<FieldError> errors;        // this row's problems, in the order they are reported
    // The clear record, kept only when rows may match existing ones (an update re-seals it under
    // the existing row's id).
    std::optional<KeluargaRecord> k_clear;
    std::optional<AnggotaRecord> a_clear;
};
// Batches go round: a worker fills one, the writer hands it back when it is done, and a worker
// refills its items in place, so the strings keep their capacity and the steady state allocates
// almost nothing (allocation, not parsing, was the import's largest cost).
struct Batch {
    std::vector<Prepared> items;
    std::size_t n = 0;  // items in use
};

// How many workers compute at once, when ImportOptions::cpu_threads sets a number of hardware
// threads: that many while the writer waits for a batch, one fewer while it writes. A worker takes
// a slot for the work it does on its own (reading, checking, sealing a batch) and never holds one
// while it waits for its turn, so no worker can wait for a slot held by one that waits for it.
// By default (0) there is no limit. The limit (one worker at a time beside the writer on two
// cores) was the default while the writer set the load's pace (bench/RESULTS.md, import,
// 2026-11-29 17:50-19:40); since its work shrank, the workers set it: in a quiet million-row
// load the writer was busy ~70 % of the time and the two cores 1.72 busy (median), without the
// limit 1.84, and the import took 5.08 s instead of 5.31 s (2026-11-30 08:50-10:10).
class CpuSlots {
public:
    // `hardware_threads`: 0 for no limit.
    explicit CpuSlots(int hardware_threads) : m_threads(hardware_threads > 0 ? hardware_threads : kNoLimit) {}
    void take() {
        std::unique_lock lock(m_mutex);
        m_free.wait(lock, [&] { return m_taken < m_threads - (m_writer_busy ? 1 : 0); });
        ++m_taken;
    }
    void give() {
        std::lock_guard lock(m_mutex);
        --m_taken;
        m_free.notify_one();
    }
    // The writer starts or stops waiting for a batch (or has stopped writing for good).
    void writer_busy(bool busy) {
        std::lock_guard lock(m_mutex);
        m_writer_busy = busy;
        if (!busy) m_free.notify_all();
    }

private:
    static constexpr int kNoLimit = 1 << 20;
    int const m_threads;
    std::mutex m_mutex;
    std::condition_variable m_free;
    int m_taken = 0;
    bool m_writer_busy = false;
};

// The hand-off from the workers to the writer: batches are numbered in file order when read
// and leave in that order, whichever worker finishes first; at most kQueueBatches wait.
// `close()` ends the stream.
class BatchQueue {
public:
    Batch take_free() {
        std::lock_guard lock(m_mutex);
        if (m_free.empty()) return Batch{};
        Batch b = std::move(m_free.back());
        m_free.pop_back();
        b.n = 0;
        return b;
    }
    void drop_free() {
        std::lock_guard lock(m_mutex);
        m_free = {};
    }
    void give_back(Batch b) {
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(b));
    }
    void push(std::uint64_t seq, Batch b) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return (seq == m_next_in && m_items.size() < kQueueBatches) || m_abandoned; });
        if (m_abandoned) return;
        m_items.push_back(std::move(b));
        ++m_next_in;
        m_not_full.notify_all();  // the worker holding the next number may be waiting for its turn
        m_not_empty.notify_one();
    }
    // `slots`: told when the writer has to wait.
    std::optional<Batch> pop(CpuSlots& slots) {
        std::unique_lock lock(m_mutex);
        if (m_items.empty() && !m_closed) {
            lock.unlock();
            slots.writer_busy(false);
            lock.lock();
            m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
            lock.unlock();
            slots.writer_busy(true);
            lock.lock();
        }
        if (m_items.empty()) return std::nullopt;
        Batch b = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_all();
        return b;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
    }
    // The writer failed: let the workers finish without blocking.
    void abandon() {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_items.clear();
        m_not_full.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_not_full, m_not_empty;
    std::deque<Batch> m_items;
    std::vector<Batch> m_free;
    std::uint64_t m_next_in = 0;
    bool m_closed = false;
    bool m_abandoned = false;
};

// Runs `f` for batch number `seq` after it has run for every lower number: the part of the
// work that depends on the rows before (duplicates, ids, the error report's order).
class InTurn {
public:
    template <typename F>
    void run(std::uint64_t seq, F&& f) {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_next == seq; });
        f();
        ++m_next;
        m_cv.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::uint64_t m_next = 0;
};

// Which identity numbers a file has shown so far, and on which row: an open-addressing table of
// 64-bit fingerprints (of the blind index), because a node-based map of a million entries cost
// three times the memory. Written by hand for that reason: nothing in Debian's C++ packages
// offers a flat hash map (abseil is not packaged for bookworm's compiler). Keys and rows are
// kept in two arrays (12 bytes a slot, not 16 with padding) filled to at most 3/4 (the
// fingerprints are HMAC output, so linear probing stays short): a million NIKs take 24 MB
// instead of the 64 MB (plus 32 MB while growing) of 16-byte slots at half load.
class SeenKeys {
public:
    // The row where `key` was first seen, or 0 after recording `line` for it.
    long long first_or_insert(std::uint64_t key, long long line) {
        if (key == 0) key = 1;  // 0 marks an empty slot
        if ((m_size + 1) * 4 > m_keys.size() * 3) grow();
        std::size_t const i = slot(key);
        if (m_keys[i] == key) return m_lines[i];
        m_keys[i] = key;
        m_lines[i] = static_cast<std::uint32_t>(std::min<long long>(line, UINT32_MAX));
        ++m_size;
        return 0;
    }
    // The row where `key` was first seen, or 0; records nothing.
    long long find(std::uint64_t key) const {
        if (key == 0) key = 1;
        if (m_keys.empty()) return 0;
        std::size_t const i = slot(key);
        return m_keys[i] == key ? m_lines[i] : 0;
    }
    std::size_t size() const { return m_size; }

private:
    // Where `key` is, or the empty slot where it would go.
    std::size_t slot(std::uint64_t key) const {
        std::size_t const mask = m_keys.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(key * 0x9E3779B97F4A7C15ull) & mask;; i = (i + 1) & mask)
            if (m_keys[i] == key || m_keys[i] == 0) return i;
    }
    void grow() {
        std::vector<std::uint64_t> old_keys = std::move(m_keys);
        std::vector<std::uint32_t> old_lines = std::move(m_lines);
        std::size_t const n = old_keys.empty() ? 1024 : old_keys.size() * 2;
        m_keys.assign(n, 0);
        m_lines.assign(n, 0);
        m_size = 0;
        for (std::size_t i = 0; i < old_keys.size(); ++i)
            if (old_keys[i]) first_or_insert(old_keys[i], old_lines[i]);
    }
    std::vector<std::uint64_t> m_keys;
    // Row numbers saturate at 4,294,967,295 (a file of some 80 GB): only a duplicate's message
    // would name that number instead of a later row.
    std::vector<std::uint32_t> m_lines;
    std::size_t m_size = 0;
};

Error temp_file_error(std::string const& what) {
    return Error(ErrorCode::Unavailable, {fmt::format("berkas sementara impor: {}", what), fmt::format("import temporary file: {}", what)});
}

// A temporary file in `dir` (empty: the system's), unlinked at once: nothing lingers after a
// crash or kill -9.
Result<std::FILE*> open_temp_file(std::string const& dir_or_empty) {
    std::string const dir = dir_or_empty.empty() ? std::filesystem::temp_directory_path().string() : dir_or_empty;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::string path = (std::filesystem::path(dir) / "pilar-import-XXXXXX").string();
    int const fd = ::mkstemp(path.data());
    if (fd < 0) return fail(temp_file_error(fmt::format("{}: {}", path, std::strerror(errno))));
    ::unlink(path.c_str());
    std::FILE* f = ::fdopen(fd, "w+b");
    if (!f) {
        ::close(fd);
        return fail(temp_file_error(std::strerror(errno)));
    }
    return f;
}

// Fixed-size records sorted on disk in constant memory: collected in a buffer of `run_records`,
// each full buffer sorted and written as a run to a temporary file (created in `dir` and
// unlinked at once, so nothing lingers after a crash or kill -9), then read back in order by
// merging the runs (kFanIn at most: when there are that many, they are first merged into one,
// so the read buffers stay bounded too). Written by hand: neither Debian's C++ libraries (Boost
// included) nor the standard library offer an external sort, and SQLite's own sorter is reachable
// only through SQL on the import's connection, which the workers cannot use.
template <typename T>  // trivially copyable, ordered by operator<
class SpillSorter {
public:
    SpillSorter(std::string dir, std::size_t run_records) : m_dir(std::move(dir)), m_run_records(std::max<std::size_t>(1, run_records)) {}
    SpillSorter(SpillSorter const&) = delete;
    SpillSorter& operator=(SpillSorter const&) = delete;
    ~SpillSorter() {
        for (auto* f : m_runs) std::fclose(f);
    }

    bool empty() const { return m_buffer.empty() && m_runs.empty(); }

    Result<void> add(T const& v) {
        if (m_buffer.capacity() == 0) m_buffer.reserve(m_run_records);
        m_buffer.push_back(v);
        if (m_buffer.size() < m_run_records) return {};
        PILAR_TRY(write_run());
        if (m_runs.size() < kFanIn) return {};
        // As many runs as are read at once: merge them into one.
        std::FILE* merged = PILAR_TRY(open_temp());
        Merge m;
        auto done = [&]() -> Result<void> {
            PILAR_TRY(m.start(m_runs));
            T r;
            while (PILAR_TRY(m.next(r)))
                if (std::fwrite(&r, sizeof(T), 1, merged) != 1) return fail(io_error("write"));
            if (std::fflush(merged) != 0) return fail(io_error("write"));
            return {};
        }();
        for (auto* f : m_runs) std::fclose(f);
        m_runs.assign(1, merged);
        return done;
    }

    // No add() after this; next() then gives every record in order.
    Result<void> finish() {
        if (m_runs.empty()) {
            std::sort(m_buffer.begin(), m_buffer.end());
            return {};
        }
        if (!m_buffer.empty()) PILAR_TRY(write_run());
        m_buffer = {};
        return m_merge.start(m_runs);
    }
    Result<bool> next(T& out) {
        if (!m_runs.empty()) return m_merge.next(out);
        if (m_pos == m_buffer.size()) return false;
        out = m_buffer[m_pos++];
        return true;
    }

private:
    static constexpr std::size_t kFanIn = 64;
    static Error io_error(std::string const& what) { return temp_file_error(what); }
    static Result<bool> read_one(std::FILE* f, T& out) {
        if (std::fread(&out, sizeof(T), 1, f) == 1) return true;
        if (std::ferror(f)) return fail(io_error("read"));
        return false;
    }
    // The smallest next record of each run, in a heap.
    class Merge {
    public:
        Result<void> start(std::vector<std::FILE*> const& runs) {
            m_runs = runs;
            m_heap.clear();
            for (std::size_t i = 0; i < runs.size(); ++i) {
                if (std::fseek(runs[i], 0, SEEK_SET) != 0) return fail(io_error("seek"));
                T v;
                if (PILAR_TRY(read_one(runs[i], v))) m_heap.emplace_back(v, i);
            }
            std::make_heap(m_heap.begin(), m_heap.end(), Later{});
            return {};
        }
        Result<bool> next(T& out) {
            if (m_heap.empty()) return false;
            std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
            out = m_heap.back().first;
            std::size_t const run = m_heap.back().second;
            m_heap.pop_back();
            T more;
            if (PILAR_TRY(read_one(m_runs[run], more))) {
                m_heap.emplace_back(more, run);
                std::push_heap(m_heap.begin(), m_heap.end(), Later{});
            }
            return true;
        }

    private:
        struct Later {
            bool operator()(std::pair<T, std::size_t> const& a, std::pair<T, std::size_t> const& b) const { return b.first < a.first; }
        };
        std::vector<std::FILE*> m_runs;
        std::vector<std::pair<T, std::size_t>> m_heap;
    };
    Result<std::FILE*> open_temp() { return open_temp_file(m_dir); }
    Result<void> write_run() {
        std::sort(m_buffer.begin(), m_buffer.end());
        std::FILE* f = PILAR_TRY(open_temp());
        m_runs.push_back(f);
        if (std::fwrite(m_buffer.data(), sizeof(T), m_buffer.size(), f) != m_buffer.size() || std::fflush(f) != 0)
            return fail(io_error("write"));
        m_buffer.clear();
        return {};
    }

    std::string m_dir;
    std::size_t m_run_records;
    std::vector<T> m_buffer;
    std::size_t m_pos = 0;
    std::vector<std::FILE*> m_runs;
    Merge m_merge;
};

// In-file duplicates in constant memory. The first `bound` identity numbers go into SeenKeys and
// are checked row by row, exactly; once it holds that many, it takes no more (it is still
// consulted) and the numbers of later rows go to a SpillSorter instead. After the last row,
// finish() merges them: when none of those later rows repeats another one (a file of distinct
// numbers, or whose repeats all repeat a number of the table), the first pass was exact.
// Otherwise it gives the repeated rows in file order (row, first row) — the oracle of a second
// pass over the file, which then judges every row exactly as a table without bound would.
struct KeyRow {
    std::uint64_t key;
    std::int64_t line;
    bool operator<(KeyRow const& o) const { return key != o.key ? key < o.key : line < o.line; }
};
struct RepeatRow {
    std::int64_t line;
    std::int64_t first;
    bool operator<(RepeatRow const& o) const { return line < o.line; }
};
using Oracle = SpillSorter<RepeatRow>;

class DuplicateFinder {
public:
    DuplicateFinder(std::size_t bound, std::string const& dir, std::unique_ptr<Oracle> oracle)
        : m_bound(bound), m_dir(dir), m_oracle(std::move(oracle)) {}

    // The row where `key` was first seen, or 0: its first row — or, in the first pass once the
    // table is full, not known yet (finish() tells).
    Result<long long> first_or_insert(std::uint64_t key, long long line) {
        if (key == 0) key = 1;  // as SeenKeys has it
        if (!m_full) {
            auto first = m_table.first_or_insert(key, line);
            m_full = m_table.size() >= m_bound;
            return first;
        }
        if (auto first = m_table.find(key)) return first;
        if (m_oracle) {
            while (m_have_next && m_next.line < line) PILAR_TRY(advance());
            return m_have_next && m_next.line == line ? m_next.first : 0;
        }
        if (!m_later) m_later = std::make_unique<SpillSorter<KeyRow>>(m_dir, std::clamp<std::size_t>(m_bound / 3, 1, kRunRecords));
        PILAR_TRY(m_later->add({key, line}));
        return 0;
    }
    Result<void> start() {
        if (!m_oracle) return {};
        PILAR_TRY(m_oracle->finish());
        return advance();
    }
    // After the last row of the first pass: the oracle for a second one, or null when the first
    // was exact.
    Result<std::unique_ptr<Oracle>> finish() {
        m_table = SeenKeys();
        m_oracle.reset();
        if (!m_later) return std::unique_ptr<Oracle>();
        auto later = std::move(m_later);
        auto repeats = std::make_unique<Oracle>(m_dir, std::clamp<std::size_t>(m_bound / 3, 1, kRunRecords));
        PILAR_TRY(later->finish());
        KeyRow v{}, group{};
        bool any = false, have = false;
        while (PILAR_TRY(later->next(v))) {
            if (have && v.key == group.key) {
                PILAR_TRY(repeats->add({v.line, group.line}));
                any = true;
            } else {
                group = v;
                have = true;
            }
        }
        if (!any) return std::unique_ptr<Oracle>();
        return repeats;
    }

private:
    Result<void> advance() {
        m_have_next = PILAR_TRY(m_oracle->next(m_next));
        return {};
    }
    std::size_t m_bound;
    std::string m_dir;
    SeenKeys m_table;
    bool m_full = false;
    std::unique_ptr<SpillSorter<KeyRow>> m_later;  // once the table is full
    std::unique_ptr<Oracle> m_oracle;
    RepeatRow m_next{};
    bool m_have_next = false;
};

std::uint64_t fingerprint(std::string_view hex_bi) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 16 && i < hex_bi.size(); ++i) {
        char c = hex_bi[i];
        v = (v << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return v;
}

Error header_error(RowSource const& src, Text t, std::string field) {
    return Error(ErrorCode::InvalidArgument, std::move(t)).at_file(src.source_name()).at_row(1).at_field(std::move(field));
}

// Maps each file column to a record column; refuses unknown and missing required ones.
Result<std::vector<int>> map_header(RowSource const& src, std::span<ColumnSpec const> specs) {
    auto header = src.header();
    std::vector<int> map(header.size(), -1);
    std::vector<bool> seen(specs.size(), false);
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto name = to_lower_ascii(trim(header[i]));
        int found = -1;
        for (std::size_t j = 0; j < specs.size(); ++j)
            if (specs[j].name == name) found = static_cast<int>(j);
        if (found < 0) {
            std::string known;
            for (auto const& s : specs) known += (known.empty() ? "" : ", ") + std::string(s.name);
            return fail(header_error(src,
                                     {fmt::format("kolom \"{}\" tidak dikenal; kolom yang berlaku: {}",
                                                  excerpt_for_message(header[i]), known),
                                      fmt::format("unknown column \"{}\"; valid columns: {}", excerpt_for_message(header[i]), known)},
                                     std::string(header[i])));
        }
        if (seen[static_cast<std::size_t>(found)])
            return fail(header_error(src, {fmt::format("kolom \"{}\" muncul dua kali", name),
                                           fmt::format("column \"{}\" appears twice", name)},
                                     name));
        seen[static_cast<std::size_t>(found)] = true;
        map[i] = found;
    }
    for (std::size_t j = 0; j < specs.size(); ++j)
        if (specs[j].required && !seen[j])
            return fail(header_error(src, {fmt::format("kolom wajib \"{}\" tidak ada di header", specs[j].name),
                                           fmt::format("required column \"{}\" is missing from the header", specs[j].name)},
                                     std::string(specs[j].name)));
    return map;
}

// The NIK's embedded birth date (DDMMYY, +40 on the day for women) against tanggal_lahir: a
// mismatch is common and allowed (a NIK is never corrected), so it is only counted.
bool nik_date_differs(AnggotaRecord const& r) {
    auto const& nik = r[ACol::Nik];
    auto const& tgl = r[ACol::TanggalLahir];
    if (nik.size() != 16 || tgl.size() != 10) return false;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(tgl[8]) || !digit(tgl[9])) return false;
    int const day = (tgl[8] - '0') * 10 + (tgl[9] - '0') + (r[ACol::JenisKelamin] == "P" ? 40 : 0);
    char const expect[6] = {static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10), tgl[5], tgl[6], tgl[2], tgl[3]};
    return std::string_view(nik).substr(6, 6) != std::string_view(expect, 6);
}

// Everything one import run shares between its two threads and its phases.
class Run {
public:
    // `oracle`: the second pass over a file whose first pass found duplicates it could not name
    // row by row (DuplicateFinder).
    Run(db::Connection& c, access::Keyring const& keyring, Actor const& actor, RowSource& src, ImportOptions const& opt,
        std::unique_ptr<Oracle> oracle = nullptr)
        : m_c(c), m_keyring(keyring), m_actor(actor), m_src(src), m_opt(opt),
          m_dups(!opt.reopen ? SIZE_MAX : opt.keys_in_memory > 0 ? opt.keys_in_memory : kKeysInMemory, opt.temp_dir,
                 std::move(oracle)) {}

    Result<ImportReport> execute();
    // After execute(): the first pass was rolled back and the file must be read again with this.
    std::unique_ptr<Oracle> take_second_pass() { return std::move(m_second_pass); }

private:
    // worker side (ImportOptions::workers threads)
    struct Worker {  // what each worker keeps from row to row
        std::string last_kk;
        std::optional<Household> last_household;
    };
    void work(std::vector<int> const& map);
    void read_batch(Batch& batch, std::vector<int> const& map);
    void check_keluarga(Prepared& p);
    void check_anggota(Prepared& p, Worker& w);
    void judge(Prepared& p);
    void seal(Prepared& p);
    void row_error(long long line, std::string column, std::string value, Text message);
    bool kelurahan_ok(std::string const& kode, Text& why);

    // writer side
    Result<void> write(Prepared& p);
    void note_area(std::string_view kode);
    std::vector<std::string> m_area;  // the kota of the rows written (note_area), the last one last
    Result<void> write_keluarga(Prepared& p);
    Result<void> write_anggota(Prepared& p);
    Result<void> load_households();
    Result<void> finish_fresh();
    Result<void> flush_new_rows();
    std::vector<store::AnggotaRow const*> m_new_rows;  // fresh anggota load: the batch's rows to insert

    db::Connection& m_c;
    access::Keyring const& m_keyring;
    Actor const& m_actor;
    RowSource& m_src;
    ImportOptions const& m_opt;

    ImportReport m_report;
    std::mutex m_report_mutex;  // errors come from the workers and the writer
    bool m_fresh = false;       // the target table was empty: insert without matching
    std::int64_t m_next_ppks_id = 1;
    std::string m_now;
    std::string m_today;
    Date m_today_date;
    BatchQueue m_queue;
    CpuSlots m_slots{m_opt.cpu_threads};
    InTurn m_in_turn;

    // The reader (whichever worker holds m_read_mutex)
    std::mutex m_read_mutex;
    std::vector<std::string> m_fields;
    bool m_reading = true;
    std::uint64_t m_next_batch = 0;
    long long m_rows = 0, m_bytes = 0;
    std::optional<std::pair<long long, std::string>> m_last_read_error;  // row, message
    std::optional<Error> m_fatal;
    int m_workers_left = 0;
    std::size_t m_batch_rows = kBatch;

    // In turn (InTurn): rows judged in file order
    DuplicateFinder m_dups;
    std::optional<Error> m_dups_error;  // a temporary file could not be written or read
    std::unique_ptr<Oracle> m_second_pass;
    std::int64_t m_next_id = 1;

    // Read only while the workers run
    std::unordered_map<std::string, bool> m_kelurahan;  // kelurahan code -> active
    std::unordered_set<std::string, StringHash, std::equal_to<>> m_codes;  // interned (also for m_pending_ppks)
    // The actor's scope, decided once per distinct code: an operator imports only inside their
    // kota, and several kab/kota may share one database (the system actor has no limit).
    std::unordered_set<std::string> m_kelurahan_outside;  // keys of m_kelurahan outside the scope
    std::unordered_set<std::string const*> m_codes_outside;  // households' codes (m_codes) outside it
    bool outside_scope(std::string_view kode) const;
    // No. KK blind index (its 16 bytes) -> household, sorted by key: a flat table takes a sixth
    // of the memory of a node-based map of 32-digit strings. Past ImportOptions::
    // households_in_memory the sorted table is a temporary file instead, found with one pread of
    // a block located through every kHouseholdBlock-th key, kept in memory (1/8 byte a household).
    struct HouseholdKey {
        std::array<std::uint8_t, 16> bi;
        Household h;
        bool operator<(HouseholdKey const& o) const { return bi < o.bi; }
    };
    static constexpr std::size_t kHouseholdBlock = 128;
    std::vector<HouseholdKey> m_households;
    // In memory: where the keys of each 16-bit prefix begin in m_households (and its size last),
    // so a look-up searches a handful of keys (blind indexes are uniform) instead of the whole
    // table, whose binary search missed the CPU caches at most of its ~18 steps (256 KB).
    std::vector<std::uint32_t> m_household_prefix;
    static std::size_t prefix_of(std::array<std::uint8_t, 16> const& bi) { return std::size_t{bi[0]} << 8 | bi[1]; }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_households_file{nullptr, &std::fclose};
    std::vector<std::array<std::uint8_t, 16>> m_household_fences;
    std::size_t m_households_in_file = 0;
    std::optional<Household> find_household(std::string_view hex_bi) const;

    // writer-only state
    // Fresh loads: a batch's PPKS rows, inserted after its members (anggota id, category,
    // kode_wilayah a view of the code interned in m_codes), and the dashboard counts the suspended
    // per-row triggers would have added.
    std::vector<store::NewPpks> m_pending_ppks;  // ids given when inserted
    Result<void> insert_pending_ppks();
    std::int64_t m_feed_head = 0;           // fresh loads: the change feed's last seq
    std::vector<std::int64_t> m_new_ids;    // fresh loads: the batch's new members, for the feed
    std::map<std::string, std::int64_t, std::less<>> m_dash_jiwa;                          // kelurahan -> n
    std::map<std::pair<std::string, int>, std::int64_t> m_dash_ppks;                      // (kelurahan, ppks) -> n
    std::string m_dash_last_code;
    std::int64_t* m_dash_last = nullptr;

    // Fresh loads: the secondary indexes whose key grows with the file's order when the file is
    // in region order (as `pilar generate` writes it and a national extract arrives) stay in place
    // and grow at their right edge, which costs less than rebuilding them (each rebuild reads
    // the whole new table back). The first row out of that order drops the index; it is rebuilt
    // with the others at the end. (Keeping an index is never a question of correctness, only of
    // speed.)
    struct InOrderIndex {
        std::string_view name;
        bool live = false;
    };
    InOrderIndex m_by_household, m_by_region;   // (keluarga_id, status_keberadaan) and (kode_wilayah, id)
    std::int64_t m_last_household_id = 0;
    std::string m_last_region;
    std::vector<std::string> m_suspended;       // definitions to create again at the end
    Result<void> keep_order(std::int64_t household_id, std::string const& region);
};

bool hex_to_16(std::string_view hex, std::array<std::uint8_t, 16>& out) {
    if (hex.size() != 32) return false;
    auto nib = [](char c) { return static_cast<std::uint8_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10); };
    for (std::size_t i = 0; i < 16; ++i) out[i] = static_cast<std::uint8_t>(nib(hex[2 * i]) << 4 | nib(hex[2 * i + 1]));
    return true;
}

std::optional<Household> Run::find_household(std::string_view hex_bi) const {
    HouseholdKey key{};
    if (!hex_to_16(hex_bi, key.bi)) return std::nullopt;
    std::span<HouseholdKey const> table = m_households;
    std::array<HouseholdKey, kHouseholdBlock> block;
    if (!m_household_prefix.empty()) {
        std::size_t const p = prefix_of(key.bi);
        table = table.subspan(m_household_prefix[p], m_household_prefix[p + 1] - m_household_prefix[p]);
    } else if (m_households_file) {
        auto const fence = std::upper_bound(m_household_fences.begin(), m_household_fences.end(), key.bi);
        if (fence == m_household_fences.begin()) return std::nullopt;
        auto const first = static_cast<std::size_t>(fence - m_household_fences.begin() - 1) * kHouseholdBlock;
        auto const n = std::min(kHouseholdBlock, m_households_in_file - first);
        // pread: the workers share the file without sharing an offset. A short read (a disk
        // error) finds nothing, and the row is reported as without household.
        auto const got = ::pread(::fileno(m_households_file.get()), block.data(), n * sizeof(HouseholdKey),
                                 static_cast<off_t>(first * sizeof(HouseholdKey)));
        if (got != static_cast<ssize_t>(n * sizeof(HouseholdKey))) return std::nullopt;
        table = std::span<HouseholdKey const>(block.data(), n);
    }
    auto it = std::lower_bound(table.begin(), table.end(), key);
    return it != table.end() && it->bi == key.bi ? std::optional<Household>(it->h) : std::nullopt;
}

void Run::row_error(long long line, std::string column, std::string value, Text message) {
    std::lock_guard lock(m_report_mutex);
    ++m_report.errors_total;
    if (m_report.errors.size() < m_opt.max_errors_kept)
        m_report.errors.push_back({line, std::move(column), std::move(value), std::move(message)});
}

// Kelurahan codes come from the import's own connection and snapshot (load_kelurahan, before
// the producer starts): the producer thread must not open a connection of its own, which in a
// rollback-journal load would wait on the load's lock.
bool Run::kelurahan_ok(std::string const& kode, Text& why) {
    auto it = m_kelurahan.find(kode);
    if (it == m_kelurahan.end()) {
        why = {fmt::format("kelurahan/desa {} tidak ada di data wilayah", kode),
               fmt::format("kelurahan/desa {} is not in the region data", kode)};
        return false;
    }
    if (!it->second) {
        why = {fmt::format("kelurahan/desa {} sudah tidak aktif", kode), fmt::format("kelurahan/desa {} is retired", kode)};
        return false;
    }
    if (m_kelurahan_outside.contains(kode)) {
        why = {fmt::format("kelurahan/desa {} di luar wilayah tugas Anda", kode), fmt::format("kelurahan/desa {} is outside your area", kode)};
        return false;
    }
    return true;
}

bool Run::outside_scope(std::string_view kode) const {
    if (m_actor.is_system()) return false;
    auto code = WilayahCode::parse(kode);
    return !code || !m_actor.in_scope(*code);
}

// Checks that need no other row, in parallel: the columns, the kelurahan, the household, the
// blind index of the key.
void Run::check_keluarga(Prepared& p) {
    auto& rec = p.k.rec;
    validate(rec, m_today_date, p.errors);
    Text why;
    if (rec.has(KCol::KodeWilayah) && p.errors.end() == std::find_if(p.errors.begin(), p.errors.end(),
                                                                      [](auto const& e) { return e.column == "kode_wilayah"; }))
        if (!kelurahan_ok(rec[KCol::KodeWilayah], why)) p.errors.push_back({"kode_wilayah", rec[KCol::KodeWilayah], why});
    if (p.errors.empty()) p.key_bi = m_keyring.blind_index("no_kk", rec[KCol::NoKk]);
}

void Run::check_anggota(Prepared& p, Worker& w) {
    auto& rec = p.a.rec;
    auto& errors = p.errors;
    validate(rec, m_today_date, errors);
    auto failed = [&](std::string_view col) {
        return std::any_of(errors.begin(), errors.end(), [&](auto const& e) { return e.column == col; });
    };
    if (rec.has(ACol::NoKk) && !failed("no_kk")) {
        if (rec[ACol::NoKk] == w.last_kk) {
            p.household = w.last_household;
        } else {
            p.household = find_household(m_keyring.blind_index("no_kk", rec[ACol::NoKk]));
            w.last_kk = rec[ACol::NoKk];
            w.last_household = p.household;
        }
        if (!p.household)
            errors.push_back({"no_kk", mask16(rec[ACol::NoKk]),
                              {"keluarga dengan No. KK ini belum terdaftar (impor keluarga.csv dulu)",
                               "no household with this No. KK is registered (import keluarga.csv first)"}});
        else if (m_codes_outside.contains(p.household->kode_wilayah))
            errors.push_back({"no_kk", mask16(rec[ACol::NoKk]),
                              {"keluarga dengan No. KK ini tidak terdaftar di wilayah tugas Anda",
                               "no household with this No. KK is registered in your area"}});
    }
    if (rec.has(ACol::Nik) && !failed("nik")) p.key_bi = m_keyring.blind_index("nik", rec[ACol::Nik]);
    p.nik_date_differs = errors.empty() && nik_date_differs(rec);
}

// In file order (in turn): a key seen on an earlier row, the report, the row's id.
void Run::judge(Prepared& p) {
    if (p.read_error) {
        auto& e = p.errors.front();
        row_error(p.line, std::move(e.column), "", std::move(e.message));
        return;
    }
    long long first = 0;
    if (!p.key_bi.empty()) {
        auto seen = m_dups.first_or_insert(fingerprint(p.key_bi), p.line);
        if (!seen) {
            std::lock_guard lock(m_report_mutex);
            if (!m_dups_error) m_dups_error = seen.error();
        } else {
            first = *seen;
        }
    }
    if (first) {
        bool const kk = m_opt.kind == ImportKind::Keluarga;
        auto const& key = kk ? p.k.rec[KCol::NoKk] : p.a.rec[ACol::Nik];
        p.errors.push_back({kk ? "no_kk" : "nik", mask16(key),
                            kk ? Text{fmt::format("No. KK sudah ada di baris {} file ini", first),
                                      fmt::format("No. KK already appears on row {} of this file", first)}
                               : Text{fmt::format("NIK sudah ada di baris {} file ini", first),
                                      fmt::format("NIK already appears on row {} of this file", first)}});
    }
    if (!p.errors.empty()) {
        for (auto& e : p.errors) row_error(p.line, std::move(e.column), std::move(e.value), std::move(e.message));
        return;
    }
    p.ok = true;
    std::lock_guard lock(m_report_mutex);
    if (p.nik_date_differs) ++m_report.warnings;
    if (m_report.errors_total > 0 && !m_opt.skip_invalid) return;  // nothing will be written: skip the crypto
    p.seal = true;
    if (m_opt.kind == ImportKind::Keluarga)
        p.k.meta.id = m_next_id++;
    else
        p.a.meta.id = m_next_id++;
}

// In parallel again: encryption, blind index, row hash (seal.hpp) under the id judge() gave.
void Run::seal(Prepared& p) {
    if (m_opt.kind == ImportKind::Keluarga) {
        auto& row = p.k;
        auto const& rec = row.rec;
        WilayahCode kode = WilayahCode::parse(rec[KCol::KodeWilayah]).value();
        if (rec.has(KCol::Rw)) kode = WilayahCode::rw(kode, std::stoi(rec[KCol::Rw])).value();
        if (rec.has(KCol::Rt)) kode = WilayahCode::rt(kode, std::stoi(rec[KCol::Rt])).value();
        row.meta.kode_wilayah = kode.dotted();
        row.meta.created_at = row.meta.updated_at = m_now;
        row.meta.created_by = row.meta.updated_by = m_actor.username;
        if (!m_fresh) p.k_clear = rec;
        if (auto r = seal_keluarga(m_keyring, row); !r) {
            p.ok = false;
            row_error(p.line, "no_kk", "", r.error().message);
        }
        return;
    }
    auto& row = p.a;
    row.meta.kode_wilayah = *p.household->kode_wilayah;
    row.meta.created_at = row.meta.updated_at = m_now;
    row.meta.created_by = row.meta.updated_by = m_actor.username;
    row.keluarga_id = p.household->id;
    if (!m_fresh) p.a_clear = row.rec;
    row.nik_bi = p.key_bi;  // computed for the duplicate check (empty: no NIK)
    if (auto r = seal_anggota(m_keyring, row, p.ppks); !r) {
        // Cannot happen today (encryption does not fail); would be reported out of file order.
        p.ok = false;
        row_error(p.line, "nik", "", r.error().message);
    }
}

// Up to m_batch_rows records from the file, in order, mapped onto the record's columns.
void Run::read_batch(Batch& batch, std::vector<int> const& map) {
    auto next_item = [&]() -> Prepared& {
        if (batch.n == batch.items.size()) batch.items.emplace_back();
        Prepared& p = batch.items[batch.n++];
        p.read_error = p.ok = p.seal = p.nik_date_differs = false;
        p.key_bi.clear();
        p.ppks.clear();
        p.household.reset();
        p.errors.clear();
        p.k_clear.reset();
        p.a_clear.reset();
        return p;
    };
    while (batch.n < m_batch_rows) {
        auto got = m_src.next(m_fields);
        if (!got) {
            // A bad record the reader could step over (wrong number of fields) is a row error;
            // text that is not UTF-8 means the whole file is in another encoding, and a quoting
            // or read error loses the record boundaries: those stop the import.
            auto const& e = got.error();
            bool const encoding = e.message.en.find("UTF-8") != std::string::npos;
            bool const same_again = m_last_read_error && m_last_read_error->first == e.row && m_last_read_error->second == e.message.en;
            if (encoding || same_again || e.row == 0) {
                m_fatal = e;
                m_reading = false;
                return;
            }
            m_last_read_error.emplace(e.row, e.message.en);
            ++m_rows;
            Prepared& p = next_item();
            p.line = e.row;
            p.read_error = true;
            p.errors.push_back({e.field, "", e.message});
            continue;
        }
        if (!*got) {
            m_reading = false;
            return;
        }
        ++m_rows;
        for (auto const& f : m_fields) m_bytes += static_cast<long long>(f.size()) + 1;
        Prepared& p = next_item();
        p.line = m_src.row_number();
        // Swapped, not copied: the reader refills the record's old strings, capacity and all.
        auto take = [&](auto& fields) {
            for (auto& f : fields) f.clear();
            for (std::size_t i = 0; i < map.size() && i < m_fields.size(); ++i) std::swap(fields[static_cast<std::size_t>(map[i])], m_fields[i]);
        };
        if (m_opt.kind == ImportKind::Keluarga)
            take(p.k.rec.fields);
        else
            take(p.a.rec.fields);
        if (m_rows % kProgressEvery == 0 && m_opt.progress) {
            long long rejected;
            {
                std::lock_guard lock(m_report_mutex);
                rejected = m_report.errors_total;
            }
            m_opt.progress({m_rows, m_bytes, rejected});
        }
    }
}

// One worker: read a batch (in turn, under the reader's lock), check its rows, judge them in
// file order, seal them, hand the batch to the writer in file order; until the file ends.
void Run::work(std::vector<int> const& map) {
    Worker w;
    while (true) {
        Batch batch = m_queue.take_free();
        std::uint64_t seq = 0;
        m_slots.take();
        {
            std::lock_guard lock(m_read_mutex);
            if (m_reading) read_batch(batch, map);
            if (batch.n == 0) {
                m_queue.give_back(std::move(batch));
                m_slots.give();
                break;
            }
            seq = m_next_batch++;
        }
        for (std::size_t i = 0; i < batch.n; ++i) {
            Prepared& p = batch.items[i];
            if (p.read_error) continue;
            if (m_opt.kind == ImportKind::Keluarga)
                check_keluarga(p);
            else
                check_anggota(p, w);
        }
        m_slots.give();  // no slot held while waiting for a turn (CpuSlots)
        m_in_turn.run(seq, [&] {
            for (std::size_t i = 0; i < batch.n; ++i) judge(batch.items[i]);
        });
        m_slots.take();
        for (std::size_t i = 0; i < batch.n; ++i)
            if (batch.items[i].seal) seal(batch.items[i]);
        m_slots.give();
        m_queue.push(seq, std::move(batch));
    }
    std::lock_guard lock(m_read_mutex);
    if (--m_workers_left > 0) return;
    // The last worker out: every batch has been handed over.
    m_queue.close();
    long long rejected;
    {
        std::lock_guard report_lock(m_report_mutex);
        m_report.rows = m_rows;
        rejected = m_report.errors_total;
    }
    if (m_opt.progress) m_opt.progress({m_rows, m_bytes, rejected});
}

Result<void> Run::load_households() {
    std::size_t const bound = m_opt.households_in_memory > 0 ? m_opt.households_in_memory : kHouseholdsInMemory;
    std::unique_ptr<SpillSorter<HouseholdKey>> spill;  // past the bound
    auto s = PILAR_TRY(m_c.prepare("SELECT id, no_kk_bi, kode_wilayah FROM keluarga"));
    while (PILAR_TRY(s.step())) {
        auto const kode = s.text(2);
        auto it = m_codes.find(kode);
        if (it == m_codes.end()) {
            it = m_codes.emplace(kode).first;
            if (outside_scope(*it)) m_codes_outside.insert(&*it);
        }
        auto const* code = &*it;
        HouseholdKey e{};
        if (!hex_to_16(s.text(1), e.bi)) continue;  // not a blind index: no file row can match it
        e.h = Household{s.integer(0), code};
        if (spill) {
            PILAR_TRY(spill->add(e));
            continue;
        }
        m_households.push_back(e);
        if (m_households.size() < bound) continue;
        spill = std::make_unique<SpillSorter<HouseholdKey>>(m_opt.temp_dir, std::clamp<std::size_t>(bound / 4, 1, kRunRecords));
        for (auto const& h : m_households) PILAR_TRY(spill->add(h));
        m_households = {};
    }
    if (!spill) {
        // Sorted by distributing the keys into their prefixes' places, then sorting each prefix's
        // handful: a comparison sort of the whole table was most of this function (~1,450
        // instructions a household; it runs before any worker starts).
        m_household_prefix.assign((std::size_t{1} << 16) + 1, 0);
        for (auto const& h : m_households) ++m_household_prefix[prefix_of(h.bi) + 1];
        for (std::size_t i = 1; i < m_household_prefix.size(); ++i) m_household_prefix[i] += m_household_prefix[i - 1];
        std::vector<HouseholdKey> sorted(m_households.size());
        std::vector<std::uint32_t> next(m_household_prefix.begin(), m_household_prefix.end() - 1);
        for (auto const& h : m_households) sorted[next[prefix_of(h.bi)]++] = h;
        for (std::size_t p = 0; p + 1 < m_household_prefix.size(); ++p)
            std::sort(sorted.begin() + m_household_prefix[p], sorted.begin() + m_household_prefix[p + 1]);
        m_households = std::move(sorted);
        return {};
    }
    PILAR_TRY(spill->finish());
    m_households_file.reset(PILAR_TRY(open_temp_file(m_opt.temp_dir)));
    HouseholdKey e;
    while (PILAR_TRY(spill->next(e))) {
        if (m_households_in_file % kHouseholdBlock == 0) m_household_fences.push_back(e.bi);
        if (std::fwrite(&e, sizeof e, 1, m_households_file.get()) != 1) return fail(temp_file_error("write"));
        ++m_households_in_file;
    }
    if (std::fflush(m_households_file.get()) != 0) return fail(temp_file_error("write"));
    return {};
}

Result<void> Run::keep_order(std::int64_t household_id, std::string const& region) {
    auto drop = [&](InOrderIndex& idx) -> Result<void> {
        idx.live = false;
        if (auto def = PILAR_TRY(store::suspend_index(m_c, idx.name))) m_suspended.push_back(std::move(*def));
        return {};
    };
    if (m_by_household.live && household_id < m_last_household_id) PILAR_TRY(drop(m_by_household));
    m_last_household_id = household_id;
    if (m_by_region.live) {
        if (region == m_last_region) return {};  // most rows: one comparison
        if (region < m_last_region) return drop(m_by_region);
        m_last_region = region;
    }
    return {};
}

Result<void> Run::write_keluarga(Prepared& p) {
    if (m_fresh) {
        PILAR_TRY(keep_order(0, p.k.meta.kode_wilayah));
        PILAR_TRY(store::insert_keluarga(m_c, p.k));
        ++m_report.baru;
        return {};
    }
    auto existing_id = PILAR_TRY(store::keluarga_id_by_kk(m_c, p.key_bi));
    if (!existing_id) {
        PILAR_TRY(store::insert_keluarga(m_c, p.k));
        ++m_report.baru;
        return {};
    }
    auto before = PILAR_TRY(store::get_keluarga(m_c, *existing_id)).value();
    if (outside_scope(before.meta.kode_wilayah)) {
        // Known only here, against the database: reported out of file order, and only while the
        // writer still writes (an import already refused stops writing at its first bad row).
        row_error(p.line, "no_kk", mask16((*p.k_clear)[KCol::NoKk]),
                  {"No. KK ini sudah terdaftar di luar wilayah tugas Anda", "this No. KK is already registered outside your area"});
        return {};
    }
    if (before.meta.row_hash == p.k.meta.row_hash) {
        ++m_report.sama;
        return {};
    }
    KeluargaRow row = before;
    row.rec = *p.k_clear;
    PILAR_TRY(seal_keluarga(m_keyring, row));
    row.meta.kode_wilayah = p.k.meta.kode_wilayah;
    row.meta.updated_at = m_now;
    row.meta.updated_by = m_actor.username;
    if (!PILAR_TRY(store::update_keluarga(m_c, row, before.meta.version)))
        return fail(ErrorCode::Internal, {"versi berubah saat impor", "version changed during the import"});
    row.meta.version = before.meta.version + 1;
    if (row.meta.kode_wilayah != before.meta.kode_wilayah) PILAR_TRY(store::move_members(m_c, row.meta.id, row.meta.kode_wilayah));
    PILAR_TRY(access::append_audit(m_c, m_actor,
                                   {.action = "keluarga.update", .entity = "keluarga", .entity_id = std::to_string(row.meta.id),
                                    .detail = fmt::format("impor {} baris {}", m_opt.file_name, p.line),
                                    .changes = audit_changes(before, row),
                                    .area = {before.meta.kode_wilayah, row.meta.kode_wilayah}}));
    ++m_report.berubah;
    return {};
}

Result<void> Run::write_anggota(Prepared& p) {
    auto add_ppks = [&](std::int64_t anggota_id, std::string const& kode_wilayah) -> Result<void> {
        for (int v : p.ppks)
            PILAR_TRY(store::insert_ppks(m_c, {.id = m_next_ppks_id++, .anggota_id = anggota_id, .ppks = v, .sejak = m_today,
                                                .dinilai_oleh = m_actor.username, .kode_wilayah = kode_wilayah,
                                                .created_at = m_now}));
        return {};
    };
    auto inserted = [&]() -> Result<void> {
        PILAR_TRY(store::insert_anggota(m_c, p.a));
        PILAR_TRY(add_ppks(p.a.meta.id, p.a.meta.kode_wilayah));
        ++m_report.baru;
        return {};
    };
    if (m_fresh) {
        // An empty table: no matching, and what is per row elsewhere is done per batch (the
        // change feed, the PPKS rows: flush_new_rows) or once for the whole load (the dashboard
        // counts: finish_fresh). Households' member counts are not stored (migration 0026).
        PILAR_TRY(keep_order(p.a.keluarga_id, p.a.meta.kode_wilayah));
        m_new_rows.push_back(&p.a);  // inserted with the rest of its batch (flush_new_rows)
        auto const& code = p.a.meta.kode_wilayah;
        std::string_view const kel = std::string_view(code).substr(0, 13);
        for (int v : p.ppks) {
            m_pending_ppks.push_back({.anggota_id = p.a.meta.id, .ppks = v, .kode_wilayah = *p.household->kode_wilayah});
            ++m_dash_ppks[{std::string(kel), v}];
        }
        if (p.a.rec[ACol::StatusKeberadaan] == "ada") {
            if (!m_dash_last || m_dash_last_code != kel) {
                m_dash_last_code.assign(kel);
                m_dash_last = &m_dash_jiwa[m_dash_last_code];
            }
            ++*m_dash_last;
        }
        ++m_report.baru;
        return {};
    }
    std::optional<std::int64_t> existing_id;
    if (!p.key_bi.empty())
        existing_id = PILAR_TRY(store::anggota_id_by_nik(m_c, p.key_bi));
    else
        existing_id = PILAR_TRY(store::anggota_id_by_identity(m_c, p.a.keluarga_id, p.a.nama_cari, p.a.rec[ACol::TanggalLahir]));
    if (!existing_id) return inserted();
    auto before = PILAR_TRY(store::get_anggota(m_c, *existing_id)).value();
    if (outside_scope(before.meta.kode_wilayah)) {
        // As in write_keluarga: known only here, reported out of file order.
        row_error(p.line, "nik", mask16((*p.a_clear)[ACol::Nik]),
                  {"NIK ini sudah terdaftar di luar wilayah tugas Anda", "this NIK is already registered outside your area"});
        return {};
    }
    if (before.meta.row_hash == p.a.meta.row_hash && before.keluarga_id == p.a.keluarga_id) {
        ++m_report.sama;
        return {};
    }
    AnggotaRow row = before;
    row.rec = *p.a_clear;
    row.nik_bi.reset();
    row.keluarga_id = p.a.keluarga_id;
    row.meta.kode_wilayah = p.a.meta.kode_wilayah;
    AnggotaRow before_open = before;
    PILAR_TRY(open_anggota_fields(m_keyring, before_open));
    std::vector<int> ppks;
    PILAR_TRY(seal_anggota(m_keyring, row, ppks, SealedBefore{before, before_open.rec}));
    row.meta.updated_at = m_now;
    row.meta.updated_by = m_actor.username;
    if (!PILAR_TRY(store::update_anggota(m_c, row, before.meta.version)))
        return fail(ErrorCode::Internal, {"versi berubah saat impor", "version changed during the import"});
    if (row.meta.kode_wilayah != before.meta.kode_wilayah) PILAR_TRY(store::move_member_ppks(m_c, row.meta.id, row.meta.kode_wilayah));
    // PPKS: end what the file no longer lists, open what it adds.
    auto current = PILAR_TRY(store::ppks_of(m_c, row.meta.id));
    for (auto const& c : current)
        if (!c.sampai && std::find(ppks.begin(), ppks.end(), c.ppks) == ppks.end())
            PILAR_TRY(store::end_ppks(m_c, c.id, row.meta.id, m_today));
    for (int v : ppks)
        if (std::none_of(current.begin(), current.end(), [&](auto const& c) { return !c.sampai && c.ppks == v; }))
            PILAR_TRY(store::insert_ppks(m_c, {.id = m_next_ppks_id++, .anggota_id = row.meta.id, .ppks = v, .sejak = m_today,
                                                .dinilai_oleh = m_actor.username, .kode_wilayah = row.meta.kode_wilayah,
                                                .created_at = m_now}));
    PILAR_TRY(access::append_audit(m_c, m_actor,
                                   {.action = "anggota.update", .entity = "anggota", .entity_id = std::to_string(row.meta.id),
                                    .detail = fmt::format("impor {} baris {}", m_opt.file_name, p.line),
                                    .changes = audit_changes(before, row),
                                    .area = {before.meta.kode_wilayah, row.meta.kode_wilayah}}));
    ++m_report.berubah;
    return {};
}

// Fresh loads: the batch's PPKS rows, in member order.
Result<void> Run::insert_pending_ppks() {
    for (auto& pp : m_pending_ppks) pp.id = m_next_ppks_id++;
    auto r = store::insert_new_ppks(m_c, m_pending_ppks, m_today, m_actor.username, m_now);
    m_pending_ppks.clear();
    return r;
}

Result<void> Run::finish_fresh() {
    for (auto const& [kel, n] : m_dash_jiwa) PILAR_TRY(store::add_dash_count(m_c, "jiwa", kel, "", n));
    for (auto const& [key, n] : m_dash_ppks) PILAR_TRY(store::add_dash_count(m_c, "ppks", key.first, std::to_string(key.second), n));
    return {};
}

// Fresh anggota loads: the batch's members, then what follows from them — their change-feed
// entries, their PPKS rows — while the workers check and seal the next batches. (Done once after the last batch, that was ~1.5 s of a million-member
// load during which only this thread worked: bench/RESULTS.md.) The rows, ids and numbers are
// those of writing them at the end: members and PPKS rows get their ids in file order either
// way, and the feed numbers the members in id order from the head it had when the load began.
Result<void> Run::flush_new_rows() {
    if (!m_new_rows.empty()) {
        auto r = store::insert_new_anggota(m_c, m_new_rows);
        m_new_ids.clear();
        for (auto const* row : m_new_rows) m_new_ids.push_back(row->meta.id);
        m_new_rows.clear();
        PILAR_TRY(r);
        m_feed_head = PILAR_TRY(store::log_changes(m_c, m_feed_head, m_new_ids));
        PILAR_TRY(insert_pending_ppks());
    }
    return {};
}

Result<void> Run::write(Prepared& p) {
    note_area(m_opt.kind == ImportKind::Keluarga ? p.k.meta.kode_wilayah : p.a.meta.kode_wilayah);
    return m_opt.kind == ImportKind::Keluarga ? write_keluarga(p) : write_anggota(p);
}

// The kota of each row the writer handles, for the import's audit entry (AuditEvent::area: the
// admins of those kota see a console import, the others do not). Rows come region by region,
// so nearly always one comparison.
void Run::note_area(std::string_view kode) {
    std::string_view const kota = kode.substr(0, 5);  // "36.71" of a dotted code
    if (!m_area.empty() && m_area.back() == kota) return;
    if (auto it = std::find(m_area.begin(), m_area.end(), kota); it == m_area.end()) m_area.emplace_back(kota);
    else std::iter_swap(it, m_area.end() - 1);  // the next rows are likely of this one too
}

Result<ImportReport> Run::execute() {
    auto const started = std::chrono::steady_clock::now();
    auto const& specs = m_opt.kind == ImportKind::Keluarga ? keluarga_columns() : anggota_columns();
    auto map = PILAR_TRY(map_header(m_src, specs));
    m_now = utc_now_iso();
    m_today_date = Date::today();
    m_today = m_today_date.iso();
    std::string const table = m_opt.kind == ImportKind::Keluarga ? "keluarga" : "anggota";

    auto tx = PILAR_TRY(m_c.begin(db::TxMode::Write));
    // Pages written during the load start going to disk now rather than all at the commit.
    auto const writeback = m_c.start_writeback();
    m_fresh = !PILAR_TRY(m_c.query_value<std::int64_t>(fmt::format("SELECT id FROM {} LIMIT 1", table)));
    m_next_id = PILAR_TRY(store::next_id(m_c, table));
    m_next_ppks_id = PILAR_TRY(store::next_id(m_c, "anggota_ppks"));
    if (m_opt.kind == ImportKind::Anggota) PILAR_TRY(load_households());
    if (m_opt.kind == ImportKind::Keluarga)
        for (auto& [kode, active] : PILAR_TRY(wilayah::store::kelurahan_status(m_c))) {
            if (outside_scope(kode)) m_kelurahan_outside.insert(kode);
            m_kelurahan.emplace(std::move(kode), active);
        }
    std::vector<std::string> triggers;
    if (m_fresh) {
        bool const anggota = m_opt.kind == ImportKind::Anggota;
        m_by_household = {anggota ? "anggota_by_keluarga" : "", anggota};
        m_by_region = {anggota ? "anggota_by_wilayah" : "keluarga_by_wilayah", true};
        // The uid indexes are partial (uid IS NOT NULL) and imported rows have no uid.
        std::array<std::string_view, 3> const keep{m_by_household.name, m_by_region.name, anggota ? "anggota_by_uid" : "keluarga_by_uid"};
        m_suspended = PILAR_TRY(store::suspend_indexes(m_c, table, keep));
        if (anggota) {
            // The PPKS rows are written after each batch's members, in member order (flush_new_rows).
            std::array<std::string_view, 1> const keep_ppks{"anggota_ppks_by_anggota"};
            auto more = PILAR_TRY(store::suspend_indexes(m_c, "anggota_ppks", keep_ppks));
            m_suspended.insert(m_suspended.end(), more.begin(), more.end());
        }
        triggers = PILAR_TRY(store::suspend_insert_triggers(m_c, table));
        if (anggota) m_feed_head = PILAR_TRY(store::feed_head(m_c));
    }

    // Workers: one per core (at least two: the reader's lock and the turns keep a single core
    // busy anyway), at most four.
    PILAR_TRY(m_dups.start());
    int const workers = m_opt.workers > 0 ? m_opt.workers : std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 4);
    if (m_opt.batch_rows > 0) m_batch_rows = m_opt.batch_rows;
    m_workers_left = workers;
    std::vector<std::jthread> pool;
    for (int i = 0; i < workers; ++i) pool.emplace_back([&] { work(map); });
    std::optional<Error> write_error;
    while (auto batch = m_queue.pop(m_slots)) {
        if (write_error) continue;
        bool const give_up = !m_opt.skip_invalid && [&] {
            std::lock_guard lock(m_report_mutex);
            return m_report.errors_total > 0;
        }();
        if (give_up) continue;  // keep draining so the workers can finish the report
        for (std::size_t i = 0; i < batch->n; ++i)
            if (!batch->items[i].ok || !batch->items[i].seal) {
                continue;  // invalid (reported), or not sealed because nothing will be written
            } else if (auto r = write(batch->items[i]); !r) {
                write_error = r.error();
                m_queue.abandon();
                break;
            }
        if (write_error)
            m_new_rows.clear();
        else if (auto r = flush_new_rows(); !r) {
            write_error = r.error();
            m_queue.abandon();
        }
        m_queue.give_back(std::move(*batch));
    }
    for (auto& t : pool) t.join();
    if (!write_error && !m_fatal && !m_dups_error) {
        if (auto r = m_dups.finish(); !r)
            m_dups_error = r.error();
        else
            m_second_pass = std::move(*r);
    }
    // What only the reading phase needed goes before the index rebuild needs its memory.
    m_households = {};
    m_household_prefix = {};
    m_households_file.reset();
    m_household_fences = {};
    m_queue.drop_free();
#if defined(__GLIBC__)
    // glibc keeps freed heap memory for reuse; the index rebuild allocates through SQLite's
    // sorter instead, so give the reading phase's tens of megabytes back now (issue 5's memory
    // bound is measured as resident memory).
    malloc_trim(0);
#endif
    auto const loaded = std::chrono::steady_clock::now();
    m_report.load_seconds = std::chrono::duration<double>(loaded - started).count();
    if (write_error) return fail(*write_error);
    if (m_fatal) return fail(*m_fatal);
    if (m_dups_error) return fail(*m_dups_error);
    if (m_second_pass) {
        // Rows beyond the in-memory table repeat each other: what this pass wrote (ids, the
        // rows after the repeats) is not what judging them row by row gives. Start again.
        (void)tx.rollback();
        return m_report;
    }

    m_report.ditolak = m_report.errors_total;
    // The writer's own findings (a record outside the scope) come after rows judged before them.
    std::stable_sort(m_report.errors.begin(), m_report.errors.end(), [](auto const& a, auto const& b) { return a.row < b.row; });
    m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (m_report.errors_total > 0 && !m_opt.skip_invalid) {
        (void)tx.rollback();
        m_report.baru = m_report.berubah = m_report.sama = 0;
        return m_report;
    }
    if (m_fresh && m_opt.kind == ImportKind::Anggota) PILAR_TRY(finish_fresh());
    if (m_fresh && m_opt.kind == ImportKind::Keluarga && !triggers.empty()) PILAR_TRY(store::add_fresh_keluarga_dash(m_c));
    PILAR_TRY(store::restore_indexes(m_c, m_suspended));
    PILAR_TRY(store::restore_indexes(m_c, triggers));
    m_report.index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - loaded).count();
    m_report.import_id = PILAR_TRY(store::next_id(m_c, "registry_import"));
    PILAR_TRY(m_c.execute("INSERT INTO registry_import (id, jenis, nama_file, sha256, baris, baru, berubah, sama, ditolak, "
                          "oleh, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          m_report.import_id, table, m_opt.file_name, m_opt.sha256, m_report.rows, m_report.baru,
                          m_report.berubah, m_report.sama, m_report.ditolak, m_actor.username, m_now));
    boost::json::object detail{{"file", m_opt.file_name}, {"sha256", m_opt.sha256}, {"baris", m_report.rows},
                               {"baru", m_report.baru}, {"berubah", m_report.berubah}, {"sama", m_report.sama},
                               {"ditolak", m_report.ditolak}};
    PILAR_TRY(access::append_audit(m_c, m_actor,
                                   {.action = fmt::format("{}.import", table), .entity = "registry_import",
                                    .entity_id = std::to_string(m_report.import_id), .detail = boost::json::serialize(detail),
                                    .area = m_area}));
    auto const committing = std::chrono::steady_clock::now();
    PILAR_TRY(tx.commit());
    m_report.commit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - committing).count();
    m_report.applied = true;
    m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return m_report;
}

// A RowSource that forwards to one owned elsewhere (the XlsxReader kept alive by ImportFile).
class RowSourceRef final : public RowSource {
public:
    explicit RowSourceRef(RowSource& inner) : m_inner(inner) {}
    std::span<std::string const> header() const override { return m_inner.header(); }
    Result<bool> next(std::vector<std::string>& row) override { return m_inner.next(row); }
    long long row_number() const override { return m_inner.row_number(); }
    std::string const& source_name() const override { return m_inner.source_name(); }

private:
    RowSource& m_inner;
};

}  // namespace

Result<ImportFile> open_import_file(std::string const& path, std::string const& display_name,
                                    std::optional<std::string_view> data) {
    std::string name = display_name.empty() ? path : display_name;
    // The first bytes decide, and the name: a zip is an XLSX; an old Excel file (.xls, an OLE2
    // compound file) or anything named .xlsx/.xls goes to the XLSX reader too, which refuses
    // what it cannot read in words ("an old Excel file (.xls): save it again as .xlsx or CSV")
    // instead of the CSV reader's "unknown column" over binary bytes.
    std::string sig;
    if (data) {
        sig = std::string(data->substr(0, 4));
    } else if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        char buf[4] = {};
        sig.assign(buf, std::fread(buf, 1, 4, f));
        std::fclose(f);
    }
    bool const zip = sig == "PK\x03\x04";
    bool const ole2 = sig == "\xD0\xCF\x11\xE0";
    auto const named = [&](std::string_view ext) {
        return name.size() >= ext.size() &&
               std::equal(ext.rbegin(), ext.rend(), name.rbegin(),
                          [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
    };
    ImportFile out;
    if (zip || ole2 || named(".xlsx") || named(".xls")) {
        if (data)
            return fail(ErrorCode::InvalidArgument, {"unggahan XLSX harus lewat berkas", "XLSX uploads must go through a file"});
        auto reader = std::make_shared<XlsxReader>(PILAR_TRY(XlsxReader::open(path, {.source_name = name})));
        PILAR_TRY(reader->require_no_merged_cells());
        for (auto const& s : reader->other_sheet_names()) out.ignored_sheets.push_back(s);
        out.rows = std::unique_ptr<RowSource>(new RowSourceRef(*reader));
        out.owner = reader;
        return out;
    }
    CsvOptions opt;
    opt.source_name = name;
    auto reader = std::make_shared<CsvReader>(data ? PILAR_TRY(CsvReader::from_string(*data, opt)) : PILAR_TRY(CsvReader::open(path, opt)));
    out.rows = std::make_unique<CsvRowSource>(*reader);
    out.owner = reader;
    return out;
}

std::string_view import_kind_name(ImportKind k) { return k == ImportKind::Keluarga ? "keluarga" : "anggota"; }

std::optional<ImportKind> import_kind_from_name(std::string_view name) {
    if (name == "keluarga") return ImportKind::Keluarga;
    if (name == "anggota") return ImportKind::Anggota;
    return std::nullopt;
}

Result<ImportReport> ImportService::run(Actor const& actor, RowSource& source, ImportOptions const& options) {
    if (!actor.is_system() && actor.role != Role::Operator)
        return fail(ErrorCode::PermissionDenied, {"Impor massal hanya untuk operator Dinas", "Bulk import is for office operators only"});
    auto c = PILAR_TRY(m_db.acquire());
    bool const sqlite = c->dialect() == db::Dialect::Sqlite;
    // For the load's connection (SQLite; set outside the transaction, restored after): a bigger
    // page cache; index rebuilds sort through temporary files, not memory; no per-row
    // foreign-key look-up: every member's household was resolved from this same transaction's
    // snapshot, which is the check the constraint would make.
    // Memory (issue 5: at most 200 MB during an import): the page cache takes up to 48 MB during
    // the load; the index rebuilds run with a 2 MB cache and sort runs (store::restore_indexes:
    // faster, too); the file is not memory-mapped for the load (mapped pages that the index
    // rebuild reads would count as resident memory, up to the whole table).
    // One sorter helper thread: the index rebuilds run after the load, when the workers are done,
    // and on an otherwise idle machine the helper took ~0.3 s off them (1.0-1.3 s against
    // 1.3-1.4 s). It costs CPU — SQLite then merges through extra temporary files: ~0.4 s more
    // for the two random-order rebuilds — so when other work holds the second core the rebuilds
    // are slower with it (load 2.5-7: 2.4 s against 1.7 s median; bench/RESULTS.md, import,
    // 2026-11-30 08:50-10:10). A second helper saved nothing.
    if (sqlite)
        PILAR_TRY(c->exec_script(fmt::format("PRAGMA cache_size = -{}; PRAGMA threads = 1; PRAGMA temp_store = FILE; "
                                             "PRAGMA foreign_keys = OFF; PRAGMA mmap_size = 0",
                                             options.cache_kib > 0 ? options.cache_kib : 49152)));
    bool rollback_journal = false;
    if (sqlite && options.exclusive) {
        // Leaving WAL needs an exclusive lock, which SQLite grants only when no other connection
        // has the file open; fail at once instead of waiting for a busy server.
        auto const timeout = PILAR_TRY(c->query_value<std::int64_t>("/* sqlite-only: pragma */ PRAGMA busy_timeout")).value_or(5000);
        PILAR_TRY(c->exec_script("PRAGMA busy_timeout = 0"));
        auto mode = c->query_value<std::string>("/* sqlite-only: pragma */ PRAGMA journal_mode = DELETE");
        rollback_journal = mode && *mode && **mode == "delete";
        PILAR_TRY(c->exec_script(fmt::format("PRAGMA busy_timeout = {}", timeout)));
        // Hold the file's lock from the first write to the end (a process that opens the file
        // meanwhile waits and gives up, instead of holding a read lock the load would wait on).
        if (rollback_journal) PILAR_TRY(c->exec_script("PRAGMA locking_mode = EXCLUSIVE"));
    }
    auto report = [&]() -> Result<ImportReport> {
        std::unique_ptr<Oracle> oracle;
        {
            Run run(*c, m_keyring, actor, source, options);
            auto first = run.execute();
            oracle = run.take_second_pass();
            if (!first || !oracle) return first;
        }
        // The first pass found in-file duplicates beyond the in-memory table (ImportOptions::
        // keys_in_memory) and rolled back: read the file again, knowing them.
        auto again = PILAR_TRY(options.reopen());
        Run run(*c, m_keyring, actor, *again.rows, options, std::move(oracle));
        return run.execute();
    }();
    if (rollback_journal) {
        // Back to normal locking (released at the next access: the switch back to WAL).
        (void)c->exec_script("PRAGMA locking_mode = NORMAL");
        (void)c->query_value<std::string>("/* sqlite-only: pragma */ PRAGMA journal_mode = WAL");
        if (report) report->rollback_journal = true;
    }
    if (sqlite)
        (void)c->exec_script("PRAGMA cache_size = -16000; PRAGMA threads = 0; PRAGMA temp_store = MEMORY; "
                             "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 2147418112");
    return report;
}

void ImportService::write_error_report(ImportReport const& report, CsvWriter& out, Lang lang) {
    (void)out.write_row({lang == Lang::En ? "row" : "baris", lang == Lang::En ? "column" : "kolom",
                         lang == Lang::En ? "value" : "nilai", lang == Lang::En ? "message" : "pesan"});
    for (auto const& e : report.errors)
        (void)out.write_row({std::to_string(e.row), e.column, e.value, lang == Lang::En ? e.message.en : e.message.id});
}

}  // namespace pilar::registry
