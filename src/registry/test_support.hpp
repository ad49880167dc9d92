// What the registry's unit tests share: a migrated database in a temporary directory with Kota
// Tangerang's wilayah, a test key, the service, actors of every role and record builders.
//
//   class ExportTest : public RegistryFixture { ... };
//   auto k = m_svc->create_keluarga(psm, household("3671012001150003")).value();
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "builtin_migrations.hpp"
#include "db/migrate.hpp"
#include "registry/service.hpp"

namespace pilar::registry {

inline Actor actor(Role role, std::string name, std::vector<std::string> scope) {
    Actor a;
    a.user_id = 7;
    a.username = std::move(name);
    a.role = role;
    for (auto const& s : scope) a.scope.push_back(WilayahCode::parse(s).value());
    return a;
}

class RegistryFixture : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pilar-registry-XXXXXX";
        m_dir = mkdtemp(tmpl);
        m_db = std::move(*db::open_database((m_dir / "p.db").string()));
        ASSERT_TRUE(db::migrate(*m_db, builtin_migrations(m_db->dialect())));
        char const* src = std::getenv("PILAR_SOURCE_DIR");
        auto data = wilayah::WilayahService::find_area_data_dir(std::string(src ? src : ".") + "/build/x/apps/pilar/pilar");
        ASSERT_TRUE(data) << "idn-area-data not installed (scripts/bootstrap)";
        m_wilayah = std::make_unique<wilayah::WilayahService>(*m_db);
        ASSERT_TRUE(m_wilayah->load_from_area_data(Actor::system("t"), "36.71", *data));
        m_keyring = std::make_unique<access::Keyring>(access::Keyring::parse(access::Keyring::generate_line(1), "test").value());
        m_svc = std::make_unique<RegistryService>(*m_db, *m_keyring, *m_wilayah);
    }
    void TearDown() override {
        m_svc.reset();
        m_wilayah.reset();
        m_db.reset();
        std::filesystem::remove_all(m_dir);
    }
    std::int64_t count(std::string const& sql) {
        return m_db->acquire().value()->query_value<std::int64_t>(sql).value().value_or(-1);
    }
    static KeluargaRecord household(std::string kk, std::string rw = "004", std::string rt = "002") {
        KeluargaRecord r;
        r[KCol::NoKk] = std::move(kk);
        r[KCol::KodeWilayah] = "36.71.01.1001";
        r[KCol::Rw] = std::move(rw);
        r[KCol::Rt] = std::move(rt);
        r[KCol::Alamat] = "Jl. Kenari No. 5";
        return r;
    }
    static AnggotaRecord member(std::string nik, std::string nama, std::string hubungan = "kepala_keluarga") {
        AnggotaRecord r;
        r[ACol::Nik] = std::move(nik);
        r[ACol::Nama] = std::move(nama);
        r[ACol::JenisKelamin] = "P";
        r[ACol::Hubungan] = std::move(hubungan);
        return r;
    }

    Actor psm = actor(Role::Psm, "psm1", {"36.71.01.1001.004"});
    Actor psm_other = actor(Role::Psm, "psm2", {"36.71.01.1001.005"});
    Actor tksk = actor(Role::Tksk, "tksk1", {"36.71.01"});
    Actor op = actor(Role::Operator, "op", {"36.71"});
    Actor kepala = actor(Role::Kepala, "kepala", {"36.71"});

    std::filesystem::path m_dir;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<wilayah::WilayahService> m_wilayah;
    std::unique_ptr<access::Keyring> m_keyring;
    std::unique_ptr<RegistryService> m_svc;
};

}  // namespace pilar::registry
