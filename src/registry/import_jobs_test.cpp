// The records of bulk-import jobs (registry/import_api.hpp) when several servers share one
// database: which running jobs a starting server fails (its previous run's, and stale ones; never
// another live server's), heartbeats, and the removal of old finished records. Jobs are written as
// the servers would leave them, with plain SQL.
#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/clock.hpp"
#include "registry/import_api.hpp"
#include "registry/test_support.hpp"

namespace pilar::registry {
namespace {

using namespace std::chrono_literals;

class ImportJobsTest : public RegistryFixture {
protected:
    void SetUp() override {
        RegistryFixture::SetUp();
        m_imports = std::make_unique<ImportService>(*m_db, *m_keyring, *m_wilayah);
    }
    void TearDown() override {
        m_imports.reset();
        RegistryFixture::TearDown();
    }
    static std::string ago(std::chrono::system_clock::duration d) { return utc_iso(std::chrono::system_clock::now() - d); }
    // A job as a server leaves it: running (selesai empty) or ended at `selesai`.
    void job(std::string id, std::optional<std::string> server, std::optional<std::string> proses,
             std::optional<std::string> detak, std::string status = "berjalan", std::optional<std::string> selesai = {}) {
        auto record = fmt::format(R"({{"id":"{}","jenis":"anggota","nama_file":"anggota.csv","oleh":"op","status":"{}"}})", id, status);
        ASSERT_TRUE(m_db->acquire().value()->execute(
            "INSERT INTO impor_job (id, jenis, nama_file, oleh, mulai, status, selesai, ringkasan_json, server, proses, detak) "
            "VALUES (?, 'anggota', 'anggota.csv', 'op', ?, ?, ?, ?, ?, ?, ?)",
            id, ago(24h), status, selesai, record, server, proses, detak));
    }
    std::string status(std::string const& id) {
        return m_db->acquire().value()->query_value<std::string>("SELECT status FROM impor_job WHERE id = ?", id).value().value_or("-");
    }
    std::string message_en(ImportJobs& jobs, std::string const& id) {
        auto j = jobs.get(Actor::system("t"), id).value();
        return j ? std::string((*j)["error"].at("message_en").as_string()) : "";
    }

