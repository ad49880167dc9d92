#include "wilayah/service.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "access/audit.hpp"
#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "wilayah/demo.hpp"

namespace pilar::wilayah {
namespace {

namespace fs = std::filesystem;

std::string area_data_dir() {
    char const* src = std::getenv("PILAR_SOURCE_DIR");
    auto d = WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
    return d.value_or("");
}

class WilayahTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-wilayah-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        m_data = area_data_dir();
        ASSERT_FALSE(m_data.empty()) << "idn-area-data not installed (scripts/bootstrap)";
    }
    void TearDown() override {
        m_db.reset();
        fs::remove_all(m_dir);
    }
    std::int64_t count(std::string_view sql) {
        return m_db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1);
    }
    void load_tangerang() { ASSERT_TRUE(svc().load_from_area_data(Actor::system("t"), "36.71", m_data)); }
    WilayahService svc() { return WilayahService(*m_db); }

    fs::path m_dir;
    std::unique_ptr<db::Database> m_db;
    std::string m_data;
};

TEST_F(WilayahTest, LoadsKotaTangerangFromAreaData) {
    auto r = svc().load_from_area_data(Actor::system("t"), "3671", m_data);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->provinsi, 1);
    EXPECT_EQ(r->kota, 1);
    EXPECT_EQ(r->kecamatan, 13);
    EXPECT_EQ(r->kelurahan, 104);
    EXPECT_EQ(r->inserted, 119);
    auto kota = svc().get("36.71").value();
    EXPECT_EQ(kota.nama, "Kota Tangerang");
    EXPECT_EQ(kota.jenis, "kota");
    EXPECT_EQ(kota.induk, "36");
    auto kel = svc().get("3671011001").value();
    EXPECT_EQ(kel.tingkat, Tingkat::Kelurahan);
    EXPECT_EQ(kel.jenis, "kelurahan");
    EXPECT_EQ(kel.induk, "36.71.01");
    EXPECT_EQ(svc().children("36.71", false).value().size(), 13u);
    // Idempotent: a second load changes nothing.
    auto again = svc().load_from_area_data(Actor::system("t"), "36.71", m_data).value();
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.unchanged, 119);
}

TEST_F(WilayahTest, LoadsAKabupatenWithDesa) {
    auto r = svc().load_from_area_data(Actor::system("t"), "36.03", m_data);  // Kabupaten Tangerang
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(svc().get("36.03").value().jenis, "kabupaten");
    auto kecamatan = svc().children("36.03", false).value();
    ASSERT_FALSE(kecamatan.empty());
    auto desa = svc().children(kecamatan.front().kode, false).value();
    ASSERT_FALSE(desa.empty());
    EXPECT_TRUE(std::any_of(desa.begin(), desa.end(), [](auto const& w) { return w.jenis == "desa"; }));
}

TEST_F(WilayahTest, BadLoadRequestsChangeNothing) {
    auto unknown = svc().load_from_area_data(Actor::system("t"), "36.99", m_data);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(svc().load_from_area_data(Actor::system("t"), "36.71.01", m_data)) << "kecamatan level";
    EXPECT_FALSE(svc().load_from_area_data(Actor::system("t"), "banten", m_data));
    EXPECT_FALSE(svc().load_from_area_data(Actor::system("t"), "36.71", "/nonexistent"));
    EXPECT_EQ(count("SELECT count(*) FROM wilayah"), 0);
}

TEST_F(WilayahTest, RwAndRtLifecycle) {
    load_tangerang();
    auto sys = Actor::system("t");
    auto rw = svc().create_child(sys, "36.71.01.1001", 4, std::nullopt);
    ASSERT_TRUE(rw) << rw.error().describe(Lang::En);
    EXPECT_EQ(rw->kode, "36.71.01.1001.004");
    EXPECT_EQ(rw->nama, "RW 004");
    auto rt = svc().create_child(sys, "3671011001004", 12, std::string("RT Melati"));
    ASSERT_TRUE(rt);
    EXPECT_EQ(rt->kode, "36.71.01.1001.004.012");
    EXPECT_EQ(svc().create_child(sys, "36.71.01.1001", 4, std::nullopt).error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(svc().create_child(sys, "36.71.01", 4, std::nullopt).error().code, ErrorCode::InvalidArgument)
        << "no RW directly under a kecamatan";
    EXPECT_EQ(svc().create_child(sys, "36.71.01.1001", 1000, std::nullopt).error().field, "nomor");
    EXPECT_EQ(svc().create_child(sys, "36.71.01.1999", 1, std::nullopt).error().code, ErrorCode::NotFound);

    auto renamed = svc().rename(sys, rw->kode, "RW 004 Sukarasa", rw->version);
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->version, rw->version + 1);
    auto stale = svc().rename(sys, rw->kode, "Lagi", rw->version);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(svc().rename(sys, "36.71.01.1001", "X", 1).error().code, ErrorCode::InvalidArgument)
        << "Kemendagri levels are not renamed by hand";

    EXPECT_EQ(svc().retire(sys, rw->kode, "").error().field, "alasan");
    EXPECT_EQ(svc().retire(sys, rw->kode, "digabung dengan RW 003").value(), 2) << "the RW and its RT";
    EXPECT_TRUE(svc().children("36.71.01.1001", false).value().empty());
    EXPECT_EQ(svc().children("36.71.01.1001", true).value().size(), 1u);
    EXPECT_FALSE(svc().get(rt->kode).value().active);
    EXPECT_EQ(svc().create_child(sys, rw->kode, 13, std::nullopt).error().code, ErrorCode::Conflict)
        << "nothing new under a retired RW";
    EXPECT_TRUE(svc().reactivate(sys, rw->kode));
}

