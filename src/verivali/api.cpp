#include "verivali/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/strings.hpp"
#include "http/download.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "verivali/attachment.hpp"
#include "verivali/encode.hpp"
#include "verivali/upload.hpp"
#include "verivali/workflow.hpp"

namespace pilar::verivali {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Response error(Request const& req, Error const& e) { return http::error_response(e, req.lang); }

Error bad(std::string_view field, std::string id, std::string en) { return http::invalid_at(field, {std::move(id), std::move(en)}); }

// A flag query parameter: present without a value, or 1/true/ya/saya.
bool flag(std::optional<std::string> const& v) {
    return v && (v->empty() || *v == "1" || *v == "true" || *v == "ya" || *v == "saya");
}

Result<int> query_limit(Request const& req) { return http::query_limit(req, 50, kMaxPageSize); }

Result<std::optional<double>> optional_number(json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<double>{};
    auto const& v = it->value();
    if (v.is_double()) return std::optional<double>(v.as_double());
    if (v.is_int64()) return std::optional<double>(static_cast<double>(v.as_int64()));
    if (v.is_uint64()) return std::optional<double>(static_cast<double>(v.as_uint64()));
    return fail(bad(key, fmt::format("{} harus angka", key), fmt::format("{} must be a number", key)));
}

// A JSON object member passed on as text (the service validates and normalises it).
Result<std::optional<std::string>> optional_object(json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<std::string>{};
    if (!it->value().is_object())
        return fail(bad(key, fmt::format("{} harus objek JSON", key), fmt::format("{} must be a JSON object", key)));
    return std::optional<std::string>(json::serialize(it->value()));
}

Result<std::optional<int>> optional_small_int(json::object const& o, std::string_view key) {
    auto v = PILAR_TRY(http::optional_int(o, key));
    if (!v) return std::optional<int>{};
    if (*v < -1000000 || *v > 1000000)
        return fail(bad(key, fmt::format("{} di luar rentang", key), fmt::format("{} is out of range", key)));
    return std::optional<int>(static_cast<int>(*v));
}

Result<std::int64_t> required_version(json::object const& o) {
    auto v = PILAR_TRY(http::optional_int(o, "version"));
    if (!v)
        return fail(bad("version", "version wajib diisi (versi yang Anda lihat)", "version is required (the version you saw)"));
    return *v;
}

json::array items_of(auto const& list) {
    json::array a;
    a.reserve(list.size());
    for (auto const& x : list) a.push_back(to_json(x));
    return a;
}

Result<UsulanInput> usulan_input(json::object const& b) {
    UsulanInput in;
    in.uid = PILAR_TRY(http::optional_string(b, "uid"));
    in.jenis = PILAR_TRY(http::optional_string(b, "jenis"));
    in.alasan = PILAR_TRY(http::optional_string(b, "alasan"));
    in.keluarga_id = PILAR_TRY(http::optional_int(b, "keluarga_id"));
    in.anggota_id = PILAR_TRY(http::optional_int(b, "anggota_id"));
    in.isi_json = PILAR_TRY(optional_object(b, "isi"));
    in.catatan = PILAR_TRY(http::optional_string(b, "catatan"));
    return in;
}

Result<TransitionInput> transition_input(json::object const& b) {
    auto ke = PILAR_TRY(http::required_string(b, "ke"));
    auto status = status_from_name(ke);
    if (!status)
        return fail(bad("ke", fmt::format("Status {} tidak dikenal", excerpt_for_message(ke)),
                        fmt::format("Unknown status {}", excerpt_for_message(ke))));
    TransitionInput in;
    in.ke = *status;
    in.version = PILAR_TRY(http::optional_int(b, "version"));
    in.catatan = PILAR_TRY(http::optional_string(b, "catatan"));
    in.hasil_periksa = PILAR_TRY(optional_small_int(b, "hasil_periksa"));
    in.lat = PILAR_TRY(optional_number(b, "lat"));
    in.lon = PILAR_TRY(optional_number(b, "lon"));
    in.jawaban_json = PILAR_TRY(optional_object(b, "jawaban"));
    in.musyawarah_id = PILAR_TRY(http::optional_int(b, "musyawarah_id"));
    return in;
}

Result<MusyawarahInput> musyawarah_input(json::object const& b) {
    MusyawarahInput in;
    in.kode_kelurahan = PILAR_TRY(http::optional_string(b, "kode_kelurahan"));
    in.nomor_berita_acara = PILAR_TRY(http::required_string(b, "nomor_berita_acara"));
    in.tanggal = PILAR_TRY(http::required_string(b, "tanggal"));
    in.notulen_lampiran_id = PILAR_TRY(http::optional_int(b, "notulen_lampiran_id")).value_or(0);
    auto it = b.find("usulan_ids");
    if (it == b.end() || !it->value().is_array())
        return fail(bad("usulan_ids", "usulan_ids wajib berupa daftar id usulan", "usulan_ids must be a list of proposal ids"));
    for (auto const& v : it->value().as_array()) {
        if (!v.is_int64())
            return fail(bad("usulan_ids", "usulan_ids hanya berisi bilangan bulat", "usulan_ids holds integers only"));
        in.usulan_ids.push_back(v.as_int64());
    }
    return in;
}

Result<std::vector<Penugasan>> penugasan_input(json::object const& b) {
    std::vector<Penugasan> out;
    auto it = b.find("penugasan");
    if (it == b.end() || it->value().is_null()) return out;
    if (!it->value().is_array())
        return fail(bad("penugasan", "penugasan harus daftar {kode_rw, petugas}", "penugasan must be a list of {kode_rw, petugas}"));
    auto const& arr = it->value().as_array();
    for (size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_object())
            return fail(bad(fmt::format("penugasan[{}]", i), "Setiap penugasan berupa {kode_rw, petugas}",
                            "Each assignment is {kode_rw, petugas}"));
        auto const& o = arr[i].as_object();
        auto rw = http::required_string(o, "kode_rw");
        if (!rw) return fail(rw.error().at_field(fmt::format("penugasan[{}].kode_rw", i)));
        auto p = http::required_string(o, "petugas");
        if (!p) return fail(p.error().at_field(fmt::format("penugasan[{}].petugas", i)));
        out.push_back({*rw, *p});
    }
    return out;
}

