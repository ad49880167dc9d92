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

namespace {

std::optional<std::string_view> opt_view(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return s;
}
std::optional<std::string> owned(std::optional<std::string_view> s) {
    if (!s) return std::nullopt;
    return std::string(*s);
}

// The version and who made and last changed a record, alike in every row, view and record.
template <typename To, typename From>
void copy_stamps(To& to, From const& from) {
    to.version = from.version;
    to.created_at = from.created_at;
    to.updated_at = from.updated_at;
    to.created_by = from.created_by;
    to.updated_by = from.updated_by;
}

}  // namespace

KeluargaView to_view(store::KeluargaRowView const& row) {
    auto const i = [](KCol c) { return static_cast<std::size_t>(c); };
    auto const r = [&](KCol c) { return opt_view(row.rec[i(c)]); };
    KeluargaView k;
    k.id = row.id;
    k.uid = row.uid;
    k.no_kk = row.no_kk_mask;
    k.kode_kelurahan = row.rec[i(KCol::KodeWilayah)];
    k.rw = r(KCol::Rw);
    k.rt = r(KCol::Rt);
    k.kode_wilayah = row.kode_wilayah;
    k.alamat = row.rec[i(KCol::Alamat)];
    k.lat = row.real[i(KCol::Lat)];
    k.lon = row.real[i(KCol::Lon)];
    k.desil = row.integer[i(KCol::Desil)];
    auto& h = k.rumah;
    h.status_bangunan = r(KCol::StatusBangunan);
    h.status_lahan = r(KCol::StatusLahan);
    h.luas_lantai = row.real[i(KCol::LuasLantai)];
    h.jenis_lantai = r(KCol::JenisLantai);
    h.jenis_dinding = r(KCol::JenisDinding);
    h.kondisi_dinding = r(KCol::KondisiDinding);
    h.jenis_atap = r(KCol::JenisAtap);
    h.kondisi_atap = r(KCol::KondisiAtap);
    h.jumlah_kamar = row.integer[i(KCol::JumlahKamar)];
    h.sumber_air = r(KCol::SumberAir);
    h.sumber_penerangan = r(KCol::SumberPenerangan);
    h.daya_listrik = r(KCol::DayaListrik);
    h.bahan_bakar = r(KCol::BahanBakar);
    h.fasilitas_bab = r(KCol::FasilitasBab);
    h.aset = {row.rec[i(KCol::Aset)]};
    k.status = row.status;
    k.jumlah_anggota = row.jumlah_anggota;
    copy_stamps(k, row);
    return k;
}

Keluarga to_model(KeluargaView const& v) {
    Keluarga k;
    k.id = v.id;
    k.uid = owned(v.uid);
    k.no_kk = v.no_kk;
    k.no_kk_masked = v.no_kk_masked;
    k.kode_kelurahan = v.kode_kelurahan;
    k.rw = owned(v.rw);
    k.rt = owned(v.rt);
    k.kode_wilayah = v.kode_wilayah;
    k.alamat = v.alamat;
    k.lat = v.lat;
    k.lon = v.lon;
    k.desil = v.desil;
    auto const& r = v.rumah;
    auto& h = k.rumah;
    h.status_bangunan = owned(r.status_bangunan);
    h.status_lahan = owned(r.status_lahan);
    h.luas_lantai = r.luas_lantai;
    h.jenis_lantai = owned(r.jenis_lantai);
    h.jenis_dinding = owned(r.jenis_dinding);
    h.kondisi_dinding = owned(r.kondisi_dinding);
    h.jenis_atap = owned(r.jenis_atap);
    h.kondisi_atap = owned(r.kondisi_atap);
    h.jumlah_kamar = r.jumlah_kamar;
    h.sumber_air = owned(r.sumber_air);
    h.sumber_penerangan = owned(r.sumber_penerangan);
    h.daya_listrik = owned(r.daya_listrik);
    h.bahan_bakar = owned(r.bahan_bakar);
    h.fasilitas_bab = owned(r.fasilitas_bab);
    for (auto a : split_list(r.aset.text)) h.aset.emplace_back(a);
    k.status = v.status;
    k.jumlah_anggota = v.jumlah_anggota;
    copy_stamps(k, v);
    return k;
}

Keluarga to_model(KeluargaRow const& row, std::optional<std::string> no_kk_clear) {
    // The stored row as the view the list page reads (numbers parsed from their normalised text).
    store::KeluargaRowView v;
    v.id = row.meta.id;
    if (row.meta.uid) v.uid = *row.meta.uid;
    v.no_kk_mask = row.no_kk_mask;
    v.kode_wilayah = row.meta.kode_wilayah;
    v.status = row.status;
    copy_stamps(v, row.meta);
    for (std::size_t i = 0; i < v.rec.size(); ++i) {
        auto const kind = keluarga_columns()[i].kind;
        if (kind == Kind::Real) v.real[i] = opt_real(row.rec.fields[i]);
        else if (kind == Kind::Integer) v.integer[i] = opt_int(row.rec.fields[i]);
        else if (static_cast<KCol>(i) != KCol::NoKk) v.rec[i] = row.rec.fields[i];
    }
    v.jumlah_anggota = row.jumlah_anggota;
    Keluarga k = to_model(to_view(v));
    if (no_kk_clear) {
        k.no_kk = std::move(*no_kk_clear);
        k.no_kk_masked = false;
    }
    return k;
}

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
    copy_stamps(a, row);
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
    copy_stamps(a, v);
    return a;
}

namespace {

// The stored row as the masked view to_model(row) copies from: `v` and `ppks` hold what the
// view points into.
AnggotaView view_of(AnggotaRow const& row, store::AnggotaRowView& v, std::vector<PpksEntry>& ppks) {
    v.id = row.meta.id;
    v.keluarga_id = row.keluarga_id;
    if (row.meta.uid) v.uid = *row.meta.uid;
    if (row.nik_mask) v.nik_mask = *row.nik_mask;
    if (row.dianonimkan_pada) v.dianonimkan_pada = *row.dianonimkan_pada;
    v.tahun_lahir = row.tahun_lahir;
    v.digabung_ke = row.digabung_ke;
    v.kode_wilayah = row.meta.kode_wilayah;
    v.nama_cari = row.nama_cari;
    copy_stamps(v, row.meta);
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
