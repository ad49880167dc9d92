#include "search/index.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>

#include "linkage/name.hpp"
#include "linkage/similarity.hpp"

namespace pilar::search {
namespace {

// Keys this short only match exactly: their one-letter neighbourhood is half the dictionary.
constexpr std::size_t kMinTypoKeyLength = 4;
// A key held by more people than this is "common" (Siti, Muhammad, Nur): once rarer keys have
// found candidates, it only adds to their scores instead of bringing in its whole posting list.
constexpr std::size_t kCommonKey = 20000;
// A typo neighbour (not the query's own key) held by more people than this only adds to the
// scores of candidates found otherwise, once there are any.
constexpr std::size_t kNeighbourNew = 5000;
// A query token that is no indexed key is a typo or a spelling the index never saw: its neighbours
// are all there is, so they bring in candidates (best first) until this many postings, however
// large each one is ("Tatagn": Tatag is rare, the Tatang meant is common).
constexpr std::size_t kNeighbourBudget = 30000;
// Such a token of at least this many letters also looks for keys two edits away with the same
// first letter: a transposition across a folded letter pair ("Lestair": key lester, two edits from
// lestari) or a typo on top of a spelling variant. A shorter one looks one edit away.
constexpr std::size_t kMinFarKeyLength = 4;
// A query token that is no key and at least this long may be two names written together.
constexpr std::size_t kMinSplitLength = 7;
// Breaks ties between equal scores only (scores are rounded to 1e-4).
constexpr double kLeadingTokenAgrees = 1e-5;
// Two different tokens a typo apart only in their phonetic keys count only this alike or more (Jaro-Winkler).
constexpr double kMinTokenSimilarity = 0.8;
// How many first-stage candidates are ranked by the full similarity.
constexpr std::size_t kRerankMin = 200;
// Units of all the query's readings together (each reading's tokens and adjacent pairs, shared
// keys once): the per-unit stamps number them, at most this many.
constexpr std::size_t kMaxUnits = 4 * kMaxTokens;
// A reading that reads a typo in a variant form as the form ("Ouey" as Oey): its score is the
// similarity times this, about what a one-letter typo costs a two-token name.
constexpr double kVariantTypo = 0.95;
constexpr std::size_t kMaxVariantTypoReadings = 2;
// First stage: the score divided by 1 + this per token the candidate has more or fewer than the query.
constexpr double kLengthPenalty = 0.1;
// First stage: what a query's initial adds for a candidate with a token of that letter (a common
// key's rarity is about 2-3, a rare one's 8-12).
constexpr double kInitialWeight = 1.0;

// The query's tokens: the index's, except that a lone "M" / "M." the normaliser reads as Muhammad
// (the convention for a leading M.) stays an initial in a query — "M. Saputra" may be Mursid
// Saputra as well as Muhammad Saputra, and an initial still scores 0.9 against Muhammad.
std::vector<std::string> query_tokens(std::string_view nama) {
    auto tokens = index_tokens(nama);
    bool lone_m = false;
    for (std::size_t i = 0; i < nama.size() && !lone_m; ++i) {
        bool const start = i == 0 || !std::isalpha(static_cast<unsigned char>(nama[i - 1]));
        bool const end = i + 1 == nama.size() || !std::isalpha(static_cast<unsigned char>(nama[i + 1]));
        lone_m = start && end && (nama[i] == 'm' || nama[i] == 'M');
    }
    if (lone_m)
        if (auto it = std::find(tokens.begin(), tokens.end(), "muhammad"); it != tokens.end()) it->assign(1, 'm');
    return tokens;
}

// Whether the query has a standalone "H" / "H." the normaliser took for the title Haji: read
// before a name it is as often the initial of the first name ("H. Gunawan" for Hendra Gunawan,
// "dr. H. Hasanah" for Halimah Hasanah). "K.H." (kyai haji) and "Hj." are titles only.
bool typed_lone_h(std::string_view nama, std::vector<std::string> const& tokens) {
    if (std::find(tokens.begin(), tokens.end(), "h") != tokens.end()) return false;  // kept as a token already
    std::size_t i = 0;
    while (i < nama.size()) {
        while (i < nama.size() && (nama[i] == ' ' || nama[i] == ',')) ++i;
        std::size_t j = i;
        while (j < nama.size() && nama[j] != ' ' && nama[j] != ',') ++j;
        std::string_view const w = nama.substr(i, j - i);
        // "H", "H.", "H.Gunawan"; not "K.H." nor "Hj."
        if (!w.empty() && (w[0] == 'h' || w[0] == 'H') && (w.size() == 1 || w[1] == '.') &&
            w.find('.', 2) == std::string_view::npos)
            return true;
        i = j;
    }
    return false;
}

// "tj" inside a word is c in the old spelling (Soetjipto, Sucipto), but the same spelling wrote y
// as j, so it is as well t + y: Aditja is Aditya, Pratjaja Pratyaya. The normaliser reads c; the
// query gets a second reading with ty ("" when it has no tj inside a word). A leading Tj is c
// (Tjahjadi, Tjoa).
std::string ty_reading(std::string_view nama) {
    std::string out(nama);
    bool any = false;
    for (std::size_t i = 1; i + 1 < out.size(); ++i) {
        if ((out[i] == 't' || out[i] == 'T') && (out[i + 1] == 'j' || out[i + 1] == 'J') &&
            std::isalpha(static_cast<unsigned char>(out[i - 1]))) {
            out[i + 1] = out[i + 1] == 'J' ? 'Y' : 'y';
            any = true;
        }
    }
    return any ? out : std::string();
}

// A typo in a whole-token variant form the normaliser knows ("Ouey" for Oey, "Liea" for Liem,
// "Akimad" for Akhmad, "Noyor" for Noor): the token is one edit from the form, often not from its
// canonical token (oei, lim, ahmad, nur), and short forms have no typo neighbourhood. The canonical
// tokens of the forms one edit away (at most two). Not for a token of two letters: one edit from
// it is half the short forms ("Ei" for Edi is no Ui, Oei).
std::vector<std::string> variant_typos(std::string const& token) {
    std::vector<std::string> out;
    if (token.size() < 3) return out;
    for (auto const& [form, canonical] : linkage::variant_forms()) {
        if (form == token || canonical == token || form.size() + 1 < token.size() || form.size() > token.size() + 1) continue;
        if (linkage::damerau_levenshtein(token, form, 1) > 1) continue;
        if (std::find(out.begin(), out.end(), canonical) == out.end()) out.emplace_back(canonical);
        if (out.size() == 2) break;
    }
    return out;
}

// An initial against a name's first letters (normalised): 1 for the same letter, kOldInitial for
// the letter the old spelling began that name with — J. for Yusuf (Jusuf), T. for Cahyadi
// (Tjahjadi) and Cua (Tjoa), D. for Joko (Djoko), O. for Utomo (Oetomo), C. for Khairul (Chairul)
// —, else 0. Less than the same letter: most initials are written in today's spelling, and a
// J. is likelier Joko than Yuyun.
constexpr double kOldInitial = 0.5;
double initial_fits(char initial, std::string_view name) {
    if (name.empty()) return 0;
    if (name[0] == initial) return 1;
    bool old = false;
    switch (initial) {
        case 'j': old = name[0] == 'y'; break;
        case 't': old = name[0] == 'c'; break;
        case 'd': old = name[0] == 'j'; break;
        case 'o': old = name[0] == 'u'; break;
        case 'c': old = name.starts_with("kh"); break;
        default: break;
    }
    return old ? kOldInitial : 0;
}

std::string concat(std::vector<std::string> const& tokens) {
    std::string s;
    for (auto const& t : tokens) s += t;
    return s;
}

// Per-thread scratch sized to the slots: scores and "touched by this query / by this query unit"
// stamps, so that no array is cleared between queries. Zeroed memory comes from calloc, without
// constructing elements; a thread's first search still pays for mapping the arrays (27 MB at 2 M
// slots: 60-180 ms on the 2-core bench machine, once per thread, not per query).
struct Scratch {
    struct Free {
        void operator()(void* p) const { std::free(p); }
    };
    std::unique_ptr<float, Free> score_mem;
    std::unique_ptr<std::uint32_t, Free> seen_mem, unit_seen_mem;
    float* score = nullptr;
    std::uint32_t *seen = nullptr, *unit_seen = nullptr;
    std::size_t capacity = 0;
    std::vector<std::uint32_t> touched;
    std::uint32_t gen = 0;

