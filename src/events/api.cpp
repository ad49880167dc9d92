#include "events/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/strings.hpp"
#include "events/codes.hpp"
#include "events/encode.hpp"
#include "http/download.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "qr/qr.hpp"

namespace pilar::events {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr char const* kAcaraRef = R"({"$ref":"#/components/schemas/Acara"})";
constexpr char const* kPesertaRef = R"({"$ref":"#/components/schemas/PesertaAcara"})";
constexpr char const* kUndianRef = R"({"$ref":"#/components/schemas/Undian"})";

template <typename Fn>
Response for_acara(Request& req, Fn&& fn) {
    auto actor = req.actor();
    if (!actor) return http::error_response(actor.error(), req.lang);
    auto id = http::path_id(req, "id");
    if (!id) return http::error_response(id.error(), req.lang);
    Result<Response> r = fn(**actor, *id);
    if (!r) return http::error_response(r.error(), req.lang);
    return std::move(*r);
}

Result<json::object> body_of(Request const& req) { return http::parse_json_object(req); }

Result<AcaraInput> acara_input(json::object const& b) {
    AcaraInput in;
    in.judul = PILAR_TRY(http::optional_string(b, "judul"));
    in.jenis = PILAR_TRY(http::optional_string(b, "jenis"));
    in.deskripsi = PILAR_TRY(http::optional_string(b, "deskripsi"));
    in.tanggal_mulai = PILAR_TRY(http::optional_string(b, "tanggal_mulai"));
    in.tanggal_selesai = PILAR_TRY(http::optional_string(b, "tanggal_selesai"));
    in.tempat = PILAR_TRY(http::optional_string(b, "tempat"));
    in.penyelenggara = PILAR_TRY(http::optional_string(b, "penyelenggara"));
    in.kode_wilayah = PILAR_TRY(http::optional_string(b, "kode_wilayah"));
    in.status = PILAR_TRY(http::optional_string(b, "status"));
    in.kapasitas = PILAR_TRY(http::optional_int(b, "kapasitas"));
    in.pelatihan_dasar = PILAR_TRY(http::optional_bool(b, "pelatihan_dasar"));
    in.version = PILAR_TRY(http::optional_int(b, "version"));
    return in;
}

Result<SesiInput> sesi_input(json::object const& b) {
    SesiInput in;
    in.judul = PILAR_TRY(http::optional_string(b, "judul")).value_or("");
    in.topik = PILAR_TRY(http::optional_string(b, "topik"));
    in.mulai = PILAR_TRY(http::optional_string(b, "mulai")).value_or("");
    in.selesai = PILAR_TRY(http::optional_string(b, "selesai")).value_or("");
    in.narasumber_id = PILAR_TRY(http::optional_int(b, "narasumber_id"));
    return in;
}

Result<std::vector<SesiInput>> sesi_list(json::object const& b) {
    std::vector<SesiInput> out;
    auto const* v = b.if_contains("sesi");
    if (!v || v->is_null()) return out;
    if (!v->is_array())
        return fail(Error(ErrorCode::InvalidArgument, {"sesi harus daftar objek", "sesi must be a list of objects"}).at_field("sesi"));
    for (auto const& el : v->as_array()) {
        if (!el.is_object())
            return fail(Error(ErrorCode::InvalidArgument, {"sesi harus daftar objek", "sesi must be a list of objects"}).at_field("sesi"));
        out.push_back(PILAR_TRY(sesi_input(el.as_object())));
    }
    return out;
}

json::object detail_json(Acara const& a, std::vector<Sesi> const& sesi) {
    json::object o = to_json(a);
    json::array s;
    for (auto const& x : sesi) s.push_back(to_json(x));
    o["sesi"] = std::move(s);
    return o;
}

template <typename T>
json::array array_of(std::vector<T> const& items) {
    json::array out;
    for (auto const& x : items) out.push_back(to_json(x));
    return out;
}

std::string verify_base(Request const& req) {
    std::string host(req.header("host"));
    if (host.empty() || host.find_first_of(" /\\\"<>") != std::string::npos) host = "localhost";
    return fmt::format("{}://{}/sertifikat/", req.secure ? "https" : "http", host);
}

}  // namespace

