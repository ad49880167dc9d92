#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/csv.hpp"
#include "core/nik.hpp"
#include "core/no_kk.hpp"
#include "core/strings.hpp"
#include "registry/vocab.hpp"
#include "synth/names.hpp"

namespace pilar::synth {
namespace {

std::string source_dir() {
    char const* s = std::getenv("PILAR_SOURCE_DIR");
    return s ? s : ".";
}

std::string area_data_dir() { return source_dir() + "/node_modules/idn-area-data/data"; }

Area const& tangerang() {
    static Area const area = [] {
        auto a = load_area(area_data_dir(), "36.71");
        if (!a) ADD_FAILURE() << a.error().describe(Lang::En) << " (scripts/bootstrap installs idn-area-data)";
        return a ? *a : Area{};
    }();
    return area;
}

struct Output {
    std::string keluarga, anggota;
    GenerateReport report;
};

Output run(long long households, std::uint64_t seed, Area const& area = tangerang(), bool region_order = false) {
    Output out;
    CsvWriter k = CsvWriter::to_string(out.keluarga);
    CsvWriter a = CsvWriter::to_string(out.anggota);
    auto r = generate(area, {.households = households, .seed = seed, .region_order = region_order}, k, a);
    EXPECT_TRUE(r) << (r ? "" : r.error().describe(Lang::En));
    if (r) out.report = *r;
    EXPECT_TRUE(k.finish());
    EXPECT_TRUE(a.finish());
    return out;
}

// A parsed CSV: header and rows, with lookup by column name.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::map<std::string, size_t> col;

    std::string const& at(size_t row, std::string const& name) const { return rows[row][col.at(name)]; }
};

Table parse(std::string const& text) {
    Table t;
    auto reader = CsvReader::from_string(text);
    EXPECT_TRUE(reader);
    if (!reader) return t;
    for (auto const& h : reader->header()) {
        t.col[h] = t.header.size();
        t.header.push_back(h);
    }
    CsvRecord rec;
    while (true) {
        auto more = reader->next(rec);
        EXPECT_TRUE(more) << (more ? "" : more.error().describe(Lang::En));
        if (!more || !*more) break;
        std::vector<std::string> row;
        for (auto f : rec.fields()) row.emplace_back(f);
        t.rows.push_back(std::move(row));
    }
    return t;
}

// Column names of one table in docs/formats.md: the back-quoted names in the first cell of each
// row under the heading that starts with `section`.
std::vector<std::string> documented_columns(std::string const& section) {
    std::ifstream in(source_dir() + "/docs/formats.md");
    EXPECT_TRUE(in) << "docs/formats.md not found under PILAR_SOURCE_DIR";
    std::vector<std::string> cols;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.starts_with("## ")) inside = line.starts_with("## " + section);
        if (!inside || !line.starts_with("| `")) continue;
        std::string const cell = line.substr(1, line.find('|', 1) - 1);
        for (size_t p = cell.find('`'); p != std::string::npos; p = cell.find('`', p + 1)) {
            size_t const e = cell.find('`', p + 1);
            cols.push_back(cell.substr(p + 1, e - p - 1));
            p = e;
        }
    }
    return cols;
}

TEST(Generator, SameSeedGivesTheSameBytesAndAnotherSeedDoesNot) {
    auto const a = run(300, 42);
    auto const b = run(300, 42);
    auto const c = run(300, 43);
    EXPECT_EQ(a.keluarga, b.keluarga);
    EXPECT_EQ(a.anggota, b.anggota);
    EXPECT_NE(a.keluarga, c.keluarga);
    EXPECT_NE(a.anggota, c.anggota);
    EXPECT_EQ(a.report.households, 300);
    EXPECT_GT(a.report.persons, 600);
}

TEST(Generator, FirstHouseholdsDoNotDependOnHowManyFollow) {
    auto const small = run(40, 5);
    auto const large = run(80, 5);
    EXPECT_TRUE(large.keluarga.starts_with(small.keluarga));
    EXPECT_TRUE(large.anggota.starts_with(small.anggota));
}

