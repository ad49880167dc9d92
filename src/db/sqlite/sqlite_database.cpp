#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>

#if defined(__linux__)
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#endif

#include "core/background.hpp"
#include "db/capture.hpp"
#include "db/pool.hpp"

namespace pilar::db::sqlite {
namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
    int const primary = rc & 0xff;
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (primary) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error(ErrorCode::Unavailable, {"Basis data sedang sibuk; coba lagi sebentar lagi",
                                                  "The database is busy; try again shortly"});
        case SQLITE_CONSTRAINT: {
            int const ext = rc;
            if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
                return Error(ErrorCode::AlreadyExists,
                             {fmt::format("Data sudah ada ({})", detail), fmt::format("Already exists ({})", detail)});
            if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
                return Error(ErrorCode::InvalidArgument,
                             {"Data yang dirujuk tidak ada", "A referenced record does not exist"});
            return Error(ErrorCode::InvalidArgument, {fmt::format("Data tidak memenuhi aturan ({})", detail),
                                                      fmt::format("Data breaks a rule ({})", detail)});
        }
        case SQLITE_FULL:
            return Error(ErrorCode::Unavailable, {"Disk penuh", "Disk is full"});
        case SQLITE_READONLY:
            return Error(ErrorCode::Unavailable,
                         {"Basis data hanya bisa dibaca", "The database is read-only"});
        default:
            return Error(ErrorCode::Internal, {fmt::format("Kesalahan basis data saat {}: {}", context, detail),
                                               fmt::format("Database error while {}: {}", context, detail)});
    }
}

class SqliteStatement final : public Statement {
public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* s, std::string_view sql) : m_db(db), m_stmt(s), m_sql(sql) {}
    // The text it was prepared from (the cache's key, which outlives it).
    std::string_view sql() const { return m_sql; }
    ~SqliteStatement() override { sqlite3_finalize(m_stmt); }

    Result<void> bind_null(int i) override { return check(sqlite3_bind_null(m_stmt, i)); }
    Result<void> bind_int(int i, std::int64_t v) override { return check(sqlite3_bind_int64(m_stmt, i, v)); }
    Result<void> bind_double(int i, double v) override { return check(sqlite3_bind_double(m_stmt, i, v)); }
    Result<void> bind_text(int i, std::string_view v) override {
        // An empty string_view may carry a null pointer, which SQLite would bind as NULL: a
        // text parameter is always text (a login without User-Agent once failed on NOT NULL).
        return check(sqlite3_bind_text64(m_stmt, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    Result<void> bind_blob(int i, std::span<const std::uint8_t> v) override {
        return check(sqlite3_bind_blob64(m_stmt, i, v.data(), v.size(), SQLITE_STATIC));
    }
    Result<bool> step() override {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) {
            m_changes = sqlite3_changes64(m_db);
            return false;
        }
        return fail(sqlite_error(m_db, sqlite3_extended_errcode(m_db), "step"));
    }
    void reset() override {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void rewind() override { sqlite3_reset(m_stmt); }
    int column_count() const override { return sqlite3_column_count(m_stmt); }
    bool is_null(int c) const override { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }
    std::int64_t column_int(int c) const override { return sqlite3_column_int64(m_stmt, c); }
    double column_double(int c) const override { return sqlite3_column_double(m_stmt, c); }
    // The column's value is found once (sqlite3_column_text and sqlite3_column_bytes each look
    // it up again and each end in SQLite's API exit checks: ~100 instructions a column, 1,550
    // columns on a page of 50 members). Reading the returned value is what sqlite3_column_text
    // does itself; SQLite calls it unprotected only because no mutex is held, and a connection
    // here is used by one thread at a time (SQLITE_OPEN_NOMUTEX).
    std::string_view column_text(int c) const override {
        sqlite3_value* v = sqlite3_column_value(m_stmt, c);
        auto const* p = reinterpret_cast<char const*>(sqlite3_value_text(v));
        if (!p) return {};
        return {p, static_cast<size_t>(sqlite3_value_bytes(v))};
    }
    std::optional<std::string_view> column_opt_text(int c) const override {
        sqlite3_value* v = sqlite3_column_value(m_stmt, c);
        if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
        auto const* p = reinterpret_cast<char const*>(sqlite3_value_text(v));
        if (!p) return std::string_view{};
        return std::string_view{p, static_cast<size_t>(sqlite3_value_bytes(v))};
    }
    std::span<const std::uint8_t> column_blob(int c) const override {
        auto const* p = static_cast<std::uint8_t const*>(sqlite3_column_blob(m_stmt, c));
        if (!p) return {};
        return {p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, c))};
    }
    std::string_view column_name(int c) const override {
        char const* n = sqlite3_column_name(m_stmt, c);
        return n ? n : "";
    }
    std::int64_t changes() const override { return m_changes; }

private:
    Result<void> check(int rc) {
        if (rc == SQLITE_OK) return {};
        if (rc == SQLITE_RANGE)
            return fail(ErrorCode::Internal, {"Nomor parameter SQL di luar jangkauan", "SQL parameter index out of range"});
        return fail(sqlite_error(m_db, rc, "bind"));
    }

    sqlite3* m_db;
    sqlite3_stmt* m_stmt;
    std::string_view m_sql;
    std::int64_t m_changes = 0;
};