std::string openapi_schemas() {
    return R"JSON({"Acara":{"type":"object","required":["id","judul","jenis","tanggal_mulai","tanggal_selesai","tempat","kapasitas","penyelenggara","kode_wilayah","status","jumlah_terdaftar","version"],"properties":{
"id":{"type":"integer","description":"Kunci tetap acara; modul lain (mis. penyaluran bantuan) merujuknya sebagai acara_id"},
"judul":{"type":"string"},"jenis":{"type":"string","enum":["pembinaan","bimtek","sosialisasi","lainnya"]},
"deskripsi":{"type":["string","null"]},"tanggal_mulai":{"type":"string","format":"date"},"tanggal_selesai":{"type":"string","format":"date"},
"tempat":{"type":"string"},"kapasitas":{"type":"integer"},"penyelenggara":{"type":"string"},"kode_wilayah":{"type":"string"},
"pelatihan_dasar":{"type":"boolean","description":"Dihitung sebagai pelatihan dasar PSM (syarat roster)"},
"status":{"type":"string","enum":["draf","dibuka","ditutup","selesai","batal"]},"jumlah_terdaftar":{"type":"integer"},
"version":{"type":"integer"},"dibuat_pada":{"type":"string"},"dibuat_oleh":{"type":"string"},"diubah_pada":{"type":"string"},"diubah_oleh":{"type":"string"},
"sesi":{"type":"array","items":{"$ref":"#/components/schemas/SesiAcara"}}}},
"SesiAcara":{"type":"object","required":["id","acara_id","urutan","judul","mulai","selesai"],"properties":{
"id":{"type":"integer"},"acara_id":{"type":"integer"},"urutan":{"type":"integer"},"judul":{"type":"string"},
"topik":{"type":["string","null"],"description":"mis. kerelawanan sosial, citra diri, komitmen"},
"mulai":{"type":"string","description":"YYYY-MM-DDTHH:MM waktu setempat"},"selesai":{"type":"string"},
"narasumber_id":{"type":["integer","null"]},"narasumber_nama":{"type":["string","null"]},"jumlah_hadir":{"type":"integer"}}},
"PesertaAcara":{"type":"object","required":["id","acara_id","nama","peran","status"],"properties":{
"id":{"type":"integer"},"acara_id":{"type":"integer"},"user_id":{"type":["integer","null"]},"nama":{"type":"string"},
"peran":{"type":"string","enum":["peserta","narasumber","panitia","tamu"]},"peran_akun":{"type":["string","null"]},
"kode_wilayah":{"type":["string","null"]},"telepon":{"type":["string","null"]},"instansi":{"type":["string","null"]},
"status":{"type":"string","enum":["diundang","terdaftar","batal"]},"diundang_pada":{"type":["string","null"]},"terdaftar_pada":{"type":["string","null"]},
"sertifikat_kode":{"type":["string","null"]},"sertifikat_pada":{"type":["string","null"]},"sertifikat_dicabut_pada":{"type":["string","null"]},
"sesi_hadir":{"type":"integer"},"version":{"type":"integer"},
"token":{"type":"string","description":"Isi kode QR (hanya di kartu milik sendiri)"},"kode_kartu":{"type":"string"}}},
"CheckIn":{"type":"object","required":["hasil","pesan","hadir","peserta","sesi"],"properties":{
"hasil":{"type":"string","enum":["hadir","sudah"],"description":"hadir: dihitung sekarang; sudah: sudah tercatat sebelumnya"},
"pesan":{"type":"string"},"hadir":{"type":"object"},"peserta":{"$ref":"#/components/schemas/PesertaAcara"},"sesi":{"$ref":"#/components/schemas/SesiAcara"}}},
"Undian":{"type":"object","required":["id","hadiah","jumlah","seed","algoritma","calon","calon_digest","pemenang"],"properties":{
"id":{"type":"integer"},"acara_id":{"type":"integer"},"hadiah":{"type":"string"},"jumlah":{"type":"integer"},"seed":{"type":"string"},
"algoritma":{"type":"string","description":"pilar-undian-v1 (src/events/draw.hpp)"},
"calon":{"type":"array","items":{"type":"integer"}},"calon_digest":{"type":"string"},
"pemenang":{"type":"array","items":{"type":"object","properties":{"urutan":{"type":"integer"},"peserta_id":{"type":"integer"},"nama":{"type":"string"}}}},
"dibuat_pada":{"type":"string"},"dibuat_oleh":{"type":"string"}}},
"VerifikasiSertifikat":{"type":"object","required":["valid","kode"],"properties":{
"valid":{"type":"boolean"},"kode":{"type":"string"},"nama":{"type":"string"},"acara":{"type":"string"},
"tanggal_mulai":{"type":"string"},"tanggal_selesai":{"type":"string"},"dicabut_pada":{"type":["string","null"]}}}})JSON";
}

