#include "portability.hpp"

#include <gtest/gtest.h>

namespace pilar::pgcheck {
namespace {

Schema const kSchema = {
    {"person", {{"id", true}, {"nama", true}, {"lahir", false}, {"kode", true}}},
    {"acara", {{"id", true}, {"person_id", true}, {"mulai", false}, {"judul", true}}},
};

std::vector<std::string> rules(std::string_view sql) {
    std::vector<std::string> out;
    for (auto const& f : lint(sql, kSchema)) out.push_back(f.rule);
    return out;
}

using V = std::vector<std::string>;

TEST(Portability, LikeNeedsItsCaseRule) {
    EXPECT_EQ(rules("SELECT id FROM person WHERE nama LIKE ?"), V{"like"});
    EXPECT_EQ(rules("SELECT id FROM person p WHERE p.nama NOT LIKE ? ESCAPE '\\'"), V{"like"});
    EXPECT_EQ(rules("SELECT id FROM person WHERE ? LIKE (kode || '.%')"), V{"like"});
    EXPECT_EQ(rules("SELECT id FROM person p WHERE lower(p.nama) LIKE ?"), V{});
    // A marker waives it; words in strings and comments are no LIKE.
    EXPECT_EQ(rules("/* portable: like-codes */ SELECT id FROM person WHERE kode LIKE ?"), V{});
    EXPECT_EQ(rules("SELECT id FROM person WHERE nama = 'x LIKE y' -- LIKE\n"), V{});
}

TEST(Portability, AWaiverWithColumnsCoversOnlyThoseColumns) {
    Waivers const w = {{"like-codes", {"kode"}}};
    std::string_view const sql =
        "/* portable: like-codes */ SELECT id FROM person p WHERE (p.kode LIKE ? OR ? LIKE (p.kode || '.%')) AND "
        "p.nama LIKE ?";
    std::vector<std::string> left;
    for (auto const& f : lint(sql, kSchema, w)) left.push_back(f.column);
    EXPECT_EQ(left, V{"nama"});
    EXPECT_TRUE(lint(sql, kSchema).empty()) << "without columns the waiver covers every LIKE";
}

TEST(Portability, NullableOrderByNeedsNullsFirstOrLast) {
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY lahir, id"), V{"order"});
    EXPECT_EQ(rules("SELECT id FROM person p ORDER BY p.lahir DESC LIMIT ?"), V{"order"});
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY lahir NULLS FIRST, id"), V{});
    EXPECT_EQ(rules("SELECT id FROM person p ORDER BY p.lahir DESC NULLS LAST, p.id DESC"), V{});
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY nama, id"), V{});
    // The WHERE rules the NULLs out; coalesce cannot be NULL.
    EXPECT_EQ(rules("SELECT id FROM person WHERE lahir IS NOT NULL ORDER BY lahir"), V{});
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY coalesce(lahir, ''), id"), V{});
    // An expression over a nullable column.
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY substr(lahir, 1, 4)"), V{"order"});
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY CASE WHEN nama LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, id"),
              V{"like"});
    // A NOT NULL column on the right of a LEFT JOIN is NULL where nothing joined.
    EXPECT_EQ(rules("SELECT p.id FROM person p LEFT JOIN acara a ON a.person_id = p.id ORDER BY a.judul, p.id"),
              V{"order"});
    EXPECT_EQ(rules("SELECT p.id FROM person p JOIN acara a ON a.person_id = p.id ORDER BY a.judul, p.id"), V{});
    EXPECT_EQ(rules("SELECT p.id FROM person p, acara a WHERE a.person_id = p.id ORDER BY a.mulai"), V{"order"});
    // Not a column of a named table (an output alias, a subquery's): the lint cannot tell.
    EXPECT_EQ(rules("SELECT max(lahir) AS m FROM person ORDER BY m"), V{"order"});
    EXPECT_EQ(rules("SELECT id FROM (SELECT id FROM person) s ORDER BY s.id"), V{"order"});
    EXPECT_EQ(rules("SELECT id FROM person ORDER BY 1"), V{"order"});
    // Inside a subquery, and inside an aggregate's parentheses.
    EXPECT_EQ(rules("SELECT id FROM acara WHERE person_id IN (SELECT id FROM person ORDER BY lahir LIMIT ?)"),
              V{"order"});
    EXPECT_EQ(rules("/* portable: order-why */ SELECT id FROM person ORDER BY lahir"), V{});
}

TEST(Portability, NegativeLimitAndSubstrStart) {
    EXPECT_EQ(rules("SELECT id FROM person LIMIT -1"), V{"limit"});
    EXPECT_EQ(rules("SELECT substr(nama, -3) FROM person"), V{"substr"});
    EXPECT_EQ(rules("SELECT substr(nama, 1, 3) FROM person"), V{});
}

TEST(Portability, MarkersAreReadFromCommentsOnly) {
    EXPECT_EQ(markers("/* portable: like-codes, order-x */ SELECT 'portable: no' /* portable: like-y */"),
              (V{"like-codes", "order-x", "like-y"}));
    EXPECT_EQ(markers("SELECT 'portable: no'"), V{});
}

}  // namespace
}  // namespace pilar::pgcheck
