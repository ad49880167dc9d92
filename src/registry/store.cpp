#include "registry/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <iterator>
#include <tuple>
#include <variant>

#include "core/wilayah_code.hpp"

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

// A household's jumlah_anggota counts its members with this condition (on anggota), on every read:
// not stored (migration 0026).
constexpr std::string_view kPresentMember = "status_keberadaan = 'ada'";

std::string const& keluarga_select() {
    static std::string const s =
        fmt::format("SELECT id, uid, no_kk_enc, no_kk_bi, no_kk_mask, kode_wilayah, status, "
                    "(SELECT COUNT(*) FROM anggota a WHERE a.keluarga_id = keluarga.id AND a.{}), "
                    "version, created_at, updated_at, created_by, updated_by, row_hash, {} FROM keluarga",
                    kPresentMember, column_list(kKeluargaPlain));
    return s;
}

// The sort run of an index rebuild (restore_indexes), KiB.
constexpr int kIndexSortRunKib = 2048;

// keluarga_select's columns before the plain ones; the table stores all but jumlah_anggota.
constexpr int kKeluargaMetaCols = 14;
constexpr int kKeluargaStoredMetaCols = kKeluargaMetaCols - 1;

// `open_ppks`: whether the current PPKS numbers come from a subquery (or are read separately).
std::string anggota_select_with(bool open_ppks) {
    return "SELECT id, uid, keluarga_id, nik_enc, nik_bi, nik_mask, disabilitas_enc, penyakit_kronis_enc, nama_cari, "
           "kode_wilayah, version, created_at, updated_at, created_by, updated_by, row_hash, " +
           // No ORDER BY inside: it made SQLite build a temporary B-tree for every row of a list;
           // read_anggota() sorts the (rare) lists of several instead.
           std::string(open_ppks ? "(SELECT GROUP_CONCAT(CAST(ppks AS TEXT), ';') FROM anggota_ppks p WHERE "
                                   "p.anggota_id = anggota.id AND p.sampai IS NULL)"
                                 : "NULL") +
           ", " + column_list(kAnggotaPlain) + ", tahun_lahir, dianonimkan_pada, digabung_ke FROM anggota";
}
std::string const& anggota_select() {
    static std::string const s = anggota_select_with(true);
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

// The current PPKS numbers as a record holds them: ascending, ';'-separated. GROUP_CONCAT's order
// is unspecified, so a list of several is sorted into `buffer` (rare: the common case copies
// nothing).
std::string_view sorted_ppks(std::string_view list, std::string& buffer) {
    if (list.find(';') == std::string_view::npos) return list;
    std::vector<int> numbers;
    for (auto part : split_list(list)) numbers.push_back(std::stoi(std::string(part)));
    std::sort(numbers.begin(), numbers.end());
    buffer.clear();
    for (int v : numbers) buffer += fmt::format("{}{}", buffer.empty() ? "" : ";", v);
    return buffer;
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
    std::string buffer;
    r.rec[ACol::Ppks] = sorted_ppks(s.text(16), buffer);
    int col = kAnggotaMetaCols;
    for (auto c : kAnggotaPlain) r.rec[c] = s.is_null(col) ? std::string() : s.string(col), ++col;
    r.tahun_lahir = s.opt_integer(col);
    r.dianonimkan_pada = s.opt_string(col + 1);
    r.digabung_ke = s.opt_integer(col + 2);
    return r;
}

// A WHERE clause and its arguments, bound in the order the clauses were added.
struct Where {
    std::string sql;
    std::vector<std::variant<std::string, std::int64_t>> args;
    void add(std::string clause) {
        sql += sql.empty() ? " WHERE " : " AND ";
        sql += clause;
    }
    Result<void> bind(db::StatementRef& s, int& i) const {
        for (auto const& a : args)
            PILAR_TRY(std::visit([&](auto const& v) { return s.bind(i++, v); }, a));
        return {};
    }
};

// "(kode_wilayah >= ? AND kode_wilayah < ?) OR ..." for the ranges.
// A code's own records and everything below it sort in [code, code + "/"): '/' follows '.' and
// precedes the digits, and codes of one level have one length.
void add_ranges(Where& w, Ranges const& ranges, std::string_view column) {
    if (ranges.empty()) return;
    std::string out = "(";
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (i) out += " OR ";
        out += fmt::format("({0} >= ? AND {0} < ?)", column);
        w.args.emplace_back(ranges[i]);
        w.args.emplace_back(ranges[i] + "/");
    }
    w.add(out + ")");
}

// "column = ?" when the filter has a value.
void add_equal(Where& w, std::string_view column, std::optional<std::string> const& value) {
    if (!value) return;
    w.add(fmt::format("{} = ?", column));
    w.args.emplace_back(*value);
}

enum class Paging { Keyset, None };

// The keyset cursor: rows after (after_key, after_id) in (key_column, id) order.
void add_after(Where& w, ListFilter const& f, std::string_view key_column, std::string_view id_column) {
    if (!f.after_key || !f.after_id) return;
    w.add(fmt::format("({0} > ? OR ({0} = ? AND {1} > ?))", key_column, id_column));
    w.args.emplace_back(*f.after_key);
    w.args.emplace_back(*f.after_key);
    w.args.emplace_back(*f.after_id);
}

// The filter of a household list or scan (columns qualified: the scans join).
Where keluarga_where(ListFilter const& f, Paging paging) {
    Where w;
    add_ranges(w, f.ranges, "keluarga.kode_wilayah");
    add_equal(w, "keluarga.no_kk_bi", f.no_kk_bi);
    if (f.desil_min || f.desil_max) {
        w.add("keluarga.desil BETWEEN ? AND ?");
        w.args.emplace_back(std::int64_t{f.desil_min.value_or(1)});
        w.args.emplace_back(std::int64_t{f.desil_max.value_or(10)});
    }
    if (paging == Paging::Keyset) add_after(w, f, "keluarga.kode_wilayah", "keluarga.id");
    return w;
}