TEST_F(WilayahTest, SearchByNameOrCodePrefix) {
    load_tangerang();
    auto by_name = svc().search({.q = "karawaci"}).value();
    ASSERT_FALSE(by_name.empty());
    EXPECT_EQ(by_name.front().nama, "Karawaci") << "the kecamatan whose name starts with it ranks first";
    auto by_code = svc().search({.q = "36.71.13"}).value();
    ASSERT_FALSE(by_code.empty());
    for (auto const& w : by_code) EXPECT_TRUE(w.kode.starts_with("36.71.13")) << w.kode;
    auto undotted = svc().search({.q = "367113"}).value();
    EXPECT_EQ(undotted.size(), by_code.size());
    auto only_kec = svc().search({.q = "a", .tingkat = Tingkat::Kecamatan, .limit = 100}).value();
    for (auto const& w : only_kec) EXPECT_EQ(w.tingkat, Tingkat::Kecamatan);
    auto under = svc().search({.q = "a", .under = std::string("36.71.01"), .limit = 100}).value();
    for (auto const& w : under) EXPECT_TRUE(w.kode.starts_with("36.71.01.")) << w.kode;
    EXPECT_FALSE(svc().search({.q = ""}));
    EXPECT_FALSE(svc().search({.q = "a", .limit = 0}));
    EXPECT_TRUE(svc().search({.q = "%_\\"}).value().empty()) << "LIKE wildcards are literal";
}

TEST_F(WilayahTest, ImportCsvIsAllOrNothing) {
    load_tangerang();
    auto sys = Actor::system("t");
    std::string good = "kode,nama\n36.71.01.1001.001,RW Satu\n3671011001001001,\n36.71.01.1001.002,\n";
    auto reader = CsvReader::from_string(good).value();
    auto r = svc().import_csv(sys, reader);
    ASSERT_TRUE(r) << r.error().describe(Lang::En);
    EXPECT_EQ(r->created, 3);
    EXPECT_EQ(svc().get("36.71.01.1001.001.001").value().nama, "RT 001");

    auto before = count("SELECT count(*) FROM wilayah");
    std::string bad = "kode,nama\n36.71.01.1001.003,RW Tiga\n36.71.01.1001.009.001,RT orphan\n";
    auto reader2 = CsvReader::from_string(bad, {.source_name = "rw.csv"}).value();
    auto e = svc().import_csv(sys, reader2);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().file, "rw.csv");
    EXPECT_EQ(e.error().row, 3);
    EXPECT_EQ(e.error().field, "kode");
    EXPECT_EQ(count("SELECT count(*) FROM wilayah"), before) << "the good first row must not land either";

    for (std::string text : {"kode,nama\n36.71.01.1001,Kelurahan\n", "nama\nRW\n", "kode,nama\nabc,x\n",
                             "kode,nama\n36.71.01.1001.005,a\n36.71.01.1001.005,b\n"}) {
        auto rd = CsvReader::from_string(text).value_or(CsvReader::from_string("kode\n").value());
        EXPECT_FALSE(svc().import_csv(sys, rd)) << text;
    }
    EXPECT_EQ(count("SELECT count(*) FROM wilayah"), before);
}

TEST_F(WilayahTest, DemoSeedsAboutAThousandRw) {
    load_tangerang();
    auto r = seed_demo_rw_rt(*m_db, "36.71", 1014, 7);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rw, 1014);
    EXPECT_GE(r->rt, 3 * 1014);
    EXPECT_LE(r->rt, 8 * 1014);
    EXPECT_EQ(count("SELECT count(*) FROM wilayah w WHERE tingkat = 'kelurahan' AND NOT EXISTS "
                    "(SELECT 1 FROM wilayah c WHERE c.induk = w.kode)"), 0)
        << "every kelurahan has RWs";
}

