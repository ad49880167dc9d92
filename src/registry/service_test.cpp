#include "registry/service.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "http/json_writer.hpp"
#include "registry/json.hpp"
#include "registry/test_support.hpp"

namespace pilar::registry {
namespace {

namespace fs = std::filesystem;

using RegistryTest = RegistryFixture;

TEST_F(RegistryTest, CreatesAHouseholdMaskedAndEncrypted) {
    auto k = m_svc->create_keluarga(psm, household("3671012001150003"));
    ASSERT_TRUE(k) << k.error().describe(Lang::En);
    EXPECT_EQ(k->no_kk, "3671********0003");
    EXPECT_TRUE(k->no_kk_masked);
    EXPECT_EQ(k->kode_wilayah, "36.71.01.1001.004.002");
    EXPECT_EQ(count("SELECT COUNT(*) FROM keluarga WHERE no_kk_enc LIKE '%3671012001150003%'"), 0)
        << "the number is not stored in clear";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'keluarga.create'"), 1);

    auto open = m_svc->keluarga(psm, k->id, {.unmask = true});
    ASSERT_TRUE(open);
    EXPECT_EQ(open->no_kk, "3671012001150003");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'keluarga.unmask'"), 1) << "unmasking is audited";
    EXPECT_EQ(m_svc->keluarga(kepala, k->id, {.unmask = true}).error().code, ErrorCode::PermissionDenied);

    auto dup = m_svc->create_keluarga(op, household("3671012001150003", "005"));
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(dup.error().message.en.find("3671012001150003"), std::string::npos);
}

// The API's plain reads write members straight from their rows (anggota_view,
// list_anggota_views): the bytes must be those of the records the other reads build, for
// members with and without the optional fields, with several PPKS (one ended), anonymised and
// without a NIK, and the same scope.
TEST_F(RegistryTest, PlainReadViewsWriteTheSameBytesAsTheRecords) {
    auto k = m_svc->create_keluarga(op, household("3671012001150003")).value();
    auto other = m_svc->create_keluarga(op, household("3671012001150004", "005")).value();
    auto full = member("3671014507900001", "Siti \"Ani\" Aminah");
    full[ACol::TanggalLahir] = "1990-07-05";
    full[ACol::TempatLahir] = "Tangerang";
    full[ACol::Pekerjaan] = "pedagang";
    auto a = m_svc->create_anggota(op, k.id, full).value();
    ASSERT_TRUE(m_svc->add_ppks(op, a.id, {.ppks = 24, .sejak = "2026-01-10"}));
    ASSERT_TRUE(m_svc->add_ppks(op, a.id, {.ppks = 3, .sejak = "2026-02-10"}));
    auto ended = m_svc->add_ppks(op, a.id, {.ppks = 12, .sejak = "2025-02-10"}).value();
    ASSERT_TRUE(m_svc->end_ppks(op, a.id, ended.id, "2026-03-01"));
    auto no_nik = member("", "Bayi", "anak");
    auto b = m_svc->create_anggota(op, k.id, no_nik).value();
    auto gone = m_svc->create_anggota(op, k.id, member("3671014507900002", "Dewi", "anak")).value();
    ASSERT_TRUE(m_svc->anonymise_anggota(op, gone.id, gone.version, "hak dihapus"));
    auto far = m_svc->create_anggota(op, other.id, member("3671014507900003", "Rina")).value();
    // A current PPKS on the last page too: each page finds its own members' PPKS.
    ASSERT_TRUE(m_svc->add_ppks(op, far.id, {.ppks = 7, .sejak = "2026-04-01"}));

    auto json_of = [](auto const& x) {
        std::string out;
        http::JsonWriter w(out);
        write(w, x);
        return out;
    };
    std::vector<std::int64_t> const ids = {a.id, b.id, gone.id, far.id};
    for (auto id : ids) {
        std::string view;
        ASSERT_TRUE(m_svc->anggota_view(op, id, [&](AnggotaView const& v) { view = json_of(v); }));
        EXPECT_EQ(view, json_of(m_svc->anggota(op, id).value())) << "member " << id;
    }
    EXPECT_NE(json_of(m_svc->anggota(op, a.id).value()).find(R"("ppks":[{"id":)"), std::string::npos);
    EXPECT_EQ(m_svc->anggota_view(psm, far.id, [](AnggotaView const&) { ADD_FAILURE() << "shown outside scope"; }).error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(m_svc->anggota_view(op, 999999, [](AnggotaView const&) {}).error().code, ErrorCode::NotFound);

    // A list shows each member as its person read, with the current PPKS as bare numbers in
    // ascending order; two to a page, the cursor leads through all of them.
    std::vector<std::string> listed;
    std::optional<std::string> after;
    int pages = 0;
    do {
        ListQuery q{.kode_wilayah = "36.71.01.1001", .after = after, .limit = 2};
        after = m_svc->list_anggota_views(op, q, [&](AnggotaView const& v) { listed.push_back(json_of(v)); }).value();
        ++pages;
    } while (after && pages < 10);
    EXPECT_EQ(pages, 2);
    ASSERT_EQ(listed.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto expected = m_svc->anggota(op, ids[i]).value();
        std::vector<PpksEntry> open;
        for (auto const& p : expected.ppks)
            if (!p.sampai) open.push_back({.ppks = p.ppks});
        std::sort(open.begin(), open.end(), [](auto const& x, auto const& y) { return x.ppks < y.ppks; });
        expected.ppks = open;
        EXPECT_EQ(listed[i], json_of(expected)) << "row " << i;
    }
    EXPECT_NE(listed[0].find(R"("ppks":[{"ppks":3},{"ppks":24}])"), std::string::npos) << listed[0];
    EXPECT_NE(listed[3].find(R"("ppks":[{"ppks":7}])"), std::string::npos) << listed[3];
    EXPECT_NE(listed[1].find(R"("ppks":[])"), std::string::npos) << listed[1];
    // By name (a PPKS look-up per row) the same rows in name order; filtered by one PPKS (the
    // region-order join) the member still shows all its current PPKS, and only it is listed.
    std::vector<std::string> by_name;
    after.reset();
    pages = 0;
    do {
        ListQuery q{.kode_wilayah = "36.71.01.1001", .after = after, .sort = "nama", .limit = 3};
        after = m_svc->list_anggota_views(op, q, [&](AnggotaView const& v) { by_name.push_back(json_of(v)); }).value();
        ++pages;
    } while (after && pages < 10);
    EXPECT_EQ(pages, 2);
    std::vector<std::string> sorted_listed = listed, sorted_by_name = by_name;
    std::sort(sorted_listed.begin(), sorted_listed.end());
    std::sort(sorted_by_name.begin(), sorted_by_name.end());
    EXPECT_EQ(sorted_by_name, sorted_listed);
    ASSERT_EQ(by_name.size(), ids.size());
    std::vector<std::string> with_ppks;
    ASSERT_TRUE(m_svc->list_anggota_views(op, {.kode_wilayah = "36.71.01.1001", .ppks = 24},
                                          [&](AnggotaView const& v) { with_ppks.push_back(json_of(v)); }));
    ASSERT_EQ(with_ppks.size(), 1u);
    EXPECT_EQ(with_ppks[0], listed[0]);
    std::size_t ended_only = 0;
    ASSERT_TRUE(m_svc->list_anggota_views(op, {.kode_wilayah = "36.71.01.1001", .ppks = 12}, [&](AnggotaView const&) { ++ended_only; }));
    EXPECT_EQ(ended_only, 0u) << "an ended PPKS does not list the member";
    // The record list is the same walk.
    auto page = m_svc->list_anggota(op, {.kode_wilayah = "36.71.01.1001", .limit = 3}).value();
    ASSERT_EQ(page.items.size(), 3u);
    EXPECT_EQ(json_of(page.items[2]), listed[2]);
    EXPECT_TRUE(page.next);
    std::size_t psm_rows = 0;
    ASSERT_TRUE(m_svc->list_anggota_views(psm, {}, [&](AnggotaView const& v) {
        ++psm_rows;
        EXPECT_NE(v.id, far.id) << "outside the PSM's RW";
    }));
    EXPECT_EQ(psm_rows, 3u);
    // Only an ended PPKS: the person read still lists it (the row's "has PPKS" probe counts
    // ended rows too).
    auto past = m_svc->create_anggota(op, k.id, member("3671014507900005", "Lina", "anak")).value();
    auto was = m_svc->add_ppks(op, past.id, {.ppks = 5, .sejak = "2024-05-01"}).value();
    ASSERT_TRUE(m_svc->end_ppks(op, past.id, was.id, "2025-01-01"));
    std::string past_view;
    ASSERT_TRUE(m_svc->anggota_view(op, past.id, [&](AnggotaView const& v) { past_view = json_of(v); }));
    EXPECT_EQ(past_view, json_of(m_svc->anggota(op, past.id).value()));
    EXPECT_NE(past_view.find(R"("ppks":[{"id":)"), std::string::npos) << past_view;
}

// A list page in region order reads its members' current PPKS alongside the page in member-id
// order (store.cpp, OpenPpksCursor): each member must still get exactly its own, where the ids
// on a page go back (an RT whose members were registered earlier), jump far ahead, pass many
// PPKS rows of members elsewhere, and where a page starts after a cursor.
TEST_F(RegistryTest, ListPagesInRegionOrderShowEachMembersOwnPpks) {
    auto rt5 = m_svc->create_keluarga(op, household("3671012001150005", "004", "005")).value();
    auto rt3 = m_svc->create_keluarga(op, household("3671012001150003", "004", "003")).value();
    auto away_kk = household("3671012001150009");
    away_kk[KCol::KodeWilayah] = "36.71.01.1002";
    auto away = m_svc->create_keluarga(op, away_kk).value();
    auto add = [&](std::int64_t k, std::vector<int> const& ppks) {
        auto a = m_svc->create_anggota(op, k, member("", "Anak", "anak")).value();
        for (int n : ppks) EXPECT_TRUE(m_svc->add_ppks(op, a.id, {.ppks = n, .sejak = "2026-01-10"}));
        return a.id;
    };
    std::vector<std::int64_t> made;
    made.push_back(add(rt5.id, {5}));
    std::vector<int> twenty;
    for (int n = 1; n <= 20; ++n) twenty.push_back(n);
    add(away.id, twenty);  // 20 open PPKS rows between two members of the page
    made.push_back(add(rt5.id, {6, 2}));
    made.push_back(add(rt3.id, {2, 9}));
    made.push_back(add(rt3.id, {}));
    for (int i = 0; i < 70; ++i) made.push_back(add(rt3.id, {}));
    made.push_back(add(rt3.id, {4}));
    made.push_back(add(rt5.id, {11}));  // 70 ids after the last PPKS row seen in its RT
    auto ended = m_svc->create_anggota(op, rt5.id, member("", "Anak", "anak")).value();
    auto e = m_svc->add_ppks(op, ended.id, {.ppks = 8, .sejak = "2025-01-10"}).value();
    ASSERT_TRUE(m_svc->end_ppks(op, ended.id, e.id, "2026-01-01"));
    made.push_back(ended.id);

    auto json_of = [](auto const& x) {
        std::string out;
        http::JsonWriter w(out);
        write(w, x);
        return out;
    };
    auto expected_of = [&](std::int64_t id) {
        auto a = m_svc->anggota(op, id).value();
        std::vector<PpksEntry> open;
        for (auto const& p : a.ppks)
            if (!p.sampai) open.push_back({.ppks = p.ppks});
        std::sort(open.begin(), open.end(), [](auto const& x, auto const& y) { return x.ppks < y.ppks; });
        a.ppks = open;
        return json_of(a);
    };
    for (int limit : {50, 7, 200}) {
        std::vector<std::string> listed;
        std::optional<std::string> after;
        int pages = 0;
        do {
            ListQuery q{.kode_wilayah = "36.71.01.1001", .after = after, .limit = limit};
            after = m_svc->list_anggota_views(op, q, [&](AnggotaView const& v) { listed.push_back(json_of(v)); }).value();
            ++pages;
        } while (after && pages < 100);
        ASSERT_EQ(listed.size(), made.size()) << "limit " << limit;
        // Region order: RT 003 (ids 3.., registered later), then RT 005.
        std::vector<std::int64_t> order(made.begin() + 2, made.end() - 2);
        order.insert(order.end(), {made[0], made[1], made[made.size() - 2], made.back()});
        for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(listed[i], expected_of(order[i])) << "limit " << limit << " row " << i;
        EXPECT_NE(listed[0].find(R"("ppks":[{"ppks":2},{"ppks":9}])"), std::string::npos) << listed[0];
        EXPECT_NE(listed[72].find(R"("ppks":[{"ppks":4}])"), std::string::npos) << listed[72];
        EXPECT_NE(listed[73].find(R"("ppks":[{"ppks":5}])"), std::string::npos) << listed[73];
        EXPECT_NE(listed[74].find(R"("ppks":[{"ppks":2},{"ppks":6}])"), std::string::npos) << listed[74];
        EXPECT_NE(listed[75].find(R"("ppks":[{"ppks":11}])"), std::string::npos) << listed[75];
        EXPECT_NE(listed[76].find(R"("ppks":[])"), std::string::npos) << "an ended PPKS is not current: " << listed[76];
    }
}

TEST_F(RegistryTest, ScopeHidesOtherAreasAndRefusesWritesThere) {
    auto k = m_svc->create_keluarga(psm, household("3671012001150003")).value();
    auto other = m_svc->create_keluarga(psm_other, household("3671012001150004", "005"));
    ASSERT_TRUE(other) << other.error().describe(Lang::En);
    EXPECT_EQ(m_svc->create_keluarga(psm, household("3671012001150005", "006")).error().code, ErrorCode::PermissionDenied);

    EXPECT_EQ(m_svc->keluarga(psm_other, k.id).error().code, ErrorCode::NotFound) << "existence does not leak";
    EXPECT_EQ(m_svc->update_keluarga(psm_other, k.id, {{"alamat", "x"}}, 1, "coba").error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_svc->history(psm_other, "keluarga", k.id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(m_svc->keluarga(tksk, k.id));
    EXPECT_TRUE(m_svc->keluarga(kepala, k.id));

    EXPECT_EQ(m_svc->list_keluarga(psm, {}).value().items.size(), 1u);
    EXPECT_EQ(m_svc->list_keluarga(op, {}).value().items.size(), 2u);
    EXPECT_EQ(m_svc->list_keluarga(psm, {.kode_wilayah = "36.71.01.1001"}).value().items.size(), 1u)
        << "asking for the kelurahan narrows to the PSM's RW";
    EXPECT_TRUE(m_svc->list_keluarga(psm, {.kode_wilayah = "36.71.01.1001.005"}).value().items.empty());
    auto a = m_svc->create_anggota(psm, k.id, member("3671014507900001", "Siti Aminah"));
    ASSERT_TRUE(a) << a.error().describe(Lang::En);
    EXPECT_EQ(m_svc->create_anggota(psm_other, k.id, member("3671014507900002", "Budi")).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_svc->anggota(psm_other, a->id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(m_svc->list_anggota(psm_other, {.nik = "3671014507900001"}).value().items.empty());
}

TEST_F(RegistryTest, StaleVersionIsAConflictAndHistoryKeepsEveryChange) {
    auto k = m_svc->create_keluarga(psm, household("3671012001150003")).value();
    auto k2 = m_svc->update_keluarga(psm, k.id, {{"rt", "3"}, {"desil", "2"}}, k.version, "pindah RT");
    ASSERT_TRUE(k2) << k2.error().describe(Lang::En);
    EXPECT_EQ(k2->version, 2);
    EXPECT_EQ(k2->kode_wilayah, "36.71.01.1001.004.003");
    auto stale = m_svc->update_keluarga(psm, k.id, {{"alamat", "Jl. Lain"}}, k.version, "koreksi alamat");
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_svc->update_keluarga(psm, k.id, {{"alamat", "Jl. Lain"}}, 2, "").error().field, "alasan");
    EXPECT_EQ(m_svc->update_keluarga(psm, k.id, {{"warna", "biru"}}, 2, "x y z").error().field, "warna");
    EXPECT_EQ(m_svc->update_keluarga(psm, k.id, {{"desil", "0"}}, 2, "x y z").error().field, "desil");
    // The same data again is no change: no new version, no history entry.
    EXPECT_EQ(m_svc->update_keluarga(psm, k.id, {{"rt", "003"}}, 2, "sama saja").value().version, 2);

    auto h = m_svc->history(tksk, "keluarga", k.id).value();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0].action, "keluarga.create");
    EXPECT_EQ(h[1].action, "keluarga.update");
    EXPECT_EQ(h[1].alasan, "pindah RT");
    EXPECT_EQ(h[1].username, "psm1");
    EXPECT_NE(h[1].before_json->find("\"rt\":\"002\""), std::string::npos);
    EXPECT_NE(h[1].after_json->find("\"rt\":\"003\""), std::string::npos);
    EXPECT_EQ(h[1].after_json->find("3671012001150003"), std::string::npos);
}

TEST_F(RegistryTest, MembersSearchAndSpecialData) {
    auto k = m_svc->create_keluarga(psm, household("3671012001150003")).value();
    auto rec = member("3671014507900001", "Siti Aminah");
    rec[ACol::DisabilitasJenis] = "fisik";
    rec[ACol::DisabilitasTingkat] = "berat";
    rec[ACol::Ppks] = "9";
    auto a = m_svc->create_anggota(psm, k.id, rec);
    ASSERT_TRUE(a) << a.error().describe(Lang::En);
    EXPECT_EQ(*a->nik, "3671********0001");
    EXPECT_FALSE(a->special_included);
    ASSERT_TRUE(m_svc->create_anggota(psm, k.id, member("3671010101100003", "Siti Rahma", "anak")));
    ASSERT_TRUE(m_svc->create_anggota(psm, k.id, member("", "Bayi Siti", "anak"))) << "a member may have no NIK yet";
    EXPECT_EQ(m_svc->create_anggota(psm, k.id, member("3671014507900001", "Orang Lain")).error().code,
              ErrorCode::AlreadyExists);
    EXPECT_EQ(m_svc->keluarga(psm, k.id).value().jumlah_anggota, 3);

    EXPECT_EQ(m_svc->list_anggota(op, {.nik = "3671014507900001"}).value().items.size(), 1u);
    EXPECT_EQ(m_svc->list_anggota(op, {.no_kk = "3671012001150003"}).value().items.size(), 3u);
    EXPECT_EQ(m_svc->list_anggota(op, {.nama = "SITI"}).value().items.size(), 2u) << "prefix, case-insensitive";
    EXPECT_EQ(m_svc->list_anggota(op, {.nama = "siti r"}).value().items.size(), 1u);
    EXPECT_EQ(m_svc->list_anggota(op, {.ppks = 9}).value().items.size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM anggota WHERE disabilitas_enc LIKE '%fisik%'"), 0);

    EXPECT_EQ(m_svc->anggota(kepala, a->id, {.include_special = true}).error().code, ErrorCode::PermissionDenied);
    auto full = m_svc->anggota(psm, a->id, {.unmask = true, .include_special = true});
    ASSERT_TRUE(full) << full.error().describe(Lang::En);
    EXPECT_EQ(*full->nik, "3671014507900001");
    ASSERT_TRUE(full->disabilitas);
    EXPECT_EQ(full->disabilitas->jenis, "fisik");
    EXPECT_EQ(full->disabilitas->tingkat, "berat");
    ASSERT_EQ(full->ppks.size(), 1u);
    EXPECT_EQ(full->ppks[0].ppks, 9);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'anggota.view_special'"), 1);

    // PPKS with evidence, then ended.
    auto p = m_svc->add_ppks(psm, a->id, {.ppks = 24, .sejak = "2026-01-10", .bukti = "rumah tidak layak huni"});
    ASSERT_TRUE(p) << p.error().describe(Lang::En);
    EXPECT_EQ(m_svc->add_ppks(psm, a->id, {.ppks = 24, .sejak = "2026-01-10"}).error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(m_svc->list_anggota(op, {.ppks = 24}).value().items.size(), 1u);
    ASSERT_TRUE(m_svc->end_ppks(psm, a->id, p->id, "2026-11-01"));
    EXPECT_TRUE(m_svc->list_anggota(op, {.ppks = 24}).value().items.empty());
    EXPECT_EQ(m_svc->end_ppks(psm, a->id, p->id, "2026-11-02").error().code, ErrorCode::Conflict);
}

TEST_F(RegistryTest, AnEditKeepsTheSpecialFieldsItDoesNotTouch) {
    auto k = m_svc->create_keluarga(psm, household("3671012001150003")).value();
    auto rec = member("3671014507900001", "Siti Aminah");
    rec[ACol::DisabilitasJenis] = "fisik";
    rec[ACol::DisabilitasTingkat] = "berat";
    rec[ACol::PenyakitKronis] = "diabetes";
    auto a = m_svc->create_anggota(psm, k.id, rec).value();
    auto stored = [&](std::string const& col) {
        return m_db->acquire().value()->query_value<std::string>("SELECT " + col + " FROM anggota WHERE id = " + std::to_string(a.id)).value().value_or("");
    };
    auto const dis = stored("disabilitas_enc"), sakit = stored("penyakit_kronis_enc"), nik = stored("nik_enc");

    // A name correction: the history says the name changed and nothing about the special data.
    ASSERT_TRUE(m_svc->update_anggota(psm, a.id, {{"nama", "Siti Aminah Putri"}}, a.version, "koreksi nama"));
    EXPECT_EQ(stored("disabilitas_enc"), dis);
    EXPECT_EQ(stored("penyakit_kronis_enc"), sakit);
    EXPECT_EQ(stored("nik_enc"), nik);
    auto h = m_svc->history(tksk, "anggota", a.id).value();
    ASSERT_EQ(h.back().action, "anggota.update");
    EXPECT_NE(h.back().after_json->find("Siti Aminah Putri"), std::string::npos);
    EXPECT_EQ(h.back().after_json->find("disabilitas"), std::string::npos) << *h.back().after_json;
    EXPECT_EQ(h.back().after_json->find("penyakit"), std::string::npos) << *h.back().after_json;
    EXPECT_EQ(h.back().after_json->find("nik"), std::string::npos) << *h.back().after_json;

    // A PPKS classification leaves them alone too.
    ASSERT_TRUE(m_svc->add_ppks(psm, a.id, {.ppks = 9, .sejak = "2026-01-10"}));
    EXPECT_EQ(stored("disabilitas_enc"), dis);

    // Changing the severity does show, as special data.
    ASSERT_TRUE(m_svc->update_anggota(psm, a.id, {{"disabilitas_tingkat", "sedang"}}, 3, "penilaian ulang"));
    EXPECT_NE(stored("disabilitas_enc"), dis);
    EXPECT_EQ(stored("penyakit_kronis_enc"), sakit);
    h = m_svc->history(tksk, "anggota", a.id).value();
    EXPECT_NE(h.back().after_json->find("\"disabilitas\":\"(data khusus)\""), std::string::npos) << *h.back().after_json;
    EXPECT_EQ(h.back().after_json->find("penyakit"), std::string::npos) << *h.back().after_json;
    auto full = m_svc->anggota(psm, a.id, {.unmask = true, .include_special = true}).value();
    EXPECT_EQ(full.disabilitas->tingkat, "sedang");
    EXPECT_EQ(*full.nik, "3671014507900001");
}

TEST_F(RegistryTest, MovingAHouseholdMovesItsMembers) {
    auto k = m_svc->create_keluarga(op, household("3671012001150003")).value();
    auto a = m_svc->create_anggota(op, k.id, member("3671014507900001", "Siti Aminah")).value();
    ASSERT_TRUE(m_svc->update_keluarga(op, k.id, {{"rw", "005"}, {"rt", "001"}}, 1, "pindah rumah"));
    EXPECT_EQ(m_svc->anggota(op, a.id).value().kode_wilayah, "36.71.01.1001.005.001");
    EXPECT_EQ(m_svc->anggota(psm, a.id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(m_svc->anggota(psm_other, a.id));
}

// A member's open PPKS classifications are counted where the member lives (the dashboard's PPKS
// panel per kelurahan): moving the member to a household elsewhere moves them too.
TEST_F(RegistryTest, MovingAMemberToAnotherHouseholdMovesItsPpks) {
    auto from = m_svc->create_keluarga(op, household("3671012001150003")).value();
    auto there = household("3671022001150004");
    there[KCol::KodeWilayah] = "36.71.02.1001";
    auto to = m_svc->create_keluarga(op, there).value();
    auto a = m_svc->create_anggota(op, from.id, member("3671014507900001", "Siti Aminah")).value();
    ASSERT_TRUE(m_svc->add_ppks(op, a.id, {.ppks = 9, .sejak = "2026-01-10"}));
    auto dash = [&](std::string const& kel) {
        return count(fmt::format("SELECT COALESCE(SUM(n), 0) FROM dash_jumlah WHERE ukuran = 'ppks' AND kode = '{}' AND kunci = '9'", kel));
    };
    ASSERT_EQ(dash("36.71.01.1001"), 1);
    auto moved = m_svc->update_anggota(op, a.id, {{"keluarga_id", std::to_string(to.id)}, {"hubungan", "famili_lain"}}, 2,
                                       "pindah ikut saudara");
    ASSERT_TRUE(moved) << moved.error().describe(Lang::En);
    EXPECT_EQ(moved->kode_wilayah, "36.71.02.1001.004.002");
    EXPECT_EQ(dash("36.71.01.1001"), 0) << "no longer counted where she left";
    EXPECT_EQ(dash("36.71.02.1001"), 1) << "counted where she lives";
    EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM anggota_ppks WHERE anggota_id = {} AND kode_wilayah <> "
                                "'36.71.02.1001.004.002'", a.id)),
              0);
}

// A household's jumlah_anggota is the number of its members present (status_keberadaan 'ada'),
// counted when the household is read (migration 0026), the same number the stored count gave: a
// member who dies or moves away drops out, one moved to another household counts there instead,
// and a member merged into a twin elsewhere still counts where it lives (a merge keeps the
// household membership with the merged-away record and never changed the number), on a
// household's own read and on a list page alike.
TEST_F(RegistryTest, AHouseholdsMemberCountFollowsItsMembersOnEveryRead) {
    auto k = m_svc->create_keluarga(op, household("3671012001150003")).value();
    auto other = m_svc->create_keluarga(op, household("3671012001150004", "005")).value();
    EXPECT_EQ(k.jumlah_anggota, 0);
    auto siti = m_svc->create_anggota(op, k.id, member("3671014507900001", "Siti Aminah")).value();
    auto rina = m_svc->create_anggota(op, k.id, member("3671014507900002", "Rina", "anak")).value();
    auto dewi = m_svc->create_anggota(op, k.id, member("3671014507900003", "Dewi", "anak")).value();
    auto ani = m_svc->create_anggota(op, k.id, member("3671014507900004", "Ani", "anak")).value();
    auto twin = m_svc->create_anggota(op, other.id, member("", "Siti Aminah")).value();
    auto counts = [&] {
        std::vector<std::int64_t> read = {m_svc->keluarga(op, k.id).value().jumlah_anggota,
                                          m_svc->keluarga(op, other.id).value().jumlah_anggota};
        auto page = m_svc->list_keluarga(op, {.kode_wilayah = "36.71.01.1001"}).value();
        for (auto const& item : page.items) read.push_back(item.jumlah_anggota);  // region order: k (RW 004), other (RW 005)
        return read;
    };
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{4, 1, 4, 1}));

    auto died = m_svc->update_anggota(op, rina.id, {{"status_keberadaan", "meninggal"}}, rina.version, "meninggal dunia");
    ASSERT_TRUE(died) << died.error().describe(Lang::En);
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{3, 1, 3, 1})) << "a member who died is not counted";
    auto left = m_svc->update_anggota(op, dewi.id, {{"status_keberadaan", "pindah"}}, dewi.version, "pindah ke luar kota");
    ASSERT_TRUE(left) << left.error().describe(Lang::En);
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{2, 1, 2, 1})) << "a member who moved away is not counted";
    auto moved = m_svc->update_anggota(op, ani.id, {{"keluarga_id", std::to_string(other.id)}, {"hubungan", "famili_lain"}},
                                       ani.version, "ikut saudara");
    ASSERT_TRUE(moved) << moved.error().describe(Lang::En);
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{1, 2, 1, 2})) << "a member moved to another household counts there";
    auto back = m_svc->update_anggota(op, rina.id, {{"status_keberadaan", "ada"}}, died->version, "salah catat");
    ASSERT_TRUE(back) << back.error().describe(Lang::En);
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{2, 2, 2, 2})) << "present again, counted again";
    ASSERT_TRUE(m_svc->merge_anggota(op, twin.id, siti.id, "orang yang sama"));
    EXPECT_EQ(counts(), (std::vector<std::int64_t>{2, 2, 2, 2})) << "a merge changes no household's number";
}

