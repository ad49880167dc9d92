#include "wilayah/store.hpp"

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar::wilayah::store {
namespace {

constexpr std::string_view kColumns =
    "kode, nama, tingkat, jenis, induk, active, retired_at, retired_reason, source, created_at, updated_at, version";

Wilayah read_row(db::StatementRef const& s) {
    Wilayah w;
    w.kode = s.string(0);
    w.nama = s.string(1);
    w.tingkat = tingkat_from_name(s.text(2)).value_or(Tingkat::Rt);
    w.jenis = s.opt_string(3);
    w.induk = s.opt_string(4);
    w.active = s.integer(5) != 0;
    w.retired_at = s.opt_string(6);
    w.retired_reason = s.opt_string(7);
    w.source = s.string(8);
    w.created_at = s.string(9);
    w.updated_at = s.string(10);
    w.version = s.integer(11);
    return w;
}

// A LIKE pattern that matches `prefix` literally at the start.
std::string like_prefix(std::string_view prefix) {
    std::string out;
    for (char ch : prefix) {
        if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
        out.push_back(ch);
    }
    out.push_back('%');
    return out;
}

}  // namespace

Result<std::optional<Wilayah>> get(db::Connection& c, std::string_view kode) {
    static std::string const sql = fmt::format("SELECT {} FROM wilayah WHERE kode = ?", kColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(kode));
    if (!PILAR_TRY(s.step())) return std::optional<Wilayah>{};
    return std::optional<Wilayah>(read_row(s));
}

Result<std::vector<Wilayah>> children(db::Connection& c, std::string_view kode, bool include_retired) {
    static std::string const sql_active =
        fmt::format("SELECT {} FROM wilayah WHERE induk = ? AND active = 1 ORDER BY kode", kColumns);
    static std::string const sql_all = fmt::format("SELECT {} FROM wilayah WHERE induk = ? ORDER BY kode", kColumns);
    auto s = PILAR_TRY(c.prepare(include_retired ? sql_all : sql_active));
    PILAR_TRY(s.bind_all(kode));
    std::vector<Wilayah> out;
    while (PILAR_TRY(s.step())) out.push_back(read_row(s));
    return out;
}

Result<std::vector<Wilayah>> at_level(db::Connection& c, Tingkat tingkat) {
    auto s = PILAR_TRY(c.prepare(fmt::format("SELECT {} FROM wilayah WHERE tingkat = ? ORDER BY kode", kColumns)));
    PILAR_TRY(s.bind(1, tingkat_name(tingkat)));
    std::vector<Wilayah> out;
    while (PILAR_TRY(s.step())) out.push_back(read_row(s));
    return out;
}

Result<std::vector<Wilayah>> search(db::Connection& c, SearchQuery const& q) {
    // Digits and dots search by code prefix; anything else by a name fragment.
    std::string needle(trim(q.q));
    bool by_code = !needle.empty() && needle.find_first_not_of("0123456789.") == std::string::npos;
    // The LIKEs' case rule (docs/ARCHITECTURE.md, "Writing SQL"): codes hold digits and dots only,
    // nama_cari is to_lower_ascii(nama) (insert, rename, refresh below) and its pattern is lowered.
    std::string sql = fmt::format("/* portable: like-codes{} */ SELECT {} FROM wilayah WHERE ", by_code ? "" : ", like-lowered",
                                  kColumns);
    std::string pattern;
    if (by_code) {
        sql += "kode LIKE ? ESCAPE '\\'";
        pattern = like_prefix(needle);
    } else {
        // Name prefix matches rank before matches inside the name.
        sql += "nama_cari LIKE ? ESCAPE '\\'";
        pattern.push_back('%');
        pattern += like_prefix(to_lower_ascii(needle));
    }
    if (q.tingkat) sql += " AND tingkat = ?";
    if (q.under) sql += " AND kode LIKE ? ESCAPE '\\'";
    if (!q.include_retired) sql += " AND active = 1";
    if (by_code)
        sql += " ORDER BY kode LIMIT ?";
    else
        sql += " ORDER BY CASE WHEN nama_cari LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, length(kode), nama_cari, kode LIMIT ?";
    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    PILAR_TRY(s.bind(++i, pattern));
    if (q.tingkat) PILAR_TRY(s.bind(++i, tingkat_name(*q.tingkat)));
    std::string under_pattern;
    if (q.under) {
        under_pattern = like_prefix(*q.under + ".");
        PILAR_TRY(s.bind(++i, under_pattern));
    }
    std::string starts;
    if (!by_code) {
        starts = like_prefix(to_lower_ascii(needle));
        PILAR_TRY(s.bind(++i, starts));
    }
    PILAR_TRY(s.bind(++i, q.limit));
    std::vector<Wilayah> out;
    while (PILAR_TRY(s.step())) out.push_back(read_row(s));
    return out;
}

Result<void> insert(db::Connection& c, Wilayah const& w) {
    PILAR_TRY(c.execute(
        "INSERT INTO wilayah (kode, nama, tingkat, jenis, induk, nama_cari, active, source, created_at, updated_at, "
        "version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1)",
        w.kode, w.nama, tingkat_name(w.tingkat), w.jenis, w.induk, to_lower_ascii(w.nama), w.source, w.created_at,
        w.updated_at));
    return {};
}

Result<bool> refresh_from_source(db::Connection& c, Wilayah const& w) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE wilayah SET nama = ?, jenis = ?, induk = ?, nama_cari = ?, source = ?, updated_at = ?, "
        "version = version + 1 WHERE kode = ? AND (nama != ? OR coalesce(jenis, '') != coalesce(?, '') OR "
        "coalesce(induk, '') != coalesce(?, ''))",
        w.nama, w.jenis, w.induk, to_lower_ascii(w.nama), w.source, w.updated_at, w.kode, w.nama, w.jenis, w.induk));
    return n > 0;
}

