#include "core/full_number.hpp"

#include <array>
#include <vector>

namespace pilar {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool separator(char c) { return c == ' ' || c == '.' || c == '-'; }

struct Group {
    std::size_t begin;
    std::size_t end;
};

// An RT code's shape: kelurahan code plus RW and RT numbers, dotted.
bool rt_code(std::vector<Group> const& g, std::size_t from, std::size_t to, char sep) {
    static constexpr std::array<std::size_t, 6> kShape{2, 2, 2, 4, 3, 3};
    if (sep != '.' || to - from + 1 != kShape.size()) return false;
    for (std::size_t k = 0; k < kShape.size(); ++k)
        if (g[from + k].end - g[from + k].begin != kShape[k]) return false;
    return true;
}

}  // namespace

std::optional<TextSpan> find_full_number(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (!digit(text[i])) {
            ++i;
            continue;
        }
        // A chain: digit groups joined by one separator character, the same one throughout.
        std::vector<Group> groups;
        char sep = 0;
        bool other_separator = false;
        std::size_t j = i;
        for (;;) {
            std::size_t const b = j;
            while (j < text.size() && digit(text[j])) ++j;
            groups.push_back({b, j});
            if (j + 1 < text.size() && separator(text[j]) && digit(text[j + 1])) {
                if (sep == 0 || sep == text[j]) {
                    sep = text[j];
                    ++j;
                    continue;
                }
                other_separator = true;
            }
            break;
        }
        for (std::size_t from = 0; from < groups.size(); ++from) {
            std::size_t digits = 0;
            for (std::size_t to = from; to < groups.size() && digits < 16; ++to) {
                digits += groups[to].end - groups[to].begin;
                if (digits == 16 && !rt_code(groups, from, to, sep)) return TextSpan{groups[from].begin, groups[to].end};
            }
        }
        // A chain cut by another separator may go on as a chain of that one from its last group.
        i = other_separator && groups.size() > 1 ? groups.back().begin : j;
    }
    return std::nullopt;
}

bool holds_number_by_design(std::string_view key) {
    return key == "nik" || key == "no_kk" || key == "password" || key == "current_password" || key == "new_password" ||
           key == "uid";
}

std::string mask_full_numbers(std::string_view text) {
    std::string out(text);
    std::size_t from = 0;
    while (auto span = find_full_number(std::string_view(out).substr(from))) {
        std::size_t const b = from + span->begin, e = from + span->end;
        std::size_t seen = 0;
        for (std::size_t k = b; k < e; ++k) {
            if (!digit(out[k])) continue;
            if (seen >= 4 && seen < 12) out[k] = '*';
            ++seen;
        }
        from = e;
    }
    return out;
}

}  // namespace pilar
