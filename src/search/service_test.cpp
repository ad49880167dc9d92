// The search service over a real (temporary) registry: every write — create, rename, move with the
// household, merge and its undo, anonymisation, bulk import — is what the next search sees, also
// for a second service on the same database (another server process); scope hides people and
// counts; NIK is masked; 16 digits search the NIK exactly; bad parameters are refused.
#include "search/service.hpp"

#include "registry/import.hpp"
#include "registry/test_support.hpp"

namespace pilar::search {
namespace {

using registry::ACol;
using registry::actor;

class SearchTest : public registry::RegistryFixture {
protected:
    void SetUp() override {
        RegistryFixture::SetUp();
        m_search = std::make_unique<SearchService>(*m_svc, *m_wilayah);
        auto k1 = m_svc->create_keluarga(op, household("3671010101150001", "004", "002"));
        ASSERT_TRUE(k1) << k1.error().describe(Lang::En);
        m_k1 = k1->id;
        m_k2 = m_svc->create_keluarga(op, household("3671010101150002", "005", "001")).value().id;
        auto a = member("3671014512870001", "Hj. Siti Nurhayati");
        a[ACol::TanggalLahir] = "1987-12-05";
        m_siti = m_svc->create_anggota(op, m_k1, a).value().id;
        auto b = member("3671010203900003", "Budi Santoso");
        b[ACol::JenisKelamin] = "L";
        b[ACol::TanggalLahir] = "1990-03-02";
        m_budi = m_svc->create_anggota(op, m_k2, b).value().id;
    }
    void TearDown() override {
        m_search.reset();
        RegistryFixture::TearDown();
    }
    std::vector<std::int64_t> found(Actor const& who, std::string q, SearchService* s = nullptr) {
        auto r = (s ? s : m_search.get())->search(who, {.q = std::move(q)});
        EXPECT_TRUE(r) << r.error().describe(Lang::En);
        std::vector<std::int64_t> ids;
        if (r)
            for (auto const& h : r->items) ids.push_back(h.anggota.id);
        return ids;
    }
    static bool has(std::vector<std::int64_t> const& v, std::int64_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }

    std::unique_ptr<SearchService> m_search;
    std::int64_t m_k1 = 0, m_k2 = 0, m_siti = 0, m_budi = 0;
};

TEST_F(SearchTest, FindsVariantsAndTyposWithMaskedNikAndKelurahan) {
    auto r = m_search->search(op, {.q = "siti nur hayatti"}).value();
    EXPECT_EQ(r.cara, "nama");
    ASSERT_FALSE(r.items.empty());
    EXPECT_EQ(r.items[0].anggota.id, m_siti);
    EXPECT_TRUE(r.items[0].anggota.nik_masked);
    EXPECT_NE(r.items[0].anggota.nik.value_or(""), "3671014512870001");
    EXPECT_EQ(r.items[0].kode_kelurahan, "36.71.01.1001");
    EXPECT_FALSE(r.items[0].nama_kelurahan.empty());
    EXPECT_GT(r.items[0].skor, 0.9);
    EXPECT_TRUE(has(found(op, "Budi Santso"), m_budi));
    EXPECT_FALSE(has(found(op, "Budi Santso"), m_siti));
}

TEST_F(SearchTest, SixteenDigitsSearchTheNikExactly) {
    auto r = m_search->search(op, {.q = "3671010203900003"}).value();
    EXPECT_EQ(r.cara, "nik");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].anggota.id, m_budi);
    EXPECT_TRUE(r.items[0].anggota.nik_masked);
    auto kk = m_search->search(op, {.q = "3671010101150001"}).value();
    EXPECT_EQ(kk.cara, "no_kk");
    ASSERT_EQ(kk.items.size(), 1u);
    EXPECT_EQ(kk.items[0].anggota.id, m_siti);
    EXPECT_TRUE(m_search->search(op, {.q = "3671010203900004"}).value().items.empty());
}

TEST_F(SearchTest, ScopeHidesPeopleOutsideIt) {
    EXPECT_TRUE(has(found(psm, "Siti Nurhayati"), m_siti));        // RW 004: hers
    EXPECT_FALSE(has(found(psm, "Budi Santoso"), m_budi));         // RW 005: not the PSM's
    EXPECT_TRUE(found(psm_other, "Siti Nurhayati").empty());        // not even as a count
    EXPECT_TRUE(has(found(tksk, "Budi Santoso"), m_budi));         // the kecamatan
    EXPECT_TRUE(m_search->search(psm_other, {.q = "3671014512870001"}).value().items.empty());
}

