#include "core/csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/strings.hpp"

namespace pilar {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Smallest read buffer, so that tiny chunk sizes (used by tests to force refills at every byte)
// still leave room to grow by doubling.
constexpr size_t kMinBufferBytes = 16;
// The writer hands its buffer to write(2) once it holds this much.
constexpr size_t kWriterFlushBytes = size_t{64} << 10;

// Where a field lies in the read buffer. Offsets, not pointers: the buffer moves on refill.
struct FieldSpan {
    size_t begin;
    size_t end;
    bool has_escaped_quotes;
};

std::string delimiter_name(char d, Lang lang) {
    if (d == '\t') return lang == Lang::En ? "tab" : "tab";
    if (d == ' ') return lang == Lang::En ? "space" : "spasi";
    return fmt::format("'{}'", d);
}

Error io_error(std::string const& name, std::string_view what_id, std::string_view what_en,
               int err) {
    Error e(ErrorCode::Internal,
            {fmt::format("Gagal {} {}: {}", what_id, name, std::strerror(err)),
             fmt::format("Could not {} {}: {}", what_en, name, std::strerror(err))});
    return e;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reader

struct CsvReader::Impl {
    CsvOptions opt;
    int fd = -1;
    std::string_view src;  // from_string(): the whole input; copied into buf chunk by chunk
    size_t src_pos = 0;

    std::unique_ptr<char[]> buf;
    size_t cap = 0;
    size_t pos = 0;  // start of the unread input in buf
    size_t end = 0;  // end of the valid bytes in buf
    bool eof = false;

    long long line = 1;  // physical line at `pos`
    long long records = 0;
    std::vector<std::string> header;
    size_t expected_fields = 0;  // 0: not known yet
    std::vector<FieldSpan> spans;
    std::array<bool, 256> special{};  // bytes that end an unquoted run
    std::optional<Error> stuck;
    // Set by read_record() once it has moved past a record: an error after that point is about
    // that record alone, and reading can go on.
    bool record_consumed = false;

    Impl() = default;
    Impl(Impl const&) = delete;
    Impl& operator=(Impl const&) = delete;
    ~Impl() {
        if (fd >= 0) ::close(fd);
    }

    Error located(Error e, long long row) const {
        if (!opt.source_name.empty()) e.at_file(opt.source_name);
        e.at_row(row);
        return e;
    }
    Error located(Error e, long long row, size_t field_index) const {
        if (field_index < header.size() && !header[field_index].empty())
            e.at_field(header[field_index]);
        return located(std::move(e), row);
    }

    Result<void> read_more();
    Result<bool> read_record(CsvRecord& out);

    enum class Scan { Record, NeedMore, Malformed };
    struct ScanOut {
        size_t content_end = 0;  // end of the last field, before the line break
        size_t next = 0;         // where the next record starts
        long long lines = 0;     // line breaks consumed, the terminating one included
    };
    Scan scan(ScanOut& out, Error& err);
    void count_breaks(size_t from, size_t to, long long& lines, size_t& line_start) const;
    Error too_long_error() const;
};

Result<void> CsvReader::Impl::read_more() {
    if (pos > 0) {
        std::memmove(buf.get(), buf.get() + pos, end - pos);
        end -= pos;
        pos = 0;
    }
    if (end == cap) {
        // Only a record longer than the buffer gets here; scan() has already refused records
        // longer than max_record_bytes, so this stays below max_record_bytes + chunk_bytes.
        size_t const new_cap = std::min(cap * 2, opt.max_record_bytes + opt.chunk_bytes + 2);
        auto bigger = std::make_unique<char[]>(new_cap);
        std::memcpy(bigger.get(), buf.get(), end);
        buf = std::move(bigger);
        cap = new_cap;
    }
    size_t const want = std::min(cap - end, opt.chunk_bytes);
    size_t got = 0;
    if (fd >= 0) {
        ssize_t n;
        do {
            n = ::read(fd, buf.get() + end, want);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            int const err = errno;
            if (err == EISDIR)
                return fail(ErrorCode::InvalidArgument,
                            {fmt::format("{} adalah folder, bukan file CSV", opt.source_name),
                             fmt::format("{} is a folder, not a CSV file", opt.source_name)});
            return fail(io_error(opt.source_name, "membaca", "read", err));
        }
        got = static_cast<size_t>(n);
    } else {
        got = std::min(want, src.size() - src_pos);
        std::memcpy(buf.get() + end, src.data() + src_pos, got);
        src_pos += got;
    }
    if (got == 0) eof = true;
    end += got;
    return {};
}

// Counts line breaks in buf[from, to): LF, CRLF and a lone CR each end one physical line.
void CsvReader::Impl::count_breaks(size_t from, size_t to, long long& lines,
                                   size_t& line_start) const {
    char const* b = buf.get();
    for (size_t i = from; i < to; ++i) {
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= end || b[i + 1] != '\n'))) {
            ++lines;
            line_start = i + 1;
        }
    }
}

