// HTTP side of the audit trail (admin only, by src/access/policy.cpp): browse with filters and
// a keyset cursor, verify the chain, export a range as CSV for an inspector.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "access/api.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"
#include "http/json.hpp"

namespace pilar::access {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

json::object encode_entry(AuditEntry const& e) {
    auto opt = [](std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"seq", e.seq},
                        {"at", e.at},
                        {"actor_user_id", e.actor_user_id},
                        {"actor_username", e.actor_username},
                        {"actor_role", e.actor_role},
                        {"client_address", e.client_address},
                        {"request_id", e.request_id},
                        {"action", e.action},
                        {"entity", e.entity},
                        {"entity_id", e.entity_id},
                        {"before_json", opt(e.before_json)},
                        {"after_json", opt(e.after_json)},
                        {"detail", e.detail},
                        {"prev_hash", e.prev_hash},
                        {"hash", e.hash},
                        {"payload_hash", opt(e.payload_hash)},
                        {"redacted_by", e.redacted_by ? json::value(*e.redacted_by) : json::value(nullptr)}};
}

json::object encode_verify(AuditVerifyReport const& r, Lang lang) {
    json::object o{{"ok", r.ok},
                   {"count", r.count},
                   {"head_seq", r.head_seq},
                   {"head_hash", r.head_hash},
                   {"problem", audit_problem_name(r.problem)},
                   {"message", r.summary(lang)}};
    if (r.bad_seq) o["bad_seq"] = *r.bad_seq;
    return o;
}

Result<AuditFilter> filter_from(Request const& req, bool with_cursor) {
    AuditFilter f{.from = req.query_param("from"),
                  .to = req.query_param("to"),
                  .actor = req.query_param("actor"),
                  .action = req.query_param("action"),
                  .entity = req.query_param("entity"),
                  .entity_id = req.query_param("entity_id")};
    return AuditService::make_filter(std::move(f), with_cursor ? req.query_param("cursor") : std::nullopt);
}

std::vector<http::QueryParamDoc> filter_docs() {
    return {{"from", "Sejak waktu ini (UTC, termasuk): YYYY-MM-DD atau YYYY-MM-DDTHH:MM[:SS]"},
            {"to", "Sebelum waktu ini (UTC, tidak termasuk)"},
            {"actor", "Nama pengguna pelaku (persis)"},
            {"action", "Aksi atau awalannya per titik: wilayah, auth.login_failed"},
            {"entity", "Jenis rekaman: wilayah, user, audit"},
            {"entity_id", "Kunci rekaman: kode wilayah, nama pengguna"}};
}

constexpr std::int64_t kExportMaxRows = 200000;

}  // namespace

