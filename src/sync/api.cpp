#include "sync/api.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/handler.hpp"
#include "http/json.hpp"

namespace pilar::sync {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Error bad(std::string field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::move(field)); }

Result<std::vector<SyncOp>> ops_of(json::object const& body) {
    auto const* ops = body.if_contains("ops");
    if (!ops || !ops->is_array()) return fail(bad("ops", {"ops wajib berupa daftar operasi", "ops must be a list of operations"}));
    auto const& arr = ops->as_array();
    if (arr.size() > kMaxOpsPerRequest)
        return fail(Error(ErrorCode::InvalidArgument,
                          {fmt::format("Paling banyak {} operasi per permintaan; kirim bertahap", kMaxOpsPerRequest),
                           fmt::format("At most {} operations per request; send them in batches", kMaxOpsPerRequest)})
                        .at_field("ops"));
    std::vector<SyncOp> out;
    out.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
        auto at = [i](std::string_view f) { return fmt::format("ops[{}].{}", i, f); };
        if (!arr[i].is_object())
            return fail(bad(fmt::format("ops[{}]", i), {"Setiap operasi berupa objek {op_id, jenis, data}",
                                                        "Each operation is an object {op_id, jenis, data}"}));
        auto const& o = arr[i].as_object();
        SyncOp op;
        auto id = http::required_string(o, "op_id");
        if (!id) return fail(id.error().at_field(at("op_id")));
        op.op_id = *id;
        auto jenis = http::required_string(o, "jenis");
        if (!jenis) return fail(jenis.error().at_field(at("jenis")));
        op.jenis = *jenis;
        if (auto const* d = o.if_contains("data"); d && !d->is_null()) {
            if (!d->is_object()) return fail(bad(at("data"), {"data harus objek JSON", "data must be a JSON object"}));
            op.data = d->as_object();
            if (auto checked = http::refuse_full_numbers(*d); !checked) op.invalid = checked.error();
        }
        auto version = http::optional_int(o, "version");
        if (!version) return fail(version.error().at_field(at("version")));
        op.version = *version;
        out.push_back(std::move(op));
    }
    return out;
}

json::object encode(OpResult const& r, Lang lang) {
    json::object o{{"op_id", r.op_id}, {"status", op_status_name(r.status)}};
    if (!r.entitas.empty()) o["entitas"] = r.entitas;
    if (r.id) o["id"] = *r.id;
    if (r.data) o["data"] = *r.data;
    if (r.error) {
        json::object e{{"code", error_code_name(r.error->code)}, {"message", r.error->message.in(lang)}};
        if (!r.error->field.empty()) e["field"] = r.error->field;
        o["error"] = std::move(e);
    }
    return o;
}

}  // namespace

void register_routes(http::Router& router, SyncService& service, SyncRegistry const& registry) {
    std::string kinds;
    for (auto const& k : registry.kinds()) kinds += (kinds.empty() ? "" : ", ") + k;
    router.add(
        Method::Post, "/api/v1/sync",
        http::with_actor([&service](Request& req, Actor const& actor) -> Result<Response> {
            if (req.body.size() > kMaxRequestBytes)
                return http::error_response(
                    Error(ErrorCode::ResourceExhausted, {"Permintaan sinkron lebih dari 1 MB; kirim bertahap",
                                                         "Sync request over 1 MB; send it in batches"}),
                    req.lang);
            auto body = PILAR_TRY(http::parse_json_object(req, http::FullNumbers::CheckedPerPart));  // per op, in ops_of
            auto perangkat = PILAR_TRY(http::optional_string(body, "perangkat"));
            if (perangkat.value_or("").size() > 64)
                return http::error_response(bad("perangkat", {"perangkat paling panjang 64 karakter", "perangkat is at most 64 characters"}),
                                            req.lang);
            auto ops = PILAR_TRY(ops_of(body));
            auto results = service.apply(actor, perangkat.value_or(""), ops);
            json::array hasil;
            hasil.reserve(results.size());
            for (auto const& r : results) hasil.push_back(encode(r, req.lang));
            return http::json_response(200, json::object{{"hasil", std::move(hasil)}});
        }),
        {.summary = "Sinkronkan antrean luring perangkat lapangan (sekali saja per op_id)",
         .tag = "sync",
         .description = fmt::format(
             "Applies the device's queued operations in order, each exactly once: a replayed op_id answers "
             "\"sudah\" with the record it made; a stale version answers \"konflik\" with the current record in "
             "data; a refusal answers \"ditolak\" with the error (recorded for invalid input, so a replay answers "
             "the same; not recorded for not_found and retryable errors). At most {} ops and 1 MB per request. "
             "Kinds: {}. See src/sync/sync.hpp.",
             kMaxOpsPerRequest, kinds),
         .request_schema =
             R"({"type":"object","required":["ops"],"properties":{"perangkat":{"type":"string","maxLength":64},"ops":{"type":"array","maxItems":100,"items":{"type":"object","required":["op_id","jenis"],"properties":{"op_id":{"type":"string","minLength":8,"maxLength":64},"jenis":{"type":"string"},"data":{"type":"object"},"version":{"type":"integer"}}}}}})",
         .response_schema =
             R"({"type":"object","required":["hasil"],"properties":{"hasil":{"type":"array","items":{"type":"object","required":["op_id","status"],"properties":{"op_id":{"type":"string"},"status":{"type":"string","enum":["diterapkan","sudah","konflik","ditolak"]},"entitas":{"type":"string"},"id":{"type":"integer"},"data":{"type":"object"},"error":{"type":"object","properties":{"code":{"type":"string"},"message":{"type":"string"},"field":{"type":"string"}}}}}}}})",
         .execution = http::Execution::Offload});
}

}  // namespace pilar::sync
