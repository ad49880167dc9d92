#include "privacy/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/strings.hpp"
#include "http/download.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "privacy/encode.hpp"

namespace pilar::privacy {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

// The prologue every route here shares: who asks, about which person.
template <typename Fn>
Response for_person(Request& req, Fn&& fn) {
    auto actor = req.actor();
    if (!actor) return http::error_response(actor.error(), req.lang);
    auto id = http::path_id(req);
    if (!id) return http::error_response(id.error(), req.lang);
    return fn(**actor, *id);
}

Result<DasarHukumInput> basis_input(json::object const& body) {
    DasarHukumInput in;
    auto dasar = PILAR_TRY(http::optional_string(body, "dasar"));
    if (!dasar)
        return fail(Error(ErrorCode::InvalidArgument, {"dasar wajib diisi (tugas_publik atau persetujuan)",
                                                       "dasar is required (tugas_publik or persetujuan)"})
                        .at_field("dasar"));
    in.dasar = *dasar;
    in.persetujuan_tanggal = PILAR_TRY(http::optional_string(body, "persetujuan_tanggal"));
    in.persetujuan_oleh = PILAR_TRY(http::optional_string(body, "persetujuan_oleh"));
    in.wali_nama = PILAR_TRY(http::optional_string(body, "wali_nama"));
    in.wali_hubungan = PILAR_TRY(http::optional_string(body, "wali_hubungan"));
    in.wali_anggota_id = PILAR_TRY(http::optional_int(body, "wali_anggota_id"));
    in.catatan = PILAR_TRY(http::optional_string(body, "catatan"));
    in.version = PILAR_TRY(http::optional_int(body, "version"));
    return in;
}

Result<Response> pdf_response(PrivacyService& svc, std::string const& tmp_dir, Actor const& actor, std::int64_t id) {
    return http::download(tmp_dir, {"application/pdf", fmt::format("pilar-data-pribadi-{}.pdf", id)},
                          [&](std::string const& path) -> Result<http::DownloadHeaders> {
                              PILAR_TRY(svc.tulis_pdf(actor, id, path));
                              return http::DownloadHeaders{};
                          });
}

}  // namespace

std::string openapi_schemas() {
    return R"({"DasarHukum":{"type":"object","required":["anggota_id","dasar","tercatat","anak","version"],"properties":{
"anggota_id":{"type":"integer"},
"dasar":{"type":"string","enum":["tugas_publik","persetujuan"],"description":"Dasar pemrosesan (UU PDP Pasal 20): tugas publik Dinas (bawaan) atau persetujuan"},
"tercatat":{"type":"boolean","description":"false: belum pernah diisi; berlaku tugas publik"},
"persetujuan_tanggal":{"type":["string","null"]},"persetujuan_oleh":{"type":["string","null"]},
"wali_nama":{"type":["string","null"]},"wali_hubungan":{"type":["string","null"],"enum":["ayah","ibu","wali",null]},
"wali_anggota_id":{"type":["integer","null"]},"catatan":{"type":["string","null"]},
"anak":{"type":"boolean","description":"Di bawah 18 tahun menurut tanggal lahir: orang tua/wali wajib"},
"version":{"type":"integer","description":"0: belum tersimpan"},
"diubah_pada":{"type":["string","null"]},"diubah_oleh":{"type":["string","null"]}}},
"EvaluasiHapus":{"type":"object","required":["anggota_id","boleh","hambatan"],"properties":{
"anggota_id":{"type":"integer"},"boleh":{"type":"boolean"},
"hambatan":{"type":"array","items":{"type":"object","properties":{"kode":{"type":"string","enum":["usulan_berjalan","masih_terdaftar","masa_retensi","sudah_dianonimkan"]},"pesan":{"type":"string"}}}},
"dasar":{"type":"string"},"aktivitas_terakhir":{"type":["string","null"]},"boleh_sejak":{"type":["string","null"]}}},
"HasilHapus":{"type":"object","required":["anggota_id","usulan_dianonimkan","audit_diredaksi"],"properties":{
"anggota_id":{"type":"integer"},"usulan_dianonimkan":{"type":"array","items":{"type":"integer"}},
"audit_diredaksi":{"type":"array","items":{"type":"integer"},"description":"seq entri audit yang isinya dihapus"},
"dianonimkan_pada":{"type":"string"}}}})";
}

