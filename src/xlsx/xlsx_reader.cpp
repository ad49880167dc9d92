#include "xlsx/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/date.hpp"
#include "core/strings.hpp"

namespace pilar {
namespace {

constexpr int kMaxColumns = 16384;            // XFD: Excel's last column
constexpr size_t kChunkBytes = 64 * 1024;     // decompressed XML fed to expat at a time
constexpr size_t kMaxMergedKept = 1000;
constexpr size_t kMaxSheets = 10000;          // bounds the sheet list a hostile file can make
constexpr size_t kMaxStyles = 1'000'000;      // cellXfs entries kept (Excel's own limit is 64,000)
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";

// Excel's fixed date-time number formats (ECMA-376 part 1, 18.8.30; 27–36 and 50–58 are the
// East Asian date formats).
enum class DateKind : std::uint8_t { None, Date, DateTime, Time };

DateKind builtin_format_kind(int id) {
    if (id >= 14 && id <= 17) return DateKind::Date;
    if (id >= 18 && id <= 21) return DateKind::Time;
    if (id == 22) return DateKind::DateTime;
    if (id >= 45 && id <= 47) return DateKind::Time;
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return DateKind::Date;
    return DateKind::None;
}

// Whether a custom number format shows a date or time: its first section, outside quoted
// literals, escapes and [colour]/[$-locale] brackets, has a y, d, m, h or s. ([h], [mm], [ss]
// are elapsed-time brackets.)
DateKind classify_format_code(std::string_view code) {
    if (equals_ci(trim(code), "general")) return DateKind::None;
    bool date = false, time = false, month_or_minute = false;
    for (size_t i = 0; i < code.size(); ++i) {
        char const c = code[i];
        if (c == ';') break;
        if (c == '"') {
            size_t const close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is a literal, a padding width or a fill
        } else if (c == '[') {
            size_t const close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            std::string_view const inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos)
                time = true;
            i = close;
        } else if (starts_with_ci(code.substr(i), "am/pm")) {
            time = true;
            i += 4;
        } else if (starts_with_ci(code.substr(i), "a/p")) {
            time = true;
            i += 2;
        } else {
            switch (c) {
                case 'y': case 'Y': case 'd': case 'D': date = true; break;
                case 'h': case 'H': case 's': case 'S': time = true; break;
                case 'm': case 'M': month_or_minute = true; break;
                default: break;
            }
        }
    }
    if (date) return time ? DateKind::DateTime : DateKind::Date;
    if (time) return DateKind::Time;
    return month_or_minute ? DateKind::Date : DateKind::None;
}

// "1.0" -> "1", "3.6710101019E+15" -> "3671010101900000", "1E-3" -> "0.001", "12.5" -> "12.5".
std::string normalise_number(std::string_view v) {
    v = trim(v);
    std::string_view digits = v;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (is_all_digits(digits)) return std::string(v);
    double d = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return std::string(v);
    // A double holding a whole number is printed exactly: the value is what Excel stored,
    // nothing is rounded on our side.
    if (std::trunc(d) == d && std::fabs(d) < 1e21) {
        if (d == 0) return "0";
        return fmt::format("{:.0f}", d);
    }
    if (v.find_first_of("eE") != std::string_view::npos) return fmt::format("{}", d);
    return std::string(v);
}

std::string two(int n) { return fmt::format("{:02}", n); }

// An Excel serial day number as text, or nullopt when it is no date Pilar can write.
std::optional<std::string> serial_to_text(std::string_view v, DateKind kind, bool date1904) {
    v = trim(v);
    double serial = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), serial);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(serial) || serial < 0 ||
        serial > 2958466)  // 9999-12-31 in the 1900 system
        return std::nullopt;
    long long days = static_cast<long long>(std::floor(serial));
    long long seconds = std::llround((serial - static_cast<double>(days)) * 86400.0);
    if (seconds >= 86400) {
        ++days;
        seconds -= 86400;
    }
    std::string const time = fmt::format("{}:{}:{}", two(static_cast<int>(seconds / 3600)),
                                         two(static_cast<int>(seconds / 60 % 60)),
                                         two(static_cast<int>(seconds % 60)));
    if (kind == DateKind::Time && days == 0) return time;
    long long epoch_days = 0;
    if (date1904) {
        epoch_days = days - 24107;  // 1904-01-01 is serial 0
    } else {
        // The 1900 system counts 1900-02-29, a day that never was (Lotus 1-2-3's bug, kept by
        // Excel): serial 60. Day 1 is 1900-01-01.
        if (days == 60) return std::nullopt;
        if (days == 0) return std::nullopt;
        epoch_days = days < 60 ? days - 25568 : days - 25569;
    }
    std::string const date = Date::from_days(static_cast<int>(epoch_days)).iso();
    if (kind == DateKind::Date && seconds == 0) return date;
    return date + " " + time;
}

