// The fuzzy person index (issue 6 item 7): finds registry members by a name typed the way people
// type Indonesian names — titles or not, Moch./Muhammad, old spelling, Nurhayati / Nur Hayati,
// Liem/Lim, a letter dropped, added or swapped — with optional birth-year, sex and region filters,
// and ranks them by a similarity score, then by what else the query agrees on (the birth date or
// the exact year typed: IndexQuery::tanggal_lahir, kSameBirthDate).
//
//   PersonIndex index;
//   index.upsert({.id = 7, .nama = "Hj. Siti Nurhayati", .tahun_lahir = 1984, .sex = Sex::P,
//                 .kode_wilayah = "36.71.01.1001.004.002"});
//   auto hits = index.search({.nama = "siti nur hayatti", .limit = 10});   // {{7, 0.97}}
//   index.erase(7);                                                         // gone
//
// How: every name is normalised by src/linkage (normalise_name: titles, Muhammad variants, old
// spelling, joined prefixes) and each token reduced to its Indonesian phonetic key
// (phonetic_key: ai/e, f/p, z/j ...). The postings map a key to the people holding it; the keys of
// two adjacent tokens written together are indexed too, so "Nur Hayati" also files under
// "nurhayati". Typos are found through a deletion neighbourhood over the (few tens of thousands
// of) distinct keys: a query key and an indexed key within one edit share a one-letter deletion.
// An ambiguous query is read more than one way — a lone "H." as the title Haji and as an initial,
// a token nobody is called split into two names ("Fatimahnurlela"), an old-spelling "tj" inside a
// word as c and as t + y ("Aditja" is Aditya), a token nobody is called that is one edit from a
// variant form the normaliser knows as that form ("Ouey" as Oey, "Liea" as Liem, "Akimad" as
// Akhmad; scored x 0.95) — and a candidate scores by its best reading; an initial ("E.") is
// matched as a first letter, never as a phonetic key, and also as the old spelling's first letter
// a little lower (J. for Yuyun, T. for Tjoa, D. for Djoko, O. for Oetomo, C. for Chairul).
// A query first scores candidates by the rarity (IDF) of the keys they share with it, then the best
// few hundred are ranked by token-set similarity — linkage's Jaro-Winkler on normalised tokens,
// with full credit for agreeing phonetic keys and for initials — and the top `limit` returned.
//
// Why in memory and not in SQL tables: a person's keys plus their typo neighbourhoods are dozens of
// rows each (tens of millions at 2 M persons, slowing every import and write), and a ranked
// top-k over such rows is many index probes per query in SQLite or PostgreSQL; the in-memory
// postings answer in a few milliseconds. The index is derived data: src/search's service builds it
// from the registry and catches it up from the change feed (migration 0014) before every query,
// which works unchanged when several server processes share one PostgreSQL database.
//
// Not thread-safe for writers: callers hold a shared lock to search and an exclusive one to change
// it (SearchService does). Scratch space for searching is per thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pilar::search {

enum class Sex : std::uint8_t { Unknown, L, P };

// A region and everything below it as a range of 16-digit numbers: the code's digits padded on
// the right with zeros ("36.71.01" -> [3671010000000000, 3671020000000000)). RW and RT numbers are
// three digits, so codes at every level compare as numbers.
struct RegionRange {
    std::uint64_t lo = 0, hi = 0;  // [lo, hi)
    [[nodiscard]] bool contains(std::uint64_t code) const { return code >= lo && code < hi; }
};
// nullopt when `dotted` is not digits and dots or longer than an RT code.
std::optional<RegionRange> region_range(std::string_view dotted);
// The member's deepest code as a number (0 when unusable).
std::uint64_t region_number(std::string_view dotted);

struct IndexEntry {
    std::int64_t id = 0;
    std::string_view nama;
    int tahun_lahir = 0;  // 0: unknown
    int bulan_hari = 0;   // month * 100 + day of the birth date; 0: unknown
    Sex sex = Sex::Unknown;
    std::string_view kode_wilayah;  // dotted, the member's deepest code
};

struct IndexQuery {
    std::string_view nama;
    std::optional<int> tahun_lahir;
    int toleransi_tahun = 0;          // with tahun_lahir: born within +- this many years
    Sex sex = Sex::Unknown;           // Unknown: either
    std::optional<RegionRange> wilayah;  // the filter asked for
    std::vector<RegionRange> scope;      // the caller's scope: a person must lie in one; empty = all
    // The full birth date when the searcher knows it ("YYYY-MM-DD"; anything else is ignored): not
    // a filter but a ranking signal — the same date first, then day and month swapped (a common
    // entry slip). Pair it with tahun_lahir (+- tolerance) to restrict the candidates.
    std::string_view tanggal_lahir;
    int limit = 10;
};

struct Hit {
    std::int64_t id = 0;
    double score = 0;  // 0..1, 1 = the same name
};