void register_routes(http::Router& router, PrivacyService& svc, std::string tmp_dir) {
    router.add(
        Method::Get, "/api/v1/anggota/{id}/dasar-hukum",
        [&svc](Request& req) -> Response {
            return for_person(req, [&](Actor const& actor, std::int64_t id) -> Response {
                return http::respond(req, svc.dasar_hukum(actor, id), [](DasarHukum const& d) { return to_json(d); });
            });
        },
        {.summary = "Dasar hukum pemrosesan data anggota (tugas publik atau persetujuan; orang tua/wali untuk anak)",
         .tag = "privasi", .response_schema = R"({"$ref":"#/components/schemas/DasarHukum"})"});

    router.add(
        Method::Put, "/api/v1/anggota/{id}/dasar-hukum",
        [&svc](Request& req) -> Response {
            return for_person(req, [&](Actor const& actor, std::int64_t id) -> Response {
                auto body = http::parse_json_object(req);
                if (!body) return http::error_response(body.error(), req.lang);
                auto in = basis_input(*body);
                if (!in) return http::error_response(in.error(), req.lang);
                return http::respond(req, svc.set_dasar_hukum(actor, id, *in), [](DasarHukum const& d) { return to_json(d); });
            });
        },
        {.summary = "Catat dasar hukum: persetujuan wajib tanggal dan pemberinya; anak (< 18) wajib orang tua/wali; "
                    "version = versi yang Anda lihat (0 bila belum tersimpan); dicatat di jejak audit",
         .tag = "privasi",
         .request_schema = R"({"type":"object","required":["dasar"],"properties":{
"dasar":{"type":"string","enum":["tugas_publik","persetujuan"]},"persetujuan_tanggal":{"type":"string"},
"persetujuan_oleh":{"type":"string"},"wali_nama":{"type":"string"},"wali_hubungan":{"type":"string","enum":["ayah","ibu","wali"]},
"wali_anggota_id":{"type":"integer"},"catatan":{"type":"string"},"version":{"type":"integer"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/DasarHukum"})"});

    router.add(
        Method::Get, "/api/v1/anggota/{id}/data-pribadi",
        [&svc, tmp_dir](Request& req) -> Response {
            return for_person(req, [&](Actor const& actor, std::int64_t id) -> Response {
                auto format = req.query_param("format").value_or("json");
                if (format == "pdf") {
                    auto r = pdf_response(svc, tmp_dir, actor, id);
                    if (!r) return http::error_response(r.error(), req.lang);
                    return std::move(*r);
                }
                if (format != "json")
                    return http::error_response(Error(ErrorCode::InvalidArgument, {"format harus json atau pdf", "format must be json or pdf"})
                                                    .at_field("format"),
                                                req.lang);
                auto doc = svc.ekspor_subjek(actor, id);
                if (!doc) return http::error_response(doc.error(), req.lang);
                Response res;
                res.body = std::move(*doc);
                res.set_header("Content-Disposition", fmt::format("attachment; filename=\"pilar-data-pribadi-{}.json\"", id));
                return res;
            });
        },
        {.summary = "Ekspor hak akses subjek data: semua yang disimpan Pilar tentang seseorang (JSON, atau PDF dengan format=pdf)",
         .tag = "privasi",
         .description = "Operator only. The person's record with NIK and special data, household, legal basis, PPKS, "
                        "proposals about them or their household with attachments listed, and the correction history "
                        "from the audit trail. Every export is audited (anggota.ekspor_subjek).",
         .query = {{"format", "json (bawaan) atau pdf"}},
         .execution = http::Execution::Offload});

    router.add(
        Method::Get, "/api/v1/anggota/{id}/hapus-data",
        [&svc](Request& req) -> Response {
            return for_person(req, [&](Actor const& actor, std::int64_t id) -> Response {
                auto lang = req.lang;
                return http::respond(req, svc.evaluasi_hapus(actor, id), [lang](EvaluasiHapus const& e) { return to_json(e, lang); });
            });
        },
        {.summary = "Bolehkah data anggota dihapus (dianonimkan) sekarang menurut aturan retensi, dan bila tidak, mengapa",
         .tag = "privasi", .response_schema = R"({"$ref":"#/components/schemas/EvaluasiHapus"})"});

    router.add(
        Method::Post, "/api/v1/anggota/{id}/hapus-data",
        [&svc](Request& req) -> Response {
            return for_person(req, [&](Actor const& actor, std::int64_t id) -> Response {
                auto body = http::parse_json_object(req);
                if (!body) return http::error_response(body.error(), req.lang);
                auto version = http::optional_int(*body, "version");
                if (!version) return http::error_response(version.error(), req.lang);
                auto alasan = http::optional_string(*body, "alasan");
                if (!alasan) return http::error_response(alasan.error(), req.lang);
                if (!*version)
                    return http::error_response(Error(ErrorCode::InvalidArgument, {"version wajib diisi", "version is required"})
                                                    .at_field("version"),
                                                req.lang);
                return http::respond(req, svc.hapus(actor, id, **version, alasan->value_or("")),
                                     [](HasilHapus const& h) { return to_json(h); });
            });
        },
        {.summary = "Hapus data pribadi (anonimkan) bila aturan retensi membolehkan; 409 menyebut setiap hambatan",
         .tag = "privasi",
         .description = "Operator only. Keeps sex, birth year, region, household role, presence and PPKS categories; "
                        "removes name, NIK, birth place and date, NISN, school, disability, illness, PPKS evidence, the "
                        "person's own proposals' content and attachments, and the payload of every audit entry about "
                        "them (the hash chain still verifies). docs/privacy.md has the retention rules.",
         .request_schema = R"({"type":"object","required":["version","alasan"],"properties":{"version":{"type":"integer"},"alasan":{"type":"string"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/HasilHapus"})"});
}

}  // namespace pilar::privacy