#if defined(__linux__)
// Writeback for SQLite: the files are SQLite's own descriptors, found through /proc/self/fd by
// their path. Opening the database file a second time is not an option: closing any descriptor
// of a file drops every POSIX lock the process holds on it, SQLite's included. A descriptor that
// SQLite closes and the process reuses between the look-up and the call only gets an unrelated
// file's pages written early, which is harmless.
class SqliteWriteback final : public Writeback {
public:
    explicit SqliteWriteback(std::string path)
        : m_paths{path, path + "-journal", path + "-wal"},
          m_thread([this](std::stop_token stop) { run(stop); }) {}
    ~SqliteWriteback() override { m_thread.request_stop(); }

private:
    void run(std::stop_token stop) {
        lower_this_thread_priority();
        std::mutex m;
        std::unique_lock lock(m);
        while (true) {
            m_wake.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
            if (stop.stop_requested()) return;
            DIR* dir = ::opendir("/proc/self/fd");
            if (!dir) return;
            char link[PATH_MAX];
            while (dirent* e = ::readdir(dir)) {
                if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
                auto const n = ::readlinkat(::dirfd(dir), e->d_name, link, sizeof link);
                if (n <= 0) continue;
                std::string_view const target(link, static_cast<std::size_t>(n));
                if (std::find(m_paths.begin(), m_paths.end(), target) != m_paths.end())
                    (void)::sync_file_range(std::atoi(e->d_name), 0, 0, SYNC_FILE_RANGE_WRITE);
            }
            ::closedir(dir);
        }
    }

