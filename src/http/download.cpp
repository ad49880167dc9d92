#include "http/download.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

namespace pilar::http {

// GCC 12 at -O2 reports false -Warray-bounds / -Wstringop-overread in std::string's copy once
// set_header is inlined into this function (header names are short literals in SSO buffers).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
Result<Response> download(std::string const& tmp_dir, DownloadInfo const& info,
                          std::function<Result<DownloadHeaders>(std::string const& path)> const& produce) {
    std::error_code ec;
    std::filesystem::create_directories(tmp_dir, ec);
    std::string path = (std::filesystem::path(tmp_dir) / "pilar-export-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0)
        return fail(ErrorCode::Unavailable, {fmt::format("Tidak bisa membuat berkas sementara di {}", tmp_dir),
                                             fmt::format("Cannot create a temporary file in {}", tmp_dir)});
    ::close(fd);
    auto produced = produce(path);
    if (!produced) {
        ::unlink(path.c_str());
        return fail(produced.error());
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    ::unlink(path.c_str());
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        if (fd >= 0) ::close(fd);
        return fail(ErrorCode::Internal, {"Berkas ekspor tidak bisa dibaca", "The export file cannot be read"});
    }
    Response res;
    res.content_type = info.content_type;
    res.file = std::make_shared<FileBody>(fd, static_cast<std::uint64_t>(st.st_size));
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", info.file_name));
    for (auto const& [k, v] : *produced) res.set_header(k, v);
    res.set_header("Cache-Control", "no-store");
    return res;
}
#pragma GCC diagnostic pop

void clean_download_dir(std::string const& tmp_dir) {
    std::error_code ec;
    for (auto const& e : std::filesystem::directory_iterator(tmp_dir, ec))
        if (e.path().filename().string().starts_with("pilar-export-")) std::filesystem::remove(e.path(), ec);
}

}  // namespace pilar::http