std::string_view local_name(XML_Char const* name) {
    std::string_view n(name);
    if (size_t const colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
    return n;
}

// The value of the attribute whose local name is `want` (namespace prefixes ignored, so
// "r:id" is "id"); nullopt when absent.
std::optional<std::string_view> attribute(XML_Char const** attrs, std::string_view want) {
    for (size_t i = 0; attrs[i]; i += 2)
        if (local_name(attrs[i]) == want) return std::string_view(attrs[i + 1]);
    return std::nullopt;
}

template <typename Int>
std::optional<Int> parse_int(std::string_view s) {
    Int v{};
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// "B12" -> {2, 12}; nullopt when it is no cell reference. `$` (absolute refs) is allowed.
std::optional<std::pair<int, long long>> parse_cell_ref(std::string_view ref) {
    if (!ref.empty() && ref.front() == '$') ref.remove_prefix(1);
    size_t letters = 0;
    while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) ++letters;
    int const col = xlsx_column_number(ref.substr(0, letters));
    if (col == 0) return std::nullopt;
    std::string_view rest = ref.substr(letters);
    if (!rest.empty() && rest.front() == '$') rest.remove_prefix(1);
    auto const row = parse_int<long long>(rest);
    if (!row || *row < 1) return std::nullopt;
    return std::pair{col, *row};
}

// Receives the elements of one XML part; a handler stops everything by setting `error`.
class PartHandler {
public:
    virtual ~PartHandler() = default;
    virtual void on_start(std::string_view name, XML_Char const** attrs) = 0;
    virtual void on_end(std::string_view /*name*/) {}
    virtual void on_text(std::string_view /*text*/) {}

    XML_Parser parser = nullptr;
    std::optional<Error> error;

    void abort(Error e) {
        if (!error) error = std::move(e);
        XML_StopParser(parser, XML_FALSE);
    }

protected:
    PartHandler() = default;
    PartHandler(PartHandler const&) = default;
    PartHandler& operator=(PartHandler const&) = default;
};

struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

// Streams one zip entry through expat into a handler. pump() returns after each suspension
// (the sheet handler suspends after every row), so memory stays constant.
class PartStream {
public:
    PartStream(std::string source, std::string part, PartHandler& handler)
        : m_source(std::move(source)), m_part(std::move(part)), m_handler(&handler) {}

    Result<void> open(zip_t* zip) {
        m_file.reset(zip_fopen(zip, m_part.c_str(), 0));
        if (!m_file) return fail(corrupt(fmt::format("{}: {}", m_part, zip_strerror(zip))));
        m_parser.reset(XML_ParserCreate("UTF-8"));
        if (!m_parser) return fail(ErrorCode::Internal, {"Memori habis", "Out of memory"});
        XML_Parser const p = m_parser.get();
        m_handler->parser = p;
        XML_SetUserData(p, m_handler);
        XML_SetElementHandler(
            p,
            [](void* h, XML_Char const* name, XML_Char const** attrs) {
                static_cast<PartHandler*>(h)->on_start(local_name(name), attrs);
            },
            [](void* h, XML_Char const* name) {
                static_cast<PartHandler*>(h)->on_end(local_name(name));
            });
        XML_SetCharacterDataHandler(p, [](void* h, XML_Char const* s, int len) {
            static_cast<PartHandler*>(h)->on_text(std::string_view(s, static_cast<size_t>(len)));
        });
        // No part of an xlsx has a DTD; refusing one rules out entity tricks altogether.
        XML_SetStartDoctypeDeclHandler(
            p, [](void* h, XML_Char const*, XML_Char const*, XML_Char const*, int) {
                auto* handler = static_cast<PartHandler*>(h);
                handler->abort(Error(ErrorCode::InvalidArgument,
                                     {"XML dengan DTD tidak diterima", "XML with a DTD is refused"}));
            });
        m_buffer.resize(kChunkBytes);
        return {};
    }

    // Parses on until the handler suspends (true) or the part ends (false).
    Result<bool> pump() {
        while (true) {
            XML_Status status;
            if (m_suspended) {
                status = XML_ResumeParser(m_parser.get());
            } else if (m_final_fed) {
                return false;
            } else {
                zip_int64_t const n = zip_fread(m_file.get(), m_buffer.data(), m_buffer.size());
                if (n < 0)
                    return fail(corrupt(fmt::format("{}: {}", m_part, zip_file_strerror(m_file.get()))));
                m_final_fed = n == 0;
                status = XML_Parse(m_parser.get(), m_buffer.data(), static_cast<int>(n), m_final_fed);
            }
            if (m_handler->error) return fail(*m_handler->error);
            if (status == XML_STATUS_ERROR) {
                XML_Parser const p = m_parser.get();
                return fail(corrupt(fmt::format("{} line {}: {}", m_part, XML_GetCurrentLineNumber(p),
                                                XML_ErrorString(XML_GetErrorCode(p)))));
            }
            m_suspended = status == XML_STATUS_SUSPENDED;
            if (m_suspended) return true;
        }
    }

    Result<void> parse_all() {
        while (PILAR_TRY(pump())) {
        }
        return {};
    }

    Error corrupt(std::string const& detail) const {
        return Error(ErrorCode::InvalidArgument,
                     {fmt::format("File XLSX rusak atau terpotong ({})", detail),
                      fmt::format("The XLSX file is damaged or truncated ({})", detail)})
            .at_file(m_source);
    }

private:
    std::string m_source;
    std::string m_part;
    PartHandler* m_handler;
    std::unique_ptr<zip_file_t, ZipFileCloser> m_file;
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> m_parser;
    std::vector<char> m_buffer;
    bool m_suspended = false;
    bool m_final_fed = false;
};

// ---- the small parts --------------------------------------------------------------------

struct Relationship {
    std::string target;  // part name inside the zip
    std::string type;
};

class RelsHandler final : public PartHandler {
public:
    std::unordered_map<std::string, Relationship> by_id;

    void on_start(std::string_view name, XML_Char const** attrs) override {
        if (name != "Relationship") return;
        auto id = attribute(attrs, "Id");
        auto target = attribute(attrs, "Target");
        if (!id || !target || by_id.size() >= kMaxSheets * 4) return;
        auto mode = attribute(attrs, "TargetMode");
        if (mode && *mode == "External") return;
        // Targets are relative to xl/ (the workbook's folder) unless they start with '/'.
        std::string path = target->starts_with('/') ? std::string(target->substr(1))
                                                    : "xl/" + std::string(*target);
        by_id[std::string(*id)] = {std::move(path), std::string(attribute(attrs, "Type").value_or(""))};
    }
};

struct SheetEntry {
    std::string name;
    std::string rel_id;
};

class WorkbookHandler final : public PartHandler {
public:
    std::vector<SheetEntry> sheets;
    bool date1904 = false;

    void on_start(std::string_view name, XML_Char const** attrs) override {
        if (name == "sheet" && sheets.size() < kMaxSheets) {
            sheets.push_back({std::string(attribute(attrs, "name").value_or("")),
                              std::string(attribute(attrs, "id").value_or(""))});
        } else if (name == "workbookPr") {
            auto v = attribute(attrs, "date1904");
            date1904 = v && (*v == "1" || *v == "true");
        }
    }
};

class StylesHandler final : public PartHandler {
public:
    std::unordered_map<int, DateKind> custom;  // numFmtId -> kind, for custom formats
    std::vector<int> xf_format;                // cellXfs index -> numFmtId

    void on_start(std::string_view name, XML_Char const** attrs) override {
        if (name == "numFmt") {
            auto id = parse_int<int>(attribute(attrs, "numFmtId").value_or(""));
            if (id && custom.size() < kMaxStyles)
                custom[*id] = classify_format_code(attribute(attrs, "formatCode").value_or(""));
        } else if (name == "cellXfs") {
            m_in_cell_xfs = true;
        } else if (name == "xf" && m_in_cell_xfs && xf_format.size() < kMaxStyles) {
            xf_format.push_back(parse_int<int>(attribute(attrs, "numFmtId").value_or("0")).value_or(0));
        }
    }
    void on_end(std::string_view name) override {
        if (name == "cellXfs") m_in_cell_xfs = false;
    }

private:
    bool m_in_cell_xfs = false;
};

// The shared-string table: every string's text back to back, and where each one ends.
class SharedStringsHandler final : public PartHandler {
public:
    SharedStringsHandler(size_t limit, std::string source) : m_limit(limit), m_source(std::move(source)) {}

    std::string text;
    std::vector<size_t> ends;

    void on_start(std::string_view name, XML_Char const**) override {
        if (name == "si") m_in_si = true;
        else if (name == "t" && m_in_si && m_rph_depth == 0) m_in_t = true;
        else if (name == "rPh") ++m_rph_depth;  // phonetic hints (furigana) are not the text
    }
    void on_end(std::string_view name) override {
        if (name == "t") {
            m_in_t = false;
        } else if (name == "rPh") {
            --m_rph_depth;
        } else if (name == "si") {
            m_in_si = false;
            ends.push_back(text.size());
            check();
        }
    }
    void on_text(std::string_view s) override {
        if (!m_in_t) return;
        text += s;
        check();
    }

private:
    void check() {
        if (text.size() + ends.size() * sizeof(size_t) <= m_limit) return;
        abort(Error(ErrorCode::InvalidArgument,
                    {fmt::format("Tabel teks bersama (sharedStrings) di file ini lebih dari {} MB; "
                                 "bagi datanya menjadi beberapa file atau simpan sebagai CSV",
                                 m_limit >> 20),
                     fmt::format("The shared-string table (sharedStrings) of this file is larger "
                                 "than {} MB; split the data into several files or save it as CSV",
                                 m_limit >> 20)})
                  .at_file(m_source));
    }

    size_t m_limit;
    std::string m_source;
    bool m_in_si = false;
    bool m_in_t = false;
    int m_rph_depth = 0;
};

class MergeHandler final : public PartHandler {
public:
    explicit MergeHandler(std::vector<XlsxMergedRange>& out) : m_out(&out) {}

    void on_start(std::string_view name, XML_Char const** attrs) override {
        if (name != "mergeCell" || m_out->size() >= kMaxMergedKept) return;
        std::string_view const ref = attribute(attrs, "ref").value_or("");
        XlsxMergedRange range{.ref = std::string(ref)};
        size_t const colon = ref.find(':');
        auto first = parse_cell_ref(ref.substr(0, colon));
        auto last = colon == std::string_view::npos ? first : parse_cell_ref(ref.substr(colon + 1));
        if (first && last) {
            range.first_column = first->first;
            range.first_row = first->second;
            range.last_column = last->first;
            range.last_row = last->second;
        }
        m_out->push_back(std::move(range));
    }

private:
    std::vector<XlsxMergedRange>* m_out;
};

// ---- the sheet ---------------------------------------------------------------------------

class SheetHandler final : public PartHandler {
public:
    enum class CellType { Number, SharedString, InlineString, FormulaString, Boolean, Error, IsoDate };

    // Filled by the reader before parsing.
    std::string source;
    std::string const* sst_text = nullptr;
    std::vector<size_t> const* sst_ends = nullptr;
    std::vector<DateKind> style_kinds;
    bool date1904 = false;
    size_t max_row_bytes = 0;

    // A finished non-empty row, waiting for next().
    bool has_row = false;
    XlsxRow row;

    void on_start(std::string_view name, XML_Char const** attrs) override {
        if (name == "row") {
            start_row(attrs);
        } else if (name == "c") {
            start_cell(attrs);
        } else if (m_in_cell) {
            if (name == "v") {
                m_collect = true;
            } else if (name == "rPh") {
                ++m_rph_depth;
            } else if (name == "t" && m_cell_type == CellType::InlineString && m_rph_depth == 0) {
                m_collect = true;
            }
        }
    }

    void on_end(std::string_view name) override {
        if (name == "v" || name == "t") {
            m_collect = false;
        } else if (name == "rPh") {
            --m_rph_depth;
        } else if (name == "c" && m_in_cell) {
            m_in_cell = false;
            finish_cell();
        } else if (name == "row") {
            finish_row();
        }
    }

    void on_text(std::string_view s) override {
        if (!m_collect) return;
        if (m_row_bytes + m_value.size() + s.size() > max_row_bytes) {
            abort(located(Error(ErrorCode::InvalidArgument,
                                {fmt::format("Baris ini lebih panjang dari batas {} byte", max_row_bytes),
                                 fmt::format("This row is longer than the limit of {} bytes",
                                             max_row_bytes)})));
            return;
        }
        m_value += s;
    }

    long long current_row() const { return m_row; }

private:
    Error located(Error e) const { return std::move(e.at_file(source).at_row(m_row)); }

    void start_row(XML_Char const** attrs) {
        if (auto r = attribute(attrs, "r")) {
            auto n = parse_int<long long>(*r);
            if (!n || *n < 1) {
                abort(located(Error(ErrorCode::InvalidArgument,
                                    {fmt::format("Nomor baris \"{}\" tidak sah", excerpt_for_message(*r)),
                                     fmt::format("Invalid row number \"{}\"", excerpt_for_message(*r))})));
                return;
            }
            m_row = *n;
        } else {
            ++m_row;
        }
        m_column = 0;
        m_row_bytes = 0;
        row.cells.clear();
        row.kinds.clear();
    }

    void start_cell(XML_Char const** attrs) {
        m_in_cell = true;
        m_collect = false;
        m_rph_depth = 0;
        m_value.clear();
        if (auto r = attribute(attrs, "r")) {
            auto ref = parse_cell_ref(*r);
            if (!ref) {
                abort(located(Error(ErrorCode::InvalidArgument,
                                    {fmt::format("Referensi sel \"{}\" tidak sah", excerpt_for_message(*r)),
                                     fmt::format("Invalid cell reference \"{}\"", excerpt_for_message(*r))})));
                return;
            }
            m_column = ref->first;
        } else {
            ++m_column;
        }
        if (m_column > kMaxColumns) {
            abort(located(Error(ErrorCode::InvalidArgument,
                                {"Sel di luar kolom terakhir Excel (XFD)", "A cell beyond Excel's last column (XFD)"})));
            return;
        }
        std::string_view const t = attribute(attrs, "t").value_or("n");
        m_cell_type = t == "s"           ? CellType::SharedString
                      : t == "inlineStr" ? CellType::InlineString
                      : t == "str"       ? CellType::FormulaString
                      : t == "b"         ? CellType::Boolean
                      : t == "e"         ? CellType::Error
                      : t == "d"         ? CellType::IsoDate
                                         : CellType::Number;
        m_style = parse_int<size_t>(attribute(attrs, "s").value_or("0")).value_or(0);
    }

    void finish_cell() {
        if (error) return;
        std::string text;
        XlsxCellKind kind = XlsxCellKind::Text;
        switch (m_cell_type) {
            case CellType::SharedString: {
                if (trim(m_value).empty()) return;
                auto index = parse_int<size_t>(trim(m_value));
                if (!index || *index >= sst_ends->size()) {
                    abort(located(Error(ErrorCode::InvalidArgument,
                                        {fmt::format("Sel {}{} merujuk teks bersama nomor {} yang tidak ada",
                                                     xlsx_column_letters(m_column), m_row, excerpt_for_message(m_value)),
                                         fmt::format("Cell {}{} refers to shared string {}, which does not exist",
                                                     xlsx_column_letters(m_column), m_row, excerpt_for_message(m_value))})));
                    return;
                }
                size_t const begin = *index == 0 ? 0 : (*sst_ends)[*index - 1];
                text.assign(*sst_text, begin, (*sst_ends)[*index] - begin);
                break;
            }
            case CellType::InlineString:
            case CellType::FormulaString: text = std::move(m_value); break;
            case CellType::Boolean:
                kind = XlsxCellKind::Boolean;
                text = trim(m_value) == "1" ? "TRUE" : trim(m_value) == "0" ? "FALSE" : m_value;
                break;
            case CellType::Error:
                kind = XlsxCellKind::Error;
                text = std::move(m_value);
                break;
            case CellType::IsoDate: {
                kind = XlsxCellKind::Date;
                std::string_view v = trim(m_value);
                if (v.size() > 10 && v[10] == 'T' && v.substr(11).starts_with("00:00:00")) v = v.substr(0, 10);
                text = v;
                if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
                break;
            }
            case CellType::Number: {
                if (trim(m_value).empty()) return;
                DateKind const dk = m_style < style_kinds.size() ? style_kinds[m_style] : DateKind::None;
                if (dk != DateKind::None) {
                    if (auto d = serial_to_text(m_value, dk, date1904)) {
                        kind = XlsxCellKind::Date;
                        text = std::move(*d);
                        break;
                    }
                }
                kind = XlsxCellKind::Number;
                text = normalise_number(m_value);
                break;
            }
        }
        if (text.empty()) return;
        m_row_bytes += text.size();
        size_t const index = static_cast<size_t>(m_column - 1);
        if (row.cells.size() <= index) {
            row.cells.resize(index + 1);
            row.kinds.resize(index + 1, XlsxCellKind::Empty);
        }
        row.cells[index] = std::move(text);
        row.kinds[index] = kind;
    }

    void finish_row() {
        if (error || row.cells.empty()) return;  // nothing in it: skipped, numbering kept
        row.number = m_row;
        has_row = true;
        XML_StopParser(parser, XML_TRUE);  // hand this row to next() before parsing on
    }

    long long m_row = 0;
    int m_column = 0;
    bool m_in_cell = false;
    bool m_collect = false;
    int m_rph_depth = 0;
    CellType m_cell_type = CellType::Number;
    size_t m_style = 0;
    std::string m_value;
    size_t m_row_bytes = 0;
};

Error invalid_file(std::string const& source, Text text) {
    return Error(ErrorCode::InvalidArgument, std::move(text)).at_file(source);
}

// Whether the decompressed sheet contains "mergeCell" anywhere: a fast byte scan, so the
// expat pass that reads the ranges runs only for sheets that have them.
Result<bool> sheet_mentions_merge(zip_t* zip, std::string const& part, std::string const& source) {
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(zip, part.c_str(), 0));
    if (!file) return false;  // reported by the real parse
    constexpr std::string_view kNeedle = "mergeCell";
    std::vector<char> buf(kChunkBytes + kNeedle.size());
    size_t keep = 0;
    while (true) {
        zip_int64_t const n = zip_fread(file.get(), buf.data() + keep, kChunkBytes);
        if (n < 0)
            return fail(invalid_file(
                source, {fmt::format("File XLSX rusak atau terpotong ({}: {})", part, zip_file_strerror(file.get())),
                         fmt::format("The XLSX file is damaged or truncated ({}: {})", part,
                                     zip_file_strerror(file.get()))}));
        if (n == 0) return false;
        std::string_view const data(buf.data(), keep + static_cast<size_t>(n));
        if (data.find(kNeedle) != std::string_view::npos) return true;
        keep = std::min(kNeedle.size() - 1, data.size());
        std::memmove(buf.data(), data.data() + data.size() - keep, keep);
    }
}

}  // namespace

