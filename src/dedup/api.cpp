#include "dedup/api.hpp"

#include <boost/json.hpp>

#include "core/date.hpp"
#include "core/strings.hpp"
#include "http/handler.hpp"
#include "http/json.hpp"
#include "registry/json.hpp"

namespace pilar::dedup {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;


Error bad(std::string field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::move(field)); }

json::array encode(std::vector<FieldReason> const& rs) {
    json::array out;
    for (auto const& r : rs) out.push_back(json::object{{"kolom", r.field}, {"tingkat", r.level}, {"bobot", r.weight}});
    return out;
}

json::object encode(PasanganLengkap const& full) {
    auto const& p = full.pasangan;
    json::object o{{"id", p.id},
                   {"anggota_a", p.anggota_a},
                   {"anggota_b", p.anggota_b},
                   {"skor", p.skor},
                   {"bobot", p.bobot},
                   {"rincian", encode(p.rincian)},
                   {"sumber", p.sumber},
                   {"status", status_name(p.status)},
                   {"penyintas", p.penyintas ? json::value(*p.penyintas) : json::value(nullptr)},
                   {"catatan", p.catatan ? json::value(*p.catatan) : json::value(nullptr)},
                   {"diputus_oleh", p.diputus_oleh ? json::value(*p.diputus_oleh) : json::value(nullptr)},
                   {"diputus_at", p.diputus_at ? json::value(*p.diputus_at) : json::value(nullptr)},
                   {"created_at", p.created_at},
                   {"updated_at", p.updated_at},
                   {"version", p.version}};
    json::array moved;
    for (auto id : p.ppks_dipindah) moved.push_back(id);
    o["ppks_dipindah"] = std::move(moved);
    o["a"] = registry::encode(full.a);
    o["b"] = registry::encode(full.b);
    return o;
}

json::object encode(Proses const& p) {
    json::array capped;
    for (auto const& [k, n] : p.dibatasi) capped.push_back(json::object{{"kunci", k}, {"ukuran", n}});
    return json::object{{"id", p.id},           {"kode_wilayah", p.kode_wilayah}, {"orang", p.orang},
                        {"pasangan", p.pasangan}, {"baru", p.baru},               {"diperbarui", p.diperbarui},
                        {"sudah_diputus", p.sudah_diputus}, {"dibatasi", std::move(capped)}, {"detik", p.detik},
                        {"oleh", p.oleh},       {"mulai", p.mulai},              {"selesai", p.selesai}};
}

Result<Probe> probe_of(json::object const& body) {
    Probe p;
    auto str = [&](std::string_view key) -> Result<std::string> {
        auto v = PILAR_TRY(http::optional_string(body, key));
        return v.value_or("");
    };
    p.nama = PILAR_TRY(str("nama"));
    if (trim(p.nama).empty()) return fail(bad("nama", {"nama wajib diisi", "nama is required"}));
    if (p.nama.size() > 200) return fail(bad("nama", {"nama paling panjang 200 karakter", "nama may be at most 200 characters"}));
    if (!is_valid_utf8(p.nama)) return fail(bad("nama", {"nama bukan UTF-8 yang sah", "nama is not valid UTF-8"}));
    p.nik = PILAR_TRY(str("nik"));
    if (!p.nik.empty() && (p.nik.size() != 16 || !is_all_digits(p.nik)))
        return fail(bad("nik", {"NIK harus 16 angka", "NIK must be 16 digits"}));
    p.jenis_kelamin = PILAR_TRY(str("jenis_kelamin"));
    p.tempat_lahir = PILAR_TRY(str("tempat_lahir"));
    p.tanggal_lahir = PILAR_TRY(str("tanggal_lahir"));
    if (!p.tanggal_lahir.empty() && !Date::parse(p.tanggal_lahir))
        return fail(bad("tanggal_lahir", {"tanggal_lahir harus YYYY-MM-DD", "tanggal_lahir must be YYYY-MM-DD"}));
    if (p.tempat_lahir.size() > 200 || !is_valid_utf8(p.tempat_lahir))
        return fail(bad("tempat_lahir", {"tempat_lahir tidak sah", "tempat_lahir is not valid"}));
    if (auto id = PILAR_TRY(http::optional_int(body, "anggota_id"))) p.id = *id;
    return p;
}

}  // namespace

