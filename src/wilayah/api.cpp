#include "wilayah/api.hpp"

#include <boost/json.hpp>

#include "core/strings.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::wilayah {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

json::object encode(Wilayah const& w) {
    json::object o;
    o["kode"] = w.kode;
    o["nama"] = w.nama;
    o["tingkat"] = tingkat_name(w.tingkat);
    o["induk"] = w.induk ? json::value(*w.induk) : json::value(nullptr);
    if (w.jenis) o["jenis"] = *w.jenis;
    o["aktif"] = w.active;
    if (w.retired_at) o["dinonaktifkan_pada"] = *w.retired_at;
    if (w.retired_reason) o["alasan_nonaktif"] = *w.retired_reason;
    o["version"] = w.version;
    return o;
}

json::array encode_all(std::vector<Wilayah> const& items) {
    json::array a;
    a.reserve(items.size());
    for (auto const& w : items) a.push_back(encode(w));
    return a;
}

constexpr std::string_view kRef = R"({"$ref":"#/components/schemas/Wilayah"})";
constexpr std::string_view kListRef =
    R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Wilayah"}}}})";

}  // namespace

std::string openapi_schemas() {
    return R"({"Wilayah":{"type":"object","required":["kode","nama","tingkat","induk"],"properties":{
"kode":{"type":"string","examples":["36.71.01.1001"]},
"nama":{"type":"string"},
"tingkat":{"type":"string","enum":["provinsi","kota","kecamatan","kelurahan","rw","rt"]},
"induk":{"type":["string","null"]},
"jenis":{"type":"string","enum":["kota","kabupaten","kelurahan","desa"]},
"aktif":{"type":"boolean"},
"dinonaktifkan_pada":{"type":"string"},
"alasan_nonaktif":{"type":"string"},
"version":{"type":"integer"}}},
"WilayahImportReport":{"type":"object","properties":{"rows":{"type":"integer"},"created":{"type":"integer"},"renamed":{"type":"integer"},"unchanged":{"type":"integer"}}}})";
}

