// Name corruptions of the linkage ground truth (bench/link_gen.cpp), shared with the search
// benchmark (bench/search_bench.cpp) so that its queries are corrupted exactly as link_gen's
// duplicate rows are: titles, Muhammad/Abdul/Siti variants, old spelling, ai/e f/p z/j, joined and
// split tokens, Hokkien spellings, typos, dropped and reordered tokens, initials, bin/binti.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/rng.hpp"

namespace pilar::bench {

using pilar::synth::Rng;

inline std::vector<std::string> words(std::string const& s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

inline std::string unwords(std::vector<std::string> const& w) {
    std::string out;
    for (auto const& x : w) {
        if (x.empty()) continue;
        if (!out.empty()) out += ' ';
        out += x;
    }
    return out;
}

inline bool replace_first(std::string& s, std::string_view from, std::string_view to) {
    auto p = s.find(from);
    if (p == std::string::npos) return false;
    s.replace(p, from.size(), to);
    return true;
}

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string to_upper(std::string s) {
    for (auto& c : s) c = upper(c);
    return s;
}

// A keyboard-ish typo inside a word: substitution, deletion, insertion or transposition.
inline void typo(Rng& rng, std::string& w) {
    if (w.size() < 3) return;
    static constexpr std::string_view kLetters = "aeiouaeiourstnmlkhdgbpy";
    size_t const i = 1 + rng.below(static_cast<std::uint32_t>(w.size() - 1));
    switch (rng.below(4)) {
        case 0: w[i] = kLetters[rng.below(kLetters.size())]; break;
        case 1: w.erase(i, 1); break;
        case 2: w.insert(i, 1, kLetters[rng.below(kLetters.size())]); break;
        default:
            if (i + 1 < w.size()) std::swap(w[i], w[i + 1]);
            else std::swap(w[i - 1], w[i]);
    }
}

// Modern spelling back to the old one (what an old KTP or a clerk's habit writes).
inline std::string old_spelling(std::string const& w) {
    std::string out;
    for (size_t i = 0; i < w.size(); ++i) {
        char const c = lower(w[i]);
        bool const cap = w[i] != c;
        char const n = i + 1 < w.size() ? lower(w[i + 1]) : '\0';
        std::string piece;
        if (c == 'u') piece = "oe";
        else if (c == 'j') piece = "dj";
        else if (c == 'c') piece = "tj";
        else if (c == 'y') piece = "j";
        else if (c == 'k' && n == 'h') { piece = "ch"; ++i; }
        else if (c == 's' && n == 'y') { piece = "sj"; ++i; }
        else piece = std::string(1, c);
        if (cap) piece[0] = upper(piece[0]);
        out += piece;
    }
    return out;
}

inline void spelling_variant(Rng& rng, std::string& w) {
    // ai/ae, f/p, z/j, y dropped or added after i, h dropped, doubled letters
    std::vector<std::pair<std::string_view, std::string_view>> const options{
        {"ai", "ae"}, {"ae", "ai"}, {"f", "p"}, {"F", "P"}, {"Z", "J"}, {"z", "j"}, {"ia", "iya"}, {"iya", "ia"},
        {"dh", "d"}, {"h", ""}, {"mm", "m"}, {"m", "mm"}, {"v", "f"}, {"sy", "s"}, {"kh", "h"}};
    for (int tries = 0; tries < 6; ++tries) {
        auto const& [from, to] = options[rng.below(static_cast<std::uint32_t>(options.size()))];
        auto p = w.find(from, from == "h" ? 1 : 0);
        if (p != std::string::npos && (from != "h" || p + 1 == w.size() || p > 0)) {
            w.replace(p, from.size(), to);
            return;
        }
    }
}

struct Variant {
    std::string_view from;
    std::vector<std::string_view> to;
};

inline std::vector<Variant> const& token_variants() {
    static std::vector<Variant> const v{
        {"Muhammad", {"Mohammad", "Muhamad", "Mochammad", "Moch.", "Moh.", "Muh.", "M.", "Mhd", "Mohamad"}},
        {"Abdul", {"Abd.", "Abdoel", "Abd"}},
        {"Siti", {"St.", "Sitti"}},
        {"Ahmad", {"Achmad", "Akhmad"}},
        {"Lim", {"Liem"}},
        {"Liem", {"Lim"}},
        {"Oei", {"Oey"}},
        {"Tjoa", {"Chua"}},
        {"Gouw", {"Go", "Goh"}},
        {"Thio", {"Tio"}},
        {"Yusuf", {"Jusuf", "Yusup"}},
        {"Nur", {"Noor"}},
    };
    return v;
}

inline std::string_view pick(Rng& rng, std::vector<std::string_view> const& v) {
    return v[rng.below(static_cast<std::uint32_t>(v.size()))];
}

inline void corrupt_name(Rng& rng, std::string& nama, char sex, std::string const& father_first) {
    auto w = words(nama);
    if (w.empty()) return;
    bool changed = false;
    // Known variants of whole tokens.
    if (rng.permille(450)) {
        for (auto& t : w) {
            for (auto const& v : token_variants()) {
                if (t == v.from) {
                    t = std::string(pick(rng, v.to));
                    changed = true;
                }
            }
        }
    }
    if (rng.permille(80)) {  // old spelling of one token
        auto& t = w[rng.below(static_cast<std::uint32_t>(w.size()))];
        t = old_spelling(t);
        changed = true;
    }
    if (rng.permille(90)) {
        spelling_variant(rng, w[rng.below(static_cast<std::uint32_t>(w.size()))]);
        changed = true;
    }
    if (rng.permille(150)) {
        typo(rng, w[rng.below(static_cast<std::uint32_t>(w.size()))]);
        changed = true;
    }
    if (w.size() >= 2 && rng.permille(50)) {  // join two tokens
        size_t const i = rng.below(static_cast<std::uint32_t>(w.size() - 1));
        std::string t = w[i + 1];
        if (!t.empty()) t[0] = lower(t[0]);
        w[i] += t;
        w.erase(w.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        changed = true;
    } else if (rng.permille(40)) {  // split a prefix off
        for (auto& t : w) {
            for (std::string_view p : {"Nur", "Sri", "Dwi", "Tri", "Eka", "Siti"}) {
                if (t.size() > p.size() + 2 && t.starts_with(p)) {
                    std::string rest = t.substr(p.size());
                    rest[0] = upper(rest[0]);
                    t = std::string(p) + " " + rest;
                    changed = true;
                    break;
                }
            }
        }
        w = words(unwords(w));
    }
    if (w.size() >= 3 && rng.permille(80)) {  // a token dropped
        w.erase(w.begin() + 1 + static_cast<std::ptrdiff_t>(rng.below(static_cast<std::uint32_t>(w.size() - 1))));
        changed = true;
    } else if (w.size() >= 2 && rng.permille(30)) {  // reordered
        std::swap(w[0], w[1]);
        changed = true;
    } else if (w.size() >= 2 && rng.permille(40)) {  // initial only
        size_t const i = rng.below(static_cast<std::uint32_t>(w.size() - 1));
        w[i] = std::string(1, w[i][0]) + ".";
        changed = true;
    }
    if (rng.permille(30) && !father_first.empty()) {
        w.push_back(sex == 'P' ? "binti" : "bin");
        w.push_back(father_first);
    }
    std::string out = unwords(w);
    if (rng.permille(110)) {  // titles
        static std::vector<std::string_view> const pre_l{"H.", "Drs.", "Dr.", "Ir.", "K.H.", "H"};
        static std::vector<std::string_view> const pre_p{"Hj.", "Dra.", "dr.", "Hj", "Ny."};
        static std::vector<std::string_view> const post{", S.Pd.", " S.E.", ", S.H.", ", S.Kom", ", A.Md.", " S.Pd",
                                                        ", M.M.", ", S.Sos."};
        if (rng.permille(500))
            out = std::string(pick(rng, sex == 'P' ? pre_p : pre_l)) + " " + out;
        else
            out += pick(rng, post);
        changed = true;
    }
    if (rng.permille(250)) out = to_upper(out);
    if (!changed && rng.permille(300)) out = to_upper(out);
    nama = out;
}

}  // namespace pilar::bench
