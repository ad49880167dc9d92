#include "search/service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/background.hpp"
#include "core/strings.hpp"
#include "core/wilayah_code.hpp"

namespace pilar::search {
namespace {

// Beyond this many feed entries behind, a fresh snapshot is cheaper than replaying them.
constexpr std::int64_t kRebuildGap = 50000;
constexpr int kFeedBatch = 5000;

Error invalid(std::string field, Text t) { return Error(ErrorCode::InvalidArgument, std::move(t)).at_field(std::move(field)); }

Actor feed_actor() { return Actor::system("indeks-cari"); }

IndexEntry entry_of(registry::store::SearchScanRow const& r) {
    IndexEntry e{.id = r.id, .nama = r.nama, .kode_wilayah = r.kode_wilayah};
    auto const& d = r.tanggal_lahir;
    if (d.size() >= 4 && is_all_digits(d.substr(0, 4))) e.tahun_lahir = std::stoi(std::string(d.substr(0, 4)));
    if (d.size() == 10 && is_all_digits(d.substr(5, 2)) && is_all_digits(d.substr(8, 2)))
        e.bulan_hari = std::stoi(std::string(d.substr(5, 2))) * 100 + std::stoi(std::string(d.substr(8, 2)));
    e.sex = r.jenis_kelamin == "L" ? Sex::L : r.jenis_kelamin == "P" ? Sex::P : Sex::Unknown;
    return e;
}

}  // namespace

std::vector<RegionRange> scope_ranges(Actor const& actor) {
    std::vector<RegionRange> out;
    if (actor.is_system()) return out;
    for (auto const& code : actor.scope)
        if (auto r = region_range(code.dotted())) out.push_back(*r);
    // A user with no usable scope sees nobody: an empty range, not "everything".
    if (out.empty()) out.push_back({0, 0});
    return out;
}

SearchService::~SearchService() {
    if (m_warm_up.joinable()) m_warm_up.join();
}

void SearchService::warm_up() {
    if (m_warm_up.joinable()) return;
    m_warm_up = std::thread([this] {
        // ~10 s of CPU per million members while the server already answers reads.
        lower_this_thread_priority();
        if (auto r = catch_up(); !r) spdlog::warn("search index: {}", r.error().describe(Lang::En));
        else spdlog::info("search index: {} members", size());
    });
}

std::size_t SearchService::size() const {
    std::shared_lock lock(m_index_mutex);
    return m_index.size();
}

Result<void> SearchService::rebuild() {
    // Built aside, then swapped in: searches keep using the old index meanwhile.
    PersonIndex fresh;
    auto const head = PILAR_TRY(m_registry.search_snapshot(feed_actor(), [&](registry::store::SearchScanRow const& r) -> Result<void> {
        fresh.upsert(entry_of(r));
        return {};
    }));
    std::unique_lock lock(m_index_mutex);
    m_index = std::move(fresh);
    m_applied = head;
    return {};
}

Result<void> SearchService::catch_up() {
    // Inside a db::Batch (offline sync) this thread's reads see the batch's uncommitted writes; were
    // they applied and the batch then rolled back, the index would hold what never happened and
    // skip the feed positions reused afterwards. So the batch's own writes wait: the sync request
    // is acknowledged only after the batch commits, and the next search catches up then.
    if (db::batch_connection() != nullptr) return {};
    std::lock_guard guard(m_catch_up_mutex);
    auto const head = PILAR_TRY(m_registry.search_head(feed_actor()));
    if (m_applied >= 0 && head == m_applied) return {};
    if (m_applied < 0 || head - m_applied > kRebuildGap || head < m_applied) PILAR_TRY(rebuild());
    for (;;) {
        struct Change {
            std::int64_t id;
            bool live;
            std::string nama, jenis_kelamin, tanggal_lahir, kode_wilayah;
        };
        std::vector<Change> changes;
        auto step = PILAR_TRY(m_registry.search_changes(feed_actor(), m_applied, kFeedBatch,
                                                        [&](registry::store::SearchScanRow const& r) -> Result<void> {
            changes.push_back({r.id, r.live, std::string(r.nama), std::string(r.jenis_kelamin), std::string(r.tanggal_lahir),
                               std::string(r.kode_wilayah)});
            return {};
        }));
        {
            std::unique_lock lock(m_index_mutex);
            for (auto const& c : changes) {
                if (!c.live) {
                    m_index.erase(c.id);
                    continue;
                }
                m_index.upsert(entry_of({.id = c.id, .nama = c.nama, .jenis_kelamin = c.jenis_kelamin,
                                         .tanggal_lahir = c.tanggal_lahir, .kode_wilayah = c.kode_wilayah, .live = true}));
            }
            m_applied = step.reached;
        }
        if (step.entries < kFeedBatch) break;
    }
    return {};
}

Result<std::vector<Hit>> SearchService::find(Actor const& actor, IndexQuery q) {
    PILAR_TRY(catch_up());
    q.scope = scope_ranges(actor);
    std::shared_lock lock(m_index_mutex);
    return m_index.search(q);
}

void SearchService::name_kelurahan(Hasil& h) {
    h.kode_kelurahan = h.anggota.kode_wilayah.substr(0, 13);
    if (auto w = m_wilayah.get(h.kode_kelurahan)) h.nama_kelurahan = w->nama;
}

Result<SearchResult> SearchService::search(Actor const& actor, SearchQuery const& in) {
    auto const text = std::string(trim(in.q));
    if (text.empty()) return fail(invalid("q", {"kata pencarian (q) wajib diisi", "a search text (q) is required"}));
    if (text.size() > 200)
        return fail(invalid("q", {"kata pencarian paling panjang 200 karakter", "the search text may be at most 200 characters"}));
    if (!is_valid_utf8(text)) return fail(invalid("q", {"kata pencarian bukan UTF-8 yang sah", "the search text is not valid UTF-8"}));
    if (in.limit < 1 || in.limit > 50) return fail(invalid("limit", {"limit harus 1 sampai 50", "limit must be 1 to 50"}));

    SearchResult out;
    if (text.size() == 16 && is_all_digits(text)) {
        // An identity number: exact, through the registry's blind indexes (and its scope).
        for (auto const& [cara, field] : {std::pair{"nik", &registry::ListQuery::nik}, std::pair{"no_kk", &registry::ListQuery::no_kk}}) {
            registry::ListQuery lq;
            lq.*field = text;
            lq.limit = in.limit;
            auto page = PILAR_TRY(m_registry.list_anggota(actor, lq));
            if (page.items.empty()) continue;
            out.cara = cara;
            for (auto& a : page.items) out.items.push_back({.anggota = std::move(a), .skor = 1.0});
            for (auto& h : out.items) name_kelurahan(h);
            return out;
        }
        out.cara = "nik";
        return out;
    }

    IndexQuery q{.nama = text, .limit = in.limit};
    if (in.tahun_lahir) {
        if (*in.tahun_lahir < 1900 || *in.tahun_lahir > 2100)
            return fail(invalid("tahun_lahir", {"tahun_lahir harus 1900 sampai 2100", "tahun_lahir must be 1900 to 2100"}));
        if (in.toleransi_tahun < 0 || in.toleransi_tahun > 10)
            return fail(invalid("toleransi_tahun", {"toleransi_tahun harus 0 sampai 10", "toleransi_tahun must be 0 to 10"}));
        q.tahun_lahir = in.tahun_lahir;
        q.toleransi_tahun = in.toleransi_tahun;
    }
    if (in.tanggal_lahir) {
        auto const& d = *in.tanggal_lahir;
        bool const shape = d.size() == 10 && d[4] == '-' && d[7] == '-' && is_all_digits(d.substr(0, 4)) &&
                           is_all_digits(d.substr(5, 2)) && is_all_digits(d.substr(8, 2));
        int const y = shape ? std::stoi(d.substr(0, 4)) : 0, m = shape ? std::stoi(d.substr(5, 2)) : 0,
                  day = shape ? std::stoi(d.substr(8, 2)) : 0;
        if (!shape || y < 1900 || y > 2100 || m < 1 || m > 12 || day < 1 || day > 31)
            return fail(invalid("tanggal_lahir", {"tanggal_lahir harus berbentuk YYYY-MM-DD (1900-2100)",
                                                  "tanggal_lahir must be YYYY-MM-DD (1900-2100)"}));
        if (in.toleransi_tahun < 0 || in.toleransi_tahun > 10)
            return fail(invalid("toleransi_tahun", {"toleransi_tahun harus 0 sampai 10", "toleransi_tahun must be 0 to 10"}));
        q.tanggal_lahir = d;
        if (!q.tahun_lahir) {
            q.tahun_lahir = y;
            q.toleransi_tahun = in.toleransi_tahun;
        }
    }
    if (in.jenis_kelamin) {
        if (*in.jenis_kelamin == "L") q.sex = Sex::L;
        else if (*in.jenis_kelamin == "P") q.sex = Sex::P;
        else return fail(invalid("jenis_kelamin", {"jenis_kelamin harus L atau P", "jenis_kelamin must be L or P"}));
    }
    if (in.kode_wilayah) {
        auto code = WilayahCode::parse(*in.kode_wilayah);
        if (!code) return fail(code.error().at_field("kode_wilayah"));
        q.wilayah = region_range(code->dotted());
    }
    out.cara = "nama";
    // A few more than asked: a hit the registry no longer shows (changed since) is skipped.
    q.limit = in.limit + 5;
    auto hits = PILAR_TRY(find(actor, q));
    for (auto const& h : hits) {
        auto a = m_registry.anggota(actor, h.id);
        if (!a) {
            if (a.error().code == ErrorCode::NotFound) continue;
            return fail(a.error());
        }
        out.items.push_back({.anggota = std::move(*a), .skor = h.score});
        name_kelurahan(out.items.back());
        if (static_cast<int>(out.items.size()) == in.limit) break;
    }
    return out;
}

}  // namespace pilar::search