    void begin(std::size_t slots) {
        if (capacity < slots) {
            capacity = slots + slots / 8 + 1024;  // room for the index to grow
            score_mem.reset(static_cast<float*>(std::calloc(capacity, sizeof(float))));
            seen_mem.reset(static_cast<std::uint32_t*>(std::calloc(capacity, sizeof(std::uint32_t))));
            unit_seen_mem.reset(static_cast<std::uint32_t*>(std::calloc(capacity, sizeof(std::uint32_t))));
            if (!score_mem || !seen_mem || !unit_seen_mem) throw std::bad_alloc();
            score = score_mem.get();
            seen = seen_mem.get();
            unit_seen = unit_seen_mem.get();
        }
        if (++gen >= (1u << 27)) {
            std::fill(seen, seen + capacity, 0);
            std::fill(unit_seen, unit_seen + capacity, 0);
            gen = 1;
        }
        touched.clear();
    }
    [[nodiscard]] std::uint32_t unit_stamp(std::size_t unit) const {
        return gen * static_cast<std::uint32_t>(kMaxUnits + 1) + static_cast<std::uint32_t>(unit) + 1;
    }
};

// Two tokens: equal 1, an initial of the other 0.9, the same phonetic key 0.97, a typo apart
// (one edit, two in tokens of six letters or more, in the letters, or in the keys with a
// Jaro-Winkler of at least kMinTokenSimilarity) their Jaro-Winkler, else 0: another name, not a near miss. Without that cut an unrelated token earned
// Jaro-Winkler's 0.4-0.8 by chance, so a candidate's extra middle name counted more or less
// depending on its letters and the person whose middle name the query left out ranked below
// strangers ("Aditya Permana" for Aditya Bintang Permana), and a different surname 0.83
// alike (Simatupang / Situmorang) beat the right surname with a dropped "Br".
double token_similarity(std::string_view x, std::string_view kx, std::string_view y, std::string_view ky) {
    if (x == y) return 1.0;
    if (x.size() == 1 || y.size() == 1) {  // an initial: 0.9 for its letter, 0.85 for its old spelling's
        double const fit = std::max(x.size() == 1 ? initial_fits(x[0], y) : 0.0, y.size() == 1 ? initial_fits(y[0], x) : 0.0);
        return fit == 0 ? 0.0 : fit == 1 ? 0.9 : 0.85;
    }
    if (!kx.empty() && kx == ky) return 0.97;
    int const edits = std::min(x.size(), y.size()) >= 6 ? 2 : 1;
    double const jw = linkage::jaro_winkler(x, y);
    if (linkage::damerau_levenshtein(x, y, edits) <= edits) return jw;
    // Near only in the keys: alike in the letters too (permana / firmansyah: keys permana / permansa).
    if (linkage::damerau_levenshtein(kx, ky, edits) <= edits && jw >= kMinTokenSimilarity) return jw;
    return 0.0;
}

// Token-set similarity over tokens with their phonetic keys.
double similarity(std::vector<std::string> const& a, std::vector<std::string> const& ka, std::vector<std::string> const& b,
                  std::vector<std::string> const& kb) {
    if (a.empty() || b.empty()) return 0;
    // An initial is a letter of its own, not part of a joined name: "E. Herlina" against Ai
    // Herlina shares the keys "e herlina" (ai -> e), yet E. is no Ai.
    auto initial = [](std::vector<std::string> const& x) {
        return std::any_of(x.begin(), x.end(), [](std::string const& t) { return t.size() == 1; });
    };
    bool const joinable = !initial(a) && !initial(b);
    if (joinable && concat(a) == concat(b)) return 1.0;  // the same letters, joined or split differently
    if (joinable && concat(ka) == concat(kb)) return 0.98;
    // Joined or split differently and a typo as well ("Rudiantogunaan").
    double joined = 0;
    if (joinable && a.size() != b.size()) {
        auto near = [](std::string const& x, std::string const& y) {
            if (std::min(x.size(), y.size()) < 8) return false;  // a short token more or less is no joining
            int const edits = std::min(x.size(), y.size()) >= 10 ? 2 : 1;
            return linkage::damerau_levenshtein(x, y, edits) <= edits;
        };
        if (near(concat(a), concat(b)) || near(concat(ka), concat(kb))) joined = 0.95;
    }
    // An initial stands for a name of its own: not for one the same side already writes in full
    // ("Kirana K. Maharani" against Kirana Maharani: the K. is not Kirana again; "A. Nuraini",
    // nur aini, against Nur Nuraini: the A. is not Aini).
    auto side = [](auto const& xs, auto const& kxs, auto const& ys, auto const& kys) {
        double sum = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            double best = 0;
            for (std::size_t j = 0; j < ys.size(); ++j) {
                if (xs[i].size() == 1 && std::find(xs.begin(), xs.end(), ys[j]) != xs.end()) continue;
                best = std::max(best, token_similarity(xs[i], kxs[i], ys[j], kys[j]));
            }
            sum += best;
        }
        return sum;
    };
    double const sa = side(a, ka, b, kb);
    double const sb = side(b, kb, a, ka);
    return std::max(joined, (sa + sb) / static_cast<double>(a.size() + b.size()));
}

std::vector<std::string> keys_of(std::vector<std::string> const& tokens) {
    std::vector<std::string> out;
    out.reserve(tokens.size());
    for (auto const& t : tokens) out.push_back(linkage::phonetic_key(t));
    return out;
}

}  // namespace

