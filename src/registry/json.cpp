#include "registry/json.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "http/json_writer.hpp"
#include "registry/columns.hpp"

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

namespace {

void put_codes(http::JsonWriter& w, std::vector<std::string> const& codes) {
    for (auto const& a : codes) w.value(a);
}
void put_codes(http::JsonWriter& w, CodeList codes) {
    for (auto a : split_list(codes.text)) w.value(a);
}

// One shape for the owning record and the list page's view of a row (K: Keluarga or KeluargaView).
template <typename K>
void write_keluarga(http::JsonWriter& w, K const& k) {
    using http::JsonKey;
    w.begin_object();
    w.key(JsonKey("id")), w.value(k.id);
    w.key(JsonKey("uid")), w.value(k.uid);
    w.key(JsonKey("no_kk")), w.value(k.no_kk);
    w.key(JsonKey("no_kk_tersamar")), w.value(k.no_kk_masked);
    w.key(JsonKey("kode_wilayah")), w.value(k.kode_kelurahan);
    w.key(JsonKey("rw")), w.value(k.rw);
    w.key(JsonKey("rt")), w.value(k.rt);
    w.key(JsonKey("kode_wilayah_lengkap")), w.value(k.kode_wilayah);
    w.key(JsonKey("alamat")), w.value(k.alamat);
    w.key(JsonKey("lat")), w.value(k.lat);
    w.key(JsonKey("lon")), w.value(k.lon);
    w.key(JsonKey("desil")), w.value(k.desil);
    auto const& r = k.rumah;
    w.key(JsonKey("status_bangunan")), w.value(r.status_bangunan);
    w.key(JsonKey("status_lahan")), w.value(r.status_lahan);
    w.key(JsonKey("luas_lantai")), w.value(r.luas_lantai);
    w.key(JsonKey("jenis_lantai")), w.value(r.jenis_lantai);
    w.key(JsonKey("jenis_dinding")), w.value(r.jenis_dinding);
    w.key(JsonKey("kondisi_dinding")), w.value(r.kondisi_dinding);
    w.key(JsonKey("jenis_atap")), w.value(r.jenis_atap);
    w.key(JsonKey("kondisi_atap")), w.value(r.kondisi_atap);
    w.key(JsonKey("jumlah_kamar")), w.value(r.jumlah_kamar);
    w.key(JsonKey("sumber_air")), w.value(r.sumber_air);
    w.key(JsonKey("sumber_penerangan")), w.value(r.sumber_penerangan);
    w.key(JsonKey("daya_listrik")), w.value(r.daya_listrik);
    w.key(JsonKey("bahan_bakar")), w.value(r.bahan_bakar);
    w.key(JsonKey("fasilitas_bab")), w.value(r.fasilitas_bab);
    w.key(JsonKey("aset")), w.begin_array();
    put_codes(w, r.aset);
    w.end_array();
    w.key(JsonKey("status")), w.value(k.status);
    w.key(JsonKey("jumlah_anggota")), w.value(k.jumlah_anggota);
    w.key(JsonKey("version")), w.value(k.version);
    w.key(JsonKey("dibuat_pada")), w.value(k.created_at);
    w.key(JsonKey("dibuat_oleh")), w.value(k.created_by);
    w.key(JsonKey("diubah_pada")), w.value(k.updated_at);
    w.key(JsonKey("diubah_oleh")), w.value(k.updated_by);
    w.end_object();
}

}  // namespace

void write(http::JsonWriter& w, Keluarga const& k) { write_keluarga(w, k); }
void write(http::JsonWriter& w, KeluargaView const& k) { write_keluarga(w, k); }

json::object encode(Keluarga const& k) { return as_object([&](http::JsonWriter& w) { write(w, k); }); }

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