int xlsx_column_number(std::string_view letters) {
    if (letters.empty() || letters.size() > 3) return 0;
    int n = 0;
    for (char c : letters) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return 0;
        n = n * 26 + (c - 'A' + 1);
    }
    return n <= kMaxColumns ? n : 0;
}

std::string xlsx_column_letters(int column) {
    std::string out;
    while (column > 0) {
        int const rem = (column - 1) % 26;
        out.insert(out.begin(), static_cast<char>('A' + rem));
        column = (column - 1) / 26;
    }
    return out;
}

struct XlsxReader::Impl {
    XlsxOptions opt;
    std::unique_ptr<zip_t, ZipCloser> zip;
    std::string sheet_name;
    std::vector<std::string> other_sheets;
    std::vector<XlsxMergedRange> merged;
    std::string sst_text;
    std::vector<size_t> sst_ends;
    std::vector<std::string> header;
    SheetHandler sheet;
    std::unique_ptr<PartStream> stream;
    long long row_number = 0;
    std::optional<Error> stuck;

    Error invalid(Text text) const { return invalid_file(opt.source_name, std::move(text)); }

    Result<void> parse_part(std::string const& part, PartHandler& handler) {
        PartStream s(opt.source_name, part, handler);
        PILAR_TRY(s.open(zip.get()));
        return s.parse_all();
    }