// `pilar generate` writes households region by region (as a national extract arrives): the
// same households as in generation order, sorted by (kelurahan, RW, RT), members following their
// household; deterministic for a seed.
TEST(Generator, RegionOrderWritesTheSameHouseholdsSortedByRegion) {
    auto const plain = run(400, 9);
    auto const sorted = run(400, 9, tangerang(), true);
    EXPECT_EQ(sorted.keluarga, run(400, 9, tangerang(), true).keluarga);
    EXPECT_EQ(sorted.report.households, plain.report.households);
    EXPECT_EQ(sorted.report.persons, plain.report.persons);
    auto const k = parse(sorted.keluarga), k0 = parse(plain.keluarga);
    ASSERT_EQ(k.rows.size(), 400u);
    std::multiset<std::string> places, places0;
    for (size_t i = 0; i < k.rows.size(); ++i) {
        auto place = k.at(i, "kode_wilayah") + "." + k.at(i, "rw") + "." + k.at(i, "rt");
        if (i > 0) {
            auto prev = k.at(i - 1, "kode_wilayah") + "." + k.at(i - 1, "rw") + "." + k.at(i - 1, "rt");
            EXPECT_LE(prev, place) << "row " << i;
        }
        places.insert(place + "|" + k.at(i, "alamat"));
        places0.insert(k0.at(i, "kode_wilayah") + "." + k0.at(i, "rw") + "." + k0.at(i, "rt") + "|" + k0.at(i, "alamat"));
    }
    EXPECT_EQ(places, places0) << "the same households, reordered";
    EXPECT_NE(sorted.keluarga, plain.keluarga);
    // Members come household by household, in the households' order.
    auto const a = parse(sorted.anggota);
    std::vector<std::string> kk_order;
    for (size_t i = 0; i < a.rows.size(); ++i)
        if (kk_order.empty() || kk_order.back() != a.at(i, "no_kk")) kk_order.push_back(a.at(i, "no_kk"));
    ASSERT_EQ(kk_order.size(), k.rows.size());
    for (size_t i = 0; i < k.rows.size(); ++i) EXPECT_EQ(kk_order[i], k.at(i, "no_kk"));
}

TEST(Generator, HeadersAreExactlyTheColumnsOfFormatsMd) {
    auto const out = run(5, 1);
    auto const k_doc = documented_columns("keluarga.csv");
    auto const a_doc = documented_columns("anggota.csv");
    ASSERT_EQ(k_doc.size(), 23u);
    ASSERT_EQ(a_doc.size(), 18u);
    EXPECT_EQ(parse(out.keluarga).header, k_doc);
    EXPECT_EQ(parse(out.anggota).header, a_doc);
}

class GeneratedCity : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto const out = run(5000, 2026);
        s_keluarga = new Table(parse(out.keluarga));
        s_anggota = new Table(parse(out.anggota));
    }
    static void TearDownTestSuite() {
        delete s_keluarga;
        delete s_anggota;
    }
    static Table const& keluarga() { return *s_keluarga; }
    static Table const& anggota() { return *s_anggota; }

    static Date as_of() { return GeneratorOptions{}.as_of; }

    inline static Table* s_keluarga = nullptr;
    inline static Table* s_anggota = nullptr;
};

TEST_F(GeneratedCity, EveryNikPassesTheHardChecksIsUniqueAndMatchesBirthDateAndSex) {
    std::set<std::string> seen;
    std::set<std::string> kecamatan;
    for (auto const& k : tangerang().kecamatan) kecamatan.insert(k.region6);
    std::set<std::string> origins;
    for (auto const& codes : tangerang().origin_region6) origins.insert(codes.begin(), codes.end());
    size_t with_nik = 0, born_elsewhere_code = 0;
    for (size_t i = 0; i < anggota().rows.size(); ++i) {
        std::string const& s = anggota().at(i, "nik");
        if (s.empty()) continue;
        ++with_nik;
        auto nik = Nik::parse(s);
        ASSERT_TRUE(nik) << "row " << i + 2 << ": " << nik.error().describe(Lang::En);
        EXPECT_TRUE(seen.insert(s).second) << "repeated NIK on row " << i + 2;
        auto const born = Date::parse(anggota().at(i, "tanggal_lahir"));
        ASSERT_TRUE(born);
        auto const sex = sex_from_code(anggota().at(i, "jenis_kelamin"));
        ASSERT_TRUE(sex);
        EXPECT_TRUE(check_consistency(*nik, {.birth_date = *born, .sex = *sex}).empty()) << "row " << i + 2;
        EXPECT_EQ(nik->birth_date(as_of(), born->year()), *born);
        std::string const region(nik->region6());
        EXPECT_TRUE(kecamatan.contains(region) || origins.contains(region)) << region;
        if (!kecamatan.contains(region)) ++born_elsewhere_code;
    }
    EXPECT_GT(with_nik, anggota().rows.size() * 98 / 100) << "almost everyone has a NIK";
    // Some NIKs were issued in another kab/kota, most in this one.
    EXPECT_GT(born_elsewhere_code, with_nik / 50);
    EXPECT_LT(born_elsewhere_code, with_nik / 3);
}