// The filter of a member list or scan.
Where anggota_where(ListFilter const& f, Paging paging) {
    Where w;
    add_ranges(w, f.ranges, "anggota.kode_wilayah");
    add_equal(w, "anggota.nik_bi", f.nik_bi);
    if (f.nama_prefix) {
        w.add("anggota.nama_cari >= ? AND anggota.nama_cari < ?");
        w.args.emplace_back(*f.nama_prefix);
        w.args.emplace_back(*f.nama_prefix + "\xF4\x8F\xBF\xBF");
    }
    add_equal(w, "anggota.status_keberadaan", f.status_keberadaan);
    add_equal(w, "anggota.hubungan", f.hubungan);
    add_equal(w, "anggota.status_padan", f.status_padan);
    if (f.live_only) w.add("anggota.digabung_ke IS NULL AND anggota.dianonimkan_pada IS NULL");
    if (f.desil_min || f.desil_max) {
        w.add("anggota.keluarga_id IN (SELECT id FROM keluarga WHERE desil BETWEEN ? AND ?)");
        w.args.emplace_back(std::int64_t{f.desil_min.value_or(1)});
        w.args.emplace_back(std::int64_t{f.desil_max.value_or(10)});
    }
    if (paging == Paging::Keyset) add_after(w, f, f.by_nama ? "anggota.nama_cari" : "anggota.kode_wilayah", "anggota.id");
    if (f.keluarga_id) {
        w.add("anggota.keluarga_id = ?");
        w.args.emplace_back(*f.keluarga_id);
    }
    if (f.ppks) {
        w.add("anggota.id IN (SELECT anggota_id FROM anggota_ppks WHERE ppks = ? AND sampai IS NULL)");
        w.args.emplace_back(std::int64_t{*f.ppks});
    }
    return w;
}

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
                        "version, created_at, updated_at, created_by, updated_by, row_hash, " +
                        column_list(kKeluargaPlain) + ") VALUES (?";
        for (std::size_t i = 1; i < kKeluargaStoredMetaCols + std::size(kKeluargaPlain); ++i) q += ", ?";
        return q + ")";
    }();
    auto s = PILAR_TRY(c.prepare(sql));
    auto const& m = r.meta;
    PILAR_TRY(s.bind_all(m.id, m.uid, r.no_kk_enc, r.no_kk_bi, r.no_kk_mask, m.kode_wilayah, r.status, m.version,
                         m.created_at, m.updated_at, m.created_by, m.updated_by, m.row_hash));
    int i = kKeluargaStoredMetaCols + 1;
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

Result<std::optional<AnggotaRow>> get_anggota(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare(anggota_select() + " WHERE id = ?"));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<AnggotaRow>{};
    return std::optional<AnggotaRow>{read_anggota(s)};
}

Result<std::optional<AnggotaWithPpks>> get_anggota_with_ppks(db::Connection& c, std::int64_t id) {
    static std::string const sql = anggota_select_with(false) + " WHERE id = ?";
    std::optional<AnggotaWithPpks> out;
    {
        auto s = PILAR_TRY(c.prepare(sql));
        PILAR_TRY(s.bind_all(id));
        if (!PILAR_TRY(s.step())) return out;
        out.emplace().row = read_anggota(s);
    }
    out->ppks = PILAR_TRY(ppks_of(c, id));
    // What the subquery of anggota_select() gives: the current numbers.
    std::string list, buffer;
    for (auto const& p : out->ppks)
        if (!p.sampai) list += fmt::format("{}{}", list.empty() ? "" : ";", p.ppks);
    out->row.rec[ACol::Ppks] = sorted_ppks(list, buffer);
    return out;
}

Result<std::optional<std::int64_t>> anggota_id_by_uid(db::Connection& c, std::string_view uid) {
    return c.query_value<std::int64_t>("SELECT id FROM anggota WHERE uid = ?", uid);
}

Result<std::optional<std::int64_t>> anggota_id_by_nik(db::Connection& c, std::string_view bi) {
    return c.query_value<std::int64_t>("SELECT id FROM anggota WHERE nik_bi = ?", bi);
}

namespace {

constexpr std::size_t kAnggotaInsertColumns = 16 + std::size(kAnggotaPlain);

// "(?, ?), (?, ?)" for `rows` rows of `columns` parameters: a multi-row VALUES list (SQLite and
// PostgreSQL), so a bulk insert positions its cursors once per statement instead of once per row.
std::string values_placeholders(std::size_t columns, std::size_t rows) {
    std::string q;
    for (std::size_t r = 0; r < rows; ++r) {
        q += r == 0 ? "(?" : ", (?";
        for (std::size_t i = 1; i < columns; ++i) q += ", ?";
        q += ")";
    }
    return q;
}

std::string insert_anggota_head() {
    return "INSERT INTO anggota (id, uid, keluarga_id, nik_enc, nik_bi, nik_mask, disabilitas_enc, "
           "penyakit_kronis_enc, nama_cari, kode_wilayah, version, created_at, updated_at, created_by, "
           "updated_by, row_hash, " + column_list(kAnggotaPlain) + ")";
}

std::optional<std::string_view> opt_view(std::optional<std::string> const& v) {
    return v ? std::optional<std::string_view>(*v) : std::nullopt;
}
std::optional<std::string_view> null_if_empty(std::string const& v) {
    return v.empty() ? std::nullopt : std::optional<std::string_view>(v);
}

// Binds one member's columns from parameter `i` on through `bind(int, std::int64_t)` and
// `bind(int, std::optional<std::string_view>)` (nullopt: NULL); yields the next parameter number.
template <typename Bind>
Result<int> bind_anggota(Bind&& bind, int i, AnggotaRow const& r) {
    auto const& m = r.meta;
    PILAR_TRY(bind(i++, m.id));
    PILAR_TRY(bind(i++, opt_view(m.uid)));
    PILAR_TRY(bind(i++, r.keluarga_id));
    PILAR_TRY(bind(i++, opt_view(r.nik_enc)));
    PILAR_TRY(bind(i++, opt_view(r.nik_bi)));
    PILAR_TRY(bind(i++, opt_view(r.nik_mask)));
    PILAR_TRY(bind(i++, opt_view(r.disabilitas_enc)));
    PILAR_TRY(bind(i++, opt_view(r.penyakit_kronis_enc)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(r.nama_cari)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.kode_wilayah)));
    PILAR_TRY(bind(i++, m.version));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.created_at)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.updated_at)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.created_by)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.updated_by)));
    PILAR_TRY(bind(i++, std::optional<std::string_view>(m.row_hash)));
    for (auto col : kAnggotaPlain) PILAR_TRY(bind(i++, null_if_empty(r.rec[col])));
    return i;
}

// A statement run many times whose parameters often keep their value from one run to the next
// (the bulk insert's 32 members: same timestamps, actor and version, often the same sex,
// relation, region, status): binds a parameter only when its value differs from the one still
// bound (StatementRef::rewind keeps them). Text is compared by content and stays borrowed from
// the row that bound it, so every row bound through it must outlive its last step. A bind is
// ~150 instructions inside SQLite; they were a fifth of the writer's work in a bulk import.
class ChangedBinds {
public:
    // `numbered_every` > 0: each row has that many parameters and its first, the row's key, is
    // bound NULL whatever the value given (BulkInsert: SQLite numbers the rows).
    ChangedBinds(db::StatementRef& s, std::size_t params, std::size_t numbered_every = 0)
        : m_s(s), m_bound(params + 1), m_numbered_every(numbered_every) {}
    Result<void> operator()(int i, std::int64_t v) {
        if (m_numbered_every > 0 && static_cast<std::size_t>(i - 1) % m_numbered_every == 0)
            return (*this)(i, std::optional<std::string_view>());
        auto& b = m_bound[static_cast<std::size_t>(i)];
        if (b.kind == Kind::Int && b.n == v) return {};
        b = {Kind::Int, v, {}};
        return m_s.bind(i, v);
    }
    Result<void> operator()(int i, std::optional<std::string_view> v) {
        auto& b = m_bound[static_cast<std::size_t>(i)];
        if (!v) {
            if (b.kind == Kind::Null) return {};
            b = {Kind::Null, 0, {}};
            return m_s.bind(i, nullptr);
        }
        if (b.kind == Kind::Text && b.t == *v) return {};
        b = {Kind::Text, 0, *v};
        return m_s.bind(i, *v);
    }

private:
    enum class Kind : unsigned char { None, Null, Int, Text };
    struct Bound {
        Kind kind = Kind::None;
        std::int64_t n = 0;
        std::string_view t;
    };
    db::StatementRef& m_s;
    std::vector<Bound> m_bound;  // by parameter number
    std::size_t m_numbered_every;
};

