#include "db/database.hpp"
#include "db/sqlite/backup.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace pilar::db {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/pilar-db-test-XXXXXX";
        m_path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string file(std::string_view name) const { return (m_path / name).string(); }

private:
    fs::path m_path;
};

std::unique_ptr<Database> open_or_die(std::string const& path, OpenOptions o = {}) {
    auto db = open_database(path, o);
    EXPECT_TRUE(db) << (db ? "" : db.error().describe(Lang::En));
    return std::move(*db);
}

// Runs `body` in a forked child that never returns (it is killed with SIGKILL by the caller); the
// parent goes on once the child called ready(). Open no connection across the fork: the child
// would inherit SQLite's per-process lock bookkeeping without the locks.
template <typename Body>
pid_t fork_child(Body body) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        body([fd = fds[1]] {
            char ok = 'k';
            (void)!write(fd, &ok, 1);
        });
        for (;;) pause();
    }
    close(fds[1]);
    char ack = 0;
    if (pid > 0 && read(fds[0], &ack, 1) != 1) pid = -1;
    close(fds[0]);
    return pid;
}

void kill_child(pid_t pid) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

TEST(Sqlite, WritesAndReadsTypedRows) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    ASSERT_TRUE(c->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, note TEXT) STRICT"));
    ASSERT_EQ(c->execute("INSERT INTO t(name, score, note) VALUES (?, ?, ?)", "Siti", 1.5, std::optional<std::string>{}).value(), 1);
    auto id = c->query_value<std::int64_t>("INSERT INTO t(name, score) VALUES (?, ?) RETURNING id", std::string("Budi"), 2.0);
    ASSERT_TRUE(id);
    EXPECT_EQ(**id, 2);

    auto stmt = c->prepare("SELECT id, name, score, note FROM t ORDER BY id").value();
    ASSERT_TRUE(stmt.step().value());
    EXPECT_EQ(stmt.integer(0), 1);
    EXPECT_EQ(stmt.text(1), "Siti");
    EXPECT_DOUBLE_EQ(stmt.real(2), 1.5);
    EXPECT_TRUE(stmt.is_null(3));
    EXPECT_EQ(stmt.opt_string(3), std::nullopt);
    ASSERT_TRUE(stmt.step().value());
    EXPECT_EQ(stmt.text(1), "Budi");
    EXPECT_FALSE(stmt.step().value());
}

// opt_text finds the column once for "NULL?" and the text: NULL, an empty text and a number
// read as text each keep their meaning.
TEST(Sqlite, OptTextTellsNullFromEmptyText) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    auto stmt = c->prepare("SELECT NULL, '', 'Siti Nurhaliza', 42").value();
    ASSERT_TRUE(stmt.step().value());
    EXPECT_EQ(stmt.opt_text(0), std::nullopt);
    EXPECT_EQ(stmt.text(0), "");
    ASSERT_TRUE(stmt.opt_text(1));
    EXPECT_EQ(*stmt.opt_text(1), "");
    EXPECT_EQ(stmt.opt_text(2), std::optional<std::string_view>("Siti Nurhaliza"));
    EXPECT_EQ(stmt.text(2), "Siti Nurhaliza");
    EXPECT_EQ(stmt.opt_text(3), std::optional<std::string_view>("42"));
    EXPECT_EQ(stmt.text(3), "42");
}

// A default-constructed string_view has a null data pointer; it is still an empty text, not
// NULL (a login without a User-Agent header once failed on sessions.user_agent NOT NULL).
TEST(Sqlite, EmptyStringViewBindsAsEmptyTextNotNull) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    ASSERT_TRUE(c->exec_script("CREATE TABLE t (s TEXT NOT NULL) STRICT"));
    ASSERT_TRUE(c->execute("INSERT INTO t(s) VALUES (?)", std::string_view{}));
    auto stmt = c->prepare("SELECT s, s IS NULL FROM t").value();
    ASSERT_TRUE(stmt.step().value());
    EXPECT_EQ(stmt.text(0), "");
    EXPECT_EQ(stmt.integer(1), 0);
}