TEST_F(GeneratedCity, NoKkIsValidUniqueAndEveryMemberBelongsToAHouseholdWithOneHead) {
    std::map<std::string, int> heads;
    std::map<std::string, std::string> kecamatan_of;
    for (size_t i = 0; i < keluarga().rows.size(); ++i) {
        std::string const& s = keluarga().at(i, "no_kk");
        auto kk = NoKk::parse(s);
        ASSERT_TRUE(kk) << kk.error().describe(Lang::En);
        EXPECT_TRUE(heads.emplace(s, 0).second) << "repeated No. KK on row " << i + 2;
        // Issued in the household's own kecamatan, digits 7–12 a DDMMYY date.
        std::string const kel = keluarga().at(i, "kode_wilayah");
        std::string kec6 = kel.substr(0, 2) + kel.substr(3, 2) + kel.substr(6, 2);
        EXPECT_EQ(kk->region6(), kec6);
        auto const issue = kk->issue_date_digits();
        EXPECT_TRUE(Date::create(2000 + std::stoi(std::string(issue.substr(4, 2))),
                                 std::stoi(std::string(issue.substr(2, 2))),
                                 std::stoi(std::string(issue.substr(0, 2)))))
            << issue;
    }
    for (size_t i = 0; i < anggota().rows.size(); ++i) {
        auto it = heads.find(anggota().at(i, "no_kk"));
        ASSERT_NE(it, heads.end()) << "anggota row " << i + 2 << " has a No. KK not in keluarga.csv";
        if (anggota().at(i, "hubungan") == "kepala_keluarga") ++it->second;
    }
    for (auto const& [kk, n] : heads) EXPECT_EQ(n, 1) << "household " << kk;
}

TEST_F(GeneratedCity, EveryCodeIsInTheRegistryVocabulary) {
    auto check = [](Table const& t) {
        for (auto const& name : t.header) {
            auto const* v = registry::vocab(name);
            if (v == nullptr) continue;
            for (size_t i = 0; i < t.rows.size(); ++i) {
                std::string const& value = t.at(i, name);
                if (value.empty()) continue;
                if (v->multi) {
                    for (auto part : split(value, ';')) EXPECT_TRUE(v->contains(part)) << name << ": " << part;
                } else {
                    EXPECT_TRUE(v->contains(value)) << name << ": " << value;
                }
            }
        }
    };
    check(keluarga());
    check(anggota());
    for (size_t i = 0; i < anggota().rows.size(); ++i) {
        std::string const& p = anggota().at(i, "ppks");
        if (p.empty()) continue;
        for (auto part : split(p, ';')) EXPECT_NE(registry::ppks_category(std::stoi(std::string(part))), nullptr) << p;
    }
    // And the plain fields keep to their formats.
    for (size_t i = 0; i < keluarga().rows.size(); ++i) {
        int const desil = std::stoi(keluarga().at(i, "desil"));
        EXPECT_TRUE(desil >= 1 && desil <= 10);
        EXPECT_EQ(keluarga().at(i, "rw").size(), 3u);
        EXPECT_EQ(keluarga().at(i, "rt").size(), 3u);
        EXPECT_FALSE(keluarga().at(i, "alamat").empty());
        EXPECT_LE(keluarga().at(i, "alamat").size(), 200u);
    }
}

