#include "events/store.hpp"

#include <boost/json.hpp>

namespace pilar::events::store {
namespace {

constexpr std::string_view kAcaraColumns =
    "id, judul, jenis, deskripsi, tanggal_mulai, tanggal_selesai, tempat, kapasitas, penyelenggara, kode_wilayah, "
    "pelatihan_dasar, status, jumlah_terdaftar, version, created_at, created_by, updated_at, updated_by";

Acara read_acara(db::StatementRef& s) {
    Acara a;
    a.id = s.integer(0);
    a.judul = s.string(1);
    a.jenis = s.string(2);
    a.deskripsi = s.opt_string(3);
    a.tanggal_mulai = s.string(4);
    a.tanggal_selesai = s.string(5);
    a.tempat = s.string(6);
    a.kapasitas = s.integer(7);
    a.penyelenggara = s.string(8);
    a.kode_wilayah = s.string(9);
    a.pelatihan_dasar = s.integer(10) != 0;
    a.status = s.string(11);
    a.jumlah_terdaftar = s.integer(12);
    a.version = s.integer(13);
    a.created_at = s.string(14);
    a.created_by = s.string(15);
    a.updated_at = s.string(16);
    a.updated_by = s.string(17);
    return a;
}

// p.* plus the number of sessions attended.
constexpr std::string_view kPesertaSelect =
    "SELECT p.id, p.acara_id, p.user_id, p.nama, p.peran, p.peran_akun, p.kode_wilayah, p.telepon, p.instansi, p.status, "
    "p.token, p.diundang_pada, p.terdaftar_pada, p.sertifikat_kode, p.sertifikat_pada, p.sertifikat_dicabut_pada, "
    "p.version, (SELECT count(*) FROM acara_hadir h WHERE h.peserta_id = p.id) FROM acara_peserta p ";

Peserta read_peserta(db::StatementRef& s) {
    Peserta p;
    p.id = s.integer(0);
    p.acara_id = s.integer(1);
    p.user_id = s.opt_integer(2);
    p.nama = s.string(3);
    p.peran = s.string(4);
    p.peran_akun = s.opt_string(5);
    p.kode_wilayah = s.opt_string(6);
    p.telepon = s.opt_string(7);
    p.instansi = s.opt_string(8);
    p.status = s.string(9);
    p.token = s.string(10);
    p.diundang_pada = s.opt_string(11);
    p.terdaftar_pada = s.opt_string(12);
    p.sertifikat_kode = s.opt_string(13);
    p.sertifikat_pada = s.opt_string(14);
    p.sertifikat_dicabut_pada = s.opt_string(15);
    p.version = s.integer(16);
    p.sesi_hadir = s.integer(17);
    return p;
}

Result<std::optional<Peserta>> one_peserta(db::Connection& c, std::string const& sql, auto const&... args) {
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(args...));
    if (!PILAR_TRY(s.step())) return std::optional<Peserta>{};
    return std::optional<Peserta>(read_peserta(s));
}

Result<std::vector<Peserta>> many_peserta(db::Connection& c, std::string const& sql, auto const&... args) {
    auto s = PILAR_TRY(c.prepare(sql));
    PILAR_TRY(s.bind_all(args...));
    std::vector<Peserta> out;
    while (PILAR_TRY(s.step())) out.push_back(read_peserta(s));
    return out;
}

Hadir read_hadir(db::StatementRef& s) {
    return {.id = s.integer(0), .acara_id = s.integer(1), .sesi_id = s.integer(2), .peserta_id = s.integer(3),
            .pintu = s.string(4), .waktu = s.string(5), .oleh = s.string(6)};
}

}  // namespace

Result<std::int64_t> insert_acara(db::Connection& c, Acara const& a) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO acara (judul, jenis, deskripsi, tanggal_mulai, tanggal_selesai, tempat, kapasitas, penyelenggara, "
        "kode_wilayah, pelatihan_dasar, status, jumlah_terdaftar, version, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?) RETURNING id",
        a.judul, a.jenis, a.deskripsi, a.tanggal_mulai, a.tanggal_selesai, a.tempat, a.kapasitas, a.penyelenggara,
        a.kode_wilayah, a.pelatihan_dasar, a.status, a.created_at, a.created_by, a.updated_at, a.updated_by));
    return id.value_or(0);
}

