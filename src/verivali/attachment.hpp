// Attachments are typed by their bytes, never by the Content-Type or file name a client sends:
// a phone may label anything "image/jpeg", and a renamed HTML file must not be served back as
// a PDF. Only the four formats the office exchanges are accepted.
//
//   auto mime = sniff_mime(body);   // "image/png", or nullopt: refuse the upload
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace pilar::verivali {

inline constexpr std::size_t kMaxLampiranBytes = 2 * 1024 * 1024;

// "image/jpeg", "image/png", "image/webp" or "application/pdf" from the magic bytes.
std::optional<std::string_view> sniff_mime(std::string_view bytes);
// File extension for a sniffed type ("jpg", "png", "webp", "pdf").
std::string_view mime_extension(std::string_view mime);
// The image without what a camera writes beside the picture: EXIF (with the GPS position of the
// house and the phone's make and serial), XMP, IPTC, comments and PNG text chunks. JPEG keeps
// its JFIF, ICC and Adobe segments, PNG every chunk it needs to draw; WebP and PDF come back
// unchanged (the web app re-encodes photos on the device, which drops WebP metadata too).
// A JPEG or PNG whose structure is broken is refused (nullopt), not stored half-understood.
std::optional<std::string> strip_metadata(std::string_view bytes, std::string_view mime);
// Lower-case hex SHA-256 (libsodium), so a copy can be checked against the original.
std::string sha256_hex(std::string_view bytes);

// An upload checked and made ready to store: the one sequence every module that takes files
// follows (verivali's lampiran, workforce's activity photos). Refuses (InvalidArgument at field
// "berkas", bilingual) an empty file, more than 2 MB, a type not in `accepted` (judged by the
// bytes), and a damaged JPEG/PNG.
struct PreparedFile {
    std::string mime;
    std::string bytes;   // metadata stripped
    std::string sha256;  // of `bytes`
};
enum class Accept { DocumentsAndImages, ImagesOnly };
Result<PreparedFile> prepare_upload(std::string_view bytes, Accept accepted = Accept::DocumentsAndImages);
// Base64 (standard alphabet, whitespace ignored) of an upload sent inside JSON (offline sync);
// InvalidArgument at field "berkas" when it is not.
Result<std::string> decode_base64_file(std::string_view text);

}  // namespace pilar::verivali
