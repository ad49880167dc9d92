// The audit trail: appends form one hash chain, and verify names the first entry that was
// edited, removed or reordered behind Pilar's back (directly in the database).
#include "access/audit.hpp"
#include "access/audit_clean.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "access/audit_store.hpp"
#include "access/password.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"

namespace pilar::access {
namespace {

namespace fs = std::filesystem;

class AuditTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(init_crypto());
        char tmpl[] = "/tmp/pilar-audit-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
    }
    void TearDown() override {
        m_db.reset();
        fs::remove_all(m_dir);
    }

    Actor admin() {
        Actor a;
        a.user_id = 7;
        a.username = "admin";
        a.role = Role::Admin;
        a.client_address = "10.0.0.1";
        a.request_id = "rid-1";
        return a;
    }

    // admin() as a real account of kota 36.71: an admin reads the entries of their own kota's
    // accounts (AuditFilter::area).
    Actor admin_of_kota() {
        auto c = m_db->acquire().value();
        for (auto const* sql :
             {"INSERT OR IGNORE INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) "
              "VALUES ('36', 'BANTEN', 'provinsi', NULL, 'banten', 't', 't', 't')",
              "INSERT OR IGNORE INTO wilayah (kode, nama, tingkat, induk, nama_cari, source, created_at, updated_at) "
              "VALUES ('36.71', 'KOTA TANGERANG', 'kota', '36', 'kota tangerang', 't', 't', 't')",
              "INSERT OR IGNORE INTO users (id, username, role, password_hash, created_at, updated_at, password_changed_at) "
              "VALUES (7, 'admin', 'admin', 'x', 't', 't', 't')",
              "INSERT OR IGNORE INTO user_wilayah (user_id, kode) VALUES (7, '36.71')"})
            EXPECT_TRUE(c->execute(sql)) << sql;
        Actor a = admin();
        a.scope.push_back(*WilayahCode::parse("36.71"));
        return a;
    }

    // Appends `n` entries, each in its own write transaction, as a service would.
    void append(int n, std::string action = "wilayah.create") {
        auto c = m_db->acquire().value();
        for (int i = 0; i < n; ++i) {
            auto tx = c->begin(db::TxMode::Write).value();
            auto r = append_audit(*c, admin(),
                                  {.action = action, .entity = "wilayah", .entity_id = "36.71.01.1001." + std::to_string(i),
                                   .after_json = R"({"nama":"RW )" + std::to_string(i) + R"("})"});
            ASSERT_TRUE(r) << r.error().describe(Lang::En);
            ASSERT_TRUE(tx.commit());
        }
    }
    void sql(std::string const& text) {
        auto c = m_db->acquire().value();
        auto r = c->exec_script(text);
        ASSERT_TRUE(r) << r.error().describe(Lang::En);
    }
    AuditVerifyReport verify(std::optional<AuditAnchor> anchor = std::nullopt) {
        auto r = AuditService(*m_db).verify(Actor::system("test"), anchor);
        EXPECT_TRUE(r);
        return r.value_or(AuditVerifyReport{});
    }
    std::int64_t count(std::string const& where = "1 = 1") {
        auto c = m_db->acquire().value();
        return c->query_value<std::int64_t>("SELECT count(*) FROM audit_log WHERE " + where).value().value_or(-1);
    }

    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
};

TEST_F(AuditTest, AnEmptyLogVerifiesWithTheGenesisHead) {
    auto r = verify();
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.count, 0);
    EXPECT_EQ(r.head_hash, kAuditGenesis);
    EXPECT_EQ(r.summary(Lang::En), "ok: 0 entries, head " + std::string(kAuditGenesis));
}

TEST_F(AuditTest, AppendsFormAChainThatVerifies) {
    append(5);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason.en;
    EXPECT_EQ(r.count, 5);
    EXPECT_EQ(r.head_seq, 5);
    auto c = m_db->acquire().value();
    EXPECT_EQ(c->query_value<std::string>("SELECT hash FROM audit_log WHERE seq = 5").value(), r.head_hash);
    EXPECT_EQ(c->query_value<std::string>("SELECT prev_hash FROM audit_log WHERE seq = 1").value(), std::string(kAuditGenesis));
    EXPECT_EQ(c->query_value<std::string>("SELECT prev_hash FROM audit_log WHERE seq = 3").value(),
              c->query_value<std::string>("SELECT hash FROM audit_log WHERE seq = 2").value());
    // Who, when and from where are recorded.
    auto s = c->prepare("SELECT actor_user_id, actor_username, actor_role, client_address, request_id, at FROM audit_log "
                        "WHERE seq = 1").value();
    ASSERT_TRUE(s.step().value());
    EXPECT_EQ(s.integer(0), 7);
    EXPECT_EQ(s.string(1), "admin");
    EXPECT_EQ(s.string(2), "admin");
    EXPECT_EQ(s.string(3), "10.0.0.1");
    EXPECT_EQ(s.string(4), "rid-1");
    EXPECT_EQ(s.string(5).size(), 24u) << "ISO-8601 UTC with milliseconds";
}

