#include "workforce/store.hpp"

#include <fmt/format.h>

namespace pilar::workforce::store {
namespace {

constexpr std::string_view kPilarColumns =
    "id, jenis, nama, jenis_kelamin, tanggal_lahir, alamat, telepon, email, kode_ktp, ketua_rt_rw, pelatihan_dasar, "
    "pelatihan_sumber, username, kode_wilayah, status, status_alasan, created_by, created_at, updated_at, version";

PilarSosial read_pilar(db::StatementRef const& s) {
    PilarSosial p;
    p.id = s.integer(0);
    p.jenis = jenis_from_name(s.text(1)).value_or(Jenis::Psm);
    p.nama = s.string(2);
    p.jenis_kelamin = s.opt_string(3);
    p.tanggal_lahir = s.opt_string(4);
    p.alamat = s.opt_string(5);
    p.telepon = s.opt_string(6);
    p.email = s.opt_string(7);
    p.kode_ktp = s.opt_string(8);
    p.ketua_rt_rw = s.integer(9) != 0;
    p.pelatihan_dasar = s.opt_string(10);
    p.pelatihan_sumber = s.opt_string(11);
    p.username = s.opt_string(12);
    p.kode_wilayah = s.string(13);
    p.status = status_from_name(s.text(14)).value_or(Status::Kandidat);
    p.status_alasan = s.opt_string(15);
    p.created_by = s.string(16);
    p.created_at = s.string(17);
    p.updated_at = s.string(18);
    p.version = s.integer(19);
    return p;
}

constexpr std::string_view kSkColumns =
    "id, pilar_id, nomor, tanggal, ditandatangani, mulai, selesai, perpanjangan_dari, created_by, created_at";

Sk read_sk(db::StatementRef const& s, int o = 0) {
    return Sk{.id = s.integer(o),
              .pilar_id = s.integer(o + 1),
              .nomor = s.string(o + 2),
              .tanggal = s.string(o + 3),
              .ditandatangani = s.string(o + 4),
              .mulai = s.string(o + 5),
              .selesai = s.string(o + 6),
              .perpanjangan_dari = s.opt_integer(o + 7),
              .created_by = s.string(o + 8),
              .created_at = s.string(o + 9)};
}

constexpr std::string_view kLaporanColumns =
    "l.id, l.uid, l.pilar_id, p.nama, l.tanggal, l.jenis, l.uraian, l.kode_wilayah, l.lat, l.lon, l.created_by, "
    "l.created_at";

std::optional<double> opt_real(db::StatementRef const& s, int c) {
    if (s.is_null(c)) return std::nullopt;
    return s.real(c);
}

Laporan read_laporan(db::StatementRef const& s) {
    Laporan l;
    l.id = s.integer(0);
    l.uid = s.opt_string(1);
    l.pilar_id = s.integer(2);
    l.pilar_nama = s.string(3);
    l.tanggal = s.string(4);
    l.jenis = kegiatan_from_name(s.text(5)).value_or(JenisKegiatan::Lainnya);
    l.uraian = s.string(6);
    l.kode_wilayah = s.string(7);
    l.lat = opt_real(s, 8);
    l.lon = opt_real(s, 9);
    l.created_by = s.string(10);
    l.created_at = s.string(11);
    return l;
}

constexpr std::string_view kFotoColumns = "id, uid, laporan_id, mime, sha256, ukuran, created_by, created_at";

Foto read_foto(db::StatementRef const& s) {
    return Foto{.id = s.integer(0),
                .uid = s.opt_string(1),
                .laporan_id = s.integer(2),
                .mime = s.string(3),
                .sha256 = s.string(4),
                .ukuran = s.integer(5),
                .created_by = s.string(6),
                .created_at = s.string(7)};
}

// A growing WHERE clause with its text arguments. A code X covers [X, X + "/"): '/' sorts right
// after '.', so the range holds X and every code below it.
struct Query {
    std::string sql;
    std::vector<std::string> args;
    void within(std::string_view column, std::string const& code) {
        sql += fmt::format(" AND {0} >= ? AND {0} < ?", column);
        args.push_back(code);
        args.push_back(code + "/");
    }
    void area(std::string_view column, Area const& a) {
        if (a.all) return;
        if (a.prefixes.empty()) {
            sql += " AND 1 = 0";
            return;
        }
        sql += " AND (";
        for (std::size_t i = 0; i < a.prefixes.size(); ++i) {
            sql += fmt::format("{1}({0} >= ? AND {0} < ?)", column, i ? " OR " : "");
            args.push_back(a.prefixes[i]);
            args.push_back(a.prefixes[i] + "/");
        }
        sql += ")";
    }
    void equals(std::string_view column, std::string value) {
        sql += fmt::format(" AND {} = ?", column);
        args.push_back(std::move(value));
    }
    Result<db::StatementRef> prepare(db::Connection& c, std::string const& head, std::string const& tail) const {
        auto st = PILAR_TRY(c.prepare(head + sql + tail));
        for (std::size_t i = 0; i < args.size(); ++i) PILAR_TRY(st.bind(static_cast<int>(i + 1), args[i]));
        return st;
    }
};

template <typename T, typename Read>
Result<std::vector<T>> collect(db::StatementRef& st, Read read) {
    std::vector<T> out;
    while (PILAR_TRY(st.step())) out.push_back(read(st));
    return out;
}

template <typename T, typename Read>
Result<std::optional<T>> first(db::StatementRef& st, Read read) {
    std::optional<T> out;
    while (PILAR_TRY(st.step()))
        if (!out) out = read(st);
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------- pilar_sosial

Result<std::int64_t> insert_pilar(db::Connection& c, PilarSosial const& p) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO pilar_sosial (jenis, nama, jenis_kelamin, tanggal_lahir, alamat, telepon, email, kode_ktp, "
        "ketua_rt_rw, pelatihan_dasar, pelatihan_sumber, username, kode_wilayah, status, status_alasan, created_by, "
        "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
        jenis_name(p.jenis), p.nama, p.jenis_kelamin, p.tanggal_lahir, p.alamat, p.telepon, p.email, p.kode_ktp,
        p.ketua_rt_rw, p.pelatihan_dasar, p.pelatihan_sumber, p.username, p.kode_wilayah, status_name(p.status),
        p.status_alasan, p.created_by, p.created_at, p.updated_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT pilar_sosial tanpa id", "INSERT pilar_sosial returned no id"});
    return *id;
}

Result<bool> save_pilar(db::Connection& c, PilarSosial const& p, std::int64_t expected) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE pilar_sosial SET jenis = ?, nama = ?, jenis_kelamin = ?, tanggal_lahir = ?, alamat = ?, telepon = ?, "
        "email = ?, kode_ktp = ?, ketua_rt_rw = ?, pelatihan_dasar = ?, pelatihan_sumber = ?, username = ?, "
        "kode_wilayah = ?, status = ?, status_alasan = ?, updated_at = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        jenis_name(p.jenis), p.nama, p.jenis_kelamin, p.tanggal_lahir, p.alamat, p.telepon, p.email, p.kode_ktp,
        p.ketua_rt_rw, p.pelatihan_dasar, p.pelatihan_sumber, p.username, p.kode_wilayah, status_name(p.status),
        p.status_alasan, p.updated_at, p.id, expected));
    return n == 1;
}

