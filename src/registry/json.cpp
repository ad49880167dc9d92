#include "registry/json.hpp"

#include <boost/json.hpp>

#include <algorithm>

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
    using http::JsonKey;
    if (p.id) w.key(JsonKey("id")), w.value(p.id);
    w.key(JsonKey("ppks")), w.value(p.ppks);
    if (!p.sejak.empty()) w.key(JsonKey("sejak")), w.value(p.sejak);
    if (p.id) w.key(JsonKey("sampai")), w.value(p.sampai);
    if (!p.dinilai_oleh.empty()) w.key(JsonKey("dinilai_oleh")), w.value(p.dinilai_oleh);
    if (p.bukti) w.key(JsonKey("bukti")), w.value(*p.bukti);
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

namespace {

// A person's members in the order they are written, each as (key, value in a, value in b): one
// list serves write_members (a and b the same record), write_changed_members (two versions) and
// the views of the read paths (AnggotaView has the same fields; never special data).
// A member written only under a condition is visited when either record meets it.
template <typename A, typename F>
void visit_members(A const& a, A const& b, bool with_special_flag, F&& f) {
    f("id", a.id, b.id);
    f("uid", a.uid, b.uid);
    f("keluarga_id", a.keluarga_id, b.keluarga_id);
    f("nik", a.nik, b.nik);
    f("nik_tersamar", a.nik_masked, b.nik_masked);
    f("nama", a.nama, b.nama);
    f("jenis_kelamin", a.jenis_kelamin, b.jenis_kelamin);
    f("tempat_lahir", a.tempat_lahir, b.tempat_lahir);
    f("tanggal_lahir", a.tanggal_lahir, b.tanggal_lahir);
    f("hubungan", a.hubungan, b.hubungan);
    f("status_kawin", a.status_kawin, b.status_kawin);
    f("pendidikan", a.pendidikan, b.pendidikan);
    f("pekerjaan", a.pekerjaan, b.pekerjaan);
    f("nisn", a.nisn, b.nisn);
    f("sekolah", a.sekolah, b.sekolah);
    f("status_keberadaan", a.status_keberadaan, b.status_keberadaan);
    f("status_padan", a.status_padan, b.status_padan);
    f("ppks", a.ppks, b.ppks);
    if (with_special_flag) f("data_khusus_disertakan", a.special_included, b.special_included);
    if constexpr (requires { a.disabilitas; }) {
        if (a.special_included || b.special_included) {
            f("disabilitas", a.disabilitas, b.disabilitas);
            f("penyakit_kronis", a.penyakit_kronis, b.penyakit_kronis);
        }
    }
    f("kode_wilayah_lengkap", a.kode_wilayah, b.kode_wilayah);
    f("tahun_lahir", a.tahun_lahir, b.tahun_lahir);
    if (a.dianonimkan_pada || b.dianonimkan_pada) f("dianonimkan_pada", a.dianonimkan_pada, b.dianonimkan_pada);
    f("digabung_ke", a.digabung_ke, b.digabung_ke);
    f("version", a.version, b.version);
    f("dibuat_pada", a.created_at, b.created_at);
    f("dibuat_oleh", a.created_by, b.created_by);
    f("diubah_pada", a.updated_at, b.updated_at);
    f("diubah_oleh", a.updated_by, b.updated_by);
}

template <typename T>
void put(http::JsonWriter& w, T const& v) {
    w.value(v);
}
void put(http::JsonWriter& w, std::span<PpksEntry const> list) {
    w.begin_array();
    for (auto const& p : list) write(w, p);
    w.end_array();
}
void put(http::JsonWriter& w, std::vector<std::string> const& list) {
    w.begin_array();
    for (auto const& p : list) w.value(p);
    w.end_array();
}
void put(http::JsonWriter& w, std::optional<Disabilitas> const& d) {
    if (!d) return w.value(nullptr);
    w.begin_object();
    w.key("jenis"), w.value(d->jenis);
    w.key("tingkat"), w.value(d->tingkat);
    w.end_object();
}

void put(http::JsonWriter& w, std::vector<PpksEntry> const& list) { put(w, std::span<PpksEntry const>(list)); }

template <typename A>
void write_members_of(http::JsonWriter& w, A const& a, bool with_special_flag) {
    visit_members(a, a, with_special_flag, [&w](http::JsonKey key, auto const& v, auto const&) {
        w.key(key);
        put(w, v);
    });
}

}  // namespace

void write_members(http::JsonWriter& w, Anggota const& a, bool with_special_flag) { write_members_of(w, a, with_special_flag); }

void write(http::JsonWriter& w, Anggota const& a) {
    w.begin_object();
    write_members_of(w, a, true);
    w.end_object();
}

void write(http::JsonWriter& w, AnggotaView const& a) {
    w.begin_object();
    write_members_of(w, a, true);
    w.end_object();
}

namespace {

template <typename T, typename U>
bool same(T const& x, U const& y) {
    return x == y;
}
bool same(std::span<PpksEntry const> x, std::span<PpksEntry const> y) { return std::ranges::equal(x, y); }

template <typename A>
void write_changed_members_of(http::JsonWriter& before, http::JsonWriter& after, A const& a, A const& b) {
    visit_members(a, b, false, [&](std::string_view key, auto const& x, auto const& y) {
        if (same(x, y)) return;
        before.key(key), put(before, x);
        after.key(key), put(after, y);
    });
}

}  // namespace

void write_changed_members(http::JsonWriter& before, http::JsonWriter& after, Anggota const& a, Anggota const& b) {
    write_changed_members_of(before, after, a, b);
}
void write_changed_members(http::JsonWriter& before, http::JsonWriter& after, AnggotaView const& a, AnggotaView const& b) {
    write_changed_members_of(before, after, a, b);
}

json::object encode(Anggota const& a) { return as_object([&](http::JsonWriter& w) { write(w, a); }); }

}  // namespace pilar::registry
