#include "registry/store.hpp"

#include <fmt/format.h>

namespace pilar::registry::store {
namespace {

// The record columns stored as plain columns of the same name, in record order (the record's
// kode_wilayah is the household's kelurahan: column kode_kelurahan).
constexpr KCol kKeluargaPlain[] = {KCol::KodeWilayah, KCol::Rw, KCol::Rt, KCol::Alamat, KCol::Lat, KCol::Lon,
                                   KCol::Desil, KCol::StatusBangunan, KCol::StatusLahan, KCol::LuasLantai,
                                   KCol::JenisLantai, KCol::JenisDinding, KCol::KondisiDinding, KCol::JenisAtap,
                                   KCol::KondisiAtap, KCol::JumlahKamar, KCol::SumberAir, KCol::SumberPenerangan,
                                   KCol::DayaListrik, KCol::BahanBakar, KCol::FasilitasBab, KCol::Aset};
constexpr ACol kAnggotaPlain[] = {ACol::Nama, ACol::JenisKelamin, ACol::TempatLahir, ACol::TanggalLahir, ACol::Hubungan,
                                  ACol::StatusKawin, ACol::Pendidikan, ACol::Pekerjaan, ACol::StatusKeberadaan,
                                  ACol::StatusPadan, ACol::Nisn, ACol::Sekolah};

std::string_view db_name(KCol c) {
    return c == KCol::KodeWilayah ? "kode_kelurahan" : keluarga_columns()[static_cast<std::size_t>(c)].name;
}
std::string_view db_name(ACol c) { return anggota_columns()[static_cast<std::size_t>(c)].name; }
Kind kind_of(KCol c) { return keluarga_columns()[static_cast<std::size_t>(c)].kind; }

template <typename Cols>
std::string column_list(Cols const& cols) {
    std::string out;
    for (auto c : cols) {
        if (!out.empty()) out += ", ";
        out += db_name(c);
    }
    return out;
}

std::string const& keluarga_select() {
    static std::string const s =
        "SELECT id, uid, no_kk_enc, no_kk_bi, no_kk_mask, kode_wilayah, status, jumlah_anggota, version, created_at, "
        "updated_at, created_by, updated_by, row_hash, " + column_list(kKeluargaPlain) + " FROM keluarga";
    return s;
}
constexpr int kKeluargaMetaCols = 14;

std::string const& anggota_select() {
    static std::string const s =
        "SELECT id, uid, keluarga_id, nik_enc, nik_bi, nik_mask, disabilitas_enc, penyakit_kronis_enc, nama_cari, "
        "kode_wilayah, version, created_at, updated_at, created_by, updated_by, row_hash, "
        "(SELECT GROUP_CONCAT(ppks, ';') FROM (SELECT ppks FROM anggota_ppks p WHERE p.anggota_id = anggota.id AND "
        "p.sampai IS NULL ORDER BY ppks)), " + column_list(kAnggotaPlain) + " FROM anggota";
    return s;
}
constexpr int kAnggotaMetaCols = 17;

Result<void> bind_text_or_null(db::StatementRef& s, int i, std::string const& v) {
    if (v.empty()) return s.bind(i, nullptr);
    return s.bind(i, v);
}

Result<void> bind_field(db::StatementRef& s, int i, Kind kind, std::string const& v) {
    if (v.empty()) return s.bind(i, nullptr);
    if (kind == Kind::Real) return s.bind(i, std::stod(v));
    if (kind == Kind::Integer) return s.bind(i, static_cast<std::int64_t>(std::stoll(v)));
    return s.bind(i, v);
}

std::string read_field(db::StatementRef& s, int col, Kind kind) {
    if (s.is_null(col)) return {};
    if (kind == Kind::Real) return fmt::format("{}", s.real(col));
    if (kind == Kind::Integer) return std::to_string(s.integer(col));
    return s.string(col);
}

void read_meta(db::StatementRef& s, Meta& m, int id_col, int uid_col, int kode_col, int first_rest) {
    m.id = s.integer(id_col);
    m.uid = s.opt_string(uid_col);
    m.kode_wilayah = s.string(kode_col);
    m.version = s.integer(first_rest);
    m.created_at = s.string(first_rest + 1);
    m.updated_at = s.string(first_rest + 2);
    m.created_by = s.string(first_rest + 3);
    m.updated_by = s.string(first_rest + 4);
    m.row_hash = s.string(first_rest + 5);
}

KeluargaRow read_keluarga(db::StatementRef& s) {
    KeluargaRow r;
    read_meta(s, r.meta, 0, 1, 5, 8);
    r.no_kk_enc = s.string(2);
    r.no_kk_bi = s.string(3);
    r.no_kk_mask = s.string(4);
    r.status = s.string(6);
    r.jumlah_anggota = s.integer(7);
    int col = kKeluargaMetaCols;
    for (auto c : kKeluargaPlain) r.rec[c] = read_field(s, col++, kind_of(c));
    return r;
}

AnggotaRow read_anggota(db::StatementRef& s) {
    AnggotaRow r;
    read_meta(s, r.meta, 0, 1, 9, 10);
    r.keluarga_id = s.integer(2);
    r.nik_enc = s.opt_string(3);
    r.nik_bi = s.opt_string(4);
    r.nik_mask = s.opt_string(5);
    r.disabilitas_enc = s.opt_string(6);
    r.penyakit_kronis_enc = s.opt_string(7);
    r.nama_cari = s.string(8);
    r.rec[ACol::Ppks] = s.is_null(16) ? std::string() : s.string(16);
    int col = kAnggotaMetaCols;
    for (auto c : kAnggotaPlain) r.rec[c] = s.is_null(col) ? std::string() : s.string(col), ++col;
    return r;
}

// "(kode_wilayah >= ? AND kode_wilayah < ?) OR ..." for the ranges; values appended to `args`.
// A code's own records and everything below it sort in [code, code + "/"): '/' follows '.' and
// precedes the digits, and codes of one level have one length.
std::string range_sql(Ranges const& ranges, std::string_view column, std::vector<std::string>& args) {
    if (ranges.empty()) return {};
    std::string out = "(";
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (i) out += " OR ";
        out += fmt::format("({0} >= ? AND {0} < ?)", column);
        args.push_back(ranges[i]);
        args.push_back(ranges[i] + "/");
    }
    return out + ")";
}

struct Where {
    std::string sql;
    std::vector<std::string> text_args;  // bound in order, before the integer args below
    void add(std::string clause) {
        sql += sql.empty() ? " WHERE " : " AND ";
        sql += clause;
    }
};

}  // namespace