// --- OpenAPI text shared by the routes
constexpr std::string_view kUsulanRef = R"({"$ref":"#/components/schemas/Usulan"})";
constexpr std::string_view kUsulanList =
    R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Usulan"}},"next":{"type":"string","description":"Kursor halaman berikutnya (kirim sebagai after); tidak ada di halaman terakhir"}}})";
constexpr std::string_view kStatusEnum =
    R"(["draft","diajukan","dikembalikan","ditinjau","diverifikasi","dimusyawarahkan","disetujui","ditolak","diekspor","diterima","padan","tidak_padan","dibatalkan"])";


}  // namespace

std::string openapi_schemas() {
    return fmt::format(R"({{
"Usulan":{{"type":"object","required":["id","jenis","keluarga_id","kode_wilayah","status","version"],"properties":{{
"id":{{"type":"integer"}},"uid":{{"type":["string","null"]}},
"jenis":{{"type":"string","enum":["keluarga_baru","perubahan","penghapusan","ppks"]}},
"alasan":{{"type":["string","null"],"enum":["meninggal","pindah","tidak_ditemukan","ganda","tidak_layak",null]}},
"keluarga_id":{{"type":"integer"}},"anggota_id":{{"type":["integer","null"]}},
"isi":{{"type":["object","null"],"description":"Yang diusulkan: kolom yang berubah, kode PPKS ({{\"ppks\":[3]}}) ... Tanpa nik, no_kk, disabilitas_jenis, disabilitas_tingkat, penyakit_kronis di kedalaman mana pun (400, field = jalurnya, mis. isi.anggota[2].nik) / none of these fields at any depth"}},
"kode_wilayah":{{"type":"string"}},
"status":{{"type":"string","enum":{0}}},
"catatan":{{"type":["string","null"]}},"musyawarah_id":{{"type":["integer","null"]}},
"periksa":{{"type":["object","null"],"properties":{{"hasil":{{"type":"integer","minimum":1,"maximum":6}},"hasil_nama":{{"type":"string"}},"jawaban":{{"type":["object","null"]}},"lat":{{"type":["number","null"]}},"lon":{{"type":["number","null"]}},"oleh":{{"type":["string","null"]}},"at":{{"type":["string","null"]}}}}}},
"hasil_nasional":{{"type":["string","null"],"enum":["diterima","padan","tidak_padan",null]}},
"lampiran":{{"type":"array","items":{{"$ref":"#/components/schemas/Lampiran"}}}},
"created_by":{{"type":"string"}},"created_at":{{"type":"string"}},"updated_at":{{"type":"string"}},"version":{{"type":"integer"}}}}}},
"UsulanRiwayat":{{"type":"object","properties":{{"id":{{"type":"integer"}},"dari":{{"type":["string","null"]}},"ke":{{"type":"string"}},"at":{{"type":"string"}},"username":{{"type":"string"}},"role":{{"type":"string"}},"catatan":{{"type":["string","null"]}}}}}},
"Musyawarah":{{"type":"object","properties":{{"id":{{"type":"integer"}},"kode_kelurahan":{{"type":"string"}},"nomor_berita_acara":{{"type":"string"}},"tanggal":{{"type":"string","format":"date"}},"notulen_lampiran_id":{{"type":"integer"}},"usulan_ids":{{"type":"array","items":{{"type":"integer"}}}},"created_by":{{"type":"string"}},"created_at":{{"type":"string"}}}}}},
"Lampiran":{{"type":"object","properties":{{"id":{{"type":"integer"}},"uid":{{"type":["string","null"]}},"pemilik":{{"type":"string","enum":["usulan","musyawarah","periksa"]}},"pemilik_id":{{"type":["integer","null"]}},"mime":{{"type":"string","enum":["image/jpeg","image/png","image/webp","application/pdf"]}},"sha256":{{"type":"string"}},"ukuran":{{"type":"integer"}},"kode_wilayah":{{"type":"string"}},"created_by":{{"type":"string"}},"created_at":{{"type":"string"}}}}}},
"DaftarPeriksa":{{"type":"object","properties":{{"id":{{"type":"integer"}},"nama":{{"type":"string"}},"sumber":{{"type":"string","enum":["filter","ekstrak"]}},"keterangan":{{"type":["string","null"]}},"created_by":{{"type":"string"}},"created_at":{{"type":"string"}},"total":{{"type":"integer"}},"selesai":{{"type":"integer"}},"tanpa_petugas":{{"type":"integer"}}}}}},
"PeriksaItem":{{"type":"object","properties":{{"id":{{"type":"integer"}},"daftar_id":{{"type":"integer"}},"keluarga_id":{{"type":"integer"}},"kode_wilayah":{{"type":"string"}},"kode_rw":{{"type":["string","null"]}},"petugas":{{"type":["string","null"]}},"status":{{"type":"string","enum":["belum","selesai"]}},"hasil":{{"type":["integer","null"]}},"jawaban":{{"type":["object","null"]}},"lat":{{"type":["number","null"]}},"lon":{{"type":["number","null"]}},"checked_by":{{"type":["string","null"]}},"checked_at":{{"type":["string","null"]}},"usulan_id":{{"type":["integer","null"]}},"version":{{"type":"integer"}}}}}}
}})",
                       kStatusEnum);
}