Result<std::optional<PilarSosial>> get_pilar(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM pilar_sosial WHERE id = ?", kPilarColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(id));
    return first<PilarSosial>(st, read_pilar);
}

Result<std::optional<PilarSosial>> get_pilar_by_username(db::Connection& c, std::string_view username) {
    static std::string const sql = fmt::format("SELECT {} FROM pilar_sosial WHERE username = ?", kPilarColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(username));
    return first<PilarSosial>(st, read_pilar);
}

Result<std::vector<PilarSosial>> list_pilar(db::Connection& c, PilarFilter const& f) {
    Query q;
    q.area("kode_wilayah", f.area);
    if (f.username) q.equals("username", *f.username);
    if (f.jenis) q.equals("jenis", std::string(jenis_name(*f.jenis)));
    if (f.status) q.equals("status", std::string(status_name(*f.status)));
    if (f.under) q.within("kode_wilayah", *f.under);
    if (f.nama_like) {
        q.sql += " AND lower(nama) LIKE ?";
        q.args.push_back("%" + *f.nama_like + "%");
    }
    auto st = PILAR_TRY(q.prepare(c, fmt::format("SELECT {} FROM pilar_sosial WHERE id > {}", kPilarColumns, f.after),
                                  f.limit > 0 ? fmt::format(" ORDER BY id LIMIT {}", f.limit) : " ORDER BY id"));
    return collect<PilarSosial>(st, read_pilar);
}

