// SyncService against a real (temporary) SQLite database with the embedded migrations and a
// tiny test capability ("note": a table of its own, written the way every module writes: one
// TxMode::Write transaction ending in access::append_audit). Checks what a field worker relies
// on: a replayed queue applies nothing twice, concurrent replays of one op apply it once, a
// failure after the write commits nothing, stale edits come back as conflicts with the current
// record, and refusals are answered the same on a replay.
#include "sync/sync.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "access/audit.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"

namespace pilar::sync {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

Actor psm(std::int64_t id = 7) {
    Actor a;
    a.user_id = id;
    a.username = fmt::format("psm{}", id);
    a.role = Role::Psm;
    a.scope.push_back(*WilayahCode::parse("36.71.01.1001.001"));
    return a;
}

class SyncTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-sync-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        auto c = m_db->acquire().value();
        ASSERT_TRUE(c->exec_script("CREATE TABLE note (id INTEGER PRIMARY KEY, uid TEXT UNIQUE, body TEXT NOT NULL, "
                                   "version INTEGER NOT NULL DEFAULT 1) STRICT"));
        register_kinds();
        m_svc = std::make_unique<SyncService>(*m_db, m_kinds);
    }
    void TearDown() override {
        m_svc.reset();
        m_db.reset();
        fs::remove_all(m_dir);
    }

    // A note as its "record".
    Result<SyncOutcome> note_outcome(db::Connection& c, std::int64_t id) {
        auto s = PILAR_TRY(c.prepare("SELECT body, version FROM note WHERE id = ?"));
        PILAR_TRY(s.bind_all(id));
        if (!PILAR_TRY(s.step())) return fail(ErrorCode::NotFound, {"tidak ada", "missing"});
        return SyncOutcome{.entitas = "note", .id = id, .data = json::object{{"id", id}, {"body", s.string(0)}, {"version", s.integer(1)}}};
    }

    void register_kinds() {
        // Creation keyed by the client uid, like keluarga.buat.
        m_kinds.add("note.buat", [this](Actor const& a, json::object const& d, std::optional<std::int64_t>) -> Result<SyncOutcome> {
            ++m_calls;
            auto const* body = d.if_contains("body");
            if (!body || !body->is_string() || body->as_string().empty())
                return fail(Error(ErrorCode::InvalidArgument, {"body wajib diisi", "body is required"}).at_field("body"));
            std::string uid(d.at("uid").as_string());
            auto c = PILAR_TRY(m_db->acquire());
            auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
            if (PILAR_TRY(c->query_value<std::int64_t>("SELECT id FROM note WHERE uid = ?", uid)))
                return fail(Error(ErrorCode::AlreadyExists, {"uid sudah dipakai", "uid already used"}).at_field("uid"));
            auto id = *PILAR_TRY(c->query_value<std::int64_t>("INSERT INTO note (uid, body) VALUES (?, ?) RETURNING id", uid,
                                                                std::string(body->as_string())));
            PILAR_TRY(access::append_audit(*c, a, {.action = "note.create", .entity = "note", .entity_id = std::to_string(id)}));
            // A second audit entry of the same op in the same transaction must not trip the receipt.
            PILAR_TRY(access::append_audit(*c, a, {.action = "note.touch", .entity = "note", .entity_id = std::to_string(id)}));
            PILAR_TRY(tx.commit());
            return note_outcome(*c, id);
        });
        // An append with no key of its own: only the receipt keeps it from happening twice.
        m_kinds.add("note.tambah", [this](Actor const& a, json::object const& d, std::optional<std::int64_t>) -> Result<SyncOutcome> {
            ++m_calls;
            auto c = PILAR_TRY(m_db->acquire());
            auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
            auto id = *PILAR_TRY(c->query_value<std::int64_t>("INSERT INTO note (body) VALUES (?) RETURNING id",
                                                                std::string(d.at("body").as_string())));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));  // widen the race window
            PILAR_TRY(access::append_audit(*c, a, {.action = "note.create", .entity = "note", .entity_id = std::to_string(id)}));
            PILAR_TRY(tx.commit());
            return note_outcome(*c, id);
        });
        // An edit with a version, like keluarga.ubah.
        m_kinds.add("note.ubah", [this](Actor const& a, json::object const& d, std::optional<std::int64_t> version) -> Result<SyncOutcome> {
            ++m_calls;
            auto id = d.at("id").as_int64();
            auto c = PILAR_TRY(m_db->acquire());
            auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
            auto now = PILAR_TRY(c->query_value<std::int64_t>("SELECT version FROM note WHERE id = ?", id));
            if (!now) return fail(ErrorCode::NotFound, {"tidak ada", "missing"});
            if (!version || *now != *version) {
                auto current = PILAR_TRY(note_outcome(*c, id));
                current.conflict = Error(ErrorCode::Conflict, {"sudah diubah", "changed meanwhile"}).at_field("version");
                return current;
            }
            PILAR_TRY(c->execute("UPDATE note SET body = ?, version = version + 1 WHERE id = ?", std::string(d.at("body").as_string()), id));
            PILAR_TRY(access::append_audit(*c, a, {.action = "note.update", .entity = "note", .entity_id = std::to_string(id)}));
            PILAR_TRY(tx.commit());
            return note_outcome(*c, id);
        });
        // Writes, audits, then fails before committing: a crash between the change and the commit.
        m_kinds.add("note.gagal", [this](Actor const& a, json::object const&, std::optional<std::int64_t>) -> Result<SyncOutcome> {
            ++m_calls;
            auto c = PILAR_TRY(m_db->acquire());
            auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
            PILAR_TRY(c->execute("INSERT INTO note (body) VALUES ('lost')"));
            PILAR_TRY(access::append_audit(*c, a, {.action = "note.create", .entity = "note", .entity_id = "x"}));
            return fail(ErrorCode::Unavailable, {"listrik padam", "power cut"});
        });
    }

    std::int64_t count(std::string_view sql) {
        auto c = m_db->acquire().value();
        return c->query_value<std::int64_t>(sql).value().value_or(-1);
    }

    static SyncOp op(std::string id, std::string jenis, json::object data, std::optional<std::int64_t> version = {}) {
        return SyncOp{.op_id = std::move(id), .jenis = std::move(jenis), .data = std::move(data), .version = version};
    }

    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
    SyncRegistry m_kinds;
    std::unique_ptr<SyncService> m_svc;
    std::atomic<int> m_calls{0};
};