// The rows of a bulk load into an empty table (members, their PPKS rows, their change-feed
// entries): kPerStatement rows to a multi-row INSERT … VALUES, so the statement positions its
// cursors once for all of them; the rest one row at a time. The statement is INSERT OR FAIL, so
// that it needs no statement journal on SQLite (SQLite keeps one for a statement that writes
// several rows and may abort half-way: the original of every page it changes that existed when
// it began, spilled to a temporary file past 64 KiB). A failing row fails the whole import, whose
// transaction is rolled back either way (so PostgreSQL, which has no OR FAIL, gets a plain
// INSERT: db::postgres_statement).
//
// The first column is the table's integer key. On SQLite, rows whose keys carry on the table's
// own numbering (consecutive, the first one MAX(key) + 1) are inserted with a NULL key, which
// SQLite numbers itself exactly so — max + 1, from the B-tree's last entry, where the previous
// insert left its cursor — instead of searching the table for each given key to check that it
// is new: ~1,000 instructions a row, with the change feed 7 % of the writer's work in a bulk
// import (bench/RESULTS.md, import, 2026-11-30). MAX(key) before and after proves that every row
// got the key given (a row numbered otherwise fails the load); otherwise the keys are bound.
class BulkInsert {
public:
    static constexpr std::size_t kPerStatement = 32;
    // `head`: "INSERT INTO table (key, columns...)", `columns` of them in all.
    BulkInsert(std::string_view table, std::string_view key, std::string const& head, std::size_t columns)
        : m_columns(columns),
          m_many(or_fail(head) + " VALUES " + values_placeholders(columns, kPerStatement)),
          m_one(or_fail(head) + " VALUES " + values_placeholders(columns, 1)),
          m_max_key(fmt::format("SELECT MAX({}) FROM {}", key, table)) {}

    // `bind_row(bind, i, row)` binds a row's values from parameter i on (its key first) through
    // `bind(int, std::int64_t)` and `bind(int, std::optional<std::string_view>)`, yielding the
    // next number; `key_of(row)` is the key it binds. Values that repeat from one statement run to
    // the next are bound once (ChangedBinds), so every row must stay alive until this returns.
    template <typename Row, typename BindRow, typename KeyOf>
    Result<void> run(db::Connection& c, std::span<Row const> rows, BindRow&& bind_row, KeyOf&& key_of) const {
        if (rows.empty()) return {};
        std::int64_t const first = key_of(rows.front());
        bool numbered = c.dialect() == db::Dialect::Sqlite;
        for (std::size_t k = 1; numbered && k < rows.size(); ++k) numbered = key_of(rows[k]) == first + static_cast<std::int64_t>(k);
        if (numbered) numbered = PILAR_TRY(c.query_value<std::int64_t>(m_max_key)).value_or(0) == first - 1;
        std::size_t done = 0;
        auto each = [&](std::string const& sql, std::size_t per) -> Result<void> {
            if (rows.size() - done < per) return {};
            // One statement for all its runs, rewound between them with its bindings kept; the
            // StatementRef clears the bindings when it goes.
            auto s = PILAR_TRY(c.prepare(sql));
            ChangedBinds bind(s, per * m_columns, numbered ? m_columns : 0);
            for (; rows.size() - done >= per; done += per) {
                int i = 1;
                for (std::size_t k = 0; k < per; ++k) i = PILAR_TRY(bind_row(bind, i, rows[done + k]));
                while (PILAR_TRY(s.step())) {
                }
                s.rewind();
            }
            return {};
        };
        PILAR_TRY(each(m_many, kPerStatement));
        PILAR_TRY(each(m_one, 1));
        if (numbered && PILAR_TRY(c.query_value<std::int64_t>(m_max_key)).value_or(0) != key_of(rows.back()))
            return fail(ErrorCode::Internal, {"nomor baris tidak sesuai saat impor", "rows were numbered otherwise during the import"});
        return {};
    }

private:
    static std::string or_fail(std::string const& head) {
        return "INSERT OR FAIL" + head.substr(std::string_view("INSERT").size());
    }

    std::size_t m_columns;
    std::string m_many, m_one, m_max_key;
};

}  // namespace

Result<void> insert_anggota(db::Connection& c, AnggotaRow const& r, Feed feed) {
    static std::string const sql = insert_anggota_head() + " VALUES " + values_placeholders(kAnggotaInsertColumns, 1);
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(bind_anggota([&s](int i, auto const& v) { return s.bind(i, v); }, 1, r));
    while (PILAR_TRY(s.step())) {
    }
    if (feed == Feed::Later) return {};
    return log_change(c, r.meta.id);
}

Result<void> insert_new_anggota(db::Connection& c, std::span<AnggotaRow const* const> rows) {
    static BulkInsert const sql("anggota", "id", insert_anggota_head(), kAnggotaInsertColumns);
    return sql.run(
        c, rows, [](auto& bind, int i, AnggotaRow const* r) { return bind_anggota(bind, i, *r); },
        [](AnggotaRow const* r) { return r->meta.id; });
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
    if (s.changes() != 1) return false;
    PILAR_TRY(log_change(c, m.id));
    return true;
}