Result<bool> update_acara(db::Connection& c, Acara const& a, std::int64_t expected_version) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE acara SET judul = ?, jenis = ?, deskripsi = ?, tanggal_mulai = ?, tanggal_selesai = ?, tempat = ?, "
        "kapasitas = ?, penyelenggara = ?, kode_wilayah = ?, pelatihan_dasar = ?, status = ?, version = version + 1, "
        "updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
        a.judul, a.jenis, a.deskripsi, a.tanggal_mulai, a.tanggal_selesai, a.tempat, a.kapasitas, a.penyelenggara,
        a.kode_wilayah, a.pelatihan_dasar, a.status, a.updated_at, a.updated_by, a.id, expected_version));
    return n == 1;
}

Result<std::optional<Acara>> get_acara(db::Connection& c, std::int64_t id) {
    auto s = PILAR_TRY(c.prepare(std::string("SELECT ").append(kAcaraColumns).append(" FROM acara WHERE id = ?")));
    PILAR_TRY(s.bind_all(id));
    if (!PILAR_TRY(s.step())) return std::optional<Acara>{};
    return std::optional<Acara>(read_acara(s));
}

Result<std::vector<Acara>> list_acara(db::Connection& c) {
    auto s = PILAR_TRY(
        c.prepare(std::string("SELECT ").append(kAcaraColumns).append(" FROM acara ORDER BY tanggal_mulai DESC, id DESC")));
    std::vector<Acara> out;
    while (PILAR_TRY(s.step())) out.push_back(read_acara(s));
    return out;
}

Result<bool> take_seat(db::Connection& c, std::int64_t acara_id) {
    auto n = PILAR_TRY(c.execute(
        "UPDATE acara SET jumlah_terdaftar = jumlah_terdaftar + 1 WHERE id = ? AND jumlah_terdaftar < kapasitas", acara_id));
    return n == 1;
}

Result<void> release_seat(db::Connection& c, std::int64_t acara_id) {
    PILAR_TRY(c.execute("UPDATE acara SET jumlah_terdaftar = jumlah_terdaftar - 1 WHERE id = ? AND jumlah_terdaftar > 0",
                        acara_id));
    return {};
}

Result<std::int64_t> insert_sesi(db::Connection& c, Sesi const& s) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO acara_sesi (acara_id, urutan, judul, topik, mulai, selesai, narasumber_id) VALUES "
        "(?, (SELECT coalesce(max(urutan), 0) + 1 FROM acara_sesi WHERE acara_id = ?), ?, ?, ?, ?, ?) RETURNING id",
        s.acara_id, s.acara_id, s.judul, s.topik, s.mulai, s.selesai, s.narasumber_id));
    return id.value_or(0);
}

Result<std::vector<Sesi>> list_sesi(db::Connection& c, std::int64_t acara_id) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT s.id, s.acara_id, s.urutan, s.judul, s.topik, s.mulai, s.selesai, s.narasumber_id, p.nama, "
        "(SELECT count(*) FROM acara_hadir h WHERE h.sesi_id = s.id) FROM acara_sesi s "
        "LEFT JOIN acara_peserta p ON p.id = s.narasumber_id WHERE s.acara_id = ? ORDER BY s.mulai, s.urutan"));
    PILAR_TRY(s.bind_all(acara_id));
    std::vector<Sesi> out;
    while (PILAR_TRY(s.step()))
        out.push_back({.id = s.integer(0), .acara_id = s.integer(1), .urutan = static_cast<int>(s.integer(2)),
                       .judul = s.string(3), .topik = s.opt_string(4), .mulai = s.string(5), .selesai = s.string(6),
                       .narasumber_id = s.opt_integer(7), .narasumber_nama = s.opt_string(8), .jumlah_hadir = s.integer(9)});
    return out;
}

Result<std::int64_t> count_hadir_sesi(db::Connection& c, std::int64_t sesi_id) {
    return PILAR_TRY(c.query_value<std::int64_t>("SELECT count(*) FROM acara_hadir WHERE sesi_id = ?", sesi_id)).value_or(0);
}

Result<void> delete_sesi(db::Connection& c, std::int64_t sesi_id) {
    PILAR_TRY(c.execute("DELETE FROM acara_sesi WHERE id = ?", sesi_id));
    return {};
}

Result<std::int64_t> insert_peserta(db::Connection& c, Peserta const& p) {
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO acara_peserta (acara_id, user_id, nama, peran, peran_akun, kode_wilayah, telepon, instansi, status, "
        "token, diundang_pada, terdaftar_pada, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
        p.acara_id, p.user_id, p.nama, p.peran, p.peran_akun, p.kode_wilayah, p.telepon, p.instansi, p.status, p.token,
        p.diundang_pada, p.terdaftar_pada));
    return id.value_or(0);
}

Result<std::optional<Peserta>> get_peserta(db::Connection& c, std::int64_t id) {
    return one_peserta(c, std::string(kPesertaSelect) + "WHERE p.id = ?", id);
}