// Statements are found again by where their SQL text is (one comparison of the text): a buffer
// that held other SQL at the same address must still get its own statement.
TEST(Sqlite, ReusedSqlBufferGetsItsOwnStatement) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    std::string sql;
    sql.reserve(64);
    char const* const at = sql.data();
    for (int i = 0; i < 3; ++i)
        for (std::string_view text : {"SELECT 'one'", "SELECT 'two'", "SELECT 'one' || 'x'"}) {
            sql.assign(text);
            ASSERT_EQ(sql.data(), at) << "the same buffer";
            auto s = c->prepare(sql).value();
            ASSERT_TRUE(s.step().value());
            std::string want = text == "SELECT 'one'" ? "one" : text == "SELECT 'two'" ? "two" : "onex";
            EXPECT_EQ(s.text(0), want) << text;
        }
}

// SQLite's memory comes through Pilar's allocator (small blocks kept per thread): values of every
// size, grown in place (realloc), and blocks freed on another thread than the one that made them
// (a connection used by one thread, then by another) all come back intact.
TEST(Sqlite, ValuesOfEverySizeSurviveTheAllocator) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), {.max_connections = 2});
    {
        auto c = db->acquire().value();
        ASSERT_TRUE(c->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT"));
        for (int n : {0, 1, 14, 30, 31, 32, 33, 63, 64, 65, 500, 510, 511, 512, 513, 1000, 2046, 2047, 2048, 2049, 5000, 70000})
            ASSERT_TRUE(c->execute("INSERT INTO t(id, v) VALUES (?, ?)", n, std::string(static_cast<std::size_t>(n), static_cast<char>('a' + n % 26))));
    }
    auto check = [&db] {
        auto c = db->acquire().value();
        auto s = c->prepare("SELECT id, v, v || v FROM t ORDER BY id").value();
        int rows = 0;
        while (s.step().value()) {
            auto const n = static_cast<std::size_t>(s.integer(0));
            std::string const want(n, static_cast<char>('a' + n % 26));
            EXPECT_EQ(s.text(1), want);
            EXPECT_EQ(s.text(2), want + want);
            ++rows;
        }
        EXPECT_EQ(rows, 22);
        // GROUP_CONCAT grows its text by reallocation, through every size class.
        EXPECT_EQ(c->query_value<std::int64_t>("SELECT length(GROUP_CONCAT(v, ',')) FROM t").value(), 87069 + 21);
    };
    check();
    std::thread other(check);  // the same connections, now on another thread
    other.join();
    check();
}

TEST(Sqlite, StrictTablesRejectWrongTypes) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    ASSERT_TRUE(c->exec_script("CREATE TABLE t (n INTEGER NOT NULL) STRICT"));
    auto r = c->execute("INSERT INTO t(n) VALUES (?)", "not a number");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 0);
}

TEST(Sqlite, ConstraintErrorsMapToCodes) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    ASSERT_TRUE(c->exec_script(
        "CREATE TABLE p (kode TEXT PRIMARY KEY) STRICT;"
        "CREATE TABLE k (kode TEXT NOT NULL REFERENCES p(kode)) STRICT;"
        "INSERT INTO p VALUES ('36');"));
    auto dup = c->execute("INSERT INTO p VALUES (?)", "36");
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().code, ErrorCode::AlreadyExists);
    auto orphan = c->execute("INSERT INTO k VALUES (?)", "99");
    ASSERT_FALSE(orphan);
    EXPECT_EQ(orphan.error().code, ErrorCode::InvalidArgument) << "foreign keys must be enforced";
    auto bad_sql = c->prepare("SELEKT 1");
    ASSERT_FALSE(bad_sql);
    EXPECT_EQ(bad_sql.error().code, ErrorCode::Internal);
}