// ---------------------------------------------------------------------------- SK, assignments

Result<std::int64_t> insert_sk(db::Connection& c, Sk const& s) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO pilar_sk (pilar_id, nomor, tanggal, ditandatangani, mulai, selesai, perpanjangan_dari, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        s.pilar_id, s.nomor, s.tanggal, s.ditandatangani, s.mulai, s.selesai, s.perpanjangan_dari, s.created_by,
        s.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT pilar_sk tanpa id", "INSERT pilar_sk returned no id"});
    return *id;
}

Result<std::vector<Sk>> list_sk(db::Connection& c, std::int64_t pilar_id) {
    static std::string const sql =
        fmt::format("SELECT {} FROM pilar_sk WHERE pilar_id = ? ORDER BY selesai DESC, id DESC", kSkColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(pilar_id));
    return collect<Sk>(st, [](auto const& s) { return read_sk(s); });
}

Result<std::optional<Sk>> get_sk(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM pilar_sk WHERE id = ?", kSkColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(id));
    return first<Sk>(st, [](auto const& s) { return read_sk(s); });
}

Result<std::int64_t> insert_penugasan(db::Connection& c, Penugasan const& p) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO pilar_penugasan (pilar_id, kode_wilayah, mulai, selesai, alasan, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p.pilar_id, p.kode_wilayah, p.mulai, p.selesai, p.alasan, p.created_by, p.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT pilar_penugasan tanpa id", "INSERT pilar_penugasan returned no id"});
    return *id;
}

Result<void> end_penugasan(db::Connection& c, std::int64_t pilar_id, std::string_view selesai, std::string_view alasan) {
    PILAR_TRY(c.execute(
        "UPDATE pilar_penugasan SET selesai = ?, alasan = coalesce(alasan, ?) WHERE pilar_id = ? AND selesai IS NULL",
        selesai, alasan, pilar_id));
    return {};
}

Result<std::vector<Penugasan>> list_penugasan(db::Connection& c, std::int64_t pilar_id, bool current_only) {
    auto st = PILAR_TRY(c.prepare(
        current_only ? "SELECT id, pilar_id, kode_wilayah, mulai, selesai, alasan, created_by, created_at FROM "
                       "pilar_penugasan WHERE pilar_id = ? AND selesai IS NULL ORDER BY kode_wilayah"
                     : "SELECT id, pilar_id, kode_wilayah, mulai, selesai, alasan, created_by, created_at FROM "
                       "pilar_penugasan WHERE pilar_id = ? ORDER BY id DESC"));
    PILAR_TRY(st.bind_all(pilar_id));
    return collect<Penugasan>(st, [](auto const& s) {
        return Penugasan{.id = s.integer(0),
                         .pilar_id = s.integer(1),
                         .kode_wilayah = s.string(2),
                         .mulai = s.string(3),
                         .selesai = s.opt_string(4),
                         .alasan = s.opt_string(5),
                         .created_by = s.string(6),
                         .created_at = s.string(7)};
    });
}