TEST_F(GeneratedCity, PeopleAreConsistentWithTheirAgeAndRole) {
    std::map<std::string, int> head_birth_year;
    for (size_t i = 0; i < anggota().rows.size(); ++i)
        if (anggota().at(i, "hubungan") == "kepala_keluarga")
            head_birth_year[anggota().at(i, "no_kk")] = Date::parse(anggota().at(i, "tanggal_lahir"))->year();
    size_t school_age = 0, with_nisn = 0;
    for (size_t i = 0; i < anggota().rows.size(); ++i) {
        auto const born = *Date::parse(anggota().at(i, "tanggal_lahir"));
        int const age = born.age_on(as_of());
        std::string const& hub = anggota().at(i, "hubungan");
        std::string const& kawin = anggota().at(i, "status_kawin");
        std::string const& edu = anggota().at(i, "pendidikan");
        std::string const& nama = anggota().at(i, "nama");
        SCOPED_TRACE("row " + std::to_string(i + 2) + " " + nama + " " + born.iso() + " " + hub);
        EXPECT_GE(age, 0);
        EXPECT_LE(age, 100);
        if (hub == "istri_suami" || hub == "menantu") {
            EXPECT_EQ(kawin, "kawin");
        }
        if (age < 16) {
            EXPECT_EQ(kawin, "belum_kawin");
        }
        if (hub == "kepala_keluarga" || hub == "istri_suami") {
            EXPECT_GE(age, 18);
        }
        if (hub == "anak") {
            int const gap = born.year() - head_birth_year.at(anggota().at(i, "no_kk"));
            EXPECT_GE(gap, 17);
            EXPECT_LE(gap, 57);
        }
        if (hub == "orang_tua" || hub == "mertua") {
            EXPECT_GE(age, 36);
        }
        if (age < 7) {
            EXPECT_EQ(edu, "tidak_sekolah");
        }
        if (age >= 7 && age <= 12) {
            EXPECT_EQ(edu, "belum_tamat_sd");
        }
        if (age < 19) {
            EXPECT_TRUE(edu != "sma" && edu != "d1_d3" && edu != "d4_s1" && edu != "s2_s3");
        }
        std::string const& nisn = anggota().at(i, "nisn");
        if (age >= 7 && age <= 18) ++school_age;
        if (!nisn.empty()) {
            ++with_nisn;
            EXPECT_TRUE(age >= 6 && age <= 19);
            EXPECT_EQ(nisn.size(), 10u);
            EXPECT_TRUE(is_all_digits(nisn));
            EXPECT_FALSE(anggota().at(i, "sekolah").empty());
        }
        // Names: letters and single spaces, at most 60 characters; one word only for the old.
        EXPECT_LE(nama.size(), 60u);
        EXPECT_EQ(nama.find("  "), std::string::npos);
        for (char c : nama) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ') << nama;
        if (nama.find(' ') == std::string::npos) {
            EXPECT_LT(born.year(), 1970) << "mononym";
        }
        EXPECT_FALSE(anggota().at(i, "pekerjaan").empty());
        EXPECT_LE(anggota().at(i, "pekerjaan").size(), 60u);
        if (!anggota().at(i, "disabilitas_tingkat").empty()) {
            EXPECT_FALSE(anggota().at(i, "disabilitas_jenis").empty());
        }
    }
    EXPECT_GT(with_nisn, school_age * 8 / 10);
}

