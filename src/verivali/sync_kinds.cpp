#include "verivali/sync_kinds.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "verivali/attachment.hpp"
#include "verivali/encode.hpp"

namespace pilar::verivali {
namespace {

namespace json = boost::json;
using sync::SyncOutcome;

Error bad(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

Actor plain(Actor const& a) {
    Actor p = a;
    p.offline_op.reset();  // reads never write the op's receipt (access/receipt.hpp)
    return p;
}

Result<std::optional<std::string>> opt_string(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return fail(bad(key, fmt::format("{} harus teks", key), fmt::format("{} must be text", key)));
    return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::optional<std::int64_t>> opt_int(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<std::int64_t>{};
    if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
    return fail(bad(key, fmt::format("{} harus bilangan bulat", key), fmt::format("{} must be an integer", key)));
}

Result<std::optional<double>> opt_number(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<double>{};
    if (v->is_double()) return std::optional<double>(v->as_double());
    if (v->is_int64()) return std::optional<double>(static_cast<double>(v->as_int64()));
    return fail(bad(key, fmt::format("{} harus angka", key), fmt::format("{} must be a number", key)));
}

Result<std::optional<std::string>> opt_object(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_object()) return fail(bad(key, fmt::format("{} harus objek JSON", key), fmt::format("{} must be a JSON object", key)));
    return std::optional<std::string>(json::serialize(*v));
}

}  // namespace

void register_sync_kinds(sync::SyncRegistry& kinds, VerivaliService& svc, KeluargaByUid keluarga_by_uid) {
    kinds.add("usulan.buat", [&svc, keluarga_by_uid](Actor const& actor, json::object const& d,
                                                     std::optional<std::int64_t>) -> Result<SyncOutcome> {
        UsulanInput in;
        in.uid = PILAR_TRY(opt_string(d, "uid"));
        if (!in.uid || in.uid->empty()) return fail(bad("uid", "uid wajib diisi (id dari perangkat)", "uid is required (the device's id)"));
        in.jenis = PILAR_TRY(opt_string(d, "jenis"));
        in.alasan = PILAR_TRY(opt_string(d, "alasan"));
        in.keluarga_id = PILAR_TRY(opt_int(d, "keluarga_id"));
        if (!in.keluarga_id) {
            if (auto kuid = PILAR_TRY(opt_string(d, "keluarga_uid"))) {
                auto id = keluarga_by_uid(plain(actor), *kuid);
                if (!id) return fail(Error(id.error()).at_field("keluarga_uid"));
                in.keluarga_id = *id;
            }
        }
        in.anggota_id = PILAR_TRY(opt_int(d, "anggota_id"));
        in.isi_json = PILAR_TRY(opt_object(d, "isi"));
        in.catatan = PILAR_TRY(opt_string(d, "catatan"));
        auto r = PILAR_TRY(svc.create_usulan(actor, in));
        return SyncOutcome{.entitas = "usulan", .id = r.usulan.id, .data = to_json(r.usulan), .already = !r.created};
    });

    kinds.add("periksa.hasil", [&svc](Actor const& actor, json::object const& d, std::optional<std::int64_t> version) -> Result<SyncOutcome> {
        auto id = PILAR_TRY(opt_int(d, "id"));
        if (!id) return fail(bad("id", "id item periksa wajib diisi", "the ground-check item's id is required"));
        if (!version) return fail(bad("version", "version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"));
        HasilInput in{.version = *version};
        auto hasil = PILAR_TRY(opt_int(d, "hasil")).value_or(0);
        if (hasil < 1 || hasil > 6) return fail(bad("hasil", "hasil harus kode 1 sampai 6", "hasil must be a code 1 to 6"));
        in.hasil = static_cast<int>(hasil);
        in.lat = PILAR_TRY(opt_number(d, "lat"));
        in.lon = PILAR_TRY(opt_number(d, "lon"));
        in.jawaban_json = PILAR_TRY(opt_object(d, "jawaban"));
        auto r = svc.submit_hasil(actor, *id, in);
        if (r) return SyncOutcome{.entitas = "periksa", .id = r->id, .data = to_json(*r)};
        // Verivali's stale version is a Conflict; so is nothing else submit_hasil answers.
        if (r.error().code != ErrorCode::Conflict) return fail(r.error());
        auto current = PILAR_TRY(svc.periksa(plain(actor), *id));
        return SyncOutcome{.entitas = "periksa", .id = current.id, .data = to_json(current),
                           .conflict = Error(r.error()).at_field("version")};
    });

    kinds.add("lampiran.unggah", [&svc](Actor const& actor, json::object const& d, std::optional<std::int64_t>) -> Result<SyncOutcome> {
        auto uid = PILAR_TRY(opt_string(d, "uid"));
        if (!uid || uid->empty()) return fail(bad("uid", "uid wajib diisi (id dari perangkat)", "uid is required (the device's id)"));
        auto pemilik_name = PILAR_TRY(opt_string(d, "pemilik")).value_or("");
        auto pemilik = pemilik_from_name(pemilik_name);
        if (!pemilik || *pemilik == Pemilik::Musyawarah)
            return fail(bad("pemilik", "pemilik harus periksa atau usulan", "pemilik must be periksa or usulan"));
        auto berkas = PILAR_TRY(opt_string(d, "berkas"));
        if (!berkas) return fail(bad("berkas", "berkas (base64) wajib diisi", "berkas (base64) is required"));
        auto bytes = PILAR_TRY(decode_base64_file(*berkas));
        LampiranInput in{.pemilik = *pemilik, .pemilik_id = PILAR_TRY(opt_int(d, "pemilik_id")), .uid = uid, .bytes = bytes};
        auto l = PILAR_TRY(svc.add_lampiran(actor, in));
        return SyncOutcome{.entitas = "lampiran", .id = l.id, .data = to_json(l)};
    });
}

}  // namespace pilar::verivali