TEST_F(SearchTest, EveryWriteIsWhatTheNextSearchSees) {
    ASSERT_TRUE(found(op, "Siti Nurhayati").size() >= 1);  // the index is built now
    SearchService other(*m_svc, *m_wilayah);                // another server process on the same database
    ASSERT_TRUE(has(found(op, "Budi Santoso", &other), m_budi));

    auto v = m_svc->anggota(op, m_budi).value().version;
    ASSERT_TRUE(m_svc->update_anggota(op, m_budi, {{"nama", "Bambang Pamungkas"}}, v, "salah tulis nama"));
    for (auto* s : {m_search.get(), &other}) {
        EXPECT_FALSE(has(found(op, "Budi Santoso", s), m_budi));
        EXPECT_TRUE(has(found(op, "Bambang Pamungkas", s), m_budi));
    }

    // The household moves to RW 004: the PSM of RW 004 now finds its members.
    EXPECT_FALSE(has(found(psm, "Bambang Pamungkas"), m_budi));
    auto kv = m_svc->keluarga(op, m_k2).value().version;
    ASSERT_TRUE(m_svc->update_keluarga(op, m_k2, {{"rw", "004"}}, kv, "pindah RW"));
    EXPECT_TRUE(has(found(psm, "Bambang Pamungkas"), m_budi));

    // A merged-away member is no longer a person to find; the undo brings them back.
    auto dup = member("", "Siti Nurhayati", "istri_suami");
    auto twin = m_svc->create_anggota(op, m_k2, dup).value().id;
    EXPECT_TRUE(has(found(op, "Siti Nurhayati", &other), twin));
    ASSERT_TRUE(m_svc->merge_anggota(op, twin, m_siti, "orang yang sama"));
    EXPECT_FALSE(has(found(op, "Siti Nurhayati", &other), twin));
    EXPECT_TRUE(has(found(op, "Siti Nurhayati", &other), m_siti));
    ASSERT_TRUE(m_svc->unmerge_anggota(op, twin, {}, "salah gabung"));
    EXPECT_TRUE(has(found(op, "Siti Nurhayati", &other), twin));

    // Erasure: the anonymised member disappears.
    auto sv = m_svc->anggota(op, m_siti).value().version;
    ASSERT_TRUE(m_svc->anonymise_anggota(op, m_siti, sv, "permintaan penghapusan"));
    EXPECT_FALSE(has(found(op, "Siti Nurhayati"), m_siti));
    EXPECT_FALSE(has(found(op, "Siti Nurhayati", &other), m_siti));
}

TEST_F(SearchTest, BulkImportIsSearchable) {
    ASSERT_TRUE(found(op, "Siti").size() >= 1);
    std::string text = "nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan\n"
                       ",3671010101150001,Rahmat Hidayat,L,2001-04-09,anak\n"
                       ",3671010101150001,Dewi Lestari,P,2003-08-17,anak\n";
    auto file = registry::open_import_file("anggota.csv", "anggota.csv", std::string_view(text)).value();
    registry::ImportService imports(*m_db, *m_keyring, *m_wilayah);
    auto report = imports.run(Actor::system("t"), *file.rows, {.kind = registry::ImportKind::Anggota, .file_name = "anggota.csv"});
    ASSERT_TRUE(report) << report.error().describe(Lang::En);
    auto r = m_search->search(op, {.q = "Rahmad Hidayat", .tahun_lahir = 2001, .toleransi_tahun = 0}).value();
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].anggota.nama, "Rahmat Hidayat");
    EXPECT_TRUE(has(found(op, "Dewi Letsari"), r.items[0].anggota.id + 1));
}

TEST_F(SearchTest, RefusesBadParametersAndTheFeedToUsers) {
    auto code = [&](SearchQuery q) { auto r = m_search->search(op, q); return r ? std::string("ok") : std::string(r.error().field); };
    EXPECT_EQ(code({.q = "  "}), "q");
    EXPECT_EQ(code({.q = std::string(201, 'a')}), "q");
    EXPECT_EQ(code({.q = "Budi\xff"}), "q");
    EXPECT_EQ(code({.q = "Budi", .tahun_lahir = 1800}), "tahun_lahir");
    EXPECT_EQ(code({.q = "Budi", .tahun_lahir = 1990, .toleransi_tahun = 11}), "toleransi_tahun");
    EXPECT_EQ(code({.q = "Budi", .jenis_kelamin = "X"}), "jenis_kelamin");
    EXPECT_EQ(code({.q = "Budi", .kode_wilayah = "36.7x"}), "kode_wilayah");
    EXPECT_EQ(code({.q = "Budi", .limit = 0}), "limit");
    EXPECT_EQ(code({.q = "Budi", .limit = 51}), "limit");
    EXPECT_FALSE(m_svc->search_head(op));  // the feed is the system's
}

}  // namespace
}  // namespace pilar::search