namespace {

// What the API shows of a member, and nothing else (no ciphertexts, no row hash).
std::string const& anggota_view_select() {
    static std::string const s = "SELECT id, uid, keluarga_id, nik_mask, kode_wilayah, version, created_at, updated_at, "
                                 "created_by, updated_by, nama_cari, " +
                                 column_list(kAnggotaPlain) + ", tahun_lahir, dianonimkan_pada, digabung_ke FROM anggota";
    return s;
}

std::optional<std::string_view> opt_text(db::StatementRef& s, int col) { return s.opt_text(col); }

// The columns of anggota_view_select(): 11 before the plain record, 3 after it.
constexpr int kAnggotaViewColumns = 11 + static_cast<int>(std::size(kAnggotaPlain)) + 3;

// version, created_at, updated_at, created_by, updated_by of a view's row from column `first` on.
template <typename View>
void view_stamps(db::StatementRef& s, View& v, int first) {
    v.version = s.integer(first);
    v.created_at = s.text(first + 1);
    v.updated_at = s.text(first + 2);
    v.created_by = s.text(first + 3);
    v.updated_by = s.text(first + 4);
}

// The current row of anggota_view_select() as views.
void view_row(db::StatementRef& s, AnggotaRowView& v) {
    v.id = s.integer(0);
    v.uid = opt_text(s, 1);
    v.keluarga_id = s.integer(2);
    v.nik_mask = opt_text(s, 3);
    v.kode_wilayah = s.text(4);
    view_stamps(s, v, 5);
    v.nama_cari = s.text(10);
    int col = 11;
    for (auto c : kAnggotaPlain) v.rec[static_cast<std::size_t>(c)] = s.text(col++);
    v.tahun_lahir = s.opt_integer(col);
    v.dianonimkan_pada = opt_text(s, col + 1);
    v.digabung_ke = s.opt_integer(col + 2);
}

// The rows of another table that belong to a page's rows, read alongside the page by one cursor
// in key order (a merge join written out: SQLite joins by one index look-up per page row): a
// member page's current PPKS numbers (anggota_ppks by anggota_id), a household page's present
// members (anggota by keluarga_id). Within a region code the page's ids ascend, and with rows
// stored in region order (bench/RESULTS.md, issue 5) across the whole page, so the cursor only
// steps over the few rows between two of the page's; it seeks again where the ids go back (the
// next region code of rows stored out of order) or jump far ahead (a filtered page).
// The statement takes the first key as its one parameter ("key >= ?") and gives rows in key
// order, the key in column 0.
class AlongsideCursor {
public:
    explicit AlongsideCursor(db::StatementRef s) : m_s(std::move(s)) {}

    // Calls `row(statement)` for each row whose key is `id`.
    template <typename Row>
    Result<void> of(std::int64_t id, Row&& row) {
        if (!m_started || id <= m_asked || (m_row && id - m_at > kStepSpan)) {
            PILAR_TRY(seek(id));
        } else {
            for (int steps = 0; m_row && m_at < id; ++steps) {
                if (steps == kMaxSteps) {
                    PILAR_TRY(seek(id));
                    break;
                }
                PILAR_TRY(next());
            }
        }
        m_asked = id;
        while (m_row && m_at == id) {
            row(m_s);
            PILAR_TRY(next());
        }
        return {};
    }

private:
    // A seek costs about as much as stepping over this many rows (callgrind).
    static constexpr std::int64_t kStepSpan = 64;
    static constexpr int kMaxSteps = 16;

    Result<void> seek(std::int64_t id) {
        m_s.reset();
        PILAR_TRY(m_s.bind(1, id));
        m_started = true;
        return next();
    }
    Result<void> next() {
        m_row = PILAR_TRY(m_s.step());
        if (m_row) m_at = m_s.integer(0);
        return {};
    }

    db::StatementRef m_s;
    bool m_started = false, m_row = false;
    std::int64_t m_asked = 0, m_at = 0;  // the id last asked for; the cursor's key
};

// The statement of a list page: `select`, the filter, the order (key, id) and the limit, bound.
Result<db::StatementRef> page_statement(db::Connection& c, std::string_view select, Where const& w, std::string_view key,
                                        int limit) {
    auto s = PILAR_TRY(c.prepare(fmt::format("{}{} ORDER BY {}, id LIMIT ?", select, w.sql, key)));
    int i = 1;
    PILAR_TRY(w.bind(s, i));
    PILAR_TRY(s.bind(i, limit));
    return s;
}

}  // namespace

Result<int> view_anggota_page(db::Connection& c, ListFilter const& f, std::function<Result<void>(AnggotaRowView const&)> const& fn) {
    Where const w = anggota_where(f, Paging::Keyset);
    std::string_view const key = f.by_nama ? "nama_cari" : "kode_wilayah";
    // One snapshot for the page and its members' PPKS; inside a transaction SQLite also skips
    // the commit step it runs at the end of each statement in autocommit mode.
    auto tx = PILAR_TRY(c.begin(db::TxMode::Read));
    // In name order the ids are in no order: the page's current PPKS numbers come first, in
    // one statement — the page's ids from its index alone (the same filter, order and limit as
    // the page), then one index look-up each in anggota_ppks. A statement per member (bind,
    // step, reset, halt) cost more than the look-ups themselves; a join or a GROUP_CONCAT
    // subquery on the page's SELECT cost more still (bench/RESULTS.md, issue 5). In region
    // order the cursor above reads them alongside the page, at a sixth of the pre-pass's cost.
    std::vector<std::pair<std::int64_t, int>> open;
    std::optional<AlongsideCursor> cursor;
    if (f.by_nama) {
        auto p = PILAR_TRY(c.prepare(fmt::format(
            "SELECT anggota_id, ppks FROM anggota_ppks WHERE sampai IS NULL AND anggota_id IN "
            "(SELECT anggota.id FROM anggota{} ORDER BY anggota.{}, anggota.id LIMIT ?)",
            w.sql, key)));
        int i = 1;
        PILAR_TRY(w.bind(p, i));
        PILAR_TRY(p.bind(i, f.limit));
        while (PILAR_TRY(p.step())) open.emplace_back(p.integer(0), static_cast<int>(p.integer(1)));
        std::sort(open.begin(), open.end());
    } else {
        cursor.emplace(PILAR_TRY(c.prepare(
            "SELECT anggota_id, ppks FROM anggota_ppks WHERE anggota_id >= ? AND sampai IS NULL ORDER BY anggota_id")));
    }
    auto s = PILAR_TRY(page_statement(c, anggota_view_select(), w, key, f.limit));
    AnggotaRowView v;
    std::vector<int> mine;
    int n = 0;
    while (PILAR_TRY(s.step())) {
        view_row(s, v);
        mine.clear();
        if (cursor) {
            PILAR_TRY(cursor->of(v.id, [&mine](db::StatementRef& p) { mine.push_back(static_cast<int>(p.integer(1))); }));
            std::sort(mine.begin(), mine.end());
        } else {
            auto it = std::lower_bound(open.begin(), open.end(), std::pair<std::int64_t, int>{v.id, INT_MIN});
            for (; it != open.end() && it->first == v.id; ++it) mine.push_back(it->second);
        }
        v.open_ppks = mine;
        PILAR_TRY(fn(v));
        ++n;
    }
    PILAR_TRY(tx.commit());
    return n;
}

namespace {

// What the API shows of a household, and nothing else (no ciphertext, blind index or row hash).
std::string const& keluarga_view_select() {
    static std::string const s = "SELECT id, uid, no_kk_mask, kode_wilayah, status, version, created_at, updated_at, "
                                 "created_by, updated_by, " + column_list(kKeluargaPlain) + " FROM keluarga";
    return s;
}

// The current row of keluarga_view_select() as views.
void view_row(db::StatementRef& s, KeluargaRowView& v) {
    v.id = s.integer(0);
    v.uid = opt_text(s, 1);
    v.no_kk_mask = s.text(2);
    v.kode_wilayah = s.text(3);
    v.status = s.text(4);
    view_stamps(s, v, 5);
    int col = 10;
    for (auto c : kKeluargaPlain) {
        auto const i = static_cast<std::size_t>(c);
        if (kind_of(c) == Kind::Real) v.real[i] = s.is_null(col) ? std::nullopt : std::optional<double>(s.real(col));
        else if (kind_of(c) == Kind::Integer) v.integer[i] = s.opt_integer(col);
        else v.rec[i] = s.text(col);
        ++col;
    }
}

}  // namespace

