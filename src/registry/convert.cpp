#include "registry/convert.hpp"

#include "core/strings.hpp"

#include <boost/json.hpp>

#include "access/audit.hpp"
#include "registry/json.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;
using store::AnggotaRow;
using store::KeluargaRow;

}  // namespace

std::optional<std::string> opt(std::string const& s) {
    if (s.empty()) return std::nullopt;
    return s;
}
std::optional<double> opt_real(std::string const& s) {
    if (s.empty()) return std::nullopt;
    return std::stod(s);
}
std::optional<std::int64_t> opt_int(std::string const& s) {
    if (s.empty()) return std::nullopt;
    return std::stoll(s);
}

std::vector<std::string> list_of(std::string const& s) {
    std::vector<std::string> out;
    for (auto v : split_list(s)) out.emplace_back(v);
    return out;
}

Keluarga to_model(KeluargaRow const& row, std::optional<std::string> no_kk_clear) {
    auto const& r = row.rec;
    Keluarga k;
    k.id = row.meta.id;
    k.uid = row.meta.uid;
    k.no_kk_masked = !no_kk_clear;
    k.no_kk = no_kk_clear ? *no_kk_clear : row.no_kk_mask;
    k.kode_kelurahan = r[KCol::KodeWilayah];
    k.rw = opt(r[KCol::Rw]);
    k.rt = opt(r[KCol::Rt]);
    k.kode_wilayah = row.meta.kode_wilayah;
    k.alamat = r[KCol::Alamat];
    k.lat = opt_real(r[KCol::Lat]);
    k.lon = opt_real(r[KCol::Lon]);
    k.desil = opt_int(r[KCol::Desil]);
    auto& h = k.rumah;
    h.status_bangunan = opt(r[KCol::StatusBangunan]);
    h.status_lahan = opt(r[KCol::StatusLahan]);
    h.luas_lantai = opt_real(r[KCol::LuasLantai]);
    h.jenis_lantai = opt(r[KCol::JenisLantai]);
    h.jenis_dinding = opt(r[KCol::JenisDinding]);
    h.kondisi_dinding = opt(r[KCol::KondisiDinding]);
    h.jenis_atap = opt(r[KCol::JenisAtap]);
    h.kondisi_atap = opt(r[KCol::KondisiAtap]);
    h.jumlah_kamar = opt_int(r[KCol::JumlahKamar]);
    h.sumber_air = opt(r[KCol::SumberAir]);
    h.sumber_penerangan = opt(r[KCol::SumberPenerangan]);
    h.daya_listrik = opt(r[KCol::DayaListrik]);
    h.bahan_bakar = opt(r[KCol::BahanBakar]);
    h.fasilitas_bab = opt(r[KCol::FasilitasBab]);
    h.aset = list_of(r[KCol::Aset]);
    k.status = row.status;
    k.jumlah_anggota = row.jumlah_anggota;
    k.version = row.meta.version;
    k.created_at = row.meta.created_at;
    k.updated_at = row.meta.updated_at;
    k.created_by = row.meta.created_by;
    k.updated_by = row.meta.updated_by;
    return k;
}

Anggota to_model(AnggotaRow const& row, std::optional<std::string> nik_clear) {
    auto const& r = row.rec;
    Anggota a;
    a.id = row.meta.id;
    a.uid = row.meta.uid;
    a.keluarga_id = row.keluarga_id;
    a.nik_masked = !nik_clear;
    a.nik = nik_clear ? nik_clear : row.nik_mask;
    a.nama = r[ACol::Nama];
    a.jenis_kelamin = r[ACol::JenisKelamin];
    a.tempat_lahir = opt(r[ACol::TempatLahir]);
    a.tanggal_lahir = opt(r[ACol::TanggalLahir]);
    a.hubungan = r[ACol::Hubungan];
    a.status_kawin = opt(r[ACol::StatusKawin]);
    a.pendidikan = opt(r[ACol::Pendidikan]);
    a.pekerjaan = opt(r[ACol::Pekerjaan]);
    a.nisn = opt(r[ACol::Nisn]);
    a.sekolah = opt(r[ACol::Sekolah]);
    a.status_keberadaan = r[ACol::StatusKeberadaan];
    a.status_padan = r[ACol::StatusPadan];
    for (auto p : split_list(r[ACol::Ppks])) a.ppks.push_back({.ppks = std::stoi(std::string(p))});
    a.kode_wilayah = row.meta.kode_wilayah;
    a.dianonimkan_pada = row.dianonimkan_pada;
    a.tahun_lahir = row.tahun_lahir;
    a.digabung_ke = row.digabung_ke;
    if (!a.tahun_lahir && a.tanggal_lahir && a.tanggal_lahir->size() >= 4 && is_all_digits(a.tanggal_lahir->substr(0, 4)))
        a.tahun_lahir = std::stoll(a.tanggal_lahir->substr(0, 4));
    a.version = row.meta.version;
    a.created_at = row.meta.created_at;
    a.updated_at = row.meta.updated_at;
    a.created_by = row.meta.created_by;
    a.updated_by = row.meta.updated_by;
    return a;
}

std::string audit_json(KeluargaRow const& row) { return json::serialize(encode(to_model(row, std::nullopt))); }
// Written as text (no DOM): an update's audit entry writes two of these per change.
std::string audit_json(AnggotaRow const& row) {
    std::string out;
    http::JsonWriter w(out);
    w.begin_object();
    write_members(w, to_model(row, std::nullopt), false);
    w.key("disabilitas_enc"), w.value(row.disabilitas_enc);
    w.key("penyakit_kronis_enc"), w.value(row.penyakit_kronis_enc);
    w.end_object();
    return out;
}

std::function<std::pair<std::string, std::string>()> audit_changes(KeluargaRow const& before, KeluargaRow const& after) {
    return [&before, &after] { return *access::changed_fields(audit_json(before), audit_json(after)); };
}
// What access::changed_fields(audit_json(before), audit_json(after)) gives, without writing the
// members that did not change (an update usually changes three or four of ~30).
std::function<std::pair<std::string, std::string>()> audit_changes(AnggotaRow const& before, AnggotaRow const& after) {
    return [&before, &after] {
        std::pair<std::string, std::string> out;
        http::JsonWriter b(out.first), a(out.second);
        b.begin_object(), a.begin_object();
        write_changed_members(b, a, to_model(before, std::nullopt), to_model(after, std::nullopt));
        auto sealed = [&](std::string_view key, std::optional<std::string> const& x, std::optional<std::string> const& y) {
            if (x == y) return;
            b.key(key), b.value(x);
            a.key(key), a.value(y);
        };
        sealed("disabilitas_enc", before.disabilitas_enc, after.disabilitas_enc);
        sealed("penyakit_kronis_enc", before.penyakit_kronis_enc, after.penyakit_kronis_enc);
        b.end_object(), a.end_object();
        return out;
    };
}

}  // namespace pilar::registry
