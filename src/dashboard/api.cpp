#include "dashboard/api.hpp"

#include <boost/json.hpp>

#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::dashboard {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;


}  // namespace

void register_routes(http::Router& router, DashboardService& svc) {
    router.add(
        Method::Get, "/api/v1/dasbor",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto area = PILAR_TRY(svc.area_for(actor, req.query_param("kode_wilayah")));
            json::array panels;
            for (auto const* p : svc.panels_for(actor)) panels.push_back(json::object{{"id", p->id}, {"ringkasan", p->summary}});
            auto const& map = svc.map();
            json::object peta{{"ubin", map.tile_url.empty() ? json::value(nullptr) : json::value(map.tile_url)},
                              {"atribusi", map.attribution}};
            return http::json_response(200, json::object{{"kode_wilayah", area}, {"panel", std::move(panels)}, {"peta", std::move(peta)}});
        }),
        {.summary = "Panel dasbor yang boleh Anda buka, wilayah bawaan, dan pengaturan ubin peta",
         .tag = "dasbor",
         .query = {{"kode_wilayah", "Wilayah (kota, kecamatan atau kelurahan) dalam wilayah tugas Anda"}},
         .response_schema =
             R"({"type":"object","required":["kode_wilayah","panel","peta"],"properties":{"kode_wilayah":{"type":"string"},"panel":{"type":"array","items":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"ringkasan":{"type":"string"}}}},"peta":{"type":"object","properties":{"ubin":{"type":["string","null"]},"atribusi":{"type":"string"}}}}})"});

    std::string panel_list;
    for (auto const& p : svc.panels()) panel_list += "\n- `" + p.id + "`: " + p.summary;
    router.add(
        Method::Get, "/api/v1/dasbor/{panel}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = svc.panel(actor, req.param("panel"), req.query_param("kode_wilayah"),
                                  [&req](std::string_view name) { return req.query_param(name); });
            if (!body) return fail(body.error());
            return http::json_response(200, *body);
        }),
        {.summary = "Angka satu panel dasbor, dari agregat yang diperbarui setiap kali data ditulis",
         .tag = "dasbor",
         .description = "Panel:" + panel_list,
         .query = {{"kode_wilayah", "Wilayah (kota, kecamatan atau kelurahan) dalam wilayah tugas Anda; bawaan: wilayah tugas"},
                   {"hari", "aktivitas: jumlah hari terakhir (1-90, bawaan 30)", "integer"},
                   {"tingkat", "peta: 0 (kasar) sampai 2 (halus)", "integer"},
                   {"bbox", "peta: selatan,barat,utara,timur"}},
         .response_schema =
             R"({"type":"object","required":["panel","kode_wilayah"],"properties":{"panel":{"type":"string"},"kode_wilayah":{"type":"string"}},"additionalProperties":true})"});
}

}  // namespace pilar::dashboard
