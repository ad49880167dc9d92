#include "search/api.hpp"

#include <boost/json.hpp>

#include "core/strings.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::search {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Error bad(std::string field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::move(field)); }

Result<std::optional<int>> int_param(Request const& req, std::string const& name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::optional<int>{};
    if (v->size() > 6 || !is_all_digits(*v)) return fail(bad(name, {name + " harus bilangan bulat", name + " must be a whole number"}));
    return std::optional<int>{std::stoi(*v)};
}

Result<SearchQuery> query_of(Request const& req) {
    SearchQuery q;
    q.q = req.query_param("q").value_or("");
    q.tahun_lahir = PILAR_TRY(int_param(req, "tahun_lahir"));
    if (auto t = PILAR_TRY(int_param(req, "toleransi_tahun"))) q.toleransi_tahun = *t;
    if (auto l = PILAR_TRY(int_param(req, "limit"))) q.limit = *l;
    if (auto jk = req.query_param("jenis_kelamin"); jk && !jk->empty()) q.jenis_kelamin = *jk;
    if (auto kw = req.query_param("kode_wilayah"); kw && !kw->empty()) q.kode_wilayah = *kw;
    if (auto tl = req.query_param("tanggal_lahir"); tl && !tl->empty()) q.tanggal_lahir = *tl;
    return q;
}

json::object encode(Hasil const& h) {
    auto const& a = h.anggota;
    return json::object{{"id", a.id},
                        {"keluarga_id", a.keluarga_id},
                        {"nama", a.nama},
                        {"nik", a.nik ? json::value(*a.nik) : json::value(nullptr)},
                        {"nik_tersamar", a.nik_masked},
                        {"jenis_kelamin", a.jenis_kelamin},
                        {"tanggal_lahir", a.tanggal_lahir ? json::value(*a.tanggal_lahir) : json::value(nullptr)},
                        {"kode_wilayah_lengkap", a.kode_wilayah},
                        {"kelurahan", json::object{{"kode", h.kode_kelurahan}, {"nama", h.nama_kelurahan}}},
                        {"skor", h.skor}};
}

}  // namespace

std::string openapi_schemas() {
    return R"json({"HasilCari":{"type":"object","required":["cara","items"],"properties":{
"cara":{"type":"string","enum":["nama","nik","no_kk"],"description":"nama: pencarian nama longgar; nik / no_kk: 16 angka dicocokkan tepat"},
"items":{"type":"array","items":{"type":"object","required":["id","nama","skor"],"properties":{
"id":{"type":"integer"},"keluarga_id":{"type":"integer"},"nama":{"type":"string"},
"nik":{"type":["string","null"],"description":"Tersamar seperti di daftar"},"nik_tersamar":{"type":"boolean"},
"jenis_kelamin":{"type":"string","enum":["L","P"]},"tanggal_lahir":{"type":["string","null"]},
"kode_wilayah_lengkap":{"type":"string"},
"kelurahan":{"type":"object","properties":{"kode":{"type":"string"},"nama":{"type":"string"}}},
"skor":{"type":"number","minimum":0,"maximum":1,"description":"Kemiripan nama (1 = sama)"}}}}}}})json";
}

void register_routes(http::Router& router, SearchService& svc) {
    router.add(
        Method::Get, "/api/v1/cari",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto q = PILAR_TRY(query_of(req));
            auto r = PILAR_TRY(svc.search(actor, q));
            json::array items;
            for (auto const& h : r.items) items.push_back(encode(h));
            return http::json_response(200, json::object{{"cara", r.cara}, {"items", std::move(items)}});
        }),
        {.summary = "Cari orang (anggota) menurut nama — tahan salah ketik dan ragam ejaan — atau NIK / No. KK lengkap",
         .tag = "registry",
         .description = "Nama dinormalkan seperti pada pencocokan data (gelar, Muhammad/Moch./M., ejaan lama, nama "
                        "digabung/dipisah, marga Hokkian) dan diurutkan menurut skor kemiripan, tanggal / tahun lahir yang persis sama lebih dulu; "
                        "hanya orang di wilayah "
                        "tugas Anda. 16 angka dicari tepat sebagai NIK, lalu sebagai No. KK.",
         .query = {{"q", "Nama, atau NIK / No. KK 16 angka (wajib)"},
                   {"tahun_lahir", "Tahun lahir (1900-2100)", "integer"},
                   {"toleransi_tahun", "Selisih tahun lahir yang diterima, 0-10 (bawaan 1)", "integer"},
                   {"jenis_kelamin", "L atau P"},
                   {"kode_wilayah", "Hanya di wilayah ini atau di bawahnya (kecamatan, kelurahan, RW, RT)"},
                   {"tanggal_lahir", "Tanggal lahir YYYY-MM-DD bila diketahui: yang sama diurutkan paling atas, "
                                     "hari/bulan tertukar sesudahnya; tanpa tahun_lahir juga membatasi ke tahunnya "
                                     "(± toleransi_tahun)"},
                   {"limit", "1 sampai 50 (bawaan 10)", "integer"}},
         .response_schema = R"({"$ref":"#/components/schemas/HasilCari"})",
         .execution = http::Execution::Offload});
}

}  // namespace pilar::search