TEST_F(GeneratedCity, HouseholdShapesAndPrevalencesArePlausible) {
    std::map<std::string, int> hubungan;
    size_t disabled = 0, elderly = 0, lut = 0, fm = 0, mononyms = 0, ada = 0, padan = 0;
    std::set<std::string> tempat;
    for (size_t i = 0; i < anggota().rows.size(); ++i) {
        ++hubungan[anggota().at(i, "hubungan")];
        if (!anggota().at(i, "disabilitas_jenis").empty()) ++disabled;
        int const age = Date::parse(anggota().at(i, "tanggal_lahir"))->age_on(as_of());
        std::string const ppks = ";" + anggota().at(i, "ppks") + ";";
        if (age >= 60) ++elderly;
        if (ppks.find(";8;") != std::string::npos) {
            ++lut;
            EXPECT_GE(age, 60);
        }
        if (ppks.find(";24;") != std::string::npos) ++fm;
        if (anggota().at(i, "nama").find(' ') == std::string::npos) ++mononyms;
        if (anggota().at(i, "status_keberadaan") == "ada") ++ada;
        if (anggota().at(i, "status_padan") == "padan") ++padan;
        tempat.insert(anggota().at(i, "tempat_lahir"));
    }
    size_t const n = anggota().rows.size();
    double const per_household = static_cast<double>(n) / static_cast<double>(keluarga().rows.size());
    EXPECT_GT(per_household, 2.8);
    EXPECT_LT(per_household, 4.8);
    for (auto const* h :
         {"kepala_keluarga", "istri_suami", "anak", "menantu", "cucu", "orang_tua", "mertua", "famili_lain"})
        EXPECT_GT(hubungan[h], 0) << h;
    EXPECT_GT(disabled, n / 100);
    EXPECT_LT(disabled, n * 35 / 1000);
    EXPECT_GT(lut, 0u);
    EXPECT_LT(lut, elderly / 4);
    EXPECT_GT(fm, 0u);
    EXPECT_GT(mononyms, 0u);
    EXPECT_GT(ada, n * 95 / 100);
    EXPECT_GT(padan, n * 88 / 100);
    EXPECT_TRUE(tempat.contains("Tangerang"));
    EXPECT_TRUE(tempat.contains("Jakarta"));
    EXPECT_GT(tempat.size(), 20u);
}

TEST_F(GeneratedCity, HousingAndAssetsFollowTheDesil) {
    struct Share {
        int n = 0, tanah = 0, kulkas = 0, mobil = 0, small_power = 0;
    };
    std::array<Share, 3> s{};  // desil 1–2, 3–8, 9–10
    std::array<int, 11> per_desil{};
    for (size_t i = 0; i < keluarga().rows.size(); ++i) {
        int const desil = std::stoi(keluarga().at(i, "desil"));
        ++per_desil[static_cast<size_t>(desil)];
        auto& b = s[desil <= 2 ? 0 : desil <= 8 ? 1 : 2];
        ++b.n;
        std::string const aset = ";" + keluarga().at(i, "aset") + ";";
        b.tanah += keluarga().at(i, "jenis_lantai") == "tanah";
        b.kulkas += aset.find(";kulkas;") != std::string::npos;
        b.mobil += aset.find(";mobil;") != std::string::npos;
        b.small_power += keluarga().at(i, "daya_listrik") == "450";
    }
    auto share = [](int x, int n) { return static_cast<double>(x) / n; };
    ASSERT_GT(s[2].n, 50);
    EXPECT_GT(share(s[0].tanah, s[0].n), share(s[2].tanah, s[2].n) + 0.05);
    EXPECT_GT(share(s[0].small_power, s[0].n), share(s[2].small_power, s[2].n) + 0.2);
    EXPECT_LT(share(s[0].kulkas, s[0].n) + 0.4, share(s[2].kulkas, s[2].n));
    EXPECT_LT(share(s[0].mobil, s[0].n) + 0.3, share(s[2].mobil, s[2].n));
    // The registry holds the poor: desil 1 is the most common, each decile up is rarer.
    EXPECT_GT(per_desil[1], per_desil[5]);
    EXPECT_GT(per_desil[5], per_desil[10]);
}

TEST_F(GeneratedCity, HouseholdsFollowKecamatanPopulationAndStayInsideTheCity) {
    auto const& area = tangerang();
    ASSERT_EQ(area.kecamatan.size(), 13u);
    ASSERT_EQ(area.kelurahan.size(), 104u);
    long long total_pop = 0;
    for (auto const& k : area.kecamatan) total_pop += k.penduduk;
    EXPECT_GT(total_pop, 1'800'000);
    EXPECT_LT(total_pop, 2'000'000);
    std::map<std::string, int> count;
    for (size_t i = 0; i < keluarga().rows.size(); ++i) {
        std::string const& kel = keluarga().at(i, "kode_wilayah");
        ++count[kel.substr(0, 8)];
        double const lat = std::stod(keluarga().at(i, "lat"));
        double const lon = std::stod(keluarga().at(i, "lon"));
        EXPECT_TRUE(lat >= -6.26 && lat <= -6.13) << lat;
        EXPECT_TRUE(lon >= 106.56 && lon <= 106.73) << lon;
    }
    double const n = static_cast<double>(keluarga().rows.size());
    for (auto const& k : area.kecamatan) {
        double const expected = static_cast<double>(k.penduduk) / static_cast<double>(total_pop);
        double const got = count[k.kode] / n;
        EXPECT_NEAR(got, expected, expected * 0.3) << k.nama;
    }
    // Cipondoh, the most populous kecamatan, gets more households than Benda, the least.
    EXPECT_GT(count["36.71.05"], 2 * count["36.71.04"]);
}