void register_audit_routes(http::Router& router, AuditService& svc) {
    auto list_docs = filter_docs();
    list_docs.push_back({"cursor", "Nilai \"next\" dari halaman sebelumnya"});
    list_docs.push_back({"limit", "1 sampai 500 (bawaan 100)", "integer"});
    router.add(
        Method::Get, "/api/v1/audit",
        [&svc](Request& req) -> Response {
            auto actor = req.actor();
            if (!actor) return http::error_response(actor.error(), req.lang);
            auto filter = filter_from(req, true);
            if (!filter) return http::error_response(filter.error(), req.lang);
            int limit = 100;
            if (auto l = req.query_param("limit")) {
                if (!is_all_digits(*l) || l->empty() || l->size() > 4)
                    return http::error_response(
                        Error(ErrorCode::InvalidArgument, {"limit harus 1 sampai 500", "limit must be 1 to 500"}).at_field("limit"),
                        req.lang);
                limit = std::stoi(*l);
            }
            auto page = svc.list(**actor, *filter, limit);
            if (!page) return http::error_response(page.error(), req.lang);
            json::array items;
            items.reserve(page->items.size());
            for (auto const& e : page->items) items.push_back(encode_entry(e));
            return http::json_list(std::move(items), page->next);
        },
        {.summary = "Jejak audit, terbaru dulu, dengan filter dan kursor",
         .tag = "audit",
         .description = "Keyset pagination: pass the `next` value of a page as `cursor` to get the older entries. An admin "
                        "reads the entries of their own kota only: those of its accounts (a failed login: of the account "
                        "named), the console's entries about its wilayah and accounts, and the console's entries whose "
                        "recorded area (an import's kota, an export's or dedup run's filter, an erased person's wilayah) "
                        "overlaps its kota; the console's database-wide entries and failed logins under unknown names "
                        "are shown to every admin.",
         .query = list_docs,
         .response_schema =
             R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/AuditEntry"}},"next":{"type":"string","description":"Cursor for the next (older) page; absent on the last page"}}})",
         .execution = http::Execution::Offload});

    router.add(
        Method::Get, "/api/v1/audit/verify",
        [&svc](Request& req) -> Response {
            auto actor = req.actor();
            if (!actor) return http::error_response(actor.error(), req.lang);
            std::optional<AuditAnchor> anchor;
            if (auto a = req.query_param("anchor"); a && !a->empty()) {
                auto parsed = AuditAnchor::parse(*a);
                if (!parsed) return http::error_response(parsed.error(), req.lang);
                anchor = *parsed;
            }
            auto r = svc.verify(**actor, anchor);
            if (!r) return http::error_response(r.error(), req.lang);
            return http::json_response(200, encode_verify(*r, req.lang));
        },
        {.summary = "Periksa rantai hash jejak audit",
         .tag = "audit",
         .description = "A broken chain is a finding, not an error: the answer is 200 with ok=false and the first bad "
                        "seq. Removal of the newest entries is only visible against an anchor recorded earlier.",
         .query = {{"anchor", "SEQ:HASH yang dicatat sebelumnya (mendeteksi entri terbaru yang dihapus)"}},
         .response_schema = R"({"$ref":"#/components/schemas/AuditVerify"})",
         .execution = http::Execution::Offload});

    router.add(
        Method::Get, "/api/v1/audit/export",
        [&svc](Request& req) -> Response {
            auto actor = req.actor();
            if (!actor) return http::error_response(actor.error(), req.lang);
            auto filter = filter_from(req, false);
            if (!filter) return http::error_response(filter.error(), req.lang);
            Response res;
            res.content_type = "text/csv; charset=utf-8";
            CsvWriter out = CsvWriter::to_string(res.body);
            auto r = svc.export_csv(**actor, *filter, out, kExportMaxRows);
            if (!r) return http::error_response(r.error(), req.lang);
            if (auto f = out.finish(); !f) return http::error_response(f.error(), req.lang);
            std::string stamp = utc_now_iso().substr(0, 10);
            res.set_header("Content-Disposition", fmt::format("attachment; filename=\"pilar-audit-{}.csv\"", stamp));
            // The verification of the whole chain at export time, for the inspector's record.
            res.set_header("X-Audit-Verify", r->verify.ok ? std::string("ok")
                                                          : fmt::format("failed seq {} {}", r->verify.bad_seq.value_or(0),
                                                                        audit_problem_name(r->verify.problem)));
            res.set_header("X-Audit-Head", fmt::format("{}:{}", r->verify.head_seq, r->verify.head_hash));
            res.set_header("X-Audit-Rows", std::to_string(r->rows));
            return res;
        },
        {.summary = "Ekspor jejak audit (CSV) untuk pemeriksa",
         .tag = "audit",
         .description = "Oldest first, every column including prev_hash and hash, so the range can be re-checked "
                        "offline. X-Audit-Verify and X-Audit-Head carry the verification of the whole chain at "
                        "export time. The export itself is recorded (audit.export). The entries are those GET "
                        "/api/v1/audit shows the caller (their own kota's).",
         .query = filter_docs(),
         .response_schema = R"({"type":"string"})",
         .response_content_type = "text/csv",
         .execution = http::Execution::Offload});
}

}  // namespace pilar::access
