#include "workforce/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/strings.hpp"
#include "http/download.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "verivali/attachment.hpp"
#include "workforce/export.hpp"
#include "workforce/json.hpp"

namespace pilar::workforce {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Error bad(std::string_view field, std::string id, std::string en) {
    return Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field(std::string(field));
}

std::optional<std::string> query(Request const& req, std::string_view name) {
    auto v = req.query_param(name);
    if (v && v->empty()) return std::nullopt;
    return v;
}

Result<std::int64_t> query_number(Request const& req, std::string_view name, std::int64_t fallback, std::int64_t min, std::int64_t max) {
    auto v = query(req, name);
    if (!v) return fallback;
    if (v->size() > 18 || !is_all_digits(*v) || std::stoll(*v) < min || std::stoll(*v) > max)
        return fail(bad(name, fmt::format("{} harus bilangan bulat {} sampai {}", name, min, max),
                        fmt::format("{} must be a whole number from {} to {}", name, min, max)));
    return std::stoll(*v);
}

template <typename T>
Response list_response(std::vector<T> const& items, int limit) {
    json::array a;
    for (auto const& x : items) a.push_back(to_json(x));
    std::optional<std::string> next;
    if (static_cast<int>(items.size()) == limit && !items.empty()) next = std::to_string(items.back().id);
    return http::json_list(std::move(a), next);
}

Result<Jenis> jenis_query(Request const& req, Jenis fallback) {
    auto j = query(req, "jenis");
    if (!j) return fallback;
    auto v = jenis_from_name(*j);
    if (!v) return fail(bad("jenis", "jenis tidak dikenal", "unknown jenis"));
    return *v;
}

Result<TableFormat> format_query(Request const& req) {
    auto f = query(req, "format").value_or("xlsx");
    if (f != "csv" && f != "xlsx") return fail(bad("format", "format harus csv atau xlsx", "format must be csv or xlsx"));
    return f == "csv" ? TableFormat::Csv : TableFormat::Xlsx;
}

Result<Response> table_download(Table const& t, TableFormat format, std::string const& name, std::string const& tmp_dir) {
    bool const xlsx = format == TableFormat::Xlsx;
    return http::download(tmp_dir,
                          {xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                           fmt::format("{}.{}", name, xlsx ? "xlsx" : "csv")},
                          [&](std::string const& path) -> Result<http::DownloadHeaders> {
                              PILAR_TRY(write_table(t, format, path, tmp_dir));
                              return http::DownloadHeaders{{"X-Export-Rows", std::to_string(t.rows.size())}};
                          });
}

std::string format_label(TableFormat format) { return format == TableFormat::Xlsx ? "xlsx" : "csv"; }

std::string safe_name(std::string s) {
    for (auto& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
    return s;
}

Result<RekapQuery> rekap_query(Request const& req) {
    auto bulan = query(req, "bulan");
    if (!bulan) return fail(bad("bulan", "bulan wajib diisi (YYYY-MM)", "bulan is required (YYYY-MM)"));
    return RekapQuery{.bulan = *bulan, .kode_wilayah = query(req, "kode_wilayah"), .jenis = PILAR_TRY(jenis_query(req, Jenis::Psm))};
}

Result<std::string> periode_query(Request const& req) {
    auto p = query(req, "periode");
    if (!p) return fail(bad("periode", "periode wajib diisi (YYYY-MM atau YYYY)", "periode is required (YYYY-MM or YYYY)"));
    return *p;
}

constexpr std::string_view kPilarRef = R"({"$ref":"#/components/schemas/PilarSosial"})";
constexpr std::string_view kLaporanRef = R"({"$ref":"#/components/schemas/LaporanKegiatan"})";

void on(http::Router& router, Method m, std::string pattern, http::ActorHandler fn, http::RouteDoc doc) {
    doc.tag = "workforce";
    router.add(m, std::move(pattern), http::with_actor(std::move(fn)), std::move(doc));
}

template <typename T>
Result<Response> ok(Result<T> const& r, int status = 200) {
    if (!r) return fail(r.error());
    return http::json_response(status, to_json(*r));
}

}  // namespace

std::string openapi_schemas() {
    return R"({
"PilarSosial":{"type":"object","required":["id","jenis","nama","kode_wilayah","status","version"],"properties":{
"id":{"type":"integer"},"jenis":{"type":"string","enum":["psp","psm","tagana","lks","kt","lk3","kp","wksbm","wpks","ps","tksk","du"]},
"jenis_label":{"type":"string"},"nama":{"type":"string"},"jenis_kelamin":{"type":["string","null"]},"tanggal_lahir":{"type":["string","null"]},
"alamat":{"type":["string","null"]},"telepon":{"type":["string","null"]},"email":{"type":["string","null"]},"kode_ktp":{"type":["string","null"]},
"ketua_rt_rw":{"type":"boolean"},"pelatihan_dasar":{"type":["string","null"],"description":"Tanggal pelatihan dasar: dari daftar hadir acara pelatihan dasar bila ada, selain itu yang dicatat manual"},
"pelatihan_sumber":{"type":["string","null"],"description":"acara:<id> bila dari daftar hadir acara; selain itu sumber yang dicatat manual"},
"username":{"type":["string","null"],"description":"Akun pengguna yang terhubung"},"kode_wilayah":{"type":"string"},
"status":{"type":"string","enum":["kandidat","aktif","nonaktif","berhenti"]},"status_alasan":{"type":["string","null"]},
"penugasan":{"type":"array","items":{"type":"object"}},"sk":{"type":["object","null"]},"sk_riwayat":{"type":"array","items":{"type":"object"}},
"status_riwayat":{"type":"array","items":{"type":"object"}},
"syarat":{"type":"array","items":{"type":"object","properties":{"kode":{"type":"string"},"wajib":{"type":"boolean"},"terpenuhi":{"type":"boolean"},"catatan":{"type":"string","description":"Keterangan dalam bahasa Indonesia; faktanya juga sebagai data di kolom berikut"},"usia":{"type":"integer","description":"usia: umur hari ini"},"minimal":{"type":"integer","description":"usia: umur minimal aturan kota"},"kode_ktp":{"type":"string","description":"ktp_wilayah: kelurahan KTP"},"wilayah":{"type":"string","description":"ktp_wilayah: wilayah tempat KTP seharusnya"},"tanggal":{"type":"string","format":"date","description":"pelatihan_dasar: tanggalnya"},"acara":{"type":"integer","description":"pelatihan_dasar: acara tempat hadir"},"nomor":{"type":"string","description":"sk_berlaku: nomor SK"},"mulai":{"type":"string","format":"date"},"selesai":{"type":"string","format":"date"}}}},
"created_at":{"type":"string"},"updated_at":{"type":"string"},"version":{"type":"integer"}}},
"PilarSosialInput":{"type":"object","properties":{"jenis":{"type":"string"},"nama":{"type":"string"},"jenis_kelamin":{"type":"string","enum":["L","P",""]},
"tanggal_lahir":{"type":"string","format":"date"},"alamat":{"type":"string"},"telepon":{"type":"string"},"email":{"type":"string"},
"kode_ktp":{"type":"string"},"username":{"type":"string"},"kode_wilayah":{"type":"string"},"ketua_rt_rw":{"type":"boolean"},"version":{"type":"integer"}}},
"Sk":{"type":"object","properties":{"id":{"type":"integer"},"pilar_id":{"type":"integer"},"nomor":{"type":"string"},"tanggal":{"type":"string"},
"ditandatangani":{"type":"string"},"mulai":{"type":"string"},"selesai":{"type":"string"},"perpanjangan_dari":{"type":["integer","null"]},
"created_by":{"type":"string"},"created_at":{"type":"string"}}},
"LaporanKegiatan":{"type":"object","properties":{"id":{"type":"integer"},"uid":{"type":["string","null"]},"pilar_id":{"type":"integer"},
"pilar_nama":{"type":"string"},"tanggal":{"type":"string","format":"date"},
"jenis":{"type":"string","enum":["kunjungan_rumah","periksa_lapangan","pendampingan_rujukan","sosialisasi","tanggap_bencana","rapat","pendataan","lainnya"]},
"uraian":{"type":"string"},"kode_wilayah":{"type":"string"},"lat":{"type":["number","null"]},"lon":{"type":["number","null"]},
"sasaran":{"type":"array","items":{"type":"object","properties":{"keluarga_id":{"type":"integer"},"anggota_id":{"type":["integer","null"]}}}},
"foto":{"type":"array","items":{"type":"object"}},"created_by":{"type":"string"},"created_at":{"type":"string"}}},
"Cakupan":{"type":"object","properties":{"kode_wilayah":{"type":"string"},"sk_peringatan_hari":{"type":"integer"},"rw":{"type":"integer"},"rw_tercakup":{"type":"integer"},
"rw_kosong":{"type":"integer"},"rw_ganda":{"type":"integer"},"psm_aktif":{"type":"integer"},"kecamatan":{"type":"array","items":{"type":"object"}},
"kelurahan":{"type":"array","items":{"type":"object"}},"sk_berakhir":{"type":"array","items":{"type":"object"}}}},
"Rekap":{"type":"object","properties":{"bulan":{"type":"string"},"kode_wilayah":{"type":"string"},"indikator":{"type":"array","items":{"type":"string"}},
"items":{"type":"array","items":{"type":"object"}},"total":{"type":"object"},"layak":{"type":"integer"},"total_insentif":{"type":"integer"}}},
"Peringkat":{"type":"object","properties":{"pilar_id":{"type":"integer"},"nama":{"type":"string"},"kode_wilayah":{"type":"string"},
"kode_kecamatan":{"type":"string"},"skor":{"type":"number"},"peringkat_kota":{"type":"integer"},"peringkat_kecamatan":{"type":"integer"},
"rincian":{"type":"array","items":{"type":"object","properties":{"indikator":{"type":"string"},"nilai":{"type":"integer"},"bobot":{"type":"number"},"skor":{"type":"number"}}}}}},
"AturanPilarSosial":{"type":"object","properties":{"usia_minimal":{"type":"integer"},"larang_ketua_rt_rw":{"type":"boolean"},"tksk_masa_tahun":{"type":"integer"},
"sk_peringatan_hari":{"type":"integer"},"insentif_min_laporan":{"type":"integer"},"insentif_nominal":{"type":"integer"},"periksa_tenggat_hari":{"type":"integer"},
"bobot":{"type":"object","additionalProperties":{"type":"number"}},"kode_kota":{"type":"string"},
"daftar":{"type":"array","items":{"type":"object","properties":{"kunci":{"type":"string"},"jenis":{"type":"string","enum":["integer","number","boolean"]},
"nilai":{"type":"number"},"bawaan":{"type":"number"},"min":{"type":"number"},"max":{"type":"number"},
"updated_by":{"type":["string","null"]},"updated_at":{"type":["string","null"]}}}}}}
})";
}

