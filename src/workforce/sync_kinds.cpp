#include "workforce/sync_kinds.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"
#include "verivali/attachment.hpp"
#include "workforce/json.hpp"

namespace pilar::workforce {
namespace {

namespace json = boost::json;
using sync::SyncOutcome;

Error required(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

}  // namespace

void register_sync_kinds(sync::SyncRegistry& kinds, WorkforceService& svc) {
    kinds.add("kegiatan.buat", [&svc](Actor const& actor, json::object const& d, std::optional<std::int64_t>) -> Result<SyncOutcome> {
        auto in = PILAR_TRY(laporan_input(d));
        if (!in.uid || in.uid->empty()) return fail(required("uid", "uid wajib diisi (id dari perangkat)", "uid is required (the device's id)"));
        auto r = PILAR_TRY(svc.create_laporan(actor, in));
        return SyncOutcome{.entitas = "laporan_kegiatan", .id = r.laporan.id, .data = to_json(r.laporan), .already = !r.created};
    });

    kinds.add("kegiatan.foto", [&svc](Actor const& actor, json::object const& d, std::optional<std::int64_t>) -> Result<SyncOutcome> {
        auto uid = PILAR_TRY(http::optional_string(d, "uid"));
        if (!uid || uid->empty()) return fail(required("uid", "uid wajib diisi (id dari perangkat)", "uid is required (the device's id)"));
        auto laporan_id = PILAR_TRY(http::optional_int(d, "laporan_id"));
        if (!laporan_id) {
            auto luid = PILAR_TRY(http::optional_string(d, "laporan_uid"));
            if (!luid) return fail(required("laporan_uid", "laporan_uid atau laporan_id wajib diisi", "laporan_uid or laporan_id is required"));
            laporan_id = PILAR_TRY(svc.laporan_by_uid(actor, *luid)).id;
        }
        auto berkas = PILAR_TRY(http::optional_string(d, "berkas"));
        if (!berkas) return fail(required("berkas", "berkas (base64) wajib diisi", "berkas (base64) is required"));
        auto bytes = PILAR_TRY(verivali::decode_base64_file(*berkas));
        auto f = PILAR_TRY(svc.add_foto(actor, *laporan_id, uid, bytes));
        return SyncOutcome{.entitas = "foto_kegiatan", .id = f.id, .data = to_json(f)};
    });
}

}  // namespace pilar::workforce
