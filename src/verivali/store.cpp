#include "verivali/store.hpp"

#include "core/date.hpp"

#include <fmt/format.h>

namespace pilar::verivali::store {
namespace {

constexpr std::string_view kUsulanColumns =
    "id, uid, jenis, alasan, keluarga_id, anggota_id, isi_json, kode_wilayah, status, catatan, musyawarah_id, "
    "hasil_periksa, periksa_json, periksa_lat, periksa_lon, periksa_oleh, periksa_at, hasil_nasional, created_by, "
    "created_at, updated_at, version";

std::optional<double> opt_real(db::StatementRef const& s, int c) {
    if (s.is_null(c)) return std::nullopt;
    return s.real(c);
}
std::optional<int> opt_int(db::StatementRef const& s, int c) {
    if (s.is_null(c)) return std::nullopt;
    return static_cast<int>(s.integer(c));
}

Usulan read_usulan(db::StatementRef const& s) {
    Usulan u;
    u.id = s.integer(0);
    u.uid = s.opt_string(1);
    u.jenis = jenis_from_name(s.text(2)).value_or(Jenis::Perubahan);
    u.alasan = s.opt_string(3);
    u.keluarga_id = s.integer(4);
    u.anggota_id = s.opt_integer(5);
    u.isi_json = s.string(6);
    u.kode_wilayah = s.string(7);
    u.status = status_from_name(s.text(8)).value_or(Status::Draft);
    u.catatan = s.opt_string(9);
    u.musyawarah_id = s.opt_integer(10);
    u.hasil_periksa = opt_int(s, 11);
    u.periksa_json = s.opt_string(12);
    u.periksa_lat = opt_real(s, 13);
    u.periksa_lon = opt_real(s, 14);
    u.periksa_oleh = s.opt_string(15);
    u.periksa_at = s.opt_string(16);
    u.hasil_nasional = s.opt_string(17);
    u.created_by = s.string(18);
    u.created_at = s.string(19);
    u.updated_at = s.string(20);
    u.version = s.integer(21);
    return u;
}

// A WHERE fragment for an Area over `column`, and the values to bind, in order. A code X covers
// X itself and every code "X.…": the range [X, X + "/") because '/' sorts right after '.', and
// a digit (a sibling such as "X1") sorts after '/'. Ranges use the (…, kode_wilayah, id)
// indexes; PostgreSQL needs the column in the "C" collation for the same order.
struct Where {
    std::string sql;
    std::vector<std::string> binds;
};

void add_range(Where& w, std::string_view column, std::string const& code) {
    w.sql += fmt::format("({0} >= ? AND {0} < ?)", column);
    w.binds.push_back(code);
    w.binds.push_back(code + "/");
}

Where area_where(Area const& a, std::string_view column) {
    Where w;
    if (a.all) {
        w.sql = "1 = 1";
    } else if (a.prefixes.empty()) {
        w.sql = "1 = 0";
    } else {
        w.sql = "(";
        for (size_t i = 0; i < a.prefixes.size(); ++i) {
            if (i) w.sql += " OR ";
            add_range(w, column, a.prefixes[i]);
        }
        w.sql += ")";
    }
    if (a.under) {
        w.sql += " AND ";
        add_range(w, column, *a.under);
    }
    return w;
}

Result<void> bind_strings(db::StatementRef& s, int& i, std::vector<std::string> const& values) {
    for (auto const& v : values) PILAR_TRY(s.bind(++i, v));
    return {};
}

constexpr std::string_view kItemColumns =
    "id, daftar_id, keluarga_id, kode_wilayah, kode_rw, petugas, status, hasil, jawaban_json, lat, lon, checked_by, "
    "checked_at, usulan_id, version";

PeriksaItem read_item(db::StatementRef const& s) {
    PeriksaItem it;
    it.id = s.integer(0);
    it.daftar_id = s.integer(1);
    it.keluarga_id = s.integer(2);
    it.kode_wilayah = s.string(3);
    it.kode_rw = s.opt_string(4);
    it.petugas = s.opt_string(5);
    it.status = s.string(6);
    it.hasil = opt_int(s, 7);
    it.jawaban_json = s.opt_string(8);
    it.lat = opt_real(s, 9);
    it.lon = opt_real(s, 10);
    it.checked_by = s.opt_string(11);
    it.checked_at = s.opt_string(12);
    it.usulan_id = s.opt_integer(13);
    it.version = s.integer(14);
    return it;
}

constexpr std::string_view kLampiranColumns =
    "id, uid, pemilik, pemilik_id, mime, sha256, ukuran, kode_wilayah, created_by, created_at";

Lampiran read_lampiran(db::StatementRef const& s) {
    Lampiran l;
    l.id = s.integer(0);
    l.uid = s.opt_string(1);
    l.pemilik = pemilik_from_name(s.text(2)).value_or(Pemilik::Usulan);
    l.pemilik_id = s.opt_integer(3);
    l.mime = s.string(4);
    l.sha256 = s.string(5);
    l.ukuran = s.integer(6);
    l.kode_wilayah = s.string(7);
    l.created_by = s.string(8);
    l.created_at = s.string(9);
    return l;
}

Musyawarah read_musyawarah(db::StatementRef const& s) {
    Musyawarah m;
    m.id = s.integer(0);
    m.kode_kelurahan = s.string(1);
    m.nomor_berita_acara = s.string(2);
    m.tanggal = s.string(3);
    m.notulen_lampiran_id = s.integer(4);
    m.created_by = s.string(5);
    m.created_at = s.string(6);
    return m;
}

}  // namespace

// ------------------------------------------------------------------------------------------ usulan

Result<std::int64_t> insert_usulan(db::Connection& c, Usulan const& u) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO usulan (uid, jenis, alasan, keluarga_id, anggota_id, isi_json, kode_wilayah, status, catatan, "
        "created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
        u.uid, jenis_name(u.jenis), u.alasan, u.keluarga_id, u.anggota_id, u.isi_json, u.kode_wilayah,
        status_name(u.status), u.catatan, u.created_by, u.created_at, u.updated_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT usulan tanpa id", "INSERT usulan returned no id"});
    return *id;
}

Result<std::optional<Usulan>> get_usulan(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM usulan WHERE id = ?", kUsulanColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<Usulan>{};
    return std::optional<Usulan>(read_usulan(s));
}

Result<std::optional<Usulan>> get_usulan_by_uid(db::Connection& c, std::string_view uid) {
    static std::string const sql = fmt::format("SELECT {} FROM usulan WHERE uid = ?", kUsulanColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(uid));
    if (!PILAR_TRY(s.step())) return std::optional<Usulan>{};
    return std::optional<Usulan>(read_usulan(s));
}

Result<bool> save_usulan(db::Connection& c, Usulan const& u, std::int64_t expected_version) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE usulan SET alasan = ?, anggota_id = ?, isi_json = ?, status = ?, catatan = ?, musyawarah_id = ?, "
        "hasil_periksa = ?, periksa_json = ?, periksa_lat = ?, periksa_lon = ?, periksa_oleh = ?, periksa_at = ?, "
        "hasil_nasional = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        u.alasan, u.anggota_id, u.isi_json, status_name(u.status), u.catatan, u.musyawarah_id, u.hasil_periksa,
        u.periksa_json, u.periksa_lat, u.periksa_lon, u.periksa_oleh, u.periksa_at, u.hasil_nasional, u.updated_at,
        u.id, expected_version));
    return n > 0;
}

