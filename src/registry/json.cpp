#include "registry/json.hpp"

#include <boost/json.hpp>

namespace pilar::registry {
namespace {

namespace json = boost::json;

template <typename T>
void put(json::object& o, std::string_view key, std::optional<T> const& v) {
    if (v) o[key] = *v;
    else o[key] = nullptr;
}

}  // namespace

json::object encode(PpksEntry const& p) {
    json::object o;
    if (p.id) o["id"] = p.id;
    o["ppks"] = p.ppks;
    if (!p.sejak.empty()) o["sejak"] = p.sejak;
    if (p.id) put(o, "sampai", p.sampai);
    if (!p.dinilai_oleh.empty()) o["dinilai_oleh"] = p.dinilai_oleh;
    if (p.bukti) o["bukti"] = *p.bukti;
    return o;
}

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

json::object encode(Anggota const& a) {
    json::object o;
    o["id"] = a.id;
    put(o, "uid", a.uid);
    o["keluarga_id"] = a.keluarga_id;
    put(o, "nik", a.nik);
    o["nik_tersamar"] = a.nik_masked;
    o["nama"] = a.nama;
    o["jenis_kelamin"] = a.jenis_kelamin;
    put(o, "tempat_lahir", a.tempat_lahir);
    put(o, "tanggal_lahir", a.tanggal_lahir);
    o["hubungan"] = a.hubungan;
    put(o, "status_kawin", a.status_kawin);
    put(o, "pendidikan", a.pendidikan);
    put(o, "pekerjaan", a.pekerjaan);
    put(o, "nisn", a.nisn);
    put(o, "sekolah", a.sekolah);
    o["status_keberadaan"] = a.status_keberadaan;
    o["status_padan"] = a.status_padan;
    json::array ppks;
    for (auto const& p : a.ppks) ppks.push_back(encode(p));
    o["ppks"] = std::move(ppks);
    o["data_khusus_disertakan"] = a.special_included;
    if (a.special_included) {
        if (a.disabilitas) {
            json::object d;
            d["jenis"] = a.disabilitas->jenis;
            put(d, "tingkat", a.disabilitas->tingkat);
            o["disabilitas"] = std::move(d);
        } else {
            o["disabilitas"] = nullptr;
        }
        json::array pk;
        for (auto const& p : a.penyakit_kronis) pk.emplace_back(p);
        o["penyakit_kronis"] = std::move(pk);
    }
    o["kode_wilayah_lengkap"] = a.kode_wilayah;
    o["tahun_lahir"] = a.tahun_lahir ? json::value(*a.tahun_lahir) : json::value(nullptr);
    if (a.dianonimkan_pada) o["dianonimkan_pada"] = *a.dianonimkan_pada;
    o["digabung_ke"] = a.digabung_ke ? json::value(*a.digabung_ke) : json::value(nullptr);
    o["version"] = a.version;
    o["dibuat_pada"] = a.created_at;
    o["dibuat_oleh"] = a.created_by;
    o["diubah_pada"] = a.updated_at;
    o["diubah_oleh"] = a.updated_by;
    return o;
}

}  // namespace pilar::registry