// An update is recorded as what changed: only the differing fields, each side with its value;
// a field added or removed appears on its side only. Non-object payloads are kept whole.
TEST_F(AuditTest, AnUpdateKeepsOnlyTheFieldsItChanged) {
    auto c = m_db->acquire().value();
    auto tx = c->begin(db::TxMode::Write).value();
    ASSERT_TRUE(append_audit(*c, admin(),
                             {.action = "anggota.update", .entity = "anggota", .entity_id = "1",
                              .before_json = R"({"nama":"Siti","pekerjaan":"pedagang","version":3,"hp":"0812"})",
                              .after_json = R"({"nama":"Siti","pekerjaan":"buruh harian","version":4,"rt":"002"})"}));
    ASSERT_TRUE(append_audit(*c, admin(),
                             {.action = "x.update", .entity = "x", .entity_id = "2", .before_json = "[1,2]",
                              .after_json = "[1,3]"}));
    ASSERT_TRUE(tx.commit());
    EXPECT_EQ(c->query_value<std::string>("SELECT before_json FROM audit_log WHERE seq = 1").value(),
              R"({"pekerjaan":"pedagang","version":3,"hp":"0812"})");
    EXPECT_EQ(c->query_value<std::string>("SELECT after_json FROM audit_log WHERE seq = 1").value(),
              R"({"pekerjaan":"buruh harian","version":4,"rt":"002"})");
    EXPECT_EQ(c->query_value<std::string>("SELECT before_json FROM audit_log WHERE seq = 2").value(), "[1,2]");
    EXPECT_TRUE(verify().ok);
}

// A writer holding both versions hands over `changes`: the same changed-fields payload as above,
// computed when the entry is written (and only then). Nested values compare as a whole.
TEST_F(AuditTest, ChangesAreComputedWhenTheEntryIsWritten) {
    auto c = m_db->acquire().value();
    auto tx = c->begin(db::TxMode::Write).value();
    std::string before = R"({"nama":"Siti \"Ami\"","pekerjaan":"pedagang","ppks":[{"ppks":4,"x":"]}"}],"version":3,"hp":"0812"})";
    std::string after = R"({"nama":"Siti \"Ami\"","pekerjaan":"buruh harian","ppks":[{"ppks":4,"x":"]}"}],"version":4,"rt":"002"})";
    int calls = 0;
    auto changes = [&] {
        ++calls;
        return *changed_fields(before, after);
    };
    ASSERT_TRUE(append_audit(*c, admin(),
                             {.action = "anggota.update", .entity = "anggota", .entity_id = "1", .changes = changes}));
    ASSERT_TRUE(append_audit(*c, admin(),
                             {.action = "anggota.update", .entity = "anggota", .entity_id = "2",
                              .changes = [&] { return *changed_fields(before, before); }}));
    ASSERT_TRUE(tx.commit());
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(c->query_value<std::string>("SELECT before_json FROM audit_log WHERE seq = 1").value(),
              R"({"pekerjaan":"pedagang","version":3,"hp":"0812"})");
    EXPECT_EQ(c->query_value<std::string>("SELECT after_json FROM audit_log WHERE seq = 1").value(),
              R"({"pekerjaan":"buruh harian","version":4,"rt":"002"})");
    EXPECT_EQ(c->query_value<std::string>("SELECT before_json || after_json FROM audit_log WHERE seq = 2").value(),
              "{}{}");
    // Whitespace, nesting, a removed member, a value that changed inside an array.
    auto d = changed_fields(R"( { "a" : [1, {"b": "}"}] , "c":null, "gone": true } )", R"({"a":[1,{"b":"]"}],"c":null})");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->first, R"({"a":[1, {"b": "}"}],"gone":true})");
    EXPECT_EQ(d->second, R"({"a":[1,{"b":"]"}]})");
    EXPECT_FALSE(changed_fields("[1]", "{}"));
    // Escaped quotes and backslashes inside strings, at a string's end too.
    auto e = changed_fields(R"({"k\\":"a\\","n":"x\"}\\\"y"})", R"({"k\\":"a\\","n":"x\"}\\\"z"})");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->first, R"({"n":"x\"}\\\"y"})");
    EXPECT_EQ(e->second, R"({"n":"x\"}\\\"z"})");
    EXPECT_FALSE(changed_fields(R"({"a":1})", R"({"a":1)"));
    EXPECT_TRUE(verify().ok);
}