Error CsvReader::Impl::too_long_error() const {
    return located(
        Error(ErrorCode::InvalidArgument,
              {fmt::format("Baris ini lebih panjang dari batas {} byte. Periksa apakah ada tanda "
                           "kutip (\") yang tidak ditutup; jika barisnya memang sepanjang itu, "
                           "naikkan batasnya",
                           opt.max_record_bytes),
               fmt::format("This line is longer than the limit of {} bytes. Check for a quote "
                           "(\") that is never closed; if the line really is that long, raise "
                           "the limit",
                           opt.max_record_bytes)}),
        line);
}

// Finds the fields of the record starting at `pos`, without changing anything, so it can
// simply start again after a refill when the record runs past the end of the buffer.
CsvReader::Impl::Scan CsvReader::Impl::scan(ScanOut& out, Error& err) {
    char const* const b = buf.get();
    char const delim = opt.delimiter;
    spans.clear();
    size_t p = pos;
    long long lines = 0;
    size_t line_start = pos;  // for byte columns in messages

    for (;;) {  // one field per iteration
        if (p == end) {
            // Right after a delimiter: the record ends with an empty field.
            if (!eof) return Scan::NeedMore;
            spans.push_back({p, p, false});
            out = {p, p, lines};
            return Scan::Record;
        }
        if (b[p] == '"') {
            long long const opened_on = line + lines;
            size_t const content = p + 1;
            size_t q = content;
            bool escaped = false;
            for (;;) {
                auto const* hit = static_cast<char const*>(std::memchr(b + q, '"', end - q));
                if (!hit) {
                    if (!eof) return Scan::NeedMore;
                    err = located(
                        Error(ErrorCode::InvalidArgument,
                              {"Nilai yang diawali tanda kutip (\") tidak pernah ditutup sampai "
                               "akhir file: file mungkin terpotong (baris terakhir tidak "
                               "lengkap), atau ada tanda kutip yang tidak berpasangan",
                               "A value that starts with a quote (\") is never closed before the "
                               "end of the file: the file may be truncated (its last line cut "
                               "off), or a quote is unbalanced"}),
                        opened_on, spans.size());
                    return Scan::Malformed;
                }
                size_t const h = static_cast<size_t>(hit - b);
                if (h + 1 == end && !eof) return Scan::NeedMore;  // "" or closing? can't tell yet
                count_breaks(q, h, lines, line_start);
                if (h + 1 < end && b[h + 1] == '"') {
                    escaped = true;
                    q = h + 2;
                    continue;
                }
                spans.push_back({content, h, escaped});
                p = h + 1;
                break;
            }
            if (p == end) {  // closing quote was the last byte of the input
                out = {p, p, lines};
                return Scan::Record;
            }
            char const c = b[p];
            if (c == delim) {
                ++p;
                continue;
            }
            if (c != '\n' && c != '\r') {
                size_t const column = p - line_start + 1;
                std::string const shown = excerpt_for_message(std::string_view(b + p, 1));
                err = located(
                    Error(ErrorCode::InvalidArgument,
                          {fmt::format("Ada teks ({}) setelah tanda kutip penutup pada byte "
                                       "ke-{}; nilai yang diapit kutip harus langsung diikuti "
                                       "pemisah atau akhir baris, dan tanda kutip di dalamnya "
                                       "harus ditulis ganda (\"\")",
                                       shown, column),
                           fmt::format("Text ({}) follows a closing quote at byte {}; a quoted "
                                       "value must be followed by the delimiter or the end of "
                                       "the line, and quotes inside it must be doubled (\"\")",
                                       shown, column)}),
                    line + lines, spans.size() - 1);
                return Scan::Malformed;
            }
        } else {
            size_t const start = p;
            while (p < end && !special[static_cast<unsigned char>(b[p])]) ++p;
            if (p == end) {
                if (!eof) return Scan::NeedMore;
                spans.push_back({start, p, false});
                out = {p, p, lines};
                return Scan::Record;
            }
            char const c = b[p];
            if (c == '"') {
                size_t const column = p - line_start + 1;
                // `a, "b"`: a common hand-edited form that RFC 4180 does not allow. Say so,
                // since the quote looks fine to the person who wrote it.
                if (trim(std::string_view(b + start, p - start)).empty()) {
                    err = located(
                        Error(ErrorCode::InvalidArgument,
                              {fmt::format("Ada spasi sebelum tanda kutip pembuka (\") pada byte "
                                           "ke-{}; hapus spasi di antara pemisah dan tanda kutip",
                                           column),
                               fmt::format("There are spaces before the opening quote (\") at "
                                           "byte {}; remove the spaces between the delimiter and "
                                           "the quote",
                                           column)}),
                        line + lines, spans.size());
                    return Scan::Malformed;
                }
                err = located(
                    Error(ErrorCode::InvalidArgument,
                          {fmt::format("Tanda kutip (\") di tengah nilai yang tidak diapit kutip, "
                                       "pada byte ke-{}; apit seluruh nilai dengan tanda kutip "
                                       "dan tulis tanda kutip di dalamnya dua kali (\"\")",
                                       column),
                           fmt::format("A quote (\") in the middle of an unquoted value, at byte "
                                       "{}; enclose the whole value in quotes and double the "
                                       "quotes inside it (\"\")",
                                       column)}),
                    line + lines, spans.size());
                return Scan::Malformed;
            }
            spans.push_back({start, p, false});
            if (c == delim) {
                ++p;
                continue;
            }
        }
        // b[p] is '\n' or '\r': the record ends here.
        size_t const content_end = p;
        if (b[p] == '\r') {
            if (p + 1 == end && !eof) return Scan::NeedMore;  // CRLF split by the refill?
            p += (p + 1 < end && b[p + 1] == '\n') ? 2 : 1;
        } else {
            ++p;
        }
        out = {content_end, p, lines + 1};
        return Scan::Record;
    }
}