Result<int> view_keluarga_page(db::Connection& c, ListFilter const& f, std::function<Result<void>(KeluargaRowView const&)> const& fn) {
    Where const w = keluarga_where(f, Paging::Keyset);
    // The page and its member counts in one snapshot. The counts come from a cursor over the
    // members in household order moving alongside the page, not from keluarga_select()'s subquery
    // (an index search per household, then one table row per member to test its status: ~180 a
    // page; bench/RESULTS.md, issue 5).
    auto tx = PILAR_TRY(c.begin(db::TxMode::Read));
    static std::string const members =
        fmt::format("SELECT keluarga_id FROM anggota WHERE keluarga_id >= ? AND {} ORDER BY keluarga_id", kPresentMember);
    AlongsideCursor present(PILAR_TRY(c.prepare(members)));
    auto s = PILAR_TRY(page_statement(c, keluarga_view_select(), w, "kode_wilayah", f.limit));
    KeluargaRowView v;
    int n = 0;
    while (PILAR_TRY(s.step())) {
        view_row(s, v);
        v.jumlah_anggota = 0;
        PILAR_TRY(present.of(v.id, [&v](db::StatementRef&) { ++v.jumlah_anggota; }));
        PILAR_TRY(fn(v));
        ++n;
    }
    PILAR_TRY(tx.commit());
    return n;
}

Result<bool> view_anggota(db::Connection& c, std::int64_t id,
                          std::function<Result<void>(AnggotaRowView const&, std::vector<PpksRow> const&)> const& fn) {
    // Whether the member has PPKS rows comes with the row (an index probe; nine in ten members
    // have none), and only then are they read, by a second statement while this one still holds
    // its row. Without BEGIN/COMMIT around the two: in SQLite an implicit read transaction lasts
    // while any statement of the connection is active, so both read one snapshot (a PostgreSQL
    // backend, where each statement of autocommit has its own, would begin one here). A
    // transaction and a second statement for every read cost ~8,000 of a read's ~50,000
    // instructions; a GROUP_CONCAT subquery of the rows cost ~5,000, the probe ~2,000
    // (callgrind, bench/RESULTS.md issue 5).
    static std::string const sql =
        fmt::format("{}, EXISTS (SELECT 1 FROM anggota_ppks p WHERE p.anggota_id = anggota.id) FROM anggota WHERE id = ?",
                    anggota_view_select().substr(0, anggota_view_select().rfind(" FROM anggota")));
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind(1, id));
    if (!PILAR_TRY(s.step())) return false;
    AnggotaRowView v;
    view_row(s, v);
    std::vector<PpksRow> ppks;
    if (s.integer(kAnggotaViewColumns) != 0) ppks = PILAR_TRY(ppks_of(c, id));
    std::vector<int> open;
    for (auto const& p : ppks)
        if (!p.sampai) open.push_back(p.ppks);
    std::sort(open.begin(), open.end());
    v.open_ppks = open;
    PILAR_TRY(fn(v, ppks));
    return true;
}

namespace {

void add_slice(Where& w, WilayahSlice const& slice, std::string_view column) {
    if (slice.from) {
        w.add(fmt::format("{} >= ?", column));
        w.args.emplace_back(*slice.from);
    }
    if (slice.to) {
        w.add(fmt::format("{} < ?", column));
        w.args.emplace_back(*slice.to);
    }
}

}  // namespace

std::string_view OpenPpks::of(std::int64_t anggota_id) const {
    auto it = std::lower_bound(m_ids.begin(), m_ids.end(), anggota_id);
    if (it == m_ids.end() || *it != anggota_id) return {};
    auto const i = static_cast<std::size_t>(it - m_ids.begin());
    std::uint32_t const from = i == 0 ? 0 : m_ends[i - 1];
    return std::string_view(m_text).substr(from, m_ends[i] - from);
}

Result<OpenPpks> read_open_ppks(db::Connection& c) {
    // The table in storage order, sorted here: walking anggota_ppks_by_anggota and grouping in
    // SQL looked up every row in the table from the index (twice the time).
    std::vector<std::pair<std::int64_t, std::int64_t>> open;
    {
        auto s = PILAR_TRY(c.prepare("SELECT anggota_id, ppks FROM anggota_ppks WHERE sampai IS NULL"));
        while (PILAR_TRY(s.step())) open.emplace_back(s.integer(0), s.integer(1));
    }
    std::sort(open.begin(), open.end());
    OpenPpks out;
    for (std::size_t i = 0; i < open.size(); ++i) {
        bool const first = i == 0 || open[i - 1].first != open[i].first;
        if (first) {
            if (i > 0) out.m_ends.push_back(static_cast<std::uint32_t>(out.m_text.size()));
            out.m_ids.push_back(open[i].first);
        } else {
            out.m_text += ';';
        }
        fmt::format_to(std::back_inserter(out.m_text), "{}", open[i].second);
    }
    if (!open.empty()) out.m_ends.push_back(static_cast<std::uint32_t>(out.m_text.size()));
    return out;
}

bool sliceable(ListFilter const& f) {
    return !f.nik_bi && !f.no_kk_bi && !f.nama_prefix && !f.ppks && !f.keluarga_id && !f.desil_min && !f.desil_max;
}