// The encoding documented in audit.hpp, written out independently: an inspector's tool does
// exactly this.
TEST_F(AuditTest, HashIsTheDocumentedEncoding) {
    AuditEntry e{.seq = 1, .at = "2026-11-28T07:00:00.123Z", .actor_user_id = 7, .actor_username = "admin",
                 .actor_role = "admin", .client_address = "10.0.0.1", .request_id = "r", .action = "wilayah.create",
                 .entity = "wilayah", .entity_id = "36.71.01.1001.004", .before_json = std::nullopt,
                 .after_json = R"({"nama":"RW 004"})", .detail = "", .prev_hash = std::string(kAuditGenesis)};
    std::string buf;
    auto field = [&](std::optional<std::string> const& v) {
        std::uint64_t n = v ? v->size() : ~std::uint64_t{0};
        for (int i = 7; i >= 0; --i) buf.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
        if (v) buf += *v;
    };
    for (auto const& v : std::vector<std::optional<std::string>>{
             e.prev_hash, "1", e.at, "7", e.actor_username, e.actor_role, e.client_address, e.request_id, e.action,
             e.entity, e.entity_id, e.before_json, e.after_json, e.detail})
        field(v);
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<unsigned char const*>(buf.data()), buf.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    EXPECT_EQ(audit_hash(e), std::string(hex));
    // NULL and empty differ.
    AuditEntry f = e;
    f.before_json = "";
    EXPECT_NE(audit_hash(e), audit_hash(f));
    // Moving a byte from one field to the next changes the hash (length prefixes).
    AuditEntry g = e;
    g.entity = "wilayah3";
    g.entity_id = "6.71.01.1001.004";
    EXPECT_NE(audit_hash(e), audit_hash(g));
}

// What an inspector does with an export of v2 rows, written out independently of audit.cpp: each
// stored payload_hash and hash recomputes from the row's own columns, and each prev_hash is the
// hash before it. Covers the appender's encoding (verify shares it, so it cannot catch a slip
// made in both): a NULL payload, an update's changed fields, text with multi-byte characters.
TEST_F(AuditTest, StoredRowsRecomputeByTheDocumentedV2Encoding) {
    {
        auto c = m_db->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        ASSERT_TRUE(append_audit(*c, admin(), {.action = "anggota.create", .entity = "anggota", .entity_id = "12",
                                               .after_json = R"({"nama":"Siti Ña"})", .detail = "baru"}));
        ASSERT_TRUE(append_audit(*c, admin(), {.action = "anggota.update", .entity = "anggota", .entity_id = "12",
                                               .before_json = R"({"nama":"Siti Ña","rt":"001"})",
                                               .after_json = R"({"nama":"Siti Ña","rt":"002"})"}));
        ASSERT_TRUE(append_audit(*c, AuditActor{.user_id = 0, .username = "tamu", .role = "anonymous"},
                                 {.action = "auth.login_failed", .entity = "user", .entity_id = "tamu"}));
        ASSERT_TRUE(tx.commit());
    }
    auto digest = [](std::string const& buf) {
        unsigned char out[32];
        crypto_generichash(out, sizeof out, reinterpret_cast<unsigned char const*>(buf.data()), buf.size(), nullptr, 0);
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, out, sizeof out);
        return std::string(hex);
    };
    auto field = [](std::string& buf, std::optional<std::string> const& v) {
        std::uint64_t n = v ? v->size() : ~std::uint64_t{0};
        for (int i = 7; i >= 0; --i) buf.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
        if (v) buf += *v;
    };
    auto c = m_db->acquire().value();
    auto s = c->prepare("SELECT seq, at, actor_user_id, actor_username, actor_role, client_address, request_id, action, "
                        "entity, entity_id, before_json, after_json, detail, prev_hash, hash, payload_hash FROM audit_log "
                        "ORDER BY seq").value();
    std::string prev(kAuditGenesis);
    int rows = 0;
    while (s.step().value()) {
        ++rows;
        std::string payload;
        for (int col : {10, 11, 12}) field(payload, s.opt_string(col));
        EXPECT_EQ(s.string(15), digest(payload)) << "payload_hash of seq " << s.integer(0);
        std::string row;
        field(row, "pilar-audit-v2");
        field(row, s.string(13));
        field(row, std::to_string(s.integer(0)));
        field(row, s.string(1));
        field(row, std::to_string(s.integer(2)));
        for (int col = 3; col <= 9; ++col) field(row, s.string(col));
        field(row, s.string(15));
        EXPECT_EQ(s.string(14), digest(row)) << "hash of seq " << s.integer(0);
        EXPECT_EQ(s.string(13), prev) << "prev_hash of seq " << s.integer(0);
        prev = s.string(14);
    }
    EXPECT_EQ(rows, 3);
    EXPECT_EQ(c->query_value<std::string>("SELECT before_json FROM audit_log WHERE seq = 2").value(), R"({"rt":"001"})");
    EXPECT_FALSE(c->query_value<std::string>("SELECT before_json FROM audit_log WHERE seq = 3").value());
}

TEST_F(AuditTest, AppendOutsideATransactionIsRefused) {
    auto c = m_db->acquire().value();
    auto r = append_audit(*c, admin(), {.action = "x.y", .entity = "x", .entity_id = "1"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Internal);
    EXPECT_EQ(count(), 0);
}

TEST_F(AuditTest, AnEditedRowIsNamed) {
    append(5);
    sql(R"(UPDATE audit_log SET after_json = '{"nama":"RW palsu"}' WHERE seq = 3)");
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.bad_seq, 3);
    EXPECT_EQ(r.problem, AuditProblem::Edited);
    EXPECT_EQ(r.count, 2) << "entries before the bad one";
    EXPECT_NE(r.reason.en.find("seq 3"), std::string::npos) << r.reason.en;
    EXPECT_NE(r.reason.id.find("seq 3"), std::string::npos) << r.reason.id;
}