void register_routes(http::Router& router, WorkforceService& svc, std::string const& tmp_dir) {
    // ----------------------------------------------------------------------------- roster
    on(router, Method::Get, "/api/v1/pilar-sosial",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           PilarQuery q;
           if (auto j = query(req, "jenis")) q.jenis = PILAR_TRY(jenis_query(req, Jenis::Psm));
           if (auto s = query(req, "status")) {
               q.status = status_from_name(*s);
               if (!q.status) return fail(bad("status", "status tidak dikenal", "unknown status"));
           }
           q.kode_wilayah = query(req, "kode_wilayah");
           q.q = query(req, "q");
           q.after = PILAR_TRY(query_number(req, "after", 0, 0, INT64_MAX / 2));
           q.limit = static_cast<int>(PILAR_TRY(query_number(req, "limit", 50, 1, kMaxPageSize)));
           return list_response(PILAR_TRY(svc.list_pilar(a, q)), q.limit);
       },
       {.summary = "Daftar pilar sosial (PSM, TKSK, PSKS lain) dalam wilayah Anda",
        .description = "A PSM sees only their own record, a TKSK their kecamatan, the office the kota.",
        .query = {{"jenis", "psm, tksk, tagana, ..."}, {"status", "kandidat, aktif, nonaktif, berhenti"}, {"kode_wilayah", "Di/bawah wilayah ini"},
                  {"q", "Sebagian nama"}, {"after", "Kursor", "integer"}, {"limit", "1-200", "integer"}},
        .response_schema = http::list_schema("PilarSosial")});

    on(router, Method::Post, "/api/v1/pilar-sosial",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           return ok(svc.create_pilar(a, PILAR_TRY(pilar_input(body))), 201);
       },
       {.summary = "Catat pilar sosial baru (status kandidat)",
        .request_schema = R"({"$ref":"#/components/schemas/PilarSosialInput"})",
        .response_schema = std::string(kPilarRef),
        .success_status = 201});

    on(router, Method::Get, "/api/v1/pilar-sosial/saya",
       [&svc](Request&, Actor const& a) -> Result<Response> {
           auto p = PILAR_TRY(svc.saya(a));
           return http::json_response(200, json::object{{"pilar", p ? to_json(*p) : json::value(nullptr)}});
       },
       {.summary = "Data pilar sosial akun ini (RW tugas, SK, syarat)",
        .description = "`pilar` is null when no pilar sosial record is linked to this account (200, not 404: an ordinary state "
                       "for a new account, which the client shows as such).",
        .response_schema = R"({"type":"object","required":["pilar"],"properties":{"pilar":{"oneOf":[{"$ref":"#/components/schemas/PilarSosial"},{"type":"null"}]}}})"});

    on(router, Method::Get, "/api/v1/pilar-sosial/{id}",
       [&svc](Request& req, Actor const& a) -> Result<Response> { return ok(svc.pilar(a, PILAR_TRY(http::path_id(req)))); },
       {.summary = "Satu pilar sosial dengan SK, penugasan, riwayat status dan daftar syarat", .response_schema = std::string(kPilarRef)});

    on(router, Method::Patch, "/api/v1/pilar-sosial/{id}",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           auto version = PILAR_TRY(http::optional_int(body, "version"));
           if (!version) return fail(bad("version", "version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"));
           return ok(svc.update_pilar(a, PILAR_TRY(http::path_id(req)), PILAR_TRY(pilar_input(body)), *version));
       },
       {.summary = "Ubah data diri dan kontak (versi yang dilihat wajib)",
        .request_schema = R"({"$ref":"#/components/schemas/PilarSosialInput"})",
        .response_schema = std::string(kPilarRef)});

    on(router, Method::Post, "/api/v1/pilar-sosial/{id}/status",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           auto s = PILAR_TRY(http::required_string(body, "status"));
           auto st = status_from_name(s);
           if (!st) return fail(bad("status", "status harus kandidat, aktif, nonaktif atau berhenti", "status must be kandidat, aktif, nonaktif or berhenti"));
           auto version = PILAR_TRY(http::optional_int(body, "version"));
           if (!version) return fail(bad("version", "version wajib diisi", "version is required"));
           return ok(svc.set_status(a, PILAR_TRY(http::path_id(req)), *st, PILAR_TRY(http::optional_string(body, "alasan")), *version));
       },
       {.summary = "Ubah status (aktif butuh semua syarat; nonaktif/berhenti butuh alasan)",
        .request_schema = R"({"type":"object","required":["status","version"],"properties":{"status":{"type":"string","enum":["kandidat","aktif","nonaktif","berhenti"]},"alasan":{"type":"string"},"version":{"type":"integer"}}})",
        .response_schema = std::string(kPilarRef)});

    on(router, Method::Post, "/api/v1/pilar-sosial/{id}/sk",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           SkInput in{.nomor = PILAR_TRY(http::required_string(body, "nomor")),
                      .tanggal = PILAR_TRY(http::required_string(body, "tanggal")),
                      .ditandatangani = PILAR_TRY(http::required_string(body, "ditandatangani")),
                      .mulai = PILAR_TRY(http::required_string(body, "mulai")),
                      .selesai = PILAR_TRY(http::required_string(body, "selesai")),
                      .perpanjangan_dari = PILAR_TRY(http::optional_int(body, "perpanjangan_dari"))};
           return ok(svc.add_sk(a, PILAR_TRY(http::path_id(req)), in), 201);
       },
       {.summary = "Catat SK (atau perpanjangannya); masa tugas TKSK paling lama 5 tahun",
        .request_schema = R"({"type":"object","required":["nomor","tanggal","ditandatangani","mulai","selesai"],"properties":{"nomor":{"type":"string"},"tanggal":{"type":"string","format":"date"},"ditandatangani":{"type":"string"},"mulai":{"type":"string","format":"date"},"selesai":{"type":"string","format":"date"},"perpanjangan_dari":{"type":"integer"}}})",
        .response_schema = R"({"$ref":"#/components/schemas/Sk"})",
        .success_status = 201});

    on(router, Method::Post, "/api/v1/pilar-sosial/{id}/penugasan",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           AssignInput in;
           auto const* w = body.if_contains("wilayah");
           if (!w || !w->is_array()) return fail(bad("wilayah", "wilayah wajib berupa daftar kode", "wilayah must be a list of codes"));
           for (auto const& v : w->as_array()) {
               if (!v.is_string()) return fail(bad("wilayah", "wilayah berisi kode (teks)", "wilayah holds codes (text)"));
               in.wilayah.emplace_back(v.as_string());
           }
           in.mulai = PILAR_TRY(http::optional_string(body, "mulai")).value_or(Date::today().iso());
           in.alasan = PILAR_TRY(http::optional_string(body, "alasan"));
           auto version = PILAR_TRY(http::optional_int(body, "version"));
           if (!version) return fail(bad("version", "version wajib diisi", "version is required"));
           return ok(svc.assign(a, PILAR_TRY(http::path_id(req)), in, *version));
       },
       {.summary = "Tugaskan ke RW (PSM, satu kelurahan) atau kecamatan (TKSK); penugasan lama diakhiri, riwayat disimpan",
        .request_schema = R"({"type":"object","required":["wilayah","version"],"properties":{"wilayah":{"type":"array","items":{"type":"string"}},"mulai":{"type":"string","format":"date"},"alasan":{"type":"string"},"version":{"type":"integer"}}})",
        .response_schema = std::string(kPilarRef)});

    on(router, Method::Post, "/api/v1/pilar-sosial/{id}/pelatihan-dasar",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           return ok(svc.set_pelatihan_dasar(a, PILAR_TRY(http::path_id(req)), PILAR_TRY(http::required_string(body, "tanggal")),
                                             PILAR_TRY(http::optional_string(body, "sumber")).value_or("manual")));
       },
       {.summary = "Catat pelatihan dasar yang diikuti sebelum ada di Pilar (kehadiran di acara pelatihan dasar terhitung sendiri)",
        .request_schema = R"({"type":"object","required":["tanggal"],"properties":{"tanggal":{"type":"string","format":"date"},"sumber":{"type":"string","description":"Nama pelatihan; 'acara:...' khusus daftar hadir acara"}}})",
        .response_schema = std::string(kPilarRef)});

    // ----------------------------------------------------------------------------- coverage
    on(router, Method::Get, "/api/v1/cakupan",
       [&svc](Request& req, Actor const& a) -> Result<Response> { return ok(svc.cakupan(a, query(req, "kode_wilayah"))); },
       {.summary = "Cakupan PSM: RW tanpa PSM aktif, RW dengan lebih dari satu, SK berakhir dalam 60 hari",
        .query = {{"kode_wilayah", "Kota, kecamatan atau kelurahan (bawaan: wilayah Anda)"}},
        .response_schema = R"({"$ref":"#/components/schemas/Cakupan"})"});

    on(router, Method::Get, "/api/v1/cakupan/peta",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto c = PILAR_TRY(svc.cakupan(a, query(req, "kode_wilayah")));
           auto res = http::json_response(200, to_geojson(c));
           res.content_type = "application/geo+json";
           return res;
       },
       {.summary = "Cakupan per kelurahan sebagai GeoJSON (titik: rata-rata GPS laporan kegiatan; null bila belum ada)",
        .query = {{"kode_wilayah", "Kota, kecamatan atau kelurahan"}},
        .response_schema = R"({"type":"object","properties":{"type":{"type":"string"},"features":{"type":"array","items":{"type":"object"}}}})",
        .response_content_type = "application/geo+json"});

    // ----------------------------------------------------------------------------- activity reports
    on(router, Method::Get, "/api/v1/laporan-kegiatan",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           LaporanQuery q;
           if (query(req, "pilar_id")) q.pilar_id = PILAR_TRY(query_number(req, "pilar_id", 0, 1, INT64_MAX / 2));
           q.bulan = query(req, "bulan");
           q.kode_wilayah = query(req, "kode_wilayah");
           if (auto j = query(req, "jenis")) {
               q.jenis = kegiatan_from_name(*j);
               if (!q.jenis) return fail(bad("jenis", "jenis kegiatan tidak dikenal", "unknown activity kind"));
           }
           q.after = PILAR_TRY(query_number(req, "after", 0, 0, INT64_MAX / 2));
           q.limit = static_cast<int>(PILAR_TRY(query_number(req, "limit", 50, 1, kMaxPageSize)));
           return list_response(PILAR_TRY(svc.list_laporan(a, q)), q.limit);
       },
       {.summary = "Laporan kegiatan dalam wilayah Anda (PSM: miliknya sendiri), terbaru dulu",
        .query = {{"pilar_id", "Satu pilar sosial", "integer"}, {"bulan", "YYYY-MM"}, {"kode_wilayah", "Di/bawah wilayah ini"},
                  {"jenis", "Jenis kegiatan"}, {"after", "Kursor (id terakhir)", "integer"}, {"limit", "1-200", "integer"}},
        .response_schema = http::list_schema("LaporanKegiatan")});

    on(router, Method::Post, "/api/v1/laporan-kegiatan",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           auto in = PILAR_TRY(laporan_input(body));
           auto r = PILAR_TRY(svc.create_laporan(a, in));
           return http::json_response(r.created ? 201 : 200, to_json(r.laporan));
       },
       {.summary = "Buat laporan kegiatan (tanggal, jenis, uraian, sasaran keluarga/anggota, GPS)",
        .description = "Also available offline as the sync op kegiatan.buat with the same fields. A known uid answers 200 with the existing report. "
                       "kode_wilayah (default: the first assigned area) lies inside the record's area (a PSM's kelurahan, a TKSK's "
                       "kecamatan) and the caller's scope; wider is 404 on kode_wilayah.",
        .request_schema = R"({"type":"object","required":["tanggal","jenis","uraian"],"properties":{"uid":{"type":"string"},"pilar_id":{"type":"integer"},"tanggal":{"type":"string","format":"date"},"jenis":{"type":"string"},"uraian":{"type":"string"},"kode_wilayah":{"type":"string"},"lat":{"type":"number"},"lon":{"type":"number"},"sasaran":{"type":"array","items":{"type":"object","properties":{"keluarga_id":{"type":"integer"},"anggota_id":{"type":"integer"}}}}}})",
        .response_schema = std::string(kLaporanRef),
        .success_status = 201});

    on(router, Method::Get, "/api/v1/laporan-kegiatan/{id}",
       [&svc](Request& req, Actor const& a) -> Result<Response> { return ok(svc.laporan(a, PILAR_TRY(http::path_id(req)))); },
       {.summary = "Satu laporan kegiatan", .response_schema = std::string(kLaporanRef)});

    on(router, Method::Post, "/api/v1/laporan-kegiatan/{id}/foto",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           return ok(svc.add_foto(a, PILAR_TRY(http::path_id(req)), query(req, "uid"), req.body), 201);
       },
       {.summary = "Tambah foto kegiatan (isi badan: JPEG/PNG/WebP, paling besar 2 MB, paling banyak 5)",
        .query = {{"uid", "Id dari klien (unggahan ulang tidak menggandakan)"}},
        .response_schema = R"({"type":"object"})",
        .success_status = 201});

    on(router, Method::Get, "/api/v1/foto-kegiatan/{id}",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto id = PILAR_TRY(http::path_id(req));
           auto r = PILAR_TRY(svc.foto(a, id));
           Response res;
           res.content_type = r.first.mime;
           res.body = std::move(r.second);
           res.set_header("Content-Disposition",
                          fmt::format("inline; filename=\"foto-kegiatan-{}.{}\"", r.first.id, verivali::mime_extension(r.first.mime)));
           res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
           // Each photo shown is audited (laporan_kegiatan.foto_lihat): not kept in the browser's
           // cache, so showing it again asks the server (and is recorded) like the first time.
           res.set_header("Cache-Control", "private, no-store");
           return res;
       },
       {.summary = "Isi satu foto kegiatan",
        .description = "Each view is recorded in the audit trail (laporan_kegiatan.foto_lihat). Sent with Cache-Control: "
                       "private, no-store, so a browser asks again (and the view is recorded) every time.",
        .response_schema = R"({"type":"string","format":"binary"})",
        .response_content_type = "application/octet-stream",
        .execution = http::Execution::Offload});

    // ----------------------------------------------------------------------------- recap, ranking
    on(router, Method::Get, "/api/v1/rekap",
       [&svc](Request& req, Actor const& a) -> Result<Response> { return ok(svc.rekap(a, PILAR_TRY(rekap_query(req)))); },
       {.summary = "Rekap bulanan per pilar sosial (laporan, usulan, periksa) dengan kelayakan insentif",
        .query = {{"bulan", "YYYY-MM", "string", true}, {"kode_wilayah", "Di/bawah wilayah ini"}, {"jenis", "psm (bawaan) atau tksk"}},
        .response_schema = R"({"$ref":"#/components/schemas/Rekap"})",
        .execution = http::Execution::Offload});

    on(router, Method::Get, "/api/v1/rekap/ekspor",
       [&svc, tmp_dir](Request& req, Actor const& a) -> Result<Response> {
           auto q = PILAR_TRY(rekap_query(req));
           auto format = PILAR_TRY(format_query(req));
           auto r = PILAR_TRY(svc.rekap(a, q));
           auto table = rekap_table(r);
           auto res = PILAR_TRY(table_download(table, format, safe_name(fmt::format("pilar-rekap-{}-{}", q.bulan, r.kode_wilayah)), tmp_dir));
           PILAR_TRY(svc.audit_ekspor(a, {.jenis = "rekap", .periode = q.bulan, .kode_wilayah = q.kode_wilayah, .jenis_pilar = q.jenis,
                                          .format = format_label(format), .baris = table.rows.size()}));
           return res;
       },
       {.summary = "Rekap bulanan dan insentif untuk bagian keuangan (XLSX atau CSV)",
        .description = "Each download is recorded in the audit trail (pilar_sosial.ekspor, entity_id rekap).",
        .query = {{"bulan", "YYYY-MM", "string", true}, {"kode_wilayah", "Di/bawah wilayah ini"}, {"jenis", "psm atau tksk"}, {"format", "xlsx (bawaan) atau csv"}},
        .response_schema = R"({"type":"string","format":"binary"})",
        .response_content_type = "application/octet-stream",
        .execution = http::Execution::Offload});

    on(router, Method::Get, "/api/v1/rekap/kecamatan",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto bulan = query(req, "bulan");
           auto kode = query(req, "kode_wilayah");
           if (!bulan) return fail(bad("bulan", "bulan wajib diisi (YYYY-MM)", "bulan is required (YYYY-MM)"));
           if (!kode && !a.scope.empty()) kode = a.scope.front().dotted();
           if (!kode) return fail(bad("kode_wilayah", "kode_wilayah (kecamatan) wajib diisi", "kode_wilayah (a kecamatan) is required"));
           return ok(svc.laporan_kecamatan(a, *bulan, *kode));
       },
       {.summary = "Laporan bulanan kecamatan TKSK: kegiatannya sendiri, jumlah PSM, cakupan",
        .query = {{"bulan", "YYYY-MM", "string", true}, {"kode_wilayah", "Kecamatan (bawaan: wilayah TKSK)"}},
        .response_schema = R"({"type":"object"})",
        .execution = http::Execution::Offload});

    on(router, Method::Get, "/api/v1/peringkat",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto periode = PILAR_TRY(periode_query(req));
           auto rows = PILAR_TRY(svc.peringkat(a, periode, query(req, "kode_wilayah")));
           auto limit = PILAR_TRY(query_number(req, "limit", 1000, 1, 5000));
           json::array items;
           for (auto const& r : rows) {
               if (static_cast<std::int64_t>(items.size()) >= limit) break;
               items.push_back(to_json(r));
           }
           return http::json_list(std::move(items));
       },
       {.summary = "Peringkat PSM (PSM terbaik) per kota dan kecamatan, dengan rincian skor",
        .query = {{"periode", "YYYY-MM atau YYYY", "string", true}, {"kode_wilayah", "Di/bawah wilayah ini"}, {"limit", "Paling banyak baris", "integer"}},
        .response_schema = http::list_schema("Peringkat"),
        .execution = http::Execution::Offload});

    on(router, Method::Get, "/api/v1/peringkat/ekspor",
       [&svc, tmp_dir](Request& req, Actor const& a) -> Result<Response> {
           auto periode = PILAR_TRY(periode_query(req));
           auto format = PILAR_TRY(format_query(req));
           auto kode = query(req, "kode_wilayah");
           auto table = peringkat_table(PILAR_TRY(svc.peringkat(a, periode, kode)));
           auto res = PILAR_TRY(table_download(table, format, safe_name("pilar-peringkat-" + periode), tmp_dir));
           PILAR_TRY(svc.audit_ekspor(a, {.jenis = "peringkat", .periode = periode, .kode_wilayah = kode, .jenis_pilar = Jenis::Psm,
                                          .format = format_label(format), .baris = table.rows.size()}));
           return res;
       },
       {.summary = "Peringkat PSM dengan rincian skor (XLSX atau CSV)",
        .description = "Each download is recorded in the audit trail (pilar_sosial.ekspor, entity_id peringkat).",
        .query = {{"periode", "YYYY-MM atau YYYY", "string", true}, {"kode_wilayah", "Di/bawah wilayah ini"}, {"format", "xlsx (bawaan) atau csv"}},
        .response_schema = R"({"type":"string","format":"binary"})",
        .response_content_type = "application/octet-stream",
        .execution = http::Execution::Offload});

    // ----------------------------------------------------------------------------- rules
    on(router, Method::Get, "/api/v1/aturan-pilar-sosial",
       [&svc](Request& req, Actor const& a) -> Result<Response> { return ok(svc.aturan(a, query(req, "kode_kota"))); },
       {.summary = "Aturan pilar sosial kota Anda: syarat, insentif, bobot skor",
        .description = "Each kota/kabupaten has its own rules; a key its office never set has its default. `daftar` lists every rule "
                       "with its kind, value, default, range and last change. The caller's own kota unless kode_kota names one their "
                       "scope holds; another kota answers 404.",
        .query = {{"kode_kota", "Kode kota/kabupaten (bawaan: kota Anda)"}},
        .response_schema = R"({"$ref":"#/components/schemas/AturanPilarSosial"})"});

    on(router, Method::Post, "/api/v1/aturan-pilar-sosial",
       [&svc](Request& req, Actor const& a) -> Result<Response> {
           auto body = PILAR_TRY(http::parse_json_object(req));
           auto kota = PILAR_TRY(http::optional_string(body, "kode_kota"));
           return ok(svc.set_aturan(a, kota, PILAR_TRY(http::required_string(body, "kunci")), PILAR_TRY(http::required_string(body, "nilai"))));
       },
       {.summary = "Ubah satu aturan kota Anda (kunci, nilai)",
        .description = "Operator or admin, for their own kota only (another kota answers 404). nilai is text: a whole number, a number "
                       "(bobot.*) or 0/1 (larang_ketua_rt_rw), within the rule's range; otherwise 400 on field nilai and nothing "
                       "changes. Recorded in the audit trail (workforce.aturan, entity_id <kode_kota>:<kunci>).",
        .request_schema = R"({"type":"object","required":["kunci","nilai"],"properties":{"kunci":{"type":"string"},"nilai":{"type":"string"},)"
                          R"("kode_kota":{"type":"string","description":"Bawaan: kota Anda"}}})",
        .response_schema = R"({"$ref":"#/components/schemas/AturanPilarSosial"})"});
}

}  // namespace pilar::workforce