Result<bool> CsvReader::Impl::read_record(CsvRecord& out) {
    record_consumed = false;
    for (;;) {
        // Blank lines are not records.
        for (;;) {
            if (pos == end) {
                if (eof) return false;
                PILAR_TRY(read_more());
                continue;
            }
            char const c = buf[pos];
            if (c == '\n') {
                ++pos;
                ++line;
            } else if (c == '\r') {
                if (pos + 1 == end && !eof) {
                    PILAR_TRY(read_more());
                    continue;
                }
                pos += (pos + 1 < end && buf[pos + 1] == '\n') ? 2 : 1;
                ++line;
            } else {
                break;
            }
        }

        ScanOut scanned;
        Error err;
        Scan const result = scan(scanned, err);
        if (result == Scan::Malformed) return fail(std::move(err));
        if (result == Scan::NeedMore) {
            if (end - pos > opt.max_record_bytes + 1) return fail(too_long_error());
            PILAR_TRY(read_more());
            continue;
        }

        size_t const start = pos;
        long long const start_line = line;
        if (scanned.content_end - start > opt.max_record_bytes) return fail(too_long_error());
        // Move past the record before checking its contents, so that an encoding error leaves
        // the reader at the next record.
        pos = scanned.next;
        line += scanned.lines;
        record_consumed = true;

        std::string_view const raw(buf.get() + start, scanned.content_end - start);
        size_t bad = 0;
        if (!is_valid_utf8(raw, &bad)) {
            long long lines = 0;
            size_t line_start = start;
            count_breaks(start, start + bad, lines, line_start);
            size_t const column = start + bad - line_start + 1;
            auto const byte = static_cast<unsigned char>(raw[bad]);
            size_t field = 0;
            while (field + 1 < spans.size() && spans[field + 1].begin <= start + bad) ++field;
            return fail(located(
                Error(ErrorCode::InvalidArgument,
                      {fmt::format("Byte ke-{} pada baris ini (0x{:02X}) bukan UTF-8 yang sah. "
                                   "File ini mungkin tersimpan sebagai Latin-1/Windows-1252; "
                                   "simpan ulang sebagai UTF-8 (di Excel: \"CSV UTF-8\")",
                                   column, byte),
                       fmt::format("Byte {} of this line (0x{:02X}) is not valid UTF-8. The file "
                                   "may have been saved as Latin-1/Windows-1252; save it again "
                                   "as UTF-8 (in Excel: \"CSV UTF-8\")",
                                   column, byte)}),
                start_line + lines, field));
        }

        char* const b = buf.get();
        out.m_fields.clear();
        for (FieldSpan& s : spans) {
            if (s.has_escaped_quotes) {
                // In place: the text only gets shorter, and the raw bytes are not needed again.
                size_t w = s.begin;
                for (size_t r = s.begin; r < s.end; ++r) {
                    b[w++] = b[r];
                    if (b[r] == '"') ++r;  // the scanner guarantees quotes come in pairs here
                }
                s.end = w;
            }
            out.m_fields.emplace_back(b + s.begin, s.end - s.begin);
        }
        out.m_line = start_line;
        return true;
    }
}

