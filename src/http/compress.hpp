// gzip for response bodies: the web app's files once at start (level 9) and larger JSON API
// answers per request (level 1: most of the size win for a fraction of the CPU). Field workers
// load lists over patchy mobile data, where a 60 KB list that travels as 8 KB matters.
#pragma once

#include <string>
#include <string_view>

namespace pilar::http {

// The gzip (RFC 1952) encoding of `in`; empty if zlib fails.
std::string gzip(std::string_view in, int level);

// Whether the client accepts gzip: a `gzip` (or `*`) coding in Accept-Encoding not marked q=0.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace pilar::http
