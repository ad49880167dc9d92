#include "registry/convert.hpp"

#include "core/strings.hpp"

#include <charconv>

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

namespace {

std::optional<std::string_view> opt_view(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return s;
}
std::optional<std::string> owned(std::optional<std::string_view> s) {
    if (!s) return std::nullopt;
    return std::string(*s);
}

}  // namespace

AnggotaView to_view(store::AnggotaRowView const& row, std::span<PpksEntry const> ppks) {
    auto const r = [&row](ACol c) { return row.rec[static_cast<std::size_t>(c)]; };
    AnggotaView a;
    a.id = row.id;
    a.uid = row.uid;
    a.keluarga_id = row.keluarga_id;
    a.nik = row.nik_mask;
    a.nama = r(ACol::Nama);
    a.jenis_kelamin = r(ACol::JenisKelamin);
    a.tempat_lahir = opt_view(r(ACol::TempatLahir));
    a.tanggal_lahir = opt_view(r(ACol::TanggalLahir));
    a.hubungan = r(ACol::Hubungan);
    a.status_kawin = opt_view(r(ACol::StatusKawin));
    a.pendidikan = opt_view(r(ACol::Pendidikan));
    a.pekerjaan = opt_view(r(ACol::Pekerjaan));
    a.nisn = opt_view(r(ACol::Nisn));
    a.sekolah = opt_view(r(ACol::Sekolah));
    a.status_keberadaan = r(ACol::StatusKeberadaan);
    a.status_padan = r(ACol::StatusPadan);
    a.ppks = ppks;
    a.kode_wilayah = row.kode_wilayah;
    a.dianonimkan_pada = row.dianonimkan_pada;
    a.tahun_lahir = row.tahun_lahir;
    a.digabung_ke = row.digabung_ke;
    if (!a.tahun_lahir && a.tanggal_lahir && a.tanggal_lahir->size() >= 4 && is_all_digits(a.tanggal_lahir->substr(0, 4))) {
        std::int64_t year = 0;
        std::from_chars(a.tanggal_lahir->data(), a.tanggal_lahir->data() + 4, year);
        a.tahun_lahir = year;
    }
    a.version = row.version;
    a.created_at = row.created_at;
    a.updated_at = row.updated_at;
    a.created_by = row.created_by;
    a.updated_by = row.updated_by;
    return a;
}

Anggota to_model(AnggotaView const& v) {
    Anggota a;
    a.id = v.id;
    a.uid = owned(v.uid);
    a.keluarga_id = v.keluarga_id;
    a.nik = owned(v.nik);
    a.nik_masked = v.nik_masked;
    a.nama = v.nama;
    a.jenis_kelamin = v.jenis_kelamin;
    a.tempat_lahir = owned(v.tempat_lahir);
    a.tanggal_lahir = owned(v.tanggal_lahir);
    a.hubungan = v.hubungan;
    a.status_kawin = owned(v.status_kawin);
    a.pendidikan = owned(v.pendidikan);
    a.pekerjaan = owned(v.pekerjaan);
    a.nisn = owned(v.nisn);
    a.sekolah = owned(v.sekolah);
    a.special_included = v.special_included;
    a.ppks.assign(v.ppks.begin(), v.ppks.end());
    a.status_keberadaan = v.status_keberadaan;
    a.status_padan = v.status_padan;
    a.kode_wilayah = v.kode_wilayah;
    a.dianonimkan_pada = owned(v.dianonimkan_pada);
    a.tahun_lahir = v.tahun_lahir;
    a.digabung_ke = v.digabung_ke;
    a.version = v.version;
    a.created_at = v.created_at;
    a.updated_at = v.updated_at;
    a.created_by = v.created_by;
    a.updated_by = v.updated_by;
    return a;
}

namespace {

// The stored row as the masked view to_model(row) copies from: `v` and `ppks` hold what the
// view points into.
AnggotaView view_of(AnggotaRow const& row, store::AnggotaRowView& v, std::vector<PpksEntry>& ppks) {
    v.id = row.meta.id;
    v.keluarga_id = row.keluarga_id;
    v.version = row.meta.version;
    if (row.meta.uid) v.uid = *row.meta.uid;
    if (row.nik_mask) v.nik_mask = *row.nik_mask;
    if (row.dianonimkan_pada) v.dianonimkan_pada = *row.dianonimkan_pada;
    v.tahun_lahir = row.tahun_lahir;
    v.digabung_ke = row.digabung_ke;
    v.kode_wilayah = row.meta.kode_wilayah;
    v.nama_cari = row.nama_cari;
    v.created_at = row.meta.created_at;
    v.updated_at = row.meta.updated_at;
    v.created_by = row.meta.created_by;
    v.updated_by = row.meta.updated_by;
    for (std::size_t i = 0; i < v.rec.size(); ++i) v.rec[i] = row.rec.fields[i];
    for (auto p : split_list(row.rec[ACol::Ppks])) ppks.push_back({.ppks = std::stoi(std::string(p))});
    return to_view(v, ppks);
}

}  // namespace

Anggota to_model(AnggotaRow const& row, std::optional<std::string> nik_clear) {
    store::AnggotaRowView v;
    std::vector<PpksEntry> ppks;
    Anggota a = to_model(view_of(row, v, ppks));
    if (nik_clear) {
        a.nik = std::move(nik_clear);
        a.nik_masked = false;
    }
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
        // Compared as views of the two rows: nothing is copied into an Anggota first.
        store::AnggotaRowView bv, av;
        std::vector<PpksEntry> bp, ap;
        write_changed_members(b, a, view_of(before, bv, bp), view_of(after, av, ap));
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