CsvReader::CsvReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::start(std::unique_ptr<Impl> impl) {
    CsvOptions const& opt = impl->opt;
    if (opt.delimiter == '"' || opt.delimiter == '\n' || opt.delimiter == '\r')
        return fail(ErrorCode::InvalidArgument,
                    {"Pemisah CSV tidak boleh tanda kutip atau ganti baris",
                     "The CSV delimiter cannot be a quote or a line break"});
    if (opt.max_record_bytes == 0 || opt.chunk_bytes == 0)
        return fail(ErrorCode::InvalidArgument,
                    {"Batas panjang baris dan ukuran baca CSV harus lebih dari 0",
                     "The CSV line limit and read size must be more than 0"});
    impl->special[static_cast<unsigned char>(opt.delimiter)] = true;
    impl->special['"'] = true;
    impl->special['\n'] = true;
    impl->special['\r'] = true;
    impl->cap = std::max(opt.chunk_bytes, kMinBufferBytes);
    impl->buf = std::make_unique<char[]>(impl->cap);

    while (impl->end < kBom.size() && !impl->eof) PILAR_TRY(impl->read_more());
    if (std::string_view(impl->buf.get(), impl->end).starts_with(kBom)) impl->pos = kBom.size();

    CsvReader reader(std::move(impl));
    Impl& r = *reader.m_impl;
    if (r.opt.header == CsvHeader::FirstRow) {
        CsvRecord rec;
        bool const got = PILAR_TRY(r.read_record(rec));
        if (!got)
            return fail(r.located(Error(ErrorCode::InvalidArgument,
                                        {"File CSV kosong: baris pertama harus berisi nama kolom",
                                         "The CSV file is empty: its first line must hold the "
                                         "column names"}),
                                  1));
        for (std::string_view name : rec.fields()) r.header.emplace_back(trim(name));
        for (size_t i = 0; i < r.header.size(); ++i) {
            if (r.header[i].empty()) continue;
            for (size_t j = 0; j < i; ++j) {
                if (!equals_ci(r.header[i], r.header[j])) continue;
                return fail(r.located(
                    Error(ErrorCode::InvalidArgument,
                          {fmt::format("Kolom \"{}\" muncul dua kali di header (kolom ke-{} dan "
                                       "ke-{})",
                                       excerpt_for_message(r.header[i]), j + 1, i + 1),
                           fmt::format("Column \"{}\" appears twice in the header (columns {} "
                                       "and {})",
                                       excerpt_for_message(r.header[i]), j + 1, i + 1)}),
                    rec.line()));
            }
        }
        r.expected_fields = r.header.size();
    }
    return reader;
}

