// The tables and rules behind normalise_name() and phonetic_key(). Written by hand: no Debian
// package knows Indonesian naming (titles, Muhammad variants, the 1947/1972 spelling reforms,
// Hokkien romanisations); generic phonetic codes (Soundex, Metaphone) are built for English and
// merge the wrong letters.
#include "linkage/name.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pilar::linkage {
namespace {

using namespace std::string_view_literals;

// Latin-1 supplement letters (second byte of a 0xC3 UTF-8 sequence, 0x80..0xBF) to ASCII; ' ' for
// the signs among them (×, ÷) and letters with no base (Þ).
constexpr std::string_view kLatin1Fold =
    "aaaaaaaceeeeiiiidnooooo ouuuuy saaaaaaaceeeeiiiidnooooo ouuuuy y";
static_assert(kLatin1Fold.size() == 64);

enum class Digits { Drop, Keep };

// Lower-case ASCII with '.', ',' and ' ' kept as structure; apostrophes vanish (Ma'ruf = Maruf),
// every other byte becomes a space. At most `max_bytes` of input are read.
std::string fold(std::string_view raw, Digits digits, size_t max_bytes) {
    raw = raw.substr(0, std::min(raw.size(), max_bytes));
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        auto const c = static_cast<unsigned char>(raw[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c >= 'a' && c <= 'z') {
            out += static_cast<char>(c);
        } else if (c >= '0' && c <= '9') {
            out += digits == Digits::Keep ? static_cast<char>(c) : ' ';
        } else if (c == '.' || c == ',') {
            out += static_cast<char>(c);
        } else if (c == '\'' || c == '`') {
            // dropped: joins the two halves
        } else if (c == 0xC3 && i + 1 < raw.size()) {
            auto const d = static_cast<unsigned char>(raw[i + 1]);
            if (d >= 0x80 && d <= 0xBF) {
                out += kLatin1Fold[d - 0x80];
                ++i;
            } else {
                out += ' ';
            }
        } else if (c == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(raw[i + 2]) == 0x98 || static_cast<unsigned char>(raw[i + 2]) == 0x99)) {
            i += 2;  // ‘ ’ typographic apostrophes
        } else if (c >= 0x80) {
            // Another non-ASCII character: skip its continuation bytes, leave a separator.
            while (i + 1 < raw.size() && (static_cast<unsigned char>(raw[i + 1]) & 0xC0) == 0x80) ++i;
            out += ' ';
        } else {
            out += ' ';
        }
    }
    return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool has_vowel(std::string_view s) { return std::any_of(s.begin(), s.end(), is_vowel); }

// Titles written before a name: religious (H., Hj., K.H., Ust.), academic (Dr., Drs., Dra., Ir.,
// Prof.), noble (R., Rd., Raden) and forms of address (Ny., Tn., Bpk., Ibu, Sdr.).
std::unordered_set<std::string_view> const& prefix_titles() {
    static std::unordered_set<std::string_view> const set{
        "h",      "hj",    "haji",  "hajah", "hajjah", "kh",    "kyai",  "kiai",  "dr",    "drs",
        "dra",    "ir",    "prof",  "ust",   "ustad",  "ustadz", "ustaz", "ustadzah", "ustazah", "habib",
        "tgh",    "raden", "rd",    "ny",    "nyonya", "tn",    "tuan",  "bpk",   "bapak", "ibu",
        "sdr",    "sdri",  "alm",   "almh",  "almarhum", "almarhumah", "dg", "daeng"};
    return set;
}

// Degrees and titles written after a name that cannot be a name token: removed wherever they trail.
std::unordered_set<std::string_view> const& suffix_titles_sure() {
    static std::unordered_set<std::string_view> const set{
        "spd",  "spdi", "sag",  "ssos", "skom", "mpd",  "mpdi", "amd",  "amdkeb", "amdkep", "amk",
        "skm",  "ssi",  "sked", "mkes", "msi",  "skep", "sst",  "sfarm", "phd", "bsc",    "msc",
        "mba",  "mag",  "sth",  "shi",  "sei",  "sps",  "spsi", "ssn",  "sip",  "sikom", "mikom",
        "mhum", "shum", "stp",  "spt",  "sp",   "mm",   "mh",   "mt",   "mkom", "mkn",  "ners", "apt",
        "sgz",  "sstp", "ak",   "cpa",  "sa",   "ssy",  "sty",  "akp",  "kom",  "pd"};
    return set;
}

// Short degrees that are also plausible name tokens (S.E. / "Se", S.H. / "Sh", S.T. / "St" for
// Siti, M.A. / "Ma"): removed only when written with dots or after a comma.
std::unordered_set<std::string_view> const& suffix_titles_dotted() {
    static std::unordered_set<std::string_view> const set{"se", "sh", "st", "ma", "ba", "ked", "si"};
    return set;
}

std::unordered_set<std::string_view> const& bin_words() {
    static std::unordered_set<std::string_view> const set{"bin", "binti", "bint", "binte", "bt", "bte"};
    return set;
}

// Whole-token variants, looked up before and after the spelling rules. The value is final.
std::unordered_map<std::string_view, std::string_view> const& variant_table() {
    static std::unordered_map<std::string_view, std::string_view> const map = [] {
        std::unordered_map<std::string_view, std::string_view> m;
        auto add = [&m](std::string_view canonical, std::initializer_list<std::string_view> forms) {
            m.emplace(canonical, canonical);
            for (auto f : forms) m.emplace(f, canonical);
        };
        add("muhammad", {"muhamad", "muhammat", "muhamat", "mohammad", "mohamad", "mohammed", "mohamed",
                         "muhammed", "muhamed", "mochammad", "mochamad", "mokhammad", "mokhamad", "muchammad",
                         "muchamad", "mukhammad", "mukhamad", "mohammat", "mochamat", "mhd", "mhmd", "moch",
                         "mochd", "moh", "mohd", "muh", "mch", "mokh", "muhd", "mahmd", "moehammad",
                         "moehamad", "moechammad", "moekhammad", "muhammmad"});
        add("ahmad", {"achmad", "akhmad", "ahmat", "achmat", "akhmat", "ahmed", "achmed", "akhmed", "ahmadd"});
        add("abdul", {"abd", "abdl", "abdoel", "abdu", "abdol"});
        add("abdullah", {"abdulah", "abdulloh", "abdoellah", "abdollah", "abdoelah", "abdulla"});
        add("siti", {"sitti", "sity"});
        add("nur", {"noor", "nour", "nurr", "noer"});
        add("yusuf", {"jusuf", "joesoef", "yusup", "jusup", "yoesoef"});
        // Western and Sanskrit names whose ch is not the Arabic kh (Batak, Manado and
        // Chinese-Indonesian Christians; Candra, written Chandra since Dutch times).
        add("mikael", {"michael", "mikhael", "maikel", "michail"});
        add("candra", {"chandra"});
        // Hokkien surnames of Chinese-Indonesians in their Dutch-era and modern romanisations.
        add("lim", {"liem", "liam", "lym"});
        add("oei", {"oey", "oie", "ui", "uy", "wee", "oeij"});
        add("cua", {"tjoa", "tjua", "chua", "coa", "choa", "tjoea"});
        add("tio", {"thio", "teo", "tiyo", "tjio", "chio", "cio"});
        add("go", {"goh", "gouw", "gow"});
        add("kwee", {"kwe", "kwie", "quee"});
        add("the", {"tee", "thee"});
        add("nyoo", {"njoo", "nio", "nyo"});
        add("lie", {"lee", "li"});
        add("sie", {"see"});
        add("can", {"tjan", "chan"});
        add("cin", {"tjhin", "chin", "tjin"});
        add("kho", {"khouw", "kouw", "khoe", "ko"});
        add("cong", {"tjong", "chong"});
        add("lau", {"lauw"});
        add("ong", {"oeng"});
        return m;
    }();
    return map;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Old spelling (Van Ophuijsen 1901 / Soewandi 1947, replaced in 1972) to today's: oe->u, dj->j,
// tj->c, sj->sy, nj->ny, ch->kh, and j->y — the last only in a token that shows another old
// spelling, since a modern j is a different letter. The old ch is the Arabic kh (Achmad, Chairul,
// Fachri, Fachrul); a word-initial "chr" is not: no Indonesian or Arabic name starts with khr, and
// it is the Greek chi of Western Christian names, read k (Christian / Kristian, Christina,
// Chrisna / Krisna).
std::string respell(std::string_view t) {
    bool const old =
        contains(t, "oe") || contains(t, "dj") || contains(t, "tj") || contains(t, "sj") || starts_with(t, "nj");
    std::string out;
    out.reserve(t.size() + 2);
    for (size_t i = 0; i < t.size(); ++i) {
        char const c = t[i];
        char const n = i + 1 < t.size() ? t[i + 1] : '\0';
        if (c == 'c' && n == 'h' && i == 0 && t.size() > 2 && t[2] == 'r') {
            out += 'k';
            ++i;
        } else if (c == 'c' && n == 'h') {
            out += "kh";
            ++i;
        } else if (!old) {
            out += c;
        } else if (c == 'o' && n == 'e') {
            out += 'u';
            ++i;
        } else if (c == 'd' && n == 'j') {
            out += 'J';  // a modern j: kept through the j->y below
            ++i;
        } else if (c == 't' && n == 'j') {
            out += 'c';
            ++i;
        } else if (c == 's' && n == 'j') {
            out += "sy";
            ++i;
        } else if (c == 'n' && n == 'j') {
            out += "ny";
            ++i;
        } else if (c == 'j') {
            out += 'y';
        } else {
            out += c;
        }
    }
    std::replace(out.begin(), out.end(), 'J', 'j');
    return out;
}

// Name-forming prefixes written joined or apart (Nurhayati / Nur Hayati, Sriwahyuni / Sri
// Wahyuni); a token starting with one of them is split when the rest is a plausible name part.
constexpr std::array<std::string_view, 9> kJoinedPrefixes{"muhammad", "nurul", "siti", "nur", "sri",
                                                          "dwi",      "tri",   "eka",  "ahmad"};

void split_joined(std::string const& token, std::vector<std::string>& out) {
    // Abdul with the Arabic article assimilated: Abdurrahman, Abdurahman, Abdul Rahman, Abdussalam.
    if (starts_with(token, "abd") && token != "abdul" && token != "abdullah" && token.size() >= 7) {
        std::string_view s = std::string_view(token).substr(3);
        std::string_view rest;
        if (starts_with(s, "ul") && s.size() >= 5) {
            rest = s.substr(2);
        } else if (s[0] == 'u' && s.size() >= 5 && s[1] == s[2] && contains("rsntzdl", s.substr(1, 1))) {
            rest = s.substr(2);
        } else if (s[0] == 'u' && s.size() >= 4 && !is_vowel(s[1])) {
            rest = s.substr(1);
        }
        if (!rest.empty() && has_vowel(rest)) {
            out.emplace_back("abdul");
            out.push_back(canonical_token(rest));
            return;
        }
    }
    for (auto prefix : kJoinedPrefixes) {
        if (token.size() >= prefix.size() + 3 && starts_with(token, prefix)) {
            std::string_view rest = std::string_view(token).substr(prefix.size());
            if (!has_vowel(rest)) continue;
            out.emplace_back(prefix);
            split_joined(canonical_token(rest), out);
            return;
        }
    }
    out.push_back(token);
}

struct RawToken {
    std::string text;
    bool dotted = false;  // written with a dot: an abbreviation or a title
    int segment = 0;      // 0 before the first comma, 1.. after
};

std::vector<RawToken> raw_tokens(std::string const& folded) {
    std::vector<RawToken> out;
    int segment = 0;
    size_t i = 0;
    auto const n = folded.size();
    while (i < n) {
        char const c = folded[i];
        if (c == ',') {
            ++segment;
            ++i;
            continue;
        }
        if (c == ' ') {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < n && folded[j] != ' ' && folded[j] != ',') ++j;
        std::string_view word(folded.data() + i, j - i);
        std::string stripped;
        for (char ch : word)
            if (ch != '.') stripped += ch;
        if (!stripped.empty()) {
            bool const has_dot = contains(word, ".");
            if (has_dot && (suffix_titles_sure().contains(stripped) || prefix_titles().contains(stripped) ||
                            suffix_titles_dotted().contains(stripped))) {
                out.push_back({std::move(stripped), true, segment});
            } else {
                // "M.Ridwan", "Hj.Siti": pieces between dots are tokens of their own.
                size_t k = 0;
                while (k < word.size()) {
                    size_t e = word.find('.', k);
                    if (e == std::string_view::npos) e = word.size();
                    if (e > k) out.push_back({std::string(word.substr(k, e - k)), e < word.size(), segment});
                    k = e + 1;
                }
            }
        }
        i = j;
    }
    return out;
}

}  // namespace

std::vector<std::pair<std::string_view, std::string_view>> const& variant_forms() {
    static std::vector<std::pair<std::string_view, std::string_view>> const forms = [] {
        std::vector<std::pair<std::string_view, std::string_view>> v(variant_table().begin(), variant_table().end());
        std::sort(v.begin(), v.end());
        return v;
    }();
    return forms;
}

std::string canonical_token(std::string_view lower_token) {
    auto const& table = variant_table();
    if (auto it = table.find(lower_token); it != table.end()) return std::string(it->second);
    std::string s = respell(lower_token);
    if (auto it = table.find(s); it != table.end()) return std::string(it->second);
    return s;
}

NormalisedName normalise_name(std::string_view raw) {
    std::vector<RawToken> tokens = raw_tokens(fold(raw, Digits::Drop, kMaxNameBytes));
    // After a comma come degrees ("Budi, S.Pd., M.M."): drop what is a title there; a real name
    // part after a comma ("Lim, Andi") stays.
    std::erase_if(tokens, [](RawToken const& t) {
        return t.segment > 0 && (suffix_titles_sure().contains(t.text) || suffix_titles_dotted().contains(t.text) ||
                                 prefix_titles().contains(t.text));
    });
    size_t first = 0;
    while (tokens.size() - first > 1 && prefix_titles().contains(tokens[first].text)) ++first;
    tokens.erase(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(first));
    while (tokens.size() > 1) {
        auto const& t = tokens.back();
        bool const title = suffix_titles_sure().contains(t.text) ||
                           ((t.dotted || t.segment > 0) && suffix_titles_dotted().contains(t.text));
        if (!title) break;
        tokens.pop_back();
    }

    NormalisedName out;
    bool in_father = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
        std::string const& t = tokens[i].text;
        if (i > 0 && !in_father && bin_words().contains(t) && i + 1 < tokens.size()) {
            in_father = true;
            continue;
        }
        auto& target = in_father ? out.father : out.tokens;
        std::string canon;
        // Leading "M." / "St." are Muhammad and Siti by convention, not initials.
        if (target.empty() && tokens.size() > i + 1 && t == "m") {
            canon = "muhammad";
        } else if (target.empty() && tokens.size() > i + 1 && t == "st") {
            canon = "siti";
        } else {
            canon = canonical_token(t);
        }
        split_joined(canon, target);
    }
    return out;
}