// GET (fetch again, nothing changes) or POST (and mark them diekspor) /api/v1/usulan/ekspor.
Result<Response> upload_response(VerivaliService& svc, std::string const& tmp_dir, Request& req, bool tandai) {
    auto actor = PILAR_TRY(req.actor());
    auto format_text = req.query_param("format").value_or("xlsx");
    if (format_text != "csv" && format_text != "xlsx")
        return fail(bad("format", "format harus csv atau xlsx", "format must be csv or xlsx"));
    UploadQuery q;
    q.tandai = tandai;
    if (auto k = req.query_param("kode_wilayah"); k && !k->empty()) q.kode_wilayah = *k;
    if (auto j = req.query_param("jenis"); j && !j->empty()) {
        q.jenis = jenis_from_name(*j);
        if (!q.jenis) return fail(bad("jenis", "jenis tidak dikenal", "unknown jenis"));
    }
    if (auto st = req.query_param("status"); st && !st->empty()) {
        auto s = status_from_name(*st);
        if (!s) return fail(bad("status", "status tidak dikenal", "unknown status"));
        q.status = *s;
    }
    bool const xlsx = format_text == "xlsx";
    std::string where = q.kode_wilayah ? *q.kode_wilayah : "semua";
    for (auto& c : where)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') c = '_';
    q.berkas = fmt::format("pilar-usulan-{}-{}-{}.{}", status_name(q.status), where, utc_now_iso().substr(0, 10), format_text);
    return http::download(
        tmp_dir,
        {xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", q.berkas},
        [&](std::string const& path) -> Result<http::DownloadHeaders> {
            auto r = PILAR_TRY(write_upload_file(svc, *actor, q, xlsx ? UploadFormat::Xlsx : UploadFormat::Csv, path, tmp_dir));
            return http::DownloadHeaders{{"X-Export-Rows", std::to_string(r.baris)},
                                         {"X-Export-Usulan", std::to_string(r.usulan)},
                                         {"X-Export-Ditandai", r.ditandai ? "ya" : "tidak"}};
        });
}

void register_routes(http::Router& router, VerivaliService& svc, std::string const& tmp_dir) {
    // ----------------------------------------------------------------------------- usulan
    router.add(
        Method::Get, "/api/v1/usulan",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            UsulanQuery q;
            q.antrian_saya = flag(req.query_param("antrian"));
            if (auto s = req.query_param("status"); s && !s->empty()) {
                q.status = status_from_name(*s);
                if (!q.status) return fail(bad("status", "Status tidak dikenal", "Unknown status"));
            }
            if (auto j = req.query_param("jenis"); j && !j->empty()) {
                q.jenis = jenis_from_name(*j);
                if (!q.jenis) return fail(bad("jenis", "Jenis tidak dikenal", "Unknown jenis"));
            }
            q.kode_wilayah = req.query_param("kode_wilayah");
            if (q.kode_wilayah && q.kode_wilayah->empty()) q.kode_wilayah.reset();
            auto m = PILAR_TRY(http::query_int(req, "musyawarah_id"));
            q.musyawarah_id = m;
            q.after = req.query_param("after");
            auto limit = PILAR_TRY(query_limit(req));
            q.limit = limit;
            auto page = PILAR_TRY(svc.list_usulan(actor, q));
            return http::json_list(items_of(page.items), page.next);
        }),
        {.summary = "Daftar usulan dalam wilayah Anda, atau antrian kerja peran Anda",
         .tag = "verivali",
         .description = "antrian=saya: only what waits for the caller's role (psm: own drafts, returned and "
                        "forwarded-for-check proposals; tksk: submitted and verified; operator: verified, "
                        "deliberated, approved, exported). Oldest first; keyset pagination with after.",
         .query = {{"antrian", "saya: hanya yang menunggu tindakan peran Anda"},
                   {"status", "Satu status"},
                   {"jenis", "keluarga_baru, perubahan, penghapusan atau ppks"},
                   {"kode_wilayah", "Hanya di wilayah ini (tingkat apa pun)"},
                   {"musyawarah_id", "Hanya usulan musyawarah ini", "integer"},
                   {"after", "Nilai next dari halaman sebelumnya"},
                   {"limit", "1 sampai 200 (bawaan 50)", "integer"}},
         .response_schema = std::string(kUsulanList)});

    router.add(
        Method::Post, "/api/v1/usulan",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto in = PILAR_TRY(usulan_input(body));
            auto r = PILAR_TRY(svc.create_usulan(actor, in));
            // 200 for an offline retry that found its earlier proposal, 201 for a new one.
            return http::json_response(r.created ? 201 : 200, to_json(r.usulan));
        }),
        {.summary = "Buat usulan (draft)",
         .tag = "verivali",
         .description = "A retry with the same uid answers 200 with the proposal made the first time.",
         .request_schema =
             R"({"type":"object","required":["jenis","keluarga_id"],"properties":{"uid":{"type":"string","maxLength":64},"jenis":{"type":"string","enum":["keluarga_baru","perubahan","penghapusan","ppks"]},"alasan":{"type":"string","enum":["meninggal","pindah","tidak_ditemukan","ganda","tidak_layak"]},"keluarga_id":{"type":"integer"},"anggota_id":{"type":"integer"},"isi":{"type":"object"},"catatan":{"type":"string"}}})",
         .response_schema = std::string(kUsulanRef),
         .success_status = 201});

    for (bool tandai : {false, true})
        router.add(
            tandai ? Method::Post : Method::Get, "/api/v1/usulan/ekspor",
            [&svc, tmp_dir, tandai](Request& req) -> Response {
                auto r = upload_response(svc, tmp_dir, req, tandai);
                if (!r) return error(req, r.error());
                return std::move(*r);
            },
            {.summary = tandai ? "Ekspor usulan disetujui untuk unggah nasional dan tandai diekspor"
                               : "Unduh usulan siap unggah (disetujui) atau yang sudah diekspor, tanpa mengubah status",
             .tag = "verivali",
             .description =
                 "One row per person a proposal is about (columns: docs/formats.md, Usulan siap unggah), NIK and "
                 "No. KK in full: operator only, every export audited (usulan.ekspor_unggah). POST also moves every "
                 "exported proposal disetujui -> diekspor in one transaction, after the file is complete.",
             .query = {{"format", "xlsx (bawaan) atau csv"},
                       {"kode_wilayah", "Hanya wilayah ini"},
                       {"jenis", "keluarga_baru, perubahan, penghapusan atau ppks"},
                       {"status", "disetujui (bawaan) atau diekspor (unduh ulang; hanya GET)"}},
             .response_schema = R"({"type":"string","format":"binary"})",
             .response_content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             .execution = http::Execution::Offload});

    router.add(
        Method::Get, "/api/v1/usulan/ringkasan",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto r = PILAR_TRY(svc.ringkasan(actor, req.query_param("kode_wilayah")));
            json::object per;
            for (auto const& [s, n] : r.per_status) per[status_name(s)] = n;
            json::object o{{"total", r.total}, {"per_status", std::move(per)}};
            o["kode_wilayah"] = r.kode_wilayah.empty() ? json::value(nullptr) : json::value(r.kode_wilayah);
            return http::json_response(200, o);
        }),
        {.summary = "Jumlah usulan per status dalam wilayah Anda",
         .tag = "verivali",
         .query = {{"kode_wilayah", "Hanya di wilayah ini (dalam wilayah Anda)"}},
         .response_schema =
             R"({"type":"object","required":["total","per_status"],"properties":{"kode_wilayah":{"type":["string","null"]},"total":{"type":"integer"},"per_status":{"type":"object","additionalProperties":{"type":"integer"}}}})"});

    router.add(
        Method::Get, "/api/v1/usulan/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto u = PILAR_TRY(svc.usulan(actor, id));
            auto files = PILAR_TRY(svc.lampiran_of_usulan(actor, id));
            auto o = to_json(u);
            o["lampiran"] = items_of(files);
            return http::json_response(200, o);
        }),
        {.summary = "Satu usulan, dengan lampirannya", .tag = "verivali", .response_schema = std::string(kUsulanRef)});

    router.add(
        Method::Patch, "/api/v1/usulan/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto version = PILAR_TRY(required_version(body));
            auto in = PILAR_TRY(usulan_input(body));
            return http::respond(req, svc.update_usulan(actor, id, in, version),
                                 [](Usulan const& u) { return to_json(u); });
        }),
        {.summary = "Ubah isi usulan (draft atau dikembalikan)",
         .tag = "verivali",
         .request_schema =
             R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"alasan":{"type":"string"},"anggota_id":{"type":"integer"},"isi":{"type":"object"}}})",
         .response_schema = std::string(kUsulanRef)});

    router.add(
        Method::Post, "/api/v1/usulan/{id}/transisi",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto in = PILAR_TRY(transition_input(body));
            return http::respond(req, svc.transition(actor, id, in), [](Usulan const& u) { return to_json(u); });
        }),
        {.summary = "Pindahkan usulan ke status berikutnya",
         .tag = "verivali",
         .description =
             "Legal moves, roles and required fields (src/verivali/workflow.cpp): draft->diajukan (psm, operator); "
             "diajukan->ditinjau (tksk); diajukan->dikembalikan (tksk, catatan); dikembalikan->diajukan (psm, "
             "operator); ditinjau->diverifikasi (psm, operator; hasil_periksa 1-6, lat, lon, jawaban); "
             "diverifikasi->dimusyawarahkan (tksk, operator; musyawarah_id, or POST /api/v1/musyawarah); "
             "dimusyawarahkan->disetujui (operator); dimusyawarahkan->ditolak (operator, catatan); "
             "disetujui->diekspor (operator); diekspor->diterima|padan|tidak_padan (operator); "
             "draft|dikembalikan->dibatalkan (the author). Any other move is 409 naming the current status; a "
             "role not listed is 403; a proposal outside the caller's area is 404.",
         .request_schema = fmt::format(
             R"({{"type":"object","required":["ke"],"properties":{{"ke":{{"type":"string","enum":{}}},"version":{{"type":"integer"}},"catatan":{{"type":"string"}},"hasil_periksa":{{"type":"integer","minimum":1,"maximum":6}},"lat":{{"type":"number"}},"lon":{{"type":"number"}},"jawaban":{{"type":"object","description":"Jawaban periksa; tanpa nik, no_kk, disabilitas_jenis, disabilitas_tingkat, penyakit_kronis di kedalaman mana pun (400) / none of these fields at any depth"}},"musyawarah_id":{{"type":"integer"}}}}}})",
             kStatusEnum),
         .response_schema = std::string(kUsulanRef)});

    router.add(
        Method::Get, "/api/v1/usulan/{id}/riwayat",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto r = PILAR_TRY(svc.riwayat(actor, id));
            return http::json_list(items_of(r));
        }),
        {.summary = "Riwayat perpindahan status satu usulan", .tag = "verivali",
         .response_schema = http::list_schema("UsulanRiwayat")});

    // ------------------------------------------------------------------------- musyawarah
    router.add(
        Method::Get, "/api/v1/musyawarah",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto limit = PILAR_TRY(query_limit(req));
            auto page = PILAR_TRY(svc.list_musyawarah(actor, req.query_param("after"), limit));
            return http::json_list(items_of(page.items), page.next);
        }),
        {.summary = "Daftar musyawarah kelurahan dalam wilayah Anda",
         .tag = "verivali",
         .query = {{"after", "Nilai next dari halaman sebelumnya"}, {"limit", "1 sampai 200 (bawaan 50)", "integer"}},
         .response_schema = http::list_schema("Musyawarah")});

    router.add(
        Method::Post, "/api/v1/musyawarah",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto in = PILAR_TRY(musyawarah_input(body));
            return http::respond(req, svc.create_musyawarah(actor, in), [](Musyawarah const& m) { return to_json(m); },
                                 201);
        }),
        {.summary = "Catat musyawarah kelurahan dan masukkan usulan terverifikasi ke dalamnya",
         .tag = "verivali",
         .description = "All proposals must be diverifikasi and of one kelurahan; the minutes (an attachment "
                        "uploaded with pemilik=musyawarah) are required. All or nothing.",
         .request_schema =
             R"({"type":"object","required":["nomor_berita_acara","tanggal","notulen_lampiran_id","usulan_ids"],"properties":{"kode_kelurahan":{"type":"string"},"nomor_berita_acara":{"type":"string"},"tanggal":{"type":"string","format":"date"},"notulen_lampiran_id":{"type":"integer"},"usulan_ids":{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":500}}})",
         .response_schema = R"({"$ref":"#/components/schemas/Musyawarah"})",
         .success_status = 201});

    router.add(
        Method::Get, "/api/v1/musyawarah/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            return http::respond(req, svc.musyawarah(actor, id), [](Musyawarah const& m) { return to_json(m); });
        }),
        {.summary = "Satu musyawarah kelurahan", .tag = "verivali",
         .response_schema = R"({"$ref":"#/components/schemas/Musyawarah"})"});

    // --------------------------------------------------------------------------- lampiran
    router.add(
        Method::Post, "/api/v1/lampiran",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto pemilik_text = req.query_param("pemilik");
            if (!pemilik_text)
                return fail(bad("pemilik", "pemilik wajib diisi: usulan, periksa atau musyawarah",
                                      "pemilik is required: usulan, periksa or musyawarah"));
            auto pemilik = pemilik_from_name(*pemilik_text);
            if (!pemilik)
                return fail(bad("pemilik", "pemilik harus usulan, periksa atau musyawarah",
                                      "pemilik must be usulan, periksa or musyawarah"));
            auto pemilik_id = PILAR_TRY(http::query_int(req, "pemilik_id"));
            LampiranInput in{.pemilik = *pemilik,
                             .pemilik_id = pemilik_id,
                             .kode_wilayah = req.query_param("kode_wilayah"),
                             .uid = req.query_param("uid"),
                             .bytes = req.body};
            return http::respond(req, svc.add_lampiran(actor, in), [](Lampiran const& l) { return to_json(l); }, 201);
        }),
        {.summary = "Unggah lampiran (foto JPEG/PNG/WebP atau PDF, paling besar 2 MB)",
         .tag = "verivali",
         .description = "The request body is the file itself. Its type is judged by its first bytes, not by "
                        "Content-Type: anything but JPEG, PNG, WebP or PDF is refused (400, field berkas). "
                        "pemilik=usulan|periksa needs pemilik_id; pemilik=musyawarah (the minutes) needs the "
                        "kelurahan's kode_wilayah and is bound when the musyawarah is recorded.",
         .query = {{"pemilik", "usulan, periksa atau musyawarah", "string", true},
                   {"pemilik_id", "Id usulan atau item periksa", "integer"},
                   {"kode_wilayah", "Kelurahan (untuk notulen musyawarah)"},
                   {"uid", "Id dari klien (unggahan luring diulang tidak menggandakan)"}},
         .response_schema = R"({"$ref":"#/components/schemas/Lampiran"})",
         .success_status = 201});

    router.add(
        Method::Get, "/api/v1/lampiran/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto r = PILAR_TRY(svc.lampiran(actor, id));
            Response res;
            res.content_type = r.first.mime;
            res.body = std::move(r.second);
            // Served as a download in a sandbox: an attachment is never a page of this origin.
            res.set_header("Content-Disposition",
                           fmt::format("attachment; filename=\"lampiran-{}.{}\"", r.first.id, mime_extension(r.first.mime)));
            res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
            // Every view is an audited view (lampiran.lihat), so no copy may be shown again from
            // the browser's cache without asking: each look at the file reaches the server.
            res.set_header("Cache-Control", "private, no-store");
            return res;
        }),
        {.summary = "Isi satu lampiran",
         .tag = "verivali",
         .description = "Each view is recorded in the audit trail (lampiran.lihat). Sent with Cache-Control: "
                        "private, no-store, so a browser asks again (and the view is recorded) every time.",
         .response_schema = R"({"type":"string","format":"binary"})",
         .response_content_type = "application/octet-stream",
         .execution = http::Execution::Offload});

    // --------------------------------------------------------------------- daftar periksa
    router.add(
        Method::Get, "/api/v1/daftar-periksa",
        http::with_actor([&svc](Request&, Actor const& actor) -> Result<Response> {
            auto r = PILAR_TRY(svc.list_daftar(actor));
            return http::json_list(items_of(r));
        }),
        {.summary = "Daftar periksa lapangan yang punya keluarga di wilayah Anda",
         .tag = "verivali",
         .response_schema = http::list_schema("DaftarPeriksa"),
         .execution = http::Execution::Offload});

    router.add(
        Method::Post, "/api/v1/daftar-periksa",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto nama = PILAR_TRY(http::required_string(body, "nama"));
            auto kode = PILAR_TRY(http::required_string(body, "kode_wilayah"));
            auto dmin = PILAR_TRY(optional_small_int(body, "desil_min"));
            auto dmax = PILAR_TRY(optional_small_int(body, "desil_max"));
            auto padan = PILAR_TRY(http::optional_string(body, "status_padan"));
            HouseholdFilter f{.kode_wilayah = kode, .desil_min = dmin, .desil_max = dmax, .status_padan = padan};
            return http::respond(req, svc.create_daftar_filter(actor, nama, f),
                                 [](DaftarPeriksa const& d) { return to_json(d); }, 201);
        }),
        {.summary = "Susun daftar periksa dari filter registri",
         .tag = "verivali",
         .request_schema =
             R"({"type":"object","required":["nama","kode_wilayah"],"properties":{"nama":{"type":"string"},"kode_wilayah":{"type":"string"},"desil_min":{"type":"integer","minimum":1,"maximum":10},"desil_max":{"type":"integer","minimum":1,"maximum":10},"status_padan":{"type":"string","enum":["belum","padan","tidak_padan"]}}})",
         .response_schema = R"({"$ref":"#/components/schemas/DaftarPeriksa"})",
         .success_status = 201});

    router.add(
        Method::Post, "/api/v1/daftar-periksa/impor",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto nama = req.query_param("nama");
            if (!nama || nama->empty()) return fail(bad("nama", "nama wajib diisi", "nama is required"));
            CsvOptions opts;
            opts.source_name = "ekstrak.csv";
            auto reader = PILAR_TRY(CsvReader::from_string(req.body, opts));
            return http::respond(req, svc.create_daftar_ekstrak(actor, *nama, reader),
                                 [](DaftarPeriksa const& d) { return to_json(d); }, 201);
        }),
        {.summary = "Susun daftar periksa dari ekstrak nasional (CSV kolom no_kk)",
         .tag = "verivali",
         .description = "The request body is CSV text (Content-Type: text/csv) with a no_kk column. All or "
                        "nothing: an unknown or out-of-area No. KK is named masked, with its line.",
         .query = {{"nama", "Nama daftar", "string", true}},
         .response_schema = R"({"$ref":"#/components/schemas/DaftarPeriksa"})",
         .success_status = 201});

    router.add(
        Method::Get, "/api/v1/daftar-periksa/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            return http::respond(req, svc.daftar(actor, id), [](DaftarPeriksa const& d) { return to_json(d); });
        }),
        {.summary = "Satu daftar periksa dengan jumlah selesai dalam wilayah Anda",
         .tag = "verivali",
         .response_schema = R"({"$ref":"#/components/schemas/DaftarPeriksa"})"});

    router.add(
        Method::Post, "/api/v1/daftar-periksa/{id}/bagi",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto pairs = PILAR_TRY(penugasan_input(body));
            return http::respond(req, svc.bagi(actor, id, pairs), [](BagiReport const& r) {
                json::object per;
                for (auto const& [u, n] : r.per_petugas) per[u] = n;
                json::array tanpa;
                for (auto const& rw : r.rw_tanpa_petugas) tanpa.emplace_back(rw);
                return json::object{{"ditugaskan", r.ditugaskan}, {"per_petugas", std::move(per)},
                                    {"rw_tanpa_petugas", std::move(tanpa)}};
            });
        }),
        {.summary = "Bagi daftar periksa per RW kepada PSM",
         .tag = "verivali",
         .description = "Without penugasan: every unassigned open item goes to the PSM whose scope holds its RW, "
                        "round-robin when several do; RWs no PSM serves are listed (\"\" for households without an "
                        "RW). With penugasan: the open items of each RW go to the PSM named (who must serve it).",
         .request_schema =
             R"({"type":"object","properties":{"penugasan":{"type":"array","items":{"type":"object","required":["kode_rw","petugas"],"properties":{"kode_rw":{"type":"string"},"petugas":{"type":"string"}}}}}})",
         .response_schema =
             R"({"type":"object","properties":{"ditugaskan":{"type":"integer"},"per_petugas":{"type":"object","additionalProperties":{"type":"integer"}},"rw_tanpa_petugas":{"type":"array","items":{"type":"string"}}}})"});

    router.add(
        Method::Get, "/api/v1/daftar-periksa/{id}/kemajuan",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto per_text = req.query_param("per").value_or("rw");
            KemajuanPer per;
            if (per_text == "psm") per = KemajuanPer::Psm;
            else if (per_text == "rw") per = KemajuanPer::Rw;
            else if (per_text == "kelurahan") per = KemajuanPer::Kelurahan;
            else if (per_text == "kecamatan") per = KemajuanPer::Kecamatan;
            else return fail(bad("per", "per harus psm, rw, kelurahan atau kecamatan", "per must be psm, rw, kelurahan or kecamatan"));
            auto r = PILAR_TRY(svc.kemajuan(actor, id, per));
            json::array items;
            for (auto const& k : r)
                items.push_back(json::object{{"kelompok", k.kelompok}, {"selesai", k.selesai}, {"total", k.total}});
            return http::json_list(std::move(items));
        }),
        {.summary = "Kemajuan periksa lapangan per PSM, RW, kelurahan atau kecamatan",
         .tag = "verivali",
         .query = {{"per", "psm, rw (bawaan), kelurahan atau kecamatan"}},
         .response_schema =
             R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","properties":{"kelompok":{"type":"string"},"selesai":{"type":"integer"},"total":{"type":"integer"}}}}}})",
         .execution = http::Execution::Offload});

    // ---------------------------------------------------------------------------- periksa
    router.add(
        Method::Get, "/api/v1/periksa",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            PeriksaQuery q;
            q.saya = flag(req.query_param("saya"));
            auto d = PILAR_TRY(http::query_int(req, "daftar_id"));
            q.daftar_id = d;
            q.status = req.query_param("status");
            if (q.status && q.status->empty()) q.status.reset();
            q.after = req.query_param("after");
            auto limit = PILAR_TRY(query_limit(req));
            q.limit = limit;
            auto page = PILAR_TRY(svc.list_periksa(actor, q));
            return http::json_list(items_of(page.items), page.next);
        }),
        {.summary = "Item periksa lapangan dalam wilayah Anda (saya: yang ditugaskan kepada Anda)",
         .tag = "verivali",
         .query = {{"saya", "Hanya item yang ditugaskan kepada Anda (untuk disimpan luring)", "boolean"},
                   {"daftar_id", "Hanya dari daftar ini", "integer"},
                   {"status", "belum atau selesai"},
                   {"after", "Nilai next dari halaman sebelumnya"},
                   {"limit", "1 sampai 200 (bawaan 50)", "integer"}},
         .response_schema = http::list_schema("PeriksaItem")});

    router.add(
        Method::Get, "/api/v1/periksa/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            return http::respond(req, svc.periksa(actor, id), [](PeriksaItem const& it) { return to_json(it); });
        }),
        {.summary = "Satu item periksa lapangan", .tag = "verivali",
         .response_schema = R"({"$ref":"#/components/schemas/PeriksaItem"})"});

    router.add(
        Method::Post, "/api/v1/periksa/{id}/hasil",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto version = PILAR_TRY(required_version(body));
            auto hasil = PILAR_TRY(optional_small_int(body, "hasil"));
            auto lat = PILAR_TRY(optional_number(body, "lat"));
            auto lon = PILAR_TRY(optional_number(body, "lon"));
            auto jawaban = PILAR_TRY(optional_object(body, "jawaban"));
            HasilInput in{.version = version, .hasil = hasil.value_or(0), .lat = lat, .lon = lon, .jawaban_json = jawaban};
            return http::respond(req, svc.submit_hasil(actor, id, in), [](PeriksaItem const& it) { return to_json(it); });
        }),
        {.summary = "Catat hasil periksa lapangan (kode 1-6, GPS, jawaban)",
         .tag = "verivali",
         .description = "1 selesai, 2 tidak ditemukan, 3 pindah, 4 bagian dari ruta lain, 5 menolak, 6 ganda. A "
                        "stale version is 409 (someone recorded it meanwhile).",
         .request_schema =
             R"({"type":"object","required":["version","hasil","lat","lon"],"properties":{"version":{"type":"integer"},"hasil":{"type":"integer","minimum":1,"maximum":6},"lat":{"type":"number"},"lon":{"type":"number"},"jawaban":{"type":"object","description":"Jawaban periksa; tanpa nik, no_kk, disabilitas_jenis, disabilitas_tingkat, penyakit_kronis di kedalaman mana pun (400) / none of these fields at any depth"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/PeriksaItem"})"});
}

}  // namespace pilar::verivali
