#include "registry/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <charconv>

#include "core/strings.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "http/json_writer.hpp"
#include "registry/json.hpp"
#include "registry/json_input.hpp"
#include "registry/vocab.hpp"

namespace pilar::registry {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Error bad(std::string_view field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::string(field)); }

Result<ListQuery> list_query(Request const& req) {
    ListQuery q;
    q.kode_wilayah = req.query_param("kode_wilayah");
    q.nik = req.query_param("nik");
    q.no_kk = req.query_param("no_kk");
    q.nama = req.query_param("nama");
    q.after = req.query_param("after");
    q.status_keberadaan = req.query_param("status_keberadaan");
    if (auto p = req.query_param("ppks")) {
        if (!is_all_digits(*p) || p->size() > 2) return fail(bad("ppks", {"ppks harus 1 sampai 26", "ppks must be 1 to 26"}));
        q.ppks = std::stoi(*p);
    }
    if (auto k = req.query_param("keluarga_id")) {
        if (!is_all_digits(*k) || k->size() > 18) return fail(bad("keluarga_id", {"keluarga_id harus angka", "keluarga_id must be a number"}));
        q.keluarga_id = std::stoll(*k);
    }
    q.status_padan = req.query_param("status_padan");
    for (auto [name, out] : {std::pair{"desil_min", &q.desil_min}, {"desil_max", &q.desil_max}})
        if (auto d = req.query_param(name)) {
            if (!is_all_digits(*d) || d->empty() || d->size() > 2)
                return fail(bad(name, {fmt::format("{} harus 1 sampai 10", name), fmt::format("{} must be 1 to 10", name)}));
            *out = std::stoi(*d);
        }
    if (auto s = req.query_param("urut")) q.sort = *s;
    q.limit = PILAR_TRY(http::query_limit(req, 50, 500));
    return q;
}

// A page written straight as text (the shape of http::json_list, without building a DOM): a
// household page cost ~1 ms of server CPU when each row went through a json::object.
// `items(w)` writes the items and yields the next page's cursor (none on the last page);
// `item_bytes` is about what one item takes.
template <typename Items>
Result<Response> page_response(std::size_t item_bytes, std::size_t items_max, Items&& items) {
    Response r;
    r.body.reserve(item_bytes * items_max + 64);
    http::JsonWriter w(r.body);
    w.begin_object();
    w.key("items"), w.begin_array();
    std::optional<std::string> const next = PILAR_TRY(items(w));
    w.end_array();
    if (next) w.key("next"), w.value(*next);
    w.end_object();
    return r;
}

Response anggota_response(Anggota const& a) {
    Response r;
    http::JsonWriter w(r.body);
    write(w, a);
    return r;
}

// 409 carries the record as it is now, so the client can show both and let the user resolve.
template <typename T, typename Reload>
Response write_response(Request const& req, Result<T> const& r, Reload&& reload, int status = 200) {
    if (r) return http::json_response(status, encode(*r));
    if (r.error().code != ErrorCode::Conflict || r.error().field != "version") return http::error_response(r.error(), req.lang);
    auto current = reload();
    Response resp = http::error_response(r.error(), req.lang);
    if (current) {
        auto body = json::parse(resp.body).as_object();
        body["current"] = encode(*current);
        resp.body = json::serialize(body);
    }
    return resp;
}

struct Versioned {
    std::int64_t version;
    std::string alasan;
};

Result<Versioned> version_and_reason(json::object const& body) {
    auto version = PILAR_TRY(http::optional_int(body, "version"));
    if (!version)
        return fail(bad("version", {"version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"}));
    auto alasan = PILAR_TRY(http::optional_string(body, "alasan"));
    return Versioned{*version, alasan.value_or("")};
}

std::string const kKeluargaRef = R"({"$ref":"#/components/schemas/Keluarga"})";
std::string const kAnggotaRef = R"({"$ref":"#/components/schemas/Anggota"})";
std::string list_of(std::string_view ref) {
    return fmt::format(R"({{"type":"object","required":["items"],"properties":{{"items":{{"type":"array","items":{}}},"next":{{"type":"string"}}}}}})", ref);
}

