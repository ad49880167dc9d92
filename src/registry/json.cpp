#include "registry/json.hpp"

#include <boost/json.hpp>

#include "http/json_writer.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;

template <typename T>
void put(json::object& o, std::string_view key, std::optional<T> const& v) {
    if (v) o[key] = *v;
    else o[key] = nullptr;
}

// The DOM of a shape written with JsonWriter, for callers that edit it (audit, 409 bodies).
template <typename Write>
json::object as_object(Write&& write) {
    std::string text;
    http::JsonWriter w(text);
    write(w);
    return json::parse(text).as_object();
}

}  // namespace

void write(http::JsonWriter& w, PpksEntry const& p) {
    w.begin_object();
    if (p.id) w.key("id"), w.value(p.id);
    w.key("ppks"), w.value(p.ppks);
    if (!p.sejak.empty()) w.key("sejak"), w.value(p.sejak);
    if (p.id) w.key("sampai"), w.value(p.sampai);
    if (!p.dinilai_oleh.empty()) w.key("dinilai_oleh"), w.value(p.dinilai_oleh);
    if (p.bukti) w.key("bukti"), w.value(*p.bukti);
    w.end_object();
}

json::object encode(PpksEntry const& p) { return as_object([&](http::JsonWriter& w) { write(w, p); }); }

json::object encode(Keluarga const& k) {
    json::object o;
    o["id"] = k.id;
    put(o, "uid", k.uid);
    o["no_kk"] = k.no_kk;
    o["no_kk_tersamar"] = k.no_kk_masked;
    o["kode_wilayah"] = k.kode_kelurahan;
    put(o, "rw", k.rw);
    put(o, "rt", k.rt);
    o["kode_wilayah_lengkap"] = k.kode_wilayah;
    o["alamat"] = k.alamat;
    put(o, "lat", k.lat);
    put(o, "lon", k.lon);
    put(o, "desil", k.desil);
    auto const& r = k.rumah;
    put(o, "status_bangunan", r.status_bangunan);
    put(o, "status_lahan", r.status_lahan);
    put(o, "luas_lantai", r.luas_lantai);
    put(o, "jenis_lantai", r.jenis_lantai);
    put(o, "jenis_dinding", r.jenis_dinding);
    put(o, "kondisi_dinding", r.kondisi_dinding);
    put(o, "jenis_atap", r.jenis_atap);
    put(o, "kondisi_atap", r.kondisi_atap);
    put(o, "jumlah_kamar", r.jumlah_kamar);
    put(o, "sumber_air", r.sumber_air);
    put(o, "sumber_penerangan", r.sumber_penerangan);
    put(o, "daya_listrik", r.daya_listrik);
    put(o, "bahan_bakar", r.bahan_bakar);
    put(o, "fasilitas_bab", r.fasilitas_bab);
    json::array aset;
    for (auto const& a : r.aset) aset.emplace_back(a);
    o["aset"] = std::move(aset);
    o["status"] = k.status;
    o["jumlah_anggota"] = k.jumlah_anggota;
    o["version"] = k.version;
    o["dibuat_pada"] = k.created_at;
    o["dibuat_oleh"] = k.created_by;
    o["diubah_pada"] = k.updated_at;
    o["diubah_oleh"] = k.updated_by;
    return o;
}

void write(http::JsonWriter& w, Anggota const& a) {
    w.begin_object();
    write_members(w, a, true);
    w.end_object();
}

void write_members(http::JsonWriter& w, Anggota const& a, bool with_special_flag) {
    w.key("id"), w.value(a.id);
    w.key("uid"), w.value(a.uid);
    w.key("keluarga_id"), w.value(a.keluarga_id);
    w.key("nik"), w.value(a.nik);
    w.key("nik_tersamar"), w.value(a.nik_masked);
    w.key("nama"), w.value(a.nama);
    w.key("jenis_kelamin"), w.value(a.jenis_kelamin);
    w.key("tempat_lahir"), w.value(a.tempat_lahir);
    w.key("tanggal_lahir"), w.value(a.tanggal_lahir);
    w.key("hubungan"), w.value(a.hubungan);
    w.key("status_kawin"), w.value(a.status_kawin);
    w.key("pendidikan"), w.value(a.pendidikan);
    w.key("pekerjaan"), w.value(a.pekerjaan);
    w.key("nisn"), w.value(a.nisn);
    w.key("sekolah"), w.value(a.sekolah);
    w.key("status_keberadaan"), w.value(a.status_keberadaan);
    w.key("status_padan"), w.value(a.status_padan);
    w.key("ppks"), w.begin_array();
    for (auto const& p : a.ppks) write(w, p);
    w.end_array();
    if (with_special_flag) w.key("data_khusus_disertakan"), w.value(a.special_included);
    if (a.special_included) {
        w.key("disabilitas");
        if (a.disabilitas) {
            w.begin_object();
            w.key("jenis"), w.value(a.disabilitas->jenis);
            w.key("tingkat"), w.value(a.disabilitas->tingkat);
            w.end_object();
        } else {
            w.value(nullptr);
        }
        w.key("penyakit_kronis"), w.begin_array();
        for (auto const& p : a.penyakit_kronis) w.value(p);
        w.end_array();
    }
    w.key("kode_wilayah_lengkap"), w.value(a.kode_wilayah);
    w.key("tahun_lahir"), w.value(a.tahun_lahir);
    if (a.dianonimkan_pada) w.key("dianonimkan_pada"), w.value(*a.dianonimkan_pada);
    w.key("digabung_ke"), w.value(a.digabung_ke);
    w.key("version"), w.value(a.version);
    w.key("dibuat_pada"), w.value(a.created_at);
    w.key("dibuat_oleh"), w.value(a.created_by);
    w.key("diubah_pada"), w.value(a.updated_at);
    w.key("diubah_oleh"), w.value(a.updated_by);
}

json::object encode(Anggota const& a) { return as_object([&](http::JsonWriter& w) { write(w, a); }); }

}  // namespace pilar::registry
