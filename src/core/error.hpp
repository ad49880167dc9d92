// Error and Result<T>: how every expected failure travels through Pilar.
//
// An Error has a code from a fixed set (mapped to an HTTP status in one place, src/http) and a
// message fit for a user, in Indonesian and English. Where the failure is about a piece of input
// it also names the file, row and field, so the CLI can print one line that says exactly where.
//
//   Result<Nik> parse(std::string_view s) {
//       if (s.size() != 16) return fail(ErrorCode::InvalidArgument,
//                                       {"NIK harus 16 digit", "NIK must be 16 digits"});
//       ...
//   }
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace pilar {

enum class ErrorCode {
    InvalidArgument,     // the caller sent something wrong; 400
    Unauthenticated,     // no or bad credentials; 401
    PermissionDenied,    // authenticated but not allowed; 403
    NotFound,            // 404 (also for records outside the caller's scope)
    AlreadyExists,       // 409
    Conflict,            // stale version, illegal state transition; 409
    ResourceExhausted,   // limits, throttling; 413/429/431/503 chosen by the HTTP layer
    Unavailable,         // try again later (database busy, shutting down); 503
    Internal,            // a bug or an environment failure; 500
};

// "invalid_argument", "not_found", ... (stable: part of the API contract)
std::string_view error_code_name(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    Text message;
    // Where, when the error is about input. Empty / 0 when not applicable.
    std::string file;
    long long row = 0;  // 1-based line or record number
    std::string field;

    Error() = default;
    Error(ErrorCode c, Text m) : code(c), message(std::move(m)) {}

    Error& at_file(std::string f) { file = std::move(f); return *this; }
    Error& at_row(long long r) { row = r; return *this; }
    Error& at_field(std::string f) { field = std::move(f); return *this; }

    // One line: "keluarga.csv:12: field no_kk: No. KK harus 16 digit".
    [[nodiscard]] std::string describe(Lang lang) const;
};

template <typename T>
using Result = std::expected<T, Error>;

// The error side of a Result, for `return fail(...)`.
inline std::unexpected<Error> fail(ErrorCode code, Text message) {
    return std::unexpected<Error>(Error(code, std::move(message)));
}
inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace pilar

// Propagate an error from an expression returning Result<T>; yields the value otherwise.
// GNU statement expression: g++ and clang both support it, and it keeps call sites flat.
#define PILAR_TRY(expr)                                                    \
    __extension__({                                                                     \
        auto&& pilar_try_result_ = (expr);                                 \
        if (!pilar_try_result_) return ::pilar::fail(std::move(pilar_try_result_).error()); \
        std::move(pilar_try_result_).value();                              \
    })