Result<std::vector<std::string>> slice_points(db::Connection& c, ScanTable table, ListFilter const& f) {
    std::string_view const name = table == ScanTable::Keluarga ? "keluarga" : "anggota";
    auto const sql = fmt::format("SELECT kode_wilayah FROM {} WHERE kode_wilayah >= ? ORDER BY kode_wilayah LIMIT 1", name);
    std::vector<std::string> out;
    auto walk = [&](std::string from, std::optional<std::string> const& end) -> Result<void> {
        for (;;) {
            auto next = PILAR_TRY(c.query_value<std::string>(sql, from));
            if (!next) break;
            std::string kode = std::move(*next);
            if (end && kode >= *end) break;
            // The kelurahan the code lies in (itself when it is one, or above, or no code).
            if (auto code = WilayahCode::parse(kode); code && code->tingkat() > Tingkat::Kelurahan) {
                auto at = *code;
                while (at.tingkat() > Tingkat::Kelurahan) at = *at.parent();
                kode = at.dotted();
            }
            out.push_back(kode);
            from = kode + "/";  // past every code that starts with it
        }
        return {};
    };
    if (f.ranges.empty()) PILAR_TRY(walk("", std::nullopt));
    for (auto const& r : f.ranges) PILAR_TRY(walk(r, r + "/"));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// An export walks the (kode_wilayah, id) index, so the table rows it visits are scattered over
// the file unless they were stored in that order; the SQLite backend memory-maps the file on
// every connection (sqlite_database.hpp), so each is a memory read rather than a pread() call.
Result<std::int64_t> scan_keluarga(db::Connection& c, ListFilter const& f, WilayahSlice const& slice, ScanSealed sealed,
                                   std::function<Result<void>(KeluargaScanRow const&)> const& fn) {
    auto const select = fmt::format("SELECT id, {}, no_kk_mask, {} FROM keluarga",
                                    sealed == ScanSealed::Read ? "no_kk_enc" : "NULL", column_list(kKeluargaPlain));
    Where w = keluarga_where(f, Paging::None);
    add_slice(w, slice, "keluarga.kode_wilayah");
    auto s = PILAR_TRY(c.prepare(select + w.sql + " ORDER BY keluarga.kode_wilayah, keluarga.id"));
    int i = 1;
    PILAR_TRY(w.bind(s, i));
    KeluargaScanRow row;
    // Decimal columns as their shortest round-trip text, like read_field: what validate() made
    // of them on the way in, so an export re-imports as "unchanged".
    std::array<std::array<char, 32>, std::size(kKeluargaPlain)> numbers{};
    std::int64_t n = 0;
    while (PILAR_TRY(s.step())) {
        row.id = s.integer(0);
        row.no_kk_enc = s.text(1);
        row.no_kk_mask = s.text(2);
        int col = 3;
        for (std::size_t k = 0; k < std::size(kKeluargaPlain); ++k, ++col) {
            auto column = kKeluargaPlain[k];
            if (kind_of(column) == Kind::Real && !s.is_null(col)) {
                auto end = fmt::format_to_n(numbers[k].data(), numbers[k].size(), "{}", s.real(col)).out;
                row.rec[static_cast<std::size_t>(column)] = std::string_view(numbers[k].data(), static_cast<std::size_t>(end - numbers[k].data()));
            } else {
                row.rec[static_cast<std::size_t>(column)] = s.text(col);
            }
        }
        PILAR_TRY(fn(row));
        ++n;
    }
    return n;
}

Result<std::int64_t> scan_anggota(db::Connection& c, ListFilter const& f, WilayahSlice const& slice, OpenPpks const& ppks,
                                  ScanSealed sealed, ScanAddress address,
                                  std::function<Result<void>(AnggotaScanRow const&)> const& fn) {
    // Members in index order (anggota_by_wilayah), their current PPKS numbers from `ppks`. The
    // household is read by primary key once per household, when the scan reaches its first
    // member: a household's members share its kode_wilayah and have consecutive ids, so they
    // come together, and a join would repeat the random lookup for every member (a third of the
    // scan again on a million members).
    bool const enc = sealed == ScanSealed::Read, addr = address == ScanAddress::Read;
    auto const select = fmt::format("SELECT anggota.id, anggota.keluarga_id, {}, anggota.nik_mask, {}, {}, {} FROM anggota",
                                    enc ? "anggota.nik_enc" : "NULL", enc ? "anggota.disabilitas_enc" : "NULL",
                                    enc ? "anggota.penyakit_kronis_enc" : "NULL", [] {
                                        std::string cols;
                                        for (auto col : kAnggotaPlain)
                                            cols += fmt::format("{}anggota.{}", cols.empty() ? "" : ", ", db_name(col));
                                        return cols;
                                    }());
    auto const household = fmt::format("SELECT {}, no_kk_mask, {}, {}, {}, kode_kelurahan, {} FROM keluarga WHERE id = ?",
                                       enc ? "no_kk_enc" : "NULL", addr ? "alamat" : "NULL", addr ? "rw" : "NULL",
                                       addr ? "rt" : "NULL", addr ? "desil" : "NULL");
    constexpr int kPlainFrom = 6;
    Where w = anggota_where(f, Paging::None);
    add_slice(w, slice, "anggota.kode_wilayah");
    auto s = PILAR_TRY(c.prepare(select + w.sql + " ORDER BY anggota.kode_wilayah, anggota.id"));
    int i = 1;
    PILAR_TRY(w.bind(s, i));
    AnggotaScanRow row;
    std::array<std::string, 7> home;  // the current household's columns, as selected above
    std::int64_t home_id = -1;
    std::int64_t n = 0;
    while (PILAR_TRY(s.step())) {
        row.id = s.integer(0);
        row.keluarga_id = s.integer(1);
        if (row.keluarga_id != home_id) {
            auto k = PILAR_TRY(c.prepare(household));
            PILAR_TRY(k.bind_all(row.keluarga_id));
            if (!PILAR_TRY(k.step()))
                return fail(ErrorCode::Internal, {fmt::format("keluarga {} dari anggota {} tidak ada", row.keluarga_id, row.id),
                                                  fmt::format("household {} of member {} is missing", row.keluarga_id, row.id)});
            for (std::size_t h = 0; h < home.size(); ++h) home[h].assign(k.text(static_cast<int>(h)));
            home_id = row.keluarga_id;
            row.no_kk_enc = home[0];
            row.no_kk_mask = home[1];
            row.alamat = home[2];
            row.rw = home[3];
            row.rt = home[4];
            row.kode_kelurahan = home[5];
            row.desil = home[6];
        }
        row.nik_enc = s.text(2);
        row.nik_mask = s.text(3);
        row.disabilitas_enc = s.text(4);
        row.penyakit_kronis_enc = s.text(5);
        row.rec[static_cast<std::size_t>(ACol::Ppks)] = ppks.of(row.id);
        int col = kPlainFrom;
        for (auto column : kAnggotaPlain) row.rec[static_cast<std::size_t>(column)] = s.text(col++);
        PILAR_TRY(fn(row));
        ++n;
    }
    return n;
}

Result<std::int64_t> scan_anggota(db::Connection& c, ListFilter const& f, ScanSealed sealed, ScanAddress address,
                                  std::function<Result<void>(AnggotaScanRow const&)> const& fn) {
    auto const ppks = PILAR_TRY(read_open_ppks(c));
    return scan_anggota(c, f, {}, ppks, sealed, address, fn);
}

Result<void> move_members(db::Connection& c, std::int64_t keluarga_id, std::string_view kode_wilayah) {
    PILAR_TRY(c.execute("UPDATE anggota SET kode_wilayah = ? WHERE keluarga_id = ?", kode_wilayah, keluarga_id));
    std::vector<std::int64_t> moved;
    {
        auto s = PILAR_TRY(c.prepare("SELECT id FROM anggota WHERE keluarga_id = ? ORDER BY id"));
        PILAR_TRY(s.bind_all(keluarga_id));
        while (PILAR_TRY(s.step())) moved.push_back(s.integer(0));
    }
    for (auto id : moved) PILAR_TRY(log_change(c, id));
    PILAR_TRY(c.execute("UPDATE anggota_ppks SET kode_wilayah = ? WHERE anggota_id IN "
                        "(SELECT id FROM anggota WHERE keluarga_id = ?)",
                        kode_wilayah, keluarga_id));
    return {};
}

Result<void> move_member_ppks(db::Connection& c, std::int64_t anggota_id, std::string_view kode_wilayah) {
    PILAR_TRY(c.execute("UPDATE anggota_ppks SET kode_wilayah = ? WHERE anggota_id = ?", kode_wilayah, anggota_id));
    return {};
}

Result<std::optional<std::int64_t>> anggota_id_by_identity(db::Connection& c, std::int64_t keluarga_id,
                                                           std::string_view nama_cari, std::string_view tanggal_lahir) {
    return c.query_value<std::int64_t>(
        "SELECT id FROM anggota WHERE keluarga_id = ? AND nik_bi IS NULL AND nama_cari = ? AND "
        "COALESCE(tanggal_lahir, '') = ? ORDER BY id LIMIT 1",
        keluarga_id, nama_cari, tanggal_lahir);
}

Result<std::vector<std::string>> suspend_indexes(db::Connection& c, std::string_view table,
                                                 std::span<std::string_view const> keep) {
    std::vector<std::string> out;
    if (c.dialect() != db::Dialect::Sqlite) return out;
    std::vector<std::string> names;
    {
        auto s = PILAR_TRY(c.prepare("/* sqlite-only: catalog */ SELECT name, sql FROM sqlite_master "
                                     "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"));
        PILAR_TRY(s.bind_all(table));
        while (PILAR_TRY(s.step())) {
            if (std::find(keep.begin(), keep.end(), s.text(0)) != keep.end()) continue;
            names.push_back(s.string(0));
            out.push_back(s.string(1));
        }
    }
    for (auto const& n : names) PILAR_TRY(c.exec_script(fmt::format("DROP INDEX {}", n)));
    return out;
}

Result<std::optional<std::string>> suspend_index(db::Connection& c, std::string_view name) {
    if (c.dialect() != db::Dialect::Sqlite) return std::optional<std::string>{};
    auto sql = PILAR_TRY(c.query_value<std::string>(
        "/* sqlite-only: catalog */ SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", name));
    if (sql) PILAR_TRY(c.exec_script(fmt::format("DROP INDEX {}", name)));
    return sql;
}

Result<void> restore_indexes(db::Connection& c, std::vector<std::string> const& definitions) {
    if (definitions.empty()) return {};
    // SQLite's CREATE INDEX cuts the keys into runs of up to cache_size bytes, sorts each run in
    // memory (a merge sort of a linked list: with a 48 MB run nearly every step misses the CPU
    // caches) and then merges the runs, which it reads in order. Runs of 2 MB sort inside the
    // caches: the two random-order rebuilds of a million-member load took about a third less CPU
    // (bench/RESULTS.md, import, 2026-11-29 morning), and the sort holds 2 MB instead of the
    // load's page-cache size. The caller's cache size is put back afterwards, error or not.
    std::optional<std::int64_t> cache;
    if (c.dialect() == db::Dialect::Sqlite) {
        cache = PILAR_TRY(c.query_value<std::int64_t>("/* sqlite-only: pragma */ PRAGMA cache_size"));
        PILAR_TRY(c.exec_script(fmt::format("PRAGMA cache_size = -{}", kIndexSortRunKib)));
    }
    Result<void> done;
    for (auto const& d : definitions)
        if (done = c.exec_script(d); !done) break;
    if (cache) (void)c.exec_script(fmt::format("PRAGMA cache_size = {}", *cache));
    return done;
}

Result<std::vector<std::string>> suspend_insert_triggers(db::Connection& c, std::string_view table) {
    std::vector<std::string> out;
    if (c.dialect() != db::Dialect::Sqlite) return out;
    // Besides the per-row work, a statement that fires a trigger keeps a statement journal of
    // every page it changes, spilled to a temporary file past 64 KiB: with 16 KiB pages that
    // was one temporary-file write per household (system time x3, bench/RESULTS.md).
    std::vector<std::string_view> const names = table == "keluarga" ? std::vector<std::string_view>{"dash_keluarga_ins"}
                                                                     : std::vector<std::string_view>{"dash_anggota_ins", "dash_ppks_ins"};
    for (std::string_view name : names) {
        auto sql = PILAR_TRY(c.query_value<std::string>(
            "/* sqlite-only: catalog */ SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", name));
        if (!sql) continue;
        PILAR_TRY(c.exec_script(fmt::format("DROP TRIGGER {}", name)));
        out.push_back(*sql);
    }
    return out;
}

Result<void> add_fresh_keluarga_dash(db::Connection& c) {
    PILAR_TRY(c.execute("INSERT INTO dash_jumlah (ukuran, kode, kunci, n) SELECT ukuran, kode, kunci, n FROM dash_jumlah_hitung "
                        "WHERE ukuran = 'keluarga' ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + excluded.n"));
    PILAR_TRY(c.execute("INSERT INTO dash_peta (tingkat, kode, y, x, n, lat_e6, lon_e6) "
                        "SELECT tingkat, kode, y, x, n, lat_e6, lon_e6 FROM dash_peta_hitung WHERE true "
                        "ON CONFLICT (tingkat, kode, y, x) DO UPDATE SET n = dash_peta.n + excluded.n, "
                        "lat_e6 = dash_peta.lat_e6 + excluded.lat_e6, lon_e6 = dash_peta.lon_e6 + excluded.lon_e6"));
    return {};
}

Result<void> add_dash_count(db::Connection& c, std::string_view ukuran, std::string_view kode, std::string_view kunci,
                            std::int64_t n) {
    PILAR_TRY(c.execute("INSERT INTO dash_jumlah (ukuran, kode, kunci, n) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (ukuran, kode, kunci) DO UPDATE SET n = dash_jumlah.n + excluded.n",
                        ukuran, kode, kunci, n));
    return {};
}

Result<bool> anonymise_anggota(db::Connection& c, Anonymisation const& a) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE anggota SET uid = NULL, nik_enc = NULL, nik_bi = NULL, nik_mask = NULL, disabilitas_enc = NULL, "
        "penyakit_kronis_enc = NULL, nama = '(dianonimkan)', nama_cari = '', tempat_lahir = NULL, tanggal_lahir = NULL, "
        "nisn = NULL, sekolah = NULL, tahun_lahir = ?, dianonimkan_pada = ?, version = version + 1, updated_at = ?, "
        "updated_by = ?, row_hash = ? WHERE id = ? AND version = ? AND dianonimkan_pada IS NULL",
        a.tahun_lahir, a.at, a.at, a.by, a.row_hash, a.id, a.expected_version));
    if (n != 1) return false;
    PILAR_TRY(c.execute("UPDATE anggota_ppks SET bukti_enc = NULL WHERE anggota_id = ?", a.id));
    PILAR_TRY(log_change(c, a.id));
    return true;
}