Result<std::vector<Tugas>> active_assignments(db::Connection& c, Jenis jenis, std::string_view under) {
    auto st = PILAR_TRY(c.prepare(
        "SELECT t.kode_wilayah, p.id, p.nama FROM pilar_penugasan t JOIN pilar_sosial p ON p.id = t.pilar_id "
        "WHERE t.selesai IS NULL AND t.kode_wilayah >= ? AND t.kode_wilayah < ? AND p.status = 'aktif' AND p.jenis = ? "
        "ORDER BY t.kode_wilayah, p.id"));
    std::string const end = std::string(under) + "/";  // bound without a copy: must outlive the steps
    PILAR_TRY(st.bind_all(under, end, jenis_name(jenis)));
    return collect<Tugas>(st, [](auto const& s) { return Tugas{s.string(0), s.integer(1), s.string(2)}; });
}

Result<std::map<std::int64_t, std::vector<std::string>>> current_assignments(db::Connection& c) {
    auto st = PILAR_TRY(
        c.prepare("SELECT pilar_id, kode_wilayah FROM pilar_penugasan WHERE selesai IS NULL ORDER BY pilar_id, kode_wilayah"));
    std::map<std::int64_t, std::vector<std::string>> out;
    while (PILAR_TRY(st.step())) out[st.integer(0)].push_back(st.string(1));
    return out;
}

Result<void> insert_status(db::Connection& c, StatusRiwayat const& r) {
    PILAR_TRY(c.execute("INSERT INTO pilar_status_riwayat (pilar_id, dari, ke, alasan, at, username) VALUES (?, ?, ?, ?, ?, ?)",
                        r.pilar_id, r.dari, r.ke, r.alasan, r.at, r.username));
    return {};
}

Result<std::vector<StatusRiwayat>> list_status(db::Connection& c, std::int64_t pilar_id) {
    auto st = PILAR_TRY(c.prepare(
        "SELECT id, pilar_id, dari, ke, alasan, at, username FROM pilar_status_riwayat WHERE pilar_id = ? ORDER BY id"));
    PILAR_TRY(st.bind_all(pilar_id));
    return collect<StatusRiwayat>(st, [](auto const& s) {
        return StatusRiwayat{.id = s.integer(0),
                             .pilar_id = s.integer(1),
                             .dari = s.opt_string(2),
                             .ke = s.string(3),
                             .alasan = s.opt_string(4),
                             .at = s.string(5),
                             .username = s.string(6)};
    });
}

Result<std::vector<SkBerakhir>> sk_ending(db::Connection& c, std::string_view under, std::string_view until) {
    static std::string const sql = fmt::format(
        "SELECT p.id, p.nama, p.jenis, p.kode_wilayah, {} FROM pilar_sk s JOIN pilar_sosial p ON p.id = s.pilar_id "
        "WHERE s.selesai <= ? AND p.status = 'aktif' AND p.kode_wilayah >= ? AND p.kode_wilayah < ? "
        "AND NOT EXISTS (SELECT 1 FROM pilar_sk n WHERE n.pilar_id = s.pilar_id AND (n.selesai > s.selesai "
        "OR (n.selesai = s.selesai AND n.id > s.id))) ORDER BY s.selesai, p.id",
        "s.id, s.pilar_id, s.nomor, s.tanggal, s.ditandatangani, s.mulai, s.selesai, s.perpanjangan_dari, s.created_by, "
        "s.created_at");
    auto st = PILAR_TRY(c.prepare(sql));
    std::string const end = std::string(under) + "/";
    PILAR_TRY(st.bind_all(until, under, end));
    return collect<SkBerakhir>(st, [](auto const& s) {
        SkBerakhir b;
        b.pilar_id = s.integer(0);
        b.nama = s.string(1);
        b.jenis = jenis_from_name(s.text(2)).value_or(Jenis::Psm);
        b.kode_wilayah = s.string(3);
        b.sk = read_sk(s, 4);
        return b;
    });
}

// ---------------------------------------------------------------------------- laporan kegiatan