std::string record_schema(std::span<ColumnSpec const> specs, std::initializer_list<std::string_view> extra_props,
                          std::initializer_list<std::string_view> required) {
    json::object props;
    for (auto const& s : specs) {
        json::object p;
        switch (s.kind) {
        case Kind::Real: p["type"] = json::array{"number", "string", "null"}; break;
        case Kind::Integer: p["type"] = json::array{"integer", "string", "null"}; break;
        case Kind::Codes:
        case Kind::PpksList: p["type"] = json::array{"string", "array", "null"}; break;
        default: p["type"] = json::array{"string", "null"}; break;
        }
        if (auto const* v = vocab(s.name); v && (s.kind == Kind::Code)) {
            json::array e;
            for (auto const& c : v->codes) e.emplace_back(c.code);
            e.emplace_back(nullptr);
            p["enum"] = std::move(e);
        }
        props[s.name] = std::move(p);
    }
    for (auto x : extra_props) {
        auto v = json::parse(x).as_object();
        for (auto const& [k, val] : v) props[k] = val;
    }
    json::object schema{{"type", "object"}, {"properties", std::move(props)}};
    if (required.size()) {
        json::array req;
        for (auto r : required) req.emplace_back(r);
        schema["required"] = std::move(req);
    }
    return json::serialize(schema);
}

}  // namespace

std::string openapi_schemas() {
    return R"({"Keluarga":{"type":"object","required":["id","no_kk","kode_wilayah","alamat","version"],"properties":{
"id":{"type":"integer"},"uid":{"type":["string","null"]},
"no_kk":{"type":"string","description":"Tersamar (3671********0001) kecuali dibuka dengan ?buka=ya"},
"no_kk_tersamar":{"type":"boolean"},
"kode_wilayah":{"type":"string","description":"Kode kelurahan/desa"},
"rw":{"type":["string","null"]},"rt":{"type":["string","null"]},
"kode_wilayah_lengkap":{"type":"string","description":"Kode RT, RW atau kelurahan terdalam"},
"alamat":{"type":"string"},"lat":{"type":["number","null"]},"lon":{"type":["number","null"]},
"desil":{"type":["integer","null"]},
"aset":{"type":"array","items":{"type":"string"}},
"status":{"type":"string"},"jumlah_anggota":{"type":"integer"},"version":{"type":"integer"},
"dibuat_pada":{"type":"string"},"dibuat_oleh":{"type":"string"},"diubah_pada":{"type":"string"},"diubah_oleh":{"type":"string"}},
"additionalProperties":true},
"Anggota":{"type":"object","required":["id","keluarga_id","nama","jenis_kelamin","hubungan","version"],"properties":{
"id":{"type":"integer"},"uid":{"type":["string","null"]},"keluarga_id":{"type":"integer"},
"nik":{"type":["string","null"],"description":"Tersamar kecuali dibuka dengan ?buka=ya"},
"nik_tersamar":{"type":"boolean"},"nama":{"type":"string"},"jenis_kelamin":{"type":"string","enum":["L","P"]},
"tanggal_lahir":{"type":["string","null"]},"hubungan":{"type":"string"},
"status_keberadaan":{"type":"string"},"status_padan":{"type":"string"},
"ppks":{"type":"array","items":{"$ref":"#/components/schemas/Ppks"}},
"data_khusus_disertakan":{"type":"boolean"},
"disabilitas":{"type":["object","null"],"properties":{"jenis":{"type":"string"},"tingkat":{"type":["string","null"]}}},
"penyakit_kronis":{"type":"array","items":{"type":"string"}},
"version":{"type":"integer"}},"additionalProperties":true},
"Ppks":{"type":"object","required":["ppks"],"properties":{"id":{"type":"integer"},"ppks":{"type":"integer","minimum":1,"maximum":26},
"sejak":{"type":"string"},"sampai":{"type":["string","null"]},"dinilai_oleh":{"type":"string"},"bukti":{"type":"string"}}},
"Riwayat":{"type":"object","properties":{"at":{"type":"string"},"oleh":{"type":"string"},"peran":{"type":"string"},
"aksi":{"type":"string"},"alasan":{"type":"string"},"sebelum":{},"sesudah":{}}}})";
}

