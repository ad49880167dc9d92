#include "check_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string_view>

namespace pilar::pgcheck {
namespace {

std::string unescape(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            ++i;
            out += line[i] == 'n' ? '\n' : line[i];
        } else {
            out += line[i];
        }
    }
    return out;
}

}  // namespace

bool read_capture(char const* path, std::set<std::string>& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fmt::print(stderr, "cannot read the capture {}\n", path);
        return false;
    }
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.insert(unescape(line));
    return true;
}

bool read_names(char const* path, std::map<std::string, int>& out, std::map<std::string, std::set<std::string>>* columns) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "cannot read the list {}\n", path);
        return false;
    }
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#' || line[0] == ' ' || line[0] == '\t') continue;
        auto const end = std::min(line.find_first_of(" \t("), line.size());
        std::string const name = line.substr(0, end);
        out.emplace(name, 0);
        auto open = line.find_first_not_of(" \t", end);
        if (!columns || open == std::string::npos || line[open] != '(') continue;
        auto close = line.find(')', open);
        std::string list = line.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
        for (std::size_t b = 0; b < list.size();) {
            auto e = std::min(list.find(',', b), list.size());
            auto first = list.find_first_not_of(" \t", b);
            auto last = list.find_last_not_of(" \t", e - 1);
            if (first != std::string::npos && first < e && last != std::string::npos && last >= first)
                (*columns)[name].insert(list.substr(first, last + 1 - first));
            b = e + 1;
        }
    }
    return true;
}

}  // namespace pilar::pgcheck