    std::unique_ptr<ImportService> m_imports;
};

// Servers a and b share the database; a restarts. It fails what its previous run left and what a
// stopped server left (no heartbeat for longer than the limit), never b's job, which b keeps beating.
TEST_F(ImportJobsTest, AStartingServerFailsOnlyItsPreviousRunsJobsAndStaleOnes) {
    job("a-sebelum", "a", "a-proses-1", ago(10s));         // a's previous run, killed a moment ago
    job("b-hidup", "b", "b-proses-1", ago(10s));         // b, running and beating
    job("c-mati", "c", "c-proses-1", ago(11min));          // c stopped 11 minutes ago and is gone
    job("pra-0018", std::nullopt, std::nullopt, std::nullopt);  // written before migration 0018 (one server)
    ImportJobs a(*m_imports, *m_db, {.server = "a"});
    EXPECT_EQ(a.recover_interrupted().value(), 3);
    EXPECT_EQ(status("a-sebelum"), "gagal");
    EXPECT_EQ(status("c-mati"), "gagal");
    EXPECT_EQ(status("pra-0018"), "gagal");
    EXPECT_EQ(status("b-hidup"), "berjalan");
    EXPECT_EQ(message_en(a, "a-sebelum"), "the import stopped because the server restarted; run it again");
    EXPECT_EQ(message_en(a, "c-mati"), "the import stopped because the server running it stopped; run it again");

    // b's own view: its job is alive (the process is b's), and a's sweeps leave it alone while b beats.
    ImportJobs b(*m_imports, *m_db, {.server = "b"});
    ASSERT_TRUE(m_db->acquire().value()->execute("UPDATE impor_job SET proses = ?, detak = ? WHERE id = 'b-hidup'",
                                                 b.process_id(), ago(11min)));
    EXPECT_EQ(b.fail_stale().value(), 0) << "a process never fails its own running job";
    EXPECT_EQ(b.recover_interrupted().value(), 0);
    ASSERT_TRUE(b.heartbeat());
    EXPECT_EQ(a.fail_stale().value(), 0);
    EXPECT_EQ(a.recover_interrupted().value(), 0);
    EXPECT_EQ(status("b-hidup"), "berjalan");

    // b dies: once its heartbeat is older than the limit, a's sweep fails the job.
    ASSERT_TRUE(m_db->acquire().value()->execute("UPDATE impor_job SET detak = ? WHERE id = 'b-hidup'", ago(10min + 1s)));
    EXPECT_EQ(a.fail_stale().value(), 1);
    EXPECT_EQ(status("b-hidup"), "gagal");
    EXPECT_EQ(a.fail_stale().value(), 0);  // once failed, it stays failed
}

// A server restarted under the same name fails its previous run's job at once, however fresh its
// heartbeat; the sweep while serving uses only the heartbeat (two processes never share a name).
TEST_F(ImportJobsTest, OnlyTheStartUpRecognisesThePreviousRunByName) {
    job("baru", "a", "a-proses-1", ago(1s));
    ImportJobs a(*m_imports, *m_db, {.server = "a"});
    EXPECT_EQ(a.fail_stale().value(), 0);
    EXPECT_EQ(a.recover_interrupted().value(), 1);
    EXPECT_EQ(status("baru"), "gagal");
}

TEST_F(ImportJobsTest, TheHeartbeatIsThisProcesssRunningJobsOnly) {
    ImportJobs a(*m_imports, *m_db, {.server = "a"});
    job("mine", "a", a.process_id(), ago(5min));
    job("mine-done", "a", a.process_id(), ago(5min), "selesai", ago(5min));
    job("theirs", "b", "b-proses", ago(5min));
    auto const before = ago(1min);
    ASSERT_TRUE(a.heartbeat());
    auto detak = [&](std::string const& id) {
        return m_db->acquire().value()->query_value<std::string>("SELECT detak FROM impor_job WHERE id = ?", id).value().value_or("");
    };
    EXPECT_GT(detak("mine"), before);
    EXPECT_LT(detak("mine-done"), before);
    EXPECT_LT(detak("theirs"), before);
}

// Records of finished jobs go keep_days after they ended (30 by default); running ones stay.
TEST_F(ImportJobsTest, FinishedJobsRecordsAreRemovedAfterTheRetention) {
    job("old-done", "a", "p", ago(40 * 24h), "selesai", ago(31 * 24h));
    job("old-failed", "a", "p", ago(40 * 24h), "gagal", ago(30 * 24h + 1h));
    job("recent", "a", "p", ago(20 * 24h), "selesai", ago(29 * 24h));
    job("running", "b", "q", ago(40 * 24h));
    ImportJobs a(*m_imports, *m_db, {.server = "a"});
    EXPECT_EQ(a.prune().value(), 2);
    EXPECT_EQ(status("old-done"), "-");
    EXPECT_EQ(status("old-failed"), "-");
    EXPECT_EQ(status("recent"), "selesai");
    EXPECT_EQ(status("running"), "berjalan");
    EXPECT_FALSE(a.get(Actor::system("t"), "old-done").value());
    EXPECT_EQ(a.prune().value(), 0);
    ImportJobs week(*m_imports, *m_db, {.server = "a", .keep_days = 7});
    EXPECT_EQ(week.prune().value(), 1);
    EXPECT_EQ(status("recent"), "-");
}

// The maintenance thread does the same while the server runs: here with a tiny period, it fails
// the stale job of a stopped server and removes the old record, and stops with the object.
TEST_F(ImportJobsTest, TheMaintenanceThreadSweepsAndPrunes) {
    job("stale", "b", "b-proses", ago(11min));
    job("old", "b", "b-proses", ago(40 * 24h), "selesai", ago(40 * 24h));
    {
        ImportJobs a(*m_imports, *m_db, {.server = "a", .heartbeat = 10ms});
        a.start_maintenance();
        for (int i = 0; i < 3000 && (status("stale") != "gagal" || status("old") != "-"); ++i) std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(status("stale"), "gagal");
    EXPECT_EQ(status("old"), "-");
}

}  // namespace
}  // namespace pilar::registry