    bool has_part(std::string const& part) const { return zip_name_locate(zip.get(), part.c_str(), 0) >= 0; }

    Result<bool> pull(XlsxRow& out) {
        if (stuck) return fail(*stuck);
        while (!sheet.has_row) {
            auto more = stream->pump();
            if (!more) {
                Error e = std::move(more).error();
                if (e.row == 0 && sheet.current_row() > 0) e.at_row(sheet.current_row());
                stuck = e;
                return fail(std::move(e));
            }
            if (!*more && !sheet.has_row) return false;
        }
        sheet.has_row = false;
        std::swap(out, sheet.row);
        row_number = out.number;
        // Empty cells past the header are dropped; short rows are padded to the header.
        size_t width = out.cells.size();
        while (width > header.size() && out.cells[width - 1].empty()) --width;
        width = std::max(width, header.size());
        out.cells.resize(width);
        out.kinds.resize(width, XlsxCellKind::Empty);
        return true;
    }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
XlsxReader::XlsxReader(XlsxReader&&) noexcept = default;
XlsxReader& XlsxReader::operator=(XlsxReader&&) noexcept = default;
XlsxReader::~XlsxReader() = default;

Result<XlsxReader> XlsxReader::open(std::string const& path, XlsxOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->opt = std::move(options);
    if (impl->opt.source_name.empty()) impl->opt.source_name = path;
    std::string const& source = impl->opt.source_name;

    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        int const err = errno;
        if (err == ENOENT)
            return fail(ErrorCode::NotFound, {fmt::format("File {} tidak ditemukan", path),
                                              fmt::format("File {} not found", path)});
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("File {} tidak dapat dibuka: {}", path, std::strerror(err)),
                     fmt::format("File {} cannot be opened: {}", path, std::strerror(err))});
    }
    if (S_ISDIR(st.st_mode))
        return fail(impl->invalid({fmt::format("{} adalah folder, bukan file XLSX", path),
                                   fmt::format("{} is a folder, not an XLSX file", path)}));

    int zip_err = 0;
    impl->zip.reset(zip_open(path.c_str(), ZIP_RDONLY, &zip_err));
    if (!impl->zip) {
        std::array<unsigned char, 4> magic{};
        std::ifstream(path, std::ios::binary).read(reinterpret_cast<char*>(magic.data()), magic.size());
        if (zip_err == ZIP_ER_OPEN || zip_err == ZIP_ER_READ)
            return fail(ErrorCode::PermissionDenied,
                        {fmt::format("File {} tidak dapat dibaca", path), fmt::format("File {} cannot be read", path)});
        if (magic == std::array<unsigned char, 4>{0xD0, 0xCF, 0x11, 0xE0})
            return fail(impl->invalid({"Ini file Excel lama (.xls); simpan ulang sebagai .xlsx atau CSV",
                                       "This is an old Excel file (.xls); save it again as .xlsx or CSV"}));
        if (magic[0] == 'P' && magic[1] == 'K') {
            zip_error_t ze;
            zip_error_init_with_code(&ze, zip_err);
            std::string const detail = zip_error_strerror(&ze);
            zip_error_fini(&ze);
            return fail(impl->invalid({fmt::format("File XLSX rusak atau terpotong ({})", detail),
                                       fmt::format("The XLSX file is damaged or truncated ({})", detail)}));
        }
        return fail(impl->invalid({"Bukan file XLSX (bukan arsip zip); simpan dari Excel sebagai .xlsx",
                                   "Not an XLSX file (not a zip archive); save it from Excel as .xlsx"}));
    }
    if (!impl->has_part(std::string(kWorkbookPart)))
        return fail(impl->invalid({"Arsip zip ini bukan buku kerja XLSX (tidak ada xl/workbook.xml)",
                                   "This zip archive is not an XLSX workbook (it has no xl/workbook.xml)"}));

    RelsHandler rels;
    if (impl->has_part(std::string(kWorkbookRelsPart)))
        PILAR_TRY(impl->parse_part(std::string(kWorkbookRelsPart), rels));
    WorkbookHandler workbook;
    PILAR_TRY(impl->parse_part(std::string(kWorkbookPart), workbook));
    if (workbook.sheets.empty())
        return fail(impl->invalid({"Buku kerja XLSX ini tidak punya sheet", "This XLSX workbook has no sheet"}));

    size_t chosen = 0;
    if (!impl->opt.sheet.empty()) {
        auto it = std::find_if(workbook.sheets.begin(), workbook.sheets.end(),
                               [&](SheetEntry const& e) { return e.name == impl->opt.sheet; });
        if (it == workbook.sheets.end()) {
            std::vector<std::string_view> names;
            for (auto const& e : workbook.sheets) names.push_back(e.name);
            std::string const present = excerpt_for_message(join(names, ", "), 200);
            return fail(std::move(Error(ErrorCode::NotFound,
                                        {fmt::format("Sheet \"{}\" tidak ada (yang ada: {})", impl->opt.sheet, present),
                                         fmt::format("There is no sheet \"{}\" (present: {})", impl->opt.sheet, present)})
                                      .at_file(source)));
        }
        chosen = static_cast<size_t>(it - workbook.sheets.begin());
    }
    SheetEntry const& first = workbook.sheets[chosen];
    impl->sheet_name = first.name;
    for (size_t i = 0; i < workbook.sheets.size(); ++i)
        if (i != chosen) impl->other_sheets.push_back(workbook.sheets[i].name);
    auto rel = rels.by_id.find(first.rel_id);
    if (rel == rels.by_id.end() || !impl->has_part(rel->second.target))
        return fail(impl->invalid({fmt::format("Sheet \"{}\" tidak ditemukan di dalam file", first.name),
                                   fmt::format("Sheet \"{}\" is missing from the file", first.name)}));
    if (!rel->second.type.ends_with("/worksheet"))
        return fail(impl->invalid({fmt::format("Sheet pertama \"{}\" bukan lembar data (mungkin grafik)", first.name),
                                   fmt::format("The first sheet \"{}\" is not a worksheet (perhaps a chart)",
                                               first.name)}));
    std::string const sheet_part = rel->second.target;

    // Which cell styles are dates, and the shared strings, from the parts the workbook names.
    std::vector<DateKind> style_kinds;
    for (auto const& [id, r] : rels.by_id) {
        if (r.type.ends_with("/styles") && impl->has_part(r.target)) {
            StylesHandler styles;
            PILAR_TRY(impl->parse_part(r.target, styles));
            style_kinds.reserve(styles.xf_format.size());
            for (int fmt_id : styles.xf_format) {
                auto custom = styles.custom.find(fmt_id);
                style_kinds.push_back(custom != styles.custom.end() ? custom->second : builtin_format_kind(fmt_id));
            }
        } else if (r.type.ends_with("/sharedStrings") && impl->has_part(r.target)) {
            SharedStringsHandler sst(impl->opt.max_shared_strings_bytes, source);
            PILAR_TRY(impl->parse_part(r.target, sst));
            impl->sst_text = std::move(sst.text);
            impl->sst_ends = std::move(sst.ends);
        }
    }

    // Merged ranges follow the cell data in the sheet's XML; they are read up front so an
    // import can refuse the sheet before reading a single row.
    if (PILAR_TRY(sheet_mentions_merge(impl->zip.get(), sheet_part, source))) {
        MergeHandler merges(impl->merged);
        PILAR_TRY(impl->parse_part(sheet_part, merges));
    }

    SheetHandler& sheet = impl->sheet;
    sheet.source = source;
    sheet.sst_text = &impl->sst_text;
    sheet.sst_ends = &impl->sst_ends;
    sheet.style_kinds = std::move(style_kinds);
    sheet.date1904 = workbook.date1904;
    sheet.max_row_bytes = impl->opt.max_row_bytes;
    impl->stream = std::make_unique<PartStream>(source, sheet_part, sheet);
    PILAR_TRY(impl->stream->open(impl->zip.get()));

    if (impl->opt.header == XlsxHeader::FirstRow) {
        XlsxRow head;
        if (!PILAR_TRY(impl->pull(head)))
            return fail(impl->invalid({fmt::format("Sheet \"{}\" kosong: baris pertama harus berisi nama kolom",
                                                   first.name),
                                       fmt::format("Sheet \"{}\" is empty: its first row must hold the column names",
                                                   first.name)}));
        for (auto const& name : head.cells) impl->header.emplace_back(trim(name));
        for (size_t i = 0; i < impl->header.size(); ++i) {
            if (impl->header[i].empty()) continue;
            for (size_t j = 0; j < i; ++j) {
                if (!equals_ci(impl->header[i], impl->header[j])) continue;
                std::string const name = excerpt_for_message(impl->header[i]);
                return fail(impl->invalid({fmt::format("Kolom \"{}\" muncul dua kali di header (kolom {} dan {})",
                                                       name, xlsx_column_letters(static_cast<int>(j + 1)),
                                                       xlsx_column_letters(static_cast<int>(i + 1))),
                                           fmt::format("Column \"{}\" appears twice in the header (columns {} and {})",
                                                       name, xlsx_column_letters(static_cast<int>(j + 1)),
                                                       xlsx_column_letters(static_cast<int>(i + 1)))})
                                .at_row(head.number));
            }
        }
    }
    return XlsxReader(std::move(impl));
}