Result<std::int64_t> insert_laporan(db::Connection& c, Laporan const& l) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO laporan_kegiatan (uid, pilar_id, tanggal, jenis, uraian, kode_wilayah, lat, lon, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        l.uid, l.pilar_id, l.tanggal, kegiatan_name(l.jenis), l.uraian, l.kode_wilayah, l.lat, l.lon, l.created_by,
        l.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT laporan_kegiatan tanpa id", "INSERT laporan_kegiatan returned no id"});
    // urutan: the report's order, read back by fill_laporan (migration 0025).
    std::int64_t urutan = 0;
    for (auto const& s : l.sasaran)
        PILAR_TRY(c.execute("INSERT INTO laporan_kegiatan_sasaran (laporan_id, keluarga_id, anggota_id, urutan) "
                            "VALUES (?, ?, ?, ?)",
                            *id, s.keluarga_id, s.anggota_id, ++urutan));
    return *id;
}

namespace {

Result<void> fill_laporan(db::Connection& c, Laporan& l) {
    auto s = PILAR_TRY(c.prepare("SELECT keluarga_id, anggota_id FROM laporan_kegiatan_sasaran WHERE laporan_id = ? ORDER BY urutan"));
    PILAR_TRY(s.bind_all(l.id));
    l.sasaran = PILAR_TRY(collect<Sasaran>(s, [](auto const& r) { return Sasaran{r.integer(0), r.opt_integer(1)}; }));
    static std::string const sql = fmt::format("SELECT {} FROM laporan_kegiatan_foto WHERE laporan_id = ? ORDER BY id", kFotoColumns);
    auto f = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(f.bind_all(l.id));
    l.foto = PILAR_TRY(collect<Foto>(f, read_foto));
    return {};
}

Result<std::optional<Laporan>> laporan_where(db::Connection& c, std::string_view where, auto const& value) {
    auto st = PILAR_TRY(c.prepare(fmt::format(
        "SELECT {} FROM laporan_kegiatan l JOIN pilar_sosial p ON p.id = l.pilar_id WHERE {}", kLaporanColumns, where)));
    PILAR_TRY(st.bind_all(value));
    auto l = PILAR_TRY(first<Laporan>(st, read_laporan));
    if (l) PILAR_TRY(fill_laporan(c, *l));
    return l;
}

}  // namespace

Result<std::optional<Laporan>> get_laporan(db::Connection& c, std::int64_t id) { return laporan_where(c, "l.id = ?", id); }

Result<std::optional<Laporan>> get_laporan_by_uid(db::Connection& c, std::string_view uid) {
    return laporan_where(c, "l.uid = ?", uid);
}

Result<std::vector<Laporan>> list_laporan(db::Connection& c, LaporanFilter const& f) {
    Query q;
    q.area("l.kode_wilayah", f.area);
    if (f.pilar_id) q.equals("l.pilar_id", std::to_string(*f.pilar_id));
    if (f.under) q.within("l.kode_wilayah", *f.under);
    if (f.dari) {
        q.sql += " AND l.tanggal >= ?";
        q.args.push_back(*f.dari);
    }
    if (f.sampai) {
        q.sql += " AND l.tanggal < ?";
        q.args.push_back(*f.sampai);
    }
    if (f.jenis) q.equals("l.jenis", std::string(kegiatan_name(*f.jenis)));
    std::string head = fmt::format("SELECT {} FROM laporan_kegiatan l JOIN pilar_sosial p ON p.id = l.pilar_id WHERE ", kLaporanColumns);
    head += f.after > 0 ? fmt::format("l.id < {}", f.after) : "1 = 1";
    auto st = PILAR_TRY(q.prepare(c, head, fmt::format(" ORDER BY l.id DESC LIMIT {}", f.limit)));
    auto out = PILAR_TRY(collect<Laporan>(st, read_laporan));
    for (auto& l : out) PILAR_TRY(fill_laporan(c, l));
    return out;
}

Result<std::int64_t> insert_foto(db::Connection& c, Foto const& f, std::string_view bytes) {
    std::span<const std::uint8_t> blob(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size());
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO laporan_kegiatan_foto (uid, laporan_id, mime, bytes, sha256, ukuran, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        f.uid, f.laporan_id, f.mime, blob, f.sha256, f.ukuran, f.created_by, f.created_at));
    if (!id) return fail(ErrorCode::Internal, {"INSERT foto tanpa id", "INSERT foto returned no id"});
    return *id;
}