// A clean-up of what later rules refuse (migration 0024) redacts partially: the payload is replaced
// by its cleaned version, the entry points at one audit.bersihkan entry listing it with the cleaned
// payload's digest, and the chain still verifies. A cleaned payload changed afterwards by hand is
// named as edited, as is a row that claims a clean-up which does not list it; erasure still removes
// a cleaned row's payload.
TEST_F(AuditTest, APartialRedactionVerifiesAndAnEditAfterwardsIsNamed) {
    append(2);
    {
        auto c = m_db->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        for (int i = 0; i < 2; ++i)
            ASSERT_TRUE(append_audit(*c, admin(),
                                     {.action = "usulan.ubah", .entity = "usulan", .entity_id = std::to_string(10 + i),
                                      .after_json = R"({"catatan":"KK 3671 0101 0120 000)" + std::to_string(i) + R"(","isi":{"x":1}})",
                                      .detail = "ditinjau -> dikembalikan"}));
        ASSERT_TRUE(tx.commit());
    }
    append(1);  // seq 5
    // The cleaner of the test: the digits after "3671 " masked in after_json.
    auto clean = [](AuditEntry const& e) -> std::optional<AuditPayload> {
        if (!e.after_json || e.after_json->find("3671 0101") == std::string::npos) return std::nullopt;
        std::string after = *e.after_json;
        after.replace(after.find("0101 0120"), 9, "**** ****");
        return AuditPayload{.before_json = e.before_json, .after_json = after, .detail = e.detail};
    };
    auto run = [&] {
        auto c = m_db->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        auto cleaning = clean_audit_payloads(*c, clean);
        EXPECT_TRUE(cleaning) << cleaning.error().describe(Lang::En);
        if (!cleaning->rows.empty()) {
            EXPECT_TRUE(append_audit_cleaning(*c, Actor::system("test"), *cleaning, R"("n":2)", "dibersihkan", {}));
        }
        EXPECT_TRUE(tx.commit());
        return cleaning->rows.size();
    };
    ASSERT_EQ(run(), 2u);
    auto c = m_db->acquire().value();
    EXPECT_EQ(c->query_value<std::string>("SELECT group_concat(after_json || ' ' || redacted_by, ' | ') FROM audit_log "
                                          "WHERE seq IN (3, 4)").value(),
              R"({"catatan":"KK 3671 **** **** 0000","isi":{"x":1}} 6 | {"catatan":"KK 3671 **** **** 0001","isi":{"x":1}} 6)");
    auto const entry = c->query_value<std::string>("SELECT action || ' ' || after_json FROM audit_log WHERE seq = 6").value();
    ASSERT_TRUE(entry);
    EXPECT_TRUE(entry->starts_with(R"(audit.bersihkan {"seq":[3,4],"payload_hash":[")")) << *entry;
    EXPECT_TRUE(entry->ends_with(R"("],"n":2})")) << *entry;
    EXPECT_EQ(entry->find("0101"), std::string::npos) << "no content";
    auto ok = verify();
    EXPECT_TRUE(ok.ok) << ok.reason.en;
    EXPECT_EQ(ok.count, 6);
    EXPECT_EQ(run(), 0u) << "nothing left to clean";
    EXPECT_EQ(count(), 6);

    // Changed by hand after the clean-up: named, as any edit.
    sql(R"(UPDATE audit_log SET after_json = '{"catatan":"KK 3671 **** **** 0009","isi":{"x":1}}' WHERE seq = 4)");
    auto edited = verify();
    EXPECT_FALSE(edited.ok);
    EXPECT_EQ(edited.bad_seq, 4);
    EXPECT_EQ(edited.problem, AuditProblem::Edited);
    EXPECT_NE(edited.reason.en.find("audit seq 4: its payload differs from the one cleaned by seq 6 (edited)"), std::string::npos)
        << edited.reason.en;
    sql(R"(UPDATE audit_log SET after_json = '{"catatan":"KK 3671 **** **** 0001","isi":{"x":1}}' WHERE seq = 4)");
    EXPECT_TRUE(verify().ok);
    // A payload changed and pointed at the clean-up that does not list it: named too.
    sql(R"(UPDATE audit_log SET after_json = '{"nama":"RW x"}', redacted_by = 6 WHERE seq = 5)");
    auto unlisted = verify();
    EXPECT_FALSE(unlisted.ok);
    EXPECT_EQ(unlisted.bad_seq, 5);
    EXPECT_EQ(unlisted.problem, AuditProblem::Edited);
    EXPECT_NE(unlisted.reason.en.find("audit seq 5: its payload was removed or replaced without an audit.redact or "
                                      "audit.bersihkan entry listing it (edited)"),
              std::string::npos)
        << unlisted.reason.en;
    sql(R"(UPDATE audit_log SET after_json = '{"nama":"RW 0"}', redacted_by = NULL WHERE seq = 5)");
    EXPECT_TRUE(verify().ok);

    // Erasure of usulan 11 later still removes its cleaned payload, and the chain verifies.
    {
        auto tx = c->begin(db::TxMode::Write).value();
        auto redacted = redact_audit(*c, Actor::system("test"), {{"usulan", "11"}}, 6, "hapus");
        ASSERT_TRUE(redacted) << redacted.error().describe(Lang::En);
        EXPECT_EQ(*redacted, std::vector<std::int64_t>{4});
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(c->query_value<std::string>("SELECT detail || ' ' || redacted_by || ' ' || coalesce(after_json, 'NULL') "
                                          "FROM audit_log WHERE seq = 4").value(),
              "[dihapus] 7 NULL");
    auto after_erasure = verify();
    EXPECT_TRUE(after_erasure.ok) << after_erasure.reason.en;
}

TEST_F(AuditTest, EditingAnyColumnIsNoticed) {
    for (std::string const set : {"at = '2020-01-01T00:00:00.000Z'", "actor_username = 'someone'", "actor_user_id = 1",
                                  "action = 'wilayah.rename'", "entity_id = '36.71'", "before_json = '{}'",
                                  "after_json = NULL", "detail = 'x'", "client_address = ''", "request_id = 'x'"}) {
        TearDown();
        SetUp();
        append(3);
        sql("UPDATE audit_log SET " + set + " WHERE seq = 2");
        auto r = verify();
        EXPECT_FALSE(r.ok) << set;
        EXPECT_EQ(r.bad_seq, 2) << set;
    }
}

TEST_F(AuditTest, ARemovedMiddleRowIsNamed) {
    append(5);
    sql("DELETE FROM audit_log WHERE seq = 3");
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.bad_seq, 3);
    EXPECT_EQ(r.problem, AuditProblem::Removed);
    EXPECT_NE(r.reason.en.find("seq 3"), std::string::npos) << r.reason.en;
}