Result<CsvReader> CsvReader::open(std::string const& path, CsvOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->opt = std::move(options);
    if (impl->opt.source_name.empty()) impl->opt.source_name = path;
    impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl->fd < 0) {
        int const err = errno;
        if (err == ENOENT)
            return fail(ErrorCode::NotFound, {fmt::format("File {} tidak ditemukan", path),
                                              fmt::format("File {} not found", path)});
        if (err == EACCES)
            return fail(ErrorCode::PermissionDenied,
                        {fmt::format("Tidak ada izin membaca file {}", path),
                         fmt::format("No permission to read file {}", path)});
        return fail(io_error(path, "membuka", "open", err));
    }
    struct stat st{};
    if (::fstat(impl->fd, &st) == 0 && S_ISDIR(st.st_mode))
        return fail(ErrorCode::InvalidArgument,
                    {fmt::format("{} adalah folder, bukan file CSV", path),
                     fmt::format("{} is a folder, not a CSV file", path)});
    // The whole file is read once, front to back.
    (void)::posix_fadvise(impl->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return start(std::move(impl));
}

Result<CsvReader> CsvReader::from_string(std::string_view data, CsvOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->opt = std::move(options);
    impl->src = data;
    return start(std::move(impl));
}

std::span<std::string const> CsvReader::header() const { return m_impl->header; }

std::optional<size_t> CsvReader::column(std::string_view name) const {
    name = trim(name);
    for (size_t i = 0; i < m_impl->header.size(); ++i)
        if (equals_ci(m_impl->header[i], name)) return i;
    return std::nullopt;
}

Result<size_t> CsvReader::require_column(std::string_view name) const {
    if (auto i = column(name)) return *i;
    Impl const& r = *m_impl;
    std::string const present = excerpt_for_message(join(r.header, ", "), 200);
    Error e(ErrorCode::InvalidArgument,
            {fmt::format("Kolom \"{}\" tidak ada di header (yang ada: {})", name, present),
             fmt::format("Column \"{}\" is missing from the header (present: {})", name,
                         present)});
    // One header column that holds another common delimiter: the file was read with the
    // wrong one, which is what the user needs to hear rather than "column missing".
    if (r.header.size() == 1) {
        for (char d : {';', ',', '\t', '|'}) {
            if (d == r.opt.delimiter || r.header[0].find(d) == std::string::npos) continue;
            e.message.id += fmt::format(". Header hanya berisi satu kolom yang memuat {}: "
                                        "apakah pemisahnya {}, bukan {}?",
                                        delimiter_name(d, Lang::Id), delimiter_name(d, Lang::Id),
                                        delimiter_name(r.opt.delimiter, Lang::Id));
            e.message.en += fmt::format(". The header is a single column containing {}: is the "
                                        "delimiter {} rather than {}?",
                                        delimiter_name(d, Lang::En), delimiter_name(d, Lang::En),
                                        delimiter_name(r.opt.delimiter, Lang::En));
            break;
        }
    }
    return fail(r.located(std::move(e), 1));
}