std::string lower_name(std::string_view nama) {
    std::string out;
    out.reserve(nama.size());
    bool space = false;
    for (char c : nama) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

Result<std::int64_t> next_id(db::Connection& c, std::string_view table) {
    auto v = PILAR_TRY(c.query_value<std::int64_t>(fmt::format("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table)));
    return v.value_or(1);
}

Result<std::optional<KeluargaRow>> get_keluarga(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare(keluarga_select() + " WHERE id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<KeluargaRow>{};
    return std::optional<KeluargaRow>{read_keluarga(s)};
}

Result<std::optional<std::int64_t>> keluarga_id_by_uid(db::Connection& c, std::string_view uid) {
    return c.query_value<std::int64_t>("SELECT id FROM keluarga WHERE uid = ?", uid);
}

Result<std::optional<std::int64_t>> keluarga_id_by_kk(db::Connection& c, std::string_view bi) {
    return c.query_value<std::int64_t>("SELECT id FROM keluarga WHERE no_kk_bi = ?", bi);
}

Result<void> insert_keluarga(db::Connection& c, KeluargaRow const& r) {
    static std::string const sql = [] {
        std::string q = "INSERT INTO keluarga (id, uid, no_kk_enc, no_kk_bi, no_kk_mask, kode_wilayah, status, "
                        "jumlah_anggota, version, created_at, updated_at, created_by, updated_by, row_hash, " +
                        column_list(kKeluargaPlain) + ") VALUES (?";
        for (std::size_t i = 1; i < kKeluargaMetaCols + std::size(kKeluargaPlain); ++i) q += ", ?";
        return q + ")";
    }();
    auto s = PILAR_TRY(c.prepare(sql));
    auto const& m = r.meta;
    PILAR_TRY(s.bind_all(m.id, m.uid, r.no_kk_enc, r.no_kk_bi, r.no_kk_mask, m.kode_wilayah, r.status, r.jumlah_anggota,
                         m.version, m.created_at, m.updated_at, m.created_by, m.updated_by, m.row_hash));
    int i = kKeluargaMetaCols + 1;
    for (auto col : kKeluargaPlain) PILAR_TRY(bind_field(s, i++, kind_of(col), r.rec[col]));
    while (PILAR_TRY(s.step())) {
    }
    return {};
}

Result<bool> update_keluarga(db::Connection& c, KeluargaRow const& r, std::int64_t expected_version) {
    static std::string const sql = [] {
        std::string q = "UPDATE keluarga SET no_kk_enc = ?, no_kk_bi = ?, no_kk_mask = ?, kode_wilayah = ?, status = ?, "
                        "version = version + 1, updated_at = ?, updated_by = ?, row_hash = ?";
        for (auto col : kKeluargaPlain) q += fmt::format(", {} = ?", db_name(col));
        return q + " WHERE id = ? AND version = ?";
    }();
    auto s = PILAR_TRY(c.prepare(sql));
    auto const& m = r.meta;
    PILAR_TRY(s.bind_all(r.no_kk_enc, r.no_kk_bi, r.no_kk_mask, m.kode_wilayah, r.status, m.updated_at, m.updated_by,
                         m.row_hash));
    int i = 9;
    for (auto col : kKeluargaPlain) PILAR_TRY(bind_field(s, i++, kind_of(col), r.rec[col]));
    PILAR_TRY(s.bind(i++, m.id));
    PILAR_TRY(s.bind(i, expected_version));
    while (PILAR_TRY(s.step())) {
    }
    return s.changes() == 1;
}

Result<void> refresh_member_count(db::Connection& c, std::int64_t keluarga_id) {
    PILAR_TRY(c.execute("UPDATE keluarga SET jumlah_anggota = (SELECT COUNT(*) FROM anggota WHERE keluarga_id = ? "
                        "AND status_keberadaan = 'ada') WHERE id = ?",
                        keluarga_id, keluarga_id));
    return {};
}

Result<std::vector<KeluargaRow>> list_keluarga(db::Connection& c, ListFilter const& f) {
    Where w;
    std::vector<std::int64_t> ints;
    if (auto r = range_sql(f.ranges, "kode_wilayah", w.text_args); !r.empty()) w.add(r);
    if (f.no_kk_bi) {
        w.add("no_kk_bi = ?");
        w.text_args.push_back(*f.no_kk_bi);
    }
    if (f.after_key && f.after_id) {
        w.add("(kode_wilayah > ? OR (kode_wilayah = ? AND id > ?))");
        w.text_args.push_back(*f.after_key);
        w.text_args.push_back(*f.after_key);
        ints.push_back(*f.after_id);
    }
    auto s = PILAR_TRY(c.prepare(keluarga_select() + w.sql + " ORDER BY kode_wilayah, id LIMIT ?"));
    int i = 1;
    for (auto const& a : w.text_args) PILAR_TRY(s.bind(i++, a));
    for (auto v : ints) PILAR_TRY(s.bind(i++, v));
    PILAR_TRY(s.bind(i, f.limit));
    std::vector<KeluargaRow> out;
    while (PILAR_TRY(s.step())) out.push_back(read_keluarga(s));
    return out;
}

Result<std::optional<AnggotaRow>> get_anggota(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare(anggota_select() + " WHERE id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<AnggotaRow>{};
    return std::optional<AnggotaRow>{read_anggota(s)};
}

Result<std::optional<std::int64_t>> anggota_id_by_uid(db::Connection& c, std::string_view uid) {
    return c.query_value<std::int64_t>("SELECT id FROM anggota WHERE uid = ?", uid);
}

Result<std::optional<std::int64_t>> anggota_id_by_nik(db::Connection& c, std::string_view bi) {
    return c.query_value<std::int64_t>("SELECT id FROM anggota WHERE nik_bi = ?", bi);
}

Result<void> insert_anggota(db::Connection& c, AnggotaRow const& r) {
    static std::string const sql = [] {
        std::string q = "INSERT INTO anggota (id, uid, keluarga_id, nik_enc, nik_bi, nik_mask, disabilitas_enc, "
                        "penyakit_kronis_enc, nama_cari, kode_wilayah, version, created_at, updated_at, created_by, "
                        "updated_by, row_hash, " + column_list(kAnggotaPlain) + ") VALUES (?";
        for (std::size_t i = 1; i < 16 + std::size(kAnggotaPlain); ++i) q += ", ?";
        return q + ")";
    }();
    auto s = PILAR_TRY(c.prepare(sql));
    auto const& m = r.meta;
    PILAR_TRY(s.bind_all(m.id, m.uid, r.keluarga_id, r.nik_enc, r.nik_bi, r.nik_mask, r.disabilitas_enc,
                         r.penyakit_kronis_enc, r.nama_cari, m.kode_wilayah, m.version, m.created_at, m.updated_at,
                         m.created_by, m.updated_by, m.row_hash));
    int i = 17;
    for (auto col : kAnggotaPlain) PILAR_TRY(bind_text_or_null(s, i++, r.rec[col]));
    while (PILAR_TRY(s.step())) {
    }
    return {};
}

Result<bool> update_anggota(db::Connection& c, AnggotaRow const& r, std::int64_t expected_version) {
    static std::string const sql = [] {
        std::string q = "UPDATE anggota SET keluarga_id = ?, nik_enc = ?, nik_bi = ?, nik_mask = ?, disabilitas_enc = ?, "
                        "penyakit_kronis_enc = ?, nama_cari = ?, kode_wilayah = ?, version = version + 1, "
                        "updated_at = ?, updated_by = ?, row_hash = ?";
        for (auto col : kAnggotaPlain) q += fmt::format(", {} = ?", db_name(col));
        return q + " WHERE id = ? AND version = ?";
    }();
    auto s = PILAR_TRY(c.prepare(sql));
    auto const& m = r.meta;
    PILAR_TRY(s.bind_all(r.keluarga_id, r.nik_enc, r.nik_bi, r.nik_mask, r.disabilitas_enc, r.penyakit_kronis_enc,
                         r.nama_cari, m.kode_wilayah, m.updated_at, m.updated_by, m.row_hash));
    int i = 12;
    for (auto col : kAnggotaPlain) PILAR_TRY(bind_text_or_null(s, i++, r.rec[col]));
    PILAR_TRY(s.bind(i++, m.id));
    PILAR_TRY(s.bind(i, expected_version));
    while (PILAR_TRY(s.step())) {
    }
    return s.changes() == 1;
}

Result<std::vector<AnggotaRow>> list_anggota(db::Connection& c, ListFilter const& f) {
    Where w;
    std::vector<std::int64_t> ints;
    if (auto r = range_sql(f.ranges, "kode_wilayah", w.text_args); !r.empty()) w.add(r);
    if (f.nik_bi) {
        w.add("nik_bi = ?");
        w.text_args.push_back(*f.nik_bi);
    }
    if (f.nama_prefix) {
        w.add("nama_cari >= ? AND nama_cari < ?");
        w.text_args.push_back(*f.nama_prefix);
        w.text_args.push_back(*f.nama_prefix + "\xF4\x8F\xBF\xBF");
    }
    if (f.status_keberadaan) {
        w.add("status_keberadaan = ?");
        w.text_args.push_back(*f.status_keberadaan);
    }
    std::string const key = f.by_nama ? "nama_cari" : "kode_wilayah";
    if (f.after_key && f.after_id) {
        w.add(fmt::format("({0} > ? OR ({0} = ? AND id > ?))", key));
        w.text_args.push_back(*f.after_key);
        w.text_args.push_back(*f.after_key);
    }
    // Integer arguments follow every text argument in the SQL below.
    if (f.after_key && f.after_id) ints.push_back(*f.after_id);
    std::string extra;
    if (f.keluarga_id) {
        extra += " AND keluarga_id = ?";
        ints.push_back(*f.keluarga_id);
    }
    if (f.ppks) {
        extra += " AND id IN (SELECT anggota_id FROM anggota_ppks WHERE ppks = ? AND sampai IS NULL)";
        ints.push_back(*f.ppks);
    }
    std::string where = w.sql;
    if (!extra.empty()) where += where.empty() ? " WHERE 1 = 1" + extra : extra;
    auto s = PILAR_TRY(c.prepare(fmt::format("{}{} ORDER BY {}, id LIMIT ?", anggota_select(), where, key)));
    int i = 1;
    for (auto const& a : w.text_args) PILAR_TRY(s.bind(i++, a));
    for (auto v : ints) PILAR_TRY(s.bind(i++, v));
    PILAR_TRY(s.bind(i, f.limit));
    std::vector<AnggotaRow> out;
    while (PILAR_TRY(s.step())) out.push_back(read_anggota(s));
    return out;
}

Result<void> move_members(db::Connection& c, std::int64_t keluarga_id, std::string_view kode_wilayah) {
    PILAR_TRY(c.execute("UPDATE anggota SET kode_wilayah = ? WHERE keluarga_id = ?", kode_wilayah, keluarga_id));
    PILAR_TRY(c.execute("UPDATE anggota_ppks SET kode_wilayah = ? WHERE anggota_id IN "
                        "(SELECT id FROM anggota WHERE keluarga_id = ?)",
                        kode_wilayah, keluarga_id));
    return {};
}

Result<std::vector<PpksRow>> ppks_of(db::Connection& c, std::int64_t anggota_id) {
    auto s = PILAR_TRY(c.prepare("SELECT id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc, kode_wilayah, "
                                 "created_at FROM anggota_ppks WHERE anggota_id = ? ORDER BY sampai IS NOT NULL, ppks, id"));
    PILAR_TRY(s.bind_all(anggota_id));
    std::vector<PpksRow> out;
    while (PILAR_TRY(s.step()))
        out.push_back({s.integer(0), s.integer(1), static_cast<int>(s.integer(2)), s.string(3), s.opt_string(4),
                       s.string(5), s.opt_string(6), s.string(7), s.string(8)});
    return out;
}

Result<void> insert_ppks(db::Connection& c, PpksRow const& r) {
    PILAR_TRY(c.execute("INSERT INTO anggota_ppks (id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc, "
                        "kode_wilayah, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        r.id, r.anggota_id, r.ppks, r.sejak, r.sampai, r.dinilai_oleh, r.bukti_enc, r.kode_wilayah,
                        r.created_at));
    return {};
}

Result<bool> end_ppks(db::Connection& c, std::int64_t id, std::int64_t anggota_id, std::string_view sampai) {
    auto n = PILAR_TRY(c.execute("UPDATE anggota_ppks SET sampai = ? WHERE id = ? AND anggota_id = ? AND sampai IS NULL",
                                 sampai, id, anggota_id));
    return n == 1;
}

}  // namespace pilar::registry::store