// Every write lands in the audit trail with who did it, which record, and before/after; a
// failed write leaves no audit row; the chain verifies.
class WilayahAuditTest : public WilayahTest {
protected:
    struct Row {
        std::string action, actor, role, entity_id, request_id, detail;
        std::optional<std::string> before, after;
    };
    std::vector<Row> audit(std::string_view action_prefix = "wilayah") {
        auto c = m_db->acquire().value();
        auto s = c->prepare("SELECT action, actor_username, actor_role, entity_id, request_id, detail, before_json, "
                            "after_json FROM audit_log WHERE action LIKE ? ORDER BY seq")
                     .value();
        std::string const pattern = std::string(action_prefix) + "%";  // bound text must outlive step()
        EXPECT_TRUE(s.bind_all(pattern));
        std::vector<Row> out;
        while (s.step().value())
            out.push_back({s.string(0), s.string(1), s.string(2), s.string(3), s.string(4), s.string(5), s.opt_string(6),
                           s.opt_string(7)});
        return out;
    }
    Actor admin() {
        Actor a;
        a.user_id = 3;
        a.username = "admin";
        a.role = Role::Admin;
        a.scope = {WilayahCode::parse("36.71").value()};
        a.request_id = "req-42";
        a.client_address = "10.1.1.1";
        return a;
    }
};

TEST_F(WilayahAuditTest, LoadWritesOneSummaryAndAnUnchangedReloadNone) {
    load_tangerang();
    auto rows = audit();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].action, "wilayah.load");
    EXPECT_EQ(rows[0].actor, "t");
    EXPECT_EQ(rows[0].role, "system");
    EXPECT_EQ(rows[0].entity_id, "36.71");
    EXPECT_NE(rows[0].after->find(R"("baru":119)"), std::string::npos) << *rows[0].after;
    load_tangerang();
    EXPECT_EQ(audit().size(), 1u) << "nothing changed, nothing written";
}

TEST_F(WilayahAuditTest, RwAndRtChangesRecordActorAndBeforeAfter) {
    load_tangerang();
    auto a = admin();
    auto rw = svc().create_child(a, "36.71.01.1001", 4, std::nullopt).value();
    auto rt = svc().create_child(a, rw.kode, 1, std::nullopt).value();
    auto renamed = svc().rename(a, rw.kode, "RW Empat", rw.version).value();
    ASSERT_EQ(svc().retire(a, rw.kode, "digabung").value(), 2);
    ASSERT_TRUE(svc().reactivate(a, rw.kode));
    // Failures write nothing.
    EXPECT_FALSE(svc().create_child(a, "36.71.01.1001", 4, std::nullopt));
    EXPECT_FALSE(svc().rename(a, rw.kode, "Lagi", rw.version));

    auto rows = audit("wilayah.");
    ASSERT_EQ(rows.size(), 6u);  // load + 5 changes
    std::vector<std::string> actions;
    for (auto const& r : rows) actions.push_back(r.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"wilayah.load", "wilayah.create", "wilayah.create", "wilayah.rename",
                                                 "wilayah.retire", "wilayah.reactivate"}));
    for (size_t i = 1; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].actor, "admin");
        EXPECT_EQ(rows[i].role, "admin");
        EXPECT_EQ(rows[i].request_id, "req-42");
    }
    EXPECT_EQ(rows[1].entity_id, rw.kode);
    EXPECT_FALSE(rows[1].before) << "a new record has no before";
    EXPECT_NE(rows[1].after->find(R"("nama":"RW 004")"), std::string::npos);
    EXPECT_EQ(rows[2].entity_id, rt.kode);
    EXPECT_NE(rows[3].before->find(R"("nama":"RW 004")"), std::string::npos);
    EXPECT_NE(rows[3].after->find(R"("nama":"RW Empat")"), std::string::npos);
    EXPECT_NE(rows[3].after->find(fmt::format(R"("version":{})", renamed.version)), std::string::npos);
    EXPECT_NE(rows[4].before->find(R"("aktif":true)"), std::string::npos);
    EXPECT_NE(rows[4].after->find(R"("aktif":false)"), std::string::npos);
    EXPECT_NE(rows[4].after->find(rt.kode), std::string::npos) << "the RT retired with it is named";
    EXPECT_NE(rows[4].detail.find("digabung"), std::string::npos);
    EXPECT_NE(rows[5].after->find(R"("aktif":true)"), std::string::npos);

    auto v = access::AuditService(*m_db).verify(Actor::system("t")).value();
    EXPECT_TRUE(v.ok) << v.reason.en;
}