TEST(Sqlite, TransactionRollsBackWhenNotCommitted) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"));
    auto c = db->acquire().value();
    ASSERT_TRUE(c->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    {
        auto tx = c->begin(TxMode::Write).value();
        ASSERT_TRUE(c->execute("INSERT INTO t VALUES (1)"));
    }
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 0);
    {
        auto tx = c->begin(TxMode::Write).value();
        ASSERT_TRUE(c->execute("INSERT INTO t VALUES (2)"));
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT sum(n) FROM t").value(), 2);
}

// db::Batch: code that opens its own transactions (services) runs inside one write transaction;
// each of its transactions is a savepoint that commits or rolls back on its own, and only the
// batch's commit makes them durable.
TEST(Batch, NestedTransactionsAreSavepointsAndOnlyTheBatchCommits) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.max_connections = 2});
    ASSERT_TRUE(db->acquire().value()->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    auto write = [&](int n, bool commit) -> Result<void> {
        auto c = PILAR_TRY(db->acquire());  // the batch's connection, lent
        auto tx = PILAR_TRY(c->begin(TxMode::Write));
        PILAR_TRY(c->execute("INSERT INTO t VALUES (?)", n));
        if (commit) PILAR_TRY(tx.commit());
        return {};
    };
    auto count = [&] {
        std::thread other([&] {  // another thread: its own pooled connection, outside the batch
            auto c = db->acquire().value();
            EXPECT_EQ(batch_connection(), nullptr);
            EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 0) << "nothing visible before commit";
        });
        other.join();
    };
    {
        auto batch = Batch::begin(*db).value();
        EXPECT_EQ(batch_connection(), &batch.connection());
        ASSERT_TRUE(write(1, true));
        ASSERT_TRUE(write(2, false));  // rolled back to its savepoint only
        ASSERT_TRUE(write(3, true));
        count();
        ASSERT_TRUE(batch.commit());
        EXPECT_EQ(batch_connection(), nullptr);
    }
    auto c = db->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT sum(n) FROM t").value(), 4);
    {
        auto batch = Batch::begin(*db).value();
        ASSERT_TRUE(write(10, true));
    }  // not committed: all of it goes
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT sum(n) FROM t").value(), 4);
    EXPECT_FALSE(c->in_transaction());
}

TEST(Sqlite, ConnectionReturnedMidTransactionIsRolledBack) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.max_connections = 1});
    {
        auto c = db->acquire().value();
        ASSERT_TRUE(c->exec_script("CREATE TABLE t (n INTEGER) STRICT; BEGIN; INSERT INTO t VALUES (1);"));
    }
    auto c = db->acquire().value();
    EXPECT_FALSE(c->in_transaction());
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 0);
}

TEST(Pool, ExhaustedPoolAnswersUnavailableAfterTimeout) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.max_connections = 2, .acquire_timeout = std::chrono::milliseconds(50)});
    auto a = db->acquire().value();
    auto b = db->acquire().value();
    EXPECT_EQ(db->pool_stats().in_use, 2);
    auto c = db->acquire();
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(db->pool_stats().timeouts, 1u);
}

TEST(Pool, WaiterGetsConnectionWhenOneIsReturned) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.max_connections = 1, .acquire_timeout = std::chrono::milliseconds(5000)});
    std::optional<PooledConnection> held(db->acquire().value());
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        held.reset();
    });
    auto c = db->acquire();
    releaser.join();
    ASSERT_TRUE(c);
    EXPECT_GE(db->pool_stats().waits, 1u);
}

TEST(Sqlite, ParallelWritersAllLand) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.max_connections = 4});
    ASSERT_TRUE(db->acquire().value()->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                auto c = db->acquire().value();
                auto tx = c->begin(TxMode::Write).value();
                ASSERT_TRUE(c->execute("INSERT INTO t VALUES (?)", t * 100 + i));
                ASSERT_TRUE(tx.commit());
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(db->acquire().value()->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 100);
}