std::string phonetic_key(std::string_view t) {
    // Consonants: h and kh dropped; sy->s, dz->j, ts->s, th->t, dh->d, ph->p, gh->g, ck->k, q->k,
    // x->ks, c->k, f/v->p, z->j.
    std::string a;
    a.reserve(t.size() + 2);
    for (size_t i = 0; i < t.size(); ++i) {
        char const c = t[i];
        char const n = i + 1 < t.size() ? t[i + 1] : '\0';
        switch (c) {
            case 'h': break;
            case 'k':  // kh is written for h (Rachmat / Rakhmat / Rahmat), so it goes like h
                if (n == 'h') ++i; else a += 'k';
                break;
            case 's': a += 's'; if (n == 'y' || n == 'h') ++i; break;
            case 'd': a += (n == 'z') ? 'j' : 'd'; if (n == 'z' || n == 'h') ++i; break;
            case 't': a += 't'; if (n == 's') { a.back() = 's'; ++i; } else if (n == 'h') ++i; break;
            case 'p': a += 'p'; if (n == 'h') ++i; break;
            case 'g': a += 'g'; if (n == 'h') ++i; break;
            case 'c': a += 'k'; if (n == 'k') ++i; break;
            case 'q': a += 'k'; break;
            case 'x': a += "ks"; break;
            case 'f':
            case 'v': a += 'p'; break;
            case 'z': a += 'j'; break;
            default: a += c; break;
        }
    }
    // Vowels and glides: ai/ae->e, au->o, oe->u, ie->i; y between i and a vowel and w between u
    // and a vowel dropped (Fitriyani / Fitriani, Suwarni / Suarni); other y->j.
    std::string b;
    b.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        char const c = a[i];
        char const n = i + 1 < a.size() ? a[i + 1] : '\0';
        char const p = b.empty() ? '\0' : b.back();
        if (c == 'a' && (n == 'i' || n == 'e')) {
            b += 'e';
            ++i;
        } else if (c == 'a' && n == 'u') {
            b += 'o';
            ++i;
        } else if (c == 'o' && n == 'e') {
            b += 'u';
            ++i;
        } else if (c == 'i' && n == 'e') {
            b += 'i';
            ++i;
        } else if (c == 'y') {
            if (!(p == 'i' && is_vowel(n))) b += 'j';
        } else if (c == 'w') {
            if (!(p == 'u' && is_vowel(n))) b += 'w';
        } else {
            b += c;
        }
    }
    // Doubled letters once.
    std::string out;
    out.reserve(b.size());
    for (char c : b)
        if (out.empty() || out.back() != c) out += c;
    return out;
}