// How hits are ordered: the name similarity plus what else the query agrees on (the searcher's
// soft signals). The year typed is strong evidence: it comes from a KTP or KK, and the tolerance
// (+-1 by default) is for the odd slip, so within it the exact year outweighs a name that differs
// by a dropped middle name (0.8 against 1.0 for three tokens against two): someone born in the
// year typed whose middle name the searcher left out ("Aditya Permana" for Aditya Bintang
// Permana) comes before the twenty "Aditya Permana" born a year either side. In likelihood terms:
// an exact year is some 40 times likelier than a year off by one for the same person (against 1 :
// 2 for a stranger in the window), a dropped middle name about 10 times less likely than the
// full name typed. The full birth date weighs more again (day and month swapped a little less);
// a namesake written exactly as typed does not outrank someone whose name is a close variant but
// whose full birth date is the one typed.
inline constexpr double kSameBirthDate = 0.35;
inline constexpr double kSwappedBirthDate = 0.3;  // day and month swapped, same year
inline constexpr double kSameBirthYear = 0.25;    // with a year tolerance: the exact year first

// The name as the index sees it: normalised tokens (own name then bin/binti), at most kMaxTokens.
inline constexpr std::size_t kMaxTokens = 6;
std::vector<std::string> index_tokens(std::string_view nama);

// Token-set similarity of two normalised token lists, 0..1 (the ranking score): each token's best
// match on the other side (equal 1, same phonetic key 0.97, an initial 0.9, else Jaro-Winkler),
// averaged over both sides' tokens; equal when written joined or split.
double name_similarity(std::vector<std::string> const& a, std::vector<std::string> const& b);

class PersonIndex {
public:
    // Adds the member, or replaces what the index held for this id.
    void upsert(IndexEntry const& e);
    void erase(std::int64_t id);
    [[nodiscard]] std::size_t size() const { return m_slot_of.size(); }
    [[nodiscard]] bool contains(std::int64_t id) const { return m_slot_of.contains(id); }

    // Best first (score, then id); at most q.limit. An empty or unusable name finds nothing.
    [[nodiscard]] std::vector<Hit> search(IndexQuery const& q) const;

private:
    static constexpr std::size_t kMaxKeys = 2 * kMaxTokens - 1;  // tokens, then adjacent pairs
    struct Slot {
        std::int64_t id = 0;
        std::uint8_t ntok = 0, nkeys = 0;
        std::array<std::uint32_t, kMaxTokens> tokens{};
        std::array<std::uint32_t, kMaxKeys> keys{};  // distinct
    };
    // What the filters and the soft signals read, apart from the names (16 bytes a slot, so that
    // checking the filters over a long posting list reads little memory).
    struct Meta {
        std::uint64_t region = 0;
        std::int16_t year = 0;
        std::uint16_t md = 0;  // month * 100 + day
        Sex sex = Sex::Unknown;
        bool live = false;
        std::uint8_t ntok = 0;  // tokens of the name (the first stage prefers the query's count)
    };

    std::uint32_t token_id(std::string const& token);
    std::uint32_t key_id(std::string const& key);
    void unlink(std::uint32_t slot);
    [[nodiscard]] bool passes(std::uint32_t slot, IndexQuery const& q) const;
    struct Soft {
        int year = 0, md = 0;  // 0: not given
    };
    [[nodiscard]] static Soft soft_of(IndexQuery const& q);
    [[nodiscard]] double bonus(std::uint32_t slot, Soft const& soft) const;

    // Every key by shape (first letter, length): where a query key that is no indexed key looks
    // for keys two edits away; every token likewise, for a query token whose typo the phonetic
    // folding moved ("widayai": key widaje, three edits from widajati; one from the token widayati).
    [[nodiscard]] static std::uint32_t shape_of(std::string_view key) {
        return (static_cast<std::uint32_t>(static_cast<unsigned char>(key[0])) << 8) | static_cast<std::uint32_t>(std::min<std::size_t>(key.size(), 255));
    }

    std::vector<Slot> m_slots;
    std::vector<Meta> m_meta;  // by slot, as m_slots
    std::vector<std::uint32_t> m_free;
    std::unordered_map<std::int64_t, std::uint32_t> m_slot_of;

    std::unordered_map<std::string, std::uint32_t> m_token_ids;
    std::vector<std::string> m_token_text;
    std::vector<std::uint32_t> m_token_key;  // token -> key of the token alone

    std::unordered_map<std::string, std::uint32_t> m_key_ids;
    std::vector<std::string> m_key_text;
    std::vector<std::vector<std::uint32_t>> m_postings;  // key -> live slots (exact: removed on change)
    // One-letter deletions of every key ever indexed -> those keys (the typo neighbourhood).
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_deletions;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_keys_by_shape;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_tokens_by_shape;  // the same for tokens
};

}  // namespace pilar::search