Result<std::optional<Peserta>> peserta_by_token(db::Connection& c, std::string_view token) {
    return one_peserta(c, std::string(kPesertaSelect) + "WHERE p.token = ?", token);
}

Result<std::optional<Peserta>> peserta_by_user(db::Connection& c, std::int64_t acara_id, std::int64_t user_id) {
    return one_peserta(c, std::string(kPesertaSelect) + "WHERE p.acara_id = ? AND p.user_id = ?", acara_id, user_id);
}

Result<std::vector<Peserta>> list_peserta(db::Connection& c, std::int64_t acara_id) {
    return many_peserta(c, std::string(kPesertaSelect) + "WHERE p.acara_id = ? ORDER BY p.nama, p.id", acara_id);
}

Result<std::vector<Peserta>> peserta_of_user(db::Connection& c, std::int64_t user_id) {
    return many_peserta(c, std::string(kPesertaSelect) + "WHERE p.user_id = ? ORDER BY p.acara_id DESC", user_id);
}

Result<void> set_status(db::Connection& c, std::int64_t peserta_id, std::string_view status,
                        std::optional<std::string> const& terdaftar_pada) {
    PILAR_TRY(c.execute("UPDATE acara_peserta SET status = ?, terdaftar_pada = ?, version = version + 1 WHERE id = ?",
                        status, terdaftar_pada, peserta_id));
    return {};
}

Result<void> set_sertifikat(db::Connection& c, std::int64_t peserta_id, std::string_view kode, std::string_view pada) {
    PILAR_TRY(c.execute("UPDATE acara_peserta SET sertifikat_kode = ?, sertifikat_pada = ?, sertifikat_dicabut_pada = NULL, "
                        "version = version + 1 WHERE id = ?",
                        kode, pada, peserta_id));
    return {};
}

Result<void> revoke_sertifikat(db::Connection& c, std::int64_t peserta_id, std::string_view pada) {
    PILAR_TRY(c.execute("UPDATE acara_peserta SET sertifikat_dicabut_pada = ?, version = version + 1 WHERE id = ?", pada,
                        peserta_id));
    return {};
}

Result<std::optional<Peserta>> peserta_by_sertifikat(db::Connection& c, std::string_view kode) {
    return one_peserta(c, std::string(kPesertaSelect) + "WHERE p.sertifikat_kode = ?", kode);
}

Result<bool> insert_hadir(db::Connection& c, Hadir const& h) {
    auto n = PILAR_TRY(c.execute("INSERT INTO acara_hadir (acara_id, sesi_id, peserta_id, pintu, waktu, oleh) "
                                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (peserta_id, sesi_id) DO NOTHING",
                                 h.acara_id, h.sesi_id, h.peserta_id, h.pintu, h.waktu, h.oleh));
    return n == 1;
}

Result<std::optional<Hadir>> get_hadir(db::Connection& c, std::int64_t peserta_id, std::int64_t sesi_id) {
    auto s = PILAR_TRY(c.prepare("SELECT id, acara_id, sesi_id, peserta_id, pintu, waktu, oleh FROM acara_hadir "
                                 "WHERE peserta_id = ? AND sesi_id = ?"));
    PILAR_TRY(s.bind_all(peserta_id, sesi_id));
    if (!PILAR_TRY(s.step())) return std::optional<Hadir>{};
    return std::optional<Hadir>(read_hadir(s));
}

Result<std::vector<Hadir>> list_hadir(db::Connection& c, std::int64_t acara_id) {
    auto s = PILAR_TRY(c.prepare("SELECT id, acara_id, sesi_id, peserta_id, pintu, waktu, oleh FROM acara_hadir "
                                 "WHERE acara_id = ? ORDER BY waktu, id"));
    PILAR_TRY(s.bind_all(acara_id));
    std::vector<Hadir> out;
    while (PILAR_TRY(s.step())) out.push_back(read_hadir(s));
    return out;
}