Result<bool> CsvReader::next(CsvRecord& out) {
    Impl& r = *m_impl;
    if (r.stuck) return fail(*r.stuck);
    auto got = r.read_record(out);
    if (!got) {
        if (r.record_consumed) out.m_record_number = ++r.records;
        else r.stuck = got.error();
        return got;
    }
    if (!*got) return false;
    out.m_record_number = ++r.records;
    if (r.opt.field_count == CsvFieldCount::MustMatch) {
        if (r.expected_fields == 0) r.expected_fields = out.size();
        if (out.size() != r.expected_fields) {
            bool const vs_header = r.opt.header == CsvHeader::FirstRow;
            std::string hint_id;
            std::string hint_en;
            if (out.size() > r.expected_fields) {
                hint_id = fmt::format("; mungkin ada {} di dalam nilai yang tidak diapit tanda "
                                      "kutip",
                                      delimiter_name(r.opt.delimiter, Lang::Id));
                hint_en = fmt::format("; perhaps a value contains {} without being quoted",
                                      delimiter_name(r.opt.delimiter, Lang::En));
            }
            return fail(r.located(
                Error(ErrorCode::InvalidArgument,
                      {fmt::format("Baris ini berisi {} kolom, padahal {} berisi {} kolom{}",
                                   out.size(), vs_header ? "header" : "baris pertama",
                                   r.expected_fields, hint_id),
                       fmt::format("This line has {} fields, but the {} has {}{}", out.size(),
                                   vs_header ? "header" : "first line", r.expected_fields,
                                   hint_en)}),
                out.line()));
        }
    }
    return true;
}

long long CsvReader::records_read() const { return m_impl->records; }

std::string const& CsvReader::source_name() const { return m_impl->opt.source_name; }

// ---------------------------------------------------------------------------------------------
// Writer

CsvWriter::CsvWriter(std::string* out, int fd, bool owns_fd, std::string name,
                     CsvWriterOptions options)
    : m_out(out), m_fd(fd), m_owns_fd(owns_fd), m_name(std::move(name)), m_options(options) {
    if (m_options.bom == CsvBom::With) (m_out ? *m_out : m_buffer) += kBom;
}

CsvWriter CsvWriter::to_string(std::string& out, CsvWriterOptions options) {
    return CsvWriter(&out, -1, false, {}, options);
}

CsvWriter CsvWriter::to_fd(int fd, CsvWriterOptions options) {
    return CsvWriter(nullptr, fd, false, fmt::format("fd {}", fd), options);
}

Result<CsvWriter> CsvWriter::create_file(std::string const& path, CsvWriterOptions options) {
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int const err = errno;
        if (err == EACCES)
            return fail(ErrorCode::PermissionDenied,
                        {fmt::format("Tidak ada izin menulis file {}", path),
                         fmt::format("No permission to write file {}", path)});
        return fail(io_error(path, "membuat", "create", err));
    }
    return CsvWriter(nullptr, fd, true, path, options);
}

CsvWriter::CsvWriter(CsvWriter&& other) noexcept
    : m_out(other.m_out),
      m_fd(other.m_fd),
      m_owns_fd(other.m_owns_fd),
      m_finished(other.m_finished),
      m_name(std::move(other.m_name)),
      m_buffer(std::move(other.m_buffer)),
      m_options(other.m_options),
      m_error(std::move(other.m_error)) {
    other.m_out = nullptr;
    other.m_fd = -1;
    other.m_owns_fd = false;
    other.m_finished = true;
    other.m_buffer.clear();
}

CsvWriter& CsvWriter::operator=(CsvWriter&& other) noexcept {
    if (this != &other) {
        release();
        m_out = other.m_out;
        m_fd = other.m_fd;
        m_owns_fd = other.m_owns_fd;
        m_finished = other.m_finished;
        m_name = std::move(other.m_name);
        m_buffer = std::move(other.m_buffer);
        m_options = other.m_options;
        m_error = std::move(other.m_error);
        other.m_out = nullptr;
        other.m_fd = -1;
        other.m_owns_fd = false;
        other.m_finished = true;
        other.m_buffer.clear();
    }
    return *this;
}

