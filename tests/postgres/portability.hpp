// The portability lint of tests/postgres/statement_check: constructs that prepare on PostgreSQL 15
// but would return other rows there than on SQLite, found in one statement's text.
//
//   pilar::pgcheck::Schema s;  // table -> column -> NOT NULL, from PostgreSQL's catalog
//   for (auto const& f : pilar::pgcheck::lint(sql, s)) print(f.rule, f.message);
//
// Rules (docs/ARCHITECTURE.md, "Writing SQL"):
//   like   every LIKE states its case rule: its left operand is lower(...) (the store lowers the
//          pattern with to_lower_ascii), since SQLite's LIKE ignores ASCII case and PostgreSQL's
//          does not. Text of one case that is not lowered (codes, which hold no letters) is
//          marked instead.
//   order  an ORDER BY term that may be NULL says NULLS FIRST or NULLS LAST (SQLite puts NULLs
//          first in ascending order, PostgreSQL last). A term may be NULL when a column it names
//          is nullable in the schema, comes from the right side of a LEFT JOIN, or is not a
//          column of a table the statement names (a view's, a subquery's, an output alias: the
//          lint cannot tell) — unless the statement also says `that_column IS NOT NULL` after
//          WHERE or AND. coalesce(...) and count(...) terms are never NULL.
//   limit  no negative LIMIT (SQLite: no limit; PostgreSQL: an error).
//   substr no substr with a negative start (SQLite counts from the end; PostgreSQL does not).
// A statement waives a rule with a marker comment `/* portable: NAME */` whose NAME starts with
// the rule's name and a dash (`like-codes`) and is listed with its reason in
// tests/postgres/portable.txt; statement_check checks the list. A waiver may name the columns it
// covers (`like-codes (kode, entity_id)` there): then it waives only the constructs on those
// columns — a LIKE whose left operand is one of them, or whose pattern is built from one
// (`? LIKE (kode || '.%')`) — and the statement's other LIKEs are still checked.
//
// Hand-written: no Debian 12 package gives C++ a SQL parser (libpg_query is not packaged, SQLite
// exposes only sqlite3_complete), and the statements are the stores' own, in a plain style: a
// tokenizer, the FROM/JOIN aliases and the ORDER BY terms are enough.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pilar::pgcheck {

// Table or view -> column -> NOT NULL. Names in lower case.
using Schema = std::map<std::string, std::map<std::string, bool>>;

struct Finding {
    std::string rule;     // "like", "order", "limit", "substr"
    std::string message;  // what was found and how to write it
    std::string column;   // the column it is on, where one is (a LIKE's), lower case
};

// The NAMEs of every `portable: NAME` marker in the statement's comments.
std::vector<std::string> markers(std::string_view sql);

// Marker NAME -> the columns its waiver covers; a NAME without an entry, or with no columns,
// waives its whole rule for the statement.
using Waivers = std::map<std::string, std::set<std::string>>;

// Every unmarked risky construct of `sql` (a statement as the store wrote it, `?` placeholders).
// statement_check also checks that each marker's NAME is listed.
std::vector<Finding> lint(std::string_view sql, Schema const& schema, Waivers const& waivers = {});

}  // namespace pilar::pgcheck