// The non-negotiable: a committed write survives kill -9 of the process that made it.
TEST(Sqlite, CommittedWriteSurvivesKill9) {
    TempDir dir;
    std::string path = dir.file("a.db");
    ASSERT_TRUE(open_or_die(path)->acquire().value()->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    pid_t pid = fork_child([&](auto ready) {
        auto db = open_database(path);
        auto c = (*db)->acquire();
        for (int i = 1; i <= 50; ++i) {
            auto tx = (*c)->begin(TxMode::Write);
            (void)(*c)->execute("INSERT INTO t VALUES (?)", i);
            (void)tx->commit();
        }
        ready();  // "acknowledged"
        // Keep a transaction open and never finish it: kill -9 lands mid-write.
        auto tx = (*c)->begin(TxMode::Write);
        for (;;) (void)(*c)->execute("INSERT INTO t VALUES (-1)");
    });
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    kill_child(pid);
    auto db = open_or_die(path);
    auto c = db->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t WHERE n > 0").value(), 50);
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t WHERE n < 0").value(), 0)
        << "the uncommitted transaction must vanish";
    EXPECT_EQ(c->query_value<std::string>("PRAGMA integrity_check").value(), "ok");
}

// A database Pilar creates has 16 KiB pages (fewer pages and writes for the bulk import:
// bench/RESULTS.md); one created before, with SQLite's 4 KiB default, keeps its 4 KiB pages
// through opening, writing and the switch to rollback-journal mode that `pilar import` makes.
TEST(Sqlite, ANewDatabaseGets16KiBPagesAndAnExistingOneKeepsItsOwn) {
    TempDir dir;
    {
        auto db = open_or_die(dir.file("new.db"));
        auto c = db->acquire().value();
        ASSERT_TRUE(c->exec_script("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1)"));
        EXPECT_EQ(c->query_value<std::int64_t>("PRAGMA page_size").value(), 16384);
    }
    std::string const old_path = dir.file("old.db");
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(old_path.c_str(), &raw), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(raw, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER) STRICT",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(raw);
    }
    for (int round = 0; round < 2; ++round) {
        auto db = open_or_die(old_path);
        auto c = db->acquire().value();
        EXPECT_EQ(c->query_value<std::int64_t>("PRAGMA page_size").value(), 4096);
        // As `pilar import` does: rollback journal for a load, WAL put back after it.
        ASSERT_EQ(c->query_value<std::string>("PRAGMA journal_mode = DELETE").value(), "delete");
        ASSERT_TRUE(c->exec_script("WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5000) "
                                   "INSERT INTO t SELECT i FROM k"));
        auto again = open_or_die(old_path);  // a connection opened while the file is in rollback mode
        EXPECT_EQ(again->acquire().value()->query_value<std::int64_t>("PRAGMA page_size").value(), 4096);
        ASSERT_EQ(c->query_value<std::string>("PRAGMA journal_mode = WAL").value(), "wal");
        EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t").value(), 5000 * (round + 1));
        EXPECT_EQ(c->query_value<std::int64_t>("PRAGMA page_size").value(), 4096);
        EXPECT_EQ(c->query_value<std::string>("PRAGMA integrity_check").value(), "ok");
    }
}

