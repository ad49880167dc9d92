#include "access/audit.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <map>

#include "access/audit_clean.hpp"
#include "access/audit_store.hpp"
#include "access/receipt.hpp"
#include "core/background.hpp"
#include "core/clock.hpp"
#include "core/strings.hpp"

namespace pilar::access {
namespace {

// Only bench/bench_audit sets it (see audit.hpp); nothing reachable from the CLI or HTTP does.
bool g_audit_disabled_for_benchmark = false;

// The seqs an "audit.redact" entry lists in its after_json {"seq":[...]}.
std::vector<std::int64_t> redaction_list(std::optional<std::string> const& after) {
    std::vector<std::int64_t> out;
    if (!after) return out;
    auto open = after->find('[');
    auto close = after->find(']');
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::string_view body(after->data() + open + 1, close - open - 1);
    while (!body.empty()) {
        auto comma = body.find(',');
        auto item = trim(body.substr(0, comma));
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec == std::errc{} && p == item.data() + item.size()) out.push_back(v);
        if (comma == std::string_view::npos) break;
        body.remove_prefix(comma + 1);
    }
    return out;
}

// The rows an "audit.bersihkan" entry lists, {"seq":[...],"payload_hash":[...]}, as seq -> digest;
// empty when it is not that shape (then every row naming it fails verification).
std::map<std::int64_t, std::string> cleaning_list(std::optional<std::string> const& after) {
    std::map<std::int64_t, std::string> out;
    if (!after) return out;
    boost::system::error_code ec;
    auto v = boost::json::parse(*after, ec);
    auto const* o = ec ? nullptr : v.if_object();
    auto const* seqs = o ? o->if_contains("seq") : nullptr;
    auto const* hashes = o ? o->if_contains("payload_hash") : nullptr;
    if (!seqs || !hashes || !seqs->is_array() || !hashes->is_array() || seqs->as_array().size() != hashes->as_array().size())
        return out;
    for (std::size_t i = 0; i < seqs->as_array().size(); ++i) {
        auto const& seq = seqs->as_array()[i];
        auto const& hash = hashes->as_array()[i];
        if (seq.is_int64() && hash.is_string()) out[seq.get_int64()] = std::string(hash.get_string());
    }
    return out;
}

// A BLAKE2b-256 digest as stored: 64 lower-case hex digits.
using HexDigest = std::array<char, crypto_generichash_BYTES * 2>;

std::string_view view(HexDigest const& h) { return {h.data(), h.size()}; }

std::optional<std::string_view> view(std::optional<std::string> const& s) {
    if (!s) return std::nullopt;
    return std::string_view(*s);
}

// Writes the length-prefixed encoding into one buffer and hashes it in one call. The buffer is
// the thread's own and keeps its capacity, so an append allocates nothing here; one encoder at a
// time per thread (digest() before the next is made).
class ChainEncoder {
public:
    ChainEncoder() : m_buf(buffer()) { m_buf.clear(); }
    ~ChainEncoder() {
        if (m_buf.capacity() > (std::size_t{1} << 16)) std::string().swap(m_buf);  // after an unusually large payload
    }
    ChainEncoder(ChainEncoder const&) = delete;
    ChainEncoder& operator=(ChainEncoder const&) = delete;
    void text(std::string_view s) {
        length(static_cast<std::uint64_t>(s.size()));
        m_buf.append(s);
    }
    void integer(std::int64_t v) {
        std::array<char, 24> d{};
        auto const end = std::to_chars(d.data(), d.data() + d.size(), v).ptr;
        text({d.data(), static_cast<size_t>(end - d.data())});
    }
    void optional(std::optional<std::string_view> s) {
        if (s)
            text(*s);
        else
            length(~std::uint64_t{0});
    }
    HexDigest digest() const {
        std::array<unsigned char, crypto_generichash_BYTES> out{};
        crypto_generichash(out.data(), out.size(), reinterpret_cast<unsigned char const*>(m_buf.data()), m_buf.size(),
                           nullptr, 0);
        static constexpr char kHex[] = "0123456789abcdef";
        HexDigest h{};
        for (size_t i = 0; i < out.size(); ++i) {
            h[2 * i] = kHex[out[i] >> 4];
            h[2 * i + 1] = kHex[out[i] & 0xf];
        }
        return h;
    }

private:
    static std::string& buffer() {
        thread_local std::string b;
        return b;
    }
    void length(std::uint64_t n) {
        std::array<char, 8> be{};
        for (int i = 7; i >= 0; --i, n >>= 8) be[static_cast<size_t>(i)] = static_cast<char>(n & 0xff);
        m_buf.append(be.data(), be.size());
    }
    std::string& m_buf;
};

// Who, when and what: the columns every version of the chain covers, borrowed.
struct ChainFields {
    std::int64_t seq = 0;
    std::string_view prev_hash, at;
    std::int64_t actor_user_id = 0;
    std::string_view actor_username, actor_role, client_address, request_id, action, entity, entity_id;
};

void encode_fields(ChainEncoder& h, ChainFields const& f) {
    h.text(f.prev_hash);
    h.integer(f.seq);
    h.text(f.at);
    h.integer(f.actor_user_id);
    h.text(f.actor_username);
    h.text(f.actor_role);
    h.text(f.client_address);
    h.text(f.request_id);
    h.text(f.action);
    h.text(f.entity);
    h.text(f.entity_id);
}

HexDigest payload_digest(std::optional<std::string_view> before, std::optional<std::string_view> after,
                         std::string_view detail) {
    ChainEncoder h;
    h.optional(before);
    h.optional(after);
    h.text(detail);
    return h.digest();
}

// v2: the tag keeps a v2 encoding from ever equalling a v1 one.
HexDigest chain_digest_v2(ChainFields const& f, std::string_view payload_hash) {
    ChainEncoder h;
    h.text(kAuditChainV2);
    encode_fields(h, f);
    h.text(payload_hash);
    return h.digest();
}

ChainFields fields_of(AuditEntry const& e) {
    return {.seq = e.seq, .prev_hash = e.prev_hash, .at = e.at, .actor_user_id = e.actor_user_id,
            .actor_username = e.actor_username, .actor_role = e.actor_role, .client_address = e.client_address,
            .request_id = e.request_id, .action = e.action, .entity = e.entity, .entity_id = e.entity_id};
}

Result<void> require_auditor(Actor const& actor) {
    if (actor.is_system() || actor.role == Role::Admin) return {};
    return fail(ErrorCode::PermissionDenied,
                {"Hanya admin yang boleh membuka jejak audit", "Only an admin may open the audit trail"});
}

// An admin reads the entries of their own area (AuditFilter::area); the console every entry.
AuditFilter in_area_of(Actor const& actor, AuditFilter f) {
    if (actor.is_system()) return f;
    std::vector<std::string> area;
    for (auto const& k : actor.scope) area.push_back(k.dotted());
    f.area = std::move(area);
    return f;
}

// YYYY-MM-DD, optionally followed by THH:MM, THH:MM:SS or THH:MM:SS.mmm, optionally Z. Returned
// without the Z, so that text comparison with stored "...T07:00:00.123Z" values is time order.
Result<std::string> time_bound(std::string_view v, std::string_view field) {
    std::string s(trim(v));
    if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.pop_back();
    constexpr std::string_view kShape = "0000-00-00T00:00:00.000";
    bool ok = s.size() == 10 || s.size() == 16 || s.size() == 19 || s.size() == 23;
    for (size_t i = 0; ok && i < s.size(); ++i) {
        char want = kShape[i];
        ok = want == '0' ? (s[i] >= '0' && s[i] <= '9') : (s[i] == want || (want == 'T' && s[i] == 't'));
    }
    if (!ok)
        return fail(Error(ErrorCode::InvalidArgument,
                          {"Waktu harus YYYY-MM-DD atau YYYY-MM-DDTHH:MM[:SS] (UTC)",
                           "Times must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (UTC)"})
                        .at_field(std::string(field)));
    if (s.size() > 10) s[10] = 'T';
    return s;
}

Result<void> short_text(std::optional<std::string>& v, std::string_view field) {
    if (!v) return {};
    std::string t(trim(*v));
    if (t.empty()) {
        v.reset();
        return {};
    }
    if (t.size() > 200 || !is_valid_utf8(t))
        return fail(Error(ErrorCode::InvalidArgument, {"Filter terlalu panjang atau bukan UTF-8", "Filter too long or not UTF-8"})
                        .at_field(std::string(field)));
    *v = std::move(t);
    return {};
}

}  // namespace