TEST(Generator, AnotherKotaWorksWithUniformWeightsAndNoCoordinates) {
    auto area = load_area(area_data_dir(), "3273");  // Kota Bandung, undotted
    ASSERT_TRUE(area) << area.error().describe(Lang::En);
    EXPECT_EQ(area->nama, "Kota Bandung");
    EXPECT_EQ(area->tempat_lahir_lokal, "Bandung");
    EXPECT_FALSE(area->bounds);
    auto const out = run(200, 3, *area);
    Table const k = parse(out.keluarga);
    ASSERT_EQ(k.rows.size(), 200u);
    for (size_t i = 0; i < k.rows.size(); ++i) {
        EXPECT_TRUE(k.at(i, "kode_wilayah").starts_with("32.73."));
        EXPECT_TRUE(k.at(i, "no_kk").starts_with("3273"));
        EXPECT_TRUE(k.at(i, "lat").empty());
    }
    Table const a = parse(out.anggota);
    bool local = false;
    for (size_t i = 0; i < a.rows.size(); ++i) local |= a.at(i, "tempat_lahir") == "Bandung";
    EXPECT_TRUE(local);
}

TEST(Generator, RefusesUnknownKotaAndBadCounts) {
    auto unknown = load_area(area_data_dir(), "99.99");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_NE(unknown.error().message.en.find("99.99"), std::string::npos);
    auto kecamatan = load_area(area_data_dir(), "36.71.01");
    ASSERT_FALSE(kecamatan);
    EXPECT_EQ(kecamatan.error().code, ErrorCode::InvalidArgument);
    auto missing = load_area("/nonexistent", "36.71");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::Unavailable);

    std::string k, a;
    CsvWriter kw = CsvWriter::to_string(k), aw = CsvWriter::to_string(a);
    auto zero = generate(tangerang(), {.households = 0}, kw, aw);
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(k.empty()) << "nothing is written for bad options";
}

TEST(Names, ChildrenCarryTheFathersMargaOrSurname) {
    Rng rng(11);
    std::string nama;
    int surname = 0;
    for (int i = 0; i < 50; ++i) {
        make_name(rng, {.suku = Suku::Batak, .sex = Sex::L, .birth_year = 2005, .family_name = "Siregar"}, nama);
        EXPECT_TRUE(nama.ends_with(" Siregar")) << nama;
        make_name(rng,
                  {.suku = Suku::Batak, .sex = Sex::P, .birth_year = 1975, .family_name = "Lubis", .married_in = true},
                  nama);
        EXPECT_TRUE(nama.ends_with(" Lubis")) << nama;
        make_name(rng, {.suku = Suku::Tionghoa, .sex = Sex::L, .birth_year = 1950, .family_name = "Oei"}, nama);
        surname += nama.starts_with("Oei ") || nama.ends_with(" Oei") || nama.ends_with(" Wijaya") ||
                   nama.ends_with(" Winata") || nama.ends_with(" Gunawan");
    }
    EXPECT_GT(surname, 35) << "most carry the surname, in Hokkien or Indonesian form";
    int shared = 0;
    for (int i = 0; i < 400; ++i) {
        make_name(rng, {.suku = Suku::Jawa, .sex = Sex::L, .birth_year = 1995, .father_name = "Budi Santoso"}, nama);
        shared += nama.ends_with(" Santoso");
    }
    EXPECT_GT(shared, 40);
    EXPECT_LT(shared, 300);
}

}  // namespace
}  // namespace pilar::synth