// OpenOptions::hold_read_mark (the server's): a connection of its own holds a read transaction
// through quiet intervals. A read must still see each commit, also one made while the mark is
// held, and a checkpoint must still copy the whole WAL into the database once writes stop.
TEST(Sqlite, AHeldReadMarkHidesNoCommit) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.hold_read_mark = std::chrono::milliseconds(1)});
    auto w = db->acquire().value();
    auto r = db->acquire().value();
    ASSERT_TRUE(w->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    for (int i = 1; i <= 200; ++i) {
        // Quiet spells now and then, long enough for the holder to begin holding through them.
        if (i % 20 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_TRUE(w->execute("INSERT INTO t VALUES (?)", i));
        ASSERT_EQ(r->query_value<std::int64_t>("SELECT count(*) FROM t").value(), i);
    }
}

TEST(Sqlite, AHeldReadMarkLetsTheCheckpointCatchUpWhenWritesStop) {
    TempDir dir;
    auto db = open_or_die(dir.file("a.db"), OpenOptions{.hold_read_mark = std::chrono::milliseconds(1)});
    auto w = db->acquire().value();
    ASSERT_TRUE(w->exec_script("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (n INTEGER) STRICT"));
    for (int i = 1; i <= 300; ++i) {
        if (i % 30 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_TRUE(w->execute("INSERT INTO t VALUES (?)", i));
    }
    // wal_checkpoint(PASSIVE) answers busy, frames in the WAL, frames copied. A held mark older
    // than the last commit is let go (or renewed at the last commit) one interval later; until
    // then the checkpoint may stop short of the end. Bounded: ~10 s at most.
    bool caught_up = false;
    for (int attempt = 0; attempt < 2000 && !caught_up; ++attempt) {
        auto stmt = w->prepare("PRAGMA wal_checkpoint(PASSIVE)").value();
        ASSERT_TRUE(stmt.step().value());
        caught_up = stmt.integer(1) > 0 && stmt.integer(1) == stmt.integer(2);
        while (stmt.step().value()) {
        }
        if (!caught_up) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_TRUE(caught_up);
}

TEST(Open, PostgresUrlIsRecognisedButNotYetAvailable) {
    auto r = open_database("postgresql://localhost/pilar");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
}

TEST(Open, UnwritableLocationFailsAtOpen) {
    auto r = open_database("/nonexistent-dir/sub/pilar.db");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
}

// pilar backup / restore (db/sqlite/backup.hpp).
TEST(Backup, CopyIsOneSnapshotWhileAWriterCommitsAndStandsAlone) {
    TempDir dir;
    std::string const src = dir.file("live.db");
    ASSERT_TRUE(open_or_die(src)->acquire().value()->exec_script(
        "CREATE TABLE t (n INTEGER, pad TEXT) STRICT;"
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000) "
        "INSERT INTO t SELECT i, hex(randomblob(64)) FROM s"));
    // A writer in another process keeps committing while the copy runs.
    pid_t pid = fork_child([&](auto ready) {
        auto db = open_database(src);
        auto c = (*db)->acquire();
        for (int i = 0;; ++i) {
            auto tx = (*c)->begin(TxMode::Write);
            (void)(*c)->execute("INSERT INTO t VALUES (?, 'w')", -i);
            (void)tx->commit();
            if (i == 10) ready();
        }
    });
    ASSERT_GT(pid, 0);
    auto tmp = sqlite::make_temp_beside(dir.file("copy.db"));
    ASSERT_TRUE(tmp);
    struct stat st {};
    ASSERT_EQ(stat(tmp->c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto copied = sqlite::copy_database(src, *tmp);
    kill_child(pid);
    ASSERT_TRUE(copied) << copied.error().describe(Lang::En);
    EXPECT_TRUE(sqlite::check_integrity(*tmp, sqlite::IntegrityCheck::Full));
    ASSERT_TRUE(sqlite::publish(*tmp, dir.file("copy.db"), sqlite::Replace::No));
    EXPECT_FALSE(fs::exists(*tmp));
    EXPECT_FALSE(fs::exists(dir.file("copy.db-wal")));
    auto copy = open_or_die(dir.file("copy.db"), {.read_only = true});
    auto c = copy->acquire().value();
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM t WHERE n > 0").value(), 20000);
    EXPECT_EQ(c->query_value<std::string>("PRAGMA journal_mode").value(), "delete");
}

TEST(Backup, PublishWithoutReplaceRefusesAnExistingFile) {
    TempDir dir;
    std::ofstream(dir.file("taken")) << "old";
    auto tmp = sqlite::make_temp_beside(dir.file("taken"));
    ASSERT_TRUE(tmp);
    auto r = sqlite::publish(*tmp, dir.file("taken"), sqlite::Replace::No);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::AlreadyExists);
    std::string text;
    std::ifstream(dir.file("taken")) >> text;
    EXPECT_EQ(text, "old");
    EXPECT_TRUE(sqlite::publish(*tmp, dir.file("taken"), sqlite::Replace::Yes));
    EXPECT_EQ(fs::file_size(dir.file("taken")), 0u);
}

TEST(Backup, IntegrityCheckNamesTheFileAndRefusesDamage) {
    TempDir dir;
    std::ofstream(dir.file("text.db")) << "nama,nik\n";
    auto r = sqlite::check_integrity(dir.file("text.db"), sqlite::IntegrityCheck::Quick);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().describe(Lang::En).find("text.db: not an intact SQLite database: file is not a database"),
              std::string::npos) << r.error().describe(Lang::En);
    // A file cut in half (a copy interrupted by a full disk).
    std::string const whole = dir.file("whole.db");
    ASSERT_TRUE(open_or_die(whole)->acquire().value()->exec_script(
        "PRAGMA journal_mode=DELETE; CREATE TABLE t (pad TEXT) STRICT;"
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000) "
        "INSERT INTO t SELECT hex(randomblob(100)) FROM s"));
    EXPECT_TRUE(sqlite::check_integrity(whole, sqlite::IntegrityCheck::Quick));
    fs::copy_file(whole, dir.file("half.db"));
    fs::resize_file(dir.file("half.db"), fs::file_size(whole) / 2);
    EXPECT_FALSE(sqlite::check_integrity(dir.file("half.db"), sqlite::IntegrityCheck::Quick));
    EXPECT_FALSE(fs::exists(dir.file("half.db-journal")));
    EXPECT_FALSE(fs::exists(dir.file("half.db-wal")));
}

TEST(Backup, InUseSeesAnotherProcessHoldingTheDatabase) {
    TempDir dir;
    std::string const path = dir.file("a.db");
    EXPECT_FALSE(sqlite::in_use_by_other_process(path).value());  // no database, no -shm
    ASSERT_TRUE(open_or_die(path)->acquire().value()->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    pid_t pid = fork_child([&](auto ready) {
        auto db = open_database(path);
        auto c = (*db)->acquire();
        (void)(*c)->query_value<std::int64_t>("SELECT count(*) FROM t");
        ready();
        for (;;) pause();
    });
    ASSERT_GT(pid, 0);
    EXPECT_TRUE(sqlite::in_use_by_other_process(path).value());
    kill_child(pid);
    EXPECT_FALSE(sqlite::in_use_by_other_process(path).value());
}

TEST(Backup, CheckpointForMoveLeavesTheWholeDatabaseInItsFileAfterAKill9) {
    TempDir dir;
    std::string const path = dir.file("a.db");
    ASSERT_TRUE(open_or_die(path)->acquire().value()->exec_script("CREATE TABLE t (n INTEGER) STRICT"));
    pid_t pid = fork_child([&](auto ready) {
        auto db = open_database(path);
        auto c = (*db)->acquire();
        auto tx = (*c)->begin(TxMode::Write);
        (void)(*c)->execute("INSERT INTO t VALUES (7)");
        (void)tx->commit();
        ready();
    });
    ASSERT_GT(pid, 0);
    kill_child(pid);
    ASSERT_GT(fs::file_size(path + "-wal"), 0u) << "the committed row is only in the WAL";
    EXPECT_TRUE(sqlite::checkpoint_for_move(path));
    EXPECT_TRUE(!fs::exists(path + "-wal") || fs::file_size(path + "-wal") == 0);
    // The database file alone, under another name with no WAL beside it, has the row.
    fs::copy_file(path, dir.file("alone.db"));
    auto alone = open_or_die(dir.file("alone.db"));
    EXPECT_EQ(alone->acquire().value()->query_value<std::int64_t>("SELECT count(*) FROM t WHERE n = 7").value(), 1);
}

}  // namespace
}  // namespace pilar::db