namespace {

// The top-level members of a JSON object text as (key, value) spans, keys with their quotes.
// Written by hand because parsing is what an update's audit entry cost most: boost::json built
// two DOMs of ~40 members (a person's record) to compare them, about 50,000 instructions per
// write (callgrind, bench/bench_audit), where this scan over the same ~3 KB is a few thousand.
// Precondition: `t` is valid JSON (the audit's payloads come from http::JsonWriter or
// boost::json::serialize); nullopt unless it is an object.
using Members = std::vector<std::pair<std::string_view, std::string_view>>;

size_t skip_space(std::string_view t, size_t i) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
    return i;
}
// `i` at an opening quote; returns the index after the closing one.
size_t string_end(std::string_view t, size_t i) {
    for (size_t from = i + 1; from < t.size();) {
        auto const* quote = static_cast<char const*>(std::memchr(t.data() + from, '"', t.size() - from));
        if (!quote) break;
        size_t const q = static_cast<size_t>(quote - t.data());
        size_t k = q;  // an odd number of backslashes before it escapes the quote
        while (k > i + 1 && t[k - 1] == '\\') --k;
        if ((q - k) % 2 == 0) return q + 1;
        from = q + 1;
    }
    return t.size();
}
size_t value_end(std::string_view t, size_t i) {
    if (i >= t.size()) return i;
    if (t[i] == '"') return string_end(t, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < t.size()) {
            char ch = t[i];
            if (ch == '"') {
                i = string_end(t, i);
                continue;
            }
            if (ch == '{' || ch == '[') ++depth;
            else if ((ch == '}' || ch == ']') && --depth == 0) return i + 1;
            ++i;
        }
        return i;
    }
    while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' && t[i] != '\r' &&
           t[i] != '\t')
        ++i;
    return i;
}
std::optional<Members> top_level_members(std::string_view t) {
    size_t i = skip_space(t, 0);
    if (i >= t.size() || t[i] != '{') return std::nullopt;
    Members out;
    out.reserve(48);
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == '}') return out;
    while (i < t.size() && t[i] == '"') {
        size_t const key_end = string_end(t, i);
        std::string_view key = t.substr(i, key_end - i);
        i = skip_space(t, key_end);
        if (i >= t.size() || t[i] != ':') return std::nullopt;
        i = skip_space(t, i + 1);
        size_t const end = value_end(t, i);
        out.emplace_back(key, t.substr(i, end - i));
        i = skip_space(t, end);
        if (i < t.size() && t[i] == '}') return out;
        if (i >= t.size() || t[i] != ',') return std::nullopt;
        i = skip_space(t, i + 1);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> changed_fields(std::string_view before, std::string_view after) {
    auto b = top_level_members(before);
    if (!b) return std::nullopt;
    auto a = top_level_members(after);
    if (!a) return std::nullopt;
    std::string out_before = "{", out_after = "{";
    auto put = [](std::string& out, std::string_view key, std::string_view value) {
        if (out.size() > 1) out += ',';
        out.append(key).append(":").append(value);
    };
    std::vector<char> seen(b->size(), 0);
    size_t hint = 0;  // two versions of one record list their members in the same order
    for (auto const& [key, value] : *a) {
        size_t j = hint < b->size() && (*b)[hint].first == key ? hint : b->size();
        for (size_t k = 0; j == b->size() && k < b->size(); ++k)
            if ((*b)[k].first == key) j = k;
        if (j < b->size()) {
            seen[j] = 1;
            hint = j + 1;
            if ((*b)[j].second == value) continue;
            put(out_before, key, (*b)[j].second);
        }
        put(out_after, key, value);
    }
    for (size_t j = 0; j < b->size(); ++j)
        if (!seen[j]) put(out_before, (*b)[j].first, (*b)[j].second);
    out_before += '}';
    out_after += '}';
    return std::pair{std::move(out_before), std::move(out_after)};
}

AuditActor AuditActor::from(Actor const& a) {
    return AuditActor{.user_id = a.user_id,
                      .username = a.username,
                      .role = std::string(role_name(a.role)),
                      .client_address = a.client_address,
                      .request_id = a.request_id};
}

std::string audit_payload_hash(AuditEntry const& e) {
    return std::string(view(payload_digest(view(e.before_json), view(e.after_json), e.detail)));
}

std::string audit_hash(AuditEntry const& e) {
    if (e.payload_hash) return std::string(view(chain_digest_v2(fields_of(e), *e.payload_hash)));
    ChainEncoder h;  // v1: rows written before migration 0007
    encode_fields(h, fields_of(e));
    h.optional(view(e.before_json));
    h.optional(view(e.after_json));
    h.text(e.detail);
    return std::string(view(h.digest()));
}

namespace {

// Who, borrowed from an Actor or an AuditActor.
struct Who {
    std::int64_t user_id = 0;
    std::string_view username, role, client_address, request_id;
};

Result<void> append(db::Connection& c, Who const& who, AuditEvent const& e) {
    if (g_audit_disabled_for_benchmark) return {};
    // Outside a transaction the row would commit on its own, apart from the change it describes.
    if (!c.in_transaction())
        return fail(ErrorCode::Internal, {"Jejak audit ditulis di luar transaksi", "Audit entry written outside a transaction"});
    // The payload. An update keeps the fields the write changed, not two copies of the whole
    // record: a person's record is 1-2 KB of JSON, and two of them per write made the audit row
    // overflow its page and cost more than the write it describes (bench/bench_audit). Anything
    // that is not a pair of JSON objects is kept as it is.
    std::optional<std::string> diff_before, diff_after;
    std::optional<std::string_view> before = view(e.before_json), after = view(e.after_json);
    if (e.changes) {
        auto [b, a] = e.changes();
        diff_before = std::move(b), diff_after = std::move(a);
    } else if (e.before_json && e.after_json) {
        if (auto diff = changed_fields(*e.before_json, *e.after_json))
            diff_before = std::move(diff->first), diff_after = std::move(diff->second);
    }
    if (diff_before) before = *diff_before, after = *diff_after;
    HexDigest const payload_hash = payload_digest(before, after, e.detail);
    std::string const at = utc_now_iso();
    ChainFields f{.at = at, .actor_user_id = who.user_id, .actor_username = who.username, .actor_role = who.role,
                  .client_address = who.client_address, .request_id = who.request_id, .action = e.action,
                  .entity = e.entity, .entity_id = e.entity_id};
    // The head, read under the write lock this transaction holds (see audit.hpp).
    auto last = PILAR_TRY(audit_store::last_link(c));
    f.seq = last ? last->seq + 1 : 1;
    f.prev_hash = last ? std::string_view(last->hash) : kAuditGenesis;
    HexDigest const hash = chain_digest_v2(f, view(payload_hash));
    PILAR_TRY(audit_store::insert(c, {.seq = f.seq, .at = f.at, .actor_user_id = f.actor_user_id,
                                      .actor_username = f.actor_username, .actor_role = f.actor_role,
                                      .client_address = f.client_address, .request_id = f.request_id, .action = f.action,
                                      .entity = f.entity, .entity_id = f.entity_id, .before_json = before,
                                      .after_json = after, .detail = e.detail, .prev_hash = f.prev_hash,
                                      .hash = view(hash), .payload_hash = view(payload_hash)}));
    // Only the console's entries need their area kept (AuditEvent::area): an account's entries
    // belong to the account's area, found when the log is read.
    if (who.role == role_name(Role::System))
        for (auto const& kode : e.area)
            if (!kode.empty()) PILAR_TRY(audit_store::insert_area(c, f.seq, kode));
    return {};
}

}  // namespace

Result<void> append_audit(db::Connection& c, Actor const& actor, AuditEvent const& e) {
    // An offline op's receipt commits with the change it describes (access/receipt.hpp).
    if (actor.offline_op) PILAR_TRY(write_applied_receipt(c, actor, e));
    return append(c, {actor.user_id, actor.username, role_name(actor.role), actor.client_address, actor.request_id}, e);
}

Result<void> append_audit(db::Connection& c, AuditActor const& who, AuditEvent const& e) {
    return append(c, {who.user_id, who.username, who.role, who.client_address, who.request_id}, e);
}

std::vector<std::string> audit_area_of(std::optional<std::string> const& kode) {
    if (!kode) return {};
    auto code = WilayahCode::parse(*kode);
    if (!code) return {};
    return {code->dotted()};
}

Result<std::int64_t> audit_head_seq(db::Connection& c) {
    auto last = PILAR_TRY(audit_store::last_link(c));
    return last ? last->seq : 0;
}

Result<std::vector<std::int64_t>> redact_audit(db::Connection& c, Actor const& actor,
                                               std::vector<std::pair<std::string, std::string>> const& records,
                                               std::int64_t up_to, std::string_view detail,
                                               std::vector<std::string> area) {
    if (!c.in_transaction())
        return fail(ErrorCode::Internal, {"Jejak audit ditulis di luar transaksi", "Audit entry written outside a transaction"});
    std::vector<std::int64_t> seqs;
    for (auto const& [entity, id] : records) {
        auto found = PILAR_TRY(audit_store::unredacted_seqs(c, entity, id, up_to));
        seqs.insert(seqs.end(), found.begin(), found.end());
    }
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    if (seqs.empty()) return seqs;
    // The redaction entry is the next one: this transaction holds the write lock, so nobody else
    // can take that seq in between.
    std::int64_t const redaction_seq = PILAR_TRY(audit_head_seq(c)) + 1;
    for (auto seq : seqs) PILAR_TRY(audit_store::redact(c, seq, kAuditRedactedMarker, redaction_seq));
    std::string list;
    for (auto seq : seqs) list += fmt::format("{}{}", list.empty() ? "" : ",", seq);
    PILAR_TRY(append_audit(c, actor,
                           {.action = "audit.redact", .entity = "audit", .entity_id = std::to_string(redaction_seq),
                            .after_json = fmt::format(R"({{"seq":[{}]}})", list), .detail = std::string(detail),
                            .area = std::move(area)}));
    if (PILAR_TRY(audit_head_seq(c)) != redaction_seq)
        return fail(ErrorCode::Internal, {"Nomor urut entri redaksi tidak sesuai", "The redaction entry got an unexpected seq"});
    return seqs;
}

Result<AuditCleaning> clean_audit_payloads(db::Connection& c,
                                           std::function<std::optional<AuditPayload>(AuditEntry const&)> const& clean) {
    if (!c.in_transaction())
        return fail(ErrorCode::Internal, {"Jejak audit ditulis di luar transaksi", "Audit entry written outside a transaction"});
    AuditCleaning out;
    out.cleaning_seq = PILAR_TRY(audit_head_seq(c)) + 1;
    // Collected first and written after the scan (as a migration's other rewrites): the payloads
    // that change are few beside the whole trail.
    std::vector<std::pair<std::int64_t, AuditPayload>> changed;
    PILAR_TRY(audit_store::scan(c, {}, audit_store::Order::OldestFirst, 0, [&](AuditEntry const& e) -> Result<bool> {
        // An erased entry's marker has nothing left to clean.
        if (e.redacted_by && !e.before_json && !e.after_json && e.detail == kAuditRedactedMarker) return true;
        if (auto p = clean(e)) {
            out.rows.push_back({.seq = e.seq,
                                .payload_hash = std::string(view(payload_digest(view(p->before_json), view(p->after_json), p->detail))),
                                .action = e.action});
            changed.emplace_back(e.seq, std::move(*p));
        }
        return true;
    }));
    for (auto const& [seq, p] : changed)
        PILAR_TRY(audit_store::rewrite_payload(c, seq, view(p.before_json), view(p.after_json), p.detail, out.cleaning_seq));
    return out;
}

Result<void> append_audit_cleaning(db::Connection& c, Actor const& actor, AuditCleaning const& cleaning,
                                   std::string_view counts, std::string detail, std::vector<std::string> area) {
    std::string seqs, hashes;
    for (auto const& r : cleaning.rows) {
        seqs += fmt::format("{}{}", seqs.empty() ? "" : ",", r.seq);
        hashes += fmt::format(R"({}"{}")", hashes.empty() ? "" : ",", r.payload_hash);
    }
    PILAR_TRY(append_audit(c, actor,
                           {.action = std::string(kAuditCleaningAction), .entity = "audit",  // "audit.bersihkan"
                            .entity_id = std::to_string(cleaning.cleaning_seq),
                            .after_json = fmt::format(R"({{"seq":[{}],"payload_hash":[{}]{}{}}})", seqs, hashes,
                                                      counts.empty() ? "" : ",", counts),
                            .detail = std::move(detail), .area = std::move(area)}));
    if (PILAR_TRY(audit_head_seq(c)) != cleaning.cleaning_seq)
        return fail(ErrorCode::Internal, {"Nomor urut entri pembersihan tidak sesuai", "The clean-up entry got an unexpected seq"});
    return {};
}

Result<std::int64_t> audit_index_backlog(db::Database& db) {
    auto c = PILAR_TRY(db.acquire());
    auto const head = PILAR_TRY(audit_store::last_link(*c));
    if (!head) return 0;
    return std::max<std::int64_t>(0, head->seq - PILAR_TRY(audit_store::indexed_seq(*c)));
}

Result<std::int64_t> catch_up_audit_index(db::Database& db, std::int64_t batch) {
    std::int64_t total = 0;
    // A read first: an idle server looks every second and must not take the write lock.
    if (PILAR_TRY(audit_index_backlog(db)) == 0) return total;
    auto c = PILAR_TRY(db.acquire());
    for (;;) {
        auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
        auto const added = PILAR_TRY(audit_store::index_catch_up(*c, batch));
        PILAR_TRY(tx.commit());
        total += added;
        if (added < batch) return total;
    }
}

// The jthread member stops and joins the indexer (its wait wakes on the stop request).
AuditService::~AuditService() = default;

void AuditService::start_indexer(AuditIndexerPolicy policy) {
    if (m_indexer.joinable()) return;
    m_indexer = std::jthread([this, policy](std::stop_token stop) {
        lower_this_thread_priority();
        std::optional<std::chrono::steady_clock::time_point> waiting_since;  // when a backlog was first seen
        while (!stop.stop_requested()) {
            auto backlog = audit_index_backlog(m_db);
            if (!backlog) {
                spdlog::warn("audit index: {}", backlog.error().describe(Lang::En));
            } else if (*backlog == 0) {
                waiting_since.reset();
            } else {
                auto const now = std::chrono::steady_clock::now();
                if (!waiting_since) waiting_since = now;
                if (*backlog >= policy.min_batch || now - *waiting_since >= policy.max_delay) {
                    if (auto r = catch_up_audit_index(m_db); !r)
                        spdlog::warn("audit index: {}", r.error().describe(Lang::En));
                    else
                        waiting_since.reset();
                }
            }
            std::unique_lock lock(m_indexer_mutex);
            m_indexer_cv.wait_for(lock, stop, policy.check, [] { return false; });
        }
    });
}

void set_audit_disabled_for_benchmark(bool disabled) { g_audit_disabled_for_benchmark = disabled; }

Result<AuditAnchor> AuditAnchor::parse(std::string_view text) {
    auto bad = [] {
        return fail(Error(ErrorCode::InvalidArgument, {"Jangkar harus SEQ:HASH (64 digit heksadesimal)",
                                                       "The anchor must be SEQ:HASH (64 hex digits)"})
                        .at_field("anchor"));
    };
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return bad();
    AuditAnchor a;
    auto seq = text.substr(0, colon);
    auto [p, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), a.seq);
    if (ec != std::errc{} || p != seq.data() + seq.size() || a.seq < 1) return bad();
    a.hash = to_lower_ascii(text.substr(colon + 1));
    if (a.hash.size() != 64 || a.hash.find_first_not_of("0123456789abcdef") != std::string::npos) return bad();
    return a;
}