Result<bool> rename(db::Connection& c, std::string_view kode, std::string_view nama, std::int64_t expected_version,
                    std::string_view now) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE wilayah SET nama = ?, nama_cari = ?, updated_at = ?, version = version + 1 WHERE kode = ? AND version = ?",
        nama, to_lower_ascii(nama), now, kode, expected_version));
    return n > 0;
}

Result<int> retire_subtree(db::Connection& c, std::string_view kode, std::string_view reason, std::string_view now) {
    std::string below = like_prefix(std::string(kode) + ".");
    auto n = PILAR_TRY(c.execute(
        "/* portable: like-codes */ UPDATE wilayah SET active = 0, retired_at = ?, retired_reason = ?, updated_at = ?, "
        "version = version + 1 WHERE (kode = ? OR kode LIKE ? ESCAPE '\\') AND active = 1",
        now, reason, now, kode, below));
    return static_cast<int>(n);
}

Result<std::vector<std::string>> active_subtree(db::Connection& c, std::string_view kode) {
    std::string below = like_prefix(std::string(kode) + ".");
    auto s = PILAR_TRY(
        c.prepare("/* portable: like-codes */ SELECT kode FROM wilayah WHERE (kode = ? OR kode LIKE ? ESCAPE '\\') AND "
                  "active = 1 ORDER BY kode"));
    PILAR_TRY(s.bind_all(kode, below));
    std::vector<std::string> out;
    while (PILAR_TRY(s.step())) out.push_back(s.string(0));
    return out;
}

Result<std::vector<std::pair<std::string, bool>>> kelurahan_status(db::Connection& c) {
    auto s = PILAR_TRY(c.prepare("SELECT kode, active FROM wilayah WHERE tingkat = 'kelurahan'"));
    std::vector<std::pair<std::string, bool>> out;
    while (PILAR_TRY(s.step())) out.emplace_back(s.string(0), s.integer(1) != 0);
    return out;
}

Result<bool> reactivate(db::Connection& c, std::string_view kode, std::string_view now) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE wilayah SET active = 1, retired_at = NULL, retired_reason = NULL, updated_at = ?, version = version + 1 "
        "WHERE kode = ? AND active = 0",
        now, kode));
    return n > 0;
}

Result<std::int64_t> count(db::Connection& c, Tingkat tingkat, std::string_view under) {
    std::string below = like_prefix(std::string(under) + ".");
    auto n = PILAR_TRY(c.query_value<std::int64_t>(
        "/* portable: like-codes */ SELECT count(*) FROM wilayah WHERE tingkat = ? AND active = 1 AND "
        "(kode = ? OR kode LIKE ? ESCAPE '\\')",
        tingkat_name(tingkat), under, below));
    return n.value_or(0);
}

}  // namespace pilar::wilayah::store