    std::array<std::string, 3> m_paths;
    std::condition_variable_any m_wake;
    std::jthread m_thread;  // last: stops before the members it uses go
};
#endif

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    ~SqliteConnection() override {
        m_cache.clear();  // finalize statements before closing
        sqlite3_close_v2(m_db);
    }

    std::unique_ptr<Writeback> start_writeback() override {
#if defined(__linux__)
        char const* file = sqlite3_db_filename(m_db, "main");
        if (!file || !*file) return nullptr;  // in memory
        char resolved[PATH_MAX];
        if (!::realpath(file, resolved)) return nullptr;
        return std::make_unique<SqliteWriteback>(resolved);
#else
        return nullptr;
#endif
    }

    Dialect dialect() const override { return Dialect::Sqlite; }

    Result<void> exec_script(std::string_view sql) override {
        std::string owned(sql);
        char* msg = nullptr;
        int rc = sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &msg);
        if (rc != SQLITE_OK) {
            std::string detail = msg ? msg : sqlite3_errstr(rc);
            sqlite3_free(msg);
            auto e = sqlite_error(m_db, sqlite3_extended_errcode(m_db), "exec");
            if (e.code == ErrorCode::Internal)
                e.message = {fmt::format("Skrip SQL gagal: {}", detail), fmt::format("SQL script failed: {}", detail)};
            return fail(std::move(e));
        }
        return {};
    }

    Result<StatementRef> prepare(std::string_view sql) override { return cached(sql, Capture::Yes); }

    // The backend's own statements (transaction control, its checks of the file): not part of
    // what the stores say, so never captured (db/capture.hpp).
    Result<std::optional<std::int64_t>> internal_value(std::string_view sql) {
        auto stmt = PILAR_TRY(cached(sql, Capture::No));
        if (!PILAR_TRY(stmt.step()) || stmt.is_null(0)) return std::optional<std::int64_t>{};
        std::optional<std::int64_t> out = stmt.integer(0);
        while (PILAR_TRY(stmt.step())) {
        }
        return out;
    }

    Result<Transaction> begin(TxMode mode) override {
        if (in_transaction()) {  // inside a db::Batch: a savepoint of the batch's transaction
            int n = ++m_savepoints;
            PILAR_TRY(exec_script(fmt::format("SAVEPOINT sp_{}", n)));
            return Transaction(this, n);
        }
        m_savepoints = 0;
        // Cached statements, not sqlite3_exec: a read request begins and ends a transaction,
        // and parsing "BEGIN"/"COMMIT" each time showed in its profile.
        PILAR_TRY(run_cached(mode == TxMode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
        return Transaction(this);
    }
    Result<void> release_savepoint(int n) override { return exec_script(fmt::format("RELEASE sp_{}", n)); }
    Result<void> rollback_savepoint(int n) override {
        if (sqlite3_get_autocommit(m_db)) return {};
        return exec_script(fmt::format("ROLLBACK TO sp_{0}; RELEASE sp_{0}", n));
    }
    Result<void> commit() override { return run_cached("COMMIT"); }
    Result<void> rollback() override {
        if (sqlite3_get_autocommit(m_db)) return {};
        return exec_script("ROLLBACK");
    }
    bool in_transaction() const override { return sqlite3_get_autocommit(m_db) == 0; }

private:
    enum class Capture { No, Yes };

    Result<StatementRef> cached(std::string_view sql, Capture capture) {
        // Most SQL text is a static string, at the same address every time: a small table by
        // address finds its statement after one comparison of the text (memcmp), where the map
        // below hashes the whole text first (a person read's ~700-character SELECT: ~1,000
        // instructions, 2 % of the request). The text is compared too, so a buffer reused for
        // other SQL misses here rather than finding the wrong statement.
        auto& recent = m_recent[(reinterpret_cast<std::uintptr_t>(sql.data()) >> 4) % m_recent.size()];
        if (recent.statement && recent.sql == sql.data() && recent.statement->sql() == sql)
            return StatementRef(recent.statement);
        if (auto it = m_cache.find(sql); it != m_cache.end()) {
            recent = {sql.data(), it->second.get()};
            return StatementRef(it->second.get());
        }
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
        if (rc != SQLITE_OK) {
            std::string detail = sqlite3_errmsg(m_db);
            return fail(ErrorCode::Internal, {fmt::format("SQL tidak valid: {}", detail),
                                              fmt::format("Invalid SQL: {}", detail)});
        }
        if (capture == Capture::Yes && capture_enabled()) capture_sql(sql);  // PILAR_SQL_CAPTURE (tests/postgres/statements.sh)
        auto [it, _] = m_cache.emplace(std::string(sql), nullptr);
        it->second = std::make_unique<SqliteStatement>(m_db, stmt, it->first);
        recent = {sql.data(), it->second.get()};
        return StatementRef(it->second.get());
    }

    Result<void> run_cached(std::string_view sql) {
        auto stmt = PILAR_TRY(cached(sql, Capture::No));
        while (PILAR_TRY(stmt.step())) {
        }
        return {};
    }

    sqlite3* m_db;
    int m_savepoints = 0;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, StringHash, std::equal_to<>> m_cache;
    struct Recent {
        char const* sql = nullptr;  // where the caller's text was
        SqliteStatement* statement = nullptr;
    };
    std::array<Recent, 64> m_recent{};
};

// The page size of a database Pilar creates (SQLite's default is 4,096 bytes). Larger pages mean
// fewer B-tree pages, cells moved and page writes per row for a bulk import, and a shallower
// tree for reads; measured for both in bench/RESULTS.md ("Registry: import", page size).
constexpr int kNewDatabasePageSize = 16384;

// SQLite's memory, with small blocks kept per thread for reuse. Reading a row copies each text
// column into memory SQLite allocates, and resetting the statement frees it again: ~20 malloc/free
// pairs per person read, 1,000 per list page, at ~350 instructions a pair through glibc (a seventh
// of a person read; callgrind, bench/RESULTS.md issue 5). SQLite's own answer, the per-connection
// lookaside allocator, is compiled out of Debian's libsqlite3 (SQLITE_OMIT_LOOKASIDE), and a general
// allocator library (mimalloc) would also take over the page caches and change the memory profile
// of bulk imports; so this hand-written layer covers only blocks up to 2 KB (registers, cursors),
// of seven sizes, at most kKeep of each per thread (under 256 KB a thread), and hands everything
// else (page buffers) to malloc.
// A block freed on another thread than it came from joins that thread's cache (or goes to free).
namespace small_blocks {

constexpr std::size_t kHeader = 16;  // the block's usable size and class; keeps malloc's alignment
constexpr std::size_t kSizes[] = {32, 64, 128, 256, 512, 1024, 2048};
constexpr int kClasses = static_cast<int>(std::size(kSizes));
constexpr int kBig = kClasses;  // not cached
constexpr int kKeep = 64;

struct Header {
    std::size_t usable;
    std::size_t size_class;
};
static_assert(sizeof(Header) == kHeader);

int class_of(std::size_t n) { return n <= 32 ? 0 : static_cast<int>(std::bit_width(n - 1)) - 5; }

struct Cache {
    void* head[kClasses] = {};  // each free block's first word links to the next
    int count[kClasses] = {};
    ~Cache();
};
// Set when this thread's cache is gone (thread exit): later frees go straight to free().
thread_local bool t_cache_gone = false;
thread_local Cache t_cache;

Cache::~Cache() {
    t_cache_gone = true;
    for (int c = 0; c < kClasses; ++c)
        while (void* p = head[c]) {
            head[c] = *static_cast<void**>(p);
            std::free(static_cast<char*>(p) - kHeader);
        }
}

void* allocate(int n) {
    auto const size = static_cast<std::size_t>(n);
    int const c = size <= kSizes[kClasses - 1] ? class_of(size) : kBig;
    if (c != kBig && !t_cache_gone) {
        Cache& cache = t_cache;
        if (void* p = cache.head[c]) {
            cache.head[c] = *static_cast<void**>(p);
            --cache.count[c];
            return p;
        }
    }
    std::size_t const usable = c == kBig ? (size + 15) & ~std::size_t(15) : kSizes[c];
    auto* h = static_cast<Header*>(std::malloc(kHeader + usable));
    if (!h) return nullptr;
    *h = {usable, static_cast<std::size_t>(c)};
    return reinterpret_cast<char*>(h) + kHeader;
}

Header* header_of(void* p) { return reinterpret_cast<Header*>(static_cast<char*>(p) - kHeader); }

void release(void* p) {
    if (!p) return;
    Header* h = header_of(p);
    auto const c = static_cast<int>(h->size_class);
    if (c != kBig && !t_cache_gone) {
        Cache& cache = t_cache;
        if (cache.count[c] < kKeep) {
            *static_cast<void**>(p) = cache.head[c];
            cache.head[c] = p;
            ++cache.count[c];
            return;
        }
    }
    std::free(h);
}

int usable_size(void* p) { return p ? static_cast<int>(header_of(p)->usable) : 0; }

void* reallocate(void* p, int n) {
    if (!p) return allocate(n);
    if (static_cast<std::size_t>(n) <= header_of(p)->usable) return p;
    void* q = allocate(n);
    if (!q) return nullptr;  // SQLite keeps the old block
    std::memcpy(q, p, header_of(p)->usable);
    release(p);
    return q;
}

int round_up(int n) {
    auto const size = static_cast<std::size_t>(n);
    if (size <= kSizes[kClasses - 1]) return static_cast<int>(kSizes[class_of(size)]);
    return static_cast<int>((size + 15) & ~std::size_t(15));
}

int init(void*) { return SQLITE_OK; }
void shutdown(void*) {}

sqlite3_mem_methods const kMethods = {allocate, release, reallocate, usable_size, round_up, init, shutdown, nullptr};

}  // namespace small_blocks

// Process-wide settings, before SQLite initialises itself on the first open: without memory
// statistics sqlite3_malloc takes no global mutex (the I/O threads contended on it: a third of
// the futex calls of a person read); the allocator above.
void configure_once() {
    static bool const done = [] {
        // Both SQLITE_MISUSE if SQLite was already initialised: harmless, the defaults stay.
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        (void)sqlite3_config(SQLITE_CONFIG_MALLOC, &small_blocks::kMethods);
        return true;
    }();
    (void)done;
}

Result<std::unique_ptr<Connection>> open_connection(std::string const& path, OpenOptions const& options) {
    configure_once();
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
                (options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        return fail(ErrorCode::Unavailable, {fmt::format("Tidak bisa membuka basis data {}: {}", path, detail),
                                             fmt::format("Cannot open database {}: {}", path, detail)});
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
    auto conn = std::make_unique<SqliteConnection>(db);
    // page_size before anything else: it takes effect only while the file is still empty (the
    // first statement that writes, here journal_mode=WAL, fixes it in the header). A database
    // that already exists keeps the page size it was created with: SQLite would change it only
    // by a VACUUM outside WAL mode, which Pilar never runs.
    // WAL next: it is persistent in the file, the rest are per connection.
    // mmap_size: pages are read through a memory map of the file instead of a pread() system
    // call each (SQLite still writes with pwrite and reads WAL frames as before). A read of one
    // person touches ~8 pages of a 1.4 GB file; an export walks the index order over scattered
    // table pages (3-4x faster mapped). 2 GB is the build's SQLITE_MAX_MMAP_SIZE; beyond that
    // the rest of a larger file is read as before. The mapping is shared page cache, not heap.
    PILAR_TRY(conn->exec_script(options.read_only ? std::string("PRAGMA foreign_keys=ON;"
                                                                "PRAGMA mmap_size=2147418112;") :
                                fmt::format("PRAGMA page_size={};", kNewDatabasePageSize) +
                                "PRAGMA journal_mode=WAL;"
                                "PRAGMA synchronous=FULL;"
                                "PRAGMA foreign_keys=ON;"
                                "PRAGMA temp_store=MEMORY;"
                                "PRAGMA cache_size=-16000;"
                                "PRAGMA mmap_size=2147418112;"));
    return std::unique_ptr<Connection>(std::move(conn));
}

// OpenOptions::hold_read_mark. SQLite's unix VFS takes a shared lock on the WAL read mark a read
// transaction uses (an fcntl on the -shm file) when it begins and drops it when it ends, unless
// another connection of the process holds the same mark: then it only counts, under the shm
// node's mutex. A server's plain reads are one short transaction each, so that was two fcntl
// calls per person read and a mutex the two I/O threads contended for, ~17 % of the server's CPU
// per read (bench/RESULTS.md, issue 5). This connection holds a read transaction, so the readers
// find their mark held: they still begin their own transactions and see every commit. What a
// held transaction does to others: a checkpoint copies WAL frames into the database only up to
// its snapshot, and a writer cannot start the WAL over while it holds a mark other than 0. So it
// is held only through an interval that follows an interval without any commit (PRAGMA
// data_version, which counts other connections' and other processes' commits): during a burst
// of writes nothing is held, and a checkpoint after a quiet spell waits at most one interval.
class ReadMarkHolder {
public:
    explicit ReadMarkHolder(std::unique_ptr<Connection> conn) : m_conn(std::move(conn)) {}
    ~ReadMarkHolder() { release(); }
    ReadMarkHolder(ReadMarkHolder const&) = delete;
    ReadMarkHolder& operator=(ReadMarkHolder const&) = delete;

    // Once an interval: ends the transaction held through the last one, and begins a new one
    // when nothing was committed since the last call. Errors (a busy database) skip a turn.
    void tick() {
        release();
        auto version = connection().internal_value("PRAGMA data_version");
        if (!version || !*version) return;
        bool const quiet = **version == m_version;
        m_version = **version;
        if (!quiet || !m_conn->exec_script("BEGIN")) return;
        m_held = true;
        // The first read begins the read transaction (BEGIN alone takes no lock).
        if (!connection().internal_value("SELECT count(*) FROM sqlite_schema")) release();
    }

private:
    // A read transaction left open by a failed COMMIT would be held for good (and the next BEGIN
    // would fail): rolled back then.
    void release() {
        if (m_held && !m_conn->exec_script("COMMIT")) (void)m_conn->exec_script("ROLLBACK");
        m_held = false;
    }

    SqliteConnection& connection() { return static_cast<SqliteConnection&>(*m_conn); }

    std::unique_ptr<Connection> m_conn;
    std::int64_t m_version = -1;
    bool m_held = false;
};

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, OpenOptions const& options)
        : m_path(std::move(path)),
          m_pool([path = m_path, options] { return open_connection(path, options); }, options.max_connections,
                 options.acquire_timeout) {
        if (options.hold_read_mark.count() > 0 && !options.read_only)
            m_holder = std::jthread([path = m_path, options](std::stop_token stop) {
                lower_this_thread_priority();
                std::mutex m;
                std::condition_variable_any wake;
                std::unique_lock lock(m);
                // One interval before the first look: the database is being opened (and perhaps
                // created and migrated) by the caller meanwhile.
                wake.wait_for(lock, stop, options.hold_read_mark, [] { return false; });
                if (stop.stop_requested()) return;
                auto conn = open_connection(path, options);
                if (!conn) return;
                ReadMarkHolder holder(std::move(*conn));
                while (!stop.stop_requested()) {
                    holder.tick();
                    wake.wait_for(lock, stop, options.hold_read_mark, [] { return false; });
                }
            });
    }

    Dialect dialect() const override { return Dialect::Sqlite; }

    Result<PooledConnection> acquire() override {
        if (auto* c = batch_connection()) return PooledConnection::borrowed(c);
        return m_pool.acquire();
    }
    PoolStats pool_stats() const override { return m_pool.stats(); }
    std::string describe() const override { return "sqlite:" + m_path; }

private:
    std::string m_path;
    ConnectionPool m_pool;
    std::jthread m_holder;  // last: stopped (and its transaction ended) before the pool goes
};

}  // namespace

Result<std::unique_ptr<Database>> open(std::string path, OpenOptions const& options) {
    auto database = std::make_unique<SqliteDatabase>(std::move(path), options);
    // Open one connection now so a bad path or a corrupt file fails at start, not on the first
    // request.
    {
        auto c = PILAR_TRY(database->acquire());
        (void)PILAR_TRY(static_cast<SqliteConnection&>(*c).internal_value("SELECT count(*) FROM sqlite_master"));
    }
    return std::unique_ptr<Database>(std::move(database));
}

}  // namespace pilar::db::sqlite