void register_routes(http::Router& router, RegistryService& svc) {
    std::vector<http::QueryParamDoc> const list_params = {
        {"kode_wilayah", "Hanya di wilayah ini atau di bawahnya (dibatasi wilayah tugas Anda)"},
        {"no_kk", "No. KK lengkap (pencarian tepat)"},
        {"desil_min", "Desil keluarga paling rendah (1-10)", "integer"},
        {"desil_max", "Desil keluarga paling tinggi (1-10)", "integer"},
        {"after", "Kursor halaman berikutnya (dari next)"},
        {"limit", "1 sampai 500 (bawaan 50)", "integer"}};
    std::vector<http::QueryParamDoc> anggota_params = list_params;
    anggota_params.push_back({"nik", "NIK lengkap (pencarian tepat)"});
    anggota_params.push_back({"nama", "Awal nama, tanpa beda huruf besar/kecil"});
    anggota_params.push_back({"ppks", "Kategori PPKS 1 sampai 26 (yang masih berlaku)", "integer"});
    anggota_params.push_back({"keluarga_id", "Anggota satu keluarga", "integer"});
    anggota_params.push_back({"status_keberadaan", "ada, meninggal, pindah atau tidak_ditemukan"});
    anggota_params.push_back({"status_padan", "Status padan Dukcapil: belum, padan, tidak_padan ..."});
    anggota_params.push_back({"urut", "wilayah (bawaan) atau nama"});
    std::vector<http::QueryParamDoc> const open_params = {
        {"buka", "ya: tampilkan NIK/No. KK lengkap (dicatat di jejak audit)", "boolean"},
        {"khusus", "ya: sertakan data khusus — disabilitas, penyakit, bukti PPKS (dicatat di jejak audit)", "boolean"}};

    router.add(
        Method::Get, "/api/v1/registry/kosakata",
        [](Request&) {
            json::object vocabs;
            for (auto const& v : all_vocabs()) {
                json::array codes;
                for (auto const& c : v.codes) codes.push_back(json::object{{"kode", c.code}, {"id", c.label_id}, {"en", c.label_en}});
                vocabs[v.field] = json::object{{"banyak", v.multi}, {"kode", std::move(codes)}};
            }
            json::array ppks;
            for (auto const& p : ppks_categories())
                ppks.push_back(json::object{{"kode", p.kode}, {"nama", p.nama}, {"singkatan", p.singkatan},
                                            {"kelompok_atensi", p.kelompok_atensi}});
            return http::json_response(200, json::object{{"kosakata", std::move(vocabs)}, {"ppks", std::move(ppks)}});
        },
        {.summary = "Daftar kode isian keluarga dan anggota (docs/formats.md) dan 26 kategori PPKS", .tag = "registry"});

    router.add(
        Method::Get, "/api/v1/keluarga",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto q = PILAR_TRY(list_query(req));
            // Each household written straight from its database row (no records built).
            return page_response(900, static_cast<std::size_t>(q.limit), [&](http::JsonWriter& w) {
                return svc.list_keluarga_views(actor, q, [&w](KeluargaView const& k) { write(w, k); });
            });
        }),
        {.summary = "Daftar keluarga di wilayah Anda (urut wilayah, halaman kunci)", .tag = "registry",
         .query = list_params, .response_schema = list_of(kKeluargaRef)});

    router.add(
        Method::Post, "/api/v1/keluarga",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto uid = PILAR_TRY(http::optional_string(body, "uid"));
            auto rec = PILAR_TRY(record_of<KCol>(body, keluarga_columns(), {"uid"}));
            return http::respond(req, svc.create_keluarga(actor, std::move(rec), uid),
                                 [](Keluarga const& k) { return encode(k); }, 201);
        }),
        {.summary = "Daftarkan keluarga (kolom seperti keluarga.csv di docs/formats.md)", .tag = "registry",
         .request_schema = record_schema(keluarga_columns(), {R"({"uid":{"type":"string"}})"}, {"no_kk", "kode_wilayah", "alamat"}),
         .response_schema = kKeluargaRef, .success_status = 201});

    router.add(
        Method::Get, "/api/v1/keluarga/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            return http::respond(req, svc.keluarga(actor, id, {.unmask = req.query_flag("buka")}),
                                 [](Keluarga const& k) { return encode(k); });
        }),
        {.summary = "Satu keluarga", .tag = "registry", .query = {open_params[0]}, .response_schema = kKeluargaRef});

    router.add(
        Method::Patch, "/api/v1/keluarga/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto v = PILAR_TRY(version_and_reason(body));
            auto changes = PILAR_TRY(changes_of(body, {"version", "alasan"}));
            return write_response(req, svc.update_keluarga(actor, id, changes, v.version, v.alasan),
                                  [&] { return svc.keluarga(actor, id); });
        }),
        {.summary = "Ubah keluarga: kolom yang dikirim saja; version wajib (409 berisi data terkini bila basi), alasan wajib",
         .tag = "registry",
         .request_schema = record_schema(keluarga_columns(), {R"({"version":{"type":"integer"},"alasan":{"type":"string"}})"},
                                         {"version", "alasan"}),
         .response_schema = kKeluargaRef});

    router.add(
        Method::Get, "/api/v1/keluarga/{id}/anggota",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto r = PILAR_TRY(svc.members(actor, id));
            return page_response(700, r.size(), [&r](http::JsonWriter& w) -> Result<std::optional<std::string>> {
                for (auto const& a : r) write(w, a);
                return std::nullopt;
            });
        }),
        {.summary = "Anggota satu keluarga", .tag = "registry", .response_schema = list_of(kAnggotaRef)});

    auto history_route = [&svc](std::string entity) {
        return http::with_actor([&svc, entity](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto r = PILAR_TRY(svc.history(actor, entity, id));
            json::array items;
            for (auto const& h : r) {
                json::object o{{"at", h.at}, {"oleh", h.username}, {"peran", h.role}, {"aksi", h.action}, {"alasan", h.alasan}};
                o["sebelum"] = h.before_json ? json::parse(*h.before_json) : json::value(nullptr);
                o["sesudah"] = h.after_json ? json::parse(*h.after_json) : json::value(nullptr);
                items.push_back(std::move(o));
            }
            return http::json_list(std::move(items));
        });
    };
    router.add(Method::Get, "/api/v1/keluarga/{id}/riwayat", history_route("keluarga"),
               {.summary = "Riwayat perubahan keluarga (siapa, kapan, mengapa, sebelum/sesudah)", .tag = "registry",
                .response_schema = list_of(R"({"$ref":"#/components/schemas/Riwayat"})")});

    router.add(
        Method::Get, "/api/v1/anggota",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto q = PILAR_TRY(list_query(req));
            // Each member written straight from its database row (no records built).
            return page_response(700, static_cast<std::size_t>(q.limit), [&](http::JsonWriter& w) {
                return svc.list_anggota_views(actor, q, [&w](AnggotaView const& a) { write(w, a); });
            });
        }),
        {.summary = "Cari anggota: NIK/No. KK tepat, awal nama, wilayah, PPKS (NIK tersamar)", .tag = "registry",
         .query = anggota_params, .response_schema = list_of(kAnggotaRef)});

    router.add(
        Method::Post, "/api/v1/anggota",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto uid = PILAR_TRY(http::optional_string(body, "uid"));
            auto kid = PILAR_TRY(http::optional_int(body, "keluarga_id"));
            if (!kid)
                return fail(bad("keluarga_id", {"keluarga_id wajib diisi", "keluarga_id is required"}));
            auto rec = PILAR_TRY(record_of<ACol>(body, anggota_columns(), {"uid", "keluarga_id"}));
            return http::respond(req, svc.create_anggota(actor, *kid, std::move(rec), uid),
                                 [](Anggota const& a) { return encode(a); }, 201);
        }),
        {.summary = "Daftarkan anggota keluarga (kolom seperti anggota.csv, tanpa no_kk)", .tag = "registry",
         .request_schema = record_schema(anggota_columns(), {R"({"uid":{"type":"string"},"keluarga_id":{"type":"integer"}})"},
                                         {"keluarga_id", "nama", "jenis_kelamin", "hubungan"}),
         .response_schema = kAnggotaRef, .success_status = 201});

    router.add(
        Method::Get, "/api/v1/anggota/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            ReadOptions opts{.unmask = req.query_flag("buka"), .include_special = req.query_flag("khusus")};
            if (!opts.unmask && !opts.include_special) {
                // The plain read, written straight from the database row.
                Response r;
                r.body.reserve(1024);
                http::JsonWriter w(r.body);
                auto shown = svc.anggota_view(actor, id, [&w](AnggotaView const& a) { write(w, a); });
                if (!shown) return fail(shown.error());
                return r;
            }
            auto a = PILAR_TRY(svc.anggota(actor, id, opts));
            return anggota_response(a);
        }),
        {.summary = "Satu anggota", .tag = "registry", .query = open_params, .response_schema = kAnggotaRef});

    router.add(
        Method::Patch, "/api/v1/anggota/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto v = PILAR_TRY(version_and_reason(body));
            auto changes = PILAR_TRY(changes_of(body, {"version", "alasan"}));
            return write_response(req, svc.update_anggota(actor, id, changes, v.version, v.alasan),
                                  [&] { return svc.anggota(actor, id); });
        }),
        {.summary = "Ubah anggota: kolom yang dikirim saja (keluarga_id untuk pindah keluarga); version dan alasan wajib",
         .tag = "registry",
         .request_schema = record_schema(anggota_columns(),
                                         {R"({"version":{"type":"integer"},"alasan":{"type":"string"},"keluarga_id":{"type":"integer"}})"},
                                         {"version", "alasan"}),
         .response_schema = kAnggotaRef});

    router.add(Method::Get, "/api/v1/anggota/{id}/riwayat", history_route("anggota"),
               {.summary = "Riwayat perubahan anggota", .tag = "registry",
                .response_schema = list_of(R"({"$ref":"#/components/schemas/Riwayat"})")});

    router.add(
        Method::Post, "/api/v1/anggota/{id}/ppks",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto ppks = PILAR_TRY(http::optional_int(body, "ppks"));
            auto sejak = PILAR_TRY(http::optional_string(body, "sejak"));
            auto bukti = PILAR_TRY(http::optional_string(body, "bukti"));
            if (!ppks) return fail(bad("ppks", {"ppks wajib diisi", "ppks is required"}));
            PpksInput in{.ppks = static_cast<int>(*ppks), .sejak = sejak.value_or(""), .bukti = bukti};
            return http::respond(req, svc.add_ppks(actor, id, in), [](PpksEntry const& p) { return encode(p); }, 201);
        }),
        {.summary = "Catat klasifikasi PPKS anggota (bukti dienkripsi)", .tag = "registry",
         .request_schema = R"({"type":"object","required":["ppks","sejak"],"properties":{"ppks":{"type":"integer","minimum":1,"maximum":26},"sejak":{"type":"string"},"bukti":{"type":"string"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/Ppks"})", .success_status = 201});

    router.add(
        Method::Post, "/api/v1/anggota/{id}/ppks/{ppks_id}/akhiri",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req, "id"));
            auto pid = PILAR_TRY(http::path_id(req, "ppks_id"));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto sampai = PILAR_TRY(http::optional_string(body, "sampai"));
            return http::respond(req, svc.end_ppks(actor, id, pid, sampai.value_or("")),
                                 [](PpksEntry const& p) { return encode(p); });
        }),
        {.summary = "Akhiri klasifikasi PPKS", .tag = "registry",
         .request_schema = R"({"type":"object","required":["sampai"],"properties":{"sampai":{"type":"string"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/Ppks"})"});
}

Result<ListQuery> list_query_of(http::Request const& req) { return list_query(req); }

}  // namespace pilar::registry
