// The storage interface every module's store.cpp talks to. Backends (sqlite/, later postgres/)
// implement Connection and Statement; modules never see which one is underneath.
//
// SQL is written once, portably: `?` placeholders (the PostgreSQL backend rewrites them to $n),
// `RETURNING` for generated ids, ISO-8601 text for timestamps, INTEGER/TEXT/REAL/BLOB types.
//
//   auto conn = PILAR_TRY(db.acquire());
//   auto tx = PILAR_TRY(conn->begin(TxMode::Write));
//   PILAR_TRY(conn->execute("INSERT INTO wilayah(kode, nama) VALUES (?, ?)", kode, nama));
//   auto stmt = PILAR_TRY(conn->prepare("SELECT kode, nama FROM wilayah WHERE induk = ?"));
//   PILAR_TRY(stmt.bind_all(induk));
//   while (PILAR_TRY(stmt.step())) use(stmt.text(0), stmt.text(1));
//   PILAR_TRY(tx.commit());
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace pilar::db {

enum class Dialect { Sqlite, Postgres };

// A value bound to a placeholder. Text is borrowed: it must outlive the step() that uses it.
struct Null {};

// What a backend implements for one prepared statement. Modules use StatementRef instead.
class Statement {
public:
    virtual ~Statement() = default;
    virtual Result<void> bind_null(int index) = 0;  // 1-based
    virtual Result<void> bind_int(int index, std::int64_t v) = 0;
    virtual Result<void> bind_double(int index, double v) = 0;
    virtual Result<void> bind_text(int index, std::string_view v) = 0;
    virtual Result<void> bind_blob(int index, std::span<const std::uint8_t> v) = 0;
    // Advances to the next row: true while a row is available, false when done.
    virtual Result<bool> step() = 0;
    // Clears bindings and rewinds, so the statement can be reused.
    virtual void reset() = 0;
    // Rewinds and keeps the bindings: only what changes needs binding again. Text is borrowed,
    // so what is still bound must still be alive at the next step().
    virtual void rewind() = 0;
    virtual int column_count() const = 0;
    virtual bool is_null(int col) const = 0;  // 0-based
    virtual std::int64_t column_int(int col) const = 0;
    virtual double column_double(int col) const = 0;
    virtual std::string_view column_text(int col) const = 0;  // valid until the next step()
    // The text, or nullopt for NULL; a backend may find the column once for both answers.
    virtual std::optional<std::string_view> column_opt_text(int col) const {
        if (is_null(col)) return std::nullopt;
        return column_text(col);
    }
    virtual std::span<const std::uint8_t> column_blob(int col) const = 0;
    virtual std::string_view column_name(int col) const = 0;
    // Rows changed by the last completed INSERT/UPDATE/DELETE.
    virtual std::int64_t changes() const = 0;
};

// A borrowed, cached prepared statement; rewinds itself when it goes out of scope.
class StatementRef {
public:
    explicit StatementRef(Statement* s) : m_stmt(s) {}
    StatementRef(StatementRef&& o) noexcept : m_stmt(std::exchange(o.m_stmt, nullptr)) {}
    StatementRef& operator=(StatementRef&&) = delete;
    StatementRef(StatementRef const&) = delete;
    ~StatementRef() {
        if (m_stmt) m_stmt->reset();
    }

    template <typename... Args>
    Result<void> bind_all(Args const&... args) {
        int i = 0;
        Result<void> r;
        ((r = r ? bind(++i, args) : r), ...);
        return r;
    }
    Result<void> bind(int i, Null) { return m_stmt->bind_null(i); }
    Result<void> bind(int i, std::nullptr_t) { return m_stmt->bind_null(i); }
    Result<void> bind(int i, bool v) { return m_stmt->bind_int(i, v ? 1 : 0); }
    template <typename T>
        requires std::is_integral_v<T>
    Result<void> bind(int i, T v) {
        return m_stmt->bind_int(i, static_cast<std::int64_t>(v));
    }
    Result<void> bind(int i, double v) { return m_stmt->bind_double(i, v); }
    Result<void> bind(int i, std::string_view v) { return m_stmt->bind_text(i, v); }
    Result<void> bind(int i, std::string const& v) { return m_stmt->bind_text(i, v); }
    Result<void> bind(int i, char const* v) { return m_stmt->bind_text(i, v); }
    Result<void> bind(int i, std::span<const std::uint8_t> v) { return m_stmt->bind_blob(i, v); }
    Result<void> bind(int i, std::vector<std::uint8_t> const& v) { return m_stmt->bind_blob(i, v); }
    template <typename T>
    Result<void> bind(int i, std::optional<T> const& v) {
        if (!v) return m_stmt->bind_null(i);
        return bind(i, *v);
    }

    Result<bool> step() { return m_stmt->step(); }
    // Back to before the first step, bindings cleared: to run the statement again with new ones.
    void reset() { m_stmt->reset(); }
    // Back to before the first step, bindings kept (see Statement::rewind).
    void rewind() { m_stmt->rewind(); }
    int column_count() const { return m_stmt->column_count(); }
    bool is_null(int c) const { return m_stmt->is_null(c); }
    std::int64_t integer(int c) const { return m_stmt->column_int(c); }
    double real(int c) const { return m_stmt->column_double(c); }
    std::string_view text(int c) const { return m_stmt->column_text(c); }
    std::string string(int c) const { return std::string(m_stmt->column_text(c)); }
    std::optional<std::string_view> opt_text(int c) const { return m_stmt->column_opt_text(c); }
    std::optional<std::string> opt_string(int c) const {
        if (is_null(c)) return std::nullopt;
        return string(c);
    }
    std::optional<std::int64_t> opt_integer(int c) const {
        if (is_null(c)) return std::nullopt;
        return integer(c);
    }
    std::span<const std::uint8_t> blob(int c) const { return m_stmt->column_blob(c); }
    std::string_view column_name(int c) const { return m_stmt->column_name(c); }
    std::int64_t changes() const { return m_stmt->changes(); }

private:
    Statement* m_stmt;
};

enum class TxMode {
    Read,   // a consistent snapshot for several reads
    Write,  // takes the write lock up front (SQLite BEGIN IMMEDIATE), so it never has to
            // upgrade mid-way and deadlock with another writer
};

class Connection;
class Database;

// Rolls back on destruction unless commit() succeeded. Begun on a connection that is already in
// a transaction (a Batch, below) it is a SAVEPOINT: commit releases it into the outer
// transaction, rollback undoes only what was done since it began.
class Transaction {
public:
    explicit Transaction(Connection* c, int savepoint = 0) : m_conn(c), m_savepoint(savepoint) {}
    Transaction(Transaction&& o) noexcept : m_conn(std::exchange(o.m_conn, nullptr)), m_savepoint(o.m_savepoint) {}
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> commit();
    Result<void> rollback();

private:
    Connection* m_conn;
    int m_savepoint;  // 0: a real transaction; n: SAVEPOINT sp_n
};

// While it lives, the database's changed pages are handed to the operating system for writing
// to disk in the background (SQLite on Linux: sync_file_range on the database file, its journal
// and its WAL, every quarter second). Nothing about durability changes — a commit still waits
// for the disk — but a long write transaction's commit no longer finds all of its pages still to
// be written (the kernel holds written pages up to 30 s): the bulk import's commit of ~750 MB
// took 0.3-0.6 s of waiting, done in the background meanwhile (bench/RESULTS.md, issue 5).
class Writeback {
public:
    virtual ~Writeback() = default;
};

class Connection {
public:
    virtual ~Connection() = default;
    // Null where the backend has nothing to do (see Writeback).
    virtual std::unique_ptr<Writeback> start_writeback() { return nullptr; }
    // Savepoints of Transactions nested in an outer one (see Transaction).
    virtual Result<void> release_savepoint(int n) = 0;
    virtual Result<void> rollback_savepoint(int n) = 0;
    virtual Dialect dialect() const = 0;
    // One or more statements without parameters (schema, pragmas, migrations).
    virtual Result<void> exec_script(std::string_view sql) = 0;
    // Prepared and cached for the life of the connection, keyed by the SQL text.
    virtual Result<StatementRef> prepare(std::string_view sql) = 0;
    virtual Result<Transaction> begin(TxMode mode) = 0;
    virtual Result<void> commit() = 0;
    virtual Result<void> rollback() = 0;
    virtual bool in_transaction() const = 0;

    // Runs a statement that returns no rows; yields the number of rows changed.
    template <typename... Args>
    Result<std::int64_t> execute(std::string_view sql, Args const&... args) {
        auto stmt = PILAR_TRY(prepare(sql));
        PILAR_TRY(stmt.bind_all(args...));
        while (PILAR_TRY(stmt.step())) {
        }
        return stmt.changes();
    }

    // The first column of the first row, if any (COUNT(*), RETURNING id, a lookup).
    template <typename T, typename... Args>
    Result<std::optional<T>> query_value(std::string_view sql, Args const&... args) {
        auto stmt = PILAR_TRY(prepare(sql));
        PILAR_TRY(stmt.bind_all(args...));
        if (!PILAR_TRY(stmt.step()) || stmt.is_null(0)) return std::optional<T>{};
        std::optional<T> out;
        if constexpr (std::is_same_v<T, std::string>)
            out = stmt.string(0);
        else if constexpr (std::is_floating_point_v<T>)
            out = static_cast<T>(stmt.real(0));
        else
            out = static_cast<T>(stmt.integer(0));
        while (PILAR_TRY(stmt.step())) {
        }
        return out;
    }
};

// What the pool hands out; returns the connection to the pool when it goes out of scope.
class PooledConnection {
public:
    PooledConnection(std::unique_ptr<Connection> c, std::function<void(std::unique_ptr<Connection>)> give_back)
        : m_conn(std::move(c)), m_give_back(std::move(give_back)) {}
    // The connection of the Batch running on this thread: lent, not owned, never given back.
    static PooledConnection borrowed(Connection* c) {
        PooledConnection p(nullptr, nullptr);
        p.m_borrowed = c;
        return p;
    }
    PooledConnection(PooledConnection&&) noexcept = default;
    PooledConnection& operator=(PooledConnection&&) = delete;
    ~PooledConnection() {
        if (m_conn && m_give_back) m_give_back(std::move(m_conn));
    }
    Connection* operator->() const { return m_borrowed ? m_borrowed : m_conn.get(); }
    Connection& operator*() const { return m_borrowed ? *m_borrowed : *m_conn; }

private:
    std::unique_ptr<Connection> m_conn;
    std::function<void(std::unique_ptr<Connection>)> m_give_back;
    Connection* m_borrowed = nullptr;
};

// Group commit for a run of independent writes made by code that opens its own transactions
// (services): while a Batch is alive on a thread, Database::acquire() on that thread lends the
// batch's connection, and every transaction begun on it is a savepoint inside the batch's one
// write transaction. Each write still succeeds or rolls back on its own (its savepoint), but all
// of them reach the disk with ONE commit — one fsync instead of one per write, which is what
// bounds SQLite's write rate (synchronous=FULL). Used by offline sync (src/sync), whose request
// is answered only after commit() succeeded, so nothing is acknowledged before it is durable.
//
//   auto batch = PILAR_TRY(db::Batch::begin(db));   // BEGIN IMMEDIATE on a pooled connection
//   for (auto& op : ops) results.push_back(apply(op));   // services acquire() -> the same connection
//   PILAR_TRY(batch.commit());
//
// Holds the write lock for the whole batch: keep batches short (sync: at most 100 ops).
class Batch {
public:
    static Result<Batch> begin(Database& db);
    Batch(Batch&& o) noexcept;
    Batch& operator=(Batch&&) = delete;
    ~Batch();  // rolls back unless committed
    Result<void> commit();
    Connection& connection() { return *m_conn; }

private:
    Batch(PooledConnection c, Transaction tx);
    PooledConnection m_conn;
    std::optional<Transaction> m_tx;
    bool m_active = true;
};

// The connection of the Batch alive on this thread, if any (for Database::acquire()).
Connection* batch_connection();

struct PoolStats {
    int size = 0;       // connections open
    int in_use = 0;     // handed out right now
    int max_size = 0;
    std::uint64_t waits = 0;      // acquisitions that had to wait
    std::uint64_t timeouts = 0;   // acquisitions that gave up
};

struct OpenOptions {
    int max_connections = 8;
    std::chrono::milliseconds acquire_timeout{5000};
    std::chrono::milliseconds busy_timeout{5000};
    bool read_only = false;
    // SQLite: when above zero, one more connection holds a read transaction through every
    // interval of this length that follows an interval without a commit, so the process's reads
    // share its WAL read-mark lock instead of each taking and dropping it (two fcntl calls and a
    // mutex the I/O threads contend for). Reads still see every commit. For the server; the CLI
    // leaves it off. Details in sqlite_database.cpp (ReadMarkHolder).
    std::chrono::milliseconds hold_read_mark{0};
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // Waits up to OpenOptions::acquire_timeout for a free connection (Unavailable after).
    virtual Result<PooledConnection> acquire() = 0;
    virtual PoolStats pool_stats() const = 0;
    // Human-readable location for logs ("sqlite:/srv/pilar-data/pilar.db"); never a password.
    virtual std::string describe() const = 0;
};

// "postgresql://..." / "postgres://..." select PostgreSQL; "sqlite:PATH" or a plain path select
// SQLite (the file is created if missing).
Result<std::unique_ptr<Database>> open_database(std::string_view url, OpenOptions const& options = {});

}  // namespace pilar::db