std::string_view audit_problem_name(AuditProblem p) {
    switch (p) {
        case AuditProblem::None: return "none";
        case AuditProblem::Edited: return "edited";
        case AuditProblem::Removed: return "removed";
        case AuditProblem::Reordered: return "reordered";
        case AuditProblem::Truncated: return "truncated";
    }
    return "none";
}

std::string AuditVerifyReport::summary(Lang lang) const {
    if (ok) return fmt::format("ok: {} entries, head {}", count, head_hash);
    return reason.in(lang);
}

Result<AuditVerifyReport> AuditService::verify(Actor const& actor, std::optional<AuditAnchor> anchor) {
    PILAR_TRY(require_auditor(actor));
    auto c = PILAR_TRY(m_db.acquire());
    auto tx = PILAR_TRY(c->begin(db::TxMode::Read));  // one snapshot, while writers go on
    AuditVerifyReport r;
    std::optional<std::string> anchor_seen;  // the hash stored at the anchor's seq
    auto bad = [&r](std::int64_t seq, AuditProblem p, Text why) {
        r.ok = false;
        r.bad_seq = seq;
        r.problem = p;
        r.reason = std::move(why);
        return false;
    };
    // Redacted rows by the seq of the redaction entry they name, with the digest of what they hold now.
    struct Claim {
        std::int64_t seq;
        std::string payload_hash;
    };
    std::map<std::int64_t, std::vector<Claim>> claims;
    auto bad_redaction = [&bad](std::int64_t seq) {
        return bad(seq, AuditProblem::Edited,
                   {fmt::format("audit seq {}: isinya dihapus atau diganti tanpa entri audit.redact atau audit.bersihkan "
                                "yang mencatatnya (diubah)", seq),
                    fmt::format("audit seq {}: its payload was removed or replaced without an audit.redact or "
                                "audit.bersihkan entry listing it (edited)", seq)});
    };
    PILAR_TRY(audit_store::scan(
        *c, {}, audit_store::Order::OldestFirst, 0, [&](AuditEntry const& e) -> Result<bool> {
            std::int64_t const expected = r.head_seq + 1;
            if (e.seq > expected)
                return bad(expected, AuditProblem::Removed,
                           {e.seq == expected + 1
                                ? fmt::format("audit seq {}: entri hilang (dihapus); setelah seq {} langsung seq {}",
                                              expected, r.head_seq, e.seq)
                                : fmt::format("audit seq {}-{}: entri hilang (dihapus); setelah seq {} langsung seq {}",
                                              expected, e.seq - 1, r.head_seq, e.seq),
                            e.seq == expected + 1
                                ? fmt::format("audit seq {}: entry missing (removed); seq {} is followed by seq {}",
                                              expected, r.head_seq, e.seq)
                                : fmt::format("audit seq {}-{}: entries missing (removed); seq {} is followed by seq {}",
                                              expected, e.seq - 1, r.head_seq, e.seq)});
            if (e.seq < expected)
                return bad(e.seq, AuditProblem::Reordered,
                           {fmt::format("audit seq {}: nomor urut tidak sah (disisipkan)", e.seq),
                            fmt::format("audit seq {}: invalid sequence number (inserted)", e.seq)});
            if (e.redacted_by) {
                // The payload is gone on purpose; the row must be listed by the later audit.redact
                // entry it names (checked when that entry is reached, or at the end).
                claims[*e.redacted_by].push_back({e.seq, audit_payload_hash(e)});
            } else if (e.payload_hash && audit_payload_hash(e) != *e.payload_hash) {
                return bad(e.seq, AuditProblem::Edited,
                           {fmt::format("audit seq {}: isi entri tidak cocok dengan hash-nya (diubah): sebelum/sesudah/keterangan", e.seq),
                            fmt::format("audit seq {}: the entry does not match its hash (edited): before/after/detail", e.seq)});
            }
            // A redacted v1 row (written before chain v2) cannot be recomputed: only its links are checked.
            if ((!e.redacted_by || e.payload_hash) && audit_hash(e) != e.hash)
                return bad(e.seq, AuditProblem::Edited,
                           {fmt::format("audit seq {}: isi entri tidak cocok dengan hash-nya (diubah)", e.seq),
                            fmt::format("audit seq {}: the entry does not match its hash (edited)", e.seq)});
            if (e.action == "audit.redact") {
                auto listed = redaction_list(e.after_json);
                if (auto it = claims.find(e.seq); it != claims.end()) {
                    for (auto const& claim : it->second)
                        if (std::find(listed.begin(), listed.end(), claim.seq) == listed.end()) return bad_redaction(claim.seq);
                    claims.erase(it);
                }
            } else if (e.action == kAuditCleaningAction) {
                // A partial redaction: each row must hold exactly the cleaned payload listed here.
                auto listed = cleaning_list(e.after_json);
                if (auto it = claims.find(e.seq); it != claims.end()) {
                    for (auto const& claim : it->second) {
                        auto found = listed.find(claim.seq);
                        if (found == listed.end()) return bad_redaction(claim.seq);
                        if (found->second != claim.payload_hash)
                            return bad(claim.seq, AuditProblem::Edited,
                                       {fmt::format("audit seq {}: isinya berbeda dari yang dibersihkan oleh seq {} (diubah)",
                                                    claim.seq, e.seq),
                                        fmt::format("audit seq {}: its payload differs from the one cleaned by seq {} (edited)",
                                                    claim.seq, e.seq)});
                    }
                    claims.erase(it);
                }
            }
            if (e.prev_hash != r.head_hash)
                return bad(e.seq, AuditProblem::Reordered,
                           {fmt::format("audit seq {}: prev_hash tidak sama dengan hash seq {} (urutan diubah, entri "
                                        "disisipkan, atau seq {} ditulis ulang)",
                                        e.seq, r.head_seq, r.head_seq),
                            fmt::format("audit seq {}: prev_hash does not match the hash of seq {} (reordered, "
                                        "inserted, or seq {} rewritten)",
                                        e.seq, r.head_seq, r.head_seq)});
            r.head_seq = e.seq;
            r.head_hash = e.hash;
            ++r.count;
            if (anchor && anchor->seq == e.seq) anchor_seen = e.hash;
            return true;
        }));
    // A redaction claim whose audit.redact entry never came (or was not one).
    if (r.ok && !claims.empty()) {
        std::int64_t first = 0;
        for (auto const& [by, rows] : claims)
            for (auto const& claim : rows)
                if (!first || claim.seq < first) first = claim.seq;
        bad_redaction(first);
    }
    if (r.ok && anchor) {
        if (!anchor_seen)
            bad(anchor->seq, AuditProblem::Truncated,
                {fmt::format("audit seq {}: entri yang dijangkarkan tidak ada lagi; log berakhir di seq {} (entri terbaru "
                             "dihapus)",
                             anchor->seq, r.head_seq),
                 fmt::format("audit seq {}: the anchored entry is gone; the log ends at seq {} (newest entries removed)",
                             anchor->seq, r.head_seq)});
        else if (*anchor_seen != anchor->hash)
            bad(anchor->seq, AuditProblem::Edited,
                {fmt::format("audit seq {}: hash berbeda dari jangkar yang dicatat (rantai ditulis ulang)", anchor->seq),
                 fmt::format("audit seq {}: the hash differs from the recorded anchor (the chain was rewritten)",
                             anchor->seq)});
    }
    return r;
}