TEST_F(SyncTest, ReplayingTheSameQueueTwiceAppliesNothingTwice) {
    std::vector<SyncOp> queue = {op("op-aaaa-0001", "note.buat", {{"uid", "note-uid-1"}, {"body", "satu"}}),
                                 op("op-aaaa-0002", "note.buat", {{"uid", "note-uid-2"}, {"body", "dua"}}),
                                 op("op-aaaa-0003", "note.tambah", {{"body", "tiga"}})};
    auto first = m_svc->apply(psm(), "hp-1", queue);
    ASSERT_EQ(first.size(), 3u);
    for (auto const& r : first) {
        EXPECT_EQ(r.status, OpStatus::Diterapkan) << r.op_id << (r.error ? r.error->message.en : "");
        EXPECT_EQ(r.entitas, "note");
        ASSERT_TRUE(r.data);
    }
    EXPECT_EQ(first[0].data->at("body").as_string(), "satu");

    auto second = m_svc->apply(psm(), "hp-1", queue);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(second[i].status, OpStatus::Sudah) << i;
        EXPECT_EQ(second[i].id, first[i].id) << i;
        EXPECT_EQ(second[i].entitas, "note");
    }
    EXPECT_EQ(m_calls.load(), 3) << "a replay never reaches the handler";
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_op WHERE status = 'diterapkan' AND user_id = 7 AND perangkat = 'hp-1'"), 3);
    // The audit trail has each change once (note.buat writes two entries per op).
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 5);
}