TEST_F(AuditTest, RemovingTheFirstRowIsNamed) {
    append(3);
    sql("DELETE FROM audit_log WHERE seq = 1");
    auto r = verify();
    EXPECT_EQ(r.bad_seq, 1);
    EXPECT_EQ(r.problem, AuditProblem::Removed);
}

TEST_F(AuditTest, RemovingAndRenumberingIsNamed) {
    append(5);
    sql("DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.bad_seq, 3) << r.reason.en;
}

TEST_F(AuditTest, SwappedRowsAreNamed) {
    append(5);
    // Swap the content of seq 2 and 3 (everything but the position).
    sql("UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
        "UPDATE audit_log SET seq = 3 WHERE seq = -2");
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.bad_seq, 2) << r.reason.en;
}

TEST_F(AuditTest, ARewrittenRowWithARecomputedHashBreaksTheLinkToTheNext) {
    append(5);
    // A careful forger recomputes the edited row's hash, but not the rest of the chain.
    AuditEntry e;
    {
        auto c = m_db->acquire().value();
        auto s = c->prepare("SELECT seq, at, actor_user_id, actor_username, actor_role, client_address, request_id, action, "
                            "entity, entity_id, before_json, after_json, detail, prev_hash FROM audit_log WHERE seq = 3")
                     .value();
        ASSERT_TRUE(s.step().value());
        e = AuditEntry{s.integer(0), s.string(1), s.integer(2), s.string(3), s.string(4), s.string(5), s.string(6),
                       s.string(7), s.string(8), s.string(9), s.opt_string(10), s.opt_string(11), s.string(12),
                       s.string(13), ""};
    }
    e.after_json = R"({"nama":"RW palsu"})";
    e.payload_hash = audit_payload_hash(e);  // the forger recomputes the payload's digest too
    auto c = m_db->acquire().value();
    ASSERT_TRUE(c->execute("UPDATE audit_log SET after_json = ?, payload_hash = ?, hash = ? WHERE seq = 3", *e.after_json,
                           *e.payload_hash, audit_hash(e)));
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.bad_seq, 4);
    EXPECT_EQ(r.problem, AuditProblem::Reordered);
    EXPECT_NE(r.reason.en.find("seq 3"), std::string::npos) << "names the predecessor too: " << r.reason.en;
}

TEST_F(AuditTest, RemovingTheNewestRowsIsOnlySeenAgainstAnAnchor) {
    append(5);
    auto before = verify();
    AuditAnchor anchor{before.head_seq, before.head_hash};
    EXPECT_TRUE(verify(anchor).ok);
    sql("DELETE FROM audit_log WHERE seq >= 4");
    auto inside = verify();
    EXPECT_TRUE(inside.ok) << "a shorter chain is still a valid chain (documented)";
    EXPECT_EQ(inside.count, 3);
    auto anchored = verify(anchor);
    EXPECT_FALSE(anchored.ok);
    EXPECT_EQ(anchored.bad_seq, 5);
    EXPECT_EQ(anchored.problem, AuditProblem::Truncated);

    auto parsed = AuditAnchor::parse(fmt::format("5:{}", before.head_hash));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->seq, 5);
    EXPECT_FALSE(AuditAnchor::parse("5"));
    EXPECT_FALSE(AuditAnchor::parse("x:" + before.head_hash));
    EXPECT_FALSE(AuditAnchor::parse("5:abc"));
}