PersonIndex::Soft PersonIndex::soft_of(IndexQuery const& q) {
    Soft soft;
    auto const& d = q.tanggal_lahir;
    auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (d[i] < '0' || d[i] > '9') return -1;
            v = v * 10 + (d[i] - '0');
        }
        return v;
    };
    if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
        int const y = digits(0, 4), m = digits(5, 2), day = digits(8, 2);
        if (y > 0 && m >= 1 && m <= 12 && day >= 1 && day <= 31) return {.year = y, .md = m * 100 + day};
    }
    if (q.tahun_lahir) soft.year = *q.tahun_lahir;
    return soft;
}

std::optional<RegionRange> region_range(std::string_view dotted) {
    std::uint64_t v = 0;
    int digits = 0;
    for (char ch : dotted) {
        if (ch == '.') continue;
        if (ch < '0' || ch > '9' || digits == 16) return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(ch - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    std::uint64_t scale = 1;
    for (int i = digits; i < 16; ++i) scale *= 10;
    return RegionRange{v * scale, (v + 1) * scale};
}

std::uint64_t region_number(std::string_view dotted) {
    auto r = region_range(dotted);
    return r ? r->lo : 0;
}

std::vector<std::string> index_tokens(std::string_view nama) {
    auto n = linkage::normalise_name(nama);
    std::vector<std::string> out;
    for (auto* part : {&n.tokens, &n.father})
        for (auto& t : *part)
            if (!t.empty() && out.size() < kMaxTokens) out.push_back(std::move(t));
    return out;
}

double name_similarity(std::vector<std::string> const& a, std::vector<std::string> const& b) {
    return similarity(a, keys_of(a), b, keys_of(b));
}

std::uint32_t PersonIndex::token_id(std::string const& token) {
    auto [it, inserted] = m_token_ids.try_emplace(token, static_cast<std::uint32_t>(m_token_text.size()));
    if (inserted) {
        m_token_text.push_back(token);
        m_token_key.push_back(key_id(linkage::phonetic_key(token)));
        if (!token.empty()) m_tokens_by_shape[shape_of(token)].push_back(it->second);
    }
    return it->second;
}

std::uint32_t PersonIndex::key_id(std::string const& key) {
    auto [it, inserted] = m_key_ids.try_emplace(key, static_cast<std::uint32_t>(m_key_text.size()));
    if (inserted) {
        m_key_text.push_back(key);
        m_postings.emplace_back();
        if (!key.empty()) m_keys_by_shape[shape_of(key)].push_back(it->second);
        if (key.size() >= kMinTypoKeyLength) {
            std::string d;
            for (std::size_t i = 0; i < key.size(); ++i) {
                if (i > 0 && key[i] == key[i - 1]) continue;  // the same deletion as the previous letter's
                d.assign(key).erase(i, 1);
                m_deletions[d].push_back(it->second);
            }
        }
    }
    return it->second;
}

void PersonIndex::unlink(std::uint32_t slot) {
    auto& s = m_slots[slot];
    for (std::size_t i = 0; i < s.nkeys; ++i) {
        auto& p = m_postings[s.keys[i]];
        if (auto it = std::find(p.begin(), p.end(), slot); it != p.end()) {
            *it = p.back();
            p.pop_back();
        }
    }
    s.nkeys = 0;
    s.ntok = 0;
    m_meta[slot].live = false;
}

void PersonIndex::upsert(IndexEntry const& e) {
    std::uint32_t slot;
    if (auto it = m_slot_of.find(e.id); it != m_slot_of.end()) {
        slot = it->second;
        unlink(slot);
    } else if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
        m_slot_of.emplace(e.id, slot);
    } else {
        slot = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
        m_meta.emplace_back();
        m_slot_of.emplace(e.id, slot);
    }
    auto tokens = index_tokens(e.nama);
    Slot s{.id = e.id};
    m_meta[slot] = {.region = region_number(e.kode_wilayah), .year = static_cast<std::int16_t>(e.tahun_lahir),
                    .md = static_cast<std::uint16_t>(e.bulan_hari > 0 && e.bulan_hari <= 1231 ? e.bulan_hari : 0), .sex = e.sex, .live = true};
    auto add_key = [&](std::uint32_t k) {
        for (std::size_t i = 0; i < s.nkeys; ++i)
            if (s.keys[i] == k) return;
        s.keys[s.nkeys++] = k;
    };
    for (auto const& t : tokens) {
        auto const tok = token_id(t);
        s.tokens[s.ntok++] = tok;
        m_meta[slot].ntok = s.ntok;
        if (!m_key_text[m_token_key[tok]].empty()) add_key(m_token_key[tok]);
    }
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
        if (auto k = linkage::phonetic_key(tokens[i] + tokens[i + 1]); !k.empty()) add_key(key_id(k));
    for (std::size_t i = 0; i < s.nkeys; ++i) m_postings[s.keys[i]].push_back(slot);
    m_slots[slot] = s;
}

void PersonIndex::erase(std::int64_t id) {
    auto it = m_slot_of.find(id);
    if (it == m_slot_of.end()) return;
    unlink(it->second);
    m_free.push_back(it->second);
    m_slot_of.erase(it);
}

bool PersonIndex::passes(std::uint32_t slot, IndexQuery const& q) const {
    auto const& s = m_meta[slot];
    if (!s.live) return false;
    if (q.tahun_lahir && (s.year == 0 || std::abs(s.year - *q.tahun_lahir) > q.toleransi_tahun)) return false;
    if (q.sex != Sex::Unknown && s.sex != q.sex) return false;
    if (q.wilayah && !q.wilayah->contains(s.region)) return false;
    if (!q.scope.empty() &&
        std::none_of(q.scope.begin(), q.scope.end(), [&](RegionRange const& r) { return r.contains(s.region); }))
        return false;
    return true;
}

double PersonIndex::bonus(std::uint32_t slot, Soft const& soft) const {
    auto const& s = m_meta[slot];
    if (soft.year == 0 || s.year != soft.year) return 0;
    if (soft.md != 0 && s.md != 0) {
        if (s.md == soft.md) return kSameBirthDate;
        if (s.md == (soft.md % 100) * 100 + soft.md / 100) return kSwappedBirthDate;
    }
    return kSameBirthYear;
}

std::vector<Hit> PersonIndex::search(IndexQuery const& q) const {
    std::vector<Hit> out;
    if (q.limit <= 0) return out;
    // The query's readings: the tokens as the normaliser reads them and, where the writing is
    // ambiguous, other readings — a token that is no indexed name split where its halves are
    // names ("Fatimahnurlela": the index holds Fatimah Nurlela as fatimah nur lela, whose adjacent
    // pairs are no "fatimahnurlela"; "Sahalasianturi Robert" for Robert Sahala Sianturi: the pair
    // key finds him, but only split do the tokens score), a lone "H." read as an initial as well as
    // Haji. A candidate is found by any reading's keys and scored by its best reading.
    struct Reading {
        std::vector<std::string> tokens, keys;
        double weight = 1.0;  // a reading that corrects a typo scores a little less than one that finds the letters typed
    };
    std::vector<Reading> readings;
    {
        auto tokens = query_tokens(q.nama);
        if (tokens.empty()) return out;
        auto known = [&](std::string const& t) {
            auto const it = m_key_ids.find(linkage::phonetic_key(t));
            return it != m_key_ids.end() && !m_postings[it->second].empty();
        };
        std::vector<std::string> split;
        bool any_split = false;
        for (auto const& t : tokens) {
            std::vector<std::string> best;
            std::size_t best_known = 0;
            if (t.size() >= kMinSplitLength && !m_token_ids.contains(t)) {
                // Every cut leaving at least three letters each side, normalised as two words (so
                // "nurlela" becomes nur lela as in the index); the cut whose known parts hold the
                // most letters, at least half the token's, and whose unknown parts are long enough
                // to be found as typos ("Yatinurjaanh": yati nur + jaanh).
                for (std::size_t i = 3; i + 3 <= t.size(); ++i) {
                    auto parts = index_tokens(t.substr(0, i) + " " + t.substr(i));
                    std::size_t known_letters = 0;
                    bool usable = parts.size() >= 2;
                    for (auto const& part : parts) {
                        if (known(part)) known_letters += part.size();
                        else if (part.size() < kMinTypoKeyLength) usable = false;
                    }
                    if (usable && known_letters * 2 >= t.size() && known_letters > best_known) {
                        best = std::move(parts);
                        best_known = known_letters;
                    }
                }
            }
            if (best.empty()) {
                split.push_back(t);
            } else {
                any_split = true;
                for (auto& part : best) split.push_back(std::move(part));
            }
        }
        if (split.size() > kMaxTokens) split.resize(kMaxTokens);
        bool const lone_h = typed_lone_h(q.nama, tokens) && tokens.size() < kMaxTokens;
        readings.push_back({tokens, keys_of(tokens)});
        if (any_split) readings.push_back({split, keys_of(split)});
        if (auto const ty = ty_reading(q.nama); !ty.empty())
            if (auto t = query_tokens(ty); !t.empty() && t != tokens) readings.push_back({t, keys_of(t)});
        // A typo in a known variant form, read as that form's canonical token (one token at a
        // time, at most kMaxVariantTypoReadings readings).
        std::size_t corrected = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (m_token_ids.contains(tokens[i])) continue;
            for (auto const& canonical : variant_typos(tokens[i])) {
                if (!m_token_ids.contains(canonical) || corrected == kMaxVariantTypoReadings) continue;
                ++corrected;
                auto t = tokens;
                t[i] = canonical;
                readings.push_back({t, keys_of(t), kVariantTypo});
            }
        }
        if (lone_h) {
            for (std::size_t r = 0, n = readings.size(); r < n; ++r) {
                if (readings[r].tokens.size() >= kMaxTokens) continue;
                auto with_h = readings[r].tokens;
                with_h.insert(with_h.begin(), "h");
                readings.push_back({with_h, keys_of(with_h), readings[r].weight});
            }
        }
    }

    // The query's units: each token's key, then each adjacent pair's, each with the indexed keys
    // it matches (itself, or within one edit) and a weight: rarity times closeness.
    struct Unit {
        std::vector<std::pair<std::uint32_t, float>> keys;  // best weight first
        std::size_t postings = 0;
        bool exact = false;  // keys[0] is the query's own key
    };
    std::vector<Unit> units;
    double const n = static_cast<double>(std::max<std::size_t>(m_slot_of.size(), 1));
    auto idf = [&](std::uint32_t k) { return std::log(1.0 + n / static_cast<double>(std::max<std::size_t>(m_postings[k].size(), 1))); };
    auto expand = [&](std::string const& key, std::string const& token) {
        Unit u;
        if (key.empty()) return u;
        auto const exact = m_key_ids.find(key);
        if (exact != m_key_ids.end()) u.keys.emplace_back(exact->second, static_cast<float>(idf(exact->second)));
        auto listed = [&](std::uint32_t k) { return std::any_of(u.keys.begin(), u.keys.end(), [&](auto const& kw) { return kw.first == k; }); };
        std::vector<std::uint32_t> near;
        if (key.size() >= kMinTypoKeyLength) {
            auto take = [&](auto const& ids) {
                for (auto k : ids) near.push_back(k);
            };
            if (auto it = m_deletions.find(key); it != m_deletions.end()) take(it->second);  // a letter dropped in the query
            std::string d;
            for (std::size_t i = 0; i < key.size(); ++i) {
                d.assign(key).erase(i, 1);
                if (auto it = m_key_ids.find(d); it != m_key_ids.end()) near.push_back(it->second);  // a letter added
                if (auto it = m_deletions.find(d); it != m_deletions.end()) take(it->second);    // changed or swapped
            }
            std::sort(near.begin(), near.end());
            near.erase(std::unique(near.begin(), near.end()), near.end());
            for (auto k : near) {
                if (exact != m_key_ids.end() && k == exact->second) continue;
                if (m_postings[k].empty() || linkage::damerau_levenshtein(key, m_key_text[k], 1) > 1) continue;
                u.keys.emplace_back(k, static_cast<float>(0.75 * idf(k) * linkage::jaro_winkler(key, m_key_text[k])));
            }
        }
        if (exact == m_key_ids.end()) {
            // The token one edit away in its letters (a letter dropped, two swapped) may have a key
            // although the token's own key is none: the folding of ae/ai, kh, h ... moved the typo
            // ("Aed" for Ade: key ed; ade is a key).
            std::string v;
            for (std::size_t i = 0; i < token.size(); ++i) {
                for (int swap = 0; swap < 2; ++swap) {
                    if (swap && i + 1 == token.size()) continue;
                    v = token;
                    if (swap) std::swap(v[i], v[i + 1]);
                    else v.erase(i, 1);
                    auto const it = m_key_ids.find(linkage::phonetic_key(v));
                    if (it == m_key_ids.end() || m_postings[it->second].empty() || listed(it->second)) continue;
                    u.keys.emplace_back(it->second, static_cast<float>(0.75 * idf(it->second) * linkage::jaro_winkler(key, m_key_text[it->second])));
                }
            }
        }
        if (exact == m_key_ids.end() && key.size() >= 3) {
            // No such key: keys of the same first letter two edits away (one for a short key), the
            // one-edit ones found above weighing more.
            int const edits = key.size() >= kMinFarKeyLength ? 2 : 1;
            for (std::size_t len = key.size() - static_cast<std::size_t>(edits); len <= key.size() + static_cast<std::size_t>(edits); ++len) {
                auto it = m_keys_by_shape.find((static_cast<std::uint32_t>(static_cast<unsigned char>(key[0])) << 8) | static_cast<std::uint32_t>(len));
                if (it == m_keys_by_shape.end()) continue;
                for (auto k : it->second) {
                    if (m_postings[k].empty()) continue;
                    int const d = linkage::damerau_levenshtein(key, m_key_text[k], edits);
                    if (d > edits || listed(k)) continue;  // found above
                    u.keys.emplace_back(k, static_cast<float>((d == 1 ? 0.75 : 0.5) * idf(k) * linkage::jaro_winkler(key, m_key_text[k])));
                }
            }
        }
        if (exact == m_key_ids.end() && token.size() >= 3) {
            // The same over the tokens as written (normalised), each standing for its key.
            int const edits = token.size() >= kMinFarKeyLength ? 2 : 1;
            for (std::size_t len = token.size() - static_cast<std::size_t>(edits); len <= token.size() + static_cast<std::size_t>(edits); ++len) {
                auto it = m_tokens_by_shape.find((static_cast<std::uint32_t>(static_cast<unsigned char>(token[0])) << 8) | static_cast<std::uint32_t>(len));
                if (it == m_tokens_by_shape.end()) continue;
                for (auto t : it->second) {
                    auto const k = m_token_key[t];
                    if (m_postings[k].empty()) continue;
                    int const d = linkage::damerau_levenshtein(token, m_token_text[t], edits);
                    if (d > edits || listed(k)) continue;
                    u.keys.emplace_back(k, static_cast<float>((d == 1 ? 0.75 : 0.5) * idf(k) * linkage::jaro_winkler(token, m_token_text[t])));
                }
            }
        }
        // The exact key first, then the neighbours by weight (a rare neighbour may weigh more than
        // a common exact key, but must not make the exact key look "already covered").
        auto const first = exact != m_key_ids.end() ? std::next(u.keys.begin()) : u.keys.begin();
        std::sort(first, u.keys.end(), [](auto const& a, auto const& b) { return a.second > b.second; });
        // A unit's cost, for the order of units: the exact key's postings (its neighbours mostly
        // only add to candidates found otherwise), or all the neighbours' when it has none.
        if (exact != m_key_ids.end()) u.postings = m_postings[exact->second].size();
        else
            for (auto const& [k, w] : u.keys) u.postings += m_postings[k].size();
        u.exact = exact != m_key_ids.end();
        return u;
    };
    // Every reading's tokens and adjacent pairs, each key once. An initial ("E.", "R.") is no key:
    // it is scored as an initial below (as a key, "E." found Ai, whose key is e, and not the
    // Eka meant), and a pair with an initial is no joined name — unless the query is initials only.
    {
        std::vector<std::string> seen_keys;
        auto add_unit = [&](std::string const& key, std::string const& token) {
            if (units.size() >= kMaxUnits || std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) return;
            seen_keys.push_back(key);
            units.push_back(expand(key, token));
        };
        for (auto const& r : readings) {
            bool const all_initials = std::all_of(r.tokens.begin(), r.tokens.end(), [](auto const& t) { return t.size() == 1; });
            for (std::size_t i = 0; i < r.tokens.size(); ++i)
                if (r.tokens[i].size() > 1 || all_initials) add_unit(r.keys[i], r.tokens[i]);
            for (std::size_t i = 0; i + 1 < r.tokens.size(); ++i) {
                if (r.tokens[i].size() == 1 || r.tokens[i + 1].size() == 1) continue;
                auto const pair = r.tokens[i] + r.tokens[i + 1];
                add_unit(linkage::phonetic_key(pair), pair);
            }
        }
    }
    std::vector<std::size_t> order(units.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return units[a].postings < units[b].postings; });

    thread_local Scratch scratch;
    scratch.begin(m_slots.size());
    auto& sc = scratch;
    for (auto ui : order) {
        auto const stamp = sc.unit_stamp(ui);
        std::size_t brought = 0;  // postings brought in by this unit's neighbours
        for (std::size_t ki = 0; ki < units[ui].keys.size(); ++ki) {
            auto const [k, w] = units[ui].keys[ki];
            auto const& postings = m_postings[k];
            bool const exact = ki == 0 && units[ui].exact;
            // Once candidates exist, a common key (Siti, Muhammad, Nur) or a large typo neighbour
            // only adds to their scores instead of bringing in its whole posting list: that bounds
            // the work of queries made of common tokens (each neighbour of a short common key holds
            // thousands). A query token that is no key brings in its neighbours up to a budget.
            bool const only_add = units[ui].exact ? postings.size() > (exact ? kCommonKey : kNeighbourNew)
                                                  : brought > 0 && brought + postings.size() > kNeighbourBudget;
            if (!units[ui].exact && !only_add) brought += postings.size();
            if (!sc.touched.empty() && only_add) {
                if (sc.touched.size() < postings.size()) {
                    for (auto slot : sc.touched) {
                        if (sc.unit_seen[slot] == stamp) continue;
                        auto const& s = m_slots[slot];
                        if (std::find(s.keys.begin(), s.keys.begin() + s.nkeys, k) == s.keys.begin() + s.nkeys) continue;
                        sc.unit_seen[slot] = stamp;
                        sc.score[slot] += w;
                    }
                } else {
                    for (auto slot : postings) {
                        if (sc.seen[slot] != sc.gen || sc.unit_seen[slot] == stamp) continue;
                        sc.unit_seen[slot] = stamp;
                        sc.score[slot] += w;
                    }
                }
                continue;
            }
            for (auto slot : postings) {
                if (sc.unit_seen[slot] == stamp) continue;  // this unit already credited with a closer key
                if (sc.seen[slot] != sc.gen) {
                    if (!passes(slot, q)) continue;
                    sc.seen[slot] = sc.gen;
                    sc.score[slot] = 0;
                    sc.touched.push_back(slot);
                }
                sc.unit_seen[slot] = stamp;
                sc.score[slot] += w;
            }
        }
    }

    // The first stage's order: the keys' rarity shared with the query, then
    // - the soft signals, so that among many equal names (a common name in a large area) those
    //   agreeing with the birth date or year reach the rerank;
    // - the name's length: someone called just "Siti" is a better candidate for "Sitti" than the
    //   300,000 whose name merely contains Siti (the rerank would agree, but only sees the best few
    //   hundred);
    // - the query's initials ("R. Sudrajat"): a candidate with a token of that first letter.
    // Computed once per candidate, so that sorting compares numbers.
    // Each reading's initials and token count; a candidate's key is its best reading's.
    Soft const soft = soft_of(q);
    std::vector<std::string> initials(readings.size());
    for (std::size_t r = 0; r < readings.size(); ++r)
        for (auto const& t : readings[r].tokens)
            if (t.size() == 1) initials[r] += t[0];
    for (auto slot : sc.touched) {
        double const base = sc.score[slot] * (1.0 + bonus(slot, soft));
        auto const& s = m_slots[slot];
        double best = 0;
        for (std::size_t r = 0; r < readings.size(); ++r) {
            int const extra = std::abs(static_cast<int>(m_meta[slot].ntok) - static_cast<int>(readings[r].tokens.size()));
            double key = base / (1.0 + kLengthPenalty * extra);
            for (char c : initials[r]) {
                double fit = 0;
                for (std::size_t t = 0; t < s.ntok && fit < 1; ++t) fit = std::max(fit, initial_fits(c, m_token_text[s.tokens[t]]));
                key += kInitialWeight * fit;
            }
            best = std::max(best, key);
        }
        sc.score[slot] = static_cast<float>(best);
    }
    auto by_score = [&](std::uint32_t a, std::uint32_t b) {
        if (sc.score[a] != sc.score[b]) return sc.score[a] > sc.score[b];
        return m_slots[a].id < m_slots[b].id;
    };
    std::size_t const keep = std::min(sc.touched.size(), std::max(kRerankMin, static_cast<std::size_t>(q.limit) * 10));
    std::partial_sort(sc.touched.begin(), sc.touched.begin() + static_cast<std::ptrdiff_t>(keep), sc.touched.end(), by_score);
    struct Ranked {
        Hit hit;
        double key;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(keep);
    std::vector<std::string> ptok, pkey;
    for (std::size_t i = 0; i < keep; ++i) {
        auto const slot = sc.touched[i];
        auto const& s = m_slots[slot];
        ptok.clear();
        pkey.clear();
        for (std::size_t t = 0; t < s.ntok; ++t) {
            ptok.push_back(m_token_text[s.tokens[t]]);
            pkey.push_back(m_key_text[m_token_key[s.tokens[t]]]);
        }
        double best = -1;
        Reading const* by = &readings[0];
        for (auto const& r : readings) {
            double const v = similarity(r.tokens, r.keys, ptok, pkey) * r.weight;
            if (v > best) {
                best = v;
                by = &r;
            }
        }
        double const sim = std::round(best * 10000) / 10000;
        // Among equal scores, the candidate whose first name is the query's first: a searcher
        // leaves out middle names, seldom the name a person goes by.
        double const lead = token_similarity(by->tokens[0], by->keys[0], ptok[0], pkey[0]) >= 0.9 ? kLeadingTokenAgrees : 0.0;
        ranked.push_back({{s.id, sim}, sim + bonus(slot, soft) + lead});
    }
    std::sort(ranked.begin(), ranked.end(),
              [](Ranked const& a, Ranked const& b) { return a.key != b.key ? a.key > b.key : a.hit.id < b.hit.id; });
    if (ranked.size() > static_cast<std::size_t>(q.limit)) ranked.resize(static_cast<std::size_t>(q.limit));
    out.reserve(ranked.size());
    for (auto const& r : ranked) out.push_back(r.hit);
    return out;
}

}  // namespace pilar::search