TEST_F(SyncTest, ConcurrentReplaysOfOneOpApplyItOnce) {
    for (auto jenis : {"note.tambah", "note.buat"}) {
        auto the_op = op(fmt::format("op-race-{}", std::string_view(jenis).substr(5)), jenis,
                         {{"uid", fmt::format("uid-race-{}", std::string_view(jenis).substr(5))}, {"body", "sekali"}});
        std::vector<OpResult> results(8);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < results.size(); ++i)
            threads.emplace_back([&, i] { results[i] = m_svc->apply_one(psm(), "hp-1", the_op); });
        for (auto& t : threads) t.join();
        int applied = 0, already = 0;
        for (auto const& r : results) {
            if (r.status == OpStatus::Diterapkan) ++applied;
            if (r.status == OpStatus::Sudah) ++already;
            EXPECT_TRUE(r.status == OpStatus::Diterapkan || r.status == OpStatus::Sudah)
                << jenis << ": " << op_status_name(r.status) << " " << (r.error ? r.error->message.en : "");
        }
        EXPECT_EQ(applied, 1) << jenis;
        EXPECT_EQ(already, 7) << jenis;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_op"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'note.create'"), 2);
}

TEST_F(SyncTest, AFailureAfterTheWriteCommitsNothingAndTheReplayRunsAgain) {
    auto r = m_svc->apply_one(psm(), "hp-1", op("op-crash-0001", "note.gagal", {}));
    EXPECT_EQ(r.status, OpStatus::Ditolak);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::Unavailable);
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_op"), 0) << "no receipt without the change";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
    // Retryable: not recorded, so the device's retry reaches the handler again.
    m_svc->apply_one(psm(), "hp-1", op("op-crash-0001", "note.gagal", {}));
    EXPECT_EQ(m_calls.load(), 2);
}

TEST_F(SyncTest, AStaleEditIsAConflictWithTheCurrentRecordAndIsNotRecorded) {
    auto made = m_svc->apply_one(psm(), "hp-1", op("op-edit-0001", "note.buat", {{"uid", "uid-edit"}, {"body", "awal"}}));
    ASSERT_EQ(made.status, OpStatus::Diterapkan);
    auto id = *made.id;
    // Someone else edits it first (version 1 -> 2).
    ASSERT_EQ(m_svc->apply_one(psm(8), "hp-2", op("op-edit-0002", "note.ubah", {{"id", id}, {"body", "orang lain"}}, 1)).status,
              OpStatus::Diterapkan);
    auto stale = op("op-edit-0003", "note.ubah", {{"id", id}, {"body", "punya saya"}}, 1);
    auto r = m_svc->apply_one(psm(), "hp-1", stale);
    EXPECT_EQ(r.status, OpStatus::Konflik);
    ASSERT_TRUE(r.data);
    EXPECT_EQ(r.data->at("body").as_string(), "orang lain");
    EXPECT_EQ(r.data->at("version").as_int64(), 2);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->field, "version");
    EXPECT_EQ(m_svc->apply_one(psm(), "hp-1", stale).status, OpStatus::Konflik) << "not recorded: asked again";
    // "Keep mine": a new op on top of the version the user was shown.
    auto keep = m_svc->apply_one(psm(), "hp-1", op("op-edit-0004", "note.ubah", {{"id", id}, {"body", "punya saya"}}, 2));
    EXPECT_EQ(keep.status, OpStatus::Diterapkan);
    EXPECT_EQ(keep.data->at("body").as_string(), "punya saya");
}

TEST_F(SyncTest, ARefusalIsRecordedAndAnsweredTheSameOnReplay) {
    auto bad = op("op-bad-00001", "note.buat", {{"uid", "uid-bad"}, {"body", ""}});
    auto r = m_svc->apply_one(psm(), "hp-1", bad);
    EXPECT_EQ(r.status, OpStatus::Ditolak);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->field, "body");
    auto again = m_svc->apply_one(psm(), "hp-1", bad);
    EXPECT_EQ(again.status, OpStatus::Ditolak);
    ASSERT_TRUE(again.error);
    EXPECT_EQ(again.error->code, ErrorCode::InvalidArgument);
    EXPECT_EQ(again.error->field, "body");
    EXPECT_EQ(again.error->message.en, "body is required");
    EXPECT_EQ(m_calls.load(), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_op WHERE status = 'ditolak'"), 1);
}