// The household list page is written straight from the rows (list_keluarga_views): every
// household on every page must be its own read byte for byte, with its member count, over
// households of several kelurahan whose ids are not in region order, with and without the
// optional columns, under each filter the list takes (region, desil, No. KK), page by page
// through the cursor, and only inside the caller's scope.
TEST_F(RegistryTest, HouseholdPagesShowEachHouseholdAsItsOwnRead) {
    auto json_of = [](auto const& x) {
        std::string out;
        http::JsonWriter w(out);
        write(w, x);
        return out;
    };
    struct Made {
        std::int64_t id;
        std::string kode_wilayah, no_kk;
        int desil;  // 0: none
    };
    std::vector<Made> made;
    int serial = 0;
    auto make = [&](std::string kelurahan, std::string rw, int desil, bool full, int present, int absent) {
        auto kk = fmt::format("367101200115{:04d}", ++serial);
        auto r = household(kk, rw);
        r[KCol::KodeWilayah] = kelurahan;
        if (desil) r[KCol::Desil] = std::to_string(desil);
        if (full) {
            r[KCol::Lat] = "-6.177043";
            r[KCol::Lon] = "106.617412";
            r[KCol::StatusBangunan] = "kontrak_sewa";
            r[KCol::LuasLantai] = "45.5";
            r[KCol::JenisLantai] = "ubin_tegel";
            r[KCol::JumlahKamar] = "3";
            r[KCol::DayaListrik] = "900";
            r[KCol::Aset] = "tv;sepeda;motor";
        }
        auto k = m_svc->create_keluarga(op, r, full ? std::optional<std::string>(fmt::format("uid-rumah-{:04d}", serial)) : std::nullopt);
        EXPECT_TRUE(k) << k.error().describe(Lang::En);
        for (int i = 0; i < present + absent; ++i) {
            auto m = member("", fmt::format("Anggota {} {}", serial, i), i == 0 ? "kepala_keluarga" : "anak");
            if (i >= present) m[ACol::StatusKeberadaan] = i % 2 ? "meninggal" : "pindah";
            EXPECT_TRUE(m_svc->create_anggota(op, k->id, m));
        }
        made.push_back({k->id, k->kode_wilayah, kk, desil});
        EXPECT_EQ(k->jumlah_anggota, 0);
    };
    // Created out of region order: the later kelurahan first, RWs descending.
    make("36.71.02.1001", "002", 3, true, 2, 1);
    make("36.71.01.1002", "001", 0, false, 0, 0);
    make("36.71.01.1001", "009", 7, true, 4, 2);
    make("36.71.01.1001", "003", 2, false, 1, 0);
    // Households without members between them: a filtered page jumps far ahead in ids.
    for (int i = 0; i < 70; ++i) make("36.71.01.1002", "004", 5, false, 0, 0);
    make("36.71.01.1001", "001", 2, true, 3, 0);
    make("36.71.02.1001", "001", 9, false, 0, 2);
    make("36.71.01.1002", "002", 2, true, 1, 1);

    auto pages = [&](Actor const& who, ListQuery q) {
        std::vector<std::string> listed;
        std::vector<std::int64_t> ids;
        q.limit = 3;
        for (int n = 0; n < 100; ++n) {
            auto next = m_svc->list_keluarga_views(who, q, [&](KeluargaView const& k) {
                listed.push_back(json_of(k));
                ids.push_back(k.id);
            });
            EXPECT_TRUE(next) << next.error().describe(Lang::En);
            if (!next || !*next) break;
            q.after = *next;
        }
        for (std::size_t i = 0; i < ids.size(); ++i)
            EXPECT_EQ(listed[i], json_of(m_svc->keluarga(op, ids[i]).value())) << "household " << ids[i];
        // The records list_keluarga builds (for other modules) are the same.
        auto records = m_svc->list_keluarga(who, {.kode_wilayah = q.kode_wilayah, .no_kk = q.no_kk, .desil_min = q.desil_min,
                                                  .desil_max = q.desil_max, .limit = 500}).value();
        EXPECT_EQ(records.items.size(), listed.size());
        for (std::size_t i = 0; i < std::min(records.items.size(), listed.size()); ++i) EXPECT_EQ(json_of(records.items[i]), listed[i]);
        return ids;
    };
    // The households a filter should give, in region order.
    auto expected = [&](auto keep) {
        std::vector<Made> out;
        for (auto const& m : made)
            if (keep(m)) out.push_back(m);
        std::sort(out.begin(), out.end(), [](Made const& a, Made const& b) { return std::tie(a.kode_wilayah, a.id) < std::tie(b.kode_wilayah, b.id); });
        std::vector<std::int64_t> ids;
        for (auto const& m : out) ids.push_back(m.id);
        return ids;
    };
    auto in = [](std::string_view area) { return [area](Made const& m) { return m.kode_wilayah.starts_with(area); }; };
    EXPECT_EQ(pages(op, {}), expected([](Made const&) { return true; }));
    EXPECT_EQ(pages(op, {.kode_wilayah = "36.71.01"}), expected(in("36.71.01")));
    EXPECT_EQ(pages(op, {.kode_wilayah = "36.71.02.1001"}), expected(in("36.71.02.1001")));
    EXPECT_EQ(pages(op, {.desil_max = 3}), expected([](Made const& m) { return m.desil && m.desil <= 3; }));
    EXPECT_EQ(pages(op, {.kode_wilayah = "36.71.01", .desil_min = 2, .desil_max = 2}),
              expected([&](Made const& m) { return in("36.71.01")(m) && m.desil == 2; }));
    EXPECT_EQ(pages(op, {.no_kk = made[2].no_kk}), std::vector<std::int64_t>{made[2].id});
    // The counts themselves: members present only.
    std::string page_text;
    ASSERT_TRUE(m_svc->list_keluarga_views(op, {.kode_wilayah = "36.71.01.1001.009"},
                                           [&](KeluargaView const& k) { page_text += json_of(k); }));
    EXPECT_NE(page_text.find(R"("aset":["tv","sepeda","motor"],"status":"aktif","jumlah_anggota":4,)"), std::string::npos) << page_text;
    EXPECT_NE(page_text.find(R"("lat":-6.177043E0,"lon":1.06617412E2,"desil":7,)"), std::string::npos) << page_text;
    EXPECT_NE(page_text.find(R"("luas_lantai":4.55E1,)"), std::string::npos) << page_text;  // Boost.JSON's number form
    // A PSM sees the households of their RW only (36.71.01.1001.004: none of these).
    EXPECT_EQ(pages(psm, {}), std::vector<std::int64_t>{});
    Actor rw_009 = actor(Role::Psm, "psm9", {"36.71.01.1001.009"});
    EXPECT_EQ(pages(rw_009, {}), std::vector<std::int64_t>{made[2].id});
    EXPECT_EQ(pages(rw_009, {.kode_wilayah = "36.71.01.1002"}), std::vector<std::int64_t>{});
}

TEST_F(RegistryTest, KeysetPagesCoverEverythingOnce) {
    for (int i = 0; i < 23; ++i) {
        auto kk = fmt::format("36710120011500{:02d}", i + 10);
        ASSERT_TRUE(m_svc->create_keluarga(op, household(kk, fmt::format("{:03d}", 1 + i % 4))));
    }
    std::set<std::int64_t> seen;
    std::optional<std::string> after;
    int pages = 0;
    std::string last;
    do {
        auto page = m_svc->list_keluarga(op, {.after = after, .limit = 5}).value();
        for (auto const& k : page.items) {
            EXPECT_TRUE(seen.insert(k.id).second);
            EXPECT_LE(last, k.kode_wilayah) << "ordered by region";
            last = k.kode_wilayah;
        }
        after = page.next;
        ++pages;
    } while (after);
    EXPECT_EQ(seen.size(), 23u);
    EXPECT_EQ(pages, 5);
    EXPECT_EQ(m_svc->list_keluarga(op, {.after = "not-a-cursor"}).error().field, "after");
}

}  // namespace
}  // namespace pilar::registry