std::string openapi_schemas() {
    return R"j({"AlasanKolom":{"type":"object","required":["kolom","tingkat","bobot"],"properties":{
"kolom":{"type":"string","enum":["nik","nama","ayah","tanggal_lahir","jenis_kelamin","tempat_lahir","alamat","wilayah"]},
"tingkat":{"type":"string","description":"Tingkat kecocokan (exact, typo, phonetic, different, missing ...)"},
"bobot":{"type":"number","description":"log2(m/u): positif = bukti sama orang, negatif = bukti beda orang"}}},
"PasanganDuplikat":{"type":"object","required":["id","anggota_a","anggota_b","skor","rincian","status","version","a","b"],"properties":{
"id":{"type":"integer"},"anggota_a":{"type":"integer"},"anggota_b":{"type":"integer"},
"skor":{"type":"number","description":"Peluang sama orang (0-1), model Fellegi-Sunter"},"bobot":{"type":"number"},
"rincian":{"type":"array","items":{"$ref":"#/components/schemas/AlasanKolom"}},
"sumber":{"type":"string","enum":["dedup","entri"]},
"status":{"type":"string","enum":["menunggu","digabung","bukan_duplikat"]},
"penyintas":{"type":["integer","null"]},"ppks_dipindah":{"type":"array","items":{"type":"integer"}},
"catatan":{"type":["string","null"]},"diputus_oleh":{"type":["string","null"]},"diputus_at":{"type":["string","null"]},
"created_at":{"type":"string"},"updated_at":{"type":"string"},"version":{"type":"integer"},
"a":{"$ref":"#/components/schemas/Anggota"},"b":{"$ref":"#/components/schemas/Anggota"}}},
"ProsesDuplikat":{"type":"object","required":["id","orang","pasangan","baru","diperbarui","sudah_diputus"],"properties":{
"id":{"type":"integer"},"kode_wilayah":{"type":"string"},"orang":{"type":"integer"},"pasangan":{"type":"integer"},
"baru":{"type":"integer"},"diperbarui":{"type":"integer"},"sudah_diputus":{"type":"integer"},
"dibatasi":{"type":"array","items":{"type":"object","properties":{"kunci":{"type":"string"},"ukuran":{"type":"integer"}}}},
"detik":{"type":"number"},"oleh":{"type":"string"},"mulai":{"type":"string"},"selesai":{"type":"string"}}}})j";
}