TEST_F(AuditTest, AnAbortedTransactionLeavesNoAuditRow) {
    {
        auto c = m_db->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        ASSERT_TRUE(append_audit(*c, admin(), {.action = "wilayah.create", .entity = "wilayah", .entity_id = "1"}));
        // no commit: the change failed after the audit row was written
    }
    EXPECT_EQ(count(), 0);
    append(1);
    EXPECT_EQ(count("seq = 1"), 1) << "the chain starts over at 1, without a gap";
    EXPECT_TRUE(verify().ok);
}

TEST_F(AuditTest, AppendsFromManyThreadsFormOneValidChain) {
    constexpr int kThreads = 6;
    constexpr int kEach = 20;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto c = m_db->acquire();
                if (!c) {
                    ++failures;
                    continue;
                }
                auto tx = (*c)->begin(db::TxMode::Write);
                if (!tx) {
                    ++failures;
                    continue;
                }
                Actor a = admin();
                a.request_id = fmt::format("t{}-{}", t, i);
                if (!append_audit(**c, a, {.action = "test.append", .entity = "t", .entity_id = std::to_string(t)}) ||
                    !tx->commit())
                    ++failures;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason.en;
    EXPECT_EQ(r.count, kThreads * kEach);
}

TEST_F(AuditTest, ListFiltersAndPagesNewestFirst) {
    append(7, "wilayah.create");
    append(3, "wilayah.rename");
    {
        auto c = m_db->acquire().value();
        auto tx = c->begin(db::TxMode::Write).value();
        Actor budi;
        budi.user_id = 9;
        budi.username = "budi";
        budi.role = Role::Psm;
        ASSERT_TRUE(append_audit(*c, budi, {.action = "auth.login", .entity = "user", .entity_id = "budi"}));
        ASSERT_TRUE(append_audit(*c, budi, {.action = "auth.login_failed", .entity = "user", .entity_id = "budi"}));
        ASSERT_TRUE(tx.commit());
    }
    AuditService svc(*m_db);
    auto sys = Actor::system("test");
    auto all = svc.list(sys, {}, 100).value();
    ASSERT_EQ(all.items.size(), 12u);
    EXPECT_EQ(all.items.front().seq, 12);
    EXPECT_FALSE(all.next);

    auto seqs = [](AuditPage const& p) {
        std::vector<std::int64_t> out;
        for (auto const& e : p.items) out.push_back(e.seq);
        return out;
    };
    // Keyset pages of 4: 12..9, 8..5, 4..1.
    auto p1 = svc.list(sys, {}, 4).value();
    EXPECT_EQ(seqs(p1), (std::vector<std::int64_t>{12, 11, 10, 9}));
    ASSERT_TRUE(p1.next);
    auto p2 = svc.list(sys, AuditService::make_filter({}, p1.next).value(), 4).value();
    EXPECT_EQ(seqs(p2), (std::vector<std::int64_t>{8, 7, 6, 5}));
    auto p3 = svc.list(sys, AuditService::make_filter({}, p2.next).value(), 4).value();
    EXPECT_EQ(seqs(p3), (std::vector<std::int64_t>{4, 3, 2, 1}));
    EXPECT_FALSE(p3.next);

    auto by = [&](AuditFilter f) { return seqs(svc.list(sys, AuditService::make_filter(f).value(), 500).value()); };
    EXPECT_EQ(by({.action = "wilayah.rename"}), (std::vector<std::int64_t>{10, 9, 8}));
    EXPECT_EQ(by({.action = "wilayah"}).size(), 10u) << "a dotted prefix";
    EXPECT_EQ(by({.action = "wilayah."}).size(), 10u);
    EXPECT_EQ(by({.action = "wil"}).size(), 0u) << "prefixes end at a dot";
    EXPECT_EQ(by({.action = "auth.login"}), (std::vector<std::int64_t>{11})) << "auth.login is not auth.login_failed";
    EXPECT_EQ(by({.actor = "budi"}), (std::vector<std::int64_t>{12, 11}));
    EXPECT_EQ(by({.entity = "wilayah", .entity_id = "36.71.01.1001.2"}), (std::vector<std::int64_t>{10, 3}));
    EXPECT_EQ(by({.from = "2000-01-01", .to = "2999-01-01"}).size(), 12u);
    EXPECT_EQ(by({.to = "2000-01-01T00:00Z"}).size(), 0u);
    EXPECT_EQ(by({.from = "2999-01-01T00:00:00"}).size(), 0u);

    // Bad input is a clear error naming the field.
    EXPECT_EQ(AuditService::make_filter({.from = "yesterday"}).error().field, "from");
    EXPECT_EQ(AuditService::make_filter({.to = "2026-13"}).error().field, "to");
    EXPECT_EQ(AuditService::make_filter({}, std::string("abc")).error().field, "cursor");
    EXPECT_EQ(svc.list(sys, {}, 0).error().field, "limit");
    EXPECT_EQ(svc.list(sys, {}, 501).error().field, "limit");
    EXPECT_TRUE(svc.list(sys, {}, 500));
}

