#include "core/error.hpp"

#include <gtest/gtest.h>

namespace pilar {
namespace {

Result<int> parse_positive(int v) {
    if (v <= 0) return fail(ErrorCode::InvalidArgument, {"harus positif", "must be positive"});
    return v;
}

Result<int> doubled(int v) {
    int x = PILAR_TRY(parse_positive(v));
    return x * 2;
}

TEST(Error, CodeNamesAreTheApiContract) {
    EXPECT_EQ(error_code_name(ErrorCode::InvalidArgument), "invalid_argument");
    EXPECT_EQ(error_code_name(ErrorCode::NotFound), "not_found");
    EXPECT_EQ(error_code_name(ErrorCode::AlreadyExists), "already_exists");
    EXPECT_EQ(error_code_name(ErrorCode::PermissionDenied), "permission_denied");
    EXPECT_EQ(error_code_name(ErrorCode::Conflict), "conflict");
    EXPECT_EQ(error_code_name(ErrorCode::Unavailable), "unavailable");
    EXPECT_EQ(error_code_name(ErrorCode::Internal), "internal");
}

TEST(Error, DescribeNamesFileRowAndFieldInBothLanguages) {
    Error e(ErrorCode::InvalidArgument, {"NIK harus 16 digit", "NIK must be 16 digits"});
    e.at_file("anggota.csv").at_row(12).at_field("nik");
    EXPECT_EQ(e.describe(Lang::Id), "anggota.csv:12: kolom nik: NIK harus 16 digit");
    EXPECT_EQ(e.describe(Lang::En), "anggota.csv:12: field nik: NIK must be 16 digits");
    Error bare(ErrorCode::NotFound, {"tidak ada", "missing"});
    EXPECT_EQ(bare.describe(Lang::En), "missing");
}

TEST(Error, TryPropagatesTheFirstError) {
    EXPECT_EQ(doubled(4).value(), 8);
    auto r = doubled(-1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().message.in(Lang::Id), "harus positif");
}

TEST(Lang, AcceptLanguagePicksEnglishOnlyWhenFirst) {
    EXPECT_EQ(lang_from_accept_language("en-US,en;q=0.9"), Lang::En);
    EXPECT_EQ(lang_from_accept_language("en"), Lang::En);
    EXPECT_EQ(lang_from_accept_language("id-ID,en;q=0.8"), Lang::Id);
    EXPECT_EQ(lang_from_accept_language(""), Lang::Id);
    EXPECT_EQ(lang_from_accept_language("eng"), Lang::Id);
}

}  // namespace
}  // namespace pilar
