// SQL for the workforce tables (migrations 0009, 0020). Every function takes the connection it runs on,
// so the service decides transactions. Areas are lists of dotted codes, each a prefix range over
// kode_wilayah; `all` for the system actor.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "workforce/model.hpp"

namespace pilar::workforce::store {

struct Area {
    bool all = false;
    std::vector<std::string> prefixes;
};

// --- pilar_sosial
Result<std::int64_t> insert_pilar(db::Connection& c, PilarSosial const& p);
// Writes every mutable column and bumps the version when the stored one is `expected`.
Result<bool> save_pilar(db::Connection& c, PilarSosial const& p, std::int64_t expected);
Result<std::optional<PilarSosial>> get_pilar(db::Connection& c, std::int64_t id);
Result<std::optional<PilarSosial>> get_pilar_by_username(db::Connection& c, std::string_view username);

struct PilarFilter {
    Area area;
    std::optional<std::string> username;  // only this one (a PSM's own record)
    std::optional<Jenis> jenis;
    std::optional<Status> status;
    std::optional<std::string> under;
    std::optional<std::string> nama_like;
    std::int64_t after = 0;
    int limit = 50;  // 0: no limit
};
Result<std::vector<PilarSosial>> list_pilar(db::Connection& c, PilarFilter const& f);

// --- SK, assignments, status history
Result<std::int64_t> insert_sk(db::Connection& c, Sk const& s);
Result<std::vector<Sk>> list_sk(db::Connection& c, std::int64_t pilar_id);  // newest end date first
Result<std::optional<Sk>> get_sk(db::Connection& c, std::int64_t id);
Result<std::int64_t> insert_penugasan(db::Connection& c, Penugasan const& p);
Result<void> end_penugasan(db::Connection& c, std::int64_t pilar_id, std::string_view selesai, std::string_view alasan);
Result<std::vector<Penugasan>> list_penugasan(db::Connection& c, std::int64_t pilar_id, bool current_only);
// Current assignments of every record of `jenis` with status aktif, their code in `under`.
struct Tugas {
    std::string kode_wilayah;
    std::int64_t pilar_id = 0;
    std::string nama;
};
Result<std::vector<Tugas>> active_assignments(db::Connection& c, Jenis jenis, std::string_view under);
// Current assignments by record id (for lists of many records).
Result<std::map<std::int64_t, std::vector<std::string>>> current_assignments(db::Connection& c);
Result<void> insert_status(db::Connection& c, StatusRiwayat const& r);
Result<std::vector<StatusRiwayat>> list_status(db::Connection& c, std::int64_t pilar_id);
// Each active record's latest SK ending before `until`, in `under`.
Result<std::vector<SkBerakhir>> sk_ending(db::Connection& c, std::string_view under, std::string_view until);

// --- laporan kegiatan
Result<std::int64_t> insert_laporan(db::Connection& c, Laporan const& l);
Result<std::optional<Laporan>> get_laporan(db::Connection& c, std::int64_t id);
Result<std::optional<Laporan>> get_laporan_by_uid(db::Connection& c, std::string_view uid);
struct LaporanFilter {
    Area area;
    std::optional<std::int64_t> pilar_id;
    std::optional<std::string> under;
    std::optional<std::string> dari, sampai;
    std::optional<JenisKegiatan> jenis;
    std::int64_t after = 0;
    int limit = 50;
};
Result<std::vector<Laporan>> list_laporan(db::Connection& c, LaporanFilter const& f);
Result<std::int64_t> insert_foto(db::Connection& c, Foto const& f, std::string_view bytes);
Result<std::optional<Foto>> get_foto(db::Connection& c, std::int64_t id);
Result<std::optional<Foto>> get_foto_by_uid(db::Connection& c, std::string_view uid);
Result<std::string> foto_bytes(db::Connection& c, std::int64_t id);
Result<std::int64_t> count_foto(db::Connection& c, std::int64_t laporan_id);
// Reports per record and activity kind with tanggal in [dari, sampai).
Result<std::map<std::int64_t, Angka>> count_laporan(db::Connection& c, std::string_view dari, std::string_view sampai);
// Mean GPS of the reports per kelurahan (first 13 characters of the code) in `under`.
Result<std::map<std::string, std::pair<double, double>>> mean_position(db::Connection& c, std::string_view under);

// --- rules of one kota (workforce_aturan_kota, migration 0020)
struct AturanTersimpan {
    std::string kunci, nilai, updated_by, updated_at;
};
Result<std::vector<AturanTersimpan>> list_aturan(db::Connection& c, std::string_view kode_kota);
Result<void> put_aturan(db::Connection& c, std::string_view kode_kota, std::string_view kunci, std::string_view nilai,
                        std::string_view by, std::string_view at);

}  // namespace pilar::workforce::store