TEST_F(SyncTest, ARequestIsOneBatchAndAFailedOpRollsBackOnlyItself) {
    std::vector<SyncOp> queue = {op("op-batch-0001", "note.buat", {{"uid", "uid-batch-1"}, {"body", "satu"}}),
                                 op("op-batch-0002", "note.gagal", {}),
                                 op("op-batch-0003", "note.buat", {{"uid", "uid-batch-1"}, {"body", "sama uid"}}),
                                 op("op-batch-0004", "note.tambah", {{"body", "empat"}})};
    auto r = m_svc->apply(psm(), "hp-1", queue);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].status, OpStatus::Diterapkan);
    EXPECT_EQ(r[1].status, OpStatus::Ditolak);
    EXPECT_EQ(r[2].status, OpStatus::Ditolak) << "sees the uid made earlier in the same batch";
    EXPECT_EQ(r[2].error->code, ErrorCode::AlreadyExists);
    EXPECT_EQ(r[3].status, OpStatus::Diterapkan);
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 2) << "the failed op's row was rolled back, the others kept";
    EXPECT_EQ(count("SELECT COUNT(*) FROM note WHERE body = 'lost'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_op"), 3) << "two applied, one refusal recorded, no receipt for the failure";
    // The pool is usable afterwards (the batch gave its connection back and left no transaction).
    auto again = m_svc->apply(psm(), "hp-1", queue);
    EXPECT_EQ(again[0].status, OpStatus::Sudah);
    EXPECT_EQ(again[3].status, OpStatus::Sudah);
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 2);
}

TEST_F(SyncTest, UnknownKindsBadIdsAndAnotherUsersOpIdAreRefused) {
    EXPECT_EQ(m_svc->apply_one(psm(), "", op("op-kind-0001", "kunjungan.buat", {})).error->field, "jenis");
    EXPECT_EQ(m_svc->apply_one(psm(), "", op("pendek", "note.buat", {})).error->field, "op_id");
    EXPECT_EQ(m_svc->apply_one(psm(), "", op("op-mine-0001", "note.tambah", {{"body", "x"}})).status, OpStatus::Diterapkan);
    auto theirs = m_svc->apply_one(psm(9), "", op("op-mine-0001", "note.tambah", {{"body", "x"}}));
    EXPECT_EQ(theirs.status, OpStatus::Ditolak);
    EXPECT_EQ(theirs.error->code, ErrorCode::AlreadyExists);
    EXPECT_FALSE(theirs.id) << "nothing about the other user's record";
    EXPECT_EQ(count("SELECT COUNT(*) FROM note"), 1);
}

TEST_F(SyncTest, AKindIsRegisteredOnce) {
    EXPECT_THROW(m_kinds.add("note.buat", [](Actor const&, json::object const&, std::optional<std::int64_t>) -> Result<SyncOutcome> {
                     return SyncOutcome{};
                 }),
                 std::logic_error);
    EXPECT_EQ(m_kinds.kinds().size(), 4u);
}

TEST(SyncErrorJson, RoundTrips) {
    auto e = Error(ErrorCode::PermissionDenied, {"tidak boleh", "not allowed"}).at_field("kode_wilayah");
    auto back = error_from_json(error_to_json(e));
    EXPECT_EQ(back.code, ErrorCode::PermissionDenied);
    EXPECT_EQ(back.message.id, "tidak boleh");
    EXPECT_EQ(back.message.en, "not allowed");
    EXPECT_EQ(back.field, "kode_wilayah");
}

}  // namespace
}  // namespace pilar::sync