std::string normalise_text(std::string_view raw, size_t max_bytes) {
    static std::unordered_map<std::string_view, std::string_view> const abbreviations{
        {"jalan", "jl"},  {"jln", "jl"},      {"jl", "jl"},     {"gang", "gg"},     {"gg", "gg"},
        {"nomor", "no"},  {"nmr", "no"},      {"no", "no"},     {"kampung", "kp"},  {"kamp", "kp"},
        {"kmp", "kp"},    {"kp", "kp"},       {"perumahan", "perum"}, {"prm", "perum"}, {"blk", "blok"},
        {"komplek", "komp"}, {"kompleks", "komp"}, {"kompl", "komp"}, {"rukun", "rukun"}};
    std::string folded = fold(raw, Digits::Keep, max_bytes);
    std::string out;
    size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && (folded[i] == ' ' || folded[i] == '.' || folded[i] == ',')) ++i;
        size_t j = i;
        while (j < folded.size() && folded[j] != ' ' && folded[j] != '.' && folded[j] != ',') ++j;
        if (j > i) {
            std::string_view w(folded.data() + i, j - i);
            if (auto it = abbreviations.find(w); it != abbreviations.end()) w = it->second;
            if (!out.empty()) out += ' ';
            out += w;
        }
        i = j;
    }
    return out;
}

std::string normalise_place(std::string_view raw) {
    std::string text = normalise_text(raw);
    std::string out;
    size_t i = 0;
    bool first = true;
    while (i < text.size()) {
        size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        std::string_view w(text.data() + i, j - i);
        bool const prefix = first && j < text.size() && (w == "kota" || w == "kab" || w == "kabupaten");
        if (!prefix) {
            if (!out.empty()) out += ' ';
            out += canonical_token(w);
        }
        first = false;
        i = j + 1;
    }
    return out;
}

}  // namespace pilar::linkage