Result<std::vector<PpksRow>> ppks_of(db::Connection& c, std::int64_t anggota_id) {
    // Sorted here rather than by ORDER BY: a person has a handful of rows at most (usually none),
    // and SQLite would open a sorter for each read of a person.
    auto s = PILAR_TRY(c.prepare("SELECT id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc, kode_wilayah, "
                                 "created_at FROM anggota_ppks WHERE anggota_id = ?"));
    PILAR_TRY(s.bind_all(anggota_id));
    std::vector<PpksRow> out;
    while (PILAR_TRY(s.step()))
        out.push_back({s.integer(0), s.integer(1), static_cast<int>(s.integer(2)), s.string(3), s.opt_string(4),
                       s.string(5), s.opt_string(6), s.string(7), s.string(8)});
    std::sort(out.begin(), out.end(), [](PpksRow const& a, PpksRow const& b) {
        return std::tuple(a.sampai.has_value(), a.ppks, a.id) < std::tuple(b.sampai.has_value(), b.ppks, b.id);
    });
    return out;
}

Result<void> insert_ppks(db::Connection& c, PpksRow const& r) {
    PILAR_TRY(c.execute("INSERT INTO anggota_ppks (id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc, "
                        "kode_wilayah, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        r.id, r.anggota_id, r.ppks, r.sejak, r.sampai, r.dinilai_oleh, r.bukti_enc, r.kode_wilayah,
                        r.created_at));
    return {};
}

