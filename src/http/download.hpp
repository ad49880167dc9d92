// Downloads produced into a temporary file: exports that are too big for memory or that a
// library can only write to a file (libxlsxwriter, libharu).
//
//   auto res = http::download(tmp_dir, {.content_type = "text/csv; charset=utf-8", .file_name = "x.csv"},
//                             [&](std::string const& path) -> Result<http::DownloadHeaders> {
//                                 ... write path ...; return http::DownloadHeaders{{"X-Export-Rows", "12"}};
//                             });
//
// The producer writes to a fresh file in `tmp_dir` (mode 0600); the file is opened and unlinked
// at once, so nothing with personal data stays on disk, even after a crash mid-download, and the
// server sends the open descriptor in chunks (FileBody). A producer that fails leaves no file.
// Whatever the producer records (an audit entry) is committed before the first byte goes out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"

namespace pilar::http {

struct DownloadInfo {
    std::string content_type;
    std::string file_name;  // Content-Disposition: attachment; safe characters only
};
// Extra response headers the producer sets once it knows them (X-Export-Rows ...).
using DownloadHeaders = std::vector<std::pair<std::string, std::string>>;

Result<Response> download(std::string const& tmp_dir, DownloadInfo const& info,
                          std::function<Result<DownloadHeaders>(std::string const& path)> const& produce);

// Removes files a crash left between creating and unlinking (names start with "pilar-export-").
void clean_download_dir(std::string const& tmp_dir);

}  // namespace pilar::http