std::string const& XlsxReader::sheet_name() const { return m_impl->sheet_name; }
std::span<std::string const> XlsxReader::other_sheet_names() const { return m_impl->other_sheets; }
std::span<XlsxMergedRange const> XlsxReader::merged_cells() const { return m_impl->merged; }

Result<void> XlsxReader::require_no_merged_cells() const {
    if (m_impl->merged.empty()) return {};
    XlsxMergedRange const& m = m_impl->merged.front();
    std::string const ref = excerpt_for_message(m.ref);
    Error e = m_impl->invalid(
        {fmt::format("Sheet \"{}\" memuat sel gabungan {}: pisahkan sel gabungan (Merge & Center) agar "
                     "setiap baris punya nilainya sendiri",
                     m_impl->sheet_name, ref),
         fmt::format("Sheet \"{}\" has merged cells {}: unmerge them (Merge & Center) so every row holds "
                     "its own values",
                     m_impl->sheet_name, ref)});
    if (m.first_row > 0) e.at_row(m.first_row);
    return fail(std::move(e));
}

std::span<std::string const> XlsxReader::header() const { return m_impl->header; }

Result<bool> XlsxReader::next(XlsxRow& row) { return m_impl->pull(row); }

Result<bool> XlsxReader::next(std::vector<std::string>& row) {
    XlsxRow r;
    r.cells = std::move(row);
    r.cells.clear();
    auto got = m_impl->pull(r);
    row = std::move(r.cells);
    return got;
}

long long XlsxReader::row_number() const { return m_impl->row_number; }
std::string const& XlsxReader::source_name() const { return m_impl->opt.source_name; }

}  // namespace pilar
