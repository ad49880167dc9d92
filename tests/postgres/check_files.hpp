// The files the tools of tests/postgres read: a capture (PILAR_SQL_CAPTURE, db/capture.hpp: one
// statement a line, `\n` and `\\` escaped) and the lists of marker names with their reasons
// (sqlite-only.txt, portable.txt).
//
//   std::set<std::string> statements;
//   if (!pilar::pgcheck::read_capture(path, statements)) return 2;  // the error is printed
#pragma once

#include <map>
#include <set>
#include <string>

namespace pilar::pgcheck {

// Every distinct statement of the capture at `path`, sorted (a report's order does not depend on
// the run's). False, with a message on stderr, when the file cannot be read.
bool read_capture(char const* path, std::set<std::string>& out);

// The NAMEs of a list: a NAME starts a line, an indented line goes on with the reason, `#` starts
// a comment line. Each NAME maps to 0 (the tools count the statements that use it). A NAME may be
// followed by the columns it covers in parentheses, `like-codes (kode, entity_id)`, put into
// `columns` when given. False, with a message on stderr, when the file cannot be read.
bool read_names(char const* path, std::map<std::string, int>& out,
                std::map<std::string, std::set<std::string>>* columns = nullptr);

}  // namespace pilar::pgcheck
