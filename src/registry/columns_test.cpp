#include "registry/columns.hpp"

#include <gtest/gtest.h>

namespace pilar::registry {
namespace {

Date today() { return Date::create(2026, 11, 28).value(); }

KeluargaRecord good_keluarga() {
    KeluargaRecord r;
    r[KCol::NoKk] = "3671012001150003";
    r[KCol::KodeWilayah] = "3671011001";
    r[KCol::Rw] = "4";
    r[KCol::Rt] = "12";
    r[KCol::Alamat] = "Jl. Kenari No. 5";
    r[KCol::Lat] = "-6.1700";
    r[KCol::Lon] = "106.63";
    r[KCol::Aset] = "TV; kulkas;tv";
    return r;
}

AnggotaRecord good_anggota() {
    AnggotaRecord r;
    r[ACol::Nik] = "3671014507900001";
    r[ACol::NoKk] = "3671012001150003";
    r[ACol::Nama] = "Siti Aminah";
    r[ACol::JenisKelamin] = "p";
    r[ACol::TanggalLahir] = "1990-07-05";
    r[ACol::Hubungan] = "Istri_Suami";
    r[ACol::Ppks] = "24; 9";
    return r;
}

TEST(Columns, NormalisesAGoodHousehold) {
    auto r = good_keluarga();
    std::vector<FieldError> errors;
    validate(r, today(), errors);
    ASSERT_TRUE(errors.empty()) << errors.front().column << ": " << errors.front().message.en;
    EXPECT_EQ(r[KCol::KodeWilayah], "36.71.01.1001");
    EXPECT_EQ(r[KCol::Rw], "004");
    EXPECT_EQ(r[KCol::Rt], "012");
    EXPECT_EQ(r[KCol::Lat], "-6.17");
    EXPECT_EQ(r[KCol::Aset], "kulkas;tv") << "codes lower-cased, de-duplicated, in vocabulary order";
}

TEST(Columns, EqualDataGivesEqualHashes) {
    auto a = good_keluarga();
    auto b = good_keluarga();
    b[KCol::Rw] = "004";
    b[KCol::Aset] = "kulkas;tv";
    b[KCol::Lat] = "-6.17";
    std::vector<FieldError> errors;
    validate(a, today(), errors);
    validate(b, today(), errors);
    EXPECT_EQ(row_hash(a), row_hash(b));
    b[KCol::Alamat] = "Jl. Kenari No. 6";
    EXPECT_NE(row_hash(a), row_hash(b));
}

TEST(Columns, NormalisesAGoodMember) {
    auto r = good_anggota();
    std::vector<FieldError> errors;
    validate(r, today(), errors);
    ASSERT_TRUE(errors.empty()) << errors.front().column << ": " << errors.front().message.en;
    EXPECT_EQ(r[ACol::JenisKelamin], "P");
    EXPECT_EQ(r[ACol::Hubungan], "istri_suami");
    EXPECT_EQ(r[ACol::Ppks], "9;24");
    EXPECT_EQ(r[ACol::StatusKeberadaan], "ada");
    EXPECT_EQ(r[ACol::StatusPadan], "belum");
}

struct BadCase {
    char const* column;
    char const* value;
    char const* expect_column;
};

TEST(Columns, ReportsEachBadMemberFieldByColumn) {
    BadCase const cases[] = {
        {"nik", "367101450790000", "nik"},       // 15 digits
        {"nik", "3671019907900001", "nik"},      // day 99
        {"nama", "", "nama"},                    // required
        {"jenis_kelamin", "X", "jenis_kelamin"},
        {"tanggal_lahir", "05-07-1990", "tanggal_lahir"},
        {"tanggal_lahir", "2030-01-01", "tanggal_lahir"},
        {"hubungan", "tetangga", "hubungan"},
        {"ppks", "27", "ppks"},
        {"ppks", "9;x", "ppks"},
        {"nisn", "12345", "nisn"},
        {"disabilitas_tingkat", "berat", "disabilitas_jenis"},  // severity without type
        {"penyakit_kronis", "hipertensi;flu", "penyakit_kronis"},
    };
    for (auto const& c : cases) {
        auto r = good_anggota();
        for (std::size_t i = 0; i < anggota_columns().size(); ++i)
            if (anggota_columns()[i].name == c.column) r.fields[i] = c.value;
        std::vector<FieldError> errors;
        validate(r, today(), errors);
        ASSERT_EQ(errors.size(), 1u) << c.column << "=" << c.value;
        EXPECT_EQ(errors[0].column, c.expect_column) << c.value;
        EXPECT_FALSE(errors[0].message.id.empty());
        EXPECT_FALSE(errors[0].message.en.empty());
    }
}

TEST(Columns, ReportsEveryProblemOfARowAndMasksIdentityNumbers) {
    KeluargaRecord r = good_keluarga();
    r[KCol::NoKk] = "36710120011500";  // 14 digits
    r[KCol::KodeWilayah] = "36.71.01";  // a kecamatan, not a kelurahan
    r[KCol::Lon] = "";                  // lat without lon
    r[KCol::Desil] = "11";
    r[KCol::JenisLantai] = "emas";
    std::vector<FieldError> errors;
    validate(r, today(), errors);
    std::vector<std::string> cols;
    for (auto const& e : errors) cols.push_back(e.column);
    EXPECT_EQ(cols, (std::vector<std::string>{"no_kk", "kode_wilayah", "desil", "jenis_lantai", "lon"}));
    EXPECT_EQ(errors[0].value.find("01200115"), std::string::npos) << "identity numbers are masked in reports";
}

TEST(Columns, RtNeedsRw) {
    auto r = good_keluarga();
    r[KCol::Rw] = "";
    std::vector<FieldError> errors;
    validate(r, today(), errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].column, "rw");
}

}  // namespace
}  // namespace pilar::registry