// The look-ups by account and by record come from audit_by_actor / audit_by_entity up to the
// indexer's mark and from audit_log above it: whatever the mark, every filter, page and history
// gives exactly what a walk over the whole log gives.
TEST_F(AuditTest, LookUpsAreCompleteWhereverTheIndexerIs) {
    Actor budi;
    budi.user_id = 9;
    budi.username = "budi";
    budi.role = Role::Psm;
    {
        auto c = m_db->acquire().value();
        for (int i = 0; i < 30; ++i) {
            auto tx = c->begin(db::TxMode::Write).value();
            ASSERT_TRUE(append_audit(*c, i % 3 == 0 ? budi : admin(),
                                     {.action = "anggota.update", .entity = "anggota", .entity_id = std::to_string(i % 4),
                                      .after_json = fmt::format(R"({{"n":{}}})", i)}));
            ASSERT_TRUE(tx.commit());
        }
    }
    AuditService svc(*m_db);
    auto sys = Actor::system("test");
    // The expected answers, from the whole log walked without any look-up table.
    auto all = svc.list(sys, {}, 500).value().items;
    ASSERT_EQ(all.size(), 30u);
    auto expect = [&](auto pred) {
        std::vector<std::int64_t> out;
        for (auto const& e : all)
            if (pred(e)) out.push_back(e.seq);
        return out;
    };
    auto pages = [&](AuditFilter f, int size) {
        std::vector<std::int64_t> out;
        std::optional<std::string> cursor;
        do {
            auto p = svc.list(sys, AuditService::make_filter(f, cursor).value(), size).value();
            for (auto const& e : p.items) out.push_back(e.seq);
            cursor = p.next;
        } while (cursor);
        return out;
    };
    auto history = [&](std::string const& id, int limit) {
        auto c = m_db->acquire().value();
        std::vector<std::int64_t> out;
        auto entries = record_history(*c, "anggota", id, limit);
        EXPECT_TRUE(entries);
        if (entries)
            for (auto const& e : *entries) out.push_back(e.seq);
        return out;
    };
    auto check = [&](std::string const& when) {
        SCOPED_TRACE(when);
        auto const budis = expect([](AuditEntry const& e) { return e.actor_username == "budi"; });
        auto const two = expect([](AuditEntry const& e) { return e.entity_id == "2"; });
        ASSERT_EQ(budis.size(), 10u);
        ASSERT_EQ(two.size(), 7u);
        EXPECT_EQ(pages({.actor = "budi"}, 500), budis);
        EXPECT_EQ(pages({.actor = "budi"}, 3), budis) << "pages of 3 across the mark";
        EXPECT_EQ(pages({.entity = "anggota", .entity_id = "2"}, 2), two);
        EXPECT_EQ(pages({.actor = "budi", .entity = "anggota", .entity_id = "0"}, 500),
                  expect([](AuditEntry const& e) { return e.actor_username == "budi" && e.entity_id == "0"; }));
        EXPECT_EQ(pages({.actor = "admin", .action = "anggota"}, 4),
                  expect([](AuditEntry const& e) { return e.actor_username == "admin"; }));
        std::vector<std::int64_t> oldest(two.rbegin(), two.rend());
        EXPECT_EQ(history("2", 0), oldest) << "oldest first";
        EXPECT_EQ(history("2", 5), std::vector<std::int64_t>(oldest.begin(), oldest.begin() + 5));
    };
    auto c = m_db->acquire().value();
    EXPECT_EQ(audit_store::indexed_seq(*c).value(), 0);
    check("nothing indexed");
    {
        auto tx = c->begin(db::TxMode::Write).value();
        EXPECT_EQ(audit_store::index_catch_up(*c, 13).value(), 13);
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(audit_store::indexed_seq(*c).value(), 13);
    check("indexed up to 13 of 30");
    EXPECT_EQ(catch_up_audit_index(*m_db, 5).value(), 17) << "the rest, in batches of 5";
    EXPECT_EQ(catch_up_audit_index(*m_db).value(), 0) << "nothing left";
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM audit_by_actor").value(), 30);
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM audit_by_entity WHERE entity = 'anggota'").value(), 30);
    check("all indexed");
}

// The server's indexer thread catches up by itself and stops with the service.
// The indexer writes in batches: nothing while fewer than min_batch entries wait (each indexing
// is a commit of its own), at once when min_batch wait, and after max_delay for a few.
TEST_F(AuditTest, TheBackgroundIndexerWritesInBatches) {
    auto c = m_db->acquire().value();
    auto wait_for_mark = [&](std::int64_t want) {
        for (int i = 0; i < 500 && audit_store::indexed_seq(*c).value() < want; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return audit_store::indexed_seq(*c).value();
    };
    append(4);
    {
        AuditService svc(*m_db);
        svc.start_indexer({.check = std::chrono::milliseconds(5), .min_batch = 5, .max_delay = std::chrono::hours(1)});
        std::this_thread::sleep_for(std::chrono::milliseconds(150));  // ~30 looks at a backlog of 4
        EXPECT_EQ(audit_store::indexed_seq(*c).value(), 0) << "4 waiting, fewer than min_batch: no commit yet";
        EXPECT_EQ(audit_index_backlog(*m_db).value(), 4);
        append(1);
        EXPECT_EQ(wait_for_mark(5), 5) << "min_batch reached";
    }
    append(2);
    {
        AuditService svc(*m_db);
        svc.start_indexer({.check = std::chrono::milliseconds(5), .min_batch = 1000, .max_delay = std::chrono::milliseconds(50)});
        EXPECT_EQ(wait_for_mark(7), 7) << "the oldest waited max_delay";
    }
    EXPECT_EQ(audit_index_backlog(*m_db).value(), 0);
    EXPECT_EQ(count(), 7);
}

// A console entry about one kota's data names its area (AuditEvent::area, migration 0022): an
// admin sees it when the area overlaps their kota — at or below it, or above it (a provinsi-wide
// export) — and not when it lies elsewhere; one without an area (older ones too) stays with every
// admin. An account's entry keeps no area (the account's is used), and the chain is unchanged.
TEST_F(AuditTest, AConsoleEntryIsShownToTheAdminsOfItsArea) {
    Actor const me = admin_of_kota();  // 36.71
    auto c = m_db->acquire().value();
    auto console = [&](std::string id, std::vector<std::string> area) {
        auto tx = c->begin(db::TxMode::Write).value();
        ASSERT_TRUE(append_audit(*c, Actor::system("cli:t"), {.action = "registry.export", .entity = "registry",
                                                               .entity_id = std::move(id), .area = std::move(area)}));
        ASSERT_TRUE(tx.commit());
    };
    console("kelurahan-sini", {"36.71.01.1001"});
    console("kota-lain", {"36.72"});
    console("provinsi", {"36"});
    console("dua-kota", {"36.72", "36.71"});
    console("semua", {});
    {
        auto tx = c->begin(db::TxMode::Write).value();
        ASSERT_TRUE(append_audit(*c, admin(), {.action = "registry.export", .entity = "registry", .entity_id = "akun",
                                               .area = {"36.72"}}));
        ASSERT_TRUE(tx.commit());
    }
    auto page = AuditService(*m_db).list(me, {.action = std::string("registry.export")}, 100);
    ASSERT_TRUE(page) << page.error().describe(Lang::En);
    std::vector<std::string> seen;
    for (auto const& e : page->items) seen.push_back(e.entity_id);
    EXPECT_EQ(seen, (std::vector<std::string>{"akun", "semua", "dua-kota", "provinsi", "kelurahan-sini"}));
    EXPECT_EQ(c->query_value<std::int64_t>("SELECT count(*) FROM audit_area").value(), 5) << "console entries only";
    auto everything = AuditService(*m_db).list(Actor::system("cli:t"), {}, 100);
    ASSERT_TRUE(everything);
    EXPECT_EQ(everything->items.size(), 6u);
    EXPECT_TRUE(verify().ok);
}

TEST_F(AuditTest, OnlyAdminsOpenTheTrail) {
    AuditService svc(*m_db);
    Actor op;
    op.username = "op";
    op.role = Role::Operator;
    EXPECT_EQ(svc.list(op, {}, 10).error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(svc.verify(op).error().code, ErrorCode::PermissionDenied);
    std::string out;
    auto w = CsvWriter::to_string(out);
    EXPECT_EQ(svc.export_csv(op, {}, w).error().code, ErrorCode::PermissionDenied);
    EXPECT_TRUE(svc.list(admin(), {}, 10));
}

TEST_F(AuditTest, ExportWritesEveryColumnOldestFirstAndIsItselfRecorded) {
    append(3);
    AuditService svc(*m_db);
    std::string out;
    auto w = CsvWriter::to_string(out);
    auto r = svc.export_csv(admin_of_kota(), AuditService::make_filter({.action = "wilayah"}).value(), w);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    ASSERT_TRUE(w.finish());
    EXPECT_EQ(r->rows, 3);
    EXPECT_TRUE(r->verify.ok);
    EXPECT_EQ(r->verify.head_seq, 3);

    auto reader = CsvReader::from_string(out).value();
    ASSERT_EQ(reader.header().size(), 17u);  // every column, so an inspector can recompute the chain
    EXPECT_EQ(reader.header().front(), "seq");
    EXPECT_EQ(reader.header()[14], "hash");
    EXPECT_EQ(reader.header()[15], "payload_hash");
    EXPECT_EQ(reader.header().back(), "redacted_by");
    CsvRecord rec;
    std::vector<std::string> seqs;
    while (reader.next(rec).value()) {
        seqs.emplace_back(rec[0]);
        EXPECT_EQ(rec[7], "wilayah.create");
    }
    EXPECT_EQ(seqs, (std::vector<std::string>{"1", "2", "3"}));

    // The export is in the trail, and the chain still holds.
    EXPECT_EQ(count("action = 'audit.export' AND actor_username = 'admin' AND detail = 'action=wilayah'"), 1);
    EXPECT_TRUE(verify().ok);

    // A cap turns a too-large export into a clear error.
    std::string small;
    auto w2 = CsvWriter::to_string(small);
    auto capped = svc.export_csv(admin_of_kota(), {}, w2, 2);
    ASSERT_FALSE(capped);
    EXPECT_EQ(capped.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace pilar::access