void register_routes(http::Router& router, DedupService& svc) {
    router.add(
        Method::Post, "/api/v1/duplikat/proses",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            RunOptions opts;
            if (!req.body.empty()) {
                auto body = PILAR_TRY(http::parse_json_object(req));
                auto kode = PILAR_TRY(http::optional_string(body, "kode_wilayah"));
                opts.kode_wilayah = kode;
            }
            return http::respond(req, svc.run(actor, opts), [](Proses const& p) { return encode(p); });
        }),
        {.summary = "Jalankan pemeriksaan duplikat atas anggota registri (sinkron; untuk registri besar pakai `pilar dedup`)",
         .tag = "duplikat",
         .description = "Mesin linkage (Fellegi-Sunter) atas semua anggota hidup di wilayah; pasangan dengan skor di atas ambang "
                        "tinjau masuk antrean. Menjalankan ulang tidak menggandakan pasangan dan tidak menghidupkan lagi "
                        "pasangan yang sudah diputus. Sekitar 15 detik per sejuta anggota.",
         .request_schema = R"({"type":"object","properties":{"kode_wilayah":{"type":"string"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/ProsesDuplikat"})"});

    router.add(
        Method::Get, "/api/v1/duplikat/proses",
        http::with_actor([&svc](Request&, Actor const& actor) -> Result<Response> {
            auto last = PILAR_TRY(svc.last_run(actor));
            return http::json_response(200, json::object{{"terakhir", last ? json::value(encode(*last)) : json::value(nullptr)}});
        }),
        {.summary = "Pemeriksaan duplikat terakhir", .tag = "duplikat",
         .response_schema = R"({"type":"object","properties":{"terakhir":{"oneOf":[{"$ref":"#/components/schemas/ProsesDuplikat"},{"type":"null"}]}}})"});

    router.add(
        Method::Get, "/api/v1/duplikat",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            ListQuery q;
            if (auto s = req.query_param("status")) {
                if (*s == "semua") q.status.reset();
                else if (auto st = status_from_name(*s)) q.status = *st;
                else return fail(bad("status", {"status harus menunggu, digabung, bukan_duplikat atau semua",
                                                      "status must be menunggu, digabung, bukan_duplikat or semua"}));
            }
            q.anggota_id = PILAR_TRY(http::query_int(req, "anggota_id"));
            q.after = PILAR_TRY(http::query_int(req, "after"));
            q.limit = PILAR_TRY(http::query_limit(req, 50, 200));
            auto page = PILAR_TRY(svc.list(actor, q));
            json::array items;
            for (auto const& p : page.items) items.push_back(encode(p));
            return http::json_list(std::move(items), page.next ? std::optional(std::to_string(*page.next)) : std::nullopt);
        }),
        {.summary = "Antrean pasangan kemungkinan duplikat (kedua anggota dalam wilayah tugas Anda; NIK tersamar)",
         .tag = "duplikat",
         .query = {{"status", "menunggu (bawaan), digabung, bukan_duplikat, semua"},
                   {"anggota_id", "Hanya pasangan dengan anggota ini", "integer"},
                   {"after", "id terakhir halaman sebelumnya", "integer"},
                   {"limit", "1-200, bawaan 50", "integer"}},
         .response_schema = R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/PasanganDuplikat"}},"next":{"type":"string"}}})"});

    router.add(
        Method::Get, "/api/v1/duplikat/{id}",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            return http::respond(req, svc.get(actor, id, {.unmask = req.query_flag("buka")}),
                                 [](PasanganLengkap const& p) { return encode(p); });
        }),
        {.summary = "Satu pasangan: kedua anggota berdampingan, skor dan alasannya",
         .tag = "duplikat",
         .query = {{"buka", "ya: tampilkan NIK lengkap kedua anggota (perlu izin; dicatat di jejak audit)", "boolean"}},
         .response_schema = R"({"$ref":"#/components/schemas/PasanganDuplikat"})"});

    router.add(
        Method::Post, "/api/v1/duplikat/{id}/putusan",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto keputusan = PILAR_TRY(http::required_string(body, "keputusan"));
            DecisionInput in;
            if (keputusan == "gabung") in.keputusan = Keputusan::Gabung;
            else if (keputusan == "bukan_duplikat") in.keputusan = Keputusan::BukanDuplikat;
            else return fail(bad("keputusan", {"keputusan harus gabung atau bukan_duplikat", "keputusan must be gabung or bukan_duplikat"}));
            auto penyintas = PILAR_TRY(http::optional_int(body, "penyintas"));
            in.penyintas = penyintas;
            auto catatan = PILAR_TRY(http::optional_string(body, "catatan"));
            in.catatan = catatan.value_or("");
            auto version = PILAR_TRY(http::optional_int(body, "version"));
            if (!version) return fail(bad("version", {"version wajib diisi", "version is required"}));
            in.version = *version;
            return http::respond(req, svc.decide(actor, id, in), [](PasanganLengkap const& p) { return encode(p); });
        }),
        {.summary = "Putuskan pasangan: gabung (penyintas = anggota yang dipertahankan) atau bukan_duplikat (diingat: tidak muncul lagi)",
         .tag = "duplikat",
         .description = "Penggabungan tidak menghapus apa pun: anggota yang digabung ditandai digabung_ke penyintas, PPKS aktifnya "
                        "dipindah ke penyintas, usulan dan riwayatnya tetap; bisa dibatalkan. Dicatat di jejak audit.",
         .request_schema = R"({"type":"object","required":["keputusan","catatan","version"],"properties":{
"keputusan":{"type":"string","enum":["gabung","bukan_duplikat"]},"penyintas":{"type":"integer"},
"catatan":{"type":"string","minLength":3},"version":{"type":"integer"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/PasanganDuplikat"})"});

    router.add(
        Method::Post, "/api/v1/duplikat/{id}/batal",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto id = PILAR_TRY(http::path_id(req));
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto catatan = PILAR_TRY(http::optional_string(body, "catatan"));
            auto version = PILAR_TRY(http::optional_int(body, "version"));
            if (!version) return fail(bad("version", {"version wajib diisi", "version is required"}));
            return http::respond(req, svc.undo(actor, id, catatan.value_or(""), *version),
                                 [](PasanganLengkap const& p) { return encode(p); });
        }),
        {.summary = "Batalkan putusan: penggabungan dibatalkan (kedua anggota hidup lagi, PPKS kembali) dan pasangan menunggu lagi",
         .tag = "duplikat",
         .request_schema = R"({"type":"object","required":["catatan","version"],"properties":{"catatan":{"type":"string","minLength":3},"version":{"type":"integer"}}})",
         .response_schema = R"({"$ref":"#/components/schemas/PasanganDuplikat"})"});

    router.add(
        Method::Post, "/api/v1/anggota/cek-duplikat",
        http::with_actor([&svc](Request& req, Actor const& actor) -> Result<Response> {
            auto body = PILAR_TRY(http::parse_json_object(req));
            auto probe = PILAR_TRY(probe_of(body));
            auto kid = PILAR_TRY(http::optional_int(body, "keluarga_id"));
            Result<std::vector<Kandidat>> found = std::vector<Kandidat>{};
            if (kid) {
                found = svc.check_in_household(actor, probe, kid);
            } else {
                // A household not saved yet (the field form): its region, RT and address from the body.
                auto kode = PILAR_TRY(http::optional_string(body, "kode_wilayah"));
                auto rt = PILAR_TRY(http::optional_string(body, "rt"));
                auto alamat = PILAR_TRY(http::optional_string(body, "alamat"));
                found = svc.check_in_area(actor, probe, kode.value_or(""), rt.value_or(""), alamat.value_or(""));
            }
            if (!found) return fail(found.error());
            json::array items;
            for (auto const& k : *found)
                items.push_back(json::object{{"anggota", registry::encode(k.anggota)}, {"skor", k.skor}, {"rincian", encode(k.rincian)}});
            return http::json_response(200, json::object{{"items", std::move(items)}});
        }),
        {.summary = "Cek sebelum menyimpan: anggota terdaftar yang mungkin orang yang sama (tidak menyimpan apa pun)",
         .tag = "duplikat",
         .description = "Kandidat: NIK sama, tanggal lahir sama di kelurahan yang sama, atau nama berawalan kata yang sama; "
                        "dinilai dengan model linkage. Paling banyak 10, skor tertinggi dulu. Anggota yang tetap disimpan "
                        "dengan kandidat masuk antrean duplikat (sumber entri), juga yang datang lewat sinkronisasi luring.",
         .request_schema = R"({"type":"object","required":["nama"],"properties":{
"keluarga_id":{"type":"integer","description":"Keluarga tujuan: alamat dan wilayahnya ikut dibandingkan"},
"kode_wilayah":{"type":"string","description":"Tanpa keluarga_id (keluarga belum tersimpan): kode kelurahan atau RW"},
"rt":{"type":"string"},"alamat":{"type":"string"},
"anggota_id":{"type":"integer","description":"Saat mengubah: anggota ini sendiri tidak dihitung"},
"nik":{"type":"string"},"nama":{"type":"string"},"jenis_kelamin":{"type":"string","enum":["L","P"]},
"tempat_lahir":{"type":"string"},"tanggal_lahir":{"type":"string","format":"date"}}})",
         .response_schema = R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","required":["anggota","skor","rincian"],"properties":{
"anggota":{"$ref":"#/components/schemas/Anggota"},"skor":{"type":"number"},"rincian":{"type":"array","items":{"$ref":"#/components/schemas/AlasanKolom"}}}}}}})"});
}

}  // namespace pilar::dedup