Result<std::vector<Usulan>> list_usulan(db::Connection& c, UsulanFilter const& f) {
    auto w = area_where(f.area, "kode_wilayah");
    std::string sql = fmt::format("SELECT {} FROM usulan WHERE {} AND id > ?", kUsulanColumns, w.sql);
    std::vector<std::string> more;
    if (!f.statuses.empty()) {
        sql += " AND status IN (";
        for (size_t i = 0; i < f.statuses.size(); ++i) {
            sql += i ? ", ?" : "?";
            more.emplace_back(status_name(f.statuses[i]));
        }
        sql += ")";
    }
    if (f.drafts_only_of) {
        sql += " AND (status != 'draft' OR created_by = ?)";
        more.push_back(*f.drafts_only_of);
    }
    if (f.jenis) {
        sql += " AND jenis = ?";
        more.emplace_back(jenis_name(*f.jenis));
    }
    if (f.musyawarah_id) sql += " AND musyawarah_id = ?";
    sql += " ORDER BY id LIMIT ?";
    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    PILAR_TRY(s.bind(++i, f.after));
    PILAR_TRY(bind_strings(s, i, more));
    if (f.musyawarah_id) PILAR_TRY(s.bind(++i, *f.musyawarah_id));
    PILAR_TRY(s.bind(++i, f.limit));
    std::vector<Usulan> out;
    while (PILAR_TRY(s.step())) out.push_back(read_usulan(s));
    return out;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> count_usulan_by_status(db::Connection& c, Area const& area) {
    auto w = area_where(area, "kode_wilayah");
    auto s = PILAR_TRY(c.prepare(fmt::format("SELECT status, count(*) FROM usulan WHERE {} GROUP BY status", w.sql)));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (PILAR_TRY(s.step())) out.emplace_back(s.string(0), s.integer(1));
    return out;
}

Result<void> insert_riwayat(db::Connection& c, Riwayat const& r) {
    PILAR_TRY(c.execute("INSERT INTO usulan_riwayat (usulan_id, dari, ke, at, username, role, catatan) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        r.usulan_id, r.dari, r.ke, r.at, r.username, r.role, r.catatan));
    return {};
}

Result<std::vector<Riwayat>> list_riwayat(db::Connection& c, std::int64_t usulan_id) {
    auto s = PILAR_TRY(c.prepare("SELECT id, usulan_id, dari, ke, at, username, role, catatan FROM usulan_riwayat "
                                 "WHERE usulan_id = ? ORDER BY id"));
    PILAR_TRY(s.bind_all(usulan_id));
    std::vector<Riwayat> out;
    while (PILAR_TRY(s.step())) {
        Riwayat r;
        r.id = s.integer(0);
        r.usulan_id = s.integer(1);
        r.dari = s.opt_string(2);
        r.ke = s.string(3);
        r.at = s.string(4);
        r.username = s.string(5);
        r.role = s.string(6);
        r.catatan = s.opt_string(7);
        out.push_back(std::move(r));
    }
    return out;
}

// -------------------------------------------------------------------------------------- musyawarah

Result<std::int64_t> insert_musyawarah(db::Connection& c, Musyawarah const& m) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO musyawarah (kode_kelurahan, nomor_berita_acara, tanggal, notulen_lampiran_id, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        m.kode_kelurahan, m.nomor_berita_acara, m.tanggal, m.notulen_lampiran_id, m.created_by, m.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT musyawarah tanpa id", "INSERT musyawarah returned no id"});
    return *id;
}

Result<std::optional<Musyawarah>> get_musyawarah(db::Connection& c, std::int64_t id) {
    std::optional<Musyawarah> m;
    {
        auto s = PILAR_TRY(c.prepare("SELECT id, kode_kelurahan, nomor_berita_acara, tanggal, notulen_lampiran_id, "
                                     "created_by, created_at FROM musyawarah WHERE id = ?"));
        PILAR_TRY(s.bind_all(id));
        if (!PILAR_TRY(s.step())) return m;
        m = read_musyawarah(s);
    }
    auto s = PILAR_TRY(c.prepare("SELECT id FROM usulan WHERE musyawarah_id = ? ORDER BY id"));
    PILAR_TRY(s.bind_all(id));
    while (PILAR_TRY(s.step())) m->usulan_ids.push_back(s.integer(0));
    return m;
}

Result<bool> musyawarah_nomor_exists(db::Connection& c, std::string_view kode_kelurahan, std::string_view nomor) {
    auto n = PILAR_TRY(c.query_value<std::int64_t>(
        "SELECT count(*) FROM musyawarah WHERE kode_kelurahan = ? AND nomor_berita_acara = ?", kode_kelurahan, nomor));
    return n.value_or(0) > 0;
}

Result<std::vector<Musyawarah>> list_musyawarah(db::Connection& c, Area const& area, std::int64_t after, int limit) {
    // A musyawarah is at kelurahan level: the service lifts an RW scope to its kelurahan, so a
    // PSM sees the deliberations that decided on their RW's proposals.
    auto w = area_where(area, "kode_kelurahan");
    std::string sql = fmt::format(
        "SELECT id, kode_kelurahan, nomor_berita_acara, tanggal, notulen_lampiran_id, created_by, created_at "
        "FROM musyawarah WHERE {} AND id > ? ORDER BY id LIMIT ?",
        w.sql);
    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    PILAR_TRY(s.bind(++i, after));
    PILAR_TRY(s.bind(++i, limit));
    std::vector<Musyawarah> out;
    while (PILAR_TRY(s.step())) out.push_back(read_musyawarah(s));
    return out;
}

// ---------------------------------------------------------------------------------------- lampiran

Result<std::int64_t> insert_lampiran(db::Connection& c, Lampiran const& l, std::string_view bytes) {
    auto s = PILAR_TRY(c.prepare(
        "INSERT INTO lampiran (uid, pemilik, pemilik_id, mime, bytes, sha256, ukuran, kode_wilayah, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    std::span<const std::uint8_t> blob(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size());
    PILAR_TRY(s.bind_all(l.uid, pemilik_name(l.pemilik), l.pemilik_id, l.mime, blob, l.sha256, l.ukuran,
                         l.kode_wilayah, l.created_by, l.created_at));
    if (!PILAR_TRY(s.step())) return fail(ErrorCode::Internal, {"INSERT lampiran tanpa id", "INSERT lampiran returned no id"});
    auto id = s.integer(0);
    while (PILAR_TRY(s.step())) {
    }
    return id;
}

Result<std::optional<Lampiran>> get_lampiran(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM lampiran WHERE id = ?", kLampiranColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<Lampiran>{};
    return std::optional<Lampiran>(read_lampiran(s));
}

Result<std::optional<Lampiran>> get_lampiran_by_uid(db::Connection& c, std::string_view uid) {
    static std::string const sql = fmt::format("SELECT {} FROM lampiran WHERE uid = ?", kLampiranColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(uid));
    if (!PILAR_TRY(s.step())) return std::optional<Lampiran>{};
    return std::optional<Lampiran>(read_lampiran(s));
}

Result<std::string> lampiran_bytes(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare("SELECT bytes FROM lampiran WHERE id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::string();
    auto b = s.blob(0);
    return std::string(reinterpret_cast<char const*>(b.data()), b.size());
}

Result<bool> attach_lampiran(db::Connection& c, std::int64_t id, std::int64_t pemilik_id) {
    auto n = PILAR_TRY(
        c.execute("UPDATE lampiran SET pemilik_id = ? WHERE id = ? AND pemilik_id IS NULL", pemilik_id, id));
    return n > 0;
}

Result<std::vector<Usulan>> usulan_about(db::Connection& c, std::int64_t keluarga_id, std::int64_t anggota_id) {
    static std::string const sql = fmt::format(
        "SELECT {} FROM usulan WHERE anggota_id = ? OR (keluarga_id = ? AND anggota_id IS NULL) ORDER BY id",
        kUsulanColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(anggota_id, keluarga_id));
    std::vector<Usulan> out;
    while (PILAR_TRY(s.step())) out.push_back(read_usulan(s));
    return out;
}

Result<std::optional<std::string>> last_check_of(db::Connection& c, std::int64_t keluarga_id) {
    return c.query_value<std::string>("SELECT MAX(checked_at) FROM daftar_periksa_item WHERE keluarga_id = ?",
                                      keluarga_id);
}

Result<void> anonymise_usulan(db::Connection& c, std::int64_t usulan_id, std::string_view at) {
    PILAR_TRY(c.execute("UPDATE usulan SET isi_json = '{}', catatan = NULL, periksa_json = NULL, updated_at = ?, "
                        "version = version + 1 WHERE id = ?",
                        at, usulan_id));
    PILAR_TRY(c.execute("UPDATE usulan_riwayat SET catatan = NULL WHERE usulan_id = ?", usulan_id));
    PILAR_TRY(c.execute("DELETE FROM lampiran WHERE pemilik = 'usulan' AND pemilik_id = ?", usulan_id));
    return {};
}

Result<std::vector<Lampiran>> list_lampiran(db::Connection& c, Pemilik pemilik, std::int64_t pemilik_id) {
    static std::string const sql =
        fmt::format("SELECT {} FROM lampiran WHERE pemilik = ? AND pemilik_id = ? ORDER BY id", kLampiranColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(pemilik_name(pemilik), pemilik_id));
    std::vector<Lampiran> out;
    while (PILAR_TRY(s.step())) out.push_back(read_lampiran(s));
    return out;
}

// ---------------------------------------------------------------------------------- daftar periksa

Result<std::int64_t> insert_daftar(db::Connection& c, DaftarPeriksa const& d) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO daftar_periksa (nama, sumber, keterangan, created_by, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        d.nama, d.sumber, d.keterangan, d.created_by, d.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT daftar_periksa tanpa id", "INSERT daftar_periksa returned no id"});
    return *id;
}

namespace {

// The list's header plus counts over its items in `area`; `having_items` drops lists with none.
std::string daftar_select(std::string const& area_sql, std::string_view where_more) {
    return fmt::format(
        "SELECT d.id, d.nama, d.sumber, d.keterangan, d.created_by, d.created_at, count(i.id), "
        "coalesce(sum(CASE WHEN i.status = 'selesai' THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN i.petugas IS NULL AND i.status = 'belum' THEN 1 ELSE 0 END), 0) "
        "FROM daftar_periksa d LEFT JOIN daftar_periksa_item i ON i.daftar_id = d.id AND {} "
        "WHERE {} GROUP BY d.id, d.nama, d.sumber, d.keterangan, d.created_by, d.created_at",
        area_sql, where_more);
}

DaftarPeriksa read_daftar(db::StatementRef const& s) {
    DaftarPeriksa d;
    d.id = s.integer(0);
    d.nama = s.string(1);
    d.sumber = s.string(2);
    d.keterangan = s.opt_string(3);
    d.created_by = s.string(4);
    d.created_at = s.string(5);
    d.total = s.integer(6);
    d.selesai = s.integer(7);
    d.tanpa_petugas = s.integer(8);
    return d;
}

}  // namespace

Result<std::optional<DaftarPeriksa>> get_daftar(db::Connection& c, std::int64_t id, Area const& area) {
    auto w = area_where(area, "i.kode_wilayah");
    auto s = PILAR_TRY(c.prepare(daftar_select(w.sql, "d.id = ?")));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    PILAR_TRY(s.bind(++i, id));
    if (!PILAR_TRY(s.step())) return std::optional<DaftarPeriksa>{};
    return std::optional<DaftarPeriksa>(read_daftar(s));
}

Result<std::vector<DaftarPeriksa>> list_daftar(db::Connection& c, Area const& area) {
    auto w = area_where(area, "i.kode_wilayah");
    auto s = PILAR_TRY(c.prepare(daftar_select(w.sql, "1 = 1") + " HAVING count(i.id) > 0 ORDER BY d.id DESC"));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    std::vector<DaftarPeriksa> out;
    while (PILAR_TRY(s.step())) out.push_back(read_daftar(s));
    return out;
}

Result<void> insert_item(db::Connection& c, PeriksaItem const& it) {
    PILAR_TRY(c.execute("INSERT INTO daftar_periksa_item (daftar_id, keluarga_id, kode_wilayah, kode_rw, petugas, "
                        "status, usulan_id, version) VALUES (?, ?, ?, ?, ?, 'belum', ?, 1)",
                        it.daftar_id, it.keluarga_id, it.kode_wilayah, it.kode_rw, it.petugas, it.usulan_id));
    return {};
}

Result<std::vector<PeriksaItem>> open_items(db::Connection& c, std::int64_t daftar_id, Area const& area) {
    auto w = area_where(area, "kode_wilayah");
    auto s = PILAR_TRY(c.prepare(fmt::format(
        "SELECT {} FROM daftar_periksa_item WHERE daftar_id = ? AND status = 'belum' AND {} ORDER BY id", kItemColumns,
        w.sql)));
    int i = 0;
    PILAR_TRY(s.bind(++i, daftar_id));
    PILAR_TRY(bind_strings(s, i, w.binds));
    std::vector<PeriksaItem> out;
    while (PILAR_TRY(s.step())) out.push_back(read_item(s));
    return out;
}

Result<void> set_petugas(db::Connection& c, std::int64_t item_id, std::string_view petugas) {
    PILAR_TRY(c.execute("UPDATE daftar_periksa_item SET petugas = ?, version = version + 1 WHERE id = ?", petugas,
                        item_id));
    return {};
}

Result<std::optional<PeriksaItem>> get_item(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM daftar_periksa_item WHERE id = ?", kItemColumns);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<PeriksaItem>{};
    return std::optional<PeriksaItem>(read_item(s));
}

Result<std::vector<PeriksaItem>> list_items(db::Connection& c, ItemFilter const& f) {
    auto w = area_where(f.area, "kode_wilayah");
    std::string sql = fmt::format("SELECT {} FROM daftar_periksa_item WHERE {} AND id > ?", kItemColumns, w.sql);
    if (f.petugas) sql += " AND petugas = ?";
    if (f.daftar_id) sql += " AND daftar_id = ?";
    if (f.status) sql += " AND status = ?";
    sql += " ORDER BY id LIMIT ?";
    auto s = PILAR_TRY(c.prepare(sql));
    int i = 0;
    PILAR_TRY(bind_strings(s, i, w.binds));
    PILAR_TRY(s.bind(++i, f.after));
    if (f.petugas) PILAR_TRY(s.bind(++i, *f.petugas));
    if (f.daftar_id) PILAR_TRY(s.bind(++i, *f.daftar_id));
    if (f.status) PILAR_TRY(s.bind(++i, *f.status));
    PILAR_TRY(s.bind(++i, f.limit));
    std::vector<PeriksaItem> out;
    while (PILAR_TRY(s.step())) out.push_back(read_item(s));
    return out;
}

Result<bool> save_item_result(db::Connection& c, PeriksaItem const& it, std::int64_t expected_version) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE daftar_periksa_item SET status = ?, hasil = ?, jawaban_json = ?, lat = ?, lon = ?, checked_by = ?, "
        "checked_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        it.status, it.hasil, it.jawaban_json, it.lat, it.lon, it.checked_by, it.checked_at, it.id, expected_version));
    return n > 0;
}

namespace {
// Table and column of each kind of stored answer: fixed text, never user input.
std::pair<std::string_view, std::string_view> jawaban_column(JawabanOf of) {
    return of == JawabanOf::Item ? std::pair{"daftar_periksa_item", "jawaban_json"} : std::pair{"usulan", "periksa_json"};
}
}  // namespace

Result<void> each_jawaban(db::Connection& c, JawabanOf of, JawabanVisitor const& visit) {
    auto [table, column] = jawaban_column(of);
    auto s = PILAR_TRY(c.prepare(
        fmt::format("SELECT id, kode_wilayah, {1} FROM {0} WHERE {1} IS NOT NULL ORDER BY id", table, column)));
    while (PILAR_TRY(s.step())) PILAR_TRY(visit(s.integer(0), s.text(1), s.text(2)));
    return {};
}

Result<void> set_jawaban(db::Connection& c, JawabanOf of, std::int64_t id, std::string_view json) {
    auto [table, column] = jawaban_column(of);
    PILAR_TRY(c.execute(fmt::format("UPDATE {} SET {} = ? WHERE id = ?", table, column), json, id));
    return {};
}

Result<std::vector<Kemajuan>> kemajuan(db::Connection& c, std::int64_t daftar_id, Area const& area, GroupBy by) {
    // Kelurahan and kecamatan codes are fixed-width prefixes of the dotted code
    // ("36.71.01.1001" is 13 characters, "36.71.01" 8), so grouping needs no join to wilayah.
    std::string_view key = by == GroupBy::Petugas     ? "coalesce(petugas, '')"
                           : by == GroupBy::Rw        ? "coalesce(kode_rw, '')"
                           : by == GroupBy::Kelurahan ? "substr(kode_wilayah, 1, 13)"
                                                      : "substr(kode_wilayah, 1, 8)";
    auto w = area_where(area, "kode_wilayah");
    auto s = PILAR_TRY(c.prepare(fmt::format(
        "SELECT {0}, sum(CASE WHEN status = 'selesai' THEN 1 ELSE 0 END), count(*) FROM daftar_periksa_item "
        "WHERE daftar_id = ? AND {1} GROUP BY {0} ORDER BY {0}",
        key, w.sql)));
    int i = 0;
    PILAR_TRY(s.bind(++i, daftar_id));
    PILAR_TRY(bind_strings(s, i, w.binds));
    std::vector<Kemajuan> out;
    while (PILAR_TRY(s.step())) out.push_back({s.string(0), s.integer(1), s.integer(2)});
    return out;
}

namespace {

Result<std::vector<PerPetugas>> per_petugas(db::Connection& c, std::string_view sql, std::string_view ke,
                                            std::string_view dari, std::string_view sampai) {
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(ke, dari, sampai));
    std::vector<PerPetugas> out;
    while (PILAR_TRY(st.step())) out.push_back({st.string(0), st.integer(1)});
    return out;
}

}  // namespace

Result<std::vector<PerPetugas>> moves_by_user(db::Connection& c, std::string_view ke, std::string_view dari,
                                              std::string_view sampai) {
    return per_petugas(c, "SELECT username, count(*) FROM usulan_riwayat WHERE ke = ? AND at >= ? AND at < ? GROUP BY username",
                       ke, dari, sampai);
}

Result<std::vector<PerPetugas>> moves_by_author(db::Connection& c, std::string_view ke, std::string_view dari,
                                                std::string_view sampai) {
    return per_petugas(c,
                       "SELECT u.created_by, count(*) FROM usulan_riwayat r JOIN usulan u ON u.id = r.usulan_id "
                       "WHERE r.ke = ? AND r.at >= ? AND r.at < ? GROUP BY u.created_by",
                       ke, dari, sampai);
}

Result<std::vector<PeriksaPerPetugas>> checks_by_user(db::Connection& c, std::string_view dari, std::string_view sampai,
                                                      int tenggat_hari) {
    // Counted per user, list creation day and check day (a few rows: users x days), and the
    // deadline — the creation day plus the allowed days — is added here: SQLite and PostgreSQL
    // share no date arithmetic (SQLite's date(d, '+7 days'), PostgreSQL's date + 7). Days are
    // compared as YYYY-MM-DD text, as before.
    auto st = PILAR_TRY(c.prepare(
        "SELECT i.checked_by, substr(d.created_at, 1, 10), substr(i.checked_at, 1, 10), count(*) "
        "FROM daftar_periksa_item i JOIN daftar_periksa d ON d.id = i.daftar_id "
        "WHERE i.checked_at >= ? AND i.checked_at < ? AND i.checked_by IS NOT NULL "
        "GROUP BY i.checked_by, substr(d.created_at, 1, 10), substr(i.checked_at, 1, 10) ORDER BY i.checked_by"));
    PILAR_TRY(st.bind_all(dari, sampai));
    std::vector<PeriksaPerPetugas> out;
    while (PILAR_TRY(st.step())) {
        if (out.empty() || out.back().username != st.text(0)) out.push_back({st.string(0), 0, 0});
        auto const n = st.integer(3);
        out.back().selesai += n;
        if (auto created = Date::parse(st.text(1)); created &&
            st.text(2) <= Date::from_days(created->days_since_epoch() + tenggat_hari).iso())
            out.back().tepat_waktu += n;
    }
    return out;
}

}  // namespace pilar::verivali::store