CsvWriter::~CsvWriter() { release(); }

void CsvWriter::release() noexcept {
    if (!m_finished) (void)finish();
}

namespace {

// Whether a field holds a quote, a line break or the delimiter. One pass over the bytes, eight at
// a time (find_first_of with a set calls memchr once per byte of the field, which was a tenth of
// a million-row export; a byte-by-byte loop with four comparisons was still 5 %): a word has a
// byte equal to t exactly when x ^ (t * 0x01..01) has a zero byte, which the classic
// (v - 0x01..01) & ~v & 0x80..80 test tells without false positives.
bool needs_quotes(std::string_view field, char delimiter) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    auto has = [](std::uint64_t x, unsigned char t) {
        std::uint64_t const v = x ^ (kOnes * t);
        return ((v - kOnes) & ~v & kHighs) != 0;
    };
    std::size_t i = 0;
    for (; i + 8 <= field.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, field.data() + i, 8);
        if (has(x, '"') || has(x, '\n') || has(x, '\r') || has(x, static_cast<unsigned char>(delimiter))) return true;
    }
    for (; i < field.size(); ++i) {
        char const c = field[i];
        if (c == '"' || c == '\n' || c == '\r' || c == delimiter) return true;
    }
    return false;
}

}  // namespace

void CsvWriter::append_field(std::string_view field, bool only_field) {
    std::string& out = m_out ? *m_out : m_buffer;
    bool quote = needs_quotes(field, m_options.delimiter);
    // A row holding one empty value would be a blank line, which readers skip.
    if (only_field && field.empty()) quote = true;
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

template <typename Range>
Result<void> CsvWriter::write_fields(Range const& fields) {
    if (m_error) return fail(*m_error);
    if (m_finished)
        return fail(ErrorCode::Internal, {"Penulis CSV sudah ditutup", "The CSV writer is closed"});
    size_t const count = std::size(fields);
    size_t i = 0;
    for (auto const& field : fields) {
        if (i > 0) (m_out ? *m_out : m_buffer) += m_options.delimiter;
        append_field(std::string_view(field), count == 1);
        ++i;
    }
    (m_out ? *m_out : m_buffer) += m_options.line_ending == CsvLineEnding::CrLf ? "\r\n" : "\n";
    if (!m_out && m_buffer.size() >= kWriterFlushBytes) return flush();
    return {};
}

Result<void> CsvWriter::write_row(std::initializer_list<std::string_view> fields) {
    return write_fields(fields);
}
Result<void> CsvWriter::write_row(std::span<std::string_view const> fields) {
    return write_fields(fields);
}
Result<void> CsvWriter::write_row(std::span<std::string const> fields) {
    return write_fields(fields);
}

Result<void> CsvWriter::flush() {
    if (m_error) return fail(*m_error);
    size_t done = 0;
    while (done < m_buffer.size()) {
        ssize_t const n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            m_error = io_error(m_name, "menulis", "write", errno);
            return fail(*m_error);
        }
        done += static_cast<size_t>(n);
    }
    m_buffer.clear();
    return {};
}

Result<void> CsvWriter::finish() {
    if (m_finished) return m_error ? Result<void>(fail(*m_error)) : Result<void>();
    auto flushed = flush();
    m_finished = true;
    if (m_owns_fd) {
        int const fd = m_fd;
        m_fd = -1;
        m_owns_fd = false;
        // close() can report a write error that was deferred (e.g. on NFS or a full disk).
        if (::close(fd) != 0 && flushed) {
            m_error = io_error(m_name, "menutup", "close", errno);
            return fail(*m_error);
        }
    }
    return flushed;
}

}  // namespace pilar
