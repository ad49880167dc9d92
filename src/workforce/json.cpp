#include "workforce/json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/json.hpp"

namespace pilar::workforce {
namespace {

namespace json = boost::json;

json::value opt(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(std::optional<std::int64_t> const& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(std::optional<double> const& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object to_json(Syarat const& s);
json::object to_json(StatusRiwayat const& r);
json::object to_json(CakupanRw const& r);
json::object to_json(CakupanKelurahan const& k);
json::object to_json(CakupanKecamatan const& k);
json::object to_json(SkBerakhir const& b);
json::object to_json(SkorBagian const& s);

template <typename T>
json::array array_of(std::vector<T> const& list) {
    json::array a;
    for (auto const& x : list) a.push_back(to_json(x));
    return a;
}

json::object angka_json(Angka const& a) {
    json::object o;
    for (auto const& [k, v] : a) o[k] = v;
    return o;
}

json::object to_json(Syarat const& s) {
    json::object o{{"kode", s.kode}, {"wajib", s.wajib}, {"terpenuhi", s.terpenuhi}, {"catatan", s.catatan}};
    for (auto const& [k, v] : {std::pair{"usia", s.usia}, {"minimal", s.minimal}, {"acara", s.acara}})
        if (v) o[k] = *v;
    for (auto const& [k, v] : {std::pair{"kode_ktp", &s.kode_ktp}, {"wilayah", &s.wilayah}, {"tanggal", &s.tanggal},
                               {"nomor", &s.nomor}, {"mulai", &s.mulai}, {"selesai", &s.selesai}})
        if (*v) o[k] = **v;
    return o;
}

json::object to_json(StatusRiwayat const& r) {
    return {{"dari", opt(r.dari)}, {"ke", r.ke}, {"alasan", opt(r.alasan)}, {"at", r.at}, {"username", r.username}};
}

json::object to_json(CakupanRw const& r) {
    json::array psm;
    for (auto const& [id, nama] : r.psm) psm.push_back(json::object{{"id", id}, {"nama", nama}});
    return {{"kode", r.kode}, {"nama", r.nama}, {"psm", std::move(psm)}};
}

json::object to_json(CakupanKelurahan const& k) {
    return {{"kode", k.kode},         {"nama", k.nama},
            {"kode_kecamatan", k.kode_kecamatan}, {"rw", k.rw},
            {"rw_tercakup", k.rw_tercakup}, {"rw_kosong", k.rw_kosong},
            {"rw_ganda", k.rw_ganda}, {"psm_aktif", k.psm_aktif},
            {"kosong", array_of(k.kosong)}, {"ganda", array_of(k.ganda)},
            {"lat", opt(k.lat)},      {"lon", opt(k.lon)}};
}

json::object to_json(CakupanKecamatan const& k) {
    return {{"kode", k.kode},   {"nama", k.nama},           {"rw", k.rw},     {"rw_tercakup", k.rw_tercakup},
            {"rw_kosong", k.rw_kosong}, {"rw_ganda", k.rw_ganda}, {"psm_aktif", k.psm_aktif}, {"tksk", opt(k.tksk)}};
}

json::object to_json(SkBerakhir const& b) {
    return {{"pilar_id", b.pilar_id}, {"nama", b.nama}, {"jenis", jenis_name(b.jenis)},
            {"kode_wilayah", b.kode_wilayah}, {"sk", to_json(b.sk)}, {"sisa_hari", b.sisa_hari}};
}

json::object to_json(SkorBagian const& s) {
    return {{"indikator", s.indikator}, {"nilai", s.nilai}, {"bobot", s.bobot}, {"skor", s.skor}};
}

Error bad(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

Result<std::optional<double>> optional_number(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<double>{};
    if (v->is_double()) return std::optional<double>(v->as_double());
    if (v->is_int64()) return std::optional<double>(static_cast<double>(v->as_int64()));
    return fail(bad(key, fmt::format("{} harus angka", key), fmt::format("{} must be a number", key)));
}

}  // namespace

json::object to_json(Sk const& s) {
    return {{"id", s.id},           {"pilar_id", s.pilar_id}, {"nomor", s.nomor},
            {"tanggal", s.tanggal}, {"ditandatangani", s.ditandatangani}, {"mulai", s.mulai},
            {"selesai", s.selesai}, {"perpanjangan_dari", opt(s.perpanjangan_dari)},
            {"created_by", s.created_by}, {"created_at", s.created_at}};
}

json::object to_json(Penugasan const& p) {
    return {{"id", p.id},       {"kode_wilayah", p.kode_wilayah}, {"mulai", p.mulai}, {"selesai", opt(p.selesai)},
            {"alasan", opt(p.alasan)}, {"created_by", p.created_by}};
}

json::object to_json(PilarSosial const& p) {
    json::object o{{"id", p.id},
                   {"jenis", jenis_name(p.jenis)},
                   {"jenis_label", jenis_label(p.jenis)},
                   {"nama", p.nama},
                   {"jenis_kelamin", opt(p.jenis_kelamin)},
                   {"tanggal_lahir", opt(p.tanggal_lahir)},
                   {"alamat", opt(p.alamat)},
                   {"telepon", opt(p.telepon)},
                   {"email", opt(p.email)},
                   {"kode_ktp", opt(p.kode_ktp)},
                   {"ketua_rt_rw", p.ketua_rt_rw},
                   {"pelatihan_dasar", opt(p.pelatihan_dasar)},
                   {"pelatihan_sumber", opt(p.pelatihan_sumber)},
                   {"username", opt(p.username)},
                   {"kode_wilayah", p.kode_wilayah},
                   {"status", status_name(p.status)},
                   {"status_alasan", opt(p.status_alasan)},
                   {"penugasan", array_of(p.penugasan)},
                   {"sk", p.sk ? json::value(to_json(*p.sk)) : json::value(nullptr)},
                   {"created_at", p.created_at},
                   {"updated_at", p.updated_at},
                   {"version", p.version}};
    if (!p.sk_riwayat.empty()) o["sk_riwayat"] = array_of(p.sk_riwayat);
    if (!p.status_riwayat.empty()) o["status_riwayat"] = array_of(p.status_riwayat);
    if (!p.syarat.empty()) o["syarat"] = array_of(p.syarat);
    return o;
}

json::object to_json(Foto const& f) {
    return {{"id", f.id},         {"uid", opt(f.uid)}, {"laporan_id", f.laporan_id}, {"mime", f.mime},
            {"sha256", f.sha256}, {"ukuran", f.ukuran}, {"created_by", f.created_by}, {"created_at", f.created_at}};
}

json::object to_json(Laporan const& l) {
    json::array sasaran;
    for (auto const& s : l.sasaran) sasaran.push_back(json::object{{"keluarga_id", s.keluarga_id}, {"anggota_id", opt(s.anggota_id)}});
    return {{"id", l.id},
            {"uid", opt(l.uid)},
            {"pilar_id", l.pilar_id},
            {"pilar_nama", l.pilar_nama},
            {"tanggal", l.tanggal},
            {"jenis", kegiatan_name(l.jenis)},
            {"uraian", l.uraian},
            {"kode_wilayah", l.kode_wilayah},
            {"lat", opt(l.lat)},
            {"lon", opt(l.lon)},
            {"sasaran", std::move(sasaran)},
            {"foto", array_of(l.foto)},
            {"created_by", l.created_by},
            {"created_at", l.created_at}};
}

json::object to_json(Cakupan const& c) {
    return {{"kode_wilayah", c.kode_wilayah},   {"sk_peringatan_hari", c.sk_peringatan_hari}, {"rw", c.rw},
            {"rw_tercakup", c.rw_tercakup},     {"rw_kosong", c.rw_kosong},
            {"rw_ganda", c.rw_ganda},           {"psm_aktif", c.psm_aktif},
            {"kecamatan", array_of(c.kecamatan)}, {"kelurahan", array_of(c.kelurahan)},
            {"sk_berakhir", array_of(c.sk_berakhir)}};
}

json::object to_geojson(Cakupan const& c) {
    json::array features;
    for (auto const& k : c.kelurahan) {
        json::value geometry = nullptr;
        if (k.lat && k.lon) geometry = json::object{{"type", "Point"}, {"coordinates", json::array{*k.lon, *k.lat}}};
        features.push_back(json::object{
            {"type", "Feature"},
            {"id", k.kode},
            {"geometry", std::move(geometry)},
            {"properties", json::object{{"kode", k.kode}, {"nama", k.nama}, {"kode_kecamatan", k.kode_kecamatan},
                                        {"rw", k.rw}, {"rw_tercakup", k.rw_tercakup}, {"rw_kosong", k.rw_kosong},
                                        {"rw_ganda", k.rw_ganda}, {"psm_aktif", k.psm_aktif}}}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

json::object to_json(RekapBaris const& b) {
    json::array tugas;
    for (auto const& t : b.wilayah_tugas) tugas.push_back(json::value(t));
    json::array alasan;
    for (auto const& a : b.alasan_tidak_layak) alasan.push_back(json::value(a));
    json::array rinci;
    for (auto const& a : b.alasan) {
        json::object o{{"kode", a.kode}};
        if (a.status) o["status"] = status_name(*a.status);
        if (a.kode == "laporan") {
            o["jumlah"] = a.jumlah;
            o["minimal"] = a.minimal;
        }
        rinci.push_back(std::move(o));
    }
    return {{"pilar_id", b.pilar_id},       {"nama", b.nama},
            {"jenis", jenis_name(b.jenis)}, {"username", opt(b.username)},
            {"kode_wilayah", b.kode_wilayah}, {"status", status_name(b.status)},
            {"wilayah_tugas", std::move(tugas)}, {"angka", angka_json(b.angka)},
            {"layak_insentif", b.layak_insentif}, {"insentif", b.insentif},
            {"alasan_tidak_layak", std::move(alasan)}, {"alasan_rinci", std::move(rinci)}};
}

json::object to_json(Rekap const& r) {
    json::array ind;
    for (auto const& i : r.indikator) ind.push_back(json::value(i));
    return {{"bulan", r.bulan},         {"kode_wilayah", r.kode_wilayah}, {"indikator", std::move(ind)},
            {"items", array_of(r.baris)}, {"total", angka_json(r.total)},  {"layak", r.layak},
            {"total_insentif", r.total_insentif}};
}

json::object to_json(Peringkat const& p) {
    return {{"pilar_id", p.pilar_id},
            {"nama", p.nama},
            {"kode_wilayah", p.kode_wilayah},
            {"kode_kecamatan", p.kode_kecamatan},
            {"skor", p.skor},
            {"peringkat_kota", p.peringkat_kota},
            {"peringkat_kecamatan", p.peringkat_kecamatan},
            {"rincian", array_of(p.rincian)}};
}

json::object to_json(Aturan const& a) {
    json::object bobot;
    for (auto const& [k, v] : a.bobot) bobot[k] = v;
    return {{"usia_minimal", a.usia_minimal},
            {"larang_ketua_rt_rw", a.larang_ketua_rt_rw},
            {"tksk_masa_tahun", a.tksk_masa_tahun},
            {"sk_peringatan_hari", a.sk_peringatan_hari},
            {"insentif_min_laporan", a.insentif_min_laporan},
            {"insentif_nominal", a.insentif_nominal},
            {"periksa_tenggat_hari", a.periksa_tenggat_hari},
            {"bobot", std::move(bobot)}};
}

json::object to_json(AturanKota const& k) {
    json::object o = to_json(k.aturan);
    o["kode_kota"] = k.kode_kota;
    json::array daftar;
    for (auto const& b : k.daftar) {
        // Whole-number rules answer integers, so a client shows "500000", not "500000.0".
        auto number = [&](double v) { return b.def.jenis == JenisAturan::Angka ? json::value(v) : json::value(static_cast<std::int64_t>(v)); };
        daftar.push_back(json::object{{"kunci", b.def.kunci},
                                      {"jenis", jenis_aturan_name(b.def.jenis)},
                                      {"nilai", number(b.nilai)},
                                      {"bawaan", number(b.bawaan)},
                                      {"min", number(b.def.min)},
                                      {"max", number(b.def.max)},
                                      {"updated_by", b.updated_by ? json::value(*b.updated_by) : json::value(nullptr)},
                                      {"updated_at", b.updated_at ? json::value(*b.updated_at) : json::value(nullptr)}});
    }
    o["daftar"] = std::move(daftar);
    return o;
}

json::object to_json(LaporanKecamatan const& l) {
    return {{"bulan", l.bulan},
            {"kode_kecamatan", l.kode_kecamatan},
            {"nama_kecamatan", l.nama_kecamatan},
            {"tksk", l.tksk ? json::value(to_json(*l.tksk)) : json::value(nullptr)},
            {"psm", to_json(l.psm)},
            {"cakupan", to_json(l.cakupan)}};
}

Result<LaporanInput> laporan_input(json::object const& o) {
    LaporanInput in;
    in.uid = PILAR_TRY(http::optional_string(o, "uid"));
    in.pilar_id = PILAR_TRY(http::optional_int(o, "pilar_id"));
    in.tanggal = PILAR_TRY(http::optional_string(o, "tanggal"));
    in.jenis = PILAR_TRY(http::optional_string(o, "jenis"));
    in.uraian = PILAR_TRY(http::optional_string(o, "uraian"));
    in.kode_wilayah = PILAR_TRY(http::optional_string(o, "kode_wilayah"));
    in.lat = PILAR_TRY(optional_number(o, "lat"));
    in.lon = PILAR_TRY(optional_number(o, "lon"));
    auto const* s = o.if_contains("sasaran");
    if (s && !s->is_null()) {
        if (!s->is_array())
            return fail(bad("sasaran", "sasaran harus daftar {keluarga_id, anggota_id}",
                            "sasaran must be a list of {keluarga_id, anggota_id}"));
        auto const& arr = s->as_array();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            auto field = fmt::format("sasaran[{}]", i);
            if (!arr[i].is_object())
                return fail(bad(field, "Setiap sasaran berupa {keluarga_id, anggota_id}", "Each target is {keluarga_id, anggota_id}"));
            auto k = http::optional_int(arr[i].as_object(), "keluarga_id");
            if (!k || !*k) return fail(bad(field + ".keluarga_id", "keluarga_id wajib diisi", "keluarga_id is required"));
            auto a = http::optional_int(arr[i].as_object(), "anggota_id");
            if (!a) return fail(Error(a.error()).at_field(field + ".anggota_id"));
            in.sasaran.push_back({**k, *a});
        }
    }
    return in;
}

Result<PilarInput> pilar_input(json::object const& o) {
    PilarInput in;
    in.jenis = PILAR_TRY(http::optional_string(o, "jenis"));
    in.nama = PILAR_TRY(http::optional_string(o, "nama"));
    in.jenis_kelamin = PILAR_TRY(http::optional_string(o, "jenis_kelamin"));
    in.tanggal_lahir = PILAR_TRY(http::optional_string(o, "tanggal_lahir"));
    in.alamat = PILAR_TRY(http::optional_string(o, "alamat"));
    in.telepon = PILAR_TRY(http::optional_string(o, "telepon"));
    in.email = PILAR_TRY(http::optional_string(o, "email"));
    in.kode_ktp = PILAR_TRY(http::optional_string(o, "kode_ktp"));
    in.username = PILAR_TRY(http::optional_string(o, "username"));
    in.kode_wilayah = PILAR_TRY(http::optional_string(o, "kode_wilayah"));
    in.ketua_rt_rw = PILAR_TRY(http::optional_bool(o, "ketua_rt_rw"));
    return in;
}

}  // namespace pilar::workforce