Result<std::optional<Foto>> get_foto(db::Connection& c, std::int64_t id) {
    static std::string const sql = fmt::format("SELECT {} FROM laporan_kegiatan_foto WHERE id = ?", kFotoColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(id));
    return first<Foto>(st, read_foto);
}

Result<std::optional<Foto>> get_foto_by_uid(db::Connection& c, std::string_view uid) {
    static std::string const sql = fmt::format("SELECT {} FROM laporan_kegiatan_foto WHERE uid = ?", kFotoColumns);
    auto st = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(st.bind_all(uid));
    return first<Foto>(st, read_foto);
}

Result<std::string> foto_bytes(db::Connection& c, std::int64_t id) {
    auto st = PILAR_TRY(c.prepare("SELECT bytes FROM laporan_kegiatan_foto WHERE id = ?"));
    PILAR_TRY(st.bind_all(id));
    std::string out;
    while (PILAR_TRY(st.step())) {
        auto b = st.blob(0);
        out.assign(reinterpret_cast<char const*>(b.data()), b.size());
    }
    return out;
}

Result<std::int64_t> count_foto(db::Connection& c, std::int64_t laporan_id) {
    auto n = PILAR_TRY(c.query_value<std::int64_t>("SELECT count(*) FROM laporan_kegiatan_foto WHERE laporan_id = ?", laporan_id));
    return n.value_or(0);
}

Result<std::map<std::int64_t, Angka>> count_laporan(db::Connection& c, std::string_view dari, std::string_view sampai) {
    auto st = PILAR_TRY(c.prepare(
        "SELECT pilar_id, jenis, count(*) FROM laporan_kegiatan WHERE tanggal >= ? AND tanggal < ? GROUP BY pilar_id, jenis"));
    PILAR_TRY(st.bind_all(dari, sampai));
    std::map<std::int64_t, Angka> out;
    while (PILAR_TRY(st.step())) {
        auto& a = out[st.integer(0)];
        a["laporan." + st.string(1)] = st.integer(2);
        a["laporan"] += st.integer(2);
    }
    return out;
}

Result<std::map<std::string, std::pair<double, double>>> mean_position(db::Connection& c, std::string_view under) {
    auto st = PILAR_TRY(c.prepare(
        "SELECT substr(kode_wilayah, 1, 13), avg(lat), avg(lon) FROM laporan_kegiatan WHERE kode_wilayah >= ? AND "
        "kode_wilayah < ? AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY substr(kode_wilayah, 1, 13)"));
    std::string const end = std::string(under) + "/";
    PILAR_TRY(st.bind_all(under, end));
    std::map<std::string, std::pair<double, double>> out;
    while (PILAR_TRY(st.step())) out[st.string(0)] = {st.real(1), st.real(2)};
    return out;
}

// ---------------------------------------------------------------------------- rules

Result<std::vector<AturanTersimpan>> list_aturan(db::Connection& c, std::string_view kode_kota) {
    auto st = PILAR_TRY(c.prepare("SELECT kunci, nilai, updated_by, updated_at FROM workforce_aturan_kota WHERE kode_kota = ? ORDER BY kunci"));
    PILAR_TRY(st.bind_all(kode_kota));
    return collect<AturanTersimpan>(st, [](auto const& s) { return AturanTersimpan{s.string(0), s.string(1), s.string(2), s.string(3)}; });
}

Result<void> put_aturan(db::Connection& c, std::string_view kode_kota, std::string_view kunci, std::string_view nilai,
                        std::string_view by, std::string_view at) {
    PILAR_TRY(c.execute(
        "INSERT INTO workforce_aturan_kota (kode_kota, kunci, nilai, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kode_kota, kunci) DO UPDATE SET nilai = excluded.nilai, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        kode_kota, kunci, nilai, by, at));
    return {};
}

}  // namespace pilar::workforce::store