Result<std::int64_t> insert_undian(db::Connection& c, Undian const& u) {
    boost::json::array ids;
    for (auto id : u.calon) ids.emplace_back(id);
    auto id = PILAR_TRY(c.query_value<std::int64_t>(
        "INSERT INTO acara_undian (acara_id, hadiah, jumlah, seed, calon, calon_digest, dibuat_pada, dibuat_oleh) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        u.acara_id, u.hadiah, u.jumlah, u.seed, boost::json::serialize(ids), u.calon_digest, u.dibuat_pada, u.dibuat_oleh));
    std::int64_t const undian_id = id.value_or(0);
    for (std::size_t i = 0; i < u.pemenang.size(); ++i)
        PILAR_TRY(c.execute("INSERT INTO acara_pemenang (undian_id, acara_id, peserta_id, urutan) VALUES (?, ?, ?, ?)",
                            undian_id, u.acara_id, u.pemenang[i], static_cast<std::int64_t>(i + 1)));
    return undian_id;
}

Result<std::vector<Undian>> list_undian(db::Connection& c, std::int64_t acara_id) {
    std::vector<Undian> out;
    {
        auto s = PILAR_TRY(c.prepare("SELECT id, acara_id, hadiah, jumlah, seed, calon, calon_digest, dibuat_pada, dibuat_oleh "
                                     "FROM acara_undian WHERE acara_id = ? ORDER BY id"));
        PILAR_TRY(s.bind_all(acara_id));
        while (PILAR_TRY(s.step())) {
            Undian u{.id = s.integer(0), .acara_id = s.integer(1), .hadiah = s.string(2),
                     .jumlah = static_cast<int>(s.integer(3)), .seed = s.string(4)};
            boost::json::value const ids = boost::json::parse(s.text(5));
            for (auto const& v : ids.as_array()) u.calon.push_back(v.as_int64());
            u.calon_digest = s.string(6);
            u.dibuat_pada = s.string(7);
            u.dibuat_oleh = s.string(8);
            out.push_back(std::move(u));
        }
    }
    auto w = PILAR_TRY(c.prepare("SELECT w.undian_id, w.peserta_id, p.nama FROM acara_pemenang w "
                                 "JOIN acara_peserta p ON p.id = w.peserta_id WHERE w.acara_id = ? ORDER BY w.undian_id, w.urutan"));
    PILAR_TRY(w.bind_all(acara_id));
    while (PILAR_TRY(w.step())) {
        for (auto& u : out) {
            if (u.id != w.integer(0)) continue;
            u.pemenang.push_back(w.integer(1));
            u.pemenang_nama.push_back(w.string(2));
        }
    }
    return out;
}

Result<std::vector<std::int64_t>> winners_of_acara(db::Connection& c, std::int64_t acara_id) {
    auto s = PILAR_TRY(c.prepare("SELECT peserta_id FROM acara_pemenang WHERE acara_id = ?"));
    PILAR_TRY(s.bind_all(acara_id));
    std::vector<std::int64_t> out;
    while (PILAR_TRY(s.step())) out.push_back(s.integer(0));
    return out;
}

Result<std::vector<PelatihanDiikuti>> trainings_of_user(db::Connection& c, std::int64_t user_id, std::string_view from,
                                                        std::string_view to) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT a.id, a.judul, a.jenis, a.tanggal_mulai, a.tanggal_selesai, a.pelatihan_dasar, "
        "(SELECT count(*) FROM acara_hadir h WHERE h.peserta_id = p.id), "
        "(SELECT count(*) FROM acara_sesi s WHERE s.acara_id = a.id) "
        "FROM acara_peserta p JOIN acara a ON a.id = p.acara_id "
        "WHERE p.user_id = ? AND a.status <> 'batal' AND a.tanggal_mulai <= ? AND a.tanggal_selesai >= ? "
        "AND EXISTS (SELECT 1 FROM acara_hadir h WHERE h.peserta_id = p.id) ORDER BY a.tanggal_mulai, a.id"));
    PILAR_TRY(s.bind_all(user_id, to, from));
    std::vector<PelatihanDiikuti> out;
    while (PILAR_TRY(s.step()))
        out.push_back({.acara_id = s.integer(0), .judul = s.string(1), .jenis = s.string(2), .tanggal_mulai = s.string(3),
                       .tanggal_selesai = s.string(4), .pelatihan_dasar = s.integer(5) != 0, .sesi_hadir = s.integer(6),
                       .sesi_total = s.integer(7)});
    return out;
}

Result<std::map<std::int64_t, std::int64_t>> trainings_per_user(db::Connection& c, std::string_view dari, std::string_view sampai) {
    auto s = PILAR_TRY(c.prepare(
        "SELECT p.user_id, count(*) FROM acara_peserta p JOIN acara a ON a.id = p.acara_id "
        "WHERE p.user_id IS NOT NULL AND a.status <> 'batal' AND a.tanggal_mulai >= ? AND a.tanggal_mulai < ? "
        "AND EXISTS (SELECT 1 FROM acara_hadir h WHERE h.peserta_id = p.id) GROUP BY p.user_id"));
    PILAR_TRY(s.bind_all(dari, sampai));
    std::map<std::int64_t, std::int64_t> out;
    while (PILAR_TRY(s.step())) out[s.integer(0)] = s.integer(1);
    return out;
}

}  // namespace pilar::events::store