Result<void> insert_new_ppks(db::Connection& c, std::span<NewPpks const> rows, std::string_view sejak,
                             std::string_view dinilai_oleh, std::string_view created_at) {
    static BulkInsert const sql("anggota_ppks", "id",
                                "INSERT INTO anggota_ppks (id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc, "
                                "kode_wilayah, created_at)",
                                9);
    return sql.run(c, rows, [&](auto& bind, int i, NewPpks const& r) -> Result<int> {
        PILAR_TRY(bind(i++, r.id));
        PILAR_TRY(bind(i++, r.anggota_id));
        PILAR_TRY(bind(i++, std::int64_t{r.ppks}));
        PILAR_TRY(bind(i++, std::optional<std::string_view>(sejak)));
        PILAR_TRY(bind(i++, std::optional<std::string_view>()));
        PILAR_TRY(bind(i++, std::optional<std::string_view>(dinilai_oleh)));
        PILAR_TRY(bind(i++, std::optional<std::string_view>()));
        PILAR_TRY(bind(i++, std::optional<std::string_view>(r.kode_wilayah)));
        PILAR_TRY(bind(i++, std::optional<std::string_view>(created_at)));
        return i;
    }, [](NewPpks const& r) { return r.id; });
}

Result<bool> end_ppks(db::Connection& c, std::int64_t id, std::int64_t anggota_id, std::string_view sampai) {
    auto n = PILAR_TRY(c.execute("UPDATE anggota_ppks SET sampai = ? WHERE id = ? AND anggota_id = ? AND sampai IS NULL",
                                 sampai, id, anggota_id));
    return n == 1;
}

Result<bool> set_digabung_ke(db::Connection& c, std::int64_t id, std::optional<std::int64_t> into,
                             std::int64_t expected_version, std::string_view at, std::string_view by) {
    auto n = PILAR_TRY(c.execute("UPDATE anggota SET digabung_ke = ?, version = version + 1, updated_at = ?, updated_by = ? "
                                 "WHERE id = ? AND version = ?",
                                 into, at, by, id, expected_version));
    if (n != 1) return false;
    PILAR_TRY(log_change(c, id));
    return true;
}

Result<void> move_ppks(db::Connection& c, std::int64_t ppks_id, std::int64_t to_anggota, std::string_view kode_wilayah) {
    PILAR_TRY(c.execute("UPDATE anggota_ppks SET anggota_id = ?, kode_wilayah = ? WHERE id = ?", to_anggota, kode_wilayah,
                        ppks_id));
    return {};
}

Result<void> log_change(db::Connection& c, std::int64_t anggota_id) {
    PILAR_TRY(c.execute("INSERT INTO anggota_ubah (seq, anggota_id) SELECT COALESCE(MAX(seq), 0) + 1, ? FROM anggota_ubah",
                        anggota_id));
    return {};
}

Result<std::int64_t> log_changes(db::Connection& c, std::int64_t after_seq, std::span<std::int64_t const> ids) {
    // Numbered here (a recursive CTE doing the same, earlier code, materialised the numbers in a
    // temporary table first and cost about four times the instructions per entry: bench/RESULTS.md,
    // import, page size section), written as a bulk insert (on SQLite numbered by SQLite itself).
    static BulkInsert const sql("anggota_ubah", "seq", "INSERT INTO anggota_ubah (seq, anggota_id)", 2);
    thread_local std::vector<std::pair<std::int64_t, std::int64_t>> entries;
    entries.clear();
    std::int64_t seq = after_seq;
    for (auto id : ids) entries.emplace_back(++seq, id);
    auto const bind_entry = [](auto& bind, int i, std::pair<std::int64_t, std::int64_t> const& e) -> Result<int> {
        PILAR_TRY(bind(i++, e.first));
        PILAR_TRY(bind(i++, e.second));
        return i;
    };
    auto const key_of = [](std::pair<std::int64_t, std::int64_t> const& e) { return e.first; };
    PILAR_TRY(sql.run(c, std::span<std::pair<std::int64_t, std::int64_t> const>(entries), bind_entry, key_of));
    return seq;
}

Result<std::int64_t> feed_head(db::Connection& c) {
    auto v = PILAR_TRY(c.query_value<std::int64_t>("SELECT COALESCE(MAX(seq), 0) FROM anggota_ubah"));
    return v.value_or(0);
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> feed_after(db::Connection& c, std::int64_t seq, int limit) {
    auto s = PILAR_TRY(c.prepare("SELECT seq, anggota_id FROM anggota_ubah WHERE seq > ? ORDER BY seq LIMIT ?"));
    PILAR_TRY(s.bind_all(seq, limit));
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    while (PILAR_TRY(s.step())) out.emplace_back(s.integer(0), s.integer(1));
    return out;
}

Result<std::int64_t> scan_search(db::Connection& c, std::int64_t id, std::function<Result<void>(SearchScanRow const&)> const& fn) {
    constexpr std::string_view kCols =
        "SELECT id, nama, COALESCE(jenis_kelamin, ''), COALESCE(tanggal_lahir, ''), kode_wilayah, "
        "CASE WHEN digabung_ke IS NULL AND dianonimkan_pada IS NULL THEN 1 ELSE 0 END FROM anggota";
    auto s = PILAR_TRY(c.prepare(id == 0 ? std::string(kCols) + " WHERE digabung_ke IS NULL AND dianonimkan_pada IS NULL"
                                         : std::string(kCols) + " WHERE id = ?"));
    if (id != 0) PILAR_TRY(s.bind_all(id));
    SearchScanRow row;
    std::int64_t n = 0;
    while (PILAR_TRY(s.step())) {
        row.id = s.integer(0);
        row.nama = s.text(1);
        row.jenis_kelamin = s.text(2);
        row.tanggal_lahir = s.text(3);
        row.kode_wilayah = s.text(4);
        row.live = s.integer(5) == 1;
        PILAR_TRY(fn(row));
        ++n;
    }
    return n;
}

}  // namespace pilar::registry::store