Result<AuditFilter> AuditService::make_filter(AuditFilter f, std::optional<std::string> const& cursor) {
    if (f.from) {
        if (trim(*f.from).empty())
            f.from.reset();
        else
            f.from = PILAR_TRY(time_bound(*f.from, "from"));
    }
    if (f.to) {
        if (trim(*f.to).empty())
            f.to.reset();
        else
            f.to = PILAR_TRY(time_bound(*f.to, "to"));
    }
    PILAR_TRY(short_text(f.actor, "actor"));
    PILAR_TRY(short_text(f.action, "action"));
    if (f.action) {
        while (!f.action->empty() && (f.action->back() == '.' || f.action->back() == '*')) f.action->pop_back();
        if (f.action->empty()) f.action.reset();
    }
    PILAR_TRY(short_text(f.entity, "entity"));
    PILAR_TRY(short_text(f.entity_id, "entity_id"));
    if (cursor && !cursor->empty()) {
        std::int64_t seq = 0;
        auto [p, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), seq);
        if (ec != std::errc{} || p != cursor->data() + cursor->size() || seq < 1)
            return fail(Error(ErrorCode::InvalidArgument, {"cursor tidak sah", "Invalid cursor"}).at_field("cursor"));
        f.before_seq = seq;
    }
    return f;
}

