#include "verivali/attachment.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace pilar::verivali {

std::optional<std::string_view> sniff_mime(std::string_view b) {
    if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return "image/png";
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
    if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
    return std::nullopt;
}

std::string_view mime_extension(std::string_view mime) {
    if (mime == "image/jpeg") return "jpg";
    if (mime == "image/png") return "png";
    if (mime == "image/webp") return "webp";
    if (mime == "application/pdf") return "pdf";
    return "bin";
}

// Written by hand: the libraries in Debian that can drop metadata (exiv2, libvips) parse far
// more of a file than this needs, and parsing untrusted uploads is where their advisories are;
// this only walks segment and chunk lengths and copies bytes.
namespace {

std::optional<std::string> strip_jpeg(std::string_view b) {
    std::string out;
    out.reserve(b.size());
    out.append(b.substr(0, 2));  // SOI
    std::size_t i = 2;
    while (i + 2 <= b.size()) {
        if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
        auto const marker = static_cast<unsigned char>(b[i + 1]);
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0xD9) return out.append(b.substr(i, 2));  // EOI before any scan
        if (i + 4 > b.size()) return std::nullopt;
        std::size_t const len = (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (len < 2 || i + 2 + len > b.size()) return std::nullopt;
        bool const drop = (marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE) || marker == 0xFE;
        if (!drop) out.append(b.substr(i, 2 + len));
        i += 2 + len;
        if (marker == 0xDA) return out.append(b.substr(i));  // scan data and the rest go as they are
    }
    return std::nullopt;
}

std::optional<std::string> strip_png(std::string_view b) {
    std::string out(b.substr(0, 8));
    std::size_t i = 8;
    while (i + 12 <= b.size()) {
        std::size_t const len = (std::size_t(static_cast<unsigned char>(b[i])) << 24) |
                                (std::size_t(static_cast<unsigned char>(b[i + 1])) << 16) |
                                (std::size_t(static_cast<unsigned char>(b[i + 2])) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (len > b.size() || i + 12 + len > b.size()) return std::nullopt;
        auto const type = b.substr(i + 4, 4);
        bool const drop = type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
        if (!drop) out.append(b.substr(i, 12 + len));
        i += 12 + len;
        if (type == "IEND") return out;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> strip_metadata(std::string_view bytes, std::string_view mime) {
    if (mime == "image/jpeg") return strip_jpeg(bytes);
    if (mime == "image/png") return strip_png(bytes);
    return std::string(bytes);
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<unsigned char const*>(bytes.data()), bytes.size());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(sizeof digest * 2);
    for (unsigned char c : digest) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    return out;
}

Result<PreparedFile> prepare_upload(std::string_view bytes, Accept accepted) {
    auto invalid = [](std::string id, std::string en) {
        return fail(Error(ErrorCode::InvalidArgument, {std::move(id), std::move(en)}).at_field("berkas"));
    };
    if (bytes.empty()) return invalid("Berkas kosong", "The file is empty");
    if (bytes.size() > kMaxLampiranBytes)
        return invalid(fmt::format("Berkas {} byte; paling besar 2 MB", bytes.size()),
                       fmt::format("The file is {} bytes; at most 2 MB", bytes.size()));
    auto mime = sniff_mime(bytes);
    if (!mime || (accepted == Accept::ImagesOnly && *mime == "application/pdf")) {
        if (accepted == Accept::ImagesOnly)
            return invalid("Jenis berkas tidak diterima: hanya foto JPEG, PNG atau WebP (dilihat dari isinya)",
                           "File type not accepted: only JPEG, PNG or WebP photos (judged by their content)");
        return invalid("Jenis berkas tidak diterima: hanya JPEG, PNG, WebP atau PDF (dilihat dari isinya)",
                       "File type not accepted: only JPEG, PNG, WebP or PDF (judged by its content)");
    }
    auto stored = strip_metadata(bytes, *mime);
    if (!stored)
        return invalid(fmt::format("Berkas {} rusak (strukturnya tidak utuh)", mime_extension(*mime)),
                       fmt::format("The {} file is damaged (its structure is broken)", mime_extension(*mime)));
    PreparedFile out{.mime = std::string(*mime), .bytes = std::move(*stored), .sha256 = {}};
    out.sha256 = sha256_hex(out.bytes);
    return out;
}

Result<std::string> decode_base64_file(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \n\r",
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return fail(Error(ErrorCode::InvalidArgument, {"berkas harus base64 yang sah", "berkas must be valid base64"})
                        .at_field("berkas"));
    out.resize(len);
    return out;
}

}  // namespace pilar::verivali