void register_routes(http::Router& router, WilayahService& svc) {
    router.add(
        Method::Get, "/api/v1/wilayah",
        [&svc](Request& req) {
            SearchQuery q;
            q.q = req.query_param("q").value_or("");
            if (auto t = req.query_param("tingkat")) {
                q.tingkat = tingkat_from_name(*t);
                if (!q.tingkat)
                    return http::error_response(
                        Error(ErrorCode::InvalidArgument, {"tingkat tidak dikenal", "Unknown tingkat"}).at_field("tingkat"),
                        req.lang);
            }
            q.under = req.query_param("di_bawah");
            q.include_retired = req.query_flag("termasuk_nonaktif");
            if (auto l = req.query_param("limit")) {
                if (!is_all_digits(*l) || l->size() > 4)
                    return http::error_response(
                        Error(ErrorCode::InvalidArgument, {"limit harus 1 sampai 100", "limit must be 1 to 100"}).at_field("limit"),
                        req.lang);
                q.limit = std::stoi(*l);
            }
            auto r = svc.search(std::move(q));
            if (!r) return http::error_response(r.error(), req.lang);
            return http::json_list(encode_all(*r));
        },
        {.summary = "Cari wilayah menurut nama atau awalan kode",
         .tag = "wilayah",
         .query = {{"q", "Nama (sebagian) atau awalan kode, bertitik atau tidak", "string", true},
                   {"tingkat", "provinsi, kota, kecamatan, kelurahan, rw atau rt"},
                   {"di_bawah", "Hanya wilayah di bawah kode ini"},
                   {"termasuk_nonaktif", "true untuk ikut menampilkan wilayah nonaktif", "boolean"},
                   {"limit", "1 sampai 100 (bawaan 20)", "integer"}},
         .response_schema = std::string(kListRef)});

    router.add(
        Method::Get, "/api/v1/wilayah/{kode}",
        [&svc](Request& req) {
            return http::respond(req, svc.get(req.param("kode")), encode);
        },
        {.summary = "Satu wilayah menurut kode (tingkat apa pun)", .tag = "wilayah", .response_schema = std::string(kRef)});

    router.add(
        Method::Get, "/api/v1/wilayah/{kode}/children",
        [&svc](Request& req) {
            auto r = svc.children(req.param("kode"), req.query_flag("termasuk_nonaktif"));
            if (!r) return http::error_response(r.error(), req.lang);
            return http::json_list(encode_all(*r));
        },
        {.summary = "Wilayah satu tingkat di bawah kode ini",
         .tag = "wilayah",
         .query = {{"termasuk_nonaktif", "true untuk ikut menampilkan wilayah nonaktif", "boolean"}},
         .response_schema = std::string(kListRef)});

    router.add(
        Method::Post, "/api/v1/wilayah/{kode}/children",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto nomor = PILAR_TRY(http::optional_int(body, "nomor"));
            if (!nomor)
                return http::error_response(
                    Error(ErrorCode::InvalidArgument, {"nomor wajib diisi (1-999)", "nomor is required (1-999)"}).at_field("nomor"),
                    req.lang);
            auto nama = PILAR_TRY(http::optional_string(body, "nama"));
            if (*nomor < 1 || *nomor > 999)
                return http::error_response(
                    Error(ErrorCode::InvalidArgument, {"nomor harus 1 sampai 999", "nomor must be 1 to 999"}).at_field("nomor"),
                    req.lang);
            return http::respond(req, svc.create_child(actor, req.param("kode"), static_cast<int>(*nomor), nama),
                                 encode, 201);
        }),
        {.summary = "Buat RW di bawah kelurahan/desa atau RT di bawah RW",
         .tag = "wilayah",
         .request_schema = R"({"type":"object","required":["nomor"],"properties":{"nomor":{"type":"integer","minimum":1,"maximum":999},"nama":{"type":"string"}}})",
         .response_schema = std::string(kRef),
         .success_status = 201});

    router.add(
        Method::Patch, "/api/v1/wilayah/{kode}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto nama = PILAR_TRY(http::required_string(body, "nama"));
            auto version = PILAR_TRY(http::optional_int(body, "version"));
            if (!version)
                return http::error_response(Error(ErrorCode::InvalidArgument,
                                                  {"version wajib diisi (versi yang Anda lihat)",
                                                   "version is required (the version you saw)"})
                                                .at_field("version"),
                                            req.lang);
            return http::respond(req, svc.rename(actor, req.param("kode"), nama, *version), encode);
        }),
        {.summary = "Ganti nama RW atau RT",
         .tag = "wilayah",
         .request_schema = R"({"type":"object","required":["nama","version"],"properties":{"nama":{"type":"string"},"version":{"type":"integer"}}})",
         .response_schema = std::string(kRef)});

    router.add(
        Method::Post, "/api/v1/wilayah/{kode}/retire",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto alasan = PILAR_TRY(http::required_string(body, "alasan"));
            return http::respond(req, svc.retire(actor, req.param("kode"), alasan),
                                 [](int n) { return json::object{{"dinonaktifkan", n}}; });
        }),
        {.summary = "Nonaktifkan RW atau RT beserta wilayah di bawahnya",
         .tag = "wilayah",
         .request_schema = R"({"type":"object","required":["alasan"],"properties":{"alasan":{"type":"string"}}})",
         .response_schema = R"({"type":"object","properties":{"dinonaktifkan":{"type":"integer"}}})"});

    router.add(
        Method::Post, "/api/v1/wilayah/{kode}/reactivate",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            return http::respond(req, svc.reactivate(actor, req.param("kode")), encode);
        }),
        {.summary = "Aktifkan kembali RW atau RT", .tag = "wilayah", .response_schema = std::string(kRef)});

    router.add(
        Method::Post, "/api/v1/wilayah/import",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            CsvOptions opts;
            opts.source_name = "upload.csv";
            auto reader = PILAR_TRY(CsvReader::from_string(req.body, opts));
            return http::respond(req, svc.import_csv(actor, reader), [](ImportReport const& r) {
                return json::object{{"rows", r.rows}, {"created", r.created}, {"renamed", r.renamed}, {"unchanged", r.unchanged}};
            });
        }),
        {.summary = "Impor RW/RT dari CSV (kolom kode,nama); semua atau tidak sama sekali",
         .tag = "wilayah",
         .description = "Isi permintaan adalah teks CSV (Content-Type: text/csv).",
         .response_schema = R"({"$ref":"#/components/schemas/WilayahImportReport"})"});
}

}  // namespace pilar::wilayah
