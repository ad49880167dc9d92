#include "events/encode.hpp"

#include "events/codes.hpp"

namespace pilar::events {
namespace {

namespace json = boost::json;

template <typename T>
json::value opt(std::optional<T> const& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

json::object to_json(Acara const& a) {
    return json::object{{"id", a.id},
                        {"judul", a.judul},
                        {"jenis", a.jenis},
                        {"deskripsi", opt(a.deskripsi)},
                        {"tanggal_mulai", a.tanggal_mulai},
                        {"tanggal_selesai", a.tanggal_selesai},
                        {"tempat", a.tempat},
                        {"kapasitas", a.kapasitas},
                        {"penyelenggara", a.penyelenggara},
                        {"kode_wilayah", a.kode_wilayah},
                        {"pelatihan_dasar", a.pelatihan_dasar},
                        {"status", a.status},
                        {"jumlah_terdaftar", a.jumlah_terdaftar},
                        {"version", a.version},
                        {"dibuat_pada", a.created_at},
                        {"dibuat_oleh", a.created_by},
                        {"diubah_pada", a.updated_at},
                        {"diubah_oleh", a.updated_by}};
}

json::object to_json(Sesi const& s) {
    return json::object{{"id", s.id},           {"acara_id", s.acara_id},
                        {"urutan", s.urutan},   {"judul", s.judul},
                        {"topik", opt(s.topik)}, {"mulai", s.mulai},
                        {"selesai", s.selesai}, {"narasumber_id", opt(s.narasumber_id)},
                        {"narasumber_nama", opt(s.narasumber_nama)}, {"jumlah_hadir", s.jumlah_hadir}};
}

json::object to_json(Peserta const& p, WithToken token) {
    json::object o{{"id", p.id},
                   {"acara_id", p.acara_id},
                   {"user_id", opt(p.user_id)},
                   {"nama", p.nama},
                   {"peran", p.peran},
                   {"peran_akun", opt(p.peran_akun)},
                   {"kode_wilayah", opt(p.kode_wilayah)},
                   {"telepon", opt(p.telepon)},
                   {"instansi", opt(p.instansi)},
                   {"status", p.status},
                   {"diundang_pada", opt(p.diundang_pada)},
                   {"terdaftar_pada", opt(p.terdaftar_pada)},
                   {"sertifikat_kode", opt(p.sertifikat_kode)},
                   {"sertifikat_pada", opt(p.sertifikat_pada)},
                   {"sertifikat_dicabut_pada", opt(p.sertifikat_dicabut_pada)},
                   {"sesi_hadir", p.sesi_hadir},
                   {"version", p.version}};
    if (token == WithToken::Yes) {
        o["token"] = p.token;
        o["kode_kartu"] = group_code(p.token);
    }
    return o;
}

json::object to_json(Hadir const& h) {
    return json::object{{"id", h.id},       {"acara_id", h.acara_id}, {"sesi_id", h.sesi_id}, {"peserta_id", h.peserta_id},
                        {"pintu", h.pintu}, {"waktu", h.waktu},       {"oleh", h.oleh}};
}

json::object to_json(Undian const& u) {
    json::array calon, menang;
    for (auto id : u.calon) calon.emplace_back(id);
    for (std::size_t i = 0; i < u.pemenang.size(); ++i)
        menang.push_back(json::object{{"urutan", i + 1},
                                      {"peserta_id", u.pemenang[i]},
                                      {"nama", i < u.pemenang_nama.size() ? u.pemenang_nama[i] : std::string()}});
    return json::object{{"id", u.id},
                        {"acara_id", u.acara_id},
                        {"hadiah", u.hadiah},
                        {"jumlah", u.jumlah},
                        {"seed", u.seed},
                        {"algoritma", "pilar-undian-v1"},
                        {"calon", std::move(calon)},
                        {"calon_digest", u.calon_digest},
                        {"pemenang", std::move(menang)},
                        {"dibuat_pada", u.dibuat_pada},
                        {"dibuat_oleh", u.dibuat_oleh}};
}

json::object to_json(VerifikasiSertifikat const& v) {
    if (!v.valid && v.nama.empty()) return json::object{{"valid", false}, {"kode", v.kode}};
    return json::object{{"valid", v.valid},
                        {"kode", v.kode},
                        {"nama", v.nama},
                        {"acara", v.acara},
                        {"tanggal_mulai", v.tanggal_mulai},
                        {"tanggal_selesai", v.tanggal_selesai},
                        {"dicabut_pada", opt(v.dicabut_pada)}};
}

json::object to_json(PelatihanDiikuti const& p) {
    return json::object{{"acara_id", p.acara_id},         {"judul", p.judul},
                        {"jenis", p.jenis},               {"tanggal_mulai", p.tanggal_mulai},
                        {"tanggal_selesai", p.tanggal_selesai}, {"pelatihan_dasar", p.pelatihan_dasar},
                        {"sesi_hadir", p.sesi_hadir},     {"sesi_total", p.sesi_total}};
}

}  // namespace pilar::events