TEST_F(WilayahAuditTest, ImportRecordsEachCreatedOrRenamedRowAndAFailedImportNothing) {
    load_tangerang();
    auto a = admin();
    std::string good = "kode,nama\n36.71.01.1001.001,RW Satu\n3671011001001001,\n";
    auto reader = CsvReader::from_string(good, {.source_name = "rw.csv"}).value();
    ASSERT_TRUE(svc().import_csv(a, reader));
    std::string again = "kode,nama\n36.71.01.1001.001,RW Kesatu\n36.71.01.1001.001.001,\n";
    auto reader2 = CsvReader::from_string(again, {.source_name = "rw2.csv"}).value();
    ASSERT_TRUE(svc().import_csv(a, reader2));
    auto rows = audit("wilayah.");
    ASSERT_EQ(rows.size(), 4u) << "load, 2 created, 1 renamed; the unchanged RT writes nothing";
    EXPECT_EQ(rows[1].action, "wilayah.create");
    EXPECT_EQ(rows[1].entity_id, "36.71.01.1001.001");
    EXPECT_EQ(rows[1].detail, "impor / import rw.csv:2");
    EXPECT_EQ(rows[2].entity_id, "36.71.01.1001.001.001");
    EXPECT_EQ(rows[3].action, "wilayah.rename");
    EXPECT_EQ(rows[3].detail, "impor / import rw2.csv:2");
    EXPECT_NE(rows[3].before->find("RW Satu"), std::string::npos);
    EXPECT_NE(rows[3].after->find("RW Kesatu"), std::string::npos);

    std::string bad = "kode,nama\n36.71.01.1001.003,RW Tiga\n36.71.01.1001.009.001,RT orphan\n";
    auto reader3 = CsvReader::from_string(bad).value();
    ASSERT_FALSE(svc().import_csv(a, reader3));
    EXPECT_EQ(audit("wilayah.").size(), 4u) << "the audit row of the good first line rolled back with it";
}

// Two kota share the database: the admin of 36.71 manages no RW or RT of 36.72 — a code in the
// path is the record acted on, as unknown as a missing code (404); a code named in an import's rows
// is refused at its field (403, like every write naming a region outside the caller's area); and
// nothing is written. Before, every admin changed every kota's.
TEST_F(WilayahAuditTest, AnAdminManagesOnlyTheirOwnKota) {
    load_tangerang();
    ASSERT_TRUE(svc().load_from_area_data(Actor::system("t"), "36.72", m_data));
    auto rw72 = svc().create_child(Actor::system("t"), "36.72.01.1001", 1, std::nullopt).value();
    auto const before = audit("wilayah.").size();
    auto a = admin();
    auto not_found = [](auto const& r) { return !r && r.error().code == ErrorCode::NotFound; };
    EXPECT_TRUE(not_found(svc().create_child(a, "36.72.01.1001", 2, std::nullopt)));
    EXPECT_TRUE(not_found(svc().create_child(a, rw72.kode, 1, std::nullopt)));
    EXPECT_TRUE(not_found(svc().rename(a, rw72.kode, "RW Lain", rw72.version)));
    EXPECT_TRUE(not_found(svc().retire(a, rw72.kode, "digabung")));
    EXPECT_TRUE(not_found(svc().reactivate(a, rw72.kode)));
    auto reader = CsvReader::from_string("kode,nama\n36.71.01.1001.001,RW Satu\n36.72.01.1001.002,RW Dua\n", {.source_name = "rw.csv"}).value();
    auto imported = svc().import_csv(a, reader);
    ASSERT_FALSE(imported);
    EXPECT_EQ(imported.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(imported.error().row, 3);
    EXPECT_EQ(imported.error().field, "kode");
    EXPECT_EQ(audit("wilayah.").size(), before) << "nothing written";
    EXPECT_EQ(svc().get(rw72.kode).value().nama, "RW 001");
    EXPECT_TRUE(svc().get(rw72.kode).value().active);
    // Their own kota as before.
    EXPECT_TRUE(svc().create_child(a, "36.71.01.1001", 2, std::nullopt));
}

TEST_F(WilayahAuditTest, DemoSeedIsOneSummary) {
    load_tangerang();
    ASSERT_TRUE(seed_demo_rw_rt(*m_db, "36.71", 50, 1));
    auto rows = audit("wilayah.demo");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor, "demo");
}

}  // namespace
}  // namespace pilar::wilayah