void register_routes(http::Router& router, EventsService& svc, std::string tmp_dir) {
    router.add(
        Method::Get, "/api/v1/acara",
        http::with_actor([&svc](Request&, Actor const& actor) -> Result<Response> {
            auto r = PILAR_TRY(svc.list(actor));
            return http::json_list(array_of(r));
        }),
        {.summary = "Daftar acara pembinaan/bimtek yang boleh dilihat pemanggil", .tag = "acara",
         .description = "Office and kepala: the events of their own kota (at, below or above its code), not another "
                        "kota's sharing the database; TKSK/PSM: the open events overlapping their area and those they take part in.",
         .response_schema = R"({"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Acara"}}}})"});

    router.add(
        Method::Post, "/api/v1/acara",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto r = [&]() -> Result<json::object> {
                auto b = PILAR_TRY(body_of(req));
                auto in = PILAR_TRY(acara_input(b));
                auto sesi = PILAR_TRY(sesi_list(b));
                auto a = PILAR_TRY(svc.create(actor, in, sesi));
                return detail_json(a, PILAR_TRY(svc.sesi(actor, a.id)));
            }();
            return http::respond(req, r, [](json::object const& o) { return o; }, 201);
        }),
        {.summary = "Buat acara (operator/admin); tanpa sesi dibuat satu sesi sepanjang acara", .tag = "acara",
         .request_schema = R"({"type":"object","required":["judul","tanggal_mulai","tempat","kapasitas","penyelenggara","kode_wilayah"],"properties":{
"judul":{"type":"string"},"jenis":{"type":"string"},"deskripsi":{"type":"string"},"tanggal_mulai":{"type":"string"},"tanggal_selesai":{"type":"string"},
"tempat":{"type":"string"},"kapasitas":{"type":"integer"},"penyelenggara":{"type":"string"},"kode_wilayah":{"type":"string"},
"pelatihan_dasar":{"type":"boolean"},"status":{"type":"string"},
"sesi":{"type":"array","items":{"type":"object","properties":{"judul":{"type":"string"},"topik":{"type":"string"},"mulai":{"type":"string"},"selesai":{"type":"string"}}}}}})",
         .response_schema = kAcaraRef, .success_status = 201});

    router.add(
        Method::Get, "/api/v1/acara/{id}",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto a = PILAR_TRY(svc.get(actor, id));
                return http::json_response(200, detail_json(a, PILAR_TRY(svc.sesi(actor, id))));
            });
        },
        {.summary = "Satu acara dengan sesinya", .tag = "acara", .response_schema = kAcaraRef});

    router.add(
        Method::Patch, "/api/v1/acara/{id}",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                auto in = PILAR_TRY(acara_input(b));
                auto a = PILAR_TRY(svc.update(actor, id, in));
                return http::json_response(200, detail_json(a, PILAR_TRY(svc.sesi(actor, id))));
            });
        },
        {.summary = "Ubah acara (operator/admin); version wajib, 409 bila basi", .tag = "acara",
         .request_schema = R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"judul":{"type":"string"},
"jenis":{"type":"string"},"deskripsi":{"type":"string"},"tanggal_mulai":{"type":"string"},"tanggal_selesai":{"type":"string"},
"tempat":{"type":"string"},"kapasitas":{"type":"integer"},"penyelenggara":{"type":"string"},"kode_wilayah":{"type":"string"},
"pelatihan_dasar":{"type":"boolean"},"status":{"type":"string","enum":["draf","dibuka","ditutup","selesai","batal"]}}})",
         .response_schema = kAcaraRef});

    router.add(
        Method::Post, "/api/v1/acara/{id}/sesi",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                auto in = PILAR_TRY(sesi_input(b));
                return http::json_response(201, to_json(PILAR_TRY(svc.add_sesi(actor, id, in))));
            });
        },
        {.summary = "Tambah sesi (judul, topik, mulai, selesai, narasumber_id = peserta acara)", .tag = "acara",
         .request_schema = R"({"type":"object","required":["judul","mulai","selesai"],"properties":{"judul":{"type":"string"},"topik":{"type":"string"},
"mulai":{"type":"string"},"selesai":{"type":"string"},"narasumber_id":{"type":"integer"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/SesiAcara"})", .success_status = 201});

    router.add(
        Method::Delete, "/api/v1/acara/{id}/sesi/{sesi_id}",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto sid = PILAR_TRY(http::path_id(req, "sesi_id"));
                PILAR_TRY(svc.delete_sesi(actor, id, sid));
                return http::json_response(200, json::object{{"dihapus", sid}});
            });
        },
        {.summary = "Hapus sesi yang belum dihadiri siapa pun", .tag = "acara"});

    router.add(
        Method::Get, "/api/v1/acara/{id}/peserta",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                return http::json_list(array_of(PILAR_TRY(svc.peserta(actor, id))));
            });
        },
        {.summary = "Peserta acara dalam lingkup pemanggil (TKSK: kecamatannya; PSM: dirinya)", .tag = "acara",
         .response_schema = R"({"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/PesertaAcara"}}}})"});

    router.add(
        Method::Post, "/api/v1/acara/{id}/peserta",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                PesertaInput in;
                in.user_id = PILAR_TRY(http::optional_int(b, "user_id"));
                in.username = PILAR_TRY(http::optional_string(b, "username"));
                in.nama = PILAR_TRY(http::optional_string(b, "nama"));
                in.peran = PILAR_TRY(http::optional_string(b, "peran"));
                in.peran_akun = PILAR_TRY(http::optional_string(b, "peran_akun"));
                in.kode_wilayah = PILAR_TRY(http::optional_string(b, "kode_wilayah"));
                in.telepon = PILAR_TRY(http::optional_string(b, "telepon"));
                in.instansi = PILAR_TRY(http::optional_string(b, "instansi"));
                bool const daftar = PILAR_TRY(http::optional_bool(b, "daftar")).value_or(true);
                return http::json_response(201, to_json(PILAR_TRY(svc.add_peserta(actor, id, in, daftar))));
            });
        },
        {.summary = "Tambah peserta: akun pengguna (user_id atau username) atau catatan bebas (nama, peran: narasumber/tamu/...); daftar=false hanya mengundang",
         .tag = "acara",
         .request_schema = R"({"type":"object","properties":{"user_id":{"type":"integer"},"username":{"type":"string"},"nama":{"type":"string"},
"peran":{"type":"string","enum":["peserta","narasumber","panitia","tamu"]},"peran_akun":{"type":"string"},"kode_wilayah":{"type":"string"},
"telepon":{"type":"string"},"instansi":{"type":"string"},"daftar":{"type":"boolean"}}})",
         .response_schema = kPesertaRef, .success_status = 201});

    router.add(
        Method::Post, "/api/v1/acara/{id}/peserta/{peserta_id}/status",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto pid = PILAR_TRY(http::path_id(req, "peserta_id"));
                auto b = PILAR_TRY(body_of(req));
                auto status = PILAR_TRY(http::required_string(b, "status"));
                return http::json_response(200, to_json(PILAR_TRY(svc.set_status(actor, id, pid, status))));
            });
        },
        {.summary = "Daftarkan (dalam kapasitas) atau batalkan peserta", .tag = "acara",
         .request_schema = R"({"type":"object","required":["status"],"properties":{"status":{"type":"string","enum":["terdaftar","batal"]}}})",
         .response_schema = kPesertaRef});

    router.add(
        Method::Post, "/api/v1/acara/{id}/undangan",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                UndanganInput in;
                in.kode_wilayah = PILAR_TRY(http::required_string(b, "kode_wilayah"));
                auto const* roles = b.if_contains("peran_akun");
                if (!roles || !roles->is_array())
                    return fail(Error(ErrorCode::InvalidArgument, {"peran_akun harus daftar peran", "peran_akun must be a list of roles"})
                                    .at_field("peran_akun"));
                for (auto const& r : roles->as_array()) {
                    if (!r.is_string())
                        return fail(Error(ErrorCode::InvalidArgument, {"peran_akun harus daftar teks", "peran_akun must be a list of text"})
                                        .at_field("peran_akun"));
                    in.peran_akun.emplace_back(r.as_string());
                }
                bool const langsung = PILAR_TRY(http::optional_bool(b, "langsung_daftar")).value_or(false);
                auto r = PILAR_TRY(svc.undang(actor, id, in, langsung));
                return http::json_response(200, json::object{{"diundang", r.diundang}, {"sudah_ada", r.sudah_ada},
                                                             {"didaftarkan", r.didaftarkan}, {"penuh", r.penuh}});
            });
        },
        {.summary = "Undang semua akun aktif dengan peran tertentu di suatu wilayah (langsung_daftar: sekalian daftarkan sampai kapasitas)",
         .tag = "acara",
         .request_schema = R"({"type":"object","required":["peran_akun","kode_wilayah"],"properties":{"peran_akun":{"type":"array","items":{"type":"string"}},
"kode_wilayah":{"type":"string"},"langsung_daftar":{"type":"boolean"}}})",
         .response_schema = R"({"type":"object","properties":{"diundang":{"type":"integer"},"sudah_ada":{"type":"integer"},"didaftarkan":{"type":"integer"},"penuh":{"type":"integer"}}})"});

    router.add(
        Method::Post, "/api/v1/acara/{id}/daftar",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                return http::json_response(200, to_json(PILAR_TRY(svc.daftar_sendiri(actor, id)), WithToken::Yes));
            });
        },
        {.summary = "Daftarkan diri sendiri ke acara yang dibuka (menerima undangan); 409 bila penuh", .tag = "acara",
         .response_schema = kPesertaRef});

    router.add(
        Method::Post, "/api/v1/acara/{id}/check-in",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                auto kode = PILAR_TRY(http::required_string(b, "kode"));
                auto sesi = PILAR_TRY(http::optional_int(b, "sesi_id"));
                auto pintu = PILAR_TRY(http::optional_string(b, "pintu")).value_or("");
                auto r = PILAR_TRY(svc.check_in(actor, id, kode, sesi, pintu));
                std::string const hhmm = [&] {
                    // The venue's time of the first scan, for the door's message.
                    int h = 0, m = 0;
                    if (r.hadir.waktu.size() >= 16 && std::sscanf(r.hadir.waktu.c_str() + 11, "%2d:%2d", &h, &m) == 2) {
                        int const t = ((h * 60 + m + svc.options().utc_offset_minutes) % 1440 + 1440) % 1440;
                        return fmt::format("{:02}:{:02}", t / 60, t % 60);
                    }
                    return std::string();
                }();
                Text const pesan = r.hasil == "hadir"
                                       ? Text{fmt::format("{} hadir di {}", r.peserta.nama, r.sesi.judul),
                                              fmt::format("{} checked in to {}", r.peserta.nama, r.sesi.judul)}
                                       : Text{fmt::format("{} sudah check-in di {}, {}", r.peserta.nama, r.hadir.pintu, hhmm),
                                              fmt::format("{} already checked in at {}, {}", r.peserta.nama, r.hadir.pintu, hhmm)};
                return http::json_response(r.hasil == "hadir" ? 201 : 200,
                                           json::object{{"hasil", r.hasil},
                                                        {"pesan", pesan.in(req.lang)},
                                                        {"jam", hhmm},
                                                        {"hadir", to_json(r.hadir)},
                                                        {"peserta", to_json(r.peserta)},
                                                        {"sesi", to_json(r.sesi)}});
            });
        },
        {.summary = "Check-in di pintu dengan kode QR atau kode kartu: 201 hadir; 200 sudah (pintu dan jam pertama)",
         .tag = "acara",
         .description = "Idempotent per participant and session: two doors scanning the same card at once count once "
                        "(unique key); the second is told which door and when. Operator, admin, or a registered "
                        "committee member (peran panitia) of the event.",
         .request_schema = R"({"type":"object","required":["kode"],"properties":{"kode":{"type":"string"},"sesi_id":{"type":"integer"},"pintu":{"type":"string"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/CheckIn"})", .success_status = 201});

    router.add(
        Method::Get, "/api/v1/acara/{id}/hadir",
        [&svc, tmp_dir](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                std::string const format = req.query_param("format").value_or("json");
                if (format == "json") return http::json_list(array_of(PILAR_TRY(svc.hadir(actor, id))));
                if (format != "xlsx" && format != "pdf")
                    return fail(Error(ErrorCode::InvalidArgument, {"format harus json, xlsx atau pdf", "format must be json, xlsx or pdf"})
                                    .at_field("format"));
                bool const xlsx = format == "xlsx";
                return http::download(
                    tmp_dir,
                    {xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf",
                     fmt::format("daftar-hadir-acara-{}.{}", id, format)},
                    [&](std::string const& path) -> Result<http::DownloadHeaders> {
                        long long n = xlsx ? PILAR_TRY(svc.write_hadir_xlsx(actor, id, path)) : PILAR_TRY(svc.write_hadir_pdf(actor, id, path));
                        return http::DownloadHeaders{{"X-Export-Rows", std::to_string(n)}};
                    });
            });
        },
        {.summary = "Kehadiran per sesi: JSON, atau daftar hadir XLSX/PDF (format=xlsx|pdf; diaudit)", .tag = "acara",
         .query = {{"format", "json (bawaan), xlsx atau pdf"}}, .execution = http::Execution::Offload});

    router.add(
        Method::Get, "/api/v1/acara/{id}/kartu",
        [&svc, tmp_dir](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto pid = PILAR_TRY(http::query_int(req, "peserta"));
                return http::download(tmp_dir, {"application/pdf", fmt::format("kartu-acara-{}.pdf", id)},
                                      [&](std::string const& path) -> Result<http::DownloadHeaders> {
                                          int n = PILAR_TRY(svc.write_kartu_pdf(actor, id, pid, path));
                                          return http::DownloadHeaders{{"X-Export-Rows", std::to_string(n)}};
                                      });
            });
        },
        {.summary = "Kartu peserta dengan kode QR (PDF, 8 per halaman A4); peserta=ID untuk satu (peserta sendiri boleh)",
         .tag = "acara", .query = {{"peserta", "id peserta", "integer"}}, .response_content_type = "application/pdf",
         .execution = http::Execution::Offload});

    router.add(
        Method::Post, "/api/v1/acara/{id}/sertifikat",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                auto minimal = PILAR_TRY(http::optional_int(b, "minimal_sesi")).value_or(0);
                if (minimal < 0 || minimal > 1000)
                    return fail(Error(ErrorCode::InvalidArgument, {"minimal_sesi harus 0 sampai 1000", "minimal_sesi must be 0 to 1000"})
                                    .at_field("minimal_sesi"));
                auto r = PILAR_TRY(svc.terbitkan_sertifikat(actor, id, static_cast<int>(minimal)));
                return http::json_response(200, json::object{{"diterbitkan", r.diterbitkan}, {"sudah_ada", r.sudah_ada},
                                                             {"tidak_memenuhi", r.tidak_memenuhi}});
            });
        },
        {.summary = "Terbitkan sertifikat bagi peserta terdaftar yang hadir minimal_sesi sesi (0: semua sesi)", .tag = "acara",
         .request_schema = R"({"type":"object","properties":{"minimal_sesi":{"type":"integer"}}})",
         .response_schema = R"({"type":"object","properties":{"diterbitkan":{"type":"integer"},"sudah_ada":{"type":"integer"},"tidak_memenuhi":{"type":"integer"}}})"});

    router.add(
        Method::Get, "/api/v1/acara/{id}/sertifikat",
        [&svc, tmp_dir](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto pid = PILAR_TRY(http::query_int(req, "peserta"));
                std::string const base = verify_base(req);
                return http::download(tmp_dir, {"application/pdf", fmt::format("sertifikat-acara-{}.pdf", id)},
                                      [&](std::string const& path) -> Result<http::DownloadHeaders> {
                                          int n = PILAR_TRY(svc.write_sertifikat_pdf(actor, id, pid, base, path));
                                          return http::DownloadHeaders{{"X-Export-Rows", std::to_string(n)}};
                                      });
            });
        },
        {.summary = "Sertifikat (PDF A4 mendatar, satu per halaman) dengan kode verifikasi dan QR ke halaman publik",
         .tag = "acara", .query = {{"peserta", "id peserta", "integer"}}, .response_content_type = "application/pdf",
         .execution = http::Execution::Offload});

    router.add(
        Method::Post, "/api/v1/acara/{id}/peserta/{peserta_id}/cabut-sertifikat",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto pid = PILAR_TRY(http::path_id(req, "peserta_id"));
                auto b = PILAR_TRY(body_of(req));
                auto alasan = PILAR_TRY(http::optional_string(b, "alasan")).value_or("");
                return http::json_response(200, to_json(PILAR_TRY(svc.cabut_sertifikat(actor, id, pid, alasan))));
            });
        },
        {.summary = "Cabut sertifikat (alasan wajib); verifikasi publik lalu menjawab tidak berlaku", .tag = "acara",
         .request_schema = R"({"type":"object","required":["alasan"],"properties":{"alasan":{"type":"string","minLength":3,"maxLength":200}}})",
         .response_schema = kPesertaRef});

    router.add(
        Method::Get, "/api/v1/acara/{id}/undian",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                return http::json_list(array_of(PILAR_TRY(svc.undian(actor, id))));
            });
        },
        {.summary = "Undian doorprize acara dengan seed, daftar calon dan pemenangnya", .tag = "acara",
         .response_schema = R"({"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Undian"}}}})"});

    router.add(
        Method::Post, "/api/v1/acara/{id}/undian",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto b = PILAR_TRY(body_of(req));
                auto hadiah = PILAR_TRY(http::optional_string(b, "hadiah")).value_or("");
                auto jumlah = PILAR_TRY(http::optional_int(b, "jumlah")).value_or(1);
                if (jumlah < 1 || jumlah > 1000)
                    return fail(Error(ErrorCode::InvalidArgument, {"jumlah harus 1 sampai 1000", "jumlah must be 1 to 1000"}).at_field("jumlah"));
                auto seed = PILAR_TRY(http::optional_string(b, "seed"));
                return http::json_response(201, to_json(PILAR_TRY(svc.undi(actor, id, hadiah, static_cast<int>(jumlah), seed))));
            });
        },
        {.summary = "Undi doorprize: seed dicatat (dibuat bila kosong), tak seorang pun menang dua kali; diaudit",
         .tag = "acara",
         .description = "Eligible: registered participants (peran peserta) who attended a session and have not won at this "
                        "event. Algorithm pilar-undian-v1 (src/events/draw.hpp): BLAKE2b-256 of the seed keys a ChaCha20 "
                        "stream that drives a partial Fisher-Yates shuffle of the ascending eligible ids.",
         .request_schema = R"({"type":"object","required":["hadiah"],"properties":{"hadiah":{"type":"string"},"jumlah":{"type":"integer"},"seed":{"type":"string"}}})",
         .response_schema = kUndianRef, .success_status = 201});

    router.add(
        Method::Get, "/api/v1/acara/{id}/undian/{undian_id}/ulang",
        [&svc](Request& req) -> Response {
            return for_acara(req, [&](Actor const& actor, std::int64_t id) -> Result<Response> {
                auto uid = PILAR_TRY(http::path_id(req, "undian_id"));
                auto r = PILAR_TRY(svc.ulang_undian(actor, id, uid));
                json::array again;
                for (auto p : r.pemenang_ulang) again.emplace_back(p);
                return http::json_response(200, json::object{{"undian", to_json(r.undian)},
                                                             {"pemenang_ulang", std::move(again)},
                                                             {"calon_digest_ulang", r.calon_digest_ulang},
                                                             {"sama", r.sama}});
            });
        },
        {.summary = "Ulangi undian dari seed dan daftar calon yang tercatat, untuk membuktikan hasilnya sama", .tag = "acara"});

    router.add(
        Method::Get, "/api/v1/acara-saya",
        http::with_actor([&svc](Request&, Actor const& actor) -> Result<Response> {
            auto r = [&]() -> Result<json::array> {
                json::array out;
                for (auto const& x : PILAR_TRY(svc.acara_saya(actor))) {
                    json::object o = detail_json(x.acara, x.sesi);
                    json::object p = to_json(x.peserta, WithToken::Yes);
                    auto qr = PILAR_TRY(QrCode::encode(x.peserta.token));
                    p["qr_svg"] = qr.svg("QR " + group_code(x.peserta.token));
                    o["peserta"] = std::move(p);
                    out.push_back(std::move(o));
                }
                return out;
            }();
            if (!r) return fail(r.error());
            return http::json_list(std::move(*r));
        }),
        {.summary = "Acara yang saya ikuti, dengan kartu dan kode QR saya (untuk ditunjukkan di pintu, juga luring)", .tag = "acara"});

    router.add(
        Method::Get, "/api/v1/sertifikat/{kode}",
        [&svc](Request& req) -> Response {
            auto r = svc.verifikasi(req.param("kode"));
            return http::respond(req, r, [](VerifikasiSertifikat const& v) { return to_json(v); });
        },
        {.summary = "Periksa keaslian sertifikat (publik, tanpa login): hanya nama, acara, tanggal dan berlaku/tidak",
         .tag = "acara", .response_schema = R"({"$ref":"#/components/schemas/VerifikasiSertifikat"})",
         .exposure = http::Exposure::Public});
}

}  // namespace pilar::events
