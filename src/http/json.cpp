#include "http/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <fmt/format.h>

#include "core/full_number.hpp"

namespace pilar::http {
namespace {

Error field_error(std::string_view key, std::string_view id, std::string_view en) {
    Error e(ErrorCode::InvalidArgument, {std::string(id), std::string(en)});
    e.at_field(std::string(key));
    return e;
}

std::string at_key(std::string const& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

}  // namespace

Result<void> refuse_full_numbers(boost::json::value const& v, std::string const& path) {
    auto const refused = [&] {
        return fail(field_error(path, fmt::format("{} tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir", path),
                                fmt::format("{} must not contain a full NIK/No. KK; write the last 4 digits", path)));
    };
    if (auto const* s = v.if_string()) {
        if (find_full_number(*s)) return refused();
    } else if (v.is_int64() || v.is_uint64()) {
        // A NIK sent as a JSON number (16 digits fit an int64 exactly) is a full number too.
        if (find_full_number(v.is_int64() ? std::to_string(v.get_int64()) : std::to_string(v.get_uint64()))) return refused();
    } else if (auto const* o = v.if_object()) {
        for (auto const& [key, child] : *o)
            if (!holds_number_by_design(key)) PILAR_TRY(refuse_full_numbers(child, at_key(path, key)));
    } else if (auto const* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) PILAR_TRY(refuse_full_numbers((*a)[i], fmt::format("{}[{}]", path, i)));
    }
    return {};
}

Result<boost::json::object> parse_json_object(Request const& req, FullNumbers full_numbers) {
    auto ct = req.header("content-type");
    if (!ct.empty() && ct.find("json") == std::string_view::npos)
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("Content-Type harus application/json, bukan {}", ct),
                     fmt::format("Content-Type must be application/json, not {}", ct)});
    if (req.body.empty())
        return fail(ErrorCode::InvalidArgument, {"Isi permintaan kosong; diharapkan objek JSON",
                                                 "Request body is empty; a JSON object was expected"});
    boost::system::error_code ec;
    boost::json::parse_options opts;
    opts.max_depth = 32;
    auto v = boost::json::parse(req.body, ec, {}, opts);
    if (ec) {
        // Boost.JSON does not report the offset through parse(); find the line by re-running
        // a stream parser to the failing byte.
        boost::json::stream_parser p({}, opts);
        boost::system::error_code ec2;
        size_t consumed = p.write_some(req.body.data(), req.body.size(), ec2);
        long long line = 1;
        for (size_t i = 0; i < consumed && i < req.body.size(); ++i)
            if (req.body[i] == '\n') ++line;
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("JSON tidak valid di baris {} (byte {}): {}", line, consumed, ec.message()),
                     fmt::format("Invalid JSON at line {} (byte {}): {}", line, consumed, ec.message())});
    }
    if (!v.is_object())
        return fail(ErrorCode::InvalidArgument,
                    {"Isi permintaan harus objek JSON", "Request body must be a JSON object"});
    if (full_numbers == FullNumbers::Refuse) PILAR_TRY(refuse_full_numbers(v));
    return std::move(v.as_object());
}

Result<std::string> required_string(boost::json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null())
        return fail(field_error(key, fmt::format("{} wajib diisi", key), fmt::format("{} is required", key)));
    if (!it->value().is_string())
        return fail(field_error(key, fmt::format("{} harus berupa teks", key), fmt::format("{} must be a string", key)));
    return std::string(it->value().as_string());
}

Result<std::optional<std::string>> optional_string(boost::json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<std::string>{};
    if (!it->value().is_string())
        return fail(field_error(key, fmt::format("{} harus berupa teks", key), fmt::format("{} must be a string", key)));
    return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::optional<std::int64_t>> optional_int(boost::json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<std::int64_t>{};
    if (it->value().is_int64()) return std::optional<std::int64_t>(it->value().as_int64());
    if (it->value().is_uint64() && it->value().as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return std::optional<std::int64_t>(static_cast<std::int64_t>(it->value().as_uint64()));
    return fail(field_error(key, fmt::format("{} harus bilangan bulat", key), fmt::format("{} must be an integer", key)));
}

Result<std::optional<bool>> optional_bool(boost::json::object const& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<bool>{};
    if (!it->value().is_bool())
        return fail(field_error(key, fmt::format("{} harus true atau false", key), fmt::format("{} must be true or false", key)));
    return std::optional<bool>(it->value().as_bool());
}

Response json_response(int status, boost::json::value const& v) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(v);
    return r;
}

Response json_list(boost::json::array items, std::optional<std::string> next_cursor) {
    boost::json::object o;
    o["items"] = std::move(items);
    if (next_cursor) o["next"] = *next_cursor;
    return json_response(200, o);
}

}  // namespace pilar::http