Result<AuditPage> AuditService::list(Actor const& actor, AuditFilter const& filter_in, int limit) {
    PILAR_TRY(require_auditor(actor));
    AuditFilter const filter = in_area_of(actor, filter_in);
    if (limit < 1 || limit > kAuditPageMax)
        return fail(Error(ErrorCode::InvalidArgument, {fmt::format("limit harus 1 sampai {}", kAuditPageMax),
                                                       fmt::format("limit must be 1 to {}", kAuditPageMax)})
                        .at_field("limit"));
    auto c = PILAR_TRY(m_db.acquire());
    AuditPage page;
    // One more than asked tells whether there is a next page.
    PILAR_TRY(audit_store::scan(*c, filter, audit_store::Order::NewestFirst, limit + 1,
                                [&](AuditEntry const& e) -> Result<bool> {
                                    page.items.push_back(e);
                                    return true;
                                }));
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.pop_back();
        page.next = std::to_string(page.items.back().seq);
    }
    return page;
}

Result<AuditExportReport> AuditService::export_csv(Actor const& actor, AuditFilter const& filter_in, CsvWriter& out,
                                                   std::int64_t max_rows) {
    PILAR_TRY(require_auditor(actor));
    AuditFilter const filter = in_area_of(actor, filter_in);
    AuditExportReport report;
    report.verify = PILAR_TRY(verify(actor));
    auto c = PILAR_TRY(m_db.acquire());
    {
        auto tx = PILAR_TRY(c->begin(db::TxMode::Read));
        PILAR_TRY(out.write_row({"seq", "at", "actor_user_id", "actor_username", "actor_role", "client_address",
                                 "request_id", "action", "entity", "entity_id", "before_json", "after_json", "detail",
                                 "prev_hash", "hash", "payload_hash", "redacted_by"}));
        // An absent before/after (NULL) and an empty one cannot both be written as an empty CSV
        // field; NULL is written empty, and no module stores empty JSON.
        auto write = [&](AuditEntry const& e) -> Result<bool> {
            if (max_rows > 0 && report.rows >= max_rows)
                return fail(ErrorCode::InvalidArgument,
                            {fmt::format("Lebih dari {} entri cocok; persempit rentang (from/to) atau pakai `pilar "
                                         "audit export`",
                                         max_rows),
                             fmt::format("More than {} entries match; narrow the range (from/to) or use `pilar "
                                         "audit export`",
                                         max_rows)});
            std::string const seq = std::to_string(e.seq);
            std::string const uid = std::to_string(e.actor_user_id);
            std::string const redacted = e.redacted_by ? std::to_string(*e.redacted_by) : std::string();
            PILAR_TRY(out.write_row({seq, e.at, uid, e.actor_username, e.actor_role, e.client_address,
                                     e.request_id, e.action, e.entity, e.entity_id, e.before_json.value_or(""),
                                     e.after_json.value_or(""), e.detail, e.prev_hash, e.hash,
                                     e.payload_hash.value_or(""), redacted}));
            ++report.rows;
            return true;
        };
        PILAR_TRY(audit_store::scan(*c, filter, audit_store::Order::OldestFirst, 0, write));
        PILAR_TRY(out.flush());
    }
    // Handing the trail to someone outside is itself something an inspector will ask about.
    std::string filters;
    auto note = [&](std::string_view name, std::optional<std::string> const& v) {
        if (v) filters += fmt::format("{}{}={}", filters.empty() ? "" : " ", name, *v);
    };
    note("from", filter.from);
    note("to", filter.to);
    note("actor", filter.actor);
    note("action", filter.action);
    note("entity", filter.entity);
    note("entity_id", filter.entity_id);
    auto tx = PILAR_TRY(c->begin(db::TxMode::Write));
    PILAR_TRY(append_audit(*c, actor,
                           {.action = "audit.export",
                            .entity = "audit",
                            .entity_id = "",
                            .after_json = fmt::format(R"({{"rows":{},"verified":{},"head_seq":{},"head_hash":"{}"}})",
                                                      report.rows, report.verify.ok ? "true" : "false",
                                                      report.verify.head_seq, report.verify.head_hash),
                            .detail = filters.empty() ? "all" : filters}));
    PILAR_TRY(tx.commit());
    return report;
}

Result<std::vector<AuditEntry>> record_history(db::Connection& c, std::string_view entity, std::string_view entity_id,
                                               int limit) {
    AuditFilter f;
    f.entity = std::string(entity);
    f.entity_id = std::string(entity_id);
    std::vector<AuditEntry> out;
    PILAR_TRY(audit_store::scan(c, f, audit_store::Order::OldestFirst, limit, [&](AuditEntry const& e) -> Result<bool> {
        out.push_back(e);
        return true;
    }));
    return out;
}

}  // namespace pilar::access
