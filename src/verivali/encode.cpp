#include "verivali/encode.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/strings.hpp"

namespace pilar::verivali {
namespace {

namespace json = boost::json;

template <typename T>
json::value opt(std::optional<T> const& v) {
    if (!v) return nullptr;
    return json::value(*v);
}

// Stored JSON text back to a value; text that does not parse (never written by Pilar) shows
// as null rather than failing a read.
json::value parsed(std::optional<std::string> const& text) {
    if (!text) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(*text, ec);
    if (ec) return nullptr;
    return v;
}

std::string mask_digit_runs(std::string_view s) {
    std::string out(s);
    size_t i = 0;
    while (i < out.size()) {
        if (out[i] < '0' || out[i] > '9') {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < out.size() && out[j] >= '0' && out[j] <= '9') ++j;
        if (j - i == 16) out.replace(i, 16, mask_middle(std::string_view(out).substr(i, 16), 4, 4));
        i = j;
    }
    return out;
}

void mask_values(json::value& v) {
    if (v.is_string()) {
        v = json::value(mask_digit_runs(v.as_string()));
    } else if (v.is_int64() || v.is_uint64()) {
        auto text = json::serialize(v);
        if (text.size() == 16) v = json::value(mask_middle(text, 4, 4));
    } else if (v.is_array()) {
        for (auto& e : v.as_array()) mask_values(e);
    } else if (v.is_object()) {
        for (auto& kv : v.as_object()) mask_values(kv.value());
    }
}

}  // namespace

json::object to_json(Usulan const& u) {
    json::object o;
    o["id"] = u.id;
    o["uid"] = opt(u.uid);
    o["jenis"] = jenis_name(u.jenis);
    o["alasan"] = opt(u.alasan);
    o["keluarga_id"] = u.keluarga_id;
    o["anggota_id"] = opt(u.anggota_id);
    o["isi"] = parsed(u.isi_json);
    o["kode_wilayah"] = u.kode_wilayah;
    o["status"] = status_name(u.status);
    o["catatan"] = opt(u.catatan);
    o["musyawarah_id"] = opt(u.musyawarah_id);
    json::object periksa;
    if (u.hasil_periksa) {
        periksa["hasil"] = *u.hasil_periksa;
        periksa["hasil_nama"] = hasil_periksa_name(*u.hasil_periksa);
        periksa["jawaban"] = parsed(u.periksa_json);
        periksa["lat"] = opt(u.periksa_lat);
        periksa["lon"] = opt(u.periksa_lon);
        periksa["oleh"] = opt(u.periksa_oleh);
        periksa["at"] = opt(u.periksa_at);
        o["periksa"] = std::move(periksa);
    } else {
        o["periksa"] = nullptr;
    }
    o["hasil_nasional"] = opt(u.hasil_nasional);
    o["created_by"] = u.created_by;
    o["created_at"] = u.created_at;
    o["updated_at"] = u.updated_at;
    o["version"] = u.version;
    return o;
}

json::object to_json(Riwayat const& r) {
    return json::object{{"id", r.id},     {"dari", opt(r.dari)},         {"ke", r.ke},
                        {"at", r.at},     {"username", r.username},      {"role", r.role},
                        {"catatan", opt(r.catatan)}};
}

json::object to_json(Musyawarah const& m) {
    json::array ids;
    for (auto id : m.usulan_ids) ids.push_back(id);
    return json::object{{"id", m.id},
                        {"kode_kelurahan", m.kode_kelurahan},
                        {"nomor_berita_acara", m.nomor_berita_acara},
                        {"tanggal", m.tanggal},
                        {"notulen_lampiran_id", m.notulen_lampiran_id},
                        {"usulan_ids", std::move(ids)},
                        {"created_by", m.created_by},
                        {"created_at", m.created_at}};
}

json::object to_json(Lampiran const& l) {
    return json::object{{"id", l.id},
                        {"uid", opt(l.uid)},
                        {"pemilik", pemilik_name(l.pemilik)},
                        {"pemilik_id", opt(l.pemilik_id)},
                        {"mime", l.mime},
                        {"sha256", l.sha256},
                        {"ukuran", l.ukuran},
                        {"kode_wilayah", l.kode_wilayah},
                        {"created_by", l.created_by},
                        {"created_at", l.created_at}};
}

json::object to_json(DaftarPeriksa const& d) {
    return json::object{{"id", d.id},
                        {"nama", d.nama},
                        {"sumber", d.sumber},
                        {"keterangan", opt(d.keterangan)},
                        {"created_by", d.created_by},
                        {"created_at", d.created_at},
                        {"total", d.total},
                        {"selesai", d.selesai},
                        {"tanpa_petugas", d.tanpa_petugas}};
}

json::object to_json(PeriksaItem const& it) {
    return json::object{{"id", it.id},
                        {"daftar_id", it.daftar_id},
                        {"keluarga_id", it.keluarga_id},
                        {"kode_wilayah", it.kode_wilayah},
                        {"kode_rw", opt(it.kode_rw)},
                        {"petugas", opt(it.petugas)},
                        {"status", it.status},
                        {"hasil", opt(it.hasil)},
                        {"jawaban", parsed(it.jawaban_json)},
                        {"lat", opt(it.lat)},
                        {"lon", opt(it.lon)},
                        {"checked_by", opt(it.checked_by)},
                        {"checked_at", opt(it.checked_at)},
                        {"usulan_id", opt(it.usulan_id)},
                        {"version", it.version}};
}

std::string usulan_audit_json(Usulan const& u) {
    auto o = to_json(u);
    mask_values(o["isi"]);
    if (auto* p = o.if_contains("periksa"); p && p->is_object())
        if (auto* j = p->as_object().if_contains("jawaban")) mask_values(*j);
    return json::serialize(o);
}

std::string item_audit_json(PeriksaItem const& it) {
    auto o = to_json(it);
    mask_values(o["jawaban"]);
    return json::serialize(o);
}

}  // namespace pilar::verivali
